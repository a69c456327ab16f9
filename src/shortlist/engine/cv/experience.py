"""Jobs from CV text, whatever the layout: every date range, the block around it, and what the block is.

Reading is layout-independent. Every date range in the experience sections (or, when a CV has none, in
its unnamed text and summary) is an anchor, and the lines around it are read by their geometry:

- a **table row** (Markdown `|` cells or tab-separated): the row's other cells, named by the table's own
  header row when it has one ("Role", "Company", "Poste", "Firma"…);
- a **one-line entry** `Title, Employer (2019-present): what I did`: the words before the range are the
  header and what follows the colon is the body;
- **prose** ("Since 2021 I have been Director of Engineering at X"): "<title> at <employer>" or
  "at <employer> as <title>" in the sentence around the range;
- otherwise a **header block**: up to two short lines above the date and, while the title or employer is
  still missing, up to two below (`**Title**` / `_Jan 2020 - now_`, `Company | Title | dates`).

LinkedIn exports put several roles under one company line followed by the time spent there ("Acme Ltd" /
"5 years 5 months"): that line is the employer of every role below it that names none. Durations are never
employers. Each block is then classified — job, education, career break, volunteering — and only jobs
are returned: a degree, a school-leaving exam or a sabbatical must not date anyone's skills.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from shortlist.engine.cv.contact import LOCAL_TITLE_WORDS, TITLE_WORDS, find_location
from shortlist.engine.cv.dates import DURATION, DateRange, find_date_ranges, parse_point
from shortlist.engine.cv.sections import HEADER
from shortlist.engine.vocab.profile import Job, Section
from shortlist.engine.vocab.taxonomy import default_taxonomy

MAX_HEADER_LINE = 120  # a job's title/employer/date line; longer lines are sentences
MAX_HEADER_WORDS = 14
MAX_ONE_LINE_HEAD_WORDS = 16  # "Title, Employer, City (dates):" before a one-line entry's description
MAX_RANGE_WORDS = 8  # "1er septembre 2019 - 31 décembre 2021"; a longer "range" is a narrative span
MAX_CELL_WORDS = 10  # a table cell longer than this is a description, not a title or employer

JOB = "job"
EDUCATION = "education"
BREAK = "break"
VOLUNTEERING = "volunteering"

# Organisation cues: a fragment ending in one of these is an employer, never a title.
COMPANY_SUFFIX = re.compile(
    r"\b(?:ltd|limited|inc|llc|llp|plc|gmbh|ag|se|kg|kgaa|ug|e\.?\s?v|corp|corporation|co|company|group|"
    r"bank|labs?|technologies|solutions|systems|software|university|capital|partners|pvt|holdings|"
    r"s\.?\s?a|s\.?\s?a\.?\s?s|sas|sarl|s\.?\s?l|s\.?\s?r\.?\s?l|srl|s\.?\s?p\.?\s?a|spa|b\.?\s?v|bv|n\.?\s?v|"
    r"oy|ab|as|sp\.?\s?z\s?o\.?\s?o|gie|consulting|studio|agency)\.?$",
    re.IGNORECASE,
)
_EDUCATION = re.compile(
    r"\b(?:b\.?\s?sc|m\.?\s?sc|b\.?\s?a|m\.?\s?a|b\.?\s?eng|m\.?\s?eng|m\.?\s?phil|ph\.?\s?d|mba|bachelor\w*|"
    r"master\w*|diplom\w*|degree|abitur|matura|a[\s-]levels?|gcses?|baccalaur[ée]at|licence|laurea|"
    r"grado|licenciatura|doctorat|doctorado|dottorato|promotion|studium|studies|student|university|"
    r"universit[äaée]t?|universidad|universit[àa]|universiteit|uniwersytet|hochschule|fachhochschule|"
    r"gymnasium|lyc[ée]e|[ée]cole|college|school|schule|instituto|istituto|politecnico|polytechnique|"
    r"hbo|mbo|wo|vwo|havo|erasmus|exchange\s+semester|auslandssemester)\b",
    re.IGNORECASE,
)
# Words that make a fragment an organisation wherever they stand ("Institut Dauphiné de Recherche").
_ORGANISATION = re.compile(
    r"\b(?:institut[eo]?|universit\w*|hochschule|laborator\w*|labs?|bank|banque|banco|banca|group|gruppe|"
    r"groupe|council|ministry|agency|hospital|klinikum|foundation|stiftung|fondation|fundaci[óo]n|college|school)\b",
    re.IGNORECASE,
)
_EDUCATION_START = re.compile(
    r"(?:formation|bootcamp|reconversion|b\.?\s?sc|m\.?\s?sc|b\.?\s?eng|m\.?\s?eng|bachelor|master|mba|ph\.?\s?d|"
    r"studium|abitur|baccalaur[ée]at|licence|laurea|grado|diploma|diplom)\b",
    re.IGNORECASE,
)
_BREAK = re.compile(
    r"\b(?:career\s+break|sabbatical|parental\s+leave|maternity\s+leave|paternity\s+leave|elternzeit|"
    r"auszeit|caring\s+for|carer|family\s+leave|gap\s+year|cong[ée]\s+parental|"
    r"ann[ée]e\s+sabbatique|excedencia|aspettativa|ouderschapsverlof)\b",
    re.IGNORECASE,
)
_VOLUNTEER = re.compile(
    r"\b(?:volunteer\w*|voluntary|ehrenamt\w*|b[ée]n[ée]vole|b[ée]n[ée]volat|voluntari[oa]\w*|"
    r"volontari\w*|vrijwillig\w*|wolontariusz\w*|trustee|pro\s+bono)\b",
    re.IGNORECASE,
)
_FRAGMENT_SPLIT = re.compile(
    r"\s+[\u2014\u2013\-|@\u00b7\u2022]\s+|\s*\|\s*|\s{2,}|\t|,\s+|\s+(?:at|bei|chez|presso|bij)\s+|"
    r"\s+en\s+(?=[A-Z][a-z]+\s+[A-Z])|"
    r"\s*[()\[\]]\s*",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"^(?:remote|hybrid|on-?site|full[\s-]?time|part[\s-]?time|contract(?:or)?|permanent|freelance|"
    r"present|current|now|ongoing|to|till|date|since|from|seit|depuis|heute|ab|\W+|"
    r"vollzeit|teilzeit|cdi|cdd|festanstellung|"
    # the field labels of job-board exports ("company - Acme", "description - …", "Duration - 2 years")
    r"company|description|duration|period|designation|client|environment|self[\s-]employed)$",
    re.IGNORECASE,
)
_BULLET_LINE = re.compile(r"^\s*(?:[•▪●◦*\u2013\u2014\-]|\d{1,2}[.)])\s+")
_LABEL_LINE = re.compile(r"^\s*[A-Za-z][\w /&]{1,30}:\s+\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_DECORATION = " \t*_#`>•▪●◦-\u2013\u2014|:;,"
# After the range on a one-line entry: closing brackets or emphasis, then a colon, dash or full stop before
# the body ("**Quant Developer, Forth Street Capital** — 2019-2022. Curve-building in Python").
_AFTER_RANGE = re.compile(r"[\s)\]*_]*(?:(?P<stop>[:.\u2013\u2014\-])[*_]*\s+|$)")
# `**Title** — *Employer*`: Markdown puts the title in bold and the employer in italics (or the reverse).
_EMPHASIS_PAIR = re.compile(
    r"^\s*(?P<open>\*\*|__)(?P<first>[^*_]+)(?P=open)\s*(?:[\u2014\u2013\-|,@\u00b7]|\bat\b)?\s*"
    r"(?P<mark>\*|_)(?P<second>[^*_]+)(?P=mark)\s*$"
)
_TITLE_COLUMN = re.compile(
    r"^(?:role|title|position|job(?:\s+title)?|poste|fonction|rolle|position|funktion|t[äa]tigkeit|"
    r"puesto|cargo|ruolo|posizione|functie|stanowisko)$",
    re.IGNORECASE,
)
_EMPLOYER_COLUMN = re.compile(
    r"^(?:company|employer|organi[sz]ation|client|firm|entreprise|soci[ée]t[ée]|employeur|unternehmen|"
    r"firma|arbeitgeber|empresa|azienda|societ[àa]|werkgever|bedrijf|organisatie|pracodawca)$",
    re.IGNORECASE,
)
_COLUMN_NAME = re.compile(
    r"^(?:dates?|period|p[ée]riode|zeitraum|periodo|years?|ann[ée]es?|role|title|position|poste|rolle|puesto|"
    r"ruolo|functie|company|employer|entreprise|unternehmen|firma|arbeitgeber|empresa|azienda|werkgever|"
    r"highlights|r[ée]alisations|aufgaben|tasks|description|logros|attivit[àa]|taken|/|\|)$",
    re.IGNORECASE,
)
# "<title> at <employer>" in prose: a run of words ending in a title word, then a capitalised name.
_PROSE_TITLE = (
    r"(?P<title>(?i:(?:[\w\-]+,?\s+){0,6}?[\w\-]*?(?:engineer(?:ing)?|developer|programmer|architect|lead|manager|"
    r"head|director|cto|vp|consultant|analyst|scientist|intern|researcher|designer|officer|specialist|"
    r"administrator|tester|founder|associate|trainee|executive|counsel|advocate|accountant))(?:\s+of\s+[A-Z]\w+)?"
    # a capitalised qualifier in brackets belongs to the title, as on a header line
    r"(?:\s*\([A-Z][^()\d]{0,30}\))?)"
)
# "Engineering Manager for the payments team at Calder Fintech": a lower-case phrase before "at".
_PROSE_SCOPE = r"(?:\s+(?:for|in|on|of)\s+(?:the\s+|a\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})?,?"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # capitals, accented ones included ("Énergies")
_EMPLOYER_NAME = rf"(?P<employer>[{_UPPER}][\w&.'\-]*(?:\s+(?:&|of|the|and|de|du|des|[{_UPPER}][\w&.'\-]*))*)"
_PROSE_AT = re.compile(
    rf"\b(?i:as|been|was|am|became|is|joined\s+as)\s+(?i:an?\s+|the\s+)?{_PROSE_TITLE}{_PROSE_SCOPE}\s+"
    rf"(?:at|with|for)\s+(?:the\s+)?\**{_EMPLOYER_NAME}"
)
_PROSE_AS = re.compile(
    rf"\b(?i:at|joined)\s+(?:the\s+)?\**{_EMPLOYER_NAME}\**(?:\s+\w+){{0,4}}?\s+as\s+(?i:an?\s+|the\s+)?"
    rf"{_PROSE_TITLE}"
)
# The same in French, German, Spanish, Italian and Dutch prose: "je suis responsable data science chez X".
_PROSE_LOCAL = re.compile(
    r"\b(?i:je\s+suis|j'ai\s+été|j'étais|ich\s+bin|ich\s+war|soy|he\s+sido|fui|era|sono|sono\s+stat[oa]|ero|"
    r"ik\s+ben|ik\s+was|jestem|byłem|byłam)\s+(?i:(?:un|une|el|la|il|lo|een|als)\s+)?"
    # a capitalised bracket stays in the title ("directrice technique (CTO)"); "de" + a capitalised name is
    # the employer ("… de Loire Énergies Citoyennes"), while "de l'équipe" is not
    r"(?P<title>(?:[^,.;:()]|\([A-Z][^()]{0,20}\)){2,60}?)\s+"
    r"(?i:chez|au|à\s+la|à\s+l'|bei|der|en|presso|da|bij|w|de|del|della|van)\s+"
    rf"{_EMPLOYER_NAME}"
)
# "as a software engineer and then senior software engineer (from 2015)", "…, later promoted to Lead
# Engineer in March 2019", "was promoted to senior engineer in 2017 and to lead engineer in 2019": each
# promotion inside the sentence of one dated job starts a new role at its date.
_PROMOTION = re.compile(
    r"(?:\b(?:then|later|after\s+that)\s*,?\s*(?:(?:was\s+|got\s+)?promoted\s+to\s+)?"
    r"|\b(?:was\s+|being\s+|got\s+)?promoted\s+to\s+|\bwas\s+made\s+|\bbecame\s+|\band\s+to\s+)"
    r"(?:an?\s+|the\s+)?" + _PROSE_TITLE.replace("?P<title>", "?P<later>") + r"\s*\(?\s*(?i:from|in|since)\s+"
    r"(?P<point>(?:[^\W\d_]+\.?\s+)?(?:19|20)\d\d|\d{1,2}[/.](?:19|20)\d\d)\b"
    # the date first: "and from 2021 ran the pricing team as Data Science Manager (Pricing)"
    r"|\b(?:and\s+)?(?i:from|since)\s+(?P<since>(?:[^\W\d_]+\.?\s+)?(?:19|20)\d\d),?\s+(?:[\w'\-]+\s+){0,6}?as\s+"
    r"(?:an?\s+|the\s+)?" + _PROSE_TITLE.replace("?P<title>", "?P<then>")
)
# A French, Spanish or Italian organisation's name goes on in lower case after its head word ("au Laboratoire
# d'informatique appliquée de Talence, où …"): up to the next comma or full stop, a few words, even across
# a PDF's line break; a clause word ("où", "where", "as") ends it instead.
_ORGANISATION_HEAD = re.compile(
    r"^(?:laboratoire|laboratorio|institut[eo]?|universit[éeà]|universidad|centre|centro|[ée]cole|escuela|scuola|"
    r"fondation|fundaci[óo]n|fondazione|minist[èe]re|ministerio|ministero|agence|agencia|agenzia|h[ôo]pital|"
    r"hospital|ospedale|caisse|conseil|consejo|consiglio|direction|servicio|servizio)$",
    re.IGNORECASE,
)
_ORGANISATION_TAIL = re.compile(
    r"(?:\s+(?!(?i:où|qui|que|dont|where|which|who|as|comme|como|come|pendant|durante|avec|with|con|pour|"
    r"for|since|depuis|desde|from|until|jusqu)\b)[^\W\d_][\w'\u2019\-]*){1,6}?(?=\s*[,.;:()])"
)
# "I joined as a software engineer in 2014": the title of a narrative whose employer is named nearby.
_JOINED_AS = re.compile(
    rf"\b(?i:joined|started|began)(?:\s+\w+){{0,3}}?\s+as\s+(?i:an?\s+|the\s+)?{_PROSE_TITLE}"
)
_AT_NAME = re.compile(rf"\b(?i:at|with)\s+(?:the\s+)?{_EMPLOYER_NAME}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00c0-\u00de])")
_PROSE_ARTICLE = re.compile(r"^(?:as\s+)?(?:an?|the)\s+(?=\S)|^as\s+(?=\S)", re.IGNORECASE)
# "chez Erdre Conseil, une petite ESN, comme ingénieure d'études", "bei X als Entwicklerin": the employer
# first, then the title after "comme/als/come/como", up to a comma, a colon or the year.
_PROSE_COMME = re.compile(
    rf"\b(?i:chez|bei|presso|bij)\s+{_EMPLOYER_NAME}[^.;\n]{{0,40}}?\s+(?i:comme|als|come|como)\s+"
    r"(?:(?i:une?|un[ao]?)\s+)?(?P<title>[^,.;:()\d]{2,40}?)(?=\s*[,.;:]|\s+(?i:en|in|im|nel|dal)\s+\d)"
)
_PROSE_LEAD = re.compile(rf"^\W*{_PROSE_TITLE}\s+(?:at|with|for)\s+(?:the\s+)?\**{_EMPLOYER_NAME}")
_VERB_START = re.compile(
    r"^(?:\w+ed|built|led|wrote|ran|drove|grew|made|took|set|won|responsible|working|building|leading|"
    r"own(?:ing)?|maintain\w*|develop\w*|design\w*|creat\w*|implement\w*|manag\w*)\b",
    re.IGNORECASE,
)
_LOWER_START = re.compile(r"^[a-z]")
_LONE_YEAR = re.compile(r"(?:19|20)\d\d")
# A line of prose, however short: one in the first person ("Since 2021 I have been …", "j'ai été …").
_SENTENCE_LINE = re.compile(r"(?:^|\s)(?:I|[Ww]e|[Mm]y)\s+[a-z]|(?i:\b(?:je|ich|yo|io|ik)\b|\bj')")


# A two-column PDF flattened to text drops sidebar lines between a job's header lines: a skill list
# ("Kafka, PostgreSQL"), a rated skill or language ("Python — advanced", "French (fluent)") or a phone
# number there is never the employer.
_LEVEL = re.compile(
    r"\s*(?:[\u2014\u2013\-:]\s*|\(\s*)(?:expert|advanced|intermediate|basic|beginner|fluent|native|proficient|"
    r"conversational|business|mother\s+tongue|learning|certified|courant|maternelle|bilingue|notions|"
    r"fließend|fliessend|muttersprache|grundkenntnisse|verhandlungssicher|nativo|nativa|fluido|b[áa]sico|"
    r"madrelingua|vloeiend|moedertaal|[abc][12])\b.*$",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r"\s*[,;/\u00b7\u2022|]\s*")
_PHONE_LINE = re.compile(r"\+?[\d\s().\-/]{7,}")
_LANGUAGES = re.compile(
    r"^(?:english|french|german|spanish|italian|dutch|portuguese|polish|arabic|russian|turkish|chinese|"
    r"mandarin|cantonese|japanese|korean|hindi|urdu|bengali|swahili|greek|swedish|danish|norwegian|finnish|"
    r"czech|romanian|hungarian|ukrainian|hebrew|persian|farsi|"
    r"englisch|französisch|deutsch|spanisch|italienisch|niederländisch|anglais|fran[çc]ais|allemand|"
    r"espagnol|italien|n[ée]erlandais|arabe|ingl[ée]s|franc[ée]s|alem[áa]n|inglese|francese|tedesco|"
    r"engels|frans|duits)$",
    re.IGNORECASE,
)


def _sidebar_line(text: str) -> bool:
    """A sidebar's skill list, rated skill or language, or phone number: never a title or employer."""
    stripped = text.strip(_DECORATION)
    if not stripped:
        return False
    if _PHONE_LINE.fullmatch(stripped):
        return True
    pieces = [piece for piece in _LIST_SPLIT.split(stripped) if piece]
    rated = False
    taxonomy = default_taxonomy()
    for piece in pieces:
        bare = _LEVEL.sub("", piece).strip()
        rated = rated or bare != piece.strip()
        if not bare or not (taxonomy.resolve(bare) or (bare != piece.strip() and _LANGUAGES.match(bare))):
            return False
    return rated or len(pieces) >= 2


