from datetime import date
from typing import NamedTuple

import pytest

from shortlist.engine.cv import extract
from shortlist.engine.cv.jsonresume import profile_to_json_resume
from shortlist.engine.cv.parse import (
    content_hash,
    estimate_seniority,
    parse_cv,
    parse_file,
    parse_json_resume,
)
from shortlist.engine.vocab.enums import ScaleMetric, Seniority, WorkMode

TODAY = date(2024, 6, 1)

JANE = """Jane Doe
Senior Backend Engineer
London, UK | jane.doe@example.com | +44 7911 123456 | github.com/janedoe

PROFILE
Backend engineer building payment systems. Learning Rust in my spare time.
Open to hybrid roles in London. Notice period: 1 month. UK citizen. Salary expectation: £95k.

PROFESSIONAL EXPERIENCE

Senior Backend Engineer — PayStream
Mar 2020 – Present
• Built the payments gateway in Go, handling 60k rps at peak.
• Moved settlement events onto Kafka, 1.2M messages/sec.
• Tuned PostgreSQL for a 40 TB ledger.

Ledgerly | Software Engineer | Jun 2016 to Feb 2020
• Wrote Django services in Python processing 5M transactions per day.
• Kept PostgreSQL replicas healthy.

Graduate Developer at Acme Ltd
Sep 2014 – May 2016
• Maintained Java billing batch jobs.

TECHNICAL SKILLS
Python, Go, Kafka, PostgreSQL, Docker, Kubernetes

EDUCATION
BSc Computer Science, University of Manchester, 2011 – 2014
"""

OMAR = """# Omar Haddad
Staff Engineer · Berlin, Germany · omar@haddad.dev

## Experience

**Northwind Data**
Staff Engineer
2021 – now
- Led a team of 12 engineers building a Python data platform on Kubernetes.
- Scaled the cluster to 300 nodes.

**Contoso**
Backend Developer, Jan 2018 – Dec 2021
- Built Go microservices; migrated 2 billion rows to PostgreSQL.

## Skills
Python, Go, Kubernetes, Terraform
"""

PRIYA = """Priya Natarajan
Graduate Software Engineer
Pune, India

Work History
Junior Developer — Infotech Solutions (Jul 2023 – Present)
Writing Python scripts and SQL reports.

Skills: Python, SQL, Git
"""


def skill(profile, skill_id):
    return next((s for s in profile.skills if s.skill == skill_id), None)


@pytest.fixture(scope="module")
def jane():
    return parse_cv(JANE, "jane.txt", today=TODAY)


def test_contact_headline_and_preferences(jane):
    assert jane.source == "jane.txt"
    assert jane.contact.name == "Jane Doe"
    assert jane.contact.emails == ["jane.doe@example.com"]
    assert jane.contact.phone == "+447911123456"
    assert (jane.contact.city, jane.contact.country) == ("London", "GB")
    assert jane.contact.github_url == "https://github.com/janedoe"
    assert jane.headline == "Senior Backend Engineer"
    assert jane.preferences.work_mode == WorkMode.HYBRID
    assert jane.preferences.notice_weeks == 4
    assert jane.preferences.right_to_work == ["GB"]
    assert (jane.preferences.salary_expectation, jane.preferences.salary_currency) == (95000, "GBP")
    assert jane.warnings == []


def test_sections(jane):
    assert [s.name for s in jane.sections] == ["header", "summary", "experience", "skills", "education"]


def test_jobs_in_three_layouts(jane):
    assert [(j.title, j.employer, j.start, j.end) for j in jane.jobs] == [
        ("Senior Backend Engineer", "PayStream", date(2020, 3, 1), None),
        ("Software Engineer", "Ledgerly", date(2016, 6, 1), date(2020, 2, 1)),
        ("Graduate Developer", "Acme Ltd", date(2014, 9, 1), date(2016, 5, 1)),
    ]
    assert jane.jobs[0].text.startswith("• Built the payments gateway in Go")
    assert jane.jobs[0].text.endswith("40 TB ledger.")
    assert jane.jobs[2].text == "• Maintained Java billing batch jobs."
    # Education dates are not a job.
    assert all(job.start.year != 2011 for job in jane.jobs)


