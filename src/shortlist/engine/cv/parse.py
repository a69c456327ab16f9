"""A CV (text, a file, or a JSON Resume) to an evidenced Profile.

The steps: sections, contact, jobs (a date range plus the title/employer lines around it), skill
mentions per section (extract.py owns how strong each mention is), then per skill the months of
the jobs that used it, scale claims and stated preferences. Nothing is filled in that the CV does
not say; what is missing becomes a warning.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ftfy

from shortlist.engine.cv import jsonresume
from shortlist.engine.cv.contact import HEADER_FALLBACK_CHARS, TITLE_WORDS, find_location, parse_contact
from shortlist.engine.cv.dates import month_index
from shortlist.engine.cv.documents import DEFAULT_LIMITS, Document, Limits, read_document
from shortlist.engine.cv.experience import Line, find_jobs, find_undated_jobs, is_title, lines_of
from shortlist.engine.cv.preferences import parse_preferences
from shortlist.engine.cv.scale import find_scale_claims
from shortlist.engine.cv.sections import CONTACT, HEADER, MAX_SNIPPET, sentence_at, split_sections
from shortlist.engine.vocab.enums import SENIORITY_MIN_YEARS, Seniority
from shortlist.engine.vocab.profile import WORK_LEVEL, Contact, Evidence, Job, Profile, Section, SkillEvidence

if TYPE_CHECKING:
    from shortlist.engine.vocab.taxonomy import Taxonomy

# Bump on any rule change that can alter a profile read from the same text: stored profiles carry it,
# and `shortlist reparse --stale` re-reads those made by other rules.
# 5: Hadoop "name node" / "96 Node Cluster" no longer read as Node.js
# 6: a skills row's duration no longer spreads over a list of more than three skills (MAX_STATED_ITEMS)
# 7: undated jobs are read as jobs: one listed above the dated ones no longer takes the older job's dates (a
#    current undated job leaves "last used" unknown instead of ten years old), one between two dated jobs
#    no longer takes the newer one's "present" (it ran up to that job's start)
PARSER_VERSION = "7"
MAX_EVIDENCE = 3
# A list inside a dated job ("Tech: Go, Kafka", "(Java 8, Spring, Oracle)") is what that job used: work at
# that job, a notch below a described bullet, and still at the level the scorer reads as work once a skill
# seen in one place keeps BREADTH_SINGLE of it (0.9 x 0.85 >= scoring.WORK_STRENGTH).
JOB_STACK_STRENGTH = 0.9
# A skill implied by one used at work (Django => Python) gets that job's months and this share of its
# strength.
IMPLIED_STRENGTH = 0.9
_SENIOR_TITLE = re.compile(r"\b(?:senior|sr\.?)\b", re.IGNORECASE)
_STAFF_TITLE = re.compile(r"\b(?:staff|principal|architect|distinguished)\b", re.IGNORECASE)
_LEAD_TITLE = re.compile(
    r"\b(?:lead|head|director|cto|vp|vice\s+president|chief|engineering\s+manager|manager)\b", re.IGNORECASE
)
_JUNIOR_TITLE = re.compile(
    r"\b(?:junior|jr\.?|graduate|intern(?:ship)?|trainee|apprentice|entry[\s-]level)\b", re.I
)
_PRODUCT_MANAGER = re.compile(r"\b(?:product|project|account)\s+manager\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# UTF-8 read as Latin-1 or Windows-1252: "â" or "Ã" followed by a continuation byte's character.
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u20ac\u201a-\u201e\u2020-\u2022\u2122]")
_BULLETS = " \t•▪●◦*-\u2013\u2014>"
# A skills-table row that states how long the skill was used, as job-board exports write it:
# "JAVA- Exprience - 21 months", "Python - Experience - Less than 1 year months", "SQL (3 years)".
_DURATION = (
    r"(?:(?P<less>less\s+than\s+(?:1|one|a)\s+year)|(?P<months>\d{1,3})\s*months?|"
    r"(?P<years>\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?))"
)
# The form's own field ends a whole entry, so it is searched for along the line ("Java, Javascript -
# Exprience - 6 months" is one entry); a bracketed duration belongs to the skill right before it.
_FORM_DURATION = re.compile(r"\b(?:exp(?:e|)rience|exp\.?)\s*[-\u2013:]\s*" + _DURATION, re.IGNORECASE)
_BRACKET_DURATION = re.compile(r"\s*\(\s*" + _DURATION, re.IGNORECASE)
# An entry naming more skills than this before its duration is a skills list with the length of a career
# after it ("PHP, Python, MySql, JavaScript, ... Node.js, Laravel, Scrum- Exprience - 120 months"): the
# months are the whole practice's, not each skill's, so its skills stay listed.
MAX_STATED_ITEMS = 3
_ITEM_SEPARATOR = re.compile(r"[,;|/]|\band\b|&", re.IGNORECASE)
MAX_STATED_YEARS = 30.0
LESS_THAN_A_YEAR = 0.5
# A skills row that states how long the skill was used claims use, not just familiarity: it weighs like a
# tech-stack line inside a job (extract.py: experience x listed), above a bare list entry, below a bullet.
STATED_USE_STRENGTH = 0.5
# Breadth: a skill the CV shows at work in several places (bullets, jobs) says more than one named once.
# Only work-level mentions count (what the scorer reads as used at work), so a skills list repeated fifty
# times adds nothing: a skill keeps 85% of its best strength until three distinct work sentences show it.
BREADTH_MIN_STRENGTH = 0.75
BREADTH_SINGLE = 0.85
BREADTH_FULL = 3


# --- entry points --------------------------------------------------------------------------------


def parse_cv(text: str, source: str, taxonomy: Taxonomy | None = None, today: date | None = None) -> Profile:
    """A profile from CV text; `today` dates "present" (defaults to the real date)."""
    today = today or date.today()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE.search(text):
        # Text that reaches the parser without documents.clean_text (pasted, or from an ATS export) is
        # often UTF-8 read as Windows-1252: "â€¢ Learning Go" hides both the bullet and the learning cue.
        text = ftfy.fix_text(text)
    sections = split_sections(text)
    header = _header_text(text, sections)
    contact, warnings = parse_contact(text, header)
    jobs = find_jobs(text, sections, today)
    if not jobs:
        has_experience = any(section.name == "experience" for section in sections)
        warnings.append(
            "no dates found in the experience section" if has_experience else "no job dates found"
        )
    wanted, current = board_titles(text, sections)
    jobs = find_undated_jobs(text, sections, jobs)
    if current is not None:
        jobs = _with_board_job(current, jobs)
    headline = _headline(jobs, header, contact, today) or wanted
    return _assemble(text, source, sections, contact, jobs, headline, warnings, taxonomy, today)


def parse_json_resume(
    data: dict[str, Any], source: str, taxonomy: Taxonomy | None = None, today: date | None = None
) -> Profile:
    """A profile from a JSON Resume: contact and jobs from the fields, the rest from its rendered text."""
    today = today or date.today()
    rendered = jsonresume.render(data)
    warnings = [] if rendered.contact.name else ["no name found"]
    if not rendered.jobs:
        warnings.append("no work entries")
    elif not any(job.start for job in rendered.jobs):
        warnings.append("no job dates found")
    sections = split_sections(rendered.text)
    return _assemble(
        rendered.text,
        source,
        sections,
        rendered.contact,
        rendered.jobs,
        rendered.headline,
        warnings,
        taxonomy,
        today,
    )


def profile_from_document(
    document: Document, source: str, taxonomy: Taxonomy | None = None, today: date | None = None
) -> Profile:
    """A profile from a read document: JSON Resume through its fields, everything else as text."""
    if document.data is not None:
        profile = parse_json_resume(document.data, source, taxonomy, today)
    else:
        profile = parse_cv(document.text, source, taxonomy, today)
    profile.warnings[:0] = document.warnings
    return profile


def parse_file(
    path: Path, limits: Limits = DEFAULT_LIMITS, taxonomy: Taxonomy | None = None, today: date | None = None
) -> Profile:
    """read_document + parse; raises DocumentError for an unreadable file."""
    return profile_from_document(read_document(path, limits), path.name, taxonomy, today)


def content_hash(text: str) -> str:
    """Same CV, same hash, whichever format it came in: compatibility-normalised, casefolded,
    whitespace collapsed."""
    normalised = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# --- jobs ----------------------------------------------------------------------------------------


def _with_board_job(current: Job, jobs: list[Job]) -> list[Job]:
    """The job-board export names its current job twice: "Title - Employer" above "Skill Details", and
    as the first "company - Employer" entry. One job: the entry's text, with the title from the line."""
    if jobs and jobs[0].start is None and jobs[0].employer and not jobs[0].title:
        first = jobs[0]
        if first.employer.casefold() in current.employer.casefold() or current.employer.casefold() in (
            first.employer.casefold()
        ):
            return [Job(first.employer, current.title, None, None, first.text, first.span), *jobs[1:]]
    return [current, *jobs]


