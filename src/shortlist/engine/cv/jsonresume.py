"""JSON Resume (https://jsonresume.org/schema) in and out.

Import renders the document as CV text with the usual headings, so skills, scale claims and
preferences come from the same readers as any other CV, while contact details and jobs come from
the structured fields directly: a work entry's dates are data, not text to guess at.

Export writes the standard fields, plus what the schema has no place for (years per skill, scale
claims, seniority) under `meta.shortlist`, which importers of the schema ignore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import phonenumbers

from shortlist.engine.cv.contact import DEFAULT_REGION, web_link
from shortlist.engine.cv.dates import parse_point
from shortlist.engine.vocab.profile import Contact, Job, Profile

if TYPE_CHECKING:
    from shortlist.engine.vocab.taxonomy import Taxonomy

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
BULLET = "• "
_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_ISO_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-\d{1,2})?)?")


@dataclass(slots=True)
class RenderedResume:
    text: str
    contact: Contact
    headline: str
    jobs: list[Job] = field(default_factory=list)


def is_json_resume(data: object) -> bool:
    return isinstance(data, dict) and ("basics" in data or "work" in data)


def parse_date(value: object, is_end: bool = False) -> date | None:
    """ISO 8601 as the schema writes it ("2020-03-01", "2020-03", "2020"); other text via dates.py."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.match(value.strip())
    if match:
        month = int(match["month"]) if match["month"] else (12 if is_end else 1)
        if 1 <= month <= 12:
            return date(int(match["year"]), month, 1)
    return parse_point(value, is_end=is_end)


def _format_month(day: date) -> str:
    return f"{_MONTH_NAMES[day.month - 1]} {day.year}"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: object) -> list[str]:
    return (
        [item.strip() for item in value if isinstance(item, str) and item.strip()]
        if isinstance(value, list)
        else []
    )


