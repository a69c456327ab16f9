"""Job description → role draft: a pasted JD becomes a RoleSpec for the recruiter to check, with notes.

What is read, and how:

- **Title**: a "Title:/Role:/Position:" line, else the first line that names a role ("… Engineer",
  "… Developer"), else the first role phrase in the opening prose.
- **Seniority**: the first level word in the title (Junior, Mid/Middle, Senior, Staff/Principal, Lead/Head);
  else the smallest "N+ years" in the text, through vocab.SENIORITY_MIN_YEARS.
- **Skills**: ``extract.extract_mentions`` (so "Go" the language and "go" the verb stay apart), each
  mention bucketed by, in order: an explicit cue in its own clause ("… is a plus", "ideally", "required",
  "must have"), the section it sits in ("Requirements", "Minimum qualifications" vs "Nice to have",
  "Preferred qualifications"), and, outside any such section, level words ("5+ years", "strong").
  Sections about the company or benefits are not requirements. When a JD names no requirement at all,
  its neutral mentions become must-haves (a one-line brief is a list of needs); otherwise they are
  nice-to-haves. Languages named in the title are always must-haves.
- **Languages**: named in the title (frameworks count: Django → Python, .NET → C#), else the must-haves.
- **Location, remote policy, salary**: a "Location:" line or the first known city; hybrid / remote /
  onsite phrases; "£90k-£130k", "$150,000 - $180,000 per annum", "up to €95k" (day rates are left out).
- **Project**: the playbook whose competencies and domains the JD's skills cover best, else "general".

The growth plan is never in a JD: the draft says so, because it is the client's to give.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from shortlist.engine.cv.contact import find_location
from shortlist.engine.cv.extract import LEARNING, NEGATED, Mention, extract_mentions
from shortlist.engine.roles.playbooks import FALLBACK_ID, Playbook, default_playbooks
from shortlist.engine.roles.rolefile import ClientSpec, RoleSpec, Salary
from shortlist.engine.vocab.enums import SENIORITY_MIN_YEARS, Seniority, WorkMode
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy


class Bucket(StrEnum):
    MUST = "must"
    NICE = "nice"
    NEUTRAL = "neutral"  # duties, stack, intro: a skill the role uses, not one it demands
    IGNORE = "ignore"  # about the company, benefits, how to apply


class Family(StrEnum):
    BACKEND = "backend"
    FRONTEND = "frontend"
    FULLSTACK = "fullstack"
    MOBILE = "mobile"
    DATA = "data"
    ML = "ml"
    DEVOPS = "devops"
    QA = "qa"
    EMBEDDED = "embedded"
    MANAGEMENT = "engineering-management"
    OTHER = "other"  # not an engineering role


@dataclass(frozen=True, slots=True)
class RoleDraft:
    spec: RoleSpec
    notes: tuple[str, ...]  # what was guessed and from where, for the recruiter to check
    family: Family | None = None
    evidence: tuple[tuple[str, str, str], ...] = ()  # (skill id, bucket, the clause it came from)


# --- sections ------------------------------------------------------------------------------------------

# Heading phrases, compared after lower-casing and dropping punctuation and a trailing "s".
_HEADINGS: dict[Bucket, tuple[str, ...]] = {
    Bucket.MUST: (
        "requirements",
        "requirement",
        "required",
        "required skills",
        "required experience",
        "required qualifications",
        "minimum qualifications",
        "minimum requirements",
        "basic qualifications",
        "must have",
        "must haves",
        "musthaves",
        "essential",
        "essentials",
        "essential skills",
        "essential requirements",
        "what you need",
        "what youll need",
        "what you will need",
        "what were looking for",
        "what we are looking for",
        "what you bring",
        "what youll bring",
        "you have",
        "youll have",
        "you will have",
        "who you are",
        "about you",
        "skills and experience",
        "skills experience",
        "experience",
        "qualifications",
        "key skills",
        "your profile",
        "your skills",
        "your experience",
        "the ideal candidate",
        "ideal candidate",
        "were looking for",
        "we are looking for",
        "we expect",
        "key requirements",
        "technical requirements",
        "core skills",
    ),
    Bucket.NICE: (
        "nice to have",
        "nice to haves",
        "nice-to-have",
        "bonus",
        "bonus points",
        "bonus points if",
        "bonus if you have",
        "preferred",
        "preferred qualifications",
        "preferred skills",
        "preferred experience",
        "desirable",
        "desirable skills",
        "desired",
        "desired skills",
        "plus",
        "pluses",
        "extra credit",
        "it would be great if",
        "great to have",
        "good to have",
        "even better",
        "would be a plus",
        "additional skills",
        "nice if you have",
        "ideally",
        "ideally you have",
        "you might also have",
        "you may also have",
        "it would be nice if you had",
    ),
    Bucket.NEUTRAL: (
        "responsibilities",
        "key responsibilities",
        "what youll do",
        "what you will do",
        "the role",
        "about the role",
        "your role",
        "role",
        "day to day",
        "you will",
        "youll",
        "tech stack",
        "our stack",
        "stack",
        "technologies",
        "our tech",
        "the team",
        "the job",
        "job description",
        "overview",
        "summary",
        "duties",
        "what youll be doing",
        "what you will be doing",
        "the project",
        "about the project",
        "project",
    ),
    Bucket.IGNORE: (
        "about us",
        "about the company",
        "who we are",
        "benefits",
        "perks",
        "perks and benefits",
        "what we offer",
        "we offer",
        "why join us",
        "why join",
        "why us",
        "compensation",
        "salary",
        "package",
        "location",
        "how to apply",
        "equal opportunity",
        "diversity",
        "diversity and inclusion",
        "interview process",
        "our values",
        "company",
    ),
}
_HEADING_BUCKET = {phrase: bucket for bucket, phrases in _HEADINGS.items() for phrase in phrases}
_PHRASES = sorted(_HEADING_BUCKET, key=len, reverse=True)
# A label written like a heading: "## Requirements", "**Nice to have**", "REQUIREMENTS", "Requirements:".
_MARKDOWN = re.compile(r"^\s{0,3}(?:#{1,6}\s*|[*_]{2})(?P<text>[^\n]*?)(?:[*_]{2})?\s*:?\s*$")
_LINE_LABEL = re.compile(r"^\s*(?:[-*•▪]\s*)?(?P<label>[A-Za-z][A-Za-z'’&/ -]{1,48}?)\s*(?::|\s[-–—]\s)\s*")
# "Must have: Go, Kafka. Nice to have: Rust." inside one line (one-line briefs).
_INLINE_LABEL = re.compile(
    r"(?:(?<=[.;!?|])|(?<=\s[-–—]))\s*(?P<label>"
    r"must[\s-]haves?|nice[\s-]to[\s-]haves?|requirements?|required|essential|bonus|preferred|desirable|"
    r"minimum qualifications|preferred qualifications|stack|tech stack)\s*:",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Segment:
    bucket: Bucket | None  # None before the first heading
    start: int
    end: int
    heading: str = ""


def _heading_key(text: str) -> str:
    text = text.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z& ]+", " ", text).replace("&", " and ")
    return " ".join(text.split())


def classify_heading(text: str) -> Bucket | None:
    """The bucket a heading names, or None when the words are not a known heading."""
    key = _heading_key(text)
    if not key or len(key.split()) > 8:
        return None
    if key in _HEADING_BUCKET:
        return _HEADING_BUCKET[key]
    if key.endswith("s") and key[:-1] in _HEADING_BUCKET:
        return _HEADING_BUCKET[key[:-1]]
    if key.startswith("about ") and len(key.split()) <= 5:
        return Bucket.IGNORE  # "About Lumen Bio": the company, whatever its name
    return None


def split_segments(text: str) -> list[Segment]:
    """The text cut at headings and inline labels, each part tagged with the bucket its heading names.

    A line that looks like a heading but is not a known one (a markdown "## Our mission") starts a
    neutral part, so a requirements list ends where the next heading begins. A label with its items on
    the same line ("Must have: Python, Django.") covers that line only.
    """
    # (segment start, heading start, bucket, heading); a bucket of None resets to the preamble's reading.
    marks: list[tuple[int, int, Bucket | None, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        found = _line_heading(body)
        if found is not None:
            bucket, heading, consumed = found
            marks.append((offset + consumed, offset, bucket, heading))
            if consumed < len(body.rstrip()):
                marks.append((offset + len(body), offset + len(body), None, ""))
        offset += len(line)
    for match in _INLINE_LABEL.finditer(text):
        label_at = match.start("label")
        line_start = text.rfind("\n", 0, label_at) + 1
        bucket = classify_heading(match["label"])
        if bucket is None or not text[line_start:label_at].strip(" \t-*•▪"):
            continue  # a label opening its line is the line reader's
        marks.append((match.end(), label_at, bucket, match["label"]))
        line_end = text.find("\n", match.end())
        if line_end != -1:
            marks.append((line_end, line_end, None, ""))
    marks.sort(key=lambda mark: (mark[0], mark[1]))
    segments: list[Segment] = []
    previous_end, previous_bucket, previous_heading = 0, None, ""
    for seg_start, heading_start, bucket, heading in marks:
        if heading_start > previous_end:
            segments.append(Segment(previous_bucket, previous_end, heading_start, previous_heading))
        previous_end = max(previous_end, seg_start)
        previous_bucket, previous_heading = bucket, heading
    segments.append(Segment(previous_bucket, previous_end, len(text), previous_heading))
    return [s for s in segments if s.end > s.start]


def _line_heading(line: str) -> tuple[Bucket | None, str, int] | None:
    """(bucket, heading text, where the content starts in the line) when the line opens with a heading."""
    stripped = line.strip()
    if not stripped:
        return None
    markdown = _MARKDOWN.match(line)
    if markdown and (stripped.startswith("#") or stripped.startswith(("**", "__"))):
        heading = markdown["text"].strip(" *_:")
        if heading and len(heading.split()) <= 8:
            return classify_heading(heading), heading, len(line)
    if stripped.endswith(":") and len(stripped.split()) <= 8:
        bucket = classify_heading(stripped[:-1])
        # An unknown "Something:" line is still a heading: it ends the section before it.
        return bucket, stripped[:-1], len(line)
    label = _LINE_LABEL.match(line)
    if label:
        bucket = classify_heading(label["label"])
        if bucket is not None:
            return bucket, label["label"], label.end()
    if len(stripped.split()) <= 5 and stripped[0].isalpha():
        bucket = classify_heading(stripped)
        # An unknown line in capitals ("OUR MISSION") is a heading too; one word ("SQL") is a list item.
        if bucket is not None or (stripped.isupper() and len(stripped.split()) >= 2):
            return bucket, stripped, len(line)
    return None


# --- cues inside a clause ------------------------------------------------------------------------------

# Cues that name the bucket outright. "leading" cues apply to the skills after them ("ideally Kafka"),
# "trailing" ones to the skills before them ("Kafka is a plus"); some read both ways ("required").
_NICE_LEADING = (
    r"nice[\s-]to[\s-]haves?|bonus\s+points?(?:\s+(?:if|for))?|bonus\s+(?:if|for)|bonus\s*:|ideally|preferably|preferred|"
    r"desirable|desired|would\s+be\s+(?:nice|great|good)\s+(?:if|to\s+have)|good\s+to\s+have|"
    r"great\s+to\s+have|even\s+better(?:\s+if)?|(?:a\s+)?plus\s+if|optionally|optional|extra\s+credit\s+for"
)
_NICE_TRAILING = (
    r"(?:(?:is|are|would\s+be|will\s+be|as)\s+)?(?:an?|big|huge|strong|definite|real|major)\s+"
    r"(?:big\s+|huge\s+|strong\s+|definite\s+|real\s+)?(?:plus|bonus|advantage)|(?:is|are|would\s+be)\s+(?:highly\s+)?(?:desirable|advantageous|beneficial|"
    r"nice|great|welcome|appreciated|helpful)|(?:is\s+|are\s+)?(?:preferred|desirable|desired|optional)|"
    r"nice[\s-]to[\s-]have|not\s+(?:required|essential|mandatory|a\s+must)|"
    r"(?:would|will)\s+be\s+(?:a\s+)?(?:plus|bonus|nice|great|an\s+advantage)|welcome|appreciated"
)
_MUST_LEADING = (
    r"must(?:[\s-]haves?)?(?:\s+have)?|required|requires?|requirements?|essential|mandatory|"
    r"you\s+(?:will\s+)?need|you'll\s+need|need\s+to\s+have|we\s+require|minimum"
)
_MUST_TRAILING = (
    r"(?:is|are)\s+(?:a\s+)?(?:must|required|essential|mandatory|a\s+requirement)|"
    r"required|essential|mandatory|a\s+must"
)
# Level words: a must-have sign only where no section says otherwise.
_LEVEL = (
    r"\d+\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs)|strong|proven|solid|expert(?:ise)?|proficien(?:t|cy)|"
    r"commercial(?:\s+experience)?|hands[\s-]on|deep|extensive|excellent|advanced|in-depth"
)


class Cue(StrEnum):
    """What the words around a skill say: nice-to-have, must-have, or a level ("5+ years", "strong")."""

    NICE = "nice"
    MUST = "must"
    LEVEL = "level"


def _cue_pattern(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_LEADING: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    (Cue.NICE, _cue_pattern(_NICE_LEADING)),
    (Cue.MUST, _cue_pattern(_MUST_LEADING)),
    (Cue.LEVEL, _cue_pattern(_LEVEL)),
)
_TRAILING: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    (Cue.NICE, _cue_pattern(_NICE_TRAILING)),
    (Cue.MUST, _cue_pattern(_MUST_TRAILING)),
)
# Where a clause ends: cues never reach across these.
_CLAUSE_BREAK = re.compile(r"[;.!?\n]\s|[;\n]|\s[-–—]\s|\bbut\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)
# Items of a list: a trailing cue reaches back over bare items only.
_ITEM_BREAK = re.compile(r",|\band\b|\bor\b|/", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Hit:
    cue: Cue
    start: int
    end: int
    trailing: bool


def _cues(text: str, start: int, end: int) -> list[_Hit]:
    hits: list[_Hit] = []
    for trailing, table in ((False, _LEADING), (True, _TRAILING)):
        for cue, pattern in table:
            for match in pattern.finditer(text, start, end):
                if match.end() > match.start():
                    hits.append(_Hit(cue, match.start(), match.end(), trailing))
    return sorted(hits, key=lambda h: (h.start, h.trailing))


def _clause(text: str, position: int, bounds: tuple[int, int]) -> tuple[int, int]:
    start, end = bounds
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def clause_cue(text: str, mention: Mention, floor: int = 0) -> Cue | None:
    """The bucket cue that governs one mention, by position in its clause (see the module docstring).

    ``floor`` is where the mention's section starts: its heading is not a cue inside the clause.
    """
    sentence = mention.sentence if mention.sentence != (0, 0) else (0, len(text))
    start, end = _clause(text, mention.start, (max(sentence[0], floor), sentence[1]))
    hits = [h for h in _cues(text, start, end) if not (h.start < mention.end and h.end > mention.start)]
    # 1. A leading cue in the mention's own list item ("Strong Python, Go a plus": Python is strong).
    item_start = start
    for match in _ITEM_BREAK.finditer(text, start, mention.start):
        item_start = match.end()
    own = [h for h in hits if not h.trailing and item_start <= h.start and h.end <= mention.start]
    if own:
        return own[-1].cue
    # 2. The first cue after it, if that cue reads backwards: within its own item ("Celery a plus"), or
    #    over a list no earlier cue governs ("Kafka or RabbitMQ would be a plus").
    before = [h for h in hits if not h.trailing and h.end <= mention.start]
    after = [h for h in hits if h.start >= mention.end]
    if after and after[0].trailing:
        same_item = _ITEM_BREAK.search(text, mention.end, after[0].start) is None
        if same_item or not before:
            return after[0].cue
    # 3. The nearest leading cue before it in the clause ("must know Django and PostgreSQL").
    return before[-1].cue if before else None


def bucket_for(cue: Cue | None, section: Bucket | None) -> Bucket:
    if cue == Cue.NICE:
        return Bucket.NICE
    if cue == Cue.MUST:
        return Bucket.MUST
    if section in (Bucket.MUST, Bucket.NICE, Bucket.IGNORE):
        return section
    if cue == Cue.LEVEL:
        return Bucket.MUST
    return Bucket.NEUTRAL


# --- title, seniority, family --------------------------------------------------------------------------

_TITLE_LABEL = re.compile(
    r"^\s*(?:[*_#]+\s*)?(?:job\s+title|title|role|position|vacancy|job)\s*[*_]*\s*[:\-–]\s*(?P<title>.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_ROLE_NOUN = (
    r"engineer|developer|programmer|architect|scientist|sre|devops|analyst|consultant|specialist|"
    r"lead|manager|head\s+of\s+\w+|cto|tester|qa|administrator|researcher"
)
_ROLE_NOUN_RE = re.compile(rf"\b(?:{_ROLE_NOUN}|dev)s?\b", re.IGNORECASE)
# Capitalised words before a role noun: "a Senior Python Developer to join" gives "Senior Python Developer".
_ROLE_PHRASE = re.compile(
    rf"\b(?:(?:[A-Z][\w+#./-]*|\.NET|C\+\+|C#)[\s/-]+){{0,5}}(?i:{_ROLE_NOUN})\b"
    r"(?:\s*\([^)]{1,40}\))?"
)
_HIRING_PREFIX = re.compile(
    r"^(?:we(?:'re|\s+are)\s+hiring|hiring|now\s+hiring|job|vacancy|role|position|opening)\s*[:!\-–]\s*",
    re.IGNORECASE,
)
_TITLE_CUT = re.compile(r"\s+(?:at|@|with|for|to\s+join)\s+[A-Z].*$|\s*[|•·;]\s.*$|\s*[|;].*$")
_LEVEL_WORDS: tuple[tuple[Seniority, re.Pattern[str]], ...] = (
    (
        Seniority.JUNIOR,
        re.compile(r"\b(?:junior|jr\.?|graduate|grad|intern(?:ship)?|trainee|entry[\s-]level)\b", re.I),
    ),
    (Seniority.MID, re.compile(r"\b(?:mid(?:dle)?(?:[\s-]level)?|intermediate|regular)\b", re.I)),
    (Seniority.SENIOR, re.compile(r"\b(?:senior|sr\.?|snr)\b", re.I)),
    (Seniority.STAFF, re.compile(r"\b(?:staff|principal|distinguished|architect)\b", re.I)),
    (Seniority.LEAD, re.compile(r"\b(?:lead|head|director|cto|vp|chief|engineering\s+manager)\b", re.I)),
)
_YEARS = re.compile(r"(?<![\d.])(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs)\b", re.IGNORECASE)
_FAMILIES: tuple[tuple[Family, re.Pattern[str]], ...] = (
    (
        Family.MANAGEMENT,
        re.compile(
            r"\b(?:engineering\s+manager|head\s+of\s+(?:engineering|development|technology|software|platform)|"
            r"cto|vp\s+(?:of\s+)?engineering|director\s+of\s+engineering|chief\s+technology)\b",
            re.I,
        ),
    ),
    (
        Family.OTHER,
        re.compile(
            r"\b(?:sales|marketing|recruit\w*|hr|account\s+manager|business\s+develop\w*|seo|smm|copywriter|"
            r"content|designer|design|product\s+manager|project\s+manager|product\s+owner|lead\s+generation|"
            r"support|customer|finance|accountant|financial\s+analyst|operations|office|legal|ppc|media\s+buyer|"
            r"business\s+analyst|scrum\s+master|delivery\s+manager|talent|artist|animator|video|writer|"
            r"translator|assistant|affiliate|community|pr\b|influencer|traffic|buyer|partnerships?)\b",
            re.I,
        ),
    ),
    (Family.FULLSTACK, re.compile(r"\bfull[\s-]?stack\b", re.I)),
    (
        Family.ML,
        re.compile(
            r"\b(?:machine\s+learning|ml|mlops|ai|llm|genai|data\s+scien\w+|computer\s+vision|cv\s+engineer|nlp|"
            r"deep\s+learning|research\s+(?:engineer|scientist))\b",
            re.I,
        ),
    ),
    (
        Family.DATA,
        re.compile(
            r"\b(?:data\s+engineer\w*|analytics\s+engineer|etl|big\s+data|data\s+platform|dwh|bi\s+developer|"
            r"data\s+warehouse|databricks|spark|sql\s+developer|database\s+developer|dba)\b",
            re.I,
        ),
    ),
    (
        Family.DEVOPS,
        re.compile(
            r"\b(?:devops|devsecops|sre|site\s+reliability|platform\s+engineer|infrastructure|cloud\s+engineer|"
            r"sysadmin|system\s+administrator|kubernetes)\b",
            re.I,
        ),
    ),
    (
        Family.QA,
        re.compile(
            r"\b(?:qa|aqa|quality\s+assurance|tester|testing|sdet|test\s+automation|automation\s+qa)\b", re.I
        ),
    ),
    (
        Family.MOBILE,
        re.compile(r"\b(?:ios|android|mobile|flutter|react\s+native|swift|kotlin\s+multiplatform)\b", re.I),
    ),
    (Family.EMBEDDED, re.compile(r"\b(?:embedded|firmware|fpga|microcontroller|rtos|hardware)\b", re.I)),
    (
        Family.FRONTEND,
        re.compile(
            r"\b(?:front[\s-]?end|ui\s+developer|react(?:\.?js)?|angular|vue(?:\.?js)?|javascript|markup|"
            r"web\s+developer|next\.?js)\b",
            re.I,
        ),
    ),
    (
        Family.BACKEND,
        re.compile(
            r"\b(?:back[\s-]?end|server|api|python|golang|go|java|\.net|dotnet|c#|php|ruby|rails|node(?:\.?js)?|"
            r"scala|rust|c\+\+|elixir|django|laravel|symfony|software|developer|engineer|programmer)(?!\w)",
            re.I,
        ),
    ),
)
_CYRILLIC_C = re.compile(r"[Сс](?=\+\+|#)")
# Ecosystems whose language the taxonomy does not imply (.NET is C#, whatever else it may host).
ECOSYSTEM_LANGUAGE: dict[str, str] = {
    "dotnet": "csharp",
    "asp-net": "csharp",
    "blazor": "csharp",
    "entity-framework": "csharp",
    "wpf": "csharp",
    "ios": "swift",
    "android": "kotlin",
}


def guess_title(text: str) -> tuple[str, str]:
    """(title, where it came from)."""
    labelled = _TITLE_LABEL.search(text[:2000])
    if labelled:
        return _tidy_title(labelled["title"]), "the Title line"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:6]:
        plain = _HIRING_PREFIX.sub("", line.strip("#*_ >-•").strip())
        if classify_heading(plain.rstrip(":")) is not None:
            continue
        if len(plain.split()) <= 12 and _ROLE_NOUN_RE.search(plain):
            return _tidy_title(plain), "the first line"
    opening = " ".join(lines[:4])[:600]
    phrase = _ROLE_PHRASE.search(opening)
    if phrase:
        return _tidy_title(phrase.group(0)), "the opening sentence"
    return (_tidy_title(lines[0])[:100] if lines else "Untitled role"), "the first line (no role noun found)"


def _tidy_title(title: str) -> str:
    title = _HIRING_PREFIX.sub("", title.strip(" #*_>\t"))
    if title.isupper() and len(title) > 4:
        title = title.title()  # "LEAD PLATFORM ENGINEER" is shouting, not an acronym
    cut = _TITLE_CUT.sub("", title)
    title = cut if _ROLE_NOUN_RE.search(cut) else title
    return " ".join(title.split()).strip(" -–—:.") or "Untitled role"


def title_seniority(title: str) -> Seniority | None:
    """The first level word in the title ("Middle/Senior Go Engineer" is mid)."""
    found = [(m.start(), level) for level, pattern in _LEVEL_WORDS for m in [pattern.search(title)] if m]
    if not found:
        return None
    if any(level == Seniority.LEAD for _, level in found) and re.search(
        r"\b(?:product|project|account|sales|marketing)\s+(?:lead|manager)\b", title, re.I
    ):
        found = [item for item in found if item[1] != Seniority.LEAD] or found
    return min(found, key=lambda item: item[0])[1]


def years_seniority(text: str) -> tuple[Seniority | None, int | None]:
    years = [int(m.group(1)) for m in _YEARS.finditer(text) if 0 < int(m.group(1)) <= 20]
    if not years:
        return None, None
    least = min(years)
    level = Seniority.JUNIOR
    for candidate in (Seniority.MID, Seniority.SENIOR, Seniority.STAFF):
        if least >= SENIORITY_MIN_YEARS[candidate]:
            level = candidate
    return level, least


def guess_family(title: str) -> Family | None:
    """The kind of role a title names: backend, data, ml, devops…, and "other" when it names no
    engineering role at all ("Appointment Setter", "Business Analyst"). None for an empty title."""
    for family, pattern in _FAMILIES:
        if pattern.search(title):
            return family
    return Family.OTHER if title.strip() else None


# A role family whose language goes without saying: a front-end role is JavaScript (or TypeScript).
FAMILY_LANGUAGE: dict[Family, str] = {Family.FRONTEND: "javascript"}


def guess_primary_language(title: str, taxonomy: Taxonomy | None = None) -> tuple[str | None, str]:
    """(language, how it was found): named in the title, else the family's default, else None."""
    named = title_languages(title, taxonomy)
    if named:
        return named[0], "named in the title"
    family = guess_family(title)
    if family in FAMILY_LANGUAGE:
        return FAMILY_LANGUAGE[family], f"the usual language of a {family.value} role"
    return None, ""


