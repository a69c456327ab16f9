"""The independent CV corpus's label files are well-formed (tests/fixtures/cv_corpus/README.md).

Only the labels' shape: files exist, skill ids are taxonomy ids, dates are valid, each split has its
size. Parser quality is measured by benchmarks/cv_corpus.py, never asserted here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "fixtures" / "cv_corpus"
TAXONOMY = Path(__file__).resolve().parents[1] / "src" / "shortlist" / "engine" / "vocab" / "data"
SIZES = {"test": 30, "dev": 60}  # test: exactly; dev: at least (it grows)
FAMILIES = {
    "one-line", "europass", "linkedin", "de-lebenslauf", "fr-cv", "other-lang", "md-table", "docx-table",
    "md-emphasis", "numeric-dates", "seasons", "two-column", "prose", "skills-first", "chronological",
    "pipes", "academic", "breaks",
}  # fmt: skip
LANGUAGES = {"en", "de", "fr", "es", "it", "nl"}
CV_SUFFIXES = {".txt", ".md", ".docx", ".pdf"}
DATE = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2]))?")


def _taxonomy_ids() -> set[str]:
    ids: set[str] = set()
    for path in TAXONOMY.glob("skills*.yaml"):
        ids |= {skill["id"] for skill in yaml.safe_load(path.read_text(encoding="utf-8"))["skills"]}
    return ids


def _entries(split: str) -> list[dict]:
    entries: list[dict] = []
    for path in sorted((CORPUS / split).glob("labels*.yaml")):
        entries += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return entries


def _cv_files(split: str) -> list[Path]:
    folder = CORPUS / split
    return sorted(p for p in folder.iterdir() if p.suffix in CV_SUFFIXES) if folder.is_dir() else []


def _month(value: object, *, end: bool) -> int:
    text = str(value)
    if end and text == "present":
        return 2026 * 12 + 11
    assert DATE.fullmatch(text), f"bad date {value!r}"
    year, _, month = text.partition("-")
    return int(year) * 12 + (int(month) - 1 if month else (11 if end else 0))


@pytest.mark.parametrize("split", sorted(SIZES))
def test_labels_are_well_formed(split):
    ids = _taxonomy_ids()
    entries = _entries(split)
    files = [entry["file"] for entry in entries]
    assert len(files) == len(set(files)), "a CV is labelled twice"
    for entry in entries:
        where = f"{split}/{entry['file']}"
        assert (CORPUS / split / entry["file"]).is_file(), f"{where}: no such file"
        assert entry["family"] in FAMILIES, where
        assert entry["language"] in LANGUAGES, where
        assert entry.get("name"), where
        assert "email" in entry and "city" in entry, where
        assert entry.get("jobs"), f"{where}: no jobs"
        for job in entry["jobs"]:
            assert job.get("title") and job.get("employer"), f"{where}: {job}"
            assert _month(job["start"], end=False) <= _month(job["end"], end=True), f"{where}: {job}"
        skills, optional, absent = (set(entry.get(key) or []) for key in ("skills", "optional", "absent"))
        facts = entry.get("facts") or []
        named = skills | optional | absent | {fact["skill"] for fact in facts}
        assert named <= ids, f"{where}: not taxonomy ids {sorted(named - ids)}"
        assert not skills & absent, f"{where}: both evidenced and a trap {sorted(skills & absent)}"
        assert not skills & optional, f"{where}: both evidenced and optional {sorted(skills & optional)}"
        assert 6 <= len(facts) <= 12, f"{where}: {len(facts)} facts"
        for fact in facts:
            assert isinstance(fact["work"], bool), f"{where}: {fact}"
            years = fact["years"] if isinstance(fact["years"], list) else [fact["years"]] * 2
            assert len(years) == 2 and 0 <= years[0] <= years[1], f"{where}: {fact}"
            if fact["work"]:
                assert 1990 <= fact["last_used"] <= 2026, f"{where}: {fact}"
            assert fact["skill"] in skills | optional, f"{where}: fact on an unlabelled skill {fact}"


@pytest.mark.parametrize("split", sorted(SIZES))
def test_every_cv_is_labelled_and_the_split_has_its_size(split):
    on_disk = {path.name for path in _cv_files(split)}
    labelled = {entry["file"] for entry in _entries(split)}
    assert on_disk == labelled, (
        f"unlabelled {sorted(on_disk - labelled)}, missing {sorted(labelled - on_disk)}"
    )
    if split == "dev" and len(on_disk) < SIZES["dev"]:
        pytest.skip(f"dev split still being written ({len(on_disk)}/{SIZES['dev']} CVs)")
    if split == "dev":
        assert len(on_disk) >= SIZES[split]
    else:
        assert len(on_disk) == SIZES[split]
