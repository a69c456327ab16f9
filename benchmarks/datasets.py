"""Readers for the public evaluation data in ../shared/data (used by path, never copied in)."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(os.environ.get("SHORTLIST_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
KAGGLE_CSV = DATA / "resumes-kaggle-updated-resume-dataset" / "UpdatedResumeDataSet.csv"


@dataclass(frozen=True, slots=True)
class KaggleResume:
    number: int  # position among the unique texts, in file order
    category: str
    text: str

    @property
    def file_name(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.category.lower()).strip("-")
        return f"kaggle-{self.number:03d}-{slug}.txt"


def kaggle_resumes() -> list[KaggleResume]:
    """The 166 unique resume texts (962 rows with exact duplicates removed, first occurrence kept)."""
    csv.field_size_limit(10_000_000)
    seen: set[str] = set()
    unique: list[KaggleResume] = []
    with KAGGLE_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["Resume"]
            if text in seen:
                continue
            seen.add(text)
            unique.append(KaggleResume(len(unique), row["Role"], text))
    return unique


def write_kaggle_texts(folder: Path) -> list[Path]:
    """Each unique Kaggle resume as a UTF-8 .txt file, as a recruiter's folder would hold them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for resume in kaggle_resumes():
        path = folder / resume.file_name
        path.write_text(resume.text, encoding="utf-8")
        paths.append(path)
    return paths
