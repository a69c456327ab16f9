"""The `shortlist` command: everything a recruiter or an operator does in bulk.

One module per command group; each command parses its options, calls one service or selector from the
Django apps with `Actor.system()`, and prints what comes back (see common.domain_errors for exit codes).
"""

from __future__ import annotations

import sys

import typer

from shortlist.cli import admin, audit, candidates, embeddings, matching, roles, tokens, webhooks
from shortlist.cli.common import err, plain, setup_django
from shortlist.conf import SettingError

__all__ = ["app", "main", "setup_django"]

EXAMPLES = """\
\b
Examples:
  shortlist import ~/cvs/ pool.zip     import CVs from folders, files and zips
  shortlist candidates list --json     every profile with skills and evidence
  shortlist candidates show 42         one profile: skills, years, evidence
  shortlist candidates merge 42 57     fold profile 57 into 42
  shortlist reparse                    re-read stored CVs after a parser upgrade
  shortlist candidates erase 42        erase a person everywhere (asks; prints a receipt)
  shortlist candidates export 42 --sar --out DIR   everything held about a person (JSON + PDF)
  shortlist purge --dry-run            who is past the retention period
  shortlist match --role 3 --top 20    a ranked, explained shortlist for a role
  shortlist match --role hft.yaml --json   the same from a role file, as JSON
  shortlist search '(golang OR go) AND kafka NOT java location:london'
  shortlist index                      build the matching index after a bulk load
  shortlist embed --wait               store passage vectors for match --semantic (chunked tasks)
  shortlist role import hft-go.yaml    create or update a role from its YAML
  shortlist role show 3                the weighted criteria, each with its why
  shortlist role draft jd.txt          a role YAML drafted from a job description
  shortlist demo --candidates 500      load demo clients, roles, candidates
  shortlist serve --port 8000          serve the workspace on 127.0.0.1:8000
  shortlist createuser alice --admin   add a user (asks for the password)
  shortlist token create alice --scope write --name crm   a personal API token (shown once)
  shortlist worker                     run background imports (serve starts one)
  shortlist audit list                 every stored ranking; audit show RUN reproduces one
  shortlist audit bias --role 3        rates and impact ratios by self-reported category
  shortlist migrate                    create or upgrade the database
"""

app = typer.Typer(
    help="Shortlist: a recruiter workspace and explainable matching engine for backend engineering hires.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(candidates.candidates_app, name="candidates")
app.add_typer(roles.role_app, name="role")
app.add_typer(audit.audit_app, name="audit")
app.add_typer(tokens.token_app, name="token")
app.add_typer(webhooks.webhook_app, name="webhook")
# Top-level commands, in the order `shortlist --help` lists them.
app.command()(admin.migrate)
app.command()(admin.demo)
app.command()(admin.createuser)
app.command()(admin.serve)
app.command("import")(candidates.import_)
app.command()(candidates.reparse)
app.command()(candidates.purge)
app.command()(admin.worker)
app.command()(matching.match)
app.command()(matching.index)
app.command()(embeddings.embed)
app.command()(matching.search)


def main() -> None:
    try:
        app()
    except SettingError as exc:
        err.print(f"[bold red]error:[/] {plain(exc)}")
        sys.exit(2)
