"""PostgreSQL: each CV's adjacent word pairs as lexemes of their own ("backend engineer"), in a narrow
table with a GIN index, so a two-word phrase is one index lookup with nothing re-read.

A phrase on the word vector (`<->`, 0017/0018) finds the rows holding both words through the GIN index
quickly, then must read each of those rows' vectors for the word positions: at 100,000 candidates
"backend engineer" re-read 69,892 out-of-line vectors (552 ms, 282,000 buffers). Here the pairs are
taken from that same vector: "a b" is a pair exactly when `a` is at some position p and `b` at p + 1,
which is what `a <-> b` asks, so the pair lexeme answers a two-word phrase with no recheck, and a
longer phrase is the rows holding all its consecutive pairs, re-checked with `<->` (few rows).

The pair is the two words joined by a space (a word of the vector never holds one). A pair longer
than a lexeme may be (2,047 bytes) is left out: the search only asks for words of at most 100
characters. A CV whose pairs would pass a tsvector's 1 MB of text gets no pair vector (NULL, listed by
a partial index) and the search asks its word vector instead. Triggers keep the table in step with the
candidate table in the same transaction, as 0017's do. candidates/search.py reads it.

Each row also says whether the rule itself must decide a phrase there (`unsure`, with a partial index of
those rows; none in the demo pool): the odd texts of 0016, the crowded vectors of 0018, and a text
with a run of letters and digits over 1,000 bytes. The vector leaves out a word longer than 2,047
bytes without counting its position, so the words on either side of it read as adjacent to `<->` and
to the pairs alike (1,000: lower-casing may lengthen a letter by half). Kept here, written once per
text, the search reads a boolean where it planned a regular expression per statement (8-145 ms of
planning at 100,000 candidates: the planner tries a pattern on its sample of CV texts)."""

from django.db import migrations

TABLE = "candidates_candidate_pairs"
FUNCTION = "candidates_vector_pairs"
UNSURE = "candidates_phrase_unsure"
# 0016's odd texts, to the letter.
ODD_TEXT = r"[_\u0130\u212a\u017f\u0131]|[0-9][eE][0-9]"
POSTGRES_FORWARD = [
    f"""CREATE FUNCTION {FUNCTION}(vector tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT
    PARALLEL SAFE AS $$
        WITH word AS (
            SELECT entry.lexeme, position FROM unnest(vector) AS entry, unnest(entry.positions) AS position
        ), pair AS (
            SELECT DISTINCT first.lexeme || ' ' || second.lexeme AS lexeme
            FROM word AS first JOIN word AS second ON second.position = first.position + 1
            WHERE octet_length(first.lexeme) + octet_length(second.lexeme) < 2047
        )
        SELECT CASE WHEN coalesce(sum(octet_length(lexeme)), 0) < 1000000
            THEN array_to_tsvector(coalesce(array_agg(lexeme), '{{}}')) END
        FROM pair
    $$""",
    f"""CREATE FUNCTION {UNSURE}(cv text, vector tsvector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    PARALLEL SAFE AS $$
        SELECT cv ~ '{ODD_TEXT}' OR candidates_vector_crowded(vector) OR EXISTS (
            SELECT 1 FROM regexp_split_to_table(cv, '[^[:alnum:]]+') AS run WHERE octet_length(run) > 1000
        )
    $$""",
    f"""CREATE TABLE {TABLE} (id bigint PRIMARY KEY, pairs tsvector, unsure boolean NOT NULL)
        WITH (toast_tuple_target = 128)""",
    f"""CREATE FUNCTION {TABLE}_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM {TABLE} WHERE id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {TABLE} (id, pairs, unsure)
            VALUES (NEW.id, {FUNCTION}(NEW.text_vector), {UNSURE}(NEW.raw_text, NEW.text_vector));
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
    f"""INSERT INTO {TABLE} (id, pairs, unsure)
        SELECT id, {FUNCTION}(text_vector), {UNSURE}(raw_text, text_vector) FROM candidates_candidate""",
    f"CREATE INDEX {TABLE}_pairs ON {TABLE} USING gin (pairs)",
    f"CREATE INDEX {TABLE}_none ON {TABLE} (id) WHERE pairs IS NULL",
    f"CREATE INDEX {TABLE}_unsure ON {TABLE} (id) WHERE unsure",
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_truncate ON candidates_candidate",
    f"DROP TRIGGER IF EXISTS {TABLE}_update ON candidates_candidate",
    f"DROP TRIGGER IF EXISTS {TABLE}_insert_delete ON candidates_candidate",
    f"DROP FUNCTION IF EXISTS {TABLE}_truncate()",
    f"DROP FUNCTION IF EXISTS {TABLE}_write()",
    f"DROP TABLE IF EXISTS {TABLE}",
    f"DROP FUNCTION IF EXISTS {FUNCTION}(tsvector)",
    f"DROP FUNCTION IF EXISTS {UNSURE}(text, tsvector)",
]


def _run(statements: list[str]):  # noqa: ANN202 - a migration callable
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0018_candidate_words_crowded")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD), elidable=False)]
