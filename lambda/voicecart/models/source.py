"""The platform-neutral interaction model: what interaction_models/<locale>.yaml holds.

The YAML is read into plain frozen dataclasses; the builders (alexa.py, dialogflow.py),
the lint and the resolver work only on these, never on the raw YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
SOURCE_DIR = "interaction_models"
DEFAULT_LOCALE = "en-US"

SLOT_REF = re.compile(r"\{([^{}]*)\}")

# Built-in slot types the source may use without defining them.
BUILTIN_TYPES = frozenset(
    {"AMAZON.SearchQuery", "AMAZON.NUMBER", "AMAZON.FOUR_DIGIT_NUMBER", "AMAZON.Ordinal"}
)


class ModelError(Exception):
    """The source file cannot be read as an interaction model (structure, not style)."""


@dataclass(frozen=True)
class Slot:
    name: str
    type: str
    prompt: str | None = None  # elicitation prompt, if the skill may ask for this slot
    samples: tuple[str, ...] = ()  # what a shopper answers when asked for this slot


@dataclass(frozen=True)
class Intent:
    name: str
    slots: tuple[Slot, ...] = ()
    samples: tuple[str, ...] = ()
    # Built-in intents only: phrases the platform already knows (Alexa's built-in coverage).
    # They train Dialogflow and the resolver, and are not repeated in the Alexa model.
    native: tuple[str, ...] = ()
    main: bool = False

    @property
    def builtin(self) -> bool:
        return self.name.startswith("AMAZON.")

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    def all_phrases(self) -> tuple[str, ...]:
        return self.native + self.samples


@dataclass(frozen=True)
class Value:
    id: str
    name: str
    synonyms: tuple[str, ...] = ()

    def phrases(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True)
class SlotType:
    name: str
    values: tuple[Value, ...] = ()


@dataclass(frozen=True)
class EntityMap:
    """How one built-in slot type becomes a Dialogflow entity."""

    entity: str  # "@sys.any", or "@name" of a custom entity generated from `regexp`
    examples: tuple[str, ...] = ()  # values to put in the training phrases
    regexp: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtraIntent:
    """A Dialogflow-only intent, e.g. the welcome intent that stands for LaunchRequest."""

    name: str
    action: str
    events: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dialogflow:
    display_name: str = "VoiceCart"
    time_zone: str = "America/Chicago"
    webhook_url: str = ""
    description: str = ""
    intent_names: dict[str, str] = field(default_factory=dict)
    entities: dict[str, EntityMap] = field(default_factory=dict)
    extra_intents: tuple[ExtraIntent, ...] = ()

    def intent_name(self, canonical: str) -> str:
        return self.intent_names.get(canonical, canonical)


@dataclass(frozen=True, eq=False)
class Model:
    locale: str
    invocation: str
    intents: tuple[Intent, ...]
    types: tuple[SlotType, ...] = ()
    min_samples: int = 15
    dialog_delegation: str = "SKILL_RESPONSE"
    dialogflow: Dialogflow = field(default_factory=Dialogflow)
    path: Path | None = None

    def intent(self, name: str) -> Intent | None:
        return next((i for i in self.intents if i.name == name), None)

    def type(self, name: str) -> SlotType | None:
        return next((t for t in self.types if t.name == name), None)

    @property
    def language(self) -> str:
        return self.locale.split("-")[0].lower()


def slot_refs(sample: str) -> list[str]:
    return SLOT_REF.findall(sample)


# ---- loading ---------------------------------------------------------------------------
def _strings(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ModelError(f"{where}: expected a list")
    out = []
    for item in raw:
        # YAML 1.1 reads a bare yes/no/on/off as a boolean: insist on text.
        if not isinstance(item, str):
            raise ModelError(f"{where}: {item!r} is not text (quote it in the YAML)")
        out.append(item.strip())
    return tuple(out)


def _mapping(raw: Any, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ModelError(f"{where}: expected a mapping")
    return raw


def _slot(name: str, raw: Any, where: str) -> Slot:
    if isinstance(raw, str):
        return Slot(name, raw)
    spec = _mapping(raw, where)
    if not isinstance(spec.get("type"), str):
        raise ModelError(f"{where}: a slot needs a type")
    return Slot(
        name,
        spec["type"],
        prompt=spec.get("prompt"),
        samples=_strings(spec.get("samples"), f"{where}.samples"),
    )


def _intent(name: str, raw: Any) -> Intent:
    spec = _mapping(raw, f"intents.{name}")
    slots = tuple(
        _slot(str(n), s, f"intents.{name}.slots.{n}")
        for n, s in _mapping(spec.get("slots"), f"intents.{name}.slots").items()
    )
    return Intent(
        name=name,
        slots=slots,
        samples=_strings(spec.get("samples"), f"{name}.samples"),
        native=_strings(spec.get("native"), f"{name}.native"),
        main=bool(spec.get("main", False)),
    )


def _type(name: str, raw: Any) -> SlotType:
    spec = _mapping(raw, f"types.{name}")
    values = []
    for index, item in enumerate(spec.get("values") or []):
        where = f"types.{name}.values[{index}]"
        item = _mapping(item, where)
        if not isinstance(item.get("name"), str) or not isinstance(item.get("id"), str):
            raise ModelError(f"{where}: a value needs an id and a name (text)")
        values.append(
            Value(
                id=item["id"],
                name=item["name"].strip(),
                synonyms=_strings(item.get("synonyms"), f"{where}.synonyms"),
            )
        )
    return SlotType(name, tuple(values))


def _dialogflow(raw: Any) -> Dialogflow:
    spec = _mapping(raw, "platforms.dialogflow")
    agent = _mapping(spec.get("agent"), "platforms.dialogflow.agent")
    entities = {}
    for type_name, ent in _mapping(spec.get("entities"), "platforms.dialogflow.entities").items():
        ent = _mapping(ent, f"platforms.dialogflow.entities.{type_name}")
        entities[str(type_name)] = EntityMap(
            entity=str(ent.get("entity", "")),
            examples=_strings(ent.get("examples"), f"entities.{type_name}.examples"),
            regexp=_strings(ent.get("regexp"), f"entities.{type_name}.regexp"),
        )
    extras = []
    extra_specs = _mapping(spec.get("extra_intents"), "platforms.dialogflow.extra_intents")
    for name, ext in extra_specs.items():
        ext = _mapping(ext, f"extra_intents.{name}")
        extras.append(
            ExtraIntent(
                name=str(name),
                action=str(ext.get("action", name)),
                events=_strings(ext.get("events"), f"{name}.events"),
                samples=_strings(ext.get("samples"), f"{name}.samples"),
            )
        )
    return Dialogflow(
        display_name=str(agent.get("display_name", "VoiceCart")),
        time_zone=str(agent.get("time_zone", "America/Chicago")),
        webhook_url=str(agent.get("webhook_url", "")),
        description=str(agent.get("description", "")),
        intent_names={
            str(k): str(v) for k, v in _mapping(spec.get("intent_names"), "intent_names").items()
        },
        entities=entities,
        extra_intents=tuple(extras),
    )


def from_dict(data: Any, path: Path | None = None) -> Model:
    spec = _mapping(data, "the model")
    for key in ("locale", "invocation", "intents"):
        if key not in spec:
            raise ModelError(f"the model needs `{key}`")
    platforms = _mapping(spec.get("platforms"), "platforms")
    alexa = _mapping(platforms.get("alexa"), "platforms.alexa")
    return Model(
        locale=str(spec["locale"]),
        invocation=str(spec["invocation"]),
        intents=tuple(_intent(str(n), i) for n, i in _mapping(spec["intents"], "intents").items()),
        types=tuple(_type(str(n), t) for n, t in _mapping(spec.get("types"), "types").items()),
        min_samples=int(spec.get("min_samples", 15)),
        dialog_delegation=str(alexa.get("dialog_delegation", "SKILL_RESPONSE")),
        dialogflow=_dialogflow(platforms.get("dialogflow")),
        path=path,
    )


def source_path(locale: str = DEFAULT_LOCALE, repo_root: Path | None = None) -> Path:
    return (repo_root or REPO_ROOT) / SOURCE_DIR / f"{locale}.yaml"


def load(path: Path | str | None = None) -> Model:
    """Read one locale's source (default: interaction_models/en-US.yaml of this repo)."""
    import yaml  # only the model tools need it; the skill at run time does not

    file = Path(path) if path else source_path()
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise ModelError(f"cannot read {file}: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ModelError(f"{file}: not valid YAML: {exc}") from exc
    return from_dict(data, file)


def locales(repo_root: Path | None = None) -> list[str]:
    folder = (repo_root or REPO_ROOT) / SOURCE_DIR
    return sorted(p.stem for p in folder.glob("*.yaml"))
