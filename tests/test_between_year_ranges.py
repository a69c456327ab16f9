"""A range written in words, "between 2012 and 2017" (and "entre … et", "zwischen … und"), is a date range;
"between 5 and 10 engineers" is not."""

from datetime import date

from shortlist.engine.cv.dates import find_date_ranges

TODAY = date(2026, 12, 1)


def spans(text):
    return [(r.start, r.end, text[r.start_idx : r.end_idx]) for r in find_date_ranges(text, TODAY)]


def test_between_two_years_is_a_range_of_whole_years():
    assert spans("Between 2012 and 2017 I worked at Forthbridge Systems.") == [
        (date(2012, 1, 1), date(2017, 12, 1), "Between 2012 and 2017")
    ]


def test_between_in_french_and_german_with_months():
    assert spans("Entre 2013 et 2014, j'ai passé une année au Sénégal.") == [
        (date(2013, 1, 1), date(2014, 12, 1), "Entre 2013 et 2014")
    ]
    assert spans("zwischen März 2015 und Mai 2018 war ich Entwicklerin") == [
        (date(2015, 3, 1), date(2018, 5, 1), "zwischen März 2015 und Mai 2018")
    ]


def test_between_two_small_numbers_is_not_a_range():
    assert spans("a team of between 5 and 10 engineers") == []
