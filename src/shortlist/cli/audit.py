"""`shortlist audit …`: stored rankings and their replay, who accessed a candidate, the bias report."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import console, domain_errors, fail, plain, print_json, setup_django

audit_app = typer.Typer(
    help="Audit: every ranking stored and reproducible, access to candidates, the bias report.",
    no_args_is_help=True,
)


@audit_app.command("list")
def audit_list(
    role: Annotated[int | None, typer.Option("--role", help="Only the runs of this role id.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="The newest this many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """The stored rankings, newest first: who ranked which role, when, through what, over which pool.

    Example: shortlist audit list --role 3
    """
    setup_django()
    from shortlist.audit.selectors import run_list
    from shortlist.audit.serialize import run_json

    with domain_errors():
        runs = list(run_list(actor=Actor.system(), role_id=role)[:limit])
    if as_json:
        print_json([run_json(run) for run in runs])
        return
    for run in runs:
        console.print(
            f"#{run.pk:<6} {run.created_at:%Y-%m-%d %H:%M} {plain(run.by)[:16]:<16} {run.interface:<7} "
            f"{plain(run.role_title)[:40]:<40} top {run.options.get('top')} of {run.pool_size:,}"
        )
    console.print(f"{len(runs)} run{'s' if len(runs) != 1 else ''}.")


@audit_app.command("show")
def audit_show(
    run_id: Annotated[int, typer.Argument(help="The run's id (from `audit list`).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="The run, its replay and the diff as JSON.")
    ] = False,
) -> None:
    """Reproduce a stored ranking over today's pool and show what changed since, and why.

    Example: shortlist audit show 42
    """
    setup_django()
    from shortlist.audit.selectors import run_replay
    from shortlist.audit.serialize import replay_json

    with domain_errors():
        replay = run_replay(actor=Actor.system(), run_id=run_id)
    if as_json:
        print_json(replay_json(replay))
        return
    run = replay.run
    console.print(f"[bold]Run {run.pk}: {plain(run.role_title)}[/]")
    console.print(
        f"{run.created_at:%Y-%m-%d %H:%M:%S} by {plain(run.by)} via {run.interface}; "
        f"scoring {run.scoring_version}, parser {run.parser_version}, role model {run.role_model_version}"
    )
    then = (
        f"{run.pool_size:,} candidates (index {run.index_version or '—'}, set {run.pool_fingerprint or '—'})"
    )
    now = f"{replay.pool.candidates:,} (index {replay.pool.index_version}, set {replay.pool.fingerprint})"
    console.print(f"then: {then}; now: {now}")
    for line in replay.versions:
        console.print(f"changed since: {plain(line)}")
    if replay.identical:
        console.print("Reproduced exactly: the same people, ranks and scores.")
        return
    console.print(f"{len(replay.changes)} difference{'s' if len(replay.changes) != 1 else ''}:")
    for change in replay.changes:
        then = f"#{change.then_rank} {change.then_score:.1f}" if change.then_rank else "—"
        now = f"#{change.now_rank} {change.now_score:.1f}" if change.now_rank else "—"
        why = plain("; ".join(change.why))
        console.print(f"  {change.kind:<8} {plain(change.subject):<24} {then:>12} → {now:<12} {why}")


@audit_app.command("access")
def audit_access(
    candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Who viewed, exported, downloaded or revealed a candidate, newest first.

    Example: shortlist audit access 42
    """
    setup_django()
    from shortlist.audit.selectors import access_list
    from shortlist.audit.serialize import access_json

    with domain_errors():
        events = [access_json(e) for e in access_list(actor=Actor.system(), candidate_id=candidate_id)]
    if as_json:
        print_json(events)
        return
    for event in events:
        role = f" (role {event['role_id']})" if event["role_id"] else ""
        console.print(
            f"{event['at'][:19]} {plain(event['by'])} {event['kind']} via {event['interface']}{role}"
        )
    console.print(f"{len(events)} event{'s' if len(events) != 1 else ''}.")


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be a date like 2026-01-31, got {value!r}") from None


@audit_app.command("bias")
def audit_bias(
    role: Annotated[int | None, typer.Option("--role", help="One role's pipeline.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Applications opened on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Applications opened on or before (YYYY-MM-DD).")
    ] = None,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Flag categories smaller than this.")
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="As CSV.")] = False,
) -> None:
    """Scoring and selection rates by self-reported sex and race/ethnicity, with impact ratios and
    small-sample warnings (NYC Local Law 144 style), for a role or a period.

    Example: shortlist audit bias --role 3
    """
    if role is None and since is None and until is None:
        raise fail("give --role ID, or --since/--until dates")
    start, end = _date(since, "--since"), _date(until, "--until")
    setup_django()
    from shortlist.audit.selectors import bias_report
    from shortlist.audit.serialize import bias_csv, bias_json

    with domain_errors():
        report = bias_report(actor=Actor.system(), role_id=role, since=start, until=end, min_count=min_count)
    if as_json:
        print_json(bias_json(report))
        return
    if as_csv:
        typer.echo(bias_csv(report), nl=False)
        return
    tables = report.tables
    median = "—" if tables.median is None else f"{tables.median:.1f}"
    console.print(f"[bold]Bias report: {plain(report.scope)}[/]")
    console.print(f"{tables.sample} scored (median {median}); {report.unscored} no longer in the pool.")
    for dimension in ("sex", "race_ethnicity", "intersection"):
        console.print(f"\n[bold]{dimension.replace('_', '/')}[/]")
        console.print(
            f"  {'category':<38} {'n':>5} {'scoring':>8} {'ratio':>6}  "
            + " ".join(f"{s[:9]:>9}" for s in tables.stages)
        )
        for g in tables.dimension(dimension):
            ratio = "—" if g.scoring.ratio is None else f"{g.scoring.ratio:.2f}"
            rate = "—" if g.scoring.rate is None else f"{g.scoring.rate:.0%}"
            stages = " ".join(
                f"{'—' if r.rate is None else f'{r.rate:.0%}':>9}" for r in g.selection.values()
            )
            flag = " (small sample)" if g.small else ""
            label = (g.category or "not reported")[:38]
            console.print(f"  {label:<38} {g.members:>5} {rate:>8} {ratio:>6}  {stages}{flag}")


@audit_app.command("self-report")
def audit_self_report(
    candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
    sex: Annotated[
        str, typer.Option("--sex", help="female, male or prefer_not_to_say (blank: no answer).")
    ] = "",
    race_ethnicity: Annotated[
        str,
        typer.Option(
            "--race-ethnicity",
            help="hispanic_latino, white, black, native_hawaiian_pacific, asian, native_american_alaska, "
            "two_or_more or prefer_not_to_say (blank: no answer).",
        ),
    ] = "",
) -> None:
    """Record what a candidate chose to report about themselves (voluntary; for the bias report only).

    Example: shortlist audit self-report 42 --sex female --race-ethnicity asian
    """
    setup_django()
    from shortlist.audit.services import self_report_record

    with domain_errors():
        self_report_record(
            actor=Actor.system(), candidate_id=candidate_id, sex=sex, race_ethnicity=race_ethnicity
        )
    console.print(f"Recorded the self-report of candidate #{candidate_id}.")
