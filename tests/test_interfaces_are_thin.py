"""The CLI commands, the workspace views, the API's endpoints and the client portal's views only parse,
call a use case and present.

They may import the apps' selectors, services and JSON contracts, the actor and the errors, but not
models, the pool or the engine: anything they would need from those is a use case another entry point
(the API, the portal) needs too, and belongs in a selector or service.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_engine_layers import SRC, _imports, _module_name

API_ROUTERS = [
    SRC / "shortlist" / "api" / f"{name}.py"
    for name in ("clients", "candidates", "pipeline", "views", "webhooks")
]
WEB = SRC / "shortlist" / "web"
INTERFACES = sorted(
    [
        *(SRC / "shortlist" / "cli").glob("*.py"),
        WEB / "views.py",
        WEB / "desk_views.py",
        WEB / "export_views.py",
        WEB / "search_views.py",
        WEB / "forms.py",
        SRC / "shortlist" / "portal" / "views.py",
        *API_ROUTERS,
    ]
)
ALLOWED = (
    "shortlist.cli",
    "shortlist.web.errors",
    "shortlist.web.paging",  # how a long list is paged (no rule of the workspace)
    "shortlist.web.forms",  # the desk's forms (shape only; the rules are the services')
    "shortlist.web.desk_views",
    "shortlist.accounts.access",
    "shortlist.accounts.services",  # users and the demo login: operator commands only
    "shortlist.demo.loader",  # `shortlist demo`: operator only
    "shortlist.background.workers",  # `shortlist worker` and `serve`: operator only
    "shortlist.errors",
    "shortlist.conf",
    "shortlist.engine.vocab.enums",  # controlled values for forms and filters
    *(f"shortlist.{app}.{layer}"
      for app in ("candidates", "clients", "pipeline", "compliance", "audit", "api", "webhooks", "embeddings")
      for layer in ("selectors", "services", "serialize")),
    # The API's own plumbing: authentication, pagination, bounded parameters, schemas.
    *(f"shortlist.api.{part}" for part in ("auth", "pagination", "params", "schemas")),
)  # fmt: skip


def _allowed(module: str) -> bool:
    return module == "shortlist" or any(module == a or module.startswith(f"{a}.") for a in ALLOWED)


@pytest.mark.parametrize("path", INTERFACES, ids=lambda p: _module_name(p))
def test_an_interface_imports_only_use_cases(path: Path) -> None:
    assert sorted(m for m in _imports(path) if not _allowed(m)) == []
