"""The search's CV words are looked up in a full-text index (candidates/search.py `text_words`,
migration candidates/0012): whole words as the engine reads them, and the index follows every write
of a CV's text in the same transaction — an import, a new version of the file, a re-parse, a merge
and an erasure, which also leaves none of the person's words in the index's own storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from shortlist.accounts.access import Actor
from shortlist.candidates.models import Candidate
from shortlist.candidates.search import FTS_TABLE, matching, search_candidates
from shortlist.candidates.services import candidate_import, candidate_merge, candidate_reparse
from shortlist.compliance.services import candidate_erase
from shortlist.engine.matching.search import parse_query

pytestmark = pytest.mark.django_db

TEXTS = {
    "comma": "I write Go, mostly in teams that ship.",
    "parens": "Backend (go) and ops",
    "upper": "GO DEVELOPER",
    "google": "Five years at Google on search",
    "golang": "golang services",
    "underscore": "maintainer of go_lang and foo_bar",
    "cargo": "cargo cult programming",
    "hyphen": "a real go-getter, c++ and node.js",
    "spaced": "a real go getter, c and node js",
    "accent": "Résumé writing for executives",
    "plain": "resume parsing at scale",
    "phrase": "built order\n  routing for banks",
    "split": "order, routing; routing order",
}


def _found(text: str) -> set[str]:
    query = parse_query(text)
    return set(matching(Candidate.objects.all(), query).values_list("source", flat=True))


@pytest.fixture
def texts() -> None:
    for source, text in TEXTS.items():
        Candidate.objects.create(name=source, source=source, raw_text=text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("text:go", {"comma", "parens", "upper", "hyphen", "spaced"}),
        ("text:google", {"google"}),
        ("text:go_lang", {"underscore"}),
        ("text:foo", set()),  # "_" joins a word: foo_bar is not foo
        ("text:go-getter", {"hyphen"}),
        ("text:c++", {"hyphen"}),
        ("text:node.js", {"hyphen"}),
        ('text:"go getter"', {"spaced", "hyphen"}),  # a phrase's words may be apart by any non-word run
        ("text:resume", {"plain"}),  # accents are kept: résumé is another word
        ("text:résumé", {"accent"}),
        # "order, routing": adjacent words, as full-text engines read a phrase
        ('"order routing"', {"phrase", "split"}),
        ("text:go NOT text:golang", {"comma", "parens", "upper", "hyphen", "spaced"}),
        ("text:cargo OR text:golang", {"cargo", "golang"}),
        ("NOT text:go", set(TEXTS) - {"comma", "parens", "upper", "hyphen", "spaced"}),
    ],
)
def test_words_are_whole_words_as_the_engine_reads_them(texts: None, query: str, expected: set[str]) -> None:
    assert _found(query) == expected
    # The CLI's and the API's search (first matches by id, the index as a prefilter) agrees.
    _, ids = search_candidates(query, limit=100)
    assert set(Candidate.objects.filter(pk__in=ids).values_list("source", flat=True)) == expected


def _cv(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


CV = """Zofia Brzeczyszczyk
zofia.b@example.org · +44 7700 900456 · London, UK

Experience
Senior Engineer, Paystream (2019 - present)
Built {word} pipelines in Python and Kafka.
"""


def _import(folder: Path, word: str) -> int:
    summary = candidate_import(actor=Actor.system(), paths=[_cv(folder, "zofia.txt", CV.format(word=word))])
    (outcome,) = summary.outcomes
    assert outcome.candidate_id is not None, outcome
    return outcome.candidate_id


def _ids(query: str) -> list[int]:
    return list(matching(Candidate.objects.all(), parse_query(query)).values_list("pk", flat=True))


def test_an_import_and_a_new_version_of_the_file_are_searchable_at_once(tmp_path: Path) -> None:
    first = _import(tmp_path, "quokkametrics")
    assert _ids("quokkametrics") == [first]

    again = _import(tmp_path, "wombatlytics")  # the same file, edited: the profile is replaced

    assert again == first
    assert _ids("wombatlytics") == [first]
    assert _ids("quokkametrics") == []


def test_a_reparse_and_a_merge_keep_the_index_with_the_rows(tmp_path: Path) -> None:
    keep = _import(tmp_path, "quokkametrics")
    other = Candidate.objects.create(name="Z. Brzeczyszczyk", source="other.txt", raw_text="wombatlytics")
    candidate_reparse(actor=Actor.system(), candidate_ids=[keep])
    assert _ids("quokkametrics") == [keep]

    candidate_merge(actor=Actor.system(), keep_id=keep, other_id=other.pk)

    assert _ids("quokkametrics") == [keep]
    assert _ids("wombatlytics") == []  # the merged-away row's text went with it


def _index_storage_holds(word: str) -> bool:
    """Whether the SQLite FTS5 index's own blocks still hold the word's end (a term is stored after
    the part it shares with the one before it; a deleted row's words stay in older segments until
    they are merged)."""
    word = word[-6:]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT block FROM {FTS_TABLE}_data")
        return any(word.encode() in bytes(block or b"") for (block,) in cursor.fetchall())


def test_an_erased_persons_words_leave_the_index(tmp_path: Path) -> None:
    erased = _import(tmp_path, "quokkametrics")
    kept = Candidate.objects.create(name="Mei Chen", source="mei.txt", raw_text="Mei Chen wombatlytics").pk
    assert _ids("brzeczyszczyk") == [erased]
    if connection.vendor == "sqlite":
        assert _index_storage_holds("brzeczyszczyk")

    candidate_erase(actor=Actor.system(), candidate_id=erased, reason="request by letter")

    assert _ids("quokkametrics") == [] and _ids("brzeczyszczyk") == []
    assert _ids("wombatlytics") == [kept]
    if connection.vendor == "sqlite":
        assert not _index_storage_holds("brzeczyszczyk")
        assert not _index_storage_holds("quokkametrics")
