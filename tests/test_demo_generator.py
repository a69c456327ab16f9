"""The demo generator: deterministic, internally consistent, and honest about where each fact comes from."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest

from shortlist.demo.generator import (
    PROJECT_TYPES,
    SKILL_IDS,
    SKILL_NAMES,
    DemoCandidate,
    demo_clients,
    generate_candidates,
)
from shortlist.engine.vocab.enums import (
    SCALE_UNITS,
    SENIORITY_MIN_YEARS,
    ClientStage,
    RoleStatus,
    ScaleMetric,
    Seniority,
    WorkMode,
)

TODAY = date(2026, 11, 1)
SAMPLE = 600
CURRENCIES = {"GB": "GBP", "IE": "EUR", "DE": "EUR", "NL": "EUR", "PT": "EUR", "PL": "PLN", "UA": "USD",
              "IN": "INR", "US": "USD"}  # fmt: skip
# The seniority band each level covers, in years: [minimum, next level's minimum).
BANDS = {
    Seniority.JUNIOR: (0, 2),
    Seniority.MID: (2, 5),
    Seniority.SENIOR: (5, 8),
    Seniority.STAFF: (8, 99),
    Seniority.LEAD: (8, 99),
}


@pytest.fixture(scope="module")
def sample() -> list[DemoCandidate]:
    return list(generate_candidates(SAMPLE))


def months(start: date, end: date | None) -> int:
    end = end or TODAY
    return (end.year - start.year) * 12 + end.month - start.month


def mentions(text: str, skill: str) -> bool:
    """Whether any of the skill's names appears in the text as a whole word (Go, not 'good')."""
    return any(
        re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, flags=re.IGNORECASE)
        for name in SKILL_NAMES[skill]
    )


# Determinism -----------------------------------------------------------------------------------------------


def test_same_seed_gives_identical_candidates() -> None:
    assert list(generate_candidates(40, seed=3)) == list(generate_candidates(40, seed=3))


def test_candidate_i_does_not_depend_on_how_many_are_generated() -> None:
    assert list(generate_candidates(5)) == list(generate_candidates(50))[:5]


def test_another_seed_gives_other_candidates() -> None:
    first, second = list(generate_candidates(20, seed=7)), list(generate_candidates(20, seed=8))
    assert sum(a.cv_text != b.cv_text for a, b in zip(first, second, strict=True)) >= 19


def test_the_default_today_is_fixed() -> None:
    assert list(generate_candidates(3)) == list(generate_candidates(3, today=TODAY))


def test_negative_seed_is_refused() -> None:
    with pytest.raises(ValueError, match="seed"):
        next(generate_candidates(1, seed=-1))


def test_sources_are_numbered_files() -> None:
    assert [c.source for c in generate_candidates(3)] == [
        "demo/cv-000000.txt",
        "demo/cv-000001.txt",
        "demo/cv-000002.txt",
    ]


# Careers ---------------------------------------------------------------------------------------------------


