"""Candidates imported through one server rank on another: how long until they do (issue 8).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_scale \\
        .venv/bin/python -m benchmarks.cross_server_freshness --base 10000 --count 1000

On a fresh PostgreSQL database (created beside DATABASE_URL's, dropped at the end) with a demo pool of
BASE candidates and its index published, two real `shortlist serve` processes run on two ports: A with
its task worker, B without one. COUNT generated CVs are uploaded to A's API in one zip (as an
integration would); A's worker imports them, and server B's `GET /api/v1/roles/{id}/match` is polled
until its `pool.candidates` counts all of them. For each imported candidate the lag is the time from
its import's commit (the file's `finished_at`) to the first poll of B that counted it. Prints the
upload-to-all-visible time, the import time, and the lag (p50 / max): the target is every candidate
ranked on B within 10 s of its import.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from datetime import datetime
from pathlib import Path

from tests.queue_helpers import cv_text

from benchmarks.queue_throughput import fresh_database

POLL_SECONDS = 0.2


def shortlist(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"shortlist {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict[str, str], port: int, log: Path, background: bool) -> subprocess.Popen[bytes]:
    flag = "--background" if background else "--no-background"
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "shortlist.cli", "serve", flag, "--workers", "2", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def call(url: str, token: str, data: bytes | None = None, content_type: str = "") -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def wait_until_up(url: str, deadline: float = 120) -> None:
    stop = time.monotonic() + deadline
    while True:
        try:
            urllib.request.urlopen(f"{url}/login/", timeout=10)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > stop:
                raise SystemExit(f"{url} did not start") from None
            time.sleep(0.3)


def zipped_cvs(first: int, count: int) -> tuple[bytes, str]:
    """One zip of COUNT text CVs (each its own person), as a multipart body for the `upload` field."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for n in range(first, first + count):
            out.writestr(f"fresh/cv-{n:07d}.txt", cv_text(n))
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="fresh.zip"\r\n'
            f"Content-Type: application/zip\r\n\r\n"
        ).encode()
        + archive.getvalue()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def finish_times(env: dict[str, str], batch: int) -> list[float]:
    """The epoch seconds at which each file of the batch was committed as imported."""
    code = (
        "import json, django; django.setup()\n"
        "from shortlist.candidates.models import ImportFile\n"
        f"rows = ImportFile.objects.filter(batch_id={batch}, status='imported')\n"
        "print(json.dumps([f.finished_at.timestamp() for f in rows]))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "shortlist.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(json.loads(found.stdout))


def run(base: int, count: int, database_url: str) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="freshness-") as folder,
        fresh_database(database_url, Path(folder)) as url,
    ):
        home = Path(folder) / "home"
        env = {
            **os.environ,
            "SHORTLIST_HOME": str(home),
            "DATABASE_URL": url,
            "SHORTLIST_API_RATE_LIMIT": "100000",  # B is polled five times a second
            "SHORTLIST_INDEX_DELTA_LIMIT": str(count * 2),  # the delta, not a republication, carries them
        }
        started = time.perf_counter()
        shortlist(env, "demo", "--candidates", str(base))
        shortlist(env, "index")
        token = shortlist(env, "token", "create", "demo", "--scope", "write").stdout.strip()
        print(f"demo pool of {base:,} on PostgreSQL, index published: {time.perf_counter() - started:.0f} s")
        ports = free_port(), free_port()
        servers = [
            serve(env, ports[0], Path(folder) / "a.log", background=True),
            serve(env, ports[1], Path(folder) / "b.log", background=False),
        ]
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        try:
            for server_url in (a, b):
                wait_until_up(server_url)
            role = call(f"{a}/api/v1/roles", token)["items"][0]["id"]  # type: ignore[index]
            match = f"{b}/api/v1/roles/{role}/match?top=1"
            before = call(match, token)["pool"]["candidates"]  # type: ignore[index]
            print(f"server B ranks {before:,} candidates before the upload")
            body, content_type = zipped_cvs(10_000_000 + base, count)
            uploaded = time.time()
            batch = call(f"{a}/api/v1/uploads", token, body, content_type)["id"]
            seen: list[tuple[float, int]] = []  # (when polled, candidates B ranked)
            deadline = time.monotonic() + 900
            while time.monotonic() < deadline:
                polled = time.time()
                pool = call(match, token)["pool"]["candidates"]  # type: ignore[index]
                seen.append((polled, int(pool)))  # type: ignore[call-overload]
                if pool >= before + count:  # type: ignore[operator]
                    break
                time.sleep(POLL_SECONDS)
        finally:
            for server in servers:
                os.killpg(server.pid, 15)
                server.wait(timeout=60)
        finished = finish_times(env, int(batch))  # type: ignore[call-overload]
        assert len(finished) == count, f"{len(finished)} of {count} imported"
        lags = []
        for k, done in enumerate(finished, start=1):
            visible = next((when for when, pool in seen if pool >= before + k and when >= done), None)
            assert visible is not None, f"candidate {k} never ranked on B"
            lags.append(visible - done)
        lags.sort()
        moment = datetime.fromtimestamp
        print(f"uploaded to A at {moment(uploaded):%H:%M:%S}; A's worker imported {count:,} in "
              f"{finished[-1] - uploaded:.1f} s (last at {moment(finished[-1]):%H:%M:%S})")  # fmt: skip
        print(f"B ranked all {before + count:,}: {seen[-1][0] - uploaded:.1f} s after the upload, "
              f"{seen[-1][0] - finished[-1]:.2f} s after the last import ({len(seen)} polls)")  # fmt: skip
        print(f"lag from each import's commit to B ranking it: p50 {lags[len(lags) // 2]:.2f} s, "
              f"p95 {lags[int(len(lags) * 0.95)]:.2f} s, max {lags[-1]:.2f} s (target: < 10 s)")  # fmt: skip


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--base", type=int, default=10_000, help="demo candidates before the import")
    parser.add_argument("--count", type=int, default=1000, help="CVs uploaded through server A")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (a fresh one is created beside it)")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    run(args.base, args.count, database_url)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
