"""Date ranges as CVs write them, at month precision.

Choices, so that years of experience add up the same way everywhere:

- A month is represented by the first day of that month (`date(2020, 3, 1)` is March 2020).
- A range's end month is *inclusive*: "Jan 2019 - Dec 2019" is twelve months (see `months_between`).
- A year alone means January when it starts a range and December when it ends one, so "2018-2021" is
  read as the whole of both years (48 months). CVs that give only years usually mean "during", and
  under-counting a four-year job as three is the more damaging mistake for matching.
- An open end ("present", "current", "now", "till date", "ongoing", "since 2020", or a dash with
  nothing after it at the end of a line) is `end=None`: the caller decides what "today" is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_NUMERIC_MONTH = r"(?:0?[1-9]|1[0-2])"
# One end of a range: "Mar 2020", "March, 2020", "09/2019", "10.2017", "2019-03", "2018".
_POINT = (
    rf"(?:{_MONTH}[\s,']*{_YEAR}"
    rf"|{_NUMERIC_MONTH}\s?[/.\-]\s?{_YEAR}"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])(?![\d.])"
    rf"|{_YEAR})"
)
_SEPARATOR = r"(?:-{1,2}|\u2013|\u2014|\u2212|~|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)"
# A range stays on one line, but PDF extraction sometimes wraps right after the dash.
_GAP = r"[ \t]*(?:\n[ \t]*)?"
_OPEN_END = r"(?:present|current(?:ly)?|now|today|ongoing|(?:till|to)?\s*date)\b"

# Ranges come first in the alternation so "since" and open-ended forms never split a full range.
_RANGE_RE = re.compile(
    rf"(?<![\w/.])(?:"
    rf"(?P<start>{_POINT}){_GAP}{_SEPARATOR}{_GAP}(?:(?P<open>{_OPEN_END})|(?P<end>{_POINT}))"
    rf"|(?P<shared_start>{_MONTH}){_GAP}{_SEPARATOR}{_GAP}(?P<shared_end>{_MONTH}[\s,']*{_YEAR})"
    rf"|\bsince\s+(?P<since>{_POINT})"
    rf"|(?P<dangling>{_POINT})[ \t]*(?:-{{1,2}}|\u2013|\u2014)[ \t]*$"
    rf")(?![\w/])",
    re.IGNORECASE | re.MULTILINE,
)

_MONTH_YEAR_RE = re.compile(rf"(?P<month>{_MONTH})[\s,']*(?P<year>{_YEAR})", re.IGNORECASE)
_NUMERIC_RE = re.compile(rf"(?P<month>{_NUMERIC_MONTH})\s?[/.\-]\s?(?P<year>{_YEAR})")
_ISO_RE = re.compile(rf"(?P<year>{_YEAR})-(?P<month>0[1-9]|1[0-2])")
_YEAR_RE = re.compile(_YEAR)


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


def parse_point(token: str, is_end: bool) -> date | None:
    """One end of a range; a bare year is January as a start and December as an end."""
    token = token.strip()
    match = _MONTH_YEAR_RE.fullmatch(token)
    if match:
        return date(int(match["year"]), MONTHS[match["month"][:3].lower()], 1)
    match = _NUMERIC_RE.fullmatch(token) or _ISO_RE.fullmatch(token)
    if match:
        return date(int(match["year"]), int(match["month"]), 1)
    if _YEAR_RE.fullmatch(token):
        return date(int(token), 12 if is_end else 1, 1)
    return None


def _plausible(start: date, end: date | None, today: date) -> bool:
    if start.year > today.year + 1:
        return False
    return end is None or (start <= end and end.year <= today.year + 6)


def find_date_ranges(text: str, today: date | None = None) -> list[DateRange]:
    """Every employment-style date range in `text`, in order of appearance."""
    today = today or date.today()
    found: list[DateRange] = []
    for match in _RANGE_RE.finditer(text):
        start: date | None
        end: date | None = None
        if match["start"]:
            start = parse_point(match["start"], is_end=False)
            if match["end"]:
                end = parse_point(match["end"], is_end=True)
                if end is None:
                    continue
        elif match["shared_start"]:
            end = parse_point(match["shared_end"], is_end=True)
            if end is None:
                continue
            start = date(end.year, MONTHS[match["shared_start"][:3].lower()], 1)
        else:
            start = parse_point(match["since"] or match["dangling"], is_end=False)
        if start is None or not _plausible(start, end, today):
            continue
        found.append(DateRange(start, end, match.start(), match.end()))
    return found