def title_languages(title: str, taxonomy: Taxonomy | None = None) -> tuple[str, ...]:
    """Languages a title names, in order; a framework stands for its language (Django → Python)."""
    taxonomy = taxonomy or default_taxonomy()
    # Ukrainian and Russian titles often write C++ and C# with a Cyrillic Es (U+0421) for the C.
    title = _CYRILLIC_C.sub("C", title)
    direct: list[str] = []
    implied: list[str] = []
    for mention in extract_mentions(title, taxonomy, "headline"):
        if mention.kind == NEGATED:
            continue
        skill = taxonomy.get(mention.skill)
        if skill is None:
            continue
        if skill.category == "language":
            direct.append(skill.id)
            continue
        implied.extend(_languages_of(skill.id, taxonomy))
    if "c" in direct and "cpp" in direct:
        # "C/C++ Engineer" is a C++ role that also reads C: C++ takes the first of the two places.
        at = min(direct.index("c"), direct.index("cpp"))
        direct = [lang for lang in direct if lang not in ("c", "cpp")]
        direct[at:at] = ["cpp", "c"]
    return tuple(dict.fromkeys([*direct, *implied]))


def _languages_of(skill_id: str, taxonomy: Taxonomy) -> list[str]:
    if skill_id in ECOSYSTEM_LANGUAGE:
        return [ECOSYSTEM_LANGUAGE[skill_id]]
    languages = []
    for other in sorted(taxonomy.implied(skill_id)):
        skill = taxonomy.get(other)
        if skill is not None and skill.category == "language":
            languages.append(other)
    # "JavaScript" and "TypeScript" both implied (Angular): the first spelling in the taxonomy is enough.
    return languages[:1]


