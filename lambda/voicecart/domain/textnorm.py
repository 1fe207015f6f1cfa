"""Text normalization shared by the search index and the queries it answers.

Speech recognition hands us "twelve rolls", "double a", "lay go" and "$9.99" for things a
catalog writes as "12 Rolls", "AA", "LEGO" and "9.99". Both sides go through the same steps
here, so that whatever the spelling, the two meet on the same words:

    tokenize -> spelled numbers to digits -> "double a" to "aa" -> units to one spelling

`fold` then maps a word to the key the index stores (plurals and singulars share a key), and
`sound_key` to a phonetic key for sound-alikes. Price phrases ("under twenty dollars") are cut
out of queries by `extract_price`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

import jellyfish

_TOKEN_RE = re.compile(r"\$|\d+(?:\.\d+)?|[a-z]+")
# "1,000" is one number; a comma between words is only punctuation.
_THOUSANDS_COMMA_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")
_APOSTROPHE_RE = re.compile(r"['’`]")

# ---- spelled numbers ---------------------------------------------------------------------

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1000, "million": 1_000_000}
_BELOW_HUNDRED = {**_ONES, **_TEENS, **_TENS}
_NUMBER_WORDS = frozenset({*_BELOW_HUNDRED, "hundred", *_SCALES})

# ---- units: every spelling of a unit becomes one token -----------------------------------

_UNIT_SPELLINGS = {
    "oz": ("ounce", "ounces", "oz", "ozs"),
    "lb": ("pound", "pounds", "lb", "lbs"),
    "ct": ("count", "counts", "ct", "cnt"),
    "pk": ("pack", "packs", "pk", "pks", "pkg"),
    "g": ("gram", "grams", "g", "gr"),
    "kg": ("kilogram", "kilograms", "kilo", "kilos", "kg"),
    "ml": ("milliliter", "milliliters", "millilitre", "millilitres", "ml"),
    "l": ("liter", "liters", "litre", "litres", "l"),
    "gal": ("gallon", "gallons", "gal"),
    "qt": ("quart", "quarts", "qt"),
    "pc": ("piece", "pieces", "pc", "pcs"),
    "v": ("volt", "volts", "v"),
    "w": ("watt", "watts", "w"),
    "ft": ("foot", "feet", "ft"),
    "inch": ("inch", "inches"),
}
UNITS = {spelling: unit for unit, spellings in _UNIT_SPELLINGS.items() for spelling in spellings}

# Words a number can count: "12 rolls", "pack of 24". Next to one of these a number is part of
# what the shopper wants; on its own ("two coffees") it is more likely a quantity.
COUNT_WORDS = frozenset(
    {
        *_UNIT_SPELLINGS,
        "fl",
        "mah",
        "roll",
        "sheet",
        "bag",
        "box",
        "can",
        "bottle",
        "bar",
        "pod",
        "cup",
        "capsule",
        "tablet",
        "serving",
        "load",
        "pair",
        "set",
        "wipe",
        "diaper",
        "filter",
        "battery",
        "batteri",
        "jar",
        "tube",
        "stick",
        "egg",
        "dozen",
        "ply",
        "cartridge",
        "refill",
    }
)

# Words the catalog side drops: they carry no meaning for a search.
CATALOG_STOP_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "for", "with", "to", "in", "on", "by", "at", "$"}
)

# Words a shopper says around what they want: "can you find me some ... please".
QUERY_FILLER_WORDS = frozenset(
    {
        *CATALOG_STOP_WORDS,
        "please",
        "some",
        "any",
        "me",
        "my",
        "i",
        "im",
        "id",
        "we",
        "us",
        "our",
        "you",
        "u",
        "find",
        "search",
        "searching",
        "show",
        "look",
        "looking",
        "get",
        "buy",
        "order",
        "purchase",
        "want",
        "wanna",
        "need",
        "have",
        "has",
        "got",
        "gotta",
        "do",
        "does",
        "like",
        "would",
        "could",
        "should",
        "will",
        "that",
        "which",
        "is",
        "are",
        "there",
        "something",
        "anything",
        "stuff",
        "thing",
        "things",
        "item",
        "items",
        "kind",
        "sort",
        "type",
        "brand",
        "just",
        "also",
        "maybe",
        "um",
        "uh",
        "hey",
        "ok",
        "okay",
        "alexa",
        "priced",
        "price",
        "prices",
        "cost",
        "costs",
        "costing",
        "dollar",
        "dollars",
        "buck",
        "bucks",
        "usd",
        "cents",
        "cent",
        "what",
        "whats",
        "where",
        "see",
        "check",
        "add",
        "list",
        "tell",
        "about",
        # conversational words around a request: "okay so ... again thanks", "if you have it"
        "so",
        "well",
        "again",
        "thanks",
        "thank",
        "if",
        "it",
        "its",
        "oh",
        "hmm",
        "er",
        "ah",
        "yeah",
        "hi",
        "hello",
        "actually",
        "really",
        "gonna",
        "lets",
    }
)
# Fillers only as a phrase: "right" and "now" alone can name a product.
_FILLER_PHRASES = (("right", "now"),)
# "can" is a product word ("soup can") except in "can you", "can i", "can we".
_CAN_FOLLOWERS = frozenset({"you", "u", "i", "we"})


def tokenize(text: str) -> list[str]:
    """Lower-case words, digits (with a decimal point) and "$", without accents or apostrophes.

    Letters and digits split apart, so "24pk" is "24 pk" and "2-pack" is "2 pack"."""
    if not text.isascii():  # "Café" -> "cafe"; most catalog text needs none of this
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    text = _APOSTROPHE_RE.sub("", text)
    text = _THOUSANDS_COMMA_RE.sub("", text)
    return _TOKEN_RE.findall(text)


def _and_joins(tokens: list[str], at: int) -> bool:
    """Whether the "and" at `at` continues a number ("one hundred and five") rather than
    separating two ("between one hundred and two hundred")."""
    j = at + 1
    if j >= len(tokens) or tokens[j] not in _BELOW_HUNDRED:
        return False
    while j < len(tokens) and tokens[j] in _BELOW_HUNDRED:
        j += 1
    return not (j < len(tokens) and (tokens[j] == "hundred" or tokens[j] in _SCALES))


def _read_number(tokens: list[str], start: int) -> tuple[int, int] | None:
    """The spelled number starting at `start` and the index after it, or None.

    Reads "twenty five", "one hundred and five", "two thousand", "a hundred". A number that
    cannot continue the one before ("nine ninety nine") ends it, so that reads as 9 and 99."""
    total = current = 0
    last = ""  # kind of the previous number word: one, teen, tens, hundred, scale
    has_hundred = False
    i = start
    if (
        tokens[i] in ("a", "an")
        and i + 1 < len(tokens)
        and (tokens[i + 1] == "hundred" or tokens[i + 1] in _SCALES)
    ):
        current, last, i = 1, "one", i + 1
    while i < len(tokens):
        word = tokens[i]
        if word in _ONES and last in ("", "tens", "hundred", "scale"):
            current += _ONES[word]
            last = "one"
        elif (word in _TEENS or word in _TENS) and last in ("", "hundred", "scale"):
            current += _BELOW_HUNDRED[word]
            last = "teen" if word in _TEENS else "tens"
        elif word == "hundred" and last in ("one", "teen") and not has_hundred:
            current *= 100
            last, has_hundred = "hundred", True
        elif word in _SCALES and last in ("one", "teen", "tens", "hundred"):
            total += current * _SCALES[word]
            current, last, has_hundred = 0, "scale", False
        elif word == "and" and last in ("hundred", "scale") and _and_joins(tokens, i):
            pass
        else:
            break
        i += 1
    if not last:
        return None
    return total + current, i


def words_to_numbers(tokens: list[str]) -> list[str]:
    """Spelled numbers become digits: ["twenty", "four", "pack"] -> ["24", "pack"]."""
    if _NUMBER_WORDS.isdisjoint(tokens):
        return tokens  # the common case for catalog text: nothing to do
    out: list[str] = []
    i = 0
    while i < len(tokens):
        found = (
            _read_number(tokens, i)
            if tokens[i] in _NUMBER_WORDS or tokens[i] in ("a", "an")
            else None
        )
        if found is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(str(found[0]))
            i = found[1]
    return out


def join_letters(tokens: list[str]) -> list[str]:
    """Battery sizes as said aloud: "double a" and "a a" -> "aa", "triple a" and "a a a" ->
    "aaa" ("double-a" arrives here as "double a")."""
    if "a" not in tokens and "double" not in tokens and "triple" not in tokens:
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in ("double", "triple") and len(nxt) == 1 and nxt.isalpha():
            out.append(nxt * (2 if word == "double" else 3))
            i += 2
        elif word == "a" and nxt == "a":
            run = 2 if i + 2 >= len(tokens) or tokens[i + 2] != "a" else 3
            out.append("a" * run)
            i += run
        else:
            out.append(word)
            i += 1
    return out


def canonical_units(tokens: list[str]) -> list[str]:
    return [UNITS.get(t, t) for t in tokens]


# Unit words long enough to recognise misheard ("cownt", "pak", "piecs").
_SPOKEN_UNITS = tuple(s for s in UNITS if len(s) >= 4 and s.isalpha()) + ("pak",)


def heard_units(tokens: list[str]) -> list[str]:
    """A word right after a number that sounds like or is spelled like a unit is that unit:
    "12 cownt" -> "12 ct", "24 pak" -> "24 pk". Only after a number, so "pint" or "pound
    cake" elsewhere stay words; only close matches, so "12 pints" is not "12 pounds"."""
    if not any(t[:1].isdigit() for t in tokens):
        return tokens
    from rapidfuzz import fuzz  # lazy: only queries with a number need it

    out = list(tokens)
    for i in range(1, len(out)):
        word = out[i]
        if not out[i - 1][:1].isdigit() or not word.isalpha() or len(word) < 3 or word in UNITS:
            continue
        best, best_score = "", 0.0
        for spelling in _SPOKEN_UNITS:
            score = fuzz.ratio(word, spelling)
            if score >= 85 or (score >= 75 and sound_key(word) == sound_key(spelling)):
                if score > best_score:
                    best, best_score = spelling, score
        if best:
            out[i] = UNITS.get(best, "pk")
    return out


