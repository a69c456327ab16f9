"""Loading the demo data: bulk candidates, three clients with roles and pipelines; idempotent, resettable."""

from __future__ import annotations

import hashlib
from itertools import pairwise

import pytest
from django.db import connection, transaction

from shortlist.candidates.models import Candidate, CandidateIdentity, CandidateSkill, Experience, ScaleClaim
from shortlist.clients.models import Client, GrowthPlan, Role, RoleRequirement
from shortlist.demo.generator import demo_clients, generate_candidates
from shortlist.demo.loader import load_demo, unhandled_relations
from shortlist.engine.vocab.enums import Stage
from shortlist.pipeline.models import Application, StageChange
from shortlist.pipeline.services import stage_history_erase

pytestmark = pytest.mark.django_db

N = 200
DEMO_NAMES = [client.name for client in demo_clients()]
ROLES = sum(len(client.roles) for client in demo_clients())


def generated_counts(n: int = N) -> dict[str, int]:
    people = list(generate_candidates(n))
    return {
        "experiences": sum(len(p.experiences) for p in people),
        "skills": sum(len(p.skills) for p in people),
        "claims": sum(len(p.scale_claims) for p in people),
    }


def stored_counts() -> dict[str, int]:
    demo = Candidate.objects.filter(source__startswith="demo/")
    return {
        "experiences": Experience.objects.filter(candidate__in=demo).count(),
        "skills": CandidateSkill.objects.filter(candidate__in=demo).count(),
        "claims": ScaleClaim.objects.filter(candidate__in=demo).count(),
    }


def test_load_creates_clients_roles_candidates_and_pipelines() -> None:
    batches: list[int] = []
    stats = load_demo(candidates=N, progress=batches.append)

    assert stats.created and stats.seconds >= 0
    assert (stats.clients, stats.roles, stats.candidates) == (3, ROLES, N)
    assert sum(batches) == N
    assert sorted(Client.objects.values_list("name", flat=True)) == sorted(DEMO_NAMES)
    assert GrowthPlan.objects.count() == 3
    assert Role.objects.count() == ROLES
    assert RoleRequirement.objects.filter(kind="must").count() >= ROLES
    assert Candidate.objects.filter(source__startswith="demo/").count() == N
    assert stored_counts() == generated_counts()

    applications = Application.objects.all()
    assert stats.applications == applications.count()
    assert 20 <= applications.count() <= 40
    assert Role.objects.filter(applications__isnull=False).distinct().count() == ROLES
    assert len({a.stage for a in applications}) >= 6
    for application in applications:
        history = list(application.history.order_by("changed_at", "id"))
        assert history[0].from_stage == "" and history[0].to_stage == Stage.SOURCED
        assert history[-1].to_stage == application.stage
        assert all(a.to_stage == b.from_stage for a, b in pairwise(history))
    assert not Application.objects.filter(stage=Stage.PLACED, role__status="on_hold").exists()


def test_a_stored_candidate_equals_the_generated_one() -> None:
    load_demo(candidates=N)
    for index in (0, 17, N - 1):
        generated = list(generate_candidates(index + 1))[index]
        stored = Candidate.objects.get(source=generated.source)
        for field in (
            "name", "emails", "phone", "city", "country", "github_url", "linkedin_url", "website_url",
            "headline", "seniority", "total_years", "work_mode", "open_to_relocation", "right_to_work",
            "notice_weeks", "salary_expectation", "salary_currency", "source",
        ):  # fmt: skip
            assert getattr(stored, field) == getattr(generated, field), field
        assert stored.raw_text == generated.cv_text
        assert stored.content_hash == hashlib.sha256(generated.cv_text.encode()).hexdigest()
        assert stored.created_at is not None and stored.created_at.tzinfo is not None

        jobs = list(stored.experiences.order_by("-start"))
        assert [(j.employer, j.title, j.start, j.end) for j in jobs] == [
            (j.employer, j.title, j.start, j.end) for j in generated.experiences
        ]
        assert jobs[0].description == "\n".join(generated.experiences[0].bullets)

        skills = {s.skill: s for s in stored.skills.all()}
        assert set(skills) == {s.skill for s in generated.skills}
        for expected in generated.skills:
            row = skills[expected.skill]
            assert (row.years, row.last_used, row.strength) == (
                expected.years, expected.last_used, expected.strength,
            )  # fmt: skip
            assert row.evidence == [
                {"section": expected.section, "snippet": expected.snippet, "strength": expected.strength}
            ]
        claims = sorted((c.metric, c.value, c.unit, c.snippet) for c in stored.scale_claims.all())
        assert claims == sorted((c.metric, c.value, c.unit, c.snippet) for c in generated.scale_claims)


