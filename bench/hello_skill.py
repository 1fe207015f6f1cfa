"""The baseline: the smallest ask-sdk-core skill there is. One handler answers a launch or any
intent with a fixed sentence. Imports nothing from VoiceCart, so a cold start measures only
the SDK."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

DEMO_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000demo"  # = voicecart.config's


class HelloHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(
            is_request_type("LaunchRequest")(handler_input)
            or is_request_type("IntentRequest")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        builder = handler_input.response_builder
        return builder.speak("Hello from the baseline skill.").ask("Say hello again.").response


def builder(skill_id: str | None = DEMO_SKILL_ID) -> SkillBuilder:
    sb = SkillBuilder()
    sb.skill_id = skill_id
    sb.add_request_handler(HelloHandler())
    return sb


def build_hello_skill(skill_id: str | None = DEMO_SKILL_ID) -> CustomSkill:
    return builder(skill_id).create()


# What a hello-world Lambda exposes: the SDK's own handler (deserialize, invoke, serialize).
lambda_handler: Any = builder().lambda_handler()
