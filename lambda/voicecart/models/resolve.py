"""Text -> intent and slots, deterministically, from the model's own sample utterances.

This stands in for Alexa's (or Dialogflow's) language understanding in the terminal
simulator and in tests. Each sample becomes a regular expression with one named group
per slot: free-text slots (AMAZON.SearchQuery, ITEM_NAME) take any words; NUMBER takes
digits or number words and gives digits; FOUR_DIGIT_NUMBER gives four digits from
"one two three four" or "1234"; Ordinal gives "1st", "2nd"... like Alexa; other custom
types take their values and synonyms.

Matching goes exact first, then relaxed: politeness words dropped ("please", "can you"),
one or two extra words skipped around the literal words of a sample without free text
("let's check out"), and articles standing for one another ("what's in the basket").
The cheapest reading wins: characters taken as free text (an ITEM_NAME that is a known
value costs nothing), plus a price per skipped or swapped word; ties go to the sample
with more literal words. A relaxed reading never beats an exact one that filled more
slots. Nothing matches: AMAZON.FallbackIntent.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from ..conversation import numbers
from .source import SLOT_REF, Intent, Model

FALLBACK = "AMAZON.FallbackIntent"
LAUNCH = "LaunchRequest"
FREE_TYPES = frozenset({"AMAZON.SearchQuery", "ITEM_NAME"})

_CONTRACTIONS = {
    "what's": "what is",
    "where's": "where is",
    "how's": "how is",
    "that's": "that is",
    "there's": "there is",
    "it's": "it is",
    "he's": "he is",
    "she's": "she is",
    "i'm": "i am",
    "i'd": "i would",
    "i'll": "i will",
    "i've": "i have",
    "we're": "we are",
    "we've": "we have",
    "they're": "they are",
    "you're": "you are",
    "let's": "let us",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "code's": "code is",
    "wanna": "want to",
    "gonna": "going to",
    "gimme": "give me",
}
# Words a shopper adds that change nothing: dropped in a second try at matching.
_FILLERS_BEFORE = re.compile(
    r"^(?:(?:can you|could you|would you|will you|okay|ok|so|hey|hi|well|um+|uh+|er+)\s+)+"
)
_FILLERS_ANYWHERE = re.compile(r"\b(?:please|thanks|thank you|guys|just|kindly|actually|um+|uh+)\b")
_DETERMINERS = frozenset(
    {"the", "my", "a", "an", "this", "that", "these", "those", "your", "our", "some", "any"}
)
_DETERMINER_RE = "(?:" + "|".join(sorted(_DETERMINERS)) + ")"
EXTRA_WORD_COST = 6  # in characters of free text
# Words that open a request without saying what it is about ("show me", "can you find").
_LEAD_INS = frozenset(
    "show me find get give tell let's lets can could would you i want to like please "
    "search look for do have any some".split()
)
SWAP_COST = 3


def normalize(text: str) -> str:
    """What a speech recognizer would hand over: lower case words, no punctuation."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\$\s*(\d+(?:\.\d+)?)", r"\1 dollars", text)
    text = text.replace("&", " and ")
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep decimal points only
    text = re.sub(r"[^a-z0-9'.\s-]", " ", text)
    text = re.sub(r"(?<![a-z])'|'(?![a-z])", " ", text)  # quotes, not apostrophes
    words = []
    for word in text.split():
        words.extend(_CONTRACTIONS.get(word, word).split())
    return " ".join(words)


@dataclass(frozen=True)
class Resolution:
    intent: str
    slots: dict[str, str] = field(default_factory=dict)
    slot_ids: dict[str, str] = field(default_factory=dict)  # custom-type value ids
    sample: str | None = None  # the sample utterance that matched, if any
    free_chars: int = 0
    skipped_lead: bool = False  # a relaxed reading skipped opening words that say what


@dataclass
class _Pattern:
    intent: str
    sample: str
    strict: re.Pattern[str]
    relaxed: re.Pattern[str] | None
    slots: dict[str, str]  # group name -> slot name
    words: dict[int, str]  # token index -> literal word
    types: dict[str, str]  # slot name -> slot type
    literal_words: int
    max_extra: int = 0  # words the relaxed pattern may skip


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


