# ruff: noqa: B007
import collections
import json
import sys
from pathlib import Path

run = Path(sys.argv[1])
for f in sorted((run / "probe").glob("*.json")):
    d = json.loads(f.read_text())
    reqs = d["requests"]
    # in-progress count sampled every 10 ms between 50 s and 110 s of the probe clock
    ev = []
    for t, path, m, cpu, wall in reqs:
        if 50 <= t <= 110:
            ev.append((t, t + wall / 1000))
    hist = collections.Counter()
    for k in range(5000, 11000):
        now = k / 100
        hist[sum(1 for a, b in ev if a <= now < b)] += 1
    tot = sum(hist.values())
    cpu = sum(r[3] for r in reqs if 50 <= r[0] <= 110) / 1000 / 60
    print(
        d["pid"],
        "threads busy, share of time:",
        {k: round(v / tot, 2) for k, v in sorted(hist.items())},
        f"request CPU {cpu:.2f} cores",
    )