def test_total_years_and_seniority(jane):
    # Sep 2014 .. Jun 2024 without gaps: 118 months.
    assert jane.total_years == 9.8
    assert jane.seniority == Seniority.SENIOR  # the current title, although 8+ years reads as staff


@pytest.mark.parametrize(
    ("skill_id", "years", "last_used"),
    [
        ("go", 4.3, 2024),  # Mar 2020 .. Jun 2024
        ("kafka", 4.3, 2024),
        ("python", 3.8, 2020),  # Jun 2016 .. Feb 2020
        ("django", 3.8, 2020),
        ("postgresql", 8.1, 2024),  # both jobs, unioned
        ("java", 1.8, 2016),
        ("docker", 0.0, None),  # only in the skills list
        ("kubernetes", 0.0, None),
    ],
)
def test_years_and_last_used_per_skill(jane, skill_id, years, last_used):
    found = skill(jane, skill_id)
    assert found is not None, skill_id
    assert (found.years, found.last_used) == (years, last_used)


def test_strength_and_evidence(jane):
    go = skill(jane, "go")
    docker = skill(jane, "docker")
    assert go.strength > docker.strength > 0
    assert 1 <= len(go.evidence) <= 3
    best = go.evidence[0]
    assert best.section == "experience"
    assert best.snippet == "Built the payments gateway in Go, handling 60k rps at peak."
    assert JANE[best.start : best.end] == "Go"
    rust = skill(jane, "rust")
    if rust is not None:  # "learning" is weak evidence, never years
        assert rust.strength < docker.strength and rust.years == 0


def test_scale_claims(jane):
    claims = {(c.metric, c.value) for c in jane.scale_claims}
    assert claims == {
        (ScaleMetric.REQUESTS_PER_SECOND, 60_000),
        (ScaleMetric.MESSAGES_PER_SECOND, 1_200_000),
        (ScaleMetric.DATA_VOLUME, 40),
        (ScaleMetric.TRANSACTIONS_PER_DAY, 5_000_000),
    }


def test_markdown_cv_with_two_line_jobs_and_overlap():
    omar = parse_cv(OMAR, "omar.md", today=TODAY)
    assert omar.contact.name == "Omar Haddad"
    assert (omar.contact.city, omar.contact.country) == ("Berlin", "DE")
    assert [(j.title, j.employer, j.start, j.end) for j in omar.jobs] == [
        ("Staff Engineer", "Northwind Data", date(2021, 1, 1), None),
        ("Backend Developer", "Contoso", date(2018, 1, 1), date(2021, 12, 1)),
    ]
    # 2018-01 .. 2024-06, the overlapping year 2021 counted once.
    assert omar.total_years == 6.5
    assert omar.seniority == Seniority.STAFF
    assert skill(omar, "go").years == 4.0
    assert skill(omar, "python").years == 3.5  # Jan 2021 .. Jun 2024
    assert skill(omar, "terraform").years == 0
    metrics = {c.metric: c.value for c in omar.scale_claims}
    assert metrics == {ScaleMetric.ENGINEERS: 12, ScaleMetric.NODES: 300, ScaleMetric.ROWS: 2_000_000_000}


def test_junior_cv():
    priya = parse_cv(PRIYA, "priya.txt", today=TODAY)
    assert priya.contact.name == "Priya Natarajan"
    assert (priya.contact.city, priya.contact.country) == ("Pune", "IN")
    assert [(j.title, j.employer) for j in priya.jobs] == [("Junior Developer", "Infotech Solutions")]
    assert priya.total_years == 1.0
    assert priya.seniority == Seniority.JUNIOR
    assert skill(priya, "python").years == 1.0
    assert priya.contact.emails == []
    assert "no e-mail address found" in priya.warnings


def test_nothing_found_is_warned_not_invented():
    profile = parse_cv("experienced backend engineer\nlikes computers", "blank.txt", today=TODAY)
    assert profile.contact.name == ""
    assert profile.jobs == [] and profile.total_years is None and profile.seniority is None
    assert {"no name found", "no job dates found", "no skills found"} <= set(profile.warnings)


