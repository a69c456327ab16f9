"""The CLI commands and the workspace views only parse, call a use case and present (issue 9).

They may import the apps' selectors, services and JSON contracts, the actor and the errors, but not
models, the pool or the engine: anything they would need from those is a use case another entry point
(the API, the portal) needs too, and belongs in a selector or service.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_engine_layers import SRC, _imports, _module_name

WEB = SRC / "shortlist" / "web"
INTERFACES = sorted(
    [*(SRC / "shortlist" / "cli").glob("*.py"), WEB / "views.py", WEB / "desk_views.py", WEB / "forms.py"]
)
ALLOWED = (
    "shortlist.cli",
    "shortlist.web.errors",
    "shortlist.web.forms",  # the desk's forms (shape only; the rules are the services')
    "shortlist.web.desk_views",
    "shortlist.accounts.access",
    "shortlist.accounts.services",  # users and the demo login: operator commands only
    "shortlist.demo.loader",  # `shortlist demo`: operator only
    "shortlist.errors",
    "shortlist.conf",
    "shortlist.engine.vocab.enums",  # controlled values for forms and filters
    *(f"shortlist.{app}.{layer}" for app in ("candidates", "clients", "pipeline")
      for layer in ("selectors", "services", "serialize")),
)  # fmt: skip


def _allowed(module: str) -> bool:
    return module == "shortlist" or any(module == a or module.startswith(f"{a}.") for a in ALLOWED)


@pytest.mark.parametrize("path", INTERFACES, ids=lambda p: _module_name(p))
def test_an_interface_imports_only_use_cases(path: Path) -> None:
    assert sorted(m for m in _imports(path) if not _allowed(m)) == []
