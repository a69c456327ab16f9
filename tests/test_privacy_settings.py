"""The privacy settings: a lawful basis the workspace does not know stops start-up naming the
variable; the retention period per basis and the notice date follow from the settings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import override_settings

from shortlist import conf
from shortlist.compliance.retention import ImportPrivacy, one_month_after

BASES = ("legitimate_interest", "consent", "contract")


def test_the_basis_must_be_one_the_workspace_knows() -> None:
    assert (
        conf.env_choice("SHORTLIST_LAWFUL_BASIS", "legitimate_interest", BASES, {}) == "legitimate_interest"
    )
    assert (
        conf.env_choice("SHORTLIST_LAWFUL_BASIS", "x", BASES, {"SHORTLIST_LAWFUL_BASIS": "Consent"})
        == "consent"
    )
    with pytest.raises(conf.SettingError, match=r"SHORTLIST_LAWFUL_BASIS='legitimate_interests'.*one of"):
        conf.env_choice(
            "SHORTLIST_LAWFUL_BASIS", "x", BASES, {"SHORTLIST_LAWFUL_BASIS": "legitimate_interests"}
        )


def test_the_notice_is_due_one_calendar_month_later() -> None:
    assert one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert one_month_after(date(2026, 12, 15)) == date(2027, 1, 15)


@override_settings(
    PRIVACY_DEFAULT_BASIS="contract",
    RETENTION_DAYS={"contract": 10, "consent": 20, "legitimate_interest": 30},
)
def test_each_basis_keeps_a_profile_for_its_own_period() -> None:
    today = date(2026, 3, 1)
    default = ImportPrivacy().fields(today)
    assert default["lawful_basis"] == "contract" and default["retain_until"] == date(2026, 3, 11)
    assert default["notice_due"] == date(2026, 4, 1)
    given = datetime(2026, 2, 1, 12, tzinfo=UTC)
    consent = ImportPrivacy("consent", given).fields(today)
    assert consent["retain_until"] == date(2026, 2, 21) and consent["notice_due"] is None
    with pytest.raises(ValueError, match="date"):
        ImportPrivacy("consent").fields(today)
