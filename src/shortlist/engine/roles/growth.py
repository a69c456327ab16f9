"""Scale pressure: how much demonstrated scale matters for a role, derived from the client's growth plan.

A client going from 2k to 80k requests per second in three years needs someone who has already run
systems at 80k; a steady internal-tools team does not. This module turns the plan (a horizon and, per
metric, a ``now`` and a ``target``) into one number in [0, 1] that the role model uses to raise the
weight of the scale criterion, plus the scale a candidate should already have handled: the client's
TARGET, not today's figure.

The formula
-----------
For each technical metric m (traffic, users, data) with values now → target over H months:

    g_m  = clip(log10(max(target, easy_m) / max(now, easy_m)) * 36 / max(H, 3), 0, 3)
           growth in decades per three years: 10x in 36 months is 1.0, 40x is 1.6, 2x in 12 months is 0.9;
           growth below the metric's "easy" size does not count (10 → 100 rps is not a scaling story)
    a_m  = clip(log10(target / easy_m) / log10(hard_m / easy_m), 0, 1)
           how hard the target size is on its own: 0 at or below "easy", 1 at or above "hard"
    c_m  = g_m + 0.5 * a_m * min(1, g_m / log10 2)
           growth, plus a bonus for a hard destination that is earned in full once the metric at least
           doubles (80k rps is hard to reach even from 40k), and not at all without growth
    D    = Σ w_m * c_m                      traffic 1.0, data 0.8, users 0.6
    P    = b + (1 - b) * (1 - exp(-0.5 * D))

``b`` is the baseline (0.15 by default; a playbook may set its own: trading systems care about scale
even when flat). The exponential saturates, so several steep metrics approach but never pass 1.

Why this shape:

- Logarithms, because difficulty grows with orders of magnitude: 1k → 10k rps is a redesign just as
  10k → 100k is; 1k → 2k is usually a config change.
- Horizon-normalised to 36 months, because 10x in one year is harder than 10x in three. Horizons under
  three months are read as three so a typo such as ``horizon_months: 1`` cannot dominate.
- Users weigh less than traffic because users mostly arrive as traffic; counting both fully would
  charge the client twice for one trajectory. Data volume is its own discipline (partitioning,
  migrations, backfills) and weighs nearly as much as traffic.
- Missing metrics are unknown, not zero: an absent metric contributes nothing, exactly like a metric
  with no growth, so leaving a field empty can never raise or lower the pressure.
- Shrinking metrics (target below now) contribute nothing: the scale already handled is the bar.

Team growth (engineers) does not move P; it feeds ``team_growth``, which raises mentoring, hiring and
leadership in the role model. It has the same shape with its own size scale (a team of 5 is easy,
200 hard) and rate 1.0: T = 1 - exp(-c_engineers).

Worked examples (baseline 0.15; 36 months unless stated):

=============================================================  =====  =====
plan                                                            D      P
=============================================================  =====  =====
nothing, or every metric flat                                  0.00   0.15
traffic 2k → 2.2k rps (1.1x)                                   0.07   0.18
traffic 1k → 2k rps (2x)                                       0.52   0.34
traffic 40k → 80k rps (2x, but a hard target)                  0.78   0.43
traffic 2k → 80k rps (40x)                                     2.09   0.70
traffic 2k → 80k rps (40x) within 12 months                    3.48   0.85
traffic 2k → 80k rps and data 5 → 200 TB (40x each)            3.70   0.87
... and users 50k → 2M                                         4.89   0.93
users 0 → 1k within 12 months (below the 10k "easy" size)      0.00   0.15
=============================================================  =====  =====

Team: 12 → 14 engineers gives T = 0.09; 5 → 10 gives 0.33; 50 → 100 gives 0.51; 12 → 60 gives 0.65.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from shortlist.engine.vocab.enums import ScaleMetric

DEFAULT_BASELINE = 0.15
REFERENCE_HORIZON_MONTHS = 36
MIN_HORIZON_MONTHS = 3
MAX_DECADES = 3.0  # 1000x in three years: beyond this the input is a typo or a moonshot
DOUBLING = math.log10(2)
SIZE_BONUS = 0.5
RATE = 0.5
TEAM_RATE = 1.0

METRIC_NAMES = ("traffic_rps", "users", "data_tb", "engineers")


@dataclass(frozen=True, slots=True)
class MetricScale:
    """How one growth metric is read: its weight, where zero stops meaning zero, and what is hard."""

    name: str
    metric: ScaleMetric
    weight: float
    # Below this size scale is no challenge: growth under it does not count and a target at or below it
    # earns no size bonus. It also makes a "now" of 0 finite: 0 → 1M users is growth from 10k.
    easy: float
    hard: float  # a target at or above this earns the full size bonus
    label: str
    unit: str


METRICS: dict[str, MetricScale] = {
    "traffic_rps": MetricScale(
        "traffic_rps", ScaleMetric.REQUESTS_PER_SECOND, 1.0, 100.0, 100_000.0, "traffic", "rps"
    ),
    "users": MetricScale("users", ScaleMetric.USERS, 0.6, 10_000.0, 10_000_000.0, "users", ""),
    "data_tb": MetricScale("data_tb", ScaleMetric.DATA_VOLUME, 0.8, 0.1, 1000.0, "data", "TB"),
    # Weight 0: the team size feeds team_growth, not the technical pressure.
    "engineers": MetricScale("engineers", ScaleMetric.ENGINEERS, 0.0, 5.0, 200.0, "team", "engineers"),
}


@dataclass(frozen=True, slots=True)
class NowTarget:
    now: float
    target: float

    def __post_init__(self) -> None:
        for name in ("now", "target"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value!r}")
            if value < 0:
                raise ValueError(f"{name} must not be negative, got {value!r}")

    @property
    def ratio(self) -> float | None:
        """target / now, or None when now is 0."""
        return self.target / self.now if self.now else None


@dataclass(frozen=True, slots=True)
class GrowthPlan:
    """Where the client is going over ``horizon_months``; a metric left as None is unknown."""

    horizon_months: int = REFERENCE_HORIZON_MONTHS
    traffic_rps: NowTarget | None = None
    users: NowTarget | None = None
    data_tb: NowTarget | None = None
    engineers: NowTarget | None = None

    def __post_init__(self) -> None:
        horizon = self.horizon_months
        if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon <= 0:
            raise ValueError(f"horizon_months must be a whole number of months > 0, got {horizon!r}")

    def metrics(self) -> Iterator[tuple[str, NowTarget]]:
        """The metrics the plan states, in METRIC_NAMES order."""
        for name in METRIC_NAMES:
            value = getattr(self, name)
            if value is not None:
                yield name, value


@dataclass(frozen=True, slots=True)
class ScalePressure:
    """How much proven scale matters (value in [baseline, 1]) and the scale to have handled."""

    value: float
    baseline: float
    targets: dict[ScaleMetric, float]
    team_growth: float
    reasons: tuple[str, ...]
    # Per technical metric of the plan, its contribution c_m: how much that metric itself grows. Scale
    # fit weighs each target by it, so a flat metric's target barely counts (scoring.py).
    growth: dict[ScaleMetric, float] = field(default_factory=dict)


def growth_decades(nt: NowTarget, horizon_months: int, scale: MetricScale) -> float:
    """Decades of growth per 36 months, clipped to [0, MAX_DECADES]."""
    now = max(nt.now, scale.easy)
    target = max(nt.target, scale.easy)
    if target <= now:
        return 0.0
    per_reference = REFERENCE_HORIZON_MONTHS / max(horizon_months, MIN_HORIZON_MONTHS)
    return min(MAX_DECADES, math.log10(target / now) * per_reference)


def target_difficulty(target: float, scale: MetricScale) -> float:
    """Where the target sits between the metric's easy and hard sizes, in [0, 1]."""
    if target <= scale.easy:
        return 0.0
    return min(1.0, math.log10(target / scale.easy) / math.log10(scale.hard / scale.easy))


