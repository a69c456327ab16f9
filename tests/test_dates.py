from datetime import date

import pytest

from shortlist.engine.cv.dates import find_date_ranges, months_between

TODAY = date(2024, 6, 1)

RANGES = [
    ("Mar 2020 to present", date(2020, 3, 1), None),
    ("March 2020 – Present", date(2020, 3, 1), None),
    ("2018–2021", date(2018, 1, 1), date(2021, 12, 1)),
    ("2018 - 2021", date(2018, 1, 1), date(2021, 12, 1)),
    ("09/2019 - 06/2021", date(2019, 9, 1), date(2021, 6, 1)),
    ("Jun 2016 to Feb 2020", date(2016, 6, 1), date(2020, 2, 1)),
    ("Jan. 2019 – Current", date(2019, 1, 1), None),
    ("2019 – now", date(2019, 1, 1), None),
    ("Since 2020", date(2020, 1, 1), None),
    ("since March 2021", date(2021, 3, 1), None),
    ("10.2017 – 03.2019", date(2017, 10, 1), date(2019, 3, 1)),
    ("Sept 2015 — Aug 2017", date(2015, 9, 1), date(2017, 8, 1)),
    ("Sep 2015 − Aug 2017", date(2015, 9, 1), date(2017, 8, 1)),
    ("Jan 2019 till date", date(2019, 1, 1), None),
    ("Jan 2019 to date", date(2019, 1, 1), None),
    ("May 2018 - ongoing", date(2018, 5, 1), None),
    ("2019-03 to 2020-11", date(2019, 3, 1), date(2020, 11, 1)),
    ("March, 2020 - December 2021", date(2020, 3, 1), date(2021, 12, 1)),
    ("Mar – Jun 2020", date(2020, 3, 1), date(2020, 6, 1)),
    ("PayStream, 2021 –", date(2021, 1, 1), None),
    ("Mar 2020 –\nPresent", date(2020, 3, 1), None),
    ("JUNE 2016 TO FEBRUARY 2020", date(2016, 6, 1), date(2020, 2, 1)),
]


@pytest.mark.parametrize(("text", "start", "end"), RANGES)
def test_each_common_format_reads_as_one_range(text, start, end):
    found = find_date_ranges(text, TODAY)
    assert [(r.start, r.end) for r in found] == [(start, end)]


def test_offsets_point_at_the_range_inside_a_line():
    text = "Senior Engineer — PayStream    Mar 2020 – Present"
    (found,) = find_date_ranges(text, TODAY)
    assert text[found.start_idx : found.end_idx] == "Mar 2020 – Present"


NOT_RANGES = [
    "Python 3.10.2017 release",
    "call 020 7946 0958",
    "1.2M requests in 2019",
    "version 1.2-2019",
    "Graduated 2015",
    "2500 - 3000 rps",
    "Mar 2030 - Present",  # starts in the future
    "2021 - 2018",  # runs backwards
]


@pytest.mark.parametrize("text", NOT_RANGES)
def test_things_that_are_not_ranges(text):
    assert find_date_ranges(text, TODAY) == []


def test_several_ranges_in_order():
    text = "Acme 2018 - 2020\nBeta Jan 2021 – Present\nEducation 2012–2015"
    assert [r.start.year for r in find_date_ranges(text, TODAY)] == [2018, 2021, 2012]


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2019, 1, 1), date(2019, 12, 1), 12),
        (date(2020, 3, 1), date(2020, 3, 1), 1),
        (date(2018, 1, 1), date(2021, 12, 1), 48),
        (date(2021, 1, 1), date(2020, 1, 1), 0),
    ],
)
def test_end_month_is_inclusive(start, end, months):
    assert months_between(start, end) == months


def test_open_range_counts_to_today():
    (found,) = find_date_ranges("Jan 2024 - Present", TODAY)
    assert found.months(TODAY) == 6
