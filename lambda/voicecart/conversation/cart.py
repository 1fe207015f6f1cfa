"""The cart: add (with quantity), what's in it, remove, empty. It lives in the store, so
it outlives the session."""

from __future__ import annotations

import re

from ..domain.catalog import Product
from ..domain.orders import Cart, Line
from .browse import current_product, remember
from .context import Context
from .model import Reply
from .numbers import parse_number

READ_AT_MOST = 3


def quantity(ctx: Context) -> int:
    """AMAZON.NUMBER gives digits, but simulators and other platforms may give words."""
    raw = ctx.turn.slot("quantity")
    if raw is None:
        return 1
    match = re.search(r"\d+", raw)
    value = int(match.group()) if match else parse_number(raw)
    return max(1, min(value, 99)) if value else 1


def resolve_item(ctx: Context) -> Product | None:
    """The product the shopper means: a named item, else the one being discussed."""
    named = ctx.turn.slot("item")
    if named:
        result = ctx.services.shopping.search(named, limit=5)
        if result.products:
            remember(ctx, list(result.products), named)
            return result.products[0]
        return None
    return current_product(ctx)


def count_words(ctx: Context, count: int) -> str:
    return ctx.say("item_count_one") if count == 1 else ctx.say("items_count", count=count)


def lines_words(ctx: Context, lines: tuple[Line, ...]) -> tuple[str, int]:
    """At most three lines read aloud, and how many more there are."""
    spoken = [
        ctx.say("cart_line", quantity=line.quantity, name=line.name)
        for line in lines[:READ_AT_MOST]
    ]
    return ctx.texts.join(spoken), max(0, len(lines) - READ_AT_MOST)


def add_to_cart(ctx: Context) -> Reply:
    product = resolve_item(ctx)
    if product is None:
        return ctx.ask(ctx.say("which_item"))
    qty = quantity(ctx)
    cart = ctx.services.shopping.add_to_cart(ctx.household.id, product.sku, qty)
    ctx.session["stage"] = "cart"  # "buy it" now means the cart, not the item just added
    return ctx.ask(
        ctx.say("added", quantity=qty, name=product.name, count=count_words(ctx, cart.item_count))
    )


def describe_cart(ctx: Context, cart: Cart) -> str:
    if cart.is_empty:
        return ctx.say("cart_empty")
    words, more = lines_words(ctx, cart.lines)
    if more:
        return ctx.say("cart_lines_more", lines=words, more=more, subtotal=cart.subtotal)
    return ctx.say("cart_lines", lines=words, subtotal=cart.subtotal)


def cart_contents(ctx: Context) -> Reply:
    return ctx.ask(describe_cart(ctx, ctx.services.shopping.cart(ctx.household.id)))


def remove_from_cart(ctx: Context) -> Reply:
    named = ctx.turn.slot("item")
    target = named
    if target is None:
        product = current_product(ctx)
        target = product.sku if product else None
    if target is None:
        return ctx.ask(ctx.say("which_item"))
    raw_qty = ctx.turn.slot("quantity")
    _, line = ctx.services.shopping.remove_from_cart(
        ctx.household.id, target, quantity(ctx) if raw_qty else None
    )
    if line is None:
        return ctx.ask(ctx.say("not_in_cart", item=named or "that"))
    return ctx.ask(ctx.say("removed", name=line.name))


def empty_cart(ctx: Context) -> Reply:
    ctx.services.shopping.empty_cart(ctx.household.id)
    return ctx.ask(ctx.say("emptied"))
