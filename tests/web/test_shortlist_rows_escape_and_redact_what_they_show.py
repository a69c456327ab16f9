"""The shortlist's rows are built in Python (templatetags `shortlist_row`, for speed), not in the template
language: every text in them is still escaped, blind review still redacts each of them, and a score
reads as the template's `floatformat:0` printed it (a skill's years on the candidate page as
`floatformat:1` did)."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from shortlist.accounts.access import Actor
from shortlist.audit.selectors import neutral_label
from shortlist.audit.services import user_blind_review_set
from shortlist.candidates.models import CandidateSkill
from shortlist.web.templatetags.shortlist import _fixed
from tests.factories import make_candidate, one_of_everything

HOSTILE_NAME = "Eve <script>alert(1)</script> Mallory"
HOSTILE_HEADLINE = '"Lead" & <b>bold</b> engineer'
HOSTILE_SNIPPET = "Built the <img src=x onerror=alert(2)> gateway in Go with Eve"


@pytest.fixture
def shortlist(client, recruiter) -> dict[str, object]:
    objects = one_of_everything()
    eve = make_candidate(
        name=HOSTILE_NAME, headline=HOSTILE_HEADLINE, city="<i>Leeds</i>", country="GB", seniority="senior"
    )
    CandidateSkill.objects.create(
        candidate=eve, skill="go", years=8, last_used=2026, strength=0.9,
        evidence=[{"section": "experience", "snippet": HOSTILE_SNIPPET}],
    )  # fmt: skip
    client.force_login(recruiter)
    return {"role": objects["role"], "eve": eve}


@pytest.mark.django_db
def test_every_text_of_a_row_is_escaped(client, shortlist) -> None:
    url = reverse("web:shortlist", args=[shortlist["role"].pk])
    html = client.get(url, {"top": '20"><script>alert(3)</script>'}).content.decode()
    assert "Eve &lt;script&gt;alert(1)&lt;/script&gt; Mallory" in html
    assert "&quot;Lead&quot; &amp; &lt;b&gt;bold&lt;/b&gt; engineer · &lt;i&gt;Leeds&lt;/i&gt;, GB" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html  # the evidence quoted in the reasons
    assert "<script>" not in html and "<img" not in html and "<b>bold" not in html and "<i>Leeds" not in html
    assert '"><script>alert(3)' not in html  # the page's own URL, sent back in each row's form
    assert 'aria-label="Add Eve &lt;script&gt;alert(1)&lt;/script&gt; Mallory to the pipeline"' in html


@pytest.mark.django_db
def test_a_blind_row_redacts_every_text(client, recruiter, shortlist) -> None:
    user_blind_review_set(actor=Actor.of(recruiter), enabled=True)
    role, eve = shortlist["role"], shortlist["eve"]
    html = client.get(reverse("web:shortlist", args=[role.pk])).content.decode()
    label = neutral_label(eve.pk)
    assert f'aria-label="Add {label} to the pipeline"' in html
    assert f'action="/candidates/{eve.pk}/reveal/"' in html and f'name="role" value="{role.pk}"' in html
    assert "Eve" not in html and "Mallory" not in html and "Grace Hopper" not in html
    assert "Built the &lt;img src=x onerror=alert(2)&gt; gateway in Go with [name]" in html


# Scores as the engine gives them (0-100, two places) and years of a skill; halves are where rounding
# rules differ (Python's own formatting rounds 44.5 to 44, floatformat to 45).
NUMBERS = (
    st.integers(0, 10_000).map(lambda n: round(n / 100, 2))
    | st.integers(0, 200).map(lambda n: n / 2)
    | st.floats(min_value=0, max_value=60, allow_nan=False).map(lambda x: round(x, 3))
)


@given(NUMBERS, st.sampled_from([0, 1]))
def test_a_number_reads_as_floatformat_printed_it(value: float, places: int) -> None:
    assert _fixed(value, places) == floatformat(value, places)
