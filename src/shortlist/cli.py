"""The `shortlist` command: everything a recruiter or an operator does in bulk."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.console import Console

from shortlist.conf import SettingError

EXAMPLES = """\
\b
Examples:
  shortlist demo --candidates 500      load demo clients, roles, candidates
  shortlist serve --port 8000          serve the workspace on 127.0.0.1:8000
  shortlist createuser alice --admin   add a user (asks for the password)
  shortlist migrate                    create or upgrade the database
"""

app = typer.Typer(
    help="Shortlist: a recruiter workspace and explainable matching engine for backend engineering hires.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def setup_django(migrate: bool = True) -> None:
    """Configure Django, and bring a new or old database up to date so no command needs a set-up step."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    try:
        import django

        django.setup()
    except SettingError as exc:
        raise _fail(str(exc)) from None
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


@app.command()
def migrate() -> None:
    """Create or upgrade the database (other commands do this by themselves).

    Example: shortlist migrate
    """
    setup_django(migrate=False)
    applied = migrate_database()
    from django.db import connection

    where = connection.settings_dict["NAME"]
    console.print(f"Database {where} is up to date ({applied} migrations applied now).")


@app.command()
def demo(
    candidates: Annotated[int, typer.Option(min=0, help="How many synthetic candidates to create.")] = 500,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 7,
    reset: Annotated[
        bool, typer.Option("--reset", help="Delete the demo data first and load it again.")
    ] = False,
) -> None:
    """Load deterministic demo data: three clients, their roles and N candidates.

    Example: shortlist demo --candidates 1000000
    """
    setup_django()
    from django.conf import settings
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from shortlist.accounts.services import ensure_demo_user
    from shortlist.demo.loader import load_demo

    with Progress(
        TextColumn("Loading candidates"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("candidates", total=candidates)
        stats = load_demo(
            candidates=candidates, seed=seed, reset=reset, progress=lambda n: progress.advance(task, n)
        )
    if stats.created:
        console.print(
            f"Loaded {stats.clients} clients, {stats.roles} roles, {stats.candidates:,} candidates and "
            f"{stats.applications} pipeline entries in {stats.seconds:.1f} s."
        )
    else:
        console.print(
            f"Demo data is already loaded ({stats.candidates:,} candidates); use --reset to load it again."
        )
    login = ensure_demo_user(settings.HOME)
    console.print(
        f"Log in at http://127.0.0.1:8000/ as [bold]{login.username}[/] / [bold]{login.password}[/]"
    )


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="Login name.")],
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
    admin: Annotated[bool, typer.Option("--admin", help="Give every permission.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a workspace user (staff; --admin for every permission).

    Example: shortlist createuser alice --admin   (prompts; --password-stdin for scripts)
    """
    setup_django()
    from django.core.exceptions import ValidationError

    from shortlist.accounts.services import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        create_user(username, password, email=email, admin=admin)
    except ValidationError as exc:
        raise _fail("password rejected: " + " ".join(exc.messages)) from None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    console.print(f"Created user {username}{' (admin)' if admin else ''}.")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
) -> None:
    """Serve the workspace with gunicorn (static files through WhiteNoise).

    Example: shortlist serve --host 127.0.0.1 --port 8000
    """
    setup_django()
    from django.conf import settings

    from shortlist.accounts.services import DEMO_LOGIN_FILE, DEMO_USERNAME

    console.print(f"Shortlist is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    login = settings.HOME / DEMO_LOGIN_FILE
    if login.exists():
        console.print(f"Demo login: {DEMO_USERNAME} / {login.read_text().strip()}")
    # Workers re-read the same settings, so pin the data directory we resolved.
    os.environ["SHORTLIST_HOME"] = str(settings.HOME)
    argv = [
        sys.executable, "-m", "gunicorn", "shortlist.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
        "--worker-class", "gthread", "--access-logfile", "-", "--timeout", "60",
    ]  # fmt: skip
    sys.stdout.flush()
    os.execv(sys.executable, argv)


def main() -> None:
    try:
        app()
    except SettingError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
