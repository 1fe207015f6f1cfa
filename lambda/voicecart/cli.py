"""The `voicecart` command line: catalog, orders, approvals, household, profiles, audit.

Every command takes --db; --json gives machine output. The voice code is read with a
prompt that never echoes, and is never printed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .bootstrap import Services, build
from .config import DEMO_HOUSEHOLD_ID, Config
from .domain.catalog import parse_products
from .domain.errors import DomainError
from .domain.household import Mode, Profile, QuietHours, Role
from .domain.orders import Line, Order
from .domain.purchases import Actor
from .domain.records import Approval, ApprovalStatus, AuditEntry

Handler = Callable[[Services, argparse.Namespace], int]


class CliError(Exception):
    """A failure to report in one line and exit 2."""


# ---- output ----------------------------------------------------------------------------
def _emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, default=str))
    else:
        print(text())


def _line_json(line: Line) -> dict[str, object]:
    return {
        "sku": line.sku,
        "name": line.name,
        "quantity": line.quantity,
        "unit_price": str(line.unit_price),
    }


def _order_json(order: Order, names: dict[str, str]) -> dict[str, object]:
    return {
        "id": order.id,
        "status": order.status.value,
        "total": str(order.total),
        "subtotal": str(order.subtotal),
        "tax": str(order.tax),
        "profile": names.get(order.profile_id, order.profile_id),
        "placed_at": order.placed_at.isoformat(),
        "delivery_date": order.delivery_date.isoformat(),
        "items": [_line_json(line) for line in order.lines],
    }


def _approval_json(approval: Approval, services: Services) -> dict[str, object]:
    return {
        "id": approval.id,
        "status": approval.status_at(services.clock.now()).value,
        "requested_by": approval.requested_by,
        "total": str(approval.total),
        "created_at": approval.created_at.isoformat(),
        "expires_at": approval.expires_at.isoformat(),
        "items": [_line_json(line) for line in approval.lines],
    }


def _audit_json(entry: AuditEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "action": entry.action,
        "profile": entry.profile_name,
        "role": entry.role,
        "device": entry.device_id,
        "channel": entry.channel,
        "items": [_line_json(line) for line in entry.lines],
        "total": str(entry.total),
        "outcome": entry.outcome,
        "reason": entry.reason,
        "order_id": entry.order_id,
        "approval_id": entry.approval_id,
    }


def _profile_json(p: Profile) -> dict[str, object]:
    money = lambda v: str(v) if v is not None else None  # noqa: E731
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role.value,
        "mode": p.mode.value,
        "person_ids": list(p.person_ids),
        "per_order_limit": money(p.per_order_limit),
        "daily_budget": money(p.daily_budget),
        "monthly_budget": money(p.monthly_budget),
        "blocked_categories": sorted(p.blocked_categories),
        "quiet_hours": str(p.quiet_hours) if p.quiet_hours else None,
    }


def _items(lines: Sequence[Line]) -> str:
    return ", ".join(f"{line.quantity} x {line.name}" for line in lines)


# ---- helpers -------------------------------------------------------------------------
def _household_id(services: Services, args: argparse.Namespace) -> str:
    if args.household:
        return str(args.household)
    households = services.store.list_households()
    if len(households) == 1:
        return households[0].id
    if any(h.id == DEMO_HOUSEHOLD_ID for h in households):
        return DEMO_HOUSEHOLD_ID
    if not households:
        raise CliError("no household yet: run `voicecart demo` to create the demo household")
    raise CliError("several households: choose one with --household")


def _parent_actor(services: Services, household_id: str) -> Actor:
    household = services.households.get(household_id)
    adults = [p for p in services.store.list_profiles(household_id) if p.role is Role.ADULT]
    if not adults:
        raise CliError("the household has no adult profile")
    return Actor(household, adults[0], device_id="cli", channel="cli")


def _money(text: str) -> Decimal | None:
    if text.lower() in ("none", "off", "no"):
        return None
    try:
        value = Decimal(text.lstrip("$"))
    except InvalidOperation as exc:
        raise CliError(f"not an amount: {text!r}") from exc
    if value < 0:
        raise CliError("amounts cannot be negative")
    return value.quantize(Decimal("0.01"))


def _read_code(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    return line.strip()


# ---- commands --------------------------------------------------------------------------
def cmd_catalog_import(services: Services, args: argparse.Namespace) -> int:
    path = Path(args.file)
    fmt = args.format or path.suffix.lstrip(".").lower()
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from exc
    from tqdm import tqdm

    products = []
    # Everything is parsed and checked before anything is written, so a bad line
    # leaves the catalog as it was.
    with tqdm(
        desc="checking", unit=" products", disable=args.json or not sys.stderr.isatty()
    ) as bar:
        for _, product in parse_products(text, fmt):
            products.append(product)
            bar.update()
    written = services.store.put_products(products)
    services.shopping.catalog_changed()
    _emit(
        args,
        {"imported": written, "total": services.store.count_products()},
        lambda: (
            f"Imported {written} products; the catalog now has {services.store.count_products()}."
        ),
    )
    return 0


def cmd_catalog_search(services: Services, args: argparse.Namespace) -> int:
    result = services.shopping.search(" ".join(args.text), limit=args.limit)
    data = {
        "query": result.query.text,
        "terms": list(result.query.terms),
        "max_price": str(result.query.max_price) if result.query.max_price else None,
        "min_price": str(result.query.min_price) if result.query.min_price else None,
        "total": result.total,
        "results": [p.to_dict() for p in result.products],
        "suggestion": result.suggestion.to_dict() if result.suggestion else None,
    }

    def text() -> str:
        if not result.products:
            near = f" Closest: {result.suggestion.name}." if result.suggestion else ""
            return f"No match for {result.query.text!r}.{near}"
        rows = [f"{result.total} match(es) for {result.query.text!r}:"]
        rows += [f"  {p.sku:28} ${p.price:>8}  {p.rating:.1f}*  {p.name}" for p in result.products]
        return "\n".join(rows)

    _emit(args, data, text)
    return 0


def cmd_orders_list(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    names = {p.id: p.name for p in services.store.list_profiles(hid)}
    orders = services.shopping.orders(hid, args.limit)
    _emit(
        args,
        [_order_json(o, names) for o in orders],
        lambda: (
            "\n".join(
                f"{o.id}  {o.status.value:9}  ${o.total:>8}  "
                f"{names.get(o.profile_id, o.profile_id):8}"
                f"  {o.placed_at:%Y-%m-%d %H:%M}  {_items(o.lines)}"
                for o in orders
            )
            or "No orders."
        ),
    )
    return 0


def cmd_orders_cancel(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    household = services.households.get(hid)
    order = services.purchases.cancel(household, args.id, by="the command line")
    _emit(
        args,
        {"id": order.id, "status": order.status.value},
        lambda: f"Order {order.id} is cancelled.",
    )
    return 0


def cmd_approvals_list(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    status = ApprovalStatus(args.status) if args.status else None
    approvals = services.store.list_approvals(hid, status, now=services.clock.now())
    data = [_approval_json(a, services) for a in approvals]
    _emit(
        args,
        data,
        lambda: (
            "\n".join(
                f"{d['id']}  {d['status']:9}  ${d['total']:>8}  {d['requested_by']:8}  "
                f"{_items(a.lines)}"
                for d, a in zip(data, approvals, strict=True)
            )
            or "No requests."
        ),
    )
    return 0


def cmd_approvals_decide(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    actor = _parent_actor(services, hid)
    if args.decision == "approve":
        result = services.purchases.approve(actor, args.id, parent_authenticated=True)
        if result.order is None:
            raise CliError(f"not approved: {result.decision.reason}")
        _emit(
            args,
            {"id": args.id, "status": "approved", "order_id": result.order.id},
            lambda: f"Approved {args.id}; order {result.order.id} is placed.",
        )  # type: ignore[union-attr]
    else:
        approval = services.purchases.decline(actor, args.id)
        _emit(
            args,
            {"id": approval.id, "status": approval.status.value},
            lambda: f"Declined {approval.id}.",
        )
    return 0


def cmd_household_show(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    h = services.households.get(hid)
    lock = services.store.get_code_lock(hid)
    data = {
        "id": h.id,
        "name": h.name,
        "timezone": h.timezone,
        "voice_purchasing": h.voice_purchasing,
        "code_required": h.code_required,
        "code_set": h.has_code,
        "wrong_codes": lock.failures,
        "locked": lock.is_locked(services.clock.now()),
    }
    _emit(args, data, lambda: "\n".join(f"{k:17} {v}" for k, v in data.items()))
    return 0


def cmd_household_set_code(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    first = _read_code("New 4-digit voice code: ")
    second = _read_code("Say it again: ")
    if first != second:
        raise CliError("the two codes did not match; nothing changed")
    # The command line is the parent's own tool on their machine, like the signed-in page.
    services.households.set_code(hid, first, parent_authenticated=True)
    _emit(args, {"code_set": True}, lambda: "The voice code is set.")
    return 0


def cmd_household_unlock(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    services.purchases.unlock(hid, by="the command line")
    _emit(args, {"unlocked": True}, lambda: "Voice purchasing is unlocked.")
    return 0


def cmd_household_settings(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    onoff = {"on": True, "off": False, None: None}
    h = services.households.update_settings(
        hid, voice_purchasing=onoff[args.voice_purchasing], code_required=onoff[args.code_required]
    )
    _emit(
        args,
        {"voice_purchasing": h.voice_purchasing, "code_required": h.code_required},
        lambda: (
            f"Voice purchasing {'on' if h.voice_purchasing else 'off'}; code "
            f"{'required' if h.code_required else 'not required'} for adults."
        ),
    )
    return 0


def cmd_profiles_list(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    profiles = services.store.list_profiles(hid)
    data = [_profile_json(p) for p in profiles]
    _emit(
        args,
        data,
        lambda: (
            "\n".join(
                f"{d['id']:10} {d['name']:8} {d['role']:6} {d['mode']:15} "
                f"order<={d['per_order_limit']} "
                f"day<={d['daily_budget']} month<={d['monthly_budget']} "
                f"blocked={','.join(d['blocked_categories']) or '-'} "  # type: ignore[arg-type]
                f"quiet={d['quiet_hours'] or '-'}"
                for d in data
            )
            or "No profiles."
        ),
    )
    return 0


def cmd_profiles_set(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    profile = services.households.profile(hid, args.profile)
    changes: dict[str, object] = {}
    if args.mode:
        changes["mode"] = Mode(args.mode)
    if args.name:
        changes["name"] = args.name
    for field in ("per_order_limit", "daily_budget", "monthly_budget"):
        value = getattr(args, field)
        if value is not None:
            changes[field] = _money(value)
    blocked = set(profile.blocked_categories)
    blocked |= {c.lower() for c in args.block or ()}
    blocked -= {c.lower() for c in args.unblock or ()}
    changes["blocked_categories"] = frozenset(blocked)
    if args.quiet_hours:
        changes["quiet_hours"] = (
            None if args.quiet_hours == "off" else QuietHours.parse(args.quiet_hours)
        )
    if args.person_id:
        changes["person_ids"] = tuple(dict.fromkeys((*profile.person_ids, *args.person_id)))
    updated = services.households.save_profile(replace(profile, **changes))  # type: ignore[arg-type]
    _emit(args, _profile_json(updated), lambda: f"Profile {updated.id} updated.")
    return 0


def cmd_audit(services: Services, args: argparse.Namespace) -> int:
    hid = _household_id(services, args)
    entries = services.store.list_audit(
        hid, limit=args.limit, offset=args.offset, profile_id=args.profile, outcome=args.outcome
    )
    _emit(
        args,
        [_audit_json(e) for e in entries],
        lambda: (
            "\n".join(
                f"{e.at:%Y-%m-%d %H:%M:%S}  {e.profile_name:8} {e.action:8} {e.outcome:15} "
                f"{e.reason:20} ${e.total:>8}  {_items(e.lines)}"
                for e in entries
            )
            or "No attempts yet."
        ),
    )
    return 0


def cmd_demo(services: Services, args: argparse.Namespace) -> int:
    from .demo import DEMO_CODE

    h = services.households.get(DEMO_HOUSEHOLD_ID)
    profiles = services.store.list_profiles(h.id)
    lines = [
        f"VoiceCart demo store ready in {services.config.db_path}",
        f"  catalog: {services.store.count_products()} products in "
        f"{len({p.category for p in services.store.iter_products()})} categories",
        f"  household: {h.name} (voice code for the demo: {DEMO_CODE})",
    ]
    lines += [f"  profile {p.name:6} {p.role.value:6} {p.mode.value}" for p in profiles]
    lines.append(
        'Try: voicecart catalog search "double a batteries" --db ' + str(services.config.db_path)
    )
    _emit(
        args,
        {
            "db": str(services.config.db_path),
            "household": h.id,
            "products": services.store.count_products(),
        },
        lambda: "\n".join(lines),
    )
    return 0


# ---- parser ----------------------------------------------------------------------------
def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="SQLite file (default: your user data directory)")
    parser.add_argument("--household", help="household id (default: the only one, or demo)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voicecart", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        subparsers: Any, name: str, handler: Handler, help_text: str
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(
            name, help=help_text, description=help_text
        )
        _common(p)
        p.set_defaults(handler=handler)
        return p

    demo = add(
        sub, "demo", cmd_demo, "create the demo store (catalog and household) and describe it"
    )
    demo.set_defaults(demo=True)

    catalog = sub.add_parser("catalog", help="import and search products").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = add(catalog, "import", cmd_catalog_import, "import products from a CSV or JSON file")
    p.add_argument("file")
    p.add_argument("--format", choices=("csv", "json"), help="default: from the file extension")
    p = add(catalog, "search", cmd_catalog_search, "search as a shopper would say it")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=5)

    orders = sub.add_parser("orders", help="list and cancel orders").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = add(orders, "list", cmd_orders_list, "list the household's orders, newest first")
    p.add_argument("--limit", type=int, default=50)
    p = add(orders, "cancel", cmd_orders_cancel, "cancel an order within the cancel window")
    p.add_argument("id")

    approvals = sub.add_parser("approvals", help="the parent approval queue").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = add(approvals, "list", cmd_approvals_list, "list purchase requests")
    p.add_argument("--status", choices=[s.value for s in ApprovalStatus])
    for decision in ("approve", "decline"):
        p = add(approvals, decision, cmd_approvals_decide, f"{decision} a pending request")
        p.add_argument("id")
        p.set_defaults(decision=decision)

    household = sub.add_parser("household", help="voice code, lock and settings").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add(household, "show", cmd_household_show, "show the household's purchase settings")
    add(
        household,
        "set-code",
        cmd_household_set_code,
        "set the 4-digit voice code (asked twice, never shown)",
    )
    add(household, "unlock", cmd_household_unlock, "unlock voice purchasing after wrong codes")
    p = add(
        household, "settings", cmd_household_settings, "turn voice purchasing or the code on/off"
    )
    p.add_argument("--voice-purchasing", choices=("on", "off"))
    p.add_argument("--code-required", choices=("on", "off"))

    profiles = sub.add_parser("profiles", help="family profiles and their rules").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add(profiles, "list", cmd_profiles_list, "list profiles and their rules")
    p = add(profiles, "set", cmd_profiles_set, "change a profile's rules")
    p.add_argument("profile", help="profile id, e.g. child")
    p.add_argument("--name")
    p.add_argument("--mode", choices=[m.value for m in Mode])
    p.add_argument("--per-order-limit", help="amount, or 'none'")
    p.add_argument("--daily-budget", help="amount, or 'none'")
    p.add_argument("--monthly-budget", help="amount, or 'none'")
    p.add_argument("--block", action="append", metavar="CATEGORY")
    p.add_argument("--unblock", action="append", metavar="CATEGORY")
    p.add_argument("--quiet-hours", help="e.g. 21:00-07:00, or 'off'")
    p.add_argument("--person-id", action="append", help="link a recognized voice (personId)")

    p = add(sub, "audit", cmd_audit, "every purchase attempt, newest first")
    p.add_argument("--profile")
    p.add_argument("--outcome", choices=("allow", "needs_code", "needs_approval", "deny"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)

    _add_extensions(sub, add)
    return parser


def _add_extensions(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Commands defined beside the modules they drive."""
    from .adapters.dynamodb_import import register as register_dynamodb_import
    from .cli_server import register as register_server
    from .models.cli_commands import register as register_models
    from .web.parent.cli_commands import register as register_parent

    register_server(sub, add)
    register_models(sub, add)
    register_parent(sub, add)
    register_dynamodb_import(sub, add)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    config = Config.from_env(
        db_path=Path(args.db).expanduser() if args.db else None,
        demo=True if getattr(args, "demo", False) else None,
        skill_id=getattr(args, "skill_id", None),
    )
    if getattr(args, "no_services", False):
        return int(args.handler(None, args))
    try:
        services = build(config)
        return int(args.handler(services, args))
    except (CliError, DomainError) as exc:
        print(f"voicecart: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
