"""Must-have vs nice-to-have on real postings: Google careers' minimum vs preferred qualifications.

    .venv/bin/python -m benchmarks.jd_google [--errors 10]

Gold: each posting's "Minimum Qualifications" column names its must-haves and "Preferred Qualifications"
its nice-to-haves. A gold skill is a skill ``extract_mentions`` finds in that column on its own (not
negated); one found in both columns is a must-have. The JD parser reads the two columns joined as a
recruiter would paste them — "Minimum qualifications:\\n…\\n\\nPreferred qualifications:\\n…" — and
``jd.bucket_requirements`` puts every skill it finds into must, nice or neutral.

Because the same extractor finds the skills on both sides, this measures the bucketing (headings, cues
in a clause) and not extraction, which benchmarks.skillspan_recall covers. Figures:

- coverage: share of gold skills the parser placed in any bucket;
- bucket accuracy: of the gold skills placed, the share placed in the gold bucket (neutral is wrong);
- must / nice precision and recall, skill level, micro-averaged over postings;
- baseline: calling every skill a must-have, which is what a parser without sections does;
- cue only: the same text without the two headings, so only the words in each line decide (neutral
  counts as wrong); "as the draft" applies the draft's rule (no stated requirement: neutral → must,
  else neutral → nice), which is what a recruiter would see.

Rows: the 1,250 postings less exact duplicates of the (minimum, preferred) pair; "engineering" is the
subset whose category is engineering or technical (SOURCE.md counts about 55 such postings).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.datasets import DATA
from shortlist.engine.cv.extract import NEGATED, extract_mentions
from shortlist.engine.roles.jd import bucket_requirements
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

GOOGLE_CSV = DATA / "jobs-google-careers-job-skills" / "job_skills.csv"
ENGINEERING = frozenset(
    {
        "Software Engineering",
        "Technical Infrastructure",
        "Hardware Engineering",
        "Network Engineering",
        "Data Center & Network",
        "IT & Data Management",
        "Developer Relations",
        "Technical Solutions",
    }
)


@dataclass(frozen=True, slots=True)
class Posting:
    title: str
    category: str
    minimum: str
    preferred: str


def postings() -> list[Posting]:
    seen: set[tuple[str, str]] = set()
    found: list[Posting] = []
    with GOOGLE_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["Minimum Qualifications"].strip(), row["Preferred Qualifications"].strip())
            if key in seen or not any(key):
                continue
            seen.add(key)
            found.append(Posting(row["Title"], row["Category"], *key))
    return found


def skills_in(text: str, taxonomy: Taxonomy) -> set[str]:
    return {m.skill for m in extract_mentions(text, taxonomy) if m.kind != NEGATED}


def with_headings(posting: Posting) -> str:
    return f"Minimum qualifications:\n{posting.minimum}\n\nPreferred qualifications:\n{posting.preferred}\n"


def without_headings(posting: Posting) -> str:
    return f"{posting.minimum}\n{posting.preferred}\n"


@dataclass(slots=True)
class Tally:
    gold: int = 0
    placed: int = 0
    right: int = 0
    gold_must: int = 0
    gold_nice: int = 0
    said_must: int = 0
    said_nice: int = 0
    must_right: int = 0
    nice_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(
        self,
        posting: Posting,
        gold_must: set[str],
        gold_nice: set[str],
        must: set[str],
        nice: set[str],
        neutral: set[str],
    ) -> None:
        gold = gold_must | gold_nice
        self.gold += len(gold)
        self.placed += len(gold & (must | nice | neutral))
        self.right += len(gold_must & must) + len(gold_nice & nice)
        self.gold_must += len(gold_must)
        self.gold_nice += len(gold_nice)
        self.said_must += len(must)
        self.said_nice += len(nice)
        self.must_right += len(must & gold_must)
        self.nice_right += len(nice & gold_nice)
        wrong = sorted((gold_must & (nice | neutral)) | (gold_nice & (must | neutral)))
        if wrong:
            self.errors.append(f"{posting.title}: {', '.join(wrong)}")


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def evaluate(
    rows: list[Posting], render: Callable[[Posting], str], taxonomy: Taxonomy, *, as_draft: bool = False
) -> Tally:
    tally = Tally()
    for posting in rows:
        gold_must = skills_in(posting.minimum, taxonomy)
        gold_nice = skills_in(posting.preferred, taxonomy) - gold_must
        found = bucket_requirements(render(posting), taxonomy)
        if as_draft:
            must, nice = found.draft_buckets()
            tally.add(posting, gold_must, gold_nice, set(must), set(nice), set())
        else:
            tally.add(posting, gold_must, gold_nice, set(found.must), set(found.nice), set(found.neutral))
    return tally


def report(name: str, rows: list[Posting], taxonomy: Taxonomy, show_errors: int) -> None:
    tally = evaluate(rows, with_headings, taxonomy)
    cue_only = evaluate(rows, without_headings, taxonomy)
    cue_only_draft = evaluate(rows, without_headings, taxonomy, as_draft=True)
    t = tally
    print(f"\n## {name}: {len(rows)} postings, {t.gold} gold skills ({t.gold_must} must, {t.gold_nice} nice)")
    print(f"coverage                    {ratio(t.placed, t.gold)}")
    print(f"bucket accuracy             {ratio(t.right, t.placed)}")
    print(
        f"must  precision / recall    {ratio(t.must_right, t.said_must)} / {ratio(t.must_right, t.gold_must)}"
    )
    print(
        f"nice  precision / recall    {ratio(t.nice_right, t.said_nice)} / {ratio(t.nice_right, t.gold_nice)}"
    )
    print(f"baseline (all must)         {ratio(tally.gold_must, tally.gold)}")
    print(f"cue only (no headings)      {ratio(cue_only.right, cue_only.placed)}")
    print(f"cue only, as the draft      {ratio(cue_only_draft.right, cue_only_draft.placed)}")
    for line in tally.errors[:show_errors]:
        print(f"  wrong bucket: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="show this many postings with a wrong bucket")
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    rows = postings()
    report("all postings", rows, taxonomy, args.errors)
    report("engineering postings", [r for r in rows if r.category in ENGINEERING], taxonomy, args.errors)


if __name__ == "__main__":
    main()
