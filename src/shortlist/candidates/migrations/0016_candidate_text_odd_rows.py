"""PostgreSQL: an index of the few candidates whose CV text the stored word vector (0014) may read
differently from the search's whole-word rule, so a plain word is answered by the vector alone for
every other row instead of a regular expression over every CV (candidates/search.py `text_words`).

The vector's words are the runs of letters and digits, lower-cased. For an ASCII word the rule
(`~*`, a non-word character or an end on either side) finds exactly those runs, except in a text that
holds "_" (a word character to the rule, a separator to the vector), a character PostgreSQL lowers
to an ASCII letter where the rule's case folding does not ("İ" U+0130, the Kelvin sign U+212A; ſ and ı
for safety), or a digit, "e", a digit (its parser splits "1e5engineer" into "1e5" and "engineer"). The
partial index lists those rows (none in the demo pool); the database keeps it in step on every write.
On SQLite the FTS5 table (0012) already agrees with the rule for a plain word."""

from django.db import migrations

# Written with escapes: the SQL stays ASCII, and the search writes the same expression (the planner
# uses a partial index only for a condition it can match to the index's own).
ODD_TEXT = r"[_\u0130\u212a\u017f\u0131]|[0-9][eE][0-9]"
POSTGRES_FORWARD = [
    f"CREATE INDEX candidates_candidate_text_odd ON candidates_candidate (id) WHERE raw_text ~ '{ODD_TEXT}'",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS candidates_candidate_text_odd"]


def _run(statements: list[str]):  # noqa: ANN202 - a migration callable
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0015_experience_in_cv_order")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD), elidable=False)]
