"""ITEM_NAME and CATEGORY slot values, derived from the demo catalog.

`voicecart models sync-catalog` writes them into the source between the BEGIN/END
catalog values markers, so the committed model is deterministic and reviewable;
`voicecart models check` fails when the catalog has moved on without a re-sync.

ITEM_NAME: one value per generic product noun (the product name without its brand and
pack details: "Energizer AA Batteries, 24 Pack" -> "AA Batteries"), with the product's
own synonyms ("double a batteries"). A synonym several products share ("batteries",
"wine") becomes a value of its own, because Alexa lets a phrase belong to one value only.
CATEGORY: one value per catalog category, id = the category as the catalog spells it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .source import Model, SlotType, Value

CATALOG = Path(__file__).resolve().parents[1] / "data" / "demo_catalog.json"
BEGIN = "  # BEGIN catalog values"
END = "  # END catalog values"
GENERATED = ("ITEM_NAME", "CATEGORY")

# What shoppers call each catalog category besides its own name (singular and plural
# forms are added automatically).
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "alcohol": ("alcoholic drinks", "beer and wine", "liquor", "booze"),
    "baby": ("baby stuff", "baby products", "baby supplies", "baby things"),
    "beauty": ("beauty products", "toiletries", "cosmetics", "makeup"),
    "beverages": ("drinks", "soda and juice", "something to drink"),
    "cleaning": ("cleaning supplies", "cleaning products", "cleaners"),
    "electronics": ("electronic stuff", "tech", "gadgets", "devices"),
    "garden": ("gardening", "lawn and garden", "yard", "outdoor stuff"),
    "grocery": ("groceries", "food", "pantry"),
    "health": ("health products", "pharmacy", "medicines", "health care"),
    "household": ("household supplies", "household items", "home essentials", "home"),
    "kitchen": ("kitchen supplies", "kitchenware", "cookware", "kitchen stuff"),
    "office": ("office supplies", "school supplies", "stationery"),
    "party": ("party supplies", "party stuff", "decorations"),
    "pet": ("pets", "pet supplies", "pet stuff", "pet food"),
    "snacks": ("snack", "snack food", "treats", "candy"),
    "sports": ("sporting goods", "sports equipment", "fitness gear"),
    "toys": ("toy", "games", "toys and games", "kids toys"),
}

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + _words(rest))
    return " ".join(_ONES[int(d)] for d in str(n))


def spoken(text: str) -> str | None:
    """A phrase as a slot value: digits spelled out; None if it cannot be spoken plainly."""
    text = re.sub(r"\d+", lambda m: f" {_words(int(m.group()))} ", text.replace("&", " and "))
    text = " ".join(text.split())
    if not text or not re.fullmatch(r"[A-Za-z][A-Za-z '.\-]*", text):
        return None
    return text


def generic_name(product: dict[str, Any]) -> str | None:
    """'Energizer AA Batteries, 24 Pack' (brand Energizer) -> 'AA Batteries'.

    A brand shoppers use as a noun (it is one of the product's synonyms: "lego",
    "bounty") stays: 'LEGO City Fire Station'.
    """
    name = str(product["name"]).split(",")[0].strip()
    brand = str(product.get("brand") or "").strip()
    said = {str(s).strip().lower() for s in product.get("synonyms") or ()}
    if brand and name.lower().startswith(brand.lower() + " ") and brand.lower() not in said:
        name = name[len(brand) :].strip()
    return spoken(name)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")


def _variants(word: str) -> list[str]:
    """The singular of a plural category name ("toys" -> "toy")."""
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("s") and not word.endswith(("ss", "ics")):
        return [word[:-1]]
    return []


def load_catalog(path: Path | None = None) -> list[dict[str, Any]]:
    data = json.loads((path or CATALOG).read_text("utf-8"))
    products = data.get("products", []) if isinstance(data, dict) else data
    return [p for p in products if isinstance(p, dict)]


def _plainest(names: Iterable[str]) -> str | None:
    words = {name: set(name.split()) for name in names}
    for name in sorted(words, key=lambda n: (len(words[n]), n)):
        if all(words[name] <= other for other in words.values()):
            return name
    return None


def item_values(products: Iterable[dict[str, Any]]) -> SlotType:
    groups: dict[str, str] = {}  # lower-case generic name -> name as written
    owners: dict[str, set[str]] = {}  # lower-case phrase -> generic names it may mean
    written: dict[str, str] = {}  # lower-case phrase -> phrase as first written
    for product in products:
        name = generic_name(product)
        if not name:
            continue
        key = name.lower()
        groups.setdefault(key, name)
        for raw in product.get("synonyms") or ():
            phrase = spoken(str(raw))
            if phrase and phrase.lower() != key:
                owners.setdefault(phrase.lower(), set()).add(key)
                written.setdefault(phrase.lower(), phrase)
    synonyms: dict[str, list[str]] = {key: [] for key in groups}
    shared: dict[frozenset[str], list[str]] = {}  # owner set -> phrases several products share
    for phrase in sorted(owners):
        if phrase in groups:
            continue  # another product's generic name: a value in its own right
        if len(owners[phrase]) == 1:
            synonyms[next(iter(owners[phrase]))].append(written[phrase])
        else:
            shared.setdefault(frozenset(owners[phrase]), []).append(phrase)
    standalone: list[tuple[str, list[str]]] = []
    for owner_set, phrases in sorted(shared.items(), key=lambda kv: sorted(kv[1])):
        # "double a batteries" is said of both "AA Batteries" and "AA Alkaline Batteries":
        # it joins the plainer name, whose words all the others contain. "wine", said of
        # two unrelated wines, becomes a value of its own.
        home = _plainest(owner_set)
        if home is not None:
            synonyms[home].extend(written[p] for p in phrases)
        else:
            head = min(phrases, key=lambda p: (len(p), p))
            standalone.append((written[head], [written[p] for p in phrases if p != head]))
    values: dict[str, Value] = {}
    for key in sorted(groups):
        values[key] = Value(_slug(groups[key]), groups[key], tuple(synonyms[key]))
    for head, rest in standalone:
        values[head.lower()] = Value(_slug(head), head, tuple(rest))
    ordered = sorted(values.values(), key=lambda v: (v.name.lower(), v.id))
    seen: dict[str, int] = {}
    unique = []
    for value in ordered:  # ids stay unique even if two names slug alike
        count = seen.get(value.id, 0)
        seen[value.id] = count + 1
        unique.append(
            value if not count else Value(f"{value.id}_{count + 1}", value.name, value.synonyms)
        )
    return SlotType("ITEM_NAME", tuple(unique))


def category_values(products: Iterable[dict[str, Any]]) -> SlotType:
    categories = sorted({str(p["category"]).strip().lower() for p in products if p.get("category")})
    taken = set(categories)
    values = []
    for category in categories:
        extra = [*CATEGORY_SYNONYMS.get(category, ()), *_variants(category)]
        synonyms = []
        for phrase in extra:
            if phrase not in taken:
                taken.add(phrase)
                synonyms.append(phrase)
        values.append(Value(category, category, tuple(synonyms)))
    return SlotType("CATEGORY", tuple(values))


def generated_types(catalog: Path | None = None) -> list[SlotType]:
    products = load_catalog(catalog)
    return [item_values(products), category_values(products)]


def render(types: Iterable[SlotType]) -> str:
    """The YAML between the markers (two-space indented under `types:`)."""
    import yaml

    lines = []
    for slot_type in types:
        lines.append(f"  {slot_type.name}:")
        lines.append("    values:")
        for value in slot_type.values:
            item = {"id": value.id, "name": value.name, "synonyms": list(value.synonyms)}
            text = yaml.safe_dump(
                item, default_flow_style=True, width=10**6, sort_keys=False
            ).strip()
            lines.append(f"      - {text}")
    return "\n".join(lines) + "\n"


def sync(source: Path, catalog: Path | None = None) -> bool:
    """Rewrite the generated block of `source`; True if the file changed."""
    text = source.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    try:
        begin = next(i for i, line in enumerate(lines) if line.startswith(BEGIN))
        end = next(i for i, line in enumerate(lines) if line.startswith(END))
    except StopIteration as exc:
        raise ValueError(f"{source}: no '{BEGIN.strip()}' / '{END.strip()}' markers") from exc
    header_end = begin + 1
    while header_end < end and lines[header_end].startswith("  #"):
        header_end += 1  # keep the comment lines that follow BEGIN
    body = render(generated_types(catalog))
    new = "".join(lines[:header_end]) + body + "".join(lines[end:])
    if new == text:
        return False
    source.write_text(new, "utf-8")
    return True


def stale_types(model: Model, catalog: Path | None = None) -> list[str]:
    """Names of the generated types whose committed values differ from the catalog."""
    if not (catalog or CATALOG).exists():
        return []
    stale = []
    for slot_type in generated_types(catalog):
        committed = model.type(slot_type.name)
        if committed is None or committed.values != slot_type.values:
            stale.append(slot_type.name)
    return stale
