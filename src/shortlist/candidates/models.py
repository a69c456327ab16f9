"""A candidate's evidenced profile: who they are, where they worked, what they can show."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from shortlist.candidates import writes
from shortlist.engine.vocab.enums import SCALE_UNITS, LawfulBasis, ScaleMetric, Seniority, WorkMode

# A link a recruiter clicks: http(s) only, in any form (the admin's) as at import (URLField alone
# would also take ftp).
HTTP_URL = URLValidator(schemes=["http", "https"])

# Demo profiles are generated with their facts, not parsed from a CV: they carry this instead of a
# parser version (see candidates/reparse.py).
DEMO_PARSER_VERSION = "demo"


class Candidate(models.Model):
    name = models.CharField(max_length=200, db_index=True)
    emails = models.JSONField(default=list, blank=True, help_text="Every address found, primary first.")
    phone = models.CharField(max_length=40, blank=True, help_text="E.164 where it could be parsed.")
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. GB.")
    github_url = models.URLField(blank=True, validators=[HTTP_URL])
    linkedin_url = models.URLField(blank=True, validators=[HTTP_URL])
    website_url = models.URLField(blank=True, validators=[HTTP_URL])
    headline = models.CharField(max_length=200, blank=True, help_text="Current title or one-line summary.")
    seniority = models.CharField(max_length=10, choices=Seniority.choices(), blank=True)
    total_years = models.FloatField(null=True, blank=True, help_text="Years of professional experience.")

    work_mode = models.CharField("preferred work mode", max_length=10, choices=WorkMode.choices(), blank=True)
    open_to_relocation = models.BooleanField(null=True, blank=True, help_text="Empty when not stated.")
    right_to_work = models.JSONField(
        default=list, blank=True, help_text="Country codes where no sponsorship is needed."
    )
    needs_sponsorship = models.JSONField(
        default=list,
        blank=True,
        help_text='Country codes where the CV says a visa is needed ("*": anywhere).',
    )
    notice_weeks = models.PositiveSmallIntegerField("notice period (weeks)", null=True, blank=True)
    salary_expectation = models.PositiveIntegerField(null=True, blank=True, help_text="Yearly, gross.")
    salary_currency = models.CharField(max_length=3, blank=True)

    source = models.CharField(max_length=500, blank=True, help_text="File name or URL it came from.")
    raw_text = models.TextField(blank=True)
    raw_json = models.JSONField(
        null=True,
        blank=True,
        help_text="The JSON Resume document, when the CV was one (re-parsing reads it).",
    )
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    parser_version = models.CharField(
        max_length=20, blank=True, help_text="The parser rules that read this profile; empty when unknown."
    )
    import_warnings = models.JSONField(
        default=list, blank=True, help_text='What the parser could not read ("no job dates found").'
    )
    lawful_basis = models.CharField(max_length=24, choices=LawfulBasis.choices(), blank=True)
    consent_at = models.DateTimeField("consent date", null=True, blank=True)
    # Issue 15: set on import from the workspace's privacy settings (compliance.retention).
    notice_due = models.DateField(
        "privacy notice due", null=True, blank=True, help_text="Art. 14: one month after the CV was obtained."
    )
    notice_sent_at = models.DateTimeField("privacy notice sent", null=True, blank=True)
    retain_until = models.DateField(
        null=True, blank=True, db_index=True, help_text="`shortlist purge` erases the profile after this."
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="possible_duplicates",
        help_text="Set on import when another profile shares an e-mail or phone; merge or clear it.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["country", "city"]),
            models.Index(fields=["-updated_at"]),
            # The pages at 100,000 candidates (benchmarks/workspace_pages.py): the candidate list filtered by
            # seniority in name order, and the privacy page's count and notice list without a full scan.
            models.Index(fields=["seniority", "name", "id"], name="candidate_seniority_name"),
            # The whole list in its order: deep pages walk this index for their ids alone (web/paging.py).
            models.Index(fields=["name", "id"], name="candidate_name_id"),
            models.Index(fields=["lawful_basis"], name="candidate_lawful_basis"),
            models.Index(
                fields=["notice_due", "id"],
                condition=Q(notice_sent_at__isnull=True, notice_due__isnull=False),
                name="candidate_notice_unsent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_expectation__isnull=True) | ~Q(salary_currency=""),
                name="candidate_salary_has_currency",
                violation_error_message="A salary expectation needs its currency.",
            ),
            models.CheckConstraint(
                condition=Q(total_years__isnull=True) | Q(total_years__gte=0),
                name="candidate_years_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)
        writes.note()  # `updated_at` moved: this process's next ranking polls for it (writes.py)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        writes.note()
        return deleted

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.city, self.country) if part)

    @property
    def primary_email(self) -> str:
        return self.emails[0] if self.emails else ""


class CandidateRemoval(models.Model):
    """A candidate that left the pool (erased, merged into another, or removed with the demo data).

    Written by each service that deletes candidates, in the same transaction as the delete; every app
    process polls it (like `updated_at`) to drop the row from its in-memory view of the published index,
    so no request has to count the candidates table. Holds only the number the row had, never anything
    about the person, and is pruned when a version is published (candidates/pool.py)."""

    candidate_id = models.BigIntegerField()
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["removed_at"]

    def __str__(self) -> str:
        return f"#{self.candidate_id} removed {self.removed_at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, candidate_ids: Iterable[int]) -> int:
        """Log that these candidates are gone; call inside the transaction that deletes them."""
        rows = [cls(candidate_id=int(candidate_id)) for candidate_id in candidate_ids]
        cls.objects.bulk_create(rows, batch_size=500)
        writes.note()
        return len(rows)


class Experience(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="experiences")
    employer = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Empty while this is the current job.")
    description = models.TextField(blank=True)

    class Meta:
        # The CV's own order: the rows of one import are written in it. By start date, undated jobs (an
        # undated current job above the dated ones) came first on PostgreSQL and last on SQLite, and a
        # profile read back from the database listed its jobs unlike the parse it was stored from.
        ordering = ["candidate", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="experience_ends_after_start",
                violation_error_message="An experience cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer}".strip()

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "An experience cannot end before it starts."})

    @property
    def is_current(self) -> bool:
        return self.end is None


class CandidateSkill(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField("canonical skill id", max_length=64, db_index=True)
    years = models.FloatField(default=0)
    last_used = models.PositiveSmallIntegerField("last year used", null=True, blank=True)
    evidence = models.JSONField(
        default=list, blank=True, help_text='List of {"section": ..., "snippet": ...} where it was found.'
    )
    strength = models.FloatField(default=0, help_text="0 = named only, 1 = strong work evidence.")

    class Meta:
        ordering = ["candidate", "-strength", "skill"]
        # Who has a skill, without reading the rows: the candidate list's ?skill= filter and its count,
        # and the search's "id IN (who has one of these skills with strength > 0)" (candidates/search.py).
        indexes = [
            models.Index(
                fields=["skill", "candidate", "strength", "last_used"], name="candidateskill_skill_covering"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "skill"], name="one_row_per_candidate_skill"),
            models.CheckConstraint(condition=Q(strength__gte=0) & Q(strength__lte=1), name="strength_0_1"),
            models.CheckConstraint(condition=Q(years__gte=0), name="skill_years_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.years:g} y)"


class ScaleClaim(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scale_claims")
    metric = models.CharField(max_length=32, choices=ScaleMetric.choices())
    value = models.FloatField(help_text="Normalised to the metric's unit.")
    unit = models.CharField(max_length=16)
    snippet = models.TextField(blank=True, help_text="The sentence the claim came from.")

    class Meta:
        ordering = ["candidate", "metric", "-value"]
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="scale_value_not_negative")]

    def __str__(self) -> str:
        return f"{self.value:,.0f} {self.unit}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.unit and self.metric:
            self.unit = SCALE_UNITS[ScaleMetric(self.metric)]
        super().save(*args, **kwargs)


class CandidateIdentity(models.Model):
    """A normalised contact key ("email:ada@example.org", "phone:+447700900123") for finding the same
    person across files; an index on the key makes the look-up cheap at a million candidates."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="identities")
    key = models.CharField(max_length=260, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "key"], name="one_identity_key_per_candidate")
        ]

    def __str__(self) -> str:
        return self.key


