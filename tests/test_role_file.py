"""The role file: the DESIGN.md contract, read strictly with helpful errors, and written back unchanged."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.rolefile import (
    ClientSpec,
    RoleFileError,
    RoleSpec,
    Salary,
    dump_role_yaml,
    parse_role_yaml,
    role_spec_from_mapping,
    role_spec_to_mapping,
)
from shortlist.engine.vocab.enums import ClientStage, Seniority, WorkMode

DESIGN = Path(__file__).resolve().parents[2] / "shared" / "DESIGN.md"
EXAMPLE = """\
title: Senior Go Engineer - High-Frequency Trading Platform
client: {name: Meridian Quant, industry: fintech, stage: scale-up, locations: [London]}
languages: [go]
project: low-latency-trading        # a playbook id
seniority: senior                   # junior | mid | senior | staff | lead
location: London
remote: onsite                      # onsite | hybrid | remote
salary: {min: 90000, max: 130000, currency: GBP}
must_have: [go, concurrency, low latency]
nice_to_have: [kafka, fix protocol, trading]
growth:                             # the client's trajectory
  horizon_months: 36
  traffic_rps: {now: 2000, target: 80000}
  data_tb: {now: 5, target: 200}
  engineers: {now: 12, target: 60}
culture: [fast-paced, in-office, engineering-led]
description: |
  Free text of the job description.
