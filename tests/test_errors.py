"""The domain errors: one code per class, and every one carries `issues` so one body shape fits all."""

from __future__ import annotations

from shortlist.errors import Conflict, Forbidden, Invalid, NotFound, Unavailable


def test_every_error_carries_a_code_and_issues() -> None:
    assert [(e.code, e.issues) for e in (NotFound("x"), Forbidden("x"), Conflict("x"), Unavailable("x"))] == [
        ("not_found", ()), ("forbidden", ()), ("conflict", ()), ("unavailable", ())
    ]  # fmt: skip
    invalid = Invalid("bad", [("title", "required")])
    assert (invalid.code, invalid.issues, invalid.message) == ("invalid", (("title", "required"),), "bad")
