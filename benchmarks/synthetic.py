"""Synthetic profiles and roles for the matching engine's benchmarks and tests.

- `demo_profile(candidate)`: the demo generator's DemoCandidate as the engine's Profile, with evidence
  offsets and job spans located in the CV text so explanations can name the job a sentence came from.
  It reads the generator's ground truth directly; parsing a million CVs would measure the parser.
- `demo_profiles(n, seed)`: (id, Profile) pairs, id = the generator's index, ready for CandidateIndex.build.
- `candidate_profile(i, seed)`: candidate i alone, regenerated (the generator is deterministic per index).
- `profile_text(profile)`: the text a keyword engine (bm25s, PostgreSQL ts_rank) indexes for the same
  profile, for side-by-side comparisons.
- `make_profile(...)`: a small hand-made profile for rule tests.
- `benchmark_roles()`: 36 varied role profiles (every playbook, steep and flat growth, onsite to remote).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache

from shortlist.demo import generator
from shortlist.demo.generator import DemoCandidate, generate_candidates
from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.rolefile import ClientSpec, RoleSpec, Salary
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.enums import SCALE_UNITS, ScaleMetric, Seniority, WorkMode
from shortlist.engine.vocab.profile import (
    Contact,
    Evidence,
    Job,
    Preferences,
    Profile,
    ScaleClaimFound,
    SkillEvidence,
)
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

DEMO_TODAY = date(2026, 11, 1)  # the generator's default: ages in the demo data are relative to it
DEMO_SEED = 7


# --- demo candidates as profiles -----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _canonical(taxonomy: Taxonomy) -> dict[str, str]:
    """Generator skill id -> taxonomy id ("nodejs" -> "node-js"); unknown ids stay as they are."""
    mapping = {}
    for skill in generator.SKILL_IDS:
        found = taxonomy.get(skill) or taxonomy.resolve(skill)
        if found is None:
            names = generator.SKILL_NAMES.get(skill, ())
            found = next((taxonomy.resolve(name) for name in names if taxonomy.resolve(name)), None)
        mapping[skill] = found.id if found else skill
    return mapping


def demo_profile(candidate: DemoCandidate, taxonomy: Taxonomy | None = None) -> Profile:
    """The engine's view of a generated candidate: skills, scale claims and preferences as generated."""
    canonical = _canonical(taxonomy or default_taxonomy())
    text = candidate.cv_text
    jobs: list[Job] = []
    cursor = 0
    for experience in candidate.experiences:  # in CV order: latest first
        first = text.find(experience.bullets[0], cursor) if experience.bullets else -1
        if first < 0:
            jobs.append(Job(experience.employer, experience.title, experience.start, experience.end))
            continue
        last_bullet = experience.bullets[-1]
        last = text.find(last_bullet, first)
        end = (last if last >= 0 else first) + len(last_bullet)
        body = text[first:end]
        jobs.append(
            Job(experience.employer, experience.title, experience.start, experience.end, body, (first, end))
        )
        cursor = end
    skills: dict[str, SkillEvidence] = {}
    for item in candidate.skills:
        skill = canonical.get(item.skill, item.skill)
        start = text.find(item.snippet)
        start = max(start, 0)
        evidence = Evidence(item.section, item.snippet, item.strength, start, start + len(item.snippet))
        found = skills.get(skill)
        if found is None:
            skills[skill] = SkillEvidence(skill, item.years, item.last_used, item.strength, [evidence])
        else:  # two generator ids mapped to one taxonomy skill
            found.years = max(found.years, item.years)
            found.last_used = max(found.last_used or 0, item.last_used or 0) or None
            found.strength = max(found.strength, item.strength)
            found.evidence.append(evidence)
    claims = []
    for claim in candidate.scale_claims:
        start = max(text.find(claim.snippet), 0)
        claims.append(
            ScaleClaimFound(
                ScaleMetric(claim.metric),
                claim.value,
                claim.unit,
                claim.snippet,
                start,
                start + len(claim.snippet),
            )
        )
    return Profile(
        source=candidate.source,
        text=text,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        contact=Contact(
            name=candidate.name,
            emails=list(candidate.emails),
            phone=candidate.phone,
            city=candidate.city,
            country=candidate.country,
            github_url=candidate.github_url,
            linkedin_url=candidate.linkedin_url,
            website_url=candidate.website_url,
        ),
        headline=candidate.headline,
        jobs=jobs,
        skills=list(skills.values()),
        scale_claims=claims,
        total_years=candidate.total_years,
        seniority=Seniority(candidate.seniority),
        preferences=Preferences(
            work_mode=WorkMode(candidate.work_mode) if candidate.work_mode else None,
            open_to_relocation=candidate.open_to_relocation,
            notice_weeks=candidate.notice_weeks,
            right_to_work=list(candidate.right_to_work),
            salary_expectation=candidate.salary_expectation,
            salary_currency=candidate.salary_currency,
        ),
    )