def _header_text(text: str, sections: list[Section]) -> str:
    """What introduces the candidate: the text before the first heading (the first lines when
    there are no headings at all) and any "Contact" block, wherever a sidebar put it."""
    header = ""
    if sections and sections[0].name == HEADER:
        header = text[sections[0].start : sections[0].end]
        if len(sections) == 1:
            header = header[:HEADER_FALLBACK_CHARS]
    blocks = [text[section.start : section.end] for section in sections if section.name == CONTACT]
    return "\n".join([header, *blocks])


# --- assembly ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    strength: float = 0.0
    jobs: set[int] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    stated_years: float = 0.0  # a skills row's own "Experience - 21 months"


def _stated_years(text: str, start: int, end: int) -> float:
    """Years a skills-list row states for the skill at text[start:end] ("Java - Exprience - 14 months").

    Only a duration after the skill counts: a number before it is more often a version or a count.
    """
    line_end = text.find("\n", end)
    stop = len(text) if line_end < 0 else line_end
    found = _BRACKET_DURATION.match(text, end, stop) or _FORM_DURATION.search(text, end, stop)
    if found is None:
        return 0.0
    # The entry runs from the line's start, or the previous duration on the line, to this duration.
    line_start = text.rfind("\n", 0, start) + 1
    before = list(_FORM_DURATION.finditer(text, line_start, start))
    entry = text[before[-1].end() if before else line_start : found.start()]
    if len(_ITEM_SEPARATOR.findall(entry)) + 1 > MAX_STATED_ITEMS:
        return 0.0
    if found["less"]:
        return LESS_THAN_A_YEAR
    if found["months"]:
        return min(int(found["months"]) / 12, MAX_STATED_YEARS)
    return min(float(found["years"]), MAX_STATED_YEARS)


