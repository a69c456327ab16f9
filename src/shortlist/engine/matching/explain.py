"""Words for a ranking: reasons that cite the CV's own sentence, gaps, a counterfactual and a summary.

Everything here reads numbers the ranking already computed (per-criterion values and coverage routes
from match.py) and only looks up *where* they came from: the candidate's evidence row in the index and,
when a profile is at hand, the sentence and the job. Nothing is re-scored differently, so a reason can
never disagree with the score; the counterfactual re-runs scoring.combine with one value changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import numpy as np

from shortlist.engine.cv import titles
from shortlist.engine.matching import lexical
from shortlist.engine.matching.columns import Columns
from shortlist.engine.matching.scoring import (
    EXACT,
    IMPLIED,
    LEVEL_RANK,
    LEVELS,
    LOGISTICS_KEYS,
    METRICS,
    MODES,
    MUST_FULL,
    PLACEMENT_GATES,
    RELATED,
    SCALE_EQUIVALENTS,
    SCALE_NONE,
    SKILL_KINDS,
    UNKNOWN,
    WORK_STRENGTH,
    PlannedCriterion,
    RolePlan,
    blended_scale_fits,
    combine,
    link,
    logistics_parts,
    placement_gate,
    recency,
    reference_evidence,
    scale_fit_by_metric,
    seniority_fit,
)
from shortlist.engine.roles.growth import format_quantity
from shortlist.engine.vocab.enums import SCALE_UNITS, ScaleMetric
from shortlist.engine.vocab.profile import Evidence, Job, Profile, ScaleClaimFound

if TYPE_CHECKING:
    from shortlist.engine.matching.index import CandidateIndex

MAX_REASONS = 5
MAX_SKILL_REASONS = 4
MAX_GAPS = 6
REASON_MIN_VALUE = 0.3  # below this a skill is not a reason to shortlist
NICE_GAP_BELOW = 0.15  # a nice-to-have or competency this weak is worth naming as a gap
GAP_MIN_WEIGHT = 0.02  # … if it carries at least this share of the score
# Which gaps a recruiter reads first: tier + the share of the score the shortfall costs. A missing
# must-have or a logistics blocker can rule someone out; a playbook competency rarely does.
GAP_TIERS = {
    "must": 3.0,
    "logistics": 2.0,
    "seniority": 0.6,
    "scale": 0.5,
    "nice": 0.3,
    "domain": 0.1,
    "title": 0.05,
    "competency": 0.0,
}
STALE_RECENCY = 0.5  # more than one half-life ago
TITLE_REASON_MIN = 0.5  # half the role title's distinctive words found in the candidate's titles
TITLE_GAP_BELOW = 0.15
COUNTERFACTUAL_MIN_GAIN = 0.5  # points; less is noise, not a story for the client
MAX_SNIPPET = 160
TEAM_REASON_LOG10 = math.log10(4)  # a team of four or more is worth citing
CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$"}
METRIC_WORDS = {
    "requests_per_second": "traffic",
    "messages_per_second": "message throughput",
    "transactions_per_day": "transaction volume",
    "users": "users",
    "data_volume": "data volume",
    "rows": "table size",
    "engineers": "team size",
    "nodes": "cluster size",
}


@dataclass(frozen=True, slots=True)
class Told:
    reasons: list[str]
    gaps: list[str]
    summary: str


@dataclass(frozen=True, slots=True)
class _Source:
    """The candidate skill behind a criterion's value."""

    code: int
    route: int
    strength: float
    years: float
    last_used: int


@dataclass(frozen=True, slots=True)
class _ScaleShown:
    target_metric: int  # positions in METRICS
    claim_metric: int
    claim: float  # log10, in the claim's own unit
    target: float  # log10
    fit: float


@dataclass(frozen=True, slots=True)
class _Facts:
    """One candidate's dense columns and dense fits as plain numbers (computed for all top k at once)."""

    level: int
    total_years: float
    scale: tuple[float, ...]  # log10 per METRICS entry
    city: int
    country: int
    mode: int
    relocate: int
    rtw: int
    salary: float
    notice: int
    scale_fits: tuple[tuple[int, float], ...]  # per target metric of the plan
    scale_blended: tuple[float, ...]  # … as the score counts it: a flat metric leans on the best fit
    seniority: float
    logistics: dict[str, float]
    placement: float  # scoring.placement_gate: below 1 for someone elsewhere who will not relocate


