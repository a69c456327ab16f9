"""The CLI column of the errors table: each domain error becomes one `error:` line and an exit code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from shortlist.cli import app
from shortlist.cli.common import domain_errors
from shortlist.errors import Conflict, Forbidden, Invalid, NotFound, ShortlistError, Unavailable

ROLE_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "roles" / "hft-go.yaml"


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFound("no role with id 7"), 1),
        (Forbidden("You are not allowed to change roles."), 1),
        (Conflict("Grace Hopper is already in this role's pipeline."), 1),
        (Invalid("bad.yaml: must_hav: unknown key", [("must_hav", "unknown key")]), 1),
        (Unavailable("semantic re-ranking needs the optional packages"), 2),
    ],
)
def test_each_error_class_is_one_line_and_an_exit_code(
    error: ShortlistError, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as caught, domain_errors():
        raise error
    assert caught.value.exit_code == code
    assert capsys.readouterr().err == f"error: {error}\n"


@pytest.mark.django_db
def test_not_found_through_a_command() -> None:
    result = CliRunner().invoke(app, ["role", "show", "999"])
    assert result.exit_code == 1 and result.output == "error: no role with id 999\n"


@pytest.mark.django_db
def test_invalid_through_a_command(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nmust_hav: [go]\n")
    result = CliRunner().invoke(app, ["role", "import", str(bad)])
    assert result.exit_code == 1 and result.output.startswith(f"error: {bad}: ")
    assert "must_hav: unknown key" in result.output  # Rich wraps the line at the terminal width


@pytest.mark.django_db
def test_a_malformed_search_is_wrong_usage() -> None:
    result = CliRunner().invoke(app, ["search", "go AND ("])
    assert result.exit_code == 2
    assert result.output == "error: unbalanced '(' at position 8; it has no matching ')'\n"


@pytest.mark.django_db
@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="the optional packages are installed",
)
def test_unavailable_through_a_command() -> None:
    result = CliRunner().invoke(app, ["match", "--role", str(ROLE_FILE), "--semantic", "0.5"])
    # The hint is printed as written: "[eval]" is text, not Rich markup.
    assert (
        result.exit_code == 2
        and result.output == "error: --semantic needs the optional packages: pip install -e '.[eval]'\n"
    )