def _default_taxonomy() -> Taxonomy:
    from shortlist.engine.vocab.taxonomy import default_taxonomy

    return default_taxonomy()


def _extraction_name(section: Section) -> str:
    # The header and a contact block weigh like any unnamed text; extract.py owns the weights.
    return "other" if section.name in (HEADER, CONTACT) else section.name


def _mentions(text: str, sections: list[Section], taxonomy: Taxonomy) -> list[Any]:
    """Every mention in every section (offsets into `text`), each weighted by its section."""
    from shortlist.engine.cv import extract

    spans = [(_extraction_name(s), s.start, s.end) for s in sections if s.end > s.start]
    return extract.extract_sections(text, taxonomy, spans)


def _snippet(text: str, mention: Any) -> str:
    """The sentence extract.py judged the mention by, or else the one around it."""
    left, right = getattr(mention, "sentence", (0, 0))
    if left <= mention.start < right:
        return text[left:right].strip().lstrip(_BULLETS)[:MAX_SNIPPET].rstrip()
    return sentence_at(text, mention.start, mention.end)


def _job_months(job: Job, today: date) -> set[int]:
    if job.start is None:
        return set()
    end = job.end or today
    if end < job.start:
        return set()
    return set(range(month_index(job.start), month_index(end) + 1))


def _years(months: set[int]) -> float:
    return round(len(months) / 12, 1)


