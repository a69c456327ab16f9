"""The workspace side of data protection: what a recruiter sees and may do, what only an admin may do."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from shortlist.candidates.models import Candidate
from shortlist.compliance.erasure import finish_erasures
from shortlist.compliance.models import ErasureReceipt
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


def test_the_candidate_page_shows_basis_notice_retention_and_the_access_request(signed_in: object) -> None:
    candidate = one_of_everything()["candidate"]
    Candidate.objects.filter(pk=candidate.pk).update(
        lawful_basis="legitimate_interest", notice_due=date(2027, 1, 7), retain_until=date(2027, 12, 7)
    )
    html = signed_in.get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert "Legitimate interest" in html and "due by 7 Jan 2027" in html and "7 Dec 2027" in html
    assert reverse("web:candidate_access_pdf", args=[candidate.pk]) in html
    assert reverse("web:candidate_erase", args=[candidate.pk]) not in html  # a recruiter may not erase


def test_access_request_downloads_as_json_and_pdf(signed_in: object) -> None:
    candidate = one_of_everything()["candidate"]
    response = signed_in.get(reverse("web:candidate_access_json", args=[candidate.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    sections = json.loads(response.content)["sections"]
    assert sections["pipelines"][0]["notes"][0]["text"] == "Call on Friday"
    pdf = signed_in.get(reverse("web:candidate_access_pdf", args=[candidate.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_access_request_pdf_reads_back_whole_download_after_download(signed_in: object) -> None:
    """The PDF's font is parsed once per process and lines are wrapped by the page: every download,
    not only the first, carries the person's words, non-Latin letters and a long note unbroken."""
    import io

    from pypdf import PdfReader

    from shortlist.textpdf import unicode_font

    candidate = one_of_everything()["candidate"]
    long_note = " ".join(f"word{n}" for n in range(14)) + " " + "x" * 100  # a token wider than the page
    Candidate.objects.filter(pk=candidate.pk).update(name="Zoë Łukasz-Żółć", headline=long_note)
    url = reverse("web:candidate_access_pdf", args=[candidate.pk])
    for _ in range(2):
        pdf = PdfReader(io.BytesIO(signed_in.get(url).content))
        text = " ".join("".join(page.extract_text() for page in pdf.pages).split())
        name = "Zoë Łukasz-Żółć" if unicode_font() else "Zo? ?ukasz-???"
        assert f"What we hold about {name}" in text
        assert "word0 word1" in text and "word12 word13" in text
        assert "x" * 100 in text.replace(" ", "")  # the token too wide for a line is cut, not lost
        assert "Call on Friday" in text


def test_a_recruiter_cannot_erase(signed_in: object) -> None:
    candidate = one_of_everything()["candidate"]
    response = signed_in.post(reverse("web:candidate_erase", args=[candidate.pk]), {"reason": "asked"})
    assert response.status_code == 403
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_an_admin_erases_from_the_candidate_page_with_a_reason(
    admin_user_client: object, django_capture_on_commit_callbacks: object
) -> None:
    candidate = one_of_everything()["candidate"]
    page = admin_user_client.get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert reverse("web:candidate_erase", args=[candidate.pk]) in page
    refused = admin_user_client.post(
        reverse("web:candidate_erase", args=[candidate.pk]), {"reason": "Grace Hopper asked"}, follow=True
    )
    assert "names the person" in refused.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    with django_capture_on_commit_callbacks() as queued:
        done = admin_user_client.post(
            reverse("web:candidate_erase", args=[candidate.pk]), {"reason": "asked by e-mail"}, follow=True
        )
    receipt = ErasureReceipt.objects.get()
    assert f"Erasure receipt {receipt.receipt_id}" in done.content.decode()
    assert receipt.erased_by_label == "root" and not Candidate.objects.filter(pk=candidate.pk).exists()
    # The index step is left to the worker (seconds per 100,000 candidates, too long for a request):
    # one task queued on commit, besides the pool's count of this process's writes (candidates/writes.py).
    tasks = [callback for callback in queued if callback.__module__ != "shortlist.candidates.writes"]
    assert len(tasks) == 1 and receipt.completed_at is None
    finish_erasures.call()
    receipt.refresh_from_db()
    assert receipt.completed_at is not None and "index" in receipt.counts


def test_the_admin_erase_action_asks_for_a_reason_and_the_plain_delete_is_gone(
    admin_user_client: object,
) -> None:
    candidate = one_of_everything()["candidate"]
    url = reverse("admin:candidates_candidate_changelist")
    chosen = {"action": "erase_selected", ACTION_CHECKBOX_NAME: [candidate.pk]}
    confirm = admin_user_client.post(url, chosen)
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    admin_user_client.post(url, {**chosen, "confirm": "1", "reason": "retention review"})
    assert not Candidate.objects.exists() and ErasureReceipt.objects.get().reason == "retention review"
    changelist = admin_user_client.get(url).content.decode()
    assert "delete_selected" not in changelist


def test_the_privacy_page_lists_notices_to_send_and_retention_ending(signed_in: object) -> None:
    today = date.today()
    overdue = Candidate.objects.create(name="Notice Overdue", notice_due=today - timedelta(days=2))
    Candidate.objects.create(name="Notice Sent", notice_due=today, notice_sent_at="2026-01-01T00:00Z")
    Candidate.objects.create(name="Retention Ending", retain_until=today + timedelta(days=10))
    Candidate.objects.create(name="Kept Long", retain_until=today + timedelta(days=300))
    html = signed_in.get(reverse("web:privacy")).content.decode()
    assert "Notice Overdue" in html and "(overdue)" in html and "Retention Ending" in html
    assert "Notice Sent" not in html and "Kept Long" not in html
    assert "4 profiles have no lawful basis recorded" in html

    signed_in.post(reverse("web:candidate_notice_sent", args=[overdue.pk]), {"next": reverse("web:privacy")})
    overdue.refresh_from_db()
    assert overdue.notice_sent_at is not None
    assert "Notice Overdue" not in signed_in.get(reverse("web:privacy")).content.decode()


def test_an_upload_with_a_consent_date_records_consent_as_the_basis(signed_in: object) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from shortlist.candidates.models import ImportFile
    from shortlist.candidates.tasks import import_uploaded_file
    from tests.cli.test_privacy_commands import CV

    cv = SimpleUploadedFile(CV.name, CV.read_bytes())
    future = signed_in.post(reverse("web:upload"), {"files": [cv], "consent_date": "2999-01-01"})
    assert future.status_code == 400 and "future" in future.content.decode()
    cv = SimpleUploadedFile(CV.name, CV.read_bytes())
    response = signed_in.post(reverse("web:upload"), {"files": [cv], "consent_date": "2026-11-02"})
    assert response.status_code == 302
    import_uploaded_file.call(ImportFile.objects.get().pk)
    candidate = Candidate.objects.get()
    assert candidate.lawful_basis == "consent"
    assert timezone.localdate(candidate.consent_at) == date(2026, 11, 2)
    assert candidate.notice_due is None and candidate.retain_until == date(2026, 11, 2) + timedelta(days=730)