def demo_profiles(
    n: int, seed: int = DEMO_SEED, taxonomy: Taxonomy | None = None
) -> Iterator[tuple[int, Profile]]:
    """(generator index, profile) for the first n demo candidates."""
    taxonomy = taxonomy or default_taxonomy()
    for index, candidate in enumerate(generate_candidates(n, seed, DEMO_TODAY)):
        yield index, demo_profile(candidate, taxonomy)


def candidate_profile(index: int, seed: int = DEMO_SEED, taxonomy: Taxonomy | None = None) -> Profile:
    """Demo candidate `index` alone, without generating the ones before it.

    Uses the generator's per-candidate function; the public API only counts from zero.
    """
    make = getattr(generator, "_make_candidate", None)
    if make is None:  # the private helper moved: fall back to generating up to it
        *_, candidate = generate_candidates(index + 1, seed, DEMO_TODAY)
    else:
        candidate = make(seed, index, DEMO_TODAY)
    return demo_profile(candidate, taxonomy)


def profile_text(profile: Profile) -> str:
    """What a keyword engine indexes for a profile: the CV text, or its evidence when there is none."""
    if profile.text.strip():
        return profile.text
    lines = [profile.headline]
    lines += [e.snippet for skill in profile.skills for e in skill.evidence]
    lines += [claim.snippet for claim in profile.scale_claims]
    return "\n".join(line for line in lines if line)


# --- hand-made profiles for rule tests -----------------------------------------------------------------

WORK, LISTED, LEARNING = 0.95, 0.35, 0.1


def make_profile(
    skills: Sequence[tuple[str, float, float, int | None]] = (),
    *,
    name: str = "Test Candidate",
    city: str = "London",
    country: str = "GB",
    seniority: Seniority | None = Seniority.SENIOR,
    total_years: float | None = 7.0,
    scale: Sequence[tuple[ScaleMetric, float]] = (),
    work_mode: WorkMode | None = None,
    relocate: bool | None = None,
    right_to_work: Sequence[str] = ("GB",),
    salary: int | None = None,
    currency: str = "GBP",
    notice_weeks: int | None = 4,
    employer: str = "PayStream",
    since: int = 2021,
) -> Profile:
    """A profile with (skill, strength, years, last_used) evidence; work evidence sits in one current job.

    Each skill's snippet is a sentence of the CV text, inside the job's span when its strength says it was
    used at work, so explanations can quote it and name the job.
    """
    body: list[str] = []
    listed: list[str] = []
    for skill, strength, _, _ in skills:
        if strength >= 0.75:
            body.append(f"Built production services with {skill} for the payments platform.")
        elif strength >= 0.2:
            listed.append(skill)
        else:
            listed.append(f"Currently learning {skill} in my spare time.")
    for metric, value in scale:
        body.append(f"Scaled the authorisation platform to {value:,.0f} {SCALE_UNITS[metric]}.")
    header = f"{name}\n{city}, {country}\n\nEXPERIENCE\nSenior Engineer — {employer} ({since} – present)\n"
    job_text = "\n".join(f"• {line}" for line in body)
    skills_line = "Skills: " + ", ".join(s for s in listed if not s.startswith("Currently"))
    learning = [s for s in listed if s.startswith("Currently")]
    text = header + job_text + "\n\nSKILLS\n" + skills_line + "\n" + "\n".join(learning) + "\n"
    job_start = len(header)
    job = Job(
        employer, "Senior Engineer", date(since, 1, 1), None, job_text, (job_start, job_start + len(job_text))
    )
    evidence_list = []
    for skill, strength, years, last_used in skills:
        if strength >= 0.75:
            snippet = f"Built production services with {skill} for the payments platform."
            section = "experience"
        elif strength >= 0.2:
            snippet, section = skills_line, "skills"
        else:
            snippet, section = f"Currently learning {skill} in my spare time.", "skills"
        start = text.find(snippet)
        evidence_list.append(
            SkillEvidence(
                skill,
                years,
                last_used,
                strength,
                [Evidence(section, snippet, strength, start, start + len(snippet))],
            )
        )
    claims = []
    for metric, value in scale:
        snippet = f"Scaled the authorisation platform to {value:,.0f} {SCALE_UNITS[metric]}."
        start = text.find(snippet)
        claims.append(
            ScaleClaimFound(metric, value, SCALE_UNITS[metric], snippet, start, start + len(snippet))
        )
    return Profile(
        source=f"{name.lower().replace(' ', '-')}.txt",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        contact=Contact(name=name, city=city, country=country),
        headline="Senior Engineer",
        jobs=[job],
        skills=evidence_list,
        scale_claims=claims,
        total_years=total_years,
        seniority=seniority,
        preferences=Preferences(
            work_mode=work_mode,
            open_to_relocation=relocate,
            notice_weeks=notice_weeks,
            right_to_work=list(right_to_work),
            salary_expectation=salary,
            salary_currency=currency if salary else "",
        ),
    )


