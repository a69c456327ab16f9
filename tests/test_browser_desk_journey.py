"""The recruiter's journey through the desk in a real browser (Debian Chromium): a client with a
growth plan, a role from a pasted JD, its shortlist, three added in bulk, one moved to interview with
a note, the card showing the note and its time in stage, the dashboard's counts changed; and a card
moved with the keyboard alone."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from shortlist.candidates import pool
from shortlist.pipeline.models import Application
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

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
    empty_index()
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

    # The three as a shortlist for the client: reordered, a line each, a blind PDF and a CSV.
    _export_blind_pdf_and_csv(page, ("Ana Li", "Bo Chen", "Cy Okafor"))

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


def _export_blind_pdf_and_csv(page, names: tuple[str, ...]) -> None:
    """From the role page: the shortlist, then the client shortlist page, where those in the pipeline
    are ticked; the last is moved to the top with the keyboard, each gets a line; a blind PDF (opened
    with pypdf: labels, lines, no names) and a CSV (names and lines in the chosen order)."""
    page.get_by_role("link", name=re.compile("Rank the pool")).click()
    page.get_by_role("link", name=re.compile("Shortlist for the client")).click()
    page.get_by_role("heading", name=re.compile("Shortlist for the client")).wait_for()
    rows = page.locator("[data-export-row]")
    shown = [rows.nth(i).get_attribute("data-who") for i in range(rows.count())]
    ticked = [who for who in shown if page.get_by_label(who, exact=False).first.is_checked()]
    assert sorted(ticked) == sorted(names)  # the pipeline, ticked already; nobody else
    ticked = [who for who in shown if who in names]
    last = ticked[-1]
    for _ in range(shown.index(last)):  # to the top, by keyboard alone
        page.get_by_role("button", name=f"Move {last} up").focus()
        page.keyboard.press("Enter")
    page.get_by_text(f"{last} moved to position 1").wait_for()
    order = [last, *ticked[:-1]]
    lines = {who: f"Line {n}: strong on Go, worth a call" for n, who in enumerate(order, start=1)}
    for who, line in lines.items():
        page.locator("[data-export-row]", has=page.get_by_text(who, exact=True)).get_by_label(
            "Your line for the client"
        ).fill(line)
    page.get_by_label("Blind: no names").check()
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download PDF").click()
    pdf = Path(pdf_download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for who in names:
        for part in who.split():
            assert not re.search(rf"\b{part}\b", text), part
    assert text.index("1. Candidate A") < text.index("2. Candidate B") < text.index("3. Candidate C")
    assert all(line in text for line in lines.values())
    assert pdf_download.value.suggested_filename.endswith("-blind.pdf")

    page.get_by_label("Blind: no names").uncheck()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").click()
    table = Path(csv_download.value.path()).read_text(encoding="utf-8")
    rows_out = list(csv.DictReader(io.StringIO(table)))
    assert [(r["candidate"], r["recruiter_line"]) for r in rows_out] == [(who, lines[who]) for who in order]
    assert all(r["score"].isdigit() and r["band"] for r in rows_out)
