"""Dialogflow ES v2 WebhookRequest JSON -> Turn, and Reply -> WebhookResponse JSON.

The counterpart of alexa/translate.py. Slot values are made to look like what Alexa's
built-in types give, so the core never asks which platform it is on: @sys.number's 2.0
becomes "2", @sys.ordinal's 2.0 becomes "2nd" (AMAZON.Ordinal's form).
"""

from __future__ import annotations

import math
from typing import Any

from ..conversation import intents
from ..conversation.model import INTENT, LAUNCH, Card, Reply, Turn
from ..conversation.numbers import ordinal_suffix, parse_ordinal
from . import PERSON_PREFIX

STATE_CONTEXT = "voicecart-state"
# Dialogflow copies the matched intent's parameters into every active context, so a flat
# state dict's "item" (the product being discussed) would be overwritten by the
# AddToCartIntent's "item" parameter. The state is kept whole under one key instead.
STATE_KEY = "state"
# Every turn re-sends the context; the lifespan only has to outlast a turn or two that
# does not reach the webhook. Dialogflow also drops a context after 20 idle minutes.
STATE_LIFESPAN = 5
DISPLAY_TEXT_LIMIT = 640  # Actions on Google's limit for one simpleResponse bubble

# Dialogflow's own names for the welcome and fallback intents, besides our actions.
_LAUNCH_NAMES = frozenset({"LaunchRequest", "input.welcome", "Default Welcome Intent"})
_FALLBACK_NAMES = frozenset({"input.unknown", "Default Fallback Intent"})
# Slots of type AMAZON.Ordinal (@sys.ordinal): a unit test keeps this in step with the model.
ORDINAL_SLOTS = frozenset({"ordinal"})


class WebhookRequestError(ValueError):
    """The body is not a Dialogflow ES v2 WebhookRequest this adapter can read."""


