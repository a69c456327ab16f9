"""Boolean search over candidate profiles, written the way recruiters write it.

    (golang OR go) AND kafka NOT java
    "low latency" -java location:london seniority:>=senior years:>=5
    title:"staff engineer" company:paystream lastused:go>=2022 remote:yes

Grammar (NOT binds tightest, then AND — written or implied by adjacency — then OR)::

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          # "a NOT b" is "a AND NOT b"
    unary   := ("NOT" | "-")* primary          # "-" must touch its term: -java, -"go-getter", -(a OR b)
    primary := "(" or ")" | term
    term    := [field ":"] (WORD | "PHRASE") [comparison]

Operators are the uppercase words AND, OR and NOT: a lowercase "or" is an ordinary word (with a
warning), because recruiters paste phrases such as "research and development". Field names are
case-insensitive, and so is every match.

A bare word or phrase the taxonomy knows is a skill: the candidate has it with positive evidence, or has
a skill that implies it (Django implies Python). Any other word is a whole-word match in the CV text, so
"go-getter" in a CV never satisfies ``go``. Fields restrict a term to one part of the profile: see FIELDS.

``parse_query`` does all the work once, compiling the query into closures; ``Query.matches`` then looks
at a profile lazily (a lowercase text is built only if a text term needs one), which keeps 100k
profiles within a few seconds of pure Python.
"""

from __future__ import annotations

import difflib
import operator
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol, TypeVar

import numpy as np

from shortlist.engine.cv.contact import gazetteer, place_key
from shortlist.engine.matching.scoring import effective_evidence
from shortlist.engine.vocab.enums import Seniority, WorkMode
from shortlist.engine.vocab.profile import Contact, Profile, SkillEvidence
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy, normalise_term

__all__ = [
    "FIELDS",
    "HELP",
    "Query",
    "QueryError",
    "QueryVisitor",
    "parse_query",
    "relevance",
    "relevance_array",
    "relevance_many",
    "word_pattern",
]

FIELDS: Final[Mapping[str, str]] = {
    "skill": "skill:kafka — the skill only (or one that implies it), never a bare word in the text",
    "text": 'text:"go-to-market" — words in the CV text only',
    "title": 'title:"staff engineer" — the headline or any job title',
    "company": "company:paystream — any employer",
    "name": 'name:"ada lovelace" — the candidate\'s name',
    "location": 'location:london, location:"united kingdom", location:GB — city or country',
    "seniority": "seniority:senior, seniority:>=senior — junior < mid < senior < staff = lead",
    "years": "years:>=5 (or years:5+) — total years of experience; a bare number means at least",
    "remote": "remote:yes|no — prefers remote work",
    "relocate": "relocate:yes|no — open to relocation",
    "lastused": "lastused:go>=2022 — the year the skill was last used",
}
HELP: Final[str] = "\n".join(
    [
        "Combine terms with AND, OR, NOT (uppercase) or -term; adjacent terms are ANDed; group with ( ).",
        'Quote phrases: "low latency". A known skill matches the skill; any other word, the CV text.',
        "Fields:",
        *(f"  {text}" for text in FIELDS.values()),
    ]
)

SHOWN_CHARS = 40  # of a recruiter's value quoted back in an error; a pasted paragraph must stay one line
MAX_DEPTH = 64  # nesting a recruiter could mean; deeper input is noise and must not exhaust the stack
SENIORITY_RANK: Final[Mapping[str, int]] = {
    Seniority.JUNIOR: 0,
    Seniority.MID: 1,
    Seniority.SENIOR: 2,
    # Staff and lead are two tracks at one level: ">=staff" has to find both.
    Seniority.STAFF: 3,
    Seniority.LEAD: 3,
}
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_COMPARE: Final[Mapping[str, Callable[[float, float], bool]]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
}
# Word processors turn straight quotes into curly ones, and recruiters paste from them.
_QUOTES = frozenset('"\u201c\u201d')
_WORD_STOP = frozenset("()") | _QUOTES
_FIELD_PREFIX = re.compile(r"[A-Za-z_]+:")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LASTUSED = re.compile(r"(?P<skill>.+?)(?P<op>>=|<=|>|<|=)(?P<year>.*)", re.DOTALL)
# Commas and full stops end words in pasted lists ("python, kafka."), so they are not part of a text term.
_EDGE_PUNCTUATION = ",;.!?"
_YES = frozenset({"yes", "y", "true"})
_NO = frozenset({"no", "n", "false"})
# Keeps one title or employer from running into the next: not a word character, and a phrase's words
# never match across it (_Words.predicate), as the database matches each title and employer alone.
_JOIN = "\x00"


class QueryError(ValueError):
    """A query a recruiter must fix; the message is one line and names the position (1-based)."""

    def __init__(self, message: str, offset: int, query: str) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset  # 0-based index into `query`, for a caret under the problem
        self.position = offset + 1
        self.query = query

    def pointer(self) -> str:
        """The query on one line with a caret under the problem, for a terminal."""
        # Each tab or line break becomes one space so the caret stays under the right character.
        line = "".join(" " if char.isspace() else char for char in self.query)
        return f"{line}\n{' ' * self.offset}^"


