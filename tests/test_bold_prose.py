"""Markdown prose with its facts in bold ("from **July 2015** to **2017**, was as an **Analyst** at
**Malleswaram Capital Advisors**") is read like the same sentence without the markers."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def test_a_bold_prose_sentence_is_a_job():
    text = (
        "# Siddharth Iyer\n\nBengaluru, India\n\n## What I have done\n\n"
        "My first job, from **July 2015** to **2017**, was as an **Analyst** at **Malleswaram Capital "
        "Advisors**,\nwhere I built credit-risk scorecards in SAS and R.\n"
    )
    jobs = parse_cv(text, "cv.md", today=TODAY).jobs
    assert [(j.title, j.employer, j.start, j.end) for j in jobs] == [
        ("Analyst", "Malleswaram Capital Advisors", date(2015, 7, 1), date(2017, 12, 1)),
    ]
