"""Canonical skills for backend hiring: ids, aliases, implications, similarity and word-sense rules.

The curated data lives in ``data/skills*.yaml`` beside this module; a recruiter's own additions live in one
YAML file of the same schema in the data directory (``USER_SKILLS_FILE``) and are merged on top by
``load_taxonomy(extra=...)``. Nothing here reads the evaluation data sets: the shipped YAML is the taxonomy.

Schema of one entry (a list under the top-level ``skills:`` key)::

    - id: go                       # lowercase hyphenated slug, stable: profiles and role files store it
      name: Go                     # display name; also matched in text
      category: language           # one of CATEGORIES
      aliases: [golang, go lang]   # matched case/space/punctuation-insensitively
      implies: [..]                # evidence of this skill is evidence of those (transitively)
      related: {rust: 0.4}         # similarity in (0, 1), made symmetric at load
      ambiguous: true              # some of its words are ordinary English: see Context
      context: {terms: [Go], case: capitalized, strict: false, cues: [..], vetoes: [..]}

In a user file an entry whose id already exists extends it: its aliases and implies are added, its related
values are merged (the user's number wins), and name, category, ambiguous and context replace the shipped
ones. An alias that another skill had moves to this one: the user's file wins.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
# Other engine data (playbooks…) may share data/, so only files with this prefix are skills.
DEFAULT_GLOB = "skills*.yaml"
# The file name a deployment keeps its own skills under, in the data directory (SHORTLIST_HOME).
USER_SKILLS_FILE = "skills.yaml"

CATEGORIES = frozenset(
    {
        "language",
        "framework",
        "datastore",
        "messaging",
        "cloud",
        "infrastructure",
        "ml-data",
        "competency",
        "domain",
        "practice",
        "tool",
        "general-it",
    }
)

# How an ambiguous word must be written to count on its own in prose:
#   any          - case says nothing ("java", "flask"): only vetoes and cues decide
#   capitalized  - first letter upper ("Go", "GO"); lowercase "go" is the verb
#   title        - first letter upper but not all caps ("Swift", not the "SWIFT" network)
#   upper        - all caps ("SAP", "ML", "REST"); "sap" and "rest" are words
CASE_RULES = frozenset({"any", "capitalized", "title", "upper"})

# In cue and veto patterns "@" stands for the ambiguous word itself; extract.py substitutes this mark.
PLACEHOLDER = "@"
TERM_MARK = "\x00"

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# "+" and "#" carry meaning (C, C++, C#); every other non-word character is spelling noise.
_NOISE_RE = re.compile(r"[^\w+#]|_")

_ENTRY_KEYS = frozenset({"id", "name", "category", "aliases", "implies", "related", "ambiguous", "context"})
_CONTEXT_KEYS = frozenset({"terms", "case", "strict", "cues", "vetoes"})
_FILE_KEYS = frozenset({"skills"})


class TaxonomyError(ValueError):
    """Bad skills data: names the file and the entry so the author can find it."""

    def __init__(self, source: str, entry: str, problem: str) -> None:
        super().__init__(f"{source}: {entry}: {problem}")
        self.source = source
        self.entry = entry
        self.problem = problem


def normalise_term(term: str) -> str:
    """The lookup key of a term: casefolded, with spaces, hyphens, dots and slashes dropped."""
    return _NOISE_RE.sub("", term.casefold())


@dataclass(frozen=True, slots=True)
class Context:
    """When an ambiguous skill's ordinary-word terms count as the skill (applied by extract.py)."""

    terms: frozenset[str]  # normalised keys of the surface forms that need support
    case: str = "capitalized"
    strict: bool = False  # True: only a cue or a skills-list neighbour counts, never capitalisation alone
    cues: tuple[str, ...] = ()  # regexes; with "@" anchored to the word (strong), without: anywhere (weak)
    vetoes: tuple[str, ...] = ()  # regexes; with "@" anchored to the word, without: anywhere in the sentence


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    related: tuple[tuple[str, float], ...] = ()
    ambiguous: bool = False
    context: Context | None = None

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every spelling matched in text: the display name, then the aliases."""
        return (self.name, *self.aliases)


class Taxonomy:
    """An immutable, validated set of skills with fast lookups. Build it with load_taxonomy()."""

    __slots__ = ("__weakref__", "_closure", "_keys", "_related", "_skills", "fingerprint", "sources")

    def __init__(self, skills: Mapping[str, Skill], sources: tuple[str, ...]) -> None:
        self._skills: dict[str, Skill] = dict(sorted(skills.items()))
        self.sources = sources
        self._keys: dict[str, str] = {}
        for skill in self._skills.values():
            for term in (skill.id, *skill.surfaces):
                self._keys[normalise_term(term)] = skill.id
        self._related: dict[str, dict[str, float]] = {sid: {} for sid in self._skills}
        for skill in self._skills.values():
            for other, value in skill.related:
                # Either side may declare the pair; the larger value wins so the result is symmetric.
                best = max(value, self._related[skill.id].get(other, 0.0))
                self._related[skill.id][other] = best
                self._related[other][skill.id] = best
        self._closure = {sid: _closure(sid, self._skills) for sid in self._skills}
        # Lets an audit record say exactly which vocabulary a ranking used.
        self.fingerprint = hashlib.sha256(
            json.dumps([_as_plain(s) for s in self._skills.values()], sort_keys=True).encode()
        ).hexdigest()[:16]

    def get(self, skill_id: str) -> Skill | None:
        return self._skills.get(skill_id)

    def resolve(self, term: str) -> Skill | None:
        """The skill a term names: its id, display name or an alias, ignoring case, spaces and punctuation."""
        if not term:
            return None
        found = self._keys.get(normalise_term(term))
        return None if found is None else self._skills[found]

    def implied(self, skill_id: str) -> frozenset[str]:
        """Every skill that evidence of skill_id also evidences (transitive, without skill_id itself)."""
        return self._closure.get(skill_id, frozenset())

    def similarity(self, a: str, b: str) -> float:
        """1.0 for the same id, the declared relation (symmetric), else 0.0. Takes ids, not aliases."""
        if a == b:
            return 1.0 if a in self._skills else 0.0
        return self._related.get(a, {}).get(b, 0.0)

    def related(self, skill_id: str) -> dict[str, float]:
        return dict(self._related.get(skill_id, {}))

    def ids(self) -> tuple[str, ...]:
        return tuple(self._skills)

    def by_category(self, category: str) -> tuple[Skill, ...]:
        return tuple(s for s in self._skills.values() if s.category == category)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills.values())

    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._skills

    def __repr__(self) -> str:
        return f"<Taxonomy {len(self)} skills {self.fingerprint}>"


def default_files() -> list[Path]:
    return sorted(DATA_DIR.glob(DEFAULT_GLOB))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once per process."""
    return load_taxonomy()


