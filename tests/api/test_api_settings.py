"""The API's settings: a rate limit of at least one a minute, and a Redis URL or nothing for its cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shortlist import conf


def test_the_cache_url_must_be_redis() -> None:
    assert conf.env_url("SHORTLIST_API_CACHE_URL", ("redis",), {}) == ""
    url = "redis://127.0.0.1:6379/1"
    assert conf.env_url("SHORTLIST_API_CACHE_URL", ("redis",), {"SHORTLIST_API_CACHE_URL": url}) == url
    with pytest.raises(conf.SettingError, match="SHORTLIST_API_CACHE_URL"):
        conf.env_url("SHORTLIST_API_CACHE_URL", ("redis",), {"SHORTLIST_API_CACHE_URL": "memcached://x"})


def test_a_zero_rate_limit_stops_start_up_naming_the_variable(tmp_path: Path) -> None:
    env = {**os.environ, "SHORTLIST_HOME": str(tmp_path), "SHORTLIST_API_RATE_LIMIT": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "SHORTLIST_API_RATE_LIMIT='0' is not valid" in result.stderr
