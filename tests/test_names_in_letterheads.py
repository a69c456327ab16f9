"""A letterhead's forms of address and academic titles ("Prof. Dr.", "Dr.-Ing.", "Mr") and post-nominal
degrees ("MSc PhD", ", Ph.D.") are no part of the candidate's name; particles stay ("van der", "bin")."""

from datetime import date

import pytest

from shortlist.engine.cv.contact import bare_name
from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def name(text):
    return parse_cv(text, "cv.txt", today=TODAY).contact.name


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Dr. Anna Weber\nBerlin · anna@example.de", "Anna Weber"),
        ("Prof. Dr. Klaus-Peter Müller\nMünchen", "Klaus-Peter Müller"),
        ("Curriculum Vitae\n\nDr.-Ing. Stefan Schäfer\nStuttgart", "Stefan Schäfer"),
        ("Dr. rer. nat. Julia Fischer\nHeidelberg", "Julia Fischer"),
        ("Ing. Petr Novák, Ph.D.\nBrno", "Petr Novák"),
        ("Dott. Marco Rossi\nMilano", "Marco Rossi"),
        ("Mr. John Smith\nLeeds", "John Smith"),
        ("CURRICULUM VITAE\nName: Dr. Li Wei\nShanghai", "Li Wei"),
    ],
)
def test_titles_before_a_name_are_dropped(header, expected):
    assert name(header + "\n\nExperience\n") == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Dr Jane Okoro MSc PhD\nLondon", "Jane Okoro"),
        ("Jane Okoro MBA\nLondon", "Jane Okoro"),
        ("Sophie Lemaire, PhD\nCurriculum vitae", "Sophie Lemaire"),
    ],
)
def test_degrees_after_a_name_are_dropped(header, expected):
    assert name(header + "\n\nExperience\n") == expected


def test_particles_stay_and_an_all_caps_name_keeps_them_in_lower_case():
    assert name("Pieter van der Berg\nUtrecht\n\nWerkervaring\n") == "Pieter van der Berg"
    assert name("Ahmad bin Ismail\nKuala Lumpur\n\nExperience\n") == "Ahmad bin Ismail"
    assert name("JAN VAN DEN BOSCH\nRotterdam\n\nWerkervaring\n") == "Jan van den Bosch"


def test_first_names_and_surnames_that_look_like_titles_are_kept():
    assert bare_name("Phil Jones") == "Phil Jones"
    assert bare_name("Jane Ma") == "Jane Ma"
    assert bare_name("Drew Mann") == "Drew Mann"
    assert bare_name("Misha Prof") == "Misha Prof"