# --- logistics -----------------------------------------------------------------------------------------

_LOCATION_LINE = re.compile(
    r"^\s*(?:[*_#-]+\s*)?(?:location|based\s+in|office|where|base|city)\s*[*_]*\s*[:\-–]\s*(?P<value>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_COUNTRY_NAMES = {"GB": "UK", "IE": "Ireland", "US": "USA", "DE": "Germany", "NL": "Netherlands", "EU": "EU"}
_ONSITE_ONLY = re.compile(
    r"\b(?:no\s+remote|not\s+(?:a\s+)?remote|isn't\s+remote|fully\s+(?:on[\s-]?site|office[\s-]based|in[\s-]office)|"
    r"5\s+days\s+(?:a\s+week\s+)?in\s+(?:the\s+)?office|five\s+days\s+in\s+(?:the\s+)?office)\b",
    re.IGNORECASE,
)
_HYBRID = re.compile(
    r"\bhybrid\b|\b(?:[1-4]|one|two|three|four)\s*(?:-\s*\d\s*)?(?:days?)\s+(?:a|per|each)?\s*(?:week\s+)?"
    r"(?:in|at)\s+(?:the|our)?\s*office\b|\b(?:[1-4]|one|two|three|four)\s+(?:office\s+)?days?\s+(?:a|per)\s+week\b",
    re.IGNORECASE,
)
_REMOTE = re.compile(
    r"\b(?:fully\s+remote|100%\s+remote|remote[\s-](?:first|friendly|only|working)|remote(?=\s*\()|"
    r"work\s+from\s+(?:home|anywhere)|remote\s+(?:role|position|job|in|within|across|uk|eu|us)|remote)\b",
    re.IGNORECASE,
)
_ONSITE = re.compile(r"\b(?:on[\s-]?site|in[\s-]office|office[\s-]based|in\s+the\s+office)\b", re.IGNORECASE)
_REMOTE_DENIED = re.compile(r"\b(?:no|not|non)[\s-]+(?:fully\s+)?remote\b", re.IGNORECASE)


def guess_location(text: str) -> tuple[str, str]:
    """(location, how it was found): a Location line first, else the first known city in the text."""
    labelled = _LOCATION_LINE.search(text)
    if labelled:
        city, country = find_location(labelled["value"])
        if city or country:
            return city or _COUNTRY_NAMES.get(country, country), "the Location line"
    city, country = find_location(text)
    if city:
        return city, "the first city named"
    if country:
        return _COUNTRY_NAMES.get(country, country), "the only country named"
    return "", ""


def guess_remote(text: str) -> tuple[WorkMode | None, str]:
    """The work mode and the phrase that says so. Onsite-only wording beats a "remote" elsewhere."""
    for mode, pattern in (
        (WorkMode.ONSITE, _ONSITE_ONLY),
        (WorkMode.HYBRID, _HYBRID),
    ):
        match = pattern.search(text)
        if match:
            return mode, match.group(0)
    remote = [
        m for m in _REMOTE.finditer(text) if not _REMOTE_DENIED.search(text, max(0, m.start() - 12), m.end())
    ]
    if remote:
        return WorkMode.REMOTE, remote[0].group(0)
    onsite = _ONSITE.search(text)
    if onsite:
        return WorkMode.ONSITE, onsite.group(0)
    return None, ""


_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}
_AMOUNT = r"(?P<{n}sym>[£$€])?\s?(?P<{n}num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s?(?P<{n}k>[kK]\b)?"
_CODE = r"(?:\s?(?P<{n}code>GBP|EUR|USD|CHF|PLN)\b)?"
_SALARY_RANGE = re.compile(
    _AMOUNT.format(n="a")
    + _CODE.format(n="a")
    + r"\s*(?:-|–|—|to)\s*"
    + _AMOUNT.format(n="b")
    + _CODE.format(n="b"),
    re.IGNORECASE,
)
_SALARY_ONE = re.compile(
    r"(?P<lead>up\s+to|to|from|starting\s+(?:at|from)|min(?:imum)?|max(?:imum)?|circa|c\.|around|salary[:\s]+)?\s*"
    + _AMOUNT.format(n="a")
    + _CODE.format(n="a")
    + r"(?P<plus>\+)?",
    re.IGNORECASE,
)
_DAY_RATE = re.compile(
    r"^\s*(?:\+\s*)?(?:per\s+day|/\s*day|a\s+day|p/?d\b|daily|per\s+hour|/\s*h(?:ou)?r|hourly|an\s+hour)",
    re.I,
)


