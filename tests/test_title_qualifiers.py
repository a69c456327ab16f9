"""A title's qualifier after a comma ("Summer Intern, IT Support") stays in the title when the employer
stands on its own line (or another line names the employer); on a "Title, Employer" line alone the part
after the comma is still the employer."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_a_qualifier_after_the_title_is_kept_when_the_employer_is_below():
    text = (
        "Jordan Mills\nEdinburgh\n\nEXPERIENCE\n\n"
        "Summer Intern, IT Support\n"
        "Leith Harbour Council Services                                   Summer 2021\n"
        "  - Laptop builds, Windows 10 roll-out\n"
    )
    assert jobs(text) == [
        ("Summer Intern, IT Support", "Leith Harbour Council Services", date(2021, 6, 1), date(2021, 8, 1)),
    ]


def test_title_comma_employer_on_one_line_is_still_split():
    text = (
        "Jordan Mills\nEdinburgh\n\nEXPERIENCE\n\n"
        "Data Engineer, Pennyfarthing Insurance\n"
        "Jan 2019 – Mar 2021\n"
        "  - Airflow pipelines\n"
    )
    assert jobs(text) == [("Data Engineer", "Pennyfarthing Insurance", date(2019, 1, 1), date(2021, 3, 1))]


def test_a_city_after_the_title_is_not_a_qualifier():
    text = (
        "Jordan Mills\nEdinburgh\n\nEXPERIENCE\n\n"
        "Data Engineer, Edinburgh\n"
        "Pennyfarthing Insurance Ltd                Jan 2019 – Mar 2021\n"
        "  - Airflow pipelines\n"
    )
    assert jobs(text) == [
        ("Data Engineer", "Pennyfarthing Insurance Ltd", date(2019, 1, 1), date(2021, 3, 1)),
    ]


def test_a_linkedin_role_with_a_qualifier_over_its_company_line():
    text = (
        "Mei Ling Tan\nSingapore\n\nExperience\n"
        "Director, Risk Technology & Quant Analytics\nMarina Bay Securities · Full-time\n"
        "Apr 2023 - Present · 3 yrs 8 mos\nSingapore\nHead a team of 15.\n"
    )
    assert jobs(text) == [
        ("Director, Risk Technology & Quant Analytics", "Marina Bay Securities", date(2023, 4, 1), None),
    ]
