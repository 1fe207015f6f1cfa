"""Source model -> the Alexa skill package's interaction model.

Writes skill-package/interactionModels/custom/<locale>.json.
"""

from __future__ import annotations

from typing import Any

from .source import Intent, Model

# Alexa does not accept sample utterances for this one.
NO_SAMPLES = frozenset({"AMAZON.FallbackIntent"})


def prompt_id(intent: str, slot: str) -> str:
    return f"Elicit.Slot.{intent}.{slot}"


def _intent(intent: Intent) -> dict[str, Any]:
    out: dict[str, Any] = {"name": intent.name}
    slots = []
    for slot in intent.slots:
        entry: dict[str, Any] = {"name": slot.name, "type": slot.type}
        if slot.samples:
            entry["samples"] = list(slot.samples)
        slots.append(entry)
    if slots:
        out["slots"] = slots
    # Built-in phrases (`native`) are what Alexa already understands: only the extras go here.
    out["samples"] = [] if intent.name in NO_SAMPLES else list(intent.samples)
    return out


def _dialog(model: Model) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    intents, prompts = [], []
    for intent in model.intents:
        asked = [s for s in intent.slots if s.prompt]
        if not asked:
            continue
        slots = []
        for slot in intent.slots:
            entry: dict[str, Any] = {
                "name": slot.name,
                "type": slot.type,
                "confirmationRequired": False,
                "elicitationRequired": bool(slot.prompt),
                "prompts": {},
            }
            if slot.prompt:
                entry["prompts"] = {"elicitation": prompt_id(intent.name, slot.name)}
                prompts.append(
                    {
                        "id": prompt_id(intent.name, slot.name),
                        "variations": [{"type": "PlainText", "value": slot.prompt}],
                    }
                )
            slots.append(entry)
        intents.append(
            {"name": intent.name, "confirmationRequired": False, "prompts": {}, "slots": slots}
        )
    if not intents:
        return None, []
    # SKILL_RESPONSE: Alexa asks for a slot only when the skill says so (Dialog.ElicitSlot);
    # the conversation core keeps control of every turn.
    return {"intents": intents, "delegationStrategy": model.dialog_delegation}, prompts


def build_alexa(model: Model) -> dict[str, Any]:
    """The exact JSON of skill-package/interactionModels/custom/<locale>.json."""
    language_model: dict[str, Any] = {
        "invocationName": model.invocation,
        "intents": [_intent(i) for i in model.intents],
        "types": [
            {
                "name": t.name,
                "values": [
                    {"id": v.id, "name": {"value": v.name, "synonyms": list(v.synonyms)}}
                    for v in t.values
                ],
            }
            for t in model.types
        ],
    }
    interaction: dict[str, Any] = {"languageModel": language_model}
    dialog, prompts = _dialog(model)
    if dialog:
        interaction["dialog"] = dialog
        interaction["prompts"] = prompts
    return {"interactionModel": interaction, "version": "1"}
