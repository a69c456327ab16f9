"""A role profile as an audit record stores it, and back: the exact criteria and weights the engine
ranked with, so a stored run re-ranks with the same role even after the role, its playbook or the role
model changed. Plain mapping between JSON and the engine's dataclasses; no scoring here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.roles import workspace_playbooks
from shortlist.engine.cv.titles import Unit
from shortlist.engine.roles.growth import ScalePressure
from shortlist.engine.roles.rolefile import role_spec_from_mapping, role_spec_to_mapping
from shortlist.engine.roles.weighting import Criterion, CriterionKind, RoleProfile
from shortlist.engine.vocab.enums import ScaleMetric


def role_snapshot(profile: RoleProfile) -> dict[str, Any]:
    """Everything `RoleProfile` holds, weights at full precision (JSON keeps a float exactly)."""
    scale = profile.scale
    return {
        "spec": role_spec_to_mapping(profile.spec),
        "criteria": [
            {
                "key": c.key,
                "kind": c.kind.value,
                "skill": c.skill,
                "label": c.label,
                "weight": c.weight,
                "why": c.why,
            }
            for c in profile.criteria
        ],
        "scale": {
            "value": scale.value,
            "baseline": scale.baseline,
            "targets": {metric.value: value for metric, value in scale.targets.items()},
            "team_growth": scale.team_growth,
            "reasons": list(scale.reasons),
            "growth": {metric.value: value for metric, value in scale.growth.items()},
        },
        "warnings": list(profile.warnings),
        "free_terms": list(profile.free_terms),
        "playbook": profile.playbook,
        "version": profile.version,
        "title_units": [{"key": u.key, "weight": u.weight, "label": u.label} for u in profile.title_units],
    }


def profile_from_snapshot(snapshot: dict[str, Any]) -> RoleProfile:
    """The role profile a run ranked with (its spec re-read, its criteria taken as stored)."""
    mapping, playbooks = dict(snapshot["spec"]), workspace_playbooks()
    project = mapping.get("project")
    if project not in playbooks:
        # The role named a project the workspace has no playbook for (the engine fell back); read the
        # spec with a known one and keep the name the role gave.
        mapping["project"] = next(iter(playbooks))
    spec, _ = role_spec_from_mapping(mapping, "<audit>", taxonomy=workspace_taxonomy(), playbooks=playbooks)
    if project is not None and spec.project != project:
        spec = replace(spec, project=project)
    scale = snapshot["scale"]
    return RoleProfile(
        spec=spec,
        criteria=tuple(
            Criterion(c["key"], CriterionKind(c["kind"]), c["skill"], c["label"], c["weight"], c["why"])
            for c in snapshot["criteria"]
        ),
        scale=ScalePressure(
            value=scale["value"],
            baseline=scale["baseline"],
            targets={ScaleMetric(k): v for k, v in scale["targets"].items()},
            team_growth=scale["team_growth"],
            reasons=tuple(scale["reasons"]),
            growth={ScaleMetric(k): v for k, v in scale["growth"].items()},
        ),
        warnings=tuple(snapshot["warnings"]),
        free_terms=tuple(snapshot["free_terms"]),
        playbook=snapshot["playbook"],
        version=snapshot["version"],
        title_units=tuple(Unit(u["key"], u["weight"], u["label"]) for u in snapshot["title_units"]),
    )
