"""What the candidate says they want: work mode, relocation, notice, right to work, salary.

Unstated means None or empty: nothing here guesses. Each reader looks for the candidate speaking
about themselves ("open to relocation", "notice period: 4 weeks"), so a job bullet such as "led a
fully remote team" or "built a hybrid cloud" is not a preference.
"""

from __future__ import annotations

import re

from shortlist.engine.vocab.enums import WorkMode
from shortlist.engine.vocab.profile import Preferences

_NO_RELOCATION = re.compile(
    r"\b(?:not|unable|no\s+longer|never)\s+(?:\w+\s+){0,2}(?:open\s+to\s+)?relocat\w*"
    r"|\bno\s+relocation\b|\brelocation\s*[:\-\u2013]\s*(?:no|not\b)|\bwon'?t\s+relocate\b"
    r"|\bcannot\s+relocate\b|\bcan'?t\s+relocate\b",
    re.IGNORECASE,
)
_RELOCATION = re.compile(
    r"\b(?:open|willing|happy|able|prepared|available|keen|ready)\s+to\s+relocat\w*"
    r"|\bopen\s+to\s+relocation\b|\brelocation\s*[:\-\u2013]\s*(?:yes|open|possible)\b|\bcan\s+relocate\b",
    re.IGNORECASE,
)

_MODE_CUE = re.compile(
    r"\b(?:prefer\w*|looking\s+for|seeking|open\s+to|interested\s+in|available\s+for|want\w*|"
    r"would\s+like|work(?:ing)?\s+(?:mode|pattern|arrangement|style|preference)|"
    r"remote\s*[-/(]?\s*only|only\s+remote|fully\s+remote\s+roles?|roles?)\b",
    re.IGNORECASE,
)
_MODES = {
    WorkMode.REMOTE: re.compile(r"\bremote\b|\bwork\s+from\s+home\b|\bwfh\b", re.IGNORECASE),
    WorkMode.HYBRID: re.compile(r"\bhybrid\b", re.IGNORECASE),
    WorkMode.ONSITE: re.compile(r"\bon[\s-]?site\b|\bin[\s-]office\b|\boffice[\s-]based\b", re.IGNORECASE),
}
_ANY_MODE = re.compile(
    r"\b(?:remote|work\s+from\s+home|wfh|hybrid|on[\s-]?site|in[\s-]office|office[\s-]based)\b", re.IGNORECASE
)
# A line that opens with the mode ("• Hybrid - two days in the office") states it.
_MODE_FIRST = re.compile(
    r"^[\s•▪*\-\u2013]*(?:remote|hybrid|on[\s-]?site|office[\s-]based|in[\s-]office)\b", re.IGNORECASE
)
_REMOTE_ONLY = re.compile(r"\bremote\s*[-/(]?\s*only\b|\bonly\s+(?:open\s+to\s+)?remote\b", re.IGNORECASE)
_JOB_CONTEXT = re.compile(
    r"\b(?:led|managed|built|team|teams|cloud|infrastructure|architecture|sensing|services?)\b", re.IGNORECASE
)

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "twelve": 12}
_NOTICE = re.compile(
    r"\bnotice(?:\s+period)?\s*(?:of|is|[:\-\u2013])?\s*(?P<n1>\d{1,2}|one|two|three|four|six|eight|twelve)"
    r"\s*(?P<u1>weeks?|months?|wks?)\b"
    r"|\b(?P<n2>\d{1,2}|one|two|three|four|six|eight|twelve)[\s-]*(?P<u2>weeks?|months?|wks?)"
    r"(?:['\u2019]s?)?\s+(?:of\s+)?notice\b",
    re.IGNORECASE,
)
_IMMEDIATE = re.compile(
    r"\b(?:immediately\s+available|available\s+immediately|immediate\s+(?:start|availability)|"
    r"no\s+notice(?:\s+period)?|notice(?:\s+period)?\s*[:\-\u2013]\s*(?:none|immediate))\b",
    re.IGNORECASE,
)

