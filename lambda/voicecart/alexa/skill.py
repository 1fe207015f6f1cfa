"""The one skill object, shared by the Lambda entry point and the Flask endpoint."""

from __future__ import annotations

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from ..conversation.core import Conversation
from .handlers import CanFulfillHandler, LastResortHandler, TurnHandler
from .serializer import Serializer


def build_skill(conversation: Conversation, skill_id: str | None) -> CustomSkill:
    builder = SkillBuilder()
    # The SDK refuses requests for any other skill id before a handler runs.
    builder.skill_id = skill_id or None
    builder.add_request_handler(CanFulfillHandler())
    builder.add_request_handler(TurnHandler(conversation))
    builder.add_exception_handler(LastResortHandler())
    skill = builder.create()
    skill.serializer = Serializer()  # the Lambda handler and the web endpoint use this one
    return skill
