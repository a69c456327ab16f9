"""What the workspace remembers to answer for its rankings: every shortlist run, who looked at whom,
blind-review settings, and voluntary self-reported categories for the bias report.

Records refer to candidates and roles by id, not by foreign key: a run must outlive the role that was
ranked and a person's erasure (which replaces their id by a keyed pseudonym, see services), and no
cascade may delete the proof that a ranking happened. Nothing here is read by scoring.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Sex(models.TextChoices):
    """The sex categories of NYC Local Law 144 bias audits (EEO-1), plus declining to answer."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    DECLINED = "prefer_not_to_say", "Prefer not to say"


class RaceEthnicity(models.TextChoices):
    """The race/ethnicity categories LL144 audits use (EEO-1: Hispanic or Latino, then non-Hispanic
    races), plus declining to answer."""

    HISPANIC_LATINO = "hispanic_latino", "Hispanic or Latino"
    WHITE = "white", "White"
    BLACK = "black", "Black or African American"
    NATIVE_HAWAIIAN_PACIFIC = "native_hawaiian_pacific", "Native Hawaiian or Other Pacific Islander"
    ASIAN = "asian", "Asian"
    NATIVE_AMERICAN_ALASKA = "native_american_alaska", "Native American or Alaska Native"
    TWO_OR_MORE = "two_or_more", "Two or more races"
    DECLINED = "prefer_not_to_say", "Prefer not to say"


class Interface(models.TextChoices):
    PAGE = "page", "workspace page"
    CLI = "cli", "command line"
    API = "api", "API"
    SERVICE = "service", "direct call"


class RankingRun(models.Model):
    """One shortlist as the engine produced it, with enough to reproduce it (see selectors.run_replay)."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    by = models.CharField(max_length=150, help_text='Username at the time, or "operator" for the CLI.')
    interface = models.CharField(max_length=10, choices=Interface.choices)
    role_id = models.PositiveBigIntegerField(
        null=True, blank=True, db_index=True, help_text="Empty: a role file."
    )
    role_title = models.CharField(max_length=300, blank=True)
    role_snapshot = models.JSONField(help_text="The role spec and the criteria and weights the engine used.")
    options = models.JSONField(default=dict, help_text="top, min_score, must-have filter and mode, semantic.")
    scoring_version = models.CharField(max_length=20)
    parser_version = models.CharField(max_length=20)
    role_model_version = models.CharField(max_length=20)
    taxonomy = models.CharField(max_length=64, blank=True, help_text="The taxonomy's fingerprint.")
    index_version = models.CharField(max_length=20, blank=True)
    pool_size = models.PositiveIntegerField(default=0)
    pool_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Hash of the (candidate id, profile version) set searched."
    )
    reference_year = models.PositiveSmallIntegerField(help_text="The year recency was measured from.")
    screened_folder = models.BooleanField(
        default=False, help_text="CVs ranked from a folder, never stored: cannot be reproduced."
    )
    filtered = models.JSONField(null=True, blank=True, help_text="Counts the must-have filter removed.")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"run {self.pk}: {self.role_title} ({self.by}, {self.interface})"


class RankingEntry(models.Model):
    """One ranked candidate of a run: an id (or, after erasure, a pseudonym), never a name."""

    run = models.ForeignKey(RankingRun, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveIntegerField()
    candidate_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    pseudonym = models.CharField(max_length=32, blank=True, help_text="Set when the person was erased.")
    score = models.FloatField()
    band = models.CharField(max_length=10, blank=True)
    profile_stamp = models.BigIntegerField(null=True, blank=True, help_text="Profile version ranked (µs).")
    reasons = models.JSONField(default=list, blank=True)
    gaps = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["run", "rank"]
        constraints = [models.UniqueConstraint(fields=["run", "rank"], name="ranking_entry_rank_once")]

    def __str__(self) -> str:
        return f"#{self.rank} {self.subject} {self.score:.1f}"

    @property
    def subject(self) -> str:
        return (
            f"candidate {self.candidate_id}" if self.candidate_id is not None else f"erased {self.pseudonym}"
        )


class AccessKind(models.TextChoices):
    VIEW = "view", "viewed the profile"
    EXPORT = "export", "exported the profile"
    DOWNLOAD = "download", "downloaded the CV"
    REVEAL = "reveal", "revealed in blind review"


class AccessEvent(models.Model):
    """Someone looked at, exported or revealed a candidate. Append-only, listable per candidate."""

    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    by = models.CharField(max_length=150)
    interface = models.CharField(max_length=10, choices=Interface.choices)
    kind = models.CharField(max_length=10, choices=AccessKind.choices)
    candidate_id = models.PositiveBigIntegerField(null=True, blank=True)
    pseudonym = models.CharField(max_length=32, blank=True)
    role_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="The role it was seen for.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["candidate_id", "-at"]),
            models.Index(fields=["user", "kind", "candidate_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.by} {self.get_kind_display()} {self.candidate_id or self.pseudonym}"


class RoleBlindReview(models.Model):
    """A role whose shortlist and candidate pages hide who people are until a reveal."""

    role = models.OneToOneField("clients.Role", on_delete=models.CASCADE, related_name="blind_review")
    enabled = models.BooleanField(default=True)
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"blind review {'on' if self.enabled else 'off'} for role {self.role_id}"


class UserBlindReview(models.Model):
    """A recruiter who prefers blind review on every role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blind_review"
    )
    enabled = models.BooleanField(default=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"blind review {'on' if self.enabled else 'off'} for user {self.user_id}"


class SelfReport(models.Model):
    """Categories a candidate chose to report about themselves, for the bias report only.

    Voluntary ("prefer not to say" is an answer, no row means not asked or not answered), never
    inferred, kept apart from the profile (no reverse accessor: a profile query cannot reach it), read
    only by admins through audit.selectors, and never by scoring
    (tests/test_scoring_never_sees_self_reports.py).
    Erasing the candidate deletes it with them.
    """

    candidate = models.OneToOneField("candidates.Candidate", on_delete=models.CASCADE, related_name="+")
    sex = models.CharField(max_length=24, choices=Sex.choices, blank=True)
    race_ethnicity = models.CharField(max_length=48, choices=RaceEthnicity.choices, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = "self-reported category"

    def __str__(self) -> str:
        return f"self-report {self.pk}"
