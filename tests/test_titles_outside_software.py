"""Titles outside software ("Scrum Master", "Accountant", "Recruiter") are job titles: a "Scrum Master"
is a job, not a Master's degree, and a title names its line in a header block."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_a_scrum_master_is_a_job_not_a_degree():
    text = "Anna Weber\nBerlin\n\nExperience\n\nScrum Master\nWeltbank Digital AG\n2018 – 2020\n- Jira\n"
    assert jobs(text) == [("Scrum Master", "Weltbank Digital AG", date(2018, 1, 1), date(2020, 12, 1))]


def test_a_title_word_outside_software_picks_the_title_in_either_order():
    head = "Anna Weber\nBerlin\n\nExperience\n\n"
    text = head + "Harbourside Foods Ltd\nRecruiter\nMar 2019 – May 2021\n- Hiring\n"
    assert jobs(text) == [("Recruiter", "Harbourside Foods Ltd", date(2019, 3, 1), date(2021, 5, 1))]
    text = head + "Poplar Row\nAccountant\nMar 2019 – May 2021\n- Ledgers\n"
    assert jobs(text) == [("Accountant", "Poplar Row", date(2019, 3, 1), date(2021, 5, 1))]
