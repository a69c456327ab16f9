"""Make stage history append-only in the database itself, not only through the model.

Updates are refused by a trigger on both SQLite and PostgreSQL. Deletes stay possible at the SQL level so
that erasing a candidate (or an application) cascades; the model refuses a direct delete.
"""

from collections.abc import Callable

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

SQLITE_UP = """
CREATE TRIGGER pipeline_stagechange_no_update BEFORE UPDATE ON pipeline_stagechange
BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS pipeline_stagechange_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION pipeline_stagechange_refuse_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'stage history is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER pipeline_stagechange_no_update BEFORE UPDATE ON pipeline_stagechange
FOR EACH ROW EXECUTE FUNCTION pipeline_stagechange_refuse_update();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS pipeline_stagechange_no_update ON pipeline_stagechange;
DROP FUNCTION IF EXISTS pipeline_stagechange_refuse_update();
"""


def _run(sql_by_vendor: dict[str, str]) -> Callable[[Apps, BaseDatabaseSchemaEditor], None]:
    def run(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
