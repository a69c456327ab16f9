"""Section headings in German, French, Spanish, Italian, Dutch and Polish name the same sections."""

import pytest

from shortlist.engine.cv.sections import classify_heading, split_sections


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Berufserfahrung", "experience"),
        ("BERUFLICHER WERDEGANG", "experience"),
        ("Expérience professionnelle", "experience"),
        ("EXPÉRIENCES PROFESSIONNELLES", "experience"),
        ("Experiencia laboral", "experience"),
        ("Esperienze professionali", "experience"),
        ("Werkervaring", "experience"),
        ("Doświadczenie zawodowe", "experience"),
        ("Kenntnisse", "skills"),
        ("IT-Kenntnisse", "skills"),
        ("Compétences techniques", "skills"),
        ("Competenze", "skills"),
        ("Vaardigheden", "skills"),
        ("Ausbildung", "education"),
        ("Formation", "education"),
        ("Formación académica", "education"),
        ("Istruzione e formazione", "education"),
        ("Opleiding", "education"),
        ("Wykształcenie", "education"),
        ("Sprachen", "languages"),
        ("Ehrenamtliches Engagement", "other"),
        ("DIGITAL SKILLS", "skills"),
        ("WORK EXPERIENCE", "experience"),
    ],
)
def test_foreign_headings_name_their_section(heading, section):
    assert classify_heading(heading) == section


def test_an_inline_german_skills_label_starts_a_skills_section():
    text = "Jana Becker\n\nFähigkeiten: Python, Go, Kafka\n"
    names = [section.name for section in split_sections(text)]
    assert names == ["header", "skills"]