# extract.py's kinds that the profile shows as they are (vocab.profile.EVIDENCE_KINDS).
_OWN_KINDS = frozenset({"negated", "learning", "hedged", "team"})


def _evidence_kind(kind: str, section: str, strength: float) -> str:
    """extract.py's kind of mention as the profile's Evidence kind (vocab.profile.EVIDENCE_KINDS)."""
    if kind in _OWN_KINDS:
        return kind
    if strength >= WORK_LEVEL or kind == "replaced":
        return "project" if section == "projects" else "work"
    return "list"


def _skills(
    text: str, sections: list[Section], jobs: list[Job], taxonomy: Taxonomy, today: date
) -> list[SkillEvidence]:
    from shortlist.engine.cv import extract

    spans = sorted((job.span[0], position) for position, job in enumerate(jobs))
    span_starts = [start for start, _ in spans]
    tallies: dict[str, _Tally] = {}
    ordered = sorted(sections, key=lambda section: section.start)
    section_starts = [section.start for section in ordered]
    for mention in _mentions(text, sections, taxonomy):
        start, end = mention.start, mention.end
        slot = bisect.bisect_right(section_starts, start) - 1
        section_name = ordered[slot].name if slot >= 0 else "other"
        tally = tallies.setdefault(mention.skill, _Tally())
        strength = mention.strength
        stated = _stated_years(text, start, end) if section_name == "skills" and strength > 0 else 0.0
        if stated > 0:
            strength = max(strength, STATED_USE_STRENGTH)
            tally.stated_years = max(tally.stated_years, stated)
        job_index = None
        slot = bisect.bisect_right(span_starts, start) - 1
        if slot >= 0:
            candidate = spans[slot][1]
            if jobs[candidate].span[0] <= start < max(jobs[candidate].span[1], jobs[candidate].span[0] + 1):
                job_index = candidate
        # Only use dates a job: a team's stack, a hedge, study or what a migration left behind do not.
        in_job = job_index is not None and mention.kind not in extract.NOT_USE_KINDS
        if in_job and mention.kind == extract.LISTED and section_name in extract.WORK_SECTIONS:
            strength = max(strength, JOB_STACK_STRENGTH)
        tally.strength = max(tally.strength, strength)
        if strength <= 0:
            continue
        if in_job:
            # The roles a promotion sentence splits into share one text: a skill there is used in each.
            span = jobs[job_index].span  # type: ignore[index]
            tally.jobs.update(other for other, job in enumerate(jobs) if job.span == span)
        kind = _evidence_kind(mention.kind, section_name, strength)
        tally.evidence.append(Evidence(section_name, _snippet(text, mention), strength, start, end, kind))
    _lend_to_implied(tallies, taxonomy)
    job_months = [_job_months(job, today) for job in jobs]
    undated_after = _undated_after(jobs, today)
    results: list[SkillEvidence] = []
    for skill, tally in tallies.items():
        if tally.strength <= 0:
            continue  # only ever negated ("no Java"): not a skill
        months: set[int] = set()
        for job_index in tally.jobs:
            months |= job_months[job_index]
        last_used = _last_used(tally.jobs, jobs, undated_after, today)
        # A stated duration is the candidate's own account, so it never outweighs dated jobs that used
        # the skill; it only gives a bare list entry the years the dates cannot.
        years = _years(months) or round(tally.stated_years, 1)
        results.append(
            SkillEvidence(
                skill=skill,
                years=years,
                last_used=last_used,
                strength=round(tally.strength * _breadth(tally.evidence), 3),
                evidence=_best_evidence(tally.evidence),
            )
        )
    results.sort(key=lambda item: (-item.strength, -item.years, item.skill))
    return results


# What `_undated_after` gives an undated job listed above every dated one: in use now, at an unknown date.
CURRENT = 0


