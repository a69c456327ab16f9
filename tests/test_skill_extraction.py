"""Skill extraction: the skills a recruiter would see in a sentence, and how much each sentence says."""

from __future__ import annotations

import dataclasses

import pytest

from shortlist.engine.cv.extract import (
    KIND_FACTORS,
    LEARNING,
    LISTED,
    MENTIONED,
    NEGATED,
    SECTION_WEIGHTS,
    WORK,
    Mention,
    extract_mentions,
    extract_sections,
    is_skills_list_line,
    split_sentences,
    strength_for,
)
from shortlist.engine.vocab.taxonomy import default_taxonomy

TAXONOMY = default_taxonomy()


def mentions(text: str, section: str = "other") -> list[Mention]:
    return extract_mentions(text, TAXONOMY, section)


def found(text: str, section: str = "other") -> set[str]:
    """Skills the text gives evidence of (negated ones are not evidence)."""
    return {m.skill for m in mentions(text, section) if m.kind != NEGATED}


def only(text: str, skill: str, section: str = "other") -> Mention:
    hits = [m for m in mentions(text, section) if m.skill == skill]
    assert len(hits) == 1, (text, hits)
    return hits[0]


# --- word-sense disambiguation -----------------------------------------------------------------------------

# (text, skill, expected): expected True means the text is evidence of the skill, False means it is not.
SENSES = [
    # Go: the verb, the idioms and the board game are not the language.
    ("She is a real go-getter.", "go", False),
    ("A Go-getter with strong communication skills.", "go", False),
    ("Owned the go-to-market plan for the payments product.", "go", False),
    ("Go-to-market strategy for a SaaS product.", "go", False),
    ("Had to let go of two contractors.", "go", False),
    ("Answering customer email on the go.", "go", False),
    ("We go live next week.", "go", False),
    ("Go live was in March after a long freeze.", "go", False),
    ("I play the board game Go at a local club.", "go", False),
    ("Go (the board game), chess and hiking.", "go", False),
    ("Hobbies: Go (the board game).", "go", False),
    ("Ready to go the extra mile.", "go", False),
    ("Go", "go", True),
    ("Golang", "go", True),
    ("Services written in Go.", "go", True),
    ("Upgraded every service to Go 1.21 last year.", "go", True),
    ("Go/Python", "go", True),
    ("Go, Python", "go", True),
    ("Senior Go Engineer at Meridian", "go", True),
    ("Languages: Go, Python, SQL", "go", True),
    ("JAVA, GO, PYTHON, SQL", "go", True),
    ("Built microservices in Go and Kafka.", "go", True),
    ("Our backend is mostly Go with some Python.", "go", True),
    ("5 years of Go and 3 of Rust.", "go", True),
    # Spring: the season is not the framework.
    ("Graduated in spring 2019.", "spring", False),
    ("Spring 2019 intake, MSc Computing.", "spring", False),
    ("Moved to London in the spring.", "spring", False),
    ("Joined in the Spring of 2020 as an intern.", "spring", False),
    ("Spring semester exchange at ETH Zurich.", "spring", False),
    ("Spring framework", "spring", True),
    ("Java, Spring, Hibernate", "spring", True),
    ("Built REST services with Spring and JPA.", "spring", True),
    ("Spring Boot", "spring-boot", True),
    ("Spring Boot", "spring", False),
    # Swift: the payments network and "swift" the adjective are not the language.
    ("Handled Swift bank transfers for corporate clients.", "swift", False),
    ("Processed SWIFT payments and reconciled nostro accounts.", "swift", False),
    ("Integrated with the SWIFT network for cross-border payments.", "swift", False),
    ("Known for swift delivery of features.", "swift", False),
    ("Swift delivery to customers every sprint.", "swift", False),
    ("Swift/iOS", "swift", True),
    ("iOS apps in Swift and SwiftUI.", "swift", True),
    ("Swift, Objective-C", "swift", True),
    ("SwiftUI", "swiftui", True),
    ("SWIFT payments", "swift-payments", True),
    # Rust: corrosion is not the language.
    ("Rust removal and repainting of steel frames.", "rust", False),
    ("Applied rust-proofing to car bodies.", "rust", False),
    ("Rust-proofing and underbody sealing.", "rust", False),
    ("Rust programming", "rust", True),
    ("Rust, C++", "rust", True),
    ("Rewrote the parser in Rust.", "rust", True),
    # R and C: single letters only where the context says language.
    ("R programming", "r", True),
    ("Statistical models in R.", "r", True),
    ("Python, R, SQL", "r", True),
    ("Skills: R, Python, Tableau", "r", True),
    ("Fan of J. R. R. Tolkien.", "r", False),
    ("R&D engineer at a medical devices firm.", "r", False),
    ("Referee: Dr. R Kumar, Head of Department.", "r", False),
    ("Reference: R. Sharma, Manager.", "r", False),
    ("C/C++", "c", True),
    ("Wrote firmware in C for microcontrollers.", "c", True),
    ("C, C++, Java", "c", True),
    ("Embedded C", "c", True),
    ("Passed with grade C.", "c", False),
    ("Presented to C-level executives.", "c", False),
    ("Vitamin C and zinc supplements.", "c", False),
    ("Got a C in maths.", "c", False),
    ("Block C, Sector 5, Noida", "c", False),
    ("C++ developer", "c", False),
    ("C# developer", "c", False),
    # Java: coffee and the island.
    ("Over a cup of Java we planned the release.", "java", False),
    ("Holiday on the island of Java.", "java", False),
    ("Java developer", "java", True),
    ("Core Java, J2EE", "java", True),
    # Excel: the verb.
    ("I excel at problem solving.", "excel", False),
    ("Excel at communication and teamwork.", "excel", False),
    ("MS Excel", "excel", True),
    ("Advanced Excel and Power BI dashboards.", "excel", True),
    ("Built monthly reports in Excel.", "excel", True),
    # Spark: the verb.
    ("Designs that spark joy.", "spark", False),
    ("Spark joy in every release.", "spark", False),
    ("Apache Spark", "spark", True),
    ("PySpark", "pyspark", True),
    ("Batch ETL jobs on Spark and Hive.", "spark", True),
    ("Spark, Hadoop, Hive", "spark", True),
    # Express: delivery and the card company.
    ("Arranged express delivery for urgent parts.", "express", False),
    ("Express delivery service for online orders.", "express", False),
    ("Account manager at American Express.", "express", False),
    ("Express.js", "express", True),
    ("Node.js/Express", "express", True),
    ("REST APIs with Node and Express.", "express", True),
    # A few more ordinary words.
    ("Titrated the solution in a conical flask.", "flask", False),
    ("REST APIs in Flask.", "flask", True),
    ("Loaded shipping containers at the port.", "docker", False),
    ("Shipped services as containers on Kubernetes.", "docker", True),
    ("React quickly to customer feedback.", "react", False),
    ("Single-page apps in React and Redux.", "react", True),
    ("Reduced the risk of outages.", "risk", False),
    ("Built the market risk engine.", "risk", True),
]


