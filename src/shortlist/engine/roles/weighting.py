"""The role profile: a role's requirements as weighted criteria, each with the reason a client can read.

Inputs: the role file (``RoleSpec``), its project playbook and the client's growth plan. Output: criteria
whose weights are shares of 1.0, each with one line such as "Proven scale 22%: traffic 2k → 80k rps within
36 months (40x)" or "Go 14%: must-have; primary language of the role".

How the weights combine (docs/role-modelling.md has the worked example):

1. Fixed shares, each present only when the role gives its input:
   proven scale ``0.25 * P * (0.4 + 0.6 * hardness)`` (P = scale pressure, growth.py; hardness 0 at a
   target of "easy" size, 1 at "hard"), at most 5% for junior and 10% for mid roles; leadership
   ``0.12 * T`` (T = team growth) split mentoring / hiring / leadership, plus 0.06 for lead and 0.04
   for staff roles; domains 0.06;
   seniority 0.05; location 0.02, salary 0.015, right to work 0.015; culture 0.03; the job title
   ``0.10 * (0.25 + 0.75 * the part of its units the skill criteria do not already weigh)`` when it has
   distinctive words (titles.py: "Java Developer" is read against the candidate's headline and job
   titles).
2. The rest goes to skills, in proportion to points: a must-have 3 (4.5 for a primary language: one of
   ``languages`` the role does not put under nice-to-have), a
   nice-to-have 1, a playbook competency the role did not name ``0.5 * its weight`` (the recruiter's own
   list outranks the template).
   A must- or nice-to-have that is also a playbook competency gains ``0.5 * the competency weight`` and
   quotes the playbook's why. Scale skills (scalability, distributed systems, capacity planning, high
   availability, load balancing) are multiplied by ``1 + (P - b) / (1 - b)``: up to double under steep growth.
3. A skill is one criterion however many reasons name it: the first kind in KIND_ORDER owns it and later
   shares and reasons are added to it.
4. Scale (junior and mid roles) and the title are kept no higher than the core skill (``bound``).
5. Criteria under 0.5% are dropped and the rest renormalised, so every line a recruiter reads matters.

Deterministic: the same spec, taxonomy and playbooks give identical criteria in identical order
(weight descending, then kind, then key). ROLE_MODEL_VERSION goes into audit records with the weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from shortlist.engine.cv.contact import find_location
from shortlist.engine.cv.titles import Unit, role_units
from shortlist.engine.roles.growth import DEFAULT_BASELINE as GROWTH_BASELINE
from shortlist.engine.roles.growth import (
    METRICS,
    ScalePressure,
    format_quantity,
    metric_reason,
    scale_pressure,
)
from shortlist.engine.roles.playbooks import FALLBACK_ID, Playbook, default_playbooks
from shortlist.engine.roles.rolefile import RoleSpec, Salary
from shortlist.engine.vocab.enums import SCALE_UNITS, SENIORITY_MIN_YEARS, ScaleMetric, Seniority, WorkMode
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

ROLE_MODEL_VERSION = "5"  # 2: the job-title criterion; 3: languages stay nice, scale and title bounded;
# 4: a role title's qualifier ("- CI/CD", "(Django, REST APIs)") is not the job name (titles.QUALIFIER_WEIGHT)
# 5: a nice-to-have weighs two-thirds of a must-have, not a third (NICE_POINTS)

SCALE_MAX_SHARE = 0.25
# The most proven scale may take for each level: a junior or mid engineer is hired to build, not to
# have already run the client's future system, so scale stays a modest share there however steep the
# plan; a role that states no level is read as senior.
SCALE_LEVEL_CAP: dict[Seniority | None, float] = {
    Seniority.JUNIOR: 0.05,
    Seniority.MID: 0.10,
    Seniority.SENIOR: SCALE_MAX_SHARE,
    Seniority.STAFF: SCALE_MAX_SHARE,
    Seniority.LEAD: SCALE_MAX_SHARE,
    None: SCALE_MAX_SHARE,
}
# A target just above "easy" (growth.py) asks little proof: it keeps this part of the scale share, and
# only a target at "hard" (100k rps, 1 PB, 10M users) keeps all of it.
SCALE_EASY_PART = 0.4
# Levels for which scale must never outweigh the role's core skill (primary language or top must-have).
SCALE_BELOW_CORE = frozenset({Seniority.JUNIOR, Seniority.MID})
TEAM_MAX_SHARE = 0.12
SENIORITY_LEADERSHIP_SHARE: dict[Seniority, float] = {Seniority.LEAD: 0.06, Seniority.STAFF: 0.04}
DOMAIN_SHARE = 0.06
SENIORITY_SHARE = 0.05
LOCATION_SHARE = 0.02
SALARY_SHARE = 0.015
RIGHT_TO_WORK_SHARE = 0.015
CULTURE_SHARE = 0.03
# The title is the first thing a recruiter reads and a strong signal of what someone does all day, but
# it is self-described: worth a couple of nice-to-haves, never as much as the evidence behind the skills.
# Never above the core skill (see bound). The share is not cut for titles made of the role's own skills
# ("Python Developer"): a candidate *titled* Python Developer is not the same evidence as one who used
# Python, and cutting it to a quarter cost the Kaggle category check 0.781 -> 0.750 MAP (below BM25's
# 0.760; DotNet 0.81 -> 0.59). Issue 11's dev set is where this share is to be fitted.
TITLE_SHARE = 0.10
MUST_POINTS = 3.0
# The must-haves decide who is in (the must-have gate and filter, scoring.py); among those who are, the
# nice-to-haves are the job's own tools (Tableau and Power BI for an analyst, Ansible and Docker for a
# DevOps engineer) and tell the trade apart from a neighbour who shares the must-haves. At a third of a
# must-have they could not: ten years of SQL alone beat SQL with three of the analyst's tools at work.
# Two-thirds keeps any one must-have well above any one nice-to-have (tests/test_the_job_s_tools_tell_
# the_trade_apart.py). Ninth fit (benchmarks.ranking_fit, 24 tune roles): 2 in every fold; 2.5 would score
# a little higher, but a must-have would then outweigh a nice-to-have by a fifth only.
NICE_POINTS = 2.0
COMPETENCY_FACTOR = 0.5  # a playbook-only competency counts half: the template, not the client, asked for it
COMPETENCY_BOOST = 0.5  # a must/nice the playbook also names gains half the competency's weight
LANGUAGE_BOOST = 1.5  # a primary language is core to the role, like a weight-3 competency
MIN_SHARE = 0.005
SCALE_SKILLS = frozenset(
    {"scalability", "distributed-systems", "capacity-planning", "high-availability", "load-balancing"}
)
# How team growth's share is split, and what each skill is for when a team grows.
TEAM_SPLIT: tuple[tuple[str, float, str], ...] = (
    ("mentoring", 0.4, "new engineers need onboarding and mentoring"),
    ("hiring", 0.3, "the team hires as it grows"),
    ("leadership", 0.3, "a growing team needs people who can lead a workstream"),
)
SENIORITY_SPLIT: tuple[tuple[str, float], ...] = (("leadership", 0.5), ("mentoring", 0.5))
CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


class CriterionKind(StrEnum):
    MUST = "must"
    NICE = "nice"
    COMPETENCY = "competency"
    DOMAIN = "domain"
    SCALE = "scale"
    LEADERSHIP = "leadership"
    SENIORITY = "seniority"
    LOGISTICS = "logistics"
    CULTURE = "culture"
    TITLE = "title"


KIND_ORDER = tuple(CriterionKind)
METRIC_BY_KIND = {scale.metric: scale for scale in METRICS.values()}


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str  # stable id within a role: "must:go", "scale", "logistics:salary"
    kind: CriterionKind
    skill: str | None  # canonical skill id, or None (free text, scale, logistics, culture)
    label: str
    weight: float  # share of the whole; a profile's weights sum to 1.0
    why: str  # "Go 14%: must-have; primary language of the role"


@dataclass(frozen=True, slots=True)
class RoleProfile:
    spec: RoleSpec
    criteria: tuple[Criterion, ...]
    scale: ScalePressure
    warnings: tuple[str, ...] = ()
    free_terms: tuple[str, ...] = ()
    playbook: str = FALLBACK_ID
    version: str = ROLE_MODEL_VERSION
    title_units: tuple[Unit, ...] = ()  # what the "title" criterion compares (titles.py)

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)

    def weight_of(self, kind: CriterionKind | str) -> float:
        """The total share of one kind of criterion."""
        return sum(c.weight for c in self.criteria if c.kind == kind)

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output and audit records."""
        return {
            "title": self.spec.title,
            "project": self.playbook,
            "version": self.version,
            "scale": {
                "pressure": round(self.scale.value, 4),
                "baseline": self.scale.baseline,
                "team_growth": round(self.scale.team_growth, 4),
                "targets": {metric.value: value for metric, value in self.scale.targets.items()},
                "reasons": list(self.scale.reasons),
            },
            "criteria": [
                {
                    "key": c.key,
                    "kind": c.kind.value,
                    "skill": c.skill,
                    "label": c.label,
                    "weight": round(c.weight, 6),
                    "why": c.why,
                }
                for c in self.criteria
            ],
            "warnings": list(self.warnings),
            "free_terms": list(self.free_terms),
            "title_units": [{"key": u.key, "weight": u.weight, "label": u.label} for u in self.title_units],
        }


