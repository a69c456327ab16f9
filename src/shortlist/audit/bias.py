"""The bias report's arithmetic, as NYC Local Law 144 bias audits define it (plain Python, no Django).

- Scoring rate of a category: the share of its members whose score is above the median score of the
  whole sample (everyone scored, whatever they reported).
- Selection rate at a stage: the share of its members who reached that stage (or a later one).
- Impact ratio: a category's rate divided by the highest rate among the reported categories. People who
  preferred not to say, or were never asked, are counted and shown but neither get nor set a ratio.
- Small sample: a category under `min_share` of the sample or with fewer than `min_count` members; its
  ratios are shown but flagged, since a handful of people can swing them either way.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NOT_REPORTED = ""  # no self-report: never asked, or did not answer
DECLINED = "prefer_not_to_say"
MIN_SHARE = 0.05
MIN_COUNT = 10


@dataclass(frozen=True, slots=True)
class Person:
    """One member of the sample: a score and the stages reached, with what they chose to report."""

    score: float
    reached: frozenset[str]
    sex: str = NOT_REPORTED
    race_ethnicity: str = NOT_REPORTED


@dataclass(frozen=True, slots=True)
class Rate:
    count: int  # members above the median, or who reached the stage
    rate: float | None  # count / members (None: no members)
    ratio: float | None  # rate / highest reported rate (None: not a reported category, or no rate)


@dataclass(frozen=True, slots=True)
class Group:
    dimension: str  # "sex", "race_ethnicity", "intersection"
    category: str  # a category value, "female|asian" for an intersection, or NOT_REPORTED / DECLINED
    members: int
    share: float  # of the whole sample
    small: bool  # under MIN_SHARE of the sample or fewer than MIN_COUNT members
    reported: bool  # a real category (not "prefer not to say", not unreported): takes part in ratios
    scoring: Rate
    selection: dict[str, Rate]  # stage -> rate


@dataclass(frozen=True, slots=True)
class BiasTables:
    sample: int
    median: float | None
    stages: tuple[str, ...]
    groups: tuple[Group, ...]
    min_share: float
    min_count: int

    def dimension(self, name: str) -> list[Group]:
        return [g for g in self.groups if g.dimension == name]


def _category(person: Person, dimension: str) -> str:
    if dimension == "sex":
        return person.sex
    if dimension == "race_ethnicity":
        return person.race_ethnicity
    if DECLINED in (person.sex, person.race_ethnicity):
        return DECLINED
    if NOT_REPORTED in (person.sex, person.race_ethnicity):
        return NOT_REPORTED
    return f"{person.sex}|{person.race_ethnicity}"


def _rate(count: int, members: int) -> float | None:
    return count / members if members else None


def _ratios(rates: dict[str, float | None], reported: set[str]) -> dict[str, float | None]:
    known = [rate for category, rate in rates.items() if category in reported and rate is not None]
    best = max(known, default=None)
    return {
        category: (rate / best if best and rate is not None and category in reported else None)
        for category, rate in rates.items()
    }


def bias_tables(
    people: Sequence[Person],
    stages: Iterable[str],
    *,
    min_share: float = MIN_SHARE,
    min_count: int = MIN_COUNT,
    order: dict[str, Sequence[str]] | None = None,
) -> BiasTables:
    """Rates, impact ratios and small-sample flags by sex, by race/ethnicity and by their intersection.

    `order` lists each dimension's categories in the order to show them (default: as first met)."""
    stages = tuple(stages)
    total = len(people)
    median = statistics.median(p.score for p in people) if people else None
    groups: list[Group] = []
    for dimension in ("sex", "race_ethnicity", "intersection"):
        members: dict[str, list[Person]] = {}
        for category in (order or {}).get(dimension, ()):
            members.setdefault(category, [])
        for person in people:
            members.setdefault(_category(person, dimension), []).append(person)
        members = {c: m for c, m in members.items() if m}
        reported = {c for c in members if c not in (NOT_REPORTED, DECLINED)}
        above = {c: _rate(sum(p.score > median for p in m), len(m)) for c, m in members.items()}
        scoring_ratio = _ratios(above, reported)
        reached = {
            stage: {c: _rate(sum(stage in p.reached for p in m), len(m)) for c, m in members.items()}
            for stage in stages
        }
        stage_ratio = {stage: _ratios(reached[stage], reported) for stage in stages}
        for category, group in members.items():
            size = len(group)
            groups.append(
                Group(
                    dimension=dimension,
                    category=category,
                    members=size,
                    share=size / total,
                    small=size < min_count or size / total < min_share,
                    reported=category in reported,
                    scoring=Rate(
                        sum(p.score > median for p in group), above[category], scoring_ratio[category]
                    ),
                    selection={
                        stage: Rate(
                            sum(stage in p.reached for p in group),
                            reached[stage][category],
                            stage_ratio[stage][category],
                        )
                        for stage in stages
                    },
                )
            )
    return BiasTables(total, median, stages, tuple(groups), min_share, min_count)
