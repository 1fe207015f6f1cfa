"""`voicecart models build | check | sync-catalog | resolve`.

Hooked into voicecart/cli.py with:  from .models.cli_commands import register; register(sub, add)
None of these commands touch the store: their handlers ignore the services they get.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import build, catalog_values, source
from .dialogflow import write_zip
from .resolve import resolve_full


def _root(args: argparse.Namespace) -> Path:
    return Path(args.repo).resolve() if getattr(args, "repo", None) else source.REPO_ROOT


def cmd_build(_services: Any, args: argparse.Namespace) -> int:
    root = _root(args)
    out = Path(args.out_dir).resolve() if args.out_dir else None
    try:
        written = build.write(root, out)
    except source.ModelError as exc:
        print(f"voicecart models: {exc}", file=sys.stderr)
        return 2
    base = out or root
    print(f"Wrote {len(written)} files under {base}:")
    for path in written:
        print(f"  {path.relative_to(base)}")
    if args.zip:
        model = source.load(source.source_path(source.DEFAULT_LOCALE, root))
        target = write_zip(model, args.zip)
        print(f"Dialogflow agent zip: {target} (import it in the Dialogflow ES console)")
    return 0


def cmd_check(_services: Any, args: argparse.Namespace) -> int:
    problems = build.check(_root(args))
    if args.json:
        print(json.dumps({"ok": not problems, "problems": problems}, indent=2))
    elif problems:
        print(f"{len(problems)} problem(s) in the interaction model:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    else:
        print("Interaction model OK: generated files are up to date and the lint is clean.")
    return 1 if problems else 0


def cmd_sync_catalog(_services: Any, args: argparse.Namespace) -> int:
    root = _root(args)
    catalog = Path(args.catalog).resolve() if args.catalog else None
    changed = catalog_values.sync(source.source_path(args.locale, root), catalog)
    print(
        "Catalog slot values updated; now run `voicecart models build`."
        if changed
        else "Catalog slot values already up to date."
    )
    return 0


def cmd_resolve(_services: Any, args: argparse.Namespace) -> int:
    model = source.load(source.source_path(args.locale, _root(args)))
    found = resolve_full(" ".join(args.text), model)
    data = {
        "intent": found.intent,
        "slots": found.slots,
        "slot_ids": found.slot_ids,
        "sample": found.sample,
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        slots = ", ".join(f"{k}={v!r}" for k, v in found.slots.items())
        print(f"{found.intent}({slots})" + (f"  <- {found.sample!r}" if found.sample else ""))
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the `models` commands. They need no store: each sets `no_services=True`, so
    cli.main may skip building the services for them (the handlers accept None)."""
    models = sub.add_parser("models", help="interaction model: build, check, sync").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    build_p = add(
        models,
        "build",
        cmd_build,
        "generate the Alexa model and the Dialogflow agent from interaction_models/",
    )
    build_p.add_argument("--out-dir", help="write under this folder instead of the repository")
    build_p.add_argument("--zip", metavar="PATH", help="also write the Dialogflow agent as a zip")
    check_p = add(
        models,
        "check",
        cmd_check,
        "fail if generated files are stale or the source has lint problems",
    )
    sync_p = add(
        models,
        "sync-catalog",
        cmd_sync_catalog,
        "rewrite the ITEM_NAME and CATEGORY values in the source from the demo catalog",
    )
    sync_p.add_argument("--catalog", help="catalog JSON (default: the shipped demo catalog)")
    resolve_p = add(
        models, "resolve", cmd_resolve, "show the intent and slots a phrase resolves to"
    )
    resolve_p.add_argument("text", nargs="+")
    for parser in (sync_p, resolve_p):
        parser.add_argument("--locale", default=source.DEFAULT_LOCALE)
    for parser in (build_p, check_p, sync_p, resolve_p):
        parser.add_argument("--repo", help=argparse.SUPPRESS)
        parser.set_defaults(no_services=True)