@pytest.mark.parametrize(("text", "skill", "expected"), SENSES)
def test_word_sense(text, skill, expected):
    assert (skill in found(text)) is expected, [(m.skill, m.surface, m.kind) for m in mentions(text)]


# Fixes from the audit of the labelled CV fixtures (tests/fixtures/cvs/AUDIT.md) and of SkillSpan's dev
# split: (text, skill, expected, section). Each fix has a case that must not be extracted and one that must.
AUDIT_CASES = [
    # A domain word inside an employer's name is not the candidate's field; said of the work, it is.
    ("Backend Engineer — Cirrus Logistics Cloud", "logistics", False, "experience"),
    ("Backend Engineer — Cirrus Logistics Cloud", "cloud-infrastructure", False, "experience"),
    ("HR Business Partner — Thames Valley Logistics", "logistics", False, "experience"),
    ("Vélo Logistics — Backend Developer", "logistics", False, "experience"),
    ("Thistle Energy Data, Edinburgh", "energy", False, "experience"),
    ("Senior Go Engineer — Bidwell Media", "media", False, "experience"),
    ("Senior Platform Engineer — Grachten Cloud B.V.", "cloud-infrastructure", False, "experience"),
    ("Cobalt Cloud Services — Senior DevOps Engineer", "cloud-infrastructure", False, "experience"),
    ("Python scripts and SQL reports for a logistics client.", "logistics", True, "experience"),
    ("Go services with Gin for a logistics booking platform.", "logistics", True, "experience"),
    ("Senior Python Engineer — Payments", "payments", True, "other"),
    ("Engineering Lead, Payments Platform — Sterling Pay, London", "payments", True, "experience"),
    ("Senior Payments Engineer", "payments", True, "other"),
    ("MBA Marketing, Pune University", "marketing", True, "education"),
    (
        "Inspection plans for Power Transformers and Distribution Transformers.",
        "electrical-engineering",
        True,
        "other",
    ),
    ("Industries: Banking Insurance Healthcare", "insurance", True, "other"),
    ("Go engineer in ad tech, B2B SaaS", "saas", True, "other"),
    # A bare "cloud" is a heading or a passing word unless something makes it the discipline.
    ("Cloud & BI", "cloud-infrastructure", False, "skills"),
    ("Cloud: AWS", "cloud-infrastructure", False, "skills"),
    ("I'm still curious about the cloud's sharp edges.", "cloud-infrastructure", False, "summary"),
    ("Senior Cloud Engineer", "cloud-infrastructure", True, "other"),
    ("Moved the monolith to the cloud in 2021.", "cloud-infrastructure", True, "experience"),
    ("AWS, cloud, Docker", "cloud-infrastructure", True, "skills"),
    ("Five years of experience with cloud and DevOps.", "cloud-infrastructure", True, "summary"),
    # Sales, marketing and legal as neighbouring departments or adjectives.
    ("Scaled the order API to 3M daily users during peak sales.", "sales", False, "experience"),
    ("Worked with the sales team on pricing dashboards.", "sales", False, "experience"),
    ("Regional Sales Manager; exceeded sales targets every quarter.", "sales", True, "experience"),
    ("Worked with product and marketing on the go-to-market plan.", "marketing", False, "experience"),
    ("Marketing manager for a consumer brand.", "marketing", True, "experience"),
    ("NLP features: entity extraction and summarisation for legal documents.", "legal", False, "experience"),
    ("Worked with the legal team on data retention.", "legal", False, "experience"),
    ("Legal advisor in a corporate law firm.", "legal", True, "experience"),
    # "platform team" qualified by a business platform is not platform engineering.
    ("Led the risk platform team (6 engineers).", "platform-engineering", False, "experience"),
    (
        "Joined the platform team building golden paths for 40 squads.",
        "platform-engineering",
        True,
        "experience",
    ),
    # Leadership: leading or managing a team, not a seniority title.
    ("Led the risk platform team (6 engineers).", "leadership", True, "experience"),
    ("Lead a team of 4 QA engineers in an Agile setting.", "leadership", True, "experience"),
    ("Manage a team of 8 engineers and technicians.", "leadership", True, "experience"),
    ("Line manage a team of 3 HR advisors.", "leadership", True, "experience"),
    ("Led the migration of the billing service to Kubernetes.", "leadership", False, "experience"),
    ("Led the hiring campaign for 80 warehouse roles.", "leadership", False, "experience"),
    ("Principal Engineer — Nimbus Grid, London", "leadership", False, "experience"),
    ("Staff Engineer — Quayside Capital", "leadership", False, "experience"),
    # Rate limiting and road traffic management are not load balancing.
    (
        "gRPC between services; Redis for rate limiting; all on Kubernetes.",
        "load-balancing",
        False,
        "experience",
    ),
    ("Bridge refurbishment schemes and traffic management.", "load-balancing", False, "experience"),
    ("Configured NGINX load balancers for the public API.", "load-balancing", True, "experience"),
    # Structural load calculations are not electrical engineering; a semicolon is not a list separator.
    (
        "Drawings in AutoCAD and Civil 3D; load calculations in MATLAB.",
        "electrical-engineering",
        False,
        "experience",
    ),
    (
        "Electrical load calculations and cable sizing for LT panels.",
        "electrical-engineering",
        True,
        "experience",
    ),
    # etcd is its own tool, not ZooKeeper.
    (
        "Distributed systems debugging across etcd and Raft-based components.",
        "zookeeper",
        False,
        "experience",
    ),
    ("Distributed systems debugging across etcd and Raft-based components.", "etcd", True, "experience"),
    ("Kafka brokers coordinated by ZooKeeper.", "zookeeper", True, "experience"),
    # "Informatica" is computer science in Italian and Dutch degree names.
    (
        "Laurea Magistrale in Informatica, Università di Navigli (2015 – 2017)",
        "informatica",
        False,
        "education",
    ),
    ("BSc Informatica, Hogeschool Amstel, 2014–2018", "informatica", False, "education"),
    ("ETL mappings in Informatica PowerCenter.", "informatica", True, "experience"),
    ("Nightly ETL jobs built in Informatica.", "informatica", True, "experience"),
    # "Spring Boot microservices" names microservices too, and Spring Boot is still not Spring.
    ("Java 17 with Spring Boot microservices for mortgages.", "microservices", True, "experience"),
    ("Spring Boot microservices for mortgages.", "spring", False, "experience"),
    # "real-time" is real-time processing, also inside "real-time bidding" and before "market data".
    ("Real-time risk and P&L for the trading desk.", "real-time-processing", True, "experience"),
    (
        "Python engineer on real-time market data for equities trading.",
        "real-time-processing",
        True,
        "summary",
    ),
    ("Real-time bidding service in Go running in three regions.", "real-time-processing", True, "experience"),
    ("Real-time bidding service in Go running in three regions.", "real-time-bidding", True, "experience"),
    # A compound names the related skill written inside it; a product name does not.
    ("Go inference gateway for our AI/ML products.", "machine-learning", True, "experience"),
    ("Go inference gateway for our AI/ML products.", "ai-ml", True, "experience"),
    ("Go microservices for card and open banking payments.", "banking", True, "experience"),
    ("Go microservices for card and open banking payments.", "open-banking", True, "experience"),
    ("Insurance quoting engine with Hibernate and SQL Server.", "sql", False, "experience"),
    # "Scaled the … API" is scalability; scaling a team is not.
    ("Scaled the Django REST Framework order API to 3M daily users.", "scalability", True, "experience"),
    ("Scaled the team from 8 to 30 people.", "scalability", False, "experience"),
    # The apps that call an API are not the backend engineer's platforms.
    ("Designed the REST APIs used by the iOS and Android apps.", "ios", False, "experience"),
    ("Designed the REST APIs used by the iOS and Android apps.", "android", False, "experience"),
    ("Five years of iOS development in Swift.", "ios", True, "summary"),
    ("Android apps in Kotlin with Jetpack Compose.", "android", True, "experience"),
    # A tag list with only spaces between the tags is still a list; a pair in prose is not.
    ("amazon-web-services mysql java hibernate jenkins sysadmin", "hibernate", True, "other"),
    ("amazon-web-services mysql java hibernate jenkins sysadmin", "jenkins", True, "other"),
    ("typescript javascript node.js react go", "go", True, "other"),
    ("architect aws gcp azure virtual", "azure", True, "other"),
    ("Technologies java spring spring-mvc Job description", "spring", True, "other"),
    ("we worked in java and go to the office twice a week", "go", False, "other"),
    # Web services and ORMs are technologies.
    ("Flask web services on AWS backed by MySQL.", "web-services", True, "experience"),
    ("Good breadth in J2EE, Spring, ORM, Kafka and MongoDB.", "orm", True, "other"),
    ("Enterprise Integration Patterns (Spring Apache Camel).", "spring", True, "other"),
]


