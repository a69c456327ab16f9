"""The `shortlist` command as an operator uses it: help, migrate, createuser, demo, serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.cli import app

COMMANDS = [
    "import",
    "candidates",
    "match",
    "search",
    "index",
    "role",
    "demo",
    "serve",
    "createuser",
    "worker",
    "migrate",
]
LEAF_COMMANDS = [
    ["import"], ["candidates", "list"], ["candidates", "show"], ["candidates", "export"],
    ["candidates", "merge"], ["candidates", "similar"], ["match"], ["search"], ["index"],
    ["role", "import"], ["role", "export"],
    ["role", "show"], ["role", "draft"], ["demo"], ["serve"], ["createuser"], ["worker"], ["migrate"],
]  # fmt: skip


def run_cli(*args: str, home: Path, database_url: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHORTLIST_HOME": str(home), "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args],
        env=env, input=stdin, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_help_lists_every_command_with_an_example() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"\n  {command} " in result.output
        assert f"shortlist {command}" in result.output


def test_each_command_has_its_own_help_with_an_example() -> None:
    for command in LEAF_COMMANDS:
        result = CliRunner().invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and f"Example: shortlist {' '.join(command)}" in result.output


def test_any_command_migrates_a_fresh_database(tmp_path: Path, fresh_database_url: str) -> None:
    first = run_cli("createuser", "alice", "--password-stdin", home=tmp_path, database_url=fresh_database_url,
                    stdin="a-very-long-passphrase\n")  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Preparing the database" in first.stderr and "Created user alice" in first.stdout
    again = run_cli("migrate", home=tmp_path, database_url=fresh_database_url)
    assert again.returncode == 0 and "(0 migrations applied now)" in again.stdout


def test_createuser_refuses_weak_passwords_and_duplicates(tmp_path: Path, fresh_database_url: str) -> None:
    weak = run_cli("createuser", "bob", "--password-stdin", home=tmp_path, database_url=fresh_database_url,
                   stdin="password\n")  # fmt: skip
    assert weak.returncode == 2 and "password rejected" in weak.stderr and "too common" in weak.stderr
    ok = run_cli("createuser", "bob", "--password-stdin", home=tmp_path, database_url=fresh_database_url,
                 stdin="a-very-long-passphrase\n")  # fmt: skip
    assert ok.returncode == 0
    again = run_cli("createuser", "bob", "--password-stdin", home=tmp_path, database_url=fresh_database_url,
                    stdin="another-long-passphrase\n")  # fmt: skip
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.slow
def test_demo_loads_once_and_prints_the_login(tmp_path: Path, fresh_database_url: str) -> None:
    first = run_cli("demo", "--candidates", "25", home=tmp_path, database_url=fresh_database_url)
    assert first.returncode == 0, first.stderr
    assert "Loaded 3 clients" in first.stdout and "25 candidates" in first.stdout
    password = (tmp_path / "demo-login.txt").read_text().strip()
    assert f"as demo / {password}" in first.stdout
    second = run_cli("demo", "--candidates", "25", home=tmp_path, database_url=fresh_database_url)
    assert second.returncode == 0 and "already loaded (25 candidates)" in second.stdout
    assert f"as demo / {password}" in second.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_answers_with_pages_and_static_files(tmp_path: Path) -> None:
    # gunicorn runs the real production path; SQLite suffices to prove the server and WhiteNoise work.
    port = _free_port()
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "shortlist.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        login = _get_when_up(f"http://127.0.0.1:{port}/login/", server)
        assert "Log in" in login
        css = _get_when_up(f"http://127.0.0.1:{port}/static/web/app.css", server)
        assert ".topbar" in css
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=30)
        assert missing.value.code == 404
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert f"serving on http://127.0.0.1:{port}/" in output
    assert f"Log in at http://127.0.0.1:{port}/ with a user from: shortlist createuser" in output


def _get_when_up(url: str, server: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode()
        # A worker's first request loads Django and the taxonomy: seconds on a busy machine.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)
