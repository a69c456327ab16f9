"""Scale pressure: where the client is going decides how much proven scale matters."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shortlist.engine.roles.growth import (
    DEFAULT_BASELINE,
    METRIC_NAMES,
    GrowthPlan,
    NowTarget,
    format_quantity,
    metric_reason,
    scale_pressure,
)
from shortlist.engine.vocab.enums import ScaleMetric

TECHNICAL = ("traffic_rps", "users", "data_tb")
values = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
now_targets = st.builds(NowTarget, values, values)
horizons = st.integers(min_value=1, max_value=240)
baselines = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def plans(draw: st.DrawFn) -> GrowthPlan:
    metrics = {name: draw(st.none() | now_targets) for name in METRIC_NAMES}
    return GrowthPlan(draw(horizons), **metrics)


@given(plans(), baselines)
def test_values_stay_in_range(plan, baseline):
    pressure = scale_pressure(plan, baseline)
    assert baseline <= pressure.value <= 1.0
    assert 0.0 <= pressure.team_growth <= 1.0


@given(plans(), baselines)
def test_deterministic(plan, baseline):
    assert scale_pressure(plan, baseline) == scale_pressure(dataclasses.replace(plan), baseline)


@given(plans(), st.sampled_from(METRIC_NAMES), st.floats(min_value=1.0, max_value=1e4), baselines)
def test_steeper_growth_never_lowers_the_pressure(plan, name, factor, baseline):
    current = getattr(plan, name)
    if current is None:
        return
    steeper = dataclasses.replace(plan, **{name: NowTarget(current.now, current.target * factor)})
    before, after = scale_pressure(plan, baseline), scale_pressure(steeper, baseline)
    assert after.value >= before.value
    assert after.team_growth >= before.team_growth


@given(plans(), st.sampled_from(METRIC_NAMES), st.floats(min_value=0.0, max_value=1.0), baselines)
def test_a_smaller_starting_point_never_lowers_the_pressure(plan, name, shrink, baseline):
    current = getattr(plan, name)
    if current is None:
        return
    lower_start = dataclasses.replace(plan, **{name: NowTarget(current.now * shrink, current.target)})
    assert scale_pressure(lower_start, baseline).value >= scale_pressure(plan, baseline).value


@given(plans(), st.integers(min_value=1, max_value=240), baselines)
def test_a_shorter_horizon_for_the_same_growth_never_lowers_it(plan, shorter, baseline):
    if shorter > plan.horizon_months:
        return
    sooner = dataclasses.replace(plan, horizon_months=shorter)
    before, after = scale_pressure(plan, baseline), scale_pressure(sooner, baseline)
    assert after.value >= before.value
    assert after.team_growth >= before.team_growth


@given(st.dictionaries(st.sampled_from(METRIC_NAMES), values), horizons, baselines)
def test_no_growth_gives_the_baseline(levels, horizon, baseline):
    plan = GrowthPlan(horizon, **{name: NowTarget(v, v) for name, v in levels.items()})
    pressure = scale_pressure(plan, baseline)
    assert pressure.value == baseline
    assert pressure.team_growth == 0.0


@given(plans(), st.sampled_from(METRIC_NAMES), values, baselines)
def test_a_missing_metric_is_neutral(plan, name, level, baseline):
    """Adding a metric that does not grow changes nothing, so leaving it out cannot either."""
    without = dataclasses.replace(plan, **{name: None})
    flat = dataclasses.replace(plan, **{name: NowTarget(level, level)})
    a, b = scale_pressure(without, baseline), scale_pressure(flat, baseline)
    assert (a.value, a.team_growth) == (b.value, b.team_growth)


def test_no_plan_is_the_baseline():
    pressure = scale_pressure(None)
    assert (pressure.value, pressure.team_growth, pressure.targets, pressure.reasons) == (
        DEFAULT_BASELINE,
        0.0,
        {},
        (),
    )


def test_the_design_example():
    plan = GrowthPlan(36, NowTarget(2000, 80000), None, NowTarget(5, 200), NowTarget(12, 60))
    pressure = scale_pressure(plan)
    assert pressure.value == pytest.approx(0.87, abs=0.01)
    assert pressure.team_growth == pytest.approx(0.65, abs=0.01)
    # The bar is where the client is going, not where it is.
    assert pressure.targets == {
        ScaleMetric.REQUESTS_PER_SECOND: 80000,
        ScaleMetric.DATA_VOLUME: 200,
        ScaleMetric.ENGINEERS: 60,
    }
    assert pressure.reasons == (
        "traffic 2k → 80k rps within 36 months (40×)",
        "data 5 → 200 TB within 36 months (40×)",
        "team 12 → 60 engineers within 36 months (5×)",
    )


def test_a_hard_target_counts_even_from_a_high_start():
    """40k → 80k rps is a doubling like 1k → 2k, but the destination is far harder."""
    easy = scale_pressure(GrowthPlan(36, traffic_rps=NowTarget(1000, 2000))).value
    hard = scale_pressure(GrowthPlan(36, traffic_rps=NowTarget(40000, 80000))).value
    assert hard > easy + 0.05


def test_growth_below_the_easy_size_does_not_count():
    assert scale_pressure(GrowthPlan(12, users=NowTarget(0, 1000))).value == DEFAULT_BASELINE


def test_steep_beats_flat_by_a_wide_margin():
    flat = scale_pressure(GrowthPlan(36, traffic_rps=NowTarget(2000, 2200)))
    steep = scale_pressure(GrowthPlan(36, traffic_rps=NowTarget(2000, 80000)))
    assert flat.value < 0.25 < 0.6 < steep.value


def test_shrinking_keeps_todays_scale_as_the_bar():
    pressure = scale_pressure(GrowthPlan(36, traffic_rps=NowTarget(5000, 1000)))
    assert pressure.value == DEFAULT_BASELINE
    assert pressure.targets[ScaleMetric.REQUESTS_PER_SECOND] == 5000
    assert "shrinking" in pressure.reasons[0]


@pytest.mark.parametrize(
    ("value", "text"), [(2000, "2k"), (2500, "2.5k"), (80000, "80k"), (1.5e6, "1.5M"), (5, "5"), (0.5, "0.5")]
)
def test_quantities_read_naturally(value, text):
    assert format_quantity(value) == text


def test_reasons_quote_the_numbers():
    assert metric_reason("users", NowTarget(50000, 2e6), 24) == "users 50k → 2M within 24 months (40×)"
    assert (
        metric_reason("traffic_rps", NowTarget(0, 500), 12)
        == "traffic 0 → 500 rps within 12 months (from zero)"
    )


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, True, "10"])
def test_bad_values_are_refused(bad):
    with pytest.raises(ValueError):
        NowTarget(bad, 10)


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_bad_horizons_are_refused(bad):
    with pytest.raises(ValueError):
        GrowthPlan(bad)


@settings(max_examples=50)
@given(plans())
def test_only_technical_metrics_move_the_pressure(plan):
    team_only = GrowthPlan(plan.horizon_months, engineers=plan.engineers)
    assert scale_pressure(team_only).value == DEFAULT_BASELINE
    assert all(name in TECHNICAL or name == "engineers" for name, _ in plan.metrics())