def contribution(nt: NowTarget, horizon_months: int, scale: MetricScale) -> float:
    """c = g + SIZE_BONUS * a * min(1, g / log10 2): growth plus a size bonus that growth unlocks."""
    g = growth_decades(nt, horizon_months, scale)
    if g == 0.0:
        return 0.0
    return g + SIZE_BONUS * target_difficulty(nt.target, scale) * min(1.0, g / DOUBLING)


def scale_pressure(plan: GrowthPlan | None, baseline: float = DEFAULT_BASELINE) -> ScalePressure:
    """The scale pressure of a growth plan; see the module docstring for the formula."""
    if not 0.0 <= baseline <= 1.0 or math.isnan(baseline):
        raise ValueError(f"baseline must be in [0, 1], got {baseline!r}")
    if plan is None:
        return ScalePressure(baseline, baseline, {}, 0.0, ())
    drive = 0.0
    team = 0.0
    targets: dict[ScaleMetric, float] = {}
    growth: dict[ScaleMetric, float] = {}
    reasons: list[str] = []
    for name, nt in plan.metrics():
        scale = METRICS[name]
        # The bar is the larger of the two: a shrinking client still runs today's load.
        targets[scale.metric] = float(max(nt.now, nt.target))
        reasons.append(metric_reason(name, nt, plan.horizon_months))
        if name == "engineers":
            team = 1.0 - math.exp(-TEAM_RATE * contribution(nt, plan.horizon_months, scale))
        else:
            growth[scale.metric] = contribution(nt, plan.horizon_months, scale)
            drive += scale.weight * growth[scale.metric]
    value = baseline + (1.0 - baseline) * (1.0 - math.exp(-RATE * drive))
    return ScalePressure(min(1.0, value), baseline, targets, team, tuple(reasons), growth)


def scale_drive(plan: GrowthPlan) -> float:
    """D, the weighted sum of technical contributions (exposed for documentation and tests)."""
    return sum(
        METRICS[name].weight * contribution(nt, plan.horizon_months, METRICS[name])
        for name, nt in plan.metrics()
    )


# --- wording -------------------------------------------------------------------------------------------


def metric_reason(name: str, nt: NowTarget, horizon_months: int) -> str:
    """The line a recruiter reads to the client: "traffic 2k → 80k rps within 36 months (40x)"."""
    scale = METRICS[name]
    unit = f" {scale.unit}" if scale.unit else ""
    return (
        f"{scale.label} {format_quantity(nt.now)} → {format_quantity(nt.target)}{unit} "
        f"within {horizon_months} months ({format_ratio(nt)})"
    )


def format_quantity(value: float) -> str:
    """2000 → "2k", 2500 → "2.5k", 1500000 → "1.5M", 5 → "5", 0.5 → "0.5"."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def format_ratio(nt: NowTarget) -> str:
    ratio = nt.ratio
    if ratio is None:
        return "from zero" if nt.target > 0 else "no change"
    if ratio == 1:
        return "no growth"
    if ratio < 1:
        return f"shrinking, {ratio:.2g}×"
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.2g}×"
