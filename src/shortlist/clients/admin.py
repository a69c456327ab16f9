from __future__ import annotations

from django import forms
from django.contrib import admin

from shortlist.clients.models import Client, ClientContact, GrowthPlan, Role, RoleRequirement


class GrowthPlanInline(admin.StackedInline):
    model = GrowthPlan
    extra = 0
    fields = [
        "horizon_months",
        ("traffic_rps_now", "traffic_rps_target"),
        ("users_now", "users_target"),
        ("data_tb_now", "data_tb_target"),
        ("engineers_now", "engineers_target"),
        "plans",
    ]


class ClientContactInline(admin.TabularInline):
    model = ClientContact
    extra = 0
    fields = ["name", "title", "email", "phone"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    fields = ["title", "project_type", "seniority", "location", "remote_policy", "status"]
    show_change_link = True


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "stage", "created_at"]
    list_filter = ["stage", "industry"]
    search_fields = ["name", "industry", "notes"]
    inlines = [ClientContactInline, GrowthPlanInline, RoleInline]


@admin.register(GrowthPlan)
class GrowthPlanAdmin(admin.ModelAdmin):
    list_display = [
        "client",
        "horizon_months",
        "traffic_rps_now",
        "traffic_rps_target",
        "engineers_now",
        "engineers_target",
    ]
    list_filter = ["client"]
    search_fields = ["client__name", "plans"]
    list_select_related = ["client"]


class RoleRequirementInline(admin.TabularInline):
    model = RoleRequirement
    extra = 1
    fields = ["term", "kind", "weight"]


class RoleForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = [
            "client", "title", "status", "project_type", "languages", "seniority", "location",
            "remote_policy", "salary_min", "salary_max", "salary_currency", "growth_plan", "culture",
            "description",
        ]  # fmt: skip

    def __init__(self, *args: object, **kwargs: object) -> None:
        from shortlist.clients.roles import workspace_playbooks

        super().__init__(*args, **kwargs)
        choices = sorted((pid, f"{book.name} ({pid})") for pid, book in workspace_playbooks().items())
        self.fields["project_type"] = forms.ChoiceField(
            choices=choices,
            label="Project type",
            help_text="The playbook whose competencies the role starts from.",
        )


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    form = RoleForm
    list_display = ["title", "client", "project_type", "seniority", "location", "remote_policy", "status"]
    list_filter = ["status", "project_type", "seniority", "remote_policy", "client"]
    search_fields = ["title", "client__name", "description"]
    list_select_related = ["client"]
    autocomplete_fields = ["client"]
    raw_id_fields = ["growth_plan"]
    inlines = [RoleRequirementInline]
    fieldsets = [
        (None, {"fields": ["client", "title", "status", "project_type", "languages", "seniority"]}),
        (
            "Logistics",
            {"fields": ["location", "remote_policy", ("salary_min", "salary_max", "salary_currency")]},
        ),
        ("Context", {"fields": ["growth_plan", "culture", "description"]}),
    ]
