"""Blind review in a real browser: no name or contact on the shortlist or the candidate page until the
recruiter reveals that candidate, and the reveal is in the audit (issue 15)."""

from __future__ import annotations

import pytest

from shortlist.audit.models import AccessEvent, RoleBlindReview
from shortlist.candidates.models import CandidateSkill
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME, EMAIL, PHONE, FILE = "Grace Hopper", "grace@example.org", "+447700900123", "grace.pdf"
HIDDEN = (NAME, "Hopper", EMAIL, PHONE, FILE, " she ", "British")


@pytest.fixture
def blind_role() -> dict[str, object]:
    empty_index()
    objects = one_of_everything()
    CandidateSkill.objects.filter(candidate=objects["candidate"], skill="go").update(
        evidence=[
            {"section": "experience", "snippet": "Grace Hopper built the order gateway in Go; she is British"}
        ]
    )
    make_candidate(name="Alan Turing", skills=(("go", 3.0),), emails=["alan@example.org"])
    RoleBlindReview.objects.create(role=objects["role"], enabled=True)
    return objects


def _log_in(page: object, url: str) -> None:
    page.goto(url)
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def _shows_none(text: str, words: tuple[str, ...]) -> None:
    assert [w for w in words if w in text] == []


def test_names_and_contact_stay_hidden_until_revealed(page, live_server, recruiter, blind_role) -> None:
    role, grace = blind_role["role"], blind_role["candidate"]
    _log_in(page, f"{live_server.url}/login/?next=/roles/{role.pk}/shortlist/")
    page.get_by_role("heading", name="Shortlist: Senior Go Engineer - HFT Platform").wait_for()
    shortlist = page.content()
    _shows_none(shortlist, (*HIDDEN, "Alan Turing", "alan@example.org"))
    assert "Blind review on" in page.locator(".blind-controls").inner_text()
    grace_row = page.locator(f"#candidate-{grace.pk}")
    assert "they" in grace_row.locator(".reasons").inner_text()

    label = grace_row.locator("a.name").inner_text()
    assert label.startswith("Candidate ")
    grace_row.locator("a.name").click()
    page.get_by_role("heading", name=label).wait_for()
    _shows_none(page.content(), HIDDEN)
    assert (
        "[name] built the order gateway in Go; they is [nationality]"
        in page.locator("table.skills").inner_text()
    )

    page.get_by_role("button", name="Reveal this candidate").click()
    page.get_by_role("heading", name=NAME).wait_for()
    assert EMAIL in page.content() and "Grace Hopper built the order gateway" in page.content()
    reveal = AccessEvent.objects.get(kind="reveal")
    assert (reveal.candidate_id, reveal.role_id, reveal.by) == (grace.pk, role.pk, "rita")

    page.goto(f"{live_server.url}/roles/{role.pk}/shortlist/")
    assert page.locator(f"#candidate-{grace.pk} a.name").inner_text() == NAME
    assert "Alan Turing" not in page.content()  # a reveal is for that one candidate