_NATIONALITIES: dict[str, str] = {
    "british": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "irish": "IE",
    "us": "US",
    "u.s.": "US",
    "american": "US",
    "canadian": "CA",
    "german": "DE",
    "french": "FR",
    "dutch": "NL",
    "polish": "PL",
    "spanish": "ES",
    "portuguese": "PT",
    "italian": "IT",
    "indian": "IN",
    "australian": "AU",
    "eu": "EU",
}
_COUNTRIES: dict[str, str] = {
    "uk": "GB",
    "u.k.": "GB",
    "united kingdom": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "ireland": "IE",
    "us": "US",
    "usa": "US",
    "united states": "US",
    "canada": "CA",
    "germany": "DE",
    "netherlands": "NL",
    "the netherlands": "NL",
    "eu": "EU",
    "european union": "EU",
    "india": "IN",
    "australia": "AU",
}
_NATIONALITY = "|".join(re.escape(key) for key in sorted(_NATIONALITIES, key=len, reverse=True))
_COUNTRY = "|".join(re.escape(key) for key in sorted(_COUNTRIES, key=len, reverse=True))
_CITIZEN = re.compile(
    rf"(?<![\w.])(?P<nation>{_NATIONALITY})\s+(?:citizen(?:ship)?|national|passport(?:\s+holder)?)\b",
    re.IGNORECASE,
)
_RIGHT_TO_WORK = re.compile(
    rf"\b(?:(?:full\s+)?right\s+to\s+work|eligible\s+to\s+work|authori[sz]ed\s+to\s+work|permission\s+to\s+work|"
    rf"work\s+permit|settled\s+status|indefinite\s+leave\s+to\s+remain|permanent\s+resident|green\s+card)"
    rf"(?:\s+(?:status\s+)?(?:in|for)\s+(?:the\s+)?(?P<country>{_COUNTRY}))?(?![\w])",
    re.IGNORECASE,
)
_WORK_RIGHTS_WORDS = re.compile(
    r"citizen|passport|national\b|right\s+to\s+work|eligible|authori[sz]ed|permit|settled|leave\s+to\s+remain|"
    r"permanent\s+resident|green\s+card|sponsor",
    re.IGNORECASE,
)
_WORK_RIGHTS_HINTS = (
    "citizen",
    "passport",
    "national",
    "right to work",
    "eligible",
    "authori",
    "permit",
    "settled",
    "leave to remain",
    "resident",
    "green card",
    "sponsor",
)
_NO_OR_WITHOUT = re.compile(r"\bnot?\b|\bwithout\b", re.IGNORECASE)
_UK_ONLY_STATUS = re.compile(r"\b(?:settled\s+status|indefinite\s+leave\s+to\s+remain|ilr)\b", re.IGNORECASE)
_GREEN_CARD = re.compile(r"\bgreen\s+card\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|not|without|don'?t|do\s+not|lack)\b", re.IGNORECASE)
_SPONSORSHIP = re.compile(
    r"\b(?:require|requires|requiring|need|needs|needing|will\s+need|would\s+need)\s+(?:\w+\s+){0,2}"
    r"(?:visa\s+)?sponsorship\b|\bsponsorship\s+(?:is\s+)?required\b",
    re.IGNORECASE,
)

_CURRENCY_SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD", "₹": "INR"}
_SALARY_CUE = re.compile(
    r"\b(?:salary|compensation|expect\w*|package|remuneration|desired|looking\s+for|seeking|ctc|asking)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"(?P<symbol>[£€$₹])\s?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mult>k|m)?\b"
    r"(?!\s*(?:/|per\s+|an?\s+)(?:day|hour|hr|d|h)\b)"  # a day or hourly rate is not a salary
    r"|(?P<number2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mult2>k|m|lpa|lakhs?|lacs?)?\s*"
    r"(?P<code>gbp|eur|usd|inr|chf|pln)\b"
    r"|(?P<number3>\d+(?:\.\d+)?)\s?(?P<lakh>lpa|lakhs?(?:\s+per\s+annum)?|lacs?)\b",
    re.IGNORECASE,
)


