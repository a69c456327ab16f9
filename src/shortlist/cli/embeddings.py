"""`shortlist embed`: queue the pool's passage vectors for the workers, and follow their progress."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import console, domain_errors, err, fail, plain, print_json, setup_django

if TYPE_CHECKING:  # Django is set up inside the command, not at import
    from shortlist.embeddings.selectors import EmbeddingStatus


def embed(
    status: Annotated[
        bool, typer.Option("--status", help="Show the latest run's progress instead of starting one.")
    ] = False,
    chunk_size: Annotated[
        int | None,
        typer.Option(min=1, help="Candidates per task (default SHORTLIST_EMBED_CHUNK_SIZE, 200)."),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Stay and show a progress bar until the run's chunks are done.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The run's progress as JSON.")] = False,
) -> None:
    """Store every candidate's passage vectors for semantic re-ranking (`match --semantic`).

    The pool is split into chunks, one background task each; `shortlist worker` processes (as many as
    you start, on any machine sharing the database or broker) embed them. Candidates whose vectors are
    current are skipped, so a stopped run resumes where it was and a second run does nothing.
    The embedder is SHORTLIST_EMBEDDER (minilm, or hashing for tests).

    Example: shortlist embed --wait        (then: shortlist embed --status --json)
    """
    setup_django()
    from shortlist.embeddings.selectors import embedding_status
    from shortlist.embeddings.serialize import embedding_status_json
    from shortlist.embeddings.services import embedding_run_start

    actor = Actor.system()
    with domain_errors():
        if not status:
            run = embedding_run_start(actor=actor, chunk_size=chunk_size)
            chunks = run.chunks.count()
            if not as_json:
                console.print(
                    f"Run {run.pk}: {run.candidates:,} candidates in {chunks:,} chunks of "
                    f"{run.chunk_size:,}, queued for the workers ({plain(run.embedder)})."
                )
        if wait:
            _follow(actor)
        found = embedding_status(actor=actor)
    if as_json:
        print_json(embedding_status_json(found))
    elif status or wait:
        _print(found)
    elif found.chunks_total:
        console.print(
            "Workers embed them: `shortlist worker` (serve starts one). Follow: shortlist embed --status"
        )


def _follow(actor: Actor) -> None:
    from django.conf import settings
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from shortlist.embeddings.selectors import embedding_status

    found = embedding_status(actor=actor)
    with Progress(
        TextColumn("Embedding chunks"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:  # fmt: skip
        bar = progress.add_task("", total=found.chunks_total)
        idle_since: float | None = None
        while not found.finished:
            progress.update(bar, completed=found.chunks_done + found.chunks_failed)
            # Without a worker nothing moves: say so, instead of a bar that waits for ever. A worker that
            # is starting beats within one lease; the chunks stay queued for whenever one runs.
            if not found.stalled:
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since > settings.WORKER_LEASE:
                raise fail(
                    f"{found.stalled}. The run's {found.chunks_queued:,} queued chunks wait for it "
                    "(shortlist embed --status)",
                    code=1,
                )
            time.sleep(1)
            found = embedding_status(actor=actor)


def _print(found: EmbeddingStatus) -> None:
    if found.run_id is None:
        console.print(f"No embedding run yet. Pool: {found.pool:,} candidates; start one: shortlist embed")
        return
    rate = f"{found.rate:,.1f} CVs/s" if found.rate is not None else "no chunk finished yet"
    left = ""
    if found.rate and found.chunks_queued:
        remaining = max(0, found.pool - found.embedded - found.current)
        left = f", about {remaining / found.rate / 60:,.0f} min left"
    console.print(
        f"Run {found.run_id} ({plain(found.embedder)}): "
        f"{found.chunks_done:,}/{found.chunks_total:,} chunks done, {found.chunks_failed:,} failed, "
        f"{found.chunks_queued:,} queued; {found.embedded:,} candidates "
        f"embedded, {found.current:,} already current; {rate}{left}."
    )
    console.print(
        f"Pool: {found.pool:,} candidates, {found.vectors_current:,} with current vectors, "
        f"{found.vectors_stale:,} stale (their CV changed since)."
    )
    for line in found.failures:
        console.print(f"failed {plain(line)}")
    if found.stalled:
        console.print(f"The queued chunks are waiting: {found.stalled}.")
