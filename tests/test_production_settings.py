"""Production settings come from the environment: with SHORTLIST_SECURE=1, `check --deploy` is clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # Only what a production environment would hold: nothing a test run sets (DATABASE_URL, the
    # browser tests' DJANGO_ALLOW_ASYNC_UNSAFE) leaks in.
    environment = dict(
        PATH=os.environ["PATH"],
        PYTHONPATH=str(SRC),
        DJANGO_SETTINGS_MODULE="shortlist.settings",
        SHORTLIST_HOME=str(tmp_path),
        ALLOWED_HOSTS="shortlist.example.org",
        **env,
    )
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_production_switch(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path, SHORTLIST_SECURE="1")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_it_check_deploy_names_what_is_missing(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_the_production_switch_sets_https_only(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE)"
    )
    environment = {
        "PATH": os.environ["PATH"], "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "shortlist.settings",
        "SHORTLIST_HOME": str(tmp_path), "SHORTLIST_SECURE": "1",
    }  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)
    assert result.stdout.split() == [
        "True", "31536000", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')", "43200",
    ]  # fmt: skip
