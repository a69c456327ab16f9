# ruff: noqa: ANN001, ANN201, B007, B905, E501
import collections
import json
import statistics
import sys
from pathlib import Path

run = Path(sys.argv[1])
skip = float(sys.argv[2]) if len(sys.argv) > 2 else 45
rows = json.loads((run / "monitor.json").read_text())


def cpu_by(row):
    c = collections.Counter()
    for pid, (kind, cpu, cmd) in row["procs"].items():
        c[kind] += cpu
    return c


# core-s per kind between first sample after skip and last
a = next(r for r in rows if r["t"] >= skip)
b = [r for r in rows if any(v[0] == "gunicorn" for v in r["procs"].values())][-1]
span = b["t"] - a["t"]
kinds = collections.Counter()
for p, (k, cpu, cmd) in b["procs"].items():
    kinds[k] += cpu - (a["procs"][p][1] if p in a["procs"] else 0)
print(
    f"monitor {a['t']}..{b['t']} s ({span:.0f} s):",
    {k: round(v / span, 2) for k, v in kinds.items()},
    "cores; load",
    a["load"],
    "->",
    b["load"],
)
# per gunicorn pid
pa = {p: v for p, v in a["procs"].items() if v[0] == "gunicorn"}
pb = {p: v for p, v in b["procs"].items() if v[0] == "gunicorn"}
if "stat" in a:
    sa, sb = [int(x) for x in a["stat"]], [int(x) for x in b["stat"]]
    d = [y - x for x, y in zip(sa, sb)]
    total = sum(d[:8])
    idle = d[3] + d[4]
    print(
        f"machine: {100 * idle / total:.0f}% idle over the window ({total / span / 100:.2f} cores' worth of ticks)"
    )
print(
    "per gunicorn process cores:",
    {p: round((pb[p][1] - pa[p][1]) / span, 2) for p in pb if p in pa},
    "conns",
    b["conns"],
)
waits = collections.Counter()
for r in rows:
    for st, we, q in r.get("pg", []):
        waits[(st, we)] += 1
if waits:
    print(
        "pg_stat_activity (non-idle backends, summed over samples):",
        waits.most_common(12),
        "samples",
        len(rows),
    )
# probe
reqs = []
samples = collections.Counter()
per_pid = {}
for f in (run / "probe").glob("*.json"):
    d = json.loads(f.read_text())
    per_pid[d["pid"]] = d["requests"]
    for t, path, method, cpu, wall in d["requests"]:
        reqs.append((d["pid"], t, path, method, cpu, wall))
    for at, state, stack, n in d["samples"]:
        if at >= skip:
            samples[(state.split(":")[0], stack)] += n


def kind(path, method):
    if method == "POST":
        return "upload"
    if path.startswith("/api/"):
        return "api match"
    if path.endswith("/shortlist/"):
        return "shortlist page"
    if path == "/candidates/":
        return "search"
    if path.startswith("/candidates/"):
        return "candidate page"
    return "other"


began = min(t for _, t, *_ in reqs)
late = [r for r in reqs if r[1] - began >= skip]
print(
    f"\nrequests in server from {skip:.0f} s on: {len(late)}; per pid:",
    collections.Counter(r[0] for r in late),
)
by = collections.defaultdict(list)
for pid, t, path, method, cpu, wall in late:
    by[kind(path, method)].append((cpu, wall))
tot_cpu = 0
print(f"{'endpoint':<16}{'n':>6}{'cpu p50':>9}{'cpu mean':>9}{'cpu p95':>9}{'wall p50':>9}{'wall p95':>9}")
for k, v in sorted(by.items()):
    cpus = sorted(c for c, _ in v)
    walls = sorted(w for _, w in v)
    tot_cpu += sum(cpus)
    print(
        f"{k:<16}{len(v):>6}{cpus[len(cpus) // 2]:>9.1f}{statistics.mean(cpus):>9.1f}{cpus[int(0.95 * len(cpus))]:>9.1f}{walls[len(walls) // 2]:>9.0f}{walls[int(0.95 * len(walls))]:>9.0f}"
    )
print(f"mix: {tot_cpu / len(late):.1f} CPU ms per request (request threads only)")
first = [r for r in reqs if r[1] - began < skip]
if first:
    print(
        f"first {skip:.0f} s: {len(first)} requests, cpu mean {statistics.mean(r[4] for r in first):.0f} ms, max cpu {max(r[4] for r in first):.0f} ms, max wall {max(r[5] for r in first):.0f} ms"
    )
    top = sorted(first, key=lambda r: -r[4])[:8]
    for r in top:
        print("   ", r[0], round(r[1] - began, 1), r[2], r[4], r[5])
# thread states
st = collections.Counter()
for (s, stack), n in samples.items():
    st[s] += n
print("\nrequest-thread samples by kernel state:", st.most_common())
leaf = collections.Counter()
for (s, stack), n in samples.items():
    parts = stack.split(" > ")
    # innermost shortlist frame and the leaf
    mine = [p for p in parts if p.startswith("shortlist/")]
    leaf[(s, (mine[-1] if mine else "-") + " | " + parts[-1])] += n
total = sum(leaf.values())
for (s, k), n in leaf.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 30):
    print(f"{100 * n / total:5.1f}% {s} {k}")
