"""A one-line entry may end its dates with a full stop before the description ("**Quant Developer, Forth
Street Capital** — 2019-2022. Curve-building in Python"); a citation's "(2025)." is still no job."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.md", today=TODAY).jobs]


def test_a_bulleted_one_line_entry_whose_dates_end_with_a_stop():
    text = (
        "James Okafor\nEdinburgh\n\n### Experience\n\n"
        "- **Quant Developer, Forth Street Capital** — 2019–2022. Curve-building and risk in C++.\n"
        "- **Software Engineer, Leith Analytics Ltd** — 2017–2019. Java and Spring services.\n"
    )
    assert jobs(text) == [
        ("Quant Developer", "Forth Street Capital", date(2019, 1, 1), date(2022, 12, 1)),
        ("Software Engineer", "Leith Analytics Ltd", date(2017, 1, 1), date(2019, 12, 1)),
    ]


def test_a_citation_with_its_year_in_brackets_is_not_a_job():
    text = (
        "Henrik Sørensen\nAarhus\n\nExperience\n\n"
        "- Sørensen H., Ali M. (2025). Consensus under partial synchrony. Journal of Systems.\n"
    )
    assert jobs(text) == []
