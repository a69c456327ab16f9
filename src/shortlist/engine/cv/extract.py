"""Skill mentions in text: which skill, where exactly, and how much the sentence says about it.

One compiled pattern per taxonomy finds every spelling of every skill in a single pass over the lowercased
text. Words that are ordinary English ("Go", "Spring", "Swift", "R") then need support before they count:
a cue next to them ("written in Go", "Go 1.21"), a skills-list neighbour ("Go, Python"), or, for the milder
cases, a capital letter in mid-sentence. Vetoes ("go-getter", "spring 2019", "rust removal") always win.
A domain word inside an employer's name ("Thames Valley Logistics") is not the candidate's domain, and a
compound also names the related skill written inside it ("open banking" is banking too).

Strength is decided here and nowhere else: ``SECTION_WEIGHTS[section] * KIND_FACTORS[kind]``. Negated
mentions ("no experience with Kafka") are returned with strength 0.0 and kind "negated" so a caller can show
"explicitly not"; a caller that only wants evidence drops them (``m.kind != NEGATED``). Implied skills
(django => python) are not added here: that is the scorer's job, through ``Taxonomy.implied``.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from shortlist.engine.vocab.taxonomy import PLACEHOLDER, TERM_MARK, Context, Skill, Taxonomy, normalise_term

WORK = "work"
LISTED = "listed"
MENTIONED = "mentioned"
LEARNING = "learning"
NEGATED = "negated"
TEAM = "team"  # a manager's "my teams write Go": the team's use, not the candidate's
HEDGED = "hedged"  # "basic", "notions", "Grundkenntnisse", "certified, never used in production"
REPLACED = "replaced"  # "rewrote the service from Python to Go": Python is what was left behind
KINDS = (WORK, LISTED, MENTIONED, LEARNING, NEGATED, TEAM, HEDGED, REPLACED)
# Kinds that say the candidate did not use the skill in the job whose text holds the mention: these never
# date it (every other kind does).
NOT_USE_KINDS = frozenset({NEGATED, LEARNING, TEAM, HEDGED, REPLACED})

# How much a section says about real use. Unknown section names weigh as "other".
SECTION_WEIGHTS: dict[str, float] = {
    "experience": 1.0,
    "projects": 0.9,
    "summary": 0.7,
    "headline": 0.7,
    "skills": 0.7,
    "publications": 0.6,
    "other": 0.6,
    "certifications": 0.5,
    "education": 0.45,
    "interests": 0.3,
}
# How much the sentence says: a described piece of work, a neutral mention, a bare list entry, study.
# With the weights above: experience bullet 1.0 > summary 0.6 > skills list 0.35 > learning ~0.1 > negated 0.
# A team's use, a hedge and a replaced technology weigh like study or a bare list.
KIND_FACTORS: dict[str, float] = {
    WORK: 1.0,
    MENTIONED: 0.85,
    LISTED: 0.5,
    REPLACED: 0.5,
    TEAM: 0.3,
    LEARNING: 0.15,
    HEDGED: 0.15,
    NEGATED: 0.0,
}
# Sections whose prose is, by where it sits, an account of work done.
WORK_SECTIONS = frozenset({"experience", "projects"})

# Phrases that make a clause about study rather than use. Each starts at a word boundary.
LEARNING_CUES: tuple[str, ...] = (
    r"(?:currently|actively|now|still|am|i'm|been|started|starting|begun|began|keep|enjoy)\s+learning\b",
    r"learning\s+(?:to|how|about|more|the\s+basics)\b",
    r"(?:self[\s-]taught|self[\s-]learning|self[\s-]study|studying)\b",
    r"(?:online\s+)?(?:tutorials?|courses?|coursework|bootcamps?|moocs?|nanodegree)\b(?!\s+of\b)",
    r"(?:udemy|coursera|edx|pluralsight|codecademy|datacamp|linkedin\s+learning|freecodecamp|nptel|khan\s+academy)\b",
    r"(?:spare|free|own|personal)\s+time\b",
    r"(?:hobby|hobbies|hobbyist|for\s+fun)\b",
    r"(?:interested\s+in|interest\s+in|keen\s+to\s+learn|eager\s+to\s+learn|want\s+to\s+learn|would\s+like\s+to\s+learn)\b",
    r"(?:plan(?:ning)?\s+to\s+learn|hop(?:e|ing)\s+to\s+learn|exploring|experimenting\s+with|dabbl\w*|toy\s+projects?)\b",
    r"(?:familiar\s+with|familiarity\s+with|basic\s+knowledge|basic\s+understanding|basics\s+of|fundamentals\s+of)\b",
    r"(?:beginner|novice|introductory|introduction\s+to|exposure\s+to|limited\s+experience|academic\s+knowledge)\b",
)
# Cues that do not start a word: a clause opening with "Learning ...", and "(basic)" after a skill.
LEARNING_MARKS: tuple[str, ...] = (
    r"^\W*learning\b",
    r"\((?:basic|basics|beginner|learning|familiar|novice)\)",
)
# Hedges: the candidate knows of the skill but does not claim use. In the clause around the mention.
HEDGE_CUES: tuple[str, ...] = (
    r"\bbasics?\b(?!\s+auth)",
    r"\bnotions?\b",
    r"\b(?:grund|basis)kenntnisse\b",
    r"\bconnaissances\s+de\s+base\b",
    r"\b(?:conocimientos|nociones)\s+b[áa]sic[oa]s\b",
    r"\bconoscenze\s+di\s+base\b",
    r"\bbasiskennis\b",
    r"\bhobby\b",
    r"\b(?:university|school|college)\s+(?:course|project|module)s?\b",
    r"\bnociones\b",
    r"\(b[áa]sic[oa]\)",
    r"\b(?:grundlagen|basiswissen)\b",
    r"\bdi\s+base\b",
    r"\blecture\s+de\s+code\b",
)
# Strong hedges reach across the clause: "(2024 — certified, only used in a sandbox so far)".
STRONG_HEDGES = (
    r"\bnever\s+used\b|\bonly\s+used\s+in\s+a\s+sandbox\b|\bnot\s+in\s+production\b|"
    r"\bnothing\s+in\s+production\b|\bwould\s+not\s+claim\b|\bnot\s+(?:used\s+)?professionally\b|"
    r"\bnever\s+in\s+production\b"
)
# A manager's account of what their teams do: "my teams write Go", "the teams I lead use Kafka".
TEAM_CUES = (
    r"\b(?:my|meine?n?|mes|mis|i\s+miei|le\s+mie|mijn)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:teams?|squads?|groups?|engineers|developers|department|org|[ée]quipes?|equipos?|entwickler\w*)\b"
    r"(?:\s+[\w-]+){0,2}?\s+(?:write|writes|wrote|use|uses|used|build|builds|built|code|codes|ship|ships|run|"
    r"runs|develop|develops|maintain|maintains|work|works|schreiben|nutzen|verwenden|entwickeln|arbeiten|"
    r"[ée]crivent|utilisent|codent|d[ée]veloppent|travaillent|escriben|usan|utilizan|desarrollan|trabajan|"
    r"scrivono|usano|utilizzano|schrijven|gebruiken)\b|"
    r"\b(?:the\s+)?teams?\s+i\s+(?:lead|led|manage|managed|run|ran|oversee|oversaw)\b"
)
# What a migration left behind: "from Python to Go", "from a single Rails monolith to services".
_FROM_BEFORE = r"\bfrom\s+(?:[\w-]+\s+){0,3}$"
_TO_AFTER = r"^[\w\s.+#-]{0,30}?\b(?:to|into)\b"
_MIGRATION = (
    r"\b(?:migrat\w*|mov(?:e|ed|ing)|rewr\w*|port(?:ed|ing)?|switch\w*|replac\w*|transition\w*|convert\w*|"
    r"re-?platform\w*)\b"
)
# A negator must stand right before the skill, with only these words between ("no prior experience with").
NEGATORS = (
    r"(?:\b(?:no(?!\s+longer)|not(?!\s+(?:only|just|merely|least))|never|without|zero|none|neither|nor|"
    r"lack(?:ing|s)?(?:\s+of)?)|n't)\b"
)
# fmt: off
NEGATION_FILLERS = frozenset(
    {
        "any", "prior", "previous", "commercial", "professional", "production", "real", "real-world",
        "practical", "hands-on", "hands", "on", "industry", "working", "direct", "much", "significant",
        "solid", "deep", "experience", "exposure", "knowledge", "familiarity", "with", "in", "of",
        "using", "use", "used", "worked", "work", "touched", "written", "wrote", "coded", "programmed",
        "tried", "know", "known", "been", "had", "have", "has", "the", "a", "an", "to", "yet", "ever",
        "professionally", "commercially", "done", "deployed", "built", "need", "needed", "required",
        "do", "did", "does",
    }
)
# fmt: on
NEGATION_AFTER = (
    r"\s*(?:[(:,\-\u2013\u2014]\s*)?(?:not\s+used|never\s+used|"
    r"no\s+(?:commercial\s+|professional\s+|production\s+|real\s+)?experience|"
    r"none\b|not\s+in\s+production|not\s+professionally)"
)
WORK_VERBS = (
    r"\b(?:built|build|building|developed|develop|developing|designed|designing|implemented|implementing|"
    r"architected|wrote|written|writing|created|creating|engineered|shipped|delivered|deployed|deploying|"
    r"migrated|migrating|maintained|maintaining|optimi[sz]ed|optimi[sz]ing|scaled|scaling|led|leading|owned|"
    r"ran|running|operated|automated|automating|integrated|integrating|refactored|rewrote|launched|introduced|"
    r"improved|reduced|increased|used|using|utili[sz]ed|utili[sz]ing|worked|working|responsible\s+for|"
    r"contributed|configured|configuring|managed|managing|administered|troubleshot|debugged|tuned|"
    r"modell?ed|trained|processed|handled|supported|set\s+up|established|drove|spearheaded|mentored|hired|"
    r"rolled\s+out|containeri[sz]ed|instrumented|monitored|tested|cut|served|serving|powering|powered)\b"
)

# Generic support for ambiguous words, by category. Strong cues sit right against the word and win over a
# sentence-level veto; weak ones (a preposition) only count when nothing in the sentence says otherwise.
_VERSION_CUE = r"@\s*v?\d{1,2}(?:\.\d+)*(?![\d%])\b"
_LABEL_CUE = (
    r"\b(?:languages?|stack|tech|technolog(?:y|ies)|skills?|tools?|tooling|frameworks?|platforms?|environment|"
    r"databases?|proficien(?:t|cy)|expertise|libraries|backend|back-end)\s*[:\-\u2013]\s*@"
)
_YEARS_CUE = (
    r"@\s*[\(:\-\u2013]\s*(?:\d+\+?\s*(?:years?|yrs?|months?)|exp\w*|expert|advanced|intermediate|proficient)"
)
_YEARS_BEFORE_CUE = (
    r"\d+\+?\s*(?:years?|yrs?)\s+(?:of\s+)?(?:(?:commercial|professional|production|hands-on)\s+)?"
    r"(?:experience\s+)?(?:in|with|of|using)?\s*@"
)
_USED_CUE = (
    r"\b(?:written|coded|programm(?:ed|ing)|develop(?:ed|ing)|built|building|implemented|experience|experienced|"
    r"proficient|proficiency|expertise|expert|fluent|skilled|hands-on|knowledge)\s+(?:in|with|using|on|of)\s+"
    r"(?:[a-z]+\s+)?@"
)
# Nouns that, right after an ambiguous word, show it is being used as technology ("Spark jobs").
# Company-name words ("engineering", "services", "solutions") are left out: "Ray Engineering Ltd".
_TECH_NOUNS = (
    r"framework|frameworks|apps?|applications?|apis?|microservices?|backends?|back-end|based|powered|"
    r"developers?|expertise|experience|server|servers|clusters?|jobs?|pipelines?|queries|query|tests?|"
    r"testing|plugins?|extensions?|components?|stack|code|codebase|modules?|librar(?:y|ies)|packages?|"
    r"scripts?|scripting|sdk|runtime|ecosystem|deployments?|certified"
)
LANGUAGE_STRONG_CUES: tuple[str, ...] = (
    _USED_CUE,
    _VERSION_CUE,
    _LABEL_CUE,
    _YEARS_CUE,
    _YEARS_BEFORE_CUE,
    rf"@(?:[\s-]+|/)(?:programming|programmer|language|lang|coding|toolchain|generics|concurrency|routines|"
    rf"services?|engineers?|{_TECH_NOUNS})\b",
)
TECH_STRONG_CUES: tuple[str, ...] = (
    _USED_CUE,
    _VERSION_CUE,
    _LABEL_CUE,
    _YEARS_CUE,
    _YEARS_BEFORE_CUE,
    rf"@[\s-]+(?:{_TECH_NOUNS})\b",
)
# The same prepositions in the languages CVs here come in: "mit Qt", "avec R", "con Go", "met Kafka".
WEAK_CUES: tuple[str, ...] = (
    r"\b(?:in|using|with|via|into|use|uses|used|mit|avec|sous|con|met|unter|durch)\s+@",
)
CATEGORY_CUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "language": (LANGUAGE_STRONG_CUES, WEAK_CUES),
    **{
        category: (TECH_STRONG_CUES, WEAK_CUES)
        for category in ("framework", "datastore", "messaging", "cloud", "infrastructure", "ml-data", "tool")
    },
    "general-it": (TECH_STRONG_CUES, WEAK_CUES),
}
# A lone capital letter is far more often an initial, a grade or a section than a language.
SINGLE_LETTER_VETOES: tuple[str, ...] = (
    r"@\s*&",
    r"&\s*@",
    r"@-(?:level|suite|sections?|value|rated|rating|grade|class|type|shaped|span|band|sharp)\b",
    r"\b(?:grades?|class|section|part|block|appendix|annex(?:ure)?|phase|wing|tower|building|unit|level|category|"
    r"type|vitamin|hepatitis|team|division|group|schedule|form|exhibit|plan|option|room|floor|gate|zone|row|"
    r"column|size|batch|series|sector|figure|fig|table|point|item|paper|shift|standard|std|div|sec|flat|"
    r"plot|ward|scheme|model|route|pillar|stage|sheet|key|note|major|minor|tier|channel|port)\.?\s*[:#-]?\s*@",
    r"@\s*(?:grade|class|section|block|wing|category|type|rating|level|shift|division|programming\s+contest)\b",
    r"\b(?:mr|mrs|ms|dr|prof|shri|smt|sri|miss|er)\.?\s+(?:[a-z]\.?\s+)*@",
    r"@\s*\.\s*[a-z]\b",
    r"\b[a-z]\.\s*@",
    r"\(\s*@\s*\)",
    r"^\W*@\s*[).]",
    r"@\s*[+-]\s*(?:\d|grade)",
    r"\b(?:a|b|d|e|f)\s*[,/]\s*@",
    r"@\s*[,/]\s*(?:a|b|d|e|f)\b(?![+#])",
)

# Spellings seen are few (case and separator variants of the aliases); the cap only guards odd input.
_KEY_CACHE_LIMIT = 100_000
_RESCUE_PASSES = 8
# How far from the word an anchored cue or veto may reach, in characters ("5+ years of commercial
# experience in @" is the longest in use); a short reach keeps the per-word regex work small.
_REACH = 64
# Between two words of a spelling: a space, hyphen or underscore, or a dot or slash ("Node.js", "CI/CD").
# Writing the words together ("nodejs") is a separate path of the trie, so the pattern stays deterministic.
_SEP = r"(?:[\s_\-]{1,2}|[./])"
# A skill starts where a word starts (not inside "algorithm", "ASP.NET" or an e-mail) and ends where the
# word ends; trailing version digits are allowed ("HTML5", "Python3"), trailing letters are not.
_LEFT = r"(?<![\w.#+@$\\])(?<!\w-)"
_RIGHT = r"(?![+#]|\d*[^\W\d])"
# Marks of an e-mail address or a link: the whitespace-delimited token around one is not prose.
_ADDRESS_MARKS = ("@", "://", "www.", ".com/", ".io/", ".org/", ".dev/")
_BULLETS = "•●▪■◦➢➤►✓❖◆◇□➔→✔"
_SENTENCE_BREAK_RE = re.compile(
    rf"\n|[{_BULLETS}]|(?P<stop>[.!?])\s+(?=[\"'(\[*\-{_BULLETS}]|[^\W\d_]|\d)|\s\*\s"
)
# fmt: off
_ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "etc", "vs", "approx", "incl", "dept", "mr", "mrs", "ms", "dr", "prof", "inc",
        "ltd", "co", "corp", "jr", "sr", "st", "no", "nos", "fig", "al", "est", "ca", "cf", "resp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "b.sc",
        "m.sc", "b.e", "m.e", "b.tech", "m.tech", "ph.d", "b.com", "m.com",
    }
)
# fmt: on
_CLAUSE_BREAK_RE = re.compile(
    r"[;,]|\b(?:but|while|whereas|although|though|however|yet|except)\b|\s[-\u2013\u2014]\s"
)
_CLAUSE_STOP_RE = re.compile(r"[;.]|\bi\s+(?!lead|led|manage|managed|run|ran)")
# "and"/"or" in the languages CVs here come in too: "C++ und C", "Python et Go", "Java y Kotlin".
_AND_OR = r"\b(?:and|or|und|oder|et|ou|y|e|en|oraz)\b"
_ENUM_GAP_RE = re.compile(rf"(?:[\s,/|;&+·()\[\]]|{_AND_OR}|\s[-\u2013]\s)*")
# In prose a semicolon ends a clause ("Civil 3D; load calculations in MATLAB"); only a list enumerates
# with one.
_ENUM_SEPARATOR_RE = re.compile(rf"[,/|&+·()\[\]]|{_AND_OR}|\s[-\u2013]\s")
_LIST_SEPARATOR_RE = re.compile(r"(?=[,;|•·/&\t\sa])(?:[,;|•·/&\t]|\s[-\u2013]\s|\band\b|\s{3,})")
_LIST_STRIP = " \t\r\n*->\u2013\u2014" + _BULLETS
# fmt: off
_LIST_STOPWORDS = frozenset(
    {
        "i", "we", "my", "our", "me", "us", "was", "were", "is", "are", "am", "be", "been", "have",
        "has", "had", "the", "a", "an", "to", "in", "of", "on", "at", "for", "with", "by", "from",
        "that", "this", "it", "as", "which", "who", "where", "when", "will", "would", "can", "could",
        "should", "into", "over", "under", "than",
    }
)
# fmt: on
# A domain word written as part of a proper name is the employer, not the candidate's field: "Thames Valley
# Logistics", "Bidwell Media", "Grachten Cloud B.V.". These words after it make it a job or team title
# instead ("Payments Engineer", "Payments Platform"); these make it a company even without a word before it.
# fmt: off
_TITLE_WORDS = frozenset(
    {
        "engineer", "engineers", "engineering", "developer", "developers", "development", "lead", "leads",
        "leader", "manager", "management", "analyst", "analysts", "analytics", "architect", "architecture",
        "consultant", "specialist", "team", "teams", "squad", "platform", "platforms", "product", "products",
        "domain", "director", "head", "officer", "scientist", "designer", "tester", "administrator",
        "executive", "partner", "advisor", "adviser", "operations", "coordinator", "associate", "assistant",
        "supervisor", "planner", "controller", "intern", "trainee", "expert", "professional", "apps",
        "applications", "software", "systems", "infrastructure", "experience", "industry", "sector",
        "clients", "projects", "programme", "program",
    }
)
_COMPANY_WORDS = frozenset(
    {
        "ltd", "limited", "inc", "llc", "llp", "plc", "gmbh", "ag", "bv", "b.v", "nv", "sa", "sas", "srl",
        "spa", "oy", "ab", "as", "corp", "corporation", "co", "group", "holdings", "pty", "kg",
    }
)
# A job header names a role or says "company"; an employer's name sits there, or alone on a short line.
_HEADER_WORDS = frozenset(
    {
        "engineer", "developer", "manager", "analyst", "partner", "lead", "consultant", "intern", "officer",
        "director", "architect", "scientist", "designer", "administrator", "executive", "associate",
        "specialist", "advisor", "adviser", "head", "coordinator", "technician", "tester", "programmer",
        "company", "employer", "trainee", "founder", "cto", "vp",
    }
)
# A subject after a degree is a field of study, not a company: "MBA Marketing", "BSc Logistics".
_DEGREE_WORDS = frozenset(
    {
        "mba", "bba", "bsc", "msc", "ba", "ma", "bcom", "mcom", "b.com", "m.com", "beng", "meng", "btech",
        "mtech", "b.tech", "m.tech", "phd", "hnd", "pgdm", "pgdbm", "bachelor", "bachelors", "master",
        "masters", "diploma", "certificate", "degree", "commerce",
    }
)
# fmt: on
_WORD_PUNCTUATION = "\"'()[]{},.;:!?*#|\u2013\u2014-"
_WORD_BEFORE_RE = re.compile(r"([^\W\d_][\w&'\u2019.-]*)[ \t]+\Z")
_WORDS_AFTER_RE = re.compile(r"[ \t]+([^\W\d_][\w&.]*)(?:[ \t,]+([^\W\d_][\w&.]*))?")
# Skill categories whose compound spellings also name the skill inside them when the two are related by an
# implication: "open banking" is banking, "AI/ML" is machine learning, "manual testing" is testing. Product
# names are left out on purpose: "Spring Boot" is not Spring, "SQL Server" is not SQL.
_NESTING_CATEGORIES = frozenset({"domain", "competency", "practice"})
# A latency figure is evidence of low-latency work by itself, graded by how low it is: trading-grade
# microseconds count in full, single-digit milliseconds partly, tens of milliseconds (ordinary web
# latency) little, and a sentence's figure also caps a "p99 latency" alias beside it ("p99 latency under
# 15 ms" is not a microsecond order path). Milliseconds need a latency word in the sentence ("a 20 ms
# budget" could be anything); micro- and nanoseconds are latency wherever a CV states them.
LATENCY_SKILL = "low-latency"
_LATENCY_FIGURE_RE = re.compile(
    r"(?<![\w.])(?P<value>\d{1,5}(?:\.\d{1,3})?)(?P<gap>[ \t]?-?[ \t]?)"
    r"(?P<unit>nanoseconds?|nanos|microseconds?|micros|milliseconds?|millis|ns|\u00b5s|\u03bcs|us|ms)"
    r"(?![^\W\d_])"
)
_LATENCY_CONTEXT_RE = re.compile(
    r"latenc|\bp(?:50|9\d|99\d)\b|tail\b|round[\s-]?trip|tick[\s-]to[\s-]|response\s+times?|jitter"
)
# fmt: off
_MICRO_UNITS = frozenset(
    {"nanosecond", "nanoseconds", "nanos", "ns", "microsecond", "microseconds", "micros", "\u00b5s",
     "\u03bcs", "us"}
)
# fmt: on
# Grades by milliseconds: below 1 ms in full, then single digits, tens, and 100 ms or more.
LATENCY_GRADES: tuple[tuple[float, float], ...] = ((1.0, 1.0), (10.0, 0.7), (100.0, 0.35))
SLOW_LATENCY_GRADE = 0.15  # only ever a cap on an alias: 300 ms is no low-latency evidence
LATENCY_MENTION_MIN_GRADE = 0.3
_LETTER_RE = re.compile(r"[^\W\d_]")
_UPPER_RE = re.compile(r"[A-Z]")
_LOWER_RE = re.compile(r"[a-z]")


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a skill is named. ``text[start:end] == surface``; ``sentence`` is the enclosing span."""

    skill: str
    start: int
    end: int
    surface: str
    strength: float
    kind: str
    sentence: tuple[int, int] = (0, 0)


