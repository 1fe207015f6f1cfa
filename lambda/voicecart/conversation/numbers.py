"""Spoken numbers as Alexa's built-in slot types give them: NUMBER, FOUR_DIGIT_NUMBER, Ordinal."""

from __future__ import annotations

UNITS = {
    "zero": 0,
    "oh": 0,
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
TEENS = {
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
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
NUMBER_WORDS = (set(UNITS) - {"oh"}) | set(TEENS) | set(TENS) | set(SCALES) | {"a", "and"}
DIGIT_WORDS = set(UNITS) | set(TEENS) | set(TENS) | {"double", "triple", "o"}

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}


def parse_number(text: str) -> int | None:
    """'two' -> 2, 'twenty five' -> 25, 'one hundred and fifty' -> 150, '12' -> 12.

    A run of single digits ('one two') is not a number: it is a code, see parse_digits.
    """
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if words[0] == "and" or words[-1] in ("and", "a"):
        return None
    total, current = 0, 0
    last = ""  # the class of the previous word, to refuse 'two three' or 'twenty thirty'
    for word in words:
        if word == "and":
            if last not in ("scale",):
                return None
            continue
        if word == "a":
            if last:
                return None
            current, last = 1, "unit"
        elif word in UNITS and word != "oh":
            if last in ("unit", "teen"):
                return None
            current += UNITS[word]
            last = "unit"
        elif word in TEENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TEENS[word]
            last = "teen"
        elif word in TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TENS[word]
            last = "tens"
        elif word in SCALES:
            if not last or last == "scale":
                return None
            if word == "hundred":
                current *= 100
            else:
                total += current * SCALES[word]
                current = 0
            last = "scale"
        else:
            return None
    return total + current


def parse_digits(text: str) -> str | None:
    """A code as spoken: 'one two three four', 'twelve thirty four', '1 2 3 4' -> '1234'."""
    words = text.lower().replace("-", " ").split()
    out: list[str] = []
    repeat = 1
    index = 0
    while index < len(words):
        word = words[index]
        if word.isdigit():
            out.append(word * repeat)
            repeat = 1
        elif word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
        elif word in UNITS or word == "o":
            out.append(str(UNITS.get(word, 0)) * repeat)
            repeat = 1
        elif word in TEENS:
            out.append(str(TEENS[word]))
        elif word in TENS:
            following = words[index + 1] if index + 1 < len(words) else ""
            if following in UNITS and following not in ("zero", "oh"):
                out.append(str(TENS[word] + UNITS[following]))
                index += 1
            else:
                out.append(str(TENS[word]))
        else:
            return None
        index += 1
    if repeat != 1 or not out:
        return None
    return "".join(out)


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def parse_ordinal(text: str) -> str | None:
    """'second' -> '2nd', '3rd' -> '3rd' (the form Alexa's AMAZON.Ordinal gives)."""
    word = " ".join(text.lower().replace("-", " ").split())
    if word in ORDINALS:
        return ordinal_suffix(ORDINALS[word])
    tens, _, unit = word.partition(" ")
    if tens in TENS and ORDINALS.get(unit, 10) < 10:
        return ordinal_suffix(TENS[tens] + ORDINALS[unit])
    digits = word.rstrip("stndrh")
    if digits.isdigit() and word[len(digits) :] in ("st", "nd", "rd", "th"):
        return ordinal_suffix(int(digits))
    return None
