"""The role profile: weighted criteria a recruiter can read back to the client, shaped by growth."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from hypothesis import given, settings

from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.rolefile import ClientSpec, RoleSpec, Salary, parse_role_yaml
from shortlist.engine.roles.weighting import (
    ROLE_MODEL_VERSION,
    CriterionKind,
    RoleProfile,
    build_role_profile,
    format_criteria,
)
from shortlist.engine.vocab.enums import ClientStage, Seniority, WorkMode
from tests.test_role_file import EXAMPLE, specs

GO_PLATFORM = RoleSpec(
    title="Senior Go Engineer - Trading Platform",
    client=ClientSpec("Meridian Quant", "fintech", ClientStage.SCALE_UP, ("London",)),
    languages=("go",),
    project="low-latency-trading",
    seniority=Seniority.SENIOR,
    location="London",
    remote=WorkMode.ONSITE,
    salary=Salary(90000, 130000, "GBP"),
    must_have=("go", "concurrency", "low-latency"),
    nice_to_have=("kafka", "fix-protocol", "trading"),
    culture=("fast-paced",),
)
FLAT = GrowthPlan(36, NowTarget(2000, 2200), None, NowTarget(5, 6), NowTarget(12, 13))
STEEP = GrowthPlan(36, NowTarget(2000, 80000), None, NowTarget(5, 200), NowTarget(12, 60))


@pytest.fixture(scope="module")
def flat() -> RoleProfile:
    return build_role_profile(dataclasses.replace(GO_PLATFORM, growth=FLAT))


@pytest.fixture(scope="module")
def steep() -> RoleProfile:
    return build_role_profile(dataclasses.replace(GO_PLATFORM, growth=STEEP))


def check_well_formed(profile: RoleProfile) -> None:
    weights = [c.weight for c in profile.criteria]
    assert math.isclose(sum(weights), 1.0, abs_tol=1e-9)
    assert all(w > 0 for w in weights)
    # Heaviest first; weights equal to 12 places are ties (ordered by kind), as the role model sorts them,
    # so two shares that differ by a float rounding step never swap places by accident.
    rounded = [round(w, 12) for w in weights]
    assert rounded == sorted(rounded, reverse=True)
    keys = [c.key for c in profile.criteria]
    assert len(keys) == len(set(keys))
    skills = [c.skill for c in profile.criteria if c.skill]
    assert len(skills) == len(set(skills)), "a skill is one criterion"
    for criterion in profile.criteria:
        assert criterion.why.startswith(f"{criterion.label} ")
        assert "%: " in criterion.why and "\n" not in criterion.why


def test_well_formed(flat, steep):
    check_well_formed(flat)
    check_well_formed(steep)
    assert flat.version == steep.version == ROLE_MODEL_VERSION == "5"


def test_steep_growth_raises_the_scale_weight_and_says_why(flat, steep):
    assert steep.weight_of(CriterionKind.SCALE) > 2 * flat.weight_of(CriterionKind.SCALE)
    assert steep.weight_of(CriterionKind.SCALE) >= 0.2
    scale = steep.criterion("scale")
    assert scale is not None
    assert "traffic 2k → 80k rps within 36 months (40×)" in scale.why
    assert "data 5 → 200 TB within 36 months (40×)" in scale.why
    assert "should already have handled 80k rps, 200 TB" in scale.why
    assert "little growth" in flat.criterion("scale").why


def test_team_growth_brings_mentoring_hiring_and_leadership(flat, steep):
    assert flat.weight_of(CriterionKind.LEADERSHIP) == 0
    assert steep.weight_of(CriterionKind.LEADERSHIP) > 0.05
    leaders = {c.skill: c for c in steep.criteria if c.kind == CriterionKind.LEADERSHIP}
    assert set(leaders) == {"mentoring", "hiring", "leadership"}
    assert "team 12 → 60 engineers within 36 months (5×)" in leaders["mentoring"].why
    assert leaders["mentoring"].weight > leaders["hiring"].weight


def test_flat_growth_leaves_more_to_the_skills(flat, steep):
    must_flat, must_steep = flat.weight_of(CriterionKind.MUST), steep.weight_of(CriterionKind.MUST)
    assert must_flat > must_steep
    go_flat, go_steep = flat.criterion("must:go"), steep.criterion("must:go")
    assert go_flat.weight > go_steep.weight
    assert go_flat.why.startswith("Go ") and "must-have; primary language of the role" in go_flat.why


def test_scale_skills_rise_with_growth(flat, steep):
    flat_ds = flat.criterion("competency:distributed-systems")
    steep_ds = steep.criterion("competency:distributed-systems")
    assert steep_ds.weight > flat_ds.weight
    assert "by the growth plan" in steep_ds.why


def test_must_haves_the_playbook_also_names_quote_its_reason(steep):
    concurrency = steep.criterion("must:concurrency")
    assert concurrency.kind == CriterionKind.MUST
    assert "must-have" in concurrency.why and "race" in concurrency.why
    kafka = steep.criterion("nice:kafka")
    assert kafka.why.endswith(": nice to have")
    assert kafka.weight < steep.criterion("must:go").weight


def test_a_skill_named_twice_is_one_criterion(steep):
    """Trading is a nice-to-have and a playbook domain: one criterion, both reasons."""
    trading = [c for c in steep.criteria if c.skill == "trading"]
    assert len(trading) == 1
    assert trading[0].kind == CriterionKind.NICE
    assert "domain of Low-latency trading projects" in trading[0].why


def test_logistics_seniority_domain_and_culture(steep):
    kinds = {c.key: c for c in steep.criteria}
    assert kinds["seniority"].why == "Seniority 5%: senior (typically 5+ years)"
    assert kinds["logistics:location"].why.endswith(": London, onsite")
    assert "£90k–£130k" in kinds["logistics:salary"].why
    assert "in GB" in kinds["logistics:right-to-work"].why
    assert kinds["domain:fintech"].why.endswith("the client's industry")
    assert kinds["culture:fast-paced"].kind == CriterionKind.CULTURE


def test_deterministic():
    spec, _ = parse_role_yaml(EXAMPLE)
    first, second = build_role_profile(spec), build_role_profile(spec)
    assert first == second
    assert format_criteria(first) == format_criteria(second)


def test_without_a_growth_plan_scale_stays_at_the_playbook_baseline():
    profile = build_role_profile(GO_PLATFORM)
    assert profile.scale.value == profile.scale.baseline == 0.25
    assert "no growth plan given" in profile.criterion("scale").why


def test_free_text_terms_are_criteria_with_a_warning():
    spec = dataclasses.replace(GO_PLATFORM, must_have=("go", "Quux Engine"))
    profile = build_role_profile(spec)
    free = profile.criterion("must:quux engine")
    assert free is not None and free.skill is None
    assert "not in the skills taxonomy: scored by its words in the CV text" in free.why
    assert profile.free_terms == ("Quux Engine",)
    assert any("Quux Engine" in w for w in profile.warnings)


def test_an_unknown_project_falls_back_to_general_with_a_warning():
    profile = build_role_profile(RoleSpec(title="X", project="gone", must_have=("python",)))
    assert profile.playbook == "general"
    assert any("'gone'" in w for w in profile.warnings)


def test_lead_roles_weigh_leadership_without_growth():
    profile = build_role_profile(RoleSpec(title="Lead", seniority=Seniority.LEAD, must_have=("go",)))
    assert profile.weight_of(CriterionKind.LEADERSHIP) > 0.04
    assert "expected of a lead engineer" in profile.criterion("leadership:leadership").why


def test_languages_are_must_haves_even_when_not_listed():
    profile = build_role_profile(RoleSpec(title="X", languages=("python",), must_have=("django",)))
    python = profile.criterion("must:python")
    assert python is not None and "primary language" in python.why


def test_as_dict_is_json(steep):
    data = json.loads(json.dumps(steep.as_dict()))
    assert data["project"] == "low-latency-trading"
    assert data["scale"]["targets"]["requests_per_second"] == 80000
    assert [c["key"] for c in data["criteria"]] == [c.key for c in steep.criteria]


@settings(max_examples=60, deadline=None)
@given(specs())
def test_any_valid_role_gives_well_formed_criteria(spec):
    profile = build_role_profile(spec)
    check_well_formed(profile)
    assert profile == build_role_profile(spec)