def identity_keys(emails: list[str], phone: str) -> list[str]:
    keys = [f"email:{email.strip().lower()}" for email in emails if email.strip()]
    if phone.strip():
        keys.append(f"phone:{phone.strip()}")
    return list(dict.fromkeys(keys))


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    IMPORTED = "imported", "Imported"
    UPDATED = "updated", "Updated"
    UNCHANGED = "unchanged", "Unchanged"
    DUPLICATE = "duplicate", "Likely duplicate"
    FAILED = "failed", "Failed"


class ImportBatch(models.Model):
    """Files uploaded together through the workspace; each is imported by a background task."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    consent_at = models.DateTimeField(
        "consent date", null=True, blank=True, help_text="When the people consented (their lawful basis)."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Upload #{self.pk} ({self.created_at:%d %b %Y %H:%M})"


class ImportFile(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=500)
    stored_path = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    reason = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # When its import task was handed to the queue; empty while queued means the task may never have
    # been (the process died between saving and queueing): workers sweep those up (uploads.py).
    enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "name"]
        indexes = [models.Index(fields=["batch", "status"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_status_display()}"


# --- issue 12: tags and saved searches ------------------------------------------------------------------

TAG_MAX_LENGTH = 32


class CandidateTag(models.Model):
    """A recruiter's short free label on a candidate ("shortlisted-acme", "relocating"). Internal: a
    client user never sees one. Normalised by candidates.tags.normalise_tag before it is stored."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField(max_length=TAG_MAX_LENGTH, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate", "tag"]
        constraints = [models.UniqueConstraint(fields=["candidate", "tag"], name="one_row_per_candidate_tag")]

    def __str__(self) -> str:
        return self.tag


class SavedSearch(models.Model):
    """A recruiter's named query and filters for the candidates page; their own, by name."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=500, blank=True)
    skill = models.CharField(max_length=64, blank=True)
    seniority = models.CharField(max_length=10, blank=True)
    tag = models.CharField(max_length=TAG_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["owner", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="one_saved_search_per_name")]

    def __str__(self) -> str:
        return self.name