def _money(match: re.Match[str], n: str, shared_k: bool = False) -> float | None:
    raw = match[f"{n}num"]
    if raw is None:
        return None
    value = float(raw.replace(",", ""))
    if match[f"{n}k"] or shared_k:
        value *= 1000
    return value


def guess_salary(text: str) -> tuple[Salary | None, str]:
    """An annual band and the words it came from; a day or hourly rate is not an annual salary."""
    for match in _SALARY_RANGE.finditer(text):
        currency = _currency(match["asym"] or match["bsym"], match["acode"] or match["bcode"])
        if currency is None or _DAY_RATE.match(text, match.end()):
            continue
        low = _money(match, "a", shared_k=bool(match["bk"]) and not match["ak"] and "," not in match["anum"])
        high = _money(match, "b")
        if low is None or high is None or not 10_000 <= low <= high <= 2_000_000:
            continue
        return Salary(round(low), round(high), currency), match.group(0).strip()
    for match in _SALARY_ONE.finditer(text):
        currency = _currency(match["asym"], match["acode"])
        if currency is None or _DAY_RATE.match(text, match.end()):
            continue
        value = _money(match, "a")
        if value is None or not 10_000 <= value <= 2_000_000:
            continue
        lead = (match["lead"] or "").lower()
        if lead.startswith(("up to", "to", "max")):
            return Salary(None, round(value), currency), match.group(0).strip()
        if lead.startswith(("from", "starting", "min")) or match["plus"]:
            return Salary(round(value), None, currency), match.group(0).strip()
        return Salary(round(value), round(value), currency), match.group(0).strip()
    return None, ""


