"""`shortlist candidates erase`, `candidates export --sar`, `purge` and `import --consent-date`: what an
operator answering a person's request, or running the retention policy, sees and gets."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate
from shortlist.cli import app
from shortlist.compliance.models import ErasureReceipt
from shortlist.pipeline.models import Application
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CV = FIXTURES / "privacy" / "zofia-quenby-cv-7731.txt"


def invoke(*args: str, answer: str | None = None) -> object:
    return CliRunner().invoke(app, list(args), input=answer)


def said(result: object) -> str:
    """The output with the terminal's line wrapping undone (a longer id moves the wrap)."""
    return " ".join(result.output.split())


@pytest.fixture
def zofia(tmp_path: Path) -> Candidate:
    shutil.copy(CV, tmp_path / CV.name)
    outcome = import_sources(iter_sources([tmp_path / CV.name])).outcomes[0]
    return Candidate.objects.get(pk=outcome.candidate_id)


def test_erase_asks_first_and_keeps_the_person_when_refused(zofia: Candidate) -> None:
    result = invoke("candidates", "erase", str(zofia.pk), answer="n\n")
    assert result.exit_code == 0, result.output
    assert "Zofia Quenby-Przybylska" in result.output and "cannot be undone" in result.output
    assert Candidate.objects.filter(pk=zofia.pk).exists()
    assert not ErasureReceipt.objects.exists()


def test_erase_with_yes_prints_the_receipt_that_holds_nothing_about_them(zofia: Candidate) -> None:
    result = invoke("candidates", "erase", str(zofia.pk), "--yes", "--reason", "asked on the phone")
    assert result.exit_code == 0, result.output
    receipt = ErasureReceipt.objects.get()
    assert receipt.receipt_id in said(result) and "candidate 1" in said(result)
    assert receipt.reason == "asked on the phone" and receipt.erased_by_label == "operator"
    assert receipt.completed_at is not None  # the index step ran before the command returned
    assert not Candidate.objects.filter(pk=zofia.pk).exists()
    stored = json.dumps([receipt.reason, receipt.counts, receipt.erased_by_label, receipt.receipt_id])
    assert "zofia" not in stored.lower() and str(zofia.pk) not in receipt.counts


def test_a_reason_that_names_the_person_is_refused_and_nothing_is_erased(zofia: Candidate) -> None:
    result = invoke(
        "candidates", "erase", str(zofia.pk), "--yes", "--reason", "Zofia Quenby-Przybylska asked"
    )
    assert result.exit_code == 1
    assert "names the person" in result.output
    assert Candidate.objects.filter(pk=zofia.pk).exists()


def test_erasing_an_unknown_id_exits_1() -> None:
    result = invoke("candidates", "erase", "999999", "--yes")
    assert result.exit_code == 1 and "no candidate with id 999999" in result.output


def test_the_confirmation_names_a_likely_duplicate_it_will_not_erase(
    zofia: Candidate, tmp_path: Path
) -> None:
    referral = tmp_path / "zq-referral-7731.txt"
    referral.write_bytes(CV.read_bytes().replace(b"Senior Go Engineer\n", b"Go engineer (referral)\n", 1))
    duplicate = import_sources(iter_sources([referral])).outcomes[0].candidate_id
    result = invoke("candidates", "erase", str(zofia.pk), answer="y\n")
    assert f"Likely the same person, not erased unless named too: #{duplicate}" in said(result)
    assert (
        Candidate.objects.filter(pk=duplicate).exists() and not Candidate.objects.filter(pk=zofia.pk).exists()
    )


def test_access_request_writes_json_and_a_pdf_with_everything_held(zofia: Candidate, tmp_path: Path) -> None:
    objects = one_of_everything()
    application = Application.open(zofia, objects["role"], note="Strong Kafka evidence")
    application.notes.create(body="Prefers hybrid, call after 5pm")
    out = tmp_path / "sar"
    result = invoke("candidates", "export", str(zofia.pk), "--sar", "--out", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads((out / f"candidate-{zofia.pk}-access-request.json").read_text())
    sections = document["sections"]
    assert list(sections) == [
        "profile", "data_protection", "import_records", "pipelines", "rankings", "webhook_events",
    ]  # fmt: skip
    assert sections["profile"]["emails"] == ["zofia.quenby.7731@example.net"]
    assert "Built the payments gateway in Go" in sections["profile"]["text"]
    assert any(s["evidence"] for s in sections["profile"]["skills"])
    assert sections["data_protection"]["lawful_basis"] == "Legitimate interest"
    pipeline = sections["pipelines"][0]
    assert (
        pipeline["role"] == objects["role"].title
        and pipeline["history"][0]["note"] == "Strong Kafka evidence"
    )
    assert pipeline["notes"][0]["text"] == "Prefers hybrid, call after 5pm"
    pdf = (out / f"candidate-{zofia.pk}-access-request.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_access_request_without_out_prints_the_json(zofia: Candidate) -> None:
    result = invoke("candidates", "export", str(zofia.pk), "--sar")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["candidate_id"] == zofia.pk


def test_import_records_the_default_basis_notice_and_retention(zofia: Candidate) -> None:
    today = date.today()
    assert zofia.lawful_basis == "legitimate_interest" and zofia.consent_at is None
    assert 28 <= (zofia.notice_due - today).days <= 31
    assert zofia.retain_until == today + timedelta(days=365)


def test_import_with_consent_records_it_and_its_retention(tmp_path: Path) -> None:
    shutil.copy(CV, tmp_path / CV.name)
    result = invoke("import", str(tmp_path), "--consent-date", "2026-01-15")
    assert result.exit_code == 0, result.output
    candidate = Candidate.objects.get()
    assert candidate.lawful_basis == "consent"
    assert timezone.localdate(candidate.consent_at) == date(2026, 1, 15)
    assert candidate.notice_due is None  # told when they consented
    assert candidate.retain_until == date(2026, 1, 15) + timedelta(days=730)


def test_purge_dry_run_lists_then_purge_erases_past_retention_and_holds_open_pipelines(
    tmp_path: Path,
) -> None:
    objects = one_of_everything()
    held = objects["candidate"]  # in an open pipeline (sourced)
    for name in ("anna-kowalska.pdf", "mei-chen.txt"):
        shutil.copy(FIXTURES / "cvs" / name, tmp_path / name)
    import_sources(iter_sources([tmp_path]))
    anna, mei = (Candidate.objects.get(source=n) for n in ("anna-kowalska.pdf", "mei-chen.txt"))
    yesterday = date.today() - timedelta(days=1)
    Candidate.objects.filter(pk__in=[anna.pk, held.pk]).update(retain_until=yesterday)

    result = invoke("purge", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        f"1 to erase (#{anna.pk})" in result.output
        and f"Held, in an open pipeline: #{held.pk}" in result.output
    )
    assert Candidate.objects.filter(pk=anna.pk).exists()

    result = invoke("purge")
    assert result.exit_code == 0, result.output
    assert "Erased 1 past retention" in result.output
    assert set(Candidate.objects.values_list("pk", flat=True)) == {held.pk, mei.pk}
    assert ErasureReceipt.objects.get().reason == "retention"
    assert "Erased 0" in invoke("purge").output  # idempotent