def _dense_facts(plan: RolePlan, columns: Columns) -> list[_Facts]:
    by_metric = scale_fit_by_metric(columns, plan)
    scale_fits = [(position, fit.tolist()) for position, fit in by_metric]
    blended = [fit.tolist() for fit in blended_scale_fits([fit for _, fit in by_metric], plan)]
    placement = placement_gate(columns, plan).tolist()
    seniority = seniority_fit(columns, plan).tolist()
    logistics = {name: part.tolist() for name, part in logistics_parts(columns, plan).items()}
    scale = columns.scale.T.tolist()
    plain = {name: getattr(columns, name).tolist() for name in Columns.DTYPES if name != "scale"}
    return [
        _Facts(
            level=plain["level"][j],
            total_years=plain["total_years"][j],
            scale=tuple(scale[j]),
            city=plain["city"][j],
            country=plain["country"][j],
            mode=plain["mode"][j],
            relocate=plain["relocate"][j],
            rtw=plain["rtw"][j],
            salary=plain["salary"][j],
            notice=plain["notice"][j],
            scale_fits=tuple((position, fits[j]) for position, fits in scale_fits),
            scale_blended=tuple(fits[j] for fits in blended),
            seniority=seniority[j],
            logistics={name: values[j] for name, values in logistics.items()},
            placement=placement[j],
        )
        for j in range(len(columns))
    ]


def explain_all(
    plan: RolePlan,
    index: CandidateIndex,
    columns: Columns,
    evidence: Sequence[Mapping[str, np.ndarray]],
    values: np.ndarray,
    routes: np.ndarray,
    scores: Sequence[float],
    profiles: Sequence[Profile | None],
) -> list[Told]:
    """Reasons, gaps and summary for each of k candidates from the values the ranking used.

    `columns`, `evidence`, `profiles` and the columns of `values`/`routes` are in the same order.
    """
    told = []
    for j, facts in enumerate(_dense_facts(plan, columns)):
        context = _Context(plan, index, facts, evidence[j], values[:, j], routes[:, j], profiles[j])
        reasons = context.reasons()
        gaps = context.gaps()
        told.append(Told(reasons, gaps, context.summary(float(scores[j]), gaps)))
    return told


