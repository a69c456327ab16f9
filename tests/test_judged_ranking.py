"""The judged set (tests/fixtures/judged/): Shortlist must order every judged pair as a recruiter did.

The issue's quality bar is 100% pairwise accuracy. When a pair fails, fix the engine, never the judgment:
`.venv/bin/python -m benchmarks.judged_ranking --explain` prints each violated pair with both breakdowns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from benchmarks.judged_ranking import (
    JUDGED,
    TRAPS,
    Evaluation,
    check_judgments,
    load_judgments,
    load_profiles,
    load_roles,
    run,
)

ROLE_FILES = sorted((JUDGED / "roles").glob("*.yaml"))
ROLE_IDS = [path.stem for path in ROLE_FILES]


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return run()


def test_the_set_has_the_size_the_issue_asks_for() -> None:
    cvs = sorted((JUDGED / "cvs").glob("*.txt"))
    judgments = load_judgments()
    assert len(cvs) >= 24
    assert len(ROLE_FILES) >= 5
    assert len(judgments) >= 40
    assert {j.trap for j in judgments} == set(TRAPS)
    for path in cvs:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert 10 <= len(lines) <= 40, f"{path.name}: {len(lines)} lines"


def test_the_cvs_are_fictional_and_every_one_parses() -> None:
    profiles = load_profiles()
    for name, profile in profiles.items():
        assert profile.contact.emails, name
        assert all(email.endswith("@example.org") for email in profile.contact.emails), name
        assert profile.jobs, f"{name}: no job found"


def test_flat_and_steep_differ_only_in_growth() -> None:
    flat, steep = (
        yaml.safe_load(Path(JUDGED / "roles" / f"go-trading-{kind}.yaml").read_text(encoding="utf-8"))
        for kind in ("flat", "steep")
    )
    assert flat["growth"] != steep["growth"]
    assert {k: v for k, v in flat.items() if k != "growth"} == {
        k: v for k, v in steep.items() if k != "growth"
    }
    roles = load_roles()
    assert roles["go-trading-steep"].scale.value > roles["go-trading-flat"].scale.value


def test_judgments_name_known_files_and_never_contradict_each_other() -> None:
    judgments = load_judgments()
    names = [path.stem for path in (JUDGED / "cvs").glob("*.txt")]
    assert check_judgments(judgments, names, ROLE_IDS) == []
    assert {j.role for j in judgments} == set(ROLE_IDS)


def test_growth_reverses_the_scaler_and_the_deeper_go_engineer() -> None:
    judgments = {(j.role, j.above, j.below) for j in load_judgments()}
    assert ("go-trading-flat", "deepa-iyer", "tom-hallett") in judgments
    assert ("go-trading-steep", "tom-hallett", "deepa-iyer") in judgments


@pytest.mark.parametrize("role", ROLE_IDS)
def test_every_judged_pair_holds(evaluation: Evaluation, role: str) -> None:
    outcomes = [o for o in evaluation.outcomes if o.judgment.role == role]
    violated = [
        f"{o.judgment.above} ({o.above.score:.2f}) should rank above {o.judgment.below} "
        f"({o.below.score:.2f}) — {o.judgment.trap}: {o.judgment.reason}"
        for o in outcomes
        if not o.holds
    ]
    assert outcomes
    assert not violated, f"{role}: {len(violated)} of {len(outcomes)} pairs violated:\n" + "\n".join(violated)
