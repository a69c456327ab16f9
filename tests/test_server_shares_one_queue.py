"""`shortlist serve` under many clients: a request waits for the next free thread of any worker, never
in the queue of one busy worker while another has threads to spare (benchmarks/README.md, "Requests
wait for a thread of their own worker")."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

THREADS = 4  # shortlist serve's threads per worker


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp_path: Path, workers: int) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {**os.environ, "SHORTLIST_HOME": str(tmp_path), "DATABASE_URL": database}
    server = subprocess.Popen(
        [sys.executable, "-m", "shortlist.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while True:  # every worker loads Django before it takes a connection: seconds on a busy machine
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=30) as answer:
                answer.read()
                return server, port
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    server.communicate(timeout=30)


def test_every_answer_closes_its_connection_so_no_client_is_tied_to_one_worker(tmp_path: Path) -> None:
    server, port = _serve(tmp_path, workers=2)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/login/", headers={"Connection": "keep-alive"})
        answer = connection.getresponse()
        assert answer.status == 200 and "Log in" in answer.read().decode()
        assert answer.getheader("Connection", "").lower() == "close"
        assert answer.will_close  # the next request makes a new connection, taken by a free worker
        connection.close()
    finally:
        _stop(server)


def test_a_request_is_answered_while_one_worker_has_every_thread_busy(tmp_path: Path) -> None:
    # Seven uploads that never finish sending their body hold seven of the two workers' eight threads
    # (a worker takes at most one connection per thread). A page asked for meanwhile is answered by the
    # free thread, whichever worker has it; before, it could wait behind the busy worker's four.
    server, port = _serve(tmp_path, workers=2)
    stalled: list[socket.socket] = []
    try:
        for _ in range(2 * THREADS - 1):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(
                b"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nusername="
            )
            stalled.append(sock)
            time.sleep(0.2)  # accepted and reading the body before the next one connects
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=30) as answer:
                assert answer.status == 200
    finally:
        for sock in stalled:
            sock.close()
        _stop(server)
