"""The `shortlist` command: everything a recruiter or an operator does in bulk."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from shortlist.conf import SettingError

EXAMPLES = """\
\b
Examples:
  shortlist import ~/cvs/ pool.zip     import CVs from folders, files and zips
  shortlist candidates list --json     every profile with skills and evidence
  shortlist candidates show 42         one profile: skills, years, evidence
  shortlist candidates merge 42 57     fold profile 57 into 42
  shortlist match --role 3 --top 20    a ranked, explained shortlist for a role
  shortlist match --role hft.yaml --json   the same from a role file, as JSON
  shortlist search '(golang OR go) AND kafka NOT java location:london'
  shortlist index                      build the matching index after a bulk load
  shortlist role import hft-go.yaml    create or update a role from its YAML
  shortlist role show 3                the weighted criteria, each with its why
  shortlist role draft jd.txt          a role YAML drafted from a job description
  shortlist demo --candidates 500      load demo clients, roles, candidates
  shortlist serve --port 8000          serve the workspace on 127.0.0.1:8000
  shortlist createuser alice --admin   add a user (asks for the password)
  shortlist worker                     run background imports (serve starts one)
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
candidates_app = typer.Typer(help="List, show and merge candidate profiles.", no_args_is_help=True)
app.add_typer(candidates_app, name="candidates")
role_app = typer.Typer(help="Import, export, show and draft roles (the role YAML).", no_args_is_help=True)
app.add_typer(role_app, name="role")
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

    console.print(f"Shortlist is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    login = settings.HOME / DEMO_LOGIN_FILE
    if login.exists():
        console.print(f"Demo login: {DEMO_USERNAME} / {login.read_text().strip()}")
    # Workers re-read the same settings, so pin the data directory we resolved.
    os.environ["SHORTLIST_HOME"] = str(settings.HOME)
    if background:
        # Uploads are imported by the task worker; it runs beside the web server and ends with it.
        import subprocess

        subprocess.Popen(
            [sys.executable, "-m", "shortlist.cli", "worker", "--exit-with-parent", str(os.getpid())]
        )
    argv = [
        sys.executable, "-m", "gunicorn", "shortlist.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
        "--worker-class", "gthread", "--access-logfile", "-", "--timeout", "60",
    ]  # fmt: skip
    sys.stdout.flush()
    os.execv(sys.executable, argv)


@app.command("import")
def import_(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.pdf .docx .txt .md .html .json), folders, .zip")
    ],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every file, not only problems.")
    ] = False,
) -> None:
    """Import CVs; each file alone, so a broken one fails without touching the rest.

    Example: shortlist import ~/cvs/ referrals.zip anna.pdf
    """
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from shortlist.candidates.importing import count_sources, import_sources, iter_sources

    with Progress(
        TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=count_sources(paths))
        summary = import_sources(
            iter_sources(paths), on_outcome=lambda o: progress.update(task, advance=1, description=o.name)
        )
    shown = [o for o in summary.outcomes if verbose or o.status not in ("imported", "unchanged")]
    if shown:
        table = Table("File", "Result", "Candidate", "Detail", title="Import", title_justify="left")
        for outcome in shown:
            detail = outcome.reason or "; ".join(outcome.warnings)
            style = "red" if outcome.status == "failed" else "yellow" if outcome.status == "duplicate" else ""
            table.add_row(
                outcome.name, f"[{style}]{outcome.status.label}[/]" if style else outcome.status.label,
                f"#{outcome.candidate_id}" if outcome.candidate_id else "", detail,
            )  # fmt: skip
        console.print(table)
    counts = summary.counts
    console.print(
        f"{len(summary.outcomes)} files: {counts['imported']} imported, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['duplicate']} likely duplicates, "
        f"{counts['failed']} failed."
    )
    if summary.failed or not summary.outcomes:
        raise typer.Exit(1)