def _currency(symbol: str | None, code: str | None) -> str | None:
    if code:
        return code.upper()
    return _SYMBOLS.get(symbol or "")


# --- culture and the client ------------------------------------------------------------------------------

CULTURE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fast-paced", re.compile(r"\bfast[\s-]paced|\bmove\s+fast\b|\bhigh[\s-]growth\b", re.I)),
    (
        "research-driven",
        re.compile(r"\bresearch[\s-](?:driven|led|focused)\b|\bpublish\w*\s+(?:papers|research)", re.I),
    ),
    ("engineering-led", re.compile(r"\bengineering[\s-](?:led|driven|first)\b|\bengineer[\s-]led\b", re.I)),
    (
        "regulated",
        re.compile(
            r"\b(?:fca[\s-]regulated|regulated\s+(?:environment|industry|firm|bank)|regulatory)\b", re.I
        ),
    ),
    ("remote-first", re.compile(r"\bremote[\s-]first\b", re.I)),
    ("collaborative", re.compile(r"\bcollaborative\b", re.I)),
    ("start-up", re.compile(r"\bstart[\s-]?ups?\b", re.I)),
    ("open-source", re.compile(r"\bopen[\s-]source\s+(?:culture|first|contributions?)\b", re.I)),
)
_COMPANY_AT = re.compile(r"\s(?:at|@)\s+(?P<name>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})")
_ABOUT = re.compile(
    r"^\s*(?:#+\s*|\*\*)?about\s+(?P<name>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s*[:*]*\s*$", re.M
)
_COMPANY_IS = re.compile(
    r"(?:^|\n|\.\s+)(?P<name>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+(?:is|are)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,4}(?:company|firm|fund|bank|start-?up|scale-?up|platform|provider|team|business|lab)\b"
)
_JOIN = re.compile(
    r"\bto\s+join\s+(?P<name>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2})(?=[,.;:!]|\s+(?:as|in|on)\b)"
)
_NOT_NAMES = frozenset({"we", "our", "the", "this", "you", "it", "us", "the role", "the team", "the company"})
INDUSTRY_DOMAINS = (
    "trading",
    "payments",
    "banking",
    "insurance",
    "fintech",
    "quantitative-finance",
    "ai-startup",
    "ai-ml",
    "healthcare",
    "e-commerce",
    "gaming",
    "adtech",
    "edtech",
    "logistics",
    "media",
    "telecom",
    "energy",
    "govtech",
    "saas",
    "blockchain",
)