@dataclass(slots=True)
class Line:
    start: int
    end: int  # without the newline
    text: str


def lines_of(text: str, start: int, end: int) -> list[Line]:
    lines: list[Line] = []
    position = start
    for raw in text[start:end].split("\n"):
        lines.append(Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return lines


def is_title(text: str) -> bool:
    return bool(TITLE_WORDS.search(text) or LOCAL_TITLE_WORDS.search(text))


def _headerish(line: Line) -> bool:
    """Could be a title or employer line: short, not a bullet, not a "Label: value" row or sentence."""
    stripped = line.text.strip()
    return (
        bool(stripped)
        and len(stripped) <= MAX_HEADER_LINE
        and len(stripped.split()) <= MAX_HEADER_WORDS
        and not _BULLET_LINE.match(line.text)
        and not _LABEL_LINE.match(line.text)
        and not stripped.endswith((";", ":"))
        and not (stripped.endswith(".") and not COMPANY_SUFFIX.search(stripped))  # "Acme B.V." is a name
        and not _TABLE_RULE.match(stripped)
        and not all(_COLUMN_NAME.match(word) for word in stripped.split())  # a flattened table's header row
    )


def _is_duration(text: str) -> bool:
    return DURATION.fullmatch(text.strip(_DECORATION + "()")) is not None


# "Senior Software Engineer (Payments)", "Research Associate (Postdoc)": a capitalised bracket right after
# a title is the title's own qualifier, kept with it; "(placement year)", "(Remote)", "(London)" and
# "(2019-2021)" say something else and are split off as before.
_BRACKET = re.compile(r"\s*\((?P<inner>[^()\d]{1,40})\)")
_OPEN_KEPT, _CLOSE_KEPT = "\ue000", "\ue001"  # private-use stand-ins the split does not cut at


def _keep_title_brackets(line: str) -> str:
    def keep(match: re.Match[str]) -> str:
        inner = match["inner"].strip()
        head = _FRAGMENT_SPLIT.split(line[: match.start()])[-1]
        if (
            not inner[:1].isupper()
            or len(inner.split()) > 4
            or _NOT_A_NAME.match(inner)
            or any(find_location(inner))
            or not head.strip()
            or not is_title(head)
        ):
            return match[0]
        return f" {_OPEN_KEPT}{inner}{_CLOSE_KEPT}"

    return _BRACKET.sub(keep, line) if "(" in line else line


def fragments(line: str) -> list[str]:
    found = []
    for piece in _FRAGMENT_SPLIT.split(_keep_title_brackets(line)):
        piece = piece.replace(_OPEN_KEPT, "(").replace(_CLOSE_KEPT, ")")
        piece = piece.strip(" \t,;:|-*_#`\u2013\u2014\u2022\u00b7")
        if not piece or _NOT_A_NAME.match(piece) or _is_duration(piece):
            continue
        city, country = find_location(piece)
        # "London", "Greater London", "Remote (UK)" say where; "Trinity College Dublin" is who.
        # The limit follows the name as printed: "Saigon" is Ho Chi Minh City, but "Saigon Parcel Network
        # JSC" is no place.
        limit = (len(city.split()) + 1 if city.casefold() in piece.casefold() else 2) if city else 3
        if (city or country) and len(piece.split()) <= limit and not _is_organisation(piece):
            continue  # "London", "London, UK", "Remote (UK)": where, not who ("Universität Stuttgart" is who)
        found.append(piece)
    return found


def _is_organisation(text: str) -> bool:
    return bool(COMPANY_SUFFIX.search(text) or _ORGANISATION.search(text))


def _without_place(name: str) -> str:
    """ "Kiezkauf GmbH, Berlin" is the employer Kiezkauf GmbH in Berlin; in "Fachgebiet Bildverarbeitung,
    Technische Universität Berlin" the part after the comma is the rest of the name, not a place."""
    head, _, tail = name.rpartition(", ")
    if not head or _is_organisation(tail) or len(tail.split()) > 3:
        return name
    return head if any(find_location(tail)) else name


def title_and_employer(header_lines: list[str], guess: bool = True) -> tuple[str, str]:
    """Title and employer among the fragments of a job's header lines; with `guess`, two fragments without
    a title word are read in the common "Title - Employer" order."""
    for line in header_lines:
        pair = _EMPHASIS_PAIR.match(line)
        if pair:
            first, second = pair["first"].strip(), pair["second"].strip()
            if is_title(second) and not is_title(first):
                first, second = second, first
            return first, _without_place(second)
    pieces = [fragment for line in header_lines if not _sidebar_line(line) for fragment in fragments(line)]
    title = next((f for f in pieces if is_title(f) and not COMPANY_SUFFIX.search(f)), "")
    # An employer is a name: it starts with a capital or a digit, and is not a second job title
    # ("Softwareentwickler (Werkstudent)", "Graduate Developer (placement year)").
    named = [f for f in pieces if f != title and not _LOWER_START.match(f)]
    others = [f for f in named if COMPANY_SUFFIX.search(f) or not is_title(f)]
    if not others and guess:
        others = named  # "Consultora Triana": a company whose name is also a title word
    employer = next(
        (f for f in others if COMPANY_SUFFIX.search(f)),
        next((f for f in others if _ORGANISATION.search(f)), others[0] if others else ""),
    )
    if title and employer and not _is_organisation(employer):
        employer = _employer_below_qualifier(title, employer, others, header_lines)
    if guess and not title and len(others) >= 2:
        if employer == others[0] and not _ORGANISATION.search(others[0]):
            # No title word and no organisation cue: the common "Title - Employer" order decides.
            title, employer = others[0], others[1]
        else:
            title = next(f for f in others if f != employer)
    return _with_qualifier(title, employer, header_lines), employer


def _employer_below_qualifier(title: str, employer: str, others: list[str], header_lines: list[str]) -> str:
    """ "Director, Risk Technology & Quant Analytics" over "Marina Bay Securities · Full-time": a name that
    only follows the title's comma is its qualifier when another line names someone (and no cue says
    which is the organisation); that other name is the employer."""
    for line in header_lines:
        if f"{title}, {employer}" in line and fragments(line) == [title, employer]:
            return next((f for f in others if f != employer and f not in line), employer)
    return employer


def _with_qualifier(title: str, employer: str, header_lines: list[str]) -> str:
    """ "Summer Intern, IT Support" over "Leith Harbour Council Services": when the employer stands on
    another line, a name after the title's comma is the title's own qualifier (a team, a speciality)."""
    if not title or not employer:
        return title
    for line in header_lines:
        if title not in line or employer in line:
            continue
        pieces = fragments(line)
        if len(pieces) != 2 or pieces[0] != title or f"{title}, {pieces[1]}" not in line:
            continue
        qualifier = pieces[1]
        if _LOWER_START.match(qualifier) or _is_organisation(qualifier) or _LONE_YEAR.search(qualifier):
            continue
        return f"{title}, {qualifier}"
    return title


def _looks_like_name(line: str) -> bool:
    """An employer line below a title: a few capitalised words, not a sentence led by a verb."""
    words = line.split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and not _VERB_START.match(line.strip())


@dataclass(slots=True)
class _Block:
    date_range: DateRange
    top: int  # first header line
    bottom: int  # last header line; the body follows
    title: str
    employer: str
    header: str  # the header text the block was read from, for classification
    body_start: int | None = None  # offset where the body starts when it shares the header's line
    # later titles in the same prose sentence: (title, from, until of the role before)
    promotions: list[tuple[str, date, date]] = field(default_factory=list)


def _table_columns(lines: list[Line]) -> dict[int, list[str]]:
    """For each table row below a header row and its `|---|` rule, the header's cell names."""
    columns: dict[int, list[str]] = {}
    current: list[str] | None = None
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped.startswith("|"):
            current = None
            continue
        if _TABLE_RULE.match(stripped) and index > 0:
            current = _cells(lines[index - 1].text)
            continue
        if current is not None:
            columns[index] = current
    return columns


def _cells(row: str) -> list[str]:
    row = row.strip()
    if "\t" in row and "|" not in row:
        return [cell.strip() for cell in row.split("\t")]
    return [cell.strip() for cell in row.strip("|").split("|")]


def _is_table_row(text: str) -> bool:
    stripped = text.strip()
    return (stripped.startswith("|") and stripped.count("|") >= 3) or stripped.count("\t") >= 2


def _table_block(line: Line, index: int, date_range: DateRange, names: list[str] | None) -> _Block:
    cells = _cells(line.text)
    left = date_range.start_idx - line.start
    offset = line.text.find(cells[0]) if cells else 0
    title = employer = ""
    short: list[str] = []
    position = 0
    for column, cell in enumerate(cells):
        at = line.text.find(cell, max(offset, position))
        position = at + len(cell) if at >= 0 else position
        if at <= left < at + len(cell) + 1 or not cell or find_date_ranges(cell):
            continue
        name = names[column] if names and column < len(names) else ""
        if _TITLE_COLUMN.match(name.strip(" *_")):
            title = cell.strip(" *_")
        elif _EMPLOYER_COLUMN.match(name.strip(" *_")):
            employer = cell.strip(" *_")
        elif len(cell.split()) <= MAX_CELL_WORDS:
            short.append(cell)
    if not title or not employer:
        guess_title, guess_employer = title_and_employer([*short, employer] if employer else short)
        title = title or guess_title
        employer = employer or guess_employer
    return _Block(date_range, index, index, title, employer, " ".join([title, employer, *short]))


def _prose_block(line: Line, index: int, date_range: DateRange, text: str) -> _Block | None:
    """A dated sentence of a narrative CV, read as "<title> at <employer>"."""
    left = date_range.start_idx
    begin = max(line.start, text.rfind(".", line.start, left) + 1, text.rfind("\n", 0, left) + 1)
    stop = text.find(". ", date_range.end_idx, line.end)
    sentence = text[begin : stop if stop >= 0 else line.end]
    tail = text[date_range.end_idx : stop if stop >= 0 else line.end]
    found = (
        _PROSE_AT.search(sentence)
        or _PROSE_AS.search(sentence)
        or _PROSE_LOCAL.search(sentence)
        or _PROSE_COMME.search(sentence)
        or _PROSE_LEAD.match(tail)
    )
    if found is None:
        return _joined_as_block(line, index, date_range, text)
    # "My first job was as a graduate analyst programmer at …": the verb's "as a" is no part of the title.
    title = _PROSE_ARTICLE.sub("", found["title"].strip())
    employer = found["employer"].strip(" *_,.")
    if _ORGANISATION_HEAD.match(employer):
        after = begin + found.end("employer")
        tail = _ORGANISATION_TAIL.match(text, after, min(len(text), after + MAX_HEADER_LINE))
        if tail:
            employer = " ".join(f"{employer}{tail[0]}".split())
    block = _Block(date_range, index, index, title, employer, sentence, body_start=line.start)
    # What follows the title and employer, whichever order the sentence names them in.
    block.promotions = _promotions(sentence[max(found.end("title"), found.end("employer")) :], date_range)
    return block


def _sentences_around(text: str, at: int) -> tuple[str, str, str]:
    """The sentence holding offset `at` with the one before and after it, within its paragraph."""
    start = text.rfind("\n\n", 0, at) + 2 if text.rfind("\n\n", 0, at) >= 0 else 0
    stop = text.find("\n\n", at)
    paragraph = text[start : stop if stop >= 0 else len(text)]
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(paragraph)), len(paragraph)]
    for position in range(len(bounds) - 1):
        if bounds[position] <= at - start < bounds[position + 1]:
            before = paragraph[bounds[position - 1] : bounds[position]] if position else ""
            has_next = position + 2 < len(bounds)
            after = paragraph[bounds[position + 1] : bounds[position + 2]] if has_next else ""
            return before, paragraph[bounds[position] : bounds[position + 1]], after
    return "", paragraph, ""