def _undated_after(jobs: list[Job], today: date) -> dict[int, int]:
    """Undated job -> the year its use is read as last in: CURRENT when listed above every dated job, else
    the start year of the dated job right above it.

    CVs list jobs newest first, so an undated job above a dated one came after it: its skills are not as old
    as that job, whose dates they would otherwise borrow ("Senior Analyst, Northwind" over bullets, then
    "Analyst, Contoso 2012-2014" makes the analyst's skills look twelve years old). Listed above every dated
    job, it is the current one; between two dated jobs, it ran up to the newer one, as a recruiter reads a
    CV without a stated gap. The rule holds only when the dated jobs themselves run newest first; with a
    single dated job the order is taken as the usual one. The job itself stays undated (no start, end or
    months are made up), and a skill whose latest use is in a current undated job has no "last used" year
    at all (the scorer reads an unknown year as recent).
    """
    dated = sorted(((job.span[0], job) for job in jobs if job.start is not None), key=lambda pair: pair[0])
    starts = [job.start for _, job in dated if job.start is not None]
    if any(newer < older for newer, older in itertools.pairwise(starts)):
        return {}  # oldest first (or no order at all): an undated job above says nothing about now
    after: dict[int, int] = {}
    for index, job in enumerate(jobs):
        if job.start is not None or job.end is not None:
            continue
        above = [other for start, other in dated if start < job.span[0] and other.start is not None]
        after[index] = above[-1].start.year if above else CURRENT  # type: ignore[union-attr]
    return after


def _last_used(used_in: set[int], jobs: list[Job], undated_after: dict[int, int], today: date) -> int | None:
    """The latest year a job that used the skill is read to end in (an undated one by `_undated_after`);
    None (not dated) when a current undated job used it and no dated current one did."""
    years = []
    for index in used_in:
        job = jobs[index]
        if job.start is not None:
            years.append(job.end.year if job.end else today.year)
        elif index in undated_after:
            if undated_after[index] == CURRENT and not any(
                jobs[i].start is not None and jobs[i].end is None for i in used_in
            ):
                return None
            years.append(undated_after[index] or today.year)
    return max(years, default=None)


def _lend_to_implied(tallies: dict[str, _Tally], taxonomy: Taxonomy) -> None:
    """A job that used Django used Python: an implied skill, when the CV names it too, gets the months of the
    jobs that used a skill implying it, and up to IMPLIED_STRENGTH of that work. A language is not lent to a
    job that names a related language (Spring Boot in a Kotlin job is not Java); a skill the CV never names
    is not added (the scorer has its own implication)."""
    implied_by = getattr(taxonomy, "implied", None)
    if implied_by is None:
        return  # a stand-in taxonomy without relations
    named = {s for s in tallies if tallies[s].strength > 0}
    languages = {s for s in named if _category(taxonomy, s) == "language"}
    job_languages: dict[int, set[str]] = {}
    for skill in languages:
        for job in tallies[skill].jobs:
            job_languages.setdefault(job, set()).add(skill)
    lent: dict[str, tuple[set[int], float]] = {}
    for skill, tally in tallies.items():
        for implied in implied_by(skill) & named:
            jobs = tally.jobs
            if implied in languages:
                jobs = {job for job in jobs if not _rival_language(taxonomy, implied, job_languages.get(job))}
            if jobs:
                held, strength = lent.get(implied, (set(), 0.0))
                lent[implied] = (held | jobs, max(strength, tally.strength * IMPLIED_STRENGTH))
    for implied, (jobs, strength) in lent.items():
        tallies[implied].jobs |= jobs
        tallies[implied].strength = max(tallies[implied].strength, strength)


def _rival_language(taxonomy: Taxonomy, language: str, named: set[str] | None) -> bool:
    """Whether a job names another language that could be the one its framework was used from (Kotlin
    for Spring Boot instead of Java, TypeScript instead of JavaScript); Scala beside Flask is no rival."""
    return any(other != language and taxonomy.similarity(other, language) > 0 for other in named or ())


def _category(taxonomy: Taxonomy, skill_id: str) -> str:
    found = taxonomy.get(skill_id)
    return found.category if found is not None else ""


