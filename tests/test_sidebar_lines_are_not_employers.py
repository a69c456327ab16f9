"""A two-column PDF flattened to text can drop sidebar lines between a job's header lines: a skill list
("Kafka, PostgreSQL"), a rated skill or language ("Python — advanced", "English (C1)") or a phone number
is never the job's employer, and does not push the real title out of the header."""

from datetime import date

import pytest

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)
HEAD = "Omar Haddad\nSenior Backend Engineer\n\nExperience\n"


def jobs(text):
    return [(j.title, j.employer) for j in parse_cv(HEAD + text, "cv.pdf", today=TODAY).jobs]


@pytest.mark.parametrize(
    "sidebar", ["Kafka, PostgreSQL", "Python — advanced", "English (C1)", "+31 6 5550 1934"]
)
def test_a_sidebar_line_under_the_title_is_not_the_employer(sidebar):
    text = f"Backend Engineer\n{sidebar}\nJan 2018 – Mar 2021\nPython APIs.\n"
    assert jobs(text) == [("Backend Engineer", "")]


def test_a_sidebar_line_between_title_and_employer_is_skipped():
    text = "Backend Engineer\nOranje Logistics B.V.\nAWS, Kubernetes\nJan 2018 – Mar 2021\nPython APIs.\n"
    assert jobs(text) == [("Backend Engineer", "Oranje Logistics B.V.")]


def test_an_employer_named_like_one_skill_is_still_the_employer():
    text = "Senior Engineer\nOracle\nJan 2018 – Mar 2021\nDatabase kernels.\n"
    assert jobs(text) == [("Senior Engineer", "Oracle")]
