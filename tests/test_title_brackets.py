"""A capitalised bracket right after a title is the title's qualifier ("Senior Software Engineer
(Payments)", "IT-Administrator (Werkstudent)") and never the employer; a lower-case note, a place, a work
mode or dates in brackets are still split off."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)
HEAD = "Anna Weber\nBerlin\n\nExperience\n\n"


def jobs(text):
    return [(j.title, j.employer) for j in parse_cv(HEAD + text, "cv.txt", today=TODAY).jobs]


def test_a_specialty_in_brackets_stays_in_the_title():
    text = "Senior Software Engineer (Payments)\nTulpenveld Betalingen\nJan 2023 – Present\n- Go\n"
    assert jobs(text) == [("Senior Software Engineer (Payments)", "Tulpenveld Betalingen")]


def test_a_bracketed_qualifier_on_a_pipes_line():
    text = "Auenland Hosting UG | IT-Administrator (Werkstudent) | 10/2015 – 08/2018\n- Linux\n"
    assert jobs(text) == [("IT-Administrator (Werkstudent)", "Auenland Hosting UG")]


def test_a_lower_case_note_a_place_or_a_work_mode_is_not_kept():
    text = "Graduate Developer (placement year)\nPennine Data Systems\n07/2015 - 06/2016\n- Java\n"
    assert jobs(text) == [("Graduate Developer", "Pennine Data Systems")]
    text = "Data Engineer (Remote)\nPennine Data Systems\n07/2015 - 06/2016\n- Java\n"
    assert jobs(text) == [("Data Engineer", "Pennine Data Systems")]
    text = "Data Engineer (London)\nPennine Data Systems\n07/2015 - 06/2016\n- Java\n"
    assert jobs(text) == [("Data Engineer", "Pennine Data Systems")]


def test_a_bracket_after_an_employer_is_not_a_title_qualifier():
    text = "Data Engineer\nPennine Data Systems (Leeds Office)\n07/2015 - 06/2016\n- Java\n"
    assert jobs(text)[0][0] == "Data Engineer"
