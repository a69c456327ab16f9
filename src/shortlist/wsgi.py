"""WSGI entry point for gunicorn (`shortlist serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
application = get_wsgi_application()

from shortlist.candidates import pool  # noqa: E402  (needs the apps loaded above)

pool.serve_from_this_process()  # keeps its pool for life; the task worker republishes it
