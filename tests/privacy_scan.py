"""Looking for a person everywhere the workspace keeps anything: every text column, every file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import connection


def database_hits(needles: Iterable[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every column of every table (introspected) that holds a needle,
    compared as text case-insensitively: JSON, numbers and dates included."""
    needles = [n.lower() for n in needles]
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = connection.introspection.get_table_description(cursor, table)
            quoted = connection.ops.quote_name(table)
            for column in columns:
                name = connection.ops.quote_name(column.name)
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quoted} WHERE LOWER(CAST({name} AS TEXT)) LIKE %s",
                        [f"%{needle}%"],
                    )
                    if cursor.fetchone()[0]:
                        hits.append((table, column.name, needle))
    return hits


def file_hits(root: Path, needles: Iterable[str]) -> list[tuple[str, str]]:
    """(path, needle) for every file under `root` whose bytes, or whose path, hold a needle: UTF-8 and
    UTF-16 (as PDFs and some indexes store text), case-insensitively."""
    forms = {
        needle: [needle.lower().encode("utf-8"), needle.lower().encode("utf-16-le")] for needle in needles
    }
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() or p.is_dir()):
        data = path.read_bytes().lower() if path.is_file() else b""
        for needle, encoded in forms.items():
            if needle.lower() in str(path.relative_to(root)).lower() or any(e in data for e in encoded):
                hits.append((str(path.relative_to(root)), needle))
    return hits
