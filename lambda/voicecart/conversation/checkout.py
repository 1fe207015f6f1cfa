"""Buying, reordering and approving: always a spoken summary first, then the guard.

What "yes" or the code would confirm is held in the store (a PendingPurchase per
household and device), never in session attributes, and it is deleted the moment it is
used, so a stray or second "yes" can never buy anything.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..domain.errors import Conflict, NotFound
from ..domain.guard import Action, Outcome
from ..domain.household import Role
from ..domain.ids import new_key
from ..domain.orders import Line, Order
from ..domain.purchases import PurchaseResult
from ..domain.records import ApprovalStatus, PendingPurchase
from ..ports import PaymentError
from .cart import lines_words, quantity, resolve_item
from .context import Context
from .model import Card, Reply
from .numbers import parse_digits

PENDING_FOR = timedelta(minutes=10)


# ---- starting a purchase -------------------------------------------------------------
def buy(ctx: Context) -> Reply:
    """ "Buy it" / "buy paper towels": the named or current item; with neither, the cart."""
    if ctx.turn.slot("item") or (ctx.session.get("stage") == "browse" and ctx.session.get("item")):
        product = resolve_item(ctx)
        if product is None:
            return ctx.ask(ctx.say("which_item"))
        return _quote(ctx, (Line.of(product, quantity(ctx)),), Action.BUY, from_cart=False)
    return checkout(ctx)


def checkout(ctx: Context) -> Reply:
    """ "Check out": everything in the cart."""
    cart = ctx.services.shopping.cart(ctx.household.id)
    if cart.is_empty:
        return ctx.ask(ctx.say("nothing_to_buy"))
    return _quote(ctx, cart.lines, Action.BUY, from_cart=True)


def reorder(ctx: Context) -> Reply:
    item = ctx.turn.slot("item") or ""
    if ctx.services.shopping.last_order(ctx.household.id) is None:
        return ctx.ask(ctx.say("reorder_no_history"))
    line = ctx.services.shopping.reorder_lookup(ctx.household.id, item)
    if line is None:
        return ctx.ask(ctx.say("reorder_not_found", item=item))
    intro = ctx.say("reorder_found", quantity=line.quantity, name=line.name)
    return _quote(ctx, (line,), Action.REORDER, from_cart=False, intro=intro)


def _quote(
    ctx: Context, lines: tuple[Line, ...], action: Action, from_cart: bool, intro: str = ""
) -> Reply:
    quote = ctx.services.purchases.quote(ctx.household, lines)
    now = ctx.services.clock.now()
    ctx.services.store.put_pending(
        PendingPurchase(
            household_id=ctx.household.id,
            device_id=ctx.device_id,
            profile_id=ctx.profile.id,
            action=action.value,
            lines=quote.lines,
            total=quote.total,
            idempotency_key=new_key(),
            created_at=now,
            expires_at=now + PENDING_FOR,
        )
    )
    ctx.session.update({"stage": "confirm", "from_cart": from_cart})
    words, more = lines_words(ctx, quote.lines)
    params = dict(
        seller=quote.seller,
        lines=words,
        address=quote.address,
        delivery=quote.delivery_date,
        total=quote.total,
        brand=quote.payment_brand,
        last4=quote.payment_last4,
    )
    summary = ctx.say("summary_more", more=more, **params) if more else ctx.say("summary", **params)
    return ctx.ask(f"{intro} {summary}".strip(), ctx.say("fallback_confirm"))


# ---- yes, no, the code ---------------------------------------------------------------
def _live_pending(ctx: Context) -> tuple[PendingPurchase | None, bool]:
    """The pending purchase for this device, and whether one had just expired."""
    pending = ctx.services.store.get_pending(ctx.household.id, ctx.device_id)
    if pending is None:
        return None, False
    if ctx.services.clock.now() >= pending.expires_at:
        ctx.services.store.delete_pending(ctx.household.id, ctx.device_id)
        return None, True
    return pending, False


def _drop_pending(ctx: Context) -> None:
    ctx.services.store.delete_pending(ctx.household.id, ctx.device_id)
    _forget_pending(ctx)


def _forget_pending(ctx: Context) -> None:
    for key in ("stage", "from_cart"):
        ctx.session.pop(key, None)


def yes(ctx: Context) -> Reply:
    if ctx.session.get("cancel_order"):
        return _cancel_confirmed(ctx)
    pending, expired = _live_pending(ctx)
    if pending is None:
        return ctx.ask(ctx.say("expired_pending" if expired else "nothing_pending_yes"))
    if pending.stage == "code":
        return ctx.ask(ctx.say("help_code"), ctx.say("help_code"))
    if pending.action == Action.APPROVE.value:
        return _approve(ctx, pending, None)
    return _attempt(ctx, pending, None)


def no(ctx: Context) -> Reply:
    if ctx.session.pop("cancel_order", None):
        return ctx.ask(ctx.say("cancel_kept"))
    pending, _ = _live_pending(ctx)
    if pending is None:
        return ctx.ask(ctx.say("nothing_pending_no"))
    if pending.action == Action.APPROVE.value and pending.approval_id:
        return _decline(ctx, pending)
    _drop_pending(ctx)
    return ctx.ask(ctx.say("declined_ok"))


def voice_code(ctx: Context) -> Reply:
    pending, expired = _live_pending(ctx)
    if pending is None:
        # Nothing to confirm: the code is neither checked nor counted, and never repeated.
        return ctx.ask(ctx.say("expired_pending" if expired else "nothing_pending_code"))
    said = ctx.turn.slot("code") or ""
    # "one two three four" and "1234" are the same code; anything else is re-asked.
    code = said if said.isdigit() else (parse_digits(said) or said)
    if pending.action == Action.APPROVE.value:
        return _approve(ctx, pending, code)
    return _attempt(ctx, pending, code)


def cancel_pending(ctx: Context) -> bool:
    """Drop what was waiting for a yes; True if there was something."""
    pending, _ = _live_pending(ctx)
    ctx.session.pop("cancel_order", None)
    if pending is None:
        return False
    _drop_pending(ctx)
    return True


# ---- carrying out ----------------------------------------------------------------------
def _attempt(ctx: Context, pending: PendingPurchase, code: str | None) -> Reply:
    try:
        result = ctx.services.purchases.attempt(
            ctx.actor,
            pending.lines,
            pending.idempotency_key,
            code=code,
            action=Action(pending.action),
            consumes=pending,  # an order uses up the "yes", and empties the cart it came from
            empties_cart=bool(ctx.session.get("from_cart")),
        )
    except PaymentError:
        _drop_pending(ctx)
        return ctx.ask(ctx.say("reason.payment_failed"))
    return _answer(ctx, pending, result)


def _answer(ctx: Context, pending: PendingPurchase, result: PurchaseResult) -> Reply:
    decision = result.decision
    if decision.outcome is Outcome.ALLOW and result.order is not None:
        _forget_pending(ctx)  # the store used it up with the order, and emptied the cart
        return _placed(ctx, result.order)
    if decision.outcome is Outcome.NEEDS_APPROVAL:
        _drop_pending(ctx)
        words, _ = lines_words(ctx, pending.lines)
        return ctx.ask(
            ctx.say("queued", name=words), card=Card(ctx.say("queued_card_title"), words)
        )
    if decision.outcome is Outcome.NEEDS_CODE:
        return _ask_code(ctx, pending, decision.reason, decision.params)
    _drop_pending(ctx)
    return ctx.ask(
        f"{reason_text(ctx, decision.reason, decision.params)} {ctx.say('anything_else')}"
    )


def _ask_code(
    ctx: Context, pending: PendingPurchase, reason: str, params: dict[str, object]
) -> Reply:
    if pending.stage != "code":
        ctx.services.store.put_pending(replace(pending, stage="code"))
    ctx.session["stage"] = "code"
    if reason == "wrong_code":
        left = int(str(params.get("left", 1)))
        speech = ctx.say("wrong_code_last") if left == 1 else ctx.say("wrong_code", left=left)
    elif reason == "code_malformed":
        speech = ctx.say("code_malformed")
    elif reason == "broadcast_hold":
        speech = ctx.say("ask_code_broadcast")
    elif reason == "code_to_approve":
        speech = ctx.say("ask_code_approve")
    else:
        speech = ctx.say("ask_code")
    return ctx.ask(speech, ctx.say("help_code"))


def reason_text(ctx: Context, reason: str, params: dict[str, object]) -> str:
    key = f"reason.{reason}"
    if not ctx.texts.has(key):
        return ctx.say("reason.payment_failed") if reason == "payment_failed" else ctx.say("error")
    if reason == "quiet_hours":
        params = {k: f"{v:%-I:%M %p}" if hasattr(v, "strftime") else v for k, v in params.items()}
    return ctx.say(key, **params)


def _placed(ctx: Context, order: Order) -> Reply:
    minutes = int(ctx.services.purchases.policy.cancel_window.total_seconds() // 60)
    payment = ctx.household.payment
    words, _ = lines_words(ctx, order.lines)
    card_lines = "\n".join(
        f"{line.quantity} x {line.name}  {ctx.texts.money(line.subtotal)}" for line in order.lines
    )
    card = Card(
        ctx.say("placed_card_title", order_id=order.id),
        ctx.say(
            "placed_card",
            lines=card_lines,
            total=order.total,
            delivery=order.delivery_date,
            address=ctx.household.address.spoken() if ctx.household.address else "",
            brand=payment.brand if payment else "",
            last4=payment.last4 if payment else "",
            minutes=minutes,
        ),
    )
    return ctx.ask(
        ctx.say("placed", total=order.total, delivery=order.delivery_date, minutes=minutes),
        card=card,
    )


# ---- approvals -------------------------------------------------------------------------
def approvals(ctx: Context) -> Reply:
    if ctx.profile.role is not Role.ADULT:
        return ctx.ask(ctx.say("requests_parent_only"))
    now = ctx.services.clock.now()
    waiting = ctx.services.store.list_approvals(ctx.household.id, ApprovalStatus.PENDING, now)
    if not waiting:
        return ctx.ask(ctx.say("no_requests"))
    first = waiting[-1]  # oldest first: the one that has waited longest
    ctx.services.store.put_pending(
        PendingPurchase(
            household_id=ctx.household.id,
            device_id=ctx.device_id,
            profile_id=ctx.profile.id,
            action=Action.APPROVE.value,
            lines=first.lines,
            total=first.total,
            idempotency_key=new_key(),
            created_at=now,
            expires_at=now + PENDING_FOR,
            approval_id=first.id,
        )
    )
    ctx.session["stage"] = "confirm"
    words, _ = lines_words(ctx, first.lines)
    if len(waiting) > 1:
        return ctx.ask(
            ctx.say(
                "request_more",
                count=len(waiting),
                requester=first.requested_by,
                lines=words,
                total=first.total,
            )
        )
    return ctx.ask(ctx.say("request", requester=first.requested_by, lines=words, total=first.total))


def _approve(ctx: Context, pending: PendingPurchase, code: str | None) -> Reply:
    assert pending.approval_id is not None
    try:
        result = ctx.services.purchases.approve(
            ctx.actor, pending.approval_id, code=code, consumes=pending
        )
    except (Conflict, NotFound):
        return _request_gone(ctx, pending)
    except PaymentError:
        _drop_pending(ctx)
        return ctx.ask(ctx.say("reason.payment_failed"))
    decision = result.decision
    if decision.outcome is Outcome.ALLOW and result.order is not None and result.approval:
        _forget_pending(ctx)  # used up with the order
        return ctx.ask(
            ctx.say(
                "request_approved",
                requester=result.approval.requested_by,
                total=result.order.total,
                delivery=result.order.delivery_date,
            )
        )
    if decision.outcome is Outcome.NEEDS_CODE:
        return _ask_code(ctx, pending, decision.reason, decision.params)
    _drop_pending(ctx)
    return ctx.ask(
        f"{reason_text(ctx, decision.reason, decision.params)} {ctx.say('anything_else')}"
    )


def _decline(ctx: Context, pending: PendingPurchase) -> Reply:
    assert pending.approval_id is not None
    try:
        approval = ctx.services.purchases.decline(ctx.actor, pending.approval_id)
    except (Conflict, NotFound):
        return _request_gone(ctx, pending)
    _drop_pending(ctx)
    words, _ = lines_words(ctx, approval.lines)
    return ctx.ask(ctx.say("request_declined", requester=approval.requested_by, lines=words))


def _request_gone(ctx: Context, pending: PendingPurchase) -> Reply:
    _drop_pending(ctx)
    approval = ctx.services.store.get_approval(ctx.household.id, pending.approval_id or "")
    status = approval.status_at(ctx.services.clock.now()).value if approval else "removed"
    return ctx.ask(ctx.say("request_gone", status=status))


# ---- orders --------------------------------------------------------------------------
def order_status(ctx: Context) -> Reply:
    order = ctx.services.shopping.last_order(ctx.household.id)
    if order is None:
        return ctx.ask(ctx.say("no_orders"))
    words, _ = lines_words(ctx, order.lines)
    local = order.placed_at.date()
    return ctx.ask(
        ctx.say(
            f"status_{order.status.value}", lines=words, placed=local, delivery=order.delivery_date
        )
    )


def cancel_order(ctx: Context) -> Reply:
    order = ctx.services.shopping.last_order(ctx.household.id)
    if order is None:
        return ctx.ask(ctx.say("no_orders"))
    window = ctx.services.purchases.policy.cancel_window
    if not order.can_cancel(ctx.services.clock.now(), window):
        try:
            order.cancelled(ctx.services.clock.now(), window)
        except Conflict as exc:
            return ctx.ask(ctx.say("cancel_too_late", reason=str(exc)))
    words, _ = lines_words(ctx, order.lines)
    ctx.session["cancel_order"] = order.id
    return ctx.ask(ctx.say("cancel_confirm", lines=words, total=order.total))


def _cancel_confirmed(ctx: Context) -> Reply:
    order_id = str(ctx.session.pop("cancel_order"))
    try:
        order = ctx.services.purchases.cancel(ctx.household, order_id, by=ctx.profile.name)
    except (Conflict, NotFound) as exc:
        return ctx.ask(ctx.say("cancel_too_late", reason=str(exc)))
    return ctx.ask(ctx.say("cancel_done", total=order.total))
