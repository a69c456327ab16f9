"""PostgreSQL restarts under a running web server: the pages are answered as usual, none with a 500.

The server keeps its connections between requests (CONN_MAX_AGE); without a health check each
gunicorn thread's first request after a drop used its dead connection and answered 500; and while the
database refused connections (a second or a few of a restart) every request answered 500 at once.
The shared PostgreSQL server is not restarted here (other databases live on it): one test terminates
this test's own database's backends from another connection; the other puts a TCP proxy between the
server and PostgreSQL and closes it for a while, so that new connections are refused as in a restart.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dj_database_url
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


class Proxy:
    """127.0.0.1:port → PostgreSQL; `close` cuts every connection and refuses new ones until `open`."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.port = target, free_port()
        self.pairs: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
        for end in self.pairs:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()
        self.pairs.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.pairs += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    shortlist = Path(sys.executable).with_name("shortlist")
    server = subprocess.Popen(
        [str(shortlist), "serve", "--no-background", "--workers", "1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=10)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)


def test_pages_wait_for_a_database_that_refuses_connections_while_it_restarts(
    tmp_path: Path, fresh_database_url: str
) -> None:
    if not on_postgres():
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://…)")
    env = shared_pool(tmp_path / "home", fresh_database_url, 50)
    config = dj_database_url.parse(fresh_database_url)
    proxy = Proxy((config["HOST"], int(config["PORT"] or 5432)))
    proxy.open()
    env["DATABASE_URL"] = f"postgres://{config['USER']}@127.0.0.1:{proxy.port}/{config['NAME']}"
    port = free_port()
    server = _serve(env, port)
    url = f"http://127.0.0.1:{port}"
    try:
        opener = signed_in(url, tmp_path / "home")
        assert set(_statuses(opener, url, 16)) == {200}
        proxy.close()  # every connection cut, new ones refused: the database is restarting
        threading.Timer(1.5, proxy.open).start()  # back after 1.5 s
        during = _statuses(opener, url, 16)
    finally:
        server.terminate()
        server.wait(timeout=30)
        proxy.close()
    assert during == [200] * 16, during


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
