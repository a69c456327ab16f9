"""`shortlist role import|export|show|draft`: the role YAML in and out of the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.cli import app
from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.roles import role_profile

pytestmark = pytest.mark.django_db

ROLES = Path(__file__).parent / "fixtures" / "roles"


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def test_import_creates_the_role_with_its_client_growth_and_requirements() -> None:
    result = invoke("role", "import", str(ROLES / "hft-go.yaml"))
    assert result.exit_code == 0, result.output
    assert "Created role #" in result.output
    role = Role.objects.get()
    assert (role.client.name, role.project_type, role.seniority, role.remote_policy) == (
        "Meridian Quant", "low-latency-trading", "senior", "onsite",
    )  # fmt: skip
    must = set(role.requirements.filter(kind="must").values_list("term", flat=True))
    assert must == {"go", "concurrency", "low-latency"}
    plan = role.growth_plan
    assert (plan.traffic_rps_now, plan.traffic_rps_target, plan.horizon_months) == (2000, 80000, 36)


def test_export_then_import_gives_the_same_role(tmp_path: Path) -> None:
    invoke("role", "import", str(ROLES / "hft-go.yaml"))
    role = Role.objects.get()
    exported = invoke("role", "export", str(role.pk))
    assert exported.exit_code == 0
    path = tmp_path / "again.yaml"
    path.write_text(exported.output)
    again = invoke("role", "import", str(path))
    assert again.exit_code == 0 and f"Updated role #{role.pk}" in again.output
    assert Role.objects.count() == 1 and GrowthPlan.objects.count() == 1
    assert invoke("role", "export", str(role.pk)).output == exported.output


def test_show_prints_weighted_criteria_with_reasons() -> None:
    invoke("role", "import", str(ROLES / "hft-go.yaml"))
    role = Role.objects.get()
    result = invoke("role", "show", str(role.pk))
    assert result.exit_code == 0, result.output
    assert "Weighted criteria" in result.output and "%" in result.output
    assert "80k" in result.output or "80,000" in result.output  # the growth is quoted back
    total = sum(c.weight for c in role_profile(role).criteria)
    assert abs(total - 1.0) < 1e-6


def test_a_bad_role_file_names_the_key_and_changes_nothing(tmp_path: Path) -> None:
    text = (ROLES / "hft-go.yaml").read_text().replace("seniority: senior", "senority: senior")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = invoke("role", "import", str(bad))
    assert result.exit_code == 1
    assert "senority" in result.output and "bad.yaml" in result.output
    assert not Role.objects.exists() and not Client.objects.exists()


def test_a_bad_value_names_its_field_path(tmp_path: Path) -> None:
    text = (ROLES / "hft-go.yaml").read_text().replace("target: 80000", "target: lots")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = invoke("role", "import", str(bad))
    assert result.exit_code == 1 and "growth.traffic_rps.target" in result.output


def test_unknown_role_id_says_so() -> None:
    for command in ("show", "export"):
        result = invoke("role", command, "4242")
        assert result.exit_code == 1 and "no role with id 4242" in result.output


def test_draft_turns_a_job_description_into_yaml_that_imports(tmp_path: Path) -> None:
    jd = tmp_path / "jd.txt"
    jd.write_text(
        "Senior Python Engineer - ML Platform\n"
        "Fenbright AI, Cambridge (hybrid). £85,000 - £110,000.\n\n"
        "Requirements:\n- 5+ years of Python\n- FastAPI or Flask APIs serving TensorFlow models\n\n"
        "Nice to have:\n- Kubernetes\n- Kafka\n"
    )
    drafted = CliRunner().invoke(app, ["role", "draft", str(jd)])
    assert drafted.exit_code == 0, drafted.output
    draft = tmp_path / "draft.yaml"
    draft.write_text(drafted.stdout)
    assert "python" in drafted.stdout and "kubernetes" in drafted.stdout
    imported = invoke("role", "import", str(draft))
    assert imported.exit_code == 0, imported.output


def test_a_recruiters_weight_on_a_requirement_raises_its_share() -> None:
    invoke("role", "import", str(ROLES / "hft-go.yaml"))
    role = Role.objects.get()
    before = role_profile(role).criterion("nice:kafka").weight
    role.requirements.filter(term="kafka").update(weight=3)
    after = role_profile(role)
    assert after.criterion("nice:kafka").weight > 2 * before
    assert "weighted ×3 by the recruiter" in after.criterion("nice:kafka").why
