"""A LinkedIn company line whose time line also names the employment type ("Ikoyi Commerce" / "Full-time ·
5 yrs 3 mos") is the employer of the roles under it, not the roles' location line."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def test_roles_under_a_company_with_full_time_and_its_duration():
    text = (
        "Oluwaseun Adeyemi\nStaff Machine Learning Engineer\nLagos, Lagos State, Nigeria\n\nExperience\n"
        "Ikoyi Commerce\nFull-time · 5 yrs 3 mos\n"
        "Staff Machine Learning Engineer\nJan 2024 - Present · 2 yrs 11 mos\n"
        "Lagos, Lagos State, Nigeria · Hybrid\n"
        "Tech lead for ranking.\n"
        "Senior Machine Learning Engineer\nSep 2021 - Dec 2023 · 2 yrs 4 mos\nLagos, Lagos State, Nigeria\n"
        "Real-time recommender.\n"
    )
    jobs = parse_cv(text, "cv.pdf", today=TODAY).jobs
    assert [(j.title, j.employer) for j in jobs] == [
        ("Staff Machine Learning Engineer", "Ikoyi Commerce"),
        ("Senior Machine Learning Engineer", "Ikoyi Commerce"),
    ]
