"""Importing a recruiter's folder: good CVs in, bad files out with a reason each, nothing half-done."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from benchmarks.datasets import KAGGLE_CSV, write_kaggle_texts
from typer.testing import CliRunner

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, CandidateSkill, ImportStatus, ScaleClaim
from shortlist.cli import app
from tests.fixtures.bad_files import write_bad_corpus

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text())


def _copy_fixtures(folder: Path) -> list[str]:
    folder.mkdir(parents=True)
    names = [entry["file"] for entry in EXPECTED]
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return names


@pytest.fixture
def pool(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """fixtures/ (labelled CVs), bad/ (the bad-file corpus) and, where the data is here, kaggle/."""
    root = tmp_path / "pool"
    _copy_fixtures(root / "fixtures")
    (root / "bad").mkdir()
    bad = write_bad_corpus(root / "bad")
    return root, bad


def test_every_good_cv_imports_and_every_bad_file_fails_with_its_reason(
    pool: tuple[Path, dict[str, str]],
) -> None:
    root, bad = pool
    summary = import_sources(iter_sources([root]))
    by_name = {o.name: o for o in summary.outcomes}
    failed = {o.name for o in summary.failed}
    assert failed == {f"bad/{name}" for name in bad}
    for name, phrase in bad.items():
        reason = by_name[f"bad/{name}"].reason
        assert phrase.lower() in reason.lower(), f"{name}: {reason!r} lacks {phrase!r}"
    assert summary.counts["imported"] == len(EXPECTED)
    assert Candidate.objects.count() == len(EXPECTED)
    sources = set(Candidate.objects.values_list("source", flat=True))
    assert sources == {f"fixtures/{entry['file']}" for entry in EXPECTED}


@pytest.mark.skipif(not KAGGLE_CSV.exists(), reason="../shared/data is not beside the checkout")
def test_mixed_folder_with_kaggle_cvs_gives_the_exact_summary(pool: tuple[Path, dict[str, str]]) -> None:
    root, bad = pool
    kaggle = write_kaggle_texts(root / "kaggle")
    summary = import_sources(iter_sources([root]))
    assert dict(summary.counts) == {"imported": len(EXPECTED) + len(kaggle), "failed": len(bad)}
    assert len(kaggle) == 166
    again = import_sources(iter_sources([root]))
    assert dict(again.counts) == {"unchanged": len(EXPECTED) + len(kaggle), "failed": len(bad)}
    assert Candidate.objects.count() == len(EXPECTED) + len(kaggle)


def test_reimporting_changes_nothing(tmp_path: Path) -> None:
    _copy_fixtures(tmp_path / "cvs")
    import_sources(iter_sources([tmp_path / "cvs"]))
    before = list(Candidate.objects.order_by("id").values_list("id", "updated_at"))
    skills = CandidateSkill.objects.count()
    again = import_sources(iter_sources([tmp_path / "cvs"]))
    assert {o.status for o in again.outcomes} == {ImportStatus.UNCHANGED}
    assert list(Candidate.objects.order_by("id").values_list("id", "updated_at")) == before
    assert CandidateSkill.objects.count() == skills


def test_same_person_in_two_files_is_flagged_as_a_likely_duplicate(tmp_path: Path) -> None:
    entry = next(e for e in EXPECTED if e["file"].endswith(".txt") and e.get("email"))
    original = (FIXTURES / entry["file"]).read_text(encoding="utf-8", errors="replace")
    (tmp_path / "first.txt").write_text(original)
    (tmp_path / "second.txt").write_text(original + "\nAvailable from January.\n")
    summary = import_sources(iter_sources([tmp_path / "first.txt", tmp_path / "second.txt"]))
    first, second = summary.outcomes
    assert first.status == ImportStatus.IMPORTED
    assert second.status == ImportStatus.DUPLICATE and second.duplicate_of == first.candidate_id
    assert entry["email"] in second.reason or "same e-mail or phone" in second.reason
    assert Candidate.objects.get(pk=second.candidate_id).duplicate_of_id == first.candidate_id


def test_a_changed_file_updates_its_candidate(tmp_path: Path) -> None:
    entry = next(e for e in EXPECTED if e["file"].endswith(".txt") and e.get("email"))
    path = tmp_path / "cv.txt"
    path.write_text((FIXTURES / entry["file"]).read_text(encoding="utf-8", errors="replace"))
    (first,) = import_sources(iter_sources([path])).outcomes
    path.write_text(path.read_text() + "\nAlso: Rust programming on side projects, Rust and C++.\n")
    (second,) = import_sources(iter_sources([path])).outcomes
    assert second.status == ImportStatus.UPDATED and second.candidate_id == first.candidate_id
    assert Candidate.objects.count() == 1


def test_a_failure_while_storing_leaves_no_partial_candidate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = next(e for e in EXPECTED if e.get("scale_claims"))
    shutil.copy(FIXTURES / entry["file"], tmp_path / entry["file"])

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ScaleClaim.objects, "bulk_create", broken)
    (outcome,) = import_sources(iter_sources([tmp_path])).outcomes
    assert outcome.status == ImportStatus.FAILED and "could not be stored" in outcome.reason
    assert not Candidate.objects.exists() and not CandidateSkill.objects.exists()


def test_missing_path_is_named(tmp_path: Path) -> None:
    (outcome,) = import_sources(iter_sources([tmp_path / "nope.pdf"])).outcomes
    assert outcome.status == ImportStatus.FAILED and outcome.reason == "no such file or folder"


def test_cli_import_prints_the_summary_and_exits_1_on_any_failure(pool: tuple[Path, dict[str, str]]) -> None:
    root, bad = pool
    result = CliRunner().invoke(app, ["import", str(root)])
    assert result.exit_code == 1
    assert f"{len(EXPECTED)} imported" in result.output and f"{len(bad)} failed" in result.output
    assert "encrypted" in result.output.lower()
    clean = CliRunner().invoke(app, ["import", str(root / "fixtures")])
    assert clean.exit_code == 0
    assert f"{len(EXPECTED)} unchanged" in clean.output


def test_the_file_size_limit_is_a_setting(tmp_path: Path, settings: object) -> None:
    settings.IMPORT_MAX_FILE_MB = 1
    big = tmp_path / "long.txt"
    big.write_text("Jordan Example\nBackend Engineer\n" + "Python services. " * 80_000)
    (outcome,) = import_sources(iter_sources([big])).outcomes
    assert outcome.status == ImportStatus.FAILED and "larger than the 1.0 MB limit" in outcome.reason
