"""The role file: one role as YAML, exactly the contract in DESIGN.md, read strictly and written back.

    title: Senior Go Engineer - High-Frequency Trading Platform
    client: {name: Meridian Quant, industry: fintech, stage: scale-up, locations: [London]}
    languages: [go]
    project: low-latency-trading        # a playbook id
    seniority: senior                   # junior | mid | senior | staff | lead
    location: London
    remote: onsite                      # onsite | hybrid | remote
    salary: {min: 90000, max: 130000, currency: GBP}
    must_have: [go, concurrency, low latency]
    nice_to_have: [kafka, fix protocol, trading]
    growth: {horizon_months: 36, traffic_rps: {now: 2000, target: 80000}, ...}
    culture: [fast-paced, in-office, engineering-led]
    description: Free text of the job description.

Only ``title`` is required. Reading is strict because a typo in a role file silently changes who gets
shortlisted: an unknown key is an error that names it (with "did you mean"), a bad value is an error
with its field path (``growth.traffic_rps.target``) and the accepted values, and every problem in the
file is reported at once. Skills are stored by canonical id ("low latency" → ``low-latency``); a term
the taxonomy does not know is kept as written, as free text, with a warning. ``dump_role_yaml`` writes
the same layout back, and parsing its output gives an equal ``RoleSpec``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import yaml

from shortlist.engine.roles.growth import METRIC_NAMES, GrowthPlan, NowTarget
from shortlist.engine.roles.playbooks import FALLBACK_ID, Playbook, default_playbooks
from shortlist.engine.vocab.enums import ClientStage, Seniority, WorkMode
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

ROLE_KEYS = (
    "title",
    "client",
    "languages",
    "project",
    "seniority",
    "location",
    "remote",
    "salary",
    "must_have",
    "nice_to_have",
    "growth",
    "culture",
    "description",
)
CLIENT_KEYS = ("name", "industry", "stage", "locations")
SALARY_KEYS = ("min", "max", "currency")
GROWTH_KEYS = ("horizon_months", *METRIC_NAMES)
NOW_TARGET_KEYS = ("now", "target")
DEFAULT_CURRENCY = "GBP"

_E = TypeVar("_E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class ClientSpec:
    name: str
    industry: str = ""
    stage: ClientStage | None = None
    locations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Salary:
    min: int | None = None
    max: int | None = None
    currency: str = DEFAULT_CURRENCY


@dataclass(frozen=True, slots=True)
class RoleSpec:
    """A role as the recruiter states it. Skills are canonical ids, or free text the taxonomy lacks."""

    title: str
    client: ClientSpec | None = None
    languages: tuple[str, ...] = ()
    project: str = FALLBACK_ID
    seniority: Seniority | None = None
    location: str = ""
    remote: WorkMode | None = None
    salary: Salary | None = None
    must_have: tuple[str, ...] = ()
    nice_to_have: tuple[str, ...] = ()
    growth: GrowthPlan | None = None
    culture: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class RoleFileIssue:
    path: str  # e.g. "growth.traffic_rps.target"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class RoleFileError(ValueError):
    """A role file that cannot be used. ``issues`` holds every problem; path and message are the first."""

    def __init__(self, source: str, issues: list[RoleFileIssue]) -> None:
        self.source = source
        self.issues = tuple(issues)
        self.path = issues[0].path if issues else ""
        self.message = issues[0].message if issues else "invalid role file"
        if len(self.issues) <= 1:
            text = f"{source}: {self.issues[0] if self.issues else self.message}"
        else:
            lines = "\n".join(f"  - {issue}" for issue in self.issues)
            text = f"{source}: {len(self.issues)} problems:\n{lines}"
        super().__init__(text)


# --- reading -------------------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice: PyYAML would silently keep the last one."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
        except TypeError:
            continue  # an unhashable key: construct_mapping reports it
        if duplicate:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f"key {key!r} appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_role_yaml(
    text: str,
    source: str = "<role>",
    *,
    taxonomy: Taxonomy | None = None,
    playbooks: Mapping[str, Playbook] | None = None,
) -> tuple[RoleSpec, list[str]]:
    """Read a role file: the spec and its warnings (free-text skills, duplicates), or RoleFileError."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        raise RoleFileError(source, [RoleFileIssue("", f"not valid YAML: {exc}")]) from exc
    return role_spec_from_mapping(data, source, taxonomy=taxonomy, playbooks=playbooks)


