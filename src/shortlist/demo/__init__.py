"""Deterministic demo data: synthetic candidates with consistent careers, and three clients with growth plans.

`generator` is framework-free (benchmarks and engine tests use it directly); `loader` writes its output
into the Django models and is imported on its own so that importing this package never pulls in Django.
"""

from __future__ import annotations

from shortlist.demo.generator import (
    PROJECT_TYPES,
    SKILL_IDS,
    SKILL_NAMES,
    DemoCandidate,
    DemoClient,
    DemoExperience,
    DemoGrowthPlan,
    DemoRequirement,
    DemoRole,
    DemoScaleClaim,
    DemoSkill,
    demo_clients,
    generate_candidates,
)

__all__ = [
    "PROJECT_TYPES",
    "SKILL_IDS",
    "SKILL_NAMES",
    "DemoCandidate",
    "DemoClient",
    "DemoExperience",
    "DemoGrowthPlan",
    "DemoRequirement",
    "DemoRole",
    "DemoScaleClaim",
    "DemoSkill",
    "demo_clients",
    "generate_candidates",
]
