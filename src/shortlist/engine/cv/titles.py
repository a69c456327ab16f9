"""Job titles as comparable units: the role's title against the candidate's headline and job titles.

A recruiter reads "Java Developer" next to a CV headed "Senior Java Developer — Acme" before any bullet.
Both titles become *units*: the skills they name, through the taxonomy ("J2EE Developer" names Java by
implication), and their other words, lightly stemmed so that "Tester" meets "Testing" and "Data
Scientist" meets "Data Science". Seniority words are dropped (seniority is its own criterion), and so
are the words every backend title carries ("engineer", "developer", "software"): they would make every
engineer look alike, so only the title's distinctive words decide. A role title's qualifier ("DevOps
Engineer - CI/CD and Release Automation", "IT Business Analyst (Requirements, Agile)") says what the
role focuses on, which its skills criteria weigh; CVs are titled by the job's name ("DevOps Engineer"),
so the qualifier's units weigh QUALIFIER_WEIGHT of the head's in the title criterion (their words are
still read in the CV text by the lexical component).

On the role side a unit has a weight; on the candidate side each unit is an index evidence entry under
a reserved code ("title:s:java", "title:w:scien") whose strength says where it came from (a job title
1, the headline 0.9, a title implied through the taxonomy 0.8 of that) and whose last year is the job's
end: a title last held in 2014 fades like a skill last used then, a current or undated one does not.
The title criterion is then a handful of ordinary column reads at scoring time.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from shortlist.engine.cv import extract
from shortlist.engine.vocab.profile import Profile
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

PREFIX = "title:"
SKILL_UNIT = "title:s:"
WORD_UNIT = "title:w:"

# A role title's qualifier, after a dash or in brackets ("DevOps Engineer - CI/CD and Release Automation",
# "IT Business Analyst (Requirements, Agile)"), names the role's focus rather than the job a CV's titles
# hold: candidates are called "DevOps Engineer", not "Release Automation". Its units weigh this much of
# a head unit (the skills criteria already weigh the focus skills). Fitted on dev (benchmarks.ranking_fit).
QUALIFIER_WEIGHT = 0.0
_QUALIFIER = re.compile(r"\(|\s[-\u2013\u2014|:]\s|,\s")
IMPLIED_FACTOR = 0.8  # a "Spring Boot Developer" title names Java a little less directly
HEADLINE_STRENGTH = 0.9  # the headline is the candidate's own summary, a notch below a held job title
JOB_STRENGTH = 1.0
STEM_LENGTH = 5
TITLE_YEARS = 40.0  # nominal: makes the index's depth term 1, so a title's evidence is strength x recency

_WORD = re.compile(r"[^\W\d_][\w+#]*")
_SUFFIXES = ("ings", "ing", "ers", "er", "ors", "or", "s")
_MIN_STEM = 4
# fmt: off
_STOP = frozenset(
    {
        "and", "or", "of", "the", "for", "with", "in", "at", "to", "a", "an", "on", "by", "from", "cum",
        "as", "who", "based", "dept", "department",
    }
)
# Seniority and employment terms: the seniority and logistics criteria weigh those.
_SENIORITY = frozenset(
    {
        "senior", "sr", "junior", "jr", "lead", "leader", "principal", "staff", "chief", "head", "trainee",
        "intern", "internship", "graduate", "associate", "assistant", "asst", "entry", "level", "i", "ii",
        "iii", "iv", "mid", "experienced", "fresher", "freelance", "contract", "contractor", "remote",
        "hybrid", "onsite", "permanent", "full", "time", "part", "team", "member", "group", "vp", "vice",
        "president", "director", "apprentice",
    }
)
# fmt: on
# fmt: off
_GENERIC_WORDS = (
    "engineer", "developer", "programmer", "consultant", "specialist", "professional", "expert",
    "executive", "officer", "software", "platform", "system", "systems", "technology", "technical",
    "application", "applications", "solution", "solutions", "service", "services", "it", "computer",
)
# fmt: on


def stem(word: str) -> str:
    """A light stem: one common suffix off, then the first five letters ("testing" and "tester" → "test")."""
    word = word.casefold()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)]
            break
    return word[:STEM_LENGTH]


_GENERIC = frozenset(stem(word) for word in _GENERIC_WORDS)


@dataclass(frozen=True, slots=True)
class Unit:
    key: str  # SKILL_UNIT + skill id, or WORD_UNIT + stem
    weight: float
    label: str  # as the title writes it


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _kept(word: str) -> bool:
    lowered = word.casefold()
    if lowered in _STOP or lowered in _SENIORITY or len(lowered.strip("+#")) < 2:
        return False
    return stem(lowered) not in _GENERIC


def _skills(text: str, taxonomy: Taxonomy) -> list[tuple[int, int, str]]:
    """(start, end, skill id) of each skill the title names, as the extractor reads a headline."""
    return [
        (m.start, m.end, m.skill)
        for m in extract.extract_mentions(text, taxonomy, "headline")
        if m.kind != extract.NEGATED
    ]


def role_units(title: str, taxonomy: Taxonomy | None = None) -> tuple[Unit, ...]:
    """The weighted units of a role title, in title order, each once.

    Units of the title's qualifier (after a dash, a comma or an opening bracket) weigh QUALIFIER_WEIGHT
    of a head unit; a title that names nothing before its qualifier ("Engineer (Python)") is read whole.
    """
    taxonomy = taxonomy or default_taxonomy()
    qualifier = _QUALIFIER.search(title)
    head_end = qualifier.start() if qualifier else len(title)
    found: dict[str, Unit] = {}
    in_head = False

    def add(key: str, label: str, start: int) -> None:
        nonlocal in_head
        in_head = in_head or start < head_end
        weight = 1.0 if start < head_end else QUALIFIER_WEIGHT
        held = found.get(key)
        if held is None or held.weight < weight:
            found[key] = Unit(key, weight, held.label if held else label)

    for start, end, skill in _skills(title, taxonomy):
        add(SKILL_UNIT + skill, title[start:end], start)
    for match in _WORD.finditer(title):
        if _kept(match.group()):
            add(WORD_UNIT + stem(match.group()), match.group(), match.start())
    if not in_head:
        return tuple(Unit(unit.key, 1.0, unit.label) for unit in found.values())
    return tuple(found.values())


def title_units(title: str, taxonomy: Taxonomy) -> dict[str, float]:
    """A candidate title's unit keys with the share of its strength each carries (implied skills less)."""
    units: dict[str, float] = {}
    for _, _, skill in _skills(title, taxonomy):
        units[SKILL_UNIT + skill] = 1.0
        for implied in taxonomy.implied(skill):
            units.setdefault(SKILL_UNIT + implied, IMPLIED_FACTOR)
    for word in _words(title):
        if _kept(word):
            units[WORD_UNIT + stem(word)] = 1.0
    return units