def role_spec_from_mapping(
    data: object,
    source: str = "<role>",
    *,
    taxonomy: Taxonomy | None = None,
    playbooks: Mapping[str, Playbook] | None = None,
) -> tuple[RoleSpec, list[str]]:
    """The same validation as parse_role_yaml, for a mapping from a form or an API body."""
    reader = _Reader(source, taxonomy or default_taxonomy(), playbooks or default_playbooks())
    spec = reader.role(data)
    if reader.issues or spec is None:
        raise RoleFileError(source, reader.issues or [RoleFileIssue("", "invalid role file")])
    return spec, reader.warnings


class _Reader:
    """Walks the mapping, collecting every problem rather than stopping at the first."""

    def __init__(self, source: str, taxonomy: Taxonomy, playbooks: Mapping[str, Playbook]) -> None:
        self.source = source
        self.taxonomy = taxonomy
        self.playbooks = playbooks
        self.issues: list[RoleFileIssue] = []
        self.warnings: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.issues.append(RoleFileIssue(path, message))

    def keys(self, path: str, data: Mapping[Any, Any], allowed: tuple[str, ...]) -> None:
        for key in data:
            where = f"{path}.{key}" if path else str(key)
            if not isinstance(key, str) or key not in allowed:
                self.fail(where, f"unknown key{_suggest(str(key), allowed)}")

    def role(self, data: object) -> RoleSpec | None:
        if data is None:
            self.fail("", "the file is empty; a role needs at least a title")
            return None
        if not isinstance(data, dict):
            self.fail("", f"must be a mapping of {', '.join(ROLE_KEYS)}; got {_kind(data)}")
            return None
        self.keys("", data, ROLE_KEYS)
        title = self.text("title", data.get("title"), required=True)
        must = self.skills("must_have", data.get("must_have"))
        nice = self.skills("nice_to_have", data.get("nice_to_have"))
        both = [term for term in nice if term in must]
        for term in both:
            self.warnings.append(f"nice_to_have: {term!r} is also a must-have; kept as a must-have only")
        return RoleSpec(
            title=title,
            client=self.client(data.get("client")),
            languages=self.languages(data.get("languages")),
            project=self.project(data.get("project")),
            seniority=self.choice("seniority", data.get("seniority"), Seniority),
            location=self.text("location", data.get("location")),
            remote=self.choice("remote", data.get("remote"), WorkMode),
            salary=self.salary(data.get("salary")),
            must_have=must,
            nice_to_have=tuple(term for term in nice if term not in must),
            growth=self.growth(data.get("growth")),
            culture=self.texts("culture", data.get("culture")),
            description=self.text("description", data.get("description"), collapse=False),
        )

    # -- scalars --

    def text(self, path: str, value: object, *, required: bool = False, collapse: bool = True) -> str:
        if value is None:
            if required:
                self.fail(path, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(path, f"must be text; got {_kind(value)} {value!r}")
            return ""
        # Titles and names collapse runs of spaces so a re-typed title compares equal; prose stays as written.
        cleaned = " ".join(value.split()) if collapse else value
        if required and not cleaned.strip():
            self.fail(path, "must not be empty")
        return cleaned

    def texts(self, path: str, value: object) -> tuple[str, ...]:
        items = self.sequence(path, value, "a list of text such as [fast-paced, engineering-led]")
        found = [self.text(f"{path}[{index}]", item) for index, item in enumerate(items)]
        return tuple(dict.fromkeys(item for item in found if item))

    def sequence(self, path: str, value: object, example: str) -> list[object]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, f"must be {example}; got {_kind(value)} {value!r}")
            return []
        return value

    def choice(self, path: str, value: object, enum: type[_E]) -> _E | None:
        if value is None:
            return None
        accepted = tuple(member.value for member in enum)
        if isinstance(value, str) and value.strip().lower() in accepted:
            return enum(value.strip().lower())
        # Vocabularies with other spellings (a client's stage: "Series B", "pre IPO") read them too.
        parse = getattr(enum, "parse", None)
        if isinstance(value, str) and parse is not None and (found := parse(value)) is not None:
            return found
        hint = _suggest(str(value).lower(), accepted, always_list=True)
        self.fail(path, f"{value!r} is not accepted{hint}")
        return None

    def number(self, path: str, value: object, *, whole: bool = False) -> float | int | None:
        if value is None:
            self.fail(path, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            kind = "a whole number such as 90000" if whole else "a number such as 80000"
            self.fail(path, f"must be {kind}; got {value!r}")
            return None
        if value < 0:
            self.fail(path, f"must not be negative; got {value!r}")
            return None
        if whole and not isinstance(value, int):
            if not float(value).is_integer():
                self.fail(path, f"must be a whole number; got {value!r}")
                return None
            value = int(value)
        return value

    def mapping(self, path: str, value: object, example: str) -> dict[Any, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping such as {example}; got {_kind(value)} {value!r}")
            return None
        return value

    # -- sections --

    def client(self, value: object) -> ClientSpec | None:
        data = self.mapping("client", value, "{name: Meridian Quant, industry: fintech}")
        if data is None:
            return None
        self.keys("client", data, CLIENT_KEYS)
        return ClientSpec(
            name=self.text("client.name", data.get("name"), required=True),
            industry=self.text("client.industry", data.get("industry")),
            stage=self.choice("client.stage", data.get("stage"), ClientStage),
            locations=self.texts("client.locations", data.get("locations")),
        )

    def project(self, value: object) -> str:
        if value is None:
            return FALLBACK_ID
        ids = tuple(self.playbooks)
        if isinstance(value, str) and value.strip() in self.playbooks:
            return value.strip()
        self.fail("project", f"{value!r} is not a playbook{_suggest(str(value), ids, always_list=True)}")
        return FALLBACK_ID

    def languages(self, value: object) -> tuple[str, ...]:
        items = self.sequence("languages", value, "a list of languages such as [go, python]")
        found: list[str] = []
        for index, item in enumerate(items):
            path = f"languages[{index}]"
            term = self.text(path, item)
            if not term:
                continue
            skill = self.taxonomy.resolve(term)
            if skill is not None and skill.category == "language":
                found.append(skill.id)
            elif skill is not None:
                self.fail(
                    path,
                    f"{term!r} is {skill.name} ({skill.category}), not a language; list it in must_have",
                )
            else:
                names = [s.id for s in self.taxonomy.by_category("language")]
                self.fail(
                    path, f"{term!r} is not a language the taxonomy knows{_suggest(term.lower(), names)}"
                )
        return tuple(dict.fromkeys(found))

    def skills(self, path: str, value: object) -> tuple[str, ...]:
        items = self.sequence(path, value, "a list of skills such as [go, kafka]")
        found: list[str] = []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)  # "3D", "5G": YAML may read a skill name as a number
            term = self.text(where, item)
            if not term:
                continue
            skill = self.taxonomy.resolve(term)
            if skill is None:
                hint = _suggest(term.lower(), [s.id for s in self.taxonomy])
                self.warnings.append(
                    f"{where}: {term!r} is not in the skills taxonomy; kept as free text{hint}"
                )
                canonical = term
            else:
                canonical = skill.id
            if canonical in found:
                self.warnings.append(f"{where}: {term!r} is listed twice; kept once")
                continue
            found.append(canonical)
        return tuple(found)

    def salary(self, value: object) -> Salary | None:
        data = self.mapping("salary", value, "{min: 90000, max: 130000, currency: GBP}")
        if data is None:
            return None
        self.keys("salary", data, SALARY_KEYS)
        low = self.number("salary.min", data["min"], whole=True) if data.get("min") is not None else None
        high = self.number("salary.max", data["max"], whole=True) if data.get("max") is not None else None
        if low is None and high is None and "min" not in data and "max" not in data:
            self.fail("salary", "needs min, max or both")
        if low is not None and high is not None and low > high:
            self.fail("salary", f"min {low} is above max {high}")
        currency = data.get("currency", DEFAULT_CURRENCY)
        if not isinstance(currency, str) or len(currency.strip()) != 3 or not currency.strip().isalpha():
            self.fail("salary.currency", f"{currency!r} must be a three-letter code such as GBP, EUR or USD")
            currency = DEFAULT_CURRENCY
        return Salary(
            None if low is None else int(low), None if high is None else int(high), currency.strip().upper()
        )

    def growth(self, value: object) -> GrowthPlan | None:
        data = self.mapping("growth", value, "{horizon_months: 36, traffic_rps: {now: 2000, target: 80000}}")
        if data is None:
            return None
        self.keys("growth", data, GROWTH_KEYS)
        horizon = data.get("horizon_months", 36)
        if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon <= 0:
            self.fail("growth.horizon_months", f"must be a whole number of months above 0; got {horizon!r}")
            horizon = 36
        metrics: dict[str, NowTarget | None] = {}
        for name in METRIC_NAMES:
            path = f"growth.{name}"
            entry = self.mapping(path, data.get(name), "{now: 2000, target: 80000}")
            if entry is None:
                continue
            self.keys(path, entry, NOW_TARGET_KEYS)
            now = self.number(f"{path}.now", entry.get("now"))
            target = self.number(f"{path}.target", entry.get("target"))
            if now is not None and target is not None:
                metrics[name] = NowTarget(now, target)
        return GrowthPlan(horizon, **metrics)


def _kind(value: object) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _suggest(word: str, choices: tuple[str, ...] | list[str], *, always_list: bool = False) -> str:
    """ "; did you mean 'x'?" for a close choice; with always_list, the accepted values as well."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if always_list or (not close and len(choices) <= 20):
        hint += f" (accepted: {', '.join(choices)})"
    return hint


# --- writing -------------------------------------------------------------------------------------------


def role_spec_to_mapping(spec: RoleSpec) -> dict[str, Any]:
    """Plain data in the file's key order, leaving out what is empty (so defaults stay defaults)."""
    out: dict[str, Any] = {"title": spec.title}
    if spec.client is not None:
        client: dict[str, Any] = {"name": spec.client.name}
        if spec.client.industry:
            client["industry"] = spec.client.industry
        if spec.client.stage is not None:
            client["stage"] = spec.client.stage.value
        if spec.client.locations:
            client["locations"] = list(spec.client.locations)
        out["client"] = client
    if spec.languages:
        out["languages"] = list(spec.languages)
    out["project"] = spec.project
    if spec.seniority is not None:
        out["seniority"] = spec.seniority.value
    if spec.location:
        out["location"] = spec.location
    if spec.remote is not None:
        out["remote"] = spec.remote.value
    if spec.salary is not None:
        salary: dict[str, Any] = {}
        if spec.salary.min is not None:
            salary["min"] = spec.salary.min
        if spec.salary.max is not None:
            salary["max"] = spec.salary.max
        salary["currency"] = spec.salary.currency
        out["salary"] = salary
    if spec.must_have:
        out["must_have"] = list(spec.must_have)
    if spec.nice_to_have:
        out["nice_to_have"] = list(spec.nice_to_have)
    if spec.growth is not None:
        growth: dict[str, Any] = {"horizon_months": spec.growth.horizon_months}
        for name, nt in spec.growth.metrics():
            growth[name] = {"now": nt.now, "target": nt.target}
        out["growth"] = growth
    if spec.culture:
        out["culture"] = list(spec.culture)
    if spec.description:
        out["description"] = spec.description
    return out


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: {now: 2000, target: 80000}."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list written on one line: [go, kafka]."""


@dataclass(slots=True)
class _Literal:
    """Multi-line text written as a block (``|``) so a pasted job description stays readable."""

    text: str = field(default="")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(_Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v.text, style="|"))


def dump_role_yaml(spec: RoleSpec) -> str:
    """The role as YAML in the DESIGN.md layout; ``parse_role_yaml`` of the result equals ``spec``."""
    data: dict[str, Any] = {}
    for key, value in role_spec_to_mapping(spec).items():
        if key == "growth":
            data[key] = {k: _Flow(v) if isinstance(v, dict) else v for k, v in value.items()}
        elif isinstance(value, dict):
            data[key] = _Flow({k: _FlowList(v) if isinstance(v, list) else v for k, v in value.items()})
        elif isinstance(value, list):
            data[key] = _FlowList(value)
        elif key == "description" and "\n" in value:
            data[key] = _Literal(value)
        else:
            data[key] = value
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
