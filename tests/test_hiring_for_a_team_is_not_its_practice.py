"""Interviewing or hiring for "the platform team" is people work, not platform engineering."""

from shortlist.engine.cv.extract import extract_mentions
from shortlist.engine.vocab.taxonomy import default_taxonomy


def skills(text):
    return {m.skill for m in extract_mentions(text, default_taxonomy(), "experience")}


def test_running_interviews_for_the_platform_team_is_not_platform_engineering():
    assert "platform-engineering" not in skills("Ran interviews for the platform team.")
    assert "platform-engineering" not in skills("Hired six engineers into the platform team.")


def test_building_for_the_platform_team_still_is():
    assert "platform-engineering" in skills("Built the deploy tooling of the platform team.")
