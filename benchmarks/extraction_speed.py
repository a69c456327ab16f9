"""Skill-extraction throughput on one core: a realistic ~5 KB backend CV, a skill-dense worst case, and the
deduplicated Kaggle CVs when ../shared/data is present.

    .venv/bin/python benchmarks/extraction_speed.py [--rounds N]

Prints milliseconds per CV and CVs per second. The target is >= 500 CVs/s (under 2 ms for a 5 KB CV).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

from shortlist.engine.cv.extract import extract_mentions, prepare
from shortlist.engine.vocab.taxonomy import default_taxonomy

KAGGLE = (
    Path(__file__).resolve().parents[2]
    / "shared/data/resumes-kaggle-updated-resume-dataset/UpdatedResumeDataSet.csv"
)

REALISTIC_CV = """Alex Morgan
Senior Backend Engineer - Python and Go
London, UK | alex.morgan@example.com | github.com/alexm | +44 7700 900123

Summary
Backend engineer with nine years of experience building trading, payments and data platforms. I like
owning a service end to end: the design document, the code, the dashboards and the on-call rota. Recently
focused on low-latency order routing in Go; before that, Django and Celery at a payments scale-up. I have
mentored six engineers, run our interview loop for two years and enjoy turning vague plans into roadmaps.
I am happiest in small teams that ship often, measure what they ship and write things down. Looking for a
hybrid role in London or Cambridge where the hard part is the system, not the politics around it.

Experience
Meridian Quant, London - Senior Go Engineer (March 2021 - present)
- Built the order-routing service in Go that handles 80,000 requests per second at a p99 under 2 ms.
- Replaced a polling integration with Kafka consumers for market data; cut end-to-end latency by 60%.
- Led the migration of the risk engine from Java to Go and retired four legacy hosts in the process.
- Planned capacity for the move to Kubernetes on AWS (EKS) with Terraform and Helm, then ran the cut-over.
- Added Prometheus metrics, Grafana dashboards and OpenTelemetry tracing to every service we own.
- Wrote the team's guide to profiling with pprof and flame graphs; two services got 30% cheaper to run.

Acme Payments, London - Backend Engineer (June 2017 - February 2021)
- Developed public REST APIs with Django REST Framework on PostgreSQL; 12 million requests a day.
- Designed the settlement and reconciliation pipeline with Celery, Redis and Airflow; 5 TB a month.
- Introduced contract tests and property-based tests; flaky builds fell from weekly to almost never.
- Worked with the fraud team on scikit-learn models served behind FastAPI, and on their monitoring.
- Took part in the PCI DSS audit and owned the tokenisation service for card data.
- Ran the weekly architecture review; wrote the decision records for moving batch jobs to event streams.
- Onboarded new joiners with a two-week plan, and rewrote the local development setup to take one command.

Brightline Health, Remote - Platform Engineer, contract (February 2016 - April 2017)
- Joined a team of five to stabilise a patient-messaging platform after two outages in one month.
- Rewrote the notification workers as idempotent consumers with retries and dead-letter queues on SQS.
- Set up blue-green deployments and health checks; the next twelve releases went out without downtime.
- Paired with the clinicians' product owner each week to turn their feedback into small, safe changes.
- Documented the on-call runbook and trained the support desk to handle the first line of incidents.

Northwind Analytics, Cambridge - Software Engineer (September 2015 - January 2016)
- Maintained ETL jobs written in Python and SQL that loaded ClickHouse for customer dashboards.
- Moved the team from hand-run scripts to Jenkins pipelines and Docker images; releases went daily.
- Supported customers in the spring 2016 launch and fixed the go-live issues over one long weekend.

Projects
- An open-source rate limiter for Go services using Redis; 400 stars and a handful of contributors.
- A small gRPC and NATS playground to compare message brokers under load on a laptop.
- A command-line tool that turns bank statement exports into monthly budgets; used by a few friends.
- Talks: "What we learned from a year of p99 alerts" at a London meetup, and a lightning talk on
  writing load tests that tell the truth about tail latency rather than the average.
- Currently learning Rust in my spare time through an online course; no production experience yet.

Skills
Languages: Go, Python, SQL, Bash, Java (basic)
Frameworks: Django, Django REST Framework, FastAPI, Celery, gin
Datastores: PostgreSQL, Redis, ClickHouse, MongoDB, Elasticsearch
Messaging: Kafka, RabbitMQ, NATS
Cloud and infrastructure: AWS, GCP, Kubernetes, Docker, Terraform, Ansible, GitHub Actions, Jenkins
Practices: TDD, CI/CD, code review, pair programming, incident management

Education
BSc Computer Science, University of Cambridge (2012 - 2015), first class. Dissertation on consensus
algorithms for replicated logs, with a Raft implementation in C and a test harness in Python.

Certifications
AWS Certified Solutions Architect - Associate (2022). Certified Kubernetes Application Developer (2021).

Interests
Club player of the board game Go; running (the Cambridge half marathon each spring); cooking for friends;
volunteering as a mentor at a weekend coding club for teenagers, where we build small games together.
References available on request.
"""

DENSE_PARTS = [
    "Experience\n- Built an order router in Go handling 80k rps; Kafka for market data, Redis cache.\n",
    "- Migrated the risk engine from Java to Go on Kubernetes, AWS, Terraform, Helm, Prometheus, Grafana.\n",
    "- Django REST Framework APIs and Celery workers on PostgreSQL, ClickHouse and Airflow with pandas.\n",
]


def realistic_cv() -> str:
    return REALISTIC_CV


def dense_cv(size: int = 5000) -> str:
    """A worst case: a skill every few words for 5 KB."""
    text = ""
    while len(text) < size:
        text += "".join(DENSE_PARTS)
    return text[:size]


def kaggle_cvs() -> list[str]:
    if not KAGGLE.exists():
        return []
    csv.field_size_limit(sys.maxsize)
    with KAGGLE.open(encoding="utf-8") as handle:
        return list(dict.fromkeys(row["Resume"] for row in csv.DictReader(handle)))


def measure(texts: list[str], rounds: int) -> tuple[float, float]:
    taxonomy = default_taxonomy()
    timings = []
    for _ in range(rounds):
        began = time.perf_counter()
        for text in texts:
            extract_mentions(text, taxonomy, "experience")
        timings.append((time.perf_counter() - began) / len(texts))
    per_cv = statistics.median(timings)
    return per_cv * 1000, 1 / per_cv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    began = time.perf_counter()
    prepare(taxonomy)
    print(
        f"taxonomy load + pattern compile: {(time.perf_counter() - began) * 1000:.0f} ms (once per process)"
    )
    for label, cv in (("realistic CV", realistic_cv()), ("dense CV", dense_cv())):
        ms, rate = measure([cv] * 50, args.rounds)
        found = len(extract_mentions(cv, taxonomy, "experience"))
        print(f"{label} {len(cv) / 1000:.1f} KB, {found} mentions: {ms:.3f} ms/CV, {rate:,.0f} CVs/s")
    texts = kaggle_cvs()
    if texts:
        size = statistics.mean(len(t) for t in texts) / 1000
        ms, rate = measure(texts, max(args.rounds // 4, 3))
        print(f"Kaggle CVs: {len(texts)} unique, mean {size:.1f} KB: {ms:.3f} ms/CV, {rate:,.0f} CVs/s")
    else:
        print(f"Kaggle CVs not found at {KAGGLE}: skipped")


if __name__ == "__main__":
    main()