class Resolver:
    def __init__(self, model: Model) -> None:
        self.model = model
        self._phrase_ids: dict[str, dict[str, str]] = {}  # type -> phrase -> value id
        for slot_type in model.types:
            table: dict[str, str] = {}
            for value in slot_type.values:
                for phrase in value.phrases():
                    table.setdefault(normalize(phrase), value.id)
            self._phrase_ids[slot_type.name] = table
        number_words = _alternation(sorted(numbers.NUMBER_WORDS))
        digit_words = _alternation(sorted(numbers.DIGIT_WORDS))
        ordinal_words = _alternation(sorted(numbers.ORDINALS))
        tens = _alternation(sorted(numbers.TENS))
        self._builtin = {
            "AMAZON.NUMBER": rf"(?:\d+|{number_words})(?:\s+(?:\d+|{number_words}))*",
            "AMAZON.FOUR_DIGIT_NUMBER": rf"(?:\d+|{digit_words})(?:\s+(?:\d+|{digit_words}))*",
            "AMAZON.Ordinal": rf"(?:(?:{tens})\s+)?(?:{ordinal_words})|\d+(?:st|nd|rd|th)",
        }
        self._converters: dict[str, Callable[[str], str | None]] = {
            "AMAZON.NUMBER": lambda t: None if (n := numbers.parse_number(t)) is None else str(n),
            "AMAZON.FOUR_DIGIT_NUMBER": lambda t: (
                d if (d := numbers.parse_digits(t)) and len(d) == 4 else None
            ),
            "AMAZON.Ordinal": numbers.parse_ordinal,
        }
        self.patterns: list[_Pattern] = []
        self.slot_patterns: dict[tuple[str, str], list[_Pattern]] = {}
        for intent in model.intents:
            for sample in intent.all_phrases():
                pattern = self._compile(intent, sample)
                if pattern:
                    self.patterns.append(pattern)
            for slot in intent.slots:
                compiled = [p for s in slot.samples if (p := self._compile(intent, s))]
                self.slot_patterns[(intent.name, slot.name)] = compiled
        invocation = r"\s+".join(re.escape(w) for w in normalize(model.invocation).split())
        self._launch = re.compile(
            rf"^(?:alexa\s+)?(?:open|launch|start|begin|load|run|use|talk to)\s+{invocation}"
            rf"(?:\s+(?:and\s+)?(?P<rest>.*))?$"
        )
        self._one_shot = re.compile(
            rf"^(?:alexa\s+)?(?:ask|tell)\s+{invocation}\s+(?:(?:to|for|about|if|whether|that)\s+)?"
            rf"(?P<rest>.+)$"
        )

    def _slot_regex(self, slot_type: str) -> str:
        if slot_type in self._builtin:
            return self._builtin[slot_type]
        if slot_type in FREE_TYPES or slot_type not in self._phrase_ids:
            return r".+?"
        phrases = list(self._phrase_ids[slot_type])
        return rf"(?:{_alternation(phrases)})(?:e?s)?" if phrases else r"(?!)"

    def _compile(self, intent: Intent, sample: str) -> _Pattern | None:
        tokens: list[tuple[str, str]] = []  # ("word", w) or ("slot", slot name)
        types: dict[str, str] = {}
        cursor = 0
        for match in SLOT_REF.finditer(sample):
            tokens += [("word", w) for w in normalize(sample[cursor : match.start()]).split()]
            slot = intent.slot(match.group(1))
            if slot is None or slot.name in types:
                return None  # the lint reports it
            types[slot.name] = slot.type
            tokens.append(("slot", slot.name))
            cursor = match.end()
        tokens += [("word", w) for w in normalize(sample[cursor:]).split()]
        if not tokens:
            return None
        groups = {f"s_{i}": name for i, (kind, name) in enumerate(tokens) if kind == "slot"}
        literal = sum(1 for kind, _ in tokens if kind == "word")
        strict = r"\s+".join(self._piece(i, t, types, relaxed=False) for i, t in enumerate(tokens))
        relaxed = None
        if literal:
            relaxed = re.compile(self._relaxed(tokens, types))
        words = {i: w for i, (kind, w) in enumerate(tokens) if kind == "word"}
        # A sample with free text already takes any words: skipping more would let it
        # swallow other intents ("I'd like to place the order" is no search).
        has_free = any(
            t in FREE_TYPES or t not in self._phrase_ids and t not in self._builtin
            for t in types.values()
        )
        max_extra = 0 if has_free else 2 if literal > 1 else 1
        return _Pattern(
            intent.name,
            sample,
            re.compile(strict),
            relaxed,
            groups,
            words,
            types,
            literal,
            max_extra,
        )

    def _piece(
        self, index: int, token: tuple[str, str], types: dict[str, str], *, relaxed: bool
    ) -> str:
        kind, value = token
        if kind == "slot":
            return f"(?P<s_{index}>{self._slot_regex(types[value])})"
        if relaxed and value in _DETERMINERS:
            return f"(?P<d_{index}>{_DETERMINER_RE})"
        return re.escape(value)

    def _relaxed(self, tokens: list[tuple[str, str]], types: dict[str, str]) -> str:
        """Like the strict pattern, but a word or two may come before, after or between
        the literal words ("let's check out", "clear out my cart"), and "the", "my",
        "this"... stand for one another. Never next to a free-text slot, which would
        swallow them anyway."""

        def free(i: int) -> bool:
            kind, value = tokens[i]
            return kind == "slot" and (
                types[value] in FREE_TYPES or types[value] not in self._phrase_ids
            )

        extra = r"(?P<x_{n}>\S+(?:\s+\S+)?)"
        out = []
        if not free(0):
            out.append(rf"(?:{extra.format(n='start')}\s+)?")
        for i, token in enumerate(tokens):
            if i:
                if free(i - 1) or free(i):
                    out.append(r"\s+")
                else:
                    out.append(rf"\s+(?:{extra.format(n=i)}\s+)?")
            # A closing "that" or "it" is a pronoun, not an article: it stays as it is.
            out.append(self._piece(i, token, types, relaxed=i < len(tokens) - 1))
        if not free(len(tokens) - 1):
            out.append(rf"(?:\s+{extra.format(n='end')})?")
        return "".join(out)

    def _try(
        self, pattern: _Pattern, text: str, *, relaxed: bool = False
    ) -> tuple[tuple[int, int], Resolution] | None:
        regex = pattern.relaxed if relaxed else pattern.strict
        match = regex.fullmatch(text) if regex else None
        if not match:
            return None
        found = match.groupdict()
        extras = sum(len(v.split()) for k, v in found.items() if k.startswith("x_") and v)
        swaps = sum(
            1 for k, v in found.items() if k.startswith("d_") and v != pattern.words[int(k[2:])]
        )
        if relaxed and (not extras + swaps or extras > pattern.max_extra):
            return None
        slots: dict[str, str] = {}
        ids: dict[str, str] = {}
        free = 0
        for group, slot_name in pattern.slots.items():
            spoken = match.group(group)
            slot_type = pattern.types[slot_name]
            converter = self._converters.get(slot_type)
            if converter:
                value = converter(spoken)
                if value is None:
                    return None
                slots[slot_name] = value
                continue
            slots[slot_name] = spoken
            value_id = self._value_id(slot_type, spoken)
            if value_id:
                ids[slot_name] = value_id
            elif slot_type in FREE_TYPES or slot_type not in self._phrase_ids:
                free += len(spoken)
        # A word the sample does not have costs about as much as a short free-text slot.
        score = (free + EXTRA_WORD_COST * extras + SWAP_COST * swaps, -pattern.literal_words)
        lead = any(w not in _LEAD_INS for w in (found.get("x_start") or "").split())
        return score, Resolution(pattern.intent, slots, ids, pattern.sample, free, lead)

    def _value_id(self, slot_type: str, spoken: str) -> str | None:
        table = self._phrase_ids.get(slot_type) or {}
        for candidate in (spoken, re.sub(r"es$", "", spoken), re.sub(r"s$", "", spoken)):
            if candidate in table:
                return table[candidate]
        return None

    def _best(self, patterns: list[_Pattern], texts: list[str]) -> Resolution | None:
        best: dict[bool, tuple[tuple[int, int], Resolution]] = {}
        for relaxed in (False, True):
            for text in texts:
                for pattern in patterns:
                    found = self._try(pattern, text, relaxed=relaxed)
                    if found and (relaxed not in best or found[0] < best[relaxed][0]):
                        best[relaxed] = found
        strict, loose = best.get(False), best.get(True)
        if strict and loose:
            # A looser reading wins only if it is cheaper and drops no slot the exact
            # reading filled ("remove the coffee" is not "remove that"), and never by
            # skipping the opening words an exact reading took as what the shopper asked
            # for: "find coffee under 10 dollars" is a search, not "under {budget} dollars"
            # with "find coffee" skipped.
            lost_the_request = strict[1].free_chars > 0 and loose[1].skipped_lead
            if (
                loose[0] < strict[0]
                and len(loose[1].slots) >= len(strict[1].slots)
                and not lost_the_request
            ):
                return loose[1]
            return strict[1]
        chosen = strict or loose
        return chosen[1] if chosen else None

    def resolve(self, text: str, elicit: tuple[str, str] | None = None) -> Resolution:
        """`elicit`: (intent, slot) the skill just asked for, as with Dialog.ElicitSlot."""
        said = normalize(text)
        launch = self._launch.match(said)
        if launch:
            said = launch.group("rest") or ""
            if not said:
                return Resolution(LAUNCH)
        else:
            one_shot = self._one_shot.match(said)
            if one_shot:
                said = one_shot.group("rest")
        said = re.sub(r"^alexa\s+", "", said)
        texts = [said]
        trimmed = " ".join(_FILLERS_ANYWHERE.sub(" ", _FILLERS_BEFORE.sub("", said)).split())
        if trimmed and trimmed != said:
            texts.append(trimmed)
        if elicit:
            found = self._best(self.slot_patterns.get(elicit, []), texts)
            if found:
                return found
        return self._best(self.patterns, texts) or Resolution(FALLBACK)


_CACHE: weakref.WeakKeyDictionary[Model, Resolver] = weakref.WeakKeyDictionary()


def resolver_for(model: Model) -> Resolver:
    resolver = _CACHE.get(model)
    if resolver is None:
        resolver = _CACHE[model] = Resolver(model)
    return resolver


def resolve_full(text: str, model: Model, *, elicit: tuple[str, str] | None = None) -> Resolution:
    return resolver_for(model).resolve(text, elicit)


def resolve(
    text: str, model: Model, *, elicit: tuple[str, str] | None = None
) -> tuple[str, dict[str, str]]:
    """(intent name, {slot: value}) for what a shopper typed or said."""
    found = resolver_for(model).resolve(text, elicit)
    return found.intent, dict(found.slots)
