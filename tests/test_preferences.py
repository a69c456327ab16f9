import pytest

from shortlist.engine.cv.preferences import parse_preferences
from shortlist.engine.vocab.enums import WorkMode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open to relocation.", True),
        ("Willing to relocate for the right role.", True),
        ("Happy to relocate to London.", True),
        ("Relocation: yes", True),
        ("Not open to relocation.", False),
        ("No relocation, please.", False),
        ("I am unable to relocate.", False),
        ("Relocation: no", False),
        ("Led the relocation of our data centre.", None),
        ("", None),
    ],
)
def test_relocation(text, expected):
    assert parse_preferences(text).open_to_relocation is expected


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Remote only.", WorkMode.REMOTE),
        ("Looking for fully remote roles.", WorkMode.REMOTE),
        ("Prefer hybrid working, 2 days in London.", WorkMode.HYBRID),
        ("Open to hybrid or remote roles.", WorkMode.HYBRID),
        ("Work mode: on-site", WorkMode.ONSITE),
        ("Prefer to work in-office.", WorkMode.ONSITE),
        ("Led a fully remote team of 8 engineers.", None),
        ("Built a hybrid cloud on AWS.", None),
        ("Remote sensing pipelines in Python.", None),
    ],
)
def test_work_mode(text, mode):
    assert parse_preferences(text).work_mode == mode


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("1 month notice", 4),
        ("One month's notice period.", 4),
        ("Notice period: 4 weeks", 4),
        ("Notice: 3 months", 12),
        ("2 weeks' notice", 2),
        ("Immediately available", 0),
        ("Available immediately.", 0),
        ("Gave notice to the board in 2019.", None),
        ("", None),
    ],
)
def test_notice(text, weeks):
    assert parse_preferences(text).notice_weeks == weeks


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("UK citizen.", ["GB"]),
        ("British passport holder.", ["GB"]),
        ("Full right to work in the UK.", ["GB"]),
        ("Settled status.", ["GB"]),
        ("Irish citizen.", ["IE", "GB"]),
        ("US citizen; EU passport.", ["US", "EU"]),
        ("I will require visa sponsorship.", []),
        ("Right to work in the UK (Graduate visa); will require sponsorship from 2026.", []),
        ("I do not have the right to work in the UK.", []),
        ("No sponsorship required. Right to work in the UK.", ["GB"]),
        ("", []),
    ],
)
def test_right_to_work(text, countries):
    assert parse_preferences(text).right_to_work == countries


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Salary expectation: £95k", 95000, "GBP"),
        ("Expected salary £90-100k.", 90000, "GBP"),
        ("Current salary £80k, expecting £95,000.", 95000, "GBP"),
        ("Looking for 95k GBP.", 95000, "GBP"),
        ("Desired compensation: €85,000", 85000, "EUR"),
        ("Salary expectations $150k", 150000, "USD"),
        ("Expected CTC: 18 LPA", 1800000, "INR"),
        ("Day rate £550/day, looking for contracts.", None, ""),
        ("Saved £2M in cloud costs.", None, ""),
        ("", None, ""),
    ],
)
def test_salary(text, amount, currency):
    preferences = parse_preferences(text)
    assert (preferences.salary_expectation, preferences.salary_currency) == (amount, currency)


def test_a_stated_need_for_sponsorship_is_recorded_not_left_unstated():
    preferences = parse_preferences("Requires visa sponsorship for the UK.")
    assert preferences.right_to_work == []
    assert preferences.needs_sponsorship == ["GB"]
    assert parse_preferences("I will need sponsorship.").needs_sponsorship == ["*"]
    assert parse_preferences("Full right to work in the UK, no sponsorship required.").needs_sponsorship == []
