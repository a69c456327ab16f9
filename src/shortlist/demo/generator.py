"""Synthetic candidates and clients for demos, benchmarks and matching tests.

Everything about candidate i comes from one `random.Random` seeded with (seed, i), so candidate i is the same
whether 5 or 1,000,000 are generated, and a fixed `today` keeps the output independent of the calendar.

A CV's text is rendered *from* the generated history, and every skill and scale claim carries the exact
sentence of the CV it came from, so the population doubles as ground truth for extraction and ranking
tests. To keep that ground truth clean, a CV names no skill of SKILL_NAMES that is missing from the
candidate's `skills` (summaries, employer names and education avoid skill names) — except the deliberate
"board game Go". A few deliberate traps — keyword stuffing,
stale skills, "learning X in my spare time", "go-getter" — appear at low rates and are listed in
`DemoCandidate.traps`.

Framework-free on purpose (no Django import): the engine's benchmarks use it directly. The hot path avoids
regular expressions and re-parsing; templates are analysed once at import.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from string import Formatter

from shortlist.engine.vocab.enums import (
    SCALE_UNITS,
    SENIORITY_MIN_YEARS,
    ClientStage,
    RoleStatus,
    ScaleMetric,
    Seniority,
    WorkMode,
)

# ---------------------------------------------------------------------------------------------------------
# Public records
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class DemoExperience:
    employer: str
    title: str
    start: date
    end: date | None  # None: the current job
    bullets: list[str]


@dataclass(slots=True)
class DemoSkill:
    skill: str  # a canonical id from SKILL_IDS
    years: float  # total over the jobs whose bullets mention it; 0 when only listed
    last_used: int | None  # last year of such a job; None when only listed or being learnt
    strength: float  # 0..1: work bullet 0.8-1.0, skills list 0.3, "learning" 0.1
    section: str  # "experience" or "skills"
    snippet: str  # the sentence (or skills line) of cv_text it came from


@dataclass(slots=True)
class DemoScaleClaim:
    metric: str  # a ScaleMetric value
    value: float  # normalised to SCALE_UNITS[metric]
    unit: str
    snippet: str


@dataclass(slots=True)
class DemoCandidate:
    name: str
    emails: list[str]
    phone: str  # E.164
    city: str
    country: str  # ISO 3166-1 alpha-2
    github_url: str
    linkedin_url: str
    website_url: str
    headline: str
    seniority: str  # a Seniority value
    total_years: float
    work_mode: str  # a WorkMode value, or "" when not stated
    open_to_relocation: bool | None
    right_to_work: list[str]
    notice_weeks: int | None
    salary_expectation: int | None
    salary_currency: str  # "" when no expectation is stated
    experiences: list[DemoExperience]  # most recent first
    skills: list[DemoSkill]
    scale_claims: list[DemoScaleClaim]
    cv_text: str
    source: str
    traps: list[str] = field(default_factory=list)  # which deliberate traps this CV contains


@dataclass(slots=True)
class DemoGrowthPlan:
    horizon_months: int
    traffic_rps_now: float | None
    traffic_rps_target: float | None
    users_now: float | None
    users_target: float | None
    data_tb_now: float | None
    data_tb_target: float | None
    engineers_now: float | None
    engineers_target: float | None
    plans: str


@dataclass(slots=True)
class DemoRequirement:
    term: str  # a canonical skill id, or free text
    weight: float


@dataclass(slots=True)
class DemoRole:
    title: str
    languages: list[str]
    project_type: str  # one of PROJECT_TYPES
    seniority: str
    location: str
    remote_policy: str
    salary_min: int
    salary_max: int
    salary_currency: str
    culture: list[str]
    description: str
    must_have: list[DemoRequirement]
    nice_to_have: list[DemoRequirement]
    status: str


@dataclass(slots=True)
class DemoClient:
    name: str
    industry: str
    stage: str
    locations: list[str]
    culture: list[str]
    notes: str
    growth_plan: DemoGrowthPlan
    roles: list[DemoRole]


# The playbook ids a role's project type may take.
PROJECT_TYPES: tuple[str, ...] = (
    "low-latency-trading",
    "ml-integration",
    "fintech-modelling",
    "api-platform",
    "data-platform",
    "cloud-microservices",
    "general",
)

# ---------------------------------------------------------------------------------------------------------
# Skills: every id the generator can emit, the names a CV uses for it, and its group in a skills section
# ---------------------------------------------------------------------------------------------------------

_SKILL_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "Languages": {
        "python": ("Python",),
        "go": ("Go", "Golang"),
        "java": ("Java",),
        "kotlin": ("Kotlin",),
        "scala": ("Scala",),
        "javascript": ("JavaScript",),
        "typescript": ("TypeScript",),
        "rust": ("Rust",),
        "cpp": ("C++",),
        "csharp": ("C#",),
        "ruby": ("Ruby",),
        "elixir": ("Elixir",),
        "haskell": ("Haskell",),
        "php": ("PHP",),
        "perl": ("Perl",),
        "sql": ("SQL",),
    },
    "Frameworks": {
        "django": ("Django",),
        "flask": ("Flask",),
        "fastapi": ("FastAPI",),
        "celery": ("Celery",),
        "gin": ("Gin",),
        "grpc": ("gRPC",),
        "spring-boot": ("Spring Boot",),
        "spring": ("Spring Framework",),
        "react": ("React",),
        "nextjs": ("Next.js",),
        "nodejs": ("Node.js",),
        "graphql": ("GraphQL",),
        "jquery": ("jQuery",),
        "angularjs": ("AngularJS",),
        "tensorflow": ("TensorFlow",),
        "pytorch": ("PyTorch",),
        "scikit-learn": ("scikit-learn",),
        "pandas": ("pandas",),
        "numpy": ("NumPy",),
        "mlflow": ("MLflow",),
    },
    "Data & messaging": {
        "postgresql": ("PostgreSQL", "Postgres"),
        "mysql": ("MySQL",),
        "redis": ("Redis",),
        "mongodb": ("MongoDB",),
        "elasticsearch": ("Elasticsearch",),
        "kafka": ("Kafka", "Apache Kafka"),
        "rabbitmq": ("RabbitMQ",),
        "nats": ("NATS",),
        "spark": ("Spark", "Apache Spark"),
        "airflow": ("Airflow", "Apache Airflow"),
        "dbt": ("dbt",),
        "snowflake": ("Snowflake",),
    },
    "Cloud & DevOps": {
        "aws": ("AWS",),
        "gcp": ("GCP", "Google Cloud"),
        "azure": ("Azure",),
        "kubernetes": ("Kubernetes", "K8s"),
        "docker": ("Docker",),
        "terraform": ("Terraform",),
        "prometheus": ("Prometheus",),
        "ci-cd": ("CI/CD",),
        "linux": ("Linux",),
    },
    "Practices": {
        "concurrency": ("concurrency",),
        "low-latency": ("low-latency",),
        "distributed-systems": ("distributed systems",),
        "microservices": ("microservices",),
        "rest-api-design": ("REST API", "RESTful API"),
        "model-serving": ("model serving",),
        "event-driven-architecture": ("event-driven architecture",),
        "capacity-planning": ("capacity planning",),
        "machine-learning": ("machine learning",),
    },
    "Domains": {
        "financial-modelling": ("financial modelling",),
        "risk": ("risk",),
        "trading": ("trading",),
        "payments": ("payments",),
        "fintech": ("fintech",),
        "fix-protocol": ("FIX protocol",),
    },
}

# Canonical skill id -> the names a CV may use for it (the first is the usual one).
SKILL_NAMES: dict[str, tuple[str, ...]] = {
    skill: names for group in _SKILL_GROUPS.values() for skill, names in group.items()
}
# Every skill id the generator can emit.
SKILL_IDS: tuple[str, ...] = tuple(SKILL_NAMES)

# The year from which a skill plausibly appears in a job (public release plus a little adoption), so that an
# old job does not mention Kubernetes in 2009; skills not listed have always been around.
_RELEASED: dict[str, int] = {
    "go": 2011, "kotlin": 2016, "typescript": 2013, "rust": 2015, "elixir": 2014, "django": 2005,
    "flask": 2010, "fastapi": 2019, "celery": 2010, "gin": 2014, "grpc": 2016, "spring-boot": 2014,
    "react": 2014, "nextjs": 2017, "nodejs": 2010, "graphql": 2015, "jquery": 2006, "angularjs": 2010,
    "tensorflow": 2016, "pytorch": 2017, "scikit-learn": 2010, "pandas": 2010, "mlflow": 2018, "redis": 2010,
    "mongodb": 2010, "elasticsearch": 2011, "kafka": 2012, "rabbitmq": 2007, "nats": 2013, "spark": 2014,
    "airflow": 2015, "dbt": 2017, "snowflake": 2015, "aws": 2007, "gcp": 2012, "azure": 2010,
    "kubernetes": 2015, "docker": 2014, "terraform": 2015, "prometheus": 2016, "microservices": 2014,
    "model-serving": 2016,
}  # fmt: skip

_GROUP_LABELS: tuple[str, ...] = tuple(_SKILL_GROUPS)
_GROUP_OF: dict[str, int] = {
    skill: index for index, group in enumerate(_SKILL_GROUPS.values()) for skill in group
}
_DEFAULT_NAMES: dict[str, str] = {skill: names[0] for skill, names in SKILL_NAMES.items()}
_VARIANT_SKILLS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (skill, names) for skill, names in SKILL_NAMES.items() if len(names) > 1
)

# ---------------------------------------------------------------------------------------------------------
# Sentence templates. Fields are skill ids, per-job slots (resolved to a skill id per job) or fillers.
# ---------------------------------------------------------------------------------------------------------

_SLOTS = frozenset({"lang", "web", "db", "mq", "cloud"})
_CLOUDS: tuple[str, ...] = ("aws", "aws", "gcp", "azure")
_FILLERS = frozenset({"sys", "pct", "cov", "small", "a", "b"})


@dataclass(frozen=True, slots=True)
class _Template:
    text: str
    skills: tuple[str, ...]  # skill ids named directly
    slots: tuple[str, ...]  # per-job slots named
    since: int  # the first year a job can mention all of its skills


def _t(text: str) -> _Template:
    fields = [name for _, name, _, _ in Formatter().parse(text) if name]
    unknown = [name for name in fields if name not in SKILL_NAMES and name not in _SLOTS | _FILLERS]
    if unknown:  # a typo in a template would otherwise surface as a KeyError mid-generation
        raise ValueError(f"unknown template fields {unknown} in {text!r}")
    skills = tuple(dict.fromkeys(name for name in fields if name in SKILL_NAMES))
    return _Template(
        text,
        skills,
        tuple(dict.fromkeys(name for name in fields if name in _SLOTS)),
        max((_RELEASED.get(skill, 0) for skill in skills), default=0),
    )


@dataclass(frozen=True, slots=True)
class _Stack:
    key: str
    label: str  # for the summary; never a skill name
    titles: tuple[str, ...]  # may use {lang}/{web}, which every job's first bullet names
    langs: tuple[str, ...]
    web: tuple[str, ...]
    db: tuple[str, ...]
    mq: tuple[str, ...]
    core: tuple[_Template, ...]  # the first bullet of a job: always names {lang} (and {web} if titled so)
    more: tuple[_Template, ...]
    extras: tuple[str, ...]  # skills people on this stack list without describing them
    domains: tuple[str, ...]  # domains they tend to work in


def _ts(*texts: str) -> tuple[_Template, ...]:
    return tuple(_t(text) for text in texts)


_PYTHON = _Stack(
    key="python-backend",
    label="backend engineer",
    titles=("{lang} Developer", "Backend Engineer", "Software Engineer", "{lang} Engineer"),
    langs=("python",),
    web=("django", "django", "flask", "fastapi"),
    db=("postgresql", "postgresql", "mysql"),
    mq=("rabbitmq", "kafka", "redis"),
    core=_ts(
        "Built the {sys} in {lang} and {web}, backed by {db}.",
        "Wrote {lang} services for the {sys} on {cloud}, packaged with {docker}.",
        "Owned the {lang} codebase behind the {sys}, raising test coverage to {cov}%.",
    ),
    more=_ts(
        "Moved slow report generation onto {celery} workers with {redis} as the broker, cutting page "
        "times by {pct}%.",
        "Designed the public {rest-api-design} for the {sys} with {web}.",
        "Migrated the {sys} from {mysql} to {postgresql} with zero downtime.",
        "Split the {web} monolith into {microservices} communicating over {mq}.",
        "Profiled and optimised {db} queries behind the {sys}, reducing p95 latency by {pct}%.",
        "Built asynchronous ingestion endpoints with {fastapi} and {celery}.",
        "Maintained {django} admin tooling used daily by the operations team.",
        "Added {elasticsearch} full-text search to the {sys}.",
    ),
    extras=("docker", "redis", "linux", "sql", "aws", "ci-cd", "javascript", "postgresql"),
    domains=("fintech", "payments", "e-commerce", "health", "media", "edtech"),
)

_GO = _Stack(
    key="go-backend",
    label="backend engineer focused on high-throughput services",
    titles=("{lang} Engineer", "Backend Engineer", "Software Engineer", "{lang} Developer"),
    langs=("go",),
    web=("gin",),
    db=("postgresql", "postgresql", "mongodb"),
    mq=("kafka", "kafka", "nats", "rabbitmq"),
    core=_ts(
        "Built the {sys} in {lang} with {grpc}, streaming events through {mq}.",
        "Wrote {lang} services for the {sys} and ran them on {kubernetes} in {cloud}.",
        "Rewrote the {sys} from {python} to {lang}, cutting p99 latency by {pct}%.",
    ),
    more=_ts(
        "Used {lang} {concurrency} primitives (goroutines, channels, worker pools) to parallelise the {sys}.",
        "Ran {microservices} on {kubernetes}, with infrastructure managed in {terraform}.",
        "Exposed the {sys} through a {web} {rest-api-design} used by internal teams.",
        "Built {low-latency} handlers with allocation-free hot paths for the {sys}.",
        "Replaced polling with {nats} publish/subscribe between services.",
        "Instrumented services with {prometheus} and defined SLOs for the {sys}.",
        "Designed {distributed-systems} components for the {sys} with idempotent retries on {kafka}.",
        "Cached hot reads for the {sys} in {redis}, cutting database load by {pct}%.",
    ),
    extras=("docker", "linux", "postgresql", "redis", "aws", "python", "ci-cd", "prometheus"),
    domains=("trading", "payments", "cloud-infrastructure", "fintech"),
)

_JAVA = _Stack(
    key="java-backend",
    label="backend engineer",
    titles=("{lang} Developer", "Backend Engineer", "Software Engineer", "{lang} Engineer"),
    langs=("java",),
    web=("spring-boot", "spring-boot", "spring"),
    db=("postgresql", "mysql"),
    mq=("kafka", "rabbitmq"),
    core=_ts(
        "Developed {web} {microservices} in {lang} for the {sys}.",
        "Built event-driven pipelines on {mq} with {lang} and {web}.",
        "Tuned {lang} garbage collection for the {sys}, reducing tail latency by {pct}%.",
    ),
    more=_ts(
        "Migrated the {sys} from a monolith to {microservices} on {kubernetes}.",
        "Designed the {rest-api-design} layer of the {sys} on {db}.",
        "Wrote {kotlin} services alongside the existing codebase of the {sys}.",
        "Implemented lock-based and lock-free {concurrency} controls for the {sys}.",
        "Introduced {event-driven-architecture} for the {sys} using {kafka}.",
        "Built {low-latency} pricing paths for the {sys} with off-heap data structures.",
    ),
    extras=("sql", "docker", "linux", "kubernetes", "aws", "scala", "ci-cd", "redis"),
    domains=("trading", "fintech", "payments", "e-commerce", "logistics"),
)

_FRONTEND = _Stack(
    key="front-end",
    label="front-end engineer",
    titles=("Front-end Engineer", "Frontend Developer", "{web} Developer", "Software Engineer"),
    langs=("typescript", "typescript", "javascript"),
    web=("react",),
    db=("postgresql",),
    mq=("kafka",),
    core=_ts(
        "Built the {sys} front end in {web} and {lang}.",
        "Created a shared {web} component library in {lang} used across product teams.",
        "Rebuilt the {sys} screens in {web} with {lang}, improving page load by {pct}%.",
    ),
    more=_ts(
        "Migrated a large {javascript} codebase to {typescript}, removing a class of runtime errors.",
        "Improved Core Web Vitals for the {sys} through code splitting in {nextjs}.",
        "Wrote {nodejs} backend-for-frontend services exposing {graphql} to the web apps.",
        "Integrated the {sys} interface with the {rest-api-design} provided by the backend team.",
        "Added end-to-end browser tests and a {ci-cd} pipeline to the front end.",
    ),
    extras=("nodejs", "graphql", "docker", "ci-cd", "aws", "nextjs"),
    domains=("e-commerce", "media", "fintech", "edtech", "health"),
)

_DATA = _Stack(
    key="data",
    label="data engineer",
    titles=("Data Engineer", "Analytics Engineer", "{lang} Data Engineer", "Software Engineer, Data"),
    langs=("python",),
    web=("fastapi", "flask"),
    db=("postgresql", "mysql"),
    mq=("kafka",),
    core=_ts(
        "Built {spark} jobs in {lang} that process events from the {sys} on {cloud}.",
        "Wrote {lang} pipelines for the {sys}, orchestrated with {airflow}.",
        "Cleaned and reshaped raw feeds with {lang}, {pandas} and {numpy} for the analytics team.",
    ),
    more=_ts(
        "Modelled the warehouse in {sql} and {dbt}, replacing ad-hoc reports.",
        "Streamed change events from {postgresql} to the data lake via {kafka}.",
        "Cut the nightly {spark} batch from six hours to {small} minutes by repartitioning skewed joins.",
        "Wrote {sql} data-quality checks for the {sys} tables, scheduled in {airflow}.",
        "Moved the warehouse to {snowflake} and rewrote the reporting layer in {sql}.",
        "Built {event-driven-architecture} ingestion for the {sys} on {mq}.",
    ),
    extras=("sql", "docker", "aws", "gcp", "terraform", "scala", "linux"),
    domains=("e-commerce", "fintech", "health", "media", "logistics", "ai-ml"),
)

_ML = _Stack(
    key="ml",
    label="ML engineer",
    titles=("ML Engineer", "Data Scientist", "Applied Scientist", "{lang} ML Engineer"),
    langs=("python",),
    web=("fastapi", "flask"),
    db=("postgresql",),
    mq=("kafka",),
    core=_ts(
        "Trained {pytorch} models in {lang} for the {sys} and served them behind {fastapi}.",
        "Applied {machine-learning} in {lang} to the {sys}, starting from {scikit-learn} baselines.",
        "Built {lang} feature pipelines with {numpy} and {pandas} feeding the {sys}.",
    ),
    more=_ts(
        "Built {model-serving} infrastructure on {kubernetes} for {tensorflow} and {pytorch} models.",
        "Prototyped models with {scikit-learn} and {pandas} before moving to {pytorch}.",
        "Deployed {tensorflow} models to production with batch and online {model-serving}.",
        "Tracked experiments with {mlflow} and automated retraining on {cloud}.",
        "Fine-tuned transformer models in {pytorch} for the {sys}, improving F1 by {small} points.",
        "Distributed training jobs across GPU nodes with {docker} and {kubernetes}.",
    ),
    extras=("sql", "docker", "numpy", "aws", "gcp", "spark", "linux"),
    domains=("ai-ml", "ai-ml", "health", "fintech", "e-commerce"),
)

# An early-career web stack: the source of stale skills (last used long ago) in long careers.
_LEGACY = _Stack(
    key="legacy-web",
    label="web developer",
    titles=("Web Developer", "Software Developer"),
    langs=("php", "php", "perl"),
    web=("jquery",),
    db=("mysql",),
    mq=("rabbitmq",),
    core=_ts(
        "Maintained the {lang} web application behind the {sys}, with {jquery} on the front end.",
        "Wrote {lang} scripts to automate nightly data imports into {mysql}.",
        "Built {angularjs} screens on top of a {lang} back end for the {sys}.",
    ),
    more=_ts(
        "Administered {linux} servers hosting the {sys}.",
        "Added {jquery} form validation to the customer sign-up journey.",
        "Wrote stored procedures in {mysql} for monthly reporting.",
    ),
    extras=(),
    domains=("e-commerce", "media"),
)

_STACKS: tuple[_Stack, ...] = (_PYTHON, _GO, _JAVA, _FRONTEND, _DATA, _ML)
_STACK_WEIGHTS: tuple[int, ...] = (30, 20, 12, 10, 14, 14)
# Where an earlier job's stack may differ: the neighbours people plausibly move between.
_NEIGHBOURS: dict[str, tuple[_Stack, ...]] = {
    "python-backend": (_GO, _DATA, _FRONTEND),
    "go-backend": (_PYTHON, _JAVA),
    "java-backend": (_GO, _PYTHON),
    "front-end": (_PYTHON,),
    "data": (_PYTHON, _ML),
    "ml": (_DATA, _PYTHON),
}

# A stack cannot be someone's job before its main tools existed; such a job falls back to an older stack.
_STACK_SINCE: dict[str, int] = {"go-backend": 2012, "front-end": 2014, "ml": 2016, "data": 2014}
_ERA_FALLBACK: dict[str, _Stack] = {"go-backend": _PYTHON, "front-end": _LEGACY, "ml": _DATA, "data": _PYTHON}
_LATEST_RELEASE = max(_RELEASED.values())

_GENERIC = _ts(
    "Containerised services with {docker} and set up {ci-cd} pipelines.",
    "Provisioned {cloud} infrastructure with {terraform}.",
    "Mentored junior engineers and ran the team's code review guild.",
    "Led incident reviews and the on-call rotation for the {sys}.",
    "Introduced {redis} caching in front of the {sys}, cutting database load by {pct}%.",
    "Worked with product managers to ship the {sys} ahead of a regulatory deadline.",
    "Wrote design documents and led {capacity-planning} for the {sys}.",
    "Improved observability of the {sys} with structured logging and {prometheus} alerts.",
)

_DOMAIN_TEMPLATES: dict[str, tuple[_Template, ...]] = {
    "trading": _ts(
        "Built {trading} tools for the {sys}, working with quants on execution strategies.",
        "Implemented pre-trade {risk} checks in the {sys} within a strict {low-latency} budget.",
        "Connected the {sys} to exchanges over the {fix-protocol}.",
    ),
    "fintech": _ts(
        "Built {financial-modelling} libraries in {lang} for pricing and P&L attribution.",
        "Delivered regulated {fintech} features together with the compliance team.",
        "Built credit {risk} scoring for the {sys}.",
    ),
    "payments": _ts(
        "Integrated card schemes and open-banking providers into the {payments} platform.",
        "Built fraud and {risk} scoring for the {sys}.",
        "Reconciled {payments} ledgers daily with automated exception handling.",
    ),
    "ai-ml": _ts("Integrated language-model features into the {sys} with careful {model-serving} fallbacks."),
    "cloud-infrastructure": _ts(
        "Built multi-tenant {distributed-systems} for the {sys}.",
        "Ran quarterly {capacity-planning} for the {sys}.",
    ),
    "e-commerce": _ts("Rebuilt the {sys} ahead of the Black Friday traffic peak."),
    "health": _ts("Built consent-aware data retention for the {sys}."),
    "media": _ts("Reduced buffering on the {sys} through smarter edge caching."),
    "logistics": _ts("Optimised route calculations in the {sys} for same-day delivery."),
    "gaming": _ts("Built live-operations tooling for the {sys}."),
    "edtech": _ts("Made the {sys} meet WCAG 2.1 AA accessibility guidelines."),
}
_DOMAINS: tuple[str, ...] = tuple(_DOMAIN_TEMPLATES)

_SYSTEMS: dict[str, tuple[str, ...]] = {
    "trading": ("order-matching engine", "market-data gateway", "execution service", "pricing engine"),
    "fintech": ("lending platform", "ledger service", "onboarding flow", "credit-decision engine"),
    "payments": ("authorisation service", "card-processing platform", "payouts service", "refunds API"),
    "ai-ml": ("inference API", "feature store", "recommendation service", "document-understanding pipeline"),
    "cloud-infrastructure": ("provisioning API", "control plane", "metrics pipeline", "billing service"),
    "e-commerce": ("checkout service", "catalogue search", "basket API", "order-fulfilment system"),
    "health": ("patient-records API", "appointment-booking service", "clinical-trials platform"),
    "media": ("content-delivery service", "recommendation feed", "video-transcoding pipeline"),
    "logistics": ("route-planning service", "shipment-tracking API", "warehouse management system"),
    "gaming": ("matchmaking service", "leaderboards API", "player-analytics pipeline"),
    "edtech": ("course-authoring platform", "assessment engine", "learner dashboard"),
}
# Summaries name the domain without any skill name, so they never create unrecorded skill evidence.
_DOMAIN_LABELS: dict[str, str] = {
    "trading": "capital markets",
    "fintech": "financial services",
    "payments": "merchant services",
    "ai-ml": "AI products",
    "cloud-infrastructure": "cloud infrastructure",
    "e-commerce": "online retail",
    "health": "healthcare",
    "media": "media and streaming",
    "logistics": "logistics",
    "gaming": "games",
    "edtech": "education technology",
}
# Invented employer names: an invented first part and a domain-flavoured second part (no skill names).
_EMPLOYER_PREFIXES: tuple[str, ...] = (
    "Quorvane", "Tallisand", "Brackenly", "Corvell", "Dunmere", "Fallowmere", "Glenstock", "Harrowgate",
    "Ivorly", "Kestrane", "Larchwood", "Morrowby", "Nettlecombe", "Orrinfold", "Pellbrook", "Quillon",
    "Rookhaven", "Saltmarsh", "Thistlewick", "Umberley", "Vantrel", "Wrenfield", "Yarrowby", "Zephran",
    "Ashcombe", "Blytheway", "Cinderfold", "Drayven", "Emberlyn", "Fernwick",
)  # fmt: skip
_EMPLOYER_SUFFIXES: dict[str, tuple[str, ...]] = {
    "trading": ("Markets", "Capital", "Securities", "Quant"),
    "fintech": ("Finance", "Money", "Lending", "Bank"),
    "payments": ("Pay", "Merchant Services", "Checkout", "Transfers"),
    "ai-ml": ("AI", "Labs", "Intelligence", "Analytics"),
    "cloud-infrastructure": ("Cloud", "Systems", "Networks", "Compute"),
    "e-commerce": ("Retail", "Commerce", "Marketplace", "Store"),
    "health": ("Health", "Care", "Medical", "Clinics"),
    "media": ("Media", "Studios", "Broadcasting", "Streaming"),
    "logistics": ("Logistics", "Freight", "Delivery", "Shipping"),
    "gaming": ("Games", "Interactive", "Play"),
    "edtech": ("Learning", "Education", "Academy"),
}

# ---------------------------------------------------------------------------------------------------------
# Scale claims: sentences with numbers, and the normalised value each one states
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ScaleTemplate:
    template: _Template
    metric: ScaleMetric
    low: float  # range of the number as written, before the seniority cap
    high: float
    factor: float  # written number x factor = value in the metric's unit
    kind: str  # "count", "plain" (never abbreviated) or "data" (written in GB/TB/PB)
    from_to: bool  # "from {a} to {b}": the claim is the larger number
    min_level: int  # index into _LEVELS: whoever writes it was at least this senior in that job


_PER_DAY = 1 / 86_400
_M = ScaleMetric
_SCALE_TEMPLATES: tuple[_ScaleTemplate, ...] = (
    _ScaleTemplate(_t("Scaled the {sys} from {a} to {b} requests per second."),
                   _M.REQUESTS_PER_SECOND, 500, 300_000, 1, "count", True, 1),
    _ScaleTemplate(_t("Kept the {sys} at {b} req/s with p99 latency under 10 ms."),
                   _M.REQUESTS_PER_SECOND, 200, 200_000, 1, "count", False, 0),
    _ScaleTemplate(_t("Served {b} requests per minute at peak."),
                   _M.REQUESTS_PER_SECOND, 30_000, 50_000_000, 1 / 60, "count", False, 0),
    _ScaleTemplate(_t("Processed {b} messages per second through {mq}."),
                   _M.MESSAGES_PER_SECOND, 1_000, 3_000_000, 1, "count", False, 0),
    _ScaleTemplate(_t("Handled {b} messages a day on {mq}."),
                   _M.MESSAGES_PER_SECOND, 5_000_000, 50_000_000_000, _PER_DAY, "count", False, 0),
    _ScaleTemplate(_t("The {sys} settled {b} transactions a day."),
                   _M.TRANSACTIONS_PER_DAY, 10_000, 50_000_000, 1, "count", False, 0),
    _ScaleTemplate(_t("Grew the {sys} to {b} daily active users."),
                   _M.USERS, 10_000, 30_000_000, 1, "count", False, 1),
    _ScaleTemplate(_t("Shipped features to {b} monthly active users."),
                   _M.USERS, 20_000, 50_000_000, 1, "count", False, 0),
    _ScaleTemplate(_t("Managed {b} of data behind the {sys} in {db}."),
                   _M.DATA_VOLUME, 0.2, 400, 1, "data", False, 0),
    _ScaleTemplate(_t("Built a data lake holding {b} on {cloud}."),
                   _M.DATA_VOLUME, 1, 5_000, 1, "data", False, 1),
    _ScaleTemplate(_t("Ran analytical queries over {b} rows in {sql}."),
                   _M.ROWS, 10_000_000, 200_000_000_000, 1, "count", False, 0),
    _ScaleTemplate(_t("Led a team of {b} engineers across two time zones."),
                   _M.ENGINEERS, 4, 80, 1, "plain", False, 3),
    _ScaleTemplate(_t("Grew the team from {a} to {b} engineers."),
                   _M.ENGINEERS, 6, 120, 1, "plain", True, 2),
    _ScaleTemplate(_t("Operated a {b}-node {kubernetes} cluster."),
                   _M.NODES, 20, 3_000, 1, "plain", False, 1),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------------------
# People and places
# ---------------------------------------------------------------------------------------------------------

_LEVELS: tuple[str, ...] = tuple(level.value for level in Seniority)  # junior, mid, senior, staff, lead
_MIN_YEARS: tuple[float, ...] = tuple(SENIORITY_MIN_YEARS[Seniority(level)] for level in _LEVELS)
# How far up its range a scale number may go at each level (exponent share of a log-uniform draw).
_SCALE_CAP: tuple[float, ...] = (0.45, 0.65, 0.85, 1.0, 1.0)
_CLAIM_CHANCE: tuple[float, ...] = (0.12, 0.3, 0.5, 0.65, 0.65)

_LOCATIONS: tuple[tuple[str, str], ...] = (
    ("London", "GB"), ("Cambridge", "GB"), ("Manchester", "GB"), ("Edinburgh", "GB"), ("Bristol", "GB"),
    ("Oxford", "GB"), ("Dublin", "IE"), ("Berlin", "DE"), ("Warsaw", "PL"), ("Kyiv", "UA"),
    ("Bengaluru", "IN"), ("Amsterdam", "NL"), ("Lisbon", "PT"), ("New York", "US"),
)  # fmt: skip
_LOCATION_WEIGHTS: tuple[int, ...] = (34, 8, 7, 5, 5, 4, 5, 5, 5, 4, 5, 4, 4, 5)

_COUNTRY_NAMES: dict[str, str] = {
    "GB": "UK", "IE": "Ireland", "DE": "Germany", "PL": "Poland", "UA": "Ukraine", "IN": "India",
    "NL": "Netherlands", "PT": "Portugal", "US": "USA",
}  # fmt: skip
# Ukrainian engineers working for foreign clients usually quote in US dollars.
_CURRENCY: dict[str, str] = {
    "GB": "GBP", "IE": "EUR", "DE": "EUR", "NL": "EUR", "PT": "EUR", "PL": "PLN", "UA": "USD",
    "IN": "INR", "US": "USD",
}  # fmt: skip
_CURRENCY_SIGN: dict[str, str] = {"GBP": "£", "EUR": "€", "USD": "$", "PLN": "PLN ", "INR": "₹"}
# Local pay relative to a London salary in GBP, in the local currency.
_PAY_FACTOR: dict[str, float] = {
    "GB": 1.0, "IE": 1.05, "DE": 1.0, "NL": 1.0, "PT": 0.55, "PL": 3.2, "UA": 0.65, "IN": 28.0, "US": 1.6,
}  # fmt: skip
_LONDON_PAY: tuple[tuple[int, int], ...] = (
    (35_000, 52_000),
    (52_000, 78_000),
    (78_000, 112_000),
    (105_000, 150_000),
    (100_000, 145_000),
)
# (country code, fixed national digits, random digits, display groups); UK and US numbers use the ranges
# reserved for fiction (Ofcom 07700 900xxx, NANP 555-01xx).
_PHONES: dict[str, tuple[str, str, int, tuple[int, ...]]] = {
    "GB": ("44", "7700900", 3, (4, 6)),
    "IE": ("353", "85", 7, (2, 3, 4)),
    "DE": ("49", "151", 8, (3, 8)),
    "PL": ("48", "5", 8, (3, 3, 3)),
    "UA": ("380", "67", 7, (2, 3, 4)),
    "IN": ("91", "98", 8, (5, 5)),
    "NL": ("31", "6", 8, (1, 8)),
    "PT": ("351", "91", 7, (3, 3, 3)),
    "US": ("1", "21255501", 2, (3, 3, 4)),
}

_FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Emily", "Noah", "Sophie", "Thomas",
           "Grace", "James", "Chloe", "William", "Hannah", "Daniel", "Priya", "Aisha", "Omar", "Fatima",
           "Mohammed", "Wei", "Chidi", "Ngozi", "Kwame", "Rhys", "Ffion", "Callum", "Eilidh", "Zoë", "Samir"),
    "IE": ("Aoife", "Ciarán", "Niamh", "Seán", "Saoirse", "Conor", "Róisín", "Darragh", "Orla", "Cian"),
    "DE": ("Lukas", "Lena", "Jonas", "Felix", "Mia", "Maximilian", "Laura", "Paul", "Katharina", "Jürgen"),
    "PL": ("Jakub", "Zofia", "Łukasz", "Katarzyna", "Piotr", "Agnieszka", "Michał", "Anna", "Kacper",
           "Magdalena"),
    "UA": ("Oleksandr", "Olena", "Dmytro", "Iryna", "Andriy", "Kateryna", "Serhiy", "Yulia", "Taras",
           "Oksana"),
    "IN": ("Aarav", "Ananya", "Rohan", "Priya", "Vikram", "Kavya", "Arjun", "Sneha", "Rahul", "Divya",
           "Karthik", "Meera"),
    "NL": ("Daan", "Sanne", "Bram", "Lotte", "Thijs", "Femke", "Jeroen", "Anouk", "Ruben", "Eva"),
    "PT": ("João", "Beatriz", "Tiago", "Inês", "Rui", "Mariana", "Diogo", "Catarina", "Pedro", "Sofia"),
    "US": ("Michael", "Jessica", "Christopher", "Ashley", "Matthew", "Sarah", "Joshua", "Jennifer", "David",
           "Tyler", "Lauren", "Marcus", "Maria", "Kevin"),
}  # fmt: skip
_LAST_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan",
           "Wright", "Walker", "Thompson", "Robinson", "Wood", "Hughes", "Edwards", "Green", "Hall", "Clarke",
           "Shah", "Ahmed", "Begum", "Okafor", "Mensah", "Murray", "Campbell", "MacDonald", "Evans", "Price",
           "Chen", "Singh", "Kaur", "Fraser", "Lewis"),
    "IE": ("Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "Doyle", "McCarthy",
           "Gallagher"),
    "DE": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
           "Schäfer"),
    # Surnames without a gendered ending, so any first name fits.
    "PL": ("Nowak", "Wójcik", "Woźniak", "Kaczmarek", "Mazur", "Krawczyk", "Zając", "Król", "Wróbel",
           "Pawlak"),
    "UA": ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Koval",
           "Marchenko", "Lysenko"),
    "IN": ("Sharma", "Iyer", "Reddy", "Nair", "Gupta", "Rao", "Menon", "Krishnan", "Verma", "Bhat",
           "Kulkarni", "Das"),
    "NL": ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
           "Bos"),
    "PT": ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
           "Fernandes"),
    "US": ("Johnson", "Williams", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Anderson", "Lee",
           "Nguyen", "Kim", "Hernandez", "Clark", "Lopez"),
}  # fmt: skip
_NAME_REGIONS: tuple[str, ...] = tuple(_FIRST_NAMES)

_UNIVERSITIES: dict[str, tuple[str, ...]] = {
    "GB": ("University of Leeds", "University of Manchester", "University of Edinburgh",
           "University of Bristol", "Imperial College London", "University College London",
           "University of Warwick",
           "University of Southampton", "University of Glasgow", "University of Cambridge",
           "University of Oxford", "University of Nottingham", "University of Sheffield"),
    "IE": ("Trinity College Dublin", "University College Dublin"),
    "DE": ("Technical University of Munich", "Karlsruhe Institute of Technology"),
    "PL": ("Warsaw University of Technology", "AGH University of Krakow"),
    "UA": ("Kyiv Polytechnic Institute", "Taras Shevchenko National University of Kyiv"),
    "IN": ("IIT Madras", "IIT Bombay", "BITS Pilani", "Anna University"),
    "NL": ("TU Delft", "University of Amsterdam"),
    "PT": ("Instituto Superior Técnico", "University of Porto"),
    "US": ("Georgia Tech", "UC Berkeley", "New York University", "University of Michigan"),
}  # fmt: skip
_DEGREES: tuple[str, ...] = (
    "BSc Computer Science", "BSc Computer Science", "MEng Software Engineering", "BSc Mathematics",
    "MSc Computer Science", "BSc Physics", "BEng Electronic Engineering", "MSc Data Science", "BA Economics",
)  # fmt: skip

_ADJECTIVES: tuple[str, ...] = ("Pragmatic", "Experienced", "Curious", "Product-minded", "Detail-oriented")
_JUNIOR_ADJECTIVES: tuple[str, ...] = ("Motivated", "Enthusiastic", "Curious")
_SUMMARY_EXTRAS: tuple[str, ...] = (
    "I care about readable code, good tests and calm on-call rotations.",
    "Happiest in small teams that own their services end to end.",
    "Comfortable working closely with product, design and operations.",
    "I enjoy turning vague requirements into systems that run quietly.",
    "Looking for a team that values code review and written design.",
)
_INTERESTS: tuple[str, ...] = (
    "climbing, sourdough baking, five-a-side football",
    "cycling, chess, volunteering at a code club",
    "photography, hiking, board games",
    "running, jazz piano, reading history",
)
_LEARNABLE: tuple[str, ...] = ("rust", "go", "elixir", "haskell", "kotlin", "scala")

_MONTHS: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_PRESENT: tuple[str, ...] = ("Present", "Present", "present", "now", "Current")
_LAYOUTS: tuple[tuple[str, ...], ...] = (
    # summary, experience, skills, education, other, bullet
    ("SUMMARY", "EXPERIENCE", "SKILLS", "EDUCATION", "ADDITIONAL INFORMATION", "• "),
    ("Profile", "Professional Experience", "Technical Skills", "Education", "Other", "- "),
    ("## About", "## Experience", "## Skills", "## Education", "## Other", "* "),
)
_EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net", "mail.example.com")


def _ascii(text: str) -> str:
    """A lower-case ASCII handle for e-mail addresses and URLs."""
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum()).lower()


_ASCII: dict[str, str] = {
    name: _ascii(name) for pool in (*_FIRST_NAMES.values(), *_LAST_NAMES.values()) for name in pool
}


def _cumulative(weights: Sequence[float]) -> tuple[list[float], float]:
    cumulative = list(accumulate(weights))
    return cumulative, cumulative[-1]


_STACK_CUM, _STACK_TOTAL = _cumulative(_STACK_WEIGHTS)
_LOCATION_CUM, _LOCATION_TOTAL = _cumulative(_LOCATION_WEIGHTS)
# Bullet pools per (stack, domain), built once so a job just samples from a ready tuple.
# The legacy stack leaves out the generic bullets: they name tools from after its time.
_POOLS: dict[tuple[str, str], tuple[_Template, ...]] = {
    (stack.key, domain): stack.more + (() if stack is _LEGACY else _GENERIC) + templates
    for stack in (*_STACKS, _LEGACY)
    for domain, templates in _DOMAIN_TEMPLATES.items()
}
_SCALE_BY_LEVEL: tuple[tuple[_ScaleTemplate, ...], ...] = tuple(
    tuple(t for t in _SCALE_TEMPLATES if t.min_level <= level) for level in range(len(_LEVELS))
)

# ---------------------------------------------------------------------------------------------------------
# Small helpers on the hot path
# ---------------------------------------------------------------------------------------------------------


def _month_date(index: int) -> date:
    """A month index (year * 12 + month - 1) as the first day of that month."""
    return date(index // 12, index % 12 + 1, 1)


def _pick_for_year(options: tuple[str, ...], year: int, rng: random.Random) -> str:
    """A random option, or the first one that existed in `year` (else the oldest) when the draw is too new."""
    choice = options[int(rng.random() * len(options))]
    if _RELEASED.get(choice, 0) > year:
        for option in options:
            if _RELEASED.get(option, 0) <= year:
                return option
        return min(options, key=lambda option: _RELEASED.get(option, 0))
    return choice


def _level_for(years: float) -> int:
    """The highest level whose minimum years are met (staff and lead share a threshold; staff first)."""
    level = 0
    for index in range(1, 4):
        if years >= _MIN_YEARS[index]:
            level = index
    return level


def _two_figures(value: float) -> float:
    """Round to two significant figures, as people write numbers on a CV."""
    return float(f"{value:.2g}")


def _count_text(number: float, style: int) -> str:
    """1,200,000 as '1,200,000', '1.2M' or '1.2 million' (style 0, 1, 2)."""
    if style == 1:
        if number >= 1e9:
            return f"{number / 1e9:g}bn"
        if number >= 1e6:
            return f"{number / 1e6:g}M"
        if number >= 1e4:
            return f"{number / 1e3:g}k"
    elif style == 2:
        if number >= 1e9:
            return f"{number / 1e9:g} billion"
        if number >= 1e6:
            return f"{number / 1e6:g} million"
    return f"{int(number):,}"


def _data_text(terabytes: float) -> tuple[str, float]:
    """A data volume as written (GB, TB or PB) and its exact value in TB."""
    if terabytes >= 1000:
        petabytes = _two_figures(terabytes / 1000)
        return f"{petabytes:g} PB", petabytes * 1000
    if terabytes < 1:
        gigabytes = int(_two_figures(terabytes * 1000))
        return f"{gigabytes} GB", gigabytes / 1000
    amount = _two_figures(terabytes)
    return f"{amount:,g} TB", amount


def _date_text(index: int | None, style: int, present: str) -> str:
    if index is None:
        return present
    year, month = divmod(index, 12)
    if style == 1:
        return str(year)
    if style == 2:
        return f"{month + 1:02d}/{year}"
    return f"{_MONTHS[month]} {year}"


_EN_DASH = "\u2013"
_DATE_JOINERS: tuple[str, ...] = (f" {_EN_DASH} ", _EN_DASH, " - ", " to ")  # by date style


def _split_months(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split a career into job lengths of at least three months each."""
    if parts == 1:
        return [total]
    weights = [0.5 + rng.random() for _ in range(parts)]
    scale = (total - 3 * parts) / sum(weights)
    lengths = [3 + int(w * scale) for w in weights]
    lengths[0] += total - sum(lengths)
    return lengths


