"""Only http(s) links are stored and shown: a CV's `javascript:` link is stored XSS (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from shortlist.accounts.access import Actor
from shortlist.candidates.models import Candidate
from shortlist.candidates.services import candidate_import
from shortlist.engine.cv.contact import web_link
from tests.factories import make_candidate

XSS = "javascript:alert(document.cookie)"


@pytest.mark.parametrize(
    "link",
    [XSS, "JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
     "vbscript:msgbox(1)", "ftp://files.example.org/cv", "//evil.example/x", "https:alert(1)",
     "https://[::1", " javascript:alert(1)"],
)  # fmt: skip
def test_anything_but_an_http_link_is_dropped(link: str) -> None:
    assert web_link(link) == ""


def test_http_links_are_kept() -> None:
    assert web_link("https://github.com/grace") == "https://github.com/grace"
    assert web_link("http://grace.dev/about?x=1") == "http://grace.dev/about?x=1"


def _json_resume(folder: Path, github: str, website: str) -> Path:
    document = {
        "basics": {
            "name": "Mallory Example",
            "url": website,
            "profiles": [
                {"network": "GitHub", "url": github},
                {"network": "LinkedIn", "username": "mallory"},
            ],
        },
        "work": [{"name": "PayStream", "position": "Go Engineer", "startDate": "2020-01"}],
    }
    path = folder / "mallory.json"
    path.write_text(json.dumps(document))
    return path


@pytest.mark.django_db
def test_a_json_resume_with_a_javascript_profile_url_stores_no_link(tmp_path: Path) -> None:
    candidate_import(actor=Actor.system(), paths=[_json_resume(tmp_path, XSS, "data:text/html,hi")])
    stored = Candidate.objects.get(name="Mallory Example")
    assert (stored.github_url, stored.website_url) == ("", "")
    assert stored.linkedin_url == "https://www.linkedin.com/in/mallory"


@pytest.mark.django_db
def test_a_json_resume_with_real_links_keeps_them(tmp_path: Path) -> None:
    candidate_import(
        actor=Actor.system(), paths=[_json_resume(tmp_path, "https://github.com/mallory", "https://m.dev")]
    )
    stored = Candidate.objects.get(name="Mallory Example")
    assert (stored.github_url, stored.website_url) == ("https://github.com/mallory", "https://m.dev")


@pytest.mark.django_db
@pytest.mark.parametrize("link", [XSS, "ftp://files.example.org/cv"])
def test_a_form_refuses_a_link_that_is_not_http(link: str) -> None:
    candidate = make_candidate(name="Mallory Example")
    candidate.github_url = link
    with pytest.raises(ValidationError) as refused:
        candidate.full_clean()
    assert "github_url" in refused.value.message_dict


@pytest.mark.django_db
def test_a_stored_javascript_link_renders_as_no_link(client, recruiter) -> None:
    candidate = make_candidate(name="Mallory Example")
    # As a row written before the import checked links would be.
    Candidate.objects.filter(pk=candidate.pk).update(github_url=XSS, website_url="https://m.dev")
    client.force_login(recruiter)
    html = client.get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert "javascript:" not in html and ">GitHub<" not in html
    assert 'href="https://m.dev"' in html
