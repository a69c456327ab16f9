"""Project playbooks: what a type of project (low-latency trading, ML integration…) needs, as editable YAML.

The shipped playbooks live in ``data/playbooks/*.yaml``; a deployment adds or replaces them with files of
the same schema in ``$SHORTLIST_HOME/playbooks/``. A user file whose id matches a shipped playbook replaces
it whole, so what the file says is exactly what the role model uses. One file, one playbook::

    id: low-latency-trading          # lowercase hyphenated slug, equal to the file name's stem
    name: Low-latency trading
    description: Order routing and matching engines where microseconds decide the fill.
    scale_baseline: 0.25             # optional, in [0, 1]: scale pressure with a flat growth plan
    competencies:                    # at least one; canonical skill ids from the taxonomy
      - {skill: concurrency, weight: 3, why: "a race is a trading loss"}
    must_have: [concurrency, trading]   # typical must-haves: competencies or domains listed here
    domains: [trading, market-data]     # skills of category "domain"

Weights are relative (1 useful, 2 important, 3 core); weighting.py turns them into shares. Every problem is a
``PlaybookError`` naming the file and the key, so a recruiter editing a file can find the mistake.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

PLAYBOOK_DIR = Path(__file__).resolve().parent / "data" / "playbooks"
# The folder a deployment keeps its own playbooks in, inside SHORTLIST_HOME.
USER_PLAYBOOK_DIR = "playbooks"
FALLBACK_ID = "general"

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE_KEYS = ("id", "name", "description", "scale_baseline", "competencies", "must_have", "domains")
_REQUIRED_KEYS = ("id", "name", "competencies")
_COMPETENCY_KEYS = ("skill", "weight", "why")


class PlaybookError(ValueError):
    """A bad playbook file: names the file and the key so the author can find it."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}: {key}: {problem}")
        self.source = source
        self.key = key
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Competency:
    skill: str
    weight: float
    why: str


@dataclass(frozen=True, slots=True)
class Playbook:
    id: str
    name: str
    description: str
    competencies: tuple[Competency, ...]
    must_have: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    scale_baseline: float | None = None
    source: str = ""

    def competency(self, skill: str) -> Competency | None:
        return next((c for c in self.competencies if c.skill == skill), None)

    @property
    def skills(self) -> tuple[str, ...]:
        """Every skill the playbook names: competencies, then domains not already listed."""
        named = [c.skill for c in self.competencies]
        return tuple(dict.fromkeys([*named, *self.domains]))


def load_playbooks(extra_dir: Path | None = None, taxonomy: Taxonomy | None = None) -> dict[str, Playbook]:
    """The shipped playbooks, with ``extra_dir/*.yaml`` added on top (same id: the user's file wins).

    Returned in id order so everything built from them is deterministic.
    """
    taxonomy = taxonomy or default_taxonomy()
    files = sorted(PLAYBOOK_DIR.glob("*.yaml"))
    if not files:
        raise PlaybookError(str(PLAYBOOK_DIR), "file", "no playbook files found")
    found = {book.id: book for book in (_read(path, taxonomy) for path in files)}
    if extra_dir is not None:
        extra = Path(extra_dir)
        if not extra.is_dir():
            raise PlaybookError(str(extra), "file", "is not a folder of playbook files")
        for path in sorted([*extra.glob("*.yaml"), *extra.glob("*.yml")]):
            book = _read(path, taxonomy)
            found[book.id] = book
    if FALLBACK_ID not in found:
        raise PlaybookError(str(PLAYBOOK_DIR), "id", f"the fallback playbook {FALLBACK_ID!r} is missing")
    return dict(sorted(found.items()))


@lru_cache(maxsize=1)
def default_playbooks() -> Mapping[str, Playbook]:
    """The shipped playbooks, loaded once per process."""
    return load_playbooks()


def playbooks_for(home: Path, taxonomy: Taxonomy | None = None) -> Mapping[str, Playbook]:
    """The playbooks a deployment uses: shipped ones plus ``home/playbooks/*.yaml`` when that folder exists.

    Cached until a file there changes, so every role built in a process agrees on one set.
    """
    folder = Path(home) / USER_PLAYBOOK_DIR
    if not folder.is_dir():
        # Cached per taxonomy too: reading the YAML files was half of every ranking's time.
        return default_playbooks() if taxonomy is None else _load_cached(None, (), taxonomy)
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    )
    return _load_cached(str(folder.resolve()), stamp, taxonomy)


@lru_cache(maxsize=4)
def _load_cached(
    folder: str | None, stamp: tuple[tuple[str, int, int], ...], taxonomy: Taxonomy | None
) -> Mapping[str, Playbook]:
    return load_playbooks(Path(folder) if folder else None, taxonomy)


# --- reading one file --------------------------------------------------------------------------------


