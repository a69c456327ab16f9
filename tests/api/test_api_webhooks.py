"""/api/v1/webhooks: the secret is answered once, at creation; a bad URL or event is a 422 with the field;
someone else's webhook is a 404; the delivery log is listed newest first."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.pipeline.services import application_move
from tests.api.conftest import ApiClient
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_create_answers_the_secret_once_and_list_never(writer: ApiClient) -> None:
    created = writer.post("/webhooks", {"url": "http://localhost:8080/hook", "events": ["import.finished"]})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["owner"] == "rita"
    listed = writer.get("/webhooks")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert body["secret"] not in listed.content.decode()
    assert listed.json()["items"][0]["secret_hint"] == body["secret"][:10] + "…"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://files.example.org/", "file:///etc/passwd", "//evil.example/x",
            "https://user:pw@crm.example.org/hook", "http://"],
)  # fmt: skip
def test_anything_but_an_http_url_is_a_422_naming_the_field(writer: ApiClient, url: str) -> None:
    response = writer.post("/webhooks", {"url": url, "events": ["import.finished"]})
    assert response.status_code == 422
    assert response.json()["issues"][0]["path"] == "url"


def test_an_unknown_event_is_a_422(writer: ApiClient) -> None:
    response = writer.post("/webhooks", {"url": "https://crm.example.org/", "events": ["candidate.deleted"]})
    assert response.status_code == 422


def test_delete_and_the_delivery_log(writer: ApiClient, make_user, issue) -> None:
    hook = writer.post(
        "/webhooks", {"url": "https://crm.example.org/", "events": ["application.stage_changed"]}
    )
    hook_id = hook.json()["id"]
    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")
    log = writer.get(f"/webhooks/{hook_id}/deliveries")
    assert log.status_code == 200
    [row] = log.json()["items"]
    assert (row["event"], row["status"], row["attempts"]) == ("application.stage_changed", "pending", 0)

    colleague = ApiClient(issue(make_user("rob")))
    assert colleague.get(f"/webhooks/{hook_id}/deliveries").status_code == 404
    assert colleague.request("DELETE", f"/webhooks/{hook_id}").status_code == 404
    assert writer.request("DELETE", f"/webhooks/{hook_id}").status_code == 204
    assert writer.request("DELETE", f"/webhooks/{hook_id}").status_code == 404
    assert writer.get("/webhooks").json()["count"] == 0
