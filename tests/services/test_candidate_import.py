"""candidate_import: files, folders and zips in; one outcome per CV; a broken file fails alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shortlist.candidates.models import Candidate
from shortlist.candidates.services import candidate_import, candidate_import_count
from shortlist.errors import Forbidden
from tests.services.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(FIXTURES / "cvs" / "anna-kowalska.pdf", folder)
    shutil.copy(FIXTURES / "cvs" / "mei-chen.txt", folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    return folder


def test_each_file_is_imported_alone(operator, inbox: Path) -> None:
    seen: list[str] = []
    assert candidate_import_count(actor=operator, paths=[inbox]) == 3
    summary = candidate_import(actor=operator, paths=[inbox], on_outcome=lambda o: seen.append(o.name))
    assert seen == ["anna-kowalska.pdf", "broken.pdf", "mei-chen.txt"]
    assert [(o.name, o.status.value) for o in summary.outcomes] == [
        ("anna-kowalska.pdf", "imported"), ("broken.pdf", "failed"), ("mei-chen.txt", "imported")
    ]  # fmt: skip
    assert sorted(Candidate.objects.values_list("source", flat=True)) == ["anna-kowalska.pdf", "mei-chen.txt"]
    anna = summary.outcomes[0].candidate_id
    assert Candidate.objects.get(pk=anna).name == "Anna Kowalska"


def test_importing_again_changes_nothing(operator, inbox: Path) -> None:
    candidate_import(actor=operator, paths=[inbox])
    again = candidate_import(actor=operator, paths=[inbox])
    assert again.counts["unchanged"] == 2 and Candidate.objects.count() == 2


def test_an_anonymous_actor_is_forbidden_and_nothing_is_stored(anonymous, inbox: Path) -> None:
    with pytest.raises(Forbidden):
        candidate_import(actor=anonymous, paths=[inbox])
    assert not Candidate.objects.exists()
