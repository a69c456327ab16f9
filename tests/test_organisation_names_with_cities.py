"""An organisation named after its city ("Universität Stuttgart", "Technische Universität Berlin") is an
employer, not the place a job was in (nor is "Saigon Parcel Network JSC"); a bare city after an employer
still is a place."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_a_university_named_after_its_city_is_the_employer():
    text = (
        "Sabine Köhler\n\nBerufserfahrung\n"
        "Wissenschaftliche Hilfskraft, Universität Stuttgart, Institut für Parallele Systeme"
        "\t09/2014 – 03/2017\n"
        "• Simulationen in MATLAB und C++\n"
    )
    assert jobs(text) == [
        ("Wissenschaftliche Hilfskraft", "Universität Stuttgart", date(2014, 9, 1), date(2017, 3, 1)),
    ]


def test_an_organisation_after_a_comma_stays_part_of_the_employer_name():
    text = (
        "Lena Schulz\n\n## Berufserfahrung\n\n"
        "**Wissenschaftliche Mitarbeiterin** · *Fachgebiet Bildverarbeitung, Technische Universität Berlin*\n"
        "*Oktober 2016 – Juli 2019*\n\n- Forschung zur Segmentierung medizinischer Bilder\n"
    )
    assert jobs(text) == [
        (
            "Wissenschaftliche Mitarbeiterin",
            "Fachgebiet Bildverarbeitung, Technische Universität Berlin",
            date(2016, 10, 1),
            date(2019, 7, 1),
        ),
    ]


def test_a_city_after_an_employer_is_still_dropped():
    text = (
        "Jana Becker\n\n## Berufserfahrung\n\n"
        "**Backend-Entwicklerin** · *Kiezkauf GmbH, Berlin*\n*März 2019 – Juli 2021*\n\n- Go-Services\n"
    )
    assert jobs(text) == [("Backend-Entwicklerin", "Kiezkauf GmbH", date(2019, 3, 1), date(2021, 7, 1))]


def test_an_employer_starting_with_a_city_alias_is_not_a_place():
    text = (
        "Nguyen Thi Lan\nHo Chi Minh City\n\nExperience\n"
        "Senior Backend Engineer\nSaigon Parcel Network JSC · Ho Chi Minh City · Apr 2022 – Present\n"
        "Route-planning APIs in Python.\n"
    )
    assert jobs(text) == [("Senior Backend Engineer", "Saigon Parcel Network JSC", date(2022, 4, 1), None)]
