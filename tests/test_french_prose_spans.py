"""French narrative CVs date a job by its start and end words ("j'ai commencé … en 2013 … jusqu'en 2016",
"entrée … en 2016 … partie en 2022") and name it as "chez <Employer>, …, comme <title>"."""

from datetime import date

from shortlist.engine.cv.dates import find_date_ranges
from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def test_commence_en_jusqu_en_is_a_range():
    text = "J'ai commencé ma carrière en 2013 chez Erdre Conseil, une petite ESN, jusqu'en 2016."
    spans = [(r.start, r.end) for r in find_date_ranges(text, TODAY)]
    assert spans == [(date(2013, 1, 1), date(2016, 12, 1))]


def test_chez_employer_comme_title_is_a_job():
    text = (
        "Hélène de Saint-Aubin\nNantes\n\nParcours\n\n"
        "J'ai commencé ma carrière en 2013 chez Erdre Conseil, une petite ESN, comme ingénieure d'études : "
        "du Java et du PHP pour des collectivités, jusqu'en 2016.\n"
    )
    jobs = parse_cv(text, "cv.txt", today=TODAY).jobs
    assert [(j.title, j.employer, j.start, j.end) for j in jobs] == [
        ("ingénieure d'études", "Erdre Conseil", date(2013, 1, 1), date(2016, 12, 1)),
    ]
