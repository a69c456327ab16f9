"""A sidebar's certification wrapped over two lines ("Google Cloud Professional" / "Machine Learning
Engineer") is not a name, although a title follows it; the real name under the sidebar is."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def test_a_certification_above_a_title_line_is_not_the_name():
    text = (
        "Contact\nseun.adeyemi@example.com\nTop Skills\nPython\nCertifications\nGoogle Cloud Professional\n"
        "Machine Learning Engineer\nOluwaseun Adeyemi\n"
        "Staff Machine Learning Engineer | Recommender systems\n"
        "Lagos, Lagos State, Nigeria\nSummary\nI build ranking systems.\n"
    )
    contact = parse_cv(text, "cv.pdf", today=TODAY).contact
    assert (contact.name, contact.city) == ("Oluwaseun Adeyemi", "Lagos")
