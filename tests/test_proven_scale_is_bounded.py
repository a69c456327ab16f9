"""Proven scale weighs what a recruiter would sign: bounded by the level, by how hard the target really
is, and, for a junior or mid role, never above the role's core skill (issue 11)."""

from __future__ import annotations

from benchmarks.synthetic import role_spec
from hypothesis import given, settings
from hypothesis import strategies as st

from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.weighting import SCALE_LEVEL_CAP, RoleProfile, build_role_profile
from shortlist.engine.vocab.enums import Seniority

LEVELS = [None, *Seniority]
MUSTS = ["python", "fastapi", "redis", "postgresql", "kafka", "docker"]


def scale_of(role: RoleProfile) -> float:
    found = role.criterion("scale")
    return found.weight if found else 0.0


def core_of(role: RoleProfile) -> float:
    return max(c.weight for c in role.criteria if c.kind == "must" and c.skill)


def mid_python_role(plan: GrowthPlan | None, seniority: Seniority | None = Seniority.MID) -> RoleProfile:
    return build_role_profile(
        role_spec(
            "Python Developer",
            languages=("python",),
            must=("python", "fastapi"),
            seniority=seniority,
            growth=plan,
        )
    )


# The case: a mid-level role asking for someone who "already handled 50k rps, 5M users, 300 TB".
STEEP = GrowthPlan(
    24,
    traffic_rps=NowTarget(2_000, 50_000),
    users=NowTarget(200_000, 5_000_000),
    data_tb=NowTarget(10, 300),
)


def test_a_mid_level_role_with_steep_growth_keeps_scale_modest_and_below_python() -> None:
    role = mid_python_role(STEEP)
    assert scale_of(role) <= SCALE_LEVEL_CAP[Seniority.MID] + 0.005
    assert scale_of(role) < role.criterion("must:python").weight
    assert "for a mid role" in role.criterion("scale").why


def test_a_senior_role_with_the_same_plan_may_weigh_scale_more() -> None:
    assert scale_of(mid_python_role(STEEP, Seniority.SENIOR)) > scale_of(mid_python_role(STEEP))


def test_a_steep_climb_to_a_small_target_weighs_less_than_one_to_a_hard_target() -> None:
    small = GrowthPlan(24, traffic_rps=NowTarget(10, 1_000))  # 100x, but 1k rps is no feat
    large = GrowthPlan(24, traffic_rps=NowTarget(1_000, 100_000))  # 100x to 100k rps
    senior_small = mid_python_role(small, Seniority.SENIOR)
    senior_large = mid_python_role(large, Seniority.SENIOR)
    assert scale_of(senior_small) < scale_of(senior_large)
    assert "of the way from easy to hard" in senior_small.criterion("scale").why


plans = st.builds(
    lambda months, rps, growth, tb, tb_growth: GrowthPlan(
        months,
        traffic_rps=NowTarget(rps, rps * growth),
        data_tb=NowTarget(tb, tb * tb_growth) if tb else None,
    ),
    st.integers(6, 60),
    st.floats(10, 200_000),
    st.floats(1, 200),
    st.sampled_from([0, 0.5, 5, 50]),
    st.floats(1, 100),
)


@settings(max_examples=150, deadline=None)
@given(plan=plans, level=st.sampled_from(LEVELS), musts=st.lists(st.sampled_from(MUSTS), unique=True))
def test_scale_never_exceeds_the_share_its_level_allows(plan, level, musts) -> None:
    role = build_role_profile(role_spec("Backend Engineer", must=musts, seniority=level, growth=plan))
    # Renormalising after dropping sub-0.5% criteria may lift every share a little.
    assert scale_of(role) <= SCALE_LEVEL_CAP[level] * 1.05 + 1e-9


@settings(max_examples=150, deadline=None)
@given(
    plan=plans,
    level=st.sampled_from([Seniority.JUNIOR, Seniority.MID]),
    musts=st.lists(st.sampled_from(MUSTS), min_size=1, unique=True),
    languages=st.sampled_from([(), ("python",), ("go",)]),
)
def test_for_a_junior_or_mid_role_scale_is_never_above_the_core_skill(plan, level, musts, languages) -> None:
    role = build_role_profile(
        role_spec("Backend Engineer", must=musts, languages=languages, seniority=level, growth=plan)
    )
    assert scale_of(role) <= core_of(role) + 1e-9


@settings(max_examples=150, deadline=None)
@given(
    now=st.floats(10, 50_000),
    low=st.floats(1, 100),
    more=st.floats(1, 100),
    level=st.sampled_from(LEVELS),
    musts=st.lists(st.sampled_from(MUSTS), min_size=1, unique=True),
)
def test_a_harder_target_never_lowers_the_weight_of_proven_scale(now, low, more, level, musts) -> None:
    def share(target: float) -> float:
        plan = GrowthPlan(36, traffic_rps=NowTarget(now, target))
        return scale_of(
            build_role_profile(role_spec("Backend Engineer", must=musts, seniority=level, growth=plan))
        )

    assert share(now * low * more) >= share(now * low) - 1e-9