def _read(path: Path, taxonomy: Taxonomy) -> Playbook:
    source = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PlaybookError(source, "file", f"cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise PlaybookError(source, "file", f"is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise PlaybookError(source, "file", "must be a mapping with id, name and competencies")
    for key in raw:
        if key not in _FILE_KEYS:
            raise PlaybookError(source, str(key), f"unknown key{_did_you_mean(str(key), _FILE_KEYS)}")
    for key in _REQUIRED_KEYS:
        if key not in raw:
            raise PlaybookError(source, key, "is required")

    book_id = raw["id"]
    if not isinstance(book_id, str) or not _ID_RE.match(book_id):
        raise PlaybookError(source, "id", f"{book_id!r} must be a lowercase hyphenated slug")
    if book_id != path.stem:
        # Overrides are by id; a file named after another playbook would silently replace the wrong one.
        raise PlaybookError(source, "id", f"{book_id!r} must equal the file name {path.stem!r}")
    name = _text(source, "name", raw["name"])
    description = "" if raw.get("description") is None else _text(source, "description", raw["description"])
    baseline = raw.get("scale_baseline")
    if baseline is not None:
        if not _is_number(baseline) or not 0.0 <= float(baseline) <= 1.0:
            raise PlaybookError(source, "scale_baseline", f"{baseline!r} must be a number from 0 to 1")
        baseline = float(baseline)

    competencies = _competencies(source, raw["competencies"], taxonomy)
    domains = _skill_list(source, "domains", raw.get("domains"), taxonomy)
    for index, skill in enumerate(domains):
        category = _category(taxonomy, skill)
        if category != "domain":
            raise PlaybookError(source, f"domains[{index}]", f"{skill!r} is a {category} skill, not a domain")
    overlap = {c.skill for c in competencies} & set(domains)
    if overlap:
        raise PlaybookError(
            source, "domains", f"{sorted(overlap)[0]!r} is also a competency; list it in one place only"
        )
    named = {c.skill for c in competencies} | set(domains)
    must_have = _skill_list(source, "must_have", raw.get("must_have"), taxonomy)
    for index, skill in enumerate(must_have):
        if skill not in named:
            raise PlaybookError(
                source,
                f"must_have[{index}]",
                f"{skill!r} is neither a competency nor a domain; add it with a weight and a why",
            )
    return Playbook(book_id, name, description, competencies, must_have, domains, baseline, source)


def _competencies(source: str, value: object, taxonomy: Taxonomy) -> tuple[Competency, ...]:
    if not isinstance(value, list) or not value:
        raise PlaybookError(source, "competencies", "must be a non-empty list of {skill, weight, why}")
    found: list[Competency] = []
    seen: set[str] = set()
    for index, entry in enumerate(value):
        where = f"competencies[{index}]"
        if not isinstance(entry, dict):
            raise PlaybookError(source, where, "must be a mapping such as {skill: go, weight: 2, why: ...}")
        for key in entry:
            if key not in _COMPETENCY_KEYS:
                raise PlaybookError(
                    source, f"{where}.{key}", f"unknown key{_did_you_mean(str(key), _COMPETENCY_KEYS)}"
                )
        for key in _COMPETENCY_KEYS:
            if key not in entry:
                raise PlaybookError(source, f"{where}.{key}", "is required")
        skill = _skill_id(source, f"{where}.skill", entry["skill"], taxonomy)
        if skill in seen:
            raise PlaybookError(source, f"{where}.skill", f"{skill!r} is listed twice")
        seen.add(skill)
        weight = entry["weight"]
        if not _is_number(weight) or not float(weight) > 0:
            raise PlaybookError(source, f"{where}.weight", f"{weight!r} must be a positive number")
        why = _text(source, f"{where}.why", entry["why"])
        found.append(Competency(skill, float(weight), why))
    return tuple(found)


def _skill_list(source: str, key: str, value: object, taxonomy: Taxonomy) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PlaybookError(source, key, "must be a list of skill ids, such as [trading, market-data]")
    ids = [_skill_id(source, f"{key}[{index}]", item, taxonomy) for index, item in enumerate(value)]
    for index, skill in enumerate(ids):
        if skill in ids[:index]:
            raise PlaybookError(source, f"{key}[{index}]", f"{skill!r} is listed twice")
    return tuple(ids)


def _skill_id(source: str, key: str, value: object, taxonomy: Taxonomy) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PlaybookError(source, key, f"{value!r} must be a skill id such as 'concurrency'")
    if value in taxonomy:
        return value
    # Ids, not aliases: a playbook is a contract other files refer to, so it names skills exactly.
    resolved = taxonomy.resolve(value)
    if resolved is not None:
        raise PlaybookError(source, key, f"{value!r} is not a skill id; did you mean {resolved.id!r}?")
    hint = _did_you_mean(value, taxonomy.ids(), list_all=False)
    raise PlaybookError(source, key, f"{value!r} is not a skill in the taxonomy{hint}")


def _text(source: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PlaybookError(source, key, f"must be non-empty text, got {value!r}")
    return " ".join(value.split())


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _category(taxonomy: Taxonomy, skill_id: str) -> str:
    skill = taxonomy.get(skill_id)
    return "" if skill is None else skill.category


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str], *, list_all: bool = True) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of {', '.join(choices)}" if list_all else ""
