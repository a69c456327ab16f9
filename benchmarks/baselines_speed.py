"""Shortlist beside two keyword baselines over the same profiles: PostgreSQL ts_rank and bm25s.

    .venv/bin/python -m benchmarks.baselines_speed --sizes 10000,100000

For each size N the first N demo candidates (benchmarks/synthetic.py, the seed match_speed uses) are
indexed three ways: their CV texts (`profile_text`) in a PostgreSQL table with a generated tsvector and a
GIN index, the same texts in bm25s, and the profiles in Shortlist's CandidateIndex (match_speed's cached
index). The queries come from match_speed's role set: for each role, the words of its must-have,
nice-to-have and competency skill names, ORed; each keyword engine analyses those words with its own
analyser (PostgreSQL: english parser and Snowball stemmer; bm25s: its default tokeniser and English
stopwords, no stemmer). Shortlist answers the role profile itself, with explanations for its top 50.

PostgreSQL runs in a scratch database (default shortlist_bench, dropped at the end unless --keep) with
parallel query and JIT off for the session. This process is pinned to one core for bm25s and Shortlist.
"""

from __future__ import annotations

import os

# One core, and no BLAS thread pool behind NumPy's back: set before NumPy is imported.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import gc  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

import bm25s  # noqa: E402
import numpy as np  # noqa: E402
import psycopg  # noqa: E402

from benchmarks import pg_fulltext  # noqa: E402
from benchmarks.match_speed import (  # noqa: E402
    TOP,
    _Lookup,
    cached_index,
    latencies,
    percentile,
    reset_peak,
    rss_mib,
)
from benchmarks.synthetic import DEMO_SEED, benchmark_roles, demo_profiles, profile_text  # noqa: E402
from shortlist.engine.matching.scoring import SCORING_VERSION  # noqa: E402
from shortlist.engine.roles.weighting import CriterionKind, RoleProfile  # noqa: E402
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy  # noqa: E402

QUERY_KINDS = (CriterionKind.MUST, CriterionKind.NICE, CriterionKind.COMPETENCY)
MIB = 2**20


def role_words(role: RoleProfile, taxonomy: Taxonomy) -> list[str]:
    """The words of a role's must-have, nice-to-have and competency skill names, in weight order."""
    words: dict[str, None] = {}
    for criterion in role.criteria:
        if criterion.kind not in QUERY_KINDS or criterion.skill is None:
            continue
        skill = taxonomy.get(criterion.skill)
        name = skill.name if skill else criterion.label
        words.update((word, None) for word in name.split() if any(ch.isalnum() for ch in word))
    return list(words)


def must_names(role: RoleProfile, taxonomy: Taxonomy) -> list[str]:
    """The role's must-have skill names: what a recruiter ANDs in a keyword search box."""
    names = []
    for criterion in role.criteria:
        if criterion.kind != CriterionKind.MUST or criterion.skill is None:
            continue
        skill = taxonomy.get(criterion.skill)
        names.append(skill.name if skill else criterion.label)
    return names


def profile_texts(n: int, seed: int) -> list[str]:
    """What the keyword engines index: profile_text of the first n demo candidates, id = position."""
    taxonomy = default_taxonomy()
    return [profile_text(profile) for _, profile in demo_profiles(n, seed, taxonomy)]


@dataclass
class Row:
    size: int
    system: str
    build_s: float
    size_mib: float
    times_s: list[float]
    notes: list[str] = field(default_factory=list)
    facts: pg_fulltext.LoadFacts | None = None

    @property
    def p50_ms(self) -> float:
        return percentile(self.times_s, 50) * 1e3

    @property
    def p95_ms(self) -> float:
        return percentile(self.times_s, 95) * 1e3


def measure_postgres(
    connection: psycopg.Connection[Any],
    texts: Sequence[str],
    queries: list[str],
    rounds: int,
    explain: bool,
    label: str = "PostgreSQL ts_rank",
    facts: pg_fulltext.LoadFacts | None = None,
) -> Row:
    """Load and index the texts (unless `facts` says they already are), then time every role query
    `rounds` times. An AND query may match nobody; an OR of the role's words always matches someone."""
    loaded_here = facts is None
    facts = facts or pg_fulltext.load(connection, texts)
    times = pg_fulltext.time_queries(connection, queries, rounds, TOP, explain, allow_empty=not loaded_here)
    row = Row(
        len(texts),
        label,
        facts.load_s + facts.index_s + facts.analyze_s,
        facts.total_bytes / MIB,
        times.client_s,
    )
    row.facts = facts
    if loaded_here:
        row.notes += [
            f"COPY+tsvector {facts.load_s:.1f} s, GIN {facts.index_s:.1f} s, "
            f"VACUUM ANALYZE {facts.analyze_s:.1f} s",
            f"GIN {facts.index_bytes / MIB:,.0f} MiB of the total",
        ]
    else:
        row.notes.append("same table and GIN index as the OR row")
    if times.server_s:
        server_ms = [percentile(times.server_s, q) * 1e3 for q in (50, 95)]
        matched = float(np.median(np.array(times.matched))) / len(texts)
        row.notes += [
            f"server-side p50/p95 {server_ms[0]:.1f}/{server_ms[1]:.1f} ms",
            f"median query matches {matched:.0%} of rows",
        ]
    return row


