"""`shortlist token …`: personal API tokens (create shows the secret once; list; revoke)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from shortlist.accounts.access import Actor
from shortlist.cli.common import console, domain_errors, err, plain, print_json, setup_django

token_app = typer.Typer(help="Personal API tokens for /api/v1 (see README § API).", no_args_is_help=True)


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"


@token_app.command("create")
def token_create(
    username: Annotated[str, typer.Argument(help="Whose token: a workspace user's login name.")],
    scope: Annotated[Scope, typer.Option(help="read (GET only) or write.")] = Scope.READ,
    name: Annotated[str, typer.Option(help="What it is for, e.g. 'job board sync'.")] = "api",
) -> None:
    """Create a token; it is printed once and only its hash is kept.

    Example: shortlist token create alice --scope write --name "CRM sync"
    """
    setup_django()
    from shortlist.api.services import token_create as create

    with domain_errors():
        issued = create(actor=Actor.system(), username=username, scope=scope.value, name=name)
    token = issued.token
    err.print(f"Token #{token.pk} ({plain(token.name)}, {token.scope}) for {plain(username)}; "
              "copy it now, it is not shown again:")  # fmt: skip
    console.print(issued.secret, markup=False)


@token_app.command("list")
def token_list(
    username: Annotated[str, typer.Option("--user", help="Only this user's tokens.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Every token with its owner, scope, last use and whether it is revoked (never the secret).

    Example: shortlist token list --user alice
    """
    setup_django()
    from shortlist.api.selectors import token_list as list_tokens

    with domain_errors():
        tokens = list(list_tokens(actor=Actor.system(), username=username))
    rows = [
        {
            "id": t.pk,
            "user": t.user.get_username(),
            "name": t.name,
            "scope": t.scope,
            "prefix": f"sl_{t.prefix}",
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in tokens
    ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = f"revoked {row['revoked_at'][:16]}" if row["revoked_at"] else "active"
        used = (row["last_used_at"] or "never")[:16]
        console.print(plain(f"#{row['id']:<5} {row['user']:<16} {row['name'][:24]:<24} {row['scope']:<5} "
                            f"{row['prefix']}…  used {used:<16}  {state}"), soft_wrap=True)  # fmt: skip
    console.print(f"{len(rows)} token{'s' if len(rows) != 1 else ''}.")


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(help="The token's id (see `token list`).")]) -> None:
    """Revoke a token at once: the next request with it is refused (401).

    Example: shortlist token revoke 3
    """
    setup_django()
    from shortlist.api.services import token_revoke as revoke

    with domain_errors():
        token = revoke(actor=Actor.system(), token_id=token_id)
    console.print(f"Revoked token #{token.pk} ({plain(token.name)}).")
