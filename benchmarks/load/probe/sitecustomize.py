# ruff: noqa: ANN001, E501
"""Load-test probe (outside the project): in gunicorn worker processes only, when LOADRATE_PROBE names
a directory, record per request (thread CPU, wall, path) and sample every request thread's stack and
kernel state every 100 ms (the sampler holds the GIL while it reads: samples fall at the threads' GIL releases,
so read them as where threads wait, not as a CPU profile). Written to LOADRATE_PROBE/<pid>.json every 5 s."""

import json
import os
import sys
import threading
import time
import traceback

OUT = os.environ.get("LOADRATE_PROBE")


def _start():
    if not OUT:
        return
    import collections

    requests = []
    samples = collections.Counter()
    lock = threading.Lock()
    pid = os.getpid()
    began = time.monotonic()

    try:
        from django.core.handlers import wsgi
    except Exception:
        return
    original = wsgi.WSGIHandler.__call__

    def call(self, environ, start_response):
        c0, w0 = time.thread_time(), time.monotonic()
        try:
            return original(self, environ, start_response)
        finally:
            with lock:
                requests.append(
                    (
                        round(w0 - began, 3),
                        environ.get("PATH_INFO", ""),
                        environ.get("REQUEST_METHOD"),
                        round((time.thread_time() - c0) * 1000, 2),
                        round((time.monotonic() - w0) * 1000, 2),
                    )
                )

    wsgi.WSGIHandler.__call__ = call

    def label(frame):
        stack = traceback.extract_stack(frame)
        parts = []
        for f in stack[-40:]:
            name = f.filename
            if "site-packages/" in name:
                name = name.split("site-packages/")[1]
            elif "/src/shortlist/" in name:
                name = "shortlist/" + name.split("/src/shortlist/")[1]
            elif "/lib/python3" in name:
                name = "py:" + name.rsplit("/", 1)[1]
            parts.append(f"{name}:{f.name}")
        return parts

    def sample():
        me = threading.get_ident()
        main = threading.main_thread().ident
        natives = {}
        last = time.monotonic()
        while True:
            time.sleep(0.1)
            for t in threading.enumerate():
                natives[t.ident] = t.native_id
            frames = sys._current_frames()
            at = round(time.monotonic() - began, 1)
            for ident, frame in frames.items():
                if ident in (me, main):
                    continue
                parts = label(frame)
                if not any("WSGIHandler" in p or "wsgi.py" in p for p in parts) and not any(
                    "handle_request" in p for p in parts
                ):
                    continue  # an idle pool thread
                state = "?"
                nid = natives.get(ident)
                if nid:
                    try:
                        with open(f"/proc/self/task/{nid}/stat") as fh:
                            state = fh.read().rsplit(")", 1)[1].split()[0]
                        with open(f"/proc/self/task/{nid}/wchan") as fh:
                            state += ":" + fh.read().strip()
                    except OSError:
                        pass
                with lock:
                    samples[(at // 10 * 10, state, " > ".join(parts[-14:]))] += 1
            if time.monotonic() - last > 5:
                last = time.monotonic()
                with lock:
                    data = {
                        "pid": pid,
                        "requests": list(requests),
                        "samples": [[k[0], k[1], k[2], v] for k, v in samples.items()],
                    }
                tmp = f"{OUT}/{pid}.json.tmp"
                with open(tmp, "w") as fh:
                    json.dump(data, fh)
                os.replace(tmp, f"{OUT}/{pid}.json")

    threading.Thread(target=sample, daemon=True, name="probe").start()


def _child():
    # A gunicorn worker: Django is loaded by then? Not necessarily (no preload): start after app load.
    def later():
        for _ in range(600):
            if "django.core.handlers.wsgi" in sys.modules:
                break
            time.sleep(0.1)
        _start()

    threading.Thread(target=later, daemon=True).start()


def _cmdline():
    try:
        return open("/proc/self/cmdline", "rb").read().decode(errors="replace")
    except OSError:
        return ""


if OUT and "gunicorn" in _cmdline():
    os.register_at_fork(after_in_child=_child)
