"""Problems in a source model, each one line: what a console build would reject, or worse,
accept and then misroute.

The Alexa rules enforced here come from the Alexa Skills Kit documentation ("Create
Intents, Utterances, and Slots", the AMAZON.SearchQuery reference and the skill-builder
validation messages): a sample may hold only letters, spaces, periods in abbreviations,
apostrophes, hyphens, underscores and {slot} references; numbers are spelled out; a
slot appears once per sample and must be defined on the intent; a sample with an
AMAZON.SearchQuery slot needs a carrier phrase and no other slot
(MissingCarrierPhraseWithPhraseSlot); AMAZON.FallbackIntent takes no samples.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .source import BUILTIN_TYPES, SLOT_REF, Intent, Model, slot_refs

FREE_TEXT = "AMAZON.SearchQuery"
NO_SAMPLES = frozenset({"AMAZON.FallbackIntent"})
REQUIRED_BUILTINS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
)

_ALLOWED = re.compile(r"^[a-zA-Z\u00c0-\u017f '._\-]*$")
_ABBREVIATION = re.compile(r"^(?:[a-z]\.)+$|^(?:mr|mrs|ms|dr|st|jr|sr|vs)\.$", re.IGNORECASE)
_WORD_APOSTROPHE = re.compile(
    r"^[a-z\u00c0-\u017f]+'[a-z\u00c0-\u017f]*$|^[a-z]+s'$", re.IGNORECASE
)
_NAME = re.compile(r"^[A-Za-z][A-Za-z_]*$")
_SLOT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_INVOCATION = re.compile(r"^[a-z][a-z .']*[a-z.]$")
_INVOCATION_BANNED = {"alexa", "amazon", "echo", "skill", "app", "computer"}
_DF_ENTITY = re.compile(r"^@(?:sys\.[a-z0-9\-.]+|[A-Za-z][A-Za-z0-9_\-]*)$")


def shape(intent: Intent, sample: str) -> str:
    """A sample as Alexa compares them: case and spacing ignored, slots by type."""

    def by_type(match: re.Match[str]) -> str:
        slot = intent.slot(match.group(1))
        return "{" + (slot.type if slot else match.group(1)) + "}"

    return " ".join(SLOT_REF.sub(by_type, sample.lower()).split())


def utterance_problems(text: str) -> list[str]:
    """Why Alexa would refuse this text as a sample utterance (slots aside)."""
    problems = []
    if not text.strip():
        return ["is empty"]
    if "{" in SLOT_REF.sub("", text) or "}" in SLOT_REF.sub("", text):
        problems.append("has an unbalanced brace")
    bare = SLOT_REF.sub(" ", text)
    if re.search(r"\d", bare):
        problems.append("has digits (spell numbers out)")
    if not _ALLOWED.match(bare.replace("{", "").replace("}", "")):
        bad = sorted(set(re.sub(r"[a-zA-Z\u00c0-\u017f '._\-{}0-9]", "", bare)))
        problems.append(f"has characters Alexa rejects: {''.join(bad)!r}")
    for word in bare.split():
        if "." in word and not _ABBREVIATION.match(word):
            problems.append(f"has a period outside an abbreviation: {word!r}")
        if "'" in word and not _WORD_APOSTROPHE.match(word):
            problems.append(f"has an apostrophe that is not in a word: {word!r}")
    return problems


def _sample_problems(model: Model, intent: Intent, sample: str, where: str) -> list[str]:
    out = [f"{where}: {p}" for p in utterance_problems(sample)]
    refs = slot_refs(sample)
    for ref in refs:
        if not _SLOT_NAME.match(ref):
            out.append(f"{where}: {{{ref}}} is not a valid slot name")
        elif intent.slot(ref) is None:
            out.append(f"{where}: slot {{{ref}}} is not defined on {intent.name}")
    for ref in sorted({r for r in refs if refs.count(r) > 1}):
        out.append(f"{where}: slot {{{ref}}} appears more than once")
    types = [intent.slot(r).type for r in refs if intent.slot(r)]  # type: ignore[union-attr]
    if FREE_TEXT in types:
        if not SLOT_REF.sub("", sample).strip():
            out.append(f"{where}: an AMAZON.SearchQuery slot needs a carrier phrase")
        if len(refs) > 1:
            out.append(
                f"{where}: an AMAZON.SearchQuery slot cannot share a sample with another slot"
            )
    return out


def lint(
    model: Model,
    contract: Mapping[str, Sequence[str]] | None = None,
    *,
    main_intents: Sequence[str] | None = None,
) -> list[str]:
    """Every problem found; an empty list means the model is clean.

    `contract`: intent name -> slot names the conversation core expects (intents.py);
    `main_intents`: intents that need `min_samples` samples (default: those marked `main`
    in the source, or every custom intent if none is).
    """
    problems: list[str] = []
    add = problems.append

    if not _INVOCATION.match(model.invocation) or len(model.invocation.split()) < 2:
        add(f"invocation name {model.invocation!r}: two or more lower-case words")
    if _INVOCATION_BANNED & set(model.invocation.split()):
        add(f"invocation name {model.invocation!r}: must not contain a wake or launch word")

    names = [i.name for i in model.intents]
    for name in sorted({n for n in names if names.count(n) > 1}):
        add(f"intent {name} is defined twice")
    for name in REQUIRED_BUILTINS:
        if name not in names:
            add(f"intent {name} is required by Alexa and missing")

    type_names = {t.name for t in model.types}
    used_types: set[str] = set()
    seen: dict[str, str] = {}  # sample shape -> intent that has it
    flagged = {i.name for i in model.intents if i.main}
    mains = (
        set(main_intents)
        if main_intents is not None
        else flagged or {i.name for i in model.intents if not i.builtin}
    )

    for intent in model.intents:
        if not intent.builtin and not _NAME.match(intent.name):
            add(f"intent {intent.name}: letters and underscores only")
        if intent.native and not intent.builtin:
            add(f"intent {intent.name}: `native` phrases are for built-in intents only")
        if intent.name in NO_SAMPLES and intent.all_phrases():
            add(f"intent {intent.name}: Alexa accepts no sample utterances for it")
        if intent.name in mains and len(intent.samples) < model.min_samples:
            add(
                f"intent {intent.name}: {len(intent.samples)} samples, fewer than the "
                f"minimum of {model.min_samples}"
            )
        if not intent.builtin and not intent.samples:
            add(f"intent {intent.name}: no sample utterances")

        used_slots: set[str] = set()
        for slot in intent.slots:
            used_types.add(slot.type)
            if not _SLOT_NAME.match(slot.name):
                add(f"intent {intent.name}: {slot.name!r} is not a valid slot name")
            if slot.type not in type_names and slot.type not in BUILTIN_TYPES:
                add(f"intent {intent.name}: slot {slot.name} has an undefined type {slot.type}")
            if slot.type.startswith("AMAZON.") and slot.type not in model.dialogflow.entities:
                add(f"slot type {slot.type}: no Dialogflow entity mapped for it")
            for sample in slot.samples:
                where = f"intent {intent.name}, slot {slot.name} sample {sample!r}"
                problems.extend(_sample_problems(model, intent, sample, where))
                if slot.name not in slot_refs(sample):
                    add(f"{where}: a slot sample must contain {{{slot.name}}}")
                used_slots.update(slot_refs(sample))
        slot_names = [s.name for s in intent.slots]
        for name in sorted({n for n in slot_names if slot_names.count(n) > 1}):
            add(f"intent {intent.name}: slot {name} is defined twice")

        # Alexa's own built-in phrases are checked for sharing, not for form.
        for sample in intent.all_phrases():
            where = f"intent {intent.name} sample {sample!r}"
            problems.extend(_sample_problems(model, intent, sample, where))
            used_slots.update(slot_refs(sample))
            key = shape(intent, sample)
            other = seen.get(key)
            if other == intent.name:
                add(f"{where}: duplicated in the same intent")
            elif other:
                add(f"{where}: shared with intent {other}")
            else:
                seen[key] = intent.name
        for slot in intent.slots:
            if slot.name not in used_slots:
                add(f"intent {intent.name}: slot {slot.name} is used in no sample")

    for extra in model.dialogflow.extra_intents:
        for sample in extra.samples:
            key = " ".join(sample.lower().split())
            if key in seen:
                add(
                    f"Dialogflow intent {extra.name} sample {sample!r}: shared with intent "
                    f"{seen[key]}"
                )

    for slot_type in model.types:
        if not _NAME.match(slot_type.name):
            add(f"slot type {slot_type.name}: letters and underscores only")
        if not slot_type.values:
            add(f"slot type {slot_type.name} has no values")
        if slot_type.name not in used_types:
            add(f"slot type {slot_type.name} is used by no slot")
        ids: set[str] = set()
        phrases: dict[str, str] = {}
        for value in slot_type.values:
            if not value.id or not value.name:
                add(f"slot type {slot_type.name}: a value without an id or a name")
            if value.id in ids:
                add(f"slot type {slot_type.name}: id {value.id} is used twice")
            ids.add(value.id)
            for phrase in value.phrases():
                if "{" in phrase or "}" in phrase or not phrase.strip():
                    add(f"slot type {slot_type.name}: bad value {phrase!r}")
                key = phrase.lower()
                if key in phrases and phrases[key] != value.id:
                    add(
                        f"slot type {slot_type.name}: {phrase!r} belongs to both "
                        f"{phrases[key]} and {value.id}"
                    )
                phrases.setdefault(key, value.id)

    for type_name, mapped in model.dialogflow.entities.items():
        if not _DF_ENTITY.match(mapped.entity):
            add(f"Dialogflow entity for {type_name}: {mapped.entity!r} is not an entity name")
        if mapped.entity.startswith("@sys.") and mapped.regexp:
            add(f"Dialogflow entity for {type_name}: a system entity takes no regexp")
        if (
            not mapped.entity.startswith("@sys.")
            and not mapped.regexp
            and mapped.entity.lstrip("@") not in type_names
        ):
            add(f"Dialogflow entity for {type_name}: {mapped.entity} is defined nowhere")

    if contract is not None:
        problems.extend(contract_problems(model, contract))
    return problems


def contract_problems(model: Model, contract: Mapping[str, Sequence[str]]) -> list[str]:
    """The model against the intents and slots the conversation core understands."""
    out = []
    for name, slots in contract.items():
        intent = model.intent(name)
        if intent is None:
            out.append(f"intent {name} is in conversation/intents.py but not in the model")
            continue
        have = {s.name for s in intent.slots}
        for slot in slots:
            if slot not in have:
                out.append(f"intent {name}: slot {slot} is expected by the core but missing")
        for slot in sorted(have - set(slots)):
            out.append(f"intent {name}: slot {slot} is unknown to the core")
    for intent in model.intents:
        if intent.name not in contract:
            out.append(f"intent {intent.name} is not in conversation/intents.py")
    return out


def core_contract() -> dict[str, tuple[str, ...]]:
    from ..conversation import intents

    return {name: intents.SLOTS.get(name, ()) for name in intents.ALL}
