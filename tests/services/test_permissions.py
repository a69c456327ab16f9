"""Every use case asks `accounts.access` first, with the rule of each role (issue 13).

The table lists each public function that takes `actor=`; a new one missing from it fails the last
test, so no use case can ship without going through the policy module. `READ_BY_CLIENTS` names the
reads a client user may make (their own client's rows, the candidates submitted to them); every
other use case is agency staff's alone.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from shortlist.accounts.access import Actor
from shortlist.accounts.models import Membership
from shortlist.api import selectors as token_selectors
from shortlist.api import services as token_services
from shortlist.audit import selectors as audit_selectors
from shortlist.audit import services as audit_services
from shortlist.audit import trail as audit_trail
from shortlist.candidates import selectors as candidate_selectors
from shortlist.candidates import services as candidate_services
from shortlist.clients import selectors as client_selectors
from shortlist.clients import services as client_services
from shortlist.clients.models import Client
from shortlist.clients.roles import role_profile
from shortlist.compliance import selectors as compliance_selectors
from shortlist.compliance import services as compliance_services
from shortlist.errors import Forbidden, NotFound, ShortlistError
from shortlist.pipeline import selectors as pipeline_selectors
from shortlist.pipeline import services as pipeline_services
from shortlist.pipeline.models import Application
from shortlist.webhooks import selectors as webhook_selectors
from shortlist.webhooks import services as webhook_services
from tests.factories import one_of_everything
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db
MODULES = [
    candidate_selectors, candidate_services, client_selectors,
    client_services, pipeline_selectors, pipeline_services, compliance_selectors, compliance_services,
    audit_selectors, audit_services, audit_trail,
    token_selectors, token_services, webhook_selectors, webhook_services,
]  # fmt: skip
# Reads of local files only, with nothing of the workspace in them: no rule applies.
OPEN_TO_ALL = {"folder_pool"}
# What a client user may read, narrowed to their own client (the portal's reads among them).
READ_BY_CLIENTS = {
    "candidate_list", "candidate_table", "candidate_get", "candidate_export",
    "client_list", "client_get", "role_list", "role_get", "role_show", "role_export", "role_list_open",
    "application_list", "growth_plan_list", "note_list",
    "submitted_role_list", "submission_list", "submission_get",
}  # fmt: skip
# Anyone with a role manages their own API tokens (tests/api/test_api_tokens.py).
OWN_TOKENS = {"token_create", "token_list", "token_revoke"}
# The one change a client user makes, and only they: feedback on a candidate submitted to them (the
# portal). Agency staff are refused it; they move the pipeline with `application_move`.
CLIENT_WRITES = {"application_feedback"}
AGENCY = ["operator", "recruiter_actor", "admin_actor"]
# Records what the actor just did with a candidate the calling selector already let them see.
RECORDS_ONLY = {"access_record"}


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
        "candidate_import_queue": lambda a: candidate_services.candidate_import_queue(actor=a, paths=[]),
        "upload_worker_running": lambda a: candidate_selectors.upload_worker_running(actor=a),
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
        "submitted_role_list": lambda a: list(pipeline_selectors.submitted_role_list(actor=a)),
        "submission_list": lambda a: pipeline_selectors.submission_list(actor=a, role_id=role),
        "submission_get": lambda a: pipeline_selectors.submission_get(
            actor=a, application_id=objects["application"].pk
        ),
        "application_reveal": lambda a: pipeline_services.application_reveal(
            actor=a, application_id=objects["application"].pk
        ),
        "application_feedback": lambda a: pipeline_services.application_feedback(
            actor=a, application_id=objects["application"].pk, decision="rejected", reason="skills"
        ),
        "candidate_access_request": lambda a: compliance_selectors.candidate_access_request(
            actor=a, candidate_id=candidate
        ),
        "privacy_due": lambda a: compliance_selectors.privacy_due(actor=a),
        "candidate_notice_sent": lambda a: compliance_services.candidate_notice_sent(
            actor=a, candidate_id=candidate
        ),
        "candidate_audit": lambda a: audit_selectors.candidate_audit(actor=a, candidate_id=candidate),
        "blind_state": lambda a: audit_selectors.blind_state(
            actor=a, role_id=role, candidate_ids=[candidate]
        ),
        "ranking_run_record": lambda a: audit_services.ranking_run_record(
            actor=a,
            interface="service",
            profile=role_profile(objects["role"]),
            role_id=role,
            matches=[],
            options={},
            pool=None,
        ),
        "access_record": lambda a: audit_trail.access_record(actor=a, candidate_id=candidate, kind="view"),
        "candidate_view": lambda a: audit_services.candidate_view(actor=a, candidate_id=candidate),
        "candidate_reveal": lambda a: audit_services.candidate_reveal(actor=a, candidate_id=candidate),
        "role_blind_review_set": lambda a: audit_services.role_blind_review_set(
            actor=a, role_id=role, enabled=True
        ),
        "user_blind_review_set": lambda a: audit_services.user_blind_review_set(actor=a, enabled=True),
        "application_note_list": lambda a: list(
            pipeline_selectors.application_note_list(actor=a, application_id=objects["application"].pk)
        ),
        "application_note_add": lambda a: pipeline_services.application_note_add(
            actor=a, application_id=objects["application"].pk, body="Call back"
        ),
        "growth_plan_list": lambda a: list(
            client_selectors.growth_plan_list(actor=a, client_id=objects["client"].pk)
        ),
        "token_create": lambda a: _own_token(a),
        "token_list": lambda a: list(token_selectors.token_list(actor=a)),
        "token_revoke": lambda a: token_services.token_revoke(actor=a, token_id=_own_token(a).pk),
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
        # Webhooks: agency staff only (a client user's token may not send the pipeline out).
        "webhook_create": lambda a: webhook_services.webhook_create(
            actor=a, url="http://localhost:8080/hook", events=["import.finished"]
        ),
        "webhook_list": lambda a: list(webhook_selectors.webhook_list(actor=a)),
        "webhook_get": lambda a: webhook_selectors.webhook_get(actor=a, webhook_id=0),
        "webhook_delete": lambda a: webhook_services.webhook_delete(actor=a, webhook_id=0),
        "delivery_list": lambda a: list(webhook_selectors.delivery_list(actor=a)),
        # Issue 12: the shortlist for the client and the original CV (agency staff only).
        "shortlist_export": lambda a: pipeline_selectors.shortlist_export(
            actor=a, role_id=role, candidate_ids=[candidate], fmt="csv"
        ),
        "candidate_cv_preview": lambda a: candidate_selectors.candidate_cv_preview(
            actor=a, candidate_id=candidate
        ),
        "candidate_cv_file": lambda a: candidate_selectors.candidate_cv_file(actor=a, candidate_id=candidate),
        # Issue 12: the candidates page's search, tags and saved searches.
        "candidate_find": lambda a: candidate_selectors.candidate_find(actor=a, query="golang OR python"),
        "candidate_tags": lambda a: candidate_selectors.candidate_tags(actor=a, candidate_id=candidate),
        "tag_list": lambda a: candidate_selectors.tag_list(actor=a),
        "candidate_tag_add": lambda a: candidate_services.candidate_tag_add(
            actor=a, candidate_id=candidate, tag="Shortlisted ACME"
        ),
        "candidate_tag_remove": lambda a: candidate_services.candidate_tag_remove(
            actor=a, candidate_id=candidate, tag="shortlisted-acme"
        ),
        "saved_search_list": lambda a: list(candidate_selectors.saved_search_list(actor=a)),
        "saved_search_create": lambda a: candidate_services.saved_search_create(
            actor=a, name="Go in London", query="golang location:london"
        ),
        "saved_search_delete": lambda a: candidate_services.saved_search_delete(actor=a, saved_search_id=0),
    }


def _admin_calls(objects: dict[str, object]) -> dict[str, Callable[[Actor], object]]:
    """Irreversible (erasure) or most sensitive (the audit trail, self-reports): admins and the operator."""
    candidate, role = objects["candidate"].pk, objects["role"].pk
    return {
        "candidate_erasure_preview": lambda a: compliance_selectors.candidate_erasure_preview(
            actor=a, candidate_id=candidate
        ),
        "candidate_erase": lambda a: compliance_services.candidate_erase(
            actor=a, candidate_id=0, reason="test"
        ),
        "retention_purge": lambda a: compliance_services.retention_purge(actor=a, dry_run=True),
        "run_list": lambda a: list(audit_selectors.run_list(actor=a)),
        "run_get": lambda a: audit_selectors.run_get(actor=a, run_id=0),
        "run_replay": lambda a: audit_selectors.run_replay(actor=a, run_id=0),
        "access_list": lambda a: list(audit_selectors.access_list(actor=a, candidate_id=candidate)),
        "ranking_appearances": lambda a: list(
            audit_selectors.ranking_appearances(actor=a, candidate_id=candidate)
        ),
        "bias_roles": lambda a: list(audit_selectors.bias_roles(actor=a)),
        "bias_report": lambda a: audit_selectors.bias_report(actor=a, role_id=role),
        "self_report_record": lambda a: audit_services.self_report_record(
            actor=a, candidate_id=candidate, sex="female"
        ),
    }


def _own_token(actor: Actor) -> object:
    """A token for the actor themself (the operator: for the first user)."""
    username = (
        getattr(actor.user, "username", "")
        or Membership.objects.values_list("user__username", flat=True).first()
        or ""
    )
    return token_services.token_create(actor=actor, username=username, scope="read", name="t").token


def _use_cases() -> set[str]:
    names = set()
    for module in MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            own = function.__module__ == module.__name__ and not name.startswith("_")
            if own and "actor" in inspect.signature(function).parameters:
                names.add(name)
    return names


def _user(django_user_model: type, username: str, role: str | None, client: Client | None = None) -> Actor:
    user = django_user_model.objects.create_user(username, password="a-long-test-password")
    if role is not None:
        Membership.objects.create(user=user, role=role, client=client)
    return Actor.of(django_user_model.objects.get(pk=user.pk))


@pytest.fixture
def objects() -> dict[str, object]:
    """One of everything, with the candidate submitted to the client (so its users see them)."""
    made = one_of_everything()
    made["application"].move_to("submitted")
    made["application"].notes.create(body="Shared with the client", visibility="shared")
    # Revealed: until then a client user sees the person only blind, through the portal's submissions.
    Application.objects.filter(pk=made["application"].pk).update(revealed_at=timezone.now())
    made["other_client"] = Client.objects.create(name="Other Client Ltd")
    return made


@pytest.fixture
def recruiter_actor(recruiter: object) -> Actor:
    return Actor.of(recruiter)


@pytest.fixture
def admin_actor(django_user_model: type) -> Actor:
    return _user(django_user_model, "ada", "admin")


def _rows(result: object) -> list[object] | None:
    """The rows of a list result (a QuerySet, a list of roles); None for one object or a composite."""
    return list(result) if isinstance(result, list | QuerySet) else None


def test_anonymous_and_role_less_actors_are_refused_by_every_use_case(
    objects, django_user_model, tmp_path
) -> None:
    refused = {"anonymous": Actor.of(AnonymousUser()), "no role": _user(django_user_model, "stray", None)}
    for who, actor in refused.items():
        for name, call in _calls(objects, tmp_path).items():
            with pytest.raises(Forbidden):
                call(actor)
            assert objects["application"].history.count() == 2, (who, name)


@pytest.mark.parametrize("who", AGENCY)
def test_agency_staff_and_the_operator_may_use_every_use_case(who, objects, request, tmp_path) -> None:
    actor = request.getfixturevalue(who)
    for name, call in _calls(objects, tmp_path).items():
        if name in CLIENT_WRITES:
            with pytest.raises(Forbidden):
                call(actor)
            continue
        try:
            call(actor)
        except Forbidden:  # pragma: no cover - the failure message names the use case
            pytest.fail(f"{name} refused {who}")
        except ShortlistError:
            pass  # other refusals (already in the pipeline, no such id) are the use case's own


def test_a_client_user_reads_their_own_client_and_changes_only_by_their_feedback(
    objects, django_user_model, tmp_path
) -> None:
    actor = _user(django_user_model, "carol", "client", objects["client"])
    for name, call in _calls(objects, tmp_path).items():
        if name in RECORDS_ONLY:
            continue
        if name in OWN_TOKENS:
            call(actor)  # their own tokens: allowed
        elif name in READ_BY_CLIENTS:
            rows = _rows(call(actor))
            assert rows is None or rows, f"{name} showed client A's user nothing of their own"
        elif name in CLIENT_WRITES:
            assert call(actor).pk == objects["application"].pk
        else:
            with pytest.raises(Forbidden):
                call(actor)
    assert objects["application"].history.count() == 2 + len(CLIENT_WRITES)


def test_another_clients_user_finds_nothing(objects, django_user_model, tmp_path) -> None:
    actor = _user(django_user_model, "bob", "client", objects["other_client"])
    for name, call in _calls(objects, tmp_path).items():
        if name in RECORDS_ONLY or name in OWN_TOKENS:
            continue  # what they just did, or their own tokens: nothing of client A's
        if name in CLIENT_WRITES:
            with pytest.raises(NotFound):  # another client's application does not exist for them
                call(actor)
            continue
        if name not in READ_BY_CLIENTS:
            with pytest.raises(Forbidden):
                call(actor)
            continue
        try:
            result = call(actor)
        except NotFound:
            continue  # another client's object does not exist for them: a 404, not a 403
        rows = _rows(result)
        assert rows is not None, f"{name} answered client B's user about client A's object"
        mine = [objects[k] for k in ("client", "role", "candidate", "application")]
        assert not [row for row in rows if row in mine], f"{name} leaked client A's rows to client B's user"


def test_every_use_case_is_in_the_table(tmp_path) -> None:
    class Row:
        pk = 0

    placeholders = {k: Row() for k in ("role", "candidate", "client", "batch", "application")}
    every = set(_calls(placeholders, tmp_path)) | set(_admin_calls(placeholders))
    assert _use_cases() == every | OPEN_TO_ALL
    assert set(_calls(placeholders, tmp_path)) >= READ_BY_CLIENTS | CLIENT_WRITES


def test_only_an_admin_or_the_operator_may_erase_or_read_the_audit(
    objects, recruiter_actor, admin_actor, operator, django_user_model
) -> None:
    refused = [
        Actor.of(AnonymousUser()),
        _user(django_user_model, "stray", None),
        _user(django_user_model, "carol", "client", objects["client"]),
        recruiter_actor,
    ]
    for name, call in _admin_calls(objects).items():
        for actor in refused:
            with pytest.raises(Forbidden):
                call(actor)
        for allowed in (operator, admin_actor):
            try:
                call(allowed)
            except Forbidden:  # pragma: no cover - the failure message names the use case
                pytest.fail(f"{name} refused an admin")
            except ShortlistError:
                pass
