"""Each scoring rule as a recruiter would notice it in a ranking."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks.synthetic import LEARNING, LISTED, WORK, flat_growth, make_profile, role_spec, steep_growth

from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching import scoring
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import Match, match
from shortlist.engine.matching.scoring import SCORING_VERSION
from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.enums import ScaleMetric, WorkMode
from shortlist.engine.vocab.profile import Profile

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
    # One of three equal must-haves missing costs more than its own third of the must-have share (of the
    # score: the role's must weight less what the lexical component takes beside the evidence).
    must_share = role.weight_of("must") * (1 - scoring.LEXICAL_SHARE)
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
    from shortlist.engine.vocab.enums import Seniority

    role = go_role(seniority=Seniority.STAFF)
    found = rank(
        role,
        mid=make_profile([("go", WORK, 3, NOW)], seniority=Seniority.MID, total_years=3),
        staff=make_profile([("go", WORK, 3, NOW)], seniority=Seniority.STAFF, total_years=10),
    )
    assert found["staff"].breakdown["seniority"] > found["mid"].breakdown["seniority"]
    assert "mid-level for a staff role" in found["mid"].gaps


# --- rules added with scoring 1.1 ----------------------------------------------------------------------


def cv(name: str, experience: str, skills: str = "Go", city: str = "London", extra: str = "") -> Profile:
    """A small CV as a recruiter would paste it: one current job with the given bullets."""
    text = (
        f"{name}\n{city}, UK | {name.split()[0].lower()}@example.org\n\nEXPERIENCE\n"
        f"Senior Engineer | Harbour Systems | Jan 2020 - present\n{experience}\n\nSKILLS\n{skills}\n{extra}"
    )
    return parse_cv(text, f"{name.split()[0].lower()}.txt", today=TODAY)


def test_a_latency_figure_is_low_latency_evidence_and_microseconds_count_more_than_milliseconds() -> None:
    role = go_role(must=("go", "low latency"))
    found = rank(
        role,
        micro=cv("Ana Micro", "  * Go order gateway; cut tick-to-order latency to 35 microseconds at p99."),
        sub=cv("Ben Sub", "  * Go market-making engine with sub-10 microsecond quote updates at p99."),
        milli=cv("Cal Milli", "  * Go bidding API; kept p99 latency under 15 ms at peak."),
        none=cv("Dee None", "  * Go order gateway for a trading desk."),
    )
    must = {name: m.breakdown["must_have"] for name, m in found.items()}
    assert must["micro"] == must["sub"] > must["milli"] > must["none"]
    assert any("35 microseconds at p99" in reason for reason in found["micro"].reasons)
    assert "little Low latency evidence" in found["milli"].gaps
    assert "no Low latency evidence" in found["none"].gaps


def test_under_flat_growth_a_metric_the_candidate_never_mentions_barely_counts() -> None:
    flat = GrowthPlan(36, traffic_rps=NowTarget(2_000, 2_200), data_tb=NowTarget(5, 6))
    steep = GrowthPlan(36, traffic_rps=NowTarget(2_000, 80_000), data_tb=NowTarget(5, 200))
    shown = make_profile([("go", WORK, 5, NOW)], scale=[(ScaleMetric.REQUESTS_PER_SECOND, 2_000)])
    flat_fit = rank(go_role(growth=flat), shown=shown)["shown"]
    steep_fit = rank(go_role(growth=steep), shown=shown)["shown"]
    # At the client's traffic, with no data claim: a flat 6 TB target does not halve the fit …
    assert flat_fit.breakdown["scale"] > 0.9
    assert not any("data volume" in gap for gap in flat_fit.gaps)
    # … while a data volume growing fortyfold needs its own proof.
    assert steep_fit.breakdown["scale"] < 0.5
    assert "no proven data volume scale (client target 200 TB)" in steep_fit.gaps


@pytest.mark.parametrize(
    ("remote", "relocate", "city", "gate"),
    [
        (WorkMode.ONSITE, False, "Manchester", 0.55),
        (WorkMode.HYBRID, False, "Manchester", 0.7),
        (WorkMode.ONSITE, None, "Manchester", None),  # stance unknown: never read as a refusal
        (WorkMode.ONSITE, True, "Manchester", None),
        (WorkMode.ONSITE, False, "London", None),
        (WorkMode.REMOTE, False, "Manchester", None),
    ],
)
def test_someone_elsewhere_who_will_not_relocate_is_gated_for_an_office_role(
    remote: WorkMode, relocate: bool | None, city: str, gate: float | None
) -> None:
    role = go_role(must=("go", "concurrency"), location="London", remote=remote)
    strong = [("go", WORK, 10, NOW), ("concurrency", WORK, 8, NOW), ("kafka", WORK, 5, NOW)]
    found = rank(
        role,
        strong=make_profile(strong, city=city, relocate=relocate),
        local=make_profile([("go", WORK, 4, NOW), ("concurrency", WORK, 3, NOW)], city="London"),
    )
    strong_match = found["strong"]
    if gate is None:
        assert "placement_gate" not in strong_match.breakdown
        assert not any("will not relocate" in gap for gap in strong_match.gaps)
        return
    assert strong_match.breakdown["placement_gate"] == gate
    assert found["local"].rank == 1  # stronger on paper, but cannot be in the office
    policy = remote.value
    article = "an" if policy == "onsite" else "a"
    assert strong_match.gaps[0] == f"will not relocate to London for {article} {policy} role: score ×{gate:g}"


BOARD_CV = """Education Details \r
June 2016 B.E. Information Technology Mumbai, Maharashtra University of Mumbai\r
Java developer \r
\r
Java developer - Tech Mahindra\r
Skill Details \r
JAVA- Exprience - 21 months\r
MYSQL- Exprience - Less than 1 year months\r
LINUX- Exprience - 6 monthsCompany Details \r
company - Tech Mahindra\r
description - Team Size: 5\r
Billing application in Java reading files from the Geneva server and producing invoices.\r
Java services for bill back-up; unit tested with JUnit.\r
Fixed production issues in the Java batch jobs.\r
"""


def test_a_job_board_export_is_read_as_experience_with_its_stated_durations() -> None:
    profile = parse_cv(BOARD_CV, "board.txt", today=TODAY)
    assert [section.name for section in profile.sections] == ["education", "skills", "experience"]
    skills = {s.skill: s for s in profile.skills}
    assert skills["java"].strength == 1.0  # three work sentences under "Company Details", not a skills list
    assert skills["linux"].years == 0.5  # "6 months" in the skills table
    assert skills["mysql"].years == 0.5  # "Less than 1 year"
    assert profile.headline == "Java developer"
    assert [(job.title, job.employer) for job in profile.jobs] == [("Java developer", "Tech Mahindra")]

    tester = cv(
        "Quinn Tester", "  * Manual and automated testing of billing screens.", skills="Java, Selenium"
    )
    found = rank(
        build_role_profile(role_spec("Java Developer", must=("java",))), board=profile, tester=tester
    )
    assert found["board"].rank == 1


def test_a_general_role_is_decided_by_its_own_terms_not_by_generic_practice() -> None:
    role = build_role_profile(role_spec("Blockchain Developer", must=("blockchain",), nice=("solidity",)))
    # Testing, CI/CD, code review … only break ties: well under half the must-have (they were ~0.37, more
    # than the must-have itself, before the general playbook's weights were lowered).
    assert role.weight_of("competency") < 0.25
    practice = [(s, WORK, 6, NOW) for s in ("testing", "ci-cd", "code-review", "debugging", "system-design")]
    found = rank(
        role,
        qa=make_profile([*practice, ("blockchain", LISTED, 0, None)]),
        chain=make_profile([("blockchain", WORK, 2, NOW), ("solidity", WORK, 2, NOW)]),
    )
    assert found["chain"].rank == 1
    assert found["chain"].score > found["qa"].score + 20


def test_the_role_title_is_read_against_the_candidates_titles_with_a_reason() -> None:
    role = build_role_profile(role_spec("Java Developer", must=("java",), nice=("spring",)))
    skills = [("java", WORK, 4, NOW), ("spring", WORK, 3, NOW)]
    java_dev = make_profile(skills, employer="Acme")
    java_dev.headline = java_dev.jobs[0].title = "Senior Java Developer"
    qa = make_profile(skills, employer="Acme")
    qa.headline = qa.jobs[0].title = "QA Engineer"
    found = rank(role, java_dev=java_dev, qa=qa)
    assert found["java_dev"].rank == 1
    assert found["java_dev"].breakdown["title"] == 1.0
    assert found["qa"].breakdown["title"] == 0.0
    assert (
        "Title: Java Developer matches 'Senior Java Developer' — Acme, 2021–present"
        in found["java_dev"].reasons
    )
    assert "no title like 'Java Developer' (headline: 'QA Engineer')" in found["qa"].gaps
    # Seniority words and words every title has do not count: "Senior" is the seniority criterion's.
    assert {unit.key for unit in role.title_units} == {"title:s:java", "title:w:java"}


def test_without_the_cv_at_hand_the_title_reason_names_each_unit_once() -> None:
    # "Java" is a unit twice (the skill and the word), "Project" and "Manager" sit inside "Project
    # Manager": the reason read "the candidate's titles name Java and Java" when the index explained
    # without the profiles (ranking_eval, a folder index).
    for title, headline, named in (
        ("Java Developer", "Senior Java Developer", "Java"),
        ("IT Project Manager", "Project Manager", "Project Manager"),
    ):
        role = build_role_profile(role_spec(title, must=("java",)))
        profile = make_profile([("java", WORK, 4, NOW)])
        profile.headline = profile.jobs[0].title = headline
        index = CandidateIndex.build([(1, profile)], today=TODAY)
        (found,) = match(index, role, top=1)
        assert f"Title: {title} — the candidate's titles name {named}" in found.reasons


def test_a_skill_shown_at_work_in_several_places_beats_one_named_once_and_lists_do_not_pay() -> None:
    role = go_role()
    bullets = (
        "  * Built the payment gateway in Go.\n  * Wrote the settlement service in Go.\n"
        "  * Moved the reconciliation jobs to Go."
    )
    found = rank(
        role,
        often=cv("Ola Often", bullets),
        once=cv("Uma Once", "  * Built the payment gateway in Go.\n  * Reconciliation jobs."),
        listed=cv("Lia Listed", "  * Payment gateway.", skills="Go, Go, Golang\nLanguages: Go", extra="Go\n"),
    )
    strength = {name: m.breakdown["must_have"] for name, m in found.items()}
    assert strength["often"] > strength["once"] > strength["listed"]
    assert [found[name].rank for name in ("often", "once", "listed")] == [1, 2, 3]


def test_a_bulleted_learning_line_and_mis_decoded_text_are_still_learning() -> None:
    for experience in (
        "  \u2022 Learning Kubernetes at weekends.",
        "  \u00e2\u20ac\u00a2 Learning Kubernetes.",
    ):
        profile = cv("Kai Learner", "  * Go services.\n" + experience)
        kubernetes = next(s for s in profile.skills if s.skill == "kubernetes")
        assert kubernetes.strength <= 0.15