def test_a_second_load_without_reset_creates_nothing() -> None:
    first = load_demo(candidates=N)
    second = load_demo(candidates=N)
    assert not second.created
    assert (second.clients, second.roles, second.candidates, second.applications) == (
        first.clients, first.roles, first.candidates, first.applications,
    )  # fmt: skip
    assert Candidate.objects.count() == N
    assert StageChange.objects.count() > first.applications


def test_reset_reloads_the_same_data_and_keeps_everything_else() -> None:
    own_client = Client.objects.create(name="Someone Else Ltd")
    own_role = Role.objects.create(client=own_client, title="Platform Engineer")
    own_candidate = Candidate.objects.create(name="Ada Lovelace", source="ada.pdf")
    first = load_demo(candidates=N)
    demo_candidate = Candidate.objects.get(source="demo/cv-000003.txt")
    # A demo candidate in a pipeline outside the demo: the reset must cascade through it.
    Application.open(demo_candidate, own_role).move_to(Stage.CONTACTED)
    Application.open(own_candidate, own_role)

    again = load_demo(candidates=N, reset=True)

    assert again.created
    assert (again.clients, again.roles, again.candidates, again.applications) == (
        first.clients, first.roles, first.candidates, first.applications,
    )  # fmt: skip
    assert stored_counts() == generated_counts()
    assert Candidate.objects.filter(source__startswith="demo/").count() == N
    assert not Candidate.objects.filter(pk=demo_candidate.pk).exists()
    assert Candidate.objects.filter(pk=own_candidate.pk).exists()
    assert list(own_role.applications.values_list("candidate__name", flat=True)) == ["Ada Lovelace"]
    assert StageChange.objects.filter(application__role=own_role).count() == 1
    # Nothing orphaned: every child row belongs to a candidate that exists.
    assert CandidateSkill.objects.count() == stored_counts()["skills"]
    assert Experience.objects.count() == stored_counts()["experiences"]


def test_new_rows_get_ids_after_existing_ones_and_the_orm_can_add_more() -> None:
    existing = Candidate.objects.create(name="Before", source="before.txt")
    load_demo(candidates=10)
    ids = list(Candidate.objects.filter(source__startswith="demo/").values_list("id", flat=True))
    assert min(ids) > existing.pk
    # The sequence (on PostgreSQL) was moved past the explicit ids.
    after = Candidate.objects.create(name="After", source="after.txt")
    assert after.pk > max(ids)
    skill = CandidateSkill.objects.create(candidate=after, skill="go", years=1)
    assert skill.pk > 0


def test_leftovers_of_an_interrupted_load_are_replaced_not_duplicated() -> None:
    load_demo(candidates=30)
    # As if the load stopped before the clients; their stage history leaves the only way it can.
    with transaction.atomic():
        stage_history_erase(application_ids=Application.objects.values_list("pk", flat=True))
        Client.objects.filter(name__in=DEMO_NAMES).delete()
    stats = load_demo(candidates=30)
    assert stats.created and stats.candidates == 30
    assert Candidate.objects.count() == 30


def test_a_client_of_the_same_name_made_by_the_user_is_left_alone() -> None:
    Client.objects.create(name=DEMO_NAMES[0], notes="Our own notes")
    stats = load_demo(candidates=40)
    assert stats.clients == 3
    assert Client.objects.get(name=DEMO_NAMES[0]).notes == "Our own notes"
    assert stats.roles == ROLES - len(demo_clients()[0].roles)


def test_zero_candidates_still_loads_the_clients() -> None:
    stats = load_demo(candidates=0)
    assert (stats.clients, stats.roles, stats.candidates, stats.applications) == (3, ROLES, 0, 0)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_the_sqlite_page_cache_is_restored_after_loading() -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        load_demo(candidates=5)
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before


@pytest.mark.django_db
def test_demo_candidates_are_found_by_their_email_on_import() -> None:
    load_demo(candidates=20)
    person = Candidate.objects.exclude(emails=[]).order_by("id").first()
    key = f"email:{person.emails[0].lower()}"
    assert CandidateIdentity.objects.filter(key=key).values_list("candidate_id", flat=True).get() == person.id


def test_the_reset_cascade_handles_every_relation_of_demo_rows() -> None:
    # The reset deletes with plain SQL; a new many-to-many or PROTECT relation needs SQL of its own.
    assert unhandled_relations(Candidate) == [] and unhandled_relations(Client) == []
