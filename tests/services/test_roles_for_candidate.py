"""roles_for_candidate: every open role scored for one candidate, best first."""

from __future__ import annotations

import pytest

from shortlist.clients.models import Role
from shortlist.clients.services import role_import
from shortlist.errors import Forbidden, NotFound
from shortlist.pipeline.selectors import roles_for_candidate
from shortlist.pipeline.serialize import candidate_roles_json
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db


def test_open_roles_are_ranked_for_the_candidate(operator, imported) -> None:
    role = role_import(actor=operator, text=ROLE_FILE.read_text(), source="hft-go.yaml").role
    anna = imported["anna-kowalska.pdf"]
    found = roles_for_candidate(actor=operator, candidate_id=anna)
    assert found.candidate_id == anna and [row.role for row in found.rows] == [role]
    payload = candidate_roles_json(found)
    assert payload["candidate"] == anna
    assert payload["results"][0]["role"] == {"id": role.pk, "title": role.title, "client": "Meridian Quant"}
    assert payload["results"][0]["band"] in ("strong", "good", "partial", "weak")
    Role.objects.filter(pk=role.pk).update(status="closed")
    assert roles_for_candidate(actor=operator, candidate_id=anna).rows == ()


def test_an_unknown_candidate_is_not_found(operator, imported) -> None:
    with pytest.raises(NotFound, match=r"^no candidate with id 99999$"):
        roles_for_candidate(actor=operator, candidate_id=99999)


def test_an_anonymous_actor_is_forbidden(anonymous, imported) -> None:
    with pytest.raises(Forbidden):
        roles_for_candidate(actor=anonymous, candidate_id=imported["anna-kowalska.pdf"])