def normalize_words(text: str) -> list[str]:
    """The steps both products and queries go through, before any word is dropped."""
    return canonical_units(join_letters(words_to_numbers(tokenize(text))))


def catalog_words(text: str) -> list[str]:
    """Words of a product field as the index sees them."""
    return [w for w in normalize_words(text) if w not in CATALOG_STOP_WORDS]


def drop_fillers(tokens: list[str]) -> list[str]:
    out: list[str] = []
    skip = 0
    for i, word in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        phrase = next((p for p in _FILLER_PHRASES if tuple(tokens[i : i + len(p)]) == p), None)
        if phrase is not None:
            skip = len(phrase) - 1
            continue
        if word == "can" and i + 1 < len(tokens) and tokens[i + 1] in _CAN_FOLLOWERS:
            continue
        if word not in QUERY_FILLER_WORDS:
            out.append(word)
    return out


# ---- keys: plural and singular meet -------------------------------------------------------

_IRREGULAR = {
    "knives": "knife",
    "leaves": "leaf",
    "children": "child",
    "men": "man",
    "women": "woman",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "people": "person",
    "wolves": "wolf",
    "shelves": "shelf",
    "loaves": "loaf",
    "halves": "half",
    "calves": "calf",
    "dice": "die",
}
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The index key of a word: plural and singular share it ("batteries" and "battery" are
    both "batteri", "cookies" and "cookie" both "cooki"). Not an English stemmer, only a folder
    of number: both sides fold the same way, so the key needs to match, not to read well."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "i"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        word = word[:-2]
    elif word.endswith("oes") and len(word) > 5:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("y") and len(word) > 3 and word[-2] not in _VOWELS:
        return word[:-1] + "i"
    if word.endswith("ie") and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def sound_key(key: str) -> str:
    """A phonetic key (metaphone): "lego", "leggo" and "laygo" all sound like "LK"."""
    return jellyfish.metaphone(key) if key.isalpha() else ""