# ---------------------------------------------------------------------------------------------------------
# One candidate
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _SkillTally:
    months: int
    last_used: int
    snippet: str
    job_index: int  # the last job that added its months, so a job counts once however often it names it


def _career_months(rng: random.Random) -> int:
    """Years of experience drawn so that about 14% are junior, 30% mid, 28% senior and 28% staff/lead."""
    u = rng.random()
    if u < 0.14:
        years = 0.3 + rng.random() * 1.65
    elif u < 0.44:
        years = 2 + rng.random() * 3
    elif u < 0.72:
        years = 5 + rng.random() * 3
    else:
        years = 8 + rng.random() * 14
    return max(4, int(years * 12))


def _job_count(months: int, rng: random.Random) -> int:
    if months < 18:
        count = 1
    elif months < 48:
        count = 1 + (rng.random() < 0.6)
    elif months < 96:
        count = 2 + int(rng.random() * 2)
    else:
        count = 2 + int(rng.random() * 4)
    return max(1, min(count, months // 8))


def _title(stack: _Stack, level: int, names: dict[str, str], rng: random.Random) -> str:
    base = stack.titles[int(rng.random() * len(stack.titles))].format_map(names)
    if level == 0:
        return ("Junior " if rng.random() < 0.75 else "Graduate ") + base
    if level == 1:
        return base
    if level == 2:
        return "Senior " + base
    if level == 3:
        return ("Staff " if rng.random() < 0.6 else "Principal ") + base
    u = rng.random()
    if u < 0.5:
        return "Lead " + base
    return "Tech Lead" if u < 0.75 else ("Engineering Lead" if u < 0.9 else "Engineering Manager")


def _scale_bullet(
    template: _ScaleTemplate, level: int, names: dict[str, str], style: int, rng: random.Random
) -> tuple[str, DemoScaleClaim]:
    """Write one scale sentence and the claim it makes, normalised to the metric's unit."""
    low, high = template.low, template.high
    drawn = low * (high / low) ** (rng.random() * _SCALE_CAP[level])
    if template.kind == "data":
        names["b"], value = _data_text(drawn)
    else:
        number = max(_two_figures(drawn), 2.0)
        names["b"] = f"{int(number):,}" if template.kind == "plain" else _count_text(number, style)
        if template.from_to:
            before = max(1.0, _two_figures(number * (0.05 + rng.random() * 0.4)))
            if before >= number:
                before = number - 1
            names["a"] = f"{int(before):,}" if template.kind == "plain" else _count_text(before, style)
        value = round(number * template.factor, 2)
    text = template.template.text.format_map(names)
    metric = template.metric
    return text, DemoScaleClaim(metric.value, value, SCALE_UNITS[metric], text)


@dataclass(slots=True)
class _Draft:
    """What is known about a candidate while their CV is being written."""

    rng: random.Random
    today: date
    names: dict[str, str]  # skill id (and per-job slot or filler) -> the words this CV uses
    tallies: dict[str, _SkillTally] = field(default_factory=dict)
    claims: list[DemoScaleClaim] = field(default_factory=list)
    used_scale: set[_ScaleTemplate] = field(default_factory=set)
    traps: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Preferences:
    work_mode: str
    relocation: bool | None
    right_to_work: list[str]
    notice: int | None
    salary: int | None
    currency: str


@dataclass(slots=True)
class _Contact:
    emails: list[str]
    phone: str  # E.164
    phone_display: str
    github: str
    linkedin: str
    website: str


def _make_candidate(seed: int, index: int, today: date) -> DemoCandidate:
    rng = random.Random((seed << 40) + index)
    r = rng.random
    stack = _STACKS[bisect(_STACK_CUM, r() * _STACK_TOTAL)]
    city, country = _LOCATIONS[bisect(_LOCATION_CUM, r() * _LOCATION_TOTAL)]
    draft = _Draft(rng, today, _display_names(rng))
    first, last = _person_name(country, rng)

    spans, lengths, current = _timeline(today, rng)
    total_months = sum(lengths)
    years = round(total_months / 12, 2)
    level = _level_for(years)
    if level == 3 and r() < 0.35:
        level = 4  # lead: same years as staff, a different path
    experiences, latest_domain = _write_jobs(draft, stack, level, spans, lengths)
    skills, skill_lines, go_trap = _write_skills(draft, stack)
    preferences = _preferences(country, city, level, current, rng)
    contact = _contact(first, last, country, rng)
    headline = _headline(experiences, draft, current, rng)
    summary = _summary(stack, level, total_months, latest_domain, go_trap, rng)
    education = _education(country, spans[-1][0] // 12, rng)
    other = _other_lines(preferences, go_trap, rng)
    place = f"{city}, {_COUNTRY_NAMES[country]}"
    cv_text = _render_cv(
        f"{first} {last}", contact, place, headline, summary, experiences, spans, skill_lines, education,
        other, rng,
    )  # fmt: skip
    return DemoCandidate(
        name=f"{first} {last}",
        emails=contact.emails,
        phone=contact.phone,
        city=city,
        country=country,
        github_url=contact.github,
        linkedin_url=contact.linkedin,
        website_url=contact.website,
        headline=headline,
        seniority=_LEVELS[level],
        total_years=years,
        work_mode=preferences.work_mode,
        open_to_relocation=preferences.relocation,
        right_to_work=preferences.right_to_work,
        notice_weeks=preferences.notice,
        salary_expectation=preferences.salary,
        salary_currency=preferences.currency,
        experiences=experiences,
        skills=skills,
        scale_claims=draft.claims,
        cv_text=cv_text,
        source=f"demo/cv-{index:06d}.txt",
        traps=draft.traps,
    )


def _display_names(rng: random.Random) -> dict[str, str]:
    """The names this CV uses for skills: mostly the usual one, sometimes 'Golang' or 'Postgres'."""
    names = dict(_DEFAULT_NAMES)
    for skill, variants in _VARIANT_SKILLS:
        if rng.random() < 0.3:
            names[skill] = variants[1]
    return names


def _person_name(country: str, rng: random.Random) -> tuple[str, str]:
    """First and last name: mostly from the country's pool; UK residents come from everywhere."""
    r = rng.random
    home_share = 0.65 if country == "GB" else 0.85
    region = country if r() < home_share else _NAME_REGIONS[int(r() * len(_NAME_REGIONS))]
    firsts, lasts = _FIRST_NAMES[region], _LAST_NAMES[region]
    return firsts[int(r() * len(firsts))], lasts[int(r() * len(lasts))]


def _timeline(today: date, rng: random.Random) -> tuple[list[tuple[int, int | None]], list[int], bool]:
    """Job spans as month indexes (start, end or None), most recent first, their lengths, and whether
    the latest job is current. Jobs follow each other with short gaps and never overlap."""
    r = rng.random
    total_months = _career_months(rng)
    lengths = _split_months(total_months, _job_count(total_months, rng), rng)
    now_index = today.year * 12 + today.month - 1
    current = r() < 0.85
    end: int | None = None if current else now_index - 1 - int(r() * 8)
    spans: list[tuple[int, int | None]] = []
    for length in lengths:
        start = (now_index if end is None else end) - length
        spans.append((start, end))
        end = start - (0 if r() < 0.6 else 1 + int(r() * 4))
    return spans, lengths, current


def _write_jobs(
    draft: _Draft, stack: _Stack, level: int, spans: list[tuple[int, int | None]], lengths: list[int]
) -> tuple[list[DemoExperience], str]:
    """Every job with its bullets, most recent first, and the domain of the latest one."""
    r = draft.rng.random
    n_jobs = len(spans)
    main_domain = stack.domains[int(r() * len(stack.domains))]
    legacy_oldest = (
        n_jobs >= 2 and spans[-1][1] is not None and spans[-1][1] // 12 <= draft.today.year - 9 and r() < 0.3
    )
    claim_jobs: list[int] = []
    if r() < _CLAIM_CHANCE[level]:
        for _ in range(1 + (r() < 0.35) + (r() < 0.15)):
            claim_jobs.append(0 if r() < 0.6 else int(r() * n_jobs))
    number_style = int(r() * 3)

    experiences: list[DemoExperience] = []
    latest_domain = main_domain
    total_months = sum(lengths)
    months_after = 0  # experience gained in the jobs after this one
    for job_index, (span, length) in enumerate(zip(spans, lengths, strict=True)):
        if job_index == n_jobs - 1 and legacy_oldest:
            job_stack = _LEGACY
            draft.traps.append("stale-skill")
        elif job_index > 0 and r() < 0.25:
            neighbours = _NEIGHBOURS[stack.key]
            job_stack = neighbours[int(r() * len(neighbours))]
        else:
            job_stack = stack
        domain = main_domain if r() < 0.55 else _DOMAINS[int(r() * len(_DOMAINS))]
        if job_index == 0:
            latest_domain = domain
        # The title a CV shows is the one held when leaving, so it reflects experience at the job's end.
        job_level = level if job_index == 0 else _level_for((total_months - months_after) / 12)
        months_after += length
        claims = claim_jobs.count(job_index)
        experiences.append(
            _write_job(draft, job_stack, job_level, domain, span, length, job_index, claims, number_style)
        )
    return experiences, latest_domain


def _write_job(
    draft: _Draft,
    stack: _Stack,
    level: int,
    domain: str,
    span: tuple[int, int | None],
    length: int,
    job_index: int,
    claims: int,
    number_style: int,
) -> DemoExperience:
    """One job: title, employer and bullets, recording every skill and scale claim its bullets make."""
    rng, names = draft.rng, draft.names
    r = rng.random
    start, end = span
    year = start // 12
    while year < _STACK_SINCE.get(stack.key, 0):
        stack = _ERA_FALLBACK[stack.key]
    slots = {
        "lang": _pick_for_year(stack.langs, year, rng),
        "web": _pick_for_year(stack.web, year, rng),
        "db": _pick_for_year(stack.db, year, rng),
        "mq": _pick_for_year(stack.mq, year, rng),
        "cloud": _pick_for_year(_CLOUDS, year, rng),
    }
    for slot, skill in slots.items():
        names[slot] = names[skill]
    systems = _SYSTEMS[domain]
    title = _title(stack, level, names, rng)
    suffixes = _EMPLOYER_SUFFIXES[domain]
    employer = (
        f"{_EMPLOYER_PREFIXES[int(r() * len(_EMPLOYER_PREFIXES))]} {suffixes[int(r() * len(suffixes))]}"
    )

    pool: Sequence[_Template] = _POOLS[stack.key, domain]
    core: Sequence[_Template] = stack.core
    if year < _LATEST_RELEASE:
        pool = [t for t in pool if t.since <= year]
        core = [t for t in core if t.since <= year] or core[:1]
    extra = (3 if job_index == 0 else 2) + int(r() * 3) - 1
    chosen = [core[int(r() * len(core))], *rng.sample(pool, min(extra, len(pool)))]
    bullets: list[str] = []
    mentions: list[tuple[str, _Template]] = []
    for template in chosen:
        names["sys"] = systems[int(r() * len(systems))]
        names["pct"] = str(15 + int(r() * 60))
        names["cov"] = str(70 + int(r() * 26))
        names["small"] = str(4 + int(r() * 30))
        text = template.text.format_map(names)
        bullets.append(text)
        mentions.append((text, template))
    for _ in range(claims):
        options = [
            t for t in _SCALE_BY_LEVEL[level] if t not in draft.used_scale and t.template.since <= year
        ]
        if not options:
            break
        scale = options[int(r() * len(options))]
        draft.used_scale.add(scale)
        names["sys"] = systems[int(r() * len(systems))]
        text, claim = _scale_bullet(scale, level, names, number_style, rng)
        bullets.append(text)
        draft.claims.append(claim)
        mentions.append((text, scale.template))

    last_year = draft.today.year if end is None else end // 12
    tallies = draft.tallies
    for text, template in mentions:
        for skill in (*template.skills, *(slots[slot] for slot in template.slots)):
            tally = tallies.get(skill)
            if tally is None:
                # Jobs come most recent first, so the first sentence seen is the most recent one.
                tallies[skill] = _SkillTally(length, last_year, text, job_index)
            elif tally.job_index != job_index:
                tally.months += length
                tally.job_index = job_index
    return DemoExperience(
        employer, title, _month_date(start), None if end is None else _month_date(end), bullets
    )


def _write_skills(draft: _Draft, stack: _Stack) -> tuple[list[DemoSkill], list[str], bool]:
    """Skills with their evidence, the lines of the skills section, and whether the 'Go' trap is set.

    Work bullets give strong evidence; the skills section adds a few skills people only list, and at low
    rates a keyword-stuffed line or a "learning X in my spare time" sentence.
    """
    r, names, today = draft.rng.random, draft.names, draft.today
    skills: list[DemoSkill] = []
    for skill, tally in draft.tallies.items():
        skill_years = round(tally.months / 12, 2)
        age = today.year - tally.last_used
        recency = 0.1 if age <= 0 else (0.05 if age <= 3 else 0.0)
        strength = round(0.8 + 0.1 * min(1.0, skill_years / 5) + recency, 2)
        skills.append(DemoSkill(skill, skill_years, tally.last_used, strength, "experience", tally.snippet))

    only_listed = [skill for skill in stack.extras if skill not in draft.tallies and r() < 0.3]
    listed = [*draft.tallies, *only_listed]
    skill_lines, line_of = _skill_lines(listed, names, grouped=r() < 0.6)
    for skill in only_listed:
        skills.append(DemoSkill(skill, 0.0, None, 0.3, "skills", line_of[skill]))

    if r() < 0.015:
        draft.traps.append("keyword-stuffing")
        present = set(listed)
        stuffed = [s for s in draft.rng.sample(SKILL_IDS, 34) if s not in present][: 20 + int(r() * 12)]
        line = "Keywords: " + ", ".join(names[s] for s in stuffed)
        skill_lines.append(line)
        skills.extend(DemoSkill(skill, 0.0, None, 0.3, "skills", line) for skill in stuffed)
        listed.extend(stuffed)

    go_trap = "go" not in listed and r() < 0.02
    if r() < 0.04:
        learnable = [s for s in _LEARNABLE if s not in listed]
        if learnable:
            learning = learnable[int(r() * len(learnable))]
            sentence = f"Currently learning {names[learning]} in my spare time."
            skill_lines.append(sentence)
            skills.append(DemoSkill(learning, 0.0, None, 0.1, "skills", sentence))
            draft.traps.append("weak-evidence")
            go_trap = go_trap and learning != "go"
    if go_trap:
        draft.traps.append("go-ambiguity")
    return skills, skill_lines, go_trap


def _skill_lines(listed: list[str], names: dict[str, str], grouped: bool) -> tuple[list[str], dict[str, str]]:
    """The skills section as lines (grouped by kind, or one flat list), and the line each skill is on."""
    if not grouped:
        line = ", ".join(names[s] for s in listed)
        return [line], dict.fromkeys(listed, line)
    buckets: list[list[str]] = [[] for _ in _GROUP_LABELS]
    for skill in listed:
        buckets[_GROUP_OF[skill]].append(skill)
    lines: list[str] = []
    line_of: dict[str, str] = {}
    for label, bucket in zip(_GROUP_LABELS, buckets, strict=True):
        if bucket:
            line = f"{label}: {', '.join(names[s] for s in bucket)}"
            lines.append(line)
            for skill in bucket:
                line_of[skill] = line
    return lines, line_of


def _preferences(country: str, city: str, level: int, current: bool, rng: random.Random) -> _Preferences:
    """What they want, consistent with where they live: local currency and pay, home right to work."""
    r = rng.random
    work_mode = ("hybrid", "hybrid", "remote", "onsite", "")[int(r() * 5)]
    u = r()
    relocation = None if u < 0.5 else (u < (0.85 if country != "GB" else 0.7))
    right_to_work: list[str] = []
    if r() < 0.88:
        right_to_work.append(country)
        # Irish citizens may work in the UK, some UK residents hold Irish passports, a few abroad
        # have UK status.
        extra_chance = 0.6 if country == "IE" else (0.08 if country == "GB" else 0.15)
        if r() < extra_chance:
            right_to_work.append("IE" if country == "GB" else "GB")
    notice = (0, 1, 2, 4, 4, 4, 8, 12, None, None)[int(r() * 10)]
    if not current and notice is not None:
        notice = 0 if r() < 0.7 else notice  # between jobs: usually available now
    salary: int | None = None
    currency = ""
    if r() < 0.6:
        low, high = _LONDON_PAY[level]
        local = (low + r() * (high - low)) * (_PAY_FACTOR[country] if city != "London" else 1.0)
        if country == "GB" and city != "London":
            local *= 0.88
        currency = _CURRENCY[country]
        step = 10_000 if currency == "INR" else 1_000
        salary = round(local / step) * step
    return _Preferences(work_mode, relocation, right_to_work, notice, salary, currency)


def _contact(first: str, last: str, country: str, rng: random.Random) -> _Contact:
    """E-mail, phone and links; reserved example domains and fictional number ranges, so nobody real is
    ever contacted."""
    r = rng.random
    first_handle, last_handle = _ASCII[first], _ASCII[last]
    number = int(r() * 100)
    email_forms = (
        f"{first_handle}.{last_handle}",
        f"{first_handle[0]}{last_handle}",
        f"{first_handle}{last_handle}{number}",
        f"{last_handle}.{first_handle}",
    )
    emails = [f"{email_forms[int(r() * 4)]}@{_EMAIL_DOMAINS[int(r() * 4)]}"]
    if r() < 0.15:
        emails.append(f"{first_handle}@{last_handle}.example.org")
    code, fixed, random_digits, groups = _PHONES[country]
    national = fixed + str(int(r() * 10**random_digits)).zfill(random_digits)
    parts, position = [], 0
    for size in groups:
        parts.append(national[position : position + size])
        position += size
    return _Contact(
        emails=emails,
        phone=f"+{code}{national}",
        phone_display=f"+{code} {' '.join(parts)}",
        github=f"https://github.com/{first_handle}{last_handle}{number}" if r() < 0.45 else "",
        linkedin=f"https://www.linkedin.com/in/{first_handle}-{last_handle}-{number}" if r() < 0.65 else "",
        website=f"https://{first_handle}{last_handle}.example.org" if r() < 0.12 else "",
    )


def _headline(experiences: list[DemoExperience], draft: _Draft, current: bool, rng: random.Random) -> str:
    latest = experiences[0]
    r = rng.random
    if r() < 0.2 and current:
        return f"{latest.title} at {latest.employer}"
    if r() < 0.35 and len(draft.tallies) >= 3:
        return f"{latest.title} | {', '.join(draft.names[s] for s in list(draft.tallies)[:3])}"
    return latest.title


def _render_cv(
    name: str,
    contact: _Contact,
    place: str,
    headline: str,
    summary: str,
    experiences: list[DemoExperience],
    spans: list[tuple[int, int | None]],
    skill_lines: list[str],
    education: str,
    other: list[str],
    rng: random.Random,
) -> str:
    """The CV as plain text, in one of a few layouts, date styles and job-heading styles."""
    r = rng.random
    summary_head, experience_head, skills_head, education_head, other_head, bullet = _LAYOUTS[
        int(r() * len(_LAYOUTS))
    ]
    lines = _contact_lines(name, contact, place, int(r() * 3))
    lines += [headline, "", summary_head, summary, "", experience_head]
    date_style = int(r() * 4)
    present = _PRESENT[int(r() * len(_PRESENT))]
    header_style = int(r() * 3)
    joiner = _DATE_JOINERS[date_style]
    for experience, (start, end) in zip(experiences, spans, strict=True):
        dates = _date_text(start, date_style, present) + joiner + _date_text(end, date_style, present)
        heading = f"{experience.title} — {experience.employer}"
        if header_style == 0:
            lines += [heading, dates]
        elif header_style == 1:
            lines.append(f"{heading} | {dates}")
        else:
            lines.append(f"{heading} ({dates})")
        lines += [bullet + text for text in experience.bullets]
        lines.append("")
    lines.append(skills_head)
    lines += skill_lines
    lines += ["", education_head, education]
    if other:
        lines += ["", other_head, *other]
    return "\n".join(lines) + "\n"


def _contact_lines(name: str, contact: _Contact, place: str, style: int) -> list[str]:
    links = [link for link in (contact.github, contact.linkedin, contact.website) if link]
    email, phone = contact.emails[0], contact.phone_display
    if style == 0:
        lines = [name, f"{email} | {phone} | {place}"]
        if links:
            lines.append(" | ".join(links))
    elif style == 1:
        lines = [name, f"Email: {email}", f"Phone: {phone}", f"Location: {place}", *links]
    else:
        lines = [f"# {name}", f"{place} · {email} · {phone}"]
        if links:
            lines.append(" · ".join(links))
    lines.append("")
    return lines


def _summary(stack: _Stack, level: int, months: int, domain: str, go_trap: bool, rng: random.Random) -> str:
    adjectives = _JUNIOR_ADJECTIVES if level == 0 else _ADJECTIVES
    adjective = adjectives[int(rng.random() * len(adjectives))]
    if months < 12:
        span = "under a year"
    elif months < 24:
        span = "over a year"
    else:
        span = f"{months // 12}+ years"
    summary = (
        f"{adjective} {stack.label} with {span} of experience, most recently in {_DOMAIN_LABELS[domain]}."
    )
    if go_trap:
        return summary + " A self-motivated go-getter who thrives under pressure."
    if rng.random() < 0.6:
        summary += " " + _SUMMARY_EXTRAS[int(rng.random() * len(_SUMMARY_EXTRAS))]
    return summary


def _education(country: str, career_start_year: int, rng: random.Random) -> str:
    graduated = career_start_year - (1 if rng.random() < 0.4 else 0)
    if rng.random() < 0.08:
        return f"Software Engineering Bootcamp, Codeforge Academy, {graduated}"
    pool = _UNIVERSITIES["GB" if rng.random() < 0.3 else country]
    university = pool[int(rng.random() * len(pool))]
    degree = _DEGREES[int(rng.random() * len(_DEGREES))]
    if rng.random() < 0.5:
        return f"{degree}, {university}, {graduated}"
    return f"{university}: {degree} ({graduated - 3}{_EN_DASH}{graduated})"


def _other_lines(preferences: _Preferences, go_trap: bool, rng: random.Random) -> list[str]:
    """Preferences as candidates state them at the end of a CV, and sometimes interests."""
    notice, work_mode, relocation = preferences.notice, preferences.work_mode, preferences.relocation
    right_to_work, salary, currency = preferences.right_to_work, preferences.salary, preferences.currency
    facts: list[str] = []
    if notice is not None:
        facts.append("available immediately" if notice == 0 else f"{notice} weeks' notice")
    if work_mode:
        facts.append(f"prefers {work_mode} work")
    if relocation is not None:
        facts.append("open to relocation" if relocation else "not looking to relocate")
    if right_to_work:
        facts.append("right to work: " + ", ".join(_COUNTRY_NAMES[c] for c in right_to_work))
    if salary is not None:
        facts.append(f"salary expectation {_CURRENCY_SIGN[currency]}{salary:,}")
    lines = []
    if facts:
        lines.append(facts[0][0].upper() + "; ".join(facts)[1:] + ".")
    if go_trap:
        lines.append("Interests: the board game Go, fell running.")
    elif rng.random() < 0.3:
        lines.append(f"Interests: {_INTERESTS[int(rng.random() * len(_INTERESTS))]}.")
    return lines


# ---------------------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------------------


def generate_candidates(n: int, seed: int = 7, today: date = date(2026, 11, 1)) -> Iterator[DemoCandidate]:
    """Yield n candidates; candidate i depends only on (seed, i, today), never on n.

    `seed` must be a non-negative integer: each candidate's generator is seeded with (seed << 40) + i, which
    keeps every (seed, i) pair distinct for up to 2**40 candidates per seed.
    """
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    for index in range(n):
        yield _make_candidate(seed, index, today)


def _requirements(*pairs: tuple[str, float]) -> list[DemoRequirement]:
    return [DemoRequirement(term, weight) for term, weight in pairs]


def _meridian() -> DemoClient:
    return DemoClient(
        name="Meridian Quant",
        industry="fintech",
        stage=ClientStage.SCALE_UP.value,
        locations=["London"],
        culture=["fast-paced", "in-office", "engineering-led", "regulated"],
        notes=(
            "High-frequency market maker in the City, trading European and US equities. Engineers sit next "
            "to the traders and are on site four days a week. Decisions are quick; interviews are three "
            "rounds including a systems design session on an order book."
        ),
        growth_plan=DemoGrowthPlan(
            horizon_months=36,
            traffic_rps_now=2_000,
            traffic_rps_target=8_000,
            users_now=None,
            users_target=None,
            data_tb_now=5,
            data_tb_target=20,
            engineers_now=12,
            engineers_target=20,
            plans=(
                "Add two US venues and quadruple order-entry throughput without giving up a microsecond; "
                "grow the platform team steadily rather than fast."
            ),
        ),
        roles=[
            DemoRole(
                title="Senior Go Engineer - High-Frequency Trading Platform",
                languages=["go"],
                project_type="low-latency-trading",
                seniority=Seniority.SENIOR.value,
                location="London",
                remote_policy=WorkMode.ONSITE.value,
                salary_min=90_000,
                salary_max=130_000,
                salary_currency="GBP",
                culture=["fast-paced", "in-office"],
                description=(
                    "Own the order gateway and market-data handlers of our trading platform, written in Go. "
                    "You will profile hot paths, remove allocations, design lock-free queues and work with "
                    "traders on new venues. Experience of low-latency systems matters more than finance."
                ),
                must_have=_requirements(("go", 3), ("concurrency", 2), ("low-latency", 2)),
                nice_to_have=_requirements(("kafka", 1), ("fix-protocol", 1), ("trading", 1), ("linux", 0.5)),
                status=RoleStatus.OPEN.value,
            ),
            DemoRole(
                title="Quantitative Developer (Python)",
                languages=["python"],
                project_type="fintech-modelling",
                seniority=Seniority.MID.value,
                location="London",
                remote_policy=WorkMode.HYBRID.value,
                salary_min=75_000,
                salary_max=100_000,
                salary_currency="GBP",
                culture=["engineering-led", "regulated"],
                description=(
                    "Turn researchers' pricing and risk models into tested, fast Python libraries used in "
                    "production. Comfort with NumPy and pandas is essential; exposure to market risk is a "
                    "plus."
                ),
                must_have=_requirements(
                    ("python", 3), ("financial-modelling", 2), ("numpy", 1.5), ("pandas", 1)
                ),
                nice_to_have=_requirements(("risk", 1), ("sql", 0.5), ("cpp", 0.5)),
                status=RoleStatus.OPEN.value,
            ),
        ],
    )


def _fenbright() -> DemoClient:
    return DemoClient(
        name="Fenbright AI",
        industry="AI",
        stage=ClientStage.START_UP.value,
        locations=["Cambridge", "London"],
        culture=["research-driven", "fast-paced", "hybrid", "high ownership"],
        notes=(
            "Spin-out from a Cambridge research group building document-understanding models for insurers. "
            "Series A closed; pilots with three insurers are converting to paid contracts, and the team "
            "expects to grow tenfold before a Series B."
        ),
        growth_plan=DemoGrowthPlan(
            horizon_months=36,
            traffic_rps_now=200,
            traffic_rps_target=50_000,
            users_now=20_000,
            users_target=5_000_000,
            data_tb_now=2,
            data_tb_target=300,
            engineers_now=8,
            engineers_target=80,
            plans=(
                "Move from hand-held pilots to a self-serve API, serve models in two regions, and build "
                "the platform and data teams from scratch."
            ),
        ),
        roles=[
            DemoRole(
                title="Senior ML Platform Engineer",
                languages=["python"],
                project_type="ml-integration",
                seniority=Seniority.SENIOR.value,
                location="Cambridge",
                remote_policy=WorkMode.HYBRID.value,
                salary_min=85_000,
                salary_max=120_000,
                salary_currency="GBP",
                culture=["research-driven", "high ownership"],
                description=(
                    "Build the path from a researcher's PyTorch checkpoint to a monitored, autoscaled "
                    "endpoint. You will own model serving on Kubernetes, batching, GPU scheduling and the "
                    "capacity plan for a hundredfold growth in traffic."
                ),
                must_have=_requirements(
                    ("python", 3), ("pytorch", 2), ("model-serving", 2), ("kubernetes", 1.5)
                ),
                nice_to_have=_requirements(
                    ("fastapi", 1), ("distributed-systems", 1), ("capacity-planning", 1), ("gcp", 0.5)
                ),
                status=RoleStatus.OPEN.value,
            ),
            DemoRole(
                title="Backend Engineer - Inference API",
                languages=["python", "go"],
                project_type="api-platform",
                seniority=Seniority.MID.value,
                location="Cambridge",
                remote_policy=WorkMode.HYBRID.value,
                salary_min=60_000,
                salary_max=85_000,
                salary_currency="GBP",
                culture=["fast-paced", "hybrid"],
                description=(
                    "Design and build the public API customers call: authentication, rate limits, usage "
                    "metering and clear errors. FastAPI today; some services may move to Go as traffic grows."
                ),
                must_have=_requirements(("python", 2.5), ("fastapi", 2), ("rest-api-design", 1.5)),
                nice_to_have=_requirements(("go", 1), ("redis", 0.5), ("postgresql", 0.5), ("docker", 0.5)),
                status=RoleStatus.OPEN.value,
            ),
            DemoRole(
                title="Staff Data Engineer",
                languages=["python"],
                project_type="data-platform",
                seniority=Seniority.STAFF.value,
                location="Cambridge",
                remote_policy=WorkMode.HYBRID.value,
                salary_min=110_000,
                salary_max=145_000,
                salary_currency="GBP",
                culture=["research-driven", "high ownership"],
                description=(
                    "Set up the data platform: ingestion of customer documents, labelled training sets, "
                    "lineage and retention. On hold until the Series B closes."
                ),
                must_have=_requirements(("python", 2), ("spark", 2), ("airflow", 1.5), ("sql", 1.5)),
                nice_to_have=_requirements(("kafka", 1), ("gcp", 1), ("dbt", 0.5)),
                status=RoleStatus.ON_HOLD.value,
            ),
        ],
    )


def _copperwave() -> DemoClient:
    return DemoClient(
        name="Copperwave Payments",
        industry="payments",
        stage=ClientStage.SCALE_UP.value,
        locations=["London", "Remote (UK)"],
        culture=["remote-first", "regulated", "product-led", "collaborative"],
        notes=(
            "FCA-authorised payment institution serving 40,000 small merchants. Moving card processing from "
            "a managed provider onto its own platform across two cloud regions; most engineers are remote "
            "within the UK and meet in London once a month."
        ),
        growth_plan=DemoGrowthPlan(
            horizon_months=24,
            traffic_rps_now=3_000,
            traffic_rps_target=30_000,
            users_now=1_500_000,
            users_target=6_000_000,
            data_tb_now=None,
            data_tb_target=None,
            engineers_now=45,
            engineers_target=90,
            plans="Own card processing end to end, launch in two EU markets, double the engineering team.",
        ),
        roles=[
            DemoRole(
                title="Senior Go Engineer - Payments Platform",
                languages=["go"],
                project_type="cloud-microservices",
                seniority=Seniority.SENIOR.value,
                location="London",
                remote_policy=WorkMode.HYBRID.value,
                salary_min=85_000,
                salary_max=115_000,
                salary_currency="GBP",
                culture=["regulated", "collaborative"],
                description=(
                    "Build the authorisation and settlement services of our new card platform: Go "
                    "microservices on Kubernetes, events on Kafka, strict idempotency and audit trails."
                ),
                must_have=_requirements(
                    ("go", 3), ("microservices", 2), ("payments", 1.5), ("kubernetes", 1.5)
                ),
                nice_to_have=_requirements(
                    ("kafka", 1),
                    ("postgresql", 1),
                    ("distributed-systems", 1),
                    ("aws", 1),
                    ("terraform", 0.5),
                ),
                status=RoleStatus.OPEN.value,
            ),
            DemoRole(
                title="Python Backend Engineer - Merchant APIs",
                languages=["python"],
                project_type="api-platform",
                seniority=Seniority.MID.value,
                location="Remote (UK)",
                remote_policy=WorkMode.REMOTE.value,
                salary_min=60_000,
                salary_max=80_000,
                salary_currency="GBP",
                culture=["remote-first", "product-led"],
                description=(
                    "Extend the Django APIs merchants and partners integrate with: onboarding, payouts, "
                    "webhooks and reporting. Clear API design and careful migrations matter here."
                ),
                must_have=_requirements(
                    ("python", 3), ("django", 2), ("postgresql", 1.5), ("rest-api-design", 1.5)
                ),
                nice_to_have=_requirements(("celery", 1), ("payments", 1), ("redis", 0.5), ("aws", 0.5)),
                status=RoleStatus.OPEN.value,
            ),
        ],
    )


def demo_clients() -> list[DemoClient]:
    """The three demo clients: a London trading firm, a Cambridge AI start-up and a payments scale-up."""
    return [_meridian(), _fenbright(), _copperwave()]