def _object(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise WebhookRequestError(f"{where} must be an object")
    return value


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WebhookRequestError(f"{where} must be a string")
    return value


def canonical_intent(action: str, display_name: str) -> str:
    """The intents.py name (or LaunchRequest) for a matched Dialogflow intent.

    The generated agent sets every intent's action to its canonical name; the display
    name is the fallback for an agent edited in the console, where built-ins are named
    without the AMAZON. prefix ("YesIntent").
    """
    for name in (action, display_name):
        if name in intents.ALL:
            return name
        if name in _LAUNCH_NAMES:
            return "LaunchRequest"
        if name in _FALLBACK_NAMES:
            return intents.FALLBACK
        if f"AMAZON.{name}" in intents.BUILT_IN:
            return f"AMAZON.{name}"
    return action or display_name or intents.FALLBACK  # unknown: the core falls back


def _number(value: float) -> str | None:
    if not math.isfinite(value):
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def slot_value(name: str, value: Any) -> str | None:
    """One Dialogflow parameter value as the string an Alexa slot would carry."""
    if isinstance(value, list):  # an isList parameter: the first value that says something
        values = (slot_value(name, v) for v in value)
        return next((v for v in values if v), None)
    if isinstance(value, dict):  # composite entities such as @sys.unit-currency
        amount = value.get("amount")
        return slot_value(name, amount) if amount is not None else None
    if value is None or isinstance(value, bool):
        return None
    text = _number(value) if isinstance(value, int | float) else str(value).strip()
    if not text:
        return None
    if name in ORDINAL_SLOTS:
        if text.isdigit():
            return ordinal_suffix(int(text))
        return parse_ordinal(text) or text
    return text


def _slots(parameters: dict[str, Any]) -> dict[str, str]:
    slots: dict[str, str] = {}
    for name, value in parameters.items():
        converted = slot_value(str(name), value)
        if converted is not None:
            slots[str(name)] = converted
    return slots


def _integral(value: Any) -> Any:
    """Context parameters are a protobuf Struct: every number comes back as a double."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _integral(v) for k, v in value.items()}
    return value


def read_state(query_result: dict[str, Any]) -> dict[str, Any] | None:
    """The conversation state from our output context; None when the context is absent."""
    contexts = query_result.get("outputContexts")
    if contexts is None:
        return None
    if not isinstance(contexts, list):
        raise WebhookRequestError("queryResult.outputContexts must be a list")
    suffix = f"/contexts/{STATE_CONTEXT}"
    for context in contexts:
        if not isinstance(context, dict):
            continue
        name = context.get("name")
        if context.get("lifespanCount") == 0:  # expired: some clients echo it back
            continue
        if isinstance(name, str) and name.lower().endswith(suffix):
            parameters = context.get("parameters")
            state = parameters.get(STATE_KEY) if isinstance(parameters, dict) else None
            return _integral(state) if isinstance(state, dict) else {}
    return None


def google_user_id(body: dict[str, Any]) -> str:
    original = _object(body.get("originalDetectIntentRequest"), "originalDetectIntentRequest")
    payload = _object(original.get("payload"), "originalDetectIntentRequest.payload")
    user = payload.get("user")
    if not isinstance(user, dict):
        return ""
    user_id = user.get("userId")
    return user_id.strip() if isinstance(user_id, str) else ""


def person_id_for(google_user: str) -> str:
    """What a parent puts in a profile's person_ids to link this Google user to it."""
    return f"{PERSON_PREFIX}{google_user}"


def _locale(language_code: str) -> str:
    language, _, region = language_code.replace("_", "-").partition("-")
    if not language:
        return "en-US"
    return f"{language.lower()}-{region.upper()}" if region else language.lower()


def to_turn(body: Any) -> Turn:
    if not isinstance(body, dict):
        raise WebhookRequestError("the body must be a JSON object")
    if "queryResult" not in body:
        raise WebhookRequestError("queryResult is missing")
    query = _object(body.get("queryResult"), "queryResult")
    session = _text(body.get("session"), "session").strip()
    if not session:
        raise WebhookRequestError("session is missing")
    intent = _object(query.get("intent"), "queryResult.intent")
    name = canonical_intent(
        _text(query.get("action"), "queryResult.action").strip(),
        _text(intent.get("displayName"), "queryResult.intent.displayName").strip(),
    )
    google_user = google_user_id(body)
    state = read_state(query)
    common: dict[str, Any] = dict(
        # The Google user finds the household (as Alexa's account id does) and, linked on
        # the parent page, the profile; with no user id the conversation is its own user.
        user_id=person_id_for(google_user) if google_user else session,
        locale=_locale(_text(query.get("languageCode"), "queryResult.languageCode")),
        person_id=person_id_for(google_user) if google_user else None,
        # Pending purchases are held per conversation: the Dialogflow session.
        device_id=session,
        session=state or {},
        new_session=state is None,
        request_id=_text(body.get("responseId"), "responseId"),
        platform="google",
    )
    if name == "LaunchRequest":
        return Turn(kind=LAUNCH, **common)
    parameters = _object(query.get("parameters"), "queryResult.parameters")
    return Turn(kind=INTENT, intent=name, slots=_slots(parameters), **common)


def _display(text: str) -> str:
    if len(text) <= DISPLAY_TEXT_LIMIT:
        return text
    cut = text[: DISPLAY_TEXT_LIMIT - 1].rsplit(" ", 1)[0]
    return f"{cut}\u2026"


def _basic_card(card: Card, speech: str) -> dict[str, Any]:
    # Dialogflow has no account-linking card: the card repeats what to do instead.
    return {"title": card.title, "formattedText": card.text or speech}


def state_context(session: str, reply: Reply) -> dict[str, Any]:
    return {
        "name": f"{session}/contexts/{STATE_CONTEXT}",
        # Lifespan 0 deletes the context: a conversation that ended starts clean.
        "lifespanCount": 0 if reply.end_session else STATE_LIFESPAN,
        "parameters": {STATE_KEY: dict(reply.session)},
    }


def render(reply: Reply, session: str) -> dict[str, Any]:
    speech = reply.speech
    messages: list[dict[str, Any]] = [{"text": {"text": [speech]}}]
    items: list[dict[str, Any]] = [
        {"simpleResponse": {"textToSpeech": speech, "displayText": _display(speech)}}
    ]
    if reply.card is not None:
        card = _basic_card(reply.card, speech)
        messages.append({"basicCard": card})
        items.append({"basicCard": card})
    google: dict[str, Any] = {
        "expectUserResponse": not reply.end_session,
        "richResponse": {"items": items},
    }
    if reply.reprompt and not reply.end_session:
        google["noInputPrompts"] = [
            {"textToSpeech": reply.reprompt, "displayText": _display(reply.reprompt)}
        ]
    return {
        "fulfillmentText": speech,
        "fulfillmentMessages": messages,
        "payload": {"google": google},
        "outputContexts": [state_context(session, reply)],
    }


def apology(speech: str, reprompt: str, session: str, state: dict[str, Any]) -> dict[str, Any]:
    """The last-resort answer: a short spoken apology; the conversation stays open."""
    return render(Reply(speech, reprompt, session=state, path="last_resort"), session)
