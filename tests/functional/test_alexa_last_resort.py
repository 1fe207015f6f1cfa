"""An unexpected exception is spoken as a short apology and logged without slot values;
the specific paths never reach that handler."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from tests.support import FakeClock
from voicecart.alexa.envelopes import envelope, speech_of
from voicecart.alexa.skill import build_skill
from voicecart.bootstrap import build
from voicecart.config import Config
from voicecart.conversation.context import Context
from voicecart.conversation.core import Conversation
from voicecart.conversation.model import Reply
from voicecart.logs import JsonFormatter

SKILL = "amzn1.ask.skill.test"


def invoke(skill, body):  # type: ignore[no-untyped-def]
    from ask_sdk_model import RequestEnvelope

    request = skill.serializer.deserialize(payload=json.dumps(body), obj_type=RequestEnvelope)
    return skill.serializer.serialize(skill.invoke(request_envelope=request, context=None))


def broken(ctx: Context) -> Reply:
    raise RuntimeError(f"bug while handling code {ctx.turn.slots.get('code')}")


@pytest.fixture
def services(tmp_path: Path):  # type: ignore[no-untyped-def]
    return build(
        Config(db_path=tmp_path / "db.sqlite", demo=True, skill_id=SKILL), clock=FakeClock()
    )


def test_an_unexpected_error_is_an_apology_logged_without_slot_values(
    services, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    skill = build_skill(Conversation(services, {"VoiceCodeIntent": broken}), SKILL)
    caplog.set_level(logging.INFO, logger="voicecart")
    body = envelope(
        "IntentRequest", intent="VoiceCodeIntent", slots={"code": "4821"}, skill_id=SKILL
    )
    response = invoke(skill, body)
    assert (
        speech_of(response) == "Sorry, something went wrong on my side. Please try again "
        "in a moment."
    )
    assert response["response"]["shouldEndSession"] is False
    [record] = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    assert record.path == "last_resort" and record.intent == "VoiceCodeIntent"  # type: ignore[attr-defined]
    line = JsonFormatter().format(record)
    assert "4821" not in line
    assert json.loads(line)["error"] == "RuntimeError"


def test_the_specific_paths_never_reach_the_last_resort(
    services, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    from voicecart.conversation import intents

    skill = build_skill(Conversation(services), SKILL)
    caplog.set_level(logging.INFO, logger="voicecart")
    for name in intents.ALL:
        slots = {slot: "2" for slot in intents.SLOTS.get(name, ())}
        response = invoke(
            skill, envelope("IntentRequest", intent=name, slots=slots, skill_id=SKILL, new=True)
        )
        assert "something went wrong" not in speech_of(response), name
    for kind in ("LaunchRequest", "SessionEndedRequest"):
        invoke(skill, envelope(kind, skill_id=SKILL))
    assert not [r for r in caplog.records if getattr(r, "path", "") == "last_resort"]
