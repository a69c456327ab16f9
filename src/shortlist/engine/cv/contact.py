"""Who the CV belongs to and how to reach them: name, emails, phone, location, links.

Never invent: a field that is not written in the CV stays empty, and a missing name is a warning,
not a guess from the e-mail address. The search looks at the header (text before the first
section heading) first, because a job entry's "PayStream, London" is not where the candidate lives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers
import yaml

from shortlist.engine.cv.sections import classify_heading
from shortlist.engine.vocab.profile import Contact

LOCATIONS_FILE = Path(__file__).resolve().parents[1] / "vocab" / "data" / "locations.yaml"
HEADER_FALLBACK_CHARS = 800  # when a CV has no headings, its first lines are its header
NAME_LINES = 4
NAME_SEARCH_LINES = 60
NAME_LOCATION_LINES = 3  # lines under a name found outside the header that may give the city
DEFAULT_REGION = "GB"
# Regions tried, in order, for a phone number written without an international prefix.
FALLBACK_REGIONS = ("US", "IN", "IE", "DE", "NL", "FR", "PL", "ES", "AU", "CA", "SG")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_GITHUB = re.compile(r"github\.com/(?P<user>[a-z0-9](?:[a-z0-9-]{0,38}))", re.IGNORECASE)
_LINKEDIN = re.compile(r"linkedin\.com/(?P<kind>in|pub)/(?P<user>[\w%-]+)", re.IGNORECASE)
_BARE_DOMAIN = re.compile(
    r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:dev|io|me|com|co\.uk|net|org|tech|site|page|app|xyz|blog)(?:/\S*)?",
    re.IGNORECASE,
)
_URL_TRIM = "()[]<>|,;:\"'"
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
_NOT_PERSONAL_SITES = re.compile(
    r"github\.com|linkedin\.com|twitter\.com|x\.com|facebook\.com|instagram\.com|gmail\.com|"
    r"outlook\.com|hotmail\.com|yahoo\.|stackoverflow\.com|medium\.com/?$|example\.(?:com|org)$",
    re.IGNORECASE,
)
# A Word table renders "Name | Anna Weber" as "Name<tab>Anna Weber": a tab separates a field as a colon does.
_FIELD_GAP = r"(?:\s*[:|\-\u2013]\s*|\t+[ \t]*)"
_NAME_FIELD = re.compile(
    r"^[ \t]*(?:full\s+)?(?:name|nom|vorname\s+und\s+name|name,\s+vorname|nom\s+(?:et|&)\s+pr[ée]nom|"
    r"pr[ée]nom\s+(?:et\s+)?nom|nom\s+complet|nombre(?:\s+completo)?|nome(?:\s+e\s+cognome)?|"
    rf"(?:volledige\s+)?naam){_FIELD_GAP}(?P<name>.+?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A form that asks for the parts ("Vorname: Anna" / "Nachname: Weber", "Nom : Dupont" / "Prénom : Jean").
_GIVEN_NAME_FIELD = re.compile(
    rf"^[ \t]*(?:vorname|pr[ée]nom|first\s+name|given\s+names?|nombre|nome|voornaam){_FIELD_GAP}"
    r"(?P<name>[^\W\d_][^\t\n|:]{0,40}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_FAMILY_NAME_FIELD = re.compile(
    rf"^[ \t]*(?:nachname|familienname|name|nom|surname|last\s+name|family\s+name|apellidos?|cognome|"
    rf"achternaam){_FIELD_GAP}(?P<name>[^\W\d_][^\t\n|:]{{0,40}}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_LOCATION_FIELD = re.compile(
    r"^\s*(?:location|address|based\s+in|city|current\s+location|residence)\s*[:\-\u2013]?\s*(?P<value>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_SEGMENT_SPLIT = re.compile(r"\s*(?:\||•|·|\u2013|\u2014|\s-\s|,|;|\t)\s*")
_PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")
_PHONE_LABEL = re.compile(r"\b(?:phone|tel|telephone|mobile|mob|cell|contact)\b", re.IGNORECASE)
TITLE_WORDS = re.compile(
    r"\b(?:engineer(?:ing)?\s+manager|engineers?|developer|programmer|architect|lead|manager|head|director|"
    r"cto|ceo|vp|vice\s+president|consultant|analyst|scientist|intern(?:ship)?|sre|devops|administrator|"
    r"specialist|founder|co-?founder|officer|designer|tester|qa|researcher|contractor|principal|"
    r"associate|trainee|apprentice|graduate|technician|owner|member\s+of\s+technical\s+staff|sde|swe|"
    r"mts|fellow|instructor|lecturer|partner|advisor|adviser|"
    # titles outside software that CVs name as often ("Scrum Master" must not read as a Master's degree)
    r"scrum\s+master|coordinator|assistant|accountant|auditor|controller|recruiter|supervisor|executive|"
    r"representative|editor|writer|teacher|tutor|nurse|physician|pharmacist|lawyer|attorney|paralegal|"
    r"counsel|advocate|economist|statistician|professor|postdoc|buyer|planner|strategist|marketer|producer|"
    r"journalist|translator|librarian|operator|mechanic|electrician|inspector|surveyor|clerk)\b",
    re.IGNORECASE,
)
# Job titles in the languages the CV sections are read in; German and Dutch glue them into compounds
# ("Softwareentwickler", "BI-Entwicklerin"), so those stems match inside a word.
LOCAL_TITLE_WORDS = re.compile(
    r"(?:entwickler|ingenieur|leiter|berater|architekt|werkstudent|praktikant|referent|administrator|"
    r"sachbearbeiter|informatiker|programmierer|ontwikkelaar|medewerker|adviseur|beheerder)(?:in|innen)?\b|"
    r"\b(?:d[ée]veloppeu(?:r|se)|ing[ée]nieure?|chef|cheffe|responsable|directeur|directrice|consultante?|"
    r"stagiaire|architecte|analyste|alternante?|technicienne?|desarrollador(?:a)?|ingenier[oa]|jef[ea]|"
    r"director(?:a)?|consultor(?:a)?|analista|becari[oa]|arquitect[oa]|programador(?:a)?|sviluppatore|"
    r"sviluppatrice|ingegnere|consulente|stagista|tirocinante|programmatore|programmatrice|teamleider|"
    r"stagiair|programista|in[żz]ynier|kierownik|tech\s+lead|cto|ceo|coo|professor|professeure?|postdoc|"
    r"analystin|managerin|designerin|consultantin|placement|internship|praktikum|apprenti|tirocinio|"
    r"post-?doctora\w*|lecturer|research\s+(?:fellow|associate|assistant)|teaching\s+assistant|"
    r"mitarbeiter(?:in)?|hilfskraft|ma[îi]tre\s+de\s+conf[ée]rences|charg[ée]e?\s+de\s+recherche|"
    r"ricercat\w+|investigador\w*|onderzoeker)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^[^\W\d_]+(?:['\u2019\-.][^\W\d_]*)*\.?$")
# Words that put a line beyond being a person's name: titles, headings, organisations, degrees.
_NOT_NAME_WORDS = re.compile(
    r"\b(?:curriculum|vitae|resume|résumé|cv|profile|summary|experience|skills?|education|details|contact|"
    r"personal|email|phone|mobile|address|location|remote|street|road|page|"
    r"engineer\w*|developer|programmer|architect|manager|consultant|scientist|analyst|associate|advocate|"
    r"executive|officer|intern|trainee|director|head|lead|senior|junior|principal|staff|"
    r"software|backend|frontend|full|stack|data|python|golang|java|tech|technology|technologies|science|"
    r"computer|knowledge|certified|assurance|operations|sales|marketing|finance|hr|it|"
    r"university|college|school|institute|academy|magazine|company|ltd|limited|inc|services|solutions|"
    r"systems|group|department|bachelor|master|diploma|degree|mba|bsc|msc|btech|b-tech|hsc|ssc|"
    r"administrator|tester|testing|automation|database|devops|network|security|support|specialist|"
    r"designer|coordinator|assistant|accountant|commerce|competencies|expertise|objective|"
    # certification names a sidebar lists above the name ("Google Cloud Professional")
    r"professional|cloud|practitioner|foundations?|certificat\w*|essentials|fundamentals)\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(
    ["van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "bin", "al", "el"]
)


# A letterhead's forms of address and academic titles before a name ("Prof. Dr.", "Dr.-Ing.", "Dr. rer. nat.",
# "Ing.", "Dott.ssa", "Mr"): no part of the name. Words that are also first names ("Phil", "Ing") count only
# with their dot.
_NAME_PREFIX = re.compile(
    r"^(?:(?:dr\.?-ing\.?|dipl\.?-[^\W\d_]+\.?|(?:prof|dr|mr|mrs|ms|mx|miss|mme|mlle)\b\.?|"
    r"(?:rer\.\s*nat|rer\.\s*pol|med|phil|habil|ing|mag|dott|dott\.ssa|ir|drs|mgr|sr|sra|sig|sig\.ra|univ)\.)"
    r"[\s,]*)+",
    re.IGNORECASE,
)
# Post-nominal degrees and memberships after a name ("Jane Okoro MSc PhD", "Petr Novák, Ph.D."), matched
# in their printed case: "Jane Ma" keeps her surname.
_POST_NOMINAL = re.compile(
    r"(?:[\s,]+(?:Ph\.?\s?D\.?|D\.?Phil\.?|M\.?Sc\.?|B\.?Sc\.?|M\.?Eng\.?|B\.?Eng\.?|MBA|M\.?A\.?|B\.?A\.?|"
    r"M\.?D\.?|MRes|M\.?Phil\.?|LL\.?M\.?|LL\.?B\.?|CFA|CPA|ACA|FCA|ACCA|PMP|CEng|MBCS|FBCS|FRSA|FRS|MIET|P\.?E\.?))+"
    r"\s*$"
)
_TRAILING_BRACKET = re.compile(r"\s*\([^()]{1,30}\)\s*$")
_PLACE_TOKEN = re.compile(r"[^\W\d_]+")
_PLACE_GAP = re.compile(r"^[ ,.'\u2019-]{0,3}$")  # what may stand between the words of one place name
MAX_PLACE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Place:
    city: str  # "" for a country
    country: str
    upper_only: bool  # "US", "UK": only in capitals, so "helped us" is not a country


@dataclass(frozen=True, slots=True)
class Gazetteer:
    places: dict[str, Place]  # letters-only lower-case key ("newyork", "cambridgema") -> place


def place_key(name: str) -> str:
    return "".join(_PLACE_TOKEN.findall(name.lower()))


@cache
def gazetteer(path: Path = LOCATIONS_FILE) -> Gazetteer:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    places: dict[str, Place] = {}
    for code, names in data["countries"].items():
        for name in names:
            places[place_key(str(name))] = Place("", str(code), str(name).replace(".", "").isupper())
    # Cities after countries: "Singapore" the city beats "Singapore" the country.
    for key, entry in data["cities"].items():
        city = str(entry.get("city", key))
        for surface in [key, *entry.get("aliases", [])]:
            places[place_key(str(surface))] = Place(city, str(entry["country"]), False)
    return Gazetteer(places)


def _places(text: str) -> list[Place]:
    """Known places in order, the longest name at each position ("New York" over "York")."""
    places = gazetteer().places
    tokens = list(_PLACE_TOKEN.finditer(text))
    found: list[Place] = []
    index = 0
    while index < len(tokens):
        first = tokens[index].group(0)
        match: tuple[int, Place] | None = None
        if first[0].isupper():
            key = ""
            for width in range(MAX_PLACE_WORDS):
                position = index + width
                if position >= len(tokens):
                    break
                if width and not _PLACE_GAP.match(
                    text[tokens[position - 1].end() : tokens[position].start()]
                ):
                    break
                key += tokens[position].group(0).lower()
                place = places.get(key)
                if place and not (
                    place.upper_only and not text[tokens[index].start() : tokens[position].end()].isupper()
                ):
                    match = (width + 1, place)
        if match:
            found.append(match[1])
            index += match[0]
        else:
            index += 1
    return found


def find_location(text: str) -> tuple[str, str]:
    """(city, ISO country) of the first known city in `text`; a country alone gives ("", code)."""
    if len(text) <= 80:
        return _short_location(text)  # job header fragments repeat across CVs: "London", "Remote"
    return _location(text)


@lru_cache(maxsize=8192)
def _short_location(text: str) -> tuple[str, str]:
    return _location(text)


def _location(text: str) -> tuple[str, str]:
    found = _places(text)
    city = next((place for place in found if place.city), None)
    if city:
        return city.city, city.country
    return ("", found[0].country) if found else ("", "")


def looks_like_name(candidate: str) -> bool:
    tokens = candidate.split()
    # Particles do not count towards a name's length: "María José de la Cruz Romero" is four names.
    named = [token for token in tokens if token.lower() not in _NAME_PARTICLES]
    if not 2 <= len(named) <= 5 or len(tokens) > 8 or len(candidate) > 60:
        return False
    if _NOT_NAME_WORDS.search(candidate):
        return False
    mixed_case = not candidate.isupper()
    capitalised = 0
    for position, token in enumerate(tokens):
        if token.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN.match(token) or not token[0].isupper() or "." in token[:-1]:
            return False  # "B.Sc", "R.V.G.": degrees and abbreviations, while "J." is an initial
        # In "Jane DOE" the capitals are a surname convention; in "College Magazine OCEAN" they are not.
        if mixed_case and len(token.strip(".")) > 1 and token.isupper() and position != len(tokens) - 1:
            return False
        capitalised += 1
    if capitalised < 2 or classify_heading(candidate) is not None:
        return False
    # "Commerce Mumbai" is a line about a place; "Sydney Chen" is a person.
    return not _places(tokens[-1])


def bare_name(candidate: str) -> str:
    """The name without the forms of address and degrees a letterhead prints around it."""
    # A bracket after the name holds pronouns or the name in another script: "Anna Weber (she/her)".
    unbracketed = _TRAILING_BRACKET.sub("", candidate.strip())
    bare = _POST_NOMINAL.sub("", _NAME_PREFIX.sub("", unbracketed)).strip(" ,")
    return bare or candidate


def _tidy_name(candidate: str) -> str:
    # An all-caps name line is typography, not the spelling: "JANE DOE" is "Jane Doe".
    if candidate.isupper():
        # "JAN VAN DEN BOSCH": a particle inside the name is written in lower case ("Jan van den Bosch").
        parts = candidate.split()
        return " ".join(
            part.lower()
            if 0 < position < len(parts) - 1 and part.lower() in _NAME_PARTICLES
            else part.title()
            if len(part) > 1
            else part
            for position, part in enumerate(parts)
        )
    return candidate


def find_name(header: str, text: str) -> tuple[str, str]:
    """(name as displayed, name as written): a "Name:" field, else an early line that looks like one."""
    field_match = _NAME_FIELD.search(text[:3000])
    if field_match and looks_like_name(bare_name(field_match["name"].strip(" *_"))):
        written = bare_name(field_match["name"].strip(" *_"))
        return _tidy_name(written), written
    given = _GIVEN_NAME_FIELD.search(text[:3000])
    family = _FAMILY_NAME_FIELD.search(text[:3000])
    if given and family:
        joined = f"{given['name'].strip(' *_')} {family['name'].strip(' *_')}"
        if looks_like_name(joined):
            # Written apart, so nothing to blank out of the header as one string: the family name is.
            return _tidy_name(joined), family["name"].strip(" *_")
    # A name heads the CV: only the first few lines are looked at.
    lines = [line.strip().lstrip("#").strip(" *_") for line in header.splitlines()[:12]]
    for stripped in [line for line in lines if line][:NAME_LINES]:
        written = bare_name(_SEGMENT_SPLIT.split(stripped, maxsplit=1)[0].strip(" *_"))
        if looks_like_name(written):
            return _tidy_name(written), written
    # Sidebar layouts print contact and skills blocks first: then the name is the line that sits
    # right above a job title ("Rahul Mehta" / "Senior Python Engineer - Payments").
    lines = [line.strip().lstrip("#").strip(" *_") for line in text.splitlines()[:NAME_SEARCH_LINES]]
    lines = [line for line in lines if line]
    for position, line in enumerate(lines[:-1]):
        following = lines[position + 1]
        line = bare_name(line)
        if looks_like_name(line) and (TITLE_WORDS.search(following) or LOCAL_TITLE_WORDS.search(following)):
            return _tidy_name(line), line
    return "", ""


def find_emails(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for match in _EMAIL.finditer(text):
        email = match.group(0).strip(".")
        seen.setdefault(email.lower(), email)
    return list(seen.values())


def _phone_in(text: str, regions: tuple[str, ...]) -> str:
    candidates = [match.group(0).strip() for match in _PHONE_CANDIDATE.finditer(text)]
    for region in regions:
        for candidate in candidates:
            for found in phonenumbers.PhoneNumberMatcher(
                candidate, region, leniency=phonenumbers.Leniency.VALID
            ):
                return phonenumbers.format_number(found.number, phonenumbers.PhoneNumberFormat.E164)
    # Numbers in unallocated ranges (Ofcom's 07700 900xxx, new number blocks) are not "valid" to
    # libphonenumber but are plainly phone numbers when written with a trunk 0 or a + prefix.
    for candidate in candidates:
        digits = sum(character.isdigit() for character in candidate)
        if not candidate.startswith(("+", "0", "(0")) or "/" in candidate or not 10 <= digits <= 15:
            continue
        try:
            number = phonenumbers.parse(candidate, regions[0])
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return ""


def _line_around(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return text[text.rfind("\n", 0, offset) + 1 : end if end >= 0 else len(text)]


def find_phone(header: str, text: str, country: str = "") -> str:
    """E.164 phone. Without a +prefix a number is read as the candidate's country and GB; only when
    the country is unknown are other regions tried (a UK CV's odd number must not turn Indian)."""
    if country:
        regions = tuple(dict.fromkeys([country, DEFAULT_REGION]))
    else:
        regions = (DEFAULT_REGION, *FALLBACK_REGIONS)
    phone = _phone_in(header, regions)
    if not phone:
        labelled = "\n".join(_line_around(text, match.start()) for match in _PHONE_LABEL.finditer(text))
        phone = _phone_in(labelled, regions)
    return phone


def web_link(text: str) -> str:
    """`text` when it is an absolute http(s) URL with a host, else "".

    A link from a CV is untrusted: `javascript:`, `data:` and the like would run or show content
    when a recruiter clicks it, so every stored and every rendered link passes through here.
    Whitespace and control characters are refused too, since browsers drop them from a scheme
    (`java\tscript:`).
    """
    value = text.strip()
    if not value or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return ""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 host
        return ""
    return value if parts.scheme.lower() in ("http", "https") and host else ""


def find_links(header: str, text: str) -> tuple[str, str, str]:
    """(github, linkedin, personal website) as https URLs; the website only from the header."""
    github = _GITHUB.search(text)
    linkedin = _LINKEDIN.search(text)
    github_url = f"https://github.com/{github['user']}" if github else ""
    linkedin_url = f"https://www.linkedin.com/{linkedin['kind']}/{linkedin['user']}" if linkedin else ""
    website = ""
    for token in header.split():
        url = token.strip(_URL_TRIM).rstrip("./")
        if "@" in url or "." not in url:
            continue
        if not (url.lower().startswith(("http://", "https://", "www.")) or _BARE_DOMAIN.fullmatch(url)):
            continue
        if _NOT_PERSONAL_SITES.search(_SCHEME.sub("", url)):
            continue
        website = url if url.lower().startswith("http") else f"https://{url}"
        break
    return github_url, linkedin_url, website


def parse_contact(text: str, header: str | None = None) -> tuple[Contact, list[str]]:
    """Contact details and warnings. `header` is the text that introduces the candidate: what comes
    before the first heading plus any "Contact" block (parse.py assembles it); by default the first lines."""
    if header is None:
        header = text[:HEADER_FALLBACK_CHARS]
    warnings: list[str] = []
    name, written_name = find_name(header, text)
    if not name:
        warnings.append("no name found")
    emails = find_emails(text)  # the header comes first, so its address is the primary one
    if not emails:
        warnings.append("no e-mail address found")
    city, country = _candidate_location(header, text, written_name)
    github_url, linkedin_url, website_url = find_links(header, text)
    phone = find_phone(header, text, country)
    contact = Contact(
        name=name,
        emails=emails,
        phone=phone,
        city=city,
        country=country,
        github_url=github_url,
        linkedin_url=linkedin_url,
        website_url=website_url,
    )
    return contact, warnings


def _candidate_location(header: str, text: str, written_name: str) -> tuple[str, str]:
    for match in _LOCATION_FIELD.finditer(text[:3000]):
        city, country = find_location(match["value"])
        if city or country:
            return city, country
    # Blank out the name first: "Sydney Chen" lives wherever the CV says, not in Sydney.
    if written_name:
        header = header.replace(written_name, " " * len(written_name), 1)
    found = find_location(header)
    if found[0] or not written_name:
        return found
    # A sidebar export (LinkedIn's "Save to PDF") prints the name, headline and "City, Region, Country"
    # after its Contact / Top Skills column, outside the header: read the lines right under the name.
    at = text.find(written_name)
    if at < 0:
        return found
    below = text[at + len(written_name) :].split("\n", NAME_LOCATION_LINES + 1)[1 : NAME_LOCATION_LINES + 1]
    for line in below:
        city, country = find_location(line)
        if city:
            return city, country
    return found
