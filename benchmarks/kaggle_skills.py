"""Every unique Kaggle resume parses, and the top skills per category look like that category.

    .venv/bin/python -m benchmarks.kaggle_skills [--top 6]

A sanity check, not a score: a "Java Developer" CV should show java and spring, an "HR" CV should
show no backend stack. Skills are counted once per CV, work or list evidence only (strength > 0.2).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from benchmarks.datasets import kaggle_resumes
from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.vocab.taxonomy import default_taxonomy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=6)
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    per_category: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: Counter[str] = Counter()
    failures, empty = [], 0
    for resume in kaggle_resumes():
        try:
            profile = parse_cv(resume.text, resume.file_name, taxonomy)
        except Exception as error:  # the point of the check is to see every failure
            failures.append(f"{resume.file_name}: {error!r}")
            continue
        skills = {s.skill for s in profile.skills if s.strength > 0.2}
        empty += not skills
        sizes[resume.category] += 1
        per_category[resume.category].update(skills)
    print(f"{sum(sizes.values())} unique resumes parsed, {len(failures)} failed, {empty} with no skill found")
    for failure in failures:
        print("  FAILED", failure)
    print("\n| category | CVs | top skills (CVs showing it) |\n|---|---|---|")
    for category in sorted(per_category):
        top = ", ".join(f"{skill} {n}" for skill, n in per_category[category].most_common(args.top))
        print(f"| {category} | {sizes[category]} | {top} |")


if __name__ == "__main__":
    main()
