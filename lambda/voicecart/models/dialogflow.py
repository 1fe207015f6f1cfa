"""Source model -> a Dialogflow ES agent export (the tree the console imports as a zip).

Every intent's `action` is its canonical name from conversation/intents.py (or
"LaunchRequest" for the welcome intent), so the webhook maps `queryResult.action`
straight to a Turn whatever the Dialogflow display name is. Ids are uuid5 of stable
names: the same source always gives the same bytes.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

from .source import SLOT_REF, Intent, Model, SlotType

_NS = uuid.UUID("6f9e2d1c-6b1a-4c55-9d7e-7a1f3c0b2e41")
FALLBACK = "AMAZON.FallbackIntent"
AGENT_DIR = Path("dialogflow") / "agent"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "\x1f".join(parts)))


def dumps(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def entity_for(model: Model, slot_type: str) -> str:
    """The Dialogflow entity reference (`@sys.any`, `@ITEM_NAME`, ...) for a slot type."""
    mapped = model.dialogflow.entities.get(slot_type)
    if mapped:
        return mapped.entity
    return f"@{slot_type}"


def _examples(model: Model, slot_type: str) -> tuple[str, ...]:
    mapped = model.dialogflow.entities.get(slot_type)
    if mapped and mapped.examples:
        return mapped.examples
    custom = model.type(slot_type)
    if custom:
        return tuple(v.name for v in custom.values)
    return ()


def _parameter(model: Model, intent: Intent, slot_name: str) -> dict[str, Any]:
    slot = intent.slot(slot_name)
    assert slot is not None
    prompts = [{"lang": model.language, "value": slot.prompt}] if slot.prompt else []
    return {
        "id": _id("parameter", intent.name, slot.name),
        "name": slot.name,
        # Never required: the conversation core asks for what is missing, on both
        # platforms alike. The prompt is kept for the console's reference.
        "required": False,
        "dataType": entity_for(model, slot.type),
        "value": f"${slot.name}",
        "defaultValue": "",
        "isList": False,
        "prompts": prompts,
        "promptMessages": [],
        "noMatchPromptMessages": [],
        "noInputPromptMessages": [],
        "outputDialogContexts": [],
    }


def _intent_json(
    model: Model,
    name: str,
    action: str,
    parameters: list[dict[str, Any]],
    *,
    events: tuple[str, ...] = (),
    fallback: bool = False,
) -> dict[str, Any]:
    return {
        "id": _id("intent", name),
        "name": name,
        "auto": True,
        "contexts": [],
        "responses": [
            {
                "resetContexts": False,
                "action": action,
                "affectedContexts": [],
                "parameters": parameters,
                "messages": [
                    {
                        "type": "0",
                        "title": "",
                        "textToSpeech": "",
                        "lang": model.language,
                        "speech": [],
                        "condition": "",
                    }
                ],
                "speech": [],
            }
        ],
        "priority": 500000,
        "webhookUsed": True,
        "webhookForSlotFilling": False,
        "fallbackIntent": fallback,
        "events": [{"name": e} for e in events],
        "conditionalResponses": [],
        "condition": "",
        "conditionalFollowupEvents": [],
    }


def _phrase_parts(model: Model, intent: Intent, sample: str, index: int) -> list[dict[str, Any]]:
    """A sample with {slots} -> Dialogflow's annotated parts, slots filled with examples."""
    parts: list[dict[str, Any]] = []
    cursor = 0
    for match in SLOT_REF.finditer(sample):
        if match.start() > cursor:
            parts.append({"text": sample[cursor : match.start()], "userDefined": False})
        slot = intent.slot(match.group(1))
        if slot is None:  # the lint reports it; keep the text as it is
            parts.append({"text": match.group(0), "userDefined": False})
        else:
            examples = _examples(model, slot.type) or (slot.name,)
            parts.append(
                {
                    "text": examples[index % len(examples)],
                    "alias": slot.name,
                    "meta": entity_for(model, slot.type),
                    "userDefined": True,
                }
            )
        cursor = match.end()
    if cursor < len(sample):
        parts.append({"text": sample[cursor:], "userDefined": False})
    return parts


def _usersays(
    model: Model, name: str, intent: Intent | None, phrases: tuple[str, ...]
) -> list[dict[str, Any]]:
    out = []
    for index, phrase in enumerate(phrases):
        parts = (
            _phrase_parts(model, intent, phrase, index)
            if intent
            else [{"text": phrase, "userDefined": False}]
        )
        out.append(
            {
                "id": _id("usersays", name, str(index), phrase),
                "data": parts,
                "isTemplate": False,
                "count": 0,
                "lang": model.language,
                "updated": 0,
            }
        )
    return out