def measure_bm25s(texts: Sequence[str], queries: list[list[str]], rounds: int) -> Row:
    gc.collect()
    before = rss_mib()
    reset_peak()
    started = time.perf_counter()
    tokens = bm25s.tokenize(list(texts), stopwords="en", show_progress=False)
    tokenise_s = time.perf_counter() - started
    started = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    index_s = time.perf_counter() - started
    del tokens
    gc.collect()
    peak = rss_mib("VmHWM") - before
    arrays = sum(v.nbytes for v in retriever.scores.values() if isinstance(v, np.ndarray))

    def search(words: list[str]) -> None:
        query = bm25s.tokenize(" ".join(words), stopwords="en", return_ids=False, show_progress=False)
        found, scores = retriever.retrieve(
            query, k=TOP, show_progress=False, n_threads=0, backend_selection="numpy"
        )
        assert found.shape == (1, min(TOP, len(texts))) and scores[0, 0] > 0

    for words in queries:  # warm: first-touch pages, vocabulary lookups
        search(words)
    times = []
    for _ in range(rounds):
        for words in queries:
            started = time.perf_counter()
            search(words)
            times.append(time.perf_counter() - started)
    row = Row(len(texts), "bm25s", tokenise_s + index_s, arrays / MIB, times)
    row.notes += [
        f"tokenise {tokenise_s:.1f} s, index {index_s:.1f} s",
        f"vocabulary {len(retriever.vocab_dict):,} tokens",
        f"peak RSS +{peak:,.0f} MiB while building",
    ]
    return row


def measure_shortlist(size: int, seed: int, roles: list[RoleProfile], rounds: int, rebuild: bool) -> Row:
    lookup = _Lookup(seed)
    index, facts = cached_index(size, seed, rebuild, lookup)
    lookup.seconds = 0.0
    times = latencies(index, roles, rounds)
    fetch_ms = lookup.seconds / len(times) * 1e3
    stats = index.stats()
    row = Row(size, "Shortlist (explained)", facts["build_s"], stats["bytes"] / MIB, times)
    origin = "build time recorded when the cache was made" if facts.get("cached") else "built in this run"
    row.notes += [
        origin,
        f"profile fetch for explanations {fetch_ms:.1f} ms per match",
    ]
    del index
    gc.collect()
    return row


def ratio(shortlist: float, other: float) -> str:
    return f"{shortlist / other:.2f}×" if other > 0 else "—"


