#!/bin/bash
# One load test run of the code in TREE with the probe and the monitor (benchmarks/README.md, "Requests
# wait for a thread of their own worker"). Outside the product: the probe is a sitecustomize copied into
# TREE for the run (gunicorn workers only), removed after.
#   DB=wt_x_load HOME_DIR=/tmp/x-load benchmarks/load/probe/run.sh NAME TREE [PORT]
# then: python benchmarks/load/probe/analyse.py /tmp/loadrate-runs/NAME 45 30; python .../busy.py ...
set -u
name=$1; tree=$2; port=${3:-8793}; here=$(cd "$(dirname "$0")" && pwd); out=/tmp/loadrate-runs/$name
python=${PYTHON:-/work/main/.venv/bin/python}
url=postgres://postgres@127.0.0.1:5432/$DB
mkdir -p "$out/probe"
cp "$here/sitecustomize.py" "$tree/sitecustomize.py"
cd "$tree" || exit 1
( until ss -tlnH "( sport = :$port )" | grep -q "$port"; do sleep 0.5; done
  "$python" "$here/monitor.py" "$DB" "$port" "$out/monitor.json" 135 > "$out/monitor.log" 2>&1 ) &
LOADRATE_PROBE=$out/probe DATABASE_URL=$url SHORTLIST_HOME=$HOME_DIR PYTHONPATH=$tree/src:$tree \
  timeout 1200 "$python" -m benchmarks.load_test --candidates 100000 --home "$HOME_DIR" \
  --database-url "$url" --port "$port" > "$out/out.txt" 2>&1
rm -f "$tree/sitecustomize.py"
wait
echo done >> "$out/out.txt"
