"""The web server's access log (gunicorn, as `shortlist serve` starts it) records requests without their
query strings or referrers: a search for a person's name must not land in a log nobody can erase."""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

from shortlist.cli.admin import ACCESS_LOG_FORMAT


def test_a_search_request_is_logged_by_path_only(caplog) -> None:
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", ACCESS_LOG_FORMAT)
    logger = Logger(config)
    logger.access_log.addHandler(caplog.handler)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/candidates/?q=Zofia+Quenby",
        "PATH_INFO": "/candidates/",
        "QUERY_STRING": "q=Zofia+Quenby",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_REFERER": "http://127.0.0.1:8000/candidates/?q=Zofia+Quenby",
        "HTTP_USER_AGENT": "Firefox",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[])
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    line = caplog.records[-1].getMessage()
    assert '"GET /candidates/ HTTP/1.1" 200 1234' in line
    assert "Zofia" not in line and "q=" not in line
