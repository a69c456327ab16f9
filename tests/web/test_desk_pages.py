"""The desk's pages: intake from a pasted JD, the board's cards (time in stage, the reason, notes),
bulk add from the shortlist, My desk; each page's query count stays flat as data grows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shortlist.candidates.models import Candidate
from shortlist.clients.models import Role
from shortlist.pipeline.models import Application, StageChange
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db
JD = """Senior Go Engineer
Fenbright AI | Cambridge (hybrid) | £90k - £120k

We build payment rails. Requirements:
- 5+ years of Golang in production
- Kubernetes and Kafka
Nice to have: gRPC
"""


def _waiting(candidate, role, stage: str, days: int, note: str = "") -> Application:
    """An application that reached `stage` `days` ago (history is append-only: written that way)."""
    application = Application.objects.create(candidate=candidate, role=role, stage=stage)
    StageChange.objects.create(
        application=application, to_stage=stage, note=note, changed_at=timezone.now() - timedelta(days=days)
    )
    return application


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter)
    return client


def test_a_pasted_job_description_is_drafted_for_review_then_created(signed_in) -> None:
    client = one_of_everything()["client"]
    url = reverse("web:role_new", args=[client.pk])
    html = signed_in.post(url, {"step": "draft", "text": JD}).content.decode()
    assert "Drafted from the job description: check these" in html
    assert 'value="Senior Go Engineer"' in html and "title from" in html
    assert 'data-chips="skills"' in html  # must/nice lists become chips in the browser
    response = signed_in.post(
        url,
        {"step": "save", "title": "Senior Go Engineer", "project": "general", "languages": "go",
         "must_have": "Golang, Kubernetes", "nice_to_have": "gRPC", "salary_currency": "GBP"},
    )  # fmt: skip
    role = Role.objects.get(title="Senior Go Engineer")
    assert response.status_code == 302 and response["Location"] == reverse("web:role", args=[role.pk])
    assert sorted(role.requirements.values_list("term", flat=True)) == ["go", "grpc", "kubernetes"]


def test_a_card_shows_time_in_stage_the_reason_and_its_notes(signed_in) -> None:
    role = one_of_everything()["role"]
    ana = make_candidate(name="Ana Li")
    application = _waiting(ana, role, "interview", 4, "Client loved the CV")
    signed_in.post(reverse("web:note_new", args=["application", application.pk]), {"body": "Wants hybrid"})
    html = signed_in.get(reverse("web:role", args=[role.pk])).content.decode()
    card = html[html.index(f'id="card-{application.pk}"') :]
    card = card[: card.index("</li>")]
    assert "4 days in interview" in card
    assert "Client loved the CV" in card and "Wants hybrid" in card


def test_a_move_without_htmx_comes_back_to_the_board(signed_in) -> None:
    objects = one_of_everything()
    application = objects["application"]
    response = signed_in.post(reverse("web:application_move", args=[application.pk]), {"stage": "contacted"})
    assert response.status_code == 302 and response["Location"].endswith("#pipeline")
    application.refresh_from_db()
    assert application.stage == "contacted"


def test_bulk_add_from_the_shortlist_adds_the_ticked_and_says_so(signed_in) -> None:
    objects = one_of_everything()
    role = objects["role"]
    ana, bo = make_candidate(name="Ana Li", skills=(("go", 4),)), make_candidate(name="Bo Chen")
    page = signed_in.get(reverse("web:shortlist", args=[role.pk])).content.decode()
    assert 'form="bulk-add"' in page and f'value="{ana.pk}"' in page
    response = signed_in.post(
        reverse("web:shortlist_add", args=[role.pk]), {"candidate": [ana.pk, bo.pk]}, follow=True
    )
    assert "Added to the pipeline as sourced: Ana Li, Bo Chen." in response.content.decode()
    assert Application.objects.filter(role=role).count() == 3


def test_bulk_add_to_an_on_hold_role_warns(signed_in) -> None:
    role = one_of_everything()["role"]
    Role.objects.filter(pk=role.pk).update(status="on_hold")
    ana = make_candidate(name="Ana Li")
    html = signed_in.post(reverse("web:shortlist_add", args=[role.pk]), {"candidate": [ana.pk]}, follow=True)
    assert "is on hold: added anyway" in html.content.decode()


def test_my_desk_shows_who_waits_longest_and_what_needs_action(signed_in) -> None:
    role = one_of_everything()["role"]
    _waiting(make_candidate(name="Ana Li"), role, "sourced", 6)
    _waiting(make_candidate(name="Bo Chen"), role, "submitted", 1)
    html = signed_in.get(reverse("web:desk")).content.decode()
    assert "Ana Li</a> — contact them" in html and "Bo Chen</a> —" not in html  # 1 day is not overdue
    stuck = html[html.index("Waiting longest") :]
    assert stuck.index("Ana Li") < stuck.index("Bo Chen") < stuck.index("Grace Hopper")
    assert "6 days" in stuck


def test_desk_pages_query_count_does_not_grow_with_data(signed_in, django_assert_max_num_queries) -> None:
    objects = one_of_everything()
    role = objects["role"]
    for i in range(25):
        person = Candidate.objects.create(name=f"Filler {i}")
        Application.open(person, role)
    pages = [
        ("web:desk", []),
        ("web:role", [role.pk]),
        ("web:client_edit", [objects["client"].pk]),
        ("web:growth_edit", [objects["client"].pk]),
        ("web:role_edit", [role.pk]),
        ("web:candidate", [objects["candidate"].pk]),
    ]
    for name, args in pages:
        # 14: the candidate page's audit trail (the view it logs, blind review) and its tags come on top
        # of the desk's.
        with django_assert_max_num_queries(14):
            assert signed_in.get(reverse(name, args=args)).status_code == 200, name


def test_a_card_offers_the_next_stage_and_reject_as_buttons(signed_in) -> None:
    objects = one_of_everything()
    application = objects["application"]
    html = signed_in.get(reverse("web:role", args=[objects["role"].pk])).content.decode()
    assert 'name="stage" value="contacted" class="secondary">→ Contacted</button>' in html
    assert 'name="stage" value="rejected" class="secondary">Reject</button>' in html
    # The button's stage wins over the menu's, and a rejection still asks why.
    signed_in.post(
        reverse("web:application_move", args=[application.pk]), {"stage": "rejected", "to": "offer"}
    )
    application.refresh_from_db()
    assert application.stage == "sourced"
    signed_in.post(
        reverse("web:application_move", args=[application.pk]), {"stage": "contacted", "to": "offer"}
    )
    application.refresh_from_db()
    assert application.stage == "contacted"


def test_the_role_page_lists_its_latest_notes_and_links_to_all(signed_in) -> None:
    """Below the board (whose cards show each application's latest notes) the role page lists the
    newest 50 notes, says how many are older and links to all of them."""
    from shortlist.pipeline.models import ApplicationNote

    role = one_of_everything()["role"]
    before = ApplicationNote.objects.filter(application__role=role).count()  # older than these
    created = timezone.now() + timedelta(minutes=1)
    for n in range(55):
        note = ApplicationNote.objects.create(role=role, body=f"Role note {n:02d}")
        ApplicationNote.objects.filter(pk=note.pk).update(created_at=created + timedelta(minutes=n))
    url = reverse("web:role", args=[role.pk])
    html = signed_in.get(url).content.decode()
    assert "Role note 54" in html and "Role note 05" in html and "Role note 04" not in html
    assert f"The latest 50 shown; {5 + before} older." in html and 'href="?notes=all#notes"' in html
    everything = signed_in.get(url + "?notes=all").content.decode()
    assert "Role note 00" in everything and "older." not in everything


def test_a_card_prints_names_notes_and_reasons_as_text(signed_in) -> None:
    """The board's cards are written in Python (speed): what came from a CV or a keyboard is escaped."""
    role = one_of_everything()["role"]
    person = make_candidate(name="<b>Ana</b> & Co")
    application = _waiting(person, role, "screened", 1, '<img src=x onerror="alert(1)">')
    note = reverse("web:note_new", args=["application", application.pk])
    signed_in.post(note, {"body": "<script>x</script>"})
    html = signed_in.get(reverse("web:role", args=[role.pk])).content.decode()
    card = html[html.index(f'id="card-{application.pk}"') :]
    card = card[: card.index("</li>")]
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; Co" in card and "<b>Ana" not in card
    assert "&lt;script&gt;x&lt;/script&gt;" in card and "<script>" not in card
    assert "&lt;img src=x" in card and "<img" not in card
    assert f'action="/applications/{application.pk}/move/"' in card and 'value="submitted"' in card