class _Context:
    def __init__(
        self,
        plan: RolePlan,
        index: CandidateIndex,
        facts: _Facts,
        evidence: Mapping[str, np.ndarray],
        values: np.ndarray,
        routes: np.ndarray,
        profile: Profile | None,
    ) -> None:
        self.plan = plan
        self.index = index
        self.facts = facts
        self.values = values.tolist()
        self.routes = routes.tolist()
        self.profile = profile
        self.year = plan.reference_year
        self.evidence = evidence
        self.sources = self._sources()
        self._words: lexical.WordCounts | None = None

    def words(self) -> lexical.WordCounts | None:
        """The CV's words, read once for every phrase this candidate's reasons count."""
        if self._words is None and self.profile is not None:
            self._words = lexical.WordCounts(self.profile.text)
        return self._words

    # --- lookups --------------------------------------------------------------------------------------

    def _sources(self) -> dict[int, _Source]:
        """Per skill criterion: which of the candidate's skills gives it its value (best, most direct)."""
        ev = self.evidence
        position_of = {code: i for i, code in enumerate(ev["skill"].tolist())}
        values = ev["value"].tolist()
        found: dict[int, _Source] = {}
        for number, criterion in enumerate(self.plan.criteria):
            if criterion.column == UNKNOWN or int(self.routes[number]) > RELATED:
                continue
            if criterion.kind == "title":
                continue  # a title unit is quoted from the profile's titles, not from skill evidence
            best: tuple[float, int, int] | None = None
            for code, factor, route in self.index.coverers(criterion.column):
                position = position_of.get(code)
                if position is not None:
                    option = (values[position] * factor, -route, position)
                    if best is None or option > best:
                        best = option
            if best is not None:
                position = best[2]
                found[number] = _Source(
                    int(ev["skill"][position]),
                    -best[1],
                    float(ev["strength"][position]),
                    float(ev["years"][position]),
                    int(ev["last_used"][position]),
                )
        return found

    def name(self, code: int) -> str:
        return self.index.skill_name(code)

    def snippet(self, skill_code: int) -> tuple[Evidence, Job | None] | None:
        if self.profile is None:
            return None
        skill_id = self.index.codes.skills[skill_code]
        item = next((s for s in self.profile.skills if s.skill == skill_id), None)
        if item is None or not item.evidence:
            return None
        evidence = max(item.evidence, key=lambda e: (e.strength, -e.start))
        return evidence, _job_of(self.profile, evidence.start, evidence.snippet)

    # --- reasons --------------------------------------------------------------------------------------

    def reasons(self) -> list[str]:
        plan, values = self.plan, self.values
        ranked = sorted(
            (
                i
                for i, c in enumerate(plan.criteria)
                if c.kind in SKILL_KINDS and values[i] >= REASON_MIN_VALUE
            ),
            key=lambda i: (-plan.criteria[i].weight * float(values[i]), i),
        )
        reasons: list[str] = []
        cited: set[str] = set()
        for position in ranked:
            if len(reasons) == MAX_SKILL_REASONS:
                break
            text = self.skill_reason(plan.criteria[position], self.sources.get(position), cited)
            if text:
                reasons.append(text)
        reasons.extend(self.free_text_reasons()[: max(0, MAX_REASONS - 1 - len(reasons))])
        scale = self.scale_reason()
        if scale:
            reasons.append(scale)
        team = self.team_reason()
        if team:
            reasons.append(team)
        # Reading the CV's words costs a pass over its text: only when a reason can still be shown.
        words = self.words_reason() if len(reasons) < MAX_REASONS else None
        if words:
            reasons.append(words)
        title = self.title_reason()
        if title and len(reasons) < MAX_REASONS:
            reasons.append(title)
        level = self.level_reason()
        if level and len(reasons) < MAX_REASONS:
            reasons.append(level)
        return reasons[:MAX_REASONS]

    # --- the words of the CV text (lexical.py) ---------------------------------------------------------

    def free_text_reasons(self) -> list[str]:
        """A free-text role term the CV text holds: how often, quoted from the text when it is at hand."""
        found = []
        for criterion, value in zip(self.plan.criteria, self.values, strict=True):
            if criterion.kind != "text" or value <= 0 or not criterion.phrases:
                continue
            phrase = self.plan.phrases[criterion.phrases[0][0]]
            counts = self.words()
            count = counts.count_in(phrase) if counts is not None else 0
            if count:
                found.append(
                    f"'{phrase.label}' appears {count}× in the CV (not in the skills taxonomy: read as text)"
                )
            elif self.profile is not None:
                found.append(f"the words of '{phrase.label}' appear in the CV, though not side by side")
            else:
                found.append(f"'{phrase.label}' is in the CV text (not in the skills taxonomy: read as text)")
        return found

    def words_reason(self) -> str | None:
        """The lexical component: which of the role's terms the CV text repeats, rarest first."""
        counts = self.words()
        if counts is None:
            return None
        # The component may be two criteria (the title's words apart, scoring.LEXICAL_UNGATED): one list.
        positions = [
            position
            for criterion, value in zip(self.plan.criteria, self.values, strict=True)
            if criterion.kind == "lexical" and value > 0
            for position, _ in criterion.phrases
        ]
        counted = []
        for position in sorted(positions, key=lambda p: -self.plan.phrases[p].idf):
            phrase = self.plan.phrases[position]
            count = counts.count_in(phrase)
            if count:
                counted.append(f"'{phrase.label}' {count}×")
        if counted:
            return "role terms in the CV text: " + ", ".join(counted[:4])
        return None

    def skill_reason(
        self, criterion: PlannedCriterion, source: _Source | None, cited: set[str]
    ) -> str | None:
        if source is None:
            return None
        facts = _facts(source.years, source.last_used, self.year, source.strength)
        if source.route == EXACT:
            head = f"{criterion.label} ({facts})"
        elif source.route == IMPLIED:
            head = f"{criterion.label} through {self.name(source.code)} ({facts})"
        else:
            head = f"{criterion.label}: related experience in {self.name(source.code)} ({facts})"
        found = self.snippet(source.code)
        if found is None:
            return head
        evidence, job = found
        text = _clip(evidence.snippet)
        if text in cited:  # one sentence often proves several skills: quote it once
            return head
        cited.add(text)
        return f"{head}: {text}{_where(job)}"

    # --- the job title -----------------------------------------------------------------------------------

    def title_fit(self) -> tuple[float, float]:
        """(weight, value) of the title component: the weighted share of the title's units found."""
        weight = total = 0.0
        for criterion, value in zip(self.plan.criteria, self.values, strict=True):
            if criterion.kind == "title":
                weight += criterion.weight
                total += criterion.weight * float(value)
        return weight, (total / weight if weight > 0 else 0.0)

    def best_title(self) -> tuple[str, Job | None] | None:
        """The candidate's title that shares the most of the role title's units, with its job."""
        if self.profile is None:
            return None
        wanted = {c.skill: c.weight for c in self.plan.criteria if c.kind == "title" and c.skill}
        # Jobs first, in the CV's order (most recent first): a job also says where; the headline only what.
        options: list[tuple[str, Job | None]] = [(job.title, job) for job in self.profile.jobs if job.title]
        if self.profile.headline:
            options.append((self.profile.headline, None))
        best, best_share = None, 0.0
        for title, job in options:
            units = dict(titles.units_cached(title, self.index.taxonomy))
            share = sum(weight * units.get(key, 0.0) for key, weight in wanted.items())
            if share > best_share:  # the first wins a tie
                best, best_share = (title, job), share
        return best

    def title_reason(self) -> str | None:
        weight, fit = self.title_fit()
        if weight <= 0 or fit < TITLE_REASON_MIN:
            return None
        found = self.best_title()
        if found is None:
            words = [
                c.label
                for c, v in zip(self.plan.criteria, self.values, strict=True)
                if c.kind == "title" and v > 0
            ]
            return f"Title: {self.plan.title} — the candidate's titles name {_join(_distinct_units(words))}"
        title, job = found
        where = _where(job) if job is not None else " (headline)"
        return f"Title: {self.plan.title} matches '{_clip(title)}'{where}"

    def title_gaps(self) -> list[tuple[float, str]]:
        weight, fit = self.title_fit()
        if weight < GAP_MIN_WEIGHT or fit >= TITLE_GAP_BELOW:
            return []
        own = self.profile.headline if self.profile else ""
        said = f" (headline: '{_clip(own)}')" if own else ""
        return [(GAP_TIERS["title"] + weight * (1 - fit), f"no title like '{self.plan.title}'{said}")]

    def scale_reason(self) -> str | None:
        best = self.best_scale()
        if best is None or best.fit < 0.5:
            return None
        target = f"client target {_quantity(METRICS[best.target_metric], 10**best.target)}"
        claim = self.scale_claim(METRICS[best.claim_metric])
        if claim is None:
            return f"Proven scale: {_quantity(METRICS[best.claim_metric], 10**best.claim)} ({target})"
        job = _job_of(self.profile, claim.start, claim.snippet) if self.profile else None
        return f"Proven scale: {_clip(claim.snippet)}{_where(job)} ({target})"

    def team_reason(self) -> str | None:
        """The team-size claim behind a leadership criterion, when the role weighs leadership."""
        if not any(c.kind == "leadership" for c in self.plan.criteria):
            return None
        team = self.facts.scale[METRICS.index(ScaleMetric.ENGINEERS)]
        if team < TEAM_REASON_LOG10:
            return None
        claim = self.scale_claim(ScaleMetric.ENGINEERS)
        if claim is None:
            return f"Leadership: led a team of {10**team:.0f} engineers"
        job = _job_of(self.profile, claim.start, claim.snippet) if self.profile else None
        return f"Leadership: {_clip(claim.snippet)}{_where(job)}"

    def best_scale(self) -> _ScaleShown | None:
        """The client target the candidate comes closest to, and the claim that shows it."""
        if not any(c.kind == "scale" for c in self.plan.criteria) or not self.plan.scale_targets:
            return None
        best = None
        scale = self.facts.scale
        for (position, fit), (_, target, _, _) in zip(
            self.facts.scale_fits, self.plan.scale_targets, strict=True
        ):
            # (converted value, claim's metric, claim's own value): the claim that carries the fit.
            options = [(scale[position], position, scale[position])]
            for other, shift, discount in SCALE_EQUIVALENTS.get(METRICS[position], ()):
                other_position = METRICS.index(other)
                if scale[other_position] > SCALE_NONE:
                    own = scale[other_position]
                    options.append((own + shift - discount, other_position, own))
            _, claimed, value = max(options)
            if best is None or fit > best.fit:
                best = _ScaleShown(position, claimed, value, target, fit)
        return best

    def scale_claim(self, metric: object) -> ScaleClaimFound | None:
        if self.profile is None:
            return None
        claims = [c for c in self.profile.scale_claims if c.metric == metric]
        return max(claims, key=lambda c: c.value, default=None)

    def level_reason(self) -> str | None:
        level = self.facts.level
        if level == UNKNOWN or self.plan.level == UNKNOWN or self.facts.seniority < 1.0:
            return None
        years = self.facts.total_years
        experience = f", {years:.0f} years' experience" if years >= 1 else ""
        return f"{LEVELS[level].label} level{experience}, as the role asks"

    # --- gaps -----------------------------------------------------------------------------------------

    def gaps(self) -> list[str]:
        plan, values = self.plan, self.values
        found: list[tuple[float, str]] = []
        for position, criterion in enumerate(plan.criteria):
            value = float(values[position])
            if criterion.kind not in SKILL_KINDS:
                continue
            must = criterion.kind == "must"
            if must:
                wanted = value < MUST_FULL or self.stale(position)
            else:
                wanted = criterion.weight >= GAP_MIN_WEIGHT and (
                    value < NICE_GAP_BELOW or self.stale(position)
                )
            if not wanted:
                continue
            text = self.skill_gap(criterion, position)
            if text:
                found.append((GAP_TIERS[criterion.kind] + criterion.weight * (1 - value), text))
        found.extend(self.scale_gaps())
        found.extend(self.level_gaps())
        found.extend(self.logistics_gaps())
        found.extend(self.placement_gaps())
        found.extend(self.title_gaps())
        found.sort(key=lambda item: -item[0])
        return [text for _, text in found[:MAX_GAPS]]

    def stale(self, position: int) -> bool:
        source = self.sources.get(position)
        return (
            source is not None
            and source.route == EXACT
            and source.last_used > 0
            and recency(source.last_used, self.year) < STALE_RECENCY
        )

    def skill_gap(self, criterion: PlannedCriterion, position: int) -> str:
        label = criterion.label
        suffix = "" if criterion.kind == "must" else f" ({_kind_words(criterion.kind)})"
        source = self.sources.get(position)
        if source is None or self.values[position] <= 0:
            return f"no {label} evidence{suffix}"
        if source.route == RELATED:
            return f"no direct {label} evidence, only related {self.name(source.code)}{suffix}"
        name = label if source.route == EXACT else f"{label} (through {self.name(source.code)})"
        if source.strength < 0.2:
            return f"{name}: only learning{suffix}"
        if source.strength < WORK_STRENGTH and source.years <= 0:
            return f"{name} only listed, no work evidence{suffix}"
        if source.last_used and recency(source.last_used, self.year) < STALE_RECENCY:
            return f"last used {name} in {source.last_used}{suffix}"
        return f"little {name} evidence{suffix}"

    def scale_gaps(self) -> list[tuple[float, str]]:
        weight = sum(c.weight for c in self.plan.criteria if c.kind == "scale")
        if weight < GAP_MIN_WEIGHT:
            return []
        gaps = []
        scale = self.facts.scale
        for (position, own), blended, (_, target, _, _) in zip(
            self.facts.scale_fits, self.facts.scale_blended, self.plan.scale_targets, strict=True
        ):
            # A flat metric's own shortfall is no gap when the candidate has run systems of the client's
            # size on a metric that does grow: the score leans on that fit too.
            fit = min(own, blended)
            if blended >= 0.5:
                continue
            metric = METRICS[position]
            words = METRIC_WORDS.get(metric.value, metric.value)
            wanted = _quantity(metric, 10**target)
            if scale[position] <= SCALE_NONE:
                text = f"no proven {words} scale (client target {wanted})"
            else:
                shown = _quantity(metric, 10 ** scale[position])
                text = f"largest proven {words} {shown} vs client target {wanted}"
            gaps.append((GAP_TIERS["scale"] + weight * (1 - fit), text))
        return gaps

    def level_gaps(self) -> list[tuple[float, str]]:
        plan = self.plan
        weight = sum(c.weight for c in plan.criteria if c.kind == "seniority")
        if weight <= 0 or plan.level == UNKNOWN:
            return []
        fit = self.facts.seniority
        if fit >= 0.85:
            return []
        level = self.facts.level
        wanted = LEVELS[plan.level].value
        if level == UNKNOWN:
            return [(GAP_TIERS["seniority"] + weight * (1 - fit), f"seniority unclear for a {wanted} role")]
        short = LEVEL_RANK[level] < LEVEL_RANK[plan.level]
        note = "" if short else " (may be over-qualified)"
        tier = GAP_TIERS["seniority"] + weight * (1 - fit)
        return [(tier, f"{LEVELS[level].value}-level for a {wanted} role{note}")]

    def placement_gaps(self) -> list[tuple[float, str]]:
        """The placement gate: read with the must-haves, since it can rule a strong candidate out."""
        gate = self.facts.placement
        if gate >= 1.0:
            return []
        policy = MODES[self.plan.policy].value
        where = self.plan.city_name.title()
        article = "an" if policy == "onsite" else "a"
        factor = PLACEMENT_GATES[self.plan.policy]
        text = f"will not relocate to {where} for {article} {policy} role: score ×{factor:g}"
        return [(GAP_TIERS["must"] + (1 - gate), text)]

    def logistics_gaps(self) -> list[tuple[float, str]]:
        plan = self.plan
        weights: dict[str, float] = {}
        for criterion in plan.criteria:
            if criterion.kind == "logistics":
                part = LOGISTICS_KEYS.get(criterion.key)
                for name in (part,) if part else ("place", "right_to_work", "salary", "notice"):
                    weights[name] = weights.get(name, 0.0) + criterion.weight
        if not weights:
            return []
        parts = self.facts.logistics
        gaps = []
        # Logistics can rule a strong candidate out, so a failing part ranks with the must-haves.
        if "place" in weights and parts["place"] < 0.6:
            gaps.append((GAP_TIERS["logistics"] + (1 - parts["place"]), self.place_gap()))
        if "right_to_work" in weights and parts["right_to_work"] < 0.6:
            stated = self.facts.rtw != 0
            where = plan.country_name or "the role's country"
            text = f"no right to work in {where} stated" if stated else f"right to work in {where} not stated"
            gaps.append((GAP_TIERS["logistics"] + (1 - parts["right_to_work"]) * 0.5, text))
        if "salary" in weights and parts["salary"] < 0.8:
            expected = self.facts.salary
            currency = plan.salary_currency_name
            gaps.append(
                (
                    GAP_TIERS["logistics"] - 0.5 + (1 - parts["salary"]),
                    f"expects {_money(expected, currency)}, above the band's top of "
                    f"{_money(plan.salary_max, currency)}",
                )
            )
        notice = self.facts.notice
        if "notice" in weights and notice > 8:
            gaps.append((GAP_TIERS["nice"], f"{notice} weeks' notice"))
        return gaps

    def place_gap(self) -> str:
        plan = self.plan
        facts = self.facts
        city_code, country_code, relocate, mode = facts.city, facts.country, facts.relocate, facts.mode
        policy = MODES[plan.policy].value if plan.policy != UNKNOWN else "hybrid"
        role_place = (plan.city_name.title() or plan.country_name) or "the role's location"
        if country_code == UNKNOWN:
            return f"location not stated; role is {policy} in {role_place}"
        lives = self.home(city_code, country_code)
        abroad = plan.country != UNKNOWN and country_code != plan.country
        if policy == "remote":
            if abroad:
                return f"lives in {lives}; role is remote from {plan.country_name}"
        elif not (city_code == plan.city and plan.city != UNKNOWN) and relocate != 1:
            stance = "does not want to relocate" if relocate == 0 else "relocation not stated"
            return f"lives in {lives}, {stance}; role is {policy} in {role_place}"
        if mode != UNKNOWN:
            where = "remote" if policy == "remote" else f"{policy} in {role_place}"
            return f"prefers {MODES[mode].value} work; role is {where}"
        return f"lives in {lives}; role is {policy} in {role_place}"

    def home(self, city_code: int, country_code: int) -> str:
        contact = self.profile.contact if self.profile else None
        if contact and contact.city:
            return f"{contact.city}, {contact.country}" if contact.country else contact.city
        codes = self.index.codes
        city = codes.cities[city_code].title() if city_code != UNKNOWN else ""
        country = codes.countries[country_code]
        return f"{city}, {country}" if city else country

    # --- summary --------------------------------------------------------------------------------------

    def summary(self, score: float, gaps: list[str]) -> str:
        """One line a recruiter can paste to the client; no name, so it also suits blind submissions."""
        level = self.facts.level
        years = self.facts.total_years
        head = f"{LEVELS[level].label} engineer" if level != UNKNOWN else "Engineer"
        if years >= 1:
            head += f", {years:.0f} years' experience"
        plan, values = self.plan, self.values
        strong = [
            c.label
            for i, c in sorted(enumerate(plan.criteria), key=lambda item: -item[1].weight)
            if c.kind in SKILL_KINDS and float(values[i]) >= 0.5
        ][:3]
        parts = [head]
        if strong:
            parts.append(f"strong evidence of {_join(strong)}")
        elif plan.must:
            parts.append("little direct evidence for the must-haves")
        best = self.best_scale()
        if best is not None and best.fit >= 0.5:
            parts.append(f"proven at {_quantity(METRICS[best.claim_metric], 10**best.claim)}")
        if gaps:
            parts.append(f"gap: {gaps[0]}")
        return " ".join(f"{'; '.join(parts)}. Match {whole_score(score)}/100.".split())


