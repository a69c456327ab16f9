"""What a request costs the servers before any work: `shortlist serve --workers 4` on an existing home,
hit by 6 client threads (a new connection per request, as the load test's) for --seconds per path, and
the CPU the gunicorn processes used per answered request, from /proc.

    SHORTLIST_HOME=<a demo home> PYTHONPATH=src:. .venv/bin/python -m benchmarks.load.probe.floor \\
        /login/ /api/v1/roles /static/missing.css

/login/ renders a form (template, CSRF, session cookie); /api/v1/roles without a token is the API's 401
(the token look-up); a missing static file is WhiteNoise's and Django's 404. The client runs beside the
servers, so on 2 cores the rates say little; the CPU per request is the figure.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.load_test import process_cpu, tree, wait_until_up


def hammer(port: int, path: str, seconds: float, threads: int) -> int:
    stop = time.monotonic() + seconds
    answered = [0] * threads

    def client(slot: int) -> None:
        while time.monotonic() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            answered[slot] += 1

    running = [threading.Thread(target=client, args=(slot,)) for slot in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    return sum(answered)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--threads", type=int, default=6)
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": f"{root / 'src'}:{root}"}
    serve = [sys.executable, "-m", "shortlist.cli", "serve", "--host", "127.0.0.1", "--port", str(args.port),
             "--workers", "4", "--no-background"]  # fmt: skip
    with open(os.devnull, "wb") as quiet:
        server = subprocess.Popen(
            serve, env=env, stdout=quiet, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_up(f"http://127.0.0.1:{args.port}/login/")
        hammer(args.port, "/login/", 2, args.threads)  # every worker past its first requests
        for path in args.paths:
            before = sum(process_cpu(pid) for pid in tree(server.pid))
            began = time.monotonic()
            answered = hammer(args.port, path, args.seconds, args.threads)
            used = sum(process_cpu(pid) for pid in tree(server.pid)) - before
            took = time.monotonic() - began
            each = 1000 * used / answered
            print(f"{path}: {answered} requests in {took:.1f} s, servers' CPU {each:.1f} ms a request")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
