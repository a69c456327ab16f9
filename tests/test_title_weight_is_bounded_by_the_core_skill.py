"""The job title keeps its share, and never weighs more than the core language (issue 11)."""

from __future__ import annotations

from benchmarks.synthetic import role_spec
from hypothesis import given, settings
from hypothesis import strategies as st

from shortlist.engine.roles.weighting import TITLE_SHARE, RoleProfile, build_role_profile
from shortlist.engine.vocab.enums import Seniority


def title_of(role: RoleProfile) -> float:
    found = role.criterion("title")
    return found.weight if found else 0.0


def python_role(title: str, **kwargs: object) -> RoleProfile:
    return build_role_profile(role_spec(title, languages=("python",), must=("python", "fastapi"), **kwargs))


def test_a_title_made_of_the_role_s_skills_keeps_its_share() -> None:
    # Being titled "Python Developer" is other evidence than having used Python: the share is not cut.
    plain, distinctive = python_role("Python Developer"), python_role("Payments Reliability Engineer")
    assert title_of(plain) == title_of(distinctive) == TITLE_SHARE


def test_a_junior_role_s_title_stays_below_its_core_language() -> None:
    role = python_role("Python Developer", seniority=Seniority.JUNIOR)
    core = role.criterion("must:python")
    assert core is not None and title_of(role) <= core.weight


words = st.sampled_from(
    ["Python", "Go", "Payments", "Reliability", "Trading", "Platform", "Data", "Backend", "Kafka", "Search"]
)


@settings(max_examples=150, deadline=None)
@given(
    title=st.lists(words, min_size=1, max_size=4).map(lambda w: " ".join(w) + " Engineer"),
    musts=st.lists(st.sampled_from(["python", "go", "kafka", "redis"]), min_size=1, max_size=3, unique=True),
    level=st.sampled_from([None, *Seniority]),
)
def test_the_title_never_weighs_more_than_the_core_skill(title, musts, level) -> None:
    role = build_role_profile(role_spec(title, must=musts, languages=musts[:1], seniority=level))
    core = max(c.weight for c in role.criteria if c.kind == "must" and c.skill)
    assert title_of(role) <= core + 1e-9
    assert title_of(role) <= TITLE_SHARE * 1.05
