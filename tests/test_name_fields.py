"""A name given as a form field is read in any common form: "Name<tab>Anna Weber" from a Word table,
the parts asked apart ("Vorname: Anna" / "Nachname: Weber", "Nom : Dupont" / "Prénom : Jean"), and a
bracket after the name (pronouns, the name in another script) is no part of it."""

from datetime import date

import pytest

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def contact(text):
    return parse_cv(text, "cv.txt", today=TODAY).contact


def test_a_word_table_name_row_separated_by_a_tab():
    text = (
        "Lebenslauf\n\nPersönliche Daten\nName\tAnna Weber\nAnschrift\tHauptstr. 5, 10115 Berlin\n\n"
        "Berufserfahrung\n"
    )
    assert contact(text).name == "Anna Weber"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Vorname: Anna\nNachname: Weber\nWohnort: Berlin", "Anna Weber"),
        ("Name: Weber\nVorname: Anna", "Anna Weber"),
        ("Nom : Dupont\nPrénom : Jean", "Jean Dupont"),
        ("First name: Grace\nSurname: Mwangi", "Grace Mwangi"),
    ],
)
def test_given_and_family_name_fields_are_joined(form, expected):
    assert contact("Curriculum Vitae\n\n" + form + "\n\nExperience\n").name == expected


def test_a_bracket_after_the_name_is_dropped():
    assert contact("Anna Weber (she/her)\nBerlin\n\nExperience\n").name == "Anna Weber"
    assert contact("Zhang Wei (张伟)\nShanghai\n\nExperience\n").name == "Zhang Wei"