def table(rows: list[Row]) -> str:
    lines = [
        "| N | system | build (s) | memory / size (MiB) | timed queries | p50 (ms) | p95 (ms) "
        "| Shortlist ÷ this, p50 | Shortlist ÷ this, p95 | details |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ours = next(r for r in rows if r.size == row.size and r.system.startswith("Shortlist"))
        same = row is ours
        lines.append(
            f"| {row.size:,} | {row.system} | {row.build_s:.1f} | {row.size_mib:,.0f} "
            f"| {len(row.times_s)} | {row.p50_ms:.1f} | {row.p95_ms:.1f} "
            f"| {'' if same else ratio(ours.p50_ms, row.p50_ms)} "
            f"| {'' if same else ratio(ours.p95_ms, row.p95_ms)} | {'; '.join(row.notes)} |"
        )
    return "\n".join(lines)


FOOTNOTE = """\
What the numbers measure:
- p50/p95: latency of one query: each of the {roles} role queries ({distinct} distinct term sets) is
  run once untimed (warm cache), then timed in every round ("timed queries" = roles × rounds).
  PostgreSQL: client wall time of `SELECT id, ts_rank(tsv, q) … WHERE tsv @@ q ORDER BY 2 DESC LIMIT
  {top}` over localhost (execute + fetch), parallel query and JIT off{server}; twice: q = an OR of
  every word of the role's skill names (what a keyword ranker needs), and q = an AND of the must-haves,
  multi-word names as phrases (what a recruiter types; it may match nobody). bm25s: query tokenise +
  retrieve(k={top}), NumPy backend, this process pinned to CPU {core}. Shortlist: match(role, top={top},
  explain=True) on the same core.
- The baselines return ids and scores only; Shortlist's figure includes scoring every criterion of the
  role and building explanations (evidence quotes, gaps, counterfactuals) for all {top} results, which
  fetches those {top} profiles (here regenerated from the seed: "profile fetch" in details). The
  baselines rank on term statistics alone; Shortlist also weighs seniority, scale, logistics and
  culture: the comparison is of cost, not of ranking quality.
- build: PostgreSQL = COPY (the generated tsvector is computed during it) + GIN build + VACUUM ANALYZE;
  bm25s = tokenise + index; Shortlist = CandidateIndex.build (profile generation excluded for all three;
  generating the {largest:,} texts took {generate_s:.1f} s here).
- memory / size: PostgreSQL = pg_total_relation_size (heap + TOAST + GIN, on disk; served from the page
  cache once warm); bm25s = bytes of its score arrays (data, indices, indptr); Shortlist = bytes of the
  index arrays (index.stats()).
- Shortlist ÷ this: above 1 means Shortlist is slower than that baseline."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    parser.add_argument("--roles", type=int, default=36, help="role profiles, as in match_speed")
    parser.add_argument("--rounds", type=int, default=3, help="times each role query is timed per system")
    parser.add_argument("--pg-rounds", type=int, default=None, help="PostgreSQL's rounds (default: --rounds)")
    parser.add_argument(
        "--no-explain", action="store_true", help="skip the EXPLAIN ANALYZE pass (server-side time)"
    )
    parser.add_argument("--core", type=int, default=None, help="CPU to pin to (default: the last one)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild Shortlist's cached indexes")
    parser.add_argument(
        "--pg-url", default=pg_fulltext.DEFAULT_URL, help="server to create the scratch db on"
    )
    parser.add_argument("--database", default=pg_fulltext.DEFAULT_DATABASE, help="scratch database name")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database at the end")
    args = parser.parse_args(argv)
    core = args.core if args.core is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    sizes = [int(s) for s in args.sizes.split(",")]
    pg_rounds = args.pg_rounds if args.pg_rounds is not None else args.rounds
    taxonomy = default_taxonomy()
    roles = benchmark_roles(args.roles)
    words = [role_words(role, taxonomy) for role in roles]
    pg_queries = [pg_fulltext.or_query(w) for w in words]
    pg_and_queries = [pg_fulltext.and_query(must_names(role, taxonomy)) for role in roles]

    print(f"… generating {max(sizes):,} profile texts", flush=True)
    started = time.perf_counter()
    all_texts = profile_texts(max(sizes), args.seed)
    generate_s = time.perf_counter() - started

    rows: list[Row] = []
    with pg_fulltext.scratch_database(args.pg_url, args.database, args.keep) as connection:
        version = pg_fulltext.server_version(connection)
        for size in sizes:
            texts = all_texts[:size]
            print(f"… {size:,}: PostgreSQL", flush=True)
            or_row = measure_postgres(
                connection,
                texts,
                pg_queries,
                pg_rounds,
                not args.no_explain,
                "PostgreSQL ts_rank, OR of terms",
            )
            and_row = measure_postgres(
                connection,
                texts,
                pg_and_queries,
                pg_rounds,
                not args.no_explain,
                "PostgreSQL ts_rank, AND of must-haves",
                or_row.facts,
            )
            size_rows = [or_row, and_row]
            print(f"… {size:,}: bm25s", flush=True)
            size_rows.append(measure_bm25s(texts, words, args.rounds))
            print(f"… {size:,}: Shortlist", flush=True)
            size_rows.insert(0, measure_shortlist(size, args.seed, roles, args.rounds, args.rebuild))
            rows += size_rows
            print(table(rows), flush=True)

    print()
    print(
        FOOTNOTE.format(
            roles=len(roles),
            distinct=len({tuple(w) for w in words}),
            top=TOP,
            core=core,
            largest=max(sizes),
            generate_s=generate_s,
            server=""
            if args.no_explain
            else '; "server-side" in details is\n  planning + execution from EXPLAIN (ANALYZE, TIMING OFF) '
            "in the first round",
        )
    )
    print(
        f"\nPostgreSQL {version}; bm25s {bm25s.__version__}; numpy {np.__version__}; "
        f"scoring {SCORING_VERSION}, taxonomy {taxonomy.fingerprint}"
    )
    print(f"example queries ({roles[0].spec.title}): OR {pg_queries[0]}")
    print(f"  AND {pg_and_queries[0]}")


if __name__ == "__main__":
    main()
