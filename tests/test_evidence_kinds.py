"""Every piece of evidence says what kind of mention it is, and only the candidate's own use dates a job:
a team's stack, a hedge, study or what a migration left behind do not."""

from datetime import date

from shortlist.engine.cv.parse import PARSER_VERSION, parse_cv
from shortlist.engine.vocab.profile import EVIDENCE_KINDS, Evidence

TODAY = date(2026, 12, 1)

CV = """Helen Park
Engineering Director - Leeds

EXPERIENCE
Director of Engineering, Thistle Finance Ltd (2021-present): my teams write Go and TypeScript.
Senior Engineer, Aire Software Ltd (2015-2021): rewrote billing from Python to Kotlin; Django admin.
Engineer, Kirkstall Systems Ltd (2012-2015): PostgreSQL reporting (Java 8, Spring, Oracle).

PROJECTS
Tidewatch (2023): a small Rust CLI for tide tables.

SKILLS
Python, Kafka. Scala: Grundkenntnisse. Terraform (certified, never used in production). Learning Elixir.
"""


def skills():
    profile = parse_cv(CV, "helen.txt", today=TODAY)
    return profile, {s.skill: s for s in profile.skills}


def kinds(found, skill):
    return {e.kind for e in found[skill].evidence}


def test_a_managers_teams_use_is_the_teams_and_dates_nothing():
    _, found = skills()
    assert kinds(found, "go") == {"team"}
    assert found["go"].years == 0 and found["go"].last_used is None


def test_what_a_migration_left_behind_is_not_current():
    _, found = skills()
    assert found["python"].last_used == 2021  # Django at Aire, not "from Python to Kotlin" made current
    assert found["kotlin"].last_used == 2021


def test_a_jobs_own_stack_list_is_work_there():
    _, found = skills()
    assert found["oracle"].last_used == 2015
    assert kinds(found, "oracle") == {"work"}
    assert found["oracle"].strength >= 0.75 * 0.85


def test_hedges_and_study_are_weak_and_say_so():
    _, found = skills()
    assert kinds(found, "scala") == {"hedged"}
    assert kinds(found, "terraform") == {"hedged"}
    assert kinds(found, "elixir") == {"learning"}
    assert all(found[s].strength < 0.2 for s in ("scala", "terraform", "elixir"))


def test_listed_and_project_kinds():
    _, found = skills()
    assert kinds(found, "kafka") == {"list"}
    assert kinds(found, "rust") == {"project"}


def test_implied_skills_share_the_months_of_the_jobs_that_used_them():
    _, found = skills()
    assert found["python"].years >= 6.0  # Django at Aire 2015-2021 counts as Python


def test_every_kind_is_in_the_json_and_one_of_the_known_kinds():
    profile, _ = skills()
    for skill in profile.skills:
        for evidence in skill.evidence:
            assert evidence.as_dict()["kind"] in EVIDENCE_KINDS


def test_stored_evidence_without_a_kind_infers_one_from_its_strength():
    assert Evidence("experience", "Built it in Go", 1.0).as_dict()["kind"] == "work"
    assert Evidence("skills", "Go, Python", 0.35).as_dict()["kind"] == "list"


def test_profiles_carry_the_parser_version():
    profile, _ = skills()
    assert profile.parser_version == PARSER_VERSION


def test_the_headline_is_the_cvs_own_line_not_the_current_job_title():
    profile, _ = skills()
    assert profile.headline == "Engineering Director"


def test_a_tool_owned_by_another_team_is_that_teams_use():
    from shortlist.engine.cv.extract import TEAM, extract_mentions
    from shortlist.engine.vocab.taxonomy import default_taxonomy

    text = "AWS: ECS services; Terraform owned by the platform team"
    kinds = {m.skill: m.kind for m in extract_mentions(text, default_taxonomy(), "experience")}
    assert kinds["terraform"] == TEAM


def test_a_preposition_in_another_language_supports_an_ambiguous_word():
    from shortlist.engine.cv.extract import extract_mentions
    from shortlist.engine.vocab.taxonomy import default_taxonomy

    text = "Bedienoberfläche mit Qt für Digitalfunkgeräte"
    assert "qt" in {m.skill for m in extract_mentions(text, default_taxonomy(), "experience")}


def test_enumerations_and_hedges_in_other_languages():
    from shortlist.engine.cv.extract import HEDGED, extract_mentions
    from shortlist.engine.vocab.taxonomy import default_taxonomy

    taxonomy = default_taxonomy()
    found = {m.skill for m in extract_mentions("Steuergerätesoftware in C++ und C", taxonomy, "experience")}
    assert {"cpp", "c"} <= found
    kinds = {m.skill: m.kind for m in extract_mentions("AWS (básico), Go (nociones)", taxonomy, "skills")}
    assert kinds == {"aws": HEDGED, "go": HEDGED}


def test_spring_boot_in_a_kotlin_job_does_not_date_java():
    text = (
        "Camille Dubois\n\nEXPERIENCE\n"
        "Tech Lead, Banque Confluence (2022-present): payments API in Kotlin and Spring Boot.\n"
        "Java Developer, Assurances du Rhône (2019-2022): claims services in Java 11 and Spring Boot.\n"
    )
    found = {s.skill: s for s in parse_cv(text, "camille.txt", today=TODAY).skills}
    assert found["java"].last_used == 2022
