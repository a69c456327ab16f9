"""The README's screenshots and the tour's computed figures, from a fresh demo home.

    .venv/bin/python -m benchmarks.readme_screenshots          # docs/screenshot.png, docs/shortlist.png
    .venv/bin/python -m benchmarks.readme_screenshots --check  # compare the tour's figures with the README

Builds a demo home in a temporary directory (`shortlist demo`, 500 candidates, seed 7: the data `make run`
shows), serves it with `shortlist serve` on a free port, logs in as the demo user with Debian's Chromium
(Playwright) and takes the dashboard (1280x860) and the HFT role's shortlist (1280x1000). Then it reads
the figures the tour quotes off the same pages — the role's Proven-scale weight and line, the pool line,
the first candidate's score, band and counterfactual — prints them, and says which ones the README no
longer contains (exit 1 with --check when any is stale). Nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ROLE = "Senior Go Engineer - High-Frequency Trading Platform"
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"shortlist {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def _wait_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("shortlist serve stopped before answering")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer within 90 s")


def figures(page: object, base: str) -> dict[str, str]:
    """The tour's figures, read off the pages a reader would open."""
    page.goto(base + "/")
    page.get_by_role("link", name=ROLE).click()
    row = page.locator("table.criteria tr", has_text="Proven scale").first
    why = row.locator("td").nth(2).inner_text().strip()  # "Proven scale 13%: traffic 2k → 8k rps ..."
    role_url = page.url
    page.goto(role_url + "shortlist/")
    first = page.locator("li.result").first
    would = page.locator("li.result .hint", has_text="would rank")
    return {
        "proven scale": why,
        "pool": page.locator(".pool-note").inner_text().strip(),
        "first score": first.locator(".score").inner_text().strip(),
        "first band": first.locator(".band").inner_text().strip().lower(),
        "first gaps": "; ".join(first.locator("ul.gaps li").all_inner_texts()),
        "a counterfactual": would.first.inner_text().strip() if would.count() else "",
        "shortlist url": page.url,
    }


def quoted(found: dict[str, str]) -> dict[str, str]:
    """The strings the README quotes, as the pages give them now."""
    pool = re.sub(r" \(index v\d+\)\.$", "", found["pool"])
    return {
        "proven scale": found["proven scale"].split("; ")[0],  # the first of the growth lines
        "pool": pool,
        "a counterfactual": found["a counterfactual"].split(" (score")[0],
        # The first missing-evidence gap ("no … evidence", "no proven … scale …"); "; " also joins the
        # parts of one gap, so the gaps are told apart by their opening word.
        "a gap": next(iter(re.findall(r"\bno [^;]+", found["first gaps"])), "(none)"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--check", action="store_true", help="compare the figures only; write no image")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="shortlist-readme-"))
    port = _free_port()
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'shortlist.sqlite3'}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DEBUG", None)
    print(_cli(env, "demo", "--candidates", str(args.candidates), "--port", str(port)).strip())
    password = (home / "demo-login.txt").read_text().strip()
    server = subprocess.Popen(
        [sys.executable, "-m", "shortlist.cli", "serve", "--port", str(port), "--workers", "1",
         "--no-background"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base + "/login/", server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox"], headless=True
            )
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/login/")
            page.get_by_label("User name").fill("demo")
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Log in").click()
            page.get_by_role("heading", name="Clients & roles").wait_for()
            if not args.check:
                page.screenshot(path=str(DOCS / "screenshot.png"))
            found = figures(page, base)
            if not args.check:
                page.set_viewport_size({"width": 1280, "height": 1000})
                page.goto(found["shortlist url"])
                page.screenshot(path=str(DOCS / "shortlist.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, value in found.items():
        if name != "shortlist url":
            print(f"{name:22} {value}")
    readme = " ".join((ROOT / "README.md").read_text().split())
    stale = {name: text for name, text in quoted(found).items() if text not in readme}
    for name, text in stale.items():
        print(f"README is stale: {name} should read {text!r}")
    if not args.check:
        print(f"wrote {DOCS / 'screenshot.png'} and {DOCS / 'shortlist.png'}")
    if stale and args.check:
        sys.exit(1)


if __name__ == "__main__":
    main()
