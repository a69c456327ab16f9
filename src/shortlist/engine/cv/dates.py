"""Date ranges as CVs write them, at month precision, in the languages CVs here come in.

Choices, so that years of experience add up the same way everywhere:

- A month is represented by the first day of that month (`date(2020, 3, 1)` is March 2020).
- A range's end month is *inclusive*: "Jan 2019 - Dec 2019" is twelve months (see `months_between`).
- A year alone means January when it starts a range and December when it ends one, so "2018-2021" is
  read as the whole of both years (48 months). CVs that give only years usually mean "during", and
  under-counting a four-year job as three is the more damaging mistake for matching.
- A season is its months: "Summer 2023" alone is June to August 2023; as a range end it is its last month.
  A year alone in brackets, "Analyst Intern, Acme (2016)", is that whole year.
- An open end ("present", "heute", "aujourd'hui", "since 2020", "seit 03/2021", "depuis mars 2021", or a
  dash with nothing after it at the end of a line) is `end=None`: the caller decides what "today" is.
- A duration ("(2 years 3 months)", "5 Jahre") is not a range; `DURATION` lets callers recognise one.

Month names and the word for "today" in German, French, Spanish, Italian, Dutch and Polish come from
babel's CLDR data (wide and abbreviated, format and stand-alone forms, with and without accents), so
they are not hand lists; English keeps its own short list because CVs abbreviate it in more ways
("Sept", "Sept.") than CLDR records.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from babel.core import Locale
from babel.dates import get_month_names

LOCALES = ("de", "fr", "es", "it", "nl", "pl")

_ENGLISH_MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# Spellings CLDR does not list but CVs print: German without umlaut, the short forms of a few months.
_EXTRA_MONTHS: dict[str, int] = {"maerz": 3, "mrz": 3, "sept": 9, "juill": 7, "janv": 1, "fevr": 2}
# Words for an open end that CLDR has no field for ("present", "aktuell", "en cours" …); babel's word
# for "today" in each language is added to these.
_NOW_WORDS = (
    "present", "current", "currently", "now", "ongoing", "till date", "to date", "date",
    "aktuell", "derzeit", "jetzt", "dato", "laufend", "heute",
    "présent", "actuel", "actuellement", "en cours", "ce jour", "maintenant",
    "actualidad", "actualmente", "presente", "actual", "la fecha",
    "attuale", "in corso", "oggi",
    "heden", "nu", "huidig",
    "obecnie", "teraz", "nadal",
)  # fmt: skip
# Between the ends of a range: dashes, and the words for "to" ("bis", "à", "au", "hasta", "al", "tot", "do").
_SEPARATOR_WORDS = (
    "to", "until", "till", "through", "thru", "bis", "à", "au", "a", "al", "hasta", "fino a", "tot", "do",
)  # fmt: skip
# A range written as "between 2012 and 2017" ("entre 2013 et 2014", "zwischen 2015 und 2018").
_BETWEEN_WORDS = ("between", "entre", "zwischen", "tra", "fra", "tussen", "między")
_BETWEEN_AND_WORDS = ("and", "et", "und", "e", "y", "en", "i")
_SINCE_WORDS = ("since", "seit", "depuis", "desde", "dal", "da", "sinds", "od")
# Seasons: (first month, last month). Winter is its January-February part of the year it names.
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 2),
    "frühling": (3, 5), "frühjahr": (3, 5), "sommer": (6, 8), "herbst": (9, 11),
    "printemps": (3, 5), "été": (6, 8), "automne": (9, 11), "hiver": (1, 2),
    "primavera": (3, 5), "verano": (6, 8), "otoño": (9, 11), "invierno": (1, 2),
    "estate": (6, 8), "autunno": (9, 11), "inverno": (1, 2),
    "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "voorjaar": (3, 5),
}  # fmt: skip


def _plain(word: str) -> str:
    """Lower case without accents or a trailing dot: "Févr." and "fevr" are one key."""
    decomposed = unicodedata.normalize("NFKD", word.lower().strip().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


def _month_table() -> dict[str, int]:
    table = dict(_ENGLISH_MONTHS)
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    table.setdefault(name.lower().rstrip("."), number)
    table.update(_EXTRA_MONTHS)
    for name, number in list(table.items()):
        table.setdefault(_plain(name), number)
    return {name: number for name, number in table.items() if len(name) >= 3}


def _now_words() -> list[str]:
    words = set(_NOW_WORDS)
    for locale in LOCALES:
        today = Locale.parse(locale)._data["date_fields"]["day"]["relative"].get(0)
        if today:
            words.add(today.lower())
    for word in list(words):
        words.add(_plain(word))
        words.add(word.replace("\u2019", "'"))
    return sorted(words)


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words` (whole, longest first), built as a trie so that a scan over a
    long text tries one branch per first letter instead of every word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return pattern(trie)


MONTHS = _month_table()
SEASONS = {_plain(name): months for name, months in _SEASONS.items()} | _SEASONS

_MONTH = rf"(?:{alternation(MONTHS)})\.?"
_SEASON = rf"(?:{alternation(SEASONS)})"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_NUMERIC_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
# One end of a range: "Mar 2020", "März 2020", "mars 2021", "09/2019", "10.2017", "2019-03",
# "01/03/2021" (Europass), "Summer 2023", "2018".
# "1 July 2017", "1er mars 2021", "15. März 2020": a day before the month is read and dropped.
_DAY_PREFIX = rf"(?:{_DAY}(?:st|nd|rd|th|er)?\.?\s+)?"
_POINT = (
    rf"(?:{_DAY_PREFIX}{_MONTH}[\s,']*(?:de\s+)?{_YEAR}"
    rf"|{_SEASON}[\s,']*{_YEAR}"
    rf"|{_DAY}\s?[/.]\s?{_NUMERIC_MONTH}\s?[/.]\s?{_YEAR}"
    rf"|{_NUMERIC_MONTH}\s?[/.\-]\s?{_YEAR}"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])(?![\d.])"
    rf"|{_YEAR})"
)
_SEPARATOR = rf"(?:-{{1,2}}|\u2013|\u2014|\u2212|~|\b(?:{alternation(_SEPARATOR_WORDS)})\b)"
# A range stays on one line, but PDF extraction sometimes wraps right after the dash.
_GAP = r"[ \t]*(?:\n[ \t]*)?"
_OPEN_END = rf"(?:(?:bis|jusqu'(?:à|a)|hasta|fino\s+a)\s+)?(?:{alternation(_now_words())})(?![^\W_])"
_SINCE = rf"\b(?:{alternation(_SINCE_WORDS)})\s+(?:(?:dem|le|el|il|l')\s+)?"

# Ranges come first in the alternation so "since" and open-ended forms never split a full range.
_RANGE_RE = re.compile(
    # A PDF's right-aligned dates sometimes lose the gap before them ("Oxford2023 - present"): a year run
    # into a lower-case word still starts a range when a dash follows it.
    rf"(?:(?<![^\W_])(?<![/.])|(?<=[a-z])(?=(?:19|20)\d\d[ \t]*[\u2013\u2014-]))(?:"
    rf"(?P<start>{_POINT}){_GAP}{_SEPARATOR}{_GAP}(?:(?P<open>{_OPEN_END})|(?P<end>{_POINT}))"
    rf"|(?P<shared_start>{_MONTH}){_GAP}{_SEPARATOR}{_GAP}(?P<shared_end>{_MONTH}[\s,']*(?:de\s+)?{_YEAR})"
    rf"|\b(?:{alternation(_BETWEEN_WORDS)})\s+(?P<between_start>{_POINT})\s+"
    rf"(?:{alternation(_BETWEEN_AND_WORDS)})\s+(?P<between_end>{_POINT})"
    rf"|{_SINCE}(?P<since>{_POINT})"
    rf"|(?P<dangling>{_POINT})[ \t]*(?:-{{1,2}}|\u2013|\u2014)[ \t]*$"
    rf"|(?P<season>{_SEASON}[\s,']*{_YEAR})"
    rf"|(?<=\()(?P<single>{_YEAR})(?=\))"
    rf")(?![^\W_])(?!/)",
    re.IGNORECASE | re.MULTILINE,
)

# A narrative's span: "I joined Quayside in July 2016 … and left in February 2019", "I started my career in
# 2009 as a graduate developer …, where I stayed until 2011". Read only within one paragraph.
# A paragraph wraps its lines: the span may cross a single line break, never a blank line. "left for
# Havenstad in 2014" names where the candidate went before the year.
_IN_PARAGRAPH = r"(?:[^\n]|\n(?![ \t]*\n))"
_PROSE_SPAN_RE = re.compile(
    rf"\b(?:joined|started|began|moved\s+to)\b(?:(?!\.\s)[^\n]|\n(?![ \t]*\n)){{0,80}}?\bin\s+"
    rf"(?P<start>{_POINT})(?![\w/]){_IN_PARAGRAPH}{{0,220}}?\b(?:left|until|till)\s+"
    rf"(?:for\s+[A-Z][\w.&'\-]*(?:\s+[A-Z][\w.&'\-]*){{0,4}}\s+)?(?:in\s+|the\s+end\s+of\s+)?"
    rf"(?P<end>{_POINT})(?![\w/])",
    re.IGNORECASE,
)
# The same in French: "j'ai commencé ma carrière en 2013 chez X … jusqu'en 2016", "entrée comme
# développeuse en 2016, … puis je suis partie en 2022".
_PROSE_SPAN_FR_RE = re.compile(
    rf"\b(?:commenc[ée]|d[ée]but[ée]|rejoint|entr[ée]e?|arriv[ée]e?)\b"
    rf"(?:(?!\.\s)[^\n]|\n(?![ \t]*\n)){{0,80}}?\ben\s+(?P<start>{_POINT})(?![\w/]){_IN_PARAGRAPH}{{0,220}}?"
    rf"(?:\bjusqu'(?:en|à|a)\s*|\bpartie?\s+en\s+)(?P<end>{_POINT})(?![\w/])",
    re.IGNORECASE,
)
_MONTH_YEAR_RE = re.compile(
    rf"{_DAY_PREFIX}(?P<month>{_MONTH})[\s,']*(?:de\s+)?(?P<year>{_YEAR})", re.IGNORECASE
)
_SEASON_YEAR_RE = re.compile(rf"(?P<season>{_SEASON})[\s,']*(?P<year>{_YEAR})", re.IGNORECASE)
_DAY_RE = re.compile(rf"{_DAY}\s?[/.]\s?(?P<month>{_NUMERIC_MONTH})\s?[/.]\s?(?P<year>{_YEAR})")
_NUMERIC_RE = re.compile(rf"(?P<month>{_NUMERIC_MONTH})\s?[/.\-]\s?(?P<year>{_YEAR})")
_ISO_RE = re.compile(rf"(?P<year>{_YEAR})-(?P<month>0[1-9]|1[0-2])")
_YEAR_RE = re.compile(_YEAR)

_YEARS_WORD = r"(?:years?|yrs?|jahre?n?|ans?|a[ñn]os?|anni|anno|jaar|jaren|lat|lata|rok|roku)"
_MONTHS_WORD = r"(?:months?|mos?|monate?n?|mois|meses|mes|mesi|mese|maanden|maand|miesi\w*)"
# "(2 years 3 months)", "5 years 5 months", "1 yr", "8 mos", "2 Jahre 3 Monate", "less than a year".
DURATION = re.compile(
    rf"\(?\s*(?:(?:\d{{1,2}}\+?\s*{_YEARS_WORD}(?:\s*,?\s*(?:and|und|et|y|e|en)?\s*\d{{1,2}}\s*{_MONTHS_WORD})?)"
    rf"|\d{{1,2}}\s*{_MONTHS_WORD}|less\s+than\s+(?:a|one)\s+year)\s*\)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date | None  # None: still ongoing
    start_idx: int
    end_idx: int

    def months(self, today: date) -> int:
        return months_between(self.start, self.end or today)


def months_between(start: date, end: date) -> int:
    """Months covered by an inclusive month range; 0 when it runs backwards."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month + 1)


