"""A title read from prose drops the sentence's "as a" / "a" / "the": "my first job was as a graduate
analyst programmer at X" held the title "graduate analyst programmer"."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_was_as_a_title_keeps_only_the_title():
    text = (
        "Helen Achterberg\nEdinburgh\n\nExperience\n\n"
        "My first job after university was as a graduate analyst programmer at the Royal Bank of Caledon "
        "(2010–2012), where I wrote PL/SQL.\n"
    )
    assert jobs(text) == [
        ("graduate analyst programmer", "Royal Bank of Caledon", date(2010, 1, 1), date(2012, 12, 1)),
    ]


def test_a_title_starting_with_a_word_like_associate_is_kept_whole():
    text = (
        "Ana Ruiz\nMadrid\n\nExperience\n\n"
        "From 2014 to 2016 I was an Associate Consultant at Tajo Analytics, building dashboards.\n"
    )
    assert jobs(text) == [("Associate Consultant", "Tajo Analytics", date(2014, 1, 1), date(2016, 12, 1))]
