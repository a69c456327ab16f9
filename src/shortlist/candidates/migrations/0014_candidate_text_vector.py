"""PostgreSQL: the CV text's words stored as a generated tsvector column with its own GIN index, in place
of the expression index of 0012.

With only the expression index, a word most CVs hold ("engineer": every one of 100,000) made the planner
scan the table and compute `to_tsvector` for every row: 10.8 s for one search. A stored column is
computed when the row is written (PostgreSQL keeps it in step itself, whatever writes the text), so the
same search reads it instead (about 1 s, and the index path for the rarer words is unchanged). The model
does not declare the column: Django never reads or writes it, and SQLite has its FTS5 table instead.
candidates/search.py queries it (PG_VECTOR)."""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE candidates_candidate ADD COLUMN text_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, regexp_replace(raw_text, '[^[:alnum:]]+', ' ', 'g'))) STORED",
    "CREATE INDEX candidates_candidate_text_vector ON candidates_candidate USING gin (text_vector)",
    "DROP INDEX IF EXISTS candidates_candidate_text",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX candidates_candidate_text ON candidates_candidate USING gin "
    "(to_tsvector('simple'::regconfig, regexp_replace(raw_text, '[^[:alnum:]]+', ' ', 'g')))",
    "DROP INDEX IF EXISTS candidates_candidate_text_vector",
    "ALTER TABLE candidates_candidate DROP COLUMN IF EXISTS text_vector",
]


def _run(statements: list[str]):  # noqa: ANN202 - a migration callable
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0013_candidate_name_id")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD), elidable=False)]