def taxonomy_for(data_dir: Path) -> Taxonomy:
    """The taxonomy a deployment uses: the shipped skills plus ``data_dir/skills.yaml`` when it exists.

    Cached until that file changes, so every import and match in a process agrees on one vocabulary.
    """
    path = Path(data_dir) / USER_SKILLS_FILE
    if not path.is_file():
        return default_taxonomy()
    stat = path.stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int, size: int) -> Taxonomy:
    return load_taxonomy(Path(path))


def load_taxonomy(extra: Path | None = None) -> Taxonomy:
    """The shipped skills, with the entries of ``extra`` (a user's YAML file, same schema) merged on top."""
    drafts: dict[str, _Draft] = {}
    owner: dict[str, str] = {}  # alias key -> id, to catch one spelling naming two skills
    files = default_files()
    if not files:
        raise TaxonomyError(str(DATA_DIR), DEFAULT_GLOB, "no skills files found")
    for path in files:
        for draft in _read_file(path):
            if draft.id in drafts:
                raise TaxonomyError(
                    draft.source, draft.label, f"id also defined in {drafts[draft.id].source}"
                )
            drafts[draft.id] = draft
            _claim_aliases(draft, draft.aliases, owner, drafts, overriding=False)
    sources = [str(p) for p in files]
    if extra is not None:
        _merge_user_file(Path(extra), drafts, owner)
        sources.append(str(extra))
    _check_names(drafts, owner)
    skills = {sid: draft.build() for sid, draft in drafts.items()}
    _check_references(drafts)
    return Taxonomy(skills, tuple(sources))


