"""A deterministic synthetic catalog for the benchmarks, and the demo catalog beside it.

Same idea as `synthetic_catalog()` in tests/unit/test_search.py (word lists and a seeded RNG,
a made-up product line name per product so the vocabulary grows with the catalog, as a real
one does), with more nouns, compound words ("toothpaste", "flashlight") that speech
recognition splits, and sizes that it spells out. The benchmark keeps its own copy so that
tuning the unit tests never changes the benchmark's numbers.
"""

from __future__ import annotations

import random
from decimal import Decimal

from voicecart.demo import demo_catalog_text
from voicecart.domain.catalog import Product, parse_products

BRANDS = [
    "Acme",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Oscorp",
    "Duff",
    "Monarch",
    "Pied Piper",
    "Blue Harbor",
    "Greenfield",
    "Sunbeam Valley",
    "Maple Ridge",
    "Silver Creek",
]
ADJECTIVES = [
    "classic",
    "deluxe",
    "organic",
    "premium",
    "everyday",
    "ultra",
    "soft",
    "strong",
    "mini",
    "large",
    "family",
    "value",
    "original",
    "natural",
    "fresh",
    "compact",
    "wireless",
    "heavy duty",
    "gentle",
    "extra",
    "unscented",
    "lightweight",
    "stainless",
    "sparkling",
    "vanilla",
    "chocolate",
    "lavender",
    "rechargeable",
]
NOUNS = {
    "grocery": [
        "coffee",
        "tea",
        "cookies",
        "crackers",
        "cereal",
        "pasta",
        "rice",
        "beans",
        "oatmeal",
        "peanut butter",
        "popcorn",
        "pancake mix",
        "olive oil",
        "granola bars",
    ],
    "household": [
        "paper towels",
        "toilet paper",
        "trash bags",
        "dish soap",
        "sponges",
        "laundry detergent",
        "light bulbs",
        "napkins",
        "dishwasher pods",
        "air freshener",
    ],
    "electronics": [
        "batteries",
        "headphones",
        "charger",
        "cable",
        "speaker",
        "keyboard",
        "mouse",
        "flashlight",
        "webcam",
        "power bank",
    ],
    "toys": [
        "building blocks",
        "puzzle",
        "doll",
        "dollhouse",
        "action figure",
        "board game",
        "teddy bear",
        "race car",
        "kite",
        "jigsaw puzzle",
    ],
    "kitchen": [
        "mug",
        "skillet",
        "spatula",
        "cutting board",
        "blender",
        "kettle",
        "toaster",
        "saucepan",
        "water bottle",
    ],
    "pets": [
        "dog food",
        "cat litter",
        "chew toy",
        "leash",
        "bird seed",
        "fish flakes",
        "cat treats",
    ],
    "beauty": [
        "shampoo",
        "conditioner",
        "lotion",
        "toothpaste",
        "toothbrush",
        "razor",
        "sunscreen",
        "lip balm",
        "body wash",
    ],
    "office": [
        "pens",
        "notebook",
        "stapler",
        "printer paper",
        "sticky notes",
        "folders",
        "highlighters",
        "paperclips",
    ],
}
SIZES = ["{n} Pack", "{n} Count", "{n} oz", "{n} lb", "{n} Rolls", "Set of {n}", "{n} Pieces"]
SIZE_NUMBERS = [1, 2, 3, 4, 6, 8, 10, 12, 16, 18, 20, 24, 30, 32, 40, 48, 64]
FILLER = [
    "great",
    "for",
    "the",
    "whole",
    "family",
    "made",
    "with",
    "care",
    "long",
    "lasting",
    "easy",
    "to",
    "use",
    "perfect",
    "gift",
    "quality",
    "you",
    "can",
    "trust",
    "daily",
    "durable",
    "design",
    "home",
    "travel",
    "everyday",
    "favorite",
    "new",
    "improved",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tor",
    "va",
    "zen",
    "qui",
    "bra",
    "del",
    "fin",
    "gor",
    "hal",
    "jun",
    "mex",
    "nor",
    "pol",
    "sar",
    "tev",
    "wil",
    "cor",
    "ber",
    "sta",
    "phi",
]


def demo_products() -> list[Product]:
    """The catalog `voicecart serve --demo` ships."""
    return [p for _, p in parse_products(demo_catalog_text(), "json")]


def synthetic_products(n: int, seed: int = 7) -> list[Product]:
    """`n` made-up products, the same ones for the same `n` and `seed`."""
    rnd = random.Random(seed)
    lines = sorted(
        {"".join(rnd.choice(SYLLABLES) for _ in range(3)) for _ in range(max(50, n // 8))}
    )
    categories = sorted(NOUNS)
    products: list[Product] = []
    for i in range(n):
        category = rnd.choice(categories)
        noun = rnd.choice(NOUNS[category])
        size = rnd.choice(SIZES).format(n=rnd.choice(SIZE_NUMBERS))
        adjective = rnd.choice(ADJECTIVES).title()
        name = f"{adjective} {rnd.choice(lines).title()} {noun.title()}, {size}"
        description = " ".join(rnd.choice(FILLER) for _ in range(12)) + f" {noun}"
        products.append(
            Product(
                sku=f"SYN{i:06d}",
                name=name,
                brand=rnd.choice(BRANDS),
                category=category,
                price=Decimal(rnd.randint(99, 25000)) / 100,
                rating=round(rnd.uniform(1, 5), 1),
                review_count=rnd.randint(0, 50000),
                review_summary="Shoppers like the value and the quality.",
                description=description,
            )
        )
    return products


def full_catalog(total: int, seed: int = 7) -> list[Product]:
    """The demo catalog topped up with synthetic products to `total` products in all."""
    demo = demo_products()
    return demo + synthetic_products(max(0, total - len(demo)), seed)