def counterfactuals(
    plan: RolePlan,
    index: CandidateIndex,
    values: np.ndarray,
    scores: np.ndarray,
    placement: np.ndarray | None = None,
) -> dict[int, str]:
    """For each of the top k: the one missing skill that would lift it furthest, if it would move up.

    Cheap by construction: per skill tried, one scoring.combine over the k candidates' values, with that
    skill set to solid recent work evidence (and what it implies or relates to raised accordingly).
    """
    evidence = np.float32(reference_evidence(plan.reference_year))
    tried: dict[str, str] = {}
    for criterion in plan.criteria:
        if criterion.kind in ("must", "nice") and criterion.skill and criterion.skill not in tried:
            tried[criterion.skill] = criterion.label
    best: dict[int, tuple[int, float, str]] = {}
    k = len(scores)
    # Work experience with a skill would also put its name in the CV text: one mention in a CV of average
    # length, for a candidate who shows no evidence of the skill yet (one who does keeps their words).
    mention = float(lexical.saturation(np.ones(1), np.ones(1), 1.0)[0])
    for skill, label in tried.items():
        raised = values.copy()
        lacking = np.zeros(k, dtype=bool)
        for position, criterion in enumerate(plan.criteria):
            if criterion.skill and (criterion.kind in SKILL_KINDS or criterion.kind == "leadership"):
                found = link(index.taxonomy, skill, criterion.skill)
                if found is not None:
                    if criterion.skill == skill:
                        lacking |= raised[position] <= np.float32(0.0)
                    raised[position] = np.maximum(raised[position], np.float32(found[0]) * evidence)
        for position, criterion in enumerate(plan.criteria):
            if criterion.kind == "lexical":
                gain = sum(f for i, f in criterion.phrases if plan.phrases[i].label == label) * mention
                raised[position] = np.minimum(raised[position] + np.float32(gain) * lacking, np.float32(1.0))
        new_scores, _ = combine(plan, raised, placement)
        for position in range(k):
            new = float(new_scores[position])
            if new < float(scores[position]) + COUNTERFACTUAL_MIN_GAIN:
                continue
            others = np.delete(scores, position)
            rank = 1 + int(np.count_nonzero(others > new))
            if rank >= position + 1:
                continue
            current = best.get(position)
            if current is None or (rank, -new) < (current[0], -current[1]):
                best[position] = (rank, new, label)
    return {
        position: f"would rank {_ordinal(rank)} with {label} work experience "
        f"(score {float(scores[position]):.0f} → {new:.0f})"
        for position, (rank, new, label) in best.items()
    }


