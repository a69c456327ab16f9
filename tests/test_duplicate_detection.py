"""Likely duplicates weigh e-mail, phone and name together: a shared phone alone is not a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from shortlist.candidates.duplicates import names_agree
from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, ImportStatus

pytestmark = pytest.mark.django_db

PHONE = "+44 7700 900318"


def _cv(folder: Path, file: str, name: str, email: str, phone: str) -> Path:
    path = folder / file
    path.write_text(
        f"{name}\n{email}\n{phone}\nLondon, UK\n\nEXPERIENCE\n"
        f"Backend Engineer, Example Ltd (2019 - present)\n- Built {file} services in Python and Go.\n"
    )
    return path


def test_two_people_sharing_only_a_phone_are_both_imported(tmp_path: Path) -> None:
    first = _cv(tmp_path, "amira.txt", "Amira Haddad", "amira.haddad@example.org", PHONE)
    second = _cv(tmp_path, "tom.txt", "Tom Okafor", "tom.okafor@example.net", PHONE)
    outcomes = import_sources(iter_sources([first, second])).outcomes
    assert [o.status for o in outcomes] == [ImportStatus.IMPORTED, ImportStatus.IMPORTED]
    assert not Candidate.objects.filter(duplicate_of__isnull=False).exists()


def test_the_same_phone_and_name_is_a_likely_duplicate(tmp_path: Path) -> None:
    first = _cv(tmp_path, "a.txt", "Amira Haddad", "amira.haddad@example.org", PHONE)
    second = _cv(tmp_path, "b.txt", "Amira K. Haddad", "amira.k@example.net", PHONE)
    one, two = import_sources(iter_sources([first, second])).outcomes
    assert two.status == ImportStatus.DUPLICATE and two.duplicate_of == one.candidate_id
    assert two.reason.startswith(f"same phone and name as #{one.candidate_id} Amira Haddad")


def test_a_shared_email_is_enough_whatever_the_name(tmp_path: Path) -> None:
    first = _cv(tmp_path, "a.txt", "Amira Haddad", "amira.haddad@example.org", PHONE)
    second = _cv(tmp_path, "b.txt", "A. Haddad-Smith", "Amira.Haddad@example.org", "")
    one, two = import_sources(iter_sources([first, second])).outcomes
    assert two.status == ImportStatus.DUPLICATE and two.duplicate_of == one.candidate_id
    assert "same e-mail (amira.haddad@example.org)" in two.reason


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Grace Hopper", "Grace B. Hopper", True),
        ("Grace Hopper", "G. Hopper", True),
        ("José Núñez", "Jose Nunez", True),
        ("Hopper Grace", "Grace Hopper", True),
        ("Grace Hopper", "Grace Kelly", False),
        ("Grace Hopper", "Gary Hopper", True),  # an initial cannot tell them apart; the phone must match too
        ("Grace Hopper", "Tom Hopper", False),
        ("", "Grace Hopper", False),
    ],
)
def test_names_agree_on_the_same_person_written_differently(first: str, second: str, same: bool) -> None:
    assert names_agree(first, second) is same
