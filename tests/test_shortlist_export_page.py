"""The client shortlist page (issue 12): bad choices come back as a message at the field with what was
typed kept (400, never a 500); a good one downloads in the order of the position fields."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from shortlist.pipeline.selectors import EXPORT_MAX
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client, recruiter) -> dict[str, object]:
    empty_index()
    client.force_login(recruiter)
    objects = one_of_everything()
    objects["alan"] = make_candidate(name="Alan Turing", headline="Go developer", skills=(("go", 3.0),))
    objects["url"] = reverse("web:shortlist_export", args=[objects["role"].pk])
    return objects


def test_the_page_ticks_the_pipeline_and_links_from_the_shortlist(client, world) -> None:
    shortlist = client.get(reverse("web:shortlist", args=[world["role"].pk])).content.decode()
    assert world["url"] in shortlist
    page = client.get(world["url"]).content.decode()
    grace, alan = world["candidate"].pk, world["alan"].pk
    assert f'value="{grace}" id="export-{grace}" checked' in page  # in the pipeline already
    assert f'value="{alan}" id="export-{alan}">' in page
    assert 'aria-label="Move Alan Turing up"' in page


def test_nothing_ticked_is_a_message_at_the_list(client, world) -> None:
    response = client.post(world["url"], {"format": "pdf", f"line-{world['alan'].pk}": "kept as typed"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="candidates-error">tick at least one candidate' in page
    assert "kept as typed</textarea>" in page


@pytest.mark.parametrize(
    ("ticked", "message"),
    [
        (["987654"], "unknown: 987654"),
        (["abc"], "unknown: abc"),
        (["²"], "unknown: ²"),
        (["99999999999999999999999"], "unknown: 99999999999999999999999"),
        ([str(n) for n in range(EXPORT_MAX + 1)], "at most"),
    ],
)
def test_unknown_or_too_many_are_a_400_with_the_reason(client, world, ticked, message) -> None:
    response = client.post(world["url"], {"candidate": ticked, "format": "csv"})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_long_line_is_marked_on_its_row(client, world) -> None:
    alan = world["alan"].pk
    response = client.post(world["url"], {"candidate": [alan], f"line-{alan}": "x" * 600, "format": "csv"})
    assert response.status_code == 400
    assert f'id="line-{alan}-error">at most 500 characters' in response.content.decode()


def test_the_download_follows_the_position_fields(client, world) -> None:
    grace, alan = world["candidate"].pk, world["alan"].pk
    response = client.post(
        world["url"],
        {"candidate": [grace, alan], f"position-{grace}": "2", f"position-{alan}": "1",
         f"line-{alan}": "First call", f"line-{grace}": "Second call", "format": "csv"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="shortlist-senior-go-engineer')
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["candidate"], r["recruiter_line"]) for r in rows] == [
        ("Alan Turing", "First call"),
        ("Grace Hopper", "Second call"),
    ]


def test_an_unknown_format_is_a_400_not_a_500(client, world) -> None:
    response = client.post(world["url"], {"candidate": [world["alan"].pk], "format": "xls"})
    assert response.status_code == 400
    assert "format must be pdf or csv" in response.content.decode()
