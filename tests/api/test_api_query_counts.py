"""The number of queries an API list makes does not grow with the rows it returns."""

from __future__ import annotations

import pytest

from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.pipeline.models import Application, ApplicationNote
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


def test_lists_make_a_fixed_number_of_queries(writer, django_assert_max_num_queries) -> None:
    objects = one_of_everything()
    client, role, application = objects["client"], objects["role"], objects["application"]
    for i in range(30):
        other = Client.objects.create(name=f"Client {i}")
        Role.objects.create(client=other, title=f"Role {i}")
        GrowthPlan.objects.create(client=client, horizon_months=12 + i)
        Application.open(make_candidate(name=f"Person {i}", skills=(("go", 2),)), role)
        ApplicationNote.objects.create(application=application, body=f"note {i}")
    lists = [
        "/clients", "/roles", "/candidates", f"/clients/{client.pk}/growth-plans",
        f"/roles/{role.pk}/applications", f"/applications/{application.pk}/notes",
        "/candidates/search?q=go",
    ]  # fmt: skip
    for path in lists:
        # Token lookup (1), the selector's own checks and rows, and the count of the page.
        with django_assert_max_num_queries(8):
            response = writer.get(f"{path}{'&' if '?' in path else '?'}limit=50")
        assert response.status_code == 200, path
        assert len(response.json()["items"]) >= 30, path
