"""Contact details in exports and tables: the city under a sidebar's name, a name in a "Name | …" row,
and the cities of French, Spanish and Italian CVs."""

from shortlist.engine.cv.contact import find_location, parse_contact


def test_the_city_under_the_name_of_a_linkedin_export():
    text = (
        "Contact\nhannah@example.com\nTop Skills\nGo\nHannah Okafor\nPrincipal Engineer at Ledgerline\n"
        "Manchester, England, United Kingdom\nSummary\nI design money-moving systems.\n"
    )
    contact, _ = parse_contact(text, "Contact\nhannah@example.com\n")
    assert (contact.name, contact.city) == ("Hannah Okafor", "Manchester")


def test_a_name_in_a_table_row():
    contact, _ = parse_contact("Lebenslauf\nName | Felix Hartmann\n\nE-Mail | felix@example.de\n")
    assert contact.name == "Felix Hartmann"


def test_cities_written_in_their_own_language():
    assert find_location("Sevilla") == ("Seville", "ES")
    assert find_location("Torino") == ("Turin", "IT")
    assert find_location("Bordeaux · claire@example.fr") == ("Bordeaux", "FR")
