"""Small, explicit builders for test data (the demo generator covers volume)."""

from __future__ import annotations

from datetime import date

from shortlist.candidates.models import (
    Candidate,
    CandidateSkill,
    Experience,
    ImportBatch,
    ImportFile,
    ScaleClaim,
)
from shortlist.clients.models import Client, GrowthPlan, Role, RoleRequirement
from shortlist.pipeline.models import Application, ApplicationNote


def one_of_everything(user: object = None) -> dict[str, object]:
    client = Client.objects.create(
        name="Meridian Quant",
        industry="fintech",
        stage="scale-up",
        locations=["London"],
        culture=["fast-paced", "engineering-led"],
    )
    plan = GrowthPlan.objects.create(
        client=client, horizon_months=36, traffic_rps_now=2000, traffic_rps_target=80000, engineers_now=12,
        engineers_target=60, plans="Expand to US equities.",
    )  # fmt: skip
    role = Role.objects.create(
        client=client, title="Senior Go Engineer - HFT Platform", languages=["go"],
        project_type="low-latency-trading", seniority="senior", location="London", remote_policy="onsite",
        salary_min=90000, salary_max=130000, description="Build the order gateway.",
    )  # fmt: skip
    RoleRequirement.objects.create(role=role, term="go", kind="must", weight=3)
    RoleRequirement.objects.create(role=role, term="kafka", kind="nice")
    candidate = Candidate.objects.create(
        name="Grace Hopper", emails=["grace@example.org"], phone="+447700900123", city="London", country="GB",
        headline="Senior Go Engineer", seniority="senior", total_years=9, work_mode="hybrid",
        salary_expectation=110000, salary_currency="GBP", source="grace.pdf", raw_text="Grace Hopper ...",
    )  # fmt: skip
    experience = Experience.objects.create(
        candidate=candidate, employer="PayStream", title="Senior Go Engineer", start=date(2021, 3, 1),
        description="Scaled the authorisation platform from 1,000 to 60,000 rps.",
    )  # fmt: skip
    skill = CandidateSkill.objects.create(
        candidate=candidate, skill="go", years=5, last_used=2026, strength=0.9,
        evidence=[{"section": "experience", "snippet": "Built the order gateway in Go"}],
    )  # fmt: skip
    claim = ScaleClaim.objects.create(
        candidate=candidate, metric="requests_per_second", value=60000, snippet="1,000 to 60,000 rps"
    )
    application = Application.open(candidate, role, user=user)
    note = ApplicationNote.objects.create(application=application, author=user, body="Call on Friday")
    batch = ImportBatch.objects.create()
    upload = ImportFile.objects.create(batch=batch, name="grace.pdf", status="imported", candidate=candidate)
    return {
        "client": client, "plan": plan, "role": role, "candidate": candidate, "experience": experience,
        "skill": skill, "claim": claim, "application": application, "note": note,
        "change": application.history.get(),
        "batch": batch,
        "upload": upload,
    }  # fmt: skip


def make_candidate(
    *, name: str = "Ada Example", skills: tuple[tuple[str, float], ...] = (), **fields: object
) -> Candidate:
    """A candidate with (skill, years) pairs of strong, current evidence."""
    candidate = Candidate.objects.create(name=name, **fields)
    for skill, years in skills:
        CandidateSkill.objects.create(
            candidate=candidate, skill=skill, years=years, last_used=2026, strength=0.9,
            evidence=[{"section": "experience", "snippet": f"Built the platform in {skill}"}],
        )  # fmt: skip
    return candidate
