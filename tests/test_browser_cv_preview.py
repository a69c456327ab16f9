"""The original CV previewed in the page (issue 12, Debian Chromium): the PDF loads in its frame under
the workspace's strict policy (only that response may be framed, by our own page), with no violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from shortlist.candidates.models import ImportBatch, ImportFile
from tests.factories import one_of_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURE = Path(__file__).parent / "fixtures" / "cvs" / "anna-kowalska.pdf"


def test_the_pdf_shows_in_its_frame_with_no_policy_violation(
    page, live_server, recruiter, settings, tmp_path
):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    objects = one_of_everything()
    folder = Path(settings.UPLOAD_DIR) / "1"
    folder.mkdir(parents=True)
    stored = folder / "00000-anna-kowalska.pdf"
    stored.write_bytes(FIXTURE.read_bytes())
    ImportFile.objects.create(
        batch=ImportBatch.objects.create(), name="anna-kowalska.pdf", stored_path=str(stored),
        status="imported", candidate=objects["candidate"],
    )  # fmt: skip
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Clients & roles").wait_for()

    page.goto(f"{live_server.url}/candidates/{objects['candidate'].pk}/")
    with page.expect_response(lambda r: r.url.endswith("/cv/preview/")) as framed:
        page.get_by_role("link", name="Original CV").click()
    assert framed.value.status == 200 and framed.value.headers["content-type"] == "application/pdf"
    page.get_by_title("The CV as uploaded (PDF)").wait_for()
    assert page.get_by_role("link", name="Download").is_visible()
    page.wait_for_timeout(500)  # the frame's viewer reports any refusal to the console
    assert violations == []
