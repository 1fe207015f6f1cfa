"""`voicecart chat`: type what you would say, read what the speaker would answer.

Text is resolved to an intent and slots from the interaction model's own samples, turned
into a real Alexa request envelope, and handed to the same skill object the endpoints
serve, so a developer can try the whole skill with no Amazon account.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .alexa.envelopes import envelope, speech_of
from .demo import CHILD_PERSON, PARENT_PERSON, TEEN_PERSON

PERSONS: dict[str, str | None] = {
    "parent": PARENT_PERSON,
    "teen": TEEN_PERSON,
    "child": CHILD_PERSON,
    "guest": None,
}


@dataclass
class Heard:
    """What the speaker answered to one utterance."""

    intent: str
    slots: dict[str, str]
    speech: str
    reprompt: str
    card: dict[str, Any] | None
    ended: bool
    raw: dict[str, Any]


@dataclass
class Simulator:
    """One person at one device, talking to the skill over as many sessions as they like."""

    skill: Any
    skill_id: str
    person: str = "parent"
    device_id: str = "amzn1.ask.device.demo-kitchen"
    user_id: str = "amzn1.ask.account.demo-user"
    locale: str = "en-US"
    model: Any = None
    _attributes: dict[str, Any] = field(default_factory=dict)
    # (intent, slot) the last reply asked Alexa to listen for (Dialog.ElicitSlot)
    _elicit: tuple[str, str] | None = None
    _in_session: bool = False
    _session_id: str = ""

    def __post_init__(self) -> None:
        if self.model is None:
            from .models import load

            self.model = load()

    def open(self) -> Heard:
        """ "Alexa, open voice cart"."""
        return self._send("LaunchRequest")

    def say(self, text: str) -> Heard:
        from .models import LAUNCH, resolve_full

        found = resolve_full(text, self.model, elicit=self._elicit if self._in_session else None)
        if found.intent == LAUNCH:
            return self.open()
        return self._send("IntentRequest", found.intent, dict(found.slots), dict(found.slot_ids))

    def intent(self, name: str, **slots: str) -> Heard:
        return self._send("IntentRequest", name, slots, {})

    def leave(self) -> Heard:
        """The session times out or the person walks away."""
        heard = self._send("SessionEndedRequest")
        self._in_session = False
        return heard

    def _send(
        self,
        request_type: str,
        intent: str | None = None,
        slots: dict[str, str] | None = None,
        slot_ids: dict[str, str] | None = None,
    ) -> Heard:
        import uuid

        from ask_sdk_model import RequestEnvelope

        new = not self._in_session
        if new:
            self._attributes, self._session_id = {}, f"amzn1.echo-api.session.{uuid.uuid4()}"
        body = envelope(
            request_type,
            intent=intent,
            slots=slots,
            slot_ids=slot_ids,
            user_id=self.user_id,
            person_id=PERSONS.get(self.person, self.person),
            device_id=self.device_id,
            session_id=self._session_id,
            attributes=self._attributes,
            new=new,
            skill_id=self.skill_id,
            locale=self.locale,
        )
        serializer = self.skill.serializer
        request = serializer.deserialize(payload=json.dumps(body), obj_type=RequestEnvelope)
        raw: dict[str, Any] = serializer.serialize(
            self.skill.invoke(request_envelope=request, context=None)
        )
        response = raw.get("response") or {}
        ended = bool(response.get("shouldEndSession")) or request_type == "SessionEndedRequest"
        self._in_session = not ended
        self._attributes = dict(raw.get("sessionAttributes") or {})
        self._elicit = _elicited(response)
        reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml", "")
        return Heard(
            intent or request_type,
            dict(slots or {}),
            speech_of(raw),
            speech_of({"response": {"outputSpeech": {"ssml": reprompt}}}),
            response.get("card"),
            ended,
            raw,
        )


def simulator_for(services: Any, person: str = "parent", **kwargs: Any) -> Simulator:
    from .alexa.skill import build_skill
    from .conversation.core import Conversation

    skill = build_skill(Conversation(services), services.config.skill_id)
    return Simulator(skill, services.config.skill_id, person=person, **kwargs)


def cmd_chat(services: Any, args: argparse.Namespace) -> int:
    sim = simulator_for(services, args.person)
    interactive = sys.stdin.isatty()
    if interactive:
        print(
            f"VoiceCart simulator, speaking as {args.person}. Type what you would say; "
            "'open' starts a session, ':quit' leaves."
        )
    heard = sim.open()
    print(f"ALEXA: {heard.speech}")
    while True:
        try:
            text = input("YOU: " if interactive else "")
        except EOFError:
            break
        text = text.strip()
        if not text:
            continue
        if text in (":quit", ":q", "quit", "exit"):
            break
        if not interactive:
            print(f"YOU: {text}")
        heard = sim.say(text)
        if args.verbose:
            print(f"      [{heard.intent} {heard.slots}]")
        print(f"ALEXA: {heard.speech}" if heard.speech else "ALEXA: (silence)")
        if heard.card and heard.card.get("title"):
            print(f"      [card: {heard.card.get('title')}]")
        if heard.ended:
            print("      (the session ended; say 'open voice cart' to start again)")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add(sub, "chat", cmd_chat, "talk to the skill in the terminal, no Amazon account needed")
    p.add_argument(
        "--person",
        choices=sorted(PERSONS),
        default="parent",
        help="who is speaking, as Alexa's voice recognition would say",
    )
    p.add_argument("--verbose", "-v", action="store_true", help="show the intent and slots")
    p.set_defaults(demo=True)


def _elicited(response: dict[str, Any]) -> tuple[str, str] | None:
    """The (intent, slot) of a Dialog.ElicitSlot directive in an Alexa response, if any."""
    for directive in response.get("directives") or []:
        if directive.get("type") == "Dialog.ElicitSlot":
            intent = (directive.get("updatedIntent") or {}).get("name")
            slot = directive.get("slotToElicit")
            if intent and slot:
                return str(intent), str(slot)
    return None