# --- lexing ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(" | ")" | AND | OR | NOT | TERM
    text: str  # the operator as written, or a term's value (a phrase without its quotes)
    offset: int
    field: str = ""  # a term's field, lowercase; "" for a bare term
    value_offset: int = 0
    quoted: bool = False
    suffix: str = ""  # a comparison written after a quoted value: lastused:"low latency">=2022


def _error(problem: str, offset: int, query: str, hint: str = "") -> QueryError:
    message = f"{problem} at position {offset + 1}"
    # One line whatever the recruiter pasted: a phrase may hold line breaks.
    return QueryError(" ".join((f"{message}; {hint}" if hint else message).split()), offset, query)


def _shown(value: str) -> str:
    """A value quoted back in a message: on one line, and short enough to read."""
    value = " ".join(value.split())
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "\u2026"


def _read_phrase(query: str, start: int) -> tuple[str, int]:
    end = start + 1
    while end < len(query) and query[end] not in _QUOTES:
        end += 1
    if end >= len(query):
        raise _error("unclosed '\"'", start, query, 'add the closing quote: "low latency"')
    inner = query[start + 1 : end]
    if not inner.strip():
        raise _error("empty quotes", start, query, 'put the words inside: "low latency"')
    return inner, end + 1


def _word_end(query: str, start: int) -> int:
    end = start
    while end < len(query) and not query[end].isspace() and query[end] not in _WORD_STOP:
        end += 1
    return end


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    index, length = 0, len(query)
    while index < length:
        char = query[index]
        if char.isspace():
            index += 1
        elif char in "()":
            tokens.append(_Token(char, char, index))
            index += 1
        elif char in _QUOTES:
            inner, after = _read_phrase(query, index)
            tokens.append(_Token("TERM", inner, index, value_offset=index + 1, quoted=True))
            index = after
        elif char == "-":
            following = query[index + 1 : index + 2]
            if not following or following.isspace() or following == ")":
                raise _error("'-' stands alone", index, query, "write it against the term to exclude: -java")
            tokens.append(_Token("NOT", "-", index))
            index += 1
        else:
            end = _word_end(query, index)
            word = query[index:end]
            prefix = _FIELD_PREFIX.match(word)
            if word in _OPERATORS:
                tokens.append(_Token(word, word, index))
            elif prefix:
                token, end = _field_token(query, index, end, prefix.group(0)[:-1])
                tokens.append(token)
            else:
                tokens.append(_Token("TERM", word, index, value_offset=index))
            index = end
    return tokens


def _field_token(query: str, start: int, end: int, written: str) -> tuple[_Token, int]:
    name = written.lower()
    if name not in FIELDS:
        close = difflib.get_close_matches(name, list(FIELDS), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}:?" if close else f"fields are {', '.join(FIELDS)}"
        raise _error(f"unknown field '{written}:'", start, query, hint)
    value_start = start + len(written) + 1
    if value_start < end:
        return _Token("TERM", query[value_start:end], start, name, value_start), end
    following = query[end : end + 1]
    if following and following in _QUOTES:
        inner, after = _read_phrase(query, end)
        suffix_end = after
        if query[after : after + 1] in ("<", ">", "="):
            suffix_end = _word_end(query, after)
        token = _Token("TERM", inner, start, name, end + 1, True, query[after:suffix_end])
        return token, suffix_end
    if following == "(":
        raise _error(f"'{name}:' cannot take a group", start, query, f"write ({name}:a OR {name}:b) instead")
    raise _error(f"'{name}:' needs a value", start, query, f"e.g. {FIELDS[name].split(' — ')[0]}")


# --- the query tree --------------------------------------------------------------------------------------

_Predicate = Callable[["_ProfileView"], bool]


class _Node(ABC):
    __slots__ = ()

    @abstractmethod
    def render(self) -> str: ...

    @abstractmethod
    def predicate(self) -> _Predicate: ...

    def required(self) -> frozenset[str]:
        return frozenset()

    def required_words(self) -> frozenset[str]:
        """Words of the CV text every match must contain (for a substring pre-filter in SQL)."""
        return frozenset()

    def weight(self) -> int:
        # Relative evaluation cost: AND and OR try cheap children first, so a dict lookup can spare a regex.
        return 1


@dataclass(frozen=True, slots=True)
class _And(_Node):
    children: tuple[_Node, ...]

    def render(self) -> str:
        return " AND ".join(f"({c.render()})" if isinstance(c, _Or) else c.render() for c in self.children)

    def predicate(self) -> _Predicate:
        checks = tuple(c.predicate() for c in sorted(self.children, key=_Node.weight))
        if len(checks) == 2:
            first, second = checks
            return lambda view: first(view) and second(view)

        return lambda view: all(check(view) for check in checks)

    def required(self) -> frozenset[str]:
        return frozenset().union(*(c.required() for c in self.children))

    def required_words(self) -> frozenset[str]:
        return frozenset().union(*(c.required_words() for c in self.children))

    def weight(self) -> int:
        return sum(c.weight() for c in self.children)


