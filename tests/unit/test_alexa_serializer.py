"""The skill reads request envelopes as the SDK does, its timestamps with the standard
library: the same objects come out, for Alexa's format and for anything else."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from tests.support import NOON_DALLAS
from voicecart.alexa.envelopes import envelope
from voicecart.alexa.serializer import Serializer

BODIES = [
    envelope("LaunchRequest", new=True, timestamp=NOON_DALLAS),
    envelope(
        "IntentRequest",
        intent="SearchIntent",
        slots={"query": "double a batteries"},
        person_id="amzn1.ask.person.parent",
        attributes={"stage": "results", "results": ["SKU1", "SKU2"]},
        timestamp=NOON_DALLAS,
    ),
    envelope("SessionEndedRequest", timestamp=NOON_DALLAS),
]


@pytest.mark.parametrize("body", BODIES, ids=["launch", "intent", "ended"])
def test_an_envelope_comes_out_as_the_sdk_makes_it(body: dict[str, object]) -> None:
    text = json.dumps(body)
    ours = Serializer().deserialize(payload=text, obj_type=RequestEnvelope)
    sdk = DefaultSerializer().deserialize(payload=text, obj_type=RequestEnvelope)
    assert ours.request.timestamp == sdk.request.timestamp == NOON_DALLAS
    assert ours.request.timestamp.utcoffset().total_seconds() == 0
    assert ours == sdk or ours.to_dict() == sdk.to_dict()
    assert Serializer().serialize(ours) == DefaultSerializer().serialize(sdk)


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-23T18:00:00Z",
        "2026-11-23T18:00:00+00:00",
        "2026-11-23T12:00:00-06:00",
        "2026-11-23T18:00:00.250Z",
        "2026-11-23 18:00:00 UTC",  # not ISO 8601: the SDK's parser reads it
        "Mon, 23 Nov 2026 18:00:00 GMT",
    ],
)
def test_any_timestamp_the_sdk_reads_means_the_same_instant(stamp: str) -> None:
    body = envelope("LaunchRequest", new=True)
    body["request"]["timestamp"] = stamp  # type: ignore[index]
    text = json.dumps(body)
    ours = Serializer().deserialize(payload=text, obj_type=RequestEnvelope).request.timestamp
    sdk = DefaultSerializer().deserialize(payload=text, obj_type=RequestEnvelope).request.timestamp
    assert ours == sdk
    assert ours.astimezone(UTC).replace(microsecond=0) == datetime(2026, 11, 23, 18, tzinfo=UTC)


def test_the_skill_and_its_endpoints_use_it() -> None:
    from voicecart.alexa.skill import build_skill
    from voicecart.bootstrap import build
    from voicecart.config import Config
    from voicecart.conversation.core import Conversation

    services = build(Config(db_path=":memory:", demo=True))  # type: ignore[arg-type]
    assert isinstance(build_skill(Conversation(services), None).serializer, Serializer)


def test_an_iso_timestamp_never_reaches_dateutil(monkeypatch: pytest.MonkeyPatch) -> None:
    """The override is in use: were the SDK's private hook renamed, this would fail rather
    than quietly fall back to the slow parser."""
    import dateutil.parser

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("dateutil was asked to parse an ISO timestamp")

    monkeypatch.setattr(dateutil.parser, "parse", refuse)
    text = json.dumps(BODIES[1])
    envelope_ = Serializer().deserialize(payload=text, obj_type=RequestEnvelope)
    assert envelope_.request.timestamp == NOON_DALLAS
