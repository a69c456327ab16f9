"""A candidate's fit to each open role carries the band that role's shortlist gives them (strong, good,
partial, weak), so a recruiter reading one person's roles sees what each score means (issue 11)."""

from __future__ import annotations

from datetime import date

from benchmarks.synthetic import WORK, make_profile, role_spec

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import rank, roles_for_candidate
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
CRAFT = [(s, WORK, 4, NOW) for s in ("testing", "system-design", "sql", "ci-cd", "code-review", "debugging")]
PEOPLE = {
    1: make_profile([("python", WORK, 6, NOW), ("kafka", WORK, 5, NOW), ("redis", WORK, 4, NOW), *CRAFT]),
    2: make_profile([("java", WORK, 6, NOW), ("spring", WORK, 5, NOW)]),
}
ROLES = [
    build_role_profile(role_spec("Backend Engineer", must=("python", "kafka"), nice=("redis",), salary=None)),
    build_role_profile(role_spec("Go Engineer", must=("go", "kubernetes"), nice=("grpc",), salary=None)),
]


def test_each_role_fit_has_the_band_of_that_role_s_shortlist() -> None:
    index = CandidateIndex.build(PEOPLE.items(), today=TODAY, profile_lookup=PEOPLE.get)
    fits = roles_for_candidate(index, 1, ROLES)
    by_role = {fit.role_index: fit.band for fit in fits}
    assert by_role[0] == "strong" and by_role[1] == "weak"
    for position, role in enumerate(ROLES):
        shortlist = {m.candidate_id: m.band for m in rank(index, role, top=10, explain=False).matches}
        assert by_role[position] == shortlist[1]
