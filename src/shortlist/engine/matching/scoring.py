"""The scoring rules: how evidence becomes a number, and how a role's criteria become a 0-100 score.

Everything here is a pure function of arrays so that one definition serves both the vectorised pass over
every candidate (match.py) and the explanation of one candidate (explain.py): a reason can never cite a
number the ranking did not use.

Evidence
--------
Each (candidate, skill) gets an *effective evidence* value in [0, 1], fixed when the index is built::

    depth    = 1 - 0.5 ** (years / 2)                      2 years of use is half way to full depth
    recency  = max(0.2, 0.5 ** ((ref_year - last_used) / 4))   a four-year half-life, never below 0.2
    E        = strength * (0.55 + 0.45 * depth) * recency
    E        = min(E, 0.25)   when nothing stands behind the skill (weaker than a work bullet, no years)

``strength`` is the parser's: a work bullet 0.85-1.0 (1.0 once the CV shows the skill at work in three
places, parse.py's breadth), a skills-table row that states its duration 0.5, a skills list ~0.3, "learning
X" ~0.1. So a bare skills-list entry earns at most 0.25 whereas one year of current work earns ~0.6, and
listing sixty skills pays nothing for the fifty-four no criterion asks for.

Coverage of a criterion's skill q by a candidate is the best of three routes, exact > implied > related::

    cov_q = max(E[q], 0.8 * E[s] for s implying q, 0.6 * sim(q, r) * E[r] for r with sim >= 0.4)

Score
-----
Every criterion of the role profile yields a value in [0, 1]: skill criteria their coverage, the others
scale fit, seniority fit, logistics, culture or leadership (below). With the criterion weights w (shares
summing to 1)::

    gate  = 1 - 0.6 * Σ_must w̃_q * (1 - min(cov_q, 0.4) / 0.4)      w̃: must weights normalised to 1
    place = 0.55 (onsite) or 0.7 (hybrid) for someone in another city who will not relocate, else 1
    score = 100 * gate * place * Σ w_c * value_c

(With TITLE_WORDS_SHARE > 0, searched on dev and not taken, the title's words would be a criterion of
their own added after the gate: ``100 * place * (gate * Σ w_c * value_c + w_t * title_words)``.)

The gate is what makes a missing must-have cost heavily: without any must-have the score is at most 40%
of what the rest earns, and a must-have counts as fully present from 0.4 (about a year of recent work).
The placement gate does the same for a candidate who cannot be in the office: it needs an explicit "not
open to relocation", a known city other than the role's, and an onsite or hybrid role with a city.
Every value and the gates only grow when evidence grows, so adding a skill or a more recent use can never
lower a score.

The other criteria
------------------
- scale: per metric of the client's plan, ``fit = clip(1 + log10(largest proven / client target) / 2, 0,
  1)`` (at the target 1, ten times below 0.5, a hundred times below 0). Each metric counts by how much it
  grows (r = min(1, growth.py's contribution c_m), 1 for a tenfold rise in three years):
  ``r * fit + (1 - r) * best fit over the plan's metrics``, so a metric that stays flat does not need its
  own proof; then averaged with traffic 1, data 0.8, users 0.6. A claim in a kindred metric counts,
  discounted (100k msg/s reads as ~63k req/s). Its weight is the role model's (0.25 x scale pressure), so
  flat growth leaves it small.
- seniority: by levels between candidate and role: equal 1, one over 0.85, one short 0.45, two short 0.1.
- logistics: place (same city 1; same country, other city, 0.3-0.85 by relocation stance and policy;
  abroad 0-0.6) x preferred work mode; right to work (stated and held 1, stated elsewhere 0.2, unstated
  0.5, or 0.8 when living there); salary (1 within the band, -0.3 per 10% above its top, 0.8 unknown);
  notice (1 up to four weeks, down to 0.5 past twelve).
- culture (light): mode-related tags read the stated preference, "regulated" and "research-driven" read
  domain evidence, other tags are 0.5 for everyone.
- leadership: the best of the skill's coverage, the level (lead 1, staff 0.8, senior 0.5) and the largest
  team led (20 engineers is full).
- title: the role title's distinctive units (titles.py: the skills it names and its other words, stemmed;
  a qualifier after a dash or in brackets is the role's focus, not the job name: QUALIFIER_WEIGHT)
  weighted by unit, each read like a skill from the candidate's headline and job titles, which the index
  keeps as evidence (strength x recency: a title last held in 2012 fades like a skill last used then).
- lexical: BM25 over the role's terms in the CV text; its share (LEXICAL_SHARE) is taken from the role
  terms' criteria (skills, title) only, so scale, seniority and logistics keep their weight.
- generic skills: a must/nice skill's weight, and a playbook competency's (GENERIC_COMPETENCIES), is
  multiplied by 1 - GENERIC_DISCOUNT x the share of the pool's CVs that write it (pools of
  GENERIC_MIN_POOL or more), before the weights are renormalised.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from shortlist.engine.cv.contact import find_location
from shortlist.engine.cv.titles import WORD_UNIT
from shortlist.engine.matching import lexical
from shortlist.engine.matching.columns import (
    LEVELS,
    METRICS,
    MODES,
    RTW_OTHER_BIT,
    SCALE_NONE,
    UNKNOWN,
    Codes,
    Columns,
)
from shortlist.engine.matching.lexical import Lexicon, Phrase
from shortlist.engine.roles.weighting import Criterion, RoleProfile
from shortlist.engine.vocab.enums import ScaleMetric, Seniority, WorkMode
from shortlist.engine.vocab.taxonomy import Taxonomy

# Bump on any change below that can move a score: audit records store it next to every ranking.
# 1.1: latency figures, scale by growth, placement gate, title, breadth; 1.2: role model 3 (weights move)
# 1.3: free-text terms and the lexical component read the CV words (lexical.py)
# 1.4: the lexical component reads the title's words, at a 25% share (second fit)
# 1.5: lexical share 30%, a title word's first mention not counted (third fit)
# 1.6: lexical share 40% of the role terms' part only; a skill most CVs of the pool write weighs less
# (1.7 was the fifth pass's recency floor, never merged)
# 1.8: role model 4 (a title's qualifier is not the job name); playbook competencies weigh less when most
# CVs of the pool write them, as must/nice skills do
# 1.9: role model 5 (a nice-to-have weighs two-thirds of a must-have, ninth fit)
SCORING_VERSION = "1.9.0"

# --- evidence ------------------------------------------------------------------------------------------

HALF_LIFE_YEARS = 4.0
RECENCY_FLOOR = 0.2  # ancient use still says more than nothing
DEPTH_HALF_YEARS = 2.0
DEPTH_FLOOR = 0.55  # the share a single mention earns before any years accrue
WORK_STRENGTH = 0.75  # at or above: the extractor saw the skill used (a bullet, experience prose)
LIST_CAP = 0.25  # the most a skill with nothing behind it can earn
LEARNING_STRENGTH = 0.2  # below: "learning X", weaker than a listing
# The evidence a counterfactual assumes for a skill the candidate lacks: a solid recent work bullet.
REFERENCE_STRENGTH = 0.9
REFERENCE_YEARS = 3.0

# --- coverage through the taxonomy ---------------------------------------------------------------------

EXACT, IMPLIED, RELATED = 0, 1, 2
ROUTE_NAMES = ("exact", "implied", "related")
IMPLIED_FACTOR = 0.8  # Django work is Python work, a little less directly
RELATED_FACTOR = 0.6
RELATED_MIN_SIMILARITY = 0.4  # weaker relations (Python ~ Bash) would only add noise and index size

# --- the words of the CV text (lexical.py) -------------------------------------------------------------

# The lexical component's share of the score (BM25 over the role's terms). Fitted on the dev roles of
# benchmarks/ranking by benchmarks/ranking_fit.py (4-fold CV over roles, judged set held). Second fit:
# 0.25, as 0.3 let a keyword stuffer's "Keywords: trading" line overtake real Go work in the judged set;
# third fit, with a title word's first mention not counted (TITLE_WORDS_SKIP): 0.3. Dev would take 0.4,
# but from 0.35 a nice-to-have's words outweigh proven scale under steep growth (test_scoring_rules).
LEXICAL_SHARE = 0.4
# Whether LEXICAL_SHARE is a share of the role terms' part of the score (skills and title, True), taken
# from them alone, or of the whole score (False: scale, seniority, logistics shrink with it as well).
LEXICAL_OF_TERMS = True
# How much a must/nice skill's weight drops with the share of the pool's CVs that write it: the weight is
# multiplied by 1 - GENERIC_DISCOUNT * share (0: off). Only for pools of GENERIC_MIN_POOL CVs or more,
# where a share says something about the market rather than about two or three CVs. Fourth fit 0.8: a
# skill everyone writes keeps a fifth of its weight. The ninth fit (24 tune roles) would take 1.0, but at 1.0
# a must-have that every CV writes weighs nothing, in the must-have gate too: a must-have stays one.
GENERIC_DISCOUNT = 0.8
GENERIC_MIN_POOL = 50
# Whether the discount also lowers a playbook's practice competencies ("Testing", "SQL", "Debugging": the
# general playbook's, asked of every role without a project type). Those are what most CVs of an IT pool
# write, so they separate the fewest candidates. Seventh fit (benchmarks.ranking_fit): on.
GENERIC_COMPETENCIES = True
# Whether the lexical component also reads the role title's word units (titles.py WORD_UNIT: "DevOps",
# "Analyst"). Kept by the second fit (on in every fold); found on dev, where DevOps CVs that never write
# "Jenkins" sank below CVs that only shared a tool with the role.
TITLE_WORDS_LEXICAL = True
# What a free-text term found in the CV text can earn at most: words are weaker evidence than a skill the
# parser saw used at work (up to 1.0), stronger than a bare skills list (LIST_CAP).
FREE_TEXT_CAP = 0.6
# The title's words' own share of the score, beside LEXICAL_SHARE (0: pooled with the role's terms under
# LEXICAL_SHARE, weighted by idf like any of them). Third fit: 0.1-0.15 apart and outside the gate helps
# dev less than the pooled 0.3 allowed by the tests, and 0.15 costs a counterfactual test; held at 0.
TITLE_WORDS_SHARE = 0.0
TITLE_WORDS_KEY = "lexical:title"  # the criterion of the title's words when they have their own share
# Which words stand outside the must-have gate: 0 none, 1 the title's words when they have their own
# share (so nothing while TITLE_WORDS_SHARE is 0), 2 every role term. Outside it, the words a CV repeats
# about the role's trade keep their share even when the parser could not read a must-have as used: a
# DevOps CV that describes its pipelines without naming "Jenkins" keeps its "DevOps" words.
LEXICAL_UNGATED = 1
# The gate those words pay instead: gate ** LEXICAL_GATE_POWER (0: none; searched in the third fit).
LEXICAL_GATE_POWER = 0.0
# Mentions of a title word the lexical component does not count (lexical.Phrase.skip): with one, a
# "Keywords: trading, low latency" line does not earn what a CV repeating its trade earns.
TITLE_WORDS_SKIP = 1
# Whether a skill's words count only as far as its evidence has not ("unproven" words, True), or in full.
LEXICAL_UNPROVEN_ONLY = True
PHRASE_CACHE = 64  # phrases kept per index segment (a phrase at 1M rows is a few MB)
# ... and at most this many bytes of them: the cache is private to each process, so at 1M an unbounded
# 64 phrases could cost every app process more than the index they share. A phrase is cheap to redo.
PHRASE_CACHE_BYTES = 16 * 2**20
# Threads rank one segment at once (the pool ranks on snapshots, outside its lock): each segment's
# phrase cache is filled and trimmed under this lock; the phrase itself is computed outside it.
_PHRASE_LOCK = threading.Lock()

# --- must-haves ----------------------------------------------------------------------------------------

MUST_FULL = 0.4  # coverage at which a must-have counts as fully present for the gate
MUST_PENALTY = 0.6  # how much of the score a candidate missing every must-have loses on top
MUST_PRESENT = 0.1  # the "anywhere" filter's bar: exact or implied evidence above "learning"


class MustMode(StrEnum):
    """What the must-have filter accepts as having a must-have (exact or implied evidence either way).

    WORK (the default): the candidate used it: a work or project bullet, or a stated duration — exactly
    the evidence that `effective_evidence` does not cap at LIST_CAP, so the filter keeps whom the score
    credits in full and removes the listed-only must-haves the score discounts. ANYWHERE: any mention
    above "learning", a bare skills list included.
    """

    WORK = "work"
    ANYWHERE = "anywhere"


def used(strength: np.ndarray | float, years: np.ndarray | float) -> np.ndarray:
    """True where evidence shows use, not a bare listing: the complement of the LIST_CAP rule."""
    return (np.asarray(strength) >= WORK_STRENGTH) | (np.asarray(years) > 0)


# --- score bands ---------------------------------------------------------------------------------------
# A band says in words what a score means. "Earned" is Σ w_c * value_c over the role's criteria, before
# the must-have and placement gates: the share of the weighted criteria the candidate meets. The gates
# enter as the conditions on must-haves and placement instead, so a band reads as a sentence. The lexical
# component (BM25 over the role's words) is left out and the rest renormalised (band_weights): a band
# states what the evidence meets, and counting words would let a keyword-heavy CV climb a band.
STRONG_EARNED = 0.70
GOOD_EARNED = 0.50
PARTIAL_EARNED = 0.35
BAND_MEANINGS: dict[str, str] = {
    "strong": "every must-have used at work, can be placed, and at least 70% of the weighted criteria",
    "good": "every must-have used at work and at least 50% of the weighted criteria",
    "partial": "at least 35% of the weighted criteria, but a must-have is missing, only listed, or the "
    "fit is thin",
    "weak": "under 35% of the weighted criteria",
}


def band_weights(plan: RolePlan) -> np.ndarray:
    """Per criterion, the weight it has in a band's "earned": its share, the lexical component 0."""
    weights = np.array(
        [
            0.0
            if c.kind == "lexical"
            else c.weight / plan.terms_keep
            if c.kind in SKILL_KINDS or c.kind in ("title", "text")
            else c.weight
            for c in plan.criteria
        ],
        dtype=np.float64,
    )
    total = weights.sum()
    return weights / total if total > 0 else weights


