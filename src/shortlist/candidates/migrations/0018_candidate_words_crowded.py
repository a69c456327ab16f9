"""PostgreSQL: an index of the CVs whose word vector (0017) may have lost word positions, so a phrase
of plain words is answered by the vector's positions (`<->`) for every other CV instead of a regular
expression over every CV holding its words (candidates/search.py `text_words`).

A tsvector keeps at most 255 positions of one word, and clamps every position past 16,383 to 16,383:
in such a text two words the rule reads as adjacent may not be adjacent in the vector. The function
says whether a vector has a word at either limit (none in the demo pool); the partial index lists
those rows, and the database keeps it in step on every write."""

from django.db import migrations

TABLE = "candidates_candidate_words"
FUNCTION = "candidates_vector_crowded"
POSTGRES_FORWARD = [
    # plpgsql, so the planner never inlines it: the search's condition must match the index's own.
    f"""CREATE FUNCTION {FUNCTION}(vector tsvector) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT
    PARALLEL SAFE AS $$
    BEGIN
        RETURN EXISTS (
            SELECT 1 FROM unnest(vector) AS word
            WHERE cardinality(word.positions) >= 255 OR 16383 = ANY (word.positions)
        );
    END $$""",
    f"CREATE INDEX {TABLE}_crowded ON {TABLE} (id) WHERE {FUNCTION}(text_vector)",
]
POSTGRES_BACKWARD = [
    f"DROP INDEX IF EXISTS {TABLE}_crowded",
    f"DROP FUNCTION IF EXISTS {FUNCTION}(tsvector)",
]


def _run(statements: list[str]):  # noqa: ANN202 - a migration callable
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0017_candidate_words_table")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD), elidable=False)]