def build_role_profile(
    spec: RoleSpec,
    taxonomy: Taxonomy | None = None,
    playbooks: Mapping[str, Playbook] | None = None,
    emphasis: Mapping[str, float] | None = None,
) -> RoleProfile:
    """The weighted, explained criteria for a role; see the module docstring for how weights combine."""
    taxonomy = taxonomy or default_taxonomy()
    playbooks = playbooks if playbooks is not None else default_playbooks()
    warnings: list[str] = []
    playbook = playbooks.get(spec.project)
    if playbook is None:
        warnings.append(f"project {spec.project!r} is not a known playbook; using {FALLBACK_ID!r}")
        playbook = playbooks[FALLBACK_ID]
    baseline = GROWTH_BASELINE if playbook.scale_baseline is None else playbook.scale_baseline
    pressure = scale_pressure(spec.growth, baseline)
    units = role_units(spec.title, taxonomy) if spec.title else ()
    builder = _Builder(spec, taxonomy, playbook, pressure, emphasis or {}, units)
    builder.build()
    warnings.extend(builder.warnings)
    criteria = builder.finish()
    return RoleProfile(
        spec=spec,
        criteria=criteria,
        scale=pressure,
        warnings=tuple(warnings),
        free_terms=tuple(builder.free_terms),
        playbook=playbook.id,
        title_units=units if any(c.kind == CriterionKind.TITLE for c in criteria) else (),
    )