def score_band(earned: float, musts_used: bool, placed: bool) -> str:
    """The band of one candidate; monotonic: more earned, used must-haves or placement never lower it."""
    if musts_used and placed and earned >= STRONG_EARNED:
        return "strong"
    if musts_used and earned >= GOOD_EARNED:
        return "good"
    if earned >= PARTIAL_EARNED:
        return "partial"
    return "weak"


# --- encodings of the dense candidate columns ----------------------------------------------------------

LEVEL_RANK = np.array([0, 1, 2, 3, 3], dtype=np.int8)  # staff and lead are the same height, two paths

COMPONENTS: dict[str, str] = {
    "must": "must_have",
    "nice": "nice_to_have",
    "competency": "competencies",
    "domain": "domain",
    "scale": "scale",
    "leadership": "leadership",
    "seniority": "seniority",
    "logistics": "logistics",
    "culture": "culture",
    "title": "title",
    "text": "free_text",
    "lexical": "lexical",
}
SKILL_KINDS = frozenset({"must", "nice", "competency", "domain"})
# Criteria read from the words of the CV text (lexical.py): a role term the taxonomy lacks ("text"), and
# the small BM25 component over every role term ("lexical").
LEXICAL_KINDS = frozenset({"text", "lexical"})
DENSE_KINDS = frozenset({"scale", "leadership", "seniority", "logistics", "culture"})
# Criteria read as one coverage column each: skills, and the units of the job title (titles.py), whose
# candidate side the index keeps as evidence under reserved codes.
COLUMN_KINDS = SKILL_KINDS | {"title"}