def month_index(day: date) -> int:
    """A month as one integer, so ranges can be unioned as sets of months."""
    return day.year * 12 + day.month - 1


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation in any supported language, else None."""
    return MONTHS.get(name.lower().rstrip(".")) or MONTHS.get(_plain(name))


def parse_point(token: str, is_end: bool) -> date | None:
    """One end of a range; a bare year is January as a start and December as an end."""
    token = token.strip()
    match = _MONTH_YEAR_RE.fullmatch(token)
    if match:
        month = month_number(match["month"])
        return date(int(match["year"]), month, 1) if month else None
    match = _SEASON_YEAR_RE.fullmatch(token)
    if match:
        first, last = SEASONS.get(match["season"].lower()) or SEASONS[_plain(match["season"])]
        return date(int(match["year"]), last if is_end else first, 1)
    match = _DAY_RE.fullmatch(token) or _NUMERIC_RE.fullmatch(token) or _ISO_RE.fullmatch(token)
    if match:
        return date(int(match["year"]), int(match["month"]), 1)
    if _YEAR_RE.fullmatch(token):
        return date(int(token), 12 if is_end else 1, 1)
    return None


def _plausible(start: date, end: date | None, today: date) -> bool:
    if start.year > today.year + 1:
        return False
    return end is None or (start <= end and end.year <= today.year + 6)


_ANY_YEAR = re.compile(r"(?:19[5-9]\d|20\d\d)")


def _matches(text: str) -> list[re.Match[str]]:
    """Range matches, searched only in the lines around a year (and the line before, where a wrapped month
    waits for it): every range holds a year, and most of a CV's lines hold none."""
    windows: list[tuple[int, int]] = []
    for year in _ANY_YEAR.finditer(text):
        line_start = text.rfind("\n", 0, year.start()) + 1
        begin = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if line_start else 0
        end = text.find("\n", year.end())
        end = len(text) if end < 0 else end
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((begin, end))
    return [match for begin, end in windows for match in _RANGE_RE.finditer(text, begin, end)]


