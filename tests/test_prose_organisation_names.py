"""In French, Spanish or Italian prose an organisation's name runs on in lower case after its head word
("au Laboratoire d'informatique appliquée de Talence, où …"), across a PDF's line break, up to the next
comma or full stop; a clause word ends it."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_a_lower_case_laboratory_name_is_read_to_its_comma_across_a_line_break():
    text = (
        "Claire Bernard\nBordeaux\n\nParcours\n\n"
        "Auparavant, de 2014 à 2016, j'étais ingénieure d'études au Laboratoire d'informatique\n"
        "appliquée de Talence, où j'analysais des données de capteurs agricoles avec R et Python.\n"
    )
    assert jobs(text) == [
        (
            "ingénieure d'études",
            "Laboratoire d'informatique appliquée de Talence",
            date(2014, 1, 1),
            date(2016, 12, 1),
        ),
    ]


def test_a_clause_word_ends_the_name():
    text = (
        "Claire Bernard\nBordeaux\n\nParcours\n\n"
        "De 2014 à 2016, j'étais ingénieure d'études au Laboratoire où j'analysais des données, avec R.\n"
    )
    assert jobs(text) == [("ingénieure d'études", "Laboratoire", date(2014, 1, 1), date(2016, 12, 1))]
