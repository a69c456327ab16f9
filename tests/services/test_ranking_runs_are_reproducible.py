"""Every shortlist is stored, and `audit show` reproduces it against today's pool with the diff."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from shortlist.audit.models import RankingEntry, RankingRun
from shortlist.audit.selectors import run_replay
from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
from shortlist.cli import app
from shortlist.clients.services import role_import
from shortlist.errors import Forbidden
from shortlist.pipeline.selectors import shortlist_for_role
from tests.factories import make_candidate
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(operator):
    """A role, a pool of Go engineers of 1 to 8 years, and its stored top 4."""
    role = role_import(actor=operator, text=ROLE_FILE.read_text(), source="hft-go.yaml").role
    people = {
        years: make_candidate(name=f"Engineer {years}", skills=(("go", float(years)), ("kafka", 1.0)))
        for years in range(1, 9)
    }
    shortlist = shortlist_for_role(actor=operator, role_id=role.pk, top=4, interface="cli")
    return role, people, shortlist


def test_a_shortlist_is_stored_with_ids_and_scores_but_no_names(ranked) -> None:
    role, people, shortlist = ranked
    run = RankingRun.objects.get()
    assert shortlist.run_id == run.pk
    assert (run.interface, run.by, run.role_id, run.role_title) == ("cli", "operator", role.pk, role.title)
    assert run.options["top"] == 4 and run.pool_size == 8 and run.pool_fingerprint
    assert [c["key"] for c in run.role_snapshot["criteria"]] == [c.key for c in shortlist.role.criteria]
    entries = list(run.entries.all())
    assert [(e.rank, e.candidate_id, e.score) for e in entries] == [
        (row.match.rank, row.match.candidate_id, row.match.score) for row in shortlist.rows
    ]
    stored = json.dumps([run.role_snapshot, run.options, run.filtered, [e.reasons for e in entries]])
    assert not any(person.name in stored for person in people.values())


def test_an_unchanged_pool_reproduces_exactly(ranked, operator) -> None:
    replay = run_replay(actor=operator, run_id=ranked[2].run_id)
    assert replay.identical and replay.same_pool
    assert [c for _, c, _ in replay.now] == [row.match.candidate_id for row in ranked[2].rows]


def test_a_changed_pool_reproduces_with_who_entered_left_and_moved_and_why(ranked, operator) -> None:
    shortlist = ranked[2]
    top = [row.match.candidate_id for row in shortlist.rows]
    gone = Candidate.objects.get(pk=top[0])
    gone.delete()  # the best of the run leaves the pool
    CandidateRemoval.record([top[0]])  # as the services that delete do (erasure, merge)
    newcomer = make_candidate(name="Newcomer", skills=(("go", 12.0), ("kafka", 6.0)))
    changed = Candidate.objects.get(pk=top[3])  # the fourth loses Go: falls out of the top 4
    CandidateSkill.objects.filter(candidate=changed, skill="go").delete()
    changed.save()

    replay = run_replay(actor=operator, run_id=shortlist.run_id)

    assert not replay.identical and not replay.same_pool
    by_id = {c.candidate_id: c for c in replay.changes}
    assert (by_id[gone_id := top[0]].kind, by_id[gone_id].why) == ("left", ("candidate gone from the pool",))
    assert by_id[newcomer.pk].kind == "entered" and by_id[newcomer.pk].now_rank == 1
    assert by_id[newcomer.pk].why == ("joined the pool after the run",)
    assert by_id[changed.pk].kind == "left" and by_id[changed.pk].why == ("profile changed",)
    # The second and third kept their rank and score: the newcomer took the place of the one who left.
    assert top[1] not in by_id and top[2] not in by_id
    (promoted,) = [c for c in replay.changes if c.kind == "entered" and c.candidate_id != newcomer.pk]
    assert (promoted.now_rank, promoted.why) == (4, ("other candidates entered, left or changed",))

    result = CliRunner().invoke(app, ["audit", "show", str(shortlist.run_id), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["identical"] is False
    assert {(c["candidate_id"], c["kind"]) for c in shown["changes"]} >= {
        (gone_id, "left"),
        (newcomer.pk, "entered"),
        (changed.pk, "left"),
    }
    text = " ".join(CliRunner().invoke(app, ["audit", "show", str(shortlist.run_id)]).output.split())
    assert "candidate gone from the pool" in text and "joined the pool after the run" in text


def test_runs_are_listed_newest_first(ranked, operator) -> None:
    role = ranked[0]
    second = shortlist_for_role(actor=operator, role_id=role.pk, top=2, interface="cli")
    result = CliRunner().invoke(app, ["audit", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.output)] == [second.run_id, ranked[2].run_id]


def test_only_admins_read_the_audit(ranked, signed_in) -> None:
    with pytest.raises(Forbidden):
        run_replay(actor=signed_in, run_id=ranked[2].run_id)
    assert RankingEntry.objects.count() == 4
