"""Text from a CV reaches the terminal as text: no Rich markup, no escape sequences, no crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.models import Candidate
from shortlist.cli import app

pytestmark = pytest.mark.django_db

ROLE_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "roles" / "hft-go.yaml"
NAME = "Mallory [/] [link=https://evil.example]Mallet\x1b[31m"
CV = """Mallory Mallet
mallory@example.org
London, UK

EXPERIENCE
Senior Go Engineer [bold]x[/bold], Kestrel Markets (2019 - present)
- Built the order gateway in Go with Kafka; low latency and concurrency everywhere \x1b]0;pwned\x07.
"""


@pytest.fixture
def mallory(tmp_path: Path) -> Candidate:
    path = tmp_path / "mallory[red].txt"
    path.write_text(CV)
    assert CliRunner().invoke(app, ["import", "--verbose", str(path)]).exit_code == 0
    # A name no parser would accept, as an edit or another import path could still store it.
    Candidate.objects.update(name=NAME)
    return Candidate.objects.get()


@pytest.mark.parametrize(
    "command",
    [
        ["candidates", "list"],
        ["candidates", "show", "{id}"],
        ["search", "go"],
        ["match", "--role", str(ROLE_FILE)],
    ],
)
def test_cv_text_is_printed_as_written(
    mallory: Candidate, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A terminal wide enough that no table cell wraps the name: how narrow the Name column gets
    # depends on the width of the ids, and PostgreSQL does not reuse them between tests.
    monkeypatch.setenv("COLUMNS", "240")
    result = CliRunner().invoke(app, [part.format(id=mallory.id) for part in command])
    assert result.exit_code == 0, result.output
    assert "Mallory [/]" in result.output  # shown literally, not read as a closing tag
    assert "\x1b" not in result.output and "\x07" not in result.output


def _printed_safely(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    output: str = result.output  # type: ignore[attr-defined]
    assert "\x1b" not in output and "\x07" not in output
    return output


def test_import_prints_the_file_name_as_written(tmp_path: Path) -> None:
    path = tmp_path / "mallory [bold][link=mailto:evil]x.txt"  # a file name cannot hold "[/]"
    path.write_text(CV)
    output = _printed_safely(CliRunner().invoke(app, ["import", "--verbose", str(path)]))
    assert "[bold][link=mailto:evil]" in output  # shown (the table may cut the name), not obeyed


def test_similar_and_merge_print_names_as_written(mallory: Candidate, tmp_path: Path) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_text(CV.replace("mallory@example.org", "mallet@example.org").replace("Kestrel", "Osprey"))
    assert CliRunner().invoke(app, ["import", str(twin)]).exit_code == 0
    other = Candidate.objects.exclude(pk=mallory.pk).get()
    Candidate.objects.filter(pk=other.pk).update(name=NAME)
    similar = _printed_safely(CliRunner().invoke(app, ["candidates", "similar", str(mallory.id)]))
    assert "Mallory [/]" in similar
    merged = _printed_safely(CliRunner().invoke(app, ["candidates", "merge", str(mallory.id), str(other.id)]))
    assert "Mallory [/]" in merged


def test_reparse_and_match_for_a_candidate_print_safely(mallory: Candidate) -> None:
    _printed_safely(CliRunner().invoke(app, ["reparse", "--all"]))
    assert CliRunner().invoke(app, ["role", "import", str(ROLE_FILE)]).exit_code == 0
    from shortlist.clients.models import Role

    Role.objects.update(title="Go [/] [link=https://evil.example]Engineer\x1b[31m")
    output = _printed_safely(CliRunner().invoke(app, ["match", "--candidate", str(mallory.id)]))
    assert "Go [/] [link=https://evil.example]Engineer" in output


HOSTILE_ROLE = """\
title: "Go [/] Engineer [link=https://evil.example]x"
client: {name: "Kestrel [/] Markets"}
project: low-latency-trading
must_have: [go, "k[/]db"]
"""


def test_role_text_from_a_file_or_a_pasted_jd_prints_as_written(tmp_path: Path) -> None:
    role_file = tmp_path / "role.yaml"
    role_file.write_text(HOSTILE_ROLE)
    imported = _printed_safely(CliRunner().invoke(app, ["role", "import", str(role_file)]))
    assert "Go [/] Engineer" in imported
    from shortlist.clients.models import Role

    shown = _printed_safely(CliRunner().invoke(app, ["role", "show", str(Role.objects.get().pk)]))
    assert "Go [/] Engineer" in shown and "Kestrel [/] Markets" in shown
    jd = tmp_path / "jd.txt"
    jd.write_text("Senior Go [/] Engineer\x1b[31m at Kestrel Markets, London.\nGo, Kafka, low latency.\n")
    _printed_safely(CliRunner().invoke(app, ["role", "draft", str(jd)]))
