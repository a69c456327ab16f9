"""Who gets what from every URL: generated from the URL conf, so a new page without a rule fails.

Every pattern, for each of {anonymous, no role, recruiter, admin, client A's user, client B's user}
and {their own object, someone else's}, GET and (for forms and actions) POST, against the expected status in
`EXPECTED`. No response may show a person or client the actor may not see (zero leaks). The admin
site's own URLs are Django's; one test checks that only admins get in. The REST API (`api/`) has its
own matrix generated from its OpenAPI schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.candidates.models import ImportBatch, ImportFile, SavedSearch
from shortlist.clients.models import Client, Role
from shortlist.pipeline.models import Application
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "no_role", "recruiter", "admin", "client_a", "client_b")
OWNERSHIP = ("own", "other")
SKIPPED_NAMESPACES = ("admin", "api")  # Django's admin (see the last test) and the API's own matrix
SKIPPED_PREFIXES = ("admin/", "api/")

# Statuses by actor; a (own, other) pair where the answer depends on whose object it is.
Statuses = dict[str, int | tuple[int, int]]
AGENCY_PAGE: Statuses = {
    "anonymous": 302, "no_role": 403, "client_a": 403, "client_b": 403, "recruiter": 200, "admin": 200,
}  # fmt: skip
AGENCY_ACTION: Statuses = {**AGENCY_PAGE, "recruiter": 302, "admin": 302}  # a POST redirects on success
POST_ONLY: Statuses = {**AGENCY_PAGE, "recruiter": 405, "admin": 405}  # GET of an action
INVALID_FORM: Statuses = {**AGENCY_PAGE, "recruiter": 400, "admin": 400}  # re-rendered with its errors
EVERYONE = dict.fromkeys(ACTORS, 200)
# The client portal: a client user's own rows, 404 for another client's; agency staff who follow a
# portal link are sent to the workspace (302 to its dashboard), and refused (403) an action there.
PORTAL_PAGE: Statuses = {
    "anonymous": 302, "no_role": 403, "recruiter": 302, "admin": 302, "client_a": 200, "client_b": 200,
}  # fmt: skip
PORTAL_OBJECT: Statuses = {**PORTAL_PAGE, "client_a": (200, 404), "client_b": (200, 404)}
PORTAL_POST_ONLY: Statuses = {**PORTAL_PAGE, "client_a": 405, "client_b": 405}
PORTAL_ACTION: Statuses = {
    **PORTAL_PAGE,
    "recruiter": 403,
    "admin": 403,
    "client_a": (302, 404),
    "client_b": (302, 404),
}
PASSWORD = "a-long-test-password"


@dataclass(frozen=True)
class Rule:
    """What one URL pattern answers. `obj` names the kind of row its `pk` is."""

    get: Statuses
    post: Statuses | None = None  # None: not a form or an action, POST is not tried
    obj: str | None = None
    prefix: tuple[str, ...] = ()  # arguments before the object's pk (e.g. what a note is on)
    form: Callable[[World, str], dict[str, object]] = field(default=lambda world, actor: {})
    blind: bool = False  # a client user's page: not even their own candidates' names and contacts


@dataclass
class World:
    """Two clients, each with a role, a candidate submitted to it and an upload batch."""

    rows: dict[str, dict[str, object]]  # "a" / "b" -> kind -> row
    secrets: dict[str, tuple[str, ...]]  # "a" / "b" -> what only that side may read
    people: dict[str, tuple[str, ...]]  # "a" / "b" -> the submitted candidate's name and contacts

    def side(self, actor: str, ownership: str) -> str:
        mine = "b" if actor == "client_b" else "a"
        return mine if ownership == "own" else ("a" if mine == "b" else "b")


EXPECTED: dict[str, Rule] = {
    "login": Rule(
        get=EVERYONE,
        post=EVERYONE,  # a wrong password re-renders the form
        form=lambda world, actor: {"username": f"nobody-{actor}", "password": "not-the-password"},
    ),
    "logout": Rule(get=dict.fromkeys(ACTORS, 405), post=dict.fromkeys(ACTORS, 302)),
    "web:dashboard": Rule(get=AGENCY_PAGE),
    "web:client": Rule(get=AGENCY_PAGE, obj="client"),
    "web:role": Rule(get=AGENCY_PAGE, obj="role"),
    "web:shortlist": Rule(get=AGENCY_PAGE, obj="role"),
    "web:add_to_pipeline": Rule(
        get=POST_ONLY,
        post=AGENCY_ACTION,
        obj="role",
        form=lambda world, actor: {"candidate": world.rows["a"]["loose"].pk},
    ),
    "web:candidates": Rule(get=AGENCY_PAGE),
    "web:candidate": Rule(get=AGENCY_PAGE, obj="candidate"),
    "web:candidate_access_json": Rule(get=AGENCY_PAGE, obj="candidate"),
    "web:candidate_access_pdf": Rule(get=AGENCY_PAGE, obj="candidate"),
    "web:candidate_erase": Rule(
        get=POST_ONLY,
        post={**AGENCY_ACTION, "recruiter": 403},  # irreversible: admins only
        obj="candidate",
        form=lambda world, actor: {"reason": "The candidate asked to be forgotten."},
    ),
    "web:candidate_notice_sent": Rule(get=POST_ONLY, post=AGENCY_ACTION, obj="candidate"),
    "web:privacy": Rule(get=AGENCY_PAGE),
    "web:reveal": Rule(get=POST_ONLY, post=AGENCY_ACTION, obj="candidate"),
    "web:role_blind": Rule(
        get=POST_ONLY, post=AGENCY_ACTION, obj="role", form=lambda world, actor: {"enabled": "1"}
    ),
    "web:my_blind": Rule(get=POST_ONLY, post=AGENCY_ACTION, form=lambda world, actor: {"enabled": "1"}),
    # The recruiter's desk (issue 12). An empty form is refused field by field (400), never a 500.
    "web:client_new": Rule(get=AGENCY_PAGE, post=INVALID_FORM),
    "web:client_edit": Rule(get=AGENCY_PAGE, post=INVALID_FORM, obj="client"),
    "web:growth_edit": Rule(get=AGENCY_PAGE, post=INVALID_FORM, obj="client"),
    "web:growth_preview": Rule(get=AGENCY_PAGE, obj="client"),
    "web:role_new": Rule(get=AGENCY_PAGE, post=AGENCY_PAGE, obj="client"),  # an empty JD: the form again
    "web:role_edit": Rule(get=AGENCY_PAGE, post=INVALID_FORM, obj="role"),
    "web:role_duplicate": Rule(get=POST_ONLY, post=AGENCY_ACTION, obj="role"),
    "web:role_status": Rule(
        get=POST_ONLY, post=AGENCY_ACTION, obj="role", form=lambda world, actor: {"status": "on_hold"}
    ),
    "web:shortlist_add": Rule(
        get=POST_ONLY,
        post=AGENCY_ACTION,
        obj="role",
        form=lambda world, actor: {"candidate": world.rows["a"]["loose"].pk},
    ),
    "web:application_move": Rule(
        get=POST_ONLY, post=AGENCY_ACTION, obj="application", form=lambda world, actor: {"stage": "interview"}
    ),
    "web:note_new": Rule(
        get=POST_ONLY,
        post=AGENCY_ACTION,
        obj="application",
        prefix=("application",),
        form=lambda world, actor: {"body": "Call back on Friday"},
    ),
    "web:desk": Rule(get=AGENCY_PAGE),
    # Search, saved searches and tags (issue 12). Each side's saved search belongs to a third user, so
    # a recruiter finds neither (404: not theirs) and an admin deletes both.
    "web:saved_search_new": Rule(
        get=POST_ONLY, post=AGENCY_ACTION, form=lambda world, actor: {"name": f"Go {actor}", "q": "golang"}
    ),
    "web:saved_search_delete": Rule(
        get=POST_ONLY, post={**AGENCY_ACTION, "recruiter": 404}, obj="saved_search"
    ),
    "web:candidate_tag_new": Rule(
        get=POST_ONLY, post=AGENCY_ACTION, obj="candidate", form=lambda world, actor: {"tag": "relocating"}
    ),
    "web:candidate_tag_delete": Rule(
        get=POST_ONLY, post=AGENCY_ACTION, obj="candidate", form=lambda world, actor: {"tag": "relocating"}
    ),
    "web:skills_suggest": Rule(get=AGENCY_PAGE),
    "web:bias": Rule(get={**AGENCY_PAGE, "recruiter": 403}),  # self-reported categories: admins only
    "web:upload": Rule(
        get=AGENCY_PAGE,
        post=AGENCY_ACTION,
        form=lambda world, actor: {"files": [SimpleUploadedFile("cv.txt", b"Jo Bloggs\nGo engineer")]},
    ),
    "web:upload_detail": Rule(get=AGENCY_PAGE, obj="batch"),
    # Everyone with a role manages their own API tokens (the page shows nothing of anyone else's).
    "api_tokens": Rule(
        get={**EVERYONE, "anonymous": 302, "no_role": 403},
        post={**EVERYONE, "anonymous": 302, "no_role": 403},
        form=lambda world, actor: {"action": "create", "name": f"token {actor}", "scope": "read"},
    ),
    # The shortlist for the client (issue 12): a POST answers with the download itself.
    "web:shortlist_export": Rule(
        get=AGENCY_PAGE,
        post=AGENCY_PAGE,
        obj="role",
        form=lambda world, actor: {"candidate": world.rows["a"]["loose"].pk, "format": "csv"},
    ),
    # The original CV (issue 12): agency staff only. This world keeps no file, so a download is a 404.
    "web:candidate_cv": Rule(get=AGENCY_PAGE, obj="candidate"),
    "web:candidate_cv_download": Rule(get={**AGENCY_PAGE, "recruiter": 404, "admin": 404}, obj="candidate"),
    "web:candidate_cv_inline": Rule(get={**AGENCY_PAGE, "recruiter": 404, "admin": 404}, obj="candidate"),
    "web:reveal_to_client": Rule(get=POST_ONLY, post=AGENCY_ACTION, obj="application"),
    "portal:home": Rule(get=PORTAL_PAGE, blind=True),
    "portal:role": Rule(get=PORTAL_OBJECT, obj="role", blind=True),
    "portal:submission": Rule(get=PORTAL_OBJECT, obj="application", blind=True),
    "portal:feedback": Rule(
        get=PORTAL_POST_ONLY,
        post=PORTAL_ACTION,
        obj="application",
        form=lambda world, actor: {"decision": "rejected", "reason": "skills", "comment": "Not enough Go."},
        blind=True,
    ),
}


def _walk(
    resolvers: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(p for p in (namespace, entry.namespace or "") if p)
            skipped = (entry.namespace or "").startswith(SKIPPED_NAMESPACES) or route.startswith(
                SKIPPED_PREFIXES
            )
            if not skipped:
                yield from _walk(entry.url_patterns, route, inner)
        elif not route.startswith(SKIPPED_PREFIXES):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name or route, entry


PATTERNS = dict(_walk(get_resolver().url_patterns))


def _user(django_user_model: type, username: str, role: str | None, client: Client | None = None) -> object:
    if role is None:  # made by hand, as `createuser` cannot
        return django_user_model.objects.create_user(username, password=PASSWORD)
    return create_user(username, PASSWORD, role=AccessRole(role), client=client.name if client else None)


@pytest.fixture(autouse=True)
def fast_hashing(settings: object) -> None:
    # Six users per test; the production hasher's cost is the point of it, not of this test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world() -> World:
    made = one_of_everything()
    made["application"].move_to("submitted")
    rival = Client.objects.create(name="Rival Capital")
    rival_role = Role.objects.create(client=rival, title="Quant Developer at Rival")
    rival_hire = make_candidate(
        name="Rupert Rivalhire", emails=["rupert@rival.example"], phone="+447700900999"
    )
    rival_application = Application.open(rival_hire, rival_role)
    rival_application.move_to("submitted")
    rival_batch = ImportBatch.objects.create()
    ImportFile.objects.create(batch=rival_batch, name="rupert.pdf", status="imported", candidate=rival_hire)
    sam = get_user_model().objects.create_user("sam", password=PASSWORD)
    rows = {
        "a": {"client": made["client"], "role": made["role"], "candidate": made["candidate"],
              "batch": made["batch"], "loose": make_candidate(name="Lou Pool"),
              "application": made["application"],
              "saved_search": SavedSearch.objects.create(owner=sam, name="Go", query="golang")},
        "b": {"client": rival, "role": rival_role, "candidate": rival_hire, "batch": rival_batch,
              "application": rival_application,
              "saved_search": SavedSearch.objects.create(owner=sam, name="Java", query="java")},
    }  # fmt: skip
    secrets = {
        "a": ("Grace Hopper", "grace@example.org", "Meridian Quant", "HFT Platform", "Lou Pool"),
        "b": ("Rupert Rivalhire", "rupert@rival.example", "Rival Capital", "Quant Developer at Rival"),
    }
    people = {
        "a": ("Grace Hopper", "grace@example.org", "+447700900123"),
        "b": ("Rupert Rivalhire", "rupert@rival.example", "+447700900999"),
    }
    return World(rows, secrets, people)


@pytest.fixture
def clients(world: World, django_user_model: type) -> dict[str, HttpClient]:
    users = {
        "no_role": _user(django_user_model, "nora", None),
        "recruiter": _user(django_user_model, "rita", "recruiter"),
        "admin": _user(django_user_model, "ada", "admin"),
        "client_a": _user(django_user_model, "carol", "client", world.rows["a"]["client"]),
        "client_b": _user(django_user_model, "bob", "client", world.rows["b"]["client"]),
    }
    signed_in = {"anonymous": HttpClient()}
    for who, user in users.items():
        signed_in[who] = HttpClient()
        signed_in[who].force_login(user)
    return signed_in


def _expected(statuses: Statuses, actor: str, ownership: str) -> int:
    status = statuses[actor]
    return status if isinstance(status, int) else status[OWNERSHIP.index(ownership)]


def _leaks(world: World, actor: str, status: int, body: str, blind: bool = False) -> list[str]:
    """What the response shows that this actor may not read (on a blind page, a client user may not
    read their own candidates' names and contacts either: none is revealed in the world)."""
    if actor in ("recruiter", "admin"):
        return []  # agency staff see every client and candidate, in any answer
    sides = ("a", "b")
    if actor in ("client_a", "client_b") and status == 200:
        sides = ("b",) if actor == "client_a" else ("a",)
    shown = [secret for side in sides for secret in world.secrets[side] if secret in body]
    if blind and actor in ("client_a", "client_b"):
        shown += [contact for side in ("a", "b") for contact in world.people[side] if contact in body]
    return sorted(set(shown))


def test_every_url_pattern_has_a_rule() -> None:
    assert set(PATTERNS) - set(EXPECTED) == set(), "a URL without an entry in EXPECTED"
    assert set(EXPECTED) - set(PATTERNS) == set(), "a rule for a URL that no longer exists"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_actor_gets_the_expected_status_and_nothing_more(
    name: str, world: World, clients: dict[str, HttpClient]
) -> None:
    rule = EXPECTED.get(name)
    if rule is None:
        pytest.fail(f"{name} has no rule in EXPECTED")
    wrong = []
    for actor in ACTORS:
        for ownership in OWNERSHIP:
            side = world.side(actor, ownership)
            args = [*rule.prefix, world.rows[side][rule.obj].pk] if rule.obj else []
            url = reverse(name, args=args)
            tries = [("GET", rule.get)] + ([("POST", rule.post)] if rule.post is not None else [])
            for method, statuses in tries:
                http = clients[actor]
                form = rule.form(world, f"{actor}-{ownership}")
                response = http.get(url) if method == "GET" else http.post(url, form)
                expected = _expected(statuses, actor, ownership)
                where = f"{method} {url} as {actor} ({ownership} object)"
                if response.status_code != expected:
                    wrong.append(f"{where}: {response.status_code}, expected {expected}")
                body = response.content.decode(errors="replace") + response.get("Location", "")
                leaked = _leaks(world, actor, response.status_code, body, rule.blind)
                if leaked:
                    wrong.append(f"{where}: shows {leaked}")
                if (
                    response.status_code == 302
                    and actor == "anonymous"
                    and name.startswith(("web:", "portal:"))
                ):
                    assert response["Location"].startswith(reverse("login"))
                if (
                    response.status_code == 302
                    and actor in ("recruiter", "admin")
                    and name.startswith("portal:")
                ):
                    assert response["Location"] == reverse("web:dashboard"), where
    assert wrong == []


def test_only_admins_enter_the_admin_site(world: World, clients: dict[str, HttpClient]) -> None:
    for actor, http in clients.items():
        for url in (reverse("admin:index"), reverse("admin:candidates_candidate_changelist")):
            response = http.get(url)
            if actor == "admin":
                assert response.status_code == 200, url
            else:
                assert response.status_code == 302, (actor, url)
                assert response["Location"].startswith(reverse("admin:login"))
