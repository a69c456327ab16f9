"""Stage history append-only against every path, and an application's candidate and role fixed.

- DELETE on pipeline_stagechange is refused by a trigger (SQLite and PostgreSQL), as UPDATE already
  is (0002), unless a permit to erase that application's history exists (written and removed in the
  same transaction by `pipeline.services.stage_history_erase`, for erasing a person).
- UPDATE of pipeline_application's role is refused; of its candidate too, unless a merge permit
  exists (`pipeline.services.application_follow_merge`: two profiles of one person merged).
- In the ORM, StageChange.application becomes PROTECT, so a candidate, role or application that has
  history is refused before any SQL runs (the admin shows it as a protected object).
"""

from collections.abc import Callable

import django.db.models.deletion
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

PERMIT = (
    "SELECT 1 FROM pipeline_stagehistorypermit p WHERE p.application_id = {id} AND p.purpose = '{purpose}'"
)

SQLITE_UP = [
    f"""
CREATE TRIGGER pipeline_stagechange_no_delete BEFORE DELETE ON pipeline_stagechange
WHEN NOT EXISTS ({PERMIT.format(id="OLD.application_id", purpose="erase")})
BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;
""",
    f"""
CREATE TRIGGER pipeline_application_fixed BEFORE UPDATE OF candidate_id, role_id ON pipeline_application
WHEN NEW.role_id IS NOT OLD.role_id
  OR (NEW.candidate_id IS NOT OLD.candidate_id AND NOT EXISTS ({PERMIT.format(id="OLD.id", purpose="merge")}))
BEGIN SELECT RAISE(ABORT, 'an application''s candidate and role are fixed'); END;
""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS pipeline_stagechange_no_delete;",
    "DROP TRIGGER IF EXISTS pipeline_application_fixed;",
]

POSTGRES_UP = [
    f"""
CREATE OR REPLACE FUNCTION pipeline_stagechange_refuse_delete() RETURNS trigger AS $$
BEGIN
  IF EXISTS ({PERMIT.format(id="OLD.application_id", purpose="erase")}) THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'stage history is append-only';
END;
$$ LANGUAGE plpgsql;
""",
    """
CREATE TRIGGER pipeline_stagechange_no_delete BEFORE DELETE ON pipeline_stagechange
FOR EACH ROW EXECUTE FUNCTION pipeline_stagechange_refuse_delete();
""",
    f"""
CREATE OR REPLACE FUNCTION pipeline_application_refuse_repoint() RETURNS trigger AS $$
BEGIN
  IF NEW.role_id IS DISTINCT FROM OLD.role_id
     OR (NEW.candidate_id IS DISTINCT FROM OLD.candidate_id
         AND NOT EXISTS ({PERMIT.format(id="OLD.id", purpose="merge")})) THEN
    RAISE EXCEPTION 'an application''s candidate and role are fixed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
    """
CREATE TRIGGER pipeline_application_fixed BEFORE UPDATE OF candidate_id, role_id ON pipeline_application
FOR EACH ROW EXECUTE FUNCTION pipeline_application_refuse_repoint();
""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS pipeline_stagechange_no_delete ON pipeline_stagechange;",
    "DROP FUNCTION IF EXISTS pipeline_stagechange_refuse_delete();",
    "DROP TRIGGER IF EXISTS pipeline_application_fixed ON pipeline_application;",
    "DROP FUNCTION IF EXISTS pipeline_application_refuse_repoint();",
]


def _run(sql_by_vendor: dict[str, list[str]]) -> Callable[[Apps, BaseDatabaseSchemaEditor], None]:
    def run(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for statement in sql_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0002_stage_history_append_only")]

    operations = [
        migrations.CreateModel(
            name="StageHistoryPermit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("application_id", models.BigIntegerField(db_index=True)),
                ("purpose", models.CharField(choices=[("erase", "Erase"), ("merge", "Merge")], max_length=5)),
            ],
        ),
        migrations.AlterField(
            model_name="stagechange",
            name="application",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="history", to="pipeline.application"
            ),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