# ---- prices -----------------------------------------------------------------------------

_MAX_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "no more than",
        "not more than",
        "no higher than",
        "less than",
        "less then",
        "cheaper than",
        "cheaper then",
        "lower than",
        "at most",
        "up to",
        "under",
        "below",
        "beneath",
        "max",
        "maximum",
        "within",
    )
)
_MIN_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "more expensive than",
        "more than",
        "more then",
        "greater than",
        "higher than",
        "at least",
        "pricier than",
        "starting at",
        "over",
        "above",
        "minimum",
    )
)
# "20 dollars or less", "50 and up".
_MAX_TRAILERS = (
    ("or", "less"),
    ("or", "under"),
    ("and", "under"),
    ("or", "cheaper"),
    ("or", "below"),
)
_MIN_TRAILERS = (
    ("or", "more"),
    ("and", "up"),
    ("and", "over"),
    ("or", "over"),
    ("and", "above"),
    ("or", "above"),
    ("plus",),
)
_DOLLAR_WORDS = frozenset({"dollar", "dollars", "buck", "bucks", "usd"})
_CENT_WORDS = frozenset({"cent", "cents"})
_CENT = Decimal("0.01")


def is_count_word(token: str) -> bool:
    """Whether a number next to `token` counts something: "rolls", "pack", "ounces"."""
    unit = UNITS.get(token, token)
    return unit in COUNT_WORDS or fold(unit) in COUNT_WORDS


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _two_digits(token: str) -> bool:
    return token.isdigit() and len(token) == 2


