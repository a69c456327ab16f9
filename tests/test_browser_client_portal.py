"""Issue 13's portal journey in a real browser: a client user logs in, sees two submitted candidates
blind, rejects one with a reason; the recruiter then reads that feedback on the role page's card."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.pipeline.models import Application
from tests.factories import make_candidate, one_of_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def _log_in(page: object, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_client_rejects_a_blind_candidate_and_the_recruiter_reads_why(
    page: object, live_server: object, recruiter: object
) -> None:
    made = one_of_everything()
    role = made["role"]
    made["application"].move_to("submitted")
    ada = make_candidate(
        name="Ada Lovelace", emails=["ada@example.org"], phone="+447700900456", headline="Go Engineer"
    )
    Application.open(ada, role).move_to("submitted")
    Application.open(make_candidate(name="Lou Pool"), role)  # sourced only: never shown to the client
    create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant")
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    _log_in(page, live_server.url, "carol")
    page.get_by_role("heading", name="Your roles").wait_for()
    assert page.url == live_server.url + "/portal/"
    page.get_by_role("link", name=role.title).click()
    page.get_by_role("heading", name=role.title).wait_for()
    rows = page.locator("table.submissions tbody tr")
    assert rows.count() == 2
    assert [rows.nth(i).get_by_role("link").inner_text() for i in range(2)] == ["Candidate A", "Candidate B"]
    shown = page.content()
    for secret in ("Grace Hopper", "grace@example.org", "+447700900123", "Ada Lovelace", "ada@example.org",
                   "+447700900456", "Lou Pool"):  # fmt: skip
        assert secret not in shown, secret

    page.get_by_role("link", name="Candidate B").click()
    page.get_by_role("heading", name="Candidate B").wait_for()
    assert "Ada" not in page.content() and "ada@example.org" not in page.content()
    page.get_by_label("Decision").select_option(label="Reject")
    page.get_by_label("Reason (when rejecting)").select_option(label="Seniority does not fit")
    page.get_by_label("Comment", exact=True).fill("We need someone who has led a team.")
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_text("your feedback was sent").wait_for()
    row_b = page.locator("table.submissions tbody tr", has_text="Candidate B")
    assert "Rejected" in row_b.inner_text()
    assert "Seniority does not fit — We need someone who has led a team." in row_b.inner_text()
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server.url, "rita")
    page.get_by_role("heading", name="Clients & roles").wait_for()
    page.goto(f"{live_server.url}/roles/{role.pk}/")
    card = page.locator(".lane", has_text="Rejected").locator("li", has_text="Ada Lovelace")
    feedback = card.locator(".client-feedback").inner_text()
    assert "Client feedback" in feedback and "carol" in feedback
    assert "Seniority does not fit — We need someone who has led a team." in feedback
    assert blocked == []
