"""API answers carry personal data: no browser or proxy may keep them."""

from __future__ import annotations

import pytest

from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_no_answer_may_be_cached(writer) -> None:
    objects = one_of_everything()
    for path in (f"/candidates/{objects['candidate'].pk}", "/candidates", "/candidates/999"):
        assert "no-store" in writer.get(path)["Cache-Control"], path
