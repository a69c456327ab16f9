"""CV parsing on the independent hand-labelled corpus (tests/fixtures/cv_corpus, see its README).

    .venv/bin/python -m benchmarks.cv_corpus --split test|dev [--misses] [--json]

Each CV is read as `shortlist import` reads it (read the bytes -> profile_from_document, today 2026-12-01)
and scored against every `labels*.yaml` in the split folder: jobs paired one-to-one (precision, recall,
dates, titles, employers), skills (precision over ids not `optional`, `absent` traps count as false
positives; recall over `skills`), per-fact work use, last use and years, and the contact fields.
A file that cannot be read counts as all-missed, with its reason.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from shortlist.engine.cv.contact import find_location
from shortlist.engine.cv.documents import DEFAULT_LIMITS, read_bytes
from shortlist.engine.cv.parse import profile_from_document
from shortlist.engine.matching.scoring import WORK_STRENGTH
from shortlist.engine.vocab.profile import Job, Profile, SkillEvidence

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cv_corpus"
TODAY = date(2026, 12, 1)  # the labels' "present"
TEXT_MATCH = 0.85  # difflib ratio for a title or employer to count as the same
PAIR_SIMILARITY = 0.6  # title/employer similarity that pairs jobs whose dates do not overlap

JOB_METRICS = ("jobs P", "jobs R", "dates", "titles", "employers", "name", "e-mail", "city")
SKILL_METRICS = ("skills P", "skills R", "work vs listed", "last used", "years in range")
METRICS = JOB_METRICS + SKILL_METRICS


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += ok
        self.total += 1

    def merge(self, other: Tally) -> None:
        self.hits += other.hits
        self.total += other.total

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class Score:
    """The tallies of one CV, or of a group of CVs once merged."""

    files: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {metric: Tally() for metric in METRICS})

    def add(self, metric: str, ok: bool) -> None:
        self.tallies[metric].add(ok)

    def merge(self, other: Score) -> None:
        self.files += other.files
        for metric, tally in other.tallies.items():
            self.tallies[metric].merge(tally)


# -- reading labels -------------------------------------------------------------------------------------


def load_labels(split: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(split.glob("labels*.yaml")):
        entries += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return entries


def label_bounds(value: object, *, end: bool) -> tuple[int, int] | None:
    """A label date as a month index (year*12 + month-1): a year-only start is January, end December."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if text == "present":
        return (TODAY.year * 12 + TODAY.month - 1, 0) if end else None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", text)
    if not match:
        raise ValueError(f"bad label date {value!r}")
    year, month = int(match[1]), match[2]
    precision = 2 if month else 1
    month_index = int(month) - 1 if month else (11 if end else 0)
    return year * 12 + month_index, precision


def _month_index(day: date | None) -> int | None:
    return None if day is None else day.year * 12 + day.month - 1


# -- comparing ------------------------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def similar(a: str | None, b: str | None) -> float:
    a, b = normalise(a), normalise(b)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def same_date(label: object, parsed: date | None, *, end: bool) -> bool:
    text = str(label).strip().lower()
    today = _month_index(TODAY)
    if end and text == "present":
        return parsed is None or (_month_index(parsed) or 0) >= today
    if parsed is None:
        return False
    bounds = label_bounds(label, end=end)
    assert bounds is not None
    month, precision = bounds
    return parsed.year == month // 12 if precision == 1 else _month_index(parsed) == month


def _label_span(job: dict[str, Any]) -> tuple[int, int] | None:
    start = label_bounds(job.get("start"), end=False)
    end = label_bounds(job.get("end"), end=True)
    if start is None:
        return None
    return start[0], (end[0] if end else start[0])


def _parsed_span(job: Job) -> tuple[int, int] | None:
    start = _month_index(job.start)
    if start is None:
        return None
    end = _month_index(job.end) if job.end else _month_index(TODAY)
    return start, max(start, end or start)


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """Intersection over union of two month spans (0 when either is unknown)."""
    if a is None or b is None:
        return 0.0
    inter = min(a[1], b[1]) - max(a[0], b[0]) + 1
    if inter <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return inter / union


def pair_jobs(labelled: list[dict[str, Any]], parsed: list[Job]) -> dict[int, int]:
    """Labelled job index -> parsed job index, one-to-one, greedily by date overlap then similarity."""
    candidates: list[tuple[float, float, int, int]] = []
    for i, label in enumerate(labelled):
        for j, job in enumerate(parsed):
            overlap = _overlap(_label_span(label), _parsed_span(job))
            likeness = (
                similar(label.get("title"), job.title) + similar(label.get("employer"), job.employer)
            ) / 2
            if overlap > 0 or likeness >= PAIR_SIMILARITY:
                candidates.append((overlap, likeness, i, j))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def strongest(skill: SkillEvidence) -> float:
    return max([skill.strength, *(evidence.strength for evidence in skill.evidence)])