def _joined_as_block(line: Line, index: int, date_range: DateRange, text: str) -> _Block | None:
    """A narrative that names the employer and the title in neighbouring sentences: "Before that I spent
    seven years at Havenstad Logistics B.V. I joined as a software engineer in 2014, was promoted to …"."""
    before, here, after = _sentences_around(text, date_range.start_idx)
    joined = _JOINED_AS.search(here)
    where = here
    if joined is None:
        joined, where = _JOINED_AS.search(after), after
    employer = _AT_NAME.search(here) or _AT_NAME.search(before)
    if joined is None or employer is None:
        return None
    title = _PROSE_ARTICLE.sub("", joined["title"].strip())
    name = employer["employer"].strip(" *_,")
    if name.endswith(".") and not COMPANY_SUFFIX.search(name):
        name = name[:-1]  # the sentence's full stop, while "B.V." keeps its own
    block = _Block(date_range, index, index, title, name, here, body_start=line.start)
    block.promotions = _promotions(where[joined.end("title") :], date_range)
    return block


def _promotions(after_title: str, date_range: DateRange) -> list[tuple[str, date, date]]:
    """The later titles and the dates they started, in order, when the words after a prose title name
    promotions inside the job's own range."""
    steps: list[tuple[str, date, date]] = []
    last = date_range.start
    for found in _PROMOTION.finditer(after_title):
        point = found["point"] or found["since"]
        since = parse_point(point, is_end=False)
        until = parse_point(point, is_end=True)
        if since is None or until is None or since <= last:
            break
        if date_range.end is not None and since > date_range.end:
            break
        steps.append(((found["later"] or found["then"]).strip(), since, until))
        last = since
    return steps