"""
EXPECTED = RoleSpec(
    title="Senior Go Engineer - High-Frequency Trading Platform",
    client=ClientSpec("Meridian Quant", "fintech", ClientStage.SCALE_UP, ("London",)),
    languages=("go",),
    project="low-latency-trading",
    seniority=Seniority.SENIOR,
    location="London",
    remote=WorkMode.ONSITE,
    salary=Salary(90000, 130000, "GBP"),
    must_have=("go", "concurrency", "low-latency"),
    nice_to_have=("kafka", "fix-protocol", "trading"),
    growth=GrowthPlan(36, NowTarget(2000, 80000), None, NowTarget(5, 200), NowTarget(12, 60)),
    culture=("fast-paced", "in-office", "engineering-led"),
    description="Free text of the job description.\n",
)


def test_the_example_parses_to_canonical_ids():
    spec, warnings = parse_role_yaml(EXAMPLE, "role.yaml")
    assert spec == EXPECTED
    assert warnings == []


@pytest.mark.skipif(not DESIGN.is_file(), reason="DESIGN.md is not beside the checkout")
def test_the_design_md_example_parses():
    block = re.search(r"Role file \(YAML.*?```yaml\n(.*?)```", DESIGN.read_text(encoding="utf-8"), re.S)
    assert block, "DESIGN.md no longer shows a role file"
    spec, _ = parse_role_yaml(block.group(1), "DESIGN.md")
    assert spec.project == "low-latency-trading" and spec.growth is not None


def test_round_trip_of_the_example():
    text = dump_role_yaml(EXPECTED)
    assert parse_role_yaml(text)[0] == EXPECTED
    # The written file keeps the DESIGN.md layout: one line per small mapping or list.
    assert "client: {name: Meridian Quant, industry: fintech, stage: scale-up, locations: [London]}" in text
    assert "  traffic_rps: {now: 2000, target: 80000}" in text
    assert "description: |\n  Free text of the job description.\n" in text


def test_only_the_title_is_required():
    spec, warnings = parse_role_yaml("title: Backend Engineer")
    assert spec == RoleSpec(title="Backend Engineer")
    assert parse_role_yaml(dump_role_yaml(spec))[0] == spec
    assert warnings == []


def test_unknown_skills_are_kept_as_free_text_with_a_warning():
    spec, warnings = parse_role_yaml("title: X\nmust_have: [go, Quux Engine]\nnice_to_have: [kafak]")
    assert spec.must_have == ("go", "Quux Engine")
    assert spec.nice_to_have == ("kafak",)
    assert any("must_have[1]" in w and "'Quux Engine'" in w and "free text" in w for w in warnings)
    assert any("nice_to_have[0]" in w and "did you mean 'kafka'" in w for w in warnings)
    assert parse_role_yaml(dump_role_yaml(spec))[0] == spec


def test_duplicates_and_overlaps_are_warned_and_dropped():
    spec, warnings = parse_role_yaml("title: X\nmust_have: [go, golang, kafka]\nnice_to_have: [Kafka, rust]")
    assert spec.must_have == ("go", "kafka")
    assert spec.nice_to_have == ("rust",)
    assert any("listed twice" in w for w in warnings)
    assert any("also a must-have" in w for w in warnings)


def test_a_mapping_from_a_form_is_read_the_same_way():
    spec, _ = role_spec_from_mapping(role_spec_to_mapping(EXPECTED))
    assert spec == EXPECTED


def error_for(text: str) -> RoleFileError:
    with pytest.raises(RoleFileError) as caught:
        parse_role_yaml(text, "bad.yaml")
    assert caught.value.source == "bad.yaml"
    return caught.value


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        ("title: X\nsenority: senior", "senority", "did you mean 'seniority'"),
        ("title: X\nfavourite_colour: blue", "favourite_colour", "unknown key"),
        ("title: X\nclient: {name: A, sector: fintech}", "client.sector", "unknown key"),
        ("title: X\nsalary: {min: 1, max: 2, curency: GBP}", "salary.curency", "did you mean 'currency'"),
        ("title: X\ngrowth: {traffic: {now: 1, target: 2}}", "growth.traffic", "did you mean 'traffic_rps'"),
        ("title: X\ngrowth: {users: {now: 1, goal: 2}}", "growth.users.goal", "unknown key"),
        ("title: X\nseniority: principal", "seniority", "accepted: junior, mid, senior, staff, lead"),
        ("title: X\nremote: remotely", "remote", "did you mean 'remote'"),
        ("title: X\nclient: {name: A, stage: unicorn}", "client.stage", "accepted: seed, start-up"),
        ("title: X\nproject: trading", "project", "accepted: api-platform"),
        ("title: X\nproject: low-latency", "project", "did you mean 'low-latency-trading'"),
        (
            "title: X\ngrowth: {traffic_rps: {now: 2000, target: lots}}",
            "growth.traffic_rps.target",
            "a number",
        ),
        (
            "title: X\ngrowth: {traffic_rps: {now: -1, target: 5}}",
            "growth.traffic_rps.now",
            "not be negative",
        ),
        ("title: X\ngrowth: {traffic_rps: {now: 5}}", "growth.traffic_rps.target", "is required"),
        ("title: X\ngrowth: {traffic_rps: 80000}", "growth.traffic_rps", "a mapping such as {now"),
        ("title: X\ngrowth: {horizon_months: 0}", "growth.horizon_months", "above 0"),
        ("title: X\nsalary: {min: 130000, max: 90000}", "salary", "above max"),
        ("title: X\nsalary: {min: 90k}", "salary.min", "whole number"),
        ("title: X\nsalary: {min: 1, currency: pounds}", "salary.currency", "three-letter code"),
        ("title: X\nsalary: {}", "salary", "needs min, max or both"),
        ("title: X\nmust_have: go", "must_have", "a list of skills"),
        ("title: X\nlanguages: [django]", "languages[0]", "not a language"),
        ("title: X\nlanguages: [pythn]", "languages[0]", "did you mean 'python'"),
        ("title: X\nclient: {industry: fintech}", "client.name", "is required"),
        ("title: [X]", "title", "must be text"),
        ("seniority: senior", "title", "is required"),
        ("title: '  '", "title", "must not be empty"),
        ("- title: X", "", "must be a mapping"),
        ("", "", "empty"),
        ("title: X\ntitle: Y", "", "appears twice"),
        ("title: X\n  bad: [indent", "", "not valid YAML"),
    ],
)
def test_each_kind_of_bad_file(text, path, words):
    error = error_for(text)
    assert error.path == path
    assert words in error.message
    assert words in str(error)


def test_several_errors_are_reported_together():
    error = error_for(
        "title: X\nsenority: senior\nremote: sometimes\ngrowth: {traffic_rps: {now: 1, target: lots}}\n"
    )
    assert [issue.path for issue in error.issues] == ["senority", "remote", "growth.traffic_rps.target"]
    assert "3 problems" in str(error)
    assert "growth.traffic_rps.target" in str(error)


names = st.text(alphabet=string.ascii_letters + string.digits + " -&'.,()/", min_size=1, max_size=30).map(
    lambda s: " ".join(s.split())
)
skills = st.sampled_from(["go", "python", "kafka", "low-latency", "trading", "Quux Engine", "ledger-x"])
amounts = st.integers(min_value=0, max_value=400_000)
levels = st.floats(min_value=0, max_value=1e7, allow_nan=False) | st.integers(min_value=0, max_value=10**7)


@st.composite
def specs(draw: st.DrawFn) -> RoleSpec:
    must = tuple(dict.fromkeys(draw(st.lists(skills, max_size=4))))
    nice = tuple(s for s in dict.fromkeys(draw(st.lists(skills, max_size=4))) if s not in must)
    low = draw(st.none() | amounts)
    high = draw(st.none() | amounts)
    if low is not None and high is not None and low > high:
        low, high = high, low
    salary = (
        None if low is None and high is None else Salary(low, high, draw(st.sampled_from(["GBP", "EUR"])))
    )
    growth = draw(
        st.none()
        | st.builds(
            GrowthPlan,
            st.integers(min_value=1, max_value=120),
            st.none() | st.builds(NowTarget, levels, levels),
            st.none() | st.builds(NowTarget, levels, levels),
            st.none() | st.builds(NowTarget, levels, levels),
            st.none() | st.builds(NowTarget, levels, levels),
        )
    )
    client = draw(
        st.none()
        | st.builds(
            ClientSpec,
            names.filter(bool),
            st.sampled_from(["", "fintech", "AI"]),
            st.none() | st.sampled_from(list(ClientStage)),
            st.lists(names.filter(bool), max_size=2, unique=True).map(tuple),
        )
    )
    return RoleSpec(
        title=draw(names.filter(bool)),
        client=client,
        languages=tuple(draw(st.lists(st.sampled_from(["go", "python", "rust"]), unique=True, max_size=2))),
        project=draw(st.sampled_from(["general", "low-latency-trading", "ml-integration"])),
        seniority=draw(st.none() | st.sampled_from(list(Seniority))),
        location=draw(st.sampled_from(["", "London", "Cambridge"])),
        remote=draw(st.none() | st.sampled_from(list(WorkMode))),
        salary=salary,
        must_have=must,
        nice_to_have=nice,
        growth=growth,
        culture=tuple(draw(st.lists(st.sampled_from(["fast-paced", "regulated", "yes", "no"]), unique=True))),
        description=draw(st.text(max_size=200).filter(lambda s: "\r" not in s and "\x85" not in s)),
    )


@settings(max_examples=150, deadline=None)
@given(specs())
def test_round_trip_dump_then_parse_gives_an_equal_spec(spec):
    assert parse_role_yaml(dump_role_yaml(spec))[0] == spec