# --- formatting ----------------------------------------------------------------------------------------


def _job_of(profile: Profile | None, start: int, snippet: str) -> Job | None:
    if profile is None:
        return None
    for job in profile.jobs:
        if job.span[0] <= start < job.span[1]:
            return job
    if start == 0 and snippet:  # evidence without offsets: find the job that says it
        return next((job for job in profile.jobs if snippet in job.text), None)
    return None


def _where(job: Job | None) -> str:
    if job is None:
        return ""
    employer = job.employer or job.title
    if job.start is None and job.end is None:  # an undated job (a job-board "Title - Employer" line)
        return f" — {employer}" if employer else ""
    return f" — {employer}, {_years(job.start, job.end)}" if employer else f" — {_years(job.start, job.end)}"


def _years(start: date | None, end: date | None) -> str:
    first = str(start.year) if start else "?"
    last = "present" if end is None else str(end.year)
    return f"{first}–{last}" if first != last else first


def _facts(years: float, last_used: int, year: int, strength: float) -> str:
    if strength < WORK_STRENGTH and years <= 0:
        return "listed" if strength >= 0.2 else "learning"
    parts = []
    if years >= 1.5:
        parts.append(f"{years:.0f} years")
    elif years >= 0.75:
        parts.append("1 year")
    elif years > 0:
        parts.append("under a year")
    if last_used:
        parts.append("current" if last_used >= year else f"last used {last_used}")
    return ", ".join(parts) or "at work"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SNIPPET else text[: MAX_SNIPPET - 1].rstrip() + "…"


