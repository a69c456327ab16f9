"""Each scoring rule as a recruiter would notice it in a ranking."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks.synthetic import LEARNING, LISTED, WORK, flat_growth, make_profile, role_spec, steep_growth

from shortlist.engine.cv import parse_cv
from shortlist.engine.index import CandidateIndex
from shortlist.engine.match import Match, match
from shortlist.engine.profile import Profile
from shortlist.engine.roles import RoleProfile, build_role_profile
from shortlist.engine.scoring import SCORING_VERSION
from shortlist.engine.vocab import ScaleMetric, WorkMode

TODAY = date(2026, 11, 1)
NOW = TODAY.year


def rank(role: RoleProfile, **profiles: Profile) -> dict[str, Match]:
    """Match every named profile against the role; results keyed by name."""
    names = list(profiles)
    index = CandidateIndex.build(
        ((i, profiles[name]) for i, name in enumerate(names)),
        today=TODAY,
        profile_lookup=lambda i: profiles[names[i]],
    )
    return {names[m.candidate_id]: m for m in match(index, role, top=len(names))}


def go_role(**kwargs: object) -> RoleProfile:
    return build_role_profile(role_spec(**{"must": ("go",), **kwargs}))


def test_scoring_is_versioned() -> None:
    assert SCORING_VERSION


def test_exact_evidence_beats_implied_beats_related_beats_none() -> None:
    role = build_role_profile(role_spec("Python Engineer", must=("python",)))
    found = rank(
        role,
        exact=make_profile([("python", WORK, 4, NOW)]),
        implied=make_profile([("django", WORK, 4, NOW)]),  # Django work is Python work
        related=make_profile([("ruby", WORK, 4, NOW)]),  # Ruby is only like Python
        none=make_profile([("excel", WORK, 4, NOW)]),
    )
    must = {name: m.breakdown["must_have"] for name, m in found.items()}
    assert must["exact"] > must["implied"] > must["related"] > must["none"] == 0
    assert found["exact"].rank < found["implied"].rank < found["related"].rank < found["none"].rank
    assert any("through Django" in reason for reason in found["implied"].reasons)
    assert "no direct Python evidence, only related Ruby" in found["related"].gaps


def test_a_stale_skill_scores_lower_than_a_recent_one() -> None:
    role = go_role(must=("go", "kafka"))
    found = rank(
        role,
        recent=make_profile([("go", WORK, 5, NOW), ("kafka", WORK, 3, NOW)]),
        stale=make_profile([("go", WORK, 5, NOW), ("kafka", WORK, 3, 2016)]),
    )
    assert found["recent"].score > found["stale"].score
    assert "last used Kafka in 2016" in found["stale"].gaps
    assert not any("Kafka" in gap for gap in found["recent"].gaps)


def test_work_evidence_beats_a_skills_list_beats_learning() -> None:
    role = go_role()
    found = rank(
        role,
        work=make_profile([("go", WORK, 3, NOW)]),
        listed=make_profile([("go", LISTED, 0, None)]),
        learning=make_profile([("go", LEARNING, 0, None)]),
    )
    assert found["work"].score > found["listed"].score > found["learning"].score
    assert "Go only listed, no work evidence" in found["listed"].gaps
    assert "Go: only learning" in found["learning"].gaps


def test_keyword_stuffing_loses_to_a_few_skills_used_at_work() -> None:
    role = build_role_profile(role_spec(must=("go", "kubernetes", "postgresql"), nice=("kafka", "redis")))
    stuffed_skills = [
        "go", "kubernetes", "postgresql", "kafka", "redis", "python", "java", "rust", "c", "cpp", "scala",
        "ruby", "php", "perl", "haskell", "elixir", "kotlin", "swift", "javascript", "typescript", "react",
        "angular", "vue", "django", "flask", "fastapi", "spring-boot", "rails", "express", "graphql",
        "mysql", "mongodb", "cassandra", "elasticsearch", "rabbitmq", "nats", "spark", "airflow", "dbt",
        "snowflake", "aws", "gcp", "azure", "docker", "terraform", "ansible", "prometheus", "grafana",
        "linux", "git", "jenkins", "pytorch", "tensorflow", "pandas", "numpy", "scikit-learn", "hadoop",
        "hive", "kinesis", "sqs",
    ]  # fmt: skip
    assert len(stuffed_skills) == 60
    found = rank(
        role,
        stuffer=make_profile([(skill, LISTED, 0, None) for skill in stuffed_skills]),
        worker=make_profile(
            [(s, WORK, 3, NOW) for s in ("go", "kubernetes", "postgresql", "kafka", "redis", "docker")]
        ),
    )
    assert found["worker"].rank == 1
    assert found["worker"].score > found["stuffer"].score + 20


def test_the_number_of_skills_adds_nothing_by_itself() -> None:
    role = build_role_profile(role_spec(must=("go",), project="general"))
    base = [("go", WORK, 3, NOW)]
    padding = [(skill, LISTED, 0, None) for skill in ("cobol", "fortran", "excel", "sap", "matlab")]
    found = rank(role, lean=make_profile(base), padded=make_profile(base + padding))
    assert found["padded"].score <= found["lean"].score


def test_a_go_getter_does_not_match_go() -> None:
    text = (
        "Sam Rivers\nLondon, UK | sam@example.com\n\nSUMMARY\nA self-motivated go-getter who thrives under "
        "pressure.\n\nEXPERIENCE\nBackend Engineer — Brackenly Pay (Jan 2021 – Present)\n"
        "• Built payment services in Python and Django, backed by PostgreSQL.\n\n"
        "SKILLS\nPython, Django, PostgreSQL, Docker\n\nADDITIONAL INFORMATION\n"
        "Interests: the board game Go, fell running.\n"
    )
    go_getter = parse_cv(text, "sam.txt", today=TODAY)
    assert "go" not in {skill.skill for skill in go_getter.skills}
    found = rank(go_role(), go_getter=go_getter, gopher=make_profile([("go", WORK, 2, NOW)]))
    assert found["go_getter"].breakdown["must_have"] == 0
    assert "no Go evidence" in found["go_getter"].gaps
    assert found["gopher"].rank == 1


def test_a_candidate_who_will_not_relocate_loses_on_logistics_and_the_gap_says_why() -> None:
    role = go_role(location="London", remote=WorkMode.ONSITE)
    skills = [("go", WORK, 6, NOW), ("concurrency", WORK, 5, NOW)]
    found = rank(
        role,
        stays_put=make_profile(skills, city="Manchester", relocate=False),
        local=make_profile(skills, city="London", relocate=False),
    )
    stays_put = found["stays_put"]
    assert stays_put.breakdown["logistics"] < found["local"].breakdown["logistics"]
    assert stays_put.score < found["local"].score
    assert stays_put.breakdown["must_have"] == found["local"].breakdown["must_have"]
    assert "lives in Manchester, GB, does not want to relocate; role is onsite in London" in stays_put.gaps


def test_proven_scale_wins_under_steep_growth_but_not_when_growth_is_flat() -> None:
    skills = [("go", WORK, 5, NOW), ("concurrency", WORK, 5, NOW)]
    profiles = {
        "big": make_profile(skills, scale=[(ScaleMetric.REQUESTS_PER_SECOND, 60_000)]),
        # Same engineer at small scale, with one more nice-to-have used at work.
        "small": make_profile(
            [*skills, ("kafka", WORK, 3, NOW)], scale=[(ScaleMetric.REQUESTS_PER_SECOND, 500)]
        ),
    }
    steep = rank(go_role(nice=("kafka",), growth=steep_growth()), **profiles)
    flat = rank(go_role(nice=("kafka",), growth=flat_growth()), **profiles)
    assert steep["big"].rank == 1
    assert flat["small"].rank == 1
    assert steep["big"].breakdown["scale"] > steep["small"].breakdown["scale"]
    assert any(gap.startswith("largest proven traffic 500 req/s") for gap in steep["small"].gaps)


def test_a_missing_must_have_costs_heavily_and_can_be_a_filter() -> None:
    role = build_role_profile(role_spec(must=("go", "kubernetes", "kafka")))
    complete = [("go", WORK, 4, NOW), ("kubernetes", WORK, 4, NOW), ("kafka", WORK, 4, NOW)]
    found = rank(role, complete=make_profile(complete), missing_one=make_profile(complete[:2]))
    # One of three equal must-haves missing costs more than its own third of the must-have share.
    must_share = role.weight_of("must")
    lost = found["complete"].score - found["missing_one"].score
    assert lost > 100 * must_share / 3
    assert found["missing_one"].breakdown["must_gate"] < 1.0
    assert "no Kafka evidence" in found["missing_one"].gaps

    index = CandidateIndex.build([(1, make_profile(complete)), (2, make_profile(complete[:2]))], today=TODAY)
    assert [m.candidate_id for m in match(index, role, must_have_filter=True)] == [1]
    assert [m.candidate_id for m in match(index, role)] == [1, 2]


@pytest.mark.parametrize(("expectation", "fits"), [(90_000, True), (150_000, False)])
def test_salary_above_the_band_is_a_gap(expectation: int, fits: bool) -> None:
    role = go_role(salary=(80_000, 120_000))
    found = rank(role, candidate=make_profile([("go", WORK, 4, NOW)], salary=expectation))
    gap = "expects £150,000, above the band's top of £120,000"
    assert (gap in found["candidate"].gaps) is not fits


def test_seniority_short_of_the_role_is_a_gap() -> None:
    from shortlist.engine.vocab import Seniority

    role = go_role(seniority=Seniority.STAFF)
    found = rank(
        role,
        mid=make_profile([("go", WORK, 3, NOW)], seniority=Seniority.MID, total_years=3),
        staff=make_profile([("go", WORK, 3, NOW)], seniority=Seniority.STAFF, total_years=10),
    )
    assert found["staff"].breakdown["seniority"] > found["mid"].breakdown["seniority"]
    assert "mid-level for a staff role" in found["mid"].gaps
