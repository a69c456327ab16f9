"""`shortlist import` and `shortlist candidates …`: bringing CVs in, and reading the pool."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import (
    console,
    domain_errors,
    err,
    fail,
    plain,
    print_json,
    print_json_array,
    setup_django,
)

candidates_app = typer.Typer(help="List, show and merge candidate profiles.", no_args_is_help=True)


def import_(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.pdf .docx .txt .md .html .json), folders, .zip")
    ],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every file, not only problems.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="A per-file report as JSON (status, candidate, reason, warnings)."),
    ] = False,
    consent_date: Annotated[
        datetime | None,
        typer.Option(
            "--consent-date",
            formats=["%Y-%m-%d"],
            help="The people gave consent on this date (YYYY-MM-DD): recorded as their lawful basis "
            "instead of the workspace default (SHORTLIST_LAWFUL_BASIS).",
        ),
    ] = None,
    queue: Annotated[
        bool,
        typer.Option("--queue", help="Hand the files to the task worker, as a web upload does, and return."),
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="With --queue: wait until every file is imported or failed.")
    ] = False,
) -> None:
    """Import CVs; each file alone, so a broken one fails without touching the rest.

    Example: shortlist import ~/cvs/ referrals.zip anna.pdf
    """
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from shortlist.candidates.services import candidate_import, candidate_import_count

    if wait and not queue:
        raise fail("--wait goes with --queue")
    actor = Actor.system()
    if queue:
        _import_queued(
            actor, paths, verbose=verbose, as_json=as_json, wait=wait, consent_at=_aware(consent_date)
        )
        return
    with domain_errors(), Progress(
        TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=candidate_import_count(actor=actor, paths=paths))
        summary = candidate_import(
            actor=actor,
            paths=paths,
            on_outcome=lambda o: progress.update(task, advance=1, description=o.name),
            consent_at=_aware(consent_date),
        )
    _report(summary, verbose=verbose, as_json=as_json)


def _import_queued(
    actor: Actor,
    paths: list[Path],
    *,
    verbose: bool,
    as_json: bool,
    wait: bool,
    consent_at: datetime | None,
) -> None:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from shortlist.candidates.selectors import upload_get
    from shortlist.candidates.services import candidate_import_queue

    no_worker = "queued; no worker is running — start one with `shortlist worker`"
    with domain_errors():
        batch = candidate_import_queue(actor=actor, paths=paths, consent_at=consent_at)
        upload = upload_get(actor=actor, batch_id=batch.pk)
    queued = sum(1 for f in upload.files if f.status == "queued")
    if not wait:
        if as_json:
            print_json({"upload": batch.pk, "files": len(upload.files), "queued": queued,
                        "worker_running": upload.worker_running})  # fmt: skip
        else:
            console.print(
                f"Upload #{batch.pk}: {queued} of {len(upload.files)} files queued for the task worker."
            )
        if queued and not upload.worker_running:
            err.print(f"[yellow]{no_worker}[/]")
        return
    warned = False
    with Progress(
        TextColumn("Importing (worker)"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=len(upload.files))
        while upload.pending:
            if not upload.worker_running and not warned:
                progress.console.print(f"[yellow]{no_worker}; waiting for one[/]")
                warned = True
            time.sleep(0.5)
            upload = upload_get(actor=actor, batch_id=batch.pk)
            progress.update(task, completed=sum(1 for f in upload.files if f.status != "queued"))
    _report(upload.summary(), verbose=verbose, as_json=as_json)


def _report(summary: Any, *, verbose: bool, as_json: bool) -> None:
    from rich.table import Table

    from shortlist.candidates.serialize import import_report

    if as_json:
        print_json(import_report(summary))
        if summary.failed or not summary.outcomes:
            raise typer.Exit(1)
        return
    shown = [o for o in summary.outcomes if verbose or o.status not in ("imported", "unchanged")]
    if shown:
        table = Table("File", "Result", "Candidate", "Detail", title="Import", title_justify="left")
        for outcome in shown:
            detail = outcome.reason or "; ".join(outcome.warnings)
            style = "red" if outcome.status == "failed" else "yellow" if outcome.status == "duplicate" else ""
            table.add_row(
                plain(outcome.name), f"[{style}]{outcome.status.label}[/]" if style else outcome.status.label,
                f"#{outcome.candidate_id}" if outcome.candidate_id else "", plain(detail),
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
    from shortlist.candidates.selectors import candidate_table
    from shortlist.candidates.serialize import profiles

    with domain_errors():
        everyone = candidate_table(actor=Actor.system())
    if as_json:
        print_json_array(profiles(everyone))
        return
    from rich.table import Table

    table = Table("ID", "Name", "Headline", "Seniority", "Years", "Location", "Source")
    for c in everyone[:limit]:
        years = "" if c.total_years is None else f"{c.total_years:.1f}"
        table.add_row(str(c.id), *map(plain, (c.name, c.headline, c.seniority, years, c.location, c.source)))
    console.print(table)
    total = everyone.count()
    if total > limit:
        console.print(f"{limit} of {total:,} shown; --limit N for more, --json for all.")


@candidates_app.command("show")
def candidates_show(
    candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="The profile as JSON.")] = False,
) -> None:
    """Show one profile: contact, preferences, experience, skills with evidence, scale.

    Example: shortlist candidates show 42 --json
    """
    setup_django()
    from shortlist.audit.services import candidate_view
    from shortlist.candidates.serialize import profile_dict

    with domain_errors():  # recorded in the access log, like the candidate's page
        shown = candidate_view(actor=Actor.system(), candidate_id=candidate_id, interface="cli")
        profile = profile_dict(shown.candidate)
    if as_json:
        console.print_json(json.dumps(profile, ensure_ascii=False))
        return
    _print_profile(profile)


def _print_profile(profile: dict[str, Any]) -> None:
    from rich.table import Table

    name = plain(profile["name"] or "(no name found)")
    console.print(f"[bold]#{profile['id']} {name}[/]  {plain(profile['headline'])}")
    facts = [profile["seniority"], profile["total_years"] and f"{profile['total_years']:.1f} years",
             profile["location"], ", ".join(profile["emails"]), profile["phone"]]  # fmt: skip
    console.print(plain(" · ".join(str(f) for f in facts if f)))
    console.print(f"Source: {plain(profile['source'] or 'entered by hand')}")
    if profile["duplicate_of"]:
        console.print(f"[yellow]Likely duplicate of #{profile['duplicate_of']}[/]")
    jobs = Table("From", "To", "Title", "Employer", title="Experience", title_justify="left")
    for job in profile["experience"]:
        jobs.add_row(
            job["start"] or "?", job["end"] or "present", plain(job["title"]), plain(job["employer"])
        )
    console.print(jobs)
    skills = Table(
        "Skill", "Years", "Last used", "Strength", "Evidence", title="Skills", title_justify="left"
    )
    for skill in profile["skills"]:
        evidence = skill["evidence"][0]["snippet"] if skill["evidence"] else ""
        skills.add_row(plain(skill["name"]), f"{skill['years']:.1f}", str(skill["last_used"] or "—"),
                       f"{skill['strength']:.2f}", plain(evidence))  # fmt: skip
    console.print(skills)
    for claim in profile["scale_claims"]:
        console.print(plain(f"Scale: {claim['value']:,.0f} {claim['unit']} — {claim['snippet']}"))


@candidates_app.command("export")
def candidates_export(
    candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
    sar: Annotated[
        bool,
        typer.Option(
            "--sar", help="Everything held about the person (access request): JSON, and a PDF with --out."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="With --sar: write candidate-ID-access-request.json and .pdf into this folder."),
    ] = None,
) -> None:
    """Print a profile as a JSON Resume document (https://jsonresume.org/schema), or with --sar
    everything held about the person (profile, evidence, files, pipelines, notes, basis, retention).

    Example: shortlist candidates export 42 > anna.json
             shortlist candidates export 42 --sar --out ./requests/
    """
    if out is not None and not sar:
        raise fail("--out goes with --sar")
    setup_django()
    if not sar:
        from shortlist.candidates.selectors import candidate_export

        with domain_errors():
            document = candidate_export(actor=Actor.system(), candidate_id=candidate_id, interface="cli")
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    from shortlist.compliance.selectors import candidate_access_request
    from shortlist.compliance.serialize import access_report_json, access_report_pdf

    with domain_errors():
        report = candidate_access_request(actor=Actor.system(), candidate_id=candidate_id)
    document = json.dumps(access_report_json(report), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(document)
        return
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"candidate-{candidate_id}-access-request"
    stem.with_suffix(".json").write_text(document, encoding="utf-8")
    stem.with_suffix(".pdf").write_bytes(access_report_pdf(report))
    console.print(f"Wrote {plain(stem)}.json and .pdf")


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
    from shortlist.candidates.selectors import candidate_similar

    with domain_errors():
        found = candidate_similar(actor=Actor.system(), candidate_id=candidate_id, top=top)
    rows = [
        {"candidate": {"id": s.candidate.id, "name": s.candidate.name, "source": s.candidate.source},
         "similarity": round(s.similarity, 3), "shared": list(s.shared)}
        for s in found
    ]  # fmt: skip
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    for row in rows:
        person = row["candidate"]
        console.print(
            plain(
                f"{row['similarity']:.2f}  {person['name']} (#{person['id']})  {', '.join(row['shared'][:6])}"
            )
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
    from shortlist.candidates.services import candidate_merge

    with domain_errors():
        kept = candidate_merge(actor=Actor.system(), keep_id=keep, other_id=other)
    console.print(f"Merged #{other} into #{kept.pk} {plain(kept.name)}.")


@candidates_app.command("erase")
def candidates_erase(
    candidate_ids: Annotated[list[int], typer.Argument(help="The candidates' ids.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm.")] = False,
    reason: Annotated[
        str, typer.Option(help="Why (kept on the receipt; must not name the person).")
    ] = "erasure request (Art. 17)",
) -> None:
    """Erase people: every trace (rows, files, import records, notes, admin history, the index).

    Irreversible; asks to confirm each unless --yes. Prints one receipt id per person, the only
    record kept (counts per store, when, by whom, why; nothing about the person).

    Example: shortlist candidates erase 42 --reason "asked by e-mail on 3 Dec"
    """
    setup_django()
    from shortlist.compliance.selectors import candidate_erasure_preview
    from shortlist.compliance.services import candidate_erase

    actor = Actor.system()
    with domain_errors():
        for candidate_id in candidate_ids:
            preview = candidate_erasure_preview(actor=actor, candidate_id=candidate_id)
            if not yes:
                console.print(
                    f"#{preview.candidate_id} {plain(preview.name)}: {preview.applications} pipeline "
                    f"entries, {preview.import_records} import records."
                )
                if preview.likely_same_person:
                    others = ", ".join(f"#{i}" for i in preview.likely_same_person)
                    console.print(f"Likely the same person, not erased unless named too: {others}")
                if not typer.confirm("Erase everything about them? This cannot be undone", default=False):
                    console.print(f"#{candidate_id} kept.")
                    continue
            receipt = candidate_erase(actor=actor, candidate_id=candidate_id, reason=reason)
            removed = ", ".join(f"{store} {n}" for store, n in receipt.counts.items() if n)
            console.print(f"#{candidate_id} erased: receipt {receipt.receipt_id} ({removed}).")


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what is due; erase nothing.")] = False,
) -> None:
    """Erase every profile past its retention date (SHORTLIST_RETENTION_DAYS_*), reason "retention".

    People in a pipeline that is still open are held and listed. Safe to run daily (cron) or as the
    `retention_purge_task` background task.

    Example: shortlist purge --dry-run
    """
    setup_django()
    from shortlist.compliance.services import retention_purge

    with domain_errors():
        result = retention_purge(actor=Actor.system(), dry_run=dry_run)
    held = set(result.held)
    due = [pk for pk in result.due if pk not in held]
    ids = ", ".join(f"#{pk}" for pk in due) or "none"
    if dry_run:
        console.print(f"Past retention on {result.today}: {len(due)} to erase ({ids}).")
    else:
        console.print(f"Erased {len(result.receipts)} past retention on {result.today}.")
        for receipt in result.receipts:
            console.print(f"  receipt {receipt.receipt_id}")
    if held:
        console.print(f"Held, in an open pipeline: {', '.join(f'#{pk}' for pk in sorted(held))}.")
    if result.finished_earlier:
        console.print(f"Finished {result.finished_earlier} earlier erasures (index).")


def _aware(day: datetime | None) -> datetime | None:
    """A date from the command line as midnight in the workspace's time zone."""
    from django.utils import timezone

    return timezone.make_aware(day) if day is not None else None


def reparse(
    candidate_ids: Annotated[
        list[int] | None, typer.Argument(help="Candidates to re-read (default: the stale ones).")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Re-read every candidate's stored CV.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="A per-candidate report as JSON.")] = False,
) -> None:
    """Re-read stored CVs with today's parser rules; people, pipelines and notes stay.

    Without ids, only profiles read by other rules than today's (see `parser_version` in
    `candidates show --json`). Each candidate in its own transaction; the matching index follows.

    Example: shortlist reparse            # after upgrading Shortlist
    """
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from shortlist.candidates.serialize import reparse_report
    from shortlist.candidates.services import candidate_reparse, candidate_reparse_ids

    actor = Actor.system()
    with domain_errors():
        ids = candidate_reparse_ids(actor=actor, candidate_ids=candidate_ids or (), every=every)
        with Progress(
            TextColumn("Re-reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True,
        ) as progress:  # fmt: skip
            task = progress.add_task("", total=len(ids))
            summary = candidate_reparse(
                actor=actor, candidate_ids=ids, on_outcome=lambda _: progress.update(task, advance=1)
            )
    counts = summary.counts
    if as_json:
        print_json(reparse_report(summary))
    else:
        for outcome in summary.outcomes:
            if outcome.reason:
                console.print(f"#{outcome.candidate_id} {outcome.status.value}: {plain(outcome.reason)}")
        console.print(
            f"{len(summary.outcomes)} candidates: {counts['reparsed']} re-read, {counts['skipped']} skipped, "
            f"{counts['failed']} failed."
        )
    if summary.failed:
        raise typer.Exit(1)