def _quantity(metric: object, value: float) -> str:
    unit = SCALE_UNITS.get(metric, "")  # type: ignore[call-overload]
    return f"{format_quantity(value)} {unit}".strip()


def _money(value: float, currency: str) -> str:
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{value:,.0f}" if sign else f"{value:,.0f} {currency}".strip()


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _unit_words(label: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9+#]+", label.casefold()))


def _distinct_units(labels: Sequence[str]) -> list[str]:
    """Each matched title unit named once: a title's units are its skills and its words (titles.py), so
    "ETL" can match as both, and "Project" and "Manager" beside "Project Manager". A unit whose words
    sit inside a longer matched unit, or repeat an earlier one (".NET" and "NET"), is not named again."""
    words = [_unit_words(label) for label in labels]
    return [
        label
        for i, label in enumerate(labels)
        if not any(
            j != i and words[i] <= words[j] and (len(words[j]) > len(words[i]) or j < i)
            for j in range(len(labels))
        )
    ]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _kind_words(kind: str) -> str:
    return {"nice": "nice to have", "competency": "competency", "domain": "domain"}.get(kind, kind)


def whole_score(score: float) -> int:
    """A score as a whole number, the way every page shows it: the two-decimal score a match carries,
    halves up (18.5 is 19). Formatting the unrounded float instead said 19 beside a score of 18.5
    that `:.0f` (halves to even) prints as 18."""
    return int(Decimal(str(round(score, 2))).quantize(Decimal(1), ROUND_HALF_UP))