class SectionLike(Protocol):
    name: str
    start: int
    end: int


def strength_for(section: str, kind: str) -> float:
    """The one rule for how strong a mention is."""
    weight = SECTION_WEIGHTS.get(section.strip().lower(), SECTION_WEIGHTS["other"])
    return round(weight * KIND_FACTORS[kind], 4)


def extract_mentions(
    text: str, taxonomy: Taxonomy, section: str = "other", *, start: int = 0, end: int | None = None
) -> list[Mention]:
    """Every skill mention in ``text[start:end]`` (offsets stay those of ``text``), in reading order."""
    document = _Document(text)
    return _extract(document, _matcher(taxonomy), section, start, len(text) if end is None else end)


def extract_sections(
    text: str, taxonomy: Taxonomy, sections: Iterable[SectionLike | tuple[str, int, int]]
) -> list[Mention]:
    """Mentions for a whole CV, each section weighted by its own name; offsets are those of ``text``."""
    document = _Document(text)
    matcher = _matcher(taxonomy)
    found: list[Mention] = []
    for item in sections:
        name, start, end = item if isinstance(item, tuple) else (item.name, item.start, item.end)
        found.extend(_extract(document, matcher, name, start, end))
    found.sort(key=lambda m: (m.start, m.end))
    return found


def prepare(taxonomy: Taxonomy) -> None:
    """Compile the taxonomy's pattern now rather than on the first extraction (e.g. before a benchmark)."""
    _matcher(taxonomy)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence-like spans: split at line ends, bullets and sentence punctuation, trimmed of blanks."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_BREAK_RE.finditer(text):
        cut = match.start()
        if match.group("stop"):
            cut += 1  # the full stop belongs to its sentence
            if text[cut - 1] == "." and _is_abbreviation(text, cut - 1):
                continue
        _add_span(text, begin, cut, spans)
        begin = match.end()
    _add_span(text, begin, len(text), spans)
    return spans


