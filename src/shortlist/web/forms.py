"""The desk's forms (issue 12). They check shape only (required, numbers, lengths); the rules (a phone
number, a stage's words, a skill's canonical id, a salary band) live in the services, whose `Invalid`
issues `issues_to_form` puts back beside the field they belong to, so what was typed is kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django import forms
from django.forms.utils import pretty_name

from shortlist.engine.vocab.enums import ClientStage, RoleStatus, Seniority, Stage, WorkMode
from shortlist.errors import ShortlistError

TAG_HELP = "Separate with commas."
METRICS = (
    ("traffic_rps", "Traffic (requests/s)"),
    ("users", "Users"),
    ("data_tb", "Data (TB)"),
    ("engineers", "Engineers"),
)


def split_tags(text: str) -> list[str]:
    """ "London, Cambridge" → ["London", "Cambridge"]; a newline separates as well as a comma."""
    return list(dict.fromkeys(part.strip() for part in text.replace("\n", ",").split(",") if part.strip()))


def join_tags(values: Iterable[str]) -> str:
    return ", ".join(values)


class TagInput(forms.TextInput):
    """Comma-separated text; desk.js turns it into chips (with skill suggestions when `skills`)."""

    def __init__(self, *, skills: bool = False) -> None:
        attrs = {"data-chips": "skills" if skills else "tags", "autocomplete": "off"}
        super().__init__(attrs=attrs)


def tag_field(label: str, *, skills: bool = False, help_text: str = TAG_HELP) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=TagInput(skills=skills), help_text=help_text
    )


class ClientForm(forms.Form):
    name = forms.CharField(max_length=200)
    industry = forms.CharField(max_length=100, required=False, help_text="e.g. fintech, AI, payments.")
    stage = forms.ChoiceField(
        choices=[("", "—"), *ClientStage.choices()],
        required=False,
        help_text="Seed, Series A/B/C, pre-IPO… as you would say it.",
    )
    locations = tag_field("Locations", help_text="Offices, e.g. London, Cambridge. " + TAG_HELP)
    culture = tag_field("Culture", help_text="e.g. fast-paced, research-driven. " + TAG_HELP)
    notes = forms.CharField(required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=200, required=False, label="Job title")
    email = forms.CharField(max_length=254, required=False, label="E-mail")
    phone = forms.CharField(max_length=40, required=False, help_text="e.g. +44 20 7946 0958")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Each row's labels say which contact they belong to, so that no two fields share a label.
        number = (self.prefix or "").rsplit("-", 1)[-1]
        if number.isdigit():
            for name, field in self.fields.items():
                label = field.label or pretty_name(name)
                field.label = f"Contact {int(number) + 1} {label[0].lower()}{label[1:]}"


ContactFormSet = forms.formset_factory(ContactForm, extra=2, max_num=20, absolute_max=40)


class GrowthForm(forms.Form):
    horizon_months = forms.IntegerField(label="Horizon (months)", min_value=1, max_value=240, initial=36)
    plans = forms.CharField(
        required=False,
        max_length=10_000,
        label="In the client's words",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, label in METRICS:
            for end in ("now", "target"):
                self.fields[f"{name}_{end}"] = forms.FloatField(
                    label=f"{label} {end}", required=False, min_value=0, max_value=1e15
                )

    def metrics(self) -> dict[str, tuple[float | None, float | None]]:
        data = self.cleaned_data
        return {name: (data.get(f"{name}_now"), data.get(f"{name}_target")) for name, _ in METRICS}

    def metric_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(label, self[f"{name}_now"], self[f"{name}_target"]) for name, label in METRICS]


class JobDescriptionForm(forms.Form):
    text = forms.CharField(
        label="Job description",
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Paste it as the client sent it; you review every field before the role is created.",
    )


class RoleForm(forms.Form):
    title = forms.CharField(max_length=200)
    languages = tag_field("Primary languages", skills=True, help_text="e.g. Go, Python. " + TAG_HELP)
    project = forms.ChoiceField(label="Project type (playbook)", choices=[])
    seniority = forms.ChoiceField(choices=[("", "—"), *Seniority.choices()], required=False)
    location = forms.CharField(max_length=100, required=False)
    remote = forms.ChoiceField(label="Work mode", choices=[("", "—"), *WorkMode.choices()], required=False)
    salary_min = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    salary_max = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    salary_currency = forms.CharField(max_length=3, required=False, initial="GBP", label="Currency")
    must_have = tag_field("Must have", skills=True)
    nice_to_have = tag_field("Nice to have", skills=True)
    culture = tag_field("Culture")
    description = forms.CharField(required=False, max_length=50_000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: object, playbooks: Sequence[tuple[str, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = list(playbooks)

    def role_data(self) -> dict[str, object]:
        """The role file's keys, for `role_save`."""
        data = self.cleaned_data
        salary = None
        if data.get("salary_min") is not None or data.get("salary_max") is not None:
            salary = {"currency": (data.get("salary_currency") or "GBP").strip()}
            for end in ("min", "max"):
                if data.get(f"salary_{end}") is not None:
                    salary[end] = data[f"salary_{end}"]
        return {
            "title": data["title"],
            "languages": split_tags(data["languages"]),
            "project": data["project"],
            "seniority": data["seniority"] or None,
            "location": data["location"],
            "remote": data["remote"] or None,
            "salary": salary,
            "must_have": split_tags(data["must_have"]),
            "nice_to_have": split_tags(data["nice_to_have"]),
            "culture": split_tags(data["culture"]),
            "description": data["description"],
        }