# --- assembly ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    key: str
    kind: CriterionKind
    skill: str | None
    label: str
    share: float = 0.0
    points: float = 0.0  # skills only: shares of the skills pool are handed out by points
    reasons: list[str] = field(default_factory=list)


class _Builder:
    def __init__(
        self,
        spec: RoleSpec,
        taxonomy: Taxonomy,
        playbook: Playbook,
        pressure: ScalePressure,
        emphasis: Mapping[str, float],
        title_units: tuple[Unit, ...] = (),
    ) -> None:
        self.spec = spec
        self.title_units = title_units
        self.emphasis = emphasis
        self.taxonomy = taxonomy
        self.playbook = playbook
        self.pressure = pressure
        self.drafts: dict[str, _Draft] = {}
        self.core: str | None = None  # key of the core skill criterion (primary language or top must)
        self.by_skill: dict[str, str] = {}
        self.warnings: list[str] = []
        self.free_terms: list[str] = []

    def add(
        self,
        key: str,
        kind: CriterionKind,
        skill: str | None,
        label: str,
        reason: str,
        *,
        share: float = 0.0,
        points: float = 0.0,
    ) -> None:
        existing = self.drafts.get(self.by_skill[skill]) if skill in self.by_skill else self.drafts.get(key)
        if existing is None:
            existing = self.drafts[key] = _Draft(key, kind, skill, label)
            if skill is not None:
                self.by_skill[skill] = key
        existing.share += share
        existing.points += points
        if reason and reason not in existing.reasons:
            existing.reasons.append(reason)

    def build(self) -> None:
        # Precedence is the order of these calls: a skill belongs to the first kind that names it.
        self.role_terms()
        self.competencies()
        self.domains()
        self.scale()
        self.leadership()
        self.seniority()
        self.logistics()
        self.culture()
        self.title()

    # -- skills pool --

    def growth_factor(self) -> float:
        """1 with flat growth, up to 2 under the steepest: how much scale skills are raised."""
        baseline = self.pressure.baseline
        if baseline >= 1.0:
            return 1.0
        return 1.0 + (self.pressure.value - baseline) / (1.0 - baseline)

    def skill_points(self, skill: str, base: float, reasons: list[str], *, boost: bool) -> float:
        points = base
        competency = self.playbook.competency(skill) if boost else None
        if competency is not None:
            points += COMPETENCY_BOOST * competency.weight
            reasons.append(competency.why)
        factor = self.growth_factor()
        if skill in SCALE_SKILLS and factor > 1.0:
            points *= factor
            if factor >= 1.05:
                reasons.append(f"raised {factor:.1f}× by the growth plan")
        return points

    def role_terms(self) -> None:
        languages = list(self.spec.languages)
        # A language the recruiter put under nice-to-have stays nice: `languages` says what the team
        # writes, not that every one of them is required.
        nice = {self._canonical(term) for term in self.spec.nice_to_have}
        must_named = {self._canonical(term) for term in self.spec.must_have}
        implicit = [lang for lang in languages if self._canonical(lang) not in nice | must_named]
        must = [*implicit, *self.spec.must_have]
        for kind, terms, base, said in (
            (CriterionKind.MUST, must, MUST_POINTS, "must-have"),
            (CriterionKind.NICE, self.spec.nice_to_have, NICE_POINTS, "nice to have"),
        ):
            for term in terms:
                skill = self.taxonomy.get(term) or self.taxonomy.resolve(term)
                if skill is None:
                    self.free_terms.append(term)
                    self.warnings.append(
                        f"{kind.value}: {term!r} is not in the skills taxonomy; scored by its words in the "
                        "CV text only (add it to skills.yaml to score it as evidence)"
                    )
                    self.add(
                        f"{kind.value}:{term.casefold()}",
                        kind,
                        None,
                        term,
                        f"{said} (not in the skills taxonomy: scored by its words in the CV text)",
                        points=base * self.emphasis.get(term, 1.0),
                    )
                    continue
                reasons = [said]
                # The recruiter's per-requirement weight (1 unless changed) scales the kind's points.
                factor = self.emphasis.get(term, self.emphasis.get(skill.id, 1.0))
                points = base * factor
                if factor != 1.0:
                    reasons.append(f"weighted ×{factor:g} by the recruiter")
                if skill.id in {self._canonical(lang) for lang in languages}:
                    if kind == CriterionKind.MUST:
                        reasons.append("primary language of the role")
                        points += LANGUAGE_BOOST
                    else:
                        reasons.append("one of the role's languages")
                points = self.skill_points(skill.id, points, reasons, boost=True)
                for reason in reasons:
                    self.add(f"{kind.value}:{skill.id}", kind, skill.id, skill.name, reason)
                self.add(f"{kind.value}:{skill.id}", kind, skill.id, skill.name, "", points=points)

    def _canonical(self, term: str) -> str:
        skill = self.taxonomy.get(term) or self.taxonomy.resolve(term)
        return skill.id if skill is not None else term.casefold()

    def competencies(self) -> None:
        for competency in self.playbook.competencies:
            if competency.skill in self.by_skill:
                continue  # already a must/nice, which took the boost and the why
            skill = self.taxonomy.get(competency.skill)
            label = skill.name if skill else competency.skill
            typical = " (typical must-have)" if competency.skill in self.playbook.must_have else ""
            reasons = [f"{self.playbook.name}{typical}: {competency.why}"]
            points = self.skill_points(
                competency.skill, COMPETENCY_FACTOR * competency.weight, reasons, boost=False
            )
            key = f"competency:{competency.skill}"
            for reason in reasons:
                self.add(key, CriterionKind.COMPETENCY, competency.skill, label, reason)
            self.add(key, CriterionKind.COMPETENCY, competency.skill, label, "", points=points)

    # -- fixed shares --

    def domains(self) -> None:
        found: dict[str, str] = {}
        for domain in self.playbook.domains:
            found[domain] = f"domain of {self.playbook.name} projects"
        industry = self.taxonomy.resolve(self.spec.client.industry) if self.spec.client else None
        if industry is not None and industry.category == "domain":
            found.setdefault(industry.id, "the client's industry")
        for domain, reason in found.items():
            skill = self.taxonomy.get(domain)
            label = skill.name if skill else domain
            share = DOMAIN_SHARE / len(found)
            self.add(f"domain:{domain}", CriterionKind.DOMAIN, domain, label, reason, share=share)

    def hardness(self) -> float:
        """0 for a target at the "easy" size of its metric, 1 at "hard" (growth.py), log-scaled; the
        largest over the plan's technical targets. 1 without targets: the playbook's baseline speaks."""
        found = []
        for metric, target in self.pressure.targets.items():
            scale = METRIC_BY_KIND.get(metric)
            if scale is None or scale.weight <= 0 or target <= 0:
                continue
            span = math.log10(scale.hard / scale.easy)
            found.append(min(1.0, max(0.0, math.log10(max(target, scale.easy) / scale.easy) / span)))
        return max(found) if found else 1.0

    def scale(self) -> None:
        hardness = self.hardness()
        share = SCALE_MAX_SHARE * self.pressure.value * (SCALE_EASY_PART + (1 - SCALE_EASY_PART) * hardness)
        cap = SCALE_LEVEL_CAP[self.spec.seniority]
        bounds = []
        if hardness < 0.95:
            bounds.append(f"the target is {hardness:.0%} of the way from easy to hard")
        if share > cap:
            share = cap
            bounds.append(f"capped at {_percent(cap)} for a {self.spec.seniority or 'senior'} role")
        plan = self.spec.growth
        lines = [
            metric_reason(name, nt, plan.horizon_months)
            for name, nt in (plan.metrics() if plan else ())
            if name != "engineers"
        ]
        if not lines:
            reason = f"no growth plan given; baseline for {self.playbook.name}"
        else:
            bar = ", ".join(
                _quantity(metric, value)
                for metric, value in self.pressure.targets.items()
                if metric != ScaleMetric.ENGINEERS
            )
            if self.growth_factor() < 1.15:
                lines.append(f"little growth, so near the {self.playbook.name} baseline")
            lines.append(f"should already have handled {bar}")
            reason = "; ".join(lines)
        if bounds:
            reason = f"{reason}; {'; '.join(bounds)}"
        self.add("scale", CriterionKind.SCALE, None, "Proven scale", reason, share=share)

    def leadership(self) -> None:
        plan = self.spec.growth
        team = self.pressure.team_growth
        if plan is not None and plan.engineers is not None and team > 0:
            line = metric_reason("engineers", plan.engineers, plan.horizon_months)
            for skill_id, part, purpose in TEAM_SPLIT:
                self._leadership_skill(skill_id, TEAM_MAX_SHARE * team * part, f"{line}: {purpose}")
        level = self.spec.seniority
        if level is not None and level in SENIORITY_LEADERSHIP_SHARE:
            for skill_id, part in SENIORITY_SPLIT:
                share = SENIORITY_LEADERSHIP_SHARE[level] * part
                self._leadership_skill(skill_id, share, f"expected of a {level.value} engineer")

    def _leadership_skill(self, skill_id: str, share: float, reason: str) -> None:
        skill = self.taxonomy.get(skill_id)
        label = skill.name if skill else skill_id.replace("-", " ").capitalize()
        self.add(
            f"leadership:{skill_id}",
            CriterionKind.LEADERSHIP,
            skill_id if skill else None,
            label,
            reason,
            share=share,
        )

    def seniority(self) -> None:
        level = self.spec.seniority
        if level is None:
            return
        years = SENIORITY_MIN_YEARS[level]
        reason = f"{level.value} (typically {years:g}+ years)" if years else f"{level.value} (entry level)"
        self.add("seniority", CriterionKind.SENIORITY, None, "Seniority", reason, share=SENIORITY_SHARE)

    def logistics(self) -> None:
        spec = self.spec
        if spec.location or spec.remote is not None:
            where = ", ".join(
                part for part in (spec.location, spec.remote.value if spec.remote else "") if part
            )
            self.add(
                "logistics:location", CriterionKind.LOGISTICS, None, "Location", where, share=LOCATION_SHARE
            )
        if spec.salary is not None:
            self.add(
                "logistics:salary",
                CriterionKind.LOGISTICS,
                None,
                "Salary band",
                _salary(spec.salary),
                share=SALARY_SHARE,
            )
        workplace = spec.location
        if not workplace and spec.remote != WorkMode.REMOTE and spec.client and spec.client.locations:
            workplace = spec.client.locations[0]
        country = find_location(workplace)[1] if workplace else ""
        if country:
            self.add(
                "logistics:right-to-work",
                CriterionKind.LOGISTICS,
                None,
                "Right to work",
                f"in {country} ({workplace})",
                share=RIGHT_TO_WORK_SHARE,
            )

    def culture(self) -> None:
        for term in self.spec.culture:
            share = CULTURE_SHARE / len(self.spec.culture)
            label = term[:1].upper() + term[1:]
            self.add(
                f"culture:{term.casefold()}",
                CriterionKind.CULTURE,
                None,
                label,
                "client culture",
                share=share,
            )

    def title(self) -> None:
        if not self.title_units:
            return
        words = ", ".join(dict.fromkeys(unit.label for unit in self.title_units))
        reason = f"{self.spec.title!r} against the headline and job titles ({words})"
        self.add("title", CriterionKind.TITLE, None, "Job title", reason, share=TITLE_SHARE)

    # -- shares --

    def core_key(self) -> str | None:
        """The role's core skill: its strongest must-have by points (a primary language outranks)."""
        musts = [d for d in self.drafts.values() if d.kind == CriterionKind.MUST and d.skill is not None]
        if not musts:
            return None
        return max(musts, key=lambda d: (d.points, -list(self.drafts).index(d.key))).key

    def allocate(self, drafts: list[_Draft]) -> dict[str, float]:
        fixed = sum(d.share for d in drafts)
        points = sum(d.points for d in drafts)
        pool = max(0.0, 1.0 - fixed)
        return {d.key: d.share + (pool * d.points / points if points > 0 else 0.0) for d in drafts}

    def bound(self, drafts: list[_Draft]) -> None:
        """Scale (junior/mid roles) and the title never above the core skill.

        The core skill's share is c * (1 - fixed shares), c its part of the skill points, so lowering a
        bounded share raises the core's. The limit L is the fixed point where a clamped share equals the
        core's: L = c * (1 - other fixed - unclamped bounded) / (1 + c * clamped count). Clamping to it
        keeps each bounded share monotonic in its own input (a harder target never lowers scale).
        """
        core = self.core_key()
        points = sum(d.points for d in drafts)
        if core is None or points <= 0:
            return
        c = self.drafts[core].points / points
        keys = ["title"] + (["scale"] if self.spec.seniority in SCALE_BELOW_CORE else [])
        bounded = [self.drafts[k] for k in keys if k in self.drafts and self.drafts[k].points == 0]
        others = sum(d.share for d in drafts if d not in bounded)
        clamped: list[_Draft] = []
        while True:
            free = sum(d.share for d in bounded if d not in clamped)
            limit = c * max(0.0, 1.0 - others - free) / (1.0 + c * len(clamped))
            over = [d for d in bounded if d not in clamped and d.share > limit]
            if not over:
                break
            clamped.extend(over)
        for draft in clamped:
            draft.share = limit
            draft.reasons.append(f"kept no higher than {self.drafts[core].label}, the role's core skill")

    def finish(self) -> tuple[Criterion, ...]:
        drafts = list(self.drafts.values())
        self.bound(drafts)
        shares = self.allocate(drafts)
        for draft in drafts:
            draft.share = shares[draft.key]
        kept = [d for d in drafts if d.share >= MIN_SHARE] or drafts
        total = sum(d.share for d in kept)
        criteria = [
            Criterion(
                key=d.key,
                kind=d.kind,
                skill=d.skill,
                label=d.label,
                weight=d.share / total,
                why=f"{d.label} {_percent(d.share / total)}: {'; '.join(d.reasons)}",
            )
            for d in kept
        ]
        order = {kind: index for index, kind in enumerate(KIND_ORDER)}
        criteria.sort(key=lambda c: (-round(c.weight, 12), order[c.kind], c.key))
        return tuple(criteria)


