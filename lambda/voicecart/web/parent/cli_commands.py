"""`voicecart household set-password` and `voicecart tokens create|list|revoke`.

Hook into cli.py's `_add_extensions(sub, add)` with
`from .web.parent.cli_commands import register; register(sub, add)`.
Passwords are asked twice without echo (or read as two lines from a non-terminal stdin);
a new API token is printed once, never again.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from ...config import DEMO_HOUSEHOLD_ID
from ...domain.errors import ValidationError
from ...domain.parent_access import ParentAccess


def _household_id(services: Any, args: argparse.Namespace) -> str:
    if getattr(args, "household", None):
        return str(args.household)
    households = services.store.list_households()
    if len(households) == 1:
        return str(households[0].id)
    if any(h.id == DEMO_HOUSEHOLD_ID for h in households):
        return DEMO_HOUSEHOLD_ID
    if not households:
        raise ValidationError("no household yet: run `voicecart demo` first")
    raise ValidationError("several households: choose one with --household")


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _print(args: argparse.Namespace, data: object, text: str) -> None:
    print(json.dumps(data, indent=2) if getattr(args, "json", False) else text)


def cmd_set_password(services: Any, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    first = _read_secret("New household password: ")
    second = _read_secret("Type it again: ")
    if first != second:
        raise ValidationError("the two passwords did not match; nothing changed")
    login = ParentAccess(services.store, services.clock).set_password(hid, first, args.email)
    _print(
        args,
        {"household": hid, "email": login.email, "password_set": True},
        f"The parent password for {hid} is set; sign in as {login.email}. "
        "Every signed-in session was signed out.",
    )
    return 0


def cmd_tokens_create(services: Any, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    record, token = ParentAccess(services.store, services.clock).create_token(hid, args.label)
    _print(
        args,
        {"id": record.id, "label": record.label, "token": token},
        f"API token {record.id} ({record.label}):\n\n    {token}\n\n"
        "Copy it now: it is not stored and cannot be shown again. "
        "Send it as `Authorization: Bearer <token>`.",
    )
    return 0


def cmd_tokens_list(services: Any, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    tokens = ParentAccess(services.store, services.clock).tokens(hid)
    data = [
        {
            "id": t.id,
            "label": t.label,
            "created_at": t.created_at.isoformat(),
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in tokens
    ]
    text = "\n".join(
        f"{t.id}  {'active ' if t.active else 'revoked'}  {t.created_at:%Y-%m-%d %H:%M}  {t.label}"
        for t in tokens
    )
    _print(args, data, text or "No API tokens.")
    return 0


def cmd_tokens_revoke(services: Any, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    token = ParentAccess(services.store, services.clock).revoke_token(hid, args.id)
    _print(args, {"id": token.id, "revoked": True}, f"API token {token.id} is revoked.")
    return 0


def _subcommands(sub: Any, name: str, help_text: str) -> Any:
    """The ACTION subparsers of an existing top-level command, or a new command."""
    parser = sub.choices.get(name) if hasattr(sub, "choices") else None
    if parser is None:
        return sub.add_parser(name, help=help_text).add_subparsers(
            dest="action", required=True, metavar="ACTION"
        )
    for action in parser._actions:  # argparse keeps no public handle on it
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="action", required=True, metavar="ACTION")


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    household = _subcommands(sub, "household", "voice code, lock and settings")
    p = add(
        household,
        "set-password",
        cmd_set_password,
        "set the household password for the parent page (asked twice, never shown)",
    )
    p.add_argument("--email", help="the parent's sign-in e-mail (needed the first time)")

    tokens = _subcommands(sub, "tokens", "API tokens for the parent API")
    p = add(tokens, "create", cmd_tokens_create, "create an API token (shown once)")
    p.add_argument("--label", required=True, help="what it is for, e.g. 'store app'")
    add(tokens, "list", cmd_tokens_list, "list API tokens (never the tokens themselves)")
    p = add(tokens, "revoke", cmd_tokens_revoke, "revoke an API token")
    p.add_argument("id")
