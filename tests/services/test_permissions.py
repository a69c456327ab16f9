"""Every use case asks `accounts.access` first: an anonymous actor is refused before anything happens.

The table lists each public function that takes `actor=`; a new one missing from it fails the last
test, so no use case can ship without going through the policy module.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest

from shortlist.accounts.access import Actor
from shortlist.candidates import selectors as candidate_selectors
from shortlist.candidates import services as candidate_services
from shortlist.clients import selectors as client_selectors
from shortlist.clients import services as client_services
from shortlist.errors import Forbidden, ShortlistError
from shortlist.pipeline import selectors as pipeline_selectors
from shortlist.pipeline import services as pipeline_services
from tests.factories import one_of_everything
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db
MODULES = [
    candidate_selectors, candidate_services, client_selectors,
    client_services, pipeline_selectors, pipeline_services,
]  # fmt: skip
# Reads of local files only, with nothing of the workspace in them: no rule applies.
OPEN_TO_ALL = {"folder_pool"}


def _calls(objects: dict[str, object], tmp_path: object) -> dict[str, Callable[[Actor], object]]:
    role, candidate = objects["role"].pk, objects["candidate"].pk
    text = ROLE_FILE.read_text()
    return {
        "candidate_list": lambda a: candidate_selectors.candidate_list(actor=a),
        "candidate_table": lambda a: candidate_selectors.candidate_table(actor=a),
        "candidate_get": lambda a: candidate_selectors.candidate_get(actor=a, candidate_id=candidate),
        "candidate_export": lambda a: candidate_selectors.candidate_export(actor=a, candidate_id=candidate),
        "candidate_similar": lambda a: candidate_selectors.candidate_similar(actor=a, candidate_id=candidate),
        "candidate_search": lambda a: candidate_selectors.candidate_search(actor=a, query="go"),
        "upload_list": lambda a: list(candidate_selectors.upload_list(actor=a)),
        "upload_get": lambda a: candidate_selectors.upload_get(actor=a, batch_id=objects["batch"].pk),
        "candidate_import_count": lambda a: candidate_services.candidate_import_count(
            actor=a, paths=[tmp_path]
        ),
        "candidate_import": lambda a: candidate_services.candidate_import(actor=a, paths=[tmp_path]),
        "upload_create": lambda a: candidate_services.upload_create(actor=a, files=[]),
        "candidate_merge": lambda a: candidate_services.candidate_merge(
            actor=a, keep_id=candidate, other_id=0
        ),
        "pool_index_refresh": lambda a: candidate_services.pool_index_refresh(actor=a),
        "candidate_reparse_ids": lambda a: candidate_services.candidate_reparse_ids(actor=a),
        "candidate_reparse": lambda a: candidate_services.candidate_reparse(
            actor=a, candidate_ids=[candidate]
        ),
        "candidate_reparse_enqueue": lambda a: candidate_services.candidate_reparse_enqueue(
            actor=a, candidate_ids=[candidate]
        ),
        "client_list": lambda a: list(client_selectors.client_list(actor=a)),
        "client_get": lambda a: client_selectors.client_get(actor=a, client_id=objects["client"].pk),
        "role_list": lambda a: list(client_selectors.role_list(actor=a)),
        "role_get": lambda a: client_selectors.role_get(actor=a, role_id=role),
        "role_show": lambda a: client_selectors.role_show(actor=a, role_id=role),
        "role_export": lambda a: client_selectors.role_export(actor=a, role_id=role),
        "role_list_open": lambda a: client_selectors.role_list_open(actor=a),
        "role_file_parse": lambda a: client_services.role_file_parse(actor=a, text=text, source="r.yaml"),
        "role_import": lambda a: client_services.role_import(actor=a, text=text, source="r.yaml"),
        "role_draft": lambda a: client_services.role_draft(actor=a, text="Senior Go engineer in London."),
        "shortlist_for_role": lambda a: pipeline_selectors.shortlist_for_role(actor=a, role_id=role),
        "roles_for_candidate": lambda a: pipeline_selectors.roles_for_candidate(
            actor=a, candidate_id=candidate
        ),
        "application_list": lambda a: list(pipeline_selectors.application_list(actor=a, role_id=role)),
        "application_open": lambda a: pipeline_services.application_open(
            actor=a, role_id=role, candidate_id=candidate
        ),
        "application_move": lambda a: pipeline_services.application_move(
            actor=a, application_id=objects["application"].pk, stage="contacted"
        ),
        # Issue 12: the desk's intake, board and notes.
        "client_save": lambda a: client_services.client_save(
            actor=a, client_id=objects["client"].pk, name="Meridian Quant"
        ),
        "growth_plan_set": lambda a: client_services.growth_plan_set(
            actor=a, client_id=objects["client"].pk, horizon_months=24, metrics={"users": (1e4, 1e6)}
        ),
        "growth_preview": lambda a: client_selectors.growth_preview(
            actor=a, client_id=objects["client"].pk, horizon_months=24, metrics={"users": (1e4, 1e6)}
        ),
        "role_save": lambda a: client_services.role_save(
            actor=a, client_id=objects["client"].pk, data={"title": "Platform Engineer"}
        ),
        "role_duplicate": lambda a: client_services.role_duplicate(actor=a, role_id=role),
        "role_status_set": lambda a: client_services.role_status_set(actor=a, role_id=role, status="on_hold"),
        "skill_suggest": lambda a: client_selectors.skill_suggest(actor=a, query="golang"),
        "playbook_list": lambda a: client_selectors.playbook_list(actor=a),
        "application_open_many": lambda a: pipeline_services.application_open_many(
            actor=a, role_id=role, candidate_ids=[candidate]
        ),
        "note_add": lambda a: pipeline_services.note_add(
            actor=a, body="Strong on Go", candidate_id=candidate
        ),
        "pipeline_board": lambda a: pipeline_selectors.pipeline_board(actor=a, role_id=role),
        "application_card": lambda a: pipeline_selectors.application_card(
            actor=a, application_id=objects["application"].pk
        ),
        "desk": lambda a: pipeline_selectors.desk(actor=a),
        "note_list": lambda a: list(pipeline_selectors.note_list(actor=a, role_id=role)),
        "dashboard_figures": lambda a: pipeline_selectors.dashboard_figures(actor=a),
    }


def _use_cases() -> set[str]:
    names = set()
    for module in MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            own = function.__module__ == module.__name__ and not name.startswith("_")
            if own and "actor" in inspect.signature(function).parameters:
                names.add(name)
    return names


def test_an_anonymous_actor_is_refused_by_every_use_case(anonymous, tmp_path) -> None:
    objects = one_of_everything()
    for name, call in _calls(objects, tmp_path).items():
        with pytest.raises(Forbidden):
            call(anonymous)
        assert objects["application"].history.count() == 1, name


@pytest.mark.parametrize("who", ["operator", "signed_in"])
def test_a_recruiter_and_the_operator_may_use_every_use_case(who, request, tmp_path) -> None:
    actor = request.getfixturevalue(who)
    objects = one_of_everything()
    for name, call in _calls(objects, tmp_path).items():
        try:
            call(actor)
        except Forbidden:  # pragma: no cover - the failure message names the use case
            pytest.fail(f"{name} refused {who}")
        except ShortlistError:
            pass  # other refusals (already in the pipeline, no such id) are the use case's own


def test_every_use_case_is_in_the_table(tmp_path) -> None:
    class Row:
        pk = 0

    placeholders = {k: Row() for k in ("role", "candidate", "client", "batch", "application")}
    assert _use_cases() == set(_calls(placeholders, tmp_path)) | OPEN_TO_ALL
