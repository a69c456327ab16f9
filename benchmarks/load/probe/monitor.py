# ruff: noqa: ANN201, E402, E501, SIM115
"""Every 2 s while the load runs: CPU seconds per process kind, connections per gunicorn worker,
pg_stat_activity states and wait events for one database. Usage: monitor.py DBNAME PORT OUT.json SECONDS"""

import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

db, port, out, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
tick = os.sysconf("SC_CLK_TCK")


def procs():
    found = {}
    for p in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (p / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            stat = (p / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu = (int(stat[11]) + int(stat[12])) / tick
        if "gunicorn" in cmd and f":{port}" in cmd:
            kind = "gunicorn"
        elif "shortlist.cli worker" in cmd:
            kind = "task worker"
        elif "locust" in cmd:
            kind = "locust"
        elif cmd.startswith("postgres"):
            kind = "postgres"
        else:
            kind = "other"
        found[int(p.name)] = (kind, cpu, cmd[:80])
    return found


def conns():
    text = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True
    ).stdout
    per = collections.Counter()
    for line in text.splitlines():
        if "pid=" in line:
            per[line.split("pid=")[1].split(",")[0]] += 1
    return dict(per)


rows = []
began = time.monotonic()
import contextlib

with (
    psycopg.connect(host="127.0.0.1", user="postgres", dbname=db, autocommit=True)
    if db != "-"
    else contextlib.nullcontext()
) as conn:
    while time.monotonic() - began < seconds:
        at = time.monotonic() - began
        activity = (
            []
            if conn is None
            else conn.execute(
                "SELECT state, coalesce(wait_event_type,'') || ':' || coalesce(wait_event,''), left(query, 60) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (db,),
            ).fetchall()
        )
        rows.append(
            {
                "t": round(at, 1),
                "load": open("/proc/loadavg").read().split()[0],
                "procs": procs(),
                "conns": conns(),
                "stat": open("/proc/stat").readline().split()[1:],
                "pg": [list(a) for a in activity if a[0] != "idle"],
            }
        )
        time.sleep(max(0, 2 - (time.monotonic() - began - at)))
Path(out).write_text(json.dumps(rows))
