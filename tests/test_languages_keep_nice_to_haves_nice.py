"""`languages` says what the team writes; it never turns a nice-to-have into a must-have (issue 11)."""

from __future__ import annotations

from benchmarks.synthetic import role_spec

from shortlist.engine.roles.weighting import CriterionKind, build_role_profile


def python_and_go(**kwargs: object):
    return build_role_profile(
        role_spec(
            "Python Developer",
            languages=("python", "go"),
            must=("python", "fastapi"),
            nice=("go", "kafka"),
            **kwargs,
        )
    )


def test_a_language_listed_as_nice_to_have_stays_nice_to_have() -> None:
    role = python_and_go()
    assert role.criterion("must:go") is None
    go = role.criterion("nice:go")
    assert go is not None and go.kind == CriterionKind.NICE
    assert "must-have" not in go.why
    assert "primary language" not in go.why
    assert "one of the role's languages" in go.why


def test_the_nice_language_weighs_no_more_than_another_nice_to_have() -> None:
    role = python_and_go()
    assert role.criterion("nice:go").weight <= role.criterion("nice:kafka").weight + 1e-9
    assert role.criterion("nice:go").weight < role.criterion("must:python").weight


def test_a_language_named_nowhere_else_is_still_a_must_have() -> None:
    role = build_role_profile(role_spec("Backend Engineer", languages=("go",), must=("kafka",)))
    go = role.criterion("must:go")
    assert go is not None and "primary language of the role" in go.why


def test_a_language_under_nice_to_have_named_by_an_alias_stays_nice() -> None:
    role = build_role_profile(
        role_spec("Backend Engineer", languages=("python", "golang"), must=("python",), nice=("golang",))
    )
    assert role.criterion("must:go") is None
    assert role.criterion("nice:go") is not None