class RoleStatusForm(forms.Form):
    status = forms.ChoiceField(choices=RoleStatus.choices())


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices())
    note = forms.CharField(
        required=False, max_length=10_000, label="Why", widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    body = forms.CharField(label="Note", max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}))
    visibility = forms.ChoiceField(
        choices=[("internal", "Internal"), ("shared", "Shared with the client")],
        initial="internal",
        required=False,
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("note", "Our note"), ("client_feedback", "Client feedback")],
        initial="note",
        required=False,
    )

    def clean_visibility(self) -> str:
        return self.cleaned_data["visibility"] or "internal"

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or "note"


class BulkAddForm(forms.Form):
    candidate = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Candidates")

    def clean_candidate(self) -> list[int]:
        return self.cleaned_data["candidate"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Any whole number is offered: the service decides who exists and who is visible.
        values = self.data.getlist("candidate") if hasattr(self.data, "getlist") else []
        self.fields["candidate"].choices = [(v, v) for v in values if str(v).isdigit()]


# Role file paths (from the engine) → the role form's fields.
ROLE_PATHS = {"salary": "salary_min", "salary.min": "salary_min", "salary.max": "salary_max"}
ROLE_PATHS["salary.currency"] = "salary_currency"


def issues_to_form(
    form: forms.Form,
    exc: ShortlistError,
    paths: dict[str, str] | None = None,
    *,
    formset: forms.BaseFormSet = None,
) -> None:
    """Put each of the service's issues beside its field: `must_have[2]` on must_have, `contacts[1].phone`
    on the second contact's phone; an issue without a field goes on top of the form."""
    for path, message in exc.issues or (("", str(exc)),):
        head = path.split("[", 1)[0].split(".", 1)[0]
        if formset is not None and head == "contacts" and "[" in path:
            index = int(path.split("[", 1)[1].split("]", 1)[0])
            field = path.rsplit(".", 1)[-1]
            if index < len(formset.forms) and field in formset.forms[index].fields:
                formset.forms[index].add_error(field, message)
                continue
        name = (paths or {}).get(path) or (paths or {}).get(head) or head
        if name in form.fields:
            form.add_error(name, message)
        else:
            form.add_error(None, f"{path}: {message}" if path else message)
