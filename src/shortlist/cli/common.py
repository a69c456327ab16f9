"""What every command shares: the consoles, Django set-up, and turning domain errors into exit codes.

Commands parse their options, call one service or selector with `Actor.system()`, and print. The
mapping below is the CLI column of the table in `shortlist/errors.py`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from shortlist.conf import SettingError
from shortlist.errors import ShortlistError, Unavailable

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


# C0 and C1 control characters (escape sequences, bells, carriage returns) that a CV may carry.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: object) -> str:
    """Untrusted text (anything from a CV or a file name) as it should reach a terminal: its control
    characters dropped and its square brackets escaped, so it is printed, never read as Rich markup
    ("[/]" crashing a table, "[link=…]" becoming a link) or as terminal escape sequences."""
    return escape(_CONTROL.sub("", str(text)).replace("\t", " ").replace("\n", " "))


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print the error line; exit 2 means wrong usage, 1 that the request itself failed."""
    # The message may quote a file name or CV text: printed as text, never read as Rich markup.
    err.print(f"[bold red]error:[/] {plain(message)}")
    return typer.Exit(code)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Exit 1 with the error's message for anything a service refuses; 2 for a missing optional part."""
    try:
        yield
    except Unavailable as exc:
        raise fail(str(exc), code=2) from None
    except ShortlistError as exc:
        raise fail(str(exc), code=1) from None


def read_text(path: Path, detail: bool = True) -> str:
    """A file named on the command line, or exit 1 naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = f"{exc.__class__.__name__}: {exc}" if detail else exc.__class__.__name__
        raise fail(f"{path}: cannot read ({why})", code=1) from None


def print_json_array(items: Iterable[object]) -> None:
    """Streams a JSON array: a million profiles never sit in memory at once."""
    out, first = sys.stdout, True
    out.write("[")
    for item in items:
        out.write("\n" if first else ",\n")
        out.write(json.dumps(item, ensure_ascii=False))
        first = False
    out.write("]\n" if first else "\n]\n")


def print_json(document: object) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")


def setup_django(migrate: bool = True) -> None:
    """Configure Django, and bring a new or old database up to date so no command needs a set-up step."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    try:
        import django

        django.setup()
    except SettingError as exc:
        raise fail(str(exc)) from None
    if migrate:
        migrate_database()


def migrate_database() -> int:
    """Apply pending migrations; returns how many were applied."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        err.print(f"Preparing the database ({len(plan)} migrations)…")
        call_command("migrate", interactive=False, verbosity=0)
    return len(plan)
