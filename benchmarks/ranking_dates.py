"""How the ranking benchmark's DEV roles move under other readings of evidence with unknown or old dates.

    .venv/bin/python -m benchmarks.ranking_dates

A diagnostic for issue 11's eighth pass, dev split only (the test roles are never loaded). The Kaggle
resumes were written around 2016-2018 and are read on ranking_eval.TODAY (2026-11-01, frozen): a dated
skill looks eight years stale, a skill the CV gives no date for reads as current. Each row swaps one
rule for the run and restores it; nothing here changes what the product does:

- undated x u: every evidence value with no "last used" year (a current undated job, a skills list, a
  CV without dates, the headline and undated jobs' titles) multiplied by u, i.e. read as "neither
  fresh nor stale" instead of current;
- ... except a current undated job: the same, keeping the parser's current undated job (listed above
  every dated one) current;
- CV-relative: a CV whose dated jobs all ended, with no undated current job, is read as of its latest
  dated year (its skills and job titles shifted so that year is "now");
- bounded by the CV's latest date: in such a CV, undated evidence is read as last used in its latest
  dated year rather than now;
- undated earlier jobs' titles dated: an undated job listed below a dated one keeps its title "now" in
  the title criterion (titles.title_evidence) while its skills take the newer job's start year
  (parse._undated_after); this row dates the title as its skills are;
- recency as of YEAR (diagnostic only): the index's reference year moved back, the CVs still parsed on
  TODAY: how much of dev depends on old dated evidence looking stale at all.

The judged set (benchmarks.judged_ranking) is run under the rules that change how every CV is read
("—" for the rows that re-read only the Kaggle profiles or move the reference year).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from datetime import date

import numpy as np

from benchmarks import judged_ranking
from benchmarks.datasets import kaggle_resumes
from benchmarks.ranking_eval import TODAY, load_roles, rows_for, shortlist_scores
from shortlist.engine.cv import parse, titles
from shortlist.engine.matching import index as index_module
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.vocab.profile import Job, Profile
from shortlist.engine.vocab.taxonomy import default_taxonomy

_effective = index_module.effective_evidence


@contextlib.contextmanager
def undated_times(factor: float, keep_current: bool) -> Iterator[None]:
    """Evidence with no "last used" year read at `factor` of its value (the index's E)."""
    saved_last = parse._last_used

    def effective(
        strength: np.ndarray, years: np.ndarray, last_used: np.ndarray, reference_year: int
    ) -> np.ndarray:
        value = _effective(strength, years, last_used, reference_year)
        unknown = np.asarray(last_used) <= 0
        return np.where(unknown, value * np.float32(factor), value).astype(np.float32)

    def last_used(
        used_in: set[int], jobs: list[Job], undated_after: dict[int, int], today: date
    ) -> int | None:
        found = saved_last(used_in, jobs, undated_after, today)
        if found is None and any(i in undated_after and undated_after[i] == parse.CURRENT for i in used_in):
            return today.year  # a current undated job: kept current
        return found

    index_module.effective_evidence = effective
    if keep_current:
        parse._last_used = last_used
    try:
        yield
    finally:
        index_module.effective_evidence = _effective
        parse._last_used = saved_last


def _ended(profile: Profile, today: date) -> int | None:
    """The latest end year of a CV whose dated jobs all ended and that lists no current undated job."""
    dated = [job for job in profile.jobs if job.start is not None]
    if not dated or any(job.end is None for job in dated):
        return None
    if parse.CURRENT in parse._undated_after(profile.jobs, today).values():
        return None
    return max(job.end.year for job in dated if job.end is not None)


def _shift(when: date | None, years: int) -> date | None:
    return None if when is None else when.replace(year=when.year + years, day=1)


def cv_relative(profile: Profile, today: date) -> Profile:
    latest = _ended(profile, today)
    if latest is not None:
        shift = today.year - latest
        for skill in profile.skills:
            if skill.last_used:
                skill.last_used += shift
        for job in profile.jobs:
            job.start, job.end = _shift(job.start, shift), _shift(job.end, shift)
    return profile


def bounded(profile: Profile, today: date) -> Profile:
    latest = _ended(profile, today)
    if latest is not None:
        for skill in profile.skills:
            if skill.last_used is None:
                skill.last_used = latest
    return profile


@contextlib.contextmanager
def titles_dated_like_skills() -> Iterator[None]:
    """An undated job below a dated one: its title last held in the year its skills are last used in."""
    saved = index_module.title_evidence

    def evidence(profile: Profile, taxonomy: object = None) -> list[tuple[str, float, float, int]]:
        after = parse._undated_after(profile.jobs, TODAY)
        moved = []
        for position, job in enumerate(profile.jobs):
            if job.start is None and job.end is None and after.get(position):
                moved.append(job)
                job.start = job.end = date(after[position], 1, 1)
        try:
            return titles.title_evidence(profile, taxonomy)  # type: ignore[arg-type]
        finally:
            for job in moved:
                job.start = job.end = None

    index_module.title_evidence = evidence
    try:
        yield
    finally:
        index_module.title_evidence = saved


def measure(
    label: str,
    reread: Callable[[Profile, date], Profile] | None = None,
    reference: date = TODAY,
    judged: bool = False,
) -> str:
    taxonomy = default_taxonomy()
    resumes = kaggle_resumes()
    roles = load_roles("dev", taxonomy, len(resumes))
    profiles = []
    for resume in resumes:
        profile = parse.parse_cv(resume.text, resume.file_name, taxonomy, TODAY)
        profiles.append((resume.number + 1, reread(profile, TODAY) if reread else profile))
    index = CandidateIndex.build(profiles, taxonomy, reference)
    rows = rows_for(roles, {"Shortlist": {r.id: shortlist_scores(index, r, len(resumes)) for r in roles}})
    ap = float(np.mean([row.ap["Shortlist"] for row in rows]))
    ndcg = float(np.mean([row.ndcg["Shortlist"] for row in rows]))
    top3 = sum(row.top3["Shortlist"] for row in rows)
    due = sum(min(3, row.perfect) for row in rows)
    held = "—"
    if judged:  # the judged set reads its own CVs under the same rule (reference dates do not apply)
        outcomes = judged_ranking.run().outcomes
        held = f"{sum(o.holds for o in outcomes)}/{len(outcomes)}"
    moved = ", ".join(f"{row.role} {row.ap['Shortlist']:.3f}" for row in rows)
    return f"| {label} | {ap:.3f} | {ndcg:.3f} | {top3}/{due} | {held} | {moved} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--factors", type=float, nargs="*", default=[0.85, 0.7, 0.5])
    parser.add_argument("--years", type=int, nargs="*", default=[2017, 2018, 2019])
    args = parser.parse_args(argv)
    print("| reading (dev) | MAP | nDCG@10 | grade-3 in top 3 | judged | AP per role |")
    print("|---|---:|---:|---:|---:|---|")
    print(measure("as the product reads it", judged=True))
    for keep in (False, True):
        for factor in args.factors:
            with undated_times(factor, keep):
                name = f"undated x {factor:g}" + (", except a current undated job" if keep else "")
                print(measure(name, judged=True))
    print(measure("CV-relative (every dated job ended, none current)", cv_relative))
    print(measure("undated bounded by the CV's latest date (same CVs)", bounded))
    with titles_dated_like_skills():
        print(measure("undated earlier jobs' titles dated like their skills", judged=True))
    for year in args.years:
        print(measure(f"recency as of {year} (diagnostic)", reference=date(year, 6, 1)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
