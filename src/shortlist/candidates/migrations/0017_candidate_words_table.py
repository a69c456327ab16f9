"""PostgreSQL: the CV's word vector (0014) copied into a narrow table of its own, (id, vector), whose
rows hold only the id and a pointer to the vector stored out of line, with its own GIN index.

A search for a word most CVs hold finds its rows through the GIN index, then must visit each row for
its id: in the candidate table that is every page of it (20,635 pages at 100,000 candidates, as the
CV text is stored in the row), 175-490 ms per search under load; this table has 736. Triggers keep it
in step with the candidate table in the same transaction, whatever writes it (insert, a new text, a
delete, the tests' TRUNCATE), as SQLite's FTS5 triggers do (0012). candidates/search.py reads it."""

from django.db import migrations

TABLE = "candidates_candidate_words"
POSTGRES_FORWARD = [
    f"CREATE TABLE {TABLE} (id bigint PRIMARY KEY, text_vector tsvector NOT NULL) WITH (toast_tuple_target = 128)",
    f"ALTER TABLE {TABLE} ALTER COLUMN text_vector SET STORAGE EXTERNAL",
    f"""CREATE FUNCTION {TABLE}_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM {TABLE} WHERE id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {TABLE} (id, text_vector) VALUES (NEW.id, NEW.text_vector);
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {TABLE}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {TABLE};
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER {TABLE}_insert_delete AFTER INSERT OR DELETE ON candidates_candidate
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_write()""",
    # Django's save() writes every column: only a new text or id rewrites the row.
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF id, raw_text ON candidates_candidate
        FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.raw_text IS DISTINCT FROM NEW.raw_text)
        EXECUTE FUNCTION {TABLE}_write()""",
    f"""CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON candidates_candidate
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_truncate()""",
    f"INSERT INTO {TABLE} (id, text_vector) SELECT id, text_vector FROM candidates_candidate",
    f"CREATE INDEX {TABLE}_vector ON {TABLE} USING gin (text_vector)",
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_truncate ON candidates_candidate",
    f"DROP TRIGGER IF EXISTS {TABLE}_update ON candidates_candidate",
    f"DROP TRIGGER IF EXISTS {TABLE}_insert_delete ON candidates_candidate",
    f"DROP FUNCTION IF EXISTS {TABLE}_truncate()",
    f"DROP FUNCTION IF EXISTS {TABLE}_write()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(statements: list[str]):  # noqa: ANN202 - a migration callable
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0016_candidate_text_odd_rows")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD), elidable=False)]