def _years_range(value: object) -> tuple[float, float]:
    if isinstance(value, list | tuple):
        return float(value[0]), float(value[-1])
    return float(value or 0), float(value or 0)  # type: ignore[arg-type]


def _show_job(job: Job | None) -> str:
    if job is None:
        return "nothing"
    start = job.start.isoformat()[:7] if job.start else "?"
    end = job.end.isoformat()[:7] if job.end else "present"
    return f"{job.title!r} at {job.employer!r} {start}..{end}"


def _show_label_job(job: dict[str, Any]) -> str:
    return f"{job.get('title')!r} at {job.get('employer')!r} {job.get('start')}..{job.get('end')}"


# -- scoring one CV -------------------------------------------------------------------------------------


def score_cv(entry: dict[str, Any], profile: Profile | None, misses: list[str]) -> Score:
    """Tallies of one CV; a profile of None (unreadable file) misses everything."""
    score = Score(files=1)
    name = entry["file"]

    def miss(what: str) -> None:
        misses.append(f"{name}: {what}")

    labelled: list[dict[str, Any]] = entry.get("jobs") or []
    parsed_jobs = profile.jobs if profile else []
    pairs = pair_jobs(labelled, parsed_jobs)
    for i, label in enumerate(labelled):
        job = parsed_jobs[pairs[i]] if i in pairs else None
        score.add("jobs R", job is not None)
        if job is None:
            miss(f"job {_show_label_job(label)} not found")
            for metric in ("dates", "titles", "employers"):
                score.add(metric, False)
            continue
        dates_ok = same_date(label.get("start"), job.start, end=False) and same_date(
            label.get("end"), job.end, end=True
        )
        title_ok = similar(label.get("title"), job.title) >= TEXT_MATCH
        employer_ok = similar(label.get("employer"), job.employer) >= TEXT_MATCH
        score.add("dates", dates_ok)
        score.add("titles", title_ok)
        score.add("employers", employer_ok)
        if not (dates_ok and title_ok and employer_ok):
            wrong = [
                w for w, ok in (("dates", dates_ok), ("title", title_ok), ("employer", employer_ok)) if not ok
            ]
            miss(f"job {_show_label_job(label)}: {', '.join(wrong)} wrong, parsed {_show_job(job)}")
    paired = set(pairs.values())
    for j, job in enumerate(parsed_jobs):
        score.add("jobs P", j in paired)
        if j not in paired:
            miss(f"extra job {_show_job(job)}")

    found = {skill.skill: skill for skill in profile.skills} if profile else {}
    gold = set(entry.get("skills") or [])
    optional = set(entry.get("optional") or [])
    absent = set(entry.get("absent") or [])
    for skill in sorted(gold):
        score.add("skills R", skill in found)
        if skill not in found:
            miss(f"skill {skill} not found")
    for skill in sorted(set(found) - optional):
        ok = skill in gold and skill not in absent
        score.add("skills P", ok)
        if not ok:
            miss(f"skill {skill} extracted but {'a labelled trap' if skill in absent else 'not labelled'}")

    for fact in entry.get("facts") or []:
        skill_id = fact["skill"]
        parsed = found.get(skill_id)
        work = parsed is not None and strongest(parsed) >= WORK_STRENGTH
        shown = (
            f"strength {strongest(parsed):.2f}, last used {parsed.last_used}, {parsed.years:g} years"
            if parsed
            else "not extracted"
        )
        ok = work == bool(fact["work"])
        score.add("work vs listed", ok)
        if not ok:
            miss(f"fact {skill_id}: expected {'work use' if fact['work'] else 'listed only'}, parsed {shown}")
        if fact["work"]:
            last = parsed.last_used if parsed else None
            ok = last == fact.get("last_used")
            score.add("last used", ok)
            if not ok:
                miss(f"fact {skill_id}: expected last used {fact.get('last_used')}, parsed {shown}")
        low, high = _years_range(fact.get("years"))
        years = parsed.years if parsed else 0.0
        ok = low <= years <= high
        score.add("years in range", ok)
        if not ok:
            miss(f"fact {skill_id}: expected {low:g}-{high:g} years, parsed {shown}")

    contact = profile.contact if profile else None
    parsed_contact = {
        "name": contact.name if contact else "",
        "e-mail": contact.emails[0] if contact and contact.emails else "",
        "city": contact.city if contact else "",
    }
    for metric, key in (("name", "name"), ("e-mail", "email"), ("city", "city")):
        printed = str(entry.get(key) or "")
        expected = " ".join(printed.casefold().split())
        got = " ".join(parsed_contact[metric].casefold().split())
        ok = expected == got or (metric == "city" and same_place(printed, parsed_contact[metric]))
        score.add(metric, ok)
        if not ok:
            miss(f"{metric}: expected {entry.get(key)!r}, parsed {parsed_contact[metric]!r}")
    return score