def _split_promotion(block: _Block) -> list[_Block]:
    """A prose job with promotions inside it: one role per title, the latest first (as CVs list them)."""
    if not block.promotions:
        return [block]
    whole = block.date_range
    roles = [(block.title, whole.start), *((title, since) for title, since, _ in block.promotions)]
    ends = [until for _, _, until in block.promotions] + [whole.end]
    split = [
        _Block(
            DateRange(since, end, whole.start_idx, whole.end_idx),
            block.top,
            block.bottom,
            title,
            block.employer,
            block.header,
            body_start=block.body_start,
        )
        for (title, since), end in zip(roles, ends, strict=True)
    ]
    return split[::-1]


def _header_block(lines: list[Line], index: int, date_range: DateRange, floor: int, ceiling: int) -> _Block:
    """The title/employer lines around a date: up to two lines above (not past `floor`; a LinkedIn
    duration line between them is skipped), then up to two below while the title or employer is missing."""
    top = index
    taken = 0
    while top - 1 > floor and taken < 2 and _headerish(lines[top - 1]):
        top -= 1
        if not _is_duration(lines[top].text) and not _sidebar_line(lines[top].text):
            taken += 1
    line = lines[index]
    left, right = date_range.start_idx - line.start, date_range.end_idx - line.start
    header = [lines[i].text for i in range(top, index)]
    header.append(line.text[:left] + "  " + line.text[max(left, right) :])
    title, employer = title_and_employer(header, guess=False)
    bottom = index
    while (not title or not employer) and bottom + 1 < ceiling and bottom - index < 2:
        candidate = lines[bottom + 1]
        if _is_duration(candidate.text) and bottom - index < 1:
            bottom += 1
            continue
        if not _headerish(candidate) or len(candidate.text.split()) > 8:
            break
        if title and not is_title(candidate.text) and not _looks_like_name(candidate.text):
            break
        bottom += 1
        header.append(candidate.text)
        title, employer = title_and_employer(header, guess=False)
    if not title or not employer:
        guessed_title, guessed_employer = title_and_employer(header)
        if not title:
            # No title word anywhere: the guess reads the fragments in "Title - Employer" order.
            title, employer = guessed_title, guessed_employer or employer
        if not employer or employer == title:
            employer = guessed_employer if guessed_employer != title else ""
    return _Block(date_range, top, bottom, title, employer, " ".join(header))