def _read_amount(tokens: list[str], start: int) -> tuple[Decimal, int] | None:
    """A money amount at `start` and the index after it: "$20", "20 dollars", "9.99",
    "twenty dollars and fifty cents", "twenty dollars fifty", "nine ninety nine", "50 cents".

    A number followed by a unit ("up to 12 cups", "under 5 pounds") is a quantity, not money."""
    n = len(tokens)
    i = start
    sign = i < n and tokens[i] == "$"
    if sign:
        i += 1
    if i >= n or not _is_number(tokens[i]):
        return None
    whole = tokens[i]
    value = Decimal(whole)
    i += 1
    money = sign
    if i < n and tokens[i] in _DOLLAR_WORDS:
        money, i = True, i + 1
    elif i < n and tokens[i] in _CENT_WORDS and not sign:
        return value * _CENT, i + 1
    if money:
        # "twenty dollars and fifty cents" / "twenty dollars fifty cents" / "twenty dollars fifty"
        j = i + 1 if i < n and tokens[i] == "and" else i
        if j < n and tokens[j].isdigit() and int(tokens[j]) < 100:
            if j + 1 < n and tokens[j + 1] in _CENT_WORDS:
                return value + int(tokens[j]) * _CENT, j + 2
            if j == i and not (j + 1 < n and is_count_word(tokens[j + 1])):
                return value + int(tokens[j]) * _CENT, j + 1
    elif whole.isdigit() and i < n and _two_digits(tokens[i]):
        # "nine ninety nine" arrives as 9 99: said after a price word it means 9.99.
        after = i + 1
        if not (after < n and is_count_word(tokens[after])):
            if after < n and tokens[after] in _DOLLAR_WORDS:
                after += 1
            return value + int(tokens[i]) * _CENT, after
    if not money and i < n and is_count_word(tokens[i]):
        return None
    return value, i


# The price phrases by their first word, in the order they are tried (upper bounds first).
_BOUND_PHRASES: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _phrases, _is_max in ((_MAX_PHRASES, True), (_MIN_PHRASES, False)):
    for _phrase in _phrases:
        _BOUND_PHRASES.setdefault(_phrase[0], []).append((_phrase, _is_max))


def _starts_with(tokens: list[str], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[at : at + len(phrase)]) == phrase


def _read_range(tokens: list[str], at: int) -> tuple[Decimal, Decimal, int] | None:
    """ "between ten and twenty dollars", "from 10 to 20 dollars"."""
    if tokens[at] not in ("between", "from"):
        return None
    low = _read_amount(tokens, at + 1)
    if low is None or low[1] >= len(tokens) or tokens[low[1]] not in ("and", "to"):
        return None
    high = _read_amount(tokens, low[1] + 1)
    if high is None:
        return None
    return min(low[0], high[0]), max(low[0], high[0]), high[1]


def extract_price(tokens: list[str]) -> tuple[Decimal | None, Decimal | None, list[str]]:
    """Cut price phrases out of the (number-converted) query tokens.

    Returns (min_price, max_price, the other tokens). Both bounds are inclusive."""
    low: Decimal | None = None
    high: Decimal | None = None
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        span = _read_range(tokens, i)
        if span is not None:
            low, high, i = span
            continue
        found = False
        for phrase, is_max in _BOUND_PHRASES.get(tokens[i], ()):
            if not _starts_with(tokens, i, phrase):
                continue
            amount = _read_amount(tokens, i + len(phrase))
            if amount is not None:
                if is_max:
                    high = amount[0]
                else:
                    low = amount[0]
                i, found = amount[1], True
                break
        if found:
            continue
        amount = _read_amount(tokens, i) if _is_number(tokens[i]) or tokens[i] == "$" else None
        if amount is not None:
            for trailers, is_max in ((_MAX_TRAILERS, True), (_MIN_TRAILERS, False)):
                trailer = next((t for t in trailers if _starts_with(tokens, amount[1], t)), None)
                if trailer is not None:
                    if is_max:
                        high = amount[0]
                    else:
                        low = amount[0]
                    i, found = amount[1] + len(trailer), True
                    break
        if not found:
            rest.append(tokens[i])
            i += 1
    if low is not None and high is not None and low > high:
        low, high = high, low
    return _money(low), _money(high), rest


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_CENT)
