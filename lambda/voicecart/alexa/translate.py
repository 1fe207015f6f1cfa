"""Alexa request envelope -> Turn, and Reply -> Alexa response."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import (
    Intent,
    IntentConfirmationStatus,
    IntentRequest,
    LaunchRequest,
    SessionEndedRequest,
    Slot,
    SlotConfirmationStatus,
)
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.response import Response
from ask_sdk_model.slu.entityresolution import StatusCode
from ask_sdk_model.ui import LinkAccountCard, SimpleCard

from ..conversation.intents import SLOTS
from ..conversation.model import INTENT, LAUNCH, SESSION_ENDED, Reply, Turn


def _slots(request: IntentRequest) -> tuple[dict[str, str], dict[str, str]]:
    values: dict[str, str] = {}
    ids: dict[str, str] = {}
    for name, slot in (request.intent.slots or {}).items():
        if slot is None or slot.value is None:
            continue
        values[name] = slot.value
        for authority in (
            getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
        ):
            if (
                authority.status
                and authority.status.code == StatusCode.ER_SUCCESS_MATCH
                and authority.values
            ):
                ids[name] = authority.values[0].value.id or authority.values[0].value.name
                break
    return values, ids


def to_turn(handler_input: HandlerInput) -> Turn:
    envelope = handler_input.request_envelope
    request = envelope.request
    system = envelope.context.system
    person = getattr(system, "person", None)
    device = getattr(system, "device", None)
    session = envelope.session
    common: dict[str, Any] = dict(
        user_id=system.user.user_id if system.user else "",
        locale=request.locale or "en-US",
        person_id=person.person_id if person else None,
        device_id=device.device_id if device else "",
        session=dict(handler_input.attributes_manager.session_attributes or {}),
        new_session=bool(session.new) if session else True,
        request_id=request.request_id or "",
        platform="alexa",
    )
    if isinstance(request, LaunchRequest):
        return Turn(kind=LAUNCH, **common)
    if isinstance(request, SessionEndedRequest):
        return Turn(kind=SESSION_ENDED, **common)
    if isinstance(request, IntentRequest):
        values, ids = _slots(request)
        return Turn(kind=INTENT, intent=request.intent.name, slots=values, slot_ids=ids, **common)
    return Turn(kind=INTENT, intent="AMAZON.FallbackIntent", **common)


def ssml(text: str) -> str:
    """Plain text -> SSML body; the SDK wraps it in <speak>."""
    return escape(text)


def render(handler_input: HandlerInput, reply: Reply) -> Response:
    builder = handler_input.response_builder
    if reply.speech:
        builder.speak(ssml(reply.speech))
    if reply.reprompt and not reply.end_session:
        builder.ask(ssml(reply.reprompt))
    if reply.card is not None:
        if reply.card.link_account:
            builder.set_card(LinkAccountCard())
        else:
            builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    if reply.elicit is not None and not reply.end_session and _is_intent(handler_input):
        builder.add_directive(_elicit(*reply.elicit))
    builder.set_should_end_session(reply.end_session)
    handler_input.attributes_manager.session_attributes = dict(reply.session)
    return builder.response


def _is_intent(handler_input: HandlerInput) -> bool:
    # Dialog directives answer intent requests only (not a launch, not a session's end).
    return isinstance(handler_input.request_envelope.request, IntentRequest)


def _elicit(intent: str, slot: str) -> ElicitSlotDirective:
    """Alexa listens for just this slot of this intent next, so a lone "six" fills it (the
    interaction model's dialog section has its samples). The skill keeps what was already
    said in its session, so the intent goes back with its slots empty."""
    slots = {
        name: Slot(name=name, confirmation_status=SlotConfirmationStatus.NONE)
        for name in SLOTS.get(intent, (slot,))
    }
    return ElicitSlotDirective(
        slot_to_elicit=slot,
        updated_intent=Intent(
            name=intent, slots=slots, confirmation_status=IntentConfirmationStatus.NONE
        ),
    )
