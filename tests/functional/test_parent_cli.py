"""`voicecart household set-password` and `voicecart tokens ...`, as cli.py will hook them."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.functional.parent_support import World, make_world
from voicecart.domain.errors import ValidationError
from voicecart.domain.household import Household
from voicecart.domain.parent_access import hash_token
from voicecart.web.parent.cli_commands import register


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def parser() -> argparse.ArgumentParser:
    """The shape of cli.build_parser: an existing `household` command and an `add` helper."""
    top = argparse.ArgumentParser(prog="voicecart")
    sub = top.add_subparsers(dest="command", required=True)

    def add(subparsers: Any, name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text)
        p.add_argument("--household")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)
        return p

    household = sub.add_parser("household").add_subparsers(dest="action", required=True)
    add(household, "show", lambda s, a: 0, "show")
    register(sub, add)
    return top


def run(
    world: World, argv: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None
) -> int:
    args = parser().parse_args(argv)
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return int(args.handler(world.services, args))


def test_set_password_reads_twice_and_never_prints_it(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            world,
            ["household", "set-password", "--household", "demo"],
            "a new long password\na new long password\n",
            monkeypatch,
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "a new long password" not in out and "alex@example.com" in out
    assert world.access.sign_in("alex@example.com", "a new long password").household_id == "demo"


def test_set_password_mismatch_or_short_changes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = world.store.get_parent_login("demo")
    with pytest.raises(ValidationError, match="did not match"):
        run(
            world,
            ["household", "set-password", "--household", "demo"],
            "first password\nsecond password\n",
            monkeypatch,
        )
    with pytest.raises(ValidationError, match="at least 8"):
        run(
            world,
            ["household", "set-password", "--household", "demo"],
            "short\nshort\n",
            monkeypatch,
        )
    assert world.store.get_parent_login("demo") == before


def test_first_password_needs_an_email(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.store.put_household(Household(id="third", name="Third"))
    with pytest.raises(ValidationError, match="e-mail"):
        run(
            world,
            ["household", "set-password", "--household", "third"],
            "long enough pw\nlong enough pw\n",
            monkeypatch,
        )
    assert (
        run(
            world,
            ["household", "set-password", "--household", "third", "--email", "Third@Example.com"],
            "long enough pw\nlong enough pw\n",
            monkeypatch,
        )
        == 0
    )
    assert world.store.find_parent_login("third@example.com") is not None


def test_tokens_create_list_revoke(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(world, ["tokens", "create", "--label", "store app", "--household", "demo", "--json"])
        == 0
    )
    created = json.loads(capsys.readouterr().out)
    assert world.access.token_household(created["token"]) == "demo"
    assert run(world, ["tokens", "list", "--household", "demo"]) == 0
    listed = capsys.readouterr().out
    assert "store app" in listed and created["token"] not in listed
    assert hash_token(created["token"]) not in listed
    assert run(world, ["tokens", "revoke", created["id"], "--household", "demo"]) == 0
    assert world.access.token_household(created["token"]) is None
    assert run(world, ["tokens", "list"]) == 0  # like cli.py: the demo household by default
    assert "revoked" in capsys.readouterr().out
