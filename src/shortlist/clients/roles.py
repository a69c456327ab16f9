"""Roles between the database and the engine: role files in and out, and the weighted role profile.

The rules (what a role file may say, how growth becomes weights) live in shortlist.engine; this
module only maps rows to the engine's dataclasses and back.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction

from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Client, GrowthPlan, Role, RoleRequirement
from shortlist.engine.roles import growth, rolefile
from shortlist.engine.roles.playbooks import Playbook, playbooks_for
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.enums import ClientStage, RequirementKind, Seniority, WorkMode
from shortlist.errors import Invalid


def workspace_playbooks() -> dict[str, Playbook]:
    """Shipped playbooks plus `$SHORTLIST_HOME/playbooks/*.yaml`."""
    return dict(playbooks_for(settings.HOME, workspace_taxonomy()))


def growth_from_row(plan: GrowthPlan | None) -> growth.GrowthPlan | None:
    """A metric with either end unknown is left out: unknown is neutral, never zero."""
    if plan is None:
        return None
    metrics = {}
    for name in GrowthPlan.METRICS:
        now, target = plan.metric(name)
        if now is not None and target is not None:
            metrics[name] = growth.NowTarget(now, target)
    return growth.GrowthPlan(horizon_months=plan.horizon_months, **metrics)


def growth_plan_from(
    *, horizon_months: int, metrics: Mapping[str, tuple[float | None, float | None]]
) -> growth.GrowthPlan:
    """The engine's plan from a form's figures; a metric missing either end is unknown and left out."""
    issues: list[tuple[str, str]] = []
    if isinstance(horizon_months, bool) or not isinstance(horizon_months, int) or horizon_months <= 0:
        issues.append(("horizon_months", "a whole number of months above 0"))
    stated = {}
    for name, (now, target) in metrics.items():
        if name not in growth.METRIC_NAMES:
            issues.append((name, "not a growth metric"))
            continue
        if now is None or target is None:
            if (now is None) != (target is None):
                which = "target" if target is None else "now"
                issues.append((f"{name}_{which}", "give both now and target, or neither"))
            continue
        try:
            stated[name] = growth.NowTarget(float(now), float(target))
        except (TypeError, ValueError) as exc:
            issues.append((f"{name}_now", str(exc)))
    if issues:
        raise Invalid(f"the growth plan is not valid: {issues[0][0]}: {issues[0][1]}", issues)
    return growth.GrowthPlan(horizon_months=horizon_months, **stated)


def spec_from_role(role: Role) -> rolefile.RoleSpec:
    client = role.client
    requirements = list(role.requirements.all())
    salary = None
    if role.salary_min is not None or role.salary_max is not None:
        salary = rolefile.Salary(role.salary_min, role.salary_max, role.salary_currency or "GBP")
    return rolefile.RoleSpec(
        title=role.title,
        client=rolefile.ClientSpec(
            name=client.name,
            industry=client.industry,
            stage=ClientStage(client.stage) if client.stage else None,
            locations=tuple(client.locations),
        ),
        languages=tuple(role.languages),
        project=role.project_type or "general",
        seniority=Seniority(role.seniority) if role.seniority else None,
        location=role.location,
        remote=WorkMode(role.remote_policy) if role.remote_policy else None,
        salary=salary,
        must_have=tuple(r.term for r in requirements if r.kind == RequirementKind.MUST),
        nice_to_have=tuple(r.term for r in requirements if r.kind == RequirementKind.NICE),
        growth=growth_from_row(role.effective_growth_plan),
        culture=tuple(role.culture or client.culture),
        description=role.description,
    )


def role_profile(role: Role) -> RoleProfile:
    """The weighted criteria; a requirement's weight in the admin scales its share (1 = as its kind)."""
    emphasis = {r.term: r.weight for r in role.requirements.all() if r.weight != 1.0}
    return build_role_profile(spec_from_role(role), workspace_taxonomy(), workspace_playbooks(), emphasis)


def profile_for_spec(spec: rolefile.RoleSpec) -> RoleProfile:
    """The weighted criteria of a role that is not in the workspace (a role file given as is)."""
    return build_role_profile(spec, workspace_taxonomy(), workspace_playbooks())


def parse_role_file(text: str, source: str) -> tuple[rolefile.RoleSpec, list[str]]:
    """RoleFileError (with every problem and its field path) for a bad file."""
    return rolefile.parse_role_yaml(
        text, source, taxonomy=workspace_taxonomy(), playbooks=workspace_playbooks()
    )


def export_role(role: Role) -> str:
    return rolefile.dump_role_yaml(spec_from_role(role))


@transaction.atomic
def save_role_spec(spec: rolefile.RoleSpec) -> tuple[Role, bool]:
    """Create the role, or update the one with the same client and title; returns (role, created)."""
    if spec.client is None:
        raise rolefile.RoleFileError(
            "<role>", [rolefile.RoleFileIssue("client", "a client name is required")]
        )
    client, _ = Client.objects.get_or_create(name=spec.client.name)
    client.industry = spec.client.industry or client.industry
    client.stage = spec.client.stage.value if spec.client.stage else client.stage
    client.locations = list(spec.client.locations) or client.locations
    client.save()
    role = Role.objects.filter(client=client, title=spec.title).first()
    created = role is None
    role = role or Role(client=client, title=spec.title)
    role.growth_plan = _growth_plan_for(client, spec.growth)
    write_role(role, spec)
    return role, created


def write_role(role: Role, spec: rolefile.RoleSpec) -> None:
    """Store the spec's fields and requirements on the role (its client and growth plan are the caller's)."""
    role.title = spec.title
    role.languages = list(spec.languages)
    role.project_type = spec.project
    role.seniority = spec.seniority.value if spec.seniority else ""
    role.location = spec.location
    role.remote_policy = spec.remote.value if spec.remote else ""
    role.salary_min = spec.salary.min if spec.salary else None
    role.salary_max = spec.salary.max if spec.salary else None
    role.salary_currency = spec.salary.currency if spec.salary else role.salary_currency
    role.culture = list(spec.culture)
    role.description = spec.description
    role.save()
    _replace_requirements(role, spec)


def _growth_plan_for(client: Client, plan: growth.GrowthPlan | None) -> GrowthPlan | None:
    """The client's existing plan when it says the same, else a new one (plans are history)."""
    if plan is None:
        return None
    values = {"horizon_months": plan.horizon_months}
    for name in GrowthPlan.METRICS:
        metric = getattr(plan, name)
        values[f"{name}_now"] = metric.now if metric else None
        values[f"{name}_target"] = metric.target if metric else None
    same = client.growth_plans.filter(**values).order_by("-created_at", "-id").first()
    return same or GrowthPlan.objects.create(client=client, **values)


def _replace_requirements(role: Role, spec: rolefile.RoleSpec) -> None:
    """Keep a recruiter's weights for terms that stay; new terms start at 1."""
    weights = {r.term: r.weight for r in role.requirements.all()}
    role.requirements.all().delete()
    rows: dict[str, RoleRequirement] = {}
    for kind, terms in ((RequirementKind.MUST, spec.must_have), (RequirementKind.NICE, spec.nice_to_have)):
        for term in terms:
            # A term listed as both stays a must-have: the stronger statement wins.
            rows.setdefault(
                term, RoleRequirement(role=role, term=term, kind=kind, weight=weights.get(term, 1.0))
            )
    RoleRequirement.objects.bulk_create(rows.values())