@pytest.mark.parametrize(("text", "skill", "expected", "section"), AUDIT_CASES)
def test_audit_fixes(text, skill, expected, section):
    assert (skill in found(text, section)) is expected, [
        (m.skill, m.surface, m.kind) for m in mentions(text, section)
    ]


def test_lowercase_go_in_prose_is_the_verb_but_counts_in_a_list():
    assert "go" not in found("we want to go further and go faster")
    assert "go" in found("go, python, docker, kafka", "skills")


def test_a_skills_section_accepts_a_bare_word():
    assert "go" in found("Go", "skills")
    assert "r" in found("R", "skills")


def test_skills_inside_links_and_addresses_are_ignored():
    text = "alex@golang.dev | https://github.com/alex/go-kit-demo | www.rust-lang.org"
    assert mentions(text) == []


# --- context: negation and learning -----------------------------------------------------------------------

NEGATIONS = [
    ("No experience with Kafka.", "kafka"),
    ("Never worked with Kubernetes.", "kubernetes"),
    ("Have not used Terraform in production.", "terraform"),
    ("Shipped the first version without Redis.", "redis"),
    ("No commercial experience in Rust.", "rust"),
    ("Kubernetes (not used)", "kubernetes"),
    ("I don't know Scala.", "scala"),
    ("Lack of exposure to GCP.", "gcp"),
]