def _phone(written: str, country: str) -> str:
    """E.164 when the number is at least possible: the field says it is a phone, so no validity
    check against allocated ranges is needed to believe it."""
    if not written:
        return ""
    try:
        number = phonenumbers.parse(written, country or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _contact(basics: dict[str, Any]) -> Contact:
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    country = _text(location.get("countryCode")).upper()
    contact = Contact(
        name=_text(basics.get("name")),
        emails=[_text(basics.get("email"))] if _text(basics.get("email")) else [],
        city=_text(location.get("city")),
        country=country,
        website_url=web_link(_text(basics.get("url") or basics.get("website"))),
    )
    contact.phone = _phone(_text(basics.get("phone")), country)
    for profile in _items(basics, "profiles"):
        network = _text(profile.get("network")).lower()
        # Only http(s): a `javascript:` profile URL is dropped here, not stored and shown as a link.
        url = web_link(_text(profile.get("url")))
        username = quote(_text(profile.get("username")), safe="")
        if network == "github" or "github.com" in url:
            contact.github_url = url or (f"https://github.com/{username}" if username else "")
        elif network == "linkedin" or "linkedin.com" in url:
            contact.linkedin_url = url or (f"https://www.linkedin.com/in/{username}" if username else "")
    return contact


class _Writer:
    """Lines of text with the offset each one starts at, so jobs can point into the result."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.offset = 0

    def __call__(self, line: str = "") -> int:
        start = self.offset
        self.lines.append(line)
        self.offset += len(line) + 1
        return start

    def heading(self, title: str) -> None:
        if self.lines:
            self()
        self(title)

    @property
    def end(self) -> int:
        return max(0, self.offset - 1)

    def text(self) -> str:
        return "\n".join(self.lines)


def render(data: dict[str, Any]) -> RenderedResume:
    """CV text for a JSON Resume, with its contact details and jobs (spans index into the text)."""
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    contact = _contact(basics)
    emit = _Writer()
    for line in (contact.name, _text(basics.get("label"))):
        if line:
            emit(line)
    place = ", ".join(part for part in (contact.city, contact.country) if part)
    reach = " | ".join(part for part in (*contact.emails, _text(basics.get("phone")), place) if part)
    if reach:
        emit(reach)
    for link in (contact.website_url, contact.github_url, contact.linkedin_url):
        if link:
            emit(link)
    if _text(basics.get("summary")):
        emit.heading("Summary")
        emit(_text(basics["summary"]))

    work = _items(data, "work")
    if work:
        emit.heading("Experience")
    bodies: list[tuple[int, int]] = []
    jobs: list[Job] = []
    for entry in work:
        employer = _text(entry.get("name") or entry.get("company"))
        title = _text(entry.get("position"))
        start = parse_date(entry.get("startDate"))
        end = parse_date(entry.get("endDate"), is_end=True)
        emit()
        block_start = emit(" \u2014 ".join(part for part in (title, employer) if part))
        if start:
            emit(f"{_format_month(start)} \u2013 {_format_month(end) if end else 'Present'}")
        body_start = emit.offset
        if _text(entry.get("summary")):
            emit(_text(entry["summary"]))
        for highlight in _strings(entry.get("highlights")):
            emit(BULLET + highlight)
        bodies.append((body_start, max(body_start, emit.end)))
        jobs.append(Job(employer, title, start, end, span=(block_start, max(body_start, emit.end))))

    skills = _items(data, "skills")
    if skills:
        emit.heading("Skills")
    for skill in skills:
        keywords = ", ".join(_strings(skill.get("keywords")))
        name = _text(skill.get("name"))
        emit(f"{name}: {keywords}" if name and keywords else name or keywords)

    _render_simple(data, emit)
    text = emit.text()
    for job, (body_start, body_end) in zip(jobs, bodies, strict=True):
        job.text = text[body_start:body_end]
    headline = _text(basics.get("label")) or (jobs[0].title if jobs else "")
    return RenderedResume(text, contact, headline, jobs)


def _render_simple(data: dict[str, Any], emit: _Writer) -> None:
    """Education, projects, certificates, languages, interests: text only, for the readers."""
    education = _items(data, "education")
    if education:
        emit.heading("Education")
    for entry in education:
        degree = " ".join(part for part in (_text(entry.get("studyType")), _text(entry.get("area"))) if part)
        years = "\u2013".join(
            part[:4] for part in (_text(entry.get("startDate")), _text(entry.get("endDate"))) if part
        )
        emit(", ".join(part for part in (degree, _text(entry.get("institution")), years) if part))
    projects = _items(data, "projects")
    if projects:
        emit.heading("Projects")
    for entry in projects:
        description = _text(entry.get("description"))
        emit(f"{_text(entry.get('name'))}: {description}" if description else _text(entry.get("name")))
        for highlight in _strings(entry.get("highlights")):
            emit(BULLET + highlight)
    certificates = _items(data, "certificates")
    if certificates:
        emit.heading("Certifications")
    for entry in certificates:
        emit(", ".join(part for part in (_text(entry.get("name")), _text(entry.get("issuer"))) if part))
    languages = _items(data, "languages")
    if languages:
        emit.heading("Languages")
    for entry in languages:
        fluency = _text(entry.get("fluency"))
        emit(f"{_text(entry.get('language'))} ({fluency})" if fluency else _text(entry.get("language")))
    interests = _items(data, "interests")
    if interests:
        emit.heading("Interests")
    for entry in interests:
        emit(_text(entry.get("name")))


# --- export --------------------------------------------------------------------------------------


def _month(day: date | None) -> str | None:
    return f"{day.year:04d}-{day.month:02d}" if day else None


def _split_job_text(text: str) -> tuple[str, list[str]]:
    """A job's body as the schema's summary (prose lines) and highlights (bullet lines)."""
    summary: list[str] = []
    highlights: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        bullet = re.match(r"^[•\-*\u2013\u2022▪◦]\s*", stripped)
        if bullet:
            highlights.append(stripped[bullet.end() :])
        else:
            summary.append(stripped)
    return " ".join(summary), highlights


def _skill_name(skill_id: str, taxonomy: Taxonomy | None) -> str:
    skill = taxonomy.get(skill_id) if taxonomy is not None else None
    return skill.name if skill is not None else skill_id


def profile_to_json_resume(profile: Profile, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """A JSON Resume document for a profile; skill names use the taxonomy's display names."""
    if taxonomy is None:
        from shortlist.engine.vocab.taxonomy import default_taxonomy

        taxonomy = default_taxonomy()
    contact = profile.contact
    basics: dict[str, Any] = {"name": contact.name}
    if profile.headline:
        basics["label"] = profile.headline
    if contact.emails:
        basics["email"] = contact.emails[0]
    if contact.phone:
        basics["phone"] = contact.phone
    if contact.website_url:
        basics["url"] = contact.website_url
    summary = " ".join(
        profile.text[section.start : section.end].strip()
        for section in profile.sections
        if section.name == "summary"
    )
    if summary:
        basics["summary"] = summary
    if contact.city or contact.country:
        basics["location"] = {
            key: value for key, value in (("city", contact.city), ("countryCode", contact.country)) if value
        }
    profiles = []
    if contact.github_url:
        profiles.append(
            {
                "network": "GitHub",
                "username": contact.github_url.rstrip("/").rsplit("/", 1)[-1],
                "url": contact.github_url,
            }
        )
    if contact.linkedin_url:
        profiles.append(
            {
                "network": "LinkedIn",
                "username": contact.linkedin_url.rstrip("/").rsplit("/", 1)[-1],
                "url": contact.linkedin_url,
            }
        )
    if profiles:
        basics["profiles"] = profiles

    work = []
    for job in profile.jobs:
        entry: dict[str, Any] = {"name": job.employer, "position": job.title}
        if job.start:
            entry["startDate"] = _month(job.start)
        if job.end:
            entry["endDate"] = _month(job.end)
        job_summary, highlights = _split_job_text(job.text)
        if job_summary:
            entry["summary"] = job_summary
        if highlights:
            entry["highlights"] = highlights
        work.append(entry)

    document: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": basics, "work": work}
    document["skills"] = [{"name": _skill_name(skill.skill, taxonomy)} for skill in profile.skills]
    document["meta"] = {
        "shortlist": {
            "source": profile.source,
            "contentHash": profile.content_hash,
            "totalYears": profile.total_years,
            "seniority": profile.seniority.value if profile.seniority else None,
            "skills": [
                {"id": skill.skill, "years": skill.years, "lastUsed": skill.last_used}
                for skill in profile.skills
            ],
            "scaleClaims": [
                {
                    "metric": claim.metric.value,
                    "value": claim.value,
                    "unit": claim.unit,
                    "snippet": claim.snippet,
                }
                for claim in profile.scale_claims
            ],
        }
    }
    return document
