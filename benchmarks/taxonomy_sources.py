"""Which popular technologies in ../shared/data the taxonomy does not know yet.

    .venv/bin/python benchmarks/taxonomy_sources.py [--top 300] [--show 40]

Reads (never at run time, only here): the Stack Overflow tag table (by question count), O*NET "hot
technologies" (by number of occupations) and GitHub Linguist programming languages that are also popular
Stack Overflow tags. Each name is tried as written and in a few normalised forms; whatever still does not
resolve is listed, most popular first, for a human to decide whether it belongs in data/skills*.yaml.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml

from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SO_TAGS = DATA / "taxonomy-stackoverflow-tags" / "stackoverflow_tags.csv"
ONET = DATA / "taxonomy-onet-technology-skills" / "Technology Skills.txt"
LINGUIST = DATA / "taxonomy-github-linguist-languages" / "languages.yml"

# O*NET names carry a vendor ("Microsoft", "Oracle") and sometimes a trailing acronym ("... SQL").
VENDORS = re.compile(
    r"^(?:microsoft|oracle|ibm|apache|amazon|google|adobe|sap|the mathworks|autodesk|atlassian|red hat|"
    r"apple|intuit|dassault systemes|esri|salesforce|hashicorp|cisco|vmware|linux|aws)\s+",
    re.IGNORECASE,
)
# Tags that are programming concepts rather than skills a CV would claim.
# fmt: off
GENERIC_TAGS = frozenset((
    "arrays", "string", "list", "function", "loops", "class", "file", "sorting", "date", "validation",
    "dictionary", "datetime", "for-loop", "object", "if-statement", "variables", "pointers", "templates",
    "debugging", "image", "forms", "regex", "performance", "json", "xml", "csv", "algorithm", "database",
    "api", "web", "http", "email", "button", "events", "layout", "syntax", "types", "module",
    "exception", "select", "recursion", "math", "matrix", "parsing", "caching", "logging", "inheritance",
    "oop", "memory", "file-upload", "text", "checkbox", "visual-studio-2010", "visual-studio-2012",
    "visual-studio-2013", "visual-studio-2015", "visual-studio-2008",
))
# fmt: on


def variants(name: str) -> Iterable[str]:
    yield name
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    bare = re.sub(r"\s+(?:software|database|platform)$", "", bare, flags=re.IGNORECASE)
    yield bare
    yield bare.split("-")[0]  # django-models, android-layout: a facet of a known skill
    yield VENDORS.sub("", bare)
    yield re.sub(r"[-_.]?\d+(?:\.\w+)*$", "", bare)  # python-3.x, angular2, sql-server-2008
    yield bare.replace("-", " ")
    yield re.sub(r"(?:js|\.js)$", "", bare)  # reactjs, vue.js
    words = bare.split()
    if len(words) > 1 and words[-1].isupper():
        yield words[-1]  # "Structured query language SQL"
    if len(words) > 1:
        yield " ".join(words[1:])


def known(taxonomy: Taxonomy, name: str) -> bool:
    return any(taxonomy.resolve(candidate) is not None for candidate in variants(name) if candidate)


def stack_overflow(top: int) -> list[tuple[str, int]]:
    with SO_TAGS.open(encoding="utf-8") as handle:
        rows = [(row["TagName"], int(row["Count"])) for row in csv.DictReader(handle)]
    rows.sort(key=lambda row: -row[1])
    return [row for row in rows if row[0] not in GENERIC_TAGS][:top]


def onet_hot() -> list[tuple[str, int]]:
    csv.field_size_limit(sys.maxsize)
    counts: Counter[str] = Counter()
    with ONET.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["Hot Technology"] == "Y":
                counts[row["Example"]] += 1
    return counts.most_common()


def linguist_popular(tags: dict[str, int]) -> list[tuple[str, int]]:
    languages = yaml.safe_load(LINGUIST.read_text(encoding="utf-8"))
    found = []
    for name, spec in languages.items():
        if spec.get("type") != "programming":
            continue
        names = [name, *spec.get("aliases", [])]
        count = max((tags.get(t.lower().replace(" ", "-"), 0) for t in names), default=0)
        if count:
            found.append((name, count))
    return sorted(found, key=lambda row: -row[1])


def report(title: str, rows: list[tuple[str, int]], taxonomy: Taxonomy, show: int) -> None:
    missing = [(name, count) for name, count in rows if not known(taxonomy, name)]
    covered = len(rows) - len(missing)
    print(f"\n{title}: {covered}/{len(rows)} known ({covered / max(len(rows), 1):.0%})")
    for name, count in missing[:show]:
        print(f"  {count:>9,}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=300, help="how many Stack Overflow tags to check")
    parser.add_argument("--show", type=int, default=40, help="how many missing names to print per source")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found: this script needs the shared evaluation data")
    taxonomy = default_taxonomy()
    print(f"taxonomy: {len(taxonomy)} skills ({taxonomy.fingerprint})")
    tags = stack_overflow(args.top)
    report(f"Stack Overflow top {args.top} tags (question count)", tags, taxonomy, args.show)
    report("O*NET hot technologies (occupations listing them)", onet_hot(), taxonomy, args.show)
    all_tags = dict(stack_overflow(50_000))
    languages = linguist_popular(all_tags)
    report("Linguist programming languages that are Stack Overflow tags", languages, taxonomy, args.show)


if __name__ == "__main__":
    main()
