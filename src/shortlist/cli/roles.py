"""`shortlist role …`: the role YAML in and out, a role's weighted criteria, a draft from a JD."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import console, domain_errors, err, plain, read_text, setup_django

role_app = typer.Typer(help="Import, export, show and draft roles (the role YAML).", no_args_is_help=True)


@role_app.command("import")
def role_import(
    path: Annotated[Path, typer.Argument(help="A role YAML file (see DESIGN.md for the keys).")],
) -> None:
    """Create a role from its YAML, or update the client's role with the same title.

    Example: shortlist role import hft-go.yaml
    """
    setup_django()
    from shortlist.clients.services import role_import as import_role

    text = read_text(path)
    with domain_errors():
        imported = import_role(actor=Actor.system(), text=text, source=str(path))
    for warning in imported.warnings:
        err.print(f"[yellow]warning:[/] {plain(path)}: {plain(warning)}")
    role = imported.role
    done = "Created" if imported.created else "Updated"
    console.print(f"{done} role #{role.pk} {plain(role.title)} ({plain(role.client.name)}).")


@role_app.command("export")
def role_export(role_id: Annotated[int, typer.Argument(help="The role's id.")]) -> None:
    """Print a role as YAML; `role import` of the output gives the same role.

    Example: shortlist role export 3 > hft-go.yaml
    """
    setup_django()
    from shortlist.clients.selectors import role_export as export_role

    with domain_errors():
        sys.stdout.write(export_role(actor=Actor.system(), role_id=role_id))


@role_app.command("show")
def role_show(
    role_id: Annotated[int, typer.Argument(help="The role's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="The role profile as JSON.")] = False,
) -> None:
    """Show a role's weighted criteria, each with the reason to read back to the client.

    Example: shortlist role show 3
    """
    setup_django()
    from rich.table import Table

    from shortlist.clients.selectors import role_show as show_role

    with domain_errors():
        shown = show_role(actor=Actor.system(), role_id=role_id)
    role, profile = shown.role, shown.profile
    if as_json:
        console.print_json(json.dumps(profile.as_dict(), ensure_ascii=False))
        return
    # Role text is typed by people or drafted from a pasted JD: printed as text, never read as markup.
    console.print(
        f"[bold]#{role.pk} {plain(role.title)}[/] — {plain(role.client.name)} · playbook {profile.playbook}"
    )
    table = Table("Weight", "Criterion", "Why", title="Weighted criteria", title_justify="left")
    for criterion in sorted(profile.criteria, key=lambda c: -c.weight):
        table.add_row(f"{criterion.weight:.0%}", plain(criterion.label), plain(criterion.why))
    console.print(table)
    for reason in profile.scale.reasons:
        console.print(f"Growth: {plain(reason)}")
    for warning in profile.warnings:
        console.print(f"[yellow]warning:[/] {plain(warning)}")


@role_app.command("draft")
def role_draft(
    path: Annotated[Path, typer.Argument(help="A job description as text (.txt, .md).")],
) -> None:
    """Draft a role YAML from a pasted job description, for review before `role import`.

    Example: shortlist role draft jd.txt > draft.yaml
    """
    setup_django()
    from shortlist.clients.services import role_draft as draft_role

    text = read_text(path)
    with domain_errors():
        draft = draft_role(actor=Actor.system(), text=text)
    for note in draft.notes:
        err.print(f"[dim]# {plain(note)}[/]")
    sys.stdout.write(draft.yaml)