def _breadth(evidence: list[Evidence]) -> float:
    """The share of its best strength a skill keeps (BREADTH_SINGLE … 1): only work earns breadth, so a
    skill never shown at work stays at the single-place share however often it is listed."""
    places = {e.snippet for e in evidence if e.strength >= BREADTH_MIN_STRENGTH}
    spread = min(max(len(places), 1), BREADTH_FULL) - 1
    return BREADTH_SINGLE + (1.0 - BREADTH_SINGLE) * spread / (BREADTH_FULL - 1)


def _best_evidence(evidence: list[Evidence]) -> list[Evidence]:
    best: list[Evidence] = []
    seen: set[str] = set()
    for item in sorted(evidence, key=lambda e: (-e.strength, e.start)):
        if item.snippet in seen:
            continue
        seen.add(item.snippet)
        best.append(item)
        if len(best) == MAX_EVIDENCE:
            break
    return best


def estimate_seniority(total_years: float | None, latest_title: str) -> Seniority | None:
    """Years set the level by vocab.SENIORITY_MIN_YEARS (8+ years reads as staff, never lead:
    leading is a role, not a tenure). A level named in the current title wins over years, because
    it is what the candidate does now: Lead/Head/Manager is lead, Staff/Principal staff, Senior
    senior, Junior/Graduate/Intern junior."""
    if latest_title:
        if _JUNIOR_TITLE.search(latest_title):
            return Seniority.JUNIOR
        if _LEAD_TITLE.search(latest_title) and not _PRODUCT_MANAGER.search(latest_title):
            return Seniority.LEAD
        if _STAFF_TITLE.search(latest_title):
            return Seniority.STAFF
        if _SENIOR_TITLE.search(latest_title):
            return Seniority.SENIOR
    if total_years is None:
        return None
    level = Seniority.JUNIOR
    for candidate in (Seniority.MID, Seniority.SENIOR, Seniority.STAFF):
        if total_years >= SENIORITY_MIN_YEARS[candidate]:
            level = candidate
    return level


def _latest(jobs: list[Job], today: date) -> Job | None:
    """The job held most recently: the latest dated one, unless it has ended and an undated job listed
    above every dated one (see `_undated_after`) is held now."""
    dated = [job for job in jobs if job.start is not None]
    if not dated:
        return None
    latest = max(dated, key=lambda job: (job.end or today, job.start))
    if latest.end is not None:
        current = [jobs[i] for i, after in _undated_after(jobs, today).items() if after == CURRENT]
        titled = [job for job in current if job.title]
        if titled:
            return min(titled, key=lambda job: job.span[0])
    return latest


_BOARD_HEADING = re.compile(r"^\s*(?:Skill|Company)\s+Details\s*$")
_DEGREE_LINE = re.compile(
    r"^\s*(?:b\.?\s?e|b\.?\s?tech|m\.?\s?tech|m\.?\s?e|b\.?\s?sc|m\.?\s?sc|bca|mca|mba|bba|b\.?\s?com|"
    r"m\.?\s?com|hsc|ssc|s\.s\.c|h\.s\.c|bachelor|master|diploma|ph\.?\s?d|degree|pgd\w*)\b",
    re.IGNORECASE,
)
_TITLE_EMPLOYER = re.compile(r"^(?P<title>.+?)\s+-\s+(?P<employer>\S.*)$")
MAX_BOARD_TITLE_WORDS = 10


def board_titles(text: str, sections: list[Section]) -> tuple[str, Job | None]:
    """The wanted title and the current "Title - Employer" of the job-board layout, when present.

    Job-board exports print, between the education entries and "Skill Details" (or "Company Details"),
    the title the candidate is filed under and then "Java Developer - Tech Mahindra". Those lines are the
    candidate's headline and current job; read structurally, only right above such a heading, and
    never from a line with digits (a dated education entry) or a degree.
    """
    for position in range(1, len(sections)):
        before, section = sections[position - 1], sections[position]
        if section.name not in ("skills", "experience"):
            continue
        if not _BOARD_HEADING.match(text[before.end : section.start]):
            continue
        lines: list[Line] = []
        for line in reversed(lines_of(text, before.start, before.end)):
            stripped = line.text.strip()
            if not stripped:
                continue
            words = stripped.split()
            if (
                len(lines) == 2
                or len(words) > MAX_BOARD_TITLE_WORDS
                or any(c.isdigit() for c in stripped)
                or stripped.endswith((".", ",", ";", ":"))
                or _DEGREE_LINE.match(stripped)
            ):
                break
            lines.append(line)
        if not lines:
            return "", None
        lines.reverse()  # text order: the wanted title, then the current one
        wanted = lines[0].text.strip()
        current = None
        found = _TITLE_EMPLOYER.match(lines[-1].text.strip())
        if found and len(lines[-1].text.split()) > 2:
            title, employer = found["title"].strip(), found["employer"].strip()
            offset = lines[-1].start
            current = Job(employer, title, None, None, text="", span=(offset, offset + len(lines[-1].text)))
            if len(lines) == 1:
                wanted = title
        return wanted, current
    return "", None