@pytest.mark.parametrize(
    ("years", "title", "level"),
    [
        (1.0, "", Seniority.JUNIOR),
        (3.0, "Software Engineer", Seniority.MID),
        (6.0, "Backend Developer", Seniority.SENIOR),
        (9.0, "Backend Developer", Seniority.STAFF),
        (9.0, "Senior Engineer", Seniority.SENIOR),
        (7.0, "Principal Engineer", Seniority.STAFF),
        (6.0, "Engineering Manager", Seniority.LEAD),
        (12.0, "Head of Platform", Seniority.LEAD),
        (3.0, "Graduate Engineer", Seniority.JUNIOR),
        (None, "Tech Lead", Seniority.LEAD),
        (None, "", None),
    ],
)
def test_estimate_seniority(years, title, level):
    assert estimate_seniority(years, title) == level


def test_content_hash_ignores_case_and_whitespace(jane):
    assert jane.content_hash == content_hash(JANE.upper().replace("\n", "\r\n"))
    assert jane.content_hash != content_hash(JANE + "extra")


# --- aggregation rules, with a stand-in extractor so the rule under test is the only variable ------


class FakeMention(NamedTuple):
    skill: str
    start: int
    end: int
    surface: str
    strength: float
    kind: str


def fake_extractor(strengths):
    """extract.extract_sections with fixed strengths: {surface: strength or f(section) -> strength}."""

    def extract_sections(text, taxonomy, sections):
        found = []
        for name, begin, end in sections:
            for surface, strength in strengths.items():
                position = text.find(surface, begin, end)
                while position >= 0:
                    value = strength(name) if callable(strength) else strength
                    found.append(
                        FakeMention(surface.lower(), position, position + len(surface), surface, value, "t")
                    )
                    position = text.find(surface, position + 1, end)
        return sorted(found, key=lambda mention: mention.start)

    return extract_sections


def test_negated_only_skills_are_dropped_and_overlapping_jobs_count_once(monkeypatch):
    monkeypatch.setattr(extract, "extract_sections", fake_extractor({"Go": 1.0, "PHP": 0.0, "Java": 1.0}))
    text = (
        "Jo Bloggs\n\nEXPERIENCE\nEngineer — Alpha\nJan 2020 – Dec 2021\n• Go and Java. Never PHP.\n\n"
        "Contractor — Beta\nJan 2021 – Dec 2022\n• Go again.\n"
    )
    profile = parse_cv(text, "jo.txt", taxonomy=object(), today=TODAY)
    assert skill(profile, "php") is None
    assert skill(profile, "go").years == 3.0  # 2020..2022, 2021 counted once
    assert skill(profile, "java").years == 2.0
    assert profile.total_years == 3.0


def test_evidence_is_best_three(monkeypatch):
    monkeypatch.setattr(
        extract,
        "extract_sections",
        fake_extractor({"Go": lambda section: {"experience": 1.0}.get(section, 0.35)}),
    )
    text = "EXPERIENCE\nDev — A\n2020 – 2021\n• Go one.\n• Go two.\n• Go three.\n• Go four.\nSKILLS\nGo\n"
    go = skill(parse_cv(text, "x.txt", taxonomy=object(), today=TODAY), "go")
    assert [e.snippet for e in go.evidence] == ["Go one.", "Go two.", "Go three."]
    assert go.strength == 1.0


# --- JSON Resume ----------------------------------------------------------------------------------

RESUME = {
    "basics": {
        "name": "Ada Okafor",
        "label": "Senior Go Engineer",
        "email": "ada@example.com",
        "phone": "+44 7911 654321",
        "url": "https://ada.dev",
        "summary": "Backend engineer for trading systems. Remote only.",
        "location": {"city": "Cambridge", "countryCode": "GB"},
        "profiles": [
            {"network": "GitHub", "username": "adaok", "url": "https://github.com/adaok"},
            {
                "network": "LinkedIn",
                "username": "ada-okafor",
                "url": "https://www.linkedin.com/in/ada-okafor",
            },
        ],
    },
    "work": [
        {
            "name": "Meridian Quant",
            "position": "Senior Go Engineer",
            "startDate": "2021-04-01",
            "summary": "Low-latency order routing.",
            "highlights": ["Built the order router in Go at 200k rps.", "Ran Kafka clusters of 40 nodes."],
        },
        {
            "name": "Fintrak",
            "position": "Python Developer",
            "startDate": "2017-09",
            "endDate": "2021-03",
            "highlights": ["Wrote Python risk models with PostgreSQL."],
        },
    ],
    "skills": [{"name": "Languages", "keywords": ["Go", "Python"]}, {"name": "Redis"}],
    "education": [{"institution": "University of Cambridge", "area": "Mathematics", "studyType": "BA"}],
}


