"""Operator commands: the database, demo data, users, the web server and the task worker."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from shortlist.accounts.access import Role
from shortlist.cli.common import console, domain_errors, err, fail, migrate_database, setup_django

# gunicorn's access log without the query string (%(U)s is the path alone) and without the referrer,
# whose URL carries one too: searches name people ("?q=Ada Lovelace"), and a log line is not erasable.
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EVERYWHERE = {"0.0.0.0", "::", ""}
SERVE_THREADS = 4  # request threads per gunicorn worker process


def browser_url(host: str, port: int) -> str:
    """The address to open for a server bound to host:port (all interfaces: this machine's loopback)."""
    shown = "127.0.0.1" if host in EVERYWHERE else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address in a URL
    return f"http://{shown}:{port}/"


def migrate() -> None:
    """Create or upgrade the database (other commands do this by themselves).

    Example: shortlist migrate
    """
    setup_django(migrate=False)
    applied = migrate_database()
    from django.db import connection

    where = connection.settings_dict["NAME"]
    console.print(f"Database {where} is up to date ({applied} migrations applied now).")


def demo(
    candidates: Annotated[int, typer.Option(min=0, help="How many synthetic candidates to create.")] = 500,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 7,
    reset: Annotated[
        bool, typer.Option("--reset", help="Delete the demo data first and load it again.")
    ] = False,
    host: Annotated[
        str, typer.Option(help="The address you will serve on (for the login line).")
    ] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="The port you will serve on (for the login line).")
    ] = DEFAULT_PORT,
) -> None:
    """Load deterministic demo data: three clients, their roles and N candidates.

    Example: shortlist demo --candidates 1000000 --port 8080   (then: shortlist serve --port 8080)
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
    where = "" if host == DEFAULT_HOST else f" --host {host}"
    where += "" if port == DEFAULT_PORT else f" --port {port}"
    console.print(f"Serve it with: shortlist serve{where}", soft_wrap=True)
    console.print(
        f"Then log in at {browser_url(host, port)} as [bold]{login.username}[/] / [bold]{login.password}[/]",
        soft_wrap=True,
    )


def createuser(
    username: Annotated[str, typer.Argument(help="Login name.")],
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
    role: Annotated[
        Role, typer.Option(help="recruiter (the pool and pipelines), admin (everything), client (portal).")
    ] = Role.RECRUITER,
    client: Annotated[str, typer.Option(help="For --role client: the client's name or id.")] = "",
    admin: Annotated[bool, typer.Option("--admin", help="Same as --role admin.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a workspace user with a role (only admins are staff).

    Example: shortlist createuser alice --role admin   (prompts; --password-stdin for scripts)
    """
    setup_django()
    from django.core.exceptions import ValidationError

    from shortlist.accounts.services import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    role = Role.ADMIN if admin else role
    try:
        create_user(username, password, email=email, role=role, client=client or None)
    except ValidationError as exc:
        raise fail("password rejected: " + " ".join(exc.messages)) from None
    except ValueError as exc:
        raise fail(str(exc)) from None
    console.print(f"Created user {username} ({role.label}).")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    workers: Annotated[int, typer.Option(min=1, help="Web worker processes.")] = 2,
    background: Annotated[
        bool, typer.Option("--background/--no-background", help="Also run the background task worker.")
    ] = True,
) -> None:
    """Serve the workspace with gunicorn (static files through WhiteNoise).

    Example: shortlist serve --host 127.0.0.1 --port 8000
    """
    setup_django()
    from django.conf import settings

    from shortlist.accounts.services import DEMO_LOGIN_FILE, DEMO_USERNAME

    url = browser_url(host, port)
    everywhere = " (listening on every interface)" if host in EVERYWHERE else ""
    console.print(f"Shortlist is serving on {url}{everywhere} (Ctrl+C stops it)")
    login = settings.HOME / DEMO_LOGIN_FILE
    if login.exists():
        console.print(
            f"Log in at {url} as {DEMO_USERNAME} / {login.read_text().strip()} (the demo login)",
            soft_wrap=True,
        )
    else:
        console.print(
            f"Log in at {url} with a user from: shortlist createuser NAME --role admin", soft_wrap=True
        )
    # Workers re-read the same settings, so pin the data directory we resolved.
    os.environ["SHORTLIST_HOME"] = str(settings.HOME)
    # glibc keeps freed memory in the process: each thread's own malloc arena, and (once a large block
    # was freed) a mmap threshold raised to 32 MB, under which the scorer's million-row temporaries come
    # from the heap and stay there. At 1M candidates that was ~120 MB per web process (benchmarks/
    # README.md, issue 8). Rankings take the pool's lock anyway, so two arenas lose no parallelism; a
    # fixed threshold returns each large temporary on free. Both are read when gunicorn starts.
    os.environ["SHORTLIST_WARM_WORKERS"] = "1"  # a worker opens the pool before it takes requests (wsgi.py)
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", "131072")
    if background:
        # Uploads are imported by the task worker: a supervisor beside the web server restarts it if it
        # dies, and ends (with its worker) when the server does.
        import subprocess

        supervisor = [sys.executable, "-m", "shortlist.cli", "worker", "--supervise"]
        subprocess.Popen([*supervisor, "--exit-with-parent", str(os.getpid())])
    # A gthread worker keeps every kept-alive connection it accepted and queues its requests for its
    # own threads, whatever the other workers are doing: under load 50 clients sat 25 / 13 / 8 / 4 on
    # four workers, the busiest queueing 25 behind 4 threads while another idled (benchmarks/README.md,
    # "Requests wait for a thread of their own worker"). One request per connection, and a worker that
    # takes a connection only while one of its threads is free, leave the queue in the kernel's listen
    # backlog, shared: the next free thread of any worker answers the oldest waiting request.
    argv = [
        sys.executable, "-m", "gunicorn", "shortlist.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", str(SERVE_THREADS),
        "--worker-class", "gthread", "--worker-connections", str(SERVE_THREADS), "--keep-alive", "0",
        "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, "--timeout", "60",
    ]  # fmt: skip
    sys.stdout.flush()
    os.execv(sys.executable, argv)


def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Run what is queued, then stop (embedded queue only).")
    ] = False,
    supervise: Annotated[
        bool,
        typer.Option("--supervise", help="Run the worker as a child and restart it whenever it dies."),
    ] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Celery only: task processes in this worker.")] = 2,
    exit_with_parent: Annotated[
        int, typer.Option(hidden=True, help="Stop when this process id is gone.")
    ] = 0,
) -> None:
    """Run background tasks (CV imports from uploads, re-parses). `serve` starts and restarts one.

    Runs the queue SHORTLIST_TASKS names: the embedded one in the database (default) or Celery.
    Example: shortlist worker --batch
    """
    setup_django()
    import shortlist.background.workers as workers

    if batch and (supervise or workers.queue_kind() != "embedded"):
        raise fail("--batch runs the embedded queue once; it cannot be supervised or used with Celery")
    if exit_with_parent:
        _stop_with_parent(exit_with_parent)
    if supervise:
        workers.supervised(concurrency=concurrency)
    else:
        with domain_errors():
            workers.run(batch=batch, concurrency=concurrency)


def _stop_with_parent(parent: int) -> None:
    import signal
    import threading
    import time

    # Re-parenting, not the pid's existence, tells that the server is gone: a dead parent may linger
    # as a zombie until its own parent reaps it.
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()
