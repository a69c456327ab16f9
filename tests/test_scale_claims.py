import pytest

from shortlist.engine.cv.scale import find_scale_claims, largest_by_metric
from shortlist.engine.vocab.enums import SCALE_UNITS, ScaleMetric

M = ScaleMetric

CLAIMS = [
    ("Kafka pipeline at 1.2M messages/sec.", M.MESSAGES_PER_SECOND, 1_200_000),
    ("Processed 1.2 million messages per second.", M.MESSAGES_PER_SECOND, 1_200_000),
    ("Served 60,000 requests per second.", M.REQUESTS_PER_SECOND, 60_000),
    ("Gateway at 60k rps.", M.REQUESTS_PER_SECOND, 60_000),
    ("Peaks of 60K req/s.", M.REQUESTS_PER_SECOND, 60_000),
    ("Search handled 5k QPS.", M.REQUESTS_PER_SECOND, 5_000),
    ("Handled 1B requests/day.", M.REQUESTS_PER_SECOND, round(1e9 / 86400, 3)),
    ("Platform with 3M daily users.", M.USERS, 3_000_000),
    ("Used by 2 million users.", M.USERS, 2_000_000),
    ("App with 500k MAU.", M.USERS, 500_000),
    ("Warehouse of 40 TB.", M.DATA_VOLUME, 40),
    ("Lake holding 2 PB of data.", M.DATA_VOLUME, 2000),
    ("Migrated an 800 GB database.", M.DATA_VOLUME, 0.8),
    ("Table of 2 billion rows.", M.ROWS, 2_000_000_000),
    ("Indexed 10M records.", M.ROWS, 10_000_000),
    ("Ran 200 nodes.", M.NODES, 200),
    ("Operated a 300-node cluster.", M.NODES, 300),
    ("Fleet of 1,000 servers.", M.NODES, 1000),
    ("Led a team of 30.", M.ENGINEERS, 30),
    ("Led a team of 8 across London and Kyiv.", M.ENGINEERS, 8),
    ("Grew the team from 4 to 25 engineers.", M.ENGINEERS, 25),
    ("Managed 12 engineers.", M.ENGINEERS, 12),
    ("Managed a team of five engineers.", M.ENGINEERS, 5),
    ("Led a 12-person team.", M.ENGINEERS, 12),
    ("Ledger for $2bn daily transactions.", M.TRANSACTIONS_PER_DAY, 2_000_000_000),
    ("Settled 5M transactions per day.", M.TRANSACTIONS_PER_DAY, 5_000_000),
    ("Matching engine at 3,000 TPS.", M.TRANSACTIONS_PER_DAY, 3000 * 86400),
]


@pytest.mark.parametrize(("text", "metric", "value"), CLAIMS)
def test_claim_is_normalised_to_the_metric_unit(text, metric, value):
    claims = find_scale_claims(text)
    assert [(c.metric, c.value) for c in claims] == [(metric, pytest.approx(value))]
    (claim,) = claims
    assert claim.unit == SCALE_UNITS[metric]
    assert claim.snippet == text


NOT_CLAIMS = [
    "Python 3.11 and Java 8.",  # versions
    "In 2019 the company grew 40%.",  # year, percentage
    "Raised $5M in revenue.",  # money without a volume noun
    "Call +44 7911 123456.",  # phone number
    "Mar 2020 – Present",  # dates
    "Cut p99 latency by 40% to 5ms.",
    "Laptops with 16GB RAM.",  # below the data-volume floor
    "Served 1B requests.",  # a total is not a rate
    "Python 3 developers.",  # no leading or growing
    "10+ years of experience.",
    "Handled 2,000,000 in payments.",
    "Line manage a team of 3 HR advisors.",  # a team, but not of engineers
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_no_number_with_a_volume_noun_no_claim(text):
    assert find_scale_claims(text) == []


def test_from_x_to_y_keeps_the_larger():
    (claim,) = find_scale_claims("Scaled storage from 10 TB to 2 PB.")
    assert claim.value == 2000


def test_snippet_is_the_sentence_and_offsets_point_at_the_number():
    text = "Summary line.\n• Built the gateway. It handled 60k rps at peak.\nNext."
    (claim,) = find_scale_claims(text)
    assert claim.snippet == "It handled 60k rps at peak."
    assert text[claim.start : claim.end].startswith("60k")


def test_largest_by_metric():
    claims = find_scale_claims("Served 5k rps.\nLater served 60k rps.\nManaged 12 engineers.")
    largest = largest_by_metric(claims)
    assert largest[M.REQUESTS_PER_SECOND].value == 60_000
    assert largest[M.ENGINEERS].value == 12
