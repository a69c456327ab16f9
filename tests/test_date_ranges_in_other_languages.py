"""Date ranges in German, French, Spanish, Italian, Dutch and Polish, numeric forms, seasons, Europass."""

from datetime import date

import pytest

from shortlist.engine.cv.dates import DURATION, find_date_ranges

TODAY = date(2026, 12, 1)

RANGES = [
    ("seit 03/2021", date(2021, 3, 1), None),
    ("04/2017 – heute", date(2017, 4, 1), None),
    ("04/2017 – bis heute", date(2017, 4, 1), None),
    ("März 2019 – Juni 2021", date(2019, 3, 1), date(2021, 6, 1)),
    ("Okt. 2015 - Dez. 2018", date(2015, 10, 1), date(2018, 12, 1)),
    ("01.2016 – 08.2019", date(2016, 1, 1), date(2019, 8, 1)),
    ("Depuis mars 2021", date(2021, 3, 1), None),
    ("janv. 2019 – mars 2021", date(2019, 1, 1), date(2021, 3, 1)),
    ("févr. 2017 – aujourd'hui", date(2017, 2, 1), None),
    ("sept. 2014 à déc. 2016", date(2014, 9, 1), date(2016, 12, 1)),
    ("Septembre 2020 - Présent", date(2020, 9, 1), None),
    ("enero 2018 – actualidad", date(2018, 1, 1), None),
    ("Desde 2020", date(2020, 1, 1), None),
    ("abr. 2016 - dic. 2019", date(2016, 4, 1), date(2019, 12, 1)),
    ("gennaio 2019 – oggi", date(2019, 1, 1), None),
    ("set 2015 - giu 2018", date(2015, 9, 1), date(2018, 6, 1)),
    ("maart 2018 – heden", date(2018, 3, 1), None),
    ("mei 2015 - okt 2017", date(2015, 5, 1), date(2017, 10, 1)),
    ("styczeń 2019 – obecnie", date(2019, 1, 1), None),
    ("2020-01 – 2022-06", date(2020, 1, 1), date(2022, 6, 1)),
    ("[ 01/03/2021 – Current ]", date(2021, 3, 1), None),
    ("[ 15/09/2016 – 28/02/2021 ]", date(2016, 9, 1), date(2021, 2, 1)),
    ("Summer 2023", date(2023, 6, 1), date(2023, 8, 1)),
    ("Spring 2022 – Autumn 2022", date(2022, 3, 1), date(2022, 11, 1)),
    ("2019–present", date(2019, 1, 1), None),
    ("From 1 July 2017 To Till Date", date(2017, 7, 1), None),
    ("since Jan '2012", date(2012, 1, 1), None),
    ("depuis le 1er mars 2021", date(2021, 3, 1), None),
    ("Desde octubre de 2022", date(2022, 10, 1), None),
    ("_aprile 2023 – presente_", date(2023, 4, 1), None),
]


@pytest.mark.parametrize(("text", "start", "end"), RANGES)
def test_each_language_and_form_reads_as_one_range(text, start, end):
    found = find_date_ranges(text, TODAY)
    assert [(r.start, r.end) for r in found] == [(start, end)]


def test_prose_since_is_an_open_range():
    (found,) = find_date_ranges("Since 2021 I have been Director of Engineering at Kestrel.", TODAY)
    assert (found.start, found.end) == (date(2021, 1, 1), None)


def test_a_linkedin_range_with_its_duration_is_one_range():
    text = "Jan 2021 - Present (1 year 11 months)"
    (found,) = find_date_ranges(text, TODAY)
    assert text[found.start_idx : found.end_idx] == "Jan 2021 - Present"


@pytest.mark.parametrize(
    "text", ["5 years 5 months", "(2 years 3 months)", "1 yr", "8 mos", "2 Jahre 3 Monate", "3 ans"]
)
def test_durations_are_recognised_and_are_not_ranges(text):
    assert DURATION.fullmatch(text)
    assert find_date_ranges(text, TODAY) == []


def test_a_narratives_joined_and_left_make_one_range():
    text = "I joined Quayside Analytics in July 2016 as a data scientist and left in February 2019."
    (found,) = find_date_ranges(text, TODAY)
    assert (found.start, found.end) == (date(2016, 7, 1), date(2019, 2, 1))


def test_a_written_range_wins_over_a_narrative_span():
    text = "I joined Acme in 2016 (2016 – 2019) and left in 2019."
    found = [(r.start, r.end) for r in find_date_ranges(text, TODAY)]
    assert found == [(date(2016, 1, 1), date(2019, 12, 1))]
