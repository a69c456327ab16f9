"""`shortlist search`: boolean queries over the stored pool, as a recruiter writes them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.cli import app

pytestmark = pytest.mark.django_db

CVS = Path(__file__).parent / "fixtures" / "cvs"


@pytest.fixture
def imported(tmp_path: Path) -> dict[str, int]:
    for entry in CVS.iterdir():
        if entry.suffix in {".pdf", ".docx", ".txt", ".md", ".html", ".json"}:
            shutil.copy(entry, tmp_path / entry.name)
    return {o.name: o.candidate_id for o in import_sources(iter_sources([tmp_path])).outcomes}


def search(*args: str) -> object:
    return CliRunner().invoke(app, ["search", *args])


def found(query: str) -> set[str]:
    result = search(query, "--json", "--limit", "500")
    assert result.exit_code == 0, result.output
    return {row["source"] for row in json.loads(result.stdout)["results"]}


def test_a_go_getter_is_not_a_go_engineer(imported: dict[str, int]) -> None:
    go = found("go")
    assert "anna-kowalska.pdf" in go
    assert "james-oconnor.txt" not in go  # "go-getter" in his summary, no Go work
    assert "james-oconnor.txt" in found('text:"go-getter"')


def test_boolean_operators_combine_as_sets(imported: dict[str, int]) -> None:
    go, kafka, java = found("go"), found("kafka"), found("java")
    assert go and kafka and java
    assert found("go AND kafka") == found("go kafka") == go & kafka
    assert found("go OR java") == go | java
    assert found("go NOT java") == found("go -java") == go - java
    assert found("(golang OR go) AND kafka NOT java") == (go & kafka) - java


def test_fields_restrict_where_a_term_may_match(imported: dict[str, int]) -> None:
    london = found("location:london")
    assert london and london < set(imported)
    assert found("go location:london") == found("go") & london
    assert found("seniority:>=senior") >= found("seniority:staff")


def test_malformed_query_is_a_clear_error(imported: dict[str, int]) -> None:
    result = search("(go AND")
    assert result.exit_code == 2 and "position" in result.output
    assert "error" in search("wat:ever").output