_HEADLINE_SPLIT = re.compile(r"\s+[|\u00b7\u2022\u2013\u2014-]\s+|\s*[|\u00b7\u2022]\s*")


def _own_headline(header: str, contact: Contact) -> str:
    """The line under the name, when it is a title rather than contact details ("Backend engineer
    (Python) - Bristol, UK" gives "Backend engineer (Python)")."""
    lines = [line.strip().lstrip("#").strip(" *_") for line in header.splitlines() if line.strip()]
    if not contact.name:
        return ""
    for position, line in enumerate(lines):
        if contact.name.lower() in line.lower() and position + 1 < len(lines):
            for candidate in _HEADLINE_SPLIT.split(lines[position + 1]):
                candidate = candidate.strip(" *_,")
                if "@" in candidate or len(candidate) > 80 or find_location(candidate)[0]:
                    continue
                if TITLE_WORDS.search(candidate) or is_title(candidate):
                    return candidate
            break
    return ""


def _headline(jobs: list[Job], header: str, contact: Contact, today: date) -> str:
    """The CV's own headline line first (it is how the candidate describes themselves), else the title
    of the latest job."""
    own = _own_headline(header, contact)
    if own:
        return own
    latest = _latest(jobs, today)
    return latest.title if latest and latest.title else ""


def _with_job_spans(sections: list[Section], jobs: list[Job]) -> list[Section]:
    """Sections for skill extraction: a dated job found outside an experience section (a narrative CV's
    "Since 2021 I have been …" paragraph) is read as experience, because that is what it is."""
    spans = sorted(job.span for job in jobs if job.span[1] > job.span[0])
    if not spans:
        return sections
    result: list[Section] = []
    for section in sections:
        if section.name in ("experience", "projects"):
            result.append(section)
            continue
        cursor = section.start
        for start, end in spans:
            if end <= cursor or start >= section.end:
                continue
            if start > cursor:
                result.append(Section(section.name, cursor, start))
            result.append(Section("experience", max(start, cursor), min(end, section.end)))
            cursor = min(end, section.end)
        if cursor < section.end:
            result.append(Section(section.name, cursor, section.end))
    return result


def _assemble(
    text: str,
    source: str,
    sections: list[Section],
    contact: Contact,
    jobs: list[Job],
    headline: str,
    warnings: list[str],
    taxonomy: Taxonomy | None,
    today: date,
) -> Profile:
    taxonomy = taxonomy or _default_taxonomy()
    skills = _skills(text, _with_job_spans(sections, jobs), jobs, taxonomy, today)
    if not skills:
        warnings.append("no skills found")
    all_months: set[int] = set()
    for job in jobs:
        all_months |= _job_months(job, today)
    total_years = _years(all_months) if any(job.start for job in jobs) else None
    latest = _latest(jobs, today)
    return Profile(
        source=source,
        text=text,
        content_hash=content_hash(text),
        contact=contact,
        headline=headline,
        sections=sections,
        jobs=jobs,
        skills=skills,
        scale_claims=find_scale_claims(text),
        total_years=total_years,
        seniority=estimate_seniority(total_years, latest.title if latest else headline),
        preferences=parse_preferences(text),
        warnings=warnings,
        parser_version=PARSER_VERSION,
    )