@pytest.mark.parametrize(("text", "skill"), NEGATIONS)
def test_negated_mentions_are_kept_with_zero_strength(text, skill):
    mention = only(text, skill, "experience")
    assert mention.kind == NEGATED
    assert mention.strength == 0.0


def test_negation_carries_along_an_enumeration():
    kinds = {m.skill: m.kind for m in mentions("No experience with Java, Kotlin or Scala.")}
    assert kinds == {"java": NEGATED, "kotlin": NEGATED, "scala": NEGATED}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("No experience with Kafka, but strong Go.", "go"),
        ("Python, not Java.", "python"),
        ("Zero downtime deploys on Kubernetes.", "kubernetes"),
        ("No longer using PHP since 2019, now Go.", "php"),
        ("Not only Go but also Rust.", "go"),
        ("Delivered with no outages using Kafka.", "kafka"),
    ],
)
def test_negation_does_not_spill_over(text, skill):
    assert only(text, skill, "experience").kind != NEGATED


def test_negation_applies_only_to_its_target():
    kinds = {m.skill: m.kind for m in mentions("Wrote the service in Python, not Java.", "experience")}
    assert kinds == {"python": WORK, "java": NEGATED}


LEARNING_TEXTS = [
    ("Learning Rust in my spare time.", "rust"),
    ("Completed an 8-hour online tutorial on Kubernetes.", "kubernetes"),
    ("Currently learning Go.", "go"),
    ("Interested in Kafka and Flink.", "kafka"),
    ("Familiar with Docker and Ansible.", "ansible"),
    ("Took a Coursera course on TensorFlow.", "tensorflow"),
    ("Java (basic)", "java"),
    ("Basic knowledge of SQL.", "sql"),
    ("Exposure to AWS through a university project.", "aws"),
]


