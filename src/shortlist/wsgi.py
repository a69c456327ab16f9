"""WSGI entry point for gunicorn (`shortlist serve`)."""

import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
application = get_wsgi_application()

from shortlist.candidates import pool  # noqa: E402  (needs the apps loaded above)

pool.serve_from_this_process()  # keeps its pool for life; the task worker republishes it


def warm() -> None:
    """A worker's one-time work, done before gunicorn gives it a connection: the URLs and the views they
    import (the API's schemas), the pool's index and the search's name order. Under load each new
    worker's first requests took 1-2 s of CPU each for these (benchmarks/README.md, "Requests wait for
    a thread of their own worker"), while the users who sent them waited; a restarted worker now
    takes requests once ready. A failure here (the database not up yet) leaves it to the first request,
    as before."""
    from django.urls import get_resolver

    from shortlist.candidates.search import names_warm

    get_resolver().reverse_dict  # noqa: B018  (imports every view and builds the URL table)
    try:
        names_warm()  # opens the pool (its index and first poll), then reads the names
    except Exception:  # a worker must start even when the database does not answer yet
        logging.getLogger(__name__).warning(
            "warm-up of the pool failed; the first request does it", exc_info=True
        )


# `shortlist serve` asks for it; a test's live server or runserver, which import this module too, start
# as before.
if os.environ.get("SHORTLIST_WARM_WORKERS") == "1":
    warm()
