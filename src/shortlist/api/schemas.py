"""What the API reads and answers. Out schemas follow the JSON contracts of candidates/serialize.py and
pipeline/serialize.py (keys only ever added); In schemas bound every value, so nonsense is a 422."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# PostgreSQL cannot store a NUL byte in text: refused as input rather than failing in the database.
NO_NUL = r"^[^\x00]*$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL)]
ClientStage = Literal["", "seed", "start-up", "scale-up", "enterprise", "public-sector"]
Short = Annotated[str, StringConstraints(max_length=100, pattern=NO_NUL)]
Text = Annotated[str, StringConstraints(max_length=100_000, pattern=NO_NUL)]
Amount = Annotated[float, Field(ge=0, le=1e15)]


class In(BaseModel):
    """A request body: plain pydantic, so only a JSON object passes (ninja's Schema reads attributes of
    anything, and a list or a number would pass as an object with every field left out). Strict:
    `true` is not the number 1, "3" is not 3."""

    model_config = ConfigDict(strict=True)


class Issue(Schema):
    path: str
    message: str


class ErrorOut(Schema):
    """Every error: a one-line `detail`, a machine `code`, and each problem with its field path."""

    detail: str
    code: str
    issues: list[Issue] = []


# Clients and growth plans


class ClientOut(Schema):
    id: int
    name: str
    industry: str
    stage: str
    locations: list[str]
    culture: list[str]
    notes: str
    created_at: datetime
    updated_at: datetime


class ClientIn(In):
    name: Name
    industry: Short = ""
    stage: ClientStage = ""
    locations: Annotated[list[Short], Field(max_length=50)] = []
    culture: Annotated[list[Short], Field(max_length=50)] = []
    notes: Text = ""


class ClientPatch(In):
    name: Name | None = None
    industry: Short | None = None
    stage: ClientStage | None = None
    locations: Annotated[list[Short], Field(max_length=50)] | None = None
    culture: Annotated[list[Short], Field(max_length=50)] | None = None
    notes: Text | None = None


class NowTarget(In):
    now: Amount | None = None
    target: Amount | None = None


class GrowthPlanOut(Schema):
    id: int
    client_id: int
    horizon_months: int
    traffic_rps: NowTarget
    users: NowTarget
    data_tb: NowTarget
    engineers: NowTarget
    plans: str
    created_at: datetime

    @staticmethod
    def _metric(plan: Any, name: str) -> dict[str, float | None]:
        now, target = plan.metric(name)
        return {"now": now, "target": target}

    @staticmethod
    def resolve_traffic_rps(plan: Any) -> dict[str, float | None]:
        return GrowthPlanOut._metric(plan, "traffic_rps")

    @staticmethod
    def resolve_users(plan: Any) -> dict[str, float | None]:
        return GrowthPlanOut._metric(plan, "users")

    @staticmethod
    def resolve_data_tb(plan: Any) -> dict[str, float | None]:
        return GrowthPlanOut._metric(plan, "data_tb")

    @staticmethod
    def resolve_engineers(plan: Any) -> dict[str, float | None]:
        return GrowthPlanOut._metric(plan, "engineers")


class GrowthPlanIn(In):
    horizon_months: Annotated[int, Field(ge=1, le=600)] = 36
    traffic_rps: NowTarget | None = None
    users: NowTarget | None = None
    data_tb: NowTarget | None = None
    engineers: NowTarget | None = None
    plans: Text = ""


# Roles


class ClientRef(Schema):
    id: int
    name: str


class RoleOut(Schema):
    id: int
    client: ClientRef
    title: str
    status: str
    project: str = Field(alias="project_type")
    seniority: str
    location: str
    remote: str = Field(alias="remote_policy")
    languages: list[str]
    created_at: datetime
    updated_at: datetime


class Salary(Schema):
    min: int | None
    max: int | None
    currency: str


class RoleDetailOut(RoleOut):
    must_have: list[str]
    nice_to_have: list[str]
    salary: Salary
    culture: list[str]
    description: str
    growth_plan_id: int | None
    profile: dict[str, Any] = Field(
        description="The weighted criteria, each with its why (`role show --json`)."
    )


class RoleYamlIn(In):
    yaml: Annotated[str, StringConstraints(max_length=200_000, pattern=NO_NUL)] = Field(
        description="A role file (see DESIGN.md): unknown keys are refused with their path."
    )


class RoleYamlOut(Schema):
    yaml: str


class RoleImportOut(Schema):
    role: RoleOut
    created: bool
    warnings: list[str]


class DraftIn(In):
    text: Text = Field(description="A pasted job description.")


class DraftOut(Schema):
    yaml: str = Field(description="A role file to review, then POST to /roles.")
    notes: list[str]


# Candidates


class CandidateRow(Schema):
    id: int
    name: str
    headline: str
    location: str
    seniority: str
    total_years: float | None
    source: str


class SearchRow(Schema):
    id: int
    name: str
    headline: str
    location: str
    source: str


class SearchOut(Schema):
    query: str = Field(description="How the query was read.")
    warnings: list[str]
    items: list[SearchRow]
    limit: int
    offset: int
    more: bool = Field(description="Further matches follow beyond offset + limit.")


class SkillOut(Schema):
    id: str
    name: str
    years: float
    last_used: int | None
    strength: float
    evidence: list[dict[str, Any]]


class ScaleClaimOut(Schema):
    metric: str
    value: float
    unit: str
    snippet: str


class ExperienceOut(Schema):
    employer: str
    title: str
    start: str | None
    end: str | None


class CandidateOut(Schema):
    """`shortlist candidates show --json`."""

    id: int
    name: str
    source: str
    location: str
    city: str
    country: str
    emails: list[str]
    phone: str
    headline: str
    seniority: str | None
    total_years: float | None
    links: dict[str, str]
    preferences: dict[str, Any]
    skills: list[SkillOut]
    scale_claims: list[ScaleClaimOut]
    experience: list[ExperienceOut]
    duplicate_of: int | None
    warnings: list[Any]
    parser_version: str | None


class UploadFileOut(Schema):
    id: int
    name: str
    status: Literal["queued", "imported", "updated", "unchanged", "duplicate", "failed"]
    reason: str
    warnings: list[Any]
    candidate_id: int | None


class UploadOut(Schema):
    id: int
    created_at: datetime
    pending: bool = Field(description="Some files are still queued: ask again.")
    counts: dict[str, int]
    files: list[UploadFileOut]


# Matching


class MatchCandidate(Schema):
    id: int
    name: str
    source: str


class MatchResult(Schema):
    rank: int
    score: float
    candidate: MatchCandidate
    breakdown: dict[str, float]
    reasons: list[str]
    gaps: list[str]
    counterfactual: str | None
    summary: str
    band: str


class PoolOut(Schema):
    candidates: int
    index_version: str | None


class FilteredOut(Schema):
    mode: str
    removed: int
    missing: dict[str, int]
    examples: list[str]


class SemanticOut(Schema):
    weight: float
    embedder: str
    stored_vectors: int = Field(description="Candidates re-ranked with stored vectors (shortlist embed).")
    computed_vectors: int = Field(description="Candidates whose passages were encoded for this request.")


class MatchOut(Schema):
    """The rows of `shortlist match --json`, same keys."""

    role: dict[str, Any]
    results: list[MatchResult]
    pool: PoolOut | None
    filtered: FilteredOut | None
    bands: dict[str, str]
    semantic: SemanticOut | None = Field(description="Null: no semantic re-ranking was asked for.")


class RoleRef(Schema):
    id: int
    title: str
    client: str


class RoleFitOut(Schema):
    rank: int
    score: float
    band: str | None = None  # strong / good / partial / weak, as on the role's shortlist
    role: RoleRef
    reasons: list[str]
    gaps: list[str]
    summary: str


class CandidateRolesOut(Schema):
    """`shortlist match --candidate ID --json`."""

    candidate: int
    results: list[RoleFitOut]


# Pipeline


class ApplicationCandidate(Schema):
    id: int
    name: str


class ApplicationOut(Schema):
    id: int
    role_id: int
    candidate: ApplicationCandidate
    stage: str
    created_at: datetime
    updated_at: datetime


class ApplicationIn(In):
    candidate_id: Annotated[int, Field(ge=1, le=2**62)]
    note: Text = ""


class MoveIn(In):
    stage: Short = Field(
        description="sourced, contacted, screened, submitted, interview, offer, placed, rejected or withdrawn"
    )
    note: Text = ""


class NoteOut(Schema):
    id: int
    body: str
    author: str | None
    created_at: datetime

    @staticmethod
    def resolve_author(note: Any) -> str | None:
        return note.author.get_username() if note.author else None


class NoteIn(In):
    body: Annotated[str, StringConstraints(min_length=1, max_length=100_000, pattern=NO_NUL)]


# Webhooks (issue 13)

WebhookEventName = Literal["application.stage_changed", "import.finished"]


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    description: str
    active: bool
    owner: str | None
    secret_hint: str = Field(description="The secret's first characters; the secret itself is shown once.")
    created_at: datetime

    @staticmethod
    def resolve_owner(webhook: Any) -> str | None:
        return webhook.owner.get_username() if webhook.owner else None


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="Signs every delivery (Shortlist-Signature); shown only in this answer.")


class WebhookIn(In):
    url: Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL)] = Field(
        description="Where deliveries are POSTed: an http:// or https:// URL."
    )
    events: Annotated[list[WebhookEventName], Field(min_length=1, max_length=2)]
    description: Short = ""


class DeliveryOut(Schema):
    id: int
    webhook_id: int
    event: str
    event_id: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status_code: int | None
    last_error: str
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_event_id(delivery: Any) -> str:
        return str(delivery.event_id)


# --- issue 12: the shortlist for the client ---------------------------------------------------------------


class ExportCandidateIn(In):
    id: Annotated[int, Field(ge=1, le=2**62)]
    line: Annotated[str, StringConstraints(max_length=100_000, pattern=NO_NUL)] = Field(
        default="", description="The recruiter's own line for the client (at most 500 characters)."
    )


class ShortlistExportIn(In):
    # How many, and how long a line, is the use case's rule (`Invalid`, 422 with the field): one place.
    candidates: Annotated[list[ExportCandidateIn], Field(max_length=1000)] = Field(
        description="The chosen candidates in the order the client reads them (1 to 25)."
    )
    blind: bool = Field(
        default=False, description="Candidate A, B, C; no names, contact, links, age signals."
    )
    format: Literal["pdf", "csv"] = "pdf"
