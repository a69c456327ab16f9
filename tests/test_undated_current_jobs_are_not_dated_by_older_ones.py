"""A CV that gives its current job no dates, and dates only an older one, must not make the current
job's skills look as old as that older job; an undated job between two dated ones must not borrow the
newer one's "present"; and the profile must not show an undated job with dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from shortlist.candidates.importing import store_profile
from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 11, 1)

NEWEST_FIRST = """Priya Raman
priya.raman@example.org

EXPERIENCE

Senior Data Analyst, Northwind Traders Ltd
- Build the finance dashboards in Power BI over SQL Server.
- Write the SQL that reconciles the ledgers every month.

Data Analyst, Contoso Retail Ltd
Jan 2012 - Dec 2014
- Wrote SQL reports for the stores.
"""

OLDEST_FIRST = """Priya Raman
priya.raman@example.org

EXPERIENCE

Junior Analyst, Northwind Traders Ltd
- Wrote SQL extracts for the finance team.

Data Analyst, Contoso Retail Ltd
Jan 2012 - Dec 2014
- Wrote SQL reports for the stores.

Senior Data Analyst, Fabrikam Ltd
Jan 2015 - Dec 2018
- Built Power BI dashboards.
"""

JOB_BOARD = """Skills: SQL, Excel
Education Details
B.Com Mumbai University
Business Analyst

Business Analyst - Hexaware Technologies
Skill Details
SQL- Exprience - 24 months
Company Details
company - Hexaware Technologies
description - Gathering business requirements from stakeholders and writing SQL checks for the UAT.
company - Capgemini
description - Analyst, January 2013 - August 2014
Wrote SQL test scripts for a health insurance client.
"""

BETWEEN_DATED = """Sam Okafor

EXPERIENCE

Engineering Manager, Fabrikam Ltd
Mar 2019 - present
- Run two product teams: planning, hiring and delivery reviews.

Senior Developer, Contoso Ltd
- Built the billing service in C# and ASP.NET.

Developer, Northwind Ltd
Jan 2012 - Dec 2014
- Wrote C# desktop tools for the warehouse.
"""

BOARD_PROJECTS = """Company Details
company - Inouvelle Ventures Pvt Ltd
description - Java Developer, December 2017 - Till Date
Built the stock management system in Java and Spring.
company - Retail Billing Portal
description - Wrote the billing screens in Java and tested them by hand.
company - Inouvelle Ventures Pvt Ltd
description - Manual testing of the warehouse app before each release.
"""

SUMMARY_FIRST = """Priya Raman

EXPERIENCE

Data Analyst, SQL and Power BI
Ten years of SQL across retail and finance, mostly reporting.

Data Analyst, Contoso Retail Ltd
Jan 2012 - Dec 2014
- Wrote SQL reports for the stores.
"""


def _skill(profile, skill_id):
    return next(item for item in profile.skills if item.skill == skill_id)


def test_a_skill_used_in_an_undated_current_job_is_not_last_used_in_the_older_job() -> None:
    profile = parse_cv(NEWEST_FIRST, "priya.txt", today=TODAY)
    current = profile.jobs[0]
    assert (current.title, current.employer) == ("Senior Data Analyst", "Northwind Traders Ltd")
    assert current.start is None and current.end is None  # nothing invented: the CV gives no dates
    # Used now, at a date the CV does not give: no "last used 2014", and no year made up either.
    assert _skill(profile, "sql").last_used is None
    assert _skill(profile, "power-bi").last_used is None
    # Years stay what the dates show: the undated job adds none.
    assert _skill(profile, "sql").years == pytest.approx(3.0)
    assert profile.total_years == pytest.approx(3.0)
    assert profile.headline == "Senior Data Analyst"


def test_an_undated_job_above_jobs_listed_oldest_first_says_nothing_about_now() -> None:
    profile = parse_cv(OLDEST_FIRST, "priya.txt", today=TODAY)
    # The dated jobs run oldest first, so the undated one above them is the oldest: SQL stays 2014.
    assert _skill(profile, "sql").last_used == 2014
    assert _skill(profile, "power-bi").last_used == 2018


def test_a_job_board_export_reads_its_undated_current_company_as_the_current_job() -> None:
    profile = parse_cv(JOB_BOARD, "board.txt", today=TODAY)
    current = profile.jobs[0]
    assert (current.title, current.employer, current.start) == (
        "Business Analyst",
        "Hexaware Technologies",
        None,
    )
    assert len([job for job in profile.jobs if job.employer == "Hexaware Technologies"]) == 1
    assert _skill(profile, "sql").last_used is None
    assert _skill(profile, "business-analysis").last_used is None


def test_an_undated_job_between_dated_ones_does_not_borrow_the_newer_ones_present() -> None:
    profile = parse_cv(BETWEEN_DATED, "sam.txt", today=TODAY)
    assert [(job.employer, job.start) for job in profile.jobs] == [
        ("Fabrikam Ltd", date(2019, 3, 1)),
        ("Contoso Ltd", None),
        ("Northwind Ltd", date(2012, 1, 1)),
    ]
    csharp = _skill(profile, "csharp")
    # Not "current" with the manager's seven years: last used when the newer job began, years as dated.
    assert csharp.last_used == 2019
    assert csharp.years == pytest.approx(3.0)


def test_a_job_board_exports_projects_under_a_dated_job_stay_that_jobs() -> None:
    # "company -" entries under a dated job that name the same employer again are that job's projects,
    # and so is the client entry between them: one job, current, with its years.
    profile = parse_cv(BOARD_PROJECTS, "board.txt", today=TODAY)
    assert [job.start for job in profile.jobs] == [date(2017, 12, 1)]
    assert _skill(profile, "manual-testing").last_used == 2026


def test_an_opening_summary_of_the_experience_section_is_not_a_job() -> None:
    profile = parse_cv(SUMMARY_FIRST, "priya.txt", today=TODAY)
    assert [job.employer for job in profile.jobs] == ["Contoso Retail Ltd"]
    assert _skill(profile, "sql").last_used == 2014


@pytest.mark.django_db
def test_the_profile_page_shows_the_undated_job_without_dates(client, recruiter) -> None:
    outcome = store_profile(parse_cv(NEWEST_FIRST, "priya.txt", today=TODAY))
    client.force_login(recruiter)
    page = client.get(reverse("web:candidate", args=[outcome.candidate_id])).content.decode()
    jobs = {
        ("Northwind" in article, "Contoso" in article): article
        for article in (part.split("</article>")[0] for part in page.split('<article class="job">')[1:])
    }
    assert "no dates in the CV" in jobs[True, False] and "present" not in jobs[True, False]
    assert "Jan 2012 – Dec 2014" in jobs[False, True]
    # In the CV's order on every database: the undated current job first, as the CV lists it.
    assert page.index("Northwind") < page.index("Contoso")
