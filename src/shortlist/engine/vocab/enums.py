"""Controlled vocabularies shared by the engine, the database and the role file.

One definition each, so the role YAML, the admin's choices and the scorer cannot drift apart.
"""

from __future__ import annotations

import re
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
    """A client's stage, in the words recruiters use: funding rounds sit between start-up and scale-up."""

    SEED = "seed"
    START_UP = "start-up"
    SERIES_A = "series-a"
    SERIES_B = "series-b"
    SERIES_C = "series-c"
    SCALE_UP = "scale-up"
    PRE_IPO = "pre-ipo"
    ENTERPRISE = "enterprise"
    PUBLIC_SECTOR = "public-sector"

    @property
    def label(self) -> str:
        return _STAGE_LABELS.get(self.value) or Labelled.label.fget(self)

    @classmethod
    def parse(cls, text: str) -> ClientStage | None:
        """The stage a recruiter means: "Series B", "series_b", "B round", "startup", "pre IPO", "PLC"."""
        key = _STAGE_KEY.sub("", text.casefold())
        if not key:
            return None
        for member in cls:
            if key == _STAGE_KEY.sub("", member.value):
                return member
        found = STAGE_ALIASES.get(key)
        return cls(found) if found else None


_STAGE_KEY = re.compile(r"[\s_.\-/]+")
_STAGE_LABELS = {
    "start-up": "Start-up",
    "scale-up": "Scale-up",
    "series-a": "Series A",
    "series-b": "Series B",
    "series-c": "Series C",
    "pre-ipo": "Pre-IPO",
}
# Other spellings, keyed without spaces, hyphens, dots or underscores (see ClientStage.parse).
STAGE_ALIASES: dict[str, str] = {
    "preseed": "seed",
    "angel": "seed",
    "earlystage": "start-up",
    "seriesa": "series-a",
    "around": "series-a",
    "seriesb": "series-b",
    "bround": "series-b",
    "seriesc": "series-c",
    "cround": "series-c",
    "seriesd": "scale-up",
    "growthstage": "scale-up",
    "latestage": "pre-ipo",
    "preipo": "pre-ipo",
    "public": "enterprise",
    "listed": "enterprise",
    "plc": "enterprise",
    "corporate": "enterprise",
    "government": "public-sector",
    "publicsector": "public-sector",
}


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
