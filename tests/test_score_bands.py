"""Each score carries a band a recruiter can read (strong, good, partial, weak), computed in the engine
and shown in `match --json` and on the shortlist page (issue 11)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from benchmarks.synthetic import LISTED, WORK, make_profile, role_spec
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from shortlist.candidates import pool
from shortlist.cli import app
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import Match, rank
from shortlist.engine.matching.scoring import BAND_MEANINGS, score_band
from shortlist.engine.roles.weighting import build_role_profile
from shortlist.engine.vocab.enums import WorkMode
from tests.factories import one_of_everything

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(
    role_spec("Backend Engineer", must=("python", "kafka"), nice=("redis",), salary=None)
)
CORE = [("python", WORK, 6, NOW), ("kafka", WORK, 5, NOW), ("redis", WORK, 4, NOW)]
CRAFT = [
    (skill, WORK, 4, NOW)
    for skill in ("testing", "system-design", "sql", "ci-cd", "code-review", "debugging")
]
PEOPLE = {
    "complete": make_profile([*CORE, *CRAFT]),
    "musts_only": make_profile(CORE),
    "kafka_listed": make_profile([CORE[0], ("kafka", LISTED, 0, None), *CORE[2:], *CRAFT]),
    "python_only": make_profile(CORE[:1]),
    "will_not_move": make_profile([*CORE, *CRAFT], city="Manchester", relocate=False),
}
ORDER = ["weak", "partial", "good", "strong"]


def bands() -> dict[str, Match]:
    names = list(PEOPLE)
    index = CandidateIndex.build(
        ((i, PEOPLE[name]) for i, name in enumerate(names)),
        today=TODAY,
        profile_lookup=lambda i: PEOPLE[names[i]],
    )
    return {names[m.candidate_id]: m.band for m in rank(index, ROLE, top=10).matches}


def test_every_must_have_used_at_work_and_most_criteria_met_is_strong() -> None:
    assert bands()["complete"] == "strong"


def test_must_haves_used_at_work_with_a_thinner_fit_is_good() -> None:
    assert bands()["musts_only"] == "good"


def test_a_must_have_only_listed_is_never_good_or_strong() -> None:
    assert bands()["kafka_listed"] == "partial"


def test_a_missing_must_have_with_little_else_is_weak() -> None:
    assert bands()["python_only"] == "weak"


def test_someone_who_cannot_be_placed_is_not_strong() -> None:
    role = build_role_profile(
        role_spec(
            "Backend Engineer", must=("python", "kafka"), nice=("redis",), salary=None, remote=WorkMode.ONSITE
        )
    )
    index = CandidateIndex.build([(1, PEOPLE["will_not_move"]), (2, PEOPLE["complete"])], today=TODAY)
    found = {m.candidate_id: m.band for m in rank(index, role, top=2, explain=False).matches}
    assert found[2] == "strong" and found[1] != "strong"


def test_every_band_has_a_stated_meaning() -> None:
    assert list(BAND_MEANINGS) == ["strong", "good", "partial", "weak"]
    assert "70%" in BAND_MEANINGS["strong"] and "used at work" in BAND_MEANINGS["strong"]


@given(
    earned=st.floats(0, 1),
    more=st.floats(0, 1),
    musts_used=st.booleans(),
    placed=st.booleans(),
)
def test_more_evidence_never_lowers_a_band(
    earned: float, more: float, musts_used: bool, placed: bool
) -> None:
    base = ORDER.index(score_band(earned, musts_used, placed))
    assert ORDER.index(score_band(min(1.0, earned + more), musts_used, placed)) >= base
    assert ORDER.index(score_band(earned, True, placed)) >= base
    assert ORDER.index(score_band(earned, musts_used, True)) >= base


@pytest.mark.django_db
def test_the_band_is_in_match_json_and_on_the_page(client: object, recruiter: object) -> None:
    pool.forget()
    role = one_of_everything()["role"]
    payload = json.loads(CliRunner().invoke(app, ["match", "--role", str(role.pk), "--json"]).stdout)
    band = payload["results"][0]["band"]
    assert band in BAND_MEANINGS
    assert payload["bands"] == BAND_MEANINGS
    client.force_login(recruiter)
    html = client.get(reverse("web:shortlist", args=[role.pk])).content.decode()
    assert f'class="band band-{band}"' in html
    assert BAND_MEANINGS["strong"] in html  # the key under the list says what each band means