_EXPECTATION = re.compile(r"\b(?:expect\w*|desired|looking\s+for|seeking|asking|target)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",\s")
_CURRENT = re.compile(r"\b(?:current(?:ly)?|present|now\s+on)\b", re.IGNORECASE)
# "£90-100k": the "k" at the end belongs to both figures.
_SHARED_K = re.compile(
    r"(?P<symbol>[£€$₹])\s?(?P<low>\d{2,3})\s*(?:-|\u2013|to)\s*[£€$₹]?\s?\d{2,3}\s?k\b", re.IGNORECASE
)


_BOUNDARIES = ".!?;\n"


def _sentences_with(pattern: re.Pattern[str], text: str) -> list[str]:
    """The sentences that contain a match of `pattern`, in order: one scan of the text instead of
    several patterns per sentence, since most CVs state no preferences at all."""
    sentences: list[str] = []
    last_end = -1
    for match in pattern.finditer(text):
        if match.start() < last_end:
            continue
        left = max(text.rfind(mark, 0, match.start()) for mark in _BOUNDARIES) + 1
        ends = [text.find(mark, match.end()) for mark in _BOUNDARIES]
        right = min([end + 1 for end in ends if end >= 0] or [len(text)])
        sentences.append(text[left:right])
        last_end = right
    return sentences


def _says_any(text: str, words: tuple[str, ...]) -> bool:
    """A plain substring pre-check: most CVs state no preferences, and `in` is far cheaper than a
    case-insensitive regex over the whole text."""
    lowered = text.lower()
    return any(word in lowered for word in words)


def find_relocation(text: str) -> bool | None:
    if not _says_any(text, ("relocat",)):
        return None
    if _NO_RELOCATION.search(text):
        return False
    if _RELOCATION.search(text):
        return True
    return None


def find_work_mode(text: str) -> WorkMode | None:
    """The stated mode; "remote or hybrid" reads as hybrid, the arrangement they accept either way."""
    if not _says_any(text, ("remote", "hybrid", "site", "office", "wfh", "from home")):
        return None
    if _REMOTE_ONLY.search(text):
        return WorkMode.REMOTE
    for sentence in _sentences_with(_ANY_MODE, text):
        stated = _MODE_CUE.search(sentence) or _MODE_FIRST.match(sentence)
        if not stated or _JOB_CONTEXT.search(sentence):
            continue
        modes = [mode for mode, pattern in _MODES.items() if pattern.search(sentence)]
        if len(modes) == 1:
            return modes[0]
        if len(modes) > 1:
            return WorkMode.HYBRID
    return None


def _count(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]


def find_notice_weeks(text: str) -> int | None:
    """Notice in weeks; a month counts as 4 weeks, as notice periods are usually quoted."""
    if not _says_any(text, ("notice", "immediate")):
        return None
    if _IMMEDIATE.search(text):
        return 0
    match = _NOTICE.search(text)
    if not match:
        return None
    count = _count(match["n1"] or match["n2"])
    unit = (match["u1"] or match["u2"]).lower()
    return count * 4 if unit.startswith("month") else count


def find_right_to_work(text: str) -> list[str]:
    """Countries (ISO codes; "EU" for EU-wide) the candidate says they may work in without sponsorship."""
    if not _says_any(text, _WORK_RIGHTS_HINTS):
        return []
    countries: list[str] = []
    needs_sponsorship = False
    for sentence in _sentences_with(_WORK_RIGHTS_WORDS, text):
        if _SPONSORSHIP.search(sentence) and not _NO_OR_WITHOUT.search(sentence):
            needs_sponsorship = True
            continue
        for match in _CITIZEN.finditer(sentence):
            code = _NATIONALITIES[match["nation"].lower()]
            # Irish citizens may work in the UK by law (Common Travel Area): stated, not guessed.
            countries.extend([code, "GB"] if code == "IE" else [code])
        for match in _RIGHT_TO_WORK.finditer(sentence):
            if _NEGATED.search(sentence[: match.start()]):
                continue
            if match["country"]:
                countries.append(_COUNTRIES[match["country"].lower()])
            elif _UK_ONLY_STATUS.search(match.group(0)):
                countries.append("GB")
            elif _GREEN_CARD.search(match.group(0)):
                countries.append("US")
    unique = list(dict.fromkeys(countries))
    if needs_sponsorship:
        unique = [code for code in unique if code != "GB"]
    return unique


def _amount(match: re.Match[str]) -> tuple[int, str]:
    if match["number3"]:
        return round(float(match["number3"]) * 100_000), "INR"
    number = float((match["number"] or match["number2"]).replace(",", ""))
    multiplier = (match["mult"] or match["mult2"] or "").lower()
    if multiplier == "k":
        number *= 1_000
    elif multiplier == "m":
        number *= 1_000_000
    elif multiplier.startswith(("lpa", "lakh", "lac")):
        number *= 100_000
    currency = _CURRENCY_SYMBOLS[match["symbol"]] if match["symbol"] else match["code"].upper()
    return round(number), currency


def _salary_clauses(text: str) -> list[str]:
    """Clauses that state a salary, expectations first: "current £80k, expecting £95k" means £95k."""
    pieces = [
        clause for sentence in _sentences_with(_SALARY_CUE, text) for clause in _CLAUSE_BREAK.split(sentence)
    ]
    clauses = [clause for clause in pieces if _SALARY_CUE.search(clause)]
    expected = [c for c in clauses if _EXPECTATION.search(c)]
    return expected + [c for c in clauses if c not in expected and not _CURRENT.search(c)]


def find_salary(text: str) -> tuple[int | None, str]:
    """The lowest figure of a stated expectation (what they would accept) and its currency."""
    if not _says_any(
        text, ("£", "€", "$", "₹", "gbp", "eur", "usd", "inr", "chf", "pln", "lpa", "lakh", "lac")
    ):
        return None, ""
    for clause in _salary_clauses(text):
        shared_k = _SHARED_K.search(clause)
        if shared_k:
            return int(shared_k["low"]) * 1000, _CURRENCY_SYMBOLS[shared_k["symbol"]]
        amounts = [_amount(match) for match in _AMOUNT.finditer(clause)]
        amounts = [(value, currency) for value, currency in amounts if value >= 1000]
        if amounts:
            return min(amounts)
    return None, ""


_COUNTRY_MENTION = re.compile(rf"(?<![\w.])(?P<country>{_COUNTRY})(?![\w])", re.IGNORECASE)


def find_sponsorship(text: str) -> list[str]:
    """Countries (ISO codes) the candidate says they need visa sponsorship for ("Requires visa sponsorship for
    the UK"); "*" when they need it but name no country. A stated need is an answer, not "not stated"."""
    if "sponsor" not in text.lower():
        return []
    needed: list[str] = []
    for sentence in _sentences_with(_WORK_RIGHTS_WORDS, text):
        if not _SPONSORSHIP.search(sentence) or _NO_OR_WITHOUT.search(sentence):
            continue
        countries = [_COUNTRIES[m["country"].lower()] for m in _COUNTRY_MENTION.finditer(sentence)]
        needed.extend(countries or ["*"])
    return list(dict.fromkeys(needed))


def parse_preferences(text: str) -> Preferences:
    salary, currency = find_salary(text)
    return Preferences(
        work_mode=find_work_mode(text),
        open_to_relocation=find_relocation(text),
        notice_weeks=find_notice_weeks(text),
        right_to_work=find_right_to_work(text),
        needs_sponsorship=find_sponsorship(text),
        salary_expectation=salary,
        salary_currency=currency,
    )
