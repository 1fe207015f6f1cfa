"""The conversation core: one entry point, `Conversation.respond(turn) -> Reply`.

It finds the household and the speaker's profile, then hands the turn to the handler
for its intent. Handlers live in small modules by topic; this module only routes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..domain.errors import StoreError, ValidationError
from ..domain.household import Role
from ..domain.records import ApprovalStatus
from ..ports import TurnReads
from ..speech import Texts, texts_for
from . import browse, cart, checkout, gift
from . import intents as i
from .context import Context, CoreServices
from .model import INTENT, LAUNCH, SESSION_ENDED, Card, Reply, Turn

log = logging.getLogger("voicecart.conversation")

# Session attribute: the household of this conversation, a hint for the store's first read
# of the next turn (see TurnReads); who the user is, is always read from the store.
HOUSEHOLD_HINT = "hh"

Handler = Callable[[Context], Reply]


def launch(ctx: Context) -> Reply:
    ctx.session.clear()
    if ctx.profile.role is Role.ADULT:
        waiting = ctx.services.store.list_approvals(
            ctx.household.id, ApprovalStatus.PENDING, ctx.services.clock.now()
        )
        if waiting:
            return ctx.ask(ctx.say("welcome_approvals", count=_requests(len(waiting))))
    basket = ctx.services.shopping.cart(ctx.household.id)
    if not basket.is_empty:
        return ctx.ask(ctx.say("welcome_back_cart", count=cart.count_words(ctx, basket.item_count)))
    return ctx.ask(ctx.say("welcome"))


def _requests(n: int) -> str:
    return "one request" if n == 1 else f"{n} requests"


def help_(ctx: Context) -> Reply:
    stage = ctx.session.get("stage")
    if stage == "code":
        return ctx.ask(ctx.say("help_code"))
    if stage == "confirm":
        return ctx.ask(ctx.say("help_confirm"))
    product = browse.current_product(ctx) if stage == "browse" else None
    if product is not None:
        return ctx.ask(ctx.say("help_browsing", name=product.name))
    return ctx.ask(ctx.say("help"))


def stop(ctx: Context) -> Reply:
    checkout.cancel_pending(ctx)
    basket = ctx.services.shopping.cart(ctx.household.id)
    return ctx.tell(ctx.say("goodbye" if basket.is_empty else "goodbye_cart_saved"))


def cancel(ctx: Context) -> Reply:
    """ "Cancel" stops what is waiting for a yes if anything is; otherwise it ends the visit."""
    if checkout.cancel_pending(ctx):
        return ctx.ask(ctx.say("declined_ok"))
    return stop(ctx)


def fallback(ctx: Context) -> Reply:
    stage = ctx.session.get("stage")
    if stage == "confirm":
        return ctx.ask(ctx.say("fallback_confirm"))
    if stage == "code":
        return ctx.ask(ctx.say("fallback_code"))
    return ctx.ask(ctx.say("fallback"))


def session_ended(ctx: Context) -> Reply:
    checkout.cancel_pending(ctx)
    return Reply("", end_session=True, path="session_ended")


HANDLERS: dict[str, Handler] = {
    i.SEARCH: browse.search,
    i.BROWSE_CATEGORY: browse.browse_category,
    i.SELECT_ITEM: browse.select_item,
    i.DETAILS: browse.details,
    i.REVIEWS: browse.reviews,
    i.NEXT: browse.next_item,
    i.PREVIOUS: browse.previous_item,
    i.ADD_TO_CART: cart.add_to_cart,
    i.CART_CONTENTS: cart.cart_contents,
    i.REMOVE_FROM_CART: cart.remove_from_cart,
    i.EMPTY_CART: cart.empty_cart,
    i.BUY: checkout.buy,
    i.CHECKOUT: checkout.checkout,
    i.REORDER: checkout.reorder,
    i.YES: checkout.yes,
    i.NO: checkout.no,
    i.VOICE_CODE: checkout.voice_code,
    i.APPROVALS: checkout.approvals,
    i.ORDER_STATUS: checkout.order_status,
    i.CANCEL_ORDER: checkout.cancel_order,
    i.GIFT_FINDER: gift.gift_finder,
    i.HELP: help_,
    i.STOP: stop,
    i.NAVIGATE_HOME: stop,
    i.CANCEL: cancel,
    i.FALLBACK: fallback,
}


def _hint(value: object) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


class Conversation:
    def __init__(
        self, services: CoreServices, extra_handlers: dict[str, Handler] | None = None
    ) -> None:
        self.services = services
        self.handlers = {**HANDLERS, **(extra_handlers or {})}

    def knows(self, intent: str) -> bool:
        return intent in self.handlers

    def respond(self, turn: Turn) -> Reply:
        texts = texts_for(turn.locale)
        reads = TurnReads(
            turn.user_id,
            turn.person_id,
            turn.confirming_device,
            self.services.purchases.counter_keys_now,
            household_hint=_hint(turn.session.get(HOUSEHOLD_HINT)),
        )
        try:
            # One bracket per turn: on DynamoDB the turn's reads come in one batched request
            # and its plain writes go out together at the end (see Store.turn).
            with self.services.store.turn(reads):
                return self._respond(turn, texts)
        except StoreError:
            log.warning("store unavailable", extra={"path": "turn"})
            return Reply(
                texts.say("busy", turn.platform),
                texts.say("reprompt_main", turn.platform),
                session=dict(turn.session),
                path="busy",
            )

    def _respond(self, turn: Turn, texts: Texts) -> Reply:
        household = self.services.households.for_user(turn.user_id)
        if household is None:
            if turn.kind == SESSION_ENDED:
                return Reply("", end_session=True, path="session_ended")
            return Reply(
                texts.say("not_linked", turn.platform),
                card=Card("Link your account", "", True),
                end_session=True,
                path="not_linked",
            )
        profile = self.services.households.profile_for(household, turn.person_id)
        ctx = Context(turn, self.services, texts, household, profile, dict(turn.session))
        handler = self._handler(turn)
        ctx.path = handler.__name__
        try:
            reply = handler(ctx)
        except ValidationError:
            reply = ctx.ask(ctx.say("say_what"))
        except StoreError:
            log.warning("store unavailable", extra={"path": ctx.path})
            reply = ctx.ask(ctx.say("busy"))
        if not reply.end_session:
            reply.session[HOUSEHOLD_HINT] = household.id
        return reply

    def _handler(self, turn: Turn) -> Handler:
        if turn.kind == LAUNCH:
            return launch
        if turn.kind == SESSION_ENDED:
            return session_ended
        if turn.kind == INTENT and turn.intent:
            if turn.session.get("stage") == gift.STAGE:
                # A lone number ("six") has no gift sample of its own (it would compete with
                # the voice code's): while a gift question is open, it answers it.
                if turn.intent == i.VOICE_CODE:
                    return gift.number_answer
                if turn.intent == i.FALLBACK:
                    return gift.ask_again
            return self.handlers.get(turn.intent, fallback)
        return fallback