def fields(profile):
    contact = profile.contact
    return {
        "contact": (contact.name, contact.emails, contact.phone, contact.city, contact.country),
        "links": (contact.github_url, contact.linkedin_url, contact.website_url),
        "headline": profile.headline,
        "jobs": [(j.employer, j.title, j.start, j.end, j.text) for j in profile.jobs],
        "skills": {s.skill: (s.years, s.last_used) for s in profile.skills},
        "total_years": profile.total_years,
        "seniority": profile.seniority,
        "work_mode": profile.preferences.work_mode,
    }


def test_json_resume_structured_import():
    profile = parse_json_resume(RESUME, "ada.json", today=TODAY)
    assert profile.contact.name == "Ada Okafor"
    assert profile.contact.phone == "+447911654321"
    assert profile.headline == "Senior Go Engineer"
    assert [(j.employer, j.title, j.start, j.end) for j in profile.jobs] == [
        ("Meridian Quant", "Senior Go Engineer", date(2021, 4, 1), None),
        ("Fintrak", "Python Developer", date(2017, 9, 1), date(2021, 3, 1)),
    ]
    assert profile.total_years == 6.8  # Sep 2017 .. Jun 2024
    assert skill(profile, "go").years == 3.2
    assert skill(profile, "python").last_used == 2021
    assert skill(profile, "redis").years == 0
    assert profile.preferences.work_mode == WorkMode.REMOTE
    assert {c.metric for c in profile.scale_claims} == {ScaleMetric.REQUESTS_PER_SECOND, ScaleMetric.NODES}


def test_json_resume_round_trip_keeps_the_fields():
    first = parse_json_resume(RESUME, "ada.json", today=TODAY)
    exported = profile_to_json_resume(first)
    second = parse_json_resume(exported, "ada.json", today=TODAY)
    assert fields(second) == fields(first)
    assert exported["work"][0]["startDate"] == "2021-04"
    assert "endDate" not in exported["work"][0]
    assert exported["meta"]["shortlist"]["skills"]


def test_text_cv_exports_and_reimports_the_same_fields(jane):
    second = parse_json_resume(profile_to_json_resume(jane), "jane.json", today=TODAY)
    assert fields(second)["jobs"] == fields(jane)["jobs"]
    assert fields(second)["contact"] == fields(jane)["contact"]
    assert fields(second)["total_years"] == jane.total_years
    for skill_id in ("go", "python", "postgresql", "java"):
        assert skill(second, skill_id).years == skill(jane, skill_id).years


def test_parse_file_reads_then_parses(tmp_path):
    path = tmp_path / "jane.md"
    path.write_text(JANE, encoding="utf-8")
    profile = parse_file(path, today=TODAY)
    assert profile.source == "jane.md"
    assert profile.contact.name == "Jane Doe"
    assert len(profile.jobs) == 3


def test_a_skills_row_duration_does_not_spread_over_a_long_list() -> None:
    """A Kaggle-style row naming a whole stack before "Exprience - 120 months" states a career, not
    ten years of each skill: its skills stay listed. A row naming one or two skills keeps its months."""
    text = (
        "Skill Details \r\n"
        "PHP, Python, MySql, JavaScript, HTML, Ajax, Node.js, Laravel, Scrum- Exprience - 120 months\r\n"
        "Java, Kotlin- Exprience - 24 months\r\n"
    )
    profile = parse_cv(text, "cv.txt", today=date(2026, 11, 1))
    skills = {s.skill: s for s in profile.skills}
    assert skills["node-js"].years == 0 and skills["php"].years == 0
    assert skills["java"].years == 2.0 and skills["kotlin"].years == 2.0
