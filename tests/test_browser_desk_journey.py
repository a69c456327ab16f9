"""The recruiter's journey through the desk in a real browser (Debian Chromium): a client with a
growth plan, a role from a pasted JD, its shortlist, three added in bulk, one moved to interview with
a note, the card showing the note and its time in stage, the dashboard's counts changed; and a card
moved with the keyboard alone."""

from __future__ import annotations

import re
import shutil

import pytest

from shortlist.candidates import pool
from shortlist.pipeline.models import Application
from tests.factories import make_candidate, one_of_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JD = """Senior Go Engineer
Fenbright AI | Cambridge (hybrid) | £90k - £120k

We are building payment rails.

Requirements
- 5+ years of Golang in production
- Kafka

Nice to have
- gRPC
"""


@pytest.fixture(autouse=True)
def strict_csp(page):
    violations: list[str] = []

    def watch(message: object) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    # The workspace sends its own strict policy (django-csp, settings.CONTENT_SECURITY_POLICY); every
    # violation the browser reports fails the test.
    page.on("console", watch)
    yield
    assert violations == []


def _log_in(page, live_server) -> None:
    response = page.goto(live_server.url + "/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]  # the policy is on
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Clients & roles").wait_for()


@pytest.fixture
def fresh_pool():
    pool.forget()
    shutil.rmtree(pool.index_dir(), ignore_errors=True)
    yield
    pool.forget()


def test_client_growth_role_from_jd_bulk_add_and_move_with_a_note(
    page, live_server, recruiter, fresh_pool
) -> None:
    for name, skills in [
        ("Ana Li", (("go", 6), ("kubernetes", 3), ("kafka", 2))),
        ("Bo Chen", (("go", 5), ("kafka", 4))),
        ("Cy Okafor", (("go", 4), ("kubernetes", 2))),
        ("Dee Ray", (("python", 3),)),
    ]:
        make_candidate(name=name, skills=skills, seniority="senior", total_years=8)
    _log_in(page, live_server)

    # A client with a hiring manager; the stage in the recruiter's words; locations as chips.
    page.get_by_role("link", name="New client").click()
    page.get_by_role("heading", name="New client").wait_for()
    page.get_by_label("Name", exact=True).fill("Fenbright AI")
    page.get_by_label("Industry").fill("payments")
    page.get_by_label("Stage").select_option(label="Series B")
    page.get_by_label("Add to Locations").fill("Cambridge")
    page.keyboard.press("Enter")
    page.locator(".chip", has_text="Cambridge").wait_for()
    page.get_by_label("Contact 1 name").fill("Priya Shah")
    page.get_by_label("Contact 1 e-mail").fill("priya@fenbright.ai")
    page.get_by_label("Contact 1 phone").fill("020 7946 0958")
    page.get_by_role("button", name="Save client").click()
    page.get_by_role("heading", name="Fenbright AI").wait_for()
    assert "+442079460958" in page.locator(".contacts").inner_text()
    assert "Series B" in page.locator(".meta").first.inner_text()

    # The growth plan, with its live preview moving as the figures are typed.
    page.get_by_role("link", name="Edit growth plan").click()
    before = page.locator(".pressure-value").inner_text()
    page.get_by_label("Traffic (requests/s) now").fill("1000")
    page.get_by_label("Traffic (requests/s) target").fill("80000")
    page.wait_for_function(
        "b => (document.querySelector('.pressure-value') || {}).textContent === undefined ? false"
        " : document.querySelector('.pressure-value').textContent !== b",
        arg=before,
        timeout=10_000,
    )
    assert "traffic 1k → 80k rps" in page.locator("#growth-preview").inner_text()
    page.get_by_role("button", name="Save growth plan").click()
    page.get_by_text("Growth plan for Fenbright AI saved.").wait_for()

    # A role from the pasted JD: the draft's notes shown, the skills as chips with their taxonomy names.
    page.get_by_role("link", name="New role").click()
    page.get_by_label("Job description").fill(JD)
    page.get_by_role("button", name="Draft the role").click()
    page.get_by_role("heading", name="Drafted from the job description: check these").wait_for()
    must = page.locator(".field", has=page.locator("#id_must_have"))
    must.locator(".chip", has_text="Kafka").wait_for()
    # The recruiter adds one more by its alias; the chip shows the taxonomy's name beside what was typed.
    page.get_by_label("Add to Must have").fill("k8s")
    page.keyboard.press("Enter")
    must.locator(".chip", has_text="Kubernetes").wait_for()
    assert "(k8s)" in must.locator(".chip", has_text="Kubernetes").inner_text()
    page.get_by_role("button", name="Create role").click()
    page.get_by_role("heading", name=re.compile("Senior Go Engineer")).wait_for()

    # Its shortlist; three ticked and added at once.
    page.get_by_role("link", name=re.compile("Rank the pool")).click()
    page.get_by_role("heading", name=re.compile("Shortlist:")).wait_for()
    for name in ("Ana Li", "Bo Chen", "Cy Okafor"):
        page.get_by_label(f"Add {name} to the pipeline").check()
    page.get_by_role("button", name="Add ticked to the pipeline").click()
    page.get_by_text("Added to the pipeline as sourced:").wait_for()
    assert Application.objects.filter(role__title="Senior Go Engineer").count() == 3
    role = Application.objects.filter(role__title="Senior Go Engineer").first().role
    assert sorted(role.requirements.filter(kind="must").values_list("term", flat=True)) == [
        "go", "kafka", "kubernetes"
    ]  # fmt: skip

    # One moved to interview with a note; the card shows both, and its time in stage.
    page.get_by_role("link", name=re.compile("Senior Go Engineer")).first.click()
    card = page.locator(".pipeline-card", has_text="Ana Li")
    card.get_by_label("Move Ana Li to").select_option("interview")
    card.get_by_label("Why (needed to reject or step back)").fill(
        "Strong on Go concurrency; client wants to meet"
    )
    card.get_by_role("button", name="Move").click()
    moved = page.locator('.lane[data-stage="interview"] .pipeline-card', has_text="Ana Li")
    moved.wait_for()
    assert "Strong on Go concurrency" in moved.inner_text()
    assert "today in interview" in moved.inner_text()

    # The dashboard's numbers have moved with it.
    page.get_by_role("link", name="Clients & roles").first.click()
    funnel = page.locator("figure.funnel title").text_content()
    assert "Sourced 2" in funnel and "Interview 1" in funnel
    assert page.locator("dl.numbers div", has_text="Open roles").locator("dd").inner_text() == "1"


def test_a_card_moves_with_the_keyboard_alone(page, live_server, recruiter) -> None:
    objects = one_of_everything()
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/roles/{objects['role'].pk}/")
    card = page.locator(".pipeline-card", has_text="Grace Hopper")
    card.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.locator('.lane[data-stage="contacted"] .pipeline-card', has_text="Grace Hopper").wait_for()
    objects["application"].refresh_from_db()
    assert objects["application"].stage == "contacted"
