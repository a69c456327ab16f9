"""Pairwise accuracy on the judged set (tests/fixtures/judged/): does Shortlist rank as a recruiter would?

    .venv/bin/python -m benchmarks.judged_ranking [--rankings] [--explain]

Every CV in judged/cvs/ is parsed (today = 2026-11-01), indexed once, and ranked for every role file in
judged/roles/. judged/judgments.yaml holds pairwise judgments per role ("A must rank above B", each with a
one-line reason and the trap it tests). A pair holds when A's score is strictly above B's: a tie is a
miss, because ties fall back to candidate ids. Prints the accuracy overall, per role and per trap, then
every violated pair with both scores and their breakdowns. `--rankings` also prints each role's full
ranking; `--explain` adds the engine's reasons and gaps to each violated pair.

tests/test_judged_ranking.py keeps this at 100%.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import Match, match
from shortlist.engine.roles.rolefile import parse_role_yaml
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.profile import Profile
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

JUDGED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "judged"
TODAY = date(2026, 11, 1)
TRAPS = (
    "general",
    "keyword-stuffing",
    "stale-skill",
    "false-friend",
    "location",
    "growth",
    "learning",
    "related-skill",
)
JUDGMENT_KEYS = frozenset({"roles", "above", "below", "trap", "reason"})


@dataclass(frozen=True, slots=True)
class Judgment:
    """One pair for one role: `above` must score strictly higher than `below`."""

    role: str
    above: str
    below: str
    trap: str
    reason: str


@dataclass(frozen=True, slots=True)
class Outcome:
    judgment: Judgment
    above: Match
    below: Match

    @property
    def holds(self) -> bool:
        return self.above.score > self.below.score


@dataclass(slots=True)
class Evaluation:
    rankings: dict[str, list[tuple[str, Match]]]  # role -> (candidate, match), best first
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def violated(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.holds]

    def accuracy(self, outcomes: Sequence[Outcome] | None = None) -> float:
        chosen = self.outcomes if outcomes is None else outcomes
        return sum(o.holds for o in chosen) / len(chosen) if chosen else 1.0

    def by(self, key: str) -> dict[str, list[Outcome]]:
        groups: dict[str, list[Outcome]] = {}
        for outcome in self.outcomes:
            groups.setdefault(getattr(outcome.judgment, key), []).append(outcome)
        return groups


# --- loading -------------------------------------------------------------------------------------------


def load_profiles(folder: Path = JUDGED / "cvs", taxonomy: Taxonomy | None = None) -> dict[str, Profile]:
    """Candidate id (the file stem) -> parsed profile, in file-name order."""
    taxonomy = taxonomy or default_taxonomy()
    return {
        path.stem: parse_cv(path.read_text(encoding="utf-8"), path.name, taxonomy, TODAY)
        for path in sorted(folder.glob("*.txt"))
    }


def load_roles(folder: Path = JUDGED / "roles", taxonomy: Taxonomy | None = None) -> dict[str, RoleProfile]:
    """Role id (the file stem) -> role profile."""
    taxonomy = taxonomy or default_taxonomy()
    roles = {}
    for path in sorted(folder.glob("*.yaml")):
        spec, _ = parse_role_yaml(path.read_text(encoding="utf-8"), path.name, taxonomy=taxonomy)
        roles[path.stem] = build_role_profile(spec, taxonomy)
    return roles


def load_judgments(path: Path = JUDGED / "judgments.yaml") -> list[Judgment]:
    """One Judgment per (entry, role); the file's shape is checked, not its content."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("judgments") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a top-level 'judgments' list")
    found = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != JUDGMENT_KEYS:
            raise ValueError(f"{path}: judgment {number} must have exactly {sorted(JUDGMENT_KEYS)}")
        if entry["trap"] not in TRAPS:
            raise ValueError(f"{path}: judgment {number}: unknown trap {entry['trap']!r}")
        for role in entry["roles"]:
            found.append(
                Judgment(role, str(entry["above"]), str(entry["below"]), entry["trap"], entry["reason"])
            )
    return found


