"""Search and browse: find, next, previous, the second one, tell me more, reviews."""

from __future__ import annotations

import re

from ..domain.catalog import Product
from ..domain.errors import NotFound
from .context import Context
from .model import Reply
from .numbers import parse_number, parse_ordinal

MAX_RESULTS = 10


def _rating(product: Product) -> str:
    return f"{product.rating:.1f}".rstrip("0").rstrip(".")


def _count(ctx: Context, count: int) -> str:
    return f"{count} result{'s' if count != 1 else ''}"


def remember(ctx: Context, products: list[Product], query: str, position: int = 0) -> None:
    ctx.session.update(
        {
            "results": [p.sku for p in products[:MAX_RESULTS]],
            "pos": position,
            "query": query,
            "item": products[position].sku if products else None,
            "stage": "browse",
        }
    )


def current_product(ctx: Context) -> Product | None:
    sku = ctx.session.get("item")
    if not sku:
        return None
    try:
        return ctx.services.shopping.product(str(sku))
    except NotFound:
        return None


def _filter_words(ctx: Context, low: object, high: object) -> str:
    if low is not None and high is not None:
        return ctx.say("filter_between", low=low, high=high)
    if high is not None:
        return ctx.say("filter_under", price=high)
    return ctx.say("filter_over", price=low)


def search(ctx: Context) -> Reply:
    text = ctx.turn.slot("query")
    if not text:
        return ctx.ask(ctx.say("say_what"))
    return _answer_search(ctx, text)


def _answer_search(ctx: Context, text: str, shown_as: str | None = None) -> Reply:
    result = ctx.services.shopping.search(text, limit=MAX_RESULTS)
    query = shown_as or (" ".join(result.query.terms) or text)
    if not result.products:
        if result.suggestion is None:
            return ctx.ask(ctx.say("not_found_nothing", query=query))
        remember(ctx, [result.suggestion], query)
        s = result.suggestion
        return ctx.ask(ctx.say("not_found", query=query, name=s.name, price=s.price))
    remember(ctx, list(result.products), query)
    top = result.products[0]
    params = dict(query=query, name=top.name, price=top.price, rating=_rating(top))
    if result.total == 1:
        return ctx.ask(ctx.say("found_one", **params))
    if result.query.max_price is not None or result.query.min_price is not None:
        words = _filter_words(ctx, result.query.min_price, result.query.max_price)
        return ctx.ask(
            ctx.say("found_filtered", count=_count(ctx, result.total), filter=words, **params)
        )
    return ctx.ask(ctx.say("found", count=_count(ctx, result.total), **params))


def browse_category(ctx: Context) -> Reply:
    category = ctx.turn.slot_ids.get("category") or ctx.turn.slot("category")
    if not category:
        return ctx.ask(ctx.say("say_what"))
    spoken = ctx.turn.slot("category") or category
    if ctx.services.shopping.search(category, limit=1).total == 0:
        return ctx.ask(ctx.say("category_unknown", category=spoken))
    return _answer_search(ctx, category, shown_as=spoken)


def _show(ctx: Context, position: int) -> Reply:
    results: list[str] = list(ctx.session.get("results") or [])
    ctx.session.update({"pos": position, "item": results[position], "stage": "browse"})
    product = ctx.services.shopping.product(results[position])
    params = dict(name=product.name, price=product.price, rating=_rating(product))
    if position == len(results) - 1 and len(results) > 1:
        return ctx.ask(ctx.say("item_last", **{k: params[k] for k in ("name", "price")}))
    return ctx.ask(ctx.say("item", position=position + 1, **params))


def next_item(ctx: Context) -> Reply:
    results = ctx.session.get("results") or []
    if not results:
        return ctx.ask(ctx.say("no_results"))
    position = int(ctx.session.get("pos", 0)) + 1
    if position >= len(results):
        return ctx.ask(ctx.say("no_more"))
    return _show(ctx, position)


def previous_item(ctx: Context) -> Reply:
    results = ctx.session.get("results") or []
    if not results:
        return ctx.ask(ctx.say("no_results"))
    position = int(ctx.session.get("pos", 0)) - 1
    if position < 0:
        return ctx.ask(ctx.say("no_previous"))
    return _show(ctx, position)


def _position(value: str | None) -> int | None:
    if not value:
        return None
    if value.strip().lower() == "last":
        return -1
    match = re.search(r"\d+", value)
    if match:
        return int(match.group())
    ordinal = parse_ordinal(value)
    if ordinal:
        return int(re.sub(r"\D", "", ordinal))
    return parse_number(value)


def select_item(ctx: Context) -> Reply:
    results = ctx.session.get("results") or []
    if not results:
        return ctx.ask(ctx.say("no_results"))
    n = _position(ctx.turn.slot("ordinal")) or _position(ctx.turn.slot("position"))
    if n == -1:
        n = len(results)
    if n is None or not 1 <= n <= len(results):
        return ctx.ask(ctx.say("no_such_position", count=len(results)))
    return _show(ctx, n - 1)


def details(ctx: Context) -> Reply:
    product = current_product(ctx)
    if product is None:
        return ctx.ask(ctx.say("no_results"))
    return ctx.ask(
        ctx.say(
            "details",
            name=product.name,
            brand=product.brand,
            price=product.price,
            description=product.description,
            rating=_rating(product),
            reviews=product.review_count,
            summary=product.review_summary,
        )
    )


def reviews(ctx: Context) -> Reply:
    product = current_product(ctx)
    if product is None:
        return ctx.ask(ctx.say("no_results"))
    if not product.review_count:
        return ctx.ask(ctx.say("reviews_none", name=product.name))
    return ctx.ask(
        ctx.say(
            "reviews",
            name=product.name,
            reviews=product.review_count,
            rating=_rating(product),
            summary=product.review_summary,
        )
    )
