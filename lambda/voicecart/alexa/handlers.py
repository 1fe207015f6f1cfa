"""ask-sdk-core request handlers: each translates, calls the core, renders. No rules here."""

from __future__ import annotations

import logging
import time

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from ask_sdk_model.canfulfill import (
    CanFulfillIntent,
    CanFulfillIntentValues,
    CanFulfillSlot,
    CanFulfillSlotValues,
    CanUnderstandSlotValues,
)

from ..conversation import intents
from ..conversation.core import Conversation
from ..speech import texts_for
from .translate import render, ssml, to_turn

log = logging.getLogger("voicecart.alexa")


class TurnHandler(AbstractRequestHandler):
    """LaunchRequest, IntentRequest and SessionEndedRequest all go to the core."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            is_request_type("LaunchRequest")(handler_input)
            or is_request_type("IntentRequest")(handler_input)
            or is_request_type("SessionEndedRequest")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        started = time.perf_counter()
        turn = to_turn(handler_input)
        reply = self.conversation.respond(turn)
        log.info(
            "turn",
            extra={
                "kind": turn.kind,
                "intent": turn.intent,
                "slots": sorted(turn.slots),
                "path": reply.path,
                "recognized": turn.person_id is not None,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return render(handler_input, reply)


# Slots the skill understands as free text, so it can only say MAYBE about fulfilling them.
_FREE_TEXT = frozenset({"query", "item"})
# Intents that only make sense inside a conversation already under way.
_IN_SESSION_ONLY = frozenset(
    {intents.VOICE_CODE, intents.SELECT_ITEM, intents.DETAILS, intents.REVIEWS}
)


class CanFulfillHandler(AbstractRequestHandler):
    """Answers whether the skill could take a request; touches no store, changes nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("CanFulfillIntentRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        intent = handler_input.request_envelope.request.intent
        name = intent.name if intent else ""
        known = name in intents.CUSTOM and name not in _IN_SESSION_ONLY
        slots = {}
        for slot_name in (intent.slots or {}) if intent else {}:
            understood = slot_name in intents.SLOTS.get(name, ())
            slots[slot_name] = CanFulfillSlot(
                can_understand=CanUnderstandSlotValues.YES
                if understood
                else CanUnderstandSlotValues.NO,
                can_fulfill=CanFulfillSlotValues.YES
                if understood and slot_name not in _FREE_TEXT
                else CanFulfillSlotValues.NO,
            )
        verdict = CanFulfillIntentValues.YES if known else CanFulfillIntentValues.NO
        if known and any(s in _FREE_TEXT for s in slots):
            verdict = CanFulfillIntentValues.MAYBE
        handler_input.response_builder.set_can_fulfill_intent(
            CanFulfillIntent(can_fulfill=verdict, slots=slots)
        )
        return handler_input.response_builder.response


class LastResortHandler(AbstractExceptionHandler):
    """Anything the core did not expect: log what and where (no slot values), apologise."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        request = handler_input.request_envelope.request
        intent = getattr(getattr(request, "intent", None), "name", None)
        log.error(
            "unhandled error",
            exc_info=exception,
            extra={"request_type": request.object_type, "intent": intent, "path": "last_resort"},
        )
        texts = texts_for(getattr(request, "locale", None))
        builder = handler_input.response_builder
        builder.speak(ssml(texts.say("error"))).ask(ssml(texts.say("reprompt_main")))
        return builder.response