def check_judgments(
    judgments: Iterable[Judgment], candidates: Iterable[str], roles: Iterable[str]
) -> list[str]:
    """Problems with the judgments themselves: unknown names, self-pairs, duplicates, cycles."""
    known, role_ids = set(candidates), set(roles)
    problems: list[str] = []
    edges: dict[str, dict[str, set[str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for j in judgments:
        for name in (j.above, j.below):
            if name not in known:
                problems.append(f"{j.role}: unknown candidate {name!r}")
        if j.role not in role_ids:
            problems.append(f"unknown role {j.role!r}")
        if j.above == j.below:
            problems.append(f"{j.role}: {j.above} is judged against itself")
        key = (j.role, j.above, j.below)
        if key in seen:
            problems.append(f"{j.role}: {j.above} > {j.below} is judged twice")
        seen.add(key)
        edges.setdefault(j.role, {}).setdefault(j.above, set()).add(j.below)
    for role, graph in sorted(edges.items()):
        cycle = _cycle(graph)
        if cycle:
            problems.append(f"{role}: the judgments contradict each other: {' > '.join(cycle)}")
    return problems


def _cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


# --- ranking -------------------------------------------------------------------------------------------


def evaluate(
    profiles: Mapping[str, Profile],
    roles: Mapping[str, RoleProfile],
    judgments: Sequence[Judgment],
    taxonomy: Taxonomy | None = None,
    explain: bool = False,
) -> Evaluation:
    """Rank every candidate for every role and check each judgment against the scores."""
    taxonomy = taxonomy or default_taxonomy()
    names = list(profiles)
    by_id = {number: profiles[name] for number, name in enumerate(names, start=1)}
    index = CandidateIndex.build(by_id.items(), taxonomy, TODAY, profile_lookup=by_id.get)
    rankings: dict[str, list[tuple[str, Match]]] = {}
    for role_id, role in roles.items():
        results = match(index, role, top=len(names), min_score=0, explain=explain)
        rankings[role_id] = [(names[m.candidate_id - 1], m) for m in results]
    evaluation = Evaluation(rankings)
    for j in judgments:
        scored = dict(rankings[j.role])
        evaluation.outcomes.append(Outcome(j, scored[j.above], scored[j.below]))
    return evaluation


def run(explain: bool = False) -> Evaluation:
    """The whole evaluation on the committed judged set."""
    taxonomy = default_taxonomy()
    profiles = load_profiles(taxonomy=taxonomy)
    roles = load_roles(taxonomy=taxonomy)
    judgments = load_judgments()
    problems = check_judgments(judgments, profiles, roles)
    if problems:
        raise ValueError("judgments.yaml: " + "; ".join(problems))
    return evaluate(profiles, roles, judgments, taxonomy, explain)


# --- report --------------------------------------------------------------------------------------------


def _line(label: str, outcomes: Sequence[Outcome]) -> str:
    held = sum(o.holds for o in outcomes)
    return f"| {label} | {held}/{len(outcomes)} | {held / len(outcomes):.3f} |"


def _breakdown(m: Match) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in m.breakdown.items())


def report(evaluation: Evaluation, rankings: bool = False, explain: bool = False) -> str:
    lines = []
    overall = evaluation.outcomes
    held = sum(o.holds for o in overall)
    lines.append(f"pairwise accuracy: {evaluation.accuracy():.3f} ({held}/{len(overall)} pairs hold)")
    for key, title in (("role", "role"), ("trap", "trap")):
        lines += ["", f"| {title} | pairs held | accuracy |", "|---|---|---|"]
        groups = evaluation.by(key)
        lines += [_line(name, groups[name]) for name in sorted(groups)]
    violated = evaluation.violated
    lines += ["", f"violated pairs: {len(violated)}"]
    for o in violated:
        j = o.judgment
        lines.append(
            f"- [{j.role}] {j.above} ({o.above.score:.2f}, #{o.above.rank}) should rank above "
            f"{j.below} ({o.below.score:.2f}, #{o.below.rank}) — {j.trap}: {j.reason}"
        )
        lines.append(f"    {j.above}: {_breakdown(o.above)}")
        lines.append(f"    {j.below}: {_breakdown(o.below)}")
        if explain:
            for name, m in ((j.above, o.above), (j.below, o.below)):
                lines.append(f"    {name} reasons: {' | '.join(m.reasons)}")
                lines.append(f"    {name} gaps: {' | '.join(m.gaps)}")
    if rankings:
        for role_id, ranked in evaluation.rankings.items():
            lines += ["", f"### {role_id}"]
            lines += [f"{m.rank:3d}. {m.score:6.2f}  {name}" for name, m in ranked]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rankings", action="store_true", help="print every role's full ranking")
    parser.add_argument("--explain", action="store_true", help="add reasons and gaps to violated pairs")
    args = parser.parse_args(argv)
    evaluation = run(explain=args.explain)
    counts = Counter(o.judgment.role for o in evaluation.outcomes)
    print(
        f"{len(evaluation.rankings)} roles, {len(next(iter(evaluation.rankings.values())))} CVs, "
        f"{sum(counts.values())} judged pairs (today = {TODAY.isoformat()})"
    )
    print(report(evaluation, rankings=args.rankings, explain=args.explain))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