def title_evidence(profile: Profile, taxonomy: Taxonomy | None = None) -> list[tuple[str, float, float, int]]:
    """(unit key, strength, years, last used year or 0) for every unit of the candidate's titles.

    A title does not deepen with use the way a skill does, so every entry carries TITLE_YEARS: the
    index's effective evidence is then strength x recency (a title last held in 2014 fades like a skill
    last used then). A unit named by several titles keeps the best of each fact.
    """
    taxonomy = taxonomy or default_taxonomy()
    titles: list[tuple[str, float, int]] = []
    if profile.headline:
        titles.append((profile.headline, HEADLINE_STRENGTH, 0))
    for job in profile.jobs:
        if job.title:
            # A current or undated job is "now", which the index reads from an unknown last year.
            last = job.end.year if job.end is not None and job.start is not None else 0
            titles.append((job.title, JOB_STRENGTH, last))
    best: dict[str, tuple[float, int]] = {}
    for text, strength, last in titles:
        for key, share in units_cached(text, taxonomy):
            held = best.get(key)
            value = strength * share
            current = last == 0
            if held is None:
                best[key] = (value, last)
            else:
                # The most recent holding wins the year; "now" (0) beats any year.
                year = 0 if current or held[1] == 0 else max(held[1], last)
                best[key] = (max(held[0], value), year)
    return [(key, strength, TITLE_YEARS, last) for key, (strength, last) in sorted(best.items())]


_UNIT_CACHE: weakref.WeakKeyDictionary[Taxonomy, dict[str, tuple[tuple[str, float], ...]]] = (
    weakref.WeakKeyDictionary()
)
_UNIT_CACHE_LIMIT = 100_000


def units_cached(text: str, taxonomy: Taxonomy) -> tuple[tuple[str, float], ...]:
    # Titles repeat across a pool ("Senior Software Engineer" thousands of times): read each once.
    cache = _UNIT_CACHE.get(taxonomy)
    if cache is None:
        cache = _UNIT_CACHE[taxonomy] = {}
    found = cache.get(text)
    if found is None:
        if len(cache) > _UNIT_CACHE_LIMIT:
            cache.clear()
        found = cache[text] = tuple(sorted(title_units(text, taxonomy).items()))
    return found


def is_title_key(key: str) -> bool:
    return key.startswith(PREFIX)