def _entity(name: str, *, regexp: bool, expand: bool) -> dict[str, Any]:
    return {
        "id": _id("entity", name),
        "name": name,
        "isOverridable": True,
        "isEnum": False,
        "isRegexp": regexp,
        "automatedExpansion": expand,
        "allowFuzzyExtraction": False,
    }


def _entries(slot_type: SlotType) -> list[dict[str, Any]]:
    # The entry value is what the webhook receives as the parameter: the value's name
    # (for CATEGORY the name is the catalog category itself).
    entries = []
    for value in slot_type.values:
        synonyms = list(dict.fromkeys(value.phrases()))
        entries.append({"value": value.name, "synonyms": synonyms})
    return entries


# Custom types whose unknown values must still be captured (shoppers name anything).
OPEN_TYPES = frozenset({"ITEM_NAME"})


def build_dialogflow(model: Model) -> dict[str, bytes]:
    """Relative path inside the agent export -> file bytes."""
    df = model.dialogflow
    lang = model.language
    files: dict[str, bytes] = {}
    files["package.json"] = dumps({"version": "1.0.0"})
    files["agent.json"] = dumps(
        {
            "description": df.description,
            "language": lang,
            "shortDescription": "",
            "examples": "",
            "linkToDocs": "",
            "displayName": df.display_name,
            "disableInteractionLogs": False,
            "disableStackdriverLogs": True,
            "defaultTimezone": df.time_zone,
            "isPrivate": True,
            "mlMinConfidence": 0.3,
            "supportedLanguages": [],
            "enableOnePlatformResponses": True,
            "onePlatformApiVersion": "v2",
            "analyzeQueryTextSentiment": False,
            "enabledKnowledgeBaseNames": [],
            "knowledgeServiceConfidenceAdjustment": 0.0,
            "dialogBuilderMode": False,
            "baseActionPackagesUrl": "",
            "enableSpellCorrection": False,
            # The shared secret header (or basic auth) is set in the console's fulfillment
            # settings, never committed.
            "webhook": {
                "url": df.webhook_url,
                "username": "",
                "headers": {},
                "available": True,
                "useForDomains": False,
                "cloudFunctionsEnabled": False,
                "cloudFunctionsInitialized": False,
            },
        }
    )

    for extra in df.extra_intents:
        files[f"intents/{extra.name}.json"] = dumps(
            _intent_json(model, extra.name, extra.action, [], events=extra.events)
        )
        if extra.samples:
            files[f"intents/{extra.name}_usersays_{lang}.json"] = dumps(
                _usersays(model, extra.name, None, extra.samples)
            )

    for intent in model.intents:
        name = df.intent_name(intent.name)
        params = [_parameter(model, intent, s.name) for s in intent.slots]
        files[f"intents/{name}.json"] = dumps(
            _intent_json(model, name, intent.name, params, fallback=intent.name == FALLBACK)
        )
        phrases = intent.all_phrases()
        if phrases and intent.name != FALLBACK:
            files[f"intents/{name}_usersays_{lang}.json"] = dumps(
                _usersays(model, name, intent, phrases)
            )

    for slot_type in model.types:
        files[f"entities/{slot_type.name}.json"] = dumps(
            _entity(slot_type.name, regexp=False, expand=slot_type.name in OPEN_TYPES)
        )
        files[f"entities/{slot_type.name}_entries_{lang}.json"] = dumps(_entries(slot_type))

    for _type_name, mapped in sorted(df.entities.items()):
        if not mapped.regexp:
            continue
        name = mapped.entity.lstrip("@")
        files[f"entities/{name}.json"] = dumps(_entity(name, regexp=True, expand=False))
        files[f"entities/{name}_entries_{lang}.json"] = dumps(
            [{"value": r, "synonyms": [r]} for r in mapped.regexp]
        )
    return dict(sorted(files.items()))


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The agent zip, byte-for-byte reproducible (fixed timestamps, sorted names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_zip(model: Model, path: Path | str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zip_bytes(build_dialogflow(model)))
    return target


def intent_actions(model: Model) -> dict[str, str]:
    """Dialogflow display name -> canonical intent (for adapters that read displayName)."""
    out = {extra.name: extra.action for extra in model.dialogflow.extra_intents}
    out.update({model.dialogflow.intent_name(i.name): i.name for i in model.intents})
    return out