@dataclass(frozen=True, slots=True)
class _Or(_Node):
    children: tuple[_Node, ...]

    def render(self) -> str:
        # AND binds tighter anyway; the brackets are for the recruiter reading it back.
        return " OR ".join(f"({c.render()})" if isinstance(c, _And) else c.render() for c in self.children)

    def predicate(self) -> _Predicate:
        checks = tuple(c.predicate() for c in sorted(self.children, key=_Node.weight))
        if len(checks) == 2:
            first, second = checks
            return lambda view: first(view) or second(view)

        return lambda view: any(check(view) for check in checks)

    def required(self) -> frozenset[str]:
        # Only what every branch needs: a candidate may come in through any of them.
        common = self.children[0].required()
        for child in self.children[1:]:
            common &= child.required()
        return common

    def required_words(self) -> frozenset[str]:
        common = self.children[0].required_words()
        for child in self.children[1:]:
            common &= child.required_words()
        return common

    def weight(self) -> int:
        return sum(c.weight() for c in self.children)


@dataclass(frozen=True, slots=True)
class _Not(_Node):
    child: _Node

    def render(self) -> str:
        inner = self.child.render()
        return f"NOT ({inner})" if isinstance(self.child, _And | _Or) else f"NOT {inner}"

    def predicate(self) -> _Predicate:
        check = self.child.predicate()
        return lambda view: not check(view)

    def weight(self) -> int:
        return self.child.weight()


@dataclass(frozen=True, slots=True)
class _Skill(_Node):
    skill: str
    satisfied_by: frozenset[str]  # the skill and every skill that implies it

    def render(self) -> str:
        return f"skill:{self.skill}"

    def predicate(self) -> _Predicate:
        if len(self.satisfied_by) == 1:
            skill = self.skill
            return lambda view: skill in view.skills
        satisfied_by = self.satisfied_by
        return lambda view: not satisfied_by.isdisjoint(view.skills)

    def required(self) -> frozenset[str]:
        return frozenset({self.skill})


@dataclass(frozen=True, slots=True)
class _LastUsed(_Node):
    skill: str
    satisfied_by: frozenset[str]
    op: str
    year: int

    def render(self) -> str:
        return f"lastused:{self.skill}{self.op}{self.year}"

    def predicate(self) -> _Predicate:
        satisfied_by, compare, year = self.satisfied_by, _COMPARE[self.op], self.year

        def used(view: _ProfileView) -> bool:
            # Work with Django is work with Python, so it dates Python too.
            years = [
                found.last_used
                for skill in satisfied_by
                if (found := view.skills.get(skill)) is not None and found.last_used is not None
            ]
            return bool(years) and compare(max(years), year)

        return used

    def required(self) -> frozenset[str]:
        return frozenset({self.skill})


@dataclass(frozen=True, slots=True)
class _Words(_Node):
    field: str  # text | title | company | name: the _ProfileView property searched
    words: tuple[str, ...]  # lowercase
    quoted: bool

    def render(self) -> str:
        value = " ".join(self.words)
        return f'{self.field}:"{value}"' if self.quoted else f"{self.field}:{_quoted(value)}"

    def predicate(self) -> _Predicate:
        # word_pattern's rule; in a title or employer list the separator _JOIN stops a phrase, as the
        # database matches each title and employer alone.
        between = r"\W+" if self.field in ("text", "name") else rf"[^\w{_JOIN}]+"
        body = between.join(re.escape(word) for word in self.words)
        search = re.compile(rf"(?<!\w){body}(?!\w)").search
        # A substring test is far cheaper than the regex and rules out most profiles.
        needle = max(self.words, key=len)
        haystack = operator.attrgetter(self.field)

        def found(view: _ProfileView) -> bool:
            text = haystack(view)
            return needle in text and search(text) is not None

        return found

    def required_words(self) -> frozenset[str]:
        return frozenset(self.words) if self.field == "text" else frozenset()

    def weight(self) -> int:
        return 3 if self.field == "text" else 2


@dataclass(frozen=True, slots=True)
class _Location(_Node):
    city_key: str  # place_key of the city; "" to match the country alone
    country: str  # ISO code; "" when the place is unknown, so only the city name can decide
    label: str

    def render(self) -> str:
        return f"location:{_quoted(self.label)}"

    def predicate(self) -> _Predicate:
        city_key, country = self.city_key, self.country
        if not city_key:
            return lambda view: view.country == country
        # London, Ontario is not London: a known country must agree, an unknown one may not object.
        return lambda view: (
            view.city_key == city_key and (not country or not view.country or view.country == country)
        )


@dataclass(frozen=True, slots=True)
class _Seniority(_Node):
    op: str  # "" for exactly this level
    level: Seniority

    def render(self) -> str:
        return f"seniority:{self.op}{self.level.value}"

    def predicate(self) -> _Predicate:
        level = self.level
        if not self.op:
            return lambda view: view.profile.seniority == level
        compare, rank = _COMPARE[self.op], SENIORITY_RANK[level]

        def ranked(view: _ProfileView) -> bool:
            own = view.profile.seniority
            return own is not None and own in SENIORITY_RANK and compare(SENIORITY_RANK[own], rank)

        return ranked


@dataclass(frozen=True, slots=True)
class _Years(_Node):
    op: str
    years: float

    def render(self) -> str:
        number = f"{self.years:.2f}".rstrip("0").rstrip(".")
        return f"years:{self.op}{number}"

    def predicate(self) -> _Predicate:
        years = self.years
        if self.op == "=":
            # "5 years" is anything from five to just under six.
            return lambda view: (
                view.profile.total_years is not None and years <= view.profile.total_years < years + 1
            )
        compare = _COMPARE[self.op]
        return lambda view: view.profile.total_years is not None and compare(view.profile.total_years, years)


