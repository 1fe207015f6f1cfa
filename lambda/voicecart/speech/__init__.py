"""Per-locale reply texts. Handlers ask for a text by key; nothing hard-codes English.

Texts are plain sentences with {placeholders}; the platform adapter escapes the result
into SSML, so a product called "Salt & Pepper" can never break the markup.
"""

from __future__ import annotations

import json
import random
import string
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

DEFAULT_LOCALE = "en-US"


class Texts:
    def __init__(self, locale: str, table: dict[str, Any]) -> None:
        self.locale = locale
        self._table = table
        self._random = random.Random()

    def has(self, key: str) -> bool:
        return key in self._table

    def say(self, key: str, platform: str = "", **params: object) -> str:
        """The text for `key`; a "key.platform" entry, where present, wins on that platform."""
        template = self._table.get(f"{key}.{platform}") or self._table[key]
        if isinstance(template, list):
            template = self._random.choice(template)
        missing = _placeholders(template) - params.keys()
        if missing:
            raise KeyError(f"text {key!r} needs {sorted(missing)}")
        return str(template).format(**{k: self.value(v) for k, v in params.items()})

    def value(self, value: object) -> str:
        if isinstance(value, Decimal):
            return self.money(value)
        if isinstance(value, date):
            return f"{value:%A}, {value:%B} {value.day}"
        return str(value)

    def money(self, amount: Decimal) -> str:
        return f"${amount:,.2f}"

    def join(self, items: list[str]) -> str:
        """ "a", "a and b", "a, b and c" — in this locale's words."""
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self._table['_and']} {items[-1]}"


@cache
def _placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@cache
def _load(locale: str) -> dict[str, Any]:
    data = resources.files(__name__).joinpath(f"{locale}.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(data)
    return table


@lru_cache(maxsize=32)  # bounded: the locale comes with each request
def texts_for(locale: str | None) -> Texts:
    """The texts for `locale`, falling back to the language, then to en-US. One per locale
    for the process: a Texts holds nothing of a turn."""
    for candidate in (locale or "", (locale or "").split("-")[0], DEFAULT_LOCALE):
        try:
            return Texts(candidate, _load(candidate))
        except (FileNotFoundError, OSError):
            continue
    return Texts(DEFAULT_LOCALE, _load(DEFAULT_LOCALE))
