"""The original CV from the candidate's page (issue 12): agency staff download it (a safe name, an
attachment, nothing a browser would run) and preview it (a PDF framed by our own page only, other
formats as escaped text); a client user never; blind review asks for a reveal first; each is logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.audit.models import AccessEvent, AccessKind
from shortlist.audit.services import role_blind_review_set
from shortlist.candidates.models import ImportBatch, ImportFile
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a CV\n"


@pytest.fixture
def kept(settings, tmp_path) -> dict[str, object]:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    objects = one_of_everything()

    def keep(name: str, data: bytes) -> Path:
        folder = Path(settings.UPLOAD_DIR) / "1"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"00000-{name.replace(' ', '_')}"
        path.write_bytes(data)
        ImportFile.objects.create(
            batch=ImportBatch.objects.create(), name=name, stored_path=str(path), status="imported",
            candidate=objects["candidate"],
        )  # fmt: skip
        return path

    objects["keep"] = keep
    return objects


def test_a_recruiter_downloads_the_pdf_as_an_attachment_and_it_is_logged(client, recruiter, kept) -> None:
    kept["keep"]('Grace "Hopper" CV (final).pdf', PDF)
    grace = kept["candidate"].pk
    client.force_login(recruiter)
    page = client.get(reverse("web:candidate", args=[grace])).content.decode()
    assert reverse("web:candidate_cv", args=[grace]) in page
    preview = client.get(reverse("web:candidate_cv", args=[grace])).content.decode()
    assert reverse("web:candidate_cv_download", args=[grace]) in preview
    response = client.get(reverse("web:candidate_cv_download", args=[grace]))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Grace-Hopper-CV-final.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessEvent.objects.filter(candidate_id=grace, kind=AccessKind.DOWNLOAD).count() == 1


def test_the_pdf_preview_is_framed_by_our_own_page_only(client, recruiter, kept) -> None:
    kept["keep"]("grace.pdf", PDF)
    grace = kept["candidate"].pk
    client.force_login(recruiter)
    page = client.get(reverse("web:candidate_cv", args=[grace]))
    assert f'<iframe class="cv-preview" src="{reverse("web:candidate_cv_inline", args=[grace])}"' in (
        page.content.decode()
    )
    assert "frame-src 'self'" in page["Content-Security-Policy"]
    framed = client.get(reverse("web:candidate_cv_inline", args=[grace]))
    assert framed["Content-Disposition"] == 'inline; filename="grace.pdf"'
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    # Every other page keeps the strict policy.
    assert (
        "frame-ancestors 'none'"
        in client.get(reverse("web:candidate", args=[grace]))["Content-Security-Policy"]
    )


def test_an_html_cv_is_never_served_as_html_and_its_text_is_escaped(client, recruiter, kept) -> None:
    kept["keep"]("grace.html", b"<script>alert(1)</script><p>Grace</p>")
    grace = kept["candidate"]
    grace.raw_text = "<script>alert(1)</script> Grace Hopper"
    grace.save()
    client.force_login(recruiter)
    download = client.get(reverse("web:candidate_cv_download", args=[grace.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    inline = client.get(reverse("web:candidate_cv_inline", args=[grace.pk]))
    assert inline["Content-Disposition"].startswith("attachment;")  # only a PDF previews inline
    preview = client.get(reverse("web:candidate_cv", args=[grace.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Grace Hopper" in preview and "<script>alert" not in preview


def test_a_client_user_gets_no_cv_even_of_a_revealed_candidate(client, kept) -> None:
    kept["keep"]("grace.pdf", PDF)
    application = kept["application"]
    application.move_to("submitted")
    application.__class__.objects.filter(pk=application.pk).update(revealed_at="2026-01-01T00:00:00Z")
    carol = create_user("carol", "a-long-test-password", role=AccessRole.CLIENT, client=kept["client"].name)
    client.force_login(carol)
    grace = kept["candidate"].pk
    for name in ("web:candidate_cv", "web:candidate_cv_download", "web:candidate_cv_inline"):
        response = client.get(reverse(name, args=[grace]))
        assert response.status_code == 403 and PDF not in response.content, name
    assert not AccessEvent.objects.filter(kind=AccessKind.DOWNLOAD).exists()


def test_blind_review_asks_for_a_reveal_first(client, recruiter, kept) -> None:
    from shortlist.accounts.access import Actor

    kept["keep"]("grace.pdf", PDF)
    role, grace = kept["role"], kept["candidate"].pk
    role_blind_review_set(actor=Actor.of(recruiter), role_id=role.pk, enabled=True)
    client.force_login(recruiter)
    page = client.get(reverse("web:candidate", args=[grace]) + f"?role={role.pk}").content.decode()
    assert reverse("web:candidate_cv", args=[grace]) not in page
    url = reverse("web:candidate_cv_download", args=[grace]) + f"?role={role.pk}"
    assert client.get(url).status_code == 403
    client.post(reverse("web:reveal", args=[grace]), {"role": role.pk})
    assert client.get(url).status_code == 200


def test_without_a_kept_file_the_preview_offers_the_text_and_no_download(client, recruiter, kept) -> None:
    grace = kept["candidate"].pk
    client.force_login(recruiter)
    preview = client.get(reverse("web:candidate_cv", args=[grace])).content.decode()
    assert "No file is kept" in preview and reverse("web:candidate_cv_download", args=[grace]) not in preview
    assert "Grace Hopper ..." in preview
    assert client.get(reverse("web:candidate_cv_download", args=[grace])).status_code == 404


def test_a_stored_path_outside_the_upload_folder_is_never_read(client, recruiter, kept, tmp_path) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(PDF)
    ImportFile.objects.create(
        batch=ImportBatch.objects.create(), name="x.pdf", stored_path=str(outside), status="imported",
        candidate=kept["candidate"],
    )  # fmt: skip
    client.force_login(recruiter)
    assert client.get(reverse("web:candidate_cv_download", args=[kept["candidate"].pk])).status_code == 404
