"""Dialogue tests read like what a shopper says and hears.

    emma = household.speaker("child")
    emma.opens()
    emma.says("find a dollhouse").hears("KidKraft")

Every line goes through the interaction model's resolver, a real Alexa request envelope,
the ask-sdk skill object and the conversation core, on a real SQLite store.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support import FakeClock
from voicecart.bootstrap import Services, build
from voicecart.chat import Heard, Simulator
from voicecart.config import Config

SECRET_CODE = "1234"


@dataclass
class Line:
    heard: Heard
    speaker: Speaker

    def hears(self, *fragments: str) -> Line:
        for fragment in fragments:
            assert fragment.lower() in self.heard.speech.lower(), (
                f"expected {fragment!r} in {self.heard.speech!r}"
            )
        return self

    def does_not_hear(self, *fragments: str) -> Line:
        for fragment in fragments:
            assert fragment.lower() not in self.heard.speech.lower(), (
                f"did not expect {fragment!r} in {self.heard.speech!r}"
            )
        return self

    def ends_with_a_question_or_hint(self) -> Line:
        speech = self.heard.speech.strip()
        assert self.heard.ended or speech.endswith("?") or " say " in speech.lower(), speech
        return self

    @property
    def card(self) -> dict[str, Any] | None:
        return self.heard.card

    @property
    def ended(self) -> bool:
        return self.heard.ended


@dataclass
class Speaker:
    sim: Simulator
    transcript: list[tuple[str, str]]

    def opens(self) -> Line:
        return self._record("open voice cart", self.sim.open())

    def says(self, text: str) -> Line:
        return self._record(text, self.sim.say(text))

    def walks_away(self) -> Line:
        return self._record("(walks away)", self.sim.leave())

    def _record(self, text: str, heard: Heard) -> Line:
        self.transcript.append((text, heard.speech))
        ssml = (heard.raw.get("response", {}).get("outputSpeech") or {}).get("ssml")
        if ssml:
            ET.fromstring(ssml)  # every reply is well-formed SSML
        return Line(heard, self)


@dataclass
class Household:
    services: Services
    clock: FakeClock
    transcript: list[tuple[str, str]] = field(default_factory=list)

    def speaker(self, person: str, device: str = "amzn1.ask.device.kitchen") -> Speaker:
        from voicecart.alexa.skill import build_skill
        from voicecart.conversation.core import Conversation

        skill = build_skill(Conversation(self.services), self.services.config.skill_id)
        return Speaker(
            Simulator(
                skill,
                self.services.config.skill_id,
                person=person,
                device_id=device,
                model=_model(),
            ),
            self.transcript,
        )

    @property
    def store(self) -> Any:
        return self.services.store

    def orders(self) -> list[Any]:
        return self.store.list_orders("demo")

    def approvals(self) -> list[Any]:
        return self.store.list_approvals("demo")


_MODEL: list[Any] = []


def _model() -> Any:
    if not _MODEL:
        from voicecart.models import load

        _MODEL.append(load())
    return _MODEL[0]


def demo_household(tmp_path: Path) -> Household:
    clock = FakeClock()
    services = build(
        Config(db_path=tmp_path / "dialogue.db", demo=True, skill_id="amzn1.ask.skill.test"),
        clock=clock,
    )
    return Household(services, clock)
