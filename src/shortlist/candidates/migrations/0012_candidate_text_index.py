"""A full-text index over the CV text, so the search's free words stop scanning every CV (benchmarks/
README.md: a full-text index for the candidates page's search). candidates/search.py queries it.

SQLite: an FTS5 table whose content is the candidate table itself (it stores only the index), kept in
step by triggers in the same transaction as every write of the text, whatever wrote it (a service,
bulk_create in the demo loader, the admin, a cascade). Its tokens are the runs of letters, digits and
"_", the characters Python's \\w and the search's whole-word rule count as a word, case folded, accents
kept: a token match is then what the rule decides, and phrases and punctuation are re-checked by it.

PostgreSQL: a GIN expression index over the same text with every non-alphanumeric run made a space
(its parser would otherwise read "node.js" or an e-mail address as one token, hiding "node"), which the
database keeps in step by itself. Both are filled from the existing rows in SQL.

A later migration that makes Django rebuild the candidate table on SQLite (altering a column) drops the
triggers with the old table: tests/test_search_text_index.py fails until it re-creates them."""

from django.db import migrations

SQLITE_TABLE = "candidates_candidate_text"
# Letters and digits (Unicode categories L* and N*) and "_": \w. No diacritics removed, so "résumé"
# is not "resume", as for the regular expression.
SQLITE_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N*' tokenchars '_'"
SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5(
        raw_text, content='candidates_candidate', content_rowid='id', tokenize="{SQLITE_TOKENIZER}")""",
    f"""CREATE TRIGGER {SQLITE_TABLE}_insert AFTER INSERT ON candidates_candidate BEGIN
        INSERT INTO {SQLITE_TABLE}(rowid, raw_text) VALUES (new.id, new.raw_text);
    END""",
    # An erased or merged-away candidate's words leave the index with the row.
    f"""CREATE TRIGGER {SQLITE_TABLE}_delete AFTER DELETE ON candidates_candidate BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, raw_text) VALUES ('delete', old.id, old.raw_text);
    END""",
    # Django's save() writes every column: re-index only when the text (or the id) really changed.
    f"""CREATE TRIGGER {SQLITE_TABLE}_update AFTER UPDATE OF id, raw_text ON candidates_candidate
    WHEN old.id != new.id OR old.raw_text IS NOT new.raw_text BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, raw_text) VALUES ('delete', old.id, old.raw_text);
        INSERT INTO {SQLITE_TABLE}(rowid, raw_text) VALUES (new.id, new.raw_text);
    END""",
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_insert",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]
POSTGRES_FORWARD = [
    "CREATE INDEX candidates_candidate_text ON candidates_candidate USING gin "
    "(to_tsvector('simple'::regconfig, regexp_replace(raw_text, '[^[:alnum:]]+', ' ', 'g')))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS candidates_candidate_text"]


def _run(statements: dict[str, list[str]]):  # noqa: ANN202 - a migration callable
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0011_skill_index_covers_strength")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
            elidable=False,
        ),
    ]
