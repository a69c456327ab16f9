"""Jobs are read from every common layout: one-line entries, tables, prose, LinkedIn groups, emphasis,
German and French CVs; education, career breaks and volunteering are never jobs."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_one_line_entries_are_jobs_with_their_descriptions():
    text = (
        "Sam Hale\n\nEXPERIENCE\n"
        "Staff Engineer, Kelpie Logistics (2022-present): lead the routing team; Python on FastAPI.\n"
        "Software Engineer, Pennyfarthing Insurance (2016-2019): built the Django claims portal.\n"
        "Analyst Intern, Avonmouth Freight (2016): cleaned shipment data in Excel and R.\n"
    )
    assert jobs(text) == [
        ("Staff Engineer", "Kelpie Logistics", date(2022, 1, 1), None),
        ("Software Engineer", "Pennyfarthing Insurance", date(2016, 1, 1), date(2019, 12, 1)),
        ("Analyst Intern", "Avonmouth Freight", date(2016, 1, 1), date(2016, 12, 1)),
    ]


def test_a_bold_bulleted_one_line_entry_in_german():
    text = (
        "Katrin Vogel\n\n## Berufserfahrung\n\n"
        "- **Lead Data Engineer, Rheinwerk Versicherung AG** (seit 2023): Aufbau der Plattform.\n"
        "- **Data Engineer, Domstadt Mobility GmbH** (2020–2023): Streaming mit Kafka.\n"
    )
    assert jobs(text) == [
        ("Lead Data Engineer", "Rheinwerk Versicherung AG", date(2023, 1, 1), None),
        ("Data Engineer", "Domstadt Mobility GmbH", date(2020, 1, 1), date(2023, 12, 1)),
    ]


def test_a_markdown_table_is_read_by_its_header_row():
    text = (
        "Priya Raman\n\n## Experience\n\n| Dates | Company | Role | Highlights |\n"
        "|---|---|---|---|\n"
        "| Feb 2023 – Present | Quillfeather Health | Senior ML Engineer | Built the classifier |\n"
        "| Jun 2020 – Jan 2023 | Tallyho Retail | Data Scientist | Forecasting with LightGBM |\n"
    )
    assert jobs(text) == [
        ("Senior ML Engineer", "Quillfeather Health", date(2023, 2, 1), None),
        ("Data Scientist", "Tallyho Retail", date(2020, 6, 1), date(2023, 1, 1)),
    ]


def test_prose_jobs_are_read_from_their_sentences():
    text = (
        "Helen Achterberg\nEdinburgh\n\nAbout me\n\n"
        "I lead. Since 2021 I have been Director of Engineering at Thistle & Finch, a platform.\n\n"
        "Before that, from 2017 to 2021, I was Engineering Manager for the payments team at Caledonia Ledger."
        "\n"
    )
    assert jobs(text) == [
        ("Director of Engineering", "Thistle & Finch", date(2021, 1, 1), None),
        ("Engineering Manager", "Caledonia Ledger", date(2017, 1, 1), date(2021, 12, 1)),
    ]


def test_linkedin_roles_under_one_company_share_it_and_durations_are_not_employers():
    text = (
        "Hannah Okafor\n\nExperience\nLedgerline\n7 years 3 months\nPrincipal Engineer\n"
        "March 2024 - Present (2 years 10 months)\nManchester, England, United Kingdom\n"
        "Technical lead for the ledger services.\nSoftware Engineer\n"
        "October 2019 - February 2024 (4 years 5 months)\nMünchen, Bayern, Deutschland\n"
        "Built the ledger in Go.\nPennine Telecom\nSoftware Developer\n"
        "July 2016 - September 2019 (3 years 3 months)\nLeeds, England, United Kingdom\n"
    )
    assert jobs(text) == [
        ("Principal Engineer", "Ledgerline", date(2024, 3, 1), None),
        ("Software Engineer", "Ledgerline", date(2019, 10, 1), date(2024, 2, 1)),
        ("Software Developer", "Pennine Telecom", date(2016, 7, 1), date(2019, 9, 1)),
    ]


def test_markdown_emphasis_puts_the_title_in_bold_and_the_employer_in_italics():
    text = (
        "Owen Gallagher\n\n## Experience\n\n"
        "**Engineering Manager, Platform Reliability** — *Curragh Payments*\n"
        "*March 2022 – present*\n\n- Manage two SRE teams.\n\n"
        "**ML Engineer**, *Mole Analytics S.r.l.*\n_aprile 2020 – febbraio 2022_\n"
    )
    assert jobs(text) == [
        ("Engineering Manager, Platform Reliability", "Curragh Payments", date(2022, 3, 1), None),
        ("ML Engineer", "Mole Analytics S.r.l.", date(2020, 4, 1), date(2022, 2, 1)),
    ]


def test_a_lebenslauf_with_dates_in_the_left_column():
    text = (
        "LEBENSLAUF\n\nJonas Brandt\n\nBERUFSERFAHRUNG\n\n"
        "seit 03/2021        Senior Backend-Entwickler\n"
        "                    Elbkontor Logistik GmbH, Hamburg\n"
        "                    - Entwicklung der API in Kotlin\n\n"
        "09/2014 – 03/2017   Softwareentwickler (Werkstudent, ab 10/2015 Festanstellung)\n"
        "                    Nordsee Medien GmbH, Bremen\n"
    )
    assert jobs(text) == [
        ("Senior Backend-Entwickler", "Elbkontor Logistik GmbH", date(2021, 3, 1), None),
        ("Softwareentwickler", "Nordsee Medien GmbH", date(2014, 9, 1), date(2017, 3, 1)),
    ]


def test_an_employer_line_over_dated_roles_is_their_employer():
    text = (
        "Owen Pritchard\n\nEMPLOYMENT HISTORY\n\n"
        "Taff Valley Insurance Group, Cardiff                 Jan 2021 – Present\n"
        "Principal Engineer (since Apr 2024)\n  • Technical lead for claims.\n"
        "Senior Software Engineer (Jan 2021 – Mar 2024)\n  • Kafka consumers.\n"
    )
    assert jobs(text) == [
        ("Principal Engineer", "Taff Valley Insurance Group", date(2024, 4, 1), None),
        ("Senior Software Engineer", "Taff Valley Insurance Group", date(2021, 1, 1), date(2024, 3, 1)),
    ]


def test_education_career_breaks_and_volunteering_are_not_jobs():
    text = (
        "Naomi Fletcher\n\n## Experience and other activities\n\n"
        "### Senior Software Engineer — Seagull Travel Tech\nApr 2024 – present\n\n- Node.js APIs\n\n"
        "### Career break\nMar 2022 – Mar 2024\n\nCaring for a family member.\n\n"
        "### Volunteer mentor — Code Club\n2019 – 2021\n\n"
        "### BSc Computer Science — University of Sussex\n2012 – 2015\n\n"
        "### Software Engineer — Downs Digital Agency\nAug 2018 – Feb 2022\n"
    )
    assert jobs(text) == [
        ("Senior Software Engineer", "Seagull Travel Tech", date(2024, 4, 1), None),
        ("Software Engineer", "Downs Digital Agency", date(2018, 8, 1), date(2022, 2, 1)),
    ]


def test_a_summer_internship_keeps_its_own_bullets():
    text = (
        "Jordan Mills\n\nEXPERIENCE\n\n"
        "Data Engineer, Firth Analytics Ltd\nSep 2023 – present\n- Built dbt models\n\n"
        "Summer Intern, Leith Harbour Council Services\nSummer 2021\n- Fixed printers\n"
    )
    found = parse_cv(text, "cv.txt", today=TODAY).jobs
    assert [(j.title, j.start, j.end) for j in found] == [
        ("Data Engineer", date(2023, 9, 1), None),
        ("Summer Intern", date(2021, 6, 1), date(2021, 8, 1)),
    ]
    assert "printers" in found[1].text and "printers" not in found[0].text


def test_a_trailing_skills_block_in_german_is_not_part_of_the_last_job():
    text = (
        "Jonas Brandt\n\nBERUFSERFAHRUNG\n\n04/2017 – 02/2021   Java-Entwickler\n"
        "                    Hanse Versicherungsdienst AG, Hamburg\n"
        "                    - Weiterentwicklung des Schadensportals mit Java\n\n"
        "KENNTNISSE\nPython, Kafka, Terraform\n"
    )
    profile = parse_cv(text, "cv.txt", today=TODAY)
    assert "Python" not in profile.jobs[-1].text
    skills = {s.skill: s for s in profile.skills}
    assert skills["kafka"].years == 0 and skills["kafka"].last_used is None
    assert skills["java"].last_used == 2021


def test_a_bare_year_in_brackets_dates_only_a_titled_entry():
    text = (
        "Jo Bloggs\n\nEXPERIENCE\nSenior Engineer, Acme Ltd (2020-present): built Go services.\n"
        "Kafka certification (2019)\n- passed it\n"
    )
    assert jobs(text) == [("Senior Engineer", "Acme Ltd", date(2020, 1, 1), None)]
