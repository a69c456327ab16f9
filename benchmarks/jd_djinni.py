"""Title → primary language and role family, against Djinni's own category labels (2026 listings).

    .venv/bin/python -m benchmarks.jd_djinni [--errors 15]

Djinni files each posting under one category chosen on the platform (SOURCE.md: "reliable for the
stack keyword"); the listing holds no description, so the JD parser sees the title alone, as it does
when a recruiter pastes a title line. Two mappings from category to gold, defined here:

- LANGUAGE_OF: categories that name a stack → the languages that count as right for it (the .NET
  family is C#; JavaScript-family categories accept JavaScript or TypeScript; Android accepts Kotlin or
  Java; SQL accepts PL/SQL). Prediction: ``jd.guess_primary_language`` — the first language the title
  names (frameworks stand for theirs: Django is Python, .NET is C#), else JavaScript for a front-end
  title. No language found counts as wrong.
- FAMILY_OF: categories that name a kind of role → backend, frontend, fullstack, mobile, data, ml,
  devops, qa, embedded, engineering-management, or other (not an engineering role: marketing, sales,
  HR, design, support, finance…). Categories that mix families ("Lead", "Architect", "Head Chief",
  "Other", "Security", "Unity", "Data Analyst") are left out. Prediction: ``jd.guess_family``.

Rows: 9,596 postings less reposts (the same title and company), with a non-empty category.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass

from benchmarks.datasets import DATA
from shortlist.engine.roles.jd import guess_family, guess_primary_language
from shortlist.engine.vocab.taxonomy import default_taxonomy

DJINNI_CSV = DATA / "jobs-djinni-titles-2026" / "djinni.csv"

_JS = frozenset({"javascript", "typescript"})
_CSHARP = frozenset({"csharp"})
_PHP = frozenset({"php"})
LANGUAGE_OF: dict[str, frozenset[str]] = {
    "Python": frozenset({"python"}),
    "Golang": frozenset({"go"}),
    "Java": frozenset({"java"}),
    ".NET": _CSHARP,
    "ASP.NET": _CSHARP,
    "Dotnet Web": _CSHARP,
    "Dotnet Desktop": _CSHARP,
    "Dotnet Cloud": _CSHARP,
    "WPF": _CSHARP,
    "WinForms": _CSHARP,
    "PHP": _PHP,
    "Laravel": _PHP,
    "Symfony": _PHP,
    "Drupal": _PHP,
    "WordPress": _PHP,
    "Magento": _PHP,
    "Node.js": _JS,
    "JavaScript": _JS,
    "React.js": _JS,
    "Vue.js": _JS,
    "Angular": _JS,
    "React Native": _JS,
    "C++": frozenset({"cpp"}),
    "CPP": frozenset({"cpp"}),
    "C Lang": frozenset({"c"}),
    "Ruby": frozenset({"ruby"}),
    "Rust": frozenset({"rust"}),
    "Scala": frozenset({"scala"}),
    "Kotlin": frozenset({"kotlin"}),
    "Elixir": frozenset({"elixir"}),
    "iOS": frozenset({"swift", "objective-c"}),
    "Android": frozenset({"kotlin", "java"}),
    "Flutter": frozenset({"dart"}),
    "SQL": frozenset({"sql", "pl-sql"}),
}
FAMILY_OF: dict[str, str] = {
    **dict.fromkeys(
        [
            "Python",
            "Golang",
            "Java",
            ".NET",
            "ASP.NET",
            "Dotnet Web",
            "Dotnet Cloud",
            "PHP",
            "Laravel",
            "Symfony",
            "Node.js",
            "Ruby",
            "Rust",
            "Scala",
            "Elixir",
        ],
        "backend",
    ),
    **dict.fromkeys(["JavaScript", "React.js", "Vue.js", "Angular", "Markup"], "frontend"),
    "Fullstack": "fullstack",
    **dict.fromkeys(["iOS", "Android", "Flutter", "React Native"], "mobile"),
    **dict.fromkeys(["Data Engineer", "SQL"], "data"),
    **dict.fromkeys(["ML AI", "Data Science"], "ml"),
    **dict.fromkeys(["DevOps", "Sysadmin"], "devops"),
    **dict.fromkeys(["QA", "QA Automation", "Quality Assurance"], "qa"),
    "Embedded": "embedded",
    **dict.fromkeys(["Engineering Manager", "CTO"], "engineering-management"),
    **dict.fromkeys(
        [
            "Marketing",
            "Sales",
            "Social Media",
            "Support",
            "Performance Marketing",
            "Project Manager",
            "SEO",
            "Recruiter",
            "Business Analyst",
            "Lead Generation",
            "Product Manager",
            "HR",
            "Finances",
            "Business Development",
            "UI UX",
            "Content Writing",
            "Graphic Design",
            "Motion Design",
            "Design",
            "Digital Marketing",
            "Account Manager",
            "Sales Manager",
            "Content Manager",
            "Product Owner",
            "Digital Marketing Manager",
            "PR Manager",
            "Product Design",
            "Financial Analyst",
            "Content Marketing",
            "Artist",
            "Video Editor",
            "Finance Manager",
            "Accountant",
            "Delivery Manager",
            "Scrum Master",
            "Talent Acquisition",
        ],
        "other",
    ),
}


@dataclass(frozen=True, slots=True)
class Listing:
    title: str
    category: str


def listings() -> list[Listing]:
    seen: set[tuple[str, str]] = set()
    found: list[Listing] = []
    with DJINNI_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["title"].strip(), row["company"].strip())
            if key in seen or not row["category"].strip():
                continue
            seen.add(key)
            found.append(Listing(row["title"].strip(), row["category"].strip()))
    return found


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="show this many wrong titles per measure")
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    rows = listings()
    print(f"{len(rows)} listings after removing reposts")

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    guessed: Counter[str] = Counter()  # titles that gave any language: accuracy when the parser answers
    misses: list[str] = []
    for row in rows:
        accepted = LANGUAGE_OF.get(row.category)
        if accepted is None:
            continue
        found, _ = guess_primary_language(row.title, taxonomy)
        ok = found in accepted
        total[row.category] += 1
        right[row.category] += ok
        guessed[row.category] += found is not None
        if not ok:
            misses.append(f"{row.category}: {row.title!r} -> {found or '-'}")
    print("\n## primary language from the title")
    print(f"overall   {ratio(sum(right.values()), sum(total.values()))}")
    for category in ("Python", "Golang"):
        print(f"{category:<9} {ratio(right[category], total[category])}")
    answered = sum(guessed.values())
    print(f"titles naming a language {ratio(answered, sum(total.values()))}; right when named: ", end="")
    print(f"{ratio(sum(right.values()), answered)}")
    for category in ("Python", "Golang"):
        print(f"  {category} right when named: {ratio(right[category], guessed[category])}")
    by_language = sorted(total, key=lambda c: -total[c])
    print("by category: " + ", ".join(f"{c} {right[c] / total[c]:.2f} (n={total[c]})" for c in by_language))
    for line in misses[: args.errors]:
        print(f"  {line}")

    family_right: Counter[str] = Counter()
    family_total: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    family_misses: list[str] = []
    for row in rows:
        gold = FAMILY_OF.get(row.category)
        if gold is None:
            continue
        guess = guess_family(row.title)
        predicted = guess.value if guess else "-"
        family_total[gold] += 1
        family_right[gold] += predicted == gold
        if row.category in ("Python", "Golang"):
            family_total[row.category] += 1
            family_right[row.category] += predicted == gold
        if predicted != gold:
            confusion[(gold, predicted)] += 1
            family_misses.append(f"{row.category} ({gold}): {row.title!r} -> {predicted}")
    families = [f for f in family_total if f not in ("Python", "Golang")]
    print("\n## role family from the title")
    engineering = [f for f in families if f != "other"]
    print(
        f"overall   {ratio(sum(family_right[f] for f in families), sum(family_total[f] for f in families))}"
    )
    eng_right, eng_total = (
        sum(family_right[f] for f in engineering),
        sum(family_total[f] for f in engineering),
    )
    print(f"engineering families only (no 'other')   {ratio(eng_right, eng_total)}")
    for category in ("Python", "Golang"):
        print(f"{category:<9} {ratio(family_right[category], family_total[category])}")
    ordered = sorted(families, key=lambda f: -family_total[f])
    print(
        "by family: "
        + ", ".join(f"{f} {family_right[f] / family_total[f]:.2f} (n={family_total[f]})" for f in ordered)
    )
    print(
        "most common confusions (gold -> guess): "
        + ", ".join(f"{g}->{p} {n}" for (g, p), n in confusion.most_common(6))
    )
    for line in family_misses[: args.errors]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