def effective_evidence(
    strength: np.ndarray | float,
    years: np.ndarray | float,
    last_used: np.ndarray | int,
    reference_year: int,
) -> np.ndarray:
    """E for each (strength, years, last_used); last_used 0 means unknown (no decay is applied)."""
    strength = np.asarray(strength, dtype=np.float32)
    years = np.maximum(np.asarray(years, dtype=np.float32), 0.0)
    last_used = np.asarray(last_used, dtype=np.int32)
    age = np.maximum(reference_year - last_used, 0).astype(np.float32)
    decay = np.maximum(np.float32(0.5) ** (age / np.float32(HALF_LIFE_YEARS)), np.float32(RECENCY_FLOOR))
    recency = np.where(last_used > 0, decay, np.float32(1.0))
    depth = 1.0 - np.float32(0.5) ** (years / np.float32(DEPTH_HALF_YEARS))
    value = strength * (np.float32(DEPTH_FLOOR) + np.float32(1 - DEPTH_FLOOR) * depth) * recency
    bare = (strength < WORK_STRENGTH) & (years <= 0)
    value = np.where(bare, np.minimum(value, np.float32(LIST_CAP)), value)
    return np.clip(value, 0.0, 1.0).astype(np.float32)


def reference_evidence(reference_year: int) -> float:
    """E of a solid, recent work bullet: what a counterfactual gives a missing skill."""
    return float(effective_evidence(REFERENCE_STRENGTH, REFERENCE_YEARS, reference_year, reference_year)[()])


def recency(last_used: int | None, reference_year: int) -> float:
    if not last_used:
        return 1.0
    return max(RECENCY_FLOOR, 0.5 ** (max(reference_year - last_used, 0) / HALF_LIFE_YEARS))


def link(taxonomy: Taxonomy, source: str, target: str) -> tuple[float, int] | None:
    """How evidence of `source` covers `target`: (factor, route), or None. The one rule for both ways."""
    if source == target:
        return 1.0, EXACT
    if target in taxonomy.implied(source):
        return IMPLIED_FACTOR, IMPLIED
    similarity = taxonomy.similarity(source, target)
    if similarity >= RELATED_MIN_SIMILARITY:
        return RELATED_FACTOR * similarity, RELATED
    return None


def covered_by(taxonomy: Taxonomy, source: str) -> list[tuple[str, float, int]]:
    """Every skill that evidence of `source` covers, with factor and route (itself first)."""
    found: list[tuple[str, float, int]] = [(source, 1.0, EXACT)]
    if source not in taxonomy:
        return found
    found.extend((target, IMPLIED_FACTOR, IMPLIED) for target in sorted(taxonomy.implied(source)))
    implied = taxonomy.implied(source)
    for target, similarity in sorted(taxonomy.related(source).items()):
        if similarity >= RELATED_MIN_SIMILARITY and target not in implied:
            found.append((target, RELATED_FACTOR * similarity, RELATED))
    return found


# --- the role, compiled against an index's vocabularies ------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedCriterion:
    key: str
    kind: str
    label: str
    skill: str | None
    column: int  # skill code, or UNKNOWN when no candidate evidence can reach it
    weight: float  # share of the score, renormalised over the criteria that can be scored
    why: str
    # lexical kinds: (position in RolePlan.phrases, factor) pairs whose sum of factor x sat is the value
    phrases: tuple[tuple[int, float], ...] = ()

    @property
    def component(self) -> str:
        return COMPONENTS[self.kind]


@dataclass(frozen=True, slots=True)
class RolePlan:
    """A role profile as the scorer needs it: codes instead of names, weights that sum to 1."""

    criteria: tuple[PlannedCriterion, ...]
    skipped: tuple[str, ...]  # criteria that cannot be scored from a profile, with the reason
    level: int
    policy: int  # index into MODES, UNKNOWN when the role does not say
    city: int
    country: int
    city_name: str
    country_name: str
    salary_max: float  # 0 when no band
    salary_currency: int
    salary_currency_name: str
    # (metric position, log10 target, weight, relevance): relevance in [0, 1] is how much that metric grows
    scale_targets: tuple[tuple[int, float, float, float], ...]
    culture: tuple[str, ...]
    culture_columns: tuple[tuple[str, int], ...]  # (skill, code) of the skills culture tags read
    reference_year: int
    title: str = ""  # the role's title, as the title criterion's reasons quote it
    phrases: tuple[Phrase, ...] = ()  # the role's terms as CV words (lexical.py), for the lexical kinds
    average_length: float = 0.0  # the pool's mean CV length in words, BM25's length normalisation
    # What the role terms' criteria keep beside the words (LEXICAL_OF_TERMS): a band's "earned" divides it
    # back out, so bands weigh the evidence as the role model does at any lexical share.
    terms_keep: float = 1.0

    @property
    def must(self) -> tuple[PlannedCriterion, ...]:
        return tuple(c for c in self.criteria if c.kind == "must")

    @property
    def must_total(self) -> float:
        return sum(c.weight for c in self.must)


def _title_criteria(criterion: Criterion, role: RoleProfile, codes: Codes) -> list[tuple[Criterion, int]]:
    """The one "title" criterion of a role profile as one column criterion per unit of the title.

    Its weight is shared out by unit weight, so the title component of a breakdown is the weighted share
    of the title's units found in the candidate's titles.
    """
    units = [unit for unit in role.title_units if unit.weight > 0]  # a qualifier's units may weigh 0
    total = sum(unit.weight for unit in units)
    if total <= 0:
        return []
    return [
        (
            Criterion(
                key=f"title:{unit.key}",
                kind=criterion.kind,
                skill=unit.key,
                label=unit.label,
                weight=criterion.weight * unit.weight / total,
                why=criterion.why,
            ),
            codes.code("skills", unit.key, add=False),
        )
        for unit in units
    ]


def role_location(text: str) -> tuple[str, str]:
    """(city, country) the role sits in, as candidate profiles write them."""
    if not text:
        return "", ""
    city, country = find_location(text)
    return city.casefold(), country.upper()


def _salary(spec: Any) -> tuple[float, str]:
    salary = getattr(spec, "salary", None)
    if salary is None:
        return 0.0, ""
    if isinstance(salary, tuple):
        low, high, currency = (*salary, None, None, "")[:3]
    else:
        low, high, currency = salary.min, salary.max, salary.currency
    top = high if high else low
    return float(top or 0.0), str(currency or "").upper()


def _generic_discounted(criterion: Criterion, phrase: Phrase, lexicon: Lexicon) -> Criterion:
    """The criterion with its weight lowered by how many CVs of the pool name the skill (GENERIC_DISCOUNT):
    "SQL" that most CVs of an IT pool write separates few of them, so the role's rarer terms decide."""
    if GENERIC_DISCOUNT <= 0 or lexicon.documents < GENERIC_MIN_POOL:
        return criterion
    share = max(lexicon.df(codes) for codes in phrase.alternatives) / lexicon.documents
    factor = 1.0 - GENERIC_DISCOUNT * min(share, 1.0)
    return dataclasses.replace(criterion, weight=criterion.weight * factor)


