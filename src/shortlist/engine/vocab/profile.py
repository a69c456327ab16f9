"""What reading a CV produces: an evidenced profile, as plain dataclasses.

This is the contract between document reading (documents.py), the CV parser (parse.py), skill
extraction (extract.py) and everything downstream: the importer that stores it, the index that
scores it, and `shortlist candidates list --json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from shortlist.engine.vocab.enums import ScaleMetric, Seniority, WorkMode

# What a mention says about the candidate: used at work, in a project, only listed, studied, their team's use,
# hedged ("basic", "never used in production") or negated ("no Java").
EVIDENCE_KINDS = ("work", "project", "list", "learning", "team", "hedged", "negated")
WORK_LEVEL = 0.75  # the strength from which the scorer reads a mention as work use (scoring.WORK_STRENGTH)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One place a skill was seen: the section, the sentence, how much it says, and what kind of mention it
    is (EVIDENCE_KINDS), so a reader can see why a skill has years or not."""

    section: str
    snippet: str
    strength: float
    start: int = 0
    end: int = 0
    kind: str = ""  # "" for evidence stored before kinds existed: as_dict infers it from the strength

    def as_dict(self) -> dict[str, object]:
        kind = self.kind or ("work" if self.strength >= WORK_LEVEL else "list")
        return {
            "section": self.section,
            "snippet": self.snippet,
            "strength": round(self.strength, 2),
            "kind": kind,
        }


@dataclass(slots=True)
class SkillEvidence:
    """A canonical skill with everything the CV says about it."""

    skill: str
    years: float = 0.0
    last_used: int | None = None
    strength: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ScaleClaimFound:
    metric: ScaleMetric
    value: float
    unit: str
    snippet: str
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Job:
    employer: str
    title: str
    start: date | None
    end: date | None
    text: str = ""
    span: tuple[int, int] = (0, 0)

    @property
    def current(self) -> bool:
        return self.start is not None and self.end is None


@dataclass(slots=True)
class Section:
    name: str  # summary | experience | skills | education | projects | other …
    start: int
    end: int


@dataclass(slots=True)
class Contact:
    name: str = ""
    emails: list[str] = field(default_factory=list)
    phone: str = ""
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    github_url: str = ""
    linkedin_url: str = ""
    website_url: str = ""


@dataclass(slots=True)
class Preferences:
    work_mode: WorkMode | None = None
    open_to_relocation: bool | None = None
    notice_weeks: int | None = None
    right_to_work: list[str] = field(default_factory=list)
    needs_sponsorship: list[str] = field(default_factory=list)  # ISO codes, "*" for "needs sponsorship"
    salary_expectation: int | None = None
    salary_currency: str = ""


@dataclass(slots=True)
class Profile:
    source: str
    text: str
    content_hash: str
    contact: Contact = field(default_factory=Contact)
    headline: str = ""
    sections: list[Section] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    skills: list[SkillEvidence] = field(default_factory=list)
    scale_claims: list[ScaleClaimFound] = field(default_factory=list)
    total_years: float | None = None
    seniority: Seniority | None = None
    preferences: Preferences = field(default_factory=Preferences)
    warnings: list[str] = field(default_factory=list)
    parser_version: str = ""  # cv.parse.PARSER_VERSION of the rules that read it; "" when not parsed here
