"""Claims of scale: a number, a unit, normalised to the metric's unit in vocab.SCALE_UNITS.

Never invent. A claim needs a number *and* a volume noun or unit right after it ("60k rps",
"2 million users", "a 300-node cluster"); versions, years, percentages, money without a volume
noun, phone numbers and dates carry no such noun and so make no claim. Rates are required where
a bare total says nothing about load ("served 1B requests" is not requests per second).

Within one sentence only the largest value per metric is kept: "grew from 10 TB to 2 PB" is one
claim of 2 PB, and "from 4 to 25 engineers" one claim of 25.
"""

from __future__ import annotations

import re

from shortlist.engine.cv.sections import sentence_span
from shortlist.engine.vocab.enums import SCALE_UNITS, ScaleMetric
from shortlist.engine.vocab.profile import ScaleClaimFound

_MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
_TERABYTES: dict[str, float] = {"g": 1e-3, "t": 1.0, "p": 1e3, "e": 1e6}
# Seconds per rate unit, keyed by how the unit starts ("mo" before "m": months are not minutes).
_SECONDS: tuple[tuple[str, float], ...] = (
    ("mo", 30 * 86400),
    ("s", 1),
    ("m", 60),
    ("h", 3600),
    ("d", 86400),
    ("w", 7 * 86400),
)
_WORD_NUMBERS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}

_ADJECTIVES = (
    r"(?:(?:daily|monthly|weekly|active|concurrent|unique|registered|paying|peak|total|live|global|"
    r"end|inbound|outbound|api|http|search|customer|card|financial|payment|online|retail|"
    r"monthly\s+active|daily\s+active)[\s-]+){0,3}"
)
_RATE = (
    r"(?:\s*(?:/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b)\s*"
    r"(?P<rate>s|secs?|seconds?|m|mins?|minutes?|h|hr|hrs|hours?|d|days?|wk|weeks?|mo|months?)\b)?"
)
# Where a claim may start; the full pattern is only tried there (most of a CV has no digits).
_START = re.compile(r"(?<![\w.,/+\-])(?:[$£€]\s?)?\d")
_CLAIM = re.compile(
    r"(?P<currency>[$£€]\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>k|mm|mn|m|bn|b|tn)(?![a-z])|\s+(?P<multword>thousand|million|billion|trillion)\b)?"
    r"\+?[\s-]*(?:"
    r"(?P<rps>rps|qps|req/s(?:ec)?|reqs/s(?:ec)?|requests/s(?:ec)?)\b"
    r"|(?P<tps>tps)\b"
    r"|(?P<msgps>msgs?/s(?:ec)?|messages/s(?:ec)?|events/s(?:ec)?)\b"
    r"|(?P<data>[gtpe]b|gigabytes?|terabytes?|petabytes?|exabytes?)\b"
    rf"|(?P<adj>{_ADJECTIVES})(?:"
    r"(?P<req>(?:api\s+)?(?:requests?|reqs?|queries|calls|hits|lookups|page\s?views))"
    r"|(?P<msg>messages?|msgs?|events?|notifications?)"
    r"|(?P<tx>transactions?|txns?|payments?|trades?|orders?|transfers?)"
    r"|(?P<users>users?|customers?|subscribers?|players?|members?|visitors?|mau|dau)"
    r"|(?P<rows>rows?|records?|documents?|entries)"
    r"|(?P<nodes>nodes?|servers?|hosts?|machines?|instances?|vms?|pods?|containers?|brokers?)"
    r"|(?P<people>engineers?|developers?|devs|people|staff|direct\s+reports|reports"
    r"|(?:person|people|strong|member)\s+team)"
    rf")\b{_RATE})",
    re.IGNORECASE,
)
_TEAM = re.compile(
    r"\bteam\s+(?:of|from\s+\w+\s+to)\s+(?:over\s+|about\s+|around\s+|approximately\s+|up\s+to\s+|~\s*)?"
    r"(?:\d+\s*(?:-|\u2013|to)\s*)?"
    r"(?P<number>\d+|[a-z]+)\b",
    re.IGNORECASE,
)
_WORD_PEOPLE = re.compile(
    r"\b(?P<number>[a-z]+)\s+(?:engineers?|developers?|direct\s+reports)\b",
    re.IGNORECASE,
)
# Engineers are claimed only where the sentence is about leading or growing people, so
# "worked alongside 3 developers" is still a claim but "Python 3 developers" is not.
_PEOPLE_CONTEXT = re.compile(
    r"\b(?:team|teams|led|lead|leading|managed?|managing|manager|hired|hiring|hire|mentor(?:ed|ing)?|"
    r"grew|grow|growing|built|build|scaled|headcount|reports|org|organi[sz]ation|department|squad)\b",
    re.IGNORECASE,
)
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|during|from|until|of|to)\s*$", re.IGNORECASE)
MIN_DATA_TB = 0.1  # below 100 GB a "volume" is usually RAM or a laptop disk, not a scale claim


def _number(match: re.Match[str]) -> float | None:
    value = float(match["number"].replace(",", ""))
    multiplier = match["mult"] or match["multword"]
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    elif (
        value.is_integer()
        and 1950 <= value <= 2099
        and "," not in match["number"]
        and _YEAR_CONTEXT.search(match.string, max(0, match.start() - 12), match.start())
    ):
        return None  # a bare year-like number after "in", "since" … is a date, not a count
    return value