def _percent(share: float) -> str:
    # Half up, not Python's half-to-even: a client reading 2.5% as "2%" next to 2.5% as "3%" loses trust.
    if share >= 0.0095:
        return f"{math.floor(share * 100 + 0.5)}%"
    return f"{math.floor(share * 1000 + 0.5) / 10:g}%"


def _quantity(metric: ScaleMetric, value: float) -> str:
    unit = SCALE_UNITS[metric]
    return f"{format_quantity(value)} {'rps' if metric == ScaleMetric.REQUESTS_PER_SECOND else unit}"


def _money(value: int, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency, "")
    amount = f"{value // 1000}k" if value % 1000 == 0 else f"{value:,}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def _salary(salary: Salary) -> str:
    if salary.min is not None and salary.max is not None:
        band = f"{_money(salary.min, salary.currency)}–{_money(salary.max, salary.currency)}"
    elif salary.min is not None:
        band = f"from {_money(salary.min, salary.currency)}"
    elif salary.max is not None:
        band = f"up to {_money(salary.max, salary.currency)}"
    else:
        band = "unstated"
    return f"{band} {salary.currency}" if salary.currency in CURRENCY_SYMBOLS else band


def format_criteria(profile: RoleProfile) -> str:
    """The criteria as a plain-text table a recruiter can paste to a client."""
    rows = [f"{'weight':>6}  {'kind':<10}  why"]
    rows += [f"{c.weight * 100:5.1f}%  {c.kind.value:<10}  {c.why}" for c in profile.criteria]
    return "\n".join(rows)
