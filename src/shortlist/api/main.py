"""The API object: version 1 under /api/v1, its OpenAPI schema at /api/openapi.json and the Swagger UI
at /api/docs. Every operation needs a token or a signed-in session (see auth.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI

from shortlist.api import candidates, clients, errors, pipeline, webhooks
from shortlist.api.auth import TokenAuth, WorkspaceSession
from shortlist.api.schemas import ErrorOut

VERSION = "v1"


class ShortlistAPI(NinjaAPI):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._schemas: dict[str, Any] = {}

    def get_openapi_operation_id(self, operation: Any) -> str:
        # The use case's name ("client_list", "role_match"): stable, and what the matrix test lists.
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        # The schema follows the code, not the data: built once per prefix (it took ~350 ms of CPU on
        # every GET of /api/openapi.json and of the Swagger page's fetch).
        key = path_prefix if path_prefix is not None else self.get_root_path(path_params or {})
        cached = self._schemas.get(key)
        if cached is None:
            cached = self._schemas[key] = super().get_openapi_schema(path_prefix=key)
        return cached

    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        # Every answer may carry personal data (contact details, salaries, pipelines): never cached.
        response = super().create_response(request, data, *args, **kwargs)
        add_never_cache_headers(response)
        return response


api = ShortlistAPI(
    title="Shortlist API",
    version="1",
    description=(
        "The recruiter workspace over HTTP. Authenticate with a personal token "
        "(`shortlist token create USER --scope read|write --name NAME`) sent as "
        "`Authorization: Bearer <token>`; read tokens may only GET. Lists take `limit` (1-100, "
        "default 20) and `offset` and answer `{items, count}`. Errors answer "
        "`{detail, code, issues: [{path, message}]}`. "
        "Each token may make API_RATE_LIMIT requests a minute (429 with Retry-After beyond)."
    ),
    auth=[TokenAuth(), WorkspaceSession()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)

# Every operation may answer these; declared once so the schema (and schemathesis) knows their shape.
COMMON = {status: ErrorOut for status in errors.ERROR_STATUSES}
for router in (clients.router, candidates.router, pipeline.router, webhooks.router):
    for view in router.path_operations.values():
        for operation in view.operations:
            for status, schema in COMMON.items():
                operation.response_models.setdefault(status, operation._create_response_model(schema))
    api.add_router(f"/{VERSION}/", router)
