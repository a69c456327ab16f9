"""Settings come from the environment: safe defaults, and a bad value fails naming the variable."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shortlist import conf


def test_bool_accepts_the_usual_spellings() -> None:
    assert conf.env_bool("DEBUG", False, {"DEBUG": "yes"}) is True
    assert conf.env_bool("DEBUG", True, {"DEBUG": "0"}) is False
    assert conf.env_bool("DEBUG", False, {}) is False


def test_bad_bool_names_the_variable() -> None:
    with pytest.raises(conf.SettingError, match="DEBUG='maybe'"):
        conf.env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_int_checks_type_and_minimum() -> None:
    assert conf.env_int("LIMIT", 5, {"LIMIT": "1_000"}) == 1000
    with pytest.raises(conf.SettingError, match="LIMIT"):
        conf.env_int("LIMIT", 5, {"LIMIT": "lots"})
    with pytest.raises(conf.SettingError, match=">= 1"):
        conf.env_int("LIMIT", 5, {"LIMIT": "0"}, minimum=1)


def test_database_url_must_be_sqlite_or_postgres() -> None:
    assert conf.env_database_url("DATABASE_URL", "sqlite:///x", {}) == "sqlite:///x"
    url = "postgres://postgres@127.0.0.1:5432/test"
    assert conf.env_database_url("DATABASE_URL", "", {"DATABASE_URL": url}) == url
    with pytest.raises(conf.SettingError, match="DATABASE_URL"):
        conf.env_database_url("DATABASE_URL", "", {"DATABASE_URL": "mysql://root@localhost/x"})


def test_list_drops_blanks() -> None:
    assert conf.env_list("ALLOWED_HOSTS", ["a"], {"ALLOWED_HOSTS": "x.org, ,y.org"}) == ["x.org", "y.org"]
    assert conf.env_list("ALLOWED_HOSTS", ["a"], {}) == ["a"]


def test_secret_key_is_generated_once_and_private(tmp_path: Path) -> None:
    first = conf.secret_key(tmp_path, {})
    second = conf.secret_key(tmp_path, {})
    assert first == second and len(first) >= 50
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_given_secret_key_wins_but_must_be_long(tmp_path: Path) -> None:
    assert conf.secret_key(tmp_path, {"SECRET_KEY": "k" * 40}) == "k" * 40
    with pytest.raises(conf.SettingError, match="SECRET_KEY"):
        conf.secret_key(tmp_path, {"SECRET_KEY": "short"})


def test_debug_is_off_by_default() -> None:
    from django.conf import settings

    assert settings.DEBUG is False


def test_bad_value_stops_the_cli_naming_the_variable(tmp_path: Path) -> None:
    env = {**os.environ, "SHORTLIST_HOME": str(tmp_path), "DEBUG": "maybe"}
    result = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "DEBUG='maybe' is not valid" in result.stderr
    assert "Traceback" not in result.stderr


def test_task_queue_settings_name_the_variable() -> None:
    assert conf.env_choice("SHORTLIST_TASKS", "embedded", ("embedded", "celery"), {}) == "embedded"
    assert (
        conf.env_choice("SHORTLIST_TASKS", "embedded", ("embedded", "celery"), {"SHORTLIST_TASKS": "Celery"})
        == "celery"
    )
    with pytest.raises(conf.SettingError, match=r"SHORTLIST_TASKS='rq'.*one of embedded, celery"):
        conf.env_choice("SHORTLIST_TASKS", "embedded", ("embedded", "celery"), {"SHORTLIST_TASKS": "rq"})
    amqp = "amqp://guest:guest@127.0.0.1:5672//"
    assert conf.env_broker_url("SHORTLIST_BROKER_URL", "", {"SHORTLIST_BROKER_URL": amqp}) == amqp
    with pytest.raises(conf.SettingError, match="SHORTLIST_BROKER_URL"):
        conf.env_broker_url("SHORTLIST_BROKER_URL", "", {"SHORTLIST_BROKER_URL": "kafka://x"})
