import pytest

from shortlist.engine.cv.contact import find_location, looks_like_name, parse_contact


def contact_of(text, header=None):
    contact, warnings = parse_contact(text, header)
    return contact, warnings


def test_a_typical_header():
    text = (
        "Jane Doe\nSenior Backend Engineer\n"
        "London, UK | jane.doe@example.com | +44 7911 123456 | github.com/janedoe\n"
        "linkedin.com/in/jane-doe-123 · https://janedoe.dev\n"
    )
    contact, warnings = contact_of(text)
    assert warnings == []
    assert contact.name == "Jane Doe"
    assert contact.emails == ["jane.doe@example.com"]
    assert contact.phone == "+447911123456"
    assert (contact.city, contact.country) == ("London", "GB")
    assert contact.github_url == "https://github.com/janedoe"
    assert contact.linkedin_url == "https://www.linkedin.com/in/jane-doe-123"
    assert contact.website_url == "https://janedoe.dev"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("JANE O'NEILL\nEngineer", "Jane O'Neill"),
        ("# Zoë Kowalska\nBackend developer", "Zoë Kowalska"),
        ("Curriculum Vitae\n\nRahul Kumar Sharma\nPython Developer", "Rahul Kumar Sharma"),
        ("Name: Ana de la Cruz\nEmail: ana@example.org", "Ana de la Cruz"),
        ("Jan van der Berg | Go Engineer | Amsterdam", "Jan van der Berg"),
        ("**Priya Natarajan**\nSRE", "Priya Natarajan"),
    ],
)
def test_name(text, name):
    assert contact_of(text)[0].name == name


@pytest.mark.parametrize(
    "text",
    [
        "Senior Python Developer\njane@example.com",
        "RESUME\nProfessional Summary\nI build backends.",
        "jane.doe@example.com | 07911 123456",
    ],
)
def test_no_name_is_empty_with_a_warning(text):
    contact, warnings = contact_of(text)
    assert contact.name == ""
    assert "no name found" in warnings


def test_all_emails_primary_first_without_duplicates():
    text = (
        "Jane Doe\njane@personal.io, Jane@Personal.io\n\nEXPERIENCE\nContact me at jane.doe@work.example.com."
    )
    assert contact_of(text)[0].emails == ["jane@personal.io", "jane.doe@work.example.com"]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Jane Doe\nMobile: 07911 123456", "+447911123456"),
        ("Jane Doe\nTel: +44 (0)20 7946 0018", "+442079460018"),
        ("Jane Doe\nBengaluru, India\n+91 98765 43210", "+919876543210"),
        ("Jane Doe\nSan Francisco\n(415) 555-0132", "+14155550132"),
        ("Jane Doe\n2018 - 2021", ""),
    ],
)
def test_phone_is_e164(text, phone):
    assert contact_of(text)[0].phone == phone


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("Jane Doe\nCambridge, UK", "Cambridge", "GB"),
        ("Grace Adeyemi\nReading, UK | grace@example.org", "Reading", "GB"),
        ("Jane Doe\nCambridge, MA", "Cambridge", "US"),
        ("Jane Doe\nBased in Bangalore", "Bengaluru", "IN"),
        ("Jane Doe\nKrakow, Poland", "Kraków", "PL"),
        ("Jane Doe\nLocation: New York, NY", "New York", "US"),
        ("Jane Doe\nRemote, United Kingdom", "", "GB"),
        ("Sydney Chen\nEdinburgh", "Edinburgh", "GB"),
        ("Jane Doe\njane@example.com", "", ""),
    ],
)
def test_location(text, city, country):
    contact = contact_of(text)[0]
    assert (contact.city, contact.country) == (city, country)


def test_sidebar_layout_finds_the_name_above_the_title_and_the_contact_block():
    text = (
        "Contact\nManchester, UK\n07700 900456\nrahul@example.com\nSkills\n- Python\n"
        "Rahul Mehta\nSenior Python Engineer\nSummary\nPython engineer."
    )
    contact, warnings = contact_of(text, "\nManchester, UK\n07700 900456\nrahul@example.com\n")
    assert warnings == []
    assert contact.name == "Rahul Mehta"
    assert (contact.city, contact.country, contact.phone) == ("Manchester", "GB", "+447700900456")


def test_a_job_location_is_not_the_candidate_location():
    text = "Jane Doe\njane@example.com\n\nEXPERIENCE\nEngineer, PayStream, Berlin 2019 - 2021\n"
    contact = contact_of(text, text[: text.index("EXPERIENCE")])[0]
    assert (contact.city, contact.country) == ("", "")


def test_gazetteer_prefers_the_longest_name():
    assert find_location("New York") == ("New York", "US")
    assert find_location("York, England") == ("York", "GB")


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("Jane Doe", True),
        ("Senior Engineer", False),
        ("Jane", False),
        ("jane doe", False),
        ("J. R. Smith", True),
    ],
)
def test_looks_like_name(candidate, expected):
    assert looks_like_name(candidate) is expected
