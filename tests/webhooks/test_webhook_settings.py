"""The webhook settings are read with a minimum: a nonsense value stops start-up naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SHORTLIST_WEBHOOK_ATTEMPTS", "0"),
        ("SHORTLIST_WEBHOOK_TIMEOUT", "soon"),
        ("SHORTLIST_WEBHOOK_RETRY_SECONDS", "-5"),
    ],
)
def test_a_bad_webhook_setting_stops_the_cli_naming_it(tmp_path: Path, name: str, value: str) -> None:
    env = {**os.environ, "SHORTLIST_HOME": str(tmp_path), name: value}
    result = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", "webhook", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert f"{name}={value!r} is not valid" in result.stderr and "Traceback" not in result.stderr
