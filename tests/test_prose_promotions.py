"""A promotion written inside one prose sentence ("as a software engineer and then senior software
engineer (from 2015)") makes two jobs at one employer, split at the promotion's date."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_a_promotion_with_then_and_a_year_splits_the_job():
    text = (
        "Helen Achterberg\nEdinburgh\n\nExperience\n\n"
        "Between 2012 and 2017 I worked at Forthbridge Systems as a software engineer and then senior "
        "software engineer (from 2015). I worked in C++ on the pricing engine.\n"
    )
    assert jobs(text) == [
        ("senior software engineer", "Forthbridge Systems", date(2015, 1, 1), date(2017, 12, 1)),
        ("software engineer", "Forthbridge Systems", date(2012, 1, 1), date(2015, 12, 1)),
    ]


def test_promoted_to_with_a_month_splits_an_ongoing_job():
    text = (
        "Ana Ruiz\nMadrid\n\nExperience\n\n"
        "Since 2018 I have been a data engineer at Tajo Analytics, promoted to lead data engineer in "
        "March 2022. We run Spark on Kubernetes.\n"
    )
    assert jobs(text) == [
        ("lead data engineer", "Tajo Analytics", date(2022, 3, 1), None),
        ("data engineer", "Tajo Analytics", date(2018, 1, 1), date(2022, 3, 1)),
    ]


def test_a_later_title_dated_outside_the_job_is_not_a_promotion():
    text = (
        "Ana Ruiz\nMadrid\n\nExperience\n\n"
        "From 2014 to 2016 I was a data analyst at Tajo Analytics, and then a data engineer in 2019 "
        "elsewhere.\n"
    )
    assert jobs(text) == [("data analyst", "Tajo Analytics", date(2014, 1, 1), date(2016, 12, 1))]


def test_several_promotions_and_the_employer_in_the_sentence_before():
    text = (
        "Pieter van der Berg\nRotterdam\n\nAbout me\n\n"
        "Before that I spent seven years at Havenstad Logistics B.V. I joined as a software engineer in\n"
        "2014, "
        "was promoted to senior engineer in 2017 and to lead engineer in 2019, and left in 2021 when the\n"
        "company was sold. We moved the yard-planning system to Java services on Kubernetes.\n"
    )
    profile = parse_cv(text, "cv.txt", today=TODAY)
    assert [(j.title, j.employer, j.start, j.end) for j in profile.jobs] == [
        ("lead engineer", "Havenstad Logistics B.V.", date(2019, 1, 1), date(2021, 12, 1)),
        ("senior engineer", "Havenstad Logistics B.V.", date(2017, 1, 1), date(2019, 12, 1)),
        ("software engineer", "Havenstad Logistics B.V.", date(2014, 1, 1), date(2017, 12, 1)),
    ]
    java = next(skill for skill in profile.skills if skill.skill == "java")
    assert java.last_used == 2021  # the split roles share the job's text


def test_a_promotion_with_its_date_first_and_a_bracketed_title():
    text = (
        "Siddharth Iyer\nBengaluru\n\nWhat I have done\n\n"
        "Before that I was at Nandi Retail Analytics from 2017 until February 2023. I joined as a data "
        "scientist, was made senior data scientist in 2019, and from 2021 ran the pricing team as Data "
        "Science Manager (Pricing). The models were XGBoost in Python.\n"
    )
    assert jobs(text) == [
        ("Data Science Manager (Pricing)", "Nandi Retail Analytics", date(2021, 1, 1), date(2023, 2, 1)),
        ("senior data scientist", "Nandi Retail Analytics", date(2019, 1, 1), date(2021, 12, 1)),
        ("data scientist", "Nandi Retail Analytics", date(2017, 1, 1), date(2019, 12, 1)),
    ]
