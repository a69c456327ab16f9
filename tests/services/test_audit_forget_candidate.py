"""For erasure and access requests (issue 15): a person's rankings can be listed with their score and
reasons, and forgotten so that each run still proves it happened and reproduces for everyone else."""

from __future__ import annotations

import json

import pytest

from shortlist.audit.models import AccessEvent, RankingEntry, SelfReport
from shortlist.audit.selectors import run_replay
from shortlist.audit.services import (
    access_record,
    audit_forget_candidate,
    audit_rankings_of,
    pseudonym,
    self_report_record,
)
from shortlist.clients.services import role_import
from shortlist.pipeline.selectors import shortlist_for_role
from tests.factories import make_candidate
from tests.services.conftest import ROLE_FILE

pytestmark = pytest.mark.django_db


def test_a_person_is_listed_then_forgotten_in_every_audit_record(operator) -> None:
    role = role_import(actor=operator, text=ROLE_FILE.read_text(), source="hft-go.yaml").role
    people = [make_candidate(name=f"Engineer {n}", skills=(("go", float(n)),)) for n in range(1, 6)]
    first = shortlist_for_role(actor=operator, role_id=role.pk, top=3, interface="cli")
    second = shortlist_for_role(actor=operator, role_id=role.pk, top=3, interface="page")
    best = first.rows[0].match.candidate_id
    access_record(actor=operator, candidate_id=best, kind="view")
    self_report_record(actor=operator, candidate_id=best, sex="female")

    held = audit_rankings_of(best)
    assert [(h["run"], h["rank"], h["score"]) for h in held] == [
        (first.run_id, 1, first.rows[0].match.score),
        (second.run_id, 1, second.rows[0].match.score),
    ]
    assert held[0]["reasons"] == first.rows[0].match.reasons and held[0]["role"] == role.title

    forgotten = audit_forget_candidate(best)

    alias = pseudonym(best)
    assert (forgotten.entries, forgotten.events, forgotten.self_reports, forgotten.pseudonym) == (
        2,
        1,
        1,
        alias,
    )
    assert audit_rankings_of(best) == []
    assert not RankingEntry.objects.filter(candidate_id=best).exists()
    assert not AccessEvent.objects.filter(candidate_id=best).exists()
    assert not SelfReport.objects.filter(candidate_id=best).exists()
    erased = RankingEntry.objects.filter(pseudonym=alias).order_by("run_id")
    assert [(e.run_id, e.rank, e.reasons, e.gaps) for e in erased] == [
        (first.run_id, 1, [], []),
        (second.run_id, 1, [], []),
    ]
    name = next(p.name for p in people if p.pk == best)
    assert name not in json.dumps(list(RankingEntry.objects.values("reasons", "gaps", "pseudonym")))

    replay = run_replay(actor=operator, run_id=first.run_id)  # the person is still in the pool here
    changes = {(c.subject, c.kind, c.why) for c in replay.changes}
    assert (f"erased {alias}", "left", ("erased",)) in changes
    others = {c.candidate_id for c in replay.changes} - {None, best}
    assert others == set()  # everyone else reproduces at the same rank and score