@pytest.mark.parametrize(("text", "skill"), LEARNING_TEXTS)
def test_learning_cues_make_weak_evidence(text, skill):
    mention = only(text, skill, "summary")
    assert mention.kind == LEARNING
    assert mention.strength <= 0.15


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Built machine learning pipelines in Python.", "python"),
        ("Deep learning models for fraud detection in PyTorch.", "pytorch"),
        ("Ran the course of the migration to Kafka.", "kafka"),
    ],
)
def test_the_word_learning_in_a_skill_name_is_not_a_learning_cue(text, skill):
    assert only(text, skill, "experience").kind == WORK


def test_learning_stays_in_its_clause():
    kinds = {
        m.skill: m.kind for m in mentions("Built Go services, learning Rust in my spare time.", "experience")
    }
    assert kinds == {"go": WORK, "rust": LEARNING}


# --- kinds and strength ----------------------------------------------------------------------------------


def test_strength_ordering_a_recruiter_expects():
    work = only("- Built the order-routing service in Go.", "go", "experience")
    summary = only("Backend engineer specialising in Go.", "go", "summary")
    listed = only("Go, Python, SQL", "go", "skills")
    learning = only("Learning Go in my spare time.", "go", "summary")
    negated = only("No experience with Go.", "go", "experience")
    assert (work.kind, summary.kind, listed.kind, learning.kind, negated.kind) == (
        WORK,
        MENTIONED,
        LISTED,
        LEARNING,
        NEGATED,
    )
    assert work.strength > summary.strength > listed.strength > learning.strength > negated.strength == 0.0
    assert work.strength == pytest.approx(1.0)
    assert summary.strength == pytest.approx(0.6, abs=0.05)
    assert listed.strength == pytest.approx(0.35, abs=0.05)
    assert learning.strength == pytest.approx(0.1, abs=0.05)


def test_a_tech_stack_line_inside_a_job_is_listed():
    assert only("Tech stack: Go, Kafka, PostgreSQL", "kafka", "experience").kind == LISTED


def test_a_summary_sentence_with_a_work_verb_is_work():
    mention = only("Built low-latency trading systems in Go for eight years.", "go", "summary")
    assert mention.kind == WORK
    assert mention.strength == strength_for("summary", WORK)


def test_strength_has_one_rule():
    for section, weight in SECTION_WEIGHTS.items():
        for kind, factor in KIND_FACTORS.items():
            assert strength_for(section, kind) == pytest.approx(weight * factor)
    assert strength_for("Hobbies and stuff", WORK) == strength_for("other", WORK)
    assert min(SECTION_WEIGHTS.values()) >= 0.0 and max(SECTION_WEIGHTS.values()) <= 1.0


