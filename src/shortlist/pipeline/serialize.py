"""The JSON contracts of rankings (DESIGN.md): change them only by adding keys.

`match --json` prints these, and the API's Out schemas (issue 13) follow the same shapes.
"""

from __future__ import annotations

from typing import Any

from shortlist.pipeline.selectors import CandidateRoles, Shortlist


def shortlist_json(shortlist: Shortlist) -> dict[str, Any]:
    """`{"role": {...}, "results": [{"rank", "score", "band", "candidate": {"id", "name", "source"}, ...}],
    "pool": {"candidates", "index_version"}, "filtered": {"mode", "removed", "missing", "examples"} or
    null when the must-have filter was off, "bands": {band: meaning}, "semantic": {"weight", "embedder",
    "stored_vectors", "computed_vectors"} or null without semantic re-ranking}`."""
    return {
        "role": {"id": shortlist.role_id, **shortlist.role.as_dict()},
        "results": [
            {
                "rank": row.match.rank,
                "score": row.match.score,
                "candidate": {
                    "id": row.match.candidate_id,
                    "name": row.candidate.name if row.candidate else "",
                    "source": row.candidate.source if row.candidate else "",
                },
                "breakdown": row.match.breakdown,
                "reasons": row.match.reasons,
                "gaps": row.match.gaps,
                "counterfactual": row.match.counterfactual,
                "summary": row.match.summary,
                "band": row.match.band,
            }
            for row in shortlist.rows
        ],
        "pool": (
            {"candidates": shortlist.pool.candidates, "index_version": shortlist.pool.index_version}
            if shortlist.pool
            else None
        ),
        "filtered": (
            {
                "mode": shortlist.filtered.mode.value,
                "removed": shortlist.filtered.removed,
                "missing": shortlist.filtered.missing,
                "examples": list(shortlist.filtered.examples),
            }
            if shortlist.filtered
            else None
        ),
        "bands": dict(shortlist.bands),
        # Semantic re-ranking only: which embedder, and how many candidates' vectors were stored
        # (`shortlist embed`) or computed at query time.
        "semantic": (
            {
                "weight": shortlist.semantic,
                "embedder": shortlist.semantic_use.embedder,
                "stored_vectors": shortlist.semantic_use.stored,
                "computed_vectors": shortlist.semantic_use.computed,
            }
            if shortlist.semantic_use
            else None
        ),
    }


def candidate_roles_json(found: CandidateRoles) -> dict[str, Any]:
    """`{"candidate": id, "results": [{"rank", "score", "band", "role": {"id", "title", "client"}, ...}]}`.

    `band` (strong / good / partial / weak) means what it means on the role's shortlist (scoring.py).
    """
    return {
        "candidate": found.candidate_id,
        "results": [
            {
                "rank": row.fit.rank,
                "score": row.fit.score,
                "band": row.fit.band,
                "role": {"id": row.role.pk, "title": row.role.title, "client": row.role.client.name},
                "reasons": row.fit.reasons,
                "gaps": row.fit.gaps,
                "summary": row.fit.summary,
            }
            for row in found.rows
        ],
    }
