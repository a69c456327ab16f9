"""Fit Shortlist's global ranking constants on the tuning roles of the ranking benchmark, by cross-validation.

    .venv/bin/python -m benchmarks.ranking_fit [--split tune|dev] [--folds 4]

Reads the `tune` split by default: the 12 dev roles and the 12 old test roles, retired as a test after
eight passes read them (benchmarks/README.md, ninth pass; a fresh held-out set is written apart and run by
the lead). `--split dev` fits on the dev roles alone, as passes one to eight did. The folds are dealt by
role over the split's roles. The grid:

- LEXICAL_SHARE (scoring.py): the share of the score that BM25 over the role's terms takes;
- TITLE_SHARE (roles/weighting.py): the job title criterion's share before renormalisation;
- FREE_TEXT_CAP (scoring.py): the most a free-text role term found in the CV text can earn (held at 0.6
  since the second fit: 0.4-0.8 moved no dev role's AP by more than 0.01, few roles have free text);
- MUST_PENALTY (scoring.py): how much of the score a candidate missing every must-have loses (the gate's
  depth; second fit, after dev roles showed DevOps CVs graded 3 buried at gate 0.4 for phrasing the
  pipeline work without the words "Jenkins" and "Git");
- TITLE_WORDS_LEXICAL (scoring.py, 0/1): whether the lexical component also reads the role title's words.

Third fit (after parser 6): TITLE_WORDS_SKIP (scoring.py): mentions of a title word not counted;
TITLE_WORDS_SHARE: the title's words as a criterion of their own beside LEXICAL_SHARE (0: pooled with
the role's terms, as in the second fit); LEXICAL_UNGATED: which words stand outside the must-have gate;
LEXICAL_UNPROVEN_ONLY and LEXICAL_GATE_POWER, searched and held (no setting that changed them held the
judged set). Found on dev: out of the gate, or at a share of 0.3, a single "Keywords: ... trading" line
let the judged set's keyword stuffer overtake real Go work; not counting each title word's first mention
stops that. The fit's pick (LEXICAL_SHARE 0.4, pooled) is not taken: from 0.35 a nice-to-have's words
outweigh proven scale under steep growth (tests/test_scoring_rules.py), so 0.3, the best setting that
holds the judged set and those rules (benchmarks/README.md, third pass).

Fourth fit: LEXICAL_OF_TERMS (scoring.py, 0/1): whether the words' share is taken from the role terms'
criteria only (skills, title), so scale, seniority and logistics keep their weight at any share;
GENERIC_DISCOUNT (scoring.py): how much a must/nice skill's weight drops with the share of the pool's CVs
that write it; LISTED_WEIGHT (what a mention in a skills or keywords list counts against one in a job,
read when the index is built; commit b3d8b9b) was searched at 1, 0.5 and 0.25 and dropped: counting
listed mentions less lowered dev at every share the tests allow. The fit's pick (LEXICAL_SHARE 0.5 of
the whole score, listed mentions at 0.5) is not taken: at 0.5 proven scale loses to a nice-to-have's words
(tests/test_scoring_rules.py), and from 0.45 of the terms' part a blockchain developer's lead over a
generic-practice CV falls under 20 points; 0.4 of the terms' part, generic discount 0.8, listed mentions
counted in full is the best setting that keeps every targeted test (benchmarks/README.md, fourth pass).

Seventh fit (branch ranking5): QUALIFIER_WEIGHT (cv/titles.py): what a unit of a role title's qualifier
("- CI/CD and Release Automation", "(Requirements, Agile)") weighs in the title criterion against a unit
of the job's name; GENERIC_COMPETENCIES (scoring.py, 0/1): whether the generic discount also lowers the
playbook's practice competencies. Found on dev: grade-3 analysts, DevOps and security engineers titled
by the job's name held a third to a half of the title criterion, the rest being the qualifier's focus
words that no CV title carries, while a QA lead outranked analysts on testing and SQL practice.

Ninth fit (branch ranking7, on the 24 `tune` roles): NICE_POINTS (roles/weighting.py): a nice-to-have's
points against a must-have's 3; DEPTH_FLOOR (scoring.py): the share of its value work evidence earns
before its years add depth (index-time; 0.7 was picked by three folds of four, and searching it lowered
the cross-validated objective from 0.854 to 0.846, so it is held). Found on the tune roles: trades told
apart by their tools (an analyst's Tableau and Power BI, a DevOps engineer's Ansible and Docker) lost to
neighbours with deeper must-haves alone, the nice-to-haves being a third of a must-have. AT_MOST bounds
LEXICAL_SHARE at 0.4: above it the targeted tests fail, so the fit's own pick of 0.5 (fourth, seventh and
ninth fits) is shown and never chosen; GENERIC_DISCOUNT is held at 0.8 (HELD), NICE_POINTS bounded at 2
(AT_MOST: 2.5 scores a little higher, but a must-have would then outweigh a nice-to-have by a fifth only).

TITLE_SHARE is searched but held at the code's 0.10 when choosing: the weighting rules pin it (the title
is bounded by the core skill, scale's level cap holds within 5% only while the fixed shares stay small:
tests/test_proven_scale_is_bounded.py), and recruiters pushed back on a title above the core language
(issue 11). The table shows what a larger share would do on dev; it is reported, not taken.
Ties go to the code's current value.

LEXICAL_SHARE was searched up to 0.3 in the first fit ("a *small* lexical component"); the second fit
searches up to 0.5 to see how far words alone carry on dev, and the judged set (keyword stuffers) is what
bounds it: a share at which a fifty-name skills list overtakes real Go work is never chosen.

Constraint: the judged set (tests/test_judged_ranking.py: keyword stuffers, stale skills, false friends)
must hold every pair; a setting that loses one is shown but never chosen.
Objective: the mean of MAP and nDCG@10 over roles. Cross-validation: the split's roles are dealt into
`folds` groups in file order (round-robin, dev roles first for `tune`); for each fold the best setting on
the other folds is scored on it, which estimates how well "pick the best" carries to roles it was not
picked on. Then the setting best on all the split's roles is printed: that is the one to put in the code
(by hand, with this output in the commit message); a held-out set is run after, by the lead only.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence

import numpy as np

from benchmarks import judged_ranking
from benchmarks.datasets import kaggle_resumes
from benchmarks.ranking_eval import (
    Role,
    average_precision,
    load_roles,
    ndcg_at,
    ranked_grades,
    shortlist_index,
    shortlist_scores,
)
from shortlist.engine.cv import titles
from shortlist.engine.matching import scoring
from shortlist.engine.roles import weighting
from shortlist.engine.roles.weighting import build_role_profile
from shortlist.engine.vocab.taxonomy import default_taxonomy

GRID = {
    "LEXICAL_SHARE": (0.3, 0.4, 0.5),  # 0.3-0.5 in the fourth fit, 0.45 added nothing
    "LEXICAL_OF_TERMS": (1,),  # 0/1 in the fourth fit: 1 in every fold
    "GENERIC_DISCOUNT": (0.5, 0.8, 1.0),  # fourth fit: a skill most CVs write weighs less (0 searched there)
    "GENERIC_COMPETENCIES": (1,),  # 0/1 in the seventh fit (on in every fold) and on tune (main's grid)
    "QUALIFIER_WEIGHT": (0.0, 0.25),  # seventh fit: a role title's qualifier against its head (0.5, 1 lost)
    "NICE_POINTS": (1.0, 1.5, 2.0, 2.5),  # ninth fit: a nice-to-have's points against a must-have's 3
    "DEPTH_FLOOR": (0.55,),  # 0.55/0.7 in the ninth fit: folds split 3-1, cross-validated objective lower
    "TITLE_WORDS_SHARE": (0.0,),  # 0-0.15 in the third fit
    "MUST_PENALTY": (0.6,),
    "TITLE_WORDS_LEXICAL": (1,),  # 0/1 in the second fit: on in every fold
    "LEXICAL_UNGATED": (1,),  # 0/1 in the third fit: 1 better wherever the title's words stand apart
    "LEXICAL_UNPROVEN_ONLY": (1,),  # 0/1 searched in the third fit: 0 never held the judged set
    "LEXICAL_GATE_POWER": (0.0,),
    "TITLE_WORDS_SKIP": (1,),  # 0-2 in the third fit: 1 best
    "TITLE_SHARE": (0.1,),  # 0.05-0.25 in the first fit: dev would take 0.25; held at 0.10 (docstring)
    "FREE_TEXT_CAP": (0.6,),
}
OWNER = {
    "GENERIC_DISCOUNT": scoring,
    "GENERIC_COMPETENCIES": scoring,
    "QUALIFIER_WEIGHT": titles,
    "NICE_POINTS": weighting,
    "DEPTH_FLOOR": scoring,
    "LEXICAL_OF_TERMS": scoring,
    "LEXICAL_SHARE": scoring,
    "MUST_PENALTY": scoring,
    "TITLE_WORDS_LEXICAL": scoring,
    "LEXICAL_UNGATED": scoring,
    "LEXICAL_UNPROVEN_ONLY": scoring,
    "LEXICAL_GATE_POWER": scoring,
    "TITLE_WORDS_SHARE": scoring,
    "TITLE_WORDS_SKIP": scoring,
    "TITLE_SHARE": weighting,
    "FREE_TEXT_CAP": scoring,
}
# Searched and shown, not chosen (see the docstring). GENERIC_DISCOUNT: the ninth fit takes 1.0 in every
# fold, but at 1.0 a must-have every CV of the pool writes weighs nothing, in the must-have gate too.
HELD = {"TITLE_SHARE": 0.10, "GENERIC_DISCOUNT": 0.8}
# Searched and shown, never chosen above these: above 0.4 of the terms' part the words outweigh proven
# scale and generic practice in tests/test_scoring_rules.py and tests/test_generic_skills_weigh_less.py
# (fourth and seventh passes, benchmarks/README.md), the fit's own pick each time.
# NICE_POINTS: 2.5 (and 3) score higher on the tune roles (objective 0.860 / 0.858 against 0.854,
# cross-validated 0.8575 against 0.8540), but a must-have is the client's requirement: at 2.5 it outweighs
# a nice-to-have by a fifth, at 3 not at all; two-thirds is kept (docs/role-modelling.md §3.1).
AT_MOST = {"LEXICAL_SHARE": 0.4, "NICE_POINTS": 2.0}
# Read when the index is built, not when a role is scored: one index per value (the evidence values
# the index stores are computed with DEPTH_FLOOR).
INDEX_TIME: tuple[str, ...] = ("DEPTH_FLOOR",)


def per_role(
    setting: dict[str, float], roles: Sequence[Role], index: object, pool: int
) -> tuple[np.ndarray, int, int]:
    """(roles, 2) AP and nDCG@10 of each role under one setting, and the judged pairs held / total."""
    saved = {name: getattr(OWNER[name], name) for name in setting}
    taxonomy = default_taxonomy()
    try:
        for name, value in setting.items():
            setattr(OWNER[name], name, value)
        # Each segment keeps its last phrases' values, computed under the constants of the time
        # (LEXICAL_UNPROVEN_ONLY changes them): start every setting from an empty cache.
        for segment in index.segments():  # type: ignore[attr-defined]
            segment._phrases.clear()
        out = []
        for role in roles:
            profiled = Role(role.id, role.spec, build_role_profile(role.spec, taxonomy), role.grades)
            ranked = ranked_grades(shortlist_scores(index, profiled, pool), role.grades)  # type: ignore[arg-type]
            out.append((average_precision(ranked), ndcg_at(ranked)))
        judged = judged_ranking.run()
        return np.array(out), sum(o.holds for o in judged.outcomes), len(judged.outcomes)
    finally:
        for name, value in saved.items():
            setattr(OWNER[name], name, value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--split", choices=("tune", "dev"), default="tune", help="the roles fitted on")
    args = parser.parse_args(argv)
    taxonomy = default_taxonomy()
    resumes = kaggle_resumes()
    roles = load_roles(args.split, taxonomy, len(resumes))
    names = list(GRID)
    settings = [dict(zip(names, values, strict=True)) for values in itertools.product(*GRID.values())]
    current = {name: getattr(OWNER[name], name) for name in names}
    indexes: dict[tuple[float, ...], object] = {}
    for setting in settings:
        key = tuple(setting[n] for n in INDEX_TIME)
        if key not in indexes:
            saved = {n: getattr(OWNER[n], n) for n in INDEX_TIME}
            try:
                for n in INDEX_TIME:
                    setattr(OWNER[n], n, setting[n])
                indexes[key] = shortlist_index(resumes, taxonomy)
            finally:
                for n, value in saved.items():
                    setattr(OWNER[n], n, value)
    found = [per_role(s, roles, indexes[tuple(s[n] for n in INDEX_TIME)], len(resumes)) for s in settings]
    results = [r for r, _, _ in found]
    allowed = np.array(
        [
            held == total
            and all(s[n] == v for n, v in HELD.items())
            and all(s[n] <= v for n, v in AT_MOST.items())
            for s, (_, held, total) in zip(settings, found, strict=True)
        ]
    )
    objective = np.array([r.mean(axis=1) for r in results])  # (settings, roles)
    # A setting that breaks a judged pair, or moves a held constant, can never be chosen; among equal
    # objectives the one closest to the code's current values wins (a tiny penalty per changed constant).
    changed = np.array([sum(s[n] != current[n] for n in names) for s in settings], dtype=np.float64)
    eligible = np.where(allowed[:, None], objective - 1e-9 * changed[:, None], -np.inf)

    print(f"{args.split}: {len(roles)} roles; current code: {current}\n")
    print("| " + " | ".join(names) + " | MAP | nDCG@10 | objective | judged pairs |")
    print("|" + "---:|" * (len(names) + 4))
    ranked = sorted(zip(settings, found, strict=True), key=lambda x: -x[1][0].mean())
    for setting, (result, held, total) in ranked:
        cells = " | ".join(f"{setting[n]:g}" for n in names)
        print(
            f"| {cells} | {result[:, 0].mean():.3f} | {result[:, 1].mean():.3f} | {result.mean():.4f}"
            f" | {held}/{total} |"
        )

    folds = [list(range(i, len(roles), args.folds)) for i in range(args.folds)]
    held_out = []
    print(
        f"\n{args.folds}-fold cross-validation over the {args.split} roles"
        " (chosen on the other folds, scored on this one):"
    )
    for number, fold in enumerate(folds):
        train = [i for i in range(len(roles)) if i not in fold]
        # Ties go to the earlier setting in grid order (smaller constants first): a stable choice.
        best = int(np.argmax(eligible[:, train].mean(axis=1)))
        score = float(objective[best, fold].mean())
        held_out.append(objective[best, fold])
        chosen = ", ".join(f"{n}={settings[best][n]:g}" for n in names)
        print(f"  fold {number + 1} ({', '.join(roles[i].id for i in fold)}): {chosen} -> {score:.4f}")
    cv = float(np.concatenate(held_out).mean())
    base = settings.index(current) if current in settings else None
    print(f"cross-validated objective of 'best on the rest': {cv:.4f}")
    if base is not None:
        print(f"objective of the current code's setting: {objective[base].mean():.4f}")
    free = int(np.argmax(np.where(np.array([h == t for _, h, t in found]), objective.mean(axis=1), -np.inf)))
    print(
        f"best on {args.split} with the judged set held, HELD and AT_MOST free (not taken): "
        + ", ".join(f"{n}={settings[free][n]:g}" for n in names)
        + f" -> {objective[free].mean():.4f}"
    )
    best = int(np.argmax(eligible.mean(axis=1)))
    print(
        f"chosen (objective {objective[best].mean():.4f}): "
        + ", ".join(f"{n}={settings[best][n]:g}" for n in names)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
