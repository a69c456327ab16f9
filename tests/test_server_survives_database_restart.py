"""PostgreSQL drops every connection of a running web server (a restart or a failover would): the
next pages are answered as usual, none with a 500.

The server keeps its connections between requests (CONN_MAX_AGE); without a health check each
gunicorn thread's first request after the drop used its dead connection and answered 500. The shared
PostgreSQL server is not restarted here (other databases live on it): only this test's own database's
backends are terminated, from another connection.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import on_postgres
from tests.pool_helpers import shared_pool
from tests.test_database_connections_dropped_mid_import import _terminate_backends
from tests.test_pool_servers import free_port, signed_in

pytestmark = pytest.mark.slow
THREADS = 4  # shortlist serve runs gunicorn with 4 threads per process


def _statuses(opener: urllib.request.OpenerDirector, url: str, count: int) -> list[int]:
    def get(_: int) -> int:
        try:
            return opener.open(f"{url}/candidates/", timeout=60).status
        except urllib.error.HTTPError as error:
            return error.code

    # Concurrent, so that every thread of the server (each with its own connection) answers some.
    with ThreadPoolExecutor(THREADS * 2) as pool:
        return list(pool.map(get, range(count)))


def test_pages_are_answered_after_the_database_drops_every_connection(
    tmp_path: Path, fresh_database_url: str
) -> None:
    if not on_postgres():
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://…)")
    env = shared_pool(tmp_path / "home", fresh_database_url, 50)
    port = free_port()
    shortlist = Path(sys.executable).with_name("shortlist")
    server = subprocess.Popen(
        [str(shortlist), "serve", "--no-background", "--workers", "1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/login/", timeout=10)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        opener = signed_in(url, tmp_path / "home")
        assert set(_statuses(opener, url, 16)) == {200}  # every thread now holds a connection
        assert _terminate_backends(fresh_database_url) >= 1
        after = _statuses(opener, url, 16)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert after == [200] * 16, after