# --- roles ---------------------------------------------------------------------------------------------


def role_spec(
    title: str = "Senior Go Engineer",
    *,
    must: Sequence[str] = ("go",),
    nice: Sequence[str] = (),
    languages: Sequence[str] = (),
    project: str = "general",
    seniority: Seniority | None = Seniority.SENIOR,
    location: str = "London",
    remote: WorkMode | None = WorkMode.HYBRID,
    salary: tuple[int, int] | None = (80_000, 120_000),
    growth: GrowthPlan | None = None,
    culture: Sequence[str] = (),
    industry: str = "",
) -> RoleSpec:
    return RoleSpec(
        title=title,
        client=ClientSpec(name="Test Client", industry=industry) if industry else None,
        languages=tuple(languages),
        project=project,
        seniority=seniority,
        location=location,
        remote=remote,
        salary=Salary(salary[0], salary[1], "GBP") if salary else None,
        must_have=tuple(must),
        nice_to_have=tuple(nice),
        growth=growth,
        culture=tuple(culture),
    )


def steep_growth() -> GrowthPlan:
    return GrowthPlan(36, traffic_rps=NowTarget(2_000, 80_000), data_tb=NowTarget(5, 200))


def flat_growth() -> GrowthPlan:
    return GrowthPlan(36, traffic_rps=NowTarget(2_000, 2_200))


# Typical stacks a client asks for: (project, languages, must-haves, nice-to-haves).
_ROLE_SHAPES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "low-latency-trading",
        ("go",),
        ("go", "concurrency", "low-latency"),
        ("kafka", "fix-protocol", "trading"),
    ),
    ("low-latency-trading", ("java",), ("java", "low-latency"), ("kafka", "trading", "linux")),
    ("fintech-modelling", ("python",), ("python", "financial-modelling", "numpy", "pandas"), ("risk", "sql")),
    ("ml-integration", ("python",), ("python", "pytorch", "model-serving", "kubernetes"), ("fastapi", "gcp")),
    (
        "api-platform",
        ("python",),
        ("python", "fastapi", "rest-api-design"),
        ("redis", "postgresql", "docker"),
    ),
    ("api-platform", ("python",), ("python", "django", "postgresql"), ("celery", "payments", "aws")),
    ("data-platform", ("python",), ("python", "spark", "airflow", "sql"), ("kafka", "dbt", "gcp")),
    (
        "cloud-microservices",
        ("go",),
        ("go", "microservices", "kubernetes"),
        ("kafka", "postgresql", "terraform"),
    ),
    ("cloud-microservices", ("java",), ("java", "spring-boot", "microservices"), ("kafka", "aws")),
    ("general", ("typescript",), ("typescript", "react"), ("graphql", "node-js")),
    ("general", ("python",), ("python",), ("django", "docker")),
    ("data-platform", ("scala",), ("scala", "spark"), ("kafka", "aws")),
)
_PLACES: tuple[tuple[str, WorkMode], ...] = (
    ("London", WorkMode.ONSITE),
    ("London", WorkMode.HYBRID),
    ("Cambridge", WorkMode.HYBRID),
    ("Remote (UK)", WorkMode.REMOTE),
    ("Manchester", WorkMode.HYBRID),
    ("Berlin", WorkMode.HYBRID),
)


def benchmark_roles(count: int = 36, seed: int = 11) -> list[RoleProfile]:
    """`count` varied role profiles: every shape above, with levels, places, pay and growth varied."""
    rng = random.Random(seed)
    roles = []
    for number in range(count):
        project, languages, must, nice = _ROLE_SHAPES[number % len(_ROLE_SHAPES)]
        level = list(Seniority)[rng.randrange(len(Seniority))]
        location, remote = _PLACES[rng.randrange(len(_PLACES))]
        low = rng.choice((50_000, 65_000, 80_000, 95_000, 110_000))
        growth = (steep_growth, flat_growth, lambda: None)[number % 3]()
        culture = rng.sample(["fast-paced", "in-office", "regulated", "remote-first", "research-driven"], 2)
        spec = role_spec(
            f"{level.label} {languages[0].title()} Engineer #{number}",
            must=must,
            nice=nice,
            languages=languages,
            project=project,
            seniority=level,
            location=location,
            remote=remote,
            salary=(low, int(low * 1.35)),
            growth=growth,
            culture=culture,
        )
        roles.append(build_role_profile(spec))
    return roles
