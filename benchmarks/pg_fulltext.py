"""PostgreSQL full-text search as a keyword baseline: a scratch database, a tsvector table, timed ts_rank.

Used by benchmarks/baselines_speed.py. Every session turns parallel query and JIT off, so PostgreSQL, like
the other two systems, answers each query on one core with no per-query compilation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_DATABASE = "shortlist_bench"
TABLE = "docs"
TOP_SQL = (
    f"SELECT id, ts_rank(tsv, q) FROM {TABLE}, to_tsquery('english', %s) q "
    "WHERE tsv @@ q ORDER BY 2 DESC LIMIT %s"
)
SESSION_SETTINGS = {
    "max_parallel_workers_per_gather": "0",  # one core, like bm25s and Shortlist
    "jit": "off",
    "maintenance_work_mem": "256MB",  # session-only: the GIN build sorts in memory instead of spilling
}


def or_query(words: Sequence[str]) -> str:
    """A to_tsquery text that ORs the given words; PostgreSQL's english parser analyses each one.

    Each word is quoted, so punctuation inside it ("node.js", "ci/cd") goes to the same parser that read
    the documents, not to the tsquery grammar; words that are only punctuation are dropped.
    """
    quoted = [_quoted(word) for word in dict.fromkeys(w.lower() for w in words) if re.search(r"\w", word)]
    return " | ".join(quoted)


def _quoted(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def and_query(names: Sequence[str]) -> str:
    """A to_tsquery text a recruiter would type: every must-have required, a multi-word name as a phrase.

    "low latency" becomes 'low' <-> 'latency' (adjacent, in order), so the AND narrows the rows the GIN
    index hands to ts_rank, unlike the OR of every word.
    """
    parts = []
    for name in dict.fromkeys(n.lower() for n in names):
        words = [_quoted(word) for word in name.split() if re.search(r"\w", word)]
        if words:
            parts.append(words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def _configure(connection: psycopg.Connection[Any]) -> None:
    with connection.cursor() as cursor:
        for name, value in SESSION_SETTINGS.items():
            cursor.execute(sql.SQL("SET {} = {}").format(sql.Identifier(name), sql.Literal(value)))


@contextmanager
def scratch_database(
    url: str = DEFAULT_URL, database: str = DEFAULT_DATABASE, keep: bool = False
) -> Iterator[psycopg.Connection[Any]]:
    """A fresh database (dropped first if a previous run left it), dropped again on exit unless `keep`."""
    name = sql.Identifier(database)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    try:
        with psycopg.connect(
            make_conninfo(url, dbname=database), autocommit=True, prepare_threshold=None
        ) as conn:
            _configure(conn)
            yield conn
    finally:
        if not keep:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@dataclass
class LoadFacts:
    load_s: float = 0.0  # COPY, including the generated tsvector column
    index_s: float = 0.0  # CREATE INDEX … USING gin
    analyze_s: float = 0.0  # VACUUM ANALYZE (visibility map and planner statistics)
    total_bytes: int = 0  # pg_total_relation_size: heap + TOAST + GIN index
    index_bytes: int = 0


def load(connection: psycopg.Connection[Any], texts: Sequence[str]) -> LoadFacts:
    """(Re)create the table, COPY the texts in (id = position), build the GIN index and analyse."""
    facts = LoadFacts()
    connection.execute(f"DROP TABLE IF EXISTS {TABLE}")
    connection.execute(
        f"CREATE TABLE {TABLE} (id bigint, body text, "
        "tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.copy(f"COPY {TABLE} (id, body) FROM STDIN") as copy:
        for number, text in enumerate(texts):
            copy.write_row((number, text))
    facts.load_s = time.perf_counter() - started
    started = time.perf_counter()
    connection.execute(f"CREATE INDEX {TABLE}_tsv ON {TABLE} USING gin (tsv)")
    facts.index_s = time.perf_counter() - started
    started = time.perf_counter()
    connection.execute(f"VACUUM ANALYZE {TABLE}")
    facts.analyze_s = time.perf_counter() - started
    row = connection.execute(
        f"SELECT pg_total_relation_size('{TABLE}'), pg_relation_size('{TABLE}_tsv')"
    ).fetchone()
    assert row is not None
    facts.total_bytes, facts.index_bytes = int(row[0]), int(row[1])
    return facts


@dataclass
class QueryTimes:
    client_s: list[float] = field(default_factory=list)  # wall time: execute + fetch 50 rows, localhost
    server_s: list[float] = field(default_factory=list)  # EXPLAIN ANALYZE, first round: planning + execution
    matched: list[int] = field(default_factory=list)  # rows satisfying tsv @@ q (ranked before the top 50)


def _matched_rows(plan: dict[str, Any]) -> int:
    """Rows the index scan handed on: the input ts_rank was computed over."""
    if plan.get("Node Type") == "Bitmap Heap Scan" or plan.get("Node Type", "").endswith("Seq Scan"):
        return int(plan.get("Actual Rows", 0))
    return max((_matched_rows(child) for child in plan.get("Plans", ())), default=0)


def top(connection: psycopg.Connection[Any], query: str, limit: int) -> list[tuple[int, float]]:
    return [(int(i), float(s)) for i, s in connection.execute(TOP_SQL, (query, limit)).fetchall()]


def time_queries(
    connection: psycopg.Connection[Any],
    queries: Sequence[str],
    rounds: int,
    limit: int,
    explain_first: bool = True,
    allow_empty: bool = False,
) -> QueryTimes:
    """Each query once untimed (warm cache), then `rounds` times by client wall time.

    With `explain_first`, the first round also runs each query under EXPLAIN (ANALYZE, TIMING OFF) for
    the server-side time and the number of rows ranked. `allow_empty` accepts queries no row satisfies
    (an AND of must-haves may find nobody; an OR of the role's words always finds someone).
    """
    for query in dict.fromkeys(queries):
        top(connection, query, limit)
    times = QueryTimes()
    explain = "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + TOP_SQL
    for round_number in range(rounds):
        for query in queries:
            started = time.perf_counter()
            rows = top(connection, query, limit)
            times.client_s.append(time.perf_counter() - started)
            assert rows or allow_empty, f"no document matches {query!r}"
            if round_number or not explain_first:
                continue
            found = connection.execute(explain, (query, limit)).fetchone()
            assert found is not None
            report = found[0][0]
            times.server_s.append((report["Planning Time"] + report["Execution Time"]) / 1e3)
            times.matched.append(_matched_rows(report["Plan"]))
    return times


def server_version(connection: psycopg.Connection[Any]) -> str:
    row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"
