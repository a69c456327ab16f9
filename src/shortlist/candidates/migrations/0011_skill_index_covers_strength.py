"""The (skill, candidate) index also holds strength and last used, so the search's skill filter reads
the index alone (benchmarks/README.md: the candidates page's search at 100,000 candidates)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("candidates", "0010_import_file_enqueued_at")]

    operations = [
        migrations.RemoveIndex(model_name="candidateskill", name="candidateskill_skill_candidate"),
        migrations.AddIndex(
            model_name="candidateskill",
            index=models.Index(
                fields=["skill", "candidate", "strength", "last_used"], name="candidateskill_skill_covering"
            ),
        ),
    ]
