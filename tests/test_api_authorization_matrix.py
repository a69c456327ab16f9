"""Who gets what from every API operation: generated from the OpenAPI schema, so a new endpoint without
a rule fails.

Every operation in /api/openapi.json, for each caller {no token, a revoked token, a recruiter's read
token, a recruiter's write token, a recruiter's signed-in session, an admin's token, a token of a user
with no role, client A's user's token, client B's user's token} and {their own object, someone
else's}, against `EXPECTED`. No answer may show a person or a client the caller may not see.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from shortlist.accounts.access import Actor
from shortlist.accounts.models import Membership
from shortlist.api.services import token_create, token_revoke
from shortlist.candidates.models import ImportBatch, ImportFile
from shortlist.clients.models import Client, Role
from shortlist.pipeline.models import Application
from shortlist.webhooks.models import Webhook
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db

ACTORS = ("no_token", "revoked", "read", "write", "session", "admin", "no_role", "client_a", "client_b")
OWNERSHIP = ("own", "other")
AGENCY = ("write", "session", "admin")

Statuses = dict[str, int | tuple[int, int]]  # a (own, other) pair where the owner matters
REFUSED = {"no_token": 401, "revoked": 401, "no_role": 403}


def _pool(ok: int = 200) -> Statuses:
    """Agency staff only (the pool, rankings, uploads, internal notes): clients are refused."""
    return {**REFUSED, "read": ok, **dict.fromkeys(AGENCY, ok), "client_a": 403, "client_b": 403}


def _shared(ok: int = 200) -> Statuses:
    """A client user reads their own client's object; another client's does not exist for them."""
    return {**REFUSED, "read": ok, **dict.fromkeys(AGENCY, ok), "client_a": (ok, 404), "client_b": (ok, 404)}


def _shared_list() -> Statuses:
    """A list every reader gets, narrowed to what they may see (checked for leaks)."""
    return {**REFUSED, "read": 200, **dict.fromkeys(AGENCY, 200), "client_a": 200, "client_b": 200}


def _write(ok: int) -> Statuses:
    """A change: a write credential of agency staff; a read token is 403 (scope), clients 403."""
    return {**REFUSED, "read": 403, **dict.fromkeys(AGENCY, ok), "client_a": 403, "client_b": 403}


@dataclass
class World:
    rows: dict[str, dict[str, object]]  # "a" / "b" -> kind -> row
    secrets: dict[str, tuple[str, ...]]  # what only that side's readers may see
    pool_only: tuple[str, ...]  # people in the pool no client was sent

    def side(self, actor: str, ownership: str) -> str:
        mine = "b" if actor == "client_b" else "a"
        return mine if ownership == "own" else ("a" if mine == "b" else "b")


Body = Callable[[World, str, str], dict[str, object]]


@dataclass(frozen=True)
class Rule:
    statuses: Statuses
    body: Body | None = None  # JSON body for POST/PATCH: (world, side, caller) -> dict
    query: dict[str, object] = field(default_factory=dict)
    multipart: bool = False
    fresh: Callable[[World, str], None] | None = None  # replaces the side's object first (a DELETE)


def _new_candidate(world: World, side: str, caller: str) -> dict[str, object]:
    return {"candidate_id": make_candidate(name=f"Fresh {caller}").pk, "note": "from the matrix"}


def _role_yaml(world: World, side: str, caller: str) -> dict[str, object]:
    return {"yaml": f"title: Platform Engineer {caller}\nclient: {{name: Meridian Quant}}\nmust_have: [go]\n"}


def _webhook(owner: object) -> Webhook:
    return Webhook.objects.create(
        owner=owner, url="http://localhost:8080/hook", events=["application.stage_changed"], secret="whsec_t"
    )


def _fresh_webhook(world: World, side: str) -> None:
    world.rows[side]["webhook"] = _webhook(world.rows[side]["webhook"].owner)


def _mine(ok: int) -> Statuses:
    """A recruiter's own webhook ("a": rita's), not a colleague's ("b": the admin's); an admin any."""
    return {**REFUSED, "read": (ok, 404), "write": (ok, 404), "session": (ok, 404), "admin": ok,
            "client_a": 403, "client_b": 403}  # fmt: skip


NEXT_STAGE = {"write": "interview", "session": "offer", "admin": "placed"}

EXPECTED: dict[str, Rule] = {
    "client_list": Rule(_shared_list()),
    "client_create": Rule(_write(201), body=lambda w, s, c: {"name": f"New client {c}"}),
    "client_get": Rule(_shared()),
    "client_update": Rule(_write(200), body=lambda w, s, c: {"industry": "payments"}),
    "growth_plan_list": Rule(_shared()),
    "growth_plan_create": Rule(_write(201), body=lambda w, s, c: {"horizon_months": 24}),
    "role_list": Rule(_shared_list()),
    "role_import": Rule(_write(201), body=_role_yaml),
    "role_draft": Rule(_write(200), body=lambda w, s, c: {"text": "Senior Go engineer, London."}),
    "role_get": Rule(_shared()),
    "role_export": Rule(_shared()),
    "candidate_list": Rule(_shared_list()),
    "candidate_search": Rule(_pool(), query={"q": "go OR python"}),
    "candidate_get": Rule(_shared()),
    "upload_create": Rule(_write(202), multipart=True),
    "upload_get": Rule(_pool()),
    "role_match": Rule(_pool()),
    "candidate_roles": Rule(_pool()),
    "application_list": Rule(_shared()),
    "application_open": Rule(_write(201), body=_new_candidate),
    "application_move": Rule(
        _write(200), body=lambda w, s, c: {"stage": NEXT_STAGE.get(c.split("-")[0], "offer")}
    ),
    "application_note_list": Rule(_pool()),
    "application_note_add": Rule(_write(201), body=lambda w, s, c: {"body": f"note by {c}"}),
    "webhook_list": Rule(_pool()),
    "webhook_create": Rule(
        _write(201),
        body=lambda w, s, c: {"url": "https://crm.example.org/hook", "events": ["import.finished"]},
    ),
    "webhook_delete": Rule({**_mine(204), "read": 403}, fresh=_fresh_webhook),
    "webhook_delivery_list": Rule(_mine(200)),
    # Issue 12: the file itself; a read token may not POST (scope), clients never export.
    "shortlist_export": Rule(
        _write(200),
        body=lambda w, s, c: {
            "candidates": [{"id": w.rows["a"]["candidate"].pk, "line": c}],
            "format": "csv",
        },
    ),
}


@pytest.fixture(scope="module")
def operations(django_db_blocker: object) -> list[tuple[str, str, str]]:
    """(operationId, method, path) of every operation the served schema lists."""
    with django_db_blocker.unblock():
        schema = HttpClient().get("/api/openapi.json").json()
    return [
        (details["operationId"], method.upper(), path)
        for path, methods in schema["paths"].items()
        for method, details in methods.items()
    ]


@pytest.fixture(autouse=True)
def fast_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    empty_index()


@pytest.fixture
def world() -> World:
    made = one_of_everything()
    made["application"].move_to("submitted")
    rival = Client.objects.create(name="Rival Capital")
    rival_role = Role.objects.create(client=rival, title="Quant Developer at Rival")
    rival_hire = make_candidate(name="Rupert Rivalhire", emails=["rupert@rival.example"])
    rival_application = Application.open(rival_hire, rival_role)
    rival_application.move_to("submitted")
    # Both revealed to their client: before that a client user sees the person only blind (portal).
    Application.objects.filter(pk__in=[made["application"].pk, rival_application.pk]).update(
        revealed_at=timezone.now()
    )
    rival_batch = ImportBatch.objects.create()
    ImportFile.objects.create(batch=rival_batch, name="rupert.pdf", status="imported", candidate=rival_hire)
    loose = make_candidate(name="Lou Pool", skills=(("python", 3),))
    Application.open(loose, made["role"])  # sourced: in A's pipeline, never sent to the client
    rows = {
        "a": {"client": made["client"], "role": made["role"], "candidate": made["candidate"],
              "upload": made["batch"], "application": made["application"]},
        "b": {"client": rival, "role": rival_role, "candidate": rival_hire, "upload": rival_batch,
              "application": rival_application},
    }  # fmt: skip
    secrets = {
        "a": ("Grace Hopper", "grace@example.org", "Meridian Quant", "HFT Platform"),
        "b": ("Rupert Rivalhire", "rupert@rival.example", "Rival Capital", "Quant Developer at Rival"),
    }
    return World(rows, secrets, pool_only=("Lou Pool",))


@pytest.fixture
def callers(world: World, django_user_model: type) -> dict[str, HttpClient]:
    def user(username: str, role: str | None, client: Client | None = None) -> object:
        made = django_user_model.objects.create_user(username, password="a-long-test-password")
        if role is not None:
            Membership.objects.create(user=made, role=role, client=client)
        return made

    def token(owner: object, scope: str = "write") -> str:
        # Issued by the operator: a role-less user may not issue their own, yet might hold an old one.
        return token_create(actor=Actor.system(), username=owner.username, scope=scope, name="matrix").secret

    rita, ada = user("rita", "recruiter"), user("ada", "admin")
    world.rows["a"]["webhook"], world.rows["b"]["webhook"] = _webhook(rita), _webhook(ada)
    carol = user("carol", "client", world.rows["a"]["client"])
    bob = user("bob", "client", world.rows["b"]["client"])
    revoked = token_create(actor=Actor.system(), username="rita", scope="write", name="old")
    token_revoke(actor=Actor.system(), token_id=revoked.token.pk)
    secrets = {
        "no_token": None, "revoked": revoked.secret, "read": token(rita, "read"), "write": token(rita),
        "admin": token(ada), "no_role": token(user("nora", None)), "client_a": token(carol),
        "client_b": token(bob),
    }  # fmt: skip
    made = {}
    for caller, secret in secrets.items():
        made[caller] = HttpClient(headers={"Authorization": f"Bearer {secret}"} if secret else {})
    made["session"] = HttpClient()
    made["session"].force_login(rita)
    return made


def _expected(statuses: Statuses, actor: str, ownership: str) -> int:
    status = statuses[actor]
    return status if isinstance(status, int) else status[OWNERSHIP.index(ownership)]


def _leaks(world: World, actor: str, status: int, body: str) -> list[str]:
    """What the answer shows that this caller may not read."""
    if actor in ("read", *AGENCY) or status >= 300:
        return []
    sides = {"client_a": ("b",), "client_b": ("a",)}.get(actor, ("a", "b"))
    hidden = [secret for side in sides for secret in world.secrets[side]]
    return [secret for secret in [*hidden, *world.pool_only] if secret in body]


def _url(path: str, world: World, side: str) -> str:
    names = {"client_id": "client", "role_id": "role", "candidate_id": "candidate", "upload_id": "upload",
             "application_id": "application", "webhook_id": "webhook"}  # fmt: skip
    return re.sub(r"\{(\w+)\}", lambda m: str(world.rows[side][names[m.group(1)]].pk), path)


def test_every_operation_has_a_rule(operations) -> None:
    listed = {operation_id for operation_id, _, _ in operations}
    assert listed - set(EXPECTED) == set(), "an operation without an entry in EXPECTED"
    assert set(EXPECTED) - listed == set(), "a rule for an operation that no longer exists"


def test_each_caller_gets_the_expected_status_and_nothing_more(operations, world, callers) -> None:
    wrong = []
    for (operation_id, method, path), actor, ownership in itertools.product(operations, ACTORS, OWNERSHIP):
        rule = EXPECTED.get(operation_id)
        if rule is None:
            pytest.fail(f"{operation_id} has no rule in EXPECTED")
        side = world.side(actor, ownership)
        if rule.fresh:
            rule.fresh(world, side)
        url = _url(path, world, side)
        http, caller = callers[actor], f"{actor}-{ownership}"
        if rule.multipart:
            upload = SimpleUploadedFile("cv.txt", b"Jo Bloggs\nGo engineer at Acme 2020-2024")
            response = http.post(url, {"upload": [upload]})
        elif method == "GET":
            response = http.get(url, rule.query)
        else:
            body = rule.body(world, side, caller) if rule.body else {}
            response = http.generic(method, url, json.dumps(body), "application/json")
        expected = _expected(rule.statuses, actor, ownership)
        where = f"{method} {url} ({operation_id}) as {caller}"
        if response.status_code != expected:
            wrong.append(f"{where}: {response.status_code}, expected {expected}: {response.content[:120]!r}")
        leaked = _leaks(world, actor, response.status_code, response.content.decode(errors="replace"))
        if leaked:
            wrong.append(f"{where}: shows {leaked}")
    assert wrong == []


def test_the_schema_and_docs_are_served_to_anyone(client) -> None:
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Shortlist API"
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
