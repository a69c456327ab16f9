"""The skills taxonomy: what a recruiter types resolves to the right skill; bad data is refused clearly."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from shortlist.engine.vocab.taxonomy import (
    CATEGORIES,
    Taxonomy,
    TaxonomyError,
    default_files,
    default_taxonomy,
    load_taxonomy,
    normalise_term,
    taxonomy_for,
)

# Other modules and the demo generator rely on these ids.
REQUIRED_IDS = [
    "python",
    "go",
    "java",
    "kotlin",
    "scala",
    "rust",
    "c",
    "cpp",
    "csharp",
    "javascript",
    "typescript",
    "ruby",
    "php",
    "swift",
    "sql",
    "bash",
    "r",
    "django",
    "django-rest-framework",
    "flask",
    "fastapi",
    "celery",
    "gin",
    "echo",
    "grpc",
    "spring",
    "spring-boot",
    "react",
    "angular",
    "vue",
    "node-js",
    "dotnet",
    "postgresql",
    "mysql",
    "sqlite",
    "redis",
    "mongodb",
    "cassandra",
    "elasticsearch",
    "clickhouse",
    "dynamodb",
    "kafka",
    "rabbitmq",
    "nats",
    "aws",
    "gcp",
    "azure",
    "kubernetes",
    "docker",
    "terraform",
    "ansible",
    "helm",
    "linux",
    "ci-cd",
    "prometheus",
    "grafana",
    "tensorflow",
    "pytorch",
    "scikit-learn",
    "pandas",
    "numpy",
    "spark",
    "airflow",
    "hadoop",
    "keras",
    "mlflow",
    "concurrency",
    "low-latency",
    "real-time-processing",
    "distributed-systems",
    "microservices",
    "scalability",
    "observability",
    "testing",
    "rest-api-design",
    "model-serving",
    "financial-modelling",
    "risk",
    "data-engineering",
    "performance-profiling",
    "capacity-planning",
    "mentoring",
    "leadership",
    "hiring",
    "machine-learning",
    "fintech",
    "trading",
    "payments",
    "ai-ml",
    "cloud-infrastructure",
    "e-commerce",
    "healthcare",
    "banking",
    "insurance",
    "sap",
    "sap-abap",
    "test-automation",
    "selenium",
    "manual-testing",
    "devops",
    "jenkins",
    "network-security",
    "etl",
    "informatica",
    "blockchain",
    "solidity",
    "ethereum",
    "html",
    "css",
    "bootstrap",
    "jquery",
    "photoshop",
    "oracle",
    "sql-server",
    "pl-sql",
    "tableau",
    "power-bi",
    "excel",
    "salesforce",
    "jira",
    "agile",
    "scrum",
    "project-management",
    "business-analysis",
    "autocad",
    "matlab",
    "hive",
    "pig",
    "hbase",
    "mapreduce",
    "sqoop",
    "data-science",
    "deep-learning",
    "nlp",
    "computer-vision",
    "statistics",
    "asp-net",
    "wcf",
    "entity-framework",
    "linq",
    "cisco",
    "firewall",
    "vpn",
    "wireshark",
    "penetration-testing",
]

ALIASES = [
    ("golang", "go"),
    ("Golang", "go"),
    ("GO", "go"),
    ("k8s", "kubernetes"),
    ("K8S", "kubernetes"),
    ("Postgres", "postgresql"),
    ("psql", "postgresql"),
    ("TF", "tensorflow"),
    ("sklearn", "scikit-learn"),
    ("scikit learn", "scikit-learn"),
    ("Scikit-Learn", "scikit-learn"),
    ("DRF", "django-rest-framework"),
    ("low-latency", "low-latency"),
    ("low latency", "low-latency"),
    ("Low-Latency", "low-latency"),
    ("C++", "cpp"),
    ("cpp", "cpp"),
    ("C#", "csharp"),
    ("C", "c"),
    ("R", "r"),
    ("Node.js", "node-js"),
    ("NodeJS", "node-js"),
    ("node js", "node-js"),
    (".NET", "dotnet"),
    ("dotnet", "dotnet"),
    ("ASP.NET", "asp-net"),
    ("Spring Boot", "spring-boot"),
    ("SpringBoot", "spring-boot"),
    ("fix protocol", "fix-protocol"),
    ("CI/CD", "ci-cd"),
    ("PL/SQL", "pl-sql"),
    ("Amazon Web Services", "aws"),
    ("MS Excel", "excel"),
    ("Apache Spark", "spark"),
    ("PySpark", "pyspark"),
    ("Express.js", "express"),
    ("Ruby on Rails", "ruby-on-rails"),
    ("ML", "machine-learning"),
    ("AI/ML", "ai-ml"),
    ("ms sql server", "sql-server"),
    ("  Kafka  ", "kafka"),
    ("real-time processing", "real-time-processing"),
    ("algo trading", "trading"),
    ("SWIFT payments", "swift-payments"),
    ("etcd", "etcd"),
    ("real-time", "real-time-processing"),
    ("RTB", "real-time-bidding"),
    ("web services", "web-services"),
    ("object-relational mapping", "orm"),
]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


def write(tmp_path: Path, entries: object, name: str = "skills.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"skills": entries}, sort_keys=False))
    return path


# --- the shipped data ------------------------------------------------------------------------------------


def test_required_ids_exist(taxonomy):
    missing = [sid for sid in REQUIRED_IDS if sid not in taxonomy]
    assert missing == []


def test_breadth_is_in_the_agreed_range(taxonomy):
    assert 300 <= len(taxonomy) <= 600
    for category in CATEGORIES:
        assert taxonomy.by_category(category), f"no skills in category {category}"


@pytest.mark.parametrize(("term", "expected"), ALIASES)
def test_alias_resolves(taxonomy, term, expected):
    skill = taxonomy.resolve(term)
    assert skill is not None, term
    assert skill.id == expected


@pytest.mark.parametrize("term", ["", "   ", "underwater basket weaving", "c+++", "--"])
def test_unknown_terms_resolve_to_none(taxonomy, term):
    assert taxonomy.resolve(term) is None


def test_c_cpp_and_csharp_stay_apart(taxonomy):
    assert {taxonomy.resolve(t).id for t in ("C", "C++", "C#", "F#")} == {"c", "cpp", "csharp", "fsharp"}


def test_every_implies_and_related_target_exists(taxonomy):
    for skill in taxonomy:
        for target in skill.implies:
            assert target in taxonomy, f"{skill.id} implies unknown {target}"
        for target, value in skill.related:
            assert target in taxonomy, f"{skill.id} related to unknown {target}"
            assert 0.0 < value < 1.0


def test_no_spelling_names_two_skills():
    owners: dict[str, set[str]] = {}
    for path in default_files():
        for entry in yaml.safe_load(path.read_text())["skills"]:
            for term in (entry["id"], entry["name"], *entry.get("aliases", [])):
                owners.setdefault(normalise_term(str(term)), set()).add(entry["id"])
    clashes = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


def test_ids_are_slugs_and_categories_known(taxonomy):
    for skill in taxonomy:
        assert skill.id == skill.id.lower() and " " not in skill.id and "_" not in skill.id
        assert skill.category in CATEGORIES


def test_words_that_are_ordinary_english_carry_context_rules(taxonomy):
    for sid in ("go", "spring", "swift", "rust", "r", "c", "java", "excel", "spark", "express"):
        skill = taxonomy.get(sid)
        assert skill.ambiguous and skill.context is not None, sid
        assert skill.context.terms, sid
    assert not taxonomy.get("python").ambiguous
    assert taxonomy.get("python").context is None


def test_implied_is_the_transitive_closure(taxonomy):
    assert taxonomy.implied("django-rest-framework") >= {"django", "python"}
    assert "python" in taxonomy.implied("django")
    assert "go" in taxonomy.implied("gin")
    assert {"spring", "java"} <= taxonomy.implied("spring-boot")
    assert "python" in taxonomy.implied("pytorch")
    assert "python" in taxonomy.implied("fastapi")
    assert "django-rest-framework" not in taxonomy.implied("django-rest-framework")
    assert taxonomy.implied("python") == frozenset()
    assert taxonomy.implied("no-such-skill") == frozenset()
    assert taxonomy.implied("real-time-bidding") >= {"adtech", "real-time-processing"}
    assert "banking" in taxonomy.implied("open-banking")


def test_similarity_is_symmetric_and_bounded(taxonomy):
    ids = taxonomy.ids()
    for a in ids:
        for b in taxonomy.related(a):
            assert taxonomy.similarity(a, b) == taxonomy.similarity(b, a)
            assert 0.0 < taxonomy.similarity(a, b) < 1.0
    assert taxonomy.similarity("go", "go") == 1.0
    assert taxonomy.similarity("python", "autocad") == 0.0
    assert taxonomy.similarity("nope", "nope") == 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("flask", "fastapi"),
        ("flask", "django"),
        ("fastapi", "django"),
        ("kafka", "rabbitmq"),
        ("rabbitmq", "nats"),
        ("kafka", "nats"),
        ("aws", "gcp"),
        ("gcp", "azure"),
        ("aws", "azure"),
        ("tensorflow", "pytorch"),
        ("postgresql", "mysql"),
    ],
)
def test_expected_neighbours_are_related(taxonomy, a, b):
    assert taxonomy.similarity(a, b) > 0.3
    assert taxonomy.similarity(b, a) == taxonomy.similarity(a, b)


def test_lookups(taxonomy):
    assert taxonomy.get("kafka").name == "Kafka"
    assert taxonomy.get("nope") is None
    assert "kafka" in taxonomy and "nope" not in taxonomy
    assert list(taxonomy.ids()) == sorted(taxonomy.ids())
    assert all(s.category == "messaging" for s in taxonomy.by_category("messaging"))
    assert taxonomy.by_category("not-a-category") == ()


def test_skill_and_context_are_immutable(taxonomy):
    go = taxonomy.get("go")
    with pytest.raises(dataclasses.FrozenInstanceError):
        go.name = "Golang"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        go.context.strict = True  # type: ignore[misc, union-attr]


def test_default_taxonomy_is_cached_and_fingerprinted(taxonomy):
    assert default_taxonomy() is taxonomy
    assert load_taxonomy().fingerprint == taxonomy.fingerprint
    assert len(taxonomy.fingerprint) == 16


# --- a recruiter's own file -------------------------------------------------------------------------------


def test_user_file_adds_a_skill(tmp_path):
    path = write(
        tmp_path,
        [
            {
                "id": "temporal",
                "name": "Temporal",
                "category": "infrastructure",
                "aliases": ["temporal.io", "Temporal workflows"],
                "implies": ["distributed-systems"],
                "related": {"airflow": 0.4},
            }
        ],
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.resolve("temporal.io").id == "temporal"
    assert taxonomy.implied("temporal") >= {"distributed-systems"}
    assert taxonomy.similarity("airflow", "temporal") == 0.4
    assert len(taxonomy) == len(default_taxonomy()) + 1
    assert taxonomy.fingerprint != default_taxonomy().fingerprint
    assert str(path) in taxonomy.sources


def test_user_file_extends_aliases_and_keeps_the_rest(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, [{"id": "go", "aliases": ["gopher language"]}]))
    go = taxonomy.get("go")
    assert taxonomy.resolve("gopher language").id == "go"
    assert taxonomy.resolve("golang").id == "go"
    assert go.name == "Go" and go.category == "language" and go.ambiguous
    assert go.related == default_taxonomy().get("go").related


def test_user_file_can_override_fields(tmp_path):
    path = write(tmp_path, [{"id": "kafka", "name": "Apache Kafka", "related": {"pulsar": 0.9}}])
    taxonomy = load_taxonomy(path)
    assert taxonomy.get("kafka").name == "Apache Kafka"
    assert taxonomy.similarity("kafka", "pulsar") == 0.9
    assert taxonomy.similarity("kafka", "rabbitmq") == default_taxonomy().similarity("kafka", "rabbitmq")


def test_user_alias_moves_from_the_shipped_skill(tmp_path):
    # A DevOps agency means Terraform by "TF"; their file wins over the shipped TensorFlow alias.
    taxonomy = load_taxonomy(write(tmp_path, [{"id": "terraform", "aliases": ["TF"]}]))
    assert taxonomy.resolve("TF").id == "terraform"
    assert "TF" not in taxonomy.get("tensorflow").aliases
    assert taxonomy.resolve("TensorFlow").id == "tensorflow"


BAD_ENTRIES = [
    ([{"id": "go", "colour": "blue"}], "unknown key 'colour'"),
    ([{"id": "x-lang", "name": "X", "category": "language", "implies": ["no-such-skill"]}], "no-such-skill"),
    (
        [{"id": "x-lang", "name": "X", "category": "language", "related": {"no-such-skill": 0.5}}],
        "no-such-skill",
    ),
    ([{"id": "x-lang", "name": "X", "category": "language", "related": {"go": 1.5}}], "between 0 and 1"),
    ([{"id": "x-lang", "name": "X", "category": "language", "related": {"go": 0}}], "between 0 and 1"),
    ([{"id": "x-lang", "name": "X", "category": "language", "related": {"go": "high"}}], "between 0 and 1"),
    ([{"id": "x-lang", "name": "X", "category": "spoken"}], "category 'spoken'"),
    ([{"id": "X Lang", "name": "X", "category": "language"}], "slug"),
    ([{"id": "x-lang", "aliases": ["x"]}], "needs both 'name' and 'category'"),
    (
        [
            {"id": "x-lang", "name": "X", "category": "language", "aliases": ["xl"]},
            {"id": "y-lang", "name": "Y", "category": "language", "aliases": ["XL"]},
        ],
        "alias 'XL' is also given to 'x-lang'",
    ),
    ([{"id": "x-lang", "name": "Python", "category": "language"}], "'Python' already names"),
    (
        [{"id": "x-lang", "name": "X", "category": "language", "aliases": ["Django"]}],
        "alias 'Django' is the id or name of 'django'",
    ),
    ([{"id": "python", "implies": ["django"]}], "cycle"),
    (
        [{"id": "x-lang", "name": "X", "category": "language", "context": {"terms": ["Y"]}}],
        "context term 'Y'",
    ),
    (
        [{"id": "x-lang", "name": "X", "category": "language", "context": {"cues": ["(unclosed"]}}],
        "regular expression",
    ),
    (
        [{"id": "x-lang", "name": "X", "category": "language", "context": {"case": "loud"}}],
        "context.case 'loud'",
    ),
    (
        [{"id": "x-lang", "name": "X", "category": "language", "context": {"vibe": 1}}],
        "unknown context key 'vibe'",
    ),
    ([{"id": "go", "id2": "x"}], "unknown key 'id2'"),
    (["just a string"], "must be a mapping"),
]


@pytest.mark.parametrize(("entries", "message"), BAD_ENTRIES)
def test_bad_user_file_names_file_and_entry(tmp_path, entries, message):
    path = write(tmp_path, entries)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    text = str(caught.value)
    assert str(path) in text
    assert "skills[" in text
    assert message in text


def test_bad_entry_names_its_id(tmp_path):
    path = write(
        tmp_path, [{"id": "go", "aliases": ["gopher"]}, {"id": "temporal", "name": "T", "category": "nope"}]
    )
    with pytest.raises(TaxonomyError, match=r"skills\[1\] \(id 'temporal'\)"):
        load_taxonomy(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("skills: [", "not valid YAML"),
        ("- just\n- a list\n", "mapping with a 'skills:' list"),
        ("skils: []\n", "unknown top-level key 'skils'"),
        ("skills: {go: 1}\n", "must be a list"),
    ],
)
def test_malformed_user_file(tmp_path, content, message):
    path = tmp_path / "skills.yaml"
    path.write_text(content)
    with pytest.raises(TaxonomyError, match=message) as caught:
        load_taxonomy(path)
    assert str(path) in str(caught.value)


def test_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(TaxonomyError, match="does not exist"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_empty_user_file_changes_nothing(tmp_path):
    path = tmp_path / "skills.yaml"
    path.write_text("# nothing yet\n")
    assert load_taxonomy(path).fingerprint == default_taxonomy().fingerprint


def test_a_data_directory_without_a_skills_file_uses_the_shipped_taxonomy(tmp_path):
    assert taxonomy_for(tmp_path) is default_taxonomy()


def test_a_data_directory_skills_file_is_merged_and_cached(tmp_path):
    write(tmp_path, [{"id": "temporal", "name": "Temporal", "category": "infrastructure"}])
    first = taxonomy_for(tmp_path)
    assert first.resolve("Temporal").id == "temporal"
    assert taxonomy_for(tmp_path) is first
    write(
        tmp_path, [{"id": "temporal", "name": "Temporal", "category": "infrastructure", "aliases": ["tmprl"]}]
    )
    assert taxonomy_for(tmp_path).resolve("tmprl").id == "temporal"
