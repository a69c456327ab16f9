"""`shortlist import --json` reports every file; `shortlist reparse` re-reads stale profiles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.models import Candidate, Experience
from shortlist.cli import app
from shortlist.engine.cv.parse import PARSER_VERSION

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cvs"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cvs"
    folder.mkdir()
    shutil.copy(FIXTURES / "emma-hughes.txt", folder / "emma.txt")
    (folder / "empty.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "notes.txt").write_text("Grocery list: eggs, milk.\n")
    return folder


def test_import_json_gives_each_file_its_status_reason_and_warnings(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", "--json", str(_folder(tmp_path))])
    assert result.exit_code == 1  # one file failed
    report = json.loads(result.stdout)
    by_file = {entry["file"]: entry for entry in report["files"]}
    assert set(by_file) == {"emma.txt", "empty.pdf", "notes.txt"}
    emma = Candidate.objects.get(source="emma.txt")
    assert by_file["emma.txt"]["status"] == "imported" and by_file["emma.txt"]["candidate_id"] == emma.id
    assert by_file["empty.pdf"]["status"] == "failed" and by_file["empty.pdf"]["reason"]
    assert "no skills found" in by_file["notes.txt"]["warnings"]
    assert report["counts"] == {"imported": 2, "updated": 0, "unchanged": 0, "duplicate": 0, "failed": 1}


def test_candidates_show_json_carries_warnings_and_parser_version(tmp_path: Path) -> None:
    CliRunner().invoke(app, ["import", str(_folder(tmp_path))])
    notes = Candidate.objects.get(source="notes.txt")
    shown = json.loads(CliRunner().invoke(app, ["candidates", "show", str(notes.id), "--json"]).stdout)
    assert "no skills found" in shown["warnings"]
    assert shown["parser_version"] == PARSER_VERSION


def test_reparse_re_reads_only_stale_profiles_by_default(tmp_path: Path) -> None:
    CliRunner().invoke(app, ["import", str(_folder(tmp_path))])
    emma = Candidate.objects.get(source="emma.txt")
    jobs = emma.experiences.count()
    Experience.objects.filter(candidate=emma).delete()
    Candidate.objects.filter(pk=emma.pk).update(parser_version="1")

    result = CliRunner().invoke(app, ["reparse", "--json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["candidates"] == [{"id": emma.id, "status": "reparsed", "reason": None, "warnings": []}]
    assert report["counts"] == {"reparsed": 1, "skipped": 0, "failed": 0}
    assert emma.experiences.count() == jobs > 0
    assert Candidate.objects.get(pk=emma.pk).parser_version == PARSER_VERSION


def test_reparse_names_an_unknown_id_and_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reparse", "424242"])
    assert result.exit_code == 1
    assert "#424242 failed: no candidate with id 424242" in result.stdout


def test_reparse_refuses_ids_with_all() -> None:
    result = CliRunner().invoke(app, ["reparse", "1", "--all"])
    assert result.exit_code == 1
    assert "Give candidate ids or --all, not both." in result.stderr
