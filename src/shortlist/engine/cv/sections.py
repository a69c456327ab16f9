"""Split CV text into named sections, and find the sentence around a position.

A line is a heading only when its words are heading words ("Professional Experience", "TECHNICAL
SKILLS:", "## Education", "Work history" underlined with ====): an all-caps employer name inside the
experience section must not start a new section. Unknown headings that CVs commonly carry (awards,
references, publications …) are still recognised, as "other", so they end the section before them.

Section spans cover the *content* after the heading, so text handed to skill extraction never
starts with the heading's own words. Text before the first heading is the "header" section (name,
contact lines, often an unlabelled summary).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from shortlist.engine.vocab.profile import Section

HEADER = "header"
CONTACT = "contact"  # a "Contact" block, often a sidebar printed before the name
OTHER = "other"

# Headings in German, French, Spanish, Italian, Dutch and Polish, written as _normalise leaves them
# (lower case, accents and punctuation gone: "Expérience professionnelle" is "experience professionnelle").
_FOREIGN: dict[str, tuple[str, ...]] = {
    "experience": (
        "berufserfahrung", "berufliche erfahrung", "berufliche erfahrungen", "beruflicher werdegang",
        "werdegang", "berufspraxis", "praxiserfahrung", "erfahrung", "experience professionnelle",
        "experiences professionnelles", "parcours professionnel", "experiences", "experiencia",
        "experiencia profesional", "experiencia laboral", "trayectoria profesional", "esperienza",
        "esperienze", "esperienza professionale", "esperienze professionali", "esperienza lavorativa",
        "esperienze lavorative", "werkervaring", "werkervaringen", "werkervaring en projecten",
        "loopbaan", "ervaring", "parcours", "timeline", "career timeline",
        "doswiadczenie", "doswiadczenie zawodowe", "historia zatrudnienia",
    ),
    "skills": (
        "kenntnisse", "fachkenntnisse", "it kenntnisse", "edv kenntnisse", "technische kenntnisse",
        "fahigkeiten", "kompetenzen", "fachliche kompetenzen", "skills und kenntnisse",
        "kenntnisse und fahigkeiten", "competences", "competences techniques", "competences informatiques",
        "savoir faire", "habilidades", "competencias", "conocimientos", "aptitudes", "competencias tecnicas",
        "conocimientos tecnicos", "competenze", "competenze tecniche", "competenze informatiche",
        "conoscenze", "vaardigheden", "kennis", "kennis en vaardigheden", "competenties", "umiejetnosci",
        "technische vaardigheden", "ce que je sais faire", "aptitudes principales", "competenze principali",
        "top kenntnisse",
    ),
    "education": (
        "ausbildung", "bildung", "studium", "schulbildung", "bildungsweg", "akademischer werdegang",
        "formation", "formations", "etudes", "diplomes", "formation academique", "formacion",
        "educacion", "formacion academica", "estudios", "istruzione", "formazione",
        "istruzione e formazione", "opleiding", "opleidingen", "wyksztalcenie", "education et formation",
        "formation et education", "educacion y formacion", "istruzione", "ausbildung und weiterbildung",
    ),
    "languages": (
        "sprachen", "sprachkenntnisse", "langues", "idiomas", "lingue", "conoscenze linguistiche",
        "talen", "talenkennis", "jezyki", "jezyki obce",
    ),
    "projects": ("projekte", "projets", "proyectos", "progetti", "projecten", "projekty"),
    "certifications": (
        "zertifikate", "zertifizierungen", "weiterbildung", "weiterbildungen", "fortbildungen",
        "certificats", "certificaciones", "cursos", "certificazioni", "corsi", "certificaten",
        "cursussen", "certyfikaty", "kursy",
    ),
    "interests": (
        "hobbys", "interessen", "freizeit", "centres d interet", "loisirs", "intereses", "aficiones",
        "interessi", "hobby s", "interesses", "zainteresowania",
    ),
    "summary": (
        "profil", "kurzprofil", "zusammenfassung", "uber mich", "profil professionnel", "a propos",
        "perfil", "perfil profesional", "sobre mi", "resumen", "profilo", "profilo professionale",
        "chi sono", "profiel", "over mij", "samenvatting", "podsumowanie", "o mnie", "extracto", "riepilogo",
    ),
    OTHER: (
        "ehrenamt", "ehrenamtliches engagement", "engagement", "benevolat", "voluntariado", "volontariato",
        "vrijwilligerswerk", "wolontariat", "personliche daten", "personliches", "informations personnelles",
        "datos personales", "dati personali", "persoonlijke gegevens", "dane osobowe", "publikationen",
        "referenzen", "auszeichnungen", "references", "publicaciones", "pubblicazioni", "publicaties",
    ),
    CONTACT: ("kontakt", "coordonnees", "contacto", "contactar", "contatti", "contactgegevens"),
}  # fmt: skip

# Whole headings, after normalisation (lower case, "&" → "and", punctuation stripped).
_PHRASES: dict[str, str] = {
    "summary": "summary",
    "profile": "summary",
    "about": "summary",
    "about me": "summary",
    "objective": "summary",
    "career objective": "summary",
    "personal statement": "summary",
    "overview": "summary",
    "introduction": "summary",
    "experience": "experience",
    "employment": "experience",
    "work history": "experience",
    "company details": "experience",
    "project details": "projects",
    "career": "experience",
    "experience summary": "experience",
    "professional background": "experience",
    "career history": "experience",
    "employment history": "experience",
    "work": "experience",
    "positions": "experience",
    "skills": "skills",
    "competencies": "skills",
    "strengths": "skills",
    "key strengths": "skills",
    "core competencies": "skills",
    "expertise": "skills",
    "technologies": "skills",
    "technology": "skills",
    "tech stack": "skills",
    "stack": "skills",
    "tools": "skills",
    "toolbox": "skills",
    "programming languages": "skills",
    "languages and frameworks": "skills",
    "languages and tools": "skills",
    "education": "education",
    "academic background": "education",
    "qualifications": "education",
    "academic qualifications": "education",
    "projects": "projects",
    "open source": "projects",
    "side projects": "projects",
    "portfolio": "projects",
    "certifications": "certifications",
    "certificates": "certifications",
    "certification": "certifications",
    "licenses and certifications": "certifications",
    "courses": "certifications",
    "training": "certifications",
    "languages": "languages",
    "spoken languages": "languages",
    "interests": "interests",
    "hobbies": "interests",
    "hobbies and interests": "interests",
    "personal interests": "interests",
    "awards": OTHER,
    "honours": OTHER,
    "honors": OTHER,
    "achievements": OTHER,
    "accomplishments": OTHER,
    "publications": OTHER,
    "talks": OTHER,
    "patents": OTHER,
    "references": OTHER,
    "referees": OTHER,
    "volunteering": OTHER,
    "volunteer experience": OTHER,
    "personal details": OTHER,
    "personal information": OTHER,
    "contact": CONTACT,
    "contact details": CONTACT,
    "contact information": CONTACT,
    "contact info": CONTACT,
    "availability": OTHER,
    "preferences": OTHER,
    "work preferences": OTHER,
    "notice": OTHER,
    "declaration": OTHER,
    "additional information": OTHER,
    "memberships": OTHER,
    "career break": OTHER,
    "career breaks": OTHER,
    "teaching": OTHER,
    "research": OTHER,
    "academic positions": "experience",
    "research positions": "experience",
    "appointments": "experience",
    "positions held": "experience",
    "top skills": "skills",
    "digital skills": "skills",
    "digital competence": "skills",
    "language skills": "languages",
    "mother tongue": "languages",
    "mother tongues": "languages",
    "volunteer work": OTHER,
    "education and training": "education",
    **{phrase: name for name, phrases in _FOREIGN.items() for phrase in phrases},
}

# Words that may qualify a heading ("Relevant Professional Experience", "Key Skills Summary").
_QUALIFIERS = frozenset(
    [
        "professional",
        "work",
        "relevant",
        "technical",
        "key",
        "core",
        "selected",
        "recent",
        "other",
        "additional",
        "previous",
        "career",
        "industry",
        "employment",
        "my",
        "and",
        "of",
        "engineering",
        "software",
        "notable",
        "personal",
        "details",
        "tools",
        "frameworks",
        "technologies",
        "technology",
        "platforms",
        "programming",
        "activities",
        "relevant",
    ]
)
# The word in a longer heading that decides what it is; checked from the end ("Skills Summary" is skills).
_HEAD_WORDS: dict[str, str] = {
    "experience": "experience",
    "employment": "experience",
    "history": "experience",
    "skills": "skills",
    "competencies": "skills",
    "strengths": "skills",
    "key strengths": "skills",
    "expertise": "skills",
    "technologies": "skills",
    "summary": "summary",
    "profile": "summary",
    "objective": "summary",
    "education": "education",
    "qualifications": "education",
    "projects": "projects",
    "certifications": "certifications",
    "certificates": "certifications",
    "skill": "skills",
    "achievements": OTHER,
    "awards": OTHER,
    "publications": OTHER,
    "interests": "interests",
}
# Inside a job these label a part of that job ("Key achievements:", "Tech stack: Go, Kafka").
_JOB_PARTS = frozenset(
    [
        "achievements",
        "accomplishments",
        "responsibilities",
        "technologies",
        "technology",
        "stack",
        "tools",
        "environment",
        "highlights",
    ]
)
_WITHIN_JOBS = frozenset({"experience", "projects"})
_SPOKEN = frozenset(
    [
        "english",
        "french",
        "german",
        "spanish",
        "italian",
        "portuguese",
        "polish",
        "ukrainian",
        "russian",
        "hindi",
        "tamil",
        "telugu",
        "marathi",
        "bengali",
        "kannada",
        "urdu",
        "punjabi",
        "gujarati",
        "malayalam",
        "mandarin",
        "chinese",
        "cantonese",
        "japanese",
        "korean",
        "arabic",
        "dutch",
        "swedish",
        "norwegian",
        "danish",
        "finnish",
        "greek",
        "turkish",
        "hebrew",
        "romanian",
        "czech",
        "hungarian",
        "welsh",
        "irish",
        "native",
        "fluent",
        "bilingual",
        "conversational",
    ]
)

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|_{3,})\s*$")
_DECORATION = re.compile(r"^[\s#*_|•·▪■◆►>\-\u2013\u2014=:]+|[\s#*_|•·▪■◆►<\-\u2013\u2014=:]+$")
_INLINE = re.compile(
    r"^\s*(?:#{1,6}\s+)?[*_]{0,2}(?P<label>[^\W\d_](?:[^\W\d_]|[&/ \-]){2,39}?)[*_]{0,2}"
    r"\s*(?P<separator>:|\s\|\s)\s*(?P<rest>\S.*)$"
)
# Job-board exports ("Skill Details … Company Details company - … description - …") flatten a form into
# text and often glue a heading to the end of the line before it: "Linux- Exprience - 6 monthsCompany
# Details". Only these capitalised "<Form field> Details" labels are read at the end of a line.
_GLUED = re.compile(r"(?<=\S)(?P<label>(?:Company|Education|Skill|Project|Personal)\s+Details)[ \t]*$")
# PDF exports (LinkedIn's) glue a one-word heading to the first word under it: "ExperienceLedgerline",
# "SummaryI design", "BerufserfahrungIsarbank". A known heading word run into a capital is split off.
_GLUED_START = re.compile(r"^(?P<label>[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{4,})(?=[A-Z\u00c0-\u00de])")
_NON_WORD = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Heading:
    name: str
    line_start: int
    content_start: int


def classify_heading(label: str) -> str | None:
    """The section a heading names, or None when the words are not a heading."""
    words = _normalise(label)
    if not words or len(words) > 45:
        return None
    if words in _PHRASES:
        return _PHRASES[words]
    tokens = words.split()
    if len(tokens) > 5:
        return None
    for token in reversed(tokens):
        if token in _HEAD_WORDS:
            decided = _HEAD_WORDS[token]
            others = [t for t in tokens if t != token]
            if all(t in _QUALIFIERS or t in _HEAD_WORDS for t in others):
                return decided
            return None
    return None


def _normalise(label: str) -> str:
    lowered = label.lower().replace("&", " and ").replace("\u0142", "l")  # Polish ł has no decomposition
    if not lowered.isascii():
        lowered = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", lowered)).strip()


def _markdown_level(line: str) -> int:
    found = _MARKDOWN_HEADING.match(line)
    return found.group(0).count("#") if found else 0


def _is_job_part(label: str) -> bool:
    words = _normalise(label).split()
    return bool(words) and words[-1] in _JOB_PARTS


def _looks_like_heading_line(line: str) -> bool:
    """Heading typography: a short line starting with a capital ("EXPERIENCE", "Work History",
    "Career history", "Skills:"); the words themselves are judged by classify_heading."""
    stripped = _DECORATION.sub("", line)
    if not stripped or len(stripped) > 50 or stripped.endswith((".", ",", ";")):
        return False
    first = next((c for c in stripped if c.isalpha()), "")
    return first.isupper()


def _spoken_languages(text: str) -> bool:
    return any(word in _SPOKEN for word in re.findall(r"[a-z]+", text[:300].lower()))


def _find_headings(text: str) -> list[_Heading]:
    headings: list[_Heading] = []
    lines = text.splitlines(keepends=True)
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    current = HEADER
    current_level = 0  # the Markdown level of the heading that opened `current` (0: not Markdown)
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r\n")
        start = offsets[index]
        following = lines[index + 1].rstrip("\r\n") if index + 1 < len(lines) else ""
        if not line.strip():
            index += 1
            continue
        underlined = _UNDERLINE.match(following) is not None
        name = None
        if underlined or _MARKDOWN_HEADING.match(line) or _looks_like_heading_line(line):
            heading_text = _DECORATION.sub("", _MARKDOWN_HEADING.sub("", line))
            name = classify_heading(heading_text)
            if name is not None and current in _WITHIN_JOBS and _is_job_part(heading_text):
                name = None
            level = _markdown_level(line)
            if name is not None and current in _WITHIN_JOBS and 0 < current_level < level:
                name = None  # "### Career break" under "## Experience" is an entry of that section
            if name is not None:
                current_level = level
        glued = _GLUED.search(line) if name is None else None
        if glued is not None:
            name = classify_heading(glued["label"])
            if name is not None:
                start += glued.start("label")
        glued_start = _GLUED_START.match(line) if name is None else None
        if glued_start is not None and classify_heading(glued_start["label"]) is not None:
            name = classify_heading(glued_start["label"])
            headings.append(_Heading(name, start, start + glued_start.end("label")))  # type: ignore[arg-type]
            current = name  # type: ignore[assignment]
            index += 1
            continue
        if name is not None:
            consumed = index + 2 if underlined else index + 1
            content_start = offsets[consumed] if consumed < len(offsets) else len(text)
            if name == "languages" and not _spoken_languages(text[content_start : content_start + 300]):
                name = "skills"
            headings.append(_Heading(name, start, content_start))
            current = name
            index = consumed
            continue
        inline = _INLINE.match(line)
        # "Skills: Python, Go" starts a section; inside a skills list "Languages: Python" is just a
        # row, and inside a job "Tech stack: Go" describes that job.
        if inline:
            label_name = classify_heading(inline["label"])
            if label_name == "languages" and not _spoken_languages(inline["rest"]):
                label_name = "skills"
            # A table cell ("Skills | Go") is layout, so a heading; "Tech stack: Go" in a job is not.
            in_job_row = current in _WITHIN_JOBS and (
                inline["separator"] == ":" or _is_job_part(inline["label"])
            )
            if (label_name in ("skills", OTHER) and in_job_row) or (current == "skills" == label_name):
                label_name = None
            if label_name is not None:
                rest_start = start + inline.start("rest")
                headings.append(_Heading(label_name, start, rest_start))
                current = label_name
        index += 1
    return headings


def split_sections(text: str) -> list[Section]:
    """Sections in text order; consecutive headings of the same name stay separate spans."""
    headings = _find_headings(text)
    sections: list[Section] = []
    first = headings[0].line_start if headings else len(text)
    if text[:first].strip():
        sections.append(Section(HEADER, 0, first))
    for position, heading in enumerate(headings):
        end = headings[position + 1].line_start if position + 1 < len(headings) else len(text)
        sections.append(Section(heading.name, heading.content_start, max(heading.content_start, end)))
    return sections


def section_at(sections: list[Section], offset: int) -> str:
    for section in sections:
        if section.start <= offset < section.end:
            return section.name
    return OTHER


_SENTENCE_BREAK = re.compile(r"\n|(?<=[.!?])\s+(?=[A-Z•\-*(\"'])|\s+[•▪●◦]\s*")
_BULLETS = " \t•▪●◦*-\u2013\u2014>"
MAX_SNIPPET = 300


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence or bullet around text[start:end], trimmed of bullets and capped in length."""
    window_start = max(0, start - MAX_SNIPPET)
    left = window_start
    for match in _SENTENCE_BREAK.finditer(text, window_start, start):
        left = match.end()
    right_match = _SENTENCE_BREAK.search(text, end, min(len(text), end + MAX_SNIPPET))
    right = right_match.start() if right_match else min(len(text), end + MAX_SNIPPET)
    if right - left > MAX_SNIPPET:
        left = max(left, start - MAX_SNIPPET // 2)
        right = min(right, left + MAX_SNIPPET)
    snippet = text[left:right]
    left += len(snippet) - len(snippet.lstrip(_BULLETS))
    right -= len(snippet) - len(snippet.rstrip())
    return left, max(left, right)


def sentence_at(text: str, start: int, end: int) -> str:
    left, right = sentence_span(text, start, end)
    return text[left:right]