# --- loading -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """One entry while files are merged; mutable until build()."""

    id: str
    source: str
    index: int
    name: str = ""
    category: str = ""
    aliases: list[str] = field(default_factory=list)
    implies: list[str] = field(default_factory=list)
    related: dict[str, float] = field(default_factory=dict)
    ambiguous: bool = False
    context: dict[str, Any] | None = None
    given: frozenset[str] = frozenset()  # the keys the entry wrote, so a user override leaves the rest

    @property
    def label(self) -> str:
        return f"skills[{self.index}] (id {self.id!r})"

    def fail(self, problem: str) -> TaxonomyError:
        return TaxonomyError(self.source, self.label, problem)

    def build(self) -> Skill:
        context = _build_context(self) if self.ambiguous else None
        return Skill(
            id=self.id,
            name=self.name,
            category=self.category,
            aliases=tuple(dict.fromkeys(self.aliases)),
            implies=tuple(dict.fromkeys(self.implies)),
            related=tuple(sorted(self.related.items())),
            ambiguous=self.ambiguous,
            context=context,
        )


def _read_file(path: Path) -> list[_Draft]:
    source = str(path)
    try:
        raw = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except OSError as exc:
        raise TaxonomyError(source, "file", f"cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise TaxonomyError(source, "file", f"is not valid YAML: {exc}") from exc
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise TaxonomyError(source, "file", "must be a mapping with a 'skills:' list")
    unknown = set(raw) - _FILE_KEYS
    if unknown:
        raise TaxonomyError(
            source, "file", f"unknown top-level key {sorted(unknown)[0]!r}; expected 'skills'"
        )
    entries = raw.get("skills") or []
    if not isinstance(entries, list):
        raise TaxonomyError(source, "skills", "must be a list of entries")
    drafts = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        draft = _parse_entry(entry, source, index)
        if draft.id in seen:
            raise draft.fail("id appears twice in this file")
        seen.add(draft.id)
        drafts.append(draft)
    return drafts


def _parse_entry(entry: object, source: str, index: int) -> _Draft:
    where = f"skills[{index}]"
    if not isinstance(entry, dict):
        raise TaxonomyError(source, where, "must be a mapping with at least an 'id'")
    sid = entry.get("id")
    if not isinstance(sid, str) or not _ID_RE.match(sid):
        raise TaxonomyError(
            source, where, f"id {sid!r} must be a lowercase hyphenated slug such as 'spring-boot'"
        )
    draft = _Draft(id=sid, source=source, index=index, given=frozenset(entry))
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise draft.fail(
            f"unknown key {sorted(unknown)[0]!r}; expected one of {', '.join(sorted(_ENTRY_KEYS))}"
        )
    if "name" in entry:
        draft.name = _text(draft, "name", entry["name"])
    if "category" in entry:
        category = entry["category"]
        if category not in CATEGORIES:
            raise draft.fail(f"category {category!r} is not one of {', '.join(sorted(CATEGORIES))}")
        draft.category = category
    draft.aliases = [_text(draft, "aliases", a) for a in _list(draft, "aliases", entry.get("aliases"))]
    draft.implies = [_text(draft, "implies", a) for a in _list(draft, "implies", entry.get("implies"))]
    related = entry.get("related") or {}
    if not isinstance(related, dict):
        raise draft.fail("related must be a mapping of skill id to similarity, e.g. {flask: 0.7}")
    for other, value in related.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 < float(value) < 1.0:
            raise draft.fail(
                f"related[{other!r}] = {value!r}: similarity must be a number strictly between 0 and 1"
            )
        draft.related[str(other)] = float(value)
    ambiguous = entry.get("ambiguous", False)
    if not isinstance(ambiguous, bool):
        raise draft.fail("ambiguous must be true or false")
    draft.ambiguous = ambiguous
    context = entry.get("context")
    if context is not None:
        if not isinstance(context, dict):
            raise draft.fail("context must be a mapping")
        unknown = set(context) - _CONTEXT_KEYS
        if unknown:
            expected = ", ".join(sorted(_CONTEXT_KEYS))
            raise draft.fail(f"unknown context key {sorted(unknown)[0]!r}; expected one of {expected}")
        if entry.get("ambiguous") is False:
            raise draft.fail("has context rules but says ambiguous: false")
        draft.context = dict(context)
        draft.ambiguous = True
    if any(not a.strip() for a in draft.aliases):
        raise draft.fail("an alias is empty")
    return draft


def _text(draft: _Draft, key: str, value: object) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        raise draft.fail(f"{key} must be non-empty text, got {value!r}")
    return str(value).strip()


def _list(draft: _Draft, key: str, value: object) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise draft.fail(f"{key} must be a list")
    return value


def _merge_user_file(path: Path, drafts: dict[str, _Draft], owner: dict[str, str]) -> None:
    if not path.is_file():
        raise TaxonomyError(str(path), "file", "does not exist")
    user_owner: dict[str, str] = {}
    for incoming in _read_file(path):
        for alias in incoming.aliases:
            key = normalise_term(alias)
            if user_owner.setdefault(key, incoming.id) != incoming.id:
                raise incoming.fail(f"alias {alias!r} is also given to {user_owner[key]!r} in this file")
        current = drafts.get(incoming.id)
        if current is None:
            if not incoming.name or not incoming.category:
                raise incoming.fail("a new skill needs both 'name' and 'category'")
            drafts[incoming.id] = incoming
            _claim_aliases(incoming, incoming.aliases, owner, drafts, overriding=True)
            continue
        current.source, current.index = incoming.source, incoming.index
        if incoming.name:
            current.name = incoming.name
        if incoming.category:
            current.category = incoming.category
        # Lists and maps grow, so a user file only has to say what it adds.
        current.implies.extend(incoming.implies)
        current.related.update(incoming.related)
        if "ambiguous" in incoming.given or "context" in incoming.given:
            current.ambiguous, current.context = incoming.ambiguous, incoming.context
        current.aliases.extend(incoming.aliases)
        _claim_aliases(current, incoming.aliases, owner, drafts, overriding=True)


def _claim_aliases(
    draft: _Draft,
    aliases: Iterable[str],
    owner: dict[str, str],
    drafts: dict[str, _Draft],
    *,
    overriding: bool,
) -> None:
    for alias in aliases:
        key = normalise_term(alias)
        if not key:
            raise draft.fail(f"alias {alias!r} has no letters or digits")
        previous = owner.get(key)
        if previous is not None and previous != draft.id:
            if not overriding:
                raise draft.fail(f"alias {alias!r} already names {previous!r}")
            # The user's file wins: the spelling leaves the shipped skill.
            loser = drafts[previous]
            loser.aliases = [a for a in loser.aliases if normalise_term(a) != key]
            if loser.context and "terms" in loser.context:
                kept = [t for t in loser.context["terms"] if normalise_term(str(t)) != key]
                loser.context["terms"] = kept
                if not kept:
                    loser.ambiguous, loser.context = False, None
        owner[key] = draft.id


def _check_names(drafts: Mapping[str, _Draft], owner: Mapping[str, str]) -> None:
    """An id or display name must not be another skill's spelling either."""
    names: dict[str, str] = {}
    for draft in drafts.values():
        if not draft.name or not draft.category:
            raise draft.fail("needs both 'name' and 'category'")
        for term in (draft.id, draft.name):
            other = names.setdefault(normalise_term(term), draft.id)
            if other != draft.id:
                raise draft.fail(f"{term!r} already names {other!r}")
    for key, sid in names.items():
        alias_owner = owner.get(key)
        if alias_owner is not None and alias_owner != sid:
            loser = drafts[alias_owner]
            spelled = next(a for a in loser.aliases if normalise_term(a) == key)
            raise loser.fail(f"alias {spelled!r} is the id or name of {sid!r}")


def _check_references(drafts: Mapping[str, _Draft]) -> None:
    for draft in drafts.values():
        for target in draft.implies:
            if target not in drafts:
                raise draft.fail(f"implies unknown skill {target!r}")
            if target == draft.id:
                raise draft.fail("implies itself")
        for target in draft.related:
            if target not in drafts:
                raise draft.fail(f"related to unknown skill {target!r}")
            if target == draft.id:
                raise draft.fail("is related to itself")
    # A cycle would make two skills stand in for each other; that is an alias, not an implication.
    state: dict[str, int] = {}

    def visit(sid: str, path: list[str]) -> None:
        state[sid] = 1
        for target in drafts[sid].implies:
            if state.get(target) == 1:
                cycle = " => ".join([*path[path.index(target) :], target]) if target in path else target
                raise drafts[sid].fail(f"implies forms a cycle: {cycle}")
            if target not in state:
                visit(target, [*path, target])
        state[sid] = 2

    for sid in drafts:
        if sid not in state:
            visit(sid, [sid])


def _build_context(draft: _Draft) -> Context:
    raw = draft.context or {}
    own = {normalise_term(t): t for t in (draft.name, *draft.aliases)}
    terms_raw = raw.get("terms", [draft.name])
    if not isinstance(terms_raw, list) or not terms_raw:
        raise draft.fail("context.terms must be a non-empty list of the skill's name or aliases")
    terms = set()
    for term in terms_raw:
        key = normalise_term(str(term))
        if key not in own:
            raise draft.fail(f"context term {term!r} is neither the name nor an alias of this skill")
        terms.add(key)
    case = raw.get("case", "capitalized")
    if case not in CASE_RULES:
        raise draft.fail(f"context.case {case!r} is not one of {', '.join(sorted(CASE_RULES))}")
    strict = raw.get("strict", False)
    if not isinstance(strict, bool):
        raise draft.fail("context.strict must be true or false")
    patterns: dict[str, tuple[str, ...]] = {}
    for key in ("cues", "vetoes"):
        values = raw.get(key) or []
        if not isinstance(values, list):
            raise draft.fail(f"context.{key} must be a list of regular expressions")
        for value in values:
            try:
                re.compile(str(value).replace(PLACEHOLDER, re.escape(TERM_MARK)))
            except re.error as exc:
                raise draft.fail(
                    f"context.{key} pattern {value!r} is not a valid regular expression: {exc}"
                ) from exc
        patterns[key] = tuple(str(v) for v in values)
    return Context(frozenset(terms), case, strict, patterns["cues"], patterns["vetoes"])


def _closure(sid: str, skills: Mapping[str, Skill]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(skills[sid].implies)
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(skills[current].implies)
    seen.discard(sid)
    return frozenset(seen)


def _as_plain(skill: Skill) -> dict[str, object]:
    context = skill.context
    return {
        "id": skill.id,
        "name": skill.name,
        "category": skill.category,
        "aliases": list(skill.aliases),
        "implies": list(skill.implies),
        "related": [list(pair) for pair in skill.related],
        "context": None
        if context is None
        else [sorted(context.terms), context.case, context.strict, list(context.cues), list(context.vetoes)],
    }
