"""Every API failure has one body, `{detail, code, issues: [{path, message}]}`, and the status of the
table in shortlist/errors.py (Invalid 422, NotFound 404, Forbidden 403, Conflict 409)."""

from __future__ import annotations

import pytest

from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def _shape(response: object) -> dict:
    body = response.json()
    assert set(body) == {"detail", "code", "issues"} and body["detail"], body
    return body


def test_unknown_ids_and_urls_are_404_with_the_body(writer) -> None:
    for path in ("/clients/999", "/roles/999", "/candidates/999", "/roles/999/match", "/nothing/here"):
        response = writer.get(path)
        assert response.status_code == 404, path
        assert _shape(response)["code"] == "not_found"


def test_bad_parameters_name_the_field(writer) -> None:
    body = _shape(writer.get("/candidates", data={"limit": 0}))
    assert body["code"] == "invalid" and [i["path"] for i in body["issues"]] == ["limit"]
    body = _shape(writer.get("/clients/abc"))
    assert [i["path"] for i in body["issues"]] == ["client_id"]
    body = _shape(writer.post("/clients", {"name": "A", "locations": "London"}))
    assert [i["path"] for i in body["issues"]] == ["locations"]


def test_a_nul_byte_is_a_422_not_a_database_error(writer) -> None:
    assert writer.get("/candidates", data={"q": "a\x00b"}).status_code == 422
    assert writer.post("/clients", {"name": "a\x00b"}).status_code == 422


def test_a_bad_role_file_lists_every_issue_with_its_path(writer) -> None:
    response = writer.post(
        "/roles", {"yaml": "title: Go dev\nclient: {name: Acme}\nbogus: 1\nseniority: guru\n"}
    )
    body = _shape(response)
    assert response.status_code == 422 and body["code"] == "invalid"
    assert {i["path"] for i in body["issues"]} >= {"bogus", "seniority"}


def test_a_conflict_is_409(writer) -> None:
    objects = one_of_everything()
    response = writer.post(
        f"/roles/{objects['role'].pk}/applications", {"candidate_id": objects["candidate"].pk}
    )
    assert response.status_code == 409 and _shape(response)["code"] == "conflict"
    moved = writer.post(f"/applications/{objects['application'].pk}/stage", {"stage": "sourced"})
    assert moved.status_code == 409


def test_a_malformed_boolean_query_is_422_naming_the_query(writer) -> None:
    body = _shape(writer.get("/candidates/search", data={"q": "(go AND"}))
    assert body["code"] == "invalid" and body["issues"][0]["path"] == "query"
