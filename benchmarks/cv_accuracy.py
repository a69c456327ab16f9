"""CV parsing accuracy on the labelled fixture set (tests/fixtures/cvs/expected.yaml).

    .venv/bin/python -m benchmarks.cv_accuracy [--details]

Skills: precision and recall of canonical skill ids against the labels ("weak" labels — learning-level
evidence — count neither way; "absent" labels are traps that must not be found). Dates: a labelled job
counts when a parsed job has the same start and end month. Also contact fields, total years within the
labelled band, scale claims (same metric, value within 1%) and stated preferences.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from shortlist.engine.cv.parse import parse_file
from shortlist.engine.vocab.profile import Profile

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cvs"
TODAY = date(2026, 11, 1)  # the labels' "present"


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += ok
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Report:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    traps_hit: list[str] = field(default_factory=list)
    dates: Tally = field(default_factory=Tally)
    contact: Tally = field(default_factory=Tally)
    years: Tally = field(default_factory=Tally)
    scale_recall: Tally = field(default_factory=Tally)
    scale_precision: Tally = field(default_factory=Tally)
    preferences: Tally = field(default_factory=Tally)
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)


def _month(value: object) -> str | None:
    return None if value is None else str(value)[:7]


def _job_months(profile: Profile) -> set[tuple[str | None, str | None]]:
    return {
        (job.start.isoformat()[:7] if job.start else None, job.end.isoformat()[:7] if job.end else None)
        for job in profile.jobs
    }


def score_one(entry: dict, profile: Profile, report: Report) -> None:
    name = entry["file"]
    found = {skill.skill for skill in profile.skills if skill.strength > 0}
    gold, weak = set(entry.get("skills") or []), set(entry.get("weak") or [])
    tp, fp, fn = found & gold, found - gold - weak, gold - found
    report.true_pos += len(tp)
    report.false_pos += len(fp)
    report.false_neg += len(fn)
    report.traps_hit += [f"{name}: {trap}" for trap in set(entry.get("absent") or []) & found]
    if fp or fn:
        report.details.append(f"{name}: extra {sorted(fp)} missing {sorted(fn)}")

    parsed = _job_months(profile)
    for job in entry.get("jobs") or []:
        ok = (_month(job["start"]), _month(job.get("end"))) in parsed
        report.dates.add(ok)
        if not ok:
            report.details.append(
                f"{name}: job {job['start']}–{job.get('end')} not found in {sorted(parsed, key=str)}"
            )

    contact = profile.contact
    for key, value in (("name", contact.name), ("email", contact.emails[0] if contact.emails else None),
                       ("phone", contact.phone or None), ("city", contact.city or None),
                       ("country", contact.country or None)):  # fmt: skip
        if key in entry:
            ok = (entry[key] or None) == (value or None)
            report.contact.add(ok)
            if not ok:
                report.details.append(f"{name}: {key} {value!r} != {entry[key]!r}")

    if "total_years_min" in entry:
        years = profile.total_years or 0
        ok = entry["total_years_min"] <= years <= entry["total_years_max"]
        report.years.add(ok)
        if not ok:
            report.details.append(
                f"{name}: total years {years} outside {entry['total_years_min']}–{entry['total_years_max']}"
            )

    claims = [(c.metric.value, c.value) for c in profile.scale_claims]
    gold_claims = [(c["metric"], float(c["value"])) for c in entry.get("scale_claims") or []]
    for metric, value in gold_claims:
        ok = any(m == metric and abs(v - value) <= 0.01 * value for m, v in claims)
        report.scale_recall.add(ok)
        if not ok:
            report.details.append(f"{name}: scale claim {metric}={value:g} not found in {claims}")
    for metric, value in claims:
        ok = any(m == metric and abs(v - value) <= 0.01 * max(value, 1) for m, v in gold_claims)
        report.scale_precision.add(ok)
        if not ok:
            report.details.append(f"{name}: unexpected scale claim {metric}={value:g}")

    prefs = profile.preferences
    for key, value in (entry.get("preferences") or {}).items():
        got = getattr(prefs, key)
        got = got.value if hasattr(got, "value") else got
        ok = got == value
        report.preferences.add(ok)
        if not ok:
            report.details.append(f"{name}: preference {key} {got!r} != {value!r}")


def evaluate(fixtures: Path = FIXTURES) -> Report:
    report = Report()
    for entry in yaml.safe_load((fixtures / "expected.yaml").read_text()):
        profile = parse_file(fixtures / entry["file"], today=TODAY)
        score_one(entry, profile, report)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args()
    report = evaluate()
    print(f"CV fixtures: {FIXTURES}")
    print(f"skills     precision {report.precision:.3f}  recall {report.recall:.3f}  "
          f"(tp {report.true_pos}, fp {report.false_pos}, fn {report.false_neg})")  # fmt: skip
    print(f"traps      {len(report.traps_hit)} false friends or negations extracted")
    for label, tally in (("dates", report.dates), ("contact", report.contact), ("total years", report.years),
                         ("scale rec.", report.scale_recall), ("scale prec.", report.scale_precision),
                         ("preferences", report.preferences)):  # fmt: skip
        print(f"{label:<11} {tally.rate:.3f}  ({tally.hits}/{tally.total})")
    if args.details:
        print("\n".join(["", *report.traps_hit, *report.details]))


if __name__ == "__main__":
    main()
