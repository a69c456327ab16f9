"""Several processes on one pool: concurrent changes, rankings and publications never lose a candidate."""

from __future__ import annotations

import json

from tests.pool_helpers import POOL_SIZE, finish, shared, start  # noqa: F401 (shared is a fixture)


def test_concurrent_changes_rankings_and_publications_always_rank_the_whole_pool(
    shared: dict[str, str],  # noqa: F811
) -> None:
    finish(start(shared, "publish", "1"))
    # Polling before every ranking (not once a second): 80 rankings then meet the publications under way.
    rankers = [start({**shared, "SHORTLIST_POOL_POLL_MS": "0"}, "rank", "80") for _ in range(2)]
    writers = [start(shared, "update", "120"), start(shared, "publish", "3")]
    for writer in writers:
        finish(writer)
    seen = [json.loads(line) for ranker in rankers for line in finish(ranker).splitlines()]
    assert len(seen) == 160
    # Updates keep the count (a delete and a create commit together): every ranking searched all of it.
    assert {row["pool"] for row in seen} == {row["database"] for row in seen} == {POOL_SIZE}
    assert len({row["version"] for row in seen}) > 1  # publications happened while ranking
    # What a process knows through published versions and its delta is what a build from scratch knows.
    finish(start(shared, "update", "12"))  # below the limit: these stay in the delta
    through_delta = json.loads(finish(start(shared, "final")))
    finish(start(shared, "publish", "1"))
    from_scratch = json.loads(finish(start(shared, "final")))
    assert through_delta["pool"] == from_scratch["pool"] == POOL_SIZE
    assert through_delta["matches"] == from_scratch["matches"]
    assert through_delta["version"] != from_scratch["version"]
