"""`shortlist match`, `search` and `index`: ranking and finding people in the pool."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import console, domain_errors, err, fail, plain, print_json, read_text, setup_django
from shortlist.errors import Invalid, Unavailable


class FilterMode(StrEnum):
    """--must-filter-mode's choices (the selector's modes): typer lists them in --help and refuses others."""

    WORK = "work"
    ANYWHERE = "anywhere"


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
    must_mode: Annotated[
        FilterMode,
        typer.Option(
            "--must-filter-mode",
            help="What --must-filter counts: 'work' (used at work or in a project, the default) or "
            "'anywhere' (mentioned anywhere, a skills list included).",
        ),
    ] = FilterMode.WORK,
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
        raise fail("give either --role ROLE_ID|ROLE.yaml or --candidate ID", code=2)
    setup_django()
    if candidate is not None:
        _match_candidate(candidate, top, as_json)
        return
    from shortlist.clients.services import role_file_parse
    from shortlist.pipeline.selectors import SEMANTIC_HINT, shortlist_for_role
    from shortlist.pipeline.serialize import shortlist_json

    actor = Actor.system()
    role_id, role_spec = None, None
    if str(role).isdigit():
        role_id = int(str(role))
    else:
        path = Path(str(role))
        text = read_text(path, detail=False)
        with domain_errors():
            parsed = role_file_parse(actor=actor, text=text, source=str(path))
        for warning in parsed.warnings:
            err.print(f"[yellow]warning:[/] {plain(path)}: {plain(warning)}")
        role_spec = parsed.spec
    with domain_errors(), err.status("Scoring…"):
        try:
            shortlist = shortlist_for_role(
                actor=actor, role_id=role_id, role_spec=role_spec, top=top, min_score=min_score,
                must_filter=must_filter, semantic=semantic, folder=folder or None, must_mode=must_mode.value,
                interface="cli",
            )  # fmt: skip
        except Unavailable:
            raise fail(f"--semantic needs the optional packages: {SEMANTIC_HINT}", code=2) from None
    for name, reason in shortlist.skipped:
        err.print(f"[yellow]skipped[/] {plain(name)}: {plain(reason)}")
    if as_json:
        print_json(shortlist_json(shortlist))
        return
    console.print(f"[bold]{plain(shortlist.title)}[/]")
    if shortlist.pool is not None:
        version = f" (index {shortlist.pool.index_version})" if shortlist.pool.index_version else ""
        console.print(f"Ranked all {shortlist.pool.candidates:,} candidates{version}.")
    if shortlist.run_id is not None:
        console.print(
            f"Kept as audit run {shortlist.run_id} (shortlist audit show {shortlist.run_id} reproduces it)."
        )
    if shortlist.filtered is not None:
        console.print(plain(shortlist.filtered.line) + ".")
        for example in shortlist.filtered.examples:
            console.print(f"  [dim]removed {plain(example)}[/]")
    if not shortlist.rows:
        console.print("No candidate scored above the cut-off.")
        return
    # Names, reasons and gaps quote CVs: printed as text, never read as Rich markup.
    for row in shortlist.rows:
        found, name = row.match, plain(row.candidate.name if row.candidate else "")
        band = f" [{found.band}]" if found.band else ""
        console.print(
            f"\n[bold]{found.rank:>2}. {found.score:5.1f}{plain(band)}  {name}[/] (#{found.candidate_id})"
        )
        if found.summary:
            console.print(f"    {plain(found.summary)}")
        for reason in found.reasons[:4]:
            console.print(f"    [green]+[/] {plain(reason)}")
        for gap in found.gaps[:3]:
            console.print(f"    [red]−[/] {plain(gap)}")
        if found.counterfactual:
            console.print(f"    [dim]{plain(found.counterfactual)}[/]")


def _match_candidate(candidate_id: int, top: int, as_json: bool) -> None:
    from shortlist.pipeline.selectors import roles_for_candidate
    from shortlist.pipeline.serialize import candidate_roles_json

    with domain_errors():
        found = roles_for_candidate(actor=Actor.system(), candidate_id=candidate_id, top=top)
    if as_json:
        print_json(candidate_roles_json(found))
        return
    for row in found.rows:
        # Role titles and client names are typed by people or drafted from a pasted JD: text, not markup.
        band = f" [{row.fit.band}]" if row.fit.band else ""
        console.print(
            f"{row.fit.rank:>2}. {row.fit.score:5.1f}{plain(band)}  {plain(row.role.title)}"
            f" ({plain(row.role.client.name)})"
        )


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

    from shortlist.candidates.services import pool_index_refresh

    started = time.perf_counter()
    with domain_errors(), err.status("Indexing the pool…"):
        built = pool_index_refresh(actor=Actor.system(), rebuild=rebuild)
    console.print(
        f"Index of {built.candidates:,} candidates ready in {time.perf_counter() - started:.1f} s "
        f"({built.nbytes / 2**20:,.0f} MiB) at {built.folder}."
    )


def search(
    query: Annotated[str, typer.Argument(help="e.g. (golang OR go) AND kafka NOT java location:london")],
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Stop after this many matches.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Boolean search: AND, OR, NOT, "phrases", and fields such as location:, title:, seniority:>=senior.

    Example: shortlist search '"low latency" AND (golang OR go) -java years:>=5'
    """
    setup_django()
    from shortlist.candidates.selectors import candidate_search

    with domain_errors():
        try:
            found = candidate_search(actor=Actor.system(), query=query, limit=limit)
        except Invalid as exc:
            # A malformed query is wrong usage, like a bad option (exit 2), not a failed request.
            raise fail(str(exc), code=2) from None
    for warning in found.query.warnings:
        err.print(f"[yellow]note:[/] {warning}")
    rows = [
        {"id": c.id, "name": c.name, "headline": c.headline, "location": c.location, "source": c.source}
        for c in found.rows
    ]
    if as_json:
        print_json({"query": found.query.explain(), "results": rows})
        return
    err.print(f"[dim]{plain(found.query.explain())}[/]")
    for row in rows:
        console.print(
            plain(f"#{row['id']:<7} {row['name'][:28]:<28} {row['headline'][:36]:<36} {row['location']}")
        )
    more = " (limit reached)" if found.limit_reached else ""
    console.print(f"{len(rows)} match{'es' if len(rows) != 1 else ''}{more}.")
