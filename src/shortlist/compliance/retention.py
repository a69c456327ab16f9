"""Lawful basis, the Art. 14 notice and retention: the dates a profile carries from its import on.

A CV an agency receives from a job board, a referral or a search was not handed over by the person for
this purpose, so UK/EU GDPR Art. 14 asks that they be told within a month. The workspace records the
basis it relies on (SHORTLIST_LAWFUL_BASIS, or consent with its date where the person gave it), when
the notice is due, and when the retention period for that basis ends (SHORTLIST_RETENTION_DAYS_*);
`shortlist purge` erases what is past it. Plain functions of settings and dates, no queries.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from shortlist.engine.vocab.enums import LawfulBasis


def one_month_after(day: date) -> date:
    """The same day of the next month, or its last day ("within one month", Art. 12(3)/14(3))."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_days(basis: str) -> int:
    return int(settings.RETENTION_DAYS.get(basis or settings.PRIVACY_DEFAULT_BASIS, 365))


def retention_end(basis: str, start: date) -> date:
    """The last day a profile held on `basis` since `start` may be kept."""
    return start + timedelta(days=retention_days(basis))


@dataclass(frozen=True, slots=True)
class ImportPrivacy:
    """What an import records about the basis: the workspace default, or consent given on a date."""

    basis: str = ""  # empty: the workspace default
    consent_at: datetime | None = None

    def fields(self, today: date | None = None) -> dict[str, object]:
        """The Candidate fields a new profile gets (lawful_basis, consent_at, notice_due, retain_until)."""
        today = today or timezone.localdate()
        basis = LawfulBasis(self.basis or settings.PRIVACY_DEFAULT_BASIS)
        if basis is LawfulBasis.CONSENT and self.consent_at is None:
            raise ValueError("consent needs the date it was given")
        start = timezone.localdate(self.consent_at) if self.consent_at else today
        return {
            "lawful_basis": basis.value,
            "consent_at": self.consent_at,
            # The notice is owed whenever the CV did not come from the person for this purpose; with
            # consent they were told when they gave it.
            "notice_due": None if basis is LawfulBasis.CONSENT else one_month_after(today),
            "retain_until": retention_end(basis.value, start),
        }
