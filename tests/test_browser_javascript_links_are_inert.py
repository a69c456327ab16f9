"""In a real browser, a JSON Resume's `javascript:` GitHub link runs nothing (issue 13's stored XSS)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shortlist.accounts.access import Actor
from shortlist.candidates.models import Candidate
from shortlist.candidates.services import candidate_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XSS = "javascript:document.title='pwned';alert(document.domain)"


def test_the_javascript_link_of_a_json_resume_is_inert(
    page: object, live_server: object, recruiter: object, tmp_path: Path
) -> None:
    cv = tmp_path / "mallory.json"
    cv.write_text(
        json.dumps({"basics": {"name": "Mallory Example", "profiles": [{"network": "GitHub", "url": XSS}]}})
    )
    candidate_import(actor=Actor.system(), paths=[cv])
    imported = Candidate.objects.get(name="Mallory Example")
    # A second profile holds the link as an older import stored it, straight in the database.
    planted = Candidate.objects.create(name="Planted Example", github_url=XSS, linkedin_url=XSS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    blocked: list[str] = []  # what the strict CSP had to stop: nothing of ours may need it
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text)
    )

    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Clients & roles").wait_for()
    for candidate in (imported, planted):
        page.goto(f"{live_server.url}/candidates/{candidate.pk}/")
        page.get_by_role("heading", name=candidate.name).wait_for()
        assert page.locator("a[href*='script:' i]").count() == 0
        assert page.get_by_role("link", name="GitHub").count() == 0
        for link in page.locator("a").all():  # every link on the page goes somewhere real
            href = link.get_attribute("href") or ""
            # "#content" is the skip link, within the page
            assert href.startswith(("/", "http://", "https://", "mailto:", "?", "#")), href
    assert dialogs == [] and page.title() != "pwned"
    assert blocked == []