def guess_client(text: str, title_line: str, domains: Iterable[str]) -> tuple[ClientSpec | None, str]:
    """(client, industry): the name from "About X", "… at X" in the title, "X is a … company", "to join
    X," or a "Company | City" line under the title; the industry is the domain the JD names most."""
    name = ""
    patterns = ((_ABOUT, text), (_COMPANY_AT, title_line), (_COMPANY_IS, text[:1500]), (_JOIN, text[:600]))
    for pattern, where in patterns:
        match = pattern.search(where)
        if match and match["name"].casefold() not in _NOT_NAMES and not classify_heading(match["name"]):
            name = match["name"].strip(" .")
            break
    if not name:
        name = _header_company(text, title_line)
    counts = Counter(d for d in domains if d in INDUSTRY_DOMAINS)
    industry = min(counts, key=lambda d: (-counts[d], INDUSTRY_DOMAINS.index(d))) if counts else ""
    if not name:
        return None, industry
    return ClientSpec(name=name, industry=industry), industry


_HEADER_SPLIT = re.compile(r"\s*(?:[|·•,;]|\s[-–—]\s)\s*")
_CAPITALISED = re.compile(r"^(?:[A-Z][\w&.'-]*|&)(?:\s+(?:[A-Z][\w&.'-]*|&|AI|of)){0,3}$")
_NOT_COMPANY = re.compile(
    r"\b(?:remote|hybrid|on[\s-]?site|office|full[\s-]?time|part[\s-]?time|permanent|contract|freelance|"
    r"location|salary|competitive|up\s+to|from|negotiable|urgent|hiring|apply|job|role|position)\b",
    re.IGNORECASE,
)