def plan_role(
    role: RoleProfile,
    codes: Codes,
    reference_year: int,
    lexicon: Lexicon | None = None,
    taxonomy: Taxonomy | None = None,
) -> RolePlan:
    """Compile a role profile against the index's vocabularies; never adds to them.

    With the index's `lexicon` (CandidateIndex.lexicon), a free-text term is scored by the words of the
    CV text ("text") and LEXICAL_SHARE of the score goes to BM25 over every role term ("lexical");
    without one, free-text terms are listed as skipped, as before the index kept words.
    """
    spec = role.spec
    planned: list[tuple[Criterion, int]] = []
    skipped: list[str] = []
    phrases: list[Phrase] = []
    texts: list[tuple[Criterion, int]] = []
    for criterion in role.criteria:
        if criterion.weight <= 0:
            continue
        if criterion.kind == "title":
            planned.extend(_title_criteria(criterion, role, codes))
            continue
        if criterion.kind in SKILL_KINDS and not criterion.skill:
            phrase = lexicon.phrase(criterion.label, (criterion.label,)) if lexicon is not None else None
            if phrase is None:
                skipped.append(f"{criterion.label}: free text, not a known skill")
                continue
            phrases.append(phrase)
            texts.append((criterion, len(phrases) - 1))
            planned.append((criterion, UNKNOWN))
            continue
        if criterion.kind not in SKILL_KINDS and criterion.kind not in DENSE_KINDS:
            skipped.append(f"{criterion.label}: unknown kind {criterion.kind!r}")
            continue
        if criterion.kind == "seniority" and spec.seniority is None:
            skipped.append(f"{criterion.label}: the role states no seniority")
            continue
        column = codes.code("skills", criterion.skill, add=False) if criterion.skill else UNKNOWN
        phrase = None
        own = criterion.kind in ("must", "nice")
        practice = GENERIC_COMPETENCIES and criterion.kind == "competency"
        if lexicon is not None and (own or practice) and criterion.skill:
            skill = taxonomy.get(criterion.skill) if taxonomy is not None else None
            surfaces = skill.surfaces if skill else (criterion.label,)
            phrase = lexicon.phrase(criterion.label, surfaces, column)
            if phrase is not None:
                if own:  # only the role's own terms are read as words; a competency is only discounted
                    phrases.append(phrase)
                criterion = _generic_discounted(criterion, phrase, lexicon)
        planned.append((criterion, column))
    first_title_word = len(phrases)
    if lexicon is not None and TITLE_WORDS_LEXICAL:
        # The title's own words ("DevOps", "Analyst", "Scientist") are what a CV of that trade repeats:
        # BM25 reads them beside the skill terms, at full credit (no skill evidence stands for them, and
        # they never enter the must-have gate).
        seen = {p.alternatives for p in phrases}
        # A title word that is one spelling of a role skill ("Go" of "Senior Go Engineer") is that skill's
        # evidence and words already; the title's words stand for what the skills do not say.
        spelled = (
            {alternative for p in phrases for alternative in p.alternatives}
            if TITLE_WORDS_SHARE > 0
            else set()
        )
        for unit in role.title_units:
            if not unit.key.startswith(WORD_UNIT):
                continue
            phrase = lexicon.phrase(unit.label, (unit.label,))
            if phrase is not None and TITLE_WORDS_SKIP:
                phrase = dataclasses.replace(phrase, skip=TITLE_WORDS_SKIP)
            if phrase is not None and spelled.intersection(phrase.alternatives):
                continue
            if phrase is not None and phrase.alternatives not in seen:
                seen.add(phrase.alternatives)
                phrases.append(phrase)
    total = sum(c.weight for c, _ in planned) or 1.0
    text_of = {id(c): position for c, position in texts}

    # The lexical component: BM25 over the role's skill and free-text terms (LEXICAL_SHARE), and the
    # title's words either among them (TITLE_WORDS_SHARE 0, weighted by idf like any term) or as a
    # criterion of their own with that share. The evidence criteria share what is left.
    def idf_of(positions: range) -> float:
        return sum(phrases[i].idf for i in positions if phrases[i].idf > 0)

    groups = [("lexical", range(len(phrases)), LEXICAL_SHARE)]
    if TITLE_WORDS_SHARE > 0:
        groups = [
            ("lexical", range(first_title_word), LEXICAL_SHARE),
            (TITLE_WORDS_KEY, range(first_title_word, len(phrases)), TITLE_WORDS_SHARE),
        ]
    groups = [
        (key, positions, share) for key, positions, share in groups if share > 0 and idf_of(positions) > 0
    ]
    keep = 1.0 - sum(share for _, _, share in groups)
    is_term = [c.kind in SKILL_KINDS or c.kind == "title" for c, _ in planned]
    terms_part = sum(c.weight for (c, _), term in zip(planned, is_term, strict=True) if term) / total
    if LEXICAL_OF_TERMS:
        # The words stand beside the role's terms (skills and title), so they take their share of the
        # terms' part only: proven scale, seniority and logistics keep their weight at any share.
        groups = [(key, positions, share * terms_part) for key, positions, share in groups]
    criteria_list = [
        PlannedCriterion(
            c.key,
            "text" if id(c) in text_of else c.kind,
            c.label,
            c.skill,
            column,
            (keep if term or not LEXICAL_OF_TERMS else 1.0) * c.weight / total,
            c.why,
            ((text_of[id(c)], FREE_TEXT_CAP),) if id(c) in text_of else (),
        )
        for (c, column), term in zip(planned, is_term, strict=True)
    ]
    for key, positions, share in groups:
        part = idf_of(positions)
        criteria_list.append(
            PlannedCriterion(
                key,
                "lexical",
                "Role terms in the CV text" if key == "lexical" else "The role title's words in the CV text",
                None,
                UNKNOWN,
                share,
                "BM25 over the role's terms in the CV text (a small share beside the evidence)",
                tuple((i, phrases[i].idf / part) for i in positions if phrases[i].idf > 0),
            )
        )
    criteria = tuple(criteria_list)
    city, country = role_location(spec.location)
    remote = spec.remote
    salary_max, currency = _salary(spec)
    culture = tuple(str(tag).strip().casefold() for tag in spec.culture)
    read = {tag for c in criteria if c.kind == "culture" for tag in _tags(c.label, c.key, culture)}
    culture_columns = tuple(
        (skill, codes.code("skills", skill, add=False))
        for tag in sorted(read)
        for skill in CULTURE_SKILLS.get(tag, ())
    )
    targets = []
    growth = role.scale.growth
    for metric, value in sorted(role.scale.targets.items(), key=lambda item: METRICS.index(item[0])):
        weight = SCALE_WEIGHTS.get(ScaleMetric(metric), 0.0)
        if value > 0 and weight > 0:
            # A plan that states no growth figures (older callers) keeps every target in full.
            grows = growth.get(ScaleMetric(metric), SCALE_FULL_GROWTH) if growth else SCALE_FULL_GROWTH
            relevance = min(1.0, max(0.0, grows) / SCALE_FULL_GROWTH)
            targets.append((METRICS.index(ScaleMetric(metric)), math.log10(value), weight, relevance))
    return RolePlan(
        criteria=criteria,
        skipped=tuple(skipped),
        level=LEVELS.index(Seniority(spec.seniority)) if spec.seniority else UNKNOWN,
        policy=MODES.index(WorkMode(remote)) if remote else UNKNOWN,
        city=codes.code("cities", city, add=False),
        country=codes.code("countries", country, add=False),
        city_name=city,
        country_name=country,
        salary_max=salary_max,
        salary_currency=codes.code("currencies", currency, add=False),
        salary_currency_name=currency,
        scale_targets=tuple(targets),
        culture=culture,
        culture_columns=tuple((skill, code) for skill, code in culture_columns if code != UNKNOWN),
        reference_year=reference_year,
        title=spec.title,
        phrases=tuple(phrases),
        average_length=lexicon.average_length if lexicon is not None else 0.0,
        terms_keep=keep if LEXICAL_OF_TERMS and keep > 0 else 1.0,
    )


