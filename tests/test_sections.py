import pytest

from shortlist.engine.cv.sections import classify_heading, sentence_at, split_sections


def names(text):
    return [(s.name, text[s.start : s.end].strip(" #\n").splitlines()[0]) for s in split_sections(text)]


LAYOUTS = {
    "all caps": "Jane Doe\n\nPROFILE\nBackend engineer.\n\nWORK EXPERIENCE\nAcme 2019 - 2021\n\n"
    "TECHNICAL SKILLS\nGo\n\nEDUCATION\nBSc\n",
    "title case with colons": "Jane Doe\nSummary:\nBackend engineer.\nProfessional Experience:\n"
    "Acme 2019 - 2021\nCore Competencies:\nGo\nEducation:\nBSc\n",
    "markdown": "# Jane Doe\n\n## About\nBackend engineer.\n\n## Employment History\nAcme 2019 - 2021\n\n"
    "## Skills\nGo\n\n## Education\nBSc\n",
    "underlined": "Jane Doe\n\nSummary\n=======\nBackend engineer.\n\nWork History\n------------\n"
    "Acme 2019 - 2021\n\nSkills\n------\nGo\n\nEducation\n---------\nBSc\n",
    "docx table cells": "Jane Doe\n\nProfile | Backend engineer.\n\nExperience\nAcme 2019 - 2021\n\n"
    "Technical Skills | Go\n\nEducation | BSc\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_common_layouts_give_the_same_sections(layout):
    assert names(LAYOUTS[layout]) == [
        ("header", "Jane Doe"),
        ("summary", "Backend engineer."),
        ("experience", "Acme 2019 - 2021"),
        ("skills", "Go"),
        ("education", "BSc"),
    ]


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Relevant Work Experience", "experience"),
        ("Career History", "experience"),
        ("Technical Skills", "skills"),
        ("Skills & Tools", "skills"),
        ("Programming Languages", "skills"),
        ("Core Competencies", "skills"),
        ("Personal Statement", "summary"),
        ("About me", "summary"),
        ("Certifications", "certifications"),
        ("Side Projects", "projects"),
        ("Hobbies & Interests", "interests"),
        ("Awards", "other"),
        ("References", "other"),
        ("Senior Software Engineer", None),
        ("Experience with Python and Go", None),
        ("PAYSTREAM LTD", None),
    ],
)
def test_classify_heading(heading, name):
    assert classify_heading(heading) == name


def test_content_spans_exclude_the_heading_and_inline_labels_start_sections():
    text = "Jane Doe\nSkills: Python, Go\nExperience\nAcme 2019 - 2021\n"
    sections = split_sections(text)
    assert [s.name for s in sections] == ["header", "skills", "experience"]
    assert text[sections[1].start : sections[1].end] == "Python, Go\n"


def test_parts_of_a_job_do_not_end_the_experience_section():
    text = (
        "EXPERIENCE\nSenior Engineer — PAYSTREAM LTD\nMar 2020 – Present\n• Built things.\n"
        "Key achievements:\n• Cut latency.\nTech stack: Go, Kafka\nTechnologies\nGo\n\nEDUCATION\nBSc\n"
    )
    assert [s.name for s in split_sections(text)] == ["experience", "education"]


def test_languages_heading_means_spoken_languages_or_programming_languages_by_content():
    spoken = "Jane\nLanguages\nEnglish (native), Polish\n"
    programming = "Jane\nLanguages\nPython, Go, SQL\n"
    assert split_sections(spoken)[-1].name == "languages"
    assert split_sections(programming)[-1].name == "skills"


def test_inside_skills_a_languages_row_stays_a_row_unless_spoken():
    text = "SKILLS\nLanguages: Python, Go\nDatabases: PostgreSQL\nLanguages: English, French\n"
    assert [s.name for s in split_sections(text)] == ["skills", "languages"]


def test_no_headings_is_one_header_section():
    text = "Jane Doe\nBackend engineer who writes Go."
    assert [(s.name, s.start, s.end) for s in split_sections(text)] == [("header", 0, len(text))]


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        ("Intro.\n• Built a Go gateway. It scaled.\n", "Go", "Built a Go gateway."),
        ("Worked at Acme. Wrote Go daily! Then left.", "Go", "Wrote Go daily!"),
        ("- Wrote Go services for Jan. 2019 launch\nNext", "Go", "Wrote Go services for Jan. 2019 launch"),
    ],
)
def test_sentence_at(text, word, sentence):
    start = text.index(word)
    assert sentence_at(text, start, start + len(word)) == sentence
