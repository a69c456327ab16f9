"""schemathesis against the served OpenAPI schema, in process: generated requests (valid and invalid)
with a write token over a small seeded database; no answer is a 5xx and every answer matches the
schema (status documented, body shape, content type). Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from shortlist.accounts.access import Actor
from shortlist.api.services import token_create
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())

# A few dozen cases per operation keeps the whole run under two minutes on one core.
EXAMPLES = 10


@pytest.fixture
def in_process() -> Iterator[None]:
    """Requests run inside the test's transaction, as with Django's test client: the handler must not
    close the connection at the end of each (it would on PostgreSQL, the transaction being open)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def write_token(django_user_model: type, settings: object, in_process: None) -> str:
    from shortlist.accounts.models import Membership

    settings.API_RATE_LIMIT = 1_000_000  # the fuzzer is one very busy caller
    empty_index()
    one_of_everything()
    make_candidate(name="Linus Example", skills=(("python", 3), ("kafka", 1)), city="Cambridge")
    user = django_user_model.objects.create(username="fuzz")  # a token holder: no password to hash
    Membership.objects.create(user=user, role="recruiter")
    return token_create(actor=Actor.system(), username="fuzz", scope="write", name="fuzz").secret


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_request_breaks_the_api(case: object, write_token: str) -> None:
    # Schema-valid is not always acceptable: a role file's content, a duplicate name, an unknown id are
    # the use cases' to judge (422/409/404, all documented), so that one check is left out.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {write_token}"}, excluded_checks=[positive_data_acceptance]
    )
