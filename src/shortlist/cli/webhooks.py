"""`shortlist webhook …`: subscriptions to stage changes and finished imports (README § Webhooks)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import console, domain_errors, err, plain, print_json, setup_django

webhook_app = typer.Typer(
    help="Webhooks: signed POSTs to other tools on stage changes and finished imports.", no_args_is_help=True
)


class Event(StrEnum):
    STAGE_CHANGED = "application.stage_changed"
    IMPORT_FINISHED = "import.finished"


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


@webhook_app.command("add")
def webhook_add(
    url: Annotated[str, typer.Argument(help="Where to POST: an http:// or https:// URL.")],
    event: Annotated[
        list[Event], typer.Option("--event", "-e", help="An event to send (repeat for several).")
    ],
    description: Annotated[str, typer.Option(help="What it is for, e.g. 'CRM sync'.")] = "",
) -> None:
    """Subscribe a URL; the signing secret is printed once.

    Example: shortlist webhook add https://crm.example.org/hooks/shortlist -e application.stage_changed
    """
    setup_django()
    from shortlist.webhooks.services import webhook_create

    with domain_errors():
        created = webhook_create(
            actor=Actor.system(), url=url, events=[e.value for e in event], description=description
        )
    hook = created.webhook
    err.print(f"Webhook #{hook.pk} for {plain(', '.join(hook.events))}; its signing secret, "
              "shown only now:")  # fmt: skip
    console.print(created.secret, markup=False)


@webhook_app.command("list")
def webhook_list(as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False) -> None:
    """Every subscription (never its secret).

    Example: shortlist webhook list
    """
    setup_django()
    from shortlist.webhooks.selectors import webhook_list as list_webhooks

    with domain_errors():
        hooks = list(list_webhooks(actor=Actor.system()))
    rows = [
        {
            "id": h.pk, "url": h.url, "events": h.events, "description": h.description, "active": h.active,
            "owner": h.owner.get_username() if h.owner else None, "created_at": h.created_at.isoformat(),
        }
        for h in hooks
    ]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = "active" if row["active"] else "off"
        console.print(
            plain(f"#{row['id']:<5} {row['url']}  {', '.join(row['events'])}  {state}"), soft_wrap=True
        )
    console.print(f"{len(rows)} webhook{'s' if len(rows) != 1 else ''}.")


@webhook_app.command("remove")
def webhook_remove(
    webhook_id: Annotated[int, typer.Argument(help="The webhook's id (see `webhook list`).")],
) -> None:
    """Remove a subscription and its delivery log.

    Example: shortlist webhook remove 3
    """
    setup_django()
    from shortlist.webhooks.services import webhook_delete

    with domain_errors():
        webhook_delete(actor=Actor.system(), webhook_id=webhook_id)
    console.print(f"Removed webhook #{webhook_id}.")


@webhook_app.command("deliveries")
def webhook_deliveries(
    webhook_id: Annotated[int | None, typer.Argument(help="Only this webhook's deliveries.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """The delivery log: each event's attempts, last status code or error, and next attempt.

    Example: shortlist webhook deliveries 3 --limit 50
    """
    setup_django()
    from shortlist.webhooks.selectors import delivery_list

    with domain_errors():
        deliveries = list(delivery_list(actor=Actor.system(), webhook_id=webhook_id)[:limit])
    rows = [
        {
            "id": d.pk, "webhook_id": d.webhook_id, "event": d.event, "event_id": str(d.event_id),
            "status": d.status, "attempts": d.attempts, "last_status_code": d.last_status_code,
            "last_error": d.last_error, "next_attempt_at": _when(d.next_attempt_at),
            "delivered_at": _when(d.delivered_at), "created_at": d.created_at.isoformat(),
        }
        for d in deliveries
    ]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    for row in rows:
        answer = row["last_status_code"] or row["last_error"] or "-"
        after = f"  next {row['next_attempt_at'][:19]}" if row["next_attempt_at"] else ""
        line = f"#{row['id']:<6} hook #{row['webhook_id']:<4} {row['event']:<26} {row['status']:<9} "
        console.print(plain(f"{line}attempts {row['attempts']}  last {answer}{after}"), soft_wrap=True)
    console.print(f"{len(rows)} deliver{'ies' if len(rows) != 1 else 'y'}.")