def _one_line_block(line: Line, index: int, date_range: DateRange) -> _Block | None:
    """`Title, Employer (2019-present): what I did` — the words before the range are the header and the
    rest of the line is the body (a bulleted entry may have no body on its line)."""
    left, right = date_range.start_idx - line.start, date_range.end_idx - line.start
    before = line.text[:left]
    after = _AFTER_RANGE.match(line.text, right)
    if after is None:
        return None
    rest = line.text[after.end() :].strip()
    if not rest and not _BULLET_LINE.match(line.text):
        return None
    words = before.split()
    if not words or len(words) > MAX_ONE_LINE_HEAD_WORDS or before.rstrip().endswith("."):
        return None
    title, employer = title_and_employer([before])
    if not title:
        return None  # "Migrated the ledger to Kafka (2019): …" is a bullet, not a job
    if after["stop"] == "." and not is_title(title):
        return None  # "Sørensen H., Ali M. (2025). A paper title": a citation ends its year with a stop too
    return _Block(date_range, index, index, title, employer, before, body_start=line.start + after.end())


def _is_group_duration(text: str) -> bool:
    """A LinkedIn company's time line: "5 years 5 months", or with the employment type "Full-time · 5 yrs"."""
    if _is_duration(text):
        return True
    if "\u00b7" not in text:
        return False
    pieces = [piece for piece in re.split(r"\s*\u00b7\s*", text.strip(_DECORATION)) if piece]
    kept = [piece for piece in pieces if not _NOT_A_NAME.match(piece)]
    return len(kept) == 1 and len(pieces) > 1 and _is_duration(kept[0])


