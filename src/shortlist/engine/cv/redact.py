"""Blind review: CV text with what could identify a person or their protected characteristics taken
out, so a recruiter judges the evidence before they know who it is.

`redact(text, names)` removes the person's name (whole and each part), e-mail addresses, phone numbers,
links, dates of birth and ages, graduation years, nationality words, and turns gender-coded words into
neutral ones ("she led" → "they led", "chairman" → "chair"). Job dates and employers stay: they are the
evidence. A best effort on free text, not a guarantee: docs/accountability.md says what it misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from shortlist.engine.cv.contact import _EMAIL

NAME = "[name]"
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:github|linkedin|gitlab|twitter|x)\.com/\S+", re.IGNORECASE)
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BIRTH = re.compile(
    r"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+(?:on|in))?|birthday)\b\s*[:\-]?\s*"
    r"(?:\d{1,2}[./\-\s]+)?(?:[A-Za-z]{3,9}\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:\d{2,4})?",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b(?:aged?\s*:?\s*\d{2}|\d{2}\s*(?:years?|yrs?)\s+old)\b", re.IGNORECASE)
_GRADUATION = re.compile(
    r"\b(?P<cue>graduat(?:ed|ing|ion)(?:\s+(?:in|from))?|class\s+of|alumn(?:us|a|i)\s+of)\b(?P<rest>[^.;\n]{0,60}?)"
    r"(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
_NATIONALITY_FIELD = re.compile(
    r"\b(?:nationality|citizenship|citizen\s+of|national\s+of)\b\s*[:\-]?\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?",
    re.IGNORECASE,
)
# Demonyms for the countries CVs here come from most; a nationality word in evidence says nothing about skill.
_DEMONYMS = [
    "afghan",
    "american",
    "argentinian",
    "argentine",
    "australian",
    "austrian",
    "bangladeshi",
    "belgian",
    "brazilian",
    "british",
    "bulgarian",
    "canadian",
    "chilean",
    "chinese",
    "colombian",
    "croatian",
    "czech",
    "danish",
    "dutch",
    "egyptian",
    "emirati",
    "english",
    "estonian",
    "ethiopian",
    "filipino",
    "finnish",
    "french",
    "german",
    "ghanaian",
    "greek",
    "hungarian",
    "icelandic",
    "indian",
    "indonesian",
    "iranian",
    "iraqi",
    "irish",
    "israeli",
    "italian",
    "jamaican",
    "japanese",
    "jordanian",
    "kenyan",
    "korean",
    "latvian",
    "lebanese",
    "lithuanian",
    "malaysian",
    "maltese",
    "mexican",
    "moroccan",
    "nepali",
    "nigerian",
    "norwegian",
    "pakistani",
    "palestinian",
    "peruvian",
    "polish",
    "portuguese",
    "romanian",
    "russian",
    "saudi",
    "scottish",
    "serbian",
    "singaporean",
    "slovak",
    "slovenian",
    "somali",
    "spanish",
    "sri",
    "lankan",
    "swedish",
    "swiss",
    "syrian",
    "taiwanese",
    "thai",
    "tunisian",
    "turkish",
    "ugandan",
    "ukrainian",
    "venezuelan",
    "vietnamese",
    "welsh",
    "zimbabwean",
]
_NATIONALITY = re.compile(
    r"\b(?:" + "|".join(sorted(_DEMONYMS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Gender-coded words and the neutral word shown instead.
_NEUTRAL = {
    "he": "they", "she": "they", "him": "them", "his": "their", "hers": "theirs", "her": "their",
    "himself": "themselves", "herself": "themselves", "mr": "", "mrs": "", "ms": "", "miss": "",
    "sir": "", "madam": "", "chairman": "chair", "chairwoman": "chair", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "businessman": "businessperson", "businesswoman": "businessperson",
    "salesman": "salesperson", "saleswoman": "salesperson", "foreman": "supervisor",
    "forewoman": "supervisor", "headmaster": "head teacher", "headmistress": "head teacher",
    "mother": "parent", "father": "parent", "mum": "parent", "dad": "parent", "wife": "partner",
    "husband": "partner", "maternity": "parental", "paternity": "parental", "female": "", "male": "",
    "woman": "person", "women": "people", "man": "person", "men": "people", "girl": "person",
    "boy": "person", "ladies": "people", "gentlemen": "people", "sorority": "society",
    "fraternity": "society", "women's": "", "men's": "",
}  # fmt: skip
_GENDERED = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(_NEUTRAL, key=len, reverse=True))) + r")\b\.?", re.I
)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    parts: set[str] = set()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        parts.add(name)
        parts.update(word for word in re.split(r"[\s,.\-']+", name) if len(word) >= 2)
    if not parts:
        return None
    alternatives = "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:'s)?(?!\w)", re.IGNORECASE)


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    # A job's date range ("2019 - 2021", "03/2019 - 05/2021") is evidence, not a phone number.
    if digits < 9 or (not found.startswith("+") and len(_YEAR.findall(found)) >= 2):
        return found
    return "[phone]"


def _neutral(match: re.Match[str]) -> str:
    word = match.group(0)
    dot = word.endswith(".")
    key = word.rstrip(".").lower()
    replacement = _NEUTRAL.get(key, "")
    if replacement and word[0].isupper():
        replacement = replacement[0].upper() + replacement[1:]
    return replacement + ("." if dot and replacement and key not in ("mr", "mrs", "ms") else "")


def redact(text: str, names: Iterable[str] = ()) -> str:
    """The text as blind review shows it (see the module docstring)."""
    if not text:
        return text
    out = _EMAIL.sub("[e-mail]", text)
    out = _URL.sub("[link]", out)
    out = _BIRTH.sub("[date of birth]", out)
    out = _AGE.sub("[age]", out)
    out = _GRADUATION.sub(lambda m: f"{m.group('cue')}{m.group('rest')}[year]", out)
    out = _PHONE.sub(_phone, out)
    out = _NATIONALITY_FIELD.sub("[nationality]", out)
    out = _NATIONALITY.sub("[nationality]", out)
    pattern = _name_pattern(names)
    if pattern is not None:
        out = pattern.sub(NAME, out)
    out = _GENDERED.sub(_neutral, out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()
