"""The gift finder (PRODUCT.md 10): "help me find a gift" asks the age, the budget and the
kind of gift, one question at a time, then reads three ideas from the catalog and leaves
them as the browse list, so "tell me more", "next", "add it to my cart" and "buy it" work
on them as on any search.

What was said is kept in session attributes (a convenience, like the result list), so
"a gift for a six year old under thirty dollars" skips the two questions it answers. A
number said with its unit ("six years old", "thirty dollars") fills its own slot. Each
question is asked with `elicit` (Alexa: Dialog.ElicitSlot), so Alexa then listens for that
slot's own samples and a lone "six" is the age. The intent itself has no bare-number sample
(it would compete with the voice code's "{code}"), so where a platform cannot elicit
(Dialogflow), a lone number arrives as the voice code intent or the fallback; while a gift
question is open the core hands those here (`number_answer`, `ask_again`): a number
answers the question asked, the rest hears the question again.

Every idea comes through the store's search and is checked here: within the budget, of
the kind asked for, never age-restricted (whoever it is for), and never in a category the
speaking profile is blocked from.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ..domain.catalog import Product
from . import browse
from . import intents as i
from .context import Context
from .model import Reply
from .numbers import parse_number

STAGE = "gift"  # session "stage" while a question is open
KEY = "gift"  # session key: {"age", "budget", "kind", "asked", "shown"}
IDEAS = 3  # read aloud at most three in a row (PRODUCT.md)
PER_SEARCH = 25  # matches looked at per search phrase
MAX_AGE = 120
MAX_BUDGET = Decimal(100_000)
CHILD_UNTIL = 13  # below this age the kinds offered are a child's
ROUND_BUDGET_TO = 5  # a suggested higher budget is a round number of dollars
# The search's own price grammar (domain/textnorm.extract_price): a query, never speech.
PRICED_QUERY = "{terms} under {budget} dollars"


@dataclass(frozen=True)
class Kind:
    searches: tuple[str, ...]  # catalog words to look for, best first
    categories: frozenset[str]  # the categories an idea of this kind may come from


# GIFT_KIND value ids (interaction_models/en-US.yaml) -> where to look in the catalog.
# Catalog vocabulary, not speech: the spoken name of each kind is in the speech texts.
KINDS: dict[str, Kind] = {
    "toy": Kind(("toys",), frozenset({"toys"})),
    "book": Kind(("books",), frozenset({"books"})),
    "game": Kind(("board game", "card game", "game"), frozenset({"toys"})),
    "puzzle": Kind(("puzzle",), frozenset({"toys"})),
    "gadget": Kind(
        ("audio", "smart home", "streaming stick", "power bank"), frozenset({"electronics"})
    ),
    "art_supplies": Kind(
        ("art set", "modeling dough", "crayons", "gel pens"), frozenset({"toys", "office"})
    ),
    "building_set": Kind(("lego", "building blocks"), frozenset({"toys"})),
    "doll": Kind(("doll", "stuffed animal"), frozenset({"toys"})),
    "sports": Kind(("sports",), frozenset({"sports"})),
    "kitchen": Kind(("kitchen appliance", "kitchenware"), frozenset({"kitchen"})),
}
# Alexa resolves a GIFT_KIND value to its id; Dialogflow sends the value's name instead.
KIND_NAMES = {
    "art supplies": "art_supplies",
    "building set": "building_set",
    "sports gear": "sports",
    "kitchen gadget": "kitchen",
}


def gift_finder(ctx: Context) -> Reply:
    said = {name for name in ("age", "budget", "kind", "number") if ctx.turn.slot(name)}
    state = _continued(ctx, said)
    if state is None:
        if said == {"kind"} and _kind(ctx) is None:
            # An open slot on a real speaker can hold any words: alone, outside the gift
            # finder, they are not a request for one.
            return ctx.ask(ctx.say("fallback"))
        state = {}
    started = not state
    refused, answered = _take_answers(ctx, state)
    ctx.session[KEY] = state
    if refused is not None:
        return _ask(ctx, state, refused, again=True)
    missing = next((q for q in ("age", "budget", "kind") if state.get(q) is None), None)
    if missing is not None:
        return _ask(ctx, state, missing, started=started, answered=answered)
    return _recommend(ctx, state)


# ---- what was said ---------------------------------------------------------------------
def _continued(ctx: Context, said: set[str]) -> dict[str, Any] | None:
    """The gift conversation this turn goes on with, or None to start a new one.

    While a question is open everything said adds to it, and once ideas were read a new
    budget or kind refines them ("make it fifty dollars"); but "help me find a gift" again,
    or another age (another person), is a new gift."""
    state = ctx.session.get(KEY)
    if not isinstance(state, dict) or not said:
        return None
    age = _amount(ctx.turn.slot("age") or "")
    if age is not None and state.get("age") is not None and int(age) != state["age"]:
        return None
    if ctx.session.get("stage") == STAGE:
        return dict(state)
    shown = state.get("shown")
    if shown and ctx.session.get("results") == shown:
        return dict(state)
    return None


def _take_answers(ctx: Context, state: dict[str, Any]) -> tuple[str | None, set[str]]:
    """Store what this turn says. Returns the question to ask again if an answer makes no
    sense, and what was answered."""
    answers = {name: ctx.turn.slot(name) for name in ("age", "budget")}
    bare = ctx.turn.slot("number")
    asked = state.get("asked")
    if bare is not None:
        if asked in answers and answers[asked] is None:
            answers[asked] = bare
        elif asked == "kind":
            return "kind", set()
    if answers["age"] is not None:
        age = _amount(answers["age"])
        if age is None or not 0 <= age <= MAX_AGE:
            # Never said back: a number this far off may be a misheard voice code.
            return "age", set()
        state["age"] = int(age)
    if answers["budget"] is not None:
        budget = _amount(answers["budget"])
        if budget is None or not 1 <= budget <= MAX_BUDGET:
            return "budget", set()
        state["budget"] = str(budget.quantize(Decimal("0.01")))
    if ctx.turn.slot("kind"):
        state["kind"] = _kind(ctx) or " ".join(str(ctx.turn.slot("kind")).lower().split())
    return None, {name for name, value in answers.items() if value is not None}


def _amount(raw: str) -> Decimal | None:
    """Alexa gives digits ("30"), Dialogflow may give "29.5", a simulator words."""
    text = raw.strip().lstrip("$").replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        number = parse_number(text)
        return None if number is None else Decimal(number)
    return value if value.is_finite() else None


def _kind(ctx: Context) -> str | None:
    """The GIFT_KIND id of what was said, or None for words the type does not know."""
    said = ctx.turn.slot("kind")
    if said is None:
        return None
    known = ctx.turn.slot_ids.get("kind")
    if known in KINDS:
        return known
    words = " ".join(said.lower().split())
    if words in KINDS:
        return words
    return KIND_NAMES.get(words)


def number_answer(ctx: Context) -> Reply:
    """A lone number the platform heard as the voice code while a gift question is open
    (no purchase is waiting for a code then): the answer to that question. Never said back
    if it makes no sense, as it may be a code after all."""
    number = ctx.turn.slot("code")
    if number is None:
        return ask_again(ctx)
    return gift_finder(replace(ctx, turn=replace(ctx.turn, slots={"number": number})))


def ask_again(ctx: Context) -> Reply:
    """Not understood while a gift question is open: the question again, with its hint."""
    state = ctx.session.get(KEY)
    asked = state.get("asked") if isinstance(state, dict) else None
    if not isinstance(state, dict) or asked not in ("age", "budget", "kind"):
        ctx.session.pop("stage", None)
        return ctx.ask(ctx.say("fallback"))
    return _ask(ctx, state, str(asked), again=True)


# ---- asking ------------------------------------------------------------------------------
def _question(ctx: Context, state: dict[str, Any], slot: str) -> str:
    if slot == "kind":
        age = state.get("age")
        child = age is None or int(age) < CHILD_UNTIL
        return ctx.say("gift_q_kind_child" if child else "gift_q_kind_adult")
    return ctx.say(f"gift_q_{slot}")


def _ask(
    ctx: Context,
    state: dict[str, Any],
    slot: str,
    *,
    again: bool = False,
    started: bool = False,
    answered: frozenset[str] | set[str] = frozenset(),
) -> Reply:
    state["asked"] = slot
    ctx.session["stage"] = STAGE
    question = _question(ctx, state, slot)
    if again:
        intro = ctx.say("gift_again")
    elif started and state.keys() == {"budget", "asked"}:
        # Maybe a search whose price phrase was taken for a gift budget: say how to search.
        intro = ctx.say("gift_start_budget", budget=_budget(state))
    elif started and state.keys() == {"asked"}:
        intro = ctx.say("gift_start")
    elif slot == "budget" and "age" in answered:
        intro = ctx.say("gift_for_age", age=state["age"])
    else:
        intro = ""
    return ctx.ask(f"{intro} {question}".strip(), question, elicit=(i.GIFT_FINDER, slot))


# ---- recommending ----------------------------------------------------------------------
def _recommend(ctx: Context, state: dict[str, Any]) -> Reply:
    kind = KINDS.get(str(state["kind"]))
    searches = kind.searches if kind else (str(state["kind"]),)
    blocked = ctx.profile.effective_blocked_categories

    def fits(product: Product) -> bool:
        return (
            not product.restricted
            and product.category not in blocked
            and (kind is None or product.category in kind.categories)
        )

    budget = _budget(state)
    ideas = [p for p in _search(ctx, searches, budget) if fits(p) and p.price <= budget]
    if ideas:
        return _read(ctx, state, ideas[:IDEAS], budget)
    spoken_kind = _kind_words(ctx, state)
    dearer = [p for p in _search(ctx, searches, None) if fits(p)]
    if dearer:
        cheapest = min(dearer, key=lambda p: p.price)
        state["asked"] = "budget"
        ctx.session["stage"] = STAGE
        suggest = math.ceil(cheapest.price / ROUND_BUDGET_TO) * ROUND_BUDGET_TO
        return ctx.ask(
            ctx.say(
                "gift_over_budget",
                kind=spoken_kind,
                budget=budget,
                name=cheapest.name,
                price=cheapest.price,
                suggest=suggest,
            ),
            ctx.say("gift_q_budget"),
        )
    state.pop("kind", None)
    state["asked"] = "kind"
    ctx.session["stage"] = STAGE
    question = _question(ctx, state, "kind")
    return ctx.ask(f"{ctx.say('gift_none', kind=spoken_kind)} {question}", question)


def _search(ctx: Context, searches: Iterable[str], budget: Decimal | None) -> list[Product]:
    """Each phrase's matches in the search's order, the first phrase first, once each."""
    seen: dict[str, Product] = {}
    for terms in searches:
        text = terms if budget is None else PRICED_QUERY.format(terms=terms, budget=budget)
        for product in ctx.services.shopping.search(text, limit=PER_SEARCH).products:
            seen.setdefault(product.sku, product)
    return list(seen.values())


def _read(ctx: Context, state: dict[str, Any], ideas: list[Product], budget: Decimal) -> Reply:
    browse.remember(ctx, ideas, _kind_words(ctx, state))
    state["shown"] = [p.sku for p in ideas]
    state.pop("asked", None)
    ctx.session[KEY] = state
    spoken = " ".join(
        ctx.say(f"gift_idea_{n}", name=p.name, price=p.price) for n, p in enumerate(ideas, 1)
    )
    return ctx.ask(
        ctx.say(f"gift_ideas_{len(ideas)}", age=state["age"], budget=budget, ideas=spoken)
    )


def _budget(state: dict[str, Any]) -> Decimal:
    return Decimal(str(state["budget"]))


def _kind_words(ctx: Context, state: dict[str, Any]) -> str:
    kind = str(state.get("kind") or "")
    key = f"gift_kind.{kind}"
    return ctx.say(key) if kind in KINDS and ctx.texts.has(key) else kind
