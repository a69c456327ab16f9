"""SHORTLIST_EMBEDDER picks the embedder for `shortlist embed` and `match --semantic`; a bad value stops
the command naming the variable, as every setting does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shortlist.embeddings.embedder import configured_embedder, configured_embedder_name
from shortlist.engine.matching.semantic import HashingEmbedder


def test_hashing_needs_only_numpy(settings) -> None:
    settings.EMBEDDER = "hashing"
    assert isinstance(configured_embedder(), HashingEmbedder)
    assert configured_embedder_name() == "hashing-512/1"


def test_minilm_is_named_with_its_package_version(settings) -> None:
    settings.EMBEDDER = "minilm"
    assert configured_embedder_name().startswith("all-minilm-l6-v2/")  # no model is loaded to say so


def test_an_unknown_embedder_stops_the_command_naming_the_variable(tmp_path: Path) -> None:
    env = {**os.environ, "SHORTLIST_HOME": str(tmp_path), "SHORTLIST_EMBEDDER": "word2vec"}
    result = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", "embed", "--status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    said = " ".join(result.stderr.split())  # the terminal may wrap the line
    assert "SHORTLIST_EMBEDDER='word2vec' is not valid: expected one of minilm, hashing" in said
    assert "Traceback" not in result.stderr