@candidates_app.command("list")
def candidates_list(
    as_json: Annotated[
        bool, typer.Option("--json", help="Every profile as JSON (the scripting contract).")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, help="Rows in the table (not with --json).")] = 50,
) -> None:
    """List candidate profiles.

    Example: shortlist candidates list --json > pool.json
    """
    setup_django()
    from shortlist.candidates.serialize import profiles

    if as_json:
        _print_json_array(profiles())
        return
    from rich.table import Table

    from shortlist.candidates.models import Candidate

    table = Table("ID", "Name", "Headline", "Seniority", "Years", "Location", "Source")
    for c in Candidate.objects.order_by("id")[:limit]:
        years = "" if c.total_years is None else f"{c.total_years:.1f}"
        table.add_row(str(c.id), c.name, c.headline, c.seniority, years, c.location, c.source)
    console.print(table)
    total = Candidate.objects.count()
    if total > limit:
        console.print(f"{limit} of {total:,} shown; --limit N for more, --json for all.")


def _print_json_array(items: Iterable[object]) -> None:
    """Streams a JSON array: a million profiles never sit in memory at once."""
    out, first = sys.stdout, True
    out.write("[")
    for item in items:
        out.write("\n" if first else ",\n")
        out.write(json.dumps(item, ensure_ascii=False))
        first = False
    out.write("]\n" if first else "\n]\n")


@candidates_app.command("show")
def candidates_show(
    candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="The profile as JSON.")] = False,
) -> None:
    """Show one profile: contact, preferences, experience, skills with evidence, scale.

    Example: shortlist candidates show 42 --json
    """
    setup_django()
    from shortlist.candidates.models import Candidate
    from shortlist.candidates.serialize import PROFILE_PREFETCH, profile_dict

    candidate = Candidate.objects.prefetch_related(*PROFILE_PREFETCH).filter(pk=candidate_id).first()
    if candidate is None:
        raise _fail(f"no candidate with id {candidate_id}", code=1)
    profile = profile_dict(candidate)
    if as_json:
        console.print_json(json.dumps(profile, ensure_ascii=False))
        return
    _print_profile(profile)


def _print_profile(profile: dict[str, Any]) -> None:
    from rich.table import Table

    console.print(f"[bold]#{profile['id']} {profile['name'] or '(no name found)'}[/]  {profile['headline']}")
    facts = [profile["seniority"], profile["total_years"] and f"{profile['total_years']:.1f} years",
             profile["location"], ", ".join(profile["emails"]), profile["phone"]]  # fmt: skip
    console.print(" · ".join(str(f) for f in facts if f))
    console.print(f"Source: {profile['source'] or 'entered by hand'}")
    if profile["duplicate_of"]:
        console.print(f"[yellow]Likely duplicate of #{profile['duplicate_of']}[/]")
    jobs = Table("From", "To", "Title", "Employer", title="Experience", title_justify="left")
    for job in profile["experience"]:
        jobs.add_row(job["start"] or "?", job["end"] or "present", job["title"], job["employer"])
    console.print(jobs)
    skills = Table(
        "Skill", "Years", "Last used", "Strength", "Evidence", title="Skills", title_justify="left"
    )
    for skill in profile["skills"]:
        evidence = skill["evidence"][0]["snippet"] if skill["evidence"] else ""
        skills.add_row(skill["name"], f"{skill['years']:.1f}", str(skill["last_used"] or "—"),
                       f"{skill['strength']:.2f}", evidence)  # fmt: skip
    console.print(skills)
    for claim in profile["scale_claims"]:
        console.print(f"Scale: {claim['value']:,.0f} {claim['unit']} — {claim['snippet']}")


