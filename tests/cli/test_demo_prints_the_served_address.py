"""`shortlist demo` and `shortlist serve` print the address that is actually served and how to log in,
not the default port whatever was asked (issue 12)."""

from __future__ import annotations

import pytest
from django.conf import settings
from typer.testing import CliRunner

from shortlist.cli import app
from shortlist.cli.admin import browser_url


@pytest.mark.django_db
def test_demo_names_the_port_it_will_be_served_on_and_the_serve_command() -> None:
    result = CliRunner().invoke(app, ["demo", "--candidates", "3", "--port", "8123"])
    assert result.exit_code == 0, result.output
    password = (settings.HOME / "demo-login.txt").read_text().strip()
    line = " ".join(result.output.split())  # rich wraps long lines
    assert "Serve it with: shortlist serve --port 8123" in line
    assert f"Then log in at http://127.0.0.1:8123/ as demo / {password}" in line
    assert ":8000" not in line


@pytest.mark.django_db
def test_demo_on_the_defaults_says_plain_serve() -> None:
    result = CliRunner().invoke(app, ["demo", "--candidates", "0"])
    line = " ".join(result.output.split())
    assert "Serve it with: shortlist serve Then log in at http://127.0.0.1:8000/" in line


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8080, "http://127.0.0.1:8080/"),
        ("0.0.0.0", 9000, "http://127.0.0.1:9000/"),  # every interface: this machine's own address opens it
        ("::", 9000, "http://127.0.0.1:9000/"),
        ("::1", 8000, "http://[::1]:8000/"),
        ("shortlist.internal", 80, "http://shortlist.internal:80/"),
    ],
)
def test_the_address_to_open_for_each_kind_of_host(host: str, port: int, url: str) -> None:
    assert browser_url(host, port) == url
