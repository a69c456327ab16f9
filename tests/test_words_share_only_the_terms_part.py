"""The lexical component (BM25 over the role's terms) takes its share from the role terms' criteria only:
proven scale, seniority and logistics keep the weight the role model gives them however large the words'
share is, so a nice-to-have's words cannot outweigh proven scale under steep growth (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks.synthetic import WORK, make_profile, role_spec, steep_growth

from shortlist.engine.matching import scoring
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
DENSE = ("scale", "seniority", "logistics")


@pytest.mark.parametrize("share", [0.2, 0.4, 0.6])
def test_scale_seniority_and_logistics_keep_their_weight_at_any_lexical_share(
    share: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scoring, "LEXICAL_SHARE", share)
    role = build_role_profile(role_spec(must=("go",), nice=("kafka",), growth=steep_growth()))
    profile = make_profile([("go", WORK, 3, NOW), ("kafka", WORK, 2, NOW)])
    index = CandidateIndex.build([(1, profile)], today=TODAY)
    plan = scoring.plan_role(role, index.codes, NOW, index.lexicon(), index.taxonomy)
    planned = scoring.component_weights(plan)
    total = sum(c.weight for c in role.criteria if c.weight > 0)
    for kind in DENSE:
        modelled = sum(c.weight for c in role.criteria if str(c.kind) == kind) / total
        assert planned.get(kind, 0.0) == pytest.approx(modelled, rel=1e-6), kind
    assert planned["lexical"] > 0
    assert sum(planned.values()) == pytest.approx(1.0)
