"""A publication dated by a bare year in brackets ("Sørensen H., Brunner A. (2019). Bounded staleness …")
is not a job: under a bare year only a block whose title names a role is one."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_short_citations_in_an_experience_section_are_not_jobs():
    text = (
        "Henrik Sørensen\nAarhus\n\nPositions\n\n"
        "Associate Professor, University of Aarhus, 2016–2021\n\n"
        "Sørensen H., Brunner A. (2019). Bounded staleness in geo-replicated stores.\n"
        "Sørensen H. et al. (2015). Elastic scaling for stream processing.\n"
    )
    assert jobs(text) == [
        ("Associate Professor", "University of Aarhus", date(2016, 1, 1), date(2021, 12, 1)),
    ]


def test_a_titled_role_dated_by_a_bare_year_is_still_a_job():
    text = "Sam Hale\n\nEXPERIENCE\nAnalyst Intern, Avonmouth Freight (2016): cleaned shipment data in R.\n"
    assert jobs(text) == [("Analyst Intern", "Avonmouth Freight", date(2016, 1, 1), date(2016, 12, 1))]