def _per_second(rate: str | None) -> float | None:
    """Factor turning a count per `rate` into a count per second."""
    if not rate:
        return None
    rate = rate.lower()
    return next(1.0 / seconds for prefix, seconds in _SECONDS if rate.startswith(prefix))


def _measure(match: re.Match[str], value: float) -> tuple[ScaleMetric, float] | None:
    adjective = (match["adj"] or "").lower()
    per_second = _per_second(match["rate"])
    if per_second is None and "daily" in adjective:
        per_second = 1.0 / 86400
    if match["rps"]:
        return ScaleMetric.REQUESTS_PER_SECOND, value
    if match["tps"]:
        return ScaleMetric.TRANSACTIONS_PER_DAY, value * 86400
    if match["msgps"]:
        return ScaleMetric.MESSAGES_PER_SECOND, value
    if match["data"]:
        terabytes = value * _TERABYTES[match["data"][0].lower()]
        return (ScaleMetric.DATA_VOLUME, terabytes) if terabytes >= MIN_DATA_TB else None
    if match["req"]:
        return (ScaleMetric.REQUESTS_PER_SECOND, value * per_second) if per_second else None
    if match["msg"]:
        return (ScaleMetric.MESSAGES_PER_SECOND, value * per_second) if per_second else None
    if match["tx"]:
        return (ScaleMetric.TRANSACTIONS_PER_DAY, value * per_second * 86400) if per_second else None
    if match["users"]:
        return ScaleMetric.USERS, value
    if match["rows"]:
        return ScaleMetric.ROWS, value
    if match["nodes"]:
        return ScaleMetric.NODES, value
    if match["people"]:
        return ScaleMetric.ENGINEERS, value
    return None


_FOLLOWING_WORDS = re.compile(r"[a-z]+")
_TEAM_GOES_ON = frozenset(
    [
        "across",
        "in",
        "at",
        "on",
        "of",
        "over",
        "based",
        "and",
        "to",
        "from",
        "within",
        "spanning",
        "with",
        "for",
    ]
)
_ENGINEERING_PEOPLE = frozenset(
    ["engineer", "engineers", "developer", "developers", "devs", "people", "staff", "sres", "scientists",
     "software", "backend", "frontend", "platform", "technical", "data", "ml", "qa", "testers", "reports",
     "direct", "programmers", "architects"]
)  # fmt: skip


def _engineering_team(text: str, end: int) -> bool:
    """'a team of 12' or 'a team of 12 engineers' counts; 'a team of 3 HR advisors' is not engineers."""
    words = _FOLLOWING_WORDS.findall(text[end : end + 40].lower())[:3]
    following = text[end : end + 2].strip()
    if not words or (following and not following[0].isalpha()) or words[0] in _TEAM_GOES_ON:
        return True
    return any(word in _ENGINEERING_PEOPLE for word in words)


def _people_count(token: str) -> float | None:
    if token.isdigit():
        return float(token)
    return float(_WORD_NUMBERS[token.lower()]) if token.lower() in _WORD_NUMBERS else None


def find_scale_claims(text: str) -> list[ScaleClaimFound]:
    """Every scale claim in `text`, in order, one per metric and sentence (the largest)."""
    best: dict[tuple[int, ScaleMetric], tuple[float, int, int]] = {}
    for start in _START.finditer(text):
        match = _CLAIM.match(text, start.start())
        if match is None:
            continue
        value = _number(match)
        if value is None or value <= 0:
            continue
        measured = _measure(match, value)
        if measured is None:
            continue
        metric, normalised = measured
        # Money is only a volume when the noun is transactions ("$2bn daily transactions").
        if match["currency"] and metric is not ScaleMetric.TRANSACTIONS_PER_DAY:
            continue
        _keep(best, text, metric, normalised, match.start("number"), match.end())
    for pattern in (_TEAM, _WORD_PEOPLE):
        for match in pattern.finditer(text):
            count = _people_count(match["number"])
            if count is None or count < 2 or not _engineering_team(text, match.end()):
                continue
            _keep(best, text, ScaleMetric.ENGINEERS, count, match.start(), match.end())
    claims: list[ScaleClaimFound] = []
    for (_, metric), (value, start, end) in best.items():
        left, right = sentence_span(text, start, end)
        if metric is ScaleMetric.ENGINEERS and not _PEOPLE_CONTEXT.search(text, left, right):
            continue
        claims.append(
            ScaleClaimFound(metric, round(value, 3), SCALE_UNITS[metric], text[left:right], start, end)
        )
    claims.sort(key=lambda claim: claim.start)
    return claims


def _keep(
    best: dict[tuple[int, ScaleMetric], tuple[float, int, int]],
    text: str,
    metric: ScaleMetric,
    value: float,
    start: int,
    end: int,
) -> None:
    sentence_start = sentence_span(text, start, end)[0]
    key = (sentence_start, metric)
    if key not in best or value > best[key][0]:
        best[key] = (value, start, end)


def largest_by_metric(claims: list[ScaleClaimFound]) -> dict[ScaleMetric, ScaleClaimFound]:
    """The biggest proven scale per metric: what a growth plan's target is compared with."""
    largest: dict[ScaleMetric, ScaleClaimFound] = {}
    for claim in claims:
        if claim.metric not in largest or claim.value > largest[claim.metric].value:
            largest[claim.metric] = claim
    return largest
