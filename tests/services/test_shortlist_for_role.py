"""shortlist_for_role: one ranked, explained shortlist for the CLI, the page and the API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.models import Candidate
from shortlist.cli import app
from shortlist.clients.services import role_file_parse, role_import
from shortlist.engine.matching.semantic import HashingEmbedder
from shortlist.errors import Forbidden, Invalid, NotFound
from shortlist.pipeline.models import Application
from shortlist.pipeline.selectors import Shortlist, shortlist_for_role
from shortlist.pipeline.serialize import shortlist_json
from tests.services.conftest import FIXTURES, POOL, ROLE_FILE

pytestmark = pytest.mark.django_db


def _spec(actor):
    return role_file_parse(actor=actor, text=ROLE_FILE.read_text(), source=str(ROLE_FILE)).spec


def test_a_workspace_role_ranks_the_pool_and_flags_the_pipeline(operator, imported) -> None:
    role = role_import(actor=operator, text=ROLE_FILE.read_text(), source="hft-go.yaml").role
    anna = imported["anna-kowalska.pdf"]
    Application.open(Candidate.objects.get(pk=anna), role)
    found = shortlist_for_role(actor=operator, role_id=role.pk, top=3)
    assert isinstance(found, Shortlist)
    assert (found.role_id, found.role_row, found.title) == (role.pk, role, role.title)
    assert [row.match.rank for row in found.rows] == [1, 2, 3]
    first = found.rows[0]
    assert first.match.candidate_id == anna and first.candidate.source == "anna-kowalska.pdf"
    assert first.candidate.name == Candidate.objects.get(pk=anna).name
    assert [row.in_pipeline for row in found.rows] == [True, False, False]
    assert (found.top, found.min_score, found.must_filter, found.semantic, found.skipped) == (
        3,
        0,
        False,
        0.0,
        (),
    )


def test_a_role_file_is_ranked_without_being_stored(operator, imported) -> None:
    found = shortlist_for_role(actor=operator, role_spec=_spec(operator), top=10)
    assert found.role_id is None and found.role_row is None
    assert len(found.rows) == len(POOL) and not any(row.in_pipeline for row in found.rows)
    from shortlist.clients.models import Role

    assert not Role.objects.exists()


def test_min_score_and_the_must_filter_cut_the_list(operator, imported) -> None:
    everyone = shortlist_for_role(actor=operator, role_spec=_spec(operator), top=10).rows
    cut = (everyone[1].match.score + everyone[2].match.score) / 2
    kept = shortlist_for_role(actor=operator, role_spec=_spec(operator), top=10, min_score=cut).rows
    assert [r.match.candidate_id for r in kept] == [
        r.match.candidate_id for r in everyone if r.match.score >= cut
    ]
    filtered = shortlist_for_role(actor=operator, role_spec=_spec(operator), top=10, must_filter=True)
    assert filtered.must_filter and len(filtered.rows) <= len(everyone)


def test_a_folder_is_ranked_and_the_database_never_sees_it(operator, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in POOL:
        shutil.copy(FIXTURES / "cvs" / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    found = shortlist_for_role(actor=operator, role_spec=_spec(operator), folder=[folder], top=10)
    assert found.rows[0].candidate.source == "anna-kowalska.pdf"
    assert found.rows[0].candidate.name == "Anna Kowalska"
    assert found.skipped == (("broken.pdf", "not a readable PDF"),)
    assert not Candidate.objects.exists()


def test_semantic_reranking_widens_the_pool_and_adds_its_part(operator, imported) -> None:
    found = shortlist_for_role(
        actor=operator, role_spec=_spec(operator), top=2, semantic=0.3, embedder=HashingEmbedder()
    )
    assert len(found.rows) == 2 and found.semantic == 0.3
    assert all("semantic" in row.match.breakdown for row in found.rows)


def test_the_cli_json_is_this_shortlist_rendered(operator, imported) -> None:
    printed = CliRunner().invoke(app, ["match", "--role", str(ROLE_FILE), "--top", "3", "--json"])
    built = shortlist_json(shortlist_for_role(actor=operator, role_spec=_spec(operator), top=3))
    assert json.loads(printed.stdout) == json.loads(json.dumps(built))
    # pool added by issue 8, filtered and bands by issue 11, semantic (stored vectors) by issue 8: each
    # added after the keys before it
    assert list(built) == ["role", "results", "pool", "filtered", "bands", "semantic"]
    assert list(built["results"][0]) == [
        "rank", "score", "candidate", "breakdown", "reasons", "gaps", "counterfactual", "summary", "band"
    ]  # fmt: skip


def test_an_unknown_role_is_not_found(operator, imported) -> None:
    with pytest.raises(NotFound, match=r"^no role with id 999$"):
        shortlist_for_role(actor=operator, role_id=999)


@pytest.mark.parametrize("both", [True, False])
def test_exactly_one_of_role_id_and_role_spec(operator, both: bool) -> None:
    given = {"role_id": 1, "role_spec": _spec(operator)} if both else {}
    with pytest.raises(Invalid, match=r"^give either a role id or a role spec$"):
        shortlist_for_role(actor=operator, **given)


def test_a_semantic_weight_outside_0_to_1_is_invalid(operator) -> None:
    with pytest.raises(Invalid, match="between 0 and 1"):
        shortlist_for_role(
            actor=operator, role_spec=_spec(operator), semantic=1.5, embedder=HashingEmbedder()
        )


def test_an_anonymous_actor_is_forbidden(anonymous, operator, imported) -> None:
    with pytest.raises(Forbidden):
        shortlist_for_role(actor=anonymous, role_spec=_spec(operator))


def test_a_folder_pool_never_touches_the_database(
    operator, tmp_path: Path, django_assert_num_queries
) -> None:
    from shortlist.candidates.selectors import folder_pool

    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(FIXTURES / "cvs" / "anna-kowalska.pdf", folder)
    with django_assert_num_queries(0):
        screened = folder_pool(actor=operator, paths=[folder])
    assert [(ref.id, ref.name, ref.source) for ref in screened.people.values()] == [
        (1, "Anna Kowalska", "anna-kowalska.pdf")
    ]
    assert len(screened.index) == 1 and screened.skipped == ()
