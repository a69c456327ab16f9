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
def test_cv_text_is_printed_as_written(mallory: Candidate, command: list[str]) -> None:
    result = CliRunner().invoke(app, [part.format(id=mallory.id) for part in command])
    assert result.exit_code == 0, result.output
    assert "Mallory [/]" in result.output  # shown literally, not read as a closing tag
    assert "\x1b" not in result.output and "\x07" not in result.output
