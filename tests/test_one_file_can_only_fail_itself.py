"""Each file is read and parsed in a child process under a time and memory cap: a file that breaks a cap
fails alone with a reason naming it, and the next file is read as usual."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, ImportStatus
from shortlist.engine.cv.documents import DocumentError, Limits
from shortlist.engine.cv.isolated import Caps, IsolatedParser, Job
from shortlist.engine.vocab.taxonomy import default_taxonomy

NORMAL_CV = b"Grace Hopper\ngrace@example.org\n\nExperience\nBackend Engineer, Navy Labs, 2015 - Present\n"


def _memory_hungry_resume() -> bytes:
    """A valid-looking JSON Resume that is 3 MB on disk and hundreds of MB as Python objects."""
    head = json.dumps({"basics": {"name": "Mallory"}, "work": []})[:-1]
    return (head + ', "padding": [' + "[]," * 1_500_000 + "[]]}").encode()


def _slow_text() -> bytes:
    """Millions of characters of skill words: parsing all of them takes far longer than a second."""
    rng = random.Random(3)
    words = [
        "python",
        "golang",
        "kafka",
        "engineer",
        "london",
        "latency",
        "payments",
        "risk",
        "trading",
        "senior",
    ]
    return " ".join(rng.choice(words) for _ in range(400_000)).encode()


@pytest.fixture
def parser(request: pytest.FixtureRequest) -> Iterator[IsolatedParser]:
    isolated = IsolatedParser(default_taxonomy(), request.param)
    yield isolated
    isolated.close()


@pytest.mark.parametrize("parser", [Caps(seconds=60, memory_mb=160)], indirect=True)
def test_a_file_that_needs_too_much_memory_fails_naming_the_cap(parser: IsolatedParser) -> None:
    with pytest.raises(DocumentError) as caught:
        parser.parse(Job("mallory.json", Limits(), data=_memory_hungry_resume()))
    assert caught.value.reason == "needed more than 160 MB to read (limit)"
    assert parser.parse(Job("grace.txt", Limits(), data=NORMAL_CV)).profile.contact.name == "Grace Hopper"


@pytest.mark.parametrize("parser", [Caps(seconds=1, memory_mb=1024)], indirect=True)
def test_a_file_that_takes_too_long_fails_naming_the_cap(parser: IsolatedParser) -> None:
    with pytest.raises(DocumentError) as caught:
        parser.parse(Job("slow.txt", Limits(max_chars=5_000_000), data=_slow_text()))
    assert caught.value.reason == "took longer than 1 s to read (limit)"
    assert parser.parse(Job("grace.txt", Limits(), data=NORMAL_CV)).profile.contact.name == "Grace Hopper"


@pytest.mark.parametrize("parser", [Caps()], indirect=True)
def test_a_refusal_inside_the_child_keeps_its_own_reason(parser: IsolatedParser) -> None:
    with pytest.raises(DocumentError) as caught:
        parser.parse(Job("broken.pdf", Limits(), data=b"%PDF-1.4 garbage"))
    assert caught.value.reason == "not a readable PDF"


@pytest.mark.django_db
def test_an_import_goes_on_after_a_file_breaks_the_memory_cap(tmp_path: Path, settings: object) -> None:
    settings.IMPORT_PARSE_MEMORY_MB = 160
    (tmp_path / "a-mallory.json").write_bytes(_memory_hungry_resume())
    (tmp_path / "b-grace.txt").write_bytes(NORMAL_CV)
    summary = import_sources(iter_sources([tmp_path]))
    first, second = summary.outcomes
    assert (first.status, first.reason) == (ImportStatus.FAILED, "needed more than 160 MB to read (limit)")
    assert second.status == ImportStatus.IMPORTED
    assert list(Candidate.objects.values_list("name", flat=True)) == ["Grace Hopper"]