@dataclass(frozen=True, slots=True)
class _Preference(_Node):
    field: str  # remote | relocate
    wanted: bool

    def render(self) -> str:
        return f"{self.field}:{'yes' if self.wanted else 'no'}"

    def predicate(self) -> _Predicate:
        # A preference the CV never states matches neither yes nor no: unknown is not a refusal.
        if self.field == "remote":
            if self.wanted:
                return lambda view: view.profile.preferences.work_mode == WorkMode.REMOTE
            return lambda view: view.profile.preferences.work_mode not in (None, WorkMode.REMOTE)
        wanted = self.wanted
        return lambda view: view.profile.preferences.open_to_relocation is wanted


def _quoted(value: str) -> str:
    return f'"{value}"' if any(char.isspace() or char in _WORD_STOP for char in value) else value


def _negate(node: _Node) -> _Node:
    # NOT NOT x is x, also across brackets: NOT (NOT x).
    return node.child if isinstance(node, _Not) else _Not(node)


def _combine(kind: type[_And] | type[_Or], nodes: list[_Node]) -> _Node:
    flat: list[_Node] = []
    for node in nodes:
        flat.extend(node.children if isinstance(node, kind) else (node,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


# --- parsing ---------------------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the tokens; every dead end names the token a recruiter has to fix."""

    def __init__(self, query: str, tokens: list[_Token], terms: _TermBuilder) -> None:
        self.query = query
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.terms = terms

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> _Node:
        node = self.parse_or()
        extra = self.peek()
        if extra is not None:  # only a ")" stops both loops early
            raise _error("unbalanced ')'", extra.offset, self.query, "it has no matching '('")
        return node

    def needs_term_after(self, operator_token: _Token) -> None:
        following = self.peek()
        if following is None or following.kind in (")", "AND", "OR"):
            raise _error(f"nothing after '{operator_token.text}'", operator_token.offset, self.query)

    def parse_or(self) -> _Node:
        branches = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.needs_term_after(self.take())
            branches.append(self.parse_and())
        return _combine(_Or, branches)

    def parse_and(self) -> _Node:
        parts = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.needs_term_after(self.take())
            parts.append(self.parse_unary())
        return _combine(_And, parts)

    def parse_unary(self) -> _Node:
        negations = 0
        # Counting instead of recursing keeps a long run of NOTs off the stack.
        while (token := self.peek()) is not None and token.kind == "NOT":
            self.needs_term_after(self.take())
            negations += 1
        node = self.parse_primary()
        return _negate(node) if negations % 2 else node

    def parse_primary(self) -> _Node:
        token = self.peek()
        if token is None:
            raise _error("the query ends too early", len(self.query), self.query)
        if token.kind in ("AND", "OR"):
            raise _error(f"nothing before '{token.text}'", token.offset, self.query)
        if token.kind == ")":
            raise _error("unbalanced ')'", token.offset, self.query, "it has no matching '('")
        self.take()
        if token.kind == "TERM":
            return self.terms.build(token)
        return self.parse_group(token)

    def parse_group(self, opening: _Token) -> _Node:
        if self.depth >= MAX_DEPTH:
            raise _error("too many nested brackets", opening.offset, self.query)
        following = self.peek()
        if following is not None and following.kind == ")":
            raise _error("empty brackets '()'", opening.offset, self.query)
        if following is None:
            raise _error("unbalanced '('", opening.offset, self.query, "it has no matching ')'")
        self.depth += 1
        node = self.parse_or()
        self.depth -= 1
        closing = self.peek()
        if closing is None or closing.kind != ")":
            raise _error("unbalanced '('", opening.offset, self.query, "it has no matching ')'")
        self.take()
        return node


class _TermBuilder:
    """Turns one term token into a node, resolving skills and places once, at parse time."""

    def __init__(self, query: str, taxonomy: Taxonomy) -> None:
        self.query = query
        self.taxonomy = taxonomy
        self.warnings: list[str] = []
        self.satisfiers: dict[str, frozenset[str]] = {}
        self.understood: dict[str, tuple[str, str]] = {}  # written (lowercase) -> (skill id, skill name)

    def fail(self, problem: str, offset: int, hint: str = "") -> QueryError:
        return _error(problem, offset, self.query, hint)

    def build(self, token: _Token) -> _Node:
        if not token.field:
            skill = self.taxonomy.resolve(token.text)
            if skill is not None:
                self.understood.setdefault(" ".join(token.text.lower().split()), (skill.id, skill.name))
                return self.skill_node(skill.id)
            if not token.quoted and token.text.upper() in _OPERATORS:
                self.warnings.append(
                    f"'{token.text}' at position {token.offset + 1} is searched as a word; "
                    f"write {token.text.upper()} to use it as an operator"
                )
            return self.words("text", token)
        if token.suffix and token.field != "lastused":
            raise self.fail(
                f"unexpected '{_shown(token.suffix)}' after the quotes",
                token.value_offset + len(token.text) + 1,
                f"only lastused: takes a comparison there, e.g. {FIELDS['lastused'].split(' — ')[0]}",
            )
        if token.field == "skill":
            return self.skill_node(self.resolve_skill(token.text, token.value_offset))
        if token.field in ("text", "title", "company", "name"):
            return self.words(token.field, token)
        if token.field == "location":
            return self.location(token)
        if token.field == "seniority":
            return self.seniority(token)
        if token.field == "years":
            return self.years(token)
        if token.field in ("remote", "relocate"):
            return self.preference(token)
        return self.last_used(token)

    def skill_node(self, skill: str) -> _Skill:
        return _Skill(skill, self.satisfied_by(skill))

    def satisfied_by(self, skill: str) -> frozenset[str]:
        found = self.satisfiers.get(skill)
        if found is None:
            found = frozenset(
                {skill, *(other.id for other in self.taxonomy if skill in self.taxonomy.implied(other.id))}
            )
            self.satisfiers[skill] = found
        return found

    def resolve_skill(self, value: str, offset: int) -> str:
        skill = self.taxonomy.resolve(value)
        if skill is not None:
            self.understood.setdefault(" ".join(value.lower().split()), (skill.id, skill.name))
            return skill.id
        close = _close_skills(self.taxonomy, value)
        if close:
            hint = f"did you mean {' or '.join(close)}?"
        else:
            shown = _shown(value)
            hint = f"text:{_quoted(shown)} searches the CV text instead"
        raise self.fail(f"unknown skill '{_shown(value)}'", offset, hint)

    def words(self, field_name: str, token: _Token) -> _Words:
        value = token.text if token.quoted else token.text.strip(_EDGE_PUNCTUATION)
        words = tuple(value.lower().split())
        if not any(char.isalnum() for word in words for char in word):
            raise self.fail(
                f"'{_shown(token.text)}' is not a search term",
                token.value_offset,
                "combine terms with AND, OR or NOT",
            )
        return _Words(field_name, words, token.quoted)

    def location(self, token: _Token) -> _Location:
        value = " ".join(token.text.split())
        places = gazetteer().places
        codes = {place.country for place in places.values()}
        if len(value) == 2 and value.upper() in codes:
            return _Location("", value.upper(), value.upper())
        key = place_key(value)
        place = places.get(key)
        if place is None:
            if not key:
                raise self.fail(
                    f"'{_shown(token.text)}' is not a place", token.value_offset, "e.g. location:london"
                )
            if len(value) == 2 and value.isalpha():
                return _Location("", value.upper(), value.upper())
            self.warnings.append(
                f"'{_shown(value)}' is not a place Shortlist knows; matching the city name as written"
            )
            return _Location(key, "", value.lower())
        if not place.city:
            return _Location("", place.country, place.country)
        # The canonical spelling when it still names this place; "Cambridge" alone would be the UK one.
        label = place.city if places.get(place_key(place.city)) == place else value.lower()
        return _Location(place_key(place.city), place.country, label)

    def comparison(self, token: _Token) -> tuple[str, str]:
        for op in _COMPARE:  # longest first, so ">=" is not read as ">" and "=5"
            if token.text.startswith(op):
                return op, token.text[len(op) :].strip()
        return "", token.text.strip()

    def seniority(self, token: _Token) -> _Seniority:
        op, value = self.comparison(token)
        if not value:
            raise self.fail(
                f"bad comparison 'seniority:{_shown(token.text)}'",
                token.value_offset,
                "write seniority:>=senior",
            )
        try:
            level = Seniority(value.lower())
        except ValueError:
            levels = ", ".join(s.value for s in Seniority)
            raise self.fail(
                f"unknown seniority '{_shown(value)}'", token.value_offset, f"use one of {levels}"
            ) from None
        return _Seniority("" if op == "=" else op, level)

    def years(self, token: _Token) -> _Years:
        op, value = self.comparison(token)
        if not op and value.endswith("+"):
            op, value = ">=", value[:-1]
        if not _NUMBER.fullmatch(value):
            raise self.fail(
                f"bad comparison 'years:{_shown(token.text)}'", token.value_offset, "write years:>=5"
            )
        # A recruiter who writes "years:5" means five or more, not exactly five.
        return _Years(op or ">=", float(value))

    def preference(self, token: _Token) -> _Preference:
        value = token.text.strip().lower()
        if value not in _YES | _NO:
            raise self.fail(
                f"bad value '{_shown(token.text)}' for {token.field}:",
                token.value_offset,
                f"write {token.field}:yes or {token.field}:no",
            )
        return _Preference(token.field, value in _YES)

    def last_used(self, token: _Token) -> _LastUsed:
        example = "write lastused:go>=2022"
        if token.quoted:
            skill_text, found = token.text, re.fullmatch(r"(?P<op>>=|<=|>|<|=)(?P<year>.*)", token.suffix)
        else:
            found = _LASTUSED.fullmatch(token.text)
            skill_text = found.group("skill") if found else token.text
        if found is None or not normalise_term(skill_text):
            raise self.fail(f"bad comparison 'lastused:{_shown(token.text)}'", token.value_offset, example)
        skill = self.resolve_skill(skill_text, token.value_offset)
        year = found.group("year")
        if not _YEAR.fullmatch(year):
            raise self.fail(f"bad year '{_shown(year)}'", token.value_offset, example)
        return _LastUsed(skill, self.satisfied_by(skill), found.group("op"), int(year))


def _close_skills(taxonomy: Taxonomy, value: str) -> list[str]:
    key = normalise_term(value)
    if not key:
        return []
    spellings: dict[str, str] = {}
    for skill in taxonomy:
        for term in (skill.id, *skill.surfaces):
            spellings.setdefault(normalise_term(term), skill.id)
    close = difflib.get_close_matches(key, list(spellings), n=8, cutoff=0.75)
    return list(dict.fromkeys(spellings[found] for found in close))[:3]


# --- evaluation ------------------------------------------------------------------------------------------


class _ProfileView:
    """One profile as the predicates read it; each derived value is built on first use, at most once."""

    __slots__ = ("_city_key", "_company", "_country", "_name", "_skills", "_text", "_title", "profile")

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._skills: dict[str, SkillEvidence] | None = None
        self._text: str | None = None
        self._title: str | None = None
        self._company: str | None = None
        self._name: str | None = None
        self._city_key: str | None = None
        self._country: str | None = None

    @property
    def skills(self) -> dict[str, SkillEvidence]:
        if self._skills is None:
            # A skill only ever negated ("no Java") is not evidence.
            self._skills = {s.skill: s for s in self.profile.skills if s.strength > 0}
        return self._skills

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.profile.text.lower()
        return self._text

    @property
    def title(self) -> str:
        if self._title is None:
            titles = [self.profile.headline, *(job.title for job in self.profile.jobs)]
            self._title = _JOIN.join(titles).lower()
        return self._title

    @property
    def company(self) -> str:
        if self._company is None:
            self._company = _JOIN.join(job.employer for job in self.profile.jobs).lower()
        return self._company

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = self.profile.contact.name.lower()
        return self._name

    @property
    def city_key(self) -> str:
        """The stored city's key, as the gazetteer's city when it is another spelling of one: a city
        typed as "Zürich" or "München" is Zurich or Munich, unless its stored country says otherwise."""
        if self._city_key is None:
            key = place_key(self.profile.contact.city)
            place = gazetteer().places.get(key) if key else None
            stored_country = self.profile.contact.country.upper()
            if place is not None and place.city and stored_country in ("", place.country):
                key = place_key(place.city)
            self._city_key = key
        return self._city_key

    @property
    def country(self) -> str:
        if self._country is None:
            country = self.profile.contact.country.upper()
            if not country and self.city_key:
                # A CV that names only its city still says which country it is in.
                place = gazetteer().places.get(self.city_key)
                country = place.country if place else ""
            self._country = country
        return self._country


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed, compiled search. Build it with parse_query(); it is immutable and safe to share."""

    text: str
    warnings: tuple[str, ...]
    _root: _Node = field(repr=False)
    _satisfiers: Mapping[str, frozenset[str]] = field(repr=False, compare=False)
    _check: _Predicate = field(repr=False, compare=False)
    # How each skill the recruiter wrote was read: (as written, skill id, skill name), in query order.
    understood: tuple[tuple[str, str, str], ...] = ()

    def matches(self, profile: Profile) -> bool:
        """Whether the profile satisfies the query; never raises for a profile with missing fields."""
        return self._check(_ProfileView(profile))

    def filter(self, profiles: Iterable[Profile]) -> Iterator[Profile]:
        """The profiles that match, in the order given."""
        check = self._check
        return (profile for profile in profiles if check(_ProfileView(profile)))

    def required_skills(self) -> frozenset[str]:
        """Skill ids every match must have, counting a skill that implies one (Django for Python).

        Only skills on every path through the query: an OR contributes what all its branches share,
        a NOT nothing. To pre-filter stored skill rows use skill_prefilter(), which spells out the
        implying skills, because profiles store what the CV evidences, not what it implies.
        """
        return self._root.required()

    def skill_prefilter(self) -> tuple[frozenset[str], ...]:
        """Per required skill, the stored skill ids of which every match has at least one.

        In SQL: one ``EXISTS (... skill IN (ids))`` per set, ANDed, before evaluating matches().
        """
        return tuple(self._satisfiers[skill] for skill in sorted(self.required_skills()))

    def explain(self) -> str:
        """The query as it is understood: every term resolved, operators explicit, e.g.
        ``(skill:go OR skill:go) AND skill:kafka AND NOT skill:java``. It parses back to the same query."""
        return self._root.render()

    def required_words(self) -> frozenset[str]:
        """Lowercase words every match has in its CV text (a necessary, not sufficient, condition)."""
        return self._root.required_words()

    def reads_text(self) -> bool:
        """Whether matching or ranking looks at the CV text, a title, an employer or the name."""
        return _reads_text(self._root)

    def translate(self, visitor: QueryVisitor[T]) -> T | None:
        """The query in another form (QueryVisitor), or None when some term has no exact translation."""
        return _translate(self._root, visitor)

    def aliases(self) -> tuple[tuple[str, str], ...]:
        """The skills written other than by their name, as (written, name): ("golang", "Go"), ("k8s",
        "Kubernetes"); for a page to say how the query was read."""
        return tuple(
            (written, name)
            for written, skill, name in self.understood
            if written not in (skill, name.lower())
        )

    def positive_terms(self) -> tuple[tuple[frozenset[str], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
        """What a match is found *for*: (skills, words) outside any NOT. Each skill is the set of
        stored skill ids that satisfy it; each words term is (field, lowercase words)."""
        skills: list[frozenset[str]] = []
        words: list[tuple[str, tuple[str, ...]]] = []
        _collect(self._root, skills, words)
        return tuple(skills), tuple(words)


T = TypeVar("T")


class QueryVisitor(Protocol[T]):
    """Translates a parsed query, term by term, into another form (e.g. a database filter).

    Each method returns the translation, or None when that term cannot be expressed exactly; a None
    anywhere makes the whole translation None (see Query.translate). The meaning of each term is the
    one `Query.matches` gives it: a translation must agree with it on every profile.
    """

    def all_of(self, parts: Sequence[T]) -> T | None: ...
    def any_of(self, parts: Sequence[T]) -> T | None: ...
    def negate(self, part: T) -> T | None: ...
    def skill(self, satisfied_by: frozenset[str]) -> T | None: ...
    def last_used(self, satisfied_by: frozenset[str], op: str, year: int) -> T | None: ...
    def words(self, field: str, words: tuple[str, ...]) -> T | None: ...
    def seniority(self, levels: frozenset[str]) -> T | None: ...
    def years(self, op: str, years: float) -> T | None: ...
    def preference(self, field: str, wanted: bool) -> T | None: ...
    def location(self, accepts: Callable[[str, str], bool]) -> T | None: ...


def word_pattern(words: Sequence[str]) -> str:
    """The whole-word, case-insensitive pattern of a words term, in the syntax Python's re and
    PostgreSQL's regular expressions share: a non-word character or an end on either side.

    A phrase's words match as adjacent words of the text, separated by any run of non-word
    characters, as full-text engines' phrase queries read them: "backend engineer" finds
    "Backend-Engineer" and "backend / engineer" as well as "backend  engineer". So the databases'
    full-text indexes can answer a phrase of plain words by word positions alone."""
    body = r"\W+".join(re.escape(word) for word in words)
    return rf"(^|\W){body}(\W|$)"


def _translate(node: _Node, visitor: QueryVisitor[T]) -> T | None:
    if isinstance(node, _And | _Or):
        parts = [_translate(child, visitor) for child in node.children]
        if any(part is None for part in parts):
            return None
        done = [part for part in parts if part is not None]
        return visitor.all_of(done) if isinstance(node, _And) else visitor.any_of(done)
    if isinstance(node, _Not):
        inner = _translate(node.child, visitor)
        return None if inner is None else visitor.negate(inner)
    if isinstance(node, _Skill):
        return visitor.skill(node.satisfied_by)
    if isinstance(node, _LastUsed):
        return visitor.last_used(node.satisfied_by, node.op, node.year)
    if isinstance(node, _Words):
        # The words themselves: a translation may look them up in a full-text index before (or
        # instead of) testing word_pattern(words).
        return visitor.words(node.field, node.words)
    if isinstance(node, _Seniority):
        if not node.op:
            return visitor.seniority(frozenset({node.level.value}))
        compare, rank = _COMPARE[node.op], SENIORITY_RANK[node.level]
        return visitor.seniority(frozenset(s.value for s, r in SENIORITY_RANK.items() if compare(r, rank)))
    if isinstance(node, _Years):
        # "=" means from that many years to just under one more, as in _Years.predicate.
        return visitor.years(node.op, node.years)
    if isinstance(node, _Preference):
        return visitor.preference(node.field, node.wanted)
    if isinstance(node, _Location):
        # Whether a stored (city, country) is the place, decided by the engine's own predicate.
        check = node.predicate()

        def accepts(city: str, country: str) -> bool:
            contact = Contact(city=city, country=country)
            return check(_ProfileView(Profile(source="", text="", content_hash="", contact=contact)))

        return visitor.location(accepts)
    return None


def _reads_text(node: _Node) -> bool:
    if isinstance(node, _And | _Or):
        return any(_reads_text(child) for child in node.children)
    if isinstance(node, _Not):
        return _reads_text(node.child)
    return isinstance(node, _Words)


def _collect(node: _Node, skills: list[frozenset[str]], words: list[tuple[str, tuple[str, ...]]]) -> None:
    if isinstance(node, _And | _Or):
        for child in node.children:
            _collect(child, skills, words)
    elif isinstance(node, _Skill | _LastUsed):
        skills.append(node.satisfied_by)
    elif isinstance(node, _Words):
        words.append((node.field, node.words))
    # NOT and the filters (location, seniority, years, preferences) say whom to keep, not how well.


def evidence_value(strength: float, last_used: int | None, years: float, today_year: int) -> float:
    """What one stored (skill, strength, last used, years) says, by the ranking's own rule
    (scoring.effective_evidence: recency, depth of use, the cap on a skill only listed), so the search and
    the shortlist never disagree on how recent or how deep a candidate's skill is."""
    value = effective_evidence(min(1.0, strength), years, last_used or 0, today_year)
    return float(value[()])


def relevance(
    skills: Iterable[frozenset[str]],
    evidence: Mapping[str, tuple[float, int | None, float]],
    today_year: int,
    words: Iterable[tuple[float, float]] = (),
) -> float:
    """How strongly one matching profile answers a query's positive terms; see relevance_many."""
    rows = [
        (0, skill, strength, last_used, years) for skill, (strength, last_used, years) in evidence.items()
    ]
    return relevance_many(tuple(skills), rows, today_year, {0: list(words)}, (0,))[0]


def relevance_many(
    skills: Sequence[frozenset[str]],
    evidence: Iterable[tuple[int, str, float, int | None, float]],
    today_year: int,
    words: Mapping[int, Sequence[tuple[float, float]]],
    ids: Iterable[int],
) -> dict[int, float]:
    """How strongly each matching profile (by id) answers a query's positive terms
    (Query.positive_terms), in one pass over their stored evidence:

    * each skill adds its best evidence among the skills that satisfy it, `evidence` giving rows of
      (id, skill, strength, last used, years) valued by the ranking's rule (evidence_value: strength,
      recency, depth of use), so the Go engineer of this year ranks above one who named Go in 2015;
    * the words and phrases together add BM25 over them scaled to [0, 1): sum(idf * sat) / sum(idf),
      with `words` giving (idf, sat) per term and id, sat being BM25's saturated term frequency over
      its ceiling (engine.matching.lexical: one mention in a CV of average length 0.45, four 0.77).

    So a query of skills ranks by evidence and recency, a query of words by BM25, and a mixed one by
    both, a skill weighing as much as all the words together. Ties are the caller's (by name, then id).
    """
    sets_of: dict[str, list[int]] = {}
    for position, satisfied_by in enumerate(skills):
        for skill in satisfied_by:
            sets_of.setdefault(skill, []).append(position)
    best: dict[tuple[int, int], float] = {}
    for candidate_id, skill, strength, last_used, years in evidence:
        positions = sets_of.get(skill)
        if not positions:
            continue
        value = evidence_value(strength, last_used, years, today_year)
        for position in positions:
            key = (candidate_id, position)
            if value > best.get(key, 0.0):
                best[key] = value
    scores = dict.fromkeys(ids, 0.0)
    # Each profile's skills are added in the query's order (a sum of floats depends on its order, and
    # relevance_array adds them so: the two must agree to the last bit, or near ties would swap).
    for candidate_id, _ in sorted(best, key=operator.itemgetter(1)):
        if candidate_id in scores:
            scores[candidate_id] += best[candidate_id, _]
    for candidate_id, terms in words.items():
        weighted = [(idf, sat) for idf, sat in terms if idf > 0]
        total = sum(idf for idf, _ in weighted)
        if total and candidate_id in scores:
            scores[candidate_id] += sum(idf * sat for idf, sat in weighted) / total
    return scores


def relevance_array(
    skills: Sequence[frozenset[str]],
    codes: Mapping[str, int],
    owner: np.ndarray,
    skill: np.ndarray,
    strength: np.ndarray,
    last_used: np.ndarray,
    years: np.ndarray,
    today_year: int,
    words: Sequence[tuple[float, np.ndarray]],
    size: int,
) -> np.ndarray:
    """relevance_many over arrays, for thousands of matches at once (the candidates page): the same
    scores to the last bit, as float64, one per row 0..size-1.

    Evidence comes as parallel arrays, one entry per stored (profile, skill): `owner` the profile's
    row, `skill` the skill's code (`codes` maps a skill id to it), `strength`, `last_used` (0 for
    unknown) and `years`. `words` gives (idf, sat) per words term, sat an array over the rows (0 where
    the term is absent). Each row is valued by scoring.effective_evidence, as evidence_value does.
    """
    scores = np.zeros(size, dtype=np.float64)
    if len(owner):
        value = effective_evidence(np.minimum(strength, 1.0), years, last_used, today_year)
        value = np.where(strength > 0, value.astype(np.float64), 0.0)
        for satisfied_by in skills:
            wanted = np.array(sorted(codes[s] for s in satisfied_by if s in codes), dtype=skill.dtype)
            hit = np.isin(skill, wanted)
            best = np.zeros(size, dtype=np.float64)
            np.maximum.at(best, owner[hit], value[hit])
            scores += best
    weighted = [(idf, sat) for idf, sat in words if idf > 0]
    total = sum(idf for idf, _ in weighted)
    if total:
        numerator = np.zeros(size, dtype=np.float64)
        for idf, sat in weighted:
            numerator += idf * sat.astype(np.float64)
        scores += numerator / total
    return scores


def parse_query(text: str, taxonomy: Taxonomy | None = None) -> Query:
    """Parse and compile a recruiter's query; raises QueryError with a position for anything malformed."""
    if taxonomy is None:  # not `or`: an empty Taxonomy is falsy, and is still the caller's choice
        taxonomy = default_taxonomy()
    # Composed form, as every stored CV text is (documents.clean_text): an "é" typed as e + U+0301
    # would otherwise be another word to the full-text indexes.
    text = unicodedata.normalize("NFC", text)
    tokens = _lex(text)
    if not tokens:
        raise QueryError(
            "the query is empty; type a skill, a word or a field such as location:london", 0, text
        )
    terms = _TermBuilder(text, taxonomy)
    root = _Parser(text, tokens, terms).parse()
    understood = tuple((written, skill, name) for written, (skill, name) in terms.understood.items())
    return Query(text, tuple(terms.warnings), root, dict(terms.satisfiers), root.predicate(), understood)