def same_place(printed: str, parsed: str) -> bool:
    """A city as printed ("München") and as the parser names it ("Munich") are one place when the
    shipped gazetteer maps the printed form to it."""
    if not printed.strip() or not parsed.strip():
        return False
    named = find_location(printed)[0].casefold()
    return bool(named) and named == find_location(parsed)[0].casefold()


def read_profile(path: Path) -> Profile:
    document = read_bytes(path.name, path.read_bytes(), DEFAULT_LIMITS)
    return profile_from_document(document, path.name, today=TODAY)


# -- the whole split ------------------------------------------------------------------------------------


@dataclass
class Result:
    overall: Score = field(default_factory=Score)
    families: dict[str, Score] = field(default_factory=dict)
    languages: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def evaluate(split: Path) -> Result:
    result = Result()
    for entry in load_labels(split):
        profile: Profile | None
        try:
            profile = read_profile(split / entry["file"])
        except Exception as error:  # any failure to read is a result, not a crash
            profile = None
            reason = f"{entry['file']}: cannot read ({error.__class__.__name__}: {error})"
            result.failures.append(reason)
            result.misses.append(reason)
        score = score_cv(entry, profile, result.misses)
        result.overall.merge(score)
        result.families.setdefault(entry.get("family", "?"), Score()).merge(score)
        result.languages.setdefault(entry.get("language", "?"), Score()).merge(score)
    return result


def _cell(tally: Tally) -> str:
    rate = tally.rate
    return "   -" if rate is None else f"{rate:4.0%} {tally.hits}/{tally.total}"


def _matrix(title: str, groups: dict[str, Score], metrics: Iterable[str]) -> list[str]:
    metrics = list(metrics)
    width = max([12, *(len(metric) + 1 for metric in metrics)])
    key_width = max([len(title), *(len(key) for key in groups)]) + 1
    lines = [f"{title:<{key_width}} {'CVs':>4} " + "".join(f"{metric:>{width}}" for metric in metrics)]
    for key in sorted(groups):
        score = groups[key]
        cells = "".join(f"{_cell(score.tallies[metric]):>{width}}" for metric in metrics)
        lines.append(f"{key:<{key_width}} {score.files:>4} {cells}")
    return lines


def render(split_name: str, result: Result) -> str:
    overall = result.overall
    lines = [f"CV corpus, split {split_name}: {overall.files} CVs ({CORPUS / split_name})", ""]
    lines.append(f"{'metric':<16} {'value':>6}  hits/total")
    for metric in METRICS:
        tally = overall.tallies[metric]
        value = "-" if tally.rate is None else f"{tally.rate:.3f}"
        lines.append(f"{metric:<16} {value:>6}  {tally.hits}/{tally.total}")
    for title, groups in (("family", result.families), ("language", result.languages)):
        for metrics in (JOB_METRICS, SKILL_METRICS):
            lines += ["", *_matrix(title, groups, metrics)]
    if result.failures:
        lines += ["", "files that could not be read:", *result.failures]
    return "\n".join(lines)


def as_json(split_name: str, result: Result) -> dict[str, Any]:
    def figures(score: Score) -> dict[str, Any]:
        return {
            "files": score.files,
            **{
                metric: {"value": tally.rate, "hits": tally.hits, "total": tally.total}
                for metric, tally in score.tallies.items()
            },
        }

    return {
        "split": split_name,
        "today": TODAY.isoformat(),
        "overall": figures(result.overall),
        "families": {key: figures(score) for key, score in sorted(result.families.items())},
        "languages": {key: figures(score) for key, score in sorted(result.languages.items())},
        "failures": result.failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"), default="dev")
    parser.add_argument("--misses", action="store_true", help="list every miss: file, expected, parsed")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = evaluate(CORPUS / args.split)
    if not result.overall.files:
        raise SystemExit(f"no labelled CVs in {CORPUS / args.split} (labels*.yaml)")
    if args.json:
        figures = as_json(args.split, result)
        if args.misses:
            figures["misses"] = result.misses
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    print(render(args.split, result))
    if args.misses:
        print("\n".join(["", "misses:", *result.misses]))


if __name__ == "__main__":
    main()
