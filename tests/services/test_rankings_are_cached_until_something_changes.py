"""A repeated shortlist is served from the process's ranking cache, and any change shows at once.

What the cache holds is the engine's result; who may see it, what is in their pipeline and the audit
record of each ranking are worked out per request.
"""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.audit.models import RankingRun
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.candidates.ranking_cache import ResultCache
from shortlist.clients.models import Client, Role, RoleRequirement
from shortlist.clients.services import growth_plan_set, role_import, role_save
from shortlist.compliance.services import candidate_erase
from shortlist.errors import Forbidden
from shortlist.pipeline.models import Application
from shortlist.pipeline.selectors import roles_for_candidate, shortlist_for_role
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db


def _ranked(found) -> list[tuple[int, float, tuple[str, ...]]]:
    return [(r.match.candidate_id, r.match.score, tuple(r.match.reasons)) for r in found.rows]


def _uncached(actor: Actor, role_id: int, **options) -> list[tuple[int, float, tuple[str, ...]]]:
    """The ranking as it would be computed now with nothing cached."""
    pool._rankings.clear()
    return _ranked(shortlist_for_role(actor=actor, role_id=role_id, **options))


@pytest.fixture
def role_id(operator, imported) -> int:
    return role_import(actor=operator, text=ROLE_FILE.read_text(), source="hft-go.yaml").role.pk


def test_the_same_shortlist_twice_ranks_once_and_is_recorded_twice(operator, role_id) -> None:
    first = shortlist_for_role(actor=operator, role_id=role_id, top=3)
    hits = pool.ranking_cache_stats().hits
    second = shortlist_for_role(actor=operator, role_id=role_id, top=3)
    assert pool.ranking_cache_stats().hits == hits + 1
    assert _ranked(second) == _ranked(first)
    # Every ranking shown is still its own audit record.
    assert second.run_id != first.run_id and RankingRun.objects.count() == 2


def test_other_options_are_other_rankings(operator, role_id) -> None:
    three = shortlist_for_role(actor=operator, role_id=role_id, top=3)
    five = shortlist_for_role(actor=operator, role_id=role_id, top=5)
    assert len(three.rows) == 3 and len(five.rows) == 5
    filtered = shortlist_for_role(actor=operator, role_id=role_id, top=5, must_filter=True)
    assert filtered.filtered is not None and len(filtered.rows) < 5


def test_a_changed_candidate_shows_in_the_next_ranking(operator, role_id) -> None:
    before = shortlist_for_role(actor=operator, role_id=role_id, top=5)
    last = Candidate.objects.get(pk=before.rows[-1].match.candidate_id)
    for skill in ("go", "concurrency", "low_latency", "kafka", "distributed_systems"):
        CandidateSkill.objects.update_or_create(
            candidate=last,
            skill=skill,
            defaults={"years": 12, "last_used": 2026, "strength": 1.0, "evidence": []},
        )
    last.save()  # what every service that changes a profile does: a new updated_at
    after = shortlist_for_role(actor=operator, role_id=role_id, top=5)
    assert _ranked(after) != _ranked(before)
    assert after.rows[-1].match.candidate_id != last.pk
    assert _ranked(after) == _uncached(operator, role_id, top=5)


def test_an_edited_role_ranks_anew(operator, role_id) -> None:
    before = _ranked(shortlist_for_role(actor=operator, role_id=role_id, top=5))
    RoleRequirement.objects.create(role_id=role_id, term="rust", kind="must")
    after = _ranked(shortlist_for_role(actor=operator, role_id=role_id, top=5))
    assert after != before
    assert after == _uncached(operator, role_id, top=5)


def test_a_new_growth_plan_for_the_client_ranks_anew(operator, imported) -> None:
    client = Client.objects.create(name="Steep Ltd")
    data = {"title": "Go engineer", "languages": ["go"], "must_have": ["go"], "nice_to_have": ["kafka"]}
    role = role_save(actor=operator, client_id=client.pk, data=data).role
    before = shortlist_for_role(actor=operator, role_id=role.pk, top=5)
    # The role has no plan of its own: it follows the client's current one.
    growth_plan_set(
        actor=operator,
        client_id=client.pk,
        horizon_months=24,
        metrics={"traffic_rps": (100, 500_000), "data_tb": (1, 900), "engineers": (3, 80)},
    )
    after = shortlist_for_role(actor=operator, role_id=role.pk, top=5)
    assert after.role.scale.value > before.role.scale.value
    assert _ranked(after) != _ranked(before)
    assert _ranked(after) == _uncached(operator, role.pk, top=5)


def test_who_may_see_it_and_the_pipeline_are_read_per_request(operator, role_id) -> None:
    shortlist_for_role(actor=operator, role_id=role_id, top=3)
    client_name = role_row(role_id).client.name
    client_user = Actor.of(
        create_user("carol", "a-long-test-password", role=AccessRole.CLIENT, client=client_name)
    )
    with pytest.raises(Forbidden):
        shortlist_for_role(actor=client_user, role_id=role_id, top=3)
    first = shortlist_for_role(actor=operator, role_id=role_id, top=3).rows[0]
    assert not first.in_pipeline
    Application.open(Candidate.objects.get(pk=first.match.candidate_id), role_row(role_id))
    again = shortlist_for_role(actor=operator, role_id=role_id, top=3).rows[0]
    assert again.match.candidate_id == first.match.candidate_id and again.in_pipeline


def role_row(role_id: int) -> Role:
    return Role.objects.get(pk=role_id)


def test_an_erased_person_leaves_the_cache_with_the_erasure(operator, role_id) -> None:
    first = shortlist_for_role(actor=operator, role_id=role_id, top=5).rows[0].match.candidate_id
    assert pool.ranking_cache_stats().entries == 1
    candidate_erase(actor=operator, candidate_id=first, reason="request under article 17")
    # Nothing quoting their CV stays in this process, even before the next ranking.
    assert pool.ranking_cache_stats().entries == 0
    after = shortlist_for_role(actor=operator, role_id=role_id, top=5)
    assert first not in [row.match.candidate_id for row in after.rows]


def test_roles_for_a_candidate_follow_a_role_edit(operator, role_id, imported) -> None:
    candidate = imported["anna-kowalska.pdf"]
    before = roles_for_candidate(actor=operator, candidate_id=candidate).rows[0].fit
    assert roles_for_candidate(actor=operator, candidate_id=candidate).rows[0].fit == before
    RoleRequirement.objects.create(role_id=role_id, term="rust", kind="must")
    after = roles_for_candidate(actor=operator, candidate_id=candidate).rows[0].fit
    assert after.score < before.score and any("rust" in gap.lower() for gap in after.gaps)


def test_the_cache_keeps_to_its_bounds() -> None:
    cache: ResultCache[str] = ResultCache(max_entries=3, max_bytes=100, size_of=len)
    for key in "abcd":
        cache.put(key, key * 10)
    assert cache.get("a") is None and cache.get("d") == "d" * 10  # the oldest went first
    cache.get("b")  # used: kept over c
    cache.put("e", "e" * 80)  # 10 + 10 + 80 > 100: the least recently used goes
    assert cache.get("c") is None and cache.get("b") is not None and cache.get("e") is not None
    cache.put("huge", "x" * 101)  # larger than the whole budget: not kept, nothing else lost
    assert cache.get("huge") is None and cache.stats().entries == 3
