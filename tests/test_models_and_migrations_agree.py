"""A model change without its migration would fail on a fresh machine's `shortlist migrate`, or
silently differ between SQLite and PostgreSQL: every branch merged must leave none pending."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as pending:  # --check exits 1 when a migration would be written
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}")
        raise pending
