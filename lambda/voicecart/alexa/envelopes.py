"""Build Alexa request envelopes the way the Alexa service sends them.

Used by the terminal simulator (`voicecart chat`), the benchmarks and the tests, so they
all drive the real skill object through the real ask-sdk deserializer.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from ..config import DEMO_SKILL_ID


def _slot_json(name: str, value: str | None, resolved_id: str | None = None) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is not None:
        slot["value"] = value
    if resolved_id is not None:
        slot["resolutions"] = {
            "resolutionsPerAuthority": [
                {
                    "authority": f"amzn1.er-authority.echo-sdk.{DEMO_SKILL_ID}.{name}",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": value, "id": resolved_id}}],
                }
            ]
        }
    return slot


def envelope(
    request_type: str,
    *,
    intent: str | None = None,
    slots: dict[str, str] | None = None,
    slot_ids: dict[str, str] | None = None,
    user_id: str = "amzn1.ask.account.demo-user",
    person_id: str | None = None,
    device_id: str = "amzn1.ask.device.demo-kitchen",
    session_id: str | None = None,
    attributes: dict[str, Any] | None = None,
    new: bool = False,
    skill_id: str = DEMO_SKILL_ID,
    locale: str = "en-US",
    timestamp: datetime | None = None,
) -> dict[str, Any]:
    stamp = (timestamp or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    request: dict[str, Any] = {
        "type": request_type,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": stamp,
        "locale": locale,
    }
    if request_type in ("IntentRequest", "CanFulfillIntentRequest"):
        names = dict(slots or {})
        request["intent"] = {
            "name": intent,
            "confirmationStatus": "NONE",
            "slots": {
                name: _slot_json(name, value, (slot_ids or {}).get(name))
                for name, value in names.items()
            },
        }
        request["dialogState"] = "COMPLETED"
    if request_type == "SessionEndedRequest":
        request["reason"] = "USER_INITIATED"
    application = {"applicationId": skill_id}
    user = {"userId": user_id}
    system: dict[str, Any] = {
        "application": application,
        "user": user,
        "device": {"deviceId": device_id, "supportedInterfaces": {}},
        "apiEndpoint": "https://api.amazonalexa.com",
    }
    if person_id:
        system["person"] = {"personId": person_id}
    return {
        "version": "1.0",
        "session": {
            "new": new,
            "sessionId": session_id or f"amzn1.echo-api.session.{uuid.uuid4()}",
            "application": application,
            "user": user,
            "attributes": attributes or {},
        },
        "context": {"System": system},
        "request": request,
    }


def speech_of(response: dict[str, Any]) -> str:
    """The plain words of a response's SSML."""
    import re

    ssml = (response.get("response", {}).get("outputSpeech") or {}).get("ssml", "")
    text = re.sub(r"<[^>]+>", "", ssml)
    return (
        text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
    )