def test_jobs_are_ordered_and_never_end_before_they_start(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        jobs = candidate.experiences
        assert 1 <= len(jobs) <= 5, candidate.source
        for job in jobs:
            assert job.start.day == 1 and job.start <= TODAY
            assert job.end is None or job.start <= job.end <= TODAY, (candidate.source, job)
            assert job.bullets and job.employer and job.title
        # Most recent first; the next older job ends no later than this one starts.
        for newer, older in pairwise(jobs):
            assert older.end is not None and older.end <= newer.start, candidate.source
        assert sum(job.end is None for job in jobs) <= 1
        assert all(job.end is not None for job in jobs[1:])


def test_total_years_is_the_sum_of_the_jobs(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        worked = sum(months(job.start, job.end) for job in candidate.experiences) / 12
        assert candidate.total_years == pytest.approx(worked, abs=0.006), candidate.source


def test_seniority_matches_years(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        level = Seniority(candidate.seniority)
        low, high = BANDS[level]
        assert low == SENIORITY_MIN_YEARS[level]
        assert low <= candidate.total_years < high, (candidate.source, level, candidate.total_years)
    assert {c.seniority for c in sample} == {level.value for level in Seniority}


def test_a_mix_of_stacks_places_and_preferences(sample: list[DemoCandidate]) -> None:
    countries = {c.country for c in sample}
    assert {"GB", "IE", "DE", "PL", "UA", "IN", "NL", "PT", "US"} <= countries
    assert sum(c.country == "GB" for c in sample) > SAMPLE / 2
    assert {"Cambridge", "London", "Manchester", "Edinburgh", "Bristol", "Oxford"} <= {c.city for c in sample}
    skills = {s.skill for c in sample for s in c.skills}
    assert {"python", "go", "java", "typescript", "react", "spark", "pytorch", "django", "kafka"} <= skills
    assert {c.work_mode for c in sample} == {"", *WorkMode}
    assert {c.open_to_relocation for c in sample} == {None, True, False}


def test_contact_details_and_preferences_are_well_formed(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        assert candidate.name in candidate.cv_text
        assert candidate.emails and all("@" in e and e in candidate.cv_text for e in candidate.emails[:1])
        assert re.fullmatch(r"\+\d{10,13}", candidate.phone), candidate.phone
        assert candidate.city in candidate.cv_text
        for url in (candidate.github_url, candidate.linkedin_url, candidate.website_url):
            assert not url or (url.startswith("https://") and url in candidate.cv_text)
        assert set(candidate.right_to_work) <= set(CURRENCIES)
        if candidate.salary_expectation is None:
            assert candidate.salary_currency == ""
        else:
            assert candidate.salary_expectation > 0
            assert candidate.salary_currency == CURRENCIES[candidate.country]
            assert f"{candidate.salary_expectation:,}" in candidate.cv_text
        assert candidate.notice_weeks is None or 0 <= candidate.notice_weeks <= 12


# Evidence --------------------------------------------------------------------------------------------------


def test_every_skill_is_named_in_the_cv_and_points_to_its_sentence(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        ids = [skill.skill for skill in candidate.skills]
        assert len(ids) == len(set(ids)), candidate.source
        for skill in candidate.skills:
            assert skill.skill in SKILL_IDS
            assert mentions(candidate.cv_text, skill.skill), (candidate.source, skill.skill)
            assert skill.snippet and skill.snippet in candidate.cv_text, (candidate.source, skill)
            assert mentions(skill.snippet, skill.skill), (candidate.source, skill)


def test_skill_years_recency_and_strength_follow_the_evidence(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        for skill in candidate.skills:
            assert 0 <= skill.strength <= 1
            if skill.section == "experience":
                assert 0 < skill.years <= candidate.total_years + 0.01, (candidate.source, skill)
                assert 0.8 <= skill.strength <= 1.0
                assert skill.last_used is not None and 1990 < skill.last_used <= TODAY.year
                # The snippet is a bullet of a job that ended in the year it was last used.
                jobs = [job for job in candidate.experiences if skill.snippet in job.bullets]
                assert jobs, (candidate.source, skill)
                ends = {TODAY.year if job.end is None else job.end.year for job in jobs}
                assert skill.last_used in ends
            else:
                assert skill.section == "skills"
                assert skill.years == 0 and skill.last_used is None
                assert skill.strength in (0.1, 0.3)


def test_the_current_job_gives_skills_used_this_year(sample: list[DemoCandidate]) -> None:
    for candidate in sample:
        if candidate.experiences[0].end is None:
            for bullet in candidate.experiences[0].bullets:
                for skill in candidate.skills:
                    if skill.snippet == bullet:
                        assert skill.last_used == TODAY.year


def test_scale_claims_are_positive_normalised_and_quoted(sample: list[DemoCandidate]) -> None:
    claims = [(c, claim) for c in sample for claim in c.scale_claims]
    assert len(claims) > SAMPLE / 4
    for candidate, claim in claims:
        metric = ScaleMetric(claim.metric)
        assert claim.unit == SCALE_UNITS[metric]
        assert claim.value > 0
        assert claim.snippet in candidate.cv_text
        assert any(claim.snippet in job.bullets for job in candidate.experiences)
    assert len({claim.metric for _, claim in claims}) >= 7


def test_scale_claims_are_normalised_to_the_unit() -> None:
    """Spot-check the arithmetic on the sentences as written."""
    checked = 0
    for candidate in generate_candidates(3000):
        for claim in candidate.scale_claims:
            if claim.snippet.endswith("requests per minute at peak."):
                written = claim.snippet.removeprefix("Served ").split(" requests")[0]
                assert claim.value == pytest.approx(_number(written) / 60, rel=0.01)
                checked += 1
            elif " PB" in claim.snippet:
                written = claim.snippet.split(" PB")[0].split()[-1]
                assert claim.value == pytest.approx(float(written) * 1000)
                checked += 1
    assert checked > 5


def _number(text: str) -> float:
    for suffix, factor in (("bn", 1e9), ("M", 1e6), ("k", 1e3), (" billion", 1e9), (" million", 1e6)):
        if text.endswith(suffix):
            return float(text.removesuffix(suffix)) * factor
    return float(text.replace(",", ""))


def test_traps_appear_rarely_and_are_real(sample: list[DemoCandidate]) -> None:
    more = list(generate_candidates(3000))
    counts = {trap: sum(trap in c.traps for c in more) for trap in
              ("keyword-stuffing", "stale-skill", "weak-evidence", "go-ambiguity")}  # fmt: skip
    assert all(0 < count < len(more) * 0.1 for count in counts.values()), counts
    for candidate in more:
        if "stale-skill" in candidate.traps:
            assert any(TODAY.year - s.last_used > 8 for s in candidate.skills if s.last_used), (
                candidate.source
            )
        if "weak-evidence" in candidate.traps:
            weak = [s for s in candidate.skills if s.strength == 0.1]
            assert len(weak) == 1 and "learning" in weak[0].snippet
        if "keyword-stuffing" in candidate.traps:
            assert sum(s.section == "skills" for s in candidate.skills) >= 15
        if "go-ambiguity" in candidate.traps:
            assert "go" not in {s.skill for s in candidate.skills}
            assert "go-getter" in candidate.cv_text and "board game Go" in candidate.cv_text


def test_cv_layouts_and_date_formats_vary(sample: list[DemoCandidate]) -> None:
    texts = "\n".join(c.cv_text for c in sample)
    for heading in ("EXPERIENCE", "Professional Experience", "## Experience"):
        assert heading in texts
    assert re.search(r"[A-Z][a-z]{2} \d{4} \u2013 (Present|present|now|Current)", texts)
    assert re.search(r"\b\d{4}\u2013\d{4}\b", texts)
    assert re.search(r"\b\d{2}/\d{4} - \d{2}/\d{4}\b", texts)
    assert re.search(r"[A-Z][a-z]{2} \d{4} to [A-Z][a-z]{2} \d{4}", texts)
    for candidate in sample[:50]:
        for job in candidate.experiences:
            assert f"{job.title} \u2014 {job.employer}" in candidate.cv_text


# Clients ---------------------------------------------------------------------------------------------------


def test_three_clients_with_growth_plans_and_roles() -> None:
    clients = demo_clients()
    assert len(clients) == 3
    assert len({c.name for c in clients}) == 3
    statuses = []
    for client in clients:
        assert client.stage in set(ClientStage)
        assert client.locations and client.culture and client.notes and client.industry
        plan = client.growth_plan
        assert plan.horizon_months > 0
        for metric in ("traffic_rps", "users", "data_tb", "engineers"):
            now, target = getattr(plan, f"{metric}_now"), getattr(plan, f"{metric}_target")
            assert (now is None) == (target is None)
            assert now is None or 0 <= now <= target
        assert 2 <= len(client.roles) <= 3
        for role in client.roles:
            assert role.project_type in PROJECT_TYPES
            assert role.seniority in set(Seniority)
            assert role.remote_policy in set(WorkMode)
            assert 0 < role.salary_min <= role.salary_max and role.salary_currency == "GBP"
            assert role.must_have and role.description
            terms = [r.term for r in role.must_have + role.nice_to_have]
            assert len(terms) == len(set(terms))
            assert all(r.weight > 0 for r in role.must_have + role.nice_to_have)
            assert set(role.languages) <= set(SKILL_IDS)
            statuses.append(RoleStatus(role.status))
    assert statuses.count(RoleStatus.ON_HOLD) == 1
    assert statuses.count(RoleStatus.OPEN) == len(statuses) - 1


def test_the_ai_start_up_grows_steeply_and_the_trading_firm_modestly() -> None:
    by_industry = {client.industry: client.growth_plan for client in demo_clients()}
    steep, modest = by_industry["AI"], by_industry["fintech"]
    assert steep.traffic_rps_target / steep.traffic_rps_now >= 100
    assert steep.engineers_target / steep.engineers_now >= 10
    assert 1 < modest.traffic_rps_target / modest.traffic_rps_now <= 5
    assert any(plan.users_now is None for plan in by_industry.values())


def test_old_jobs_do_not_name_tools_from_after_their_time(sample: list[DemoCandidate]) -> None:
    later = {"kubernetes": 2015, "docker": 2014, "terraform": 2015, "fastapi": 2019, "pytorch": 2017}
    old_jobs = 0
    for candidate in sample:
        for job in candidate.experiences:
            old_jobs += job.start.year < 2014
            for skill, year in later.items():
                if job.start.year < year:
                    assert not any(mentions(b, skill) for b in job.bullets), (candidate.source, job)
    assert old_jobs > 50


def test_no_cv_names_a_skill_it_does_not_record(sample: list[DemoCandidate]) -> None:
    """Ground truth for extraction tests: the only unrecorded skill word is the deliberate 'board game Go'."""
    patterns = {
        skill: re.compile("|".join(rf"(?<![\w-]){re.escape(name)}(?![\w])" for name in names))
        for skill, names in SKILL_NAMES.items()
    }
    for candidate in sample:
        recorded = {s.skill for s in candidate.skills}
        for skill, pattern in patterns.items():
            if skill not in recorded and pattern.search(candidate.cv_text):
                assert skill == "go" and "go-ambiguity" in candidate.traps, (candidate.source, skill)
