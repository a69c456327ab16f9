"""First-person prose in French (and the other CV languages) names a job as "je suis <title> de|chez
<Employer>"; a capitalised bracket stays in the title and "de l'équipe" is never an employer."""

from datetime import date

from shortlist.engine.cv.parse import parse_cv

TODAY = date(2026, 12, 1)


def jobs(text):
    return [(j.title, j.employer, j.start, j.end) for j in parse_cv(text, "cv.txt", today=TODAY).jobs]


def test_je_suis_title_de_employer_with_a_bracket():
    text = (
        "Hélène de Saint-Aubin\nNantes\n\nParcours\n\n"
        "Depuis septembre 2022, je suis directrice technique (CTO) de Loire Énergies Citoyennes, une "
        "coopérative qui finance des parcs solaires.\n"
    )
    assert jobs(text) == [
        ("directrice technique (CTO)", "Loire Énergies Citoyennes", date(2022, 9, 1), None),
    ]


def test_de_a_lower_case_team_is_not_an_employer():
    text = (
        "Hélène de Saint-Aubin\nNantes\n\nParcours\n\n"
        "Depuis septembre 2022, je suis responsable technique de l'équipe tarification chez Erdre Conseil.\n"
    )
    assert jobs(text) == [
        ("responsable technique de l'équipe tarification", "Erdre Conseil", date(2022, 9, 1), None),
    ]