# --- dense components ----------------------------------------------------------------------------------

# How much each metric of the client's plan counts in scale fit (as growth.py weighs them for pressure,
# and team size not at all: that is leadership's business).
SCALE_WEIGHTS: dict[ScaleMetric, float] = {
    ScaleMetric.REQUESTS_PER_SECOND: 1.0,
    ScaleMetric.MESSAGES_PER_SECOND: 1.0,
    ScaleMetric.TRANSACTIONS_PER_DAY: 0.8,
    ScaleMetric.USERS: 0.6,
    ScaleMetric.DATA_VOLUME: 0.8,
    ScaleMetric.ROWS: 0.5,
    ScaleMetric.NODES: 0.5,
}
# Claims of another metric that show the same kind of scale: (metric, log10 conversion, discount in
# decades). A hundred thousand messages a second counts as ~63k requests a second.
SCALE_EQUIVALENTS: dict[ScaleMetric, tuple[tuple[ScaleMetric, float, float], ...]] = {
    ScaleMetric.REQUESTS_PER_SECOND: (
        (ScaleMetric.MESSAGES_PER_SECOND, 0.0, 0.2),
        (ScaleMetric.TRANSACTIONS_PER_DAY, -math.log10(86_400), 0.2),
    ),
    ScaleMetric.MESSAGES_PER_SECOND: ((ScaleMetric.REQUESTS_PER_SECOND, 0.0, 0.2),),
    ScaleMetric.DATA_VOLUME: ((ScaleMetric.ROWS, -9.0, 0.3),),  # a billion ~1 KB rows is a terabyte
}
SCALE_SPAN_DECADES = 2.0  # a candidate 10x below the client's target earns half, 100x below nothing
# A metric's own target counts in full once it grows by this contribution (growth.py's c_m: a tenfold
# rise within three years); below, its fit leans on the best fit among the plan's metrics instead. A
# client who stays at 6 TB does not need someone who has grown data, only someone who has run systems
# of their size, and "no data claim" must not zero a candidate proven at the traffic that does matter.
SCALE_FULL_GROWTH = 1.0
# Without a stated target: how much scale the candidate has shown at all, between "easy" and "hard".
GENERIC_SCALE: dict[ScaleMetric, tuple[float, float]] = {
    ScaleMetric.REQUESTS_PER_SECOND: (2.0, 5.0),
    ScaleMetric.MESSAGES_PER_SECOND: (3.0, 6.0),
    ScaleMetric.USERS: (4.0, 7.0),
    ScaleMetric.DATA_VOLUME: (-1.0, 3.0),
}


