"""Data protection reads: everything held about a person (access request), what an erasure would
reach, and what is due (privacy notices, retention periods ending)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from shortlist.accounts.access import Actor, may_erase, may_handle_privacy, visible_candidates
from shortlist.audit.selectors import audit_rankings_of
from shortlist.candidates.models import Candidate, ImportFile
from shortlist.candidates.serialize import PROFILE_PREFETCH, profile_dict
from shortlist.errors import Forbidden, NotFound
from shortlist.pipeline.models import Application
from shortlist.webhooks.models import Delivery


def _require_privacy(actor: Actor) -> None:
    if not may_handle_privacy(actor):
        raise Forbidden("You are not allowed to handle personal-data requests.")


def _candidate(actor: Actor, candidate_id: int) -> Candidate:
    candidate = (
        visible_candidates(actor, Candidate.objects.all())
        .prefetch_related(*PROFILE_PREFETCH)
        .filter(pk=candidate_id)
        .first()
    )
    if candidate is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    return candidate


# --- access request (Art. 15) and portability (Art. 20) ------------------------------------------


def _when(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment else None


def _profile(candidate: Candidate) -> dict[str, Any]:
    """Contact, preferences, jobs, skills with the sentences they came from, scale, and the CV text."""
    data = profile_dict(candidate, with_text=True)
    data["cv_json"] = candidate.raw_json
    return data


def _data_protection(candidate: Candidate) -> dict[str, Any]:
    return {
        "lawful_basis": candidate.get_lawful_basis_display() or None,
        "consent_given": _when(candidate.consent_at),
        "privacy_notice_due": _when(candidate.notice_due),
        "privacy_notice_sent": _when(candidate.notice_sent_at),
        "kept_until": _when(candidate.retain_until),
        "profile_created": _when(candidate.created_at),
        "profile_updated": _when(candidate.updated_at),
    }


def _import_records(candidate: Candidate) -> list[dict[str, Any]]:
    records = ImportFile.objects.filter(candidate=candidate).select_related("batch").order_by("pk")
    return [
        {
            "file": record.name,
            "uploaded": _when(record.batch.created_at),
            "status": record.get_status_display(),
            "detail": record.reason or None,
            "warnings": list(record.warnings),
            "finished": _when(record.finished_at),
            "stored_file_held": bool(record.stored_path) and Path(record.stored_path).is_file(),
        }
        for record in records
    ]


def _pipelines(candidate: Candidate) -> list[dict[str, Any]]:
    applications = (
        Application.objects.filter(candidate=candidate)
        .select_related("role__client")
        .prefetch_related("history__changed_by", "notes__author")
        .order_by("created_at", "pk")
    )
    return [
        {
            "role": application.role.title,
            "client": application.role.client.name,
            "stage": application.get_stage_display(),
            "since": _when(application.created_at),
            "history": [
                {
                    "from": change.from_stage or None,
                    "to": change.to_stage,
                    "at": _when(change.changed_at),
                    "by": change.changed_by.get_username() if change.changed_by else None,
                    "note": change.note or None,
                }
                for change in application.history.all()
            ],
            "notes": [
                {
                    "at": _when(note.created_at),
                    "by": note.author.get_username() if note.author else None,
                    "text": note.body,
                }
                for note in sorted(application.notes.all(), key=lambda n: n.created_at)
            ],
        }
        for application in applications
    ]


# The sections of an access request, in the order the report shows them: (key, title, reader). Each
# reader gets the candidate row and returns JSON-ready data. Another store of personal data adds its
# reader here.
def _rankings(candidate: Candidate) -> list[dict[str, Any]]:
    return audit_rankings_of(candidate.pk)


def _webhook_events(candidate: Candidate) -> list[dict[str, Any]]:
    """Events that named them, sent (or to be sent) to another tool by webhook."""
    deliveries = Delivery.objects.filter(payload__data__candidate__id=candidate.pk).select_related("webhook")
    return [
        {
            "event": delivery.event,
            "to": delivery.webhook.url,
            "at": _when(delivery.created_at),
            "stage": delivery.payload.get("data", {}).get("to_stage"),
            "status": delivery.status,
            "delivered": _when(delivery.delivered_at),
        }
        for delivery in deliveries.order_by("created_at", "id")
    ]


ACCESS_REQUEST_SECTIONS: list[tuple[str, str, Callable[[Candidate], Any]]] = [
    ("profile", "Profile, experience and skills (with the sentences they came from)", _profile),
    ("data_protection", "Lawful basis, notice and retention", _data_protection),
    ("import_records", "Files their CV came in", _import_records),
    ("pipelines", "Roles they were considered for: stages, history and notes", _pipelines),
    ("rankings", "Rankings they appeared in: date, role, rank, score and reasons", _rankings),
    (
        "webhook_events",
        "Stage changes sent to other tools by webhook: where, when, delivered",
        _webhook_events,
    ),
]


@dataclass(frozen=True, slots=True)
class AccessReport:
    """Everything held about one person, section by section (see ACCESS_REQUEST_SECTIONS)."""

    candidate_id: int
    name: str
    generated_at: datetime
    sections: tuple[tuple[str, str, Any], ...]  # (key, title, data)


def candidate_access_request(*, actor: Actor, candidate_id: int) -> AccessReport:
    """A subject access request: every section of ACCESS_REQUEST_SECTIONS for one person."""
    _require_privacy(actor)
    candidate = _candidate(actor, candidate_id)
    sections = tuple((key, title, read(candidate)) for key, title, read in ACCESS_REQUEST_SECTIONS)
    return AccessReport(candidate.pk, candidate.name, timezone.now(), sections)


# --- erasure preview ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErasurePreview:
    """What an erasure of one profile will reach, for the confirmation an admin answers."""

    candidate_id: int
    name: str
    applications: int
    import_records: int
    # Other profiles that are likely the same person (a shared e-mail, or phone and name): erasing
    # this one leaves them, so the admin decides whether to erase them too.
    likely_same_person: tuple[int, ...]


def candidate_erasure_preview(*, actor: Actor, candidate_id: int) -> ErasurePreview:
    if not may_erase(actor):
        raise Forbidden("Only an admin may erase a candidate.")
    candidate = _candidate(actor, candidate_id)
    keys = list(candidate.identities.values_list("key", flat=True))
    linked = Candidate.objects.filter(
        Q(duplicate_of=candidate) | Q(pk=candidate.duplicate_of_id) | Q(identities__key__in=keys)
    ).exclude(pk=candidate.pk)
    return ErasurePreview(
        candidate.pk,
        candidate.name,
        candidate.applications.count(),
        ImportFile.objects.filter(candidate=candidate).count(),
        tuple(sorted(set(linked.values_list("pk", flat=True)))),
    )


# --- what is due -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrivacyDue:
    """The workspace's to-do list for data protection, each list soonest first."""

    today: date
    notices_due: QuerySet[Candidate]  # Art. 14 notice not yet sent, soonest due first
    retention_ending: QuerySet[Candidate]  # kept-until date within the warning window (or past)
    warning_days: int
    unrecorded: int  # profiles with no lawful basis (imported before it was recorded): never purged


def privacy_due(*, actor: Actor, today: date | None = None, limit: int = 50) -> PrivacyDue:
    """Notices to send and profiles whose retention period ends within SHORTLIST_RETENTION_WARNING_DAYS."""
    _require_privacy(actor)
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.RETENTION_WARNING_DAYS)
    people = visible_candidates(actor, Candidate.objects.all()).only(
        "id", "name", "notice_due", "notice_sent_at", "retain_until", "lawful_basis"
    )
    unsent = people.filter(notice_sent_at__isnull=True, notice_due__isnull=False)
    notices = unsent.order_by("notice_due", "id")
    ending = people.filter(retain_until__lte=horizon).order_by("retain_until", "id")
    unrecorded = people.filter(lawful_basis="").count()
    return PrivacyDue(today, notices[:limit], ending[:limit], settings.RETENTION_WARNING_DAYS, unrecorded)
