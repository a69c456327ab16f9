"""Recall of skill extraction on SkillSpan's gold knowledge spans that name a technology.

    .venv/bin/python -m benchmarks.skillspan_recall [--split test] [--missed 30]

The subset, defined without reference to Shortlist's own taxonomy so the figure is not circular: a
gold *knowledge* span (SkillSpan's "knowledge" ≈ technologies) whose text, lower-cased with spaces
as hyphens, is a Stack Overflow tag with at least MIN_TAG_COUNT questions, or a GitHub linguist
language name or alias. A span counts as found when an extracted mention overlaps it. Tune on
train/dev; report test.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from dataclasses import dataclass

import yaml

from benchmarks.datasets import DATA
from shortlist.engine.cv.extract import extract_mentions
from shortlist.engine.vocab.taxonomy import default_taxonomy

SKILLSPAN = DATA / "jobs-skillspan-annotated-postings"
SO_TAGS = DATA / "taxonomy-stackoverflow-tags" / "stackoverflow_tags.csv"
LINGUIST = DATA / "taxonomy-github-linguist-languages" / "languages.yml"
MIN_TAG_COUNT = 1000


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    sentence: str
    start: int
    end: int


def technology_names() -> set[str]:
    names: set[str] = set()
    with SO_TAGS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["Count"]) >= MIN_TAG_COUNT:
                names.add(row["TagName"].lower())
    for name, entry in (yaml.safe_load(LINGUIST.read_text()) or {}).items():
        names.add(_key(name))
        names.update(_key(alias) for alias in (entry or {}).get("aliases", []) or [])
    return names


def _key(text: str) -> str:
    return "-".join(text.lower().split())


def knowledge_spans(split: str) -> list[Span]:
    spans: list[Span] = []
    for line in (SKILLSPAN / f"{split}.json").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        offsets, position = [], 0
        for token in row["tokens"]:
            offsets.append((position, position + len(token)))
            position += len(token) + 1
        sentence = " ".join(row["tokens"])
        current: list[int] = []
        for index, tag in enumerate([*row["tags_knowledge"], "O"]):
            if current and tag != "I":
                start, end = offsets[current[0]][0], offsets[current[-1]][1]
                spans.append(Span(sentence[start:end], sentence, start, end))
                current = []
            if tag in ("B", "I"):
                current.append(index)
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--missed", type=int, default=25, help="show the most frequent missed spans")
    args = parser.parse_args()
    names = technology_names()
    taxonomy = default_taxonomy()
    spans = [span for span in knowledge_spans(args.split) if _key(span.text) in names]
    cache: dict[str, list[tuple[int, int]]] = {}
    found, missed = 0, Counter[str]()
    for span in spans:
        if span.sentence not in cache:
            cache[span.sentence] = [
                (m.start, m.end) for m in extract_mentions(span.sentence, taxonomy, "other") if m.strength > 0
            ]
        if any(start < span.end and span.start < end for start, end in cache[span.sentence]):
            found += 1
        else:
            missed[span.text] += 1
    total = len(knowledge_spans(args.split))
    print(f"SkillSpan {args.split}: {total} gold knowledge spans, {len(spans)} name a technology "
          f"(Stack Overflow tag with >= {MIN_TAG_COUNT} questions, or a linguist language)")  # fmt: skip
    print(f"recall {found / max(1, len(spans)):.3f} ({found}/{len(spans)})")
    if args.missed:
        print(
            "most frequent missed spans:", ", ".join(f"{t} ×{n}" for t, n in missed.most_common(args.missed))
        )


if __name__ == "__main__":
    main()