def find_date_ranges(text: str, today: date | None = None) -> list[DateRange]:
    """Every employment-style date range in `text`, in order of appearance."""
    today = today or date.today()
    found: list[DateRange] = []
    for match in _matches(text):
        start: date | None
        end: date | None = None
        if match["start"]:
            start = parse_point(match["start"], is_end=False)
            if match["end"]:
                end = parse_point(match["end"], is_end=True)
                if end is None:
                    continue
        elif match["between_start"]:
            start = parse_point(match["between_start"], is_end=False)
            end = parse_point(match["between_end"], is_end=True)
            if end is None:
                continue
        elif match["shared_start"]:
            end = parse_point(match["shared_end"], is_end=True)
            month = month_number(match["shared_start"])
            if end is None or month is None:
                continue
            start = date(end.year, month, 1)
        elif match["season"] or match["single"]:
            # "Summer 2023", "(2016)": the months of that season or year.
            point = match["season"] or match["single"]
            start = parse_point(point, is_end=False)
            end = parse_point(point, is_end=True)
        else:
            start = parse_point(match["since"] or match["dangling"], is_end=False)
        if start is None or not _plausible(start, end, today):
            continue
        found.append(DateRange(start, end, match.start(), match.end()))
    return _with_prose_spans(text, found, today)


def _with_prose_spans(text: str, found: list[DateRange], today: date) -> list[DateRange]:
    """Add the "joined … in 2016 … left in 2019" spans of narrative CVs that no written range covers."""
    english = any(word in text for word in ("joined", "started", "began", "moved to"))
    french = "jusqu" in text or "parti" in text
    if not english and not french:
        return found
    added = False
    matches = [
        *(_PROSE_SPAN_RE.finditer(text) if english else ()),
        *(_PROSE_SPAN_FR_RE.finditer(text) if french else ()),
    ]
    for match in matches:
        start = parse_point(match["start"], is_end=False)
        end = parse_point(match["end"], is_end=True)
        begin, finish = match.start("start"), match.end("end")
        if start is None or end is None or not _plausible(start, end, today):
            continue
        if any(r.start_idx < finish and begin < r.end_idx for r in found):
            continue  # a written range is already there
        found.append(DateRange(start, end, begin, finish))
        added = True
    return sorted(found, key=lambda r: r.start_idx) if added else found
