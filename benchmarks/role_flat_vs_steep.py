"""The same Go trading-platform role under a flat and a steep growth plan: both criteria tables.

    .venv/bin/python -m benchmarks.role_flat_vs_steep

Not a measurement: the demonstration docs/role-modelling.md pastes, so a reader can see the growth plan
move the weights and the reasons quote the client's numbers.
"""

from __future__ import annotations

import dataclasses

from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.rolefile import ClientSpec, RoleSpec, Salary
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile, format_criteria
from shortlist.engine.vocab.enums import ClientStage, Seniority, WorkMode

ROLE = RoleSpec(
    title="Senior Go Engineer - High-Frequency Trading Platform",
    client=ClientSpec("Meridian Quant", "fintech", ClientStage.SCALE_UP, ("London",)),
    languages=("go",),
    project="low-latency-trading",
    seniority=Seniority.SENIOR,
    location="London",
    remote=WorkMode.ONSITE,
    salary=Salary(90000, 130000, "GBP"),
    must_have=("go", "concurrency", "low-latency"),
    nice_to_have=("kafka", "fix-protocol", "trading"),
    culture=("fast-paced", "in-office", "engineering-led"),
)
PLANS = {
    "FLAT: a steady desk": GrowthPlan(36, NowTarget(2000, 2200), None, NowTarget(5, 6), NowTarget(12, 13)),
    "STEEP: the DESIGN.md client": GrowthPlan(
        36, NowTarget(2000, 80000), None, NowTarget(5, 200), NowTarget(12, 60)
    ),
}


def summary(profile: RoleProfile) -> str:
    scale = profile.scale
    kinds = ("must", "nice", "competency", "domain", "scale", "leadership")
    shares = ", ".join(f"{kind} {profile.weight_of(kind) * 100:.0f}%" for kind in kinds)
    pressure = f"pressure {scale.value:.2f} (baseline {scale.baseline:.2f})"
    return f"{pressure}, team growth {scale.team_growth:.2f}; {shares}"


def main() -> None:
    for name, plan in PLANS.items():
        profile = build_role_profile(dataclasses.replace(ROLE, growth=plan))
        print(f"### {name}")
        print(f"growth: {'; '.join(profile.scale.reasons)}")
        print(summary(profile))
        print()
        print(format_criteria(profile))
        print()


if __name__ == "__main__":
    main()