def _linkedin_employers(lines: list[Line]) -> dict[int, str]:
    """Line index -> the company a LinkedIn export groups roles under ("Acme Ltd" / "5 years 5 months")."""
    groups: dict[int, str] = {}
    for index in range(1, len(lines)):
        if _is_group_duration(lines[index].text) and _headerish(lines[index - 1]):
            above = lines[index - 1].text.strip(_DECORATION)
            if not find_date_ranges(above) and not _is_duration(above):
                groups[index - 1] = above
    return groups


def classify(block: _Block, body: str) -> str:
    """What a dated block is: a job, or education, a career break or volunteering (never jobs)."""
    header = block.header
    if _VOLUNTEER.search(header):
        return VOLUNTEERING
    if _BREAK.search(header) and not (block.employer and COMPANY_SUFFIX.search(block.employer)):
        return BREAK
    if _EDUCATION.search(header) and not is_title(block.title or header):
        return EDUCATION
    if _EDUCATION_START.match(header.lstrip(_DECORATION)):
        return EDUCATION  # "Formation de reconversion : développeuse", "BSc Computing — Dublin"
    if not block.title and not block.employer and _BREAK.search(body[:200]):
        return BREAK
    return JOB


def _blocks(text: str, region: Section, today: date, strict: bool) -> tuple[list[Line], list[_Block]]:
    lines = lines_of(text, region.start, region.end)
    starts = [line.start for line in lines]
    columns = _table_columns(lines)
    groups = _linkedin_employers(lines)
    group_lines = sorted(groups)
    used: set[int] = set()
    blocks: list[_Block] = []
    floor = -1
    plain = _without_strong_emphasis(text)
    ranges = [
        DateRange(r.start, r.end, region.start + r.start_idx, region.start + r.end_idx)
        for r in find_date_ranges(plain[region.start : region.end], today)
    ]
    anchors: list[tuple[DateRange, int]] = []
    for date_range in ranges:
        index = bisect.bisect_right(starts, date_range.start_idx) - 1
        if index in used:
            continue
        used.add(index)
        anchors.append((date_range, index))
    for position, (date_range, index) in enumerate(anchors):
        line = lines[index]
        ceiling = anchors[position + 1][1] if position + 1 < len(anchors) else len(lines)
        block: _Block | None
        if _is_table_row(line.text):
            block = _table_block(line, index, date_range, columns.get(index))
        else:
            block = _one_line_block(line, index, date_range)
        if block is None:
            remainder = line.text[: date_range.start_idx - line.start]
            remainder += line.text[date_range.end_idx - line.start :]
            short = len(remainder.split()) <= MAX_HEADER_WORDS and len(line.text.strip()) <= MAX_HEADER_LINE
            # A narrative span ("2014, was promoted … left in 2021") is a sentence, however little is left.
            short = short and len(text[date_range.start_idx : date_range.end_idx].split()) <= MAX_RANGE_WORDS
            if short and not _BULLET_LINE.match(line.text) and not _SENTENCE_LINE.search(line.text):
                block = _header_block(lines, index, date_range, floor, ceiling)
            else:
                block = _prose_block(line, index, date_range, plain)
        if block is None:
            floor = max(floor, index)  # a dated line nobody could read is still no one else's header
            continue
        slot = bisect.bisect_right(group_lines, index) - 1
        if slot >= 0:
            # A LinkedIn role under its company line ("Acme Ltd" / "5 years 5 months") names no employer
            # above its dates; what follows the dates there is the role's location, never its employer.
            above = text[lines[block.top].start : date_range.start_idx]
            if not block.employer or block.employer not in above:
                block.employer = groups[group_lines[slot]]
        lone_year = _LONE_YEAR.fullmatch(text, date_range.start_idx, date_range.end_idx) is not None
        if ((strict or lone_year) and not block.title) or (lone_year and not is_title(block.title)):
            # Without an experience heading, or dated by a bare "(2019)", only a titled block is a job:
            # "Kafka certification (2019)" is not, and under a bare year the title must name a role
            # ("Sørensen H., Brunner A. (2019). Bounded staleness…" is a citation).
            floor = max(floor, block.bottom)
            continue
        blocks.extend(_split_promotion(block))
        floor = block.bottom
    return lines, _fold_employer_groups(blocks)


