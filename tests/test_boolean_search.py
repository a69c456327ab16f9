"""Boolean search as recruiters write it: skills by evidence, words in the text, fields, and clear errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching.search import FIELDS, Query, QueryError, parse_query
from shortlist.engine.vocab.enums import Seniority, WorkMode
from shortlist.engine.vocab.profile import Contact, Job, Preferences, Profile, SkillEvidence
from shortlist.engine.vocab.taxonomy import load_taxonomy

TODAY = date(2026, 11, 1)


def make_profile(
    source: str,
    *,
    text: str = "",
    skills: dict[str, tuple[float, int | None]] | None = None,
    name: str = "",
    city: str = "",
    country: str = "",
    headline: str = "",
    jobs: tuple[tuple[str, str], ...] = (),
    total_years: float | None = None,
    seniority: Seniority | None = None,
    work_mode: WorkMode | None = None,
    relocate: bool | None = None,
) -> Profile:
    return Profile(
        source=source,
        text=text,
        content_hash=source,
        contact=Contact(name=name, city=city, country=country),
        headline=headline,
        jobs=[Job(employer, title, date(2020, 1, 1), None) for employer, title in jobs],
        skills=[
            SkillEvidence(skill, years=2.0, last_used=last_used, strength=strength)
            for skill, (strength, last_used) in (skills or {}).items()
        ],
        total_years=total_years,
        seniority=seniority,
        preferences=Preferences(work_mode=work_mode, open_to_relocation=relocate),
    )


POOL = [
    make_profile(
        "gopher",
        text="Built order routing in Go at PayStream, streaming fills through Kafka with low latency.",
        skills={"go": (1.0, 2026), "kafka": (0.8, 2025), "low-latency": (0.7, 2026)},
        name="Ada Lovelace",
        city="London",
        country="GB",
        headline="Staff Engineer",
        jobs=(("PayStream Ltd", "Staff Engineer"), ("Meridian Quant", "Senior Backend Engineer")),
        total_years=10.5,
        seniority=Seniority.STAFF,
        work_mode=WorkMode.REMOTE,
        relocate=False,
    ),
    make_profile(
        "pythonista",
        text="A go-getter with a go-to-market\nstrategy background. Django and Postgres since 2019.",
        skills={"django": (0.9, 2021), "postgresql": (0.6, 2021), "java": (0.3, 2015)},
        name="Grace Hopper",
        city="Manchester",
        country="GB",
        headline="Senior Python Developer",
        jobs=(("Ledgerly", "Senior Python Developer"),),
        total_years=6.2,
        seniority=Seniority.SENIOR,
        work_mode=WorkMode.HYBRID,
        relocate=True,
    ),
    make_profile(
        "javadev",
        text="Java and Kafka engineer; runs everything on k8s.",
        skills={"java": (1.0, 2026), "kafka": (0.9, 2026), "kubernetes": (0.5, 2024)},
        name="Alan Turing",
        city="Dublin",
        country="IE",
        headline="Backend Developer",
        jobs=(("Bank of Dublin", "Backend Developer"),),
        total_years=3.0,
        seniority=Seniority.MID,
    ),
    make_profile(
        "manager",
        text="Engineering manager. I do not write Go; my teams write Python.",
        skills={"go": (0.0, None), "python": (0.4, 2023)},
        name="Barbara Liskov",
        city="London",
        country="CA",
        headline="Engineering Manager",
        jobs=(("Maple Payments", "Head of Engineering"),),
        total_years=14.0,
        seniority=Seniority.LEAD,
    ),
    make_profile("blank", text=""),
]


def matching(query: str | Query) -> set[str]:
    parsed = parse_query(query) if isinstance(query, str) else query
    return {profile.source for profile in POOL if parsed.matches(profile)}


EVERYONE = {profile.source for profile in POOL}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The brief's own example: OR group, explicit AND, trailing NOT.
        ("(golang OR go) AND kafka NOT java", {"gopher"}),
        # Skills by any spelling the taxonomy knows.
        ("golang", {"gopher"}),
        ("go", {"gopher"}),
        ("k8s", {"javadev"}),
        ('"low latency"', {"gopher"}),
        ("Postgres", {"pythonista"}),
        ("KAFKA", {"gopher", "javadev"}),
        # Django implies Python: evidence of the framework is evidence of the language.
        ("python", {"pythonista", "manager"}),
        ("skill:python", {"pythonista", "manager"}),
        # A skill only ever negated ("I do not write Go") is not evidence.
        ("skill:go", {"gopher"}),
        # Adjacency is AND; AND binds tighter than OR.
        ("go kafka", {"gopher"}),
        ("go AND kafka", {"gopher"}),
        ("java OR go kafka", {"gopher", "pythonista", "javadev"}),
        ("(java OR go) kafka", {"gopher", "javadev"}),
        # NOT: after a term it means AND NOT; alone it excludes; "-" is the same; brackets group it.
        ("kafka NOT java", {"gopher"}),
        ("kafka AND NOT java", {"gopher"}),
        ("kafka -java", {"gopher"}),
        ("NOT java kafka", {"gopher"}),
        ("NOT java", {"gopher", "manager", "blank"}),
        ("-(java OR python)", {"gopher", "blank"}),
        ("NOT NOT kafka", {"gopher", "javadev"}),
        ("NOT (NOT kafka)", {"gopher", "javadev"}),
        ("go OR NOT kafka", {"gopher", "pythonista", "manager", "blank"}),
        # Words the taxonomy does not know: whole words of the CV text, any case.
        ("streaming", {"gopher"}),
        ("STREAM", set()),
        ("engineer", {"javadev"}),
        ('"order routing"', {"gopher"}),
        ('"routing order"', set()),
        # "go-getter" is not Go, but it is a phrase a recruiter can search for.
        ("go-getter", {"pythonista"}),
        ("text:go-getter", {"pythonista"}),
        ('text:"Go-Getter"', {"pythonista"}),
        ("getter", {"pythonista"}),
        ("text:go", {"gopher", "pythonista", "manager"}),
        # Phrases ignore how the CV breaks lines and spaces.
        ('text:"go-to-market   strategy"', {"pythonista"}),
        ('"go-to-market strategy"', {"pythonista"}),
        # text: never means the skill, and a skill never comes from a bare mention alone.
        ("text:kafka", {"gopher", "javadev"}),
        ("text:k8s", {"javadev"}),
        ("text:postgresql", set()),
        # Pasted lists: trailing commas and full stops are not part of the word.
        ("streaming, kafka.", {"gopher"}),
    ],
)
def test_terms_and_operators(query: str, expected: set[str]) -> None:
    assert matching(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("location:london", {"gopher"}),  # London, Ontario is another London
        ("Location:LONDON", {"gopher"}),
        ('location:"London, Ontario"', {"manager"}),
        ('location:"united kingdom"', {"gopher", "pythonista"}),
        ("location:GB", {"gopher", "pythonista"}),
        ("location:uk", {"gopher", "pythonista"}),
        ("location:ie", {"javadev"}),
        ("location:dublin", {"javadev"}),
        ("location:ireland", {"javadev"}),
        ('title:"staff engineer"', {"gopher"}),
        ("title:senior", {"gopher", "pythonista"}),  # any job title counts, not only the latest
        ('title:"engineer senior"', set()),
        ('title:"engineer meridian"', set()),  # a phrase never spans two titles or employers
        ("title:head", {"manager"}),
        ("company:paystream", {"gopher"}),
        ('company:"meridian quant"', {"gopher"}),
        ("company:dublin", {"javadev"}),
        ("name:ada", {"gopher"}),
        ('name:"grace hopper"', {"pythonista"}),
        ("name:hop", set()),
        ("seniority:senior", {"pythonista"}),
        ("seniority:=senior", {"pythonista"}),
        ("seniority:>=senior", {"gopher", "pythonista", "manager"}),
        ("seniority:>senior", {"gopher", "manager"}),
        ("seniority:>=staff", {"gopher", "manager"}),  # staff and lead are one level
        ("seniority:<senior", {"javadev"}),
        ("seniority:<=mid", {"javadev"}),
        ("seniority:staff", {"gopher"}),
        ("years:>=5", {"gopher", "pythonista", "manager"}),
        ("years:5", {"gopher", "pythonista", "manager"}),  # a bare number means at least
        ("years:5+", {"gopher", "pythonista", "manager"}),
        ("years:<5", {"javadev"}),
        ("years:>10.5", {"manager"}),
        ("years:=6", {"pythonista"}),  # six means six to just under seven
        ("years:=10.5", {"gopher"}),
        ("years:<=3", {"javadev"}),
        ("remote:yes", {"gopher"}),
        ("remote:no", {"pythonista"}),  # a preference the CV never states matches neither
        ("relocate:yes", {"pythonista"}),
        ("relocate:no", {"gopher"}),
        ("NOT relocate:no", EVERYONE - {"gopher"}),
        ("lastused:go>=2022", {"gopher"}),
        ("lastused:go<2022", set()),
        ("lastused:python>=2022", {"manager"}),
        ("lastused:python<2022", {"pythonista"}),  # Django work in 2021 dates Python too
        ("lastused:golang=2026", {"gopher"}),
        ('lastused:"low latency">=2026', {"gopher"}),
        ("lastused:k8s>2023", {"javadev"}),
        # Fields combine like any term.
        ("location:GB kafka", {"gopher"}),
        ("(location:london OR location:dublin) seniority:>=mid -java", {"gopher"}),
        ("-location:GB years:>=3", {"javadev", "manager"}),
    ],
)
def test_fields_and_comparisons(query: str, expected: set[str]) -> None:
    assert matching(query) == expected


def test_go_getter_in_a_parsed_cv_is_not_go() -> None:
    cv = (
        "Sam Carter\nLondon, UK\n\nSummary\nA go-getter who owns the go-to-market side of things.\n\n"
        "Experience\nSenior Backend Engineer, PayStream Ltd    Jan 2019 - Present\n"
        "- Built payment services in Django and PostgreSQL, streaming events through Kafka.\n"
    )
    profile = parse_cv(cv, "t", today=TODAY)
    results = {query: parse_query(query).matches(profile) for query in QUERIES_ON_PARSED_CV}
    assert results == QUERIES_ON_PARSED_CV


QUERIES_ON_PARSED_CV = {
    "go": False,
    "golang": False,
    "skill:go": False,
    "text:go-getter": True,
    "go-getter": True,
    "python": True,  # through Django
    "kafka postgres": True,
    "location:london title:senior company:paystream": True,
    "lastused:django>=2026": True,
    "seniority:senior years:>=7": True,
}


@pytest.mark.parametrize(
    ("query", "explained"),
    [
        ("(golang OR go) AND kafka NOT java", "(skill:go OR skill:go) AND skill:kafka AND NOT skill:java"),
        ("java OR go kafka", "skill:java OR (skill:go AND skill:kafka)"),
        ("-(java OR k8s)", "NOT (skill:java OR skill:kubernetes)"),
        ("NOT NOT java", "skill:java"),
        ("((go))", "skill:go"),
        ("(go AND kafka) AND java", "skill:go AND skill:kafka AND skill:java"),
        ("Go-Getter", "text:go-getter"),
        ('"Go   to  Market"', 'text:"go to market"'),
        ('text:"go-getter"', 'text:"go-getter"'),
        ('location:"united kingdom"', "location:GB"),
        ("location:london", "location:London"),
        ('location:"Cambridge, MA"', 'location:"cambridge, ma"'),
        ("years:5+", "years:>=5"),
        ("years:<2.50", "years:<2.5"),
        ("seniority:=Senior", "seniority:senior"),
        ("lastused:golang>=2022", "lastused:go>=2022"),
        ("REMOTE:Y relocate:false", "remote:yes AND relocate:no"),
        ("go or rust", "skill:go AND text:or AND skill:rust"),
    ],
)
def test_explain_is_the_normalised_query(query: str, explained: str) -> None:
    assert parse_query(query).explain() == explained
    assert parse_query(explained).explain() == explained


@pytest.mark.parametrize(
    ("query", "required"),
    [
        ("go kafka", {"go", "kafka"}),
        ("(golang OR go) AND kafka NOT java", {"go", "kafka"}),
        ("go OR kafka", set()),
        ("(go kafka) OR (go java)", {"go"}),
        ("(go kafka) OR (kafka java) OR (kafka python)", {"kafka"}),
        ("go NOT kafka", {"go"}),
        ("NOT (go kafka)", set()),
        ("-go", set()),
        ("django", {"django"}),
        ("python -django", {"python"}),
        ("lastused:go>=2022 streaming", {"go"}),
        ("text:kafka location:london years:>=5", set()),
        ("go OR streaming", set()),
        # No reasoning across branches: streaming plus kafka matches without go.
        ("(go OR streaming) (go OR kafka)", set()),
    ],
)
def test_required_skills_are_those_on_every_path(query: str, required: set[str]) -> None:
    assert parse_query(query).required_skills() == frozenset(required)


def test_prefilter_spells_out_the_skills_that_imply_a_required_one() -> None:
    query = parse_query("python kafka")
    assert query.required_skills() == {"python", "kafka"}
    kafka, python = query.skill_prefilter()  # in required-skill order: kafka, python
    assert "kafka" in kafka
    assert {"python", "django", "flask"} <= python
    # The pre-filter must never drop a profile that matches.
    for profile in POOL:
        if query.matches(profile):
            stored = {skill.skill for skill in profile.skills if skill.strength > 0}
            assert all(stored & group for group in query.skill_prefilter())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(golang OR go", "unbalanced '(' at position 1; it has no matching ')'"),
        ("go (kafka", "unbalanced '(' at position 4; it has no matching ')'"),
        ("go) kafka", "unbalanced ')' at position 3; it has no matching '('"),
        ("go AND", "nothing after 'AND' at position 4"),
        ("go OR", "nothing after 'OR' at position 4"),
        ("go AND OR kafka", "nothing after 'AND' at position 4"),
        ("(go OR) kafka", "nothing after 'OR' at position 5"),
        ("go NOT", "nothing after 'NOT' at position 4"),
        ("AND go", "nothing before 'AND' at position 1"),
        ("(OR go)", "nothing before 'OR' at position 2"),
        ("go -", "'-' stands alone at position 4; write it against the term to exclude: -java"),
        ("()", "empty brackets '()' at position 1"),
        ('"low latency', 'unclosed \'"\' at position 1; add the closing quote: "low latency"'),
        ('go ""', 'empty quotes at position 4; put the words inside: "low latency"'),
        ("skils:kafka", "unknown field 'skils:' at position 1; did you mean skill:?"),
        ("salary:>=100", "unknown field 'salary:' at position 1; fields are " + ", ".join(FIELDS)),
        ("skill:kafak", "unknown skill 'kafak' at position 7; did you mean kafka?"),
        ("skill:zzqx", "unknown skill 'zzqx' at position 7; text:zzqx searches the CV text instead"),
        ("lastused:kafak>=2022", "unknown skill 'kafak' at position 10; did you mean kafka?"),
        ("skill:", "'skill:' needs a value at position 1; e.g. skill:kafka"),
        (
            "skill:(go OR rust)",
            "'skill:' cannot take a group at position 1; write (skill:a OR skill:b) instead",
        ),
        ("years:>=five", "bad comparison 'years:>=five' at position 7; write years:>=5"),
        ("years:>= 5", "bad comparison 'years:>=' at position 7; write years:>=5"),
        ("lastused:go", "bad comparison 'lastused:go' at position 10; write lastused:go>=2022"),
        ("lastused:>=2022", "bad comparison 'lastused:>=2022' at position 10; write lastused:go>=2022"),
        ("lastused:go>=22", "bad year '22' at position 10; write lastused:go>=2022"),
        (
            "seniority:principle",
            "unknown seniority 'principle' at position 11; use one of junior, mid, senior, staff, lead",
        ),
        ("seniority:>=", "bad comparison 'seniority:>=' at position 11; write seniority:>=senior"),
        ("remote:maybe", "bad value 'maybe' for remote: at position 8; write remote:yes or remote:no"),
        (
            'text:"go">=2022',
            "unexpected '>=2022' after the quotes at position 10; "
            "only lastused: takes a comparison there, e.g. lastused:go>=2022",
        ),
        ("go & kafka", "'&' is not a search term at position 4; combine terms with AND, OR or NOT"),
        ("", "the query is empty; type a skill, a word or a field such as location:london"),
        ("   ", "the query is empty; type a skill, a word or a field such as location:london"),
        ("(" * 100 + "go" + ")" * 100, "too many nested brackets at position 65"),
    ],
)
def test_malformed_queries_say_what_and_where(query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_error_position_points_at_the_problem() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("go (kafka")
    assert (caught.value.position, caught.value.offset) == (4, 3)
    assert caught.value.pointer() == "go (kafka\n   ^"
    with pytest.raises(QueryError) as caught:
        parse_query("go\tAND\n")
    assert caught.value.pointer() == "go AND \n   ^"


def test_lowercase_operators_are_words_and_say_so() -> None:
    query = parse_query("golang or rust")
    assert query.explain() == "skill:go AND text:or AND skill:rust"
    assert query.warnings == ("'or' at position 8 is searched as a word; write OR to use it as an operator",)
    assert parse_query("golang OR rust").warnings == ()


def test_an_unknown_place_matches_the_city_as_written_with_a_warning() -> None:
    query = parse_query("location:Bath")
    assert query.warnings == ("'Bath' is not a place Shortlist knows; matching the city name as written",)
    assert query.matches(make_profile("bath", city="Bath", country="GB"))
    assert not query.matches(make_profile("bristol", city="Bristol", country="GB"))


def test_a_city_without_a_country_still_counts_for_its_country() -> None:
    profile = make_profile("city-only", city="Leeds")
    assert parse_query("location:GB").matches(profile)
    assert parse_query("location:leeds").matches(profile)


def test_filter_keeps_the_order_given() -> None:
    assert [profile.source for profile in parse_query("kafka").filter(POOL)] == ["gopher", "javadev"]


def test_a_deployments_own_spellings_are_skills_too(tmp_path: Path) -> None:
    extra = tmp_path / "skills.yaml"
    extra.write_text("skills:\n  - id: go\n    aliases: [gopherlang]\n", encoding="utf-8")
    assert parse_query("gopherlang", taxonomy=load_taxonomy(extra)).explain() == "skill:go"
    assert parse_query("gopherlang").explain() == "text:gopherlang"


# --- robustness --------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "go", "golang", "kafka", "java", "python", "AND", "OR", "NOT", "and", "or", "(", ")", "-", '"',
        "\u201c", " ", "  ", "\n", ":", "skill:", "text:", "location:", "title:", "years:", ">=", "<", "=",
        "5", "2022", "seniority:", "senior", "lastused:", "remote:", "yes", "go-getter", "&", ",", "c++",
        "k8s", "London", "GB", "x", "\x00", "\x1f", "é",
    ]
)  # fmt: skip
_QUERIES = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=14).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_QUERIES)
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert 0 <= error.offset <= len(text)
        assert "\n" not in str(error)
        return
    results = [query.matches(profile) for profile in POOL]
    again = parse_query(query.explain())
    # What explain() prints is the same search, so a recruiter can copy it back.
    assert again.explain() == query.explain()
    assert [again.matches(profile) for profile in POOL] == results
    assert query.required_skills() <= frozenset(skill for group in query.skill_prefilter() for skill in group)
