"""How many of the unique Kaggle resumes get at least one dated job out of the parser.

    .venv/bin/python -m benchmarks.kaggle_dated_jobs [--show N]

The Kaggle file (962 rows, 166 unique texts once exact duplicates are dropped; see its SOURCE.md) was
never written for this parser, so the share of CVs with a dated job is a coarse, out-of-sample signal of
whether time is read at all. It is not accuracy: a CV can get a dated job with the wrong dates, and some
CVs print no dates (those are listed with --show so a reader can check them by eye).
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date

from benchmarks.datasets import kaggle_resumes
from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.vocab.taxonomy import default_taxonomy

TODAY = date(2026, 12, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print the first N CVs with no dated job")
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    resumes = kaggle_resumes()  # already de-duplicated by text
    with_dated, jobs_total = 0, 0
    undated: list[str] = []
    by_category: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for resume in resumes:
        profile = parse_cv(resume.text, resume.file_name, taxonomy, TODAY)
        dated = [job for job in profile.jobs if job.start is not None]
        sizes[resume.category] += 1
        jobs_total += len(dated)
        if dated:
            with_dated += 1
            by_category[resume.category] += 1
        else:
            undated.append(resume.file_name)
    print(f"{len(resumes)} unique resumes; {with_dated} with >= 1 dated job; {jobs_total} dated jobs in all")
    print("\n| category | CVs | with a dated job |\n|---|---:|---:|")
    for category in sorted(sizes):
        print(f"| {category} | {sizes[category]} | {by_category[category]} |")
    for name in undated[: args.show]:
        print("  no dated job:", name)


if __name__ == "__main__":
    main()