def is_skills_list_line(line: str) -> bool:
    """True for a bare list of short items ("Go, Python, Kafka", "Languages: Go | Rust"), not for prose.

    Counts rather than parses: items are separators + 1, and a list has few words per item and almost no
    function words ("I", "the", "with"). Called once per sentence that names a skill, so it must be cheap.
    """
    body = line.strip(_LIST_STRIP)
    colon = body.find(":", 0, 41)
    labelled = colon > 0 and body.count(" ", 0, colon) <= 4
    if labelled:
        body = body[colon + 1 :]
    separators = len(_LIST_SEPARATOR_RE.findall(body))
    if not separators and not labelled:
        return False
    words = body.lower().split()
    if not words:
        return False
    per_item = len(words) / (separators + 1)
    stop_share = len(_LIST_STOPWORDS.intersection(words)) / len(words)
    if labelled:
        return per_item <= 3 and stop_share <= 0.2
    if separators >= 2:
        return per_item <= 2.5 and stop_share <= 0.15
    return len(words) <= 4 and stop_share == 0


# --- compiled matcher, one per taxonomy --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Cue or veto patterns, split by where the word sits in them so each is tried only where it can match."""

    right: re.Pattern[str] | None  # "@ 1.21": matched where the word ends
    left: re.Pattern[str] | None  # "written in @": must end where the word starts
    middle: re.Pattern[str] | None  # "java, @ framework": searched in a window with the word marked
    loose: re.Pattern[str] | None  # "board game": anywhere in the sentence

    def hit(self, doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
        low = doc.lowered
        if self.right is not None and self.right.match(low, cand.end, min(facts.end, cand.end + _REACH)):
            return True
        if self.left is not None and self.left.search(low, max(facts.start, cand.start - _REACH), cand.start):
            return True
        if self.middle is not None and self.middle.search(_window(doc, facts, cand)):
            return True
        return self.loose is not None and self.loose.search(low, facts.start, facts.end) is not None


@dataclass(frozen=True, slots=True)
class _Rule:
    """The compiled Context of one ambiguous skill."""

    case: str
    strict: bool
    strong: _Patterns  # cues right against the word: beat a sentence-level veto
    weak: _Patterns  # cues elsewhere in the sentence, or a bare preposition
    hard_veto: _Patterns  # vetoes anchored to the word: always win
    soft_veto: _Patterns  # vetoes anywhere in the sentence: a skills-list neighbour overrides them


@dataclass(frozen=True, slots=True)
class _Matcher:
    pattern: re.Pattern[str]
    by_key: dict[str, tuple[str, _Rule | None]]
    keys: dict[str, str]  # matched text -> lookup key; spellings repeat, normalising each once is enough
    domains: frozenset[str] = frozenset()  # ids of domain skills, checked for being part of a company name
    nested: dict[str, frozenset[str]] | None = None  # compound key -> the related skills named inside it
    latency: bool = False  # the taxonomy has LATENCY_SKILL, so latency figures are read as evidence of it


_MATCHERS: weakref.WeakKeyDictionary[Taxonomy, _Matcher] = weakref.WeakKeyDictionary()


def _matcher(taxonomy: Taxonomy) -> _Matcher:
    found = _MATCHERS.get(taxonomy)
    if found is None:
        found = _MATCHERS[taxonomy] = _build_matcher(taxonomy)
    return found


def _build_matcher(taxonomy: Taxonomy) -> _Matcher:
    trie: dict[str | None, dict] = {}
    by_key: dict[str, tuple[str, _Rule | None]] = {}
    for skill in taxonomy:
        rule = _compile_rule(skill) if skill.context is not None else None
        terms = skill.context.terms if skill.context is not None else frozenset()
        for surface in skill.surfaces:
            key = normalise_term(surface)
            by_key[key] = (skill.id, rule if key in terms else None)
            node = trie
            for atom in _atoms(surface):
                node = node.setdefault(atom, {})
            node[None] = {}
    _close_separators(trie)
    # Leading with the set of possible first characters lets the regex engine skip most positions cheaply.
    first = "".join(sorted(atom for atom in trie if atom is not None))
    pattern = re.compile(f"(?=[{first}])" + _LEFT + "(?:" + _trie_pattern(trie) + ")" + _RIGHT)
    domains = frozenset(skill.id for skill in taxonomy if skill.category == "domain")
    nested = _nested_skills(taxonomy, pattern, by_key)
    return _Matcher(pattern, by_key, {}, domains, nested, LATENCY_SKILL in taxonomy)


def _nested_skills(
    taxonomy: Taxonomy, pattern: re.Pattern[str], by_key: dict[str, tuple[str, _Rule | None]]
) -> dict[str, frozenset[str]]:
    """For each compound spelling, the related skills whose own spelling it contains ("open banking")."""
    nested: dict[str, frozenset[str]] = {}
    for skill in taxonomy:
        if skill.category not in _NESTING_CATEGORIES:
            continue
        for surface in skill.surfaces:
            text = surface.lower()
            inner = set()
            for begin, finish in _inner_spans(pattern, text, 0, len(text)):
                other = by_key.get(normalise_term(text[begin:finish]), (None, None))[0]
                if other is None or other == skill.id:
                    continue
                if other in taxonomy.implied(skill.id) or skill.id in taxonomy.implied(other):
                    inner.add(other)
            if inner:
                nested[normalise_term(surface)] = frozenset(inner)
    return nested


def _inner_spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spellings that start at a word inside text[start:end] and end at a word end, other than the whole."""
    spans = []
    for pos in range(start, end):
        if pos > start and (text[pos - 1].isalnum() or not text[pos].isalnum()):
            continue
        match = pattern.match(text, pos, end if pos > start else end - 1)
        if match is not None and (match.end() == end or not text[match.end()].isalnum()):
            spans.append(match.span())
    return spans


def _atoms(surface: str) -> list[str]:
    """Regex pieces of one spelling: escaped characters, with _SEP where words or inner dots/slashes are."""
    atoms: list[str] = []
    text = surface.lower().strip()
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char in " \t-_" or (char in "./" and atoms and following.isalnum()):
            if atoms and atoms[-1] != _SEP:
                atoms.append(_SEP)
        else:
            atoms.append(re.escape(char))
    while atoms and atoms[-1] == _SEP:
        atoms.pop()
    return atoms


def _close_separators(node: dict[str | None, dict]) -> None:
    """Give every "a b" path an "ab" twin, so that a separator, where present, is never optional.

    With optional separators two paths could match the same text and the regex would take the first, not
    the longest ("GitHub" instead of "GitHub Actions"); with mandatory ones siblings never overlap.
    """
    sep = node.get(_SEP)
    if sep is not None:
        for atom, child in sep.items():
            if atom is not None:
                _merge(node.setdefault(atom, {}), child)
    for atom, child in node.items():
        if atom is not None:
            _close_separators(child)


def _merge(target: dict[str | None, dict], source: dict[str | None, dict]) -> None:
    for atom, child in source.items():
        _merge(target.setdefault(atom, {}), child)


def _trie_pattern(node: dict[str | None, dict]) -> str:
    branches = [
        atom + _trie_pattern(child)
        for atom, child in sorted((a, c) for a, c in node.items() if a is not None)
    ]
    if not branches:
        return ""
    terminal = None in node
    if len(branches) == 1 and not terminal:
        return branches[0]
    # Greedy: a longer spelling is tried before stopping at a shorter one that is also a skill.
    return "(?:" + "|".join(branches) + ")" + ("?" if terminal else "")


def _compile_rule(skill: Skill) -> _Rule:
    context: Context = skill.context  # type: ignore[assignment]
    strong_generic, weak_generic = CATEGORY_CUES.get(skill.category, ((), ()))
    anchored = [p for p in context.cues if PLACEHOLDER in p]
    loose = [p for p in context.cues if PLACEHOLDER not in p]
    vetoes = list(context.vetoes)
    if any(len(term) == 1 for term in context.terms):
        vetoes.extend(SINGLE_LETTER_VETOES)
    return _Rule(
        case=context.case,
        strict=context.strict,
        strong=_split_patterns([*anchored, *strong_generic]),
        weak=_split_patterns([*loose, *weak_generic]),
        hard_veto=_split_patterns([p for p in vetoes if PLACEHOLDER in p]),
        soft_veto=_split_patterns([p for p in vetoes if PLACEHOLDER not in p]),
    )


def _split_patterns(patterns: Sequence[str]) -> _Patterns:
    right, left, middle, loose = [], [], [], []
    for pattern in patterns:
        if PLACEHOLDER not in pattern:
            loose.append(pattern)
        elif pattern.count(PLACEHOLDER) > 1 or pattern.startswith("^"):
            middle.append(pattern)
        elif pattern.startswith(PLACEHOLDER):
            right.append(pattern[1:])
        elif pattern.endswith(PLACEHOLDER):
            left.append(pattern[:-1])
        else:
            middle.append(pattern)
    return _Patterns(
        right=_union(right),
        left=_union(left, suffix=r"\Z"),
        middle=_union(middle),
        loose=_union(loose),
    )


def _union(patterns: Sequence[str], suffix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    mark = re.escape(TERM_MARK)
    body = "|".join(f"(?:{p.replace(PLACEHOLDER, mark)})" for p in patterns)
    return re.compile(f"(?:{body}){suffix}", re.MULTILINE)


# --- one document -----------------------------------------------------------------------------------------

_OPENS_LEARNING = re.compile(r"[^\w\n]*learning\b")
_LEARNING_RE = re.compile(
    r"(?<!of\s)\b(?:" + "|".join(LEARNING_CUES) + ")|" + "|".join(LEARNING_MARKS), re.MULTILINE
)
_NEGATOR_RE = re.compile(r"(?=[nwzl])" + NEGATORS)
_HEDGE_RE = re.compile("|".join(HEDGE_CUES))
_STRONG_HEDGE_RE = re.compile(STRONG_HEDGES)
_TEAM_RE = re.compile(TEAM_CUES)
_TEAM_AFTER_RE = re.compile(
    r"\s*(?:is\s+|was\s+|were\s+)?(?:owned|maintained|run|managed|handled|operated)\s+by\s+"
    r"(?:the|another|a|an|our|other)\s+(?:[\w-]+\s+){0,2}?(?:teams?|squads?|group|department)\b"
)
_FROM_BEFORE_RE = re.compile(_FROM_BEFORE)
_TO_AFTER_RE = re.compile(_TO_AFTER)
_MIGRATION_RE = re.compile(_MIGRATION)
_NEGATION_AFTER_RE = re.compile(NEGATION_AFTER)
_WORK_RE = re.compile(WORK_VERBS)
# Substrings without which no LEARNING_CUES pattern can match; a sentence lacking all of them is skipped.
# fmt: off
_LEARNING_TRIGGERS = (
    "learning", "taught", "study", "tutorial", "course", "bootcamp", "mooc", "nanodegree", "udemy",
    "coursera", "edx", "pluralsight", "codecademy", "datacamp", "nptel", "khan", "spare time",
    "free time", "own time", "personal time", "hobb", "for fun", "interest", "explor", "experimenting",
    "dabbl", "toy", "familiar", "basic", "fundamentals", "beginner", "novice", "introduc", "exposure",
    "limited", "academic",
)
# fmt: on

# Substrings without which no HEDGE_CUES / STRONG_HEDGES / TEAM_CUES pattern can match.
# fmt: off
_HEDGE_TRIGGERS = (
    "basic", "básic", "notion", "kenntnisse", "connaissances", "conocimientos", "nociones", "conoscenze",
    "basiskennis", "hobby", "course", "project", "module", "grundlagen", "basiswissen", "di base", "lecture",
    "never", "sandbox", "production", "claim", "professionally",
)
_TEAM_TRIGGERS = (
    "team", "squad", "group", "engineers", "developers", "department", "org", "quipe", "equipo", "entwickler",
)
# fmt: on

_ACCEPT, _SOFT, _HARD = 2, 1, 0


class _Document:
    """A text with its lowercase twin and lazily computed sentence facts, shared by all sections."""

    __slots__ = (
        "_facts",
        "_masks",
        "_triggers",
        "has_hedge_trigger",
        "has_team_trigger",
        "lowered",
        "sentence_starts",
        "sentences",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        if len(lowered) != len(text):
            # A few characters lowercase to two ("İ"); keep offsets identical by leaving those alone.
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        self.lowered = lowered
        self.sentences = split_sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self._masks: list[tuple[int, int]] | None = None
        self._facts: dict[int, _SentenceFacts] = {}
        # Most CVs hedge nothing and mention no team's stack: one substring pass spares a regex per sentence.
        self.has_hedge_trigger = any(trigger in lowered for trigger in _HEDGE_TRIGGERS)
        self.has_team_trigger = any(trigger in lowered for trigger in _TEAM_TRIGGERS)
        self._triggers: list[int] | None = None

    def has_learning_trigger(self, start: int, end: int) -> bool:
        if self._triggers is None:
            # str.find per trigger over the whole text is far cheaper than a regex per sentence.
            found = []
            for trigger in _LEARNING_TRIGGERS:
                at = self.lowered.find(trigger)
                while at != -1:
                    found.append(at)
                    at = self.lowered.find(trigger, at + 1)
            self._triggers = sorted(found)
        index = bisect.bisect_left(self._triggers, start)
        return index < len(self._triggers) and self._triggers[index] < end

    def masks(self) -> list[tuple[int, int]]:
        if self._masks is None:
            self._masks = _address_spans(self.text, self.lowered)
        return self._masks

    def masked(self, start: int) -> bool:
        if not self.masks():
            return False
        index = bisect.bisect_right(self._masks, (start, len(self.text) + 1)) - 1
        return index >= 0 and self._masks[index][0] <= start < self._masks[index][1]

    def facts(self, index: int) -> _SentenceFacts:
        found = self._facts.get(index)
        if found is None:
            found = self._facts[index] = _SentenceFacts(self, index)
        return found


class _SentenceFacts:
    __slots__ = (
        "_all_caps",
        "_clause_breaks",
        "_hedges",
        "_learning",
        "_listy",
        "_negator",
        "_strong_hedges",
        "_teams",
        "_work",
        "doc",
        "end",
        "start",
    )

    def __init__(self, doc: _Document, index: int) -> None:
        self.doc = doc
        self.start, self.end = doc.sentences[index] if doc.sentences else (0, len(doc.text))
        self._listy: bool | None = None
        self._all_caps: bool | None = None
        self._learning: list[int] | None = None
        self._clause_breaks: list[int] | None = None
        self._work: bool | None = None
        self._negator: bool | None = None
        self._hedges: list[int] | None = None
        self._strong_hedges: list[int] | None = None
        self._teams: list[tuple[int, int]] | None = None

    @property
    def listy(self) -> bool:
        if self._listy is None:
            self._listy = is_skills_list_line(self.doc.text[self.start : self.end])
        return self._listy

    @property
    def all_caps(self) -> bool:
        if self._all_caps is None:
            upper = len(_UPPER_RE.findall(self.doc.text, self.start, self.end))
            lower = len(_LOWER_RE.findall(self.doc.text, self.start, self.end))
            self._all_caps = upper + lower >= 8 and upper >= 3 * lower
        return self._all_caps

    @property
    def has_work_verb(self) -> bool:
        if self._work is None:
            self._work = _WORK_RE.search(self.doc.lowered, self.start, self.end) is not None
        return self._work

    def clause(self, position: int) -> tuple[int, int]:
        if self._clause_breaks is None:
            self._clause_breaks = [
                m.start() for m in _CLAUSE_BREAK_RE.finditer(self.doc.lowered, self.start, self.end)
            ]
        index = bisect.bisect_right(self._clause_breaks, position)
        begin = self._clause_breaks[index - 1] if index else self.start
        finish = self._clause_breaks[index] if index < len(self._clause_breaks) else self.end
        return begin, finish

    @property
    def has_negator(self) -> bool:
        if self._negator is None:
            self._negator = _NEGATOR_RE.search(self.doc.lowered, self.start, self.end) is not None
        return self._negator

    def hedged_at(self, position: int) -> bool:
        """A hedge in the clause around position, or a strong one after it; each sentence is scanned once."""
        if self._hedges is None:
            low, start, end = self.doc.lowered, self.start, self.end
            if self.doc.has_hedge_trigger:
                self._hedges = [m.start() for m in _HEDGE_RE.finditer(low, start, end)]
                self._strong_hedges = [m.start() for m in _STRONG_HEDGE_RE.finditer(low, start, end)]
            else:
                self._hedges, self._strong_hedges = [], []
        if self._strong_hedges and self._strong_hedges[-1] >= position:
            return True
        if not self._hedges:
            return False
        begin, finish = self.clause(position)
        index = bisect.bisect_left(self._hedges, begin)
        return index < len(self._hedges) and self._hedges[index] < finish

    def team_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each "my teams write" cue in the sentence, found once."""
        if self._teams is None:
            self._teams = (
                [m.span() for m in _TEAM_RE.finditer(self.doc.lowered, self.start, self.end)]
                if self.doc.has_team_trigger
                else []
            )
        return self._teams

    def learning_at(self, position: int) -> bool:
        """Whether a learning cue is in the clause around position ("..., learning Rust in my spare time")."""
        if self._learning is None:
            if self.doc.has_learning_trigger(self.start, self.end):
                self._learning = [
                    m.start() for m in _LEARNING_RE.finditer(self.doc.lowered, self.start, self.end)
                ]
                # "^\W*learning" cannot see a sentence that opens after a bullet on the same line
                # ("• Learning Kubernetes"): the sentence starts past the bullet, not at a line start.
                if self._learning[:1] != [self.start] and _OPENS_LEARNING.match(
                    self.doc.lowered, self.start, self.end
                ):
                    self._learning.insert(0, self.start)
            else:
                self._learning = []
        if not self._learning:
            return False
        begin, finish = self.clause(position)
        index = bisect.bisect_left(self._learning, begin)
        return index < len(self._learning) and self._learning[index] < finish


class _Candidate:
    __slots__ = ("end", "in_run", "key", "rule", "sentence", "skill", "start", "status")

    def __init__(self, skill: str, start: int, end: int, key: str, rule: _Rule | None, sentence: int) -> None:
        self.skill, self.start, self.end, self.key, self.rule = skill, start, end, key, rule
        self.sentence = sentence
        self.status = _ACCEPT if rule is None else _SOFT
        self.in_run = False  # one of three or more skills separated only by spaces: a tag list


def _extract(doc: _Document, matcher: _Matcher, section: str, start: int, end: int) -> list[Mention]:
    section = section.strip().lower() or "other"
    in_skills = section == "skills"
    candidates: list[_Candidate] = []
    text = doc.text
    keys, by_key = matcher.keys, matcher.by_key
    masks = doc.masks()
    starts = doc.sentence_starts
    for match in matcher.pattern.finditer(doc.lowered, max(start, 0), min(end, len(text))):
        m_start, m_end = match.span()
        found = match.group()
        key = keys.get(found)
        if key is None:
            if len(keys) > _KEY_CACHE_LIMIT:
                keys.clear()
            key = keys[found] = normalise_term(found)
        skill_id, rule = by_key.get(key, (None, None))
        if skill_id is None or (masks and doc.masked(m_start)):
            continue
        if len(key) == 1 and text[m_end : m_end + 1].isdigit():
            continue  # "R2", "C4": part numbers, not languages
        sentence = max(bisect.bisect_right(starts, m_start) - 1, 0)
        candidates.append(_Candidate(skill_id, m_start, m_end, key, rule, sentence))
        if matcher.nested and key in matcher.nested:
            inner = matcher.nested[key]
            for begin, finish in _inner_spans(matcher.pattern, doc.lowered, m_start, m_end):
                inner_key = normalise_term(doc.lowered[begin:finish])
                inner_id, inner_rule = by_key.get(inner_key, (None, None))
                if inner_id in inner:
                    candidates.append(_Candidate(inner_id, begin, finish, inner_key, inner_rule, sentence))
    for candidate in candidates:
        if candidate.rule is not None:
            candidate.status = _judge(doc, candidate, in_skills)
    if not in_skills and len(candidates) >= 3:
        _mark_runs(doc, candidates)
    _rescue_list_items(doc, candidates, in_skills)
    if matcher.domains:
        domain_ends = {c.end for c in candidates if c.skill in matcher.domains}
        for candidate in candidates:
            if (
                candidate.skill in matcher.domains
                and candidate.status == _ACCEPT
                and _in_a_name(doc, candidate, domain_ends)
            ):
                candidate.status = _HARD
    accepted = [c for c in candidates if c.status == _ACCEPT]
    figures = _latency_figures(doc, start, end) if matcher.latency else []
    if not figures:
        return _classify(doc, accepted, section)
    for figure_start, figure_end, sentence, grade in figures:
        if grade >= LATENCY_MENTION_MIN_GRADE:
            figure = _Candidate(LATENCY_SKILL, figure_start, figure_end, "", None, sentence)
            accepted.append(figure)
    accepted.sort(key=lambda c: (c.start, c.end))
    return _grade_latency(doc, _classify(doc, accepted, section), figures)


def _latency_figures(doc: _Document, start: int, end: int) -> list[tuple[int, int, int, float]]:
    """(start, end, sentence, grade) of each latency figure in text[start:end]; see LATENCY_GRADES."""
    found = []
    low, text = doc.lowered, doc.text
    for match in _LATENCY_FIGURE_RE.finditer(low, max(start, 0), min(end, len(low))):
        unit = match["unit"]
        written = text[match.start("unit") : match.end("unit")]
        if len(unit) == 2 and written != unit:
            continue  # "MS Office", "NS records", "US": not units
        if unit == "us" and match["gap"]:
            continue  # "35 us" is too often the pronoun; "35us" is not
        sentence = max(bisect.bisect_right(doc.sentence_starts, match.start()) - 1, 0)
        if unit in _MICRO_UNITS:
            grade = 1.0
        else:
            facts = doc.facts(sentence)
            if _LATENCY_CONTEXT_RE.search(low, facts.start, facts.end) is None:
                continue
            value = float(match["value"])
            grade = next((g for limit, g in LATENCY_GRADES if value < limit), SLOW_LATENCY_GRADE)
        found.append((match.start(), match.end(), sentence, grade))
    return found


def _grade_latency(
    doc: _Document, mentions: list[Mention], figures: list[tuple[int, int, int, float]]
) -> list[Mention]:
    """A figure's mention weighs by its own grade; a latency alias by the best figure of its sentence."""
    own = {figure_start: grade for figure_start, _, _, grade in figures}
    by_sentence: dict[tuple[int, int], float] = {}
    for _, _, sentence, grade in figures:
        span = doc.sentences[sentence] if doc.sentences else (0, len(doc.text))
        by_sentence[span] = max(by_sentence.get(span, 0.0), grade)
    graded = []
    for mention in mentions:
        if mention.skill == LATENCY_SKILL:
            grade = own.get(mention.start, by_sentence.get(mention.sentence, 1.0))
            if grade < 1.0:
                mention = replace(mention, strength=round(mention.strength * grade, 4))
        graded.append(mention)
    return graded


def _mark_runs(doc: _Document, candidates: list[_Candidate]) -> None:
    """Flag skills written as a bare tag list, "java spring hibernate jenkins", with no separators at all.

    Three or more skills in a row with only spaces between them, one of them already accepted, are a list
    however they are written: the other words in it are judged again as a skills list would judge them.
    """
    index = 0
    while index < len(candidates):
        finish = index
        while finish + 1 < len(candidates):
            left, right = candidates[finish], candidates[finish + 1]
            gap = doc.text[left.end : right.start]
            if right.sentence != left.sentence or not 0 < len(gap) <= 2 or not gap.isspace() or "\n" in gap:
                break
            finish += 1
        run = candidates[index : finish + 1]
        if len(run) >= 3 and any(c.status == _ACCEPT for c in run):
            for cand in run:
                cand.in_run = True
                if cand.status != _ACCEPT and cand.rule is not None:
                    cand.status = _judge(doc, cand, True)
        index = finish + 1


def _in_a_name(doc: _Document, cand: _Candidate, domain_ends: set[int]) -> bool:
    """Whether a capitalised domain word is part of an employer's name ("Vélo Logistics", "Bidwell Media")."""
    text = doc.text
    if not text[cand.start : cand.end].istitle():
        return False  # lowercase prose, or an acronym ("SaaS", "HR") that names the field itself
    facts = doc.facts(cand.sentence)
    after = _WORDS_AFTER_RE.match(text, cand.end, min(facts.end, cand.end + 40))
    following = [w.lower().rstrip(".") for w in after.groups() if w] if after else []
    if any(word in _COMPANY_WORDS for word in following):
        return True
    if following and following[0] in _TITLE_WORDS:
        return False
    before = _WORD_BEFORE_RE.search(text, max(facts.start, cand.start - 40), cand.start)
    if before is None or not before.group(1)[0].isupper() or before.group(1).lower() in _DEGREE_WORDS:
        return False
    if before.end(1) in domain_ends:
        return False  # "Banking Insurance Healthcare" is a list of domains, not a name
    # Title case alone is not a name ("Power Transformers, Distribution Transformers"): the line must be a
    # job header, or short enough to be nothing but a name ("Thistle Energy Data, Edinburgh").
    words = [w.strip(_WORD_PUNCTUATION) for w in text[facts.start : facts.end].split()]
    words = [w for w in words if _LETTER_RE.search(w)]
    if any(w.lower() in _HEADER_WORDS for w in words):
        return True
    return len(words) <= 6 and all(w[0].isupper() for w in words)


def _judge(doc: _Document, cand: _Candidate, in_skills: bool) -> int:
    """Phase one for an ambiguous word: accepted, rejected for good, or left for a list neighbour to save."""
    rule: _Rule = cand.rule  # type: ignore[assignment]
    facts = doc.facts(cand.sentence)
    case_ok = _case_ok(doc.text[cand.start : cand.end], rule.case)
    if not case_ok and not (in_skills or facts.listy):
        return _HARD
    if rule.hard_veto.hit(doc, facts, cand):
        return _HARD
    if case_ok and rule.strong.hit(doc, facts, cand):
        return _ACCEPT
    if rule.soft_veto.hit(doc, facts, cand):
        return _SOFT
    if not case_ok:
        return _SOFT
    if rule.weak.hit(doc, facts, cand):
        return _ACCEPT
    if (in_skills or not rule.strict) and _alone(doc, facts, cand):
        return _ACCEPT
    if rule.strict:
        return _SOFT
    if rule.case == "any":
        return _ACCEPT
    if facts.all_caps:
        return _SOFT
    if rule.case == "upper":
        return _ACCEPT
    return _SOFT if _sentence_initial(doc, facts, cand) else _ACCEPT


def _rescue_list_items(doc: _Document, candidates: list[_Candidate], in_skills: bool) -> None:
    """Phase two: an ambiguous word enumerated next to an accepted skill ("Go, Python", "C/C++") counts.

    Acceptance spreads along an enumeration one neighbour per pass; lists of ambiguous words are short,
    so a few passes reach the fixed point.
    """
    changed = True
    passes = 0
    while changed and passes < _RESCUE_PASSES:
        changed = False
        passes += 1
        for index, cand in enumerate(candidates):
            if cand.status != _SOFT:
                continue
            listy = in_skills or cand.in_run or doc.facts(cand.sentence).listy
            case_ok = _case_ok(doc.text[cand.start : cand.end], cand.rule.case)  # type: ignore[union-attr]
            for other_index in (index - 1, index + 1):
                if not 0 <= other_index < len(candidates):
                    continue
                other = candidates[other_index]
                if other.sentence != cand.sentence:
                    continue
                gap = doc.lowered[min(other.end, cand.end) : max(other.start, cand.start)]
                if not _enumerated(gap, listy):
                    continue
                if (other.status == _ACCEPT and (case_ok or listy)) or (listy and other.status == _SOFT):
                    cand.status = _ACCEPT
                    changed = True
                    break


def _enumerated(gap: str, listy: bool) -> bool:
    if len(gap) > 12 or not _ENUM_GAP_RE.fullmatch(gap):
        return False
    return listy or _ENUM_SEPARATOR_RE.search(gap) is not None


def _classify(doc: _Document, accepted: list[_Candidate], section: str) -> list[Mention]:
    strengths = {kind: strength_for(section, kind) for kind in KINDS}
    mentions: list[Mention] = []
    previous: _Candidate | None = None
    previous_kind = ""
    in_work_section = section in WORK_SECTIONS
    for cand in accepted:
        facts = doc.facts(cand.sentence)
        # An enumeration carries the kind along: "no experience with Java, Kotlin or Scala".
        chained = (
            previous_kind in (NEGATED, LEARNING, HEDGED)
            and previous is not None
            and previous.sentence == cand.sentence
            and _enumerated(doc.lowered[previous.end : cand.start], True)
        )
        if (chained and previous_kind == NEGATED) or _negated(doc, facts, cand):
            kind = NEGATED
        elif (chained and previous_kind == LEARNING) or facts.learning_at(cand.start):
            kind = LEARNING  # "basic", "hobby" and "familiar with" read as study here, as before
        elif (chained and previous_kind == HEDGED) or _hedged(doc, facts, cand):
            kind = HEDGED
        elif _team(doc, facts, cand):
            kind = TEAM
        elif section == "skills" or facts.listy:
            kind = LISTED
        elif _replaced(doc, facts, cand):
            kind = REPLACED
        elif in_work_section or facts.has_work_verb:
            kind = WORK
        else:
            kind = MENTIONED
        text = doc.text[cand.start : cand.end]
        span = (facts.start, facts.end)
        mentions.append(Mention(cand.skill, cand.start, cand.end, text, strengths[kind], kind, span))
        previous, previous_kind = cand, kind
    return mentions


def _hedged(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
    """A hedge in the clause around the mention, or a strong one anywhere after it in the sentence."""
    return facts.hedged_at(cand.start)


def _team(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
    """The mention follows "my teams write …" / "the teams I lead use …" in its sentence, or is followed by
    "owned by the platform team"."""
    if not doc.has_team_trigger:
        return False
    if _TEAM_AFTER_RE.match(doc.lowered, cand.end, facts.end):
        return True
    before = [end for start, end in facts.team_spans() if end <= cand.start]
    return bool(before) and not _CLAUSE_STOP_RE.search(doc.lowered, before[-1], cand.start)


def _replaced(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
    """ "from X to Y" in a sentence about a migration: X is what the work moved away from."""
    low = doc.lowered
    if not _FROM_BEFORE_RE.search(low, max(facts.start, cand.start - 40), cand.start):
        return False
    if not _TO_AFTER_RE.match(low, cand.end, min(facts.end, cand.end + 40)):
        return False
    return _MIGRATION_RE.search(low, facts.start, facts.end) is not None


def _negated(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
    if not facts.has_negator:
        return False
    if _NEGATION_AFTER_RE.match(doc.lowered, cand.end, min(cand.end + 40, facts.end)):
        return True
    before = doc.lowered[max(facts.start, cand.start - 80) : cand.start]
    last = None
    for last in _NEGATOR_RE.finditer(before):  # noqa: B007 - only the nearest negator matters
        pass
    if last is None:
        return False
    between = before[last.end() :].replace("-", " ").split()
    return all(word.strip("'") in NEGATION_FILLERS for word in between)


def _window(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> str:
    """The sentence around the word, lowercased, with the word itself replaced by TERM_MARK."""
    begin = max(facts.start, cand.start - _REACH)
    finish = min(facts.end, cand.end + _REACH)
    return doc.lowered[begin : cand.start] + TERM_MARK + doc.lowered[cand.end : finish]


def _case_ok(surface: str, case: str) -> bool:
    if case == "any":
        return True
    if case == "upper":
        return surface.isupper()
    if not surface[:1].isupper():
        return False
    return case != "title" or len(surface) == 1 or not surface.isupper()


def _sentence_initial(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
    before = doc.text[facts.start : cand.start]
    if not _LETTER_RE.search(before):
        return True
    return before.rstrip().endswith((":", ";", "\u2013", "\u2014"))


def _alone(doc: _Document, facts: _SentenceFacts, cand: _Candidate) -> bool:
    rest = doc.text[facts.start : cand.start] + doc.text[cand.end : facts.end]
    return not _LETTER_RE.search(rest)


def _address_spans(text: str, lowered: str) -> list[tuple[int, int]]:
    spans = set()
    for mark in _ADDRESS_MARKS:
        at = lowered.find(mark)
        while at != -1:
            begin, end = at, at + len(mark)
            while begin > 0 and not text[begin - 1].isspace() and text[begin - 1] not in "|,;(<[":
                begin -= 1
            while end < len(text) and not text[end].isspace() and text[end] not in "|,;)>]":
                end += 1
            spans.add((begin, end))
            at = lowered.find(mark, end)
    return sorted(spans)


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or len(word) == 1


def _add_span(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin < end:
        spans.append((begin, end))
