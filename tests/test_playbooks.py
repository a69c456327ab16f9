"""Project playbooks: shipped ones load and make sense; user files add or replace them; bad ones say why."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from shortlist.engine.roles.playbooks import (
    FALLBACK_ID,
    PLAYBOOK_DIR,
    PlaybookError,
    load_playbooks,
    playbooks_for,
)
from shortlist.engine.vocab.taxonomy import default_taxonomy

SHIPPED = (
    "api-platform",
    "cloud-microservices",
    "data-platform",
    "fintech-modelling",
    "general",
    "low-latency-trading",
    "ml-integration",
)
# What the issue says each project type must ask for.
TYPICAL = {
    "low-latency-trading": {
        "concurrency",
        "low-latency",
        "real-time-processing",
        "trading",
        "performance-profiling",
    },
    "ml-integration": {"python", "model-serving"},
    "fintech-modelling": {"python", "financial-modelling", "risk"},
}


def test_every_shipped_playbook_loads():
    books = load_playbooks()
    assert tuple(books) == SHIPPED
    assert {p.stem for p in PLAYBOOK_DIR.glob("*.yaml")} == set(SHIPPED)


@pytest.mark.parametrize("book_id", SHIPPED)
def test_shipped_weights_and_skills_are_valid(book_id):
    taxonomy = default_taxonomy()
    book = load_playbooks()[book_id]
    assert book.name and book.description and book.competencies
    for competency in book.competencies:
        assert competency.skill in taxonomy
        assert 0 < competency.weight <= 3
        assert competency.why and "\n" not in competency.why
    for domain in book.domains:
        assert taxonomy.get(domain).category == "domain"
    assert set(book.must_have) <= set(book.skills)
    assert book.scale_baseline is None or 0 <= book.scale_baseline <= 1


@pytest.mark.parametrize(("book_id", "skills"), sorted(TYPICAL.items()))
def test_typical_must_haves(book_id, skills):
    book = load_playbooks()[book_id]
    assert skills <= set(book.must_have)


def test_ml_integration_names_the_frameworks():
    skills = set(load_playbooks()["ml-integration"].skills)
    assert {"fastapi", "flask", "tensorflow", "pytorch"} <= skills
    assert {"pandas", "numpy"} <= set(load_playbooks()["fintech-modelling"].skills)


def write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
    id: {id}
    name: {name}
    description: Our own take.
    scale_baseline: 0.4
    competencies:
      - {{skill: rust, weight: 3, why: "the engine is being rewritten in Rust"}}
      - {{skill: concurrency, weight: 2, why: "many feeds at once"}}
    must_have: [rust]
    domains: [trading]
"""


def test_a_user_file_replaces_the_shipped_playbook_of_the_same_id(tmp_path):
    write(tmp_path, "low-latency-trading.yaml", GOOD.format(id="low-latency-trading", name="Our HFT"))
    books = load_playbooks(tmp_path)
    book = books["low-latency-trading"]
    assert book.name == "Our HFT"
    assert [c.skill for c in book.competencies] == ["rust", "concurrency"]
    assert book.scale_baseline == 0.4
    assert book.source == str(tmp_path / "low-latency-trading.yaml")
    assert load_playbooks()["low-latency-trading"].name == "Low-latency trading"  # shipped file untouched


def test_a_user_file_adds_a_playbook(tmp_path):
    write(tmp_path, "crypto-exchange.yaml", GOOD.format(id="crypto-exchange", name="Crypto exchange"))
    books = load_playbooks(tmp_path)
    assert "crypto-exchange" in books and FALLBACK_ID in books
    assert list(books) == sorted(books)


def test_playbooks_for_a_home_folder(tmp_path):
    assert set(playbooks_for(tmp_path)) == set(SHIPPED)
    write(tmp_path / "playbooks", "crypto-exchange.yaml", GOOD.format(id="crypto-exchange", name="Crypto"))
    assert "crypto-exchange" in playbooks_for(tmp_path)


CUSTOM = GOOD.format(id="custom", name="Custom")
BAD = [
    ("not: [valid", "file", "not valid YAML"),
    ("- just\n- a list\n", "file", "must be a mapping"),
    (CUSTOM.replace("description:", "descripton:"), "descripton", "did you mean 'description'"),
    (CUSTOM.replace("    name: Custom\n", ""), "name", "is required"),
    (CUSTOM.replace("weight: 3", "weight: 0"), "competencies[0].weight", "positive number"),
    (CUSTOM.replace("weight: 3", "weight: -1"), "competencies[0].weight", "positive number"),
    (CUSTOM.replace("weight: 3", "weight: lots"), "competencies[0].weight", "positive number"),
    (CUSTOM.replace("skill: rust", "skill: rustlang"), "competencies[0].skill", "did you mean 'rust'"),
    (
        CUSTOM.replace("skill: rust", "skill: quux-engine"),
        "competencies[0].skill",
        "not a skill in the taxonomy",
    ),
    (CUSTOM.replace('why: "many feeds at once"', "wy: x"), "competencies[1].wy", "did you mean 'why'"),
    (CUSTOM.replace('why: "many feeds at once"', "why: ''"), "competencies[1].why", "non-empty text"),
    (CUSTOM.replace("skill: concurrency", "skill: rust"), "competencies[1].skill", "listed twice"),
    (CUSTOM.replace("domains: [trading]", "domains: [kafka]"), "domains[0]", "not a domain"),
    (CUSTOM.replace("domains: [trading]", "domains: [trading, concurrency]"), "domains[1]", "not a domain"),
    (CUSTOM.replace("must_have: [rust]", "must_have: [python]"), "must_have[0]", "neither a competency"),
    (CUSTOM.replace("scale_baseline: 0.4", "scale_baseline: 1.5"), "scale_baseline", "from 0 to 1"),
    (CUSTOM.replace("competencies:", "competencies: []\n    x:"), "x", "unknown key"),
    (CUSTOM.replace("id: custom", "id: Not A Slug"), "id", "slug"),
]


@pytest.mark.parametrize(("body", "key", "words"), BAD)
def test_bad_files_name_the_file_and_the_key(tmp_path, body, key, words):
    path = write(tmp_path, "custom.yaml", body)
    with pytest.raises(PlaybookError) as caught:
        load_playbooks(tmp_path)
    error = caught.value
    assert error.source == str(path)
    assert error.key == key
    assert words in error.problem
    assert str(path) in str(error) and key in str(error)


def test_the_id_must_match_the_file_name(tmp_path):
    write(tmp_path, "mine.yaml", GOOD.format(id="theirs", name="X"))
    with pytest.raises(PlaybookError, match="must equal the file name 'mine'"):
        load_playbooks(tmp_path)


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(PlaybookError, match="not a folder"):
        load_playbooks(tmp_path / "nope")