@candidates_app.command("export")
def candidates_export(candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")]) -> None:
    """Print a profile as a JSON Resume document (https://jsonresume.org/schema).

    Example: shortlist candidates export 42 > anna.json
    """
    setup_django()
    from shortlist.candidates.models import Candidate
    from shortlist.candidates.profiles import to_profile
    from shortlist.candidates.serialize import PROFILE_PREFETCH
    from shortlist.candidates.taxonomy import workspace_taxonomy
    from shortlist.engine.cv.jsonresume import profile_to_json_resume

    candidate = Candidate.objects.prefetch_related(*PROFILE_PREFETCH).filter(pk=candidate_id).first()
    if candidate is None:
        raise _fail(f"no candidate with id {candidate_id}", code=1)
    document = profile_to_json_resume(to_profile(candidate), workspace_taxonomy())
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@candidates_app.command("similar")
def candidates_similar(
    candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
    top: Annotated[int, typer.Option(min=1, max=500, help="How many.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Candidates whose evidenced skills look most like this one's (cosine over evidence).

    Example: shortlist candidates similar 42 --top 5
    """
    setup_django()
    from shortlist.candidates import pool
    from shortlist.candidates.models import Candidate
    from shortlist.engine.matching.match import similar_candidates

    index = pool.pool_index()
    if candidate_id not in index:
        raise _fail(f"no candidate with id {candidate_id}", code=1)
    found = similar_candidates(index, candidate_id, top)
    people = Candidate.objects.in_bulk([s.candidate_id for s in found])
    rows = [
        {"candidate": {"id": s.candidate_id, "name": people[s.candidate_id].name,
                       "source": people[s.candidate_id].source}, "similarity": round(s.similarity, 3),
         "shared": list(s.shared)}
        for s in found if s.candidate_id in people
    ]  # fmt: skip
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    for row in rows:
        person = row["candidate"]
        console.print(
            f"{row['similarity']:.2f}  {person['name']} (#{person['id']})  {', '.join(row['shared'][:6])}"
        )


@candidates_app.command("merge")
def candidates_merge(
    keep: Annotated[int, typer.Argument(help="The profile to keep.")],
    other: Annotated[int, typer.Argument(help="The profile folded into it and then deleted.")],
) -> None:
    """Merge two profiles of the same person; nothing the second one knew is lost.

    Example: shortlist candidates merge 42 57
    """
    setup_django()
    from shortlist.candidates.merge import MergeError, merge_candidates

    try:
        kept = merge_candidates(keep, other)
    except MergeError as exc:
        raise _fail(str(exc), code=1) from None
    console.print(f"Merged #{other} into #{kept.pk} {kept.name}.")


@app.command()
def worker(
    batch: Annotated[bool, typer.Option("--batch", help="Run what is queued, then stop.")] = False,
    exit_with_parent: Annotated[
        int, typer.Option(hidden=True, help="Stop when this process id is gone.")
    ] = 0,
) -> None:
    """Run background tasks (CV imports from uploads). `serve` starts one for you.

    Example: shortlist worker --batch
    """
    setup_django()
    from django.core.management import call_command

    if exit_with_parent:
        _stop_with_parent(exit_with_parent)
    call_command("db_worker", batch=batch, verbosity=1 if batch else 0, interval=0.5, reload=False)


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


def _find_role(role_id: int) -> Any:
    from shortlist.clients.models import Role

    role = (
        Role.objects.select_related("client", "growth_plan")
        .prefetch_related("requirements")
        .filter(pk=role_id)
        .first()
    )
    if role is None:
        raise _fail(f"no role with id {role_id}", code=1)
    return role


@role_app.command("import")
def role_import(
    path: Annotated[Path, typer.Argument(help="A role YAML file (see DESIGN.md for the keys).")],
) -> None:
    """Create a role from its YAML, or update the client's role with the same title.

    Example: shortlist role import hft-go.yaml
    """
    setup_django()
    from shortlist.clients.roles import parse_role_file, save_role_spec
    from shortlist.engine.roles.rolefile import RoleFileError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: cannot read ({exc.__class__.__name__}: {exc})", code=1) from None
    try:
        spec, warnings = parse_role_file(text, str(path))
        role, created = save_role_spec(spec)
    except RoleFileError as exc:
        raise _fail(str(exc), code=1) from None
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {path}: {warning}")
    console.print(f"{'Created' if created else 'Updated'} role #{role.pk} {role.title} ({role.client.name}).")


@role_app.command("export")
def role_export(role_id: Annotated[int, typer.Argument(help="The role's id.")]) -> None:
    """Print a role as YAML; `role import` of the output gives the same role.

    Example: shortlist role export 3 > hft-go.yaml
    """
    setup_django()
    from shortlist.clients.roles import export_role

    sys.stdout.write(export_role(_find_role(role_id)))


@role_app.command("show")
def role_show(
    role_id: Annotated[int, typer.Argument(help="The role's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="The role profile as JSON.")] = False,
) -> None:
    """Show a role's weighted criteria, each with the reason to read back to the client.

    Example: shortlist role show 3
    """
    setup_django()
    from rich.table import Table

    from shortlist.clients.roles import role_profile

    role = _find_role(role_id)
    profile = role_profile(role)
    if as_json:
        console.print_json(json.dumps(profile.as_dict(), ensure_ascii=False))
        return
    console.print(f"[bold]#{role.pk} {role.title}[/] — {role.client.name} · playbook {profile.playbook}")
    table = Table("Weight", "Criterion", "Why", title="Weighted criteria", title_justify="left")
    for criterion in sorted(profile.criteria, key=lambda c: -c.weight):
        table.add_row(f"{criterion.weight:.0%}", criterion.label, criterion.why)
    console.print(table)
    for reason in profile.scale.reasons:
        console.print(f"Growth: {reason}")
    for warning in profile.warnings:
        console.print(f"[yellow]warning:[/] {warning}")


@role_app.command("draft")
def role_draft(
    path: Annotated[Path, typer.Argument(help="A job description as text (.txt, .md).")],
) -> None:
    """Draft a role YAML from a pasted job description, for review before `role import`.

    Example: shortlist role draft jd.txt > draft.yaml
    """
    setup_django()
    from shortlist.candidates.taxonomy import workspace_taxonomy
    from shortlist.clients.roles import workspace_playbooks
    from shortlist.engine.roles.jd import parse_job_description
    from shortlist.engine.roles.rolefile import dump_role_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: cannot read ({exc.__class__.__name__}: {exc})", code=1) from None
    draft = parse_job_description(text, taxonomy=workspace_taxonomy(), playbooks=workspace_playbooks())
    for note in draft.notes:
        err.print(f"[dim]# {note}[/]")
    sys.stdout.write(dump_role_yaml(draft.spec))


@app.command()
def match(
    role: Annotated[
        str | None, typer.Option("--role", help="A role id in the workspace, or a role YAML file.")
    ] = None,
    candidate: Annotated[
        int | None, typer.Option("--candidate", help="Rank the open roles for this candidate instead.")
    ] = None,
    top: Annotated[int, typer.Option(min=1, max=10_000, help="How many results.")] = 20,
    min_score: Annotated[float, typer.Option(min=0, max=100, help="Leave out scores below this.")] = 0,
    must_filter: Annotated[
        bool, typer.Option("--must-filter", help="Only candidates with evidence of every must-have.")
    ] = False,
    semantic: Annotated[
        float,
        typer.Option(
            "--semantic",
            min=0,
            max=1,
            help="Blend in MiniLM similarity to the role text with this weight (needs .[eval]).",
        ),
    ] = 0.0,
    folder: Annotated[
        list[Path] | None,
        typer.Option(
            "--folder", help="Rank these CV files/folders/zips instead of the pool (nothing is saved)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The scripting contract (see DESIGN.md).")] = False,
) -> None:
    """Rank the pool (or a folder of CVs) for a role, with the reasons and gaps a recruiter can defend.

    Example: shortlist match --role hft-go.yaml --top 10 --json
    """
    if (role is None) == (candidate is None):
        raise _fail("give either --role ROLE_ID|ROLE.yaml or --candidate ID", code=2)
    setup_django()
    from shortlist.candidates import pool
    from shortlist.candidates.models import Candidate

    if candidate is not None:
        _match_candidate(candidate, top, as_json)
        return
    profile, role_id = _role_profile(str(role))
    from shortlist.engine.matching.match import match as rank

    # Semantic re-ranking moves candidates within a wider pool picked by the evidence score.
    pool_size = min(max(4 * top, 50), 500) if semantic else top
    options = {"top": pool_size, "min_score": min_score, "must_have_filter": must_filter}
    if folder:
        index, people, failures = _folder_index(folder)
        for name, reason in failures:
            err.print(f"[yellow]skipped[/] {name}: {reason}")
        with err.status("Scoring…"):
            results = rank(index, profile, **options)
        lookup = index.profile_lookup
    else:
        people = None
        with err.status("Scoring…"):
            results = pool.ranked(profile, **options)
        lookup = pool.profile_lookup
    if semantic:
        results = _semantic_rerank(results, profile, lookup, semantic, top)
    if people is None:
        people = Candidate.objects.in_bulk([r.candidate_id for r in results])
    payload = {
        "role": {"id": role_id, **profile.as_dict()},
        "results": [
            {
                "rank": r.rank,
                "score": r.score,
                "candidate": {
                    "id": r.candidate_id,
                    "name": people[r.candidate_id].name if r.candidate_id in people else "",
                    "source": people[r.candidate_id].source if r.candidate_id in people else "",
                },
                "breakdown": r.breakdown,
                "reasons": r.reasons,
                "gaps": r.gaps,
                "counterfactual": r.counterfactual,
                "summary": r.summary,
            }
            for r in results
        ],
    }
    if as_json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    _print_shortlist(payload)


@app.command()
def index(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build from scratch, not incrementally.")
    ] = False,
) -> None:
    """Build or refresh the matching index in $SHORTLIST_HOME/index (do this after a bulk load, so the
    first shortlist in the workspace does not pay for it).

    Example: shortlist index --rebuild
    """
    setup_django()
    import time

    from shortlist.candidates import pool

    started = time.perf_counter()
    with err.status("Indexing the pool…"):
        built = pool.build() if rebuild else pool.pool_index()
    console.print(
        f"Index of {len(built):,} candidates ready in {time.perf_counter() - started:.1f} s "
        f"({built.nbytes / 2**20:,.0f} MiB) at {pool.index_dir()}."
    )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="e.g. (golang OR go) AND kafka NOT java location:london")],
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Stop after this many matches.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Boolean search: AND, OR, NOT, "phrases", and fields such as location:, title:, seniority:>=senior.

    Example: shortlist search '"low latency" AND (golang OR go) -java years:>=5'
    """
    setup_django()
    from shortlist.candidates.models import Candidate
    from shortlist.candidates.search import search_candidates
    from shortlist.engine.matching.search import QueryError

    try:
        parsed, ids = search_candidates(query, limit)
    except QueryError as exc:
        raise _fail(str(exc), code=2) from None
    for warning in parsed.warnings:
        err.print(f"[yellow]note:[/] {warning}")
    people = Candidate.objects.in_bulk(ids)
    rows = [
        {"id": pk, "name": people[pk].name, "headline": people[pk].headline,
         "location": people[pk].location, "source": people[pk].source}
        for pk in ids
    ]  # fmt: skip
    if as_json:
        sys.stdout.write(json.dumps({"query": parsed.explain(), "results": rows}, ensure_ascii=False) + "\n")
        return
    err.print(f"[dim]{parsed.explain()}[/]")
    for row in rows:
        console.print(f"#{row['id']:<7} {row['name'][:28]:<28} {row['headline'][:36]:<36} {row['location']}")
    more = " (limit reached)" if len(rows) >= limit else ""
    console.print(f"{len(rows)} match{'es' if len(rows) != 1 else ''}{more}.")


def _semantic_rerank(results: list[Any], profile: Any, lookup: Any, weight: float, top: int) -> list[Any]:
    from shortlist.engine.matching.semantic import minilm, rerank

    try:
        embedder = minilm()
    except ImportError:
        raise _fail("--semantic needs the optional packages: pip install -e '.[eval]'", code=2) from None
    with err.status("Embedding the role and the candidates' passages…"):
        return rerank(results, profile, lookup, embedder, weight=weight, top=top)


def _folder_index(paths: list[Path]) -> tuple[Any, dict[int, Any], list[tuple[str, str]]]:
    """CVs read and parsed in memory and indexed on the spot: bulk screening without importing."""
    from types import SimpleNamespace

    from shortlist.candidates.importing import iter_sources
    from shortlist.candidates.taxonomy import workspace_taxonomy
    from shortlist.engine.cv.documents import DocumentError
    from shortlist.engine.cv.parse import profile_from_document
    from shortlist.engine.matching.index import CandidateIndex

    taxonomy = workspace_taxonomy()
    profiles, people, failures = {}, {}, []
    for number, source in enumerate(iter_sources(paths), start=1):
        try:
            profile = profile_from_document(source.read(), source.name, taxonomy)
        except DocumentError as exc:
            failures.append((source.name, exc.reason))
            continue
        profiles[number] = profile
        people[number] = SimpleNamespace(name=profile.contact.name, source=source.name)
    index = CandidateIndex.build(profiles.items(), taxonomy, profile_lookup=profiles.get)
    return index, people, failures


def _role_profile(role: str) -> tuple[Any, int | None]:
    from shortlist.clients import roles as role_service
    from shortlist.engine.roles.rolefile import RoleFileError
    from shortlist.engine.roles.weighting import build_role_profile

    if role.isdigit():
        found = _find_role(int(role))
        return role_service.role_profile(found), found.pk
    path = Path(role)
    try:
        spec, warnings = role_service.parse_role_file(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: cannot read ({exc.__class__.__name__})", code=1) from None
    except RoleFileError as exc:
        raise _fail(str(exc), code=1) from None
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {path}: {warning}")
    from shortlist.candidates.taxonomy import workspace_taxonomy

    return build_role_profile(spec, workspace_taxonomy(), role_service.workspace_playbooks()), None


def _print_shortlist(payload: dict[str, Any]) -> None:
    console.print(f"[bold]{payload['role']['title']}[/]")
    if not payload["results"]:
        console.print("No candidate scored above the cut-off.")
        return
    for row in payload["results"]:
        person = row["candidate"]
        console.print(f"\n[bold]{row['rank']:>2}. {row['score']:5.1f}  {person['name']}[/] (#{person['id']})")
        if row["summary"]:
            console.print(f"    {row['summary']}")
        for reason in row["reasons"][:4]:
            console.print(f"    [green]+[/] {reason}")
        for gap in row["gaps"][:3]:
            console.print(f"    [red]−[/] {gap}")
        if row["counterfactual"]:
            console.print(f"    [dim]{row['counterfactual']}[/]")


def _match_candidate(candidate_id: int, top: int, as_json: bool) -> None:
    from shortlist.candidates import pool
    from shortlist.clients import roles as role_service
    from shortlist.clients.models import Role
    from shortlist.engine.matching.match import roles_for_candidate

    index = pool.pool_index()
    if candidate_id not in index:
        raise _fail(f"no candidate with id {candidate_id}", code=1)
    open_roles = list(
        Role.objects.filter(status="open")
        .select_related("client", "growth_plan")
        .prefetch_related("requirements")
    )
    profiles = [role_service.role_profile(r) for r in open_roles]
    ranked = roles_for_candidate(index, candidate_id, profiles)[:top]
    rows = []
    for fit in ranked:
        found = open_roles[fit.role_index]
        rows.append(
            {
                "rank": fit.rank,
                "score": fit.score,
                "role": {"id": found.pk, "title": found.title, "client": found.client.name},
                "reasons": fit.reasons,
                "gaps": fit.gaps,
                "summary": fit.summary,
            }
        )
    if as_json:
        sys.stdout.write(json.dumps({"candidate": candidate_id, "results": rows}, ensure_ascii=False) + "\n")
        return
    for row in rows:
        console.print(
            f"{row['rank']:>2}. {row['score']:5.1f}  {row['role']['title']} ({row['role']['client']})"
        )


def main() -> None:
    try:
        app()
    except SettingError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
