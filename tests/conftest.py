from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

REQUIRE_BROWSER = os.environ.get("SHORTLIST_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture(autouse=True)
def _stage_history_leaves_before_the_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """A transactional test ends with a flush; on SQLite that is a DELETE, which the append-only
    trigger refuses for stage history. The history leaves first, by the one path that may delete it.
    (PostgreSQL flushes with TRUNCATE, which row triggers do not see.)"""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and bool(
        marker.kwargs.get("transaction") or marker.args[:1] == (True,)
    )
    if not (
        transactional or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    ):
        return
    from django.db import connection, transaction

    if on_postgres() or "pipeline_stagechange" not in connection.introspection.table_names():
        return
    from shortlist.pipeline.models import StageChange
    from shortlist.pipeline.services import stage_history_erase

    with transaction.atomic():
        stage_history_erase(application_ids=StageChange.objects.values_list("application_id", flat=True))


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """A database nobody has migrated yet, on the backend this run tests."""
    if not on_postgres():
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"shortlist_fresh_{uuid.uuid4().hex[:10]}"
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "dbname": "postgres",
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{config['USER']}@{config['HOST']}:{config['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; skipped when absent unless SHORTLIST_REQUIRE_BROWSER=1."""
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if executable is None or sync_playwright is None:
        reason = "Chromium or Playwright is not installed"
        if REQUIRE_BROWSER:
            pytest.fail(f"{reason}, and SHORTLIST_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop; Django refuses ORM calls from a thread with one.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def recruiter(django_user_model: type) -> object:
    from shortlist.accounts.models import Membership

    user = django_user_model.objects.create_user("rita", password="a-long-test-password")
    Membership.objects.create(user=user, role="recruiter")
    return user


@pytest.fixture
def admin_user_client(client: object, django_user_model: type) -> object:
    user = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_pool_view() -> None:
    """Each test starts with a fresh in-process view of the pool: a test's rows leave by rollback or
    flush, which writes no removal log (the services that delete candidates do)."""
    from shortlist.candidates import pool

    pool.forget()


@pytest.fixture
def pool_home(settings: object, tmp_path: Path) -> Path:
    """The pool's published index in this test's own folder, read afresh: tests that build, damage or
    republish an index must not see one another's."""
    from shortlist.candidates import pool

    settings.HOME = tmp_path
    pool.forget()
    return tmp_path


@pytest.fixture(autouse=True)
def api_rate_windows() -> None:
    """Each test starts with fresh API rate-limit counts (they live in a cache file, not the database)."""
    from django.core.cache import caches

    caches["api"].clear()
