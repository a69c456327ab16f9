"""One process of tests/test_pool_processes.py: ranks, updates or publishes the pool of DATABASE_URL.

python tests/pool_process.py rank COUNT      one JSON line per ranking: pool size and the db's count
python tests/pool_process.py update COUNT    changes candidates (skills, and delete + create pairs)
python tests/pool_process.py publish COUNT   publishes the index COUNT times
python tests/pool_process.py final           the top 100 as JSON (after `publish 1`: from scratch)
python tests/pool_process.py watch           ranks, waits for a line on stdin, ranks again: both as JSON,
                                             the second with the SQL it ran
python tests/pool_process.py merge ID        merges candidate ID into the candidate before it (the service)
"""

from __future__ import annotations

import json
import os
import random
import sys
import time


def main(mode: str, count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    import django

    django.setup()
    from django.db import transaction

    from shortlist.candidates import pool
    from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
    from shortlist.clients.models import Role
    from shortlist.clients.roles import role_profile
    from shortlist.pipeline.services import stage_history_erase

    first = Role.objects.order_by("pk").first()
    role = role_profile(first)
    if mode == "role":
        print(first.pk)
    elif mode == "rank":
        for _ in range(count):
            ranking = pool.pool_rank(role, top=20)
            print(json.dumps({"pool": ranking.pool.candidates, "version": ranking.pool.index_version,
                              "database": Candidate.objects.count()}), flush=True)  # fmt: skip
        pool.wait_for_background_publish()
    elif mode == "update":
        chance = random.Random(count)
        skills = ("go", "kubernetes", "kafka", "python", "rust", "sql")
        for number in range(count):
            with transaction.atomic():
                ids = list(Candidate.objects.values_list("pk", flat=True))
                person = Candidate.objects.select_for_update().get(pk=chance.choice(ids))
                if number % 10 == 9:  # a delete and a create in one transaction: the count holds still
                    newcomer = Candidate.objects.create(name=f"Newcomer {number}", city="London")
                    CandidateSkill.objects.create(candidate=newcomer, skill="go", years=7, strength=1.0)
                    # The person leaves as an erasure would: their stage history by the one path that may.
                    stage_history_erase(application_ids=person.applications.values_list("pk", flat=True))
                    gone = person.pk
                    person.delete()
                    CandidateRemoval.record([gone])  # as erasure and merge log it
                    continue
                CandidateSkill.objects.filter(candidate=person).delete()
                for skill in chance.sample(skills, 2):
                    CandidateSkill.objects.create(
                        candidate=person, skill=skill, years=chance.randint(1, 9), last_used=2026,
                        strength=chance.choice((0.5, 0.9, 1.0)),
                    )  # fmt: skip
                person.save()
    elif mode == "publish":
        for _ in range(count):
            pool.build()
    elif mode == "watch":
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def ranking() -> dict[str, object]:
            found = pool.pool_rank(role, top=10_000, explain=False)
            return {"pool": found.pool.candidates, "ids": [m.candidate_id for m in found.matches]}

        print(json.dumps(ranking()), flush=True)
        sys.stdin.readline()
        time.sleep(pool.poll_seconds())  # another process's change shows within a poll interval
        with CaptureQueriesContext(connection) as captured:
            second = ranking()
        print(json.dumps({**second, "sql": [q["sql"] for q in captured.captured_queries]}), flush=True)
    elif mode == "merge":
        from shortlist.accounts.access import Actor
        from shortlist.candidates.services import candidate_merge

        keep = Candidate.objects.filter(pk__lt=count).order_by("-pk").values_list("pk", flat=True).first()
        candidate_merge(actor=Actor.system(), keep_id=keep, other_id=count)
    elif mode == "final":
        ranking = pool.pool_rank(role, top=100, explain=False)
        print(json.dumps({"pool": ranking.pool.candidates, "version": ranking.pool.index_version,
                          "matches": [[m.candidate_id, m.score] for m in ranking.matches]}))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
