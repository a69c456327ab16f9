"""Client companies, where they are going (growth plans), and the roles they hire for."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from shortlist.engine.vocab.enums import ClientStage, RequirementKind, RoleStatus, Seniority, WorkMode


class Client(models.Model):
    name = models.CharField(max_length=200, unique=True)
    industry = models.CharField(max_length=100, blank=True, help_text="e.g. fintech, AI, cloud, payments.")
    stage = models.CharField(max_length=16, choices=ClientStage.choices(), blank=True)
    locations = models.JSONField(default=list, blank=True, help_text="Offices, e.g. London, Cambridge.")
    culture = models.JSONField(
        default=list, blank=True, help_text="Attributes such as fast-paced, research-driven, regulated."
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_growth_plan(self) -> GrowthPlan | None:
        # Lists of roles prefetch "client__growth_plans" so that each role does not query its plan.
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("growth_plans")
        if prefetched is not None:
            return max(prefetched, key=lambda plan: (plan.created_at, plan.pk), default=None)
        return self.growth_plans.order_by("-created_at", "-id").first()


class ClientContact(models.Model):
    """A hiring manager (or anyone the recruiter deals with) at the client; the phone is stored as E.164."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True, help_text="e.g. Head of Engineering.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["client", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.client})"


def _now_target(label: str) -> tuple[models.FloatField, models.FloatField]:
    return (
        models.FloatField(f"{label} now", null=True, blank=True),
        models.FloatField(f"{label} target", null=True, blank=True),
    )


class GrowthPlan(models.Model):
    """The client's trajectory over a horizon; empty metrics are unknown, not zero."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="growth_plans")
    horizon_months = models.PositiveSmallIntegerField(default=36)
    traffic_rps_now, traffic_rps_target = _now_target("traffic (req/s)")
    users_now, users_target = _now_target("users")
    data_tb_now, data_tb_target = _now_target("data (TB)")
    engineers_now, engineers_target = _now_target("engineers")
    plans = models.TextField(blank=True, help_text="The client's own words about where they are going.")
    created_at = models.DateTimeField(auto_now_add=True)

    METRICS = ("traffic_rps", "users", "data_tb", "engineers")

    class Meta:
        ordering = ["client", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(horizon_months__gt=0), name="growth_horizon_positive"),
            *[
                models.CheckConstraint(
                    condition=(Q(**{f"{m}_now__isnull": True}) | Q(**{f"{m}_now__gte": 0}))
                    & (Q(**{f"{m}_target__isnull": True}) | Q(**{f"{m}_target__gte": 0})),
                    name=f"growth_{m}_not_negative",
                )
                for m in ("traffic_rps", "users", "data_tb", "engineers")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.client} — {self.horizon_months} months"

    def metric(self, name: str) -> tuple[float | None, float | None]:
        return getattr(self, f"{name}_now"), getattr(self, f"{name}_target")


class Role(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    languages = models.JSONField(default=list, blank=True, help_text="Primary languages, e.g. go, python.")
    project_type = models.CharField(max_length=64, default="general", help_text="A playbook id.")
    seniority = models.CharField(max_length=10, choices=Seniority.choices(), blank=True)
    location = models.CharField(max_length=100, blank=True)
    remote_policy = models.CharField(max_length=10, choices=WorkMode.choices(), blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True, default="GBP")
    culture = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    growth_plan = models.ForeignKey(
        GrowthPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
        help_text="Empty: the client's current plan.",
    )
    status = models.CharField(max_length=10, choices=RoleStatus.choices(), default=RoleStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client", "title"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=F("salary_min")),
                name="role_salary_band_ordered",
                violation_error_message="The salary band's maximum is below its minimum.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.client})"

    @property
    def effective_growth_plan(self) -> GrowthPlan | None:
        return self.growth_plan or self.client.current_growth_plan


class RoleRequirement(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    term = models.CharField(
        max_length=100, help_text="A canonical skill id, or free text the taxonomy lacks."
    )
    kind = models.CharField(max_length=4, choices=RequirementKind.choices())
    weight = models.FloatField(default=1.0)

    class Meta:
        ordering = ["role", "kind", "-weight", "term"]
        constraints = [
            models.UniqueConstraint(fields=["role", "term"], name="one_requirement_per_term"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="requirement_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.term}"