def _header_company(text: str, title_line: str) -> str:
    """The first part of the line right under the title when it reads as a company name:
    "Meridian Quant | London (onsite) | £90k", "Fenbright AI, Cambridge (hybrid)"."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or lines[0] != title_line.strip():
        return ""
    second = lines[1].strip("#*_ ")
    parts = [part for part in _HEADER_SPLIT.split(second) if part]
    if len(parts) < 2:
        return ""  # a lone line under the title is prose or a heading, not a "Company | place" header
    first = parts[0].strip(" .")
    if not _CAPITALISED.match(first) or _NOT_COMPANY.search(first) or classify_heading(first):
        return ""
    if any(find_location(first)):
        return ""  # "Dublin, Ireland | Hybrid": a place, not a company
    return first


# --- project ---------------------------------------------------------------------------------------------

FAMILY_PROJECT: dict[Family, str] = {
    Family.ML: "ml-integration",
    Family.DATA: "data-platform",
    Family.DEVOPS: "cloud-microservices",
}
PROJECT_MIN_SCORE = 4.0  # about two core competencies: less is not evidence of a project type
FAMILY_BONUS = 2.0
DOMAIN_POINTS = 2.0
SECONDARY = 0.5  # a nice-to-have or a passing mention counts half towards the project type


def guess_project(
    skills: Mapping[str, float] | Iterable[str],
    playbooks: Mapping[str, Playbook],
    taxonomy: Taxonomy,
    family: Family | None = None,
) -> tuple[str, float, tuple[str, ...]]:
    """(playbook id, score, the skills that decided it).

    ``skills`` maps each skill to how much it counts (1 for a must-have, 0.5 for a nice-to-have or a
    mention elsewhere); a plain list counts every skill fully. A playbook's score sums the weights of
    its competencies the JD names (and DOMAIN_POINTS per domain), each divided by how many playbooks
    list that skill, since Python or Docker says little about which project this is; the title's
    family adds FAMILY_BONUS. Below PROJECT_MIN_SCORE the answer is the general playbook.
    """
    counted = dict(skills) if isinstance(skills, Mapping) else dict.fromkeys(skills, 1.0)
    found: dict[str, float] = {}
    for skill, factor in counted.items():
        for each in (skill, *sorted(taxonomy.implied(skill))):
            found[each] = max(found.get(each, 0.0), factor)
    candidates = {book_id: book for book_id, book in playbooks.items() if book_id != FALLBACK_ID}
    sharing = Counter(skill for book in candidates.values() for skill in book.skills)
    best: tuple[float, str, tuple[str, ...]] = (0.0, FALLBACK_ID, ())
    for book_id, book in candidates.items():
        matched = [c.skill for c in book.competencies if c.skill in found]
        score = sum(
            c.weight * found[c.skill] / sharing[c.skill] for c in book.competencies if c.skill in found
        )
        domains = [d for d in book.domains if d in found]
        score += sum(DOMAIN_POINTS * found[d] / sharing[d] for d in domains)
        if family is not None and FAMILY_PROJECT.get(family) == book_id:
            score += FAMILY_BONUS
        if score > best[0]:
            best = (score, book_id, tuple([*matched, *domains]))
    if best[0] < PROJECT_MIN_SCORE:
        return FALLBACK_ID, best[0], ()
    return best[1], best[0], best[2]


# --- the whole draft -------------------------------------------------------------------------------------


def parse_job_description(
    text: str,
    *,
    taxonomy: Taxonomy | None = None,
    playbooks: Mapping[str, Playbook] | None = None,
) -> RoleDraft:
    """A RoleSpec draft from a pasted job description, with a note for every guess."""
    taxonomy = taxonomy or default_taxonomy()
    playbooks = playbooks if playbooks is not None else default_playbooks()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes: list[str] = []

    title, title_source = guess_title(text)
    notes.append(f"title from {title_source}")
    family = guess_family(title)

    seniority = title_seniority(title)
    if seniority is not None:
        notes.append(f"seniority {seniority.value}: from the title")
    else:
        seniority, years = years_seniority(text)
        if seniority is not None:
            notes.append(f"seniority {seniority.value}: from '{years}+ years' in the text")

    found = bucket_requirements(text, taxonomy)
    seen = list(found.seen)
    languages = list(title_languages(title, taxonomy))
    if languages:
        notes.append(f"languages from the title: {', '.join(languages)}")
    if not found.must and found.neutral:
        notes.append("no requirements section or cue found: every skill named is taken as a must-have")
    elif found.neutral:
        notes.append(f"{len(found.neutral)} skill(s) named outside requirements are nice-to-haves")
    drafted_must, drafted_nice = found.draft_buckets()
    must, nice = list(drafted_must), list(drafted_nice)
    must = [*[lang for lang in languages if lang not in must], *must]
    if not languages:
        languages = [s for s in must if _category(taxonomy, s) == "language"][:2]
        if not languages:
            languages = list(dict.fromkeys(lang for s in must for lang in _languages_of(s, taxonomy)))[:1]
        if languages:
            notes.append(f"languages from the must-haves: {', '.join(languages)}")
        elif family in FAMILY_LANGUAGE:
            languages = [FAMILY_LANGUAGE[family]]
            notes.append(f"language {languages[0]}: the usual language of a {family.value} role")
    nice = [s for s in dict.fromkeys(nice) if s not in must]

    counted = {**dict.fromkeys(seen, SECONDARY), **dict.fromkeys(nice, SECONDARY), **dict.fromkeys(must, 1.0)}
    project, score, decided = guess_project(counted, playbooks, taxonomy, family)
    if project == FALLBACK_ID:
        notes.append("project: general (no playbook's competencies clearly covered)")
    else:
        notes.append(f"project {project}: covers {', '.join(decided)} (score {score:.1f})")

    location, location_source = guess_location(text)
    if location:
        notes.append(f"location {location}: from {location_source}")
    remote, remote_phrase = guess_remote(text)
    if remote is not None:
        notes.append(f"remote policy {remote.value}: '{remote_phrase}'")
    salary, salary_phrase = guess_salary(text)
    if salary is not None:
        notes.append(f"salary from '{salary_phrase}'")

    culture = tuple(tag for tag, pattern in CULTURE_CUES if pattern.search(text))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    client, industry = guess_client(text, first_line, seen)
    if client is not None:
        notes.append(f"client {client.name}" + (f" ({industry})" if industry else ""))
    elif industry:
        notes.append(f"client not named; the industry looks like {industry}")
    notes.append(
        "growth plan: not in a job description; ask the client for traffic, users, data and team targets"
    )

    spec = RoleSpec(
        title=title,
        client=client,
        languages=tuple(languages),
        project=project,
        seniority=seniority,
        location=location,
        remote=remote,
        salary=salary,
        must_have=tuple(dict.fromkeys(must)),
        nice_to_have=tuple(nice),
        culture=culture,
        description=text.strip() + "\n" if text.strip() else "",
    )
    return RoleDraft(spec=spec, notes=tuple(notes), family=family, evidence=found.evidence)


@dataclass(frozen=True, slots=True)
class Requirements:
    """The skills of a JD by bucket, each in reading order; a skill sits in its strongest bucket only."""

    must: tuple[str, ...]
    nice: tuple[str, ...]
    neutral: tuple[str, ...]  # named in duties, stack or intro
    seen: tuple[str, ...]  # every skill named anywhere, company and benefits sections included
    evidence: tuple[tuple[str, str, str], ...]  # (skill, bucket, clause)

    def draft_buckets(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(must, nice) as a draft takes them: with no requirement stated, every neutral skill is a
        must-have (a one-line brief is a list of needs); otherwise neutral skills are nice-to-haves."""
        if not self.must:
            return self.neutral, self.nice
        return self.must, (*self.nice, *self.neutral)


