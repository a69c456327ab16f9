"""Two web servers on one pool while candidates change: every shortlist is answered, none with a 5xx."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.pool_helpers import finish, shared_pool, start

# Enough for the index of earlier releases, which every worker rewrote in place, to answer 500s here.
POOL_SIZE = 2000
REQUESTS = 200
UPDATES = 400


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def shared(tmp_path: Path, fresh_database_url: str) -> dict[str, str]:
    return shared_pool(tmp_path / "home", fresh_database_url, POOL_SIZE)


@pytest.fixture
def servers(shared: dict[str, str]) -> Iterator[list[str]]:
    shortlist = Path(sys.executable).with_name("shortlist")
    ports = [free_port(), free_port()]
    running = [
        subprocess.Popen(
            [str(shortlist), "serve", "--no-background", "--workers", "2", "--port", str(port)],
            env=shared,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{url}/login/", timeout=10)
                    break
                # Refused before gunicorn listens, or slow while its workers boot on a busy machine.
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    assert time.monotonic() < deadline, f"{url} did not start"
                    time.sleep(0.3)
        yield urls
    finally:
        for server in running:
            server.terminate()
            server.wait(timeout=30)


def signed_in(url: str, home: Path) -> urllib.request.OpenerDirector:
    """A client holding a demo session (sessions live in the shared database: valid on both servers)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{url}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    password = (home / "demo-login.txt").read_text().strip()
    form = urllib.parse.urlencode({"username": "demo", "password": password, "csrfmiddlewaretoken": token})
    opener.open(urllib.request.Request(f"{url}/login/", data=form.encode(), headers={"Referer": url}))
    return opener


def test_two_servers_answer_every_shortlist_while_candidates_change(
    shared: dict[str, str],
    servers: list[str],
) -> None:
    finish(start(shared, "publish", "1"))
    role_id = int(finish(start(shared, "role")))
    client = signed_in(servers[0], Path(shared["SHORTLIST_HOME"]))

    def shortlist(number: int) -> int:
        url = f"{servers[number % 2]}/roles/{role_id}/shortlist/?top=50"
        try:
            with client.open(url, timeout=60) as response:
                assert "login" not in response.url
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    writer = start(shared, "update", str(UPDATES))
    with ThreadPoolExecutor(max_workers=8) as pool_of_clients:
        statuses = list(pool_of_clients.map(shortlist, range(REQUESTS)))
    finish(writer)
    statuses += [shortlist(number) for number in range(2)]  # after the last change, on both servers
    assert statuses == [200] * (REQUESTS + 2)