_STRONG = re.compile(r"\*\*|__")


def _without_strong_emphasis(text: str) -> str:
    """Markdown prose in bold ("from **2017** until **February 2023**", "as an **Analyst** at **X**") read
    as plain words; each marker becomes spaces so that every offset still points into the original text."""
    if "**" not in text and "__" not in text:
        return text
    return _STRONG.sub("  ", text)


def _within(inner: DateRange, outer: DateRange) -> bool:
    if inner.start < outer.start:
        return False
    if outer.end is None:
        return True
    return inner.end is not None and inner.end <= outer.end


def _fold_employer_groups(blocks: list[_Block]) -> list[_Block]:
    """A dated employer line with no title ("Acme Group, Cardiff   Jan 2021 - Present") over roles dated
    inside it ("Principal Engineer (since Apr 2024)") is those roles' employer, not a job of its own."""
    folded: list[_Block] = []
    position = 0
    while position < len(blocks):
        block = blocks[position]
        children = []
        if not block.title and block.employer:
            following = position + 1
            while following < len(blocks) and _within(blocks[following].date_range, block.date_range):
                children.append(blocks[following])
                following += 1
        if children and all(not child.employer or child.employer == block.employer for child in children):
            for child in children:
                child.employer = block.employer
            folded.extend(children)
            position += 1 + len(children)
            continue
        folded.append(block)
        position += 1
    return folded


def find_jobs(text: str, sections: list[Section], today: date) -> list[Job]:
    """Jobs from the experience sections; without one, dated blocks elsewhere that carry a job title.
    A job's text is what follows its header up to the next block's header."""
    experience = [section for section in sections if section.name == "experience"]
    strict = not experience
    regions = experience or [s for s in sections if s.name in (HEADER, "other", "summary")]
    if not regions:
        regions = [Section("other", 0, len(text))]
    jobs: list[Job] = []
    for region in regions:
        lines, blocks = _blocks(text, region, today, strict)
        for position, block in enumerate(blocks):
            # The roles one promotion sentence splits into share its line: each reads the whole job's text.
            following = position + 1
            while following < len(blocks) and blocks[following].top == block.top:
                following += 1
            last_line = (blocks[following].top if following < len(blocks) else len(lines)) - 1
            if block.body_start is not None:
                body_start = block.body_start
            elif block.bottom + 1 < len(lines):
                body_start = lines[block.bottom + 1].start
            else:
                body_start = lines[block.bottom].end
            span_end = max(lines[max(last_line, block.bottom)].end, body_start)
            body = text[body_start:span_end].strip("\n")
            if classify(block, body) != JOB:
                continue
            jobs.append(
                Job(
                    block.employer,
                    block.title,
                    block.date_range.start,
                    block.date_range.end,
                    text=body,
                    span=(lines[block.top].start, span_end),
                )
            )
    return jobs


# The job-board export's undated entry: "company - Hexaware Technologies" over "description - …".
_BOARD_COMPANY = re.compile(r"^\s*company\s*-[ \t]*(?P<employer>.*?)\s*$", re.IGNORECASE)
_BOARD_DESCRIPTION = re.compile(r"^\s*description\s*-\s*", re.IGNORECASE)
MIN_UNDATED_BODY_WORDS = 3


@dataclass(slots=True)
class _Entry:
    top: int  # header's first line
    bottom: int  # header's last line; the body follows
    title: str
    employer: str
    board: bool = False  # the job-board export's "company -" field