def bucket_requirements(text: str, taxonomy: Taxonomy | None = None) -> Requirements:
    """Every skill mention of a JD, bucketed by its clause's cue and its section (module docstring)."""
    taxonomy = taxonomy or default_taxonomy()
    buckets: dict[Bucket, list[str]] = {bucket: [] for bucket in Bucket}
    seen: list[str] = []
    evidence: list[tuple[str, str, str]] = []
    for segment in split_segments(text):
        for mention in extract_mentions(text, taxonomy, "other", start=segment.start, end=segment.end):
            if mention.kind == NEGATED:
                continue
            seen.append(mention.skill)
            bucket = bucket_for(clause_cue(text, mention, segment.start), segment.bucket)
            if mention.kind == LEARNING and bucket == Bucket.NEUTRAL:
                bucket = Bucket.NICE  # "exposure to Kafka": a wish, not a demand
            buckets[bucket].append(mention.skill)
            start, end = _clause(text, mention.start, mention.sentence)
            evidence.append((mention.skill, bucket.value, " ".join(text[start:end].split())[:200]))
    must = tuple(dict.fromkeys(buckets[Bucket.MUST]))
    nice = tuple(s for s in dict.fromkeys(buckets[Bucket.NICE]) if s not in must)
    neutral = tuple(s for s in dict.fromkeys(buckets[Bucket.NEUTRAL]) if s not in must and s not in nice)
    return Requirements(must, nice, neutral, tuple(dict.fromkeys(seen)), tuple(evidence))


def _category(taxonomy: Taxonomy, skill_id: str) -> str:
    skill = taxonomy.get(skill_id)
    return skill.category if skill else ""
