"""Controlled vocabularies shared by the engine, the database and the role file.

One definition each, so the role YAML, the admin's choices and the scorer cannot drift apart.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").replace("-", " ").capitalize()

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Seniority(Labelled):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    STAFF = "staff"
    LEAD = "lead"


# Typical years of professional experience at which each level starts; the demo generator and the
# seniority estimate from a CV both read it.
SENIORITY_MIN_YEARS: dict[Seniority, float] = {
    Seniority.JUNIOR: 0,
    Seniority.MID: 2,
    Seniority.SENIOR: 5,
    Seniority.STAFF: 8,
    Seniority.LEAD: 8,
}


class WorkMode(Labelled):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class ScaleMetric(Labelled):
    """What a scale claim measures; each value is normalised to the unit in SCALE_UNITS."""

    REQUESTS_PER_SECOND = "requests_per_second"
    MESSAGES_PER_SECOND = "messages_per_second"
    TRANSACTIONS_PER_DAY = "transactions_per_day"
    USERS = "users"
    DATA_VOLUME = "data_volume"
    ROWS = "rows"
    ENGINEERS = "engineers"
    NODES = "nodes"


SCALE_UNITS: dict[ScaleMetric, str] = {
    ScaleMetric.REQUESTS_PER_SECOND: "req/s",
    ScaleMetric.MESSAGES_PER_SECOND: "msg/s",
    ScaleMetric.TRANSACTIONS_PER_DAY: "tx/day",
    ScaleMetric.USERS: "users",
    ScaleMetric.DATA_VOLUME: "TB",
    ScaleMetric.ROWS: "rows",
    ScaleMetric.ENGINEERS: "engineers",
    ScaleMetric.NODES: "nodes",
}


class ClientStage(Labelled):
    SEED = "seed"
    START_UP = "start-up"
    SCALE_UP = "scale-up"
    ENTERPRISE = "enterprise"
    PUBLIC_SECTOR = "public-sector"


class RoleStatus(Labelled):
    OPEN = "open"
    ON_HOLD = "on_hold"
    FILLED = "filled"
    CLOSED = "closed"


class RequirementKind(Labelled):
    MUST = "must"
    NICE = "nice"


class LawfulBasis(Labelled):
    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    CONTRACT = "contract"


class Stage(Labelled):
    """Where a candidate stands for one role, in the order a placement moves through them."""

    SOURCED = "sourced"
    CONTACTED = "contacted"
    SCREENED = "screened"
    SUBMITTED = "submitted"
    INTERVIEW = "interview"
    OFFER = "offer"
    PLACED = "placed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


CLOSED_STAGES = frozenset({Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN})