# --- spans -------------------------------------------------------------------------------------------------

CV = """Alex Morgan - Senior Backend Engineer (Go, Python)
alex@example.com | github.com/alexm

Summary
Backend engineer: low-latency trading in Go, payments in Django. Mentored four engineers.

Experience
- Built the order router in Go (80k rps) with Kafka and Redis; ran it on Kubernetes (EKS).
- Migrated reporting from MS Excel macros to Airflow, pandas and ClickHouse.
- No experience with Scala. Learning Rust in my spare time.

Skills
Go | Python | SQL | C/C++ | R
PostgreSQL, Redis, Kafka, RabbitMQ, NATS, AWS, GCP, Terraform, Helm
"""


def test_spans_point_at_the_surface_text():
    result = mentions(CV, "experience")
    assert len(result) > 25
    for mention in result:
        assert CV[mention.start : mention.end] == mention.surface
        begin, end = mention.sentence
        assert begin <= mention.start < mention.end <= end
        assert 0.0 <= mention.strength <= 1.0
        assert mention.kind in (WORK, LISTED, MENTIONED, LEARNING, NEGATED)
    assert [m.start for m in result] == sorted(m.start for m in result)


def test_a_range_keeps_offsets_of_the_whole_text():
    start = CV.index("Skills")
    result = extract_mentions(CV, TAXONOMY, "skills", start=start)
    assert result and all(m.start >= start for m in result)
    assert all(CV[m.start : m.end] == m.surface for m in result)
    assert {"go", "python", "sql", "c", "cpp", "r", "nats", "helm"} <= {m.skill for m in result}
    assert all(m.kind == LISTED for m in result)


def test_sections_are_weighted_by_their_own_names():
    summary = (CV.index("Summary"), CV.index("Experience"))
    experience = (CV.index("Experience"), CV.index("Skills"))
    skills = (CV.index("Skills"), len(CV))
    result = extract_sections(
        CV, TAXONOMY, [("summary", *summary), ("experience", *experience), ("skills", *skills)]
    )
    by_section = {}
    for mention in result:
        for name, (begin, end) in {"summary": summary, "experience": experience, "skills": skills}.items():
            if begin <= mention.start < end:
                by_section.setdefault(name, []).append(mention)
    go = {name: max(m.strength for m in ms if m.skill == "go") for name, ms in by_section.items()}
    assert go["experience"] > go["summary"] > go["skills"]
    kinds = {m.skill: m.kind for m in by_section["experience"]}
    assert kinds["scala"] == NEGATED and kinds["rust"] == LEARNING and kinds["kafka"] == WORK
    assert all(CV[m.start : m.end] == m.surface for m in result)


def test_mention_is_frozen_and_results_are_deterministic():
    first, second = mentions(CV), mentions(CV)
    assert first == second
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].strength = 1.0  # type: ignore[misc]


def test_empty_text():
    assert mentions("") == []
    assert extract_sections("", TAXONOMY, []) == []


# --- helpers -----------------------------------------------------------------------------------------------


def test_split_sentences():
    text = "Built X in Go. Then moved to Rust!\n- Kafka, Redis\n• e.g. Python and Django are fine.  "
    spans = split_sentences(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces == [
        "Built X in Go.",
        "Then moved to Rust!",
        "- Kafka, Redis",
        "e.g. Python and Django are fine.",
    ]
    assert split_sentences("") == []
    assert split_sentences("Node.js and v1.2 stay whole.") == [(0, 28)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Go, Python, Kafka", True),
        ("Languages: Go | Rust | C++", True),
        ("Python • Django • PostgreSQL • Redis", True),
        ("AWS / GCP / Azure", True),
        ("- Docker, Kubernetes, Helm, Terraform", True),
        ("Tech stack: Go, Kafka, PostgreSQL", True),
        ("Go, Python", True),
        ("I built services in Go, Python and Kafka at scale for two years.", False),
        ("In 2019, I joined Acme as a backend engineer.", False),
        ("Responsible for the design of the payment system.", False),
        ("Built the order router in Go with Kafka and Redis.", False),
        ("", False),
    ],
)
def test_is_skills_list_line(line, expected):
    assert is_skills_list_line(line) is expected