def find_undated_jobs(text: str, sections: list[Section], jobs: list[Job]) -> list[Job]:
    """`jobs` with the undated jobs of the experience sections added, in text order.

    Real CVs often give the current job no dates ("Senior Analyst, Northwind" over its bullets, or the
    job-board export's "company - X" / "description - …" entries) and date only older ones; some leave a
    job between two dated ones undated. Those entries are jobs. Read as loose text above the dated jobs,
    their skills would borrow an older job's dates; read as part of the dated job above them, they would
    borrow its "present". Only a header that names a job counts — a title word with an employer, or the
    export's "company -" field naming another employer than the dated job's — and only with a body under
    it, so an experience section's opening summary stays what it was. Start and end stay None: the CV
    dates none of this (parse.py decides what the order of the jobs says about when).
    """
    found: list[Job] = []
    kept: list[Job] = []
    dated = sorted((job for job in jobs if job.start is not None), key=lambda job: job.span[0])
    for job in jobs:
        if job.start is None:
            kept.append(job)
    for section in sections:
        if section.name != "experience":
            continue
        inside = [job for job in dated if section.start <= job.span[0] < section.end]
        if not inside:
            continue  # no dated job below: nothing places these entries in time
        found.extend(_undated_in(text, section.start, inside[0].span[0], None))
    for job in dated:
        body_start = text.find(job.text, job.span[0]) if job.text else -1
        split = _undated_in(text, body_start, job.span[1], job) if body_start >= 0 else []
        if split:
            cut = split[0].span[0]
            job = Job(
                job.employer,
                job.title,
                job.start,
                job.end,
                text[body_start:cut].strip("\n"),
                (job.span[0], max(cut - 1, job.span[0])),
            )
        kept.append(job)
        found.extend(split)
    return sorted([*kept, *found], key=lambda job: job.span[0])


def _undated_in(text: str, start: int, end: int, dated: Job | None) -> list[Job]:
    """The undated jobs in text[start:end]; `dated` is the dated job whose body this is, if any."""
    found: list[Job] = []
    lines = [line for line in lines_of(text, start, end) if line.text.strip()]
    entries = _undated_entries(lines)
    if dated is not None:
        own = {
            name.casefold()
            for name in (dated.employer, dated.title, _board_company_above(text, dated))
            if name
        }
        # Under a dated job the export's "company -" field often names a project or a client of that job
        # ("company - Current Project"): only an entry naming another organisation than the job's own,
        # when the job names one, starts another job.
        # An entry naming the job's own employer again says the entries above it were that job's too.
        same = [position for position, e in enumerate(entries) if e.board and _same_employer(e.employer, own)]
        entries = entries[same[-1] + 1 :] if same else entries
        entries = [e for e in entries if not e.board or own]
        if entries and entries[0].top == 0 and not entries[0].board:
            entries = entries[1:]  # the job's own header line, repeated under its dates
    for position, entry in enumerate(entries):
        end_line = entries[position + 1].top if position + 1 < len(entries) else len(lines)
        body = "\n".join(_BOARD_DESCRIPTION.sub("", line.text) for line in lines[entry.bottom + 1 : end_line])
        body = body.strip()
        header = " ".join(line.text for line in lines[entry.top : entry.bottom + 1])
        if _VOLUNTEER.search(header) or _BREAK.search(header):
            continue
        if entry.board:
            pass  # the export's "Company Details" field is employment, whatever the employer's name
        elif _EDUCATION.search(header) and not is_title(entry.title or header):
            continue
        span = (lines[entry.top].start, lines[max(end_line - 1, entry.bottom)].end)
        if not entry.title and not entry.employer and found and found[-1].span[1] >= span[0] - 1:
            # The export's "company - " with no name continues the entry above it.
            previous = found[-1]
            text_ = f"{previous.text}\n{body}".strip()
            found[-1] = Job(previous.employer, previous.title, None, None, text_, (previous.span[0], span[1]))
            continue
        if len(body.split()) < MIN_UNDATED_BODY_WORDS:
            continue  # a name with nothing under it: the dated job's own header, or a stray line
        found.append(Job(entry.employer, entry.title, None, None, text=body, span=span))
    return found


MAX_UNDATED_NAME_WORDS = 6


def _names_a_job(title: str, employer: str) -> bool:
    """A title and an employer as a header names them, not a wrapped sentence that happens to hold a title
    word ("Head a team of 15 across Singapore and Kuala Lumpur" over "(Python, kdb+/q) and …")."""
    if _names_skills(employer):
        return False  # "Backend Developer, Python and Go": a headline with its stack, not an employer
    return all(
        name[:1].isupper()
        and len(name.split()) <= MAX_UNDATED_NAME_WORDS
        and not any(c.isdigit() for c in name)
        for name in (title, employer)
    )


_AND = re.compile(r"\s+(?:and|&)\s+|\s*[,/+]\s*", re.IGNORECASE)


def _names_skills(text: str) -> bool:
    pieces = [piece for piece in _AND.split(text.strip(_DECORATION)) if piece]
    taxonomy = default_taxonomy()
    return bool(pieces) and all(taxonomy.resolve(piece) for piece in pieces)


def _board_company_above(text: str, job: Job) -> str:
    """The export's "company - X" line right above a dated job's header, naming its employer ("company -
    Inouvelle Ventures" over "1. Project name: Stock Management System  December 2017 - Till Date")."""
    above = [line for line in lines_of(text, max(0, job.span[0] - 400), job.span[0]) if line.text.strip()]
    for line in reversed(above[-3:]):
        found = _BOARD_COMPANY.match(line.text)
        if found:
            return found["employer"].strip(_DECORATION)
    return ""


def _same_employer(employer: str, own: set[str]) -> bool:
    """An entry under a dated job naming that job's employer (or nobody) is more of the same job."""
    name = employer.casefold().strip()
    return not name or any(name in other or other in name for other in own)


def _undated_entries(lines: list[Line]) -> list[_Entry]:
    """The undated job headers among `lines`: the export's "company -" lines, or one or two header lines
    that name both a title and an employer ("Senior Analyst, Northwind Ltd"; "Data Engineer" / "Contoso")."""
    board = [(index, _BOARD_COMPANY.match(line.text)) for index, line in enumerate(lines)]
    if any(found for _, found in board):
        # The export's own fields say where each entry starts; its "description - …" lines are no headers.
        return [
            _Entry(i, i, "", found["employer"].strip(_DECORATION), board=True) for i, found in board if found
        ]
    entries: list[_Entry] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _headerish(line) and not _sidebar_line(line.text) and not find_date_ranges(line.text):
            for size in (1, 2):
                header = lines[index : index + size]
                if len(header) < size or not all(
                    _headerish(h) and not find_date_ranges(h.text) for h in header
                ):
                    break
                title, employer = title_and_employer([h.text for h in header], guess=False)
                if title and employer and is_title(title) and _names_a_job(title, employer):
                    entries.append(_Entry(index, index + size - 1, title, employer))
                    index += size - 1
                    break
        index += 1
    return entries
