"""The JSON (and CSV) shapes of audit records: `shortlist audit … --json`, the pages' exports and the
API follow these. Keys are only ever added."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from shortlist.audit.bias import NOT_REPORTED, BiasTables, Group
from shortlist.audit.models import AccessEvent, RaceEthnicity, RankingRun, Sex
from shortlist.audit.selectors import BiasReport, Replay


def run_json(run: RankingRun, entries: bool = False) -> dict[str, Any]:
    """A run's facts; with `entries`, its rows (ids, ranks, scores: never names)."""
    out: dict[str, Any] = {
        "id": run.pk,
        "at": run.created_at.isoformat(),
        "by": run.by,
        "interface": run.interface,
        "role": {"id": run.role_id, "title": run.role_title},
        "options": run.options,
        "versions": {
            "scoring": run.scoring_version,
            "parser": run.parser_version,
            "role_model": run.role_model_version,
            "taxonomy": run.taxonomy,
        },
        "pool": {
            "candidates": run.pool_size,
            "index_version": run.index_version or None,
            "fingerprint": run.pool_fingerprint or None,
        },
        "reference_year": run.reference_year,
        "screened_folder": run.screened_folder,
        "filtered": run.filtered,
    }
    if entries:
        out["role_snapshot"] = run.role_snapshot
        out["results"] = [
            {
                "rank": e.rank,
                "candidate_id": e.candidate_id,
                "pseudonym": e.pseudonym or None,
                "score": e.score,
                "band": e.band,
            }
            for e in run.entries.all()
        ]
    return out


def replay_json(replay: Replay) -> dict[str, Any]:
    return {
        "run": run_json(replay.run, entries=True),
        "now": {
            "pool": {
                "candidates": replay.pool.candidates,
                "index_version": replay.pool.index_version,
                "fingerprint": replay.pool.fingerprint,
            },
            "same_pool": replay.same_pool,
            "versions_changed": list(replay.versions),
            "results": [{"rank": r, "candidate_id": c, "score": s} for r, c, s in replay.now],
        },
        "identical": replay.identical,
        "changes": [
            {
                "subject": c.subject,
                "candidate_id": c.candidate_id,
                "kind": c.kind,
                "then": {"rank": c.then_rank, "score": c.then_score},
                "now": {"rank": c.now_rank, "score": c.now_score},
                "why": list(c.why),
            }
            for c in replay.changes
        ],
    }


def access_json(event: AccessEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "by": event.by,
        "interface": event.interface,
        "kind": event.kind,
        "candidate_id": event.candidate_id,
        "role_id": event.role_id,
    }


def _rate(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


def _group_json(group: Group) -> dict[str, Any]:
    return {
        "category": group.category or "not_reported",
        "members": group.members,
        "share": _rate(group.share),
        "small_sample": group.small,
        "reported": group.reported,
        "scoring": {
            "above_median": group.scoring.count,
            "rate": _rate(group.scoring.rate),
            "impact_ratio": _rate(group.scoring.ratio),
        },
        "selection": {
            stage: {"reached": r.count, "rate": _rate(r.rate), "impact_ratio": _rate(r.ratio)}
            for stage, r in group.selection.items()
        },
    }


def bias_json(report: BiasReport) -> dict[str, Any]:
    tables: BiasTables = report.tables
    return {
        "scope": report.scope,
        "sample": tables.sample,
        "unscored": report.unscored,
        "median_score": tables.median,
        "stages": list(tables.stages),
        "small_sample_rule": {"min_share": tables.min_share, "min_count": tables.min_count},
        "sex": [_group_json(g) for g in tables.dimension("sex")],
        "race_ethnicity": [_group_json(g) for g in tables.dimension("race_ethnicity")],
        "intersection": [_group_json(g) for g in tables.dimension("intersection")],
    }


def bias_csv(report: BiasReport) -> str:
    """One row per category and measure: opens in any spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["scope", "dimension", "category", "members", "share", "small_sample", "measure",
                     "count", "rate", "impact_ratio"])  # fmt: skip
    for group in report.tables.groups:
        head = [report.scope, group.dimension, group.category or "not_reported", group.members,
                _rate(group.share), group.small]  # fmt: skip
        measures = [("scoring rate", group.scoring)] + [
            (f"reached {stage}", rate) for stage, rate in group.selection.items()
        ]
        for name, rate in measures:
            writer.writerow([*head, name, rate.count, _blank(_rate(rate.rate)), _blank(_rate(rate.ratio))])
    return out.getvalue()


def _blank(value: float | None) -> object:
    return "" if value is None else value


# An impact ratio under 0.8 is where US enforcement guidance (the "four-fifths rule") starts to look
# closer; LL144 sets no threshold. Shown as a reference line, not a verdict.
FOUR_FIFTHS = 0.8
LABELS = {**dict(Sex.choices), **dict(RaceEthnicity.choices), NOT_REPORTED: "Not reported"}


def category_label(category: str) -> str:
    """ "female|asian" → "Female · Asian"; "" → "Not reported"."""
    return " · ".join(LABELS.get(part, part) for part in category.split("|")) if category else LABELS[""]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    y: int
    width: int  # px, for the impact ratio (1.0: the highest category)
    rate: str  # "67%"
    ratio: str  # "0.90" or "—"
    low: bool  # impact ratio under the four-fifths rule of thumb
    small: bool


@dataclass(frozen=True, slots=True)
class Plot:
    """An inline SVG bar chart of one dimension's scoring impact ratios, each labelled with its rate."""

    title: str
    height: int
    bars: tuple[Bar, ...]
    rows: tuple[tuple[str, Group], ...]  # (label, group) for the table beside it


PLOT_WIDTH = 300  # px of an impact ratio of 1.0
BAR_STEP = 24


def bias_plots(report: BiasReport) -> list[Plot]:
    plots = []
    for dimension, title in (
        ("sex", "Sex"),
        ("race_ethnicity", "Race/ethnicity"),
        ("intersection", "Sex × race/ethnicity"),
    ):
        groups = report.tables.dimension(dimension)
        bars = tuple(
            Bar(
                label=category_label(g.category),
                y=i * BAR_STEP,
                width=round((g.scoring.ratio or 0) * PLOT_WIDTH),
                rate="—" if g.scoring.rate is None else f"{g.scoring.rate:.0%}",
                ratio="—" if g.scoring.ratio is None else f"{g.scoring.ratio:.2f}",
                low=g.scoring.ratio is not None and g.scoring.ratio < FOUR_FIFTHS,
                small=g.small,
            )
            for i, g in enumerate(groups)
        )
        rows = tuple((category_label(g.category), g) for g in groups)
        plots.append(Plot(title, max(len(bars), 1) * BAR_STEP + 8, bars, rows))
    return plots
