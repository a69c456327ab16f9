"""A pasted job description becomes a role draft a recruiter only has to check, not retype."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shortlist.engine.roles.jd import (
    Bucket,
    Family,
    guess_family,
    guess_remote,
    guess_salary,
    guess_title,
    parse_job_description,
    split_segments,
    title_languages,
)
from shortlist.engine.roles.rolefile import Salary, dump_role_yaml, parse_role_yaml
from shortlist.engine.vocab.enums import WorkMode

FIXTURES = Path(__file__).parent / "fixtures" / "jds"
EXPECTED: dict[str, dict] = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))


def test_the_fixture_set_is_large_and_fully_described():
    files = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".txt", ".md"})
    assert len(files) >= 15
    assert sorted(EXPECTED) == files


@pytest.fixture(scope="module")
def drafts():
    return {name: parse_job_description((FIXTURES / name).read_text(encoding="utf-8")) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fields_match_what_a_recruiter_reads(name, drafts):
    expected = EXPECTED[name]
    draft = drafts[name]
    spec = draft.spec
    simple = {
        "title": spec.title,
        "seniority": spec.seniority.value if spec.seniority else None,
        "languages": list(spec.languages),
        "project": spec.project,
        "location": spec.location,
        "remote": spec.remote.value if spec.remote else None,
        "family": draft.family.value if draft.family else None,
        "client": spec.client.name if spec.client else None,
    }
    for key, value in simple.items():
        if key in expected:
            assert value == expected[key], f"{name}: {key}"
    if "salary" in expected:
        got = None if spec.salary is None else [spec.salary.min, spec.salary.max, spec.salary.currency]
        assert got == expected["salary"], f"{name}: salary"
    for tag in expected.get("culture", []):
        assert tag in spec.culture, f"{name}: culture {tag}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_must_and_nice_buckets(name, drafts):
    expected = EXPECTED[name]
    spec = drafts[name].spec
    missing_must = [s for s in expected.get("must", []) if s not in spec.must_have]
    missing_nice = [s for s in expected.get("nice", []) if s not in spec.nice_to_have]
    wrongly_must = [s for s in expected.get("not_must", []) if s in spec.must_have]
    assert (missing_must, missing_nice, wrongly_must) == ([], [], [])
    assert not set(spec.must_have) & set(spec.nice_to_have)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_draft_is_a_valid_role_file(name, drafts):
    spec = drafts[name].spec
    again, _ = parse_role_yaml(dump_role_yaml(spec))
    assert again == spec


def test_notes_say_what_was_guessed_and_ask_for_the_growth_plan(drafts):
    notes = drafts["go-hft.txt"].notes
    assert any(n.startswith("seniority senior") for n in notes)
    assert any(n.startswith("project low-latency-trading") for n in notes)
    assert any("growth plan" in n for n in notes)


def test_evidence_points_to_the_clause(drafts):
    evidence = drafts["mixed-cues.txt"].evidence
    assert ("go", "nice", "- Strong Python, Go a plus") in evidence


@pytest.mark.parametrize(
    ("sentence", "must", "nice"),
    [
        ("Requirements: Python and Django required, Kafka would be a plus.", {"python", "django"}, {"kafka"}),
        (
            "Requirements: must know Django and PostgreSQL, Celery a plus.",
            {"django", "postgresql"},
            {"celery"},
        ),
        ("Requirements: Strong Python, Go a plus.", {"python"}, {"go"}),
        ("Requirements: Experience with Kafka or RabbitMQ would be a plus.", set(), {"kafka", "rabbitmq"}),
        ("Requirements: You will need strong Go and ideally some Rust.", {"go"}, {"rust"}),
        ("Requirements: 3+ years with Python; bonus if you know Rust.", {"python"}, {"rust"}),
    ],
)
def test_cues_in_a_clause_decide_the_bucket(sentence, must, nice):
    spec = parse_job_description(f"Backend Engineer\n\n{sentence}\n").spec
    assert must <= set(spec.must_have)
    assert nice <= set(spec.nice_to_have)
    assert not nice & set(spec.must_have)


def test_negated_skills_are_not_requirements():
    spec = parse_job_description("Python Developer\n\nRequirements:\n- Python\n- No Java needed\n").spec
    assert "java" not in spec.must_have and "java" not in spec.nice_to_have


def test_company_and_benefits_sections_are_not_requirements():
    text = "Go Engineer\n\nRequirements:\n- Go\n\nAbout us\nWe run on AWS.\n\nBenefits\nPrivate healthcare.\n"
    spec = parse_job_description(text).spec
    assert "aws" not in spec.must_have + spec.nice_to_have


def test_without_any_requirement_every_skill_named_is_a_must_have():
    draft = parse_job_description("Python Engineer. We use Django, PostgreSQL and Celery.")
    assert {"python", "django", "postgresql", "celery"} <= set(draft.spec.must_have)
    assert any("no requirements section" in note for note in draft.notes)


@pytest.mark.parametrize(
    ("heading", "bucket"),
    [
        ("## Requirements", Bucket.MUST),
        ("**Nice to have**", Bucket.NICE),
        ("Minimum qualifications:", Bucket.MUST),
        ("Preferred qualifications:", Bucket.NICE),
        ("WHAT YOU'LL NEED", Bucket.MUST),
        ("Bonus points", Bucket.NICE),
        ("What we offer", Bucket.IGNORE),
        ("About Acme Robotics", Bucket.IGNORE),
        ("### What you'll do", Bucket.NEUTRAL),
    ],
)
def test_headings(heading, bucket):
    text = f"{heading}\nPython\n"
    segments = split_segments(text)
    assert segments[-1].bucket == bucket


@pytest.mark.parametrize(
    ("text", "salary"),
    [
        ("£90k–£130k + bonus", Salary(90000, 130000, "GBP")),
        ("£85,000 - £110,000 per annum", Salary(85000, 110000, "GBP")),
        ("$160,000 - $190,000 per year", Salary(160000, 190000, "USD")),
        ("€70k to €90k", Salary(70000, 90000, "EUR")),
        ("£80-100k", Salary(80000, 100000, "GBP")),
        ("90-110k GBP", Salary(90000, 110000, "GBP")),
        ("Salary up to £85k", Salary(None, 85000, "GBP")),
        ("From £60,000 plus equity", Salary(60000, None, "GBP")),
        ("£95k+", Salary(95000, None, "GBP")),
        ("Package: £75,000", Salary(75000, 75000, "GBP")),
    ],
)
def test_salary(text, salary):
    assert guess_salary(text)[0] == salary


@pytest.mark.parametrize("text", ["£600 per day", "£500-£650/day inside IR35", "$90 an hour", "Team of 12"])
def test_rates_and_other_numbers_are_not_salaries(text):
    assert guess_salary(text)[0] is None


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Hybrid: 2 days a week in the office", WorkMode.HYBRID),
        ("3 days per week in our London office", WorkMode.HYBRID),
        ("Fully remote (UK)", WorkMode.REMOTE),
        ("Remote-first team", WorkMode.REMOTE),
        ("This is not a remote role; we are office-based", WorkMode.ONSITE),
        ("On-site in Cambridge", WorkMode.ONSITE),
        ("We build great software.", None),
    ],
)
def test_remote_policy(text, mode):
    assert guess_remote(text)[0] == mode


@pytest.mark.parametrize(
    ("title", "languages"),
    [
        ("Senior Go Engineer", ("go",)),
        ("Golang Developer (Billing)", ("go",)),
        ("Django Developer", ("python",)),
        ("Senior Backend Engineer (.NET)", ("csharp",)),
        ("Backend Developer (PHP/Laravel)", ("php",)),
        ("Full-stack engineer (React + Go)", ("go", "javascript")),
        ("Head of Marketing", ()),
    ],
)
def test_title_languages(title, languages):
    assert title_languages(title) == languages


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Senior Python Developer", Family.BACKEND),
        ("Data Engineer (Spark)", Family.DATA),
        ("Lead AI Engineer", Family.ML),
        ("Full Stack Developer", Family.FULLSTACK),
        ("QA Automation Engineer (Java)", Family.QA),
        ("Senior iOS Developer", Family.MOBILE),
        ("DevOps Engineer", Family.DEVOPS),
        ("Engineering Manager", Family.MANAGEMENT),
        ("Performance Marketing Manager", Family.OTHER),
    ],
)
def test_family(title, family):
    assert guess_family(title) == family


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Job title: Senior Go Engineer\nLocation: London", "Senior Go Engineer"),
        ("# Staff Engineer, Payments\n\nAbout us", "Staff Engineer, Payments"),
        ("We're hiring: Python Developer | Remote", "Python Developer"),
        ("Acme is growing. We are looking for a Senior Rust Developer to join us.", "Senior Rust Developer"),
    ],
)
def test_title(text, title):
    assert guess_title(text)[0] == title


def test_deterministic():
    text = (FIXTURES / "go-hft.txt").read_text(encoding="utf-8")
    assert parse_job_description(text) == parse_job_description(text)
