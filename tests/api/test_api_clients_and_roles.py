"""Clients, growth plans and roles over the API: create, change, read back; role YAML in and out."""

from __future__ import annotations

import pytest

from shortlist.clients.models import Client, Role
from tests.factories import one_of_everything
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db


def test_create_read_and_update_a_client(writer) -> None:
    created = writer.post("/clients", {"name": "Acme Pay", "industry": "payments", "stage": "scale-up"})
    assert created.status_code == 201
    client_id = created.json()["id"]
    changed = writer.patch(f"/clients/{client_id}", {"locations": ["London", "Remote UK"]})
    assert changed.status_code == 200
    assert writer.get(f"/clients/{client_id}").json()["locations"] == ["London", "Remote UK"]
    assert Client.objects.get(pk=client_id).industry == "payments"  # untouched by the patch
    assert writer.patch(f"/clients/{client_id}", {"stage": "huge"}).status_code == 422


def test_a_taken_client_name_is_409_on_create_and_on_rename(writer) -> None:
    client = one_of_everything()["client"]
    created = writer.post("/clients", {"name": "meridian quant"})
    assert created.status_code == 409
    assert created.json()["code"] == "conflict" and created.json()["issues"][0]["path"] == "name"
    other = writer.post("/clients", {"name": "Acme Pay"}).json()["id"]
    assert writer.patch(f"/clients/{other}", {"name": client.name.upper()}).status_code == 409
    assert writer.patch(f"/clients/{other}", {"stage": "seed"}).json()["stage"] == "seed"


def test_a_new_growth_plan_becomes_the_clients_current_one(writer) -> None:
    client = one_of_everything()["client"]
    plan = {"horizon_months": 24, "traffic_rps": {"now": 500, "target": 50000}, "plans": "Go global"}
    created = writer.post(f"/clients/{client.pk}/growth-plans", plan)
    assert created.status_code == 201
    assert created.json()["traffic_rps"] == {"now": 500.0, "target": 50000.0}
    plans = writer.get(f"/clients/{client.pk}/growth-plans").json()
    assert plans["count"] == 2 and plans["items"][0]["id"] == created.json()["id"]
    assert client.current_growth_plan.pk == created.json()["id"]
    negative = writer.post(f"/clients/{client.pk}/growth-plans", {"users": {"now": -1}})
    assert negative.status_code == 422 and negative.json()["issues"][0]["path"] == "users.now"
    half = writer.post(f"/clients/{client.pk}/growth-plans", {"users": {"now": 10}})  # as the form refuses
    assert half.status_code == 422 and half.json()["issues"][0]["path"] == "users_target"


def test_role_yaml_round_trips(writer) -> None:
    created = writer.post("/roles", {"yaml": ROLE_FILE.read_text()})
    assert created.status_code == 201 and created.json()["created"] is True
    role_id = created.json()["role"]["id"]
    exported = writer.get(f"/roles/{role_id}/yaml").json()["yaml"]
    again = writer.post("/roles", {"yaml": exported})
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["role"]["id"] == role_id and Role.objects.count() == 1
    assert writer.get(f"/roles/{role_id}/yaml").json()["yaml"] == exported


def test_role_detail_has_requirements_and_weighted_criteria(writer) -> None:
    role = one_of_everything()["role"]
    body = writer.get(f"/roles/{role.pk}").json()
    assert body["must_have"] == ["go"] and body["nice_to_have"] == ["kafka"]
    assert body["salary"] == {"min": 90000, "max": 130000, "currency": "GBP"}
    assert all(c["why"] for c in body["profile"]["criteria"])
    listed = writer.get("/roles", data={"client_id": role.client_id}).json()
    assert [r["id"] for r in listed["items"]] == [role.pk]


def test_a_job_description_becomes_a_draft_that_imports(writer) -> None:
    jd = "Senior Go Engineer\nLondon, hybrid. Must have Go and Kafka. Nice to have: Kubernetes."
    draft = writer.post("/roles/drafts", {"text": jd})
    assert draft.status_code == 200 and "go" in draft.json()["yaml"] and draft.json()["notes"]
    assert not Role.objects.exists()  # a draft saves nothing
    yaml = draft.json()["yaml"] + "client: {name: Acme}\n"
    assert writer.post("/roles", {"yaml": yaml}).status_code == 201