def lexical_rows(
    segment: Any, plan: RolePlan, criterion: PlannedCriterion
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(rows, value) per phrase of a lexical-kind criterion over one index segment; rows unique in each.

    A phrase that stands for a skill credits its words only as far as the evidence has not: value =
    factor x sat x (1 - coverage of that skill), so the words of a skill the parser already proved add
    little, and those it could not read (an unusual layout, a term the taxonomy lacks) count.
    """
    found = []
    cache = segment._phrases
    for position, factor in criterion.phrases:
        phrase = plan.phrases[position]
        key = (phrase.alternatives, phrase.column, phrase.skip, plan.average_length)
        hit = cache.get(key)
        if hit is None:
            rows, values = lexical.phrase_values(segment.lexical, phrase, plan.average_length)
            hit = (rows, _unproven(segment, phrase, rows, values))
            size = hit[0].nbytes + hit[1].nbytes
            if size <= PHRASE_CACHE_BYTES:
                with _PHRASE_LOCK:
                    held = sum(r.nbytes + v.nbytes for r, v in cache.values())
                    while cache and (len(cache) >= PHRASE_CACHE or held + size > PHRASE_CACHE_BYTES):
                        gone_rows, gone_values = cache.pop(next(iter(cache)))  # oldest first (insertion)
                        held -= gone_rows.nbytes + gone_values.nbytes
                    cache[key] = hit
        rows, values = hit
        if len(rows):
            # Kept as int32 (half the cache), indexed as intp: NumPy converts int32 indexes on each use,
            # and a scatter through them (match._add) costs twice one through intp.
            found.append((rows.astype(np.intp), values * np.float32(factor)))
    return found


def lexical_at(segment: Any, plan: RolePlan, criterion: PlannedCriterion, rows: np.ndarray) -> np.ndarray:
    """The same criterion's value for a few rows."""
    out = np.zeros(len(rows), dtype=np.float32)
    for position, factor in criterion.phrases:
        phrase = plan.phrases[position]
        values = lexical.values_at(segment.lexical, phrase, plan.average_length, rows)
        out += np.float32(factor) * _unproven(segment, phrase, rows, values)
    return out


# Rows per segment row above which a look-up of many rows scatters a column densely rather than binary
# searching it (1/DENSE_LOOKUP of the segment: a dense pass costs about a row's binary search per row).
DENSE_LOOKUP = 64


def _unproven(segment: Any, phrase: Phrase, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    if phrase.column == UNKNOWN or not LEXICAL_UNPROVEN_ONLY:
        return values
    if len(rows) * DENSE_LOOKUP < len(segment):
        coverage, _ = segment.coverage_at(phrase.column, rows.astype(np.intp))
    else:
        # Many rows (the whole pass, lexical_rows): scatter the skill's coverage column into a dense array
        # and gather, the same values as coverage_at's binary search per row at a fraction of its cost.
        column_rows, column_values, _ = segment.column(phrase.column)
        dense = np.zeros(len(segment), dtype=np.float32)
        dense[column_rows] = column_values
        coverage = dense[rows]
    return values * (np.float32(1.0) - np.minimum(coverage, np.float32(1.0)))


def effective_scale(columns: Columns) -> np.ndarray:
    """log10 of the largest scale shown per metric, counting equivalent claims (role-independent)."""
    effective = np.array(columns.scale, dtype=np.float32, copy=True)
    for metric, equivalents in SCALE_EQUIVALENTS.items():
        row = effective[METRICS.index(metric)]
        for other, shift, discount in equivalents:
            np.maximum(row, columns.scale[METRICS.index(other)] + np.float32(shift - discount), out=row)
    return effective


def scale_fit_by_metric(
    columns: Columns, plan: RolePlan, effective: np.ndarray | None = None
) -> list[tuple[int, np.ndarray]]:
    """Per target metric: the fit of each candidate's largest proven scale to the client's target."""
    shown = effective_scale(columns) if effective is None else effective
    return [(position, _fit(shown[position], target)) for position, target, _, _ in plan.scale_targets]


def blended_scale_fits(fits: Sequence[np.ndarray], plan: RolePlan) -> list[np.ndarray]:
    """Per target metric: relevance * own fit + (1 - relevance) * the best fit over the plan's metrics."""
    if not fits:
        return []
    best = np.max(np.stack(fits), axis=0) if len(fits) > 1 else fits[0]
    blended = []
    for fit, (_, _, _, relevance) in zip(fits, plan.scale_targets, strict=True):
        if relevance >= 1.0:
            blended.append(fit)
        else:
            mixed = fit * np.float32(relevance)
            mixed += best * np.float32(1.0 - relevance)
            blended.append(mixed)
    return blended


def _fit(log_value: np.ndarray, log_target: float) -> np.ndarray:
    """clip(1 + (value - target) / span, 0, 1), as one multiply-add and a clip."""
    fit = log_value * np.float32(1.0 / SCALE_SPAN_DECADES)
    fit += np.float32(1.0 - log_target / SCALE_SPAN_DECADES)
    return np.clip(fit, np.float32(0.0), np.float32(1.0), out=fit)


def scale_fit(columns: Columns, plan: RolePlan, effective: np.ndarray | None = None) -> np.ndarray:
    """Weighted mean fit over the client's target metrics (log-ratio of proven to target scale)."""
    if not plan.scale_targets:
        effective = effective_scale(columns) if effective is None else effective
        best = np.zeros(len(columns), dtype=np.float32)
        for metric, (easy, hard) in GENERIC_SCALE.items():
            shown = (effective[METRICS.index(metric)] - np.float32(easy)) / np.float32(hard - easy)
            np.maximum(best, np.clip(shown, np.float32(0.0), np.float32(1.0)), out=best)
        return best
    total = sum(weight for _, _, weight, _ in plan.scale_targets)
    value = np.zeros(len(columns), dtype=np.float32)
    fits = blended_scale_fits([fit for _, fit in scale_fit_by_metric(columns, plan, effective)], plan)
    for fit, (_, _, weight, _) in zip(fits, plan.scale_targets, strict=True):
        value += fit * np.float32(weight / total)
    return value


# Fit by (candidate rank - role rank), -4..4: a level short costs more than a level over, and a lead
# applying for a junior role is as unlikely a placement as a junior for a staff one.
_SENIORITY_FIT = (0.1, 0.1, 0.1, 0.45, 1.0, 0.85, 0.5, 0.3, 0.3)
UNKNOWN_SENIORITY_FIT = 0.5


def seniority_table(role_level: int) -> np.ndarray:
    """Fit by candidate level code + 1 (unknown first): one lookup per candidate at scoring time."""
    if role_level == UNKNOWN:
        return np.ones(len(LEVELS) + 1, dtype=np.float32)
    fits = [UNKNOWN_SENIORITY_FIT]
    fits += [
        _SENIORITY_FIT[int(LEVEL_RANK[code]) - int(LEVEL_RANK[role_level]) + 4] for code in range(len(LEVELS))
    ]
    return np.array(fits, dtype=np.float32)


def seniority_fit(columns: Columns, plan: RolePlan) -> np.ndarray:
    return _lookup(seniority_table(plan.level), columns.level)


def _lookup(table: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """table[codes + 1]: codes start at -1 (unknown)."""
    return np.take(table, codes.astype(np.intp) + 1)


# Leadership shown by level alone (unknown, junior … lead), and by the largest team led (20 is full).
_LEVEL_LEADERSHIP = np.array([0.0, 0.0, 0.15, 0.5, 0.8, 1.0], dtype=np.float32)
FULL_TEAM_LOG10 = math.log10(20)


def leadership_signal(columns: Columns) -> np.ndarray:
    team = columns.scale[METRICS.index(ScaleMetric.ENGINEERS)] * np.float32(1.0 / FULL_TEAM_LOG10)
    np.clip(team, np.float32(0.0), np.float32(1.0), out=team)
    return np.maximum(_lookup(_LEVEL_LEADERSHIP, columns.level), team)


# Where the candidate is, by role policy: rows = location class (unknown, other country, same country,
# same city), columns = relocation (unknown, no, yes).
_PLACE_FIT: dict[int, np.ndarray] = {
    0: np.array([[0.5, 0.5, 0.5], [0.25, 0.0, 0.6], [0.6, 0.3, 0.8], [1.0, 1.0, 1.0]], dtype=np.float32),
    1: np.array([[0.5, 0.5, 0.5], [0.25, 0.0, 0.6], [0.7, 0.5, 0.85], [1.0, 1.0, 1.0]], dtype=np.float32),
    2: np.array([[0.8, 0.8, 0.8], [0.5, 0.5, 0.5], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], dtype=np.float32),
}
# Preferred mode (unknown, onsite, hybrid, remote) against the role's policy (onsite, hybrid, remote).
_MODE_FIT = np.array([[0.9, 0.9, 0.9], [1.0, 0.9, 0.7], [0.7, 1.0, 0.9], [0.3, 0.6, 1.0]], dtype=np.float32)
# A role profile may weigh each part as its own criterion (weighting.py does); a bare "logistics" criterion
# gets all four, mixed by these weights.
LOGISTICS_WEIGHTS = {"place": 0.45, "right_to_work": 0.2, "salary": 0.25, "notice": 0.1}
LOGISTICS_KEYS = {
    "logistics:location": "place",
    "logistics:right-to-work": "right_to_work",
    "logistics:salary": "salary",
    "logistics:notice": "notice",
}
SALARY_UNKNOWN_FIT = 0.8
SALARY_OVER_SLOPE = 3.0  # 10% over the band's top costs 0.3 of the salary part, 33% over all of it
NOTICE_UNKNOWN_FIT = 0.85
# By notice weeks + 1, clipped to 13+: unknown, 0-4 weeks, 5-8, 9-12, longer.
_NOTICE_FIT = np.array([NOTICE_UNKNOWN_FIT] + [1.0] * 5 + [0.85] * 4 + [0.7] * 4 + [0.5], dtype=np.float32)
# Right to work by has-it * 4 + states-any * 2 + lives-there: unstated reads from where they live.
_RTW_FIT = np.array([0.5, 0.8, 0.2, 0.2, 1.0, 1.0, 1.0, 1.0], dtype=np.float32)


def _flag(values: np.ndarray) -> np.ndarray:
    return values.view(np.int8)  # bool as 0/1 without a copy


def place_fit(columns: Columns, plan: RolePlan) -> np.ndarray:
    """Location class x relocation stance x preferred mode, against the role's place and policy."""
    policy = plan.policy if plan.policy != UNKNOWN else 1  # unspecified reads as hybrid: the common case
    mode_fit = _MODE_FIT[:, policy]
    if not plan.country_name:  # a role without a place: only the work mode can disagree
        return _lookup(mode_fit, columns.mode)
    table = (_PLACE_FIT[policy][:, :, None] * mode_fit[None, None, :]).ravel()
    location = _flag(columns.country >= 0).astype(np.intp)
    if plan.country != UNKNOWN:
        location += _flag(columns.country == plan.country)
    if plan.city != UNKNOWN:
        location += _flag(columns.city == plan.city)
    location *= 3
    location += columns.relocate
    location += 1
    location *= 4
    location += columns.mode
    location += 1
    return np.take(table, location)


def right_to_work_fit(columns: Columns, plan: RolePlan) -> np.ndarray:
    if not plan.country_name:
        return np.ones(len(columns), dtype=np.float32)
    index = _flag(columns.rtw != 0).astype(np.intp) * 2
    if plan.country != UNKNOWN:
        bit = np.uint64(1) << np.uint64(min(plan.country, RTW_OTHER_BIT))
        index += _flag((columns.rtw & bit) != 0) * 4
        index += _flag(columns.country == plan.country)
    return np.take(_RTW_FIT, index)


def salary_fit(columns: Columns, plan: RolePlan) -> np.ndarray:
    """1 within the band, falling 0.3 per 10% above its top; 0.8 when unknown or in another currency."""
    if plan.salary_max <= 0:
        return np.ones(len(columns), dtype=np.float32)
    if plan.salary_currency == UNKNOWN:
        return np.full(len(columns), SALARY_UNKNOWN_FIT, dtype=np.float32)
    comparable = (columns.salary > 0) & (columns.currency == plan.salary_currency)
    fit = columns.salary * np.float32(-SALARY_OVER_SLOPE / plan.salary_max)
    fit += np.float32(1.0 + SALARY_OVER_SLOPE)
    np.clip(fit, np.float32(0.0), np.float32(1.0), out=fit)
    fit -= np.float32(SALARY_UNKNOWN_FIT)
    fit *= comparable
    fit += np.float32(SALARY_UNKNOWN_FIT)
    return fit


def notice_fit(columns: Columns, plan: RolePlan) -> np.ndarray:
    del plan  # the same for every role; kept in the signature of the other parts
    return _lookup(_NOTICE_FIT, np.clip(columns.notice, -1, len(_NOTICE_FIT) - 2))


LOGISTICS_PARTS = {
    "place": place_fit,
    "right_to_work": right_to_work_fit,
    "salary": salary_fit,
    "notice": notice_fit,
}


def logistics_parts(columns: Columns, plan: RolePlan) -> dict[str, np.ndarray]:
    """Place (location x relocation x work mode), right to work, salary and notice, each in [0, 1]."""
    return {name: part(columns, plan) for name, part in LOGISTICS_PARTS.items()}


# --- placement: a gate beside the must-have gate ------------------------------------------------------
# A candidate who lives in another city and says they will not relocate cannot take an onsite role there,
# however strong on paper; the 2% location share alone lets them top the list. So, like a missing
# must-have, it multiplies the score: by 0.55 for an onsite role, 0.7 for a hybrid one (a day or two a
# week can be a long commute). Only an explicit "not open to relocation" does this: an unstated stance is
# never read as a refusal, and a role without a city (or a remote one) never applies it.
PLACEMENT_GATES: dict[int, float] = {MODES.index(WorkMode.ONSITE): 0.55, MODES.index(WorkMode.HYBRID): 0.7}


def placement_applies(plan: RolePlan) -> bool:
    return plan.policy in PLACEMENT_GATES and bool(plan.city_name)


def placement_gate(columns: Columns, plan: RolePlan) -> np.ndarray:
    """Per row: the role's gate for a candidate elsewhere who will not relocate, else 1."""
    gate = np.ones(len(columns), dtype=np.float32)
    if placement_applies(plan):
        away = (columns.relocate == 0) & (columns.city >= 0) & (columns.city != plan.city)
        gate[away] = np.float32(PLACEMENT_GATES[plan.policy])
    return gate


def apply_placement(total: np.ndarray, columns: Columns, plan: RolePlan, settled: np.ndarray) -> None:
    """total *= placement_gate(columns, plan), reading only `settled` (derive's rows that will not move)."""
    if not placement_applies(plan) or len(settled) == 0:
        return
    away = settled[columns.city[settled] != plan.city]
    total[away] *= np.float32(PLACEMENT_GATES[plan.policy])


def logistics_fit(columns: Columns, plan: RolePlan) -> np.ndarray:
    value = np.zeros(len(columns), dtype=np.float32)
    for name, weight in LOGISTICS_WEIGHTS.items():
        value += np.float32(weight) * LOGISTICS_PARTS[name](columns, plan)
    return value


# Culture is light on purpose: a CV says little about it. Mode-related tags read the stated preference;
# "regulated" and "research-driven" read domain evidence; everything else is neutral (0.5) for everyone.
_CULTURE_MODE: dict[str, np.ndarray] = {
    # by preferred mode: unknown, onsite, hybrid, remote
    "in-office": np.array([0.5, 1.0, 0.6, 0.2], dtype=np.float32),
    "onsite": np.array([0.5, 1.0, 0.6, 0.2], dtype=np.float32),
    "office-first": np.array([0.5, 1.0, 0.6, 0.2], dtype=np.float32),
    "hybrid": np.array([0.5, 0.7, 1.0, 0.6], dtype=np.float32),
    "remote-first": np.array([0.5, 0.4, 0.7, 1.0], dtype=np.float32),
    "remote": np.array([0.5, 0.4, 0.7, 1.0], dtype=np.float32),
}
CULTURE_SKILLS: dict[str, tuple[str, ...]] = {
    "regulated": ("fintech", "payments", "banking", "risk", "compliance", "insurance", "healthcare"),
    "research-driven": ("machine-learning", "research", "deep-learning", "statistics"),
}
CULTURE_NEUTRAL = 0.5


def culture_tags(criterion: PlannedCriterion, plan: RolePlan) -> tuple[str, ...]:
    return _tags(criterion.label, criterion.key, plan.culture)


def _tags(label: str, key: str, culture: tuple[str, ...]) -> tuple[str, ...]:
    """The tags one culture criterion stands for: the one it names ("culture:in-office"), else all."""
    named = label.strip().casefold()
    for tag in culture:
        if tag and (tag == named or key.casefold() == f"culture:{tag}"):
            return (tag,)
    return culture


def culture_fit(
    columns: Columns, tags: Iterable[str], skill_evidence: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Mean over tags; `skill_evidence` gives coverage arrays for the skills CULTURE_SKILLS names."""
    n = len(columns)
    values = []
    for tag in tags:
        if tag in _CULTURE_MODE:
            values.append(_lookup(_CULTURE_MODE[tag], columns.mode))
        elif tag in CULTURE_SKILLS:
            best = np.zeros(n, dtype=np.float32)
            for skill in CULTURE_SKILLS[tag]:
                if skill in skill_evidence:
                    best = np.maximum(best, skill_evidence[skill])
            values.append(np.float32(0.4) + np.float32(0.6) * np.minimum(best / np.float32(MUST_FULL), 1.0))
        else:
            values.append(np.full(n, CULTURE_NEUTRAL, dtype=np.float32))
    if not values:
        return np.full(n, CULTURE_NEUTRAL, dtype=np.float32)
    return (np.sum(values, axis=0) / np.float32(len(values))).astype(np.float32)


def dense_value(
    criterion: PlannedCriterion,
    columns: Columns,
    plan: RolePlan,
    skill_evidence: Mapping[str, np.ndarray],
    coverage: np.ndarray | None,
    derived: Mapping[str, np.ndarray] | None = None,
) -> np.ndarray:
    """The value of a non-skill criterion for every row of `columns`.

    `derived` may carry the role-independent columns of `derive` (cached per index segment).
    """
    kind = criterion.kind
    derived = derived if derived is not None else {}
    if kind == "scale":
        return scale_fit(columns, plan, derived.get("effective_scale"))
    if kind == "seniority":
        return seniority_fit(columns, plan)
    if kind == "logistics":
        part = LOGISTICS_KEYS.get(criterion.key)
        return LOGISTICS_PARTS[part](columns, plan) if part else logistics_fit(columns, plan)
    if kind == "culture":
        return culture_fit(columns, culture_tags(criterion, plan), skill_evidence)
    if kind == "leadership":
        signal = derived["leadership"] if "leadership" in derived else leadership_signal(columns)
        return signal if coverage is None else np.maximum(signal, coverage)
    raise ValueError(f"not a dense criterion kind: {kind!r}")


def derive(columns: Columns) -> dict[str, np.ndarray]:
    """Role-independent columns worth computing once per segment rather than once per role."""
    return {
        "effective_scale": effective_scale(columns),
        "leadership": leadership_signal(columns),
        "category": category_codes(columns),
        # The rows the placement gate can touch: a known city and an explicit "will not relocate".
        "settled": np.flatnonzero((columns.relocate == 0) & (columns.city >= 0)),
    }


# --- the categorical criteria as one lookup ------------------------------------------------------------
# Seniority, place (location x relocation x mode), right to work, notice and mode-based culture tags read
# only a few small codes. Each candidate gets a static code (level, mode, relocation, notice bucket,
# states a right to work, location known) and, per role, a dynamic one (same country, same city, holds
# the right to work there); one lookup in a table of the weighted sum of those criteria replaces a dozen
# passes over a million rows. The table is filled by the very same fit functions, run over one virtual
# candidate per code, so the lookup and the per-criterion values behind an explanation cannot disagree.

_NOTICE_WEEKS = (-1, 0, 5, 9, 13)  # one number of weeks per bucket of _NOTICE_FIT
CATEGORY_SHAPE = (len(LEVELS) + 1, len(MODES) + 1, 3, len(_NOTICE_WEEKS), 2, 2)
CATEGORY_SIZE = math.prod(CATEGORY_SHAPE)
DYNAMIC_SIZE = 8  # same country * 4 + same city * 2 + holds the right to work


def category_codes(columns: Columns) -> np.ndarray:
    weeks = columns.notice
    bucket = (weeks >= 0).astype(np.int8) + (weeks > 4) + (weeks > 8) + (weeks > 12)
    parts = (
        columns.level.astype(np.intp) + 1,
        columns.mode.astype(np.intp) + 1,
        columns.relocate.astype(np.intp) + 1,
        bucket.astype(np.intp),
        (columns.rtw != 0).astype(np.intp),
        (columns.country >= 0).astype(np.intp),
    )
    return np.ravel_multi_index(parts, CATEGORY_SHAPE).astype(np.int16)


def categorical(criterion: PlannedCriterion, plan: RolePlan) -> bool:
    """True when the criterion's value depends only on the codes above."""
    if criterion.kind == "seniority":
        return True
    if criterion.kind == "logistics":
        return LOGISTICS_KEYS.get(criterion.key) in ("place", "right_to_work", "notice")
    if criterion.kind == "culture":
        return not any(tag in CULTURE_SKILLS for tag in culture_tags(criterion, plan))
    return False


def category_table(plan: RolePlan, criteria: Sequence[PlannedCriterion]) -> np.ndarray:
    """Σ weight * value over `criteria`, for every (dynamic, static) code: index dynamic * SIZE + static."""
    # the virtual candidates are ordinary columns
    dynamic, level, mode, relocate, notice, states, known = np.unravel_index(
        np.arange(DYNAMIC_SIZE * CATEGORY_SIZE), (DYNAMIC_SIZE, *CATEGORY_SHAPE)
    )
    same_country, same_city, holds = dynamic >> 2 & 1, dynamic >> 1 & 1, dynamic & 1
    other_country = max(plan.country, 0) + 1
    country = np.where(same_country == 1, plan.country, np.where(known == 1, other_country, UNKNOWN))
    own_bit = min(plan.country, RTW_OTHER_BIT) if plan.country != UNKNOWN else RTW_OTHER_BIT
    other_bit = 0 if own_bit != 0 else 1
    rtw = np.where(holds == 1, 1 << own_bit, 0) | np.where(states == 1, 1 << other_bit, 0)
    n = len(dynamic)
    virtual = Columns(
        level=(level - 1).astype(np.int8),
        total_years=np.zeros(n, dtype=np.float32),
        scale=np.full((len(METRICS), n), SCALE_NONE, dtype=np.float32),
        city=np.where(same_city == 1, plan.city, -2).astype(np.int32),
        country=country.astype(np.int32),
        mode=(mode - 1).astype(np.int8),
        relocate=(relocate - 1).astype(np.int8),
        rtw=rtw.astype(np.uint64),
        salary=np.zeros(n, dtype=np.float32),
        currency=np.full(n, UNKNOWN, dtype=np.int16),
        notice=np.array(_NOTICE_WEEKS, dtype=np.int16)[notice],
    )
    table = np.zeros(n, dtype=np.float32)
    for criterion in criteria:
        table += np.float32(criterion.weight) * dense_value(criterion, virtual, plan, {}, None)
    return table


# --- combining -----------------------------------------------------------------------------------------


def must_share(plan: RolePlan, criterion: PlannedCriterion) -> np.float32:
    """What one unit of coverage (up to MUST_FULL) of this must-have adds to the gate's credit."""
    return np.float32(criterion.weight / plan.must_total / MUST_FULL)


def must_credit(coverage: np.ndarray) -> np.ndarray:
    return np.minimum(coverage, np.float32(MUST_FULL))


def gate_from_credit(credit: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """(1 - MUST_PENALTY) + MUST_PENALTY * min(credit, 1): 1 with every must-have in full."""
    gate = np.minimum(credit, np.float32(1.0), out=out)
    gate *= np.float32(MUST_PENALTY)
    gate += np.float32(1.0 - MUST_PENALTY)
    return gate


def must_gate(plan: RolePlan, must_coverage: Sequence[np.ndarray], n: int) -> np.ndarray:
    if plan.must_total <= 0:
        return np.ones(n, dtype=np.float32)
    credit = np.zeros(n, dtype=np.float32)
    for criterion, coverage in zip(plan.must, must_coverage, strict=True):
        credit += must_share(plan, criterion) * must_credit(coverage)
    return gate_from_credit(credit)


def combine(
    plan: RolePlan, values: np.ndarray, placement: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Scores 0-100 and must-have gates from per-criterion values shaped (criteria, candidates).

    `placement` is placement_gate of the same candidates (none: every candidate can be placed).
    """
    n = values.shape[1]
    must_rows = [i for i, c in enumerate(plan.criteria) if c.kind == "must"]
    gate = must_gate(plan, [values[i] for i in must_rows], n)
    # Summed in criterion order in float32, exactly as match.py accumulates: the same bits either way.
    total = np.zeros(n, dtype=np.float32)
    words = np.zeros(n, dtype=np.float32)
    for criterion, row in zip(plan.criteria, values, strict=True):
        target = words if ungated(criterion) else total
        target += np.float32(criterion.weight) * row
    return final_score(gate, total, placement, words), gate


def ungated(criterion: PlannedCriterion) -> bool:
    """True for a criterion added after the must-have gate (LEXICAL_UNGATED's words)."""
    if criterion.kind != "lexical":
        return False
    return LEXICAL_UNGATED == 2 or (LEXICAL_UNGATED == 1 and criterion.key == TITLE_WORDS_KEY)


def word_gate(gate: np.ndarray) -> np.ndarray:
    """What the must-have gate leaves of the words outside it (LEXICAL_GATE_POWER)."""
    if LEXICAL_GATE_POWER == 0:
        return np.ones_like(gate)
    return np.power(gate, np.float32(LEXICAL_GATE_POWER)).astype(np.float32)


def final_score(
    gate: np.ndarray, total: np.ndarray, placement: np.ndarray | None = None, words: np.ndarray | None = None
) -> np.ndarray:
    score = total * gate
    if words is not None:
        score += words * word_gate(gate)
    if placement is not None:
        score *= placement
    return (score * np.float32(100.0)).astype(np.float32)


def breakdown(plan: RolePlan, values: np.ndarray, gate: float, placement: float = 1.0) -> dict[str, float]:
    """Component -> value in [0, 1] for one candidate: the weighted mean of its criteria of that kind.

    "must_gate" and, when it applies, "placement_gate" are the factors the weighted sum is multiplied by.
    """
    sums: dict[str, float] = {}
    weights: dict[str, float] = {}
    for criterion, value in zip(plan.criteria, values, strict=True):
        name = criterion.component
        sums[name] = sums.get(name, 0.0) + criterion.weight * float(value)
        weights[name] = weights.get(name, 0.0) + criterion.weight
    result = {name: round(sums[name] / weights[name], 3) for name in sums if weights[name] > 0}
    if plan.must:
        result["must_gate"] = round(float(gate), 3)
    if placement < 1.0:
        result["placement_gate"] = round(float(placement), 3)
    return result


def component_weights(plan: RolePlan) -> dict[str, float]:
    weights: dict[str, float] = {}
    for criterion in plan.criteria:
        weights[criterion.component] = weights.get(criterion.component, 0.0) + criterion.weight
    return weights
