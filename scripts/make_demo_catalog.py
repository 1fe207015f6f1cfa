#!/usr/bin/env python3
"""Generate the VoiceCart demo catalog: lambda/voicecart/data/demo_catalog.json.

Deterministic and offline. Products come from hand-written families (a brand or two, a
product line, and its sizes or variants); ratings, review counts and the wording of the
review summaries are drawn from random.Random seeded by the catalog seed and the sku, so
adding a product never changes any other product, and two runs give byte-identical output.

    .venv/bin/python scripts/make_demo_catalog.py            # write the shipped file
    .venv/bin/python scripts/make_demo_catalog.py --check    # fail if the file is stale
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 20240611
OUTPUT = Path(__file__).resolve().parents[1] / "lambda" / "voicecart" / "data" / "demo_catalog.json"

# Text a speaker reads aloud: no symbols, markup, emoji or apostrophes.
_SPEAKABLE = re.compile(r"^[A-Za-z0-9 ,.:\-]+$")
_SKU = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")


@dataclass(frozen=True)
class V:
    """One variant of a family: a size, a flavor, or a distinct item of a product line."""

    label: str
    code: str
    price: str
    syn: tuple[str, ...] = ()
    desc: str | None = None
    name: str | None = None  # the whole name, when the family pattern does not fit
    sku: str | None = None  # the whole sku, for products other code refers to
    rating: float | None = None
    reviews: int | None = None
    summary: str | None = None
    brands: tuple[str, ...] | None = None  # brand codes this variant is sold under
    brand: str | None = None  # a sub-brand that replaces the family brand
    likes: tuple[str, ...] | None = None  # replace the family review pools
    gripes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Family:
    category: str
    prefix: str
    code: str
    name: str  # pattern with {brand} and {v}
    brands: tuple[tuple[str, str, str], ...]  # (brand, code, price factor)
    variants: tuple[V, ...]
    syn: tuple[str, ...]
    desc: str  # pattern with {brand} and {v} (the label up to its first comma, no size)
    likes: tuple[str, ...]
    gripes: tuple[str, ...]
    age_restricted: bool = False


def fam(
    category: str,
    prefix: str,
    code: str,
    name: str,
    brands,
    variants,
    *,
    syn=(),
    desc: str,
    likes,
    gripes,
    age_restricted: bool = False,
) -> Family:
    if isinstance(brands, str):
        brands = ((brands, "", "1"),)
    else:
        brands = tuple(b if len(b) == 3 else (b[0], b[1], "1") for b in brands)
    return Family(
        category,
        prefix,
        code,
        name,
        tuple(brands),
        tuple(variants),
        tuple(syn),
        desc,
        tuple(likes),
        tuple(gripes),
        age_restricted,
    )


def v(label: str, code: str, price: str, *syn: str, **kw) -> V:
    for pool in ("likes", "gripes"):
        if pool in kw:
            kw[pool] = tuple(kw[pool])
    return V(label, code, price, tuple(syn), **kw)


# ---------------------------------------------------------------------------------------------
# Review summaries: a template chosen by rating band, filled with what shoppers like and dislike.

# A like is what follows "Shoppers love": "how sturdy it is", "the bold flavor", "that it
# never leaks". A gripe is a whole clause: "assembly takes an hour".
_HIGH = ("Shoppers love {like}.", "Reviewers love {like}.", "Shoppers love {like}, though {gripe}.")
_GOOD = (
    "Most reviewers like {like}, though {gripe}.",
    "Shoppers like {like}, but {gripe}.",
    "Most shoppers are happy with {like}, though {gripe}.",
)
_MIXED = (
    "Reviews are mixed: people like {like}, but {gripe}.",
    "Opinions are split: some like {like}, but {gripe}.",
)
# A like and a gripe on the same topic would contradict or repeat each other.
_TOPICS = {
    "price": "price",
    "pricey": "price",
    "value": "price",
    "savings": "price",
    "scent": "scent",
    "smell": "scent",
    "scented": "scent",
    "unscented": "scent",
    "sweet": "sweet",
    "soft": "soft",
    "strong": "strong",
    "thin": "thin",
    "thinner": "thin",
    "size": "size",
    "small": "size",
    "smaller": "size",
    "flavor": "taste",
    "taste": "taste",
    "tastes": "taste",
    "crunch": "crunch",
    "bag": "bag",
    "bags": "bag",
    "fresh": "fresh",
    "cap": "cap",
    "lid": "cap",
    "box": "box",
    "sturdy": "sturdy",
    "flimsy": "sturdy",
    "bristles": "bristles",
    "cats": "cats",
    "dogs": "dogs",
    "air": "air",
    "mint": "mint",
    "weight": "weight",
    "heavy": "weight",
    "heavier": "weight",
    "light": "weight",
    "fast": "speed",
    "slow": "speed",
    "slower": "speed",
    "speed": "speed",
}


def _topics(text: str) -> set[str]:
    return {_TOPICS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _TOPICS}


def _summary(rng: random.Random, rating: float, likes, gripes) -> str:
    band = _HIGH if rating >= 4.5 else _GOOD if rating >= 3.8 else _MIXED
    like = rng.choice(likes)
    if like.startswith("that "):  # "happy with that it ..." does not parse
        band = tuple(t for t in band if "happy with" not in t)
    template = rng.choice(band)
    fitting = [g for g in gripes if not _topics(g) & _topics(like)] or list(gripes)
    gripe = rng.choice(fitting)
    return template.format(like=like, gripe=gripe)


def _shelf_price(value: Decimal) -> Decimal:
    """The nearest price ending in .49 or .99."""
    whole = value.to_integral_value(rounding=ROUND_FLOOR)
    options = [whole - Decimal("0.01"), whole + Decimal("0.49"), whole + Decimal("0.99")]
    best = min(options, key=lambda p: (abs(p - value), p))
    return max(best, Decimal("0.99"))


def expand(family: Family, seed: int) -> list[dict[str, object]]:
    products = []
    for family_brand, brand_code, factor in family.brands:
        for var in family.variants:
            if var.brands is not None and brand_code not in var.brands:
                continue
            brand = var.brand or family_brand
            sku = var.sku or "-".join(
                p for p in (family.prefix, family.code, var.code, brand_code) if p
            )
            rng = random.Random(f"{seed}/{sku}")
            rating = var.rating
            if rating is None:
                rating = round(rng.triangular(3.1, 4.9, 4.5), 1)
            reviews = var.reviews
            if reviews is None:
                reviews = min(25000, max(5, round(10 ** rng.uniform(0.7, 4.4))))
            summary = var.summary or _summary(
                rng, rating, var.likes or family.likes, var.gripes or family.gripes
            )
            price = Decimal(var.price)
            if Decimal(factor) != 1:
                price = _shelf_price(price * Decimal(factor))
            fields = {"brand": brand, "v": var.label}
            item = var.label.split(",")[0]
            desc = (var.desc or family.desc).format(brand=brand, v=item)
            synonyms: list[str] = []
            for s in (*var.syn, *family.syn):
                s = s.format(brand=brand.lower(), v=var.label.lower()).lower()
                if s not in synonyms:
                    synonyms.append(s)
            products.append(
                {
                    "sku": sku,
                    "name": var.name or family.name.format(**fields),
                    "brand": brand,
                    "category": family.category,
                    "price": str(price.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
                    "currency": "USD",
                    "rating": rating,
                    "review_count": reviews,
                    "review_summary": summary,
                    "description": desc,
                    "age_restricted": family.age_restricted,
                    "synonyms": synonyms,
                }
            )
    return products


# ---------------------------------------------------------------------------------------------
# The catalog. Brands are fictional except KidKraft, LEGO, Energizer and Bounty.

FAMILIES: list[Family] = []


def add(*families: Family) -> None:
    FAMILIES.extend(families)


# Toys ------------------------------------------------------------------------------------------

add(
    fam(
        "toys",
        "TOY",
        "DOLLHOUSE",
        "{brand} {v}",
        (("KidKraft", "KK"),),
        [
            v(
                "Dreamhouse Dollhouse",
                "",
                "169.99",
                "doll house",
                "dollhouse",
                "kid kraft dollhouse",
                "play house",
                sku="TOY-DOLLHOUSE-KK",
                rating=4.6,
                reviews=3184,
                summary="Shoppers love how sturdy it is, though assembly takes an hour.",
                desc="A three story wooden dollhouse with eight rooms, a working elevator and "
                "seventeen pieces of furniture. It stands over four feet tall.",
            ),
        ],
        desc="",
        likes=["how sturdy it is"],
        gripes=["assembly takes an hour"],
    ),
    fam(
        "toys",
        "TOY",
        "LEGO",
        "LEGO {v}",
        "LEGO",
        [
            v(
                "Classic Creative Bricks Box",
                "CLASSIC-BOX",
                "34.99",
                "lego classic",
                "lego bricks",
                "box of legos",
                "lego box",
                desc="A storage box of 484 colorful LEGO bricks in 35 colors, with windows, eyes "
                "and wheels for open ended building.",
            ),
            v(
                "Classic Large Creative Brick Box",
                "CLASSIC-LARGE-BOX",
                "59.99",
                "big lego box",
                "large lego box",
                "lego bricks",
                desc="A big tub of 790 LEGO bricks with two green baseplates, doors and windows. "
                "Good for sharing between several young builders.",
            ),
            v(
                "City Fire Station",
                "CITY-FIRE-STATION",
                "59.99",
                "lego fire station",
                "fire station lego",
                "lego city fire station",
                desc="A two story LEGO City fire station with a fire engine, a helicopter and four "
                "firefighter minifigures.",
            ),
            v(
                "City Police Station",
                "CITY-POLICE-STATION",
                "79.99",
                "lego police station",
                "police station lego",
                desc="A LEGO City police station with a jail cell, a police car, a motorcycle and "
                "five minifigures.",
            ),
            v(
                "City Garbage Truck",
                "CITY-GARBAGE-TRUCK",
                "24.99",
                "lego garbage truck",
                "lego trash truck",
                desc="A LEGO City garbage truck with a tipping rear bin and a recycling crate. "
                "Quick to build for ages five and up.",
            ),
            v(
                "Friends Beach House",
                "FRIENDS-BEACH-HOUSE",
                "49.99",
                "lego beach house",
                "lego friends",
                desc="A LEGO Friends seaside house with a deck, a surfboard rack and a little "
                "lifeguard tower.",
            ),
            v(
                "Technic Race Car",
                "TECHNIC-RACE-CAR",
                "49.99",
                "lego race car",
                "lego technic",
                "lego car",
                desc="A LEGO Technic race car with working steering and a moving engine. A "
                "rewarding build for ages nine and up.",
            ),
            v(
                "Creator 3 in 1 Space Shuttle",
                "CREATOR-SPACE-SHUTTLE",
                "19.99",
                "lego space shuttle",
                "lego creator",
                "lego rocket",
                desc="A LEGO Creator set that builds a space shuttle, an astronaut or a spaceship. "
                "Rebuild it three ways.",
            ),
            v(
                "Duplo Farm Animals",
                "DUPLO-FARM",
                "24.99",
                "lego duplo",
                "duplo",
                "duplo farm",
                "toddler lego",
                desc="Big, easy to grip LEGO Duplo bricks with a farmer, a cow, a pig and a "
                "tractor. Made for toddlers eighteen months and up.",
                likes=["how easy the big bricks are for small hands", "how sturdy the pieces are"],
                gripes=["the set is small for the price", "older kids lose interest quickly"],
            ),
            v(
                "Botanical Flower Bouquet",
                "BOTANICAL-BOUQUET",
                "59.99",
                "lego flowers",
                "lego flower bouquet",
                "lego bouquet",
                desc="A LEGO bouquet of roses, daisies and snapdragons with adjustable stems. A "
                "relaxing build that looks good in a vase.",
                likes=["how realistic the flowers look", "how relaxing the build is"],
                gripes=["the stems are fiddly to attach", "some find it pricey"],
            ),
        ],
        syn=["lego set", "lego", "legos"],
        desc="",
        likes=[
            "how clear the instructions are",
            "the quality of the bricks",
            "how long it keeps kids busy",
        ],
        gripes=[
            "a few bags arrived with missing pieces",
            "some find it pricey for the size",
            "the stickers are hard to line up",
        ],
    ),
    fam(
        "toys",
        "TOY",
        "PLUSH",
        "Cuddle Cove {v}",
        "Cuddle Cove",
        [
            v(
                "Classic Teddy Bear, 12 inch",
                "BEAR-12",
                "14.99",
                "teddy bear",
                "teddy",
                "stuffed bear",
            ),
            v(
                "Jumbo Teddy Bear, 36 inch",
                "BEAR-36",
                "44.99",
                "big teddy bear",
                "giant teddy bear",
                "jumbo teddy",
                likes=["how soft it is", "how huggable it is"],
                gripes=["it takes up a lot of space", "it sheds a little at first"],
            ),
            v(
                "Plush Unicorn, 14 inch",
                "UNICORN-14",
                "16.99",
                "stuffed unicorn",
                "unicorn plush",
                "unicorn stuffed animal",
            ),
        ],
        syn=["stuffed animal", "plush toy", "plushie"],
        desc="A soft, huggable {v} with stitched eyes that are safe for all ages. Surface "
        "washable.",
        likes=["how soft it is", "the sturdy stitching", "how cute it looks in person"],
        gripes=["it sheds a little at first", "it is smaller than some expected"],
    ),
    fam(
        "toys",
        "TOY",
        "PUZZLE",
        "Piecewise {v}",
        "Piecewise",
        [
            v(
                "1000 Piece Jigsaw Puzzle, Mountain Lake",
                "1000-LAKE",
                "16.99",
                "1000 piece puzzle",
                "thousand piece puzzle",
            ),
            v(
                "500 Piece Jigsaw Puzzle, Farmers Market",
                "500-MARKET",
                "12.99",
                "500 piece puzzle",
                "five hundred piece puzzle",
            ),
            v(
                "Kids Floor Puzzle, Ocean Animals, 48 Pieces",
                "FLOOR-OCEAN",
                "11.99",
                "floor puzzle",
                "kids puzzle",
                "toddler puzzle",
            ),
        ],
        syn=["jigsaw puzzle", "puzzle"],
        desc="A {v} printed on thick, glare free board, with pieces cut to fit snugly.",
        likes=["how well the pieces fit", "the bright colors", "the thick pieces"],
        gripes=["a few buyers were missing a piece", "the box art is small"],
    ),
    fam(
        "toys",
        "TOY",
        "GAME",
        "Tabletop Pals {v}",
        "Tabletop Pals",
        [
            v("Word Tiles Board Game", "WORD-TILES", "19.99", "word game", "crossword game"),
            v(
                "Race to the Castle Board Game",
                "CASTLE-RACE",
                "24.99",
                "castle game",
                "kids board game",
            ),
            v(
                "Dinosaur Memory Match Game",
                "DINO-MEMORY",
                "9.99",
                "memory game",
                "matching game",
                "dinosaur game",
            ),
            v(
                "Family Card Game Collection",
                "CARD-COLLECTION",
                "14.99",
                "card games",
                "deck of cards",
                "playing cards",
            ),
        ],
        syn=["board game", "family game", "game night"],
        desc="The {v}, a family game for two to six players that plays in about thirty minutes.",
        likes=[
            "how easy it is to learn",
            "the sturdy components",
            "that the whole family can play",
        ],
        gripes=["the rule book is confusing at first", "the box is flimsy"],
    ),
    fam(
        "toys",
        "TOY",
        "MAPLE",
        "Maple Grove {v}",
        "Maple Grove",
        [
            v(
                "Wooden Building Blocks, 100 Pieces",
                "BLOCKS-100",
                "29.99",
                "wooden blocks",
                "building blocks",
                "blocks",
                desc="One hundred smooth wooden blocks in classic shapes and bright, non toxic "
                "paint, with a canvas storage bag.",
                likes=["the solid wood", "the bright colors"],
                gripes=["the paint chips on a few pieces", "the storage bag is thin"],
            ),
            v(
                "Wooden Train Set, 60 Pieces",
                "TRAIN-60",
                "49.99",
                "train set",
                "toy train",
                "wooden train",
                desc="A sixty piece wooden train set with a bridge, a tunnel and magnetic cars "
                "that works with most wooden track.",
                likes=["the solid wood", "how well the magnets hold"],
                gripes=["the track comes apart easily", "the paint chips on a few pieces"],
            ),
            v(
                "Little Chef Play Kitchen",
                "PLAY-KITCHEN",
                "119.99",
                "play kitchen",
                "toy kitchen",
                "pretend kitchen",
                desc="A wooden play kitchen with a clicking oven, a sink, a microwave and hooks "
                "for pretend pots and pans.",
                likes=["how realistic it looks", "the clicking knobs"],
                gripes=["assembly takes a couple of hours", "a few stickers peel off"],
            ),
        ],
        desc="",
        likes=["the solid wood", "how nicely it is finished", "the quality"],
        gripes=["the paint chips on a few pieces", "it costs more than plastic versions"],
    ),
    fam(
        "toys",
        "TOY",
        "FUN",
        "{brand} {v}",
        "Playful Co",
        [
            v(
                "Remote Control Monster Truck",
                "RC-TRUCK",
                "39.99",
                "remote control car",
                "rc car",
                "monster truck",
                "remote control truck",
                brand="Turbo Trail",
                desc="A rugged remote control monster truck that climbs over grass and gravel. "
                "The rechargeable battery runs for about twenty minutes.",
                likes=["how fast it goes", "how well it handles rough ground"],
                gripes=["the battery runs down quickly", "the antenna bends easily"],
            ),
            v(
                "Modeling Dough, 10 Pack",
                "DOUGH-10",
                "9.99",
                "modeling dough",
                "clay",
                "play dough",
                "playdough",
                brand="Squish Pop",
                desc="Ten tubs of soft, non toxic modeling dough in bright colors that stay "
                "squishy when the lid is closed.",
                likes=["the bright colors", "that it stays soft"],
                gripes=["it dries out if left open", "it sticks to carpet"],
            ),
            v(
                "Deluxe Art Set, 150 Pieces",
                "ART-SET-150",
                "24.99",
                "art set",
                "art kit",
                "coloring set",
                brand="Crafty Kids",
                desc="A carry case with crayons, colored pencils, markers and paints. Everything "
                "a young artist needs in one box.",
                likes=["how much is in the case", "the bright markers"],
                gripes=["the paints are chalky", "the case latch is weak"],
            ),
            v(
                "Bubble Machine",
                "BUBBLE-MACHINE",
                "19.99",
                "bubble machine",
                "bubble maker",
                "bubbles",
                brand="Bubble Buddy",
                desc="A battery powered bubble machine that puffs out hundreds of bubbles a "
                "minute. Comes with a bottle of bubble solution.",
                likes=["how many bubbles it makes", "how much kids love it"],
                gripes=["it goes through batteries quickly", "the solution spills easily"],
            ),
            v(
                "Fashion Doll with Three Outfits",
                "FASHION-DOLL",
                "14.99",
                "fashion doll",
                "doll",
                "dress up doll",
                brand="Starlight",
                desc="A posable fashion doll with three mix and match outfits, shoes and a "
                "hairbrush.",
                likes=["the cute outfits", "the posable arms and legs"],
                gripes=["the shoes are easy to lose", "the hair tangles quickly"],
            ),
            v(
                "Action Figures, 4 Pack",
                "ACTION-FIGURES-4",
                "19.99",
                "action figures",
                "superhero figures",
                "action figure",
                brand="Galaxy Guardians",
                desc="Four poseable space hero action figures, each about six inches tall, with "
                "snap on gear.",
                likes=["the detail on the figures", "how sturdy they are"],
                gripes=["the accessories are tiny", "the joints loosen over time"],
            ),
        ],
        desc="",
        likes=["how much fun kids have with it", "the value", "how durable it is"],
        gripes=[
            "it needs batteries that are not included",
            "a few pieces feel flimsy",
            "it is smaller than pictured",
        ],
    ),
)

# Grocery ---------------------------------------------------------------------------------------

add(
    fam(
        "grocery",
        "GRC",
        "MILK",
        "Meadow Fresh {v}",
        "Meadow Fresh",
        [
            v(
                "Whole Milk, 1 Gallon",
                "1GAL",
                "4.29",
                "whole milk",
                "gallon of milk",
                "vitamin d milk",
                sku="GRC-MILK-1GAL",
                desc="Fresh, pasteurized whole milk with vitamin D, from family farms in the "
                "Midwest. One gallon jug.",
            ),
            v(
                "Whole Milk, Half Gallon",
                "WHOLE-HALF-GAL",
                "2.79",
                "half gallon of milk",
                "whole milk",
            ),
            v(
                "2 Percent Reduced Fat Milk, 1 Gallon",
                "2PCT-1GAL",
                "4.19",
                "two percent milk",
                "2 percent milk",
                "reduced fat milk",
            ),
            v(
                "Fat Free Skim Milk, 1 Gallon",
                "SKIM-1GAL",
                "4.09",
                "skim milk",
                "fat free milk",
                "nonfat milk",
            ),
            v("Chocolate Milk, Half Gallon", "CHOCOLATE-HALF-GAL", "3.29", "chocolate milk"),
        ],
        syn=["milk"],
        desc="Fresh, pasteurized {v}, from family farms and kept cold all the way to your door.",
        likes=["how fresh it tastes", "the long date on the container", "the price"],
        gripes=["the cap can be hard to open", "one container arrived dented"],
    ),
    fam(
        "grocery",
        "GRC",
        "PLANT-MILK",
        "Green Valley {v}",
        "Green Valley",
        [
            v(
                "Unsweetened Almond Milk, Half Gallon",
                "ALMOND",
                "3.49",
                "almond milk",
                "unsweetened almond milk",
            ),
            v("Original Oat Milk, 64 oz", "OAT", "4.99", "oat milk", "oatmilk"),
        ],
        syn=["dairy free milk", "plant milk", "non dairy milk"],
        desc="Creamy {v}, dairy free and good in coffee, cereal or on its own.",
        likes=["how creamy it is", "how well it works in coffee"],
        gripes=["it separates if it sits", "the carton is hard to pour"],
    ),
    fam(
        "grocery",
        "GRC",
        "EGGS",
        "Sunny Acres {v}",
        "Sunny Acres",
        [
            v("Large Grade A Eggs, 12 Count", "LARGE-12", "3.49", "dozen eggs", "a dozen eggs"),
            v("Large Grade A Eggs, 18 Count", "LARGE-18", "4.99", "18 eggs", "eighteen eggs"),
            v(
                "Organic Brown Eggs, 12 Count",
                "ORGANIC-BROWN-12",
                "5.99",
                "brown eggs",
                "organic eggs",
            ),
        ],
        syn=["eggs", "large eggs"],
        desc="{v} from cage free hens, packed in a sturdy carton.",
        likes=["the rich yolks", "that they arrive uncracked", "how fresh they are"],
        gripes=["the price has gone up", "the carton is flimsy"],
    ),
    fam(
        "grocery",
        "GRC",
        "PRODUCE",
        "Fresh Market {v}",
        "Fresh Market",
        [
            v(
                "Bananas, Bunch of 6",
                "BANANAS",
                "1.79",
                "bananas",
                "banana",
                "bunch of bananas",
                sku="GRC-BANANAS",
                rating=4.3,
                reviews=8421,
                desc="A bunch of about six ripe, yellow Cavendish bananas, picked to be ready "
                "to eat in a day or two.",
            ),
            v(
                "Gala Apples, 3 lb Bag",
                "APPLES-GALA-3LB",
                "4.99",
                "apples",
                "gala apples",
                "bag of apples",
            ),
            v("Navel Oranges, 4 lb Bag", "ORANGES-4LB", "5.99", "oranges", "navel oranges"),
            v("Strawberries, 1 lb", "STRAWBERRIES-1LB", "3.99", "strawberries", "berries"),
            v("Hass Avocados, 4 Count", "AVOCADOS-4", "4.99", "avocados", "avocado"),
            v("Baby Carrots, 1 lb Bag", "CARROTS-1LB", "1.49", "baby carrots", "carrots"),
            v(
                "Russet Potatoes, 5 lb Bag",
                "POTATOES-5LB",
                "3.99",
                "potatoes",
                "russet potatoes",
                "bag of potatoes",
            ),
            v("Yellow Onions, 3 lb Bag", "ONIONS-3LB", "3.29", "onions", "yellow onions"),
            v(
                "Romaine Lettuce Hearts, 3 Count",
                "ROMAINE-3",
                "3.49",
                "lettuce",
                "romaine",
                "romaine lettuce",
            ),
        ],
        syn=["produce", "fresh fruit and vegetables"],
        desc="Fresh {v}, hand picked at the store and packed with care.",
        likes=["how fresh they arrive", "the good size", "the price"],
        gripes=["a few arrived bruised", "quality varies from order to order"],
    ),
    fam(
        "grocery",
        "GRC",
        "BREAD",
        "Golden Crust {v}",
        "Golden Crust",
        [
            v(
                "Whole Wheat Sandwich Bread, 20 oz",
                "WHEAT",
                "3.29",
                "wheat bread",
                "whole wheat bread",
            ),
            v("White Sandwich Bread, 20 oz", "WHITE", "2.99", "white bread", "sandwich bread"),
            v("Plain Bagels, 6 Count", "BAGELS-6", "3.49", "bagels", "plain bagels"),
            v("Hamburger Buns, 8 Count", "BUNS-8", "2.79", "hamburger buns", "burger buns", "buns"),
        ],
        syn=["bread", "loaf of bread"],
        desc="Soft {v}, baked fresh with no high fructose corn syrup.",
        likes=["how soft it is", "the taste", "the value"],
        gripes=["the bag sometimes arrives squashed", "the date is short on some orders"],
    ),
    fam(
        "grocery",
        "GRC",
        "COFFEE",
        "{brand} {v}",
        (("Morning Ridge", ""),),
        [
            v(
                "House Blend Ground Coffee, 12 oz",
                "HOUSE-BLEND",
                "9.49",
                "house blend",
                "house blend coffee",
                "morning ridge coffee",
                "ground coffee",
                sku="GRC-COFFEE-HOUSE-BLEND",
                rating=4.5,
                reviews=6312,
                desc="A smooth, medium roast blend of Central and South American beans, ground "
                "for drip coffee makers. Twelve ounce bag.",
            ),
            v(
                "Dark Roast Ground Coffee, 12 oz",
                "DARK-ROAST",
                "9.49",
                "dark roast",
                "dark roast coffee",
                "ground coffee",
            ),
            v(
                "Decaf House Blend Ground Coffee, 12 oz",
                "DECAF-GROUND",
                "9.99",
                "decaf",
                "decaf coffee",
                "decaffeinated coffee",
                "ground coffee",
            ),
            v(
                "Colombian Whole Bean Coffee, 2 lb Bag",
                "COLOMBIAN-BEAN-2LB",
                "21.99",
                "whole bean coffee",
                "coffee beans",
                "colombian coffee",
            ),
            v(
                "Breakfast Blend Coffee Pods, 48 Count",
                "PODS-BREAKFAST-48",
                "27.99",
                "coffee pods",
                "coffee cups",
                "single serve coffee",
            ),
            v(
                "Decaf Coffee Pods, 24 Count",
                "PODS-DECAF-24",
                "14.99",
                "decaf pods",
                "decaf coffee",
                "coffee pods",
            ),
            v(
                "Cold Brew Coffee Concentrate, 32 oz",
                "COLD-BREW",
                "7.99",
                "cold brew",
                "iced coffee",
                "cold brew concentrate",
            ),
        ],
        syn=["coffee"],
        desc="Morning Ridge {v}, roasted in small batches for a smooth, balanced cup.",
        likes=["the smooth flavor", "that it is never bitter", "the price for the quality"],
        gripes=["some wish it were bolder", "the packaging does not reseal well"],
    ),
    fam(
        "grocery",
        "GRC",
        "COFFEE",
        "Highland Peak {v}",
        (("Highland Peak", "HP"),),
        [
            v(
                "Espresso Roast Whole Bean Coffee, 12 oz",
                "ESPRESSO-BEAN",
                "11.99",
                "espresso beans",
                "espresso roast",
                "whole bean coffee",
            ),
            v(
                "Medium Roast Ground Coffee, 30 oz Canister",
                "MEDIUM-30OZ",
                "15.99",
                "big can of coffee",
                "coffee canister",
                "ground coffee",
            ),
        ],
        syn=["coffee"],
        desc="Highland Peak {v}, a rich, full bodied roast with notes of cocoa.",
        likes=["the rich, bold flavor", "the fresh aroma"],
        gripes=["it is too strong for some", "the price has gone up"],
    ),
    fam(
        "grocery",
        "GRC",
        "PANTRY",
        "Harvest Table {v}",
        "Harvest Table",
        [
            v("Long Grain White Rice, 5 lb", "RICE-5LB", "5.49", "rice", "white rice"),
            v("Spaghetti, 1 lb", "SPAGHETTI", "1.49", "spaghetti", "pasta", "noodles"),
            v("Penne Pasta, 1 lb", "PENNE", "1.49", "penne", "pasta"),
            v(
                "Marinara Pasta Sauce, 24 oz",
                "MARINARA",
                "3.29",
                "pasta sauce",
                "marinara",
                "spaghetti sauce",
                "tomato sauce",
            ),
            v(
                "Creamy Peanut Butter, 40 oz",
                "PEANUT-BUTTER",
                "6.49",
                "peanut butter",
                "creamy peanut butter",
            ),
            v("Strawberry Jam, 18 oz", "STRAWBERRY-JAM", "3.79", "jam", "jelly", "strawberry jam"),
            v("Extra Virgin Olive Oil, 1 Liter", "OLIVE-OIL", "11.99", "olive oil", "cooking oil"),
            v("All Purpose Flour, 5 lb", "FLOUR-5LB", "3.79", "flour", "all purpose flour"),
            v("Granulated Sugar, 4 lb", "SUGAR-4LB", "3.99", "sugar", "white sugar"),
            v(
                "Chicken Noodle Soup, 4 Pack",
                "SOUP-4",
                "5.49",
                "chicken noodle soup",
                "soup",
                "canned soup",
            ),
            v(
                "Black Beans, 15 oz Cans, 6 Pack",
                "BLACK-BEANS-6",
                "5.99",
                "black beans",
                "canned beans",
                "beans",
            ),
            v(
                "Macaroni and Cheese, 6 Boxes",
                "MAC-CHEESE-6",
                "5.49",
                "mac and cheese",
                "macaroni and cheese",
                "boxed mac and cheese",
            ),
        ],
        syn=["pantry staples"],
        desc="Harvest Table {v}, a pantry staple made with simple ingredients.",
        likes=["the quality for a store brand", "the price", "the simple ingredients"],
        gripes=["the packaging could be sturdier", "some still prefer the name brand"],
    ),
    fam(
        "grocery",
        "GRC",
        "CEREAL",
        "Sunrise Mills {v}",
        "Sunrise Mills",
        [
            v(
                "Honey Oat Crunch Cereal, 18 oz",
                "HONEY-OAT",
                "4.49",
                "cereal",
                "honey oat cereal",
                "breakfast cereal",
            ),
            v(
                "Frosted Corn Flakes, 24 oz",
                "CORN-FLAKES",
                "4.99",
                "corn flakes",
                "frosted flakes",
                "cereal",
            ),
            v(
                "Old Fashioned Rolled Oats, 42 oz",
                "OATS-42",
                "5.99",
                "oatmeal",
                "oats",
                "rolled oats",
                likes=["how creamy they cook", "the big canister"],
                gripes=["they take a few minutes to cook", "the lid is flimsy"],
            ),
        ],
        syn=["breakfast"],
        desc="Sunrise Mills {v}, made with whole grains for a hearty breakfast.",
        likes=["the crunch", "that kids actually eat it", "the big box"],
        gripes=["it is sweeter than some like", "the bag inside tears easily"],
    ),
    fam(
        "grocery",
        "GRC",
        "DAIRY",
        "Meadow Fresh {v}",
        "Meadow Fresh",
        [
            v(
                "Salted Butter, 1 lb",
                "BUTTER",
                "4.99",
                "butter",
                "salted butter",
                "stick of butter",
            ),
            v(
                "Sharp Cheddar Cheese, 8 oz Block",
                "CHEDDAR",
                "3.49",
                "cheddar",
                "cheddar cheese",
                "cheese",
            ),
            v(
                "Shredded Mozzarella Cheese, 16 oz",
                "MOZZARELLA",
                "4.99",
                "mozzarella",
                "shredded cheese",
                "pizza cheese",
            ),
            v(
                "Plain Greek Yogurt, 32 oz",
                "GREEK-YOGURT",
                "5.99",
                "greek yogurt",
                "yogurt",
                "plain yogurt",
            ),
            v(
                "Strawberry Yogurt Cups, 8 Pack",
                "YOGURT-CUPS-8",
                "4.99",
                "yogurt cups",
                "yogurt",
                "kids yogurt",
            ),
        ],
        syn=["dairy"],
        desc="Meadow Fresh {v}, made from fresh milk with no artificial growth hormones.",
        likes=["the fresh taste", "the quality", "the price"],
        gripes=["the date is short on some orders", "the packaging is hard to reseal"],
    ),
)

# Snacks ----------------------------------------------------------------------------------------

add(
    fam(
        "snacks",
        "SNK",
        "COOKIES",
        "Grandmas Bakery {v}",
        "Grandmas Bakery",
        [
            v(
                "Sugar Cookies, 4 lb tub",
                "SUGAR-4LB",
                "24.99",
                "sugar cookies",
                "tub of cookies",
                "big tub of sugar cookies",
                sku="SNK-SUGAR-COOKIES-4LB",
                name="Sugar Cookies, 4 lb tub",
                rating=4.7,
                reviews=2210,
                desc="A four pound tub of soft, frosted sugar cookies with sprinkles. Enough for "
                "a classroom party.",
            ),
            v(
                "Chocolate Chip Cookies, 2 lb Tub",
                "CHOC-CHIP-2LB",
                "14.99",
                "chocolate chip cookies",
                "chocolate cookies",
            ),
            v(
                "Oatmeal Raisin Cookies, 2 lb Tub",
                "OATMEAL-RAISIN-2LB",
                "14.99",
                "oatmeal cookies",
                "oatmeal raisin cookies",
            ),
            v(
                "Snickerdoodle Cookies, 1 lb Box",
                "SNICKERDOODLE-1LB",
                "7.99",
                "snickerdoodles",
                "cinnamon cookies",
            ),
        ],
        syn=["cookies"],
        desc="Soft baked {v}, made from a family recipe with real butter.",
        likes=["how soft they are", "that they taste homemade", "the generous size"],
        gripes=["they are very sweet", "they dry out once opened"],
    ),
    fam(
        "snacks",
        "SNK",
        "CHIPS",
        "Crunch Street {v}",
        "Crunch Street",
        [
            v(
                "Sea Salt Kettle Potato Chips, 8 oz",
                "KETTLE-SEA-SALT",
                "4.29",
                "kettle chips",
                "potato chips",
                "salted chips",
            ),
            v(
                "Barbecue Potato Chips, 8 oz",
                "BBQ",
                "4.29",
                "barbecue chips",
                "bbq chips",
                "potato chips",
            ),
            v(
                "Restaurant Style Tortilla Chips, 13 oz",
                "TORTILLA",
                "4.49",
                "tortilla chips",
                "corn chips",
            ),
            v(
                "Snack Chips Variety Pack, 30 Count",
                "VARIETY-30",
                "16.99",
                "chip variety pack",
                "snack bags",
                "lunch box chips",
            ),
        ],
        syn=["chips"],
        desc="Crunch Street {v}, cooked in small batches for an extra crunchy bite.",
        likes=["the extra crunch", "the bold flavor", "how fresh they taste"],
        gripes=["a few bags arrive crushed", "they are saltier than some like"],
    ),
    fam(
        "snacks",
        "SNK",
        "SALTY",
        "{v}",
        "Twist Town",
        [
            v("Twist Town Mini Pretzels, 16 oz", "PRETZELS", "3.79", "pretzels", "mini pretzels"),
            v(
                "Twist Town Pretzel Rods, 10 oz",
                "PRETZEL-RODS",
                "3.49",
                "pretzel rods",
                "pretzel sticks",
                "pretzels",
            ),
        ],
        desc="Crunchy, lightly salted {v}, baked not fried.",
        likes=["the crunch", "the perfect amount of salt"],
        gripes=["there are broken pieces at the bottom", "the bag is hard to reseal"],
    ),
    fam(
        "snacks",
        "SNK",
        "POPCORN",
        "Pop Parade {v}",
        "Pop Parade",
        [
            v(
                "Butter Microwave Popcorn, 12 Pack",
                "BUTTER-12",
                "7.99",
                "microwave popcorn",
                "butter popcorn",
            ),
            v("Kettle Corn Microwave Popcorn, 6 Pack", "KETTLE-6", "4.99", "kettle corn"),
        ],
        syn=["popcorn"],
        desc="Pop Parade {v}, ready in about three minutes with very few unpopped kernels.",
        likes=["how few kernels are left unpopped", "the movie theater taste"],
        gripes=["it is easy to burn", "the bags are smaller than expected"],
    ),
    fam(
        "snacks",
        "SNK",
        "BARS",
        "Trailmark {v}",
        "Trailmark",
        [
            v(
                "Chewy Chocolate Chip Granola Bars, 24 Count",
                "GRANOLA-24",
                "9.99",
                "granola bars",
                "chewy bars",
            ),
            v(
                "Peanut Butter Protein Bars, 12 Count",
                "PROTEIN-12",
                "17.99",
                "protein bars",
                "peanut butter bars",
            ),
        ],
        syn=["snack bars", "bars"],
        desc="Trailmark {v}, made with whole grain oats for a quick snack on the go.",
        likes=["the taste", "that they fit in a lunch box", "the price per bar"],
        gripes=["they crumble easily", "some find them too sweet"],
    ),
    fam(
        "snacks",
        "SNK",
        "NUTS",
        "Trailmark {v}",
        "Trailmark",
        [
            v("Classic Trail Mix, 30 oz", "TRAIL-MIX", "12.99", "trail mix"),
            v("Roasted Salted Almonds, 16 oz", "ALMONDS", "8.99", "almonds", "roasted almonds"),
            v(
                "Honey Roasted Peanuts, 16 oz",
                "PEANUTS",
                "4.99",
                "peanuts",
                "honey roasted peanuts",
            ),
            v("Deluxe Mixed Nuts, 30 oz", "MIXED-NUTS", "17.99", "mixed nuts", "nuts"),
        ],
        syn=["nuts", "snack mix"],
        desc="Trailmark {v}, roasted fresh and packed in a resealable container.",
        likes=["how fresh they taste", "the value of the big container", "the crunch"],
        gripes=["the lid does not seal tightly", "the price has gone up"],
    ),
    fam(
        "snacks",
        "SNK",
        "FRUIT",
        "Fruity Friends {v}",
        "Fruity Friends",
        [
            v(
                "Fruit Snacks, 40 Pouches",
                "SNACKS-40",
                "11.99",
                "fruit snacks",
                "gummy fruit snacks",
            ),
            v(
                "Applesauce Pouches, 12 Pack",
                "APPLESAUCE-12",
                "7.99",
                "applesauce",
                "applesauce pouches",
                "squeeze pouches",
            ),
        ],
        syn=["kids snacks", "lunch box snacks"],
        desc="Fruity Friends {v}, made with real fruit and no artificial colors.",
        likes=["that kids ask for them again", "the handy size for lunch boxes"],
        gripes=["the pouches are small", "they are pricey per serving"],
    ),
    fam(
        "snacks",
        "SNK",
        "JERKY",
        "Ridge Smokehouse {v}",
        "Ridge Smokehouse",
        [
            v("Original Beef Jerky, 10 oz", "ORIGINAL-10OZ", "13.99", "beef jerky"),
            v("Teriyaki Beef Jerky, 3 oz", "TERIYAKI-3OZ", "5.99", "teriyaki jerky"),
        ],
        syn=["jerky", "meat snack"],
        desc="Ridge Smokehouse {v}, slow smoked over hardwood and high in protein.",
        likes=["the smoky flavor", "the high protein"],
        gripes=["some pieces are tough", "it is pricey per ounce"],
    ),
    fam(
        "snacks",
        "SNK",
        "CANDY",
        "Sweet Corner {v}",
        "Sweet Corner",
        [
            v(
                "Milk Chocolate Bars, 6 Pack",
                "CHOCOLATE-6",
                "6.49",
                "chocolate bars",
                "chocolate",
                "candy bars",
            ),
            v("Gummy Bears, 2 lb Bag", "GUMMY-BEARS", "8.99", "gummy bears", "gummies"),
            v("Peppermint Candies, 1 lb Bag", "PEPPERMINTS", "4.49", "peppermints", "mints"),
            v(
                "Assorted Candy Variety Bag, 3 lb",
                "VARIETY-3LB",
                "14.99",
                "candy",
                "halloween candy",
                "candy variety bag",
            ),
        ],
        syn=["candy", "sweets"],
        desc="Sweet Corner {v}, a classic treat for sharing or stashing in a desk drawer.",
        likes=["the classic flavor", "the price", "how fresh it tastes"],
        gripes=["it can melt in hot weather", "the bag is smaller than expected"],
    ),
)

# Beverages -------------------------------------------------------------------------------------

add(
    fam(
        "beverages",
        "BEV",
        "SPARKLING",
        "Clearbrook {v} Sparkling Water, 12 Pack",
        "Clearbrook",
        [
            v("Lime", "LIME-12", "5.49", "lime sparkling water", "lime seltzer"),
            v("Lemon", "LEMON-12", "5.49", "lemon sparkling water", "lemon seltzer"),
            v("Grapefruit", "GRAPEFRUIT-12", "5.49", "grapefruit sparkling water"),
            v(
                "Original Unflavored",
                "ORIGINAL-12",
                "4.99",
                "plain sparkling water",
                "club soda",
                "plain seltzer",
            ),
        ],
        syn=["sparkling water", "seltzer", "fizzy water", "bubbly water"],
        desc="Twelve cans of crisp, zero calorie sparkling water with no sweeteners and no sodium.",
        likes=["the crisp bubbles", "the natural flavor", "the price per can"],
        gripes=["the flavor is faint", "a can or two arrived dented"],
    ),
    fam(
        "beverages",
        "BEV",
        "WATER",
        "Clearbrook {v}",
        "Clearbrook",
        [
            v(
                "Purified Drinking Water, 24 Pack",
                "24PK",
                "5.99",
                "bottled water",
                "case of water",
                "water bottles",
            ),
            v(
                "Spring Water, 1 Gallon",
                "1GAL",
                "1.49",
                "gallon of water",
                "spring water",
                "jug of water",
                likes=["the clean taste", "the price"],
                gripes=["the jug is thin", "the cap is hard to open"],
            ),
        ],
        syn=["water", "drinking water"],
        desc="Clearbrook {v}, filtered for a clean, crisp taste.",
        likes=["the clean taste", "the value"],
        gripes=["the bottles are thin", "the case is heavy to carry in"],
    ),
    fam(
        "beverages",
        "BEV",
        "JUICE",
        "Sunny Grove {v}",
        "Sunny Grove",
        [
            v(
                "Orange Juice, No Pulp, 52 oz",
                "OJ-NO-PULP",
                "4.49",
                "orange juice",
                "oj",
                "no pulp orange juice",
            ),
            v(
                "Orange Juice with Pulp, 52 oz",
                "OJ-PULP",
                "4.49",
                "orange juice with pulp",
                "pulpy orange juice",
                "oj",
            ),
            v("Apple Juice, 64 oz", "APPLE-64OZ", "3.49", "apple juice"),
            v("Cranberry Juice Cocktail, 64 oz", "CRANBERRY", "3.99", "cranberry juice"),
            v("Apple Juice Boxes, 32 Pack", "APPLE-BOXES-32", "12.99", "juice boxes", "kids juice"),
        ],
        syn=["juice"],
        desc="Sunny Grove {v}, bottled fresh and full of real fruit flavor.",
        likes=["the fresh taste", "that it is not too sweet", "the price"],
        gripes=["the date is short", "the container can leak"],
    ),
    fam(
        "beverages",
        "BEV",
        "SODA",
        "Fizzwell {v}",
        "Fizzwell",
        [
            v("Cola, 12 Pack Cans", "COLA-12", "6.99", "cola"),
            v("Diet Cola, 12 Pack Cans", "DIET-COLA-12", "6.99", "diet cola", "diet soda"),
            v("Lemon Lime Soda, 2 Liter", "LEMON-LIME-2L", "2.29", "lemon lime soda"),
            v("Root Beer, 12 Pack Cans", "ROOT-BEER-12", "6.99", "root beer"),
            v("Ginger Ale, 12 Pack Cans", "GINGER-ALE-12", "6.99", "ginger ale"),
        ],
        syn=["soda", "pop", "soft drink"],
        desc="Fizzwell {v}, a crisp, bubbly soda that is best served ice cold.",
        likes=["the crisp taste", "that it tastes like the name brand", "the price"],
        gripes=["it goes flat quickly once opened", "it is a little too sweet"],
    ),
    fam(
        "beverages",
        "BEV",
        "TEA",
        "Tea Garden {v}",
        "Tea Garden",
        [
            v("Green Tea, 40 Bags", "GREEN-40", "4.49", "green tea"),
            v(
                "English Breakfast Black Tea, 40 Bags",
                "BLACK-40",
                "4.49",
                "black tea",
                "english breakfast tea",
                "breakfast tea",
            ),
            v(
                "Chamomile Herbal Tea, 20 Bags",
                "CHAMOMILE-20",
                "3.99",
                "chamomile tea",
                "herbal tea",
                "sleepy tea",
            ),
            v(
                "Unsweetened Iced Tea, 12 Bottles",
                "ICED-12",
                "9.99",
                "iced tea",
                "bottled tea",
                likes=["the smooth flavor", "that it is unsweetened"],
                gripes=["the bottles are small", "it is milder than some like"],
            ),
        ],
        syn=["tea", "tea bags"],
        desc="Tea Garden {v}, made from carefully picked leaves for a smooth cup.",
        likes=["the smooth flavor", "that it is never bitter", "the value"],
        gripes=["it is milder than some like", "the tea bag strings come loose"],
    ),
    fam(
        "beverages",
        "BEV",
        "SPORTS",
        "Peak Play {v}",
        "Peak Play",
        [
            v(
                "Fruit Punch Sports Drink, 8 Pack",
                "PUNCH-8",
                "7.49",
                "sports drink",
                "fruit punch sports drink",
            ),
            v(
                "Zero Sugar Electrolyte Drink Mix, 30 Sticks",
                "ELECTROLYTE-30",
                "14.99",
                "electrolyte mix",
                "electrolytes",
                "drink mix",
                likes=["how refreshing it is", "that it has no sugar"],
                gripes=["the sticks are hard to tear", "the flavor tastes artificial"],
            ),
        ],
        syn=["sports drink", "hydration"],
        desc="Peak Play {v}, with electrolytes to rehydrate after practice or a workout.",
        likes=["how refreshing it is", "that it is not too sweet"],
        gripes=["the flavor is artificial", "the bottles are small"],
    ),
    fam(
        "beverages",
        "BEV",
        "COCOA",
        "Cozy Cabin {v}",
        "Cozy Cabin",
        [
            v(
                "Hot Cocoa Mix, 8 Packets",
                "MIX-8",
                "2.99",
                "hot cocoa",
                "hot chocolate",
                "cocoa mix",
            ),
            v(
                "Hot Cocoa with Marshmallows, 8 Packets",
                "MARSHMALLOW-8",
                "3.29",
                "hot cocoa with marshmallows",
                "hot chocolate",
            ),
        ],
        syn=["cocoa"],
        desc="Cozy Cabin {v}, rich and chocolatey. Just add hot water or milk.",
        likes=["the rich chocolate taste", "how easily it dissolves"],
        gripes=["the packets are small", "it is a bit thin with water"],
    ),
)

# Household -------------------------------------------------------------------------------------

add(
    fam(
        "household",
        "HH",
        "PAPER-TOWELS",
        "{brand} {v}",
        (("Bounty", ""), ("Home Basics", "HB"), ("Green Leaf", "GL")),
        [
            v(
                "Select-A-Size Paper Towels, 12 Rolls",
                "12",
                "31.99",
                "bounty",
                "bounty paper towels",
                sku="HH-PAPER-TOWELS-12",
                brands=("",),
                rating=4.8,
                reviews=21433,
                desc="Twelve double rolls of strong, absorbent Bounty paper towels with half size "
                "sheets, so you use only what you need.",
            ),
            v(
                "Select-A-Size Paper Towels, 6 Double Rolls",
                "6",
                "17.99",
                "bounty",
                "bounty paper towels",
                brands=("",),
                desc="Six double rolls of strong, absorbent Bounty paper towels with half size "
                "sheets.",
            ),
            v(
                "Everyday Paper Towels, 8 Rolls",
                "8",
                "11.99",
                brands=("HB",),
                desc="Eight rolls of two ply paper towels, strong enough for everyday spills at a "
                "store brand price.",
            ),
            v(
                "Recycled Paper Towels, 6 Rolls",
                "6",
                "9.49",
                "recycled paper towels",
                brands=("GL",),
                desc="Six rolls of paper towels made from one hundred percent recycled paper, "
                "whitened without chlorine.",
            ),
        ],
        syn=["paper towels", "kitchen towels", "paper towel rolls"],
        desc="",
        likes=[
            "how absorbent they are",
            "how strong they stay when wet",
            "how long each roll lasts",
        ],
        gripes=["the rolls are smaller than they used to be", "the price keeps creeping up"],
    ),
    fam(
        "household",
        "HH",
        "TOILET-PAPER",
        "{brand} {v}",
        (("Cloud Soft", ""), ("Home Basics", "HB")),
        [
            v(
                "Ultra Plush Toilet Paper, 24 Mega Rolls",
                "24",
                "29.99",
                sku="HH-TOILET-PAPER-24",
                brands=("",),
                rating=4.7,
                reviews=18250,
                desc="Twenty four mega rolls of soft, strong two ply toilet paper. Each mega roll "
                "equals four regular rolls.",
            ),
            v("Ultra Plush Toilet Paper, 12 Mega Rolls", "12", "16.99", brands=("",)),
            v(
                "Toilet Paper, 12 Double Rolls",
                "12",
                "9.99",
                brands=("HB",),
                likes=["the price", "how long the rolls last"],
                gripes=["it is thinner than premium brands", "it leaves a little lint behind"],
            ),
        ],
        syn=["toilet paper", "toilet tissue", "bathroom tissue", "tp"],
        desc="{brand} {v}, two ply and septic safe.",
        likes=["how soft it is", "how long the rolls last", "that it is strong but gentle"],
        gripes=["it leaves a little lint behind", "the big rolls do not fit some holders"],
    ),
    fam(
        "household",
        "HH",
        "DISH-SOAP",
        "{brand} {v}",
        (("Brightwave", ""), ("Green Leaf", "GL")),
        [
            v(
                "Original Dish Soap, 28 oz",
                "",
                "3.99",
                "brightwave",
                sku="HH-DISH-SOAP",
                brands=("",),
                rating=4.6,
                reviews=9875,
                desc="Concentrated original scent dish soap that cuts through grease in cold "
                "water. A little goes a long way.",
            ),
            v("Lemon Dish Soap, 28 oz", "LEMON", "3.99", "lemon dish soap", brands=("",)),
            v(
                "Free and Clear Dish Soap, 25 oz",
                "FREE-CLEAR",
                "4.49",
                "unscented dish soap",
                "free and clear",
                brands=("GL",),
            ),
        ],
        syn=["dish soap", "dishwashing liquid", "dish detergent", "washing up liquid"],
        desc="{brand} {v}, tough on grease and gentle on hands.",
        likes=["how well it cuts grease", "how long a bottle lasts", "how gentle it is on hands"],
        gripes=["the cap leaks if tipped over", "the bottle is hard to squeeze when it gets low"],
    ),
    fam(
        "household",
        "HH",
        "TRASH-BAGS",
        "{brand} {v}",
        (("Strongline", ""), ("Home Basics", "HB")),
        [
            v(
                "Tall Kitchen Trash Bags, 13 Gallon, 80 Count",
                "13G-80",
                "16.99",
                "kitchen trash bags",
                "13 gallon bags",
                brands=("",),
            ),
            v(
                "Large Trash Bags, 30 Gallon, 40 Count",
                "30G-40",
                "13.99",
                "large trash bags",
                "outdoor trash bags",
                brands=("",),
            ),
            v(
                "Tall Kitchen Trash Bags, 13 Gallon, 45 Count",
                "13G-45",
                "7.99",
                "kitchen trash bags",
                "13 gallon bags",
                brands=("HB",),
            ),
        ],
        syn=["trash bags", "garbage bags", "bin liners"],
        desc="{brand} {v} with drawstring tops that cinch closed and stay on the can.",
        likes=["how strong they are", "the drawstring", "how well they fit the can"],
        gripes=["they are thinner than expected", "the box is hard to pull from"],
    ),
    fam(
        "household",
        "HH",
        "TISSUES",
        "Cloud Soft {v}",
        "Cloud Soft",
        [
            v("Facial Tissues, 6 Boxes", "6", "9.99", "tissues", "box of tissues"),
            v(
                "Facial Tissues with Lotion, 4 Boxes",
                "LOTION-4",
                "8.49",
                "lotion tissues",
                "soft tissues",
            ),
        ],
        syn=["tissues", "facial tissue", "tissue boxes"],
        desc="Cloud Soft {v}, three ply and gentle on a sore nose.",
        likes=["how soft they are", "that they do not tear"],
        gripes=["the boxes hold fewer tissues than before", "they are pricey"],
    ),
    fam(
        "household",
        "HH",
        "WRAP",
        "{brand} {v}",
        (("Home Basics", ""), ("Seal Tight", "ST")),
        [
            v(
                "Aluminum Foil, 75 Square Feet",
                "FOIL-75",
                "4.99",
                "aluminum foil",
                "foil",
                "tin foil",
                brands=("",),
                likes=["that it does not tear", "the value"],
                gripes=["the roll slides out of the box", "it is thinner than name brands"],
            ),
            v(
                "Heavy Duty Aluminum Foil, 50 Square Feet",
                "FOIL-HD-50",
                "5.99",
                "heavy duty foil",
                "foil",
                brands=("",),
                likes=["how strong it is", "that it does not tear"],
                gripes=["the roll slides out of the box", "the price is higher than regular foil"],
            ),
            v(
                "Plastic Wrap, 200 Square Feet",
                "PLASTIC-WRAP",
                "3.49",
                "plastic wrap",
                "cling wrap",
                brands=("",),
                likes=["how well it clings", "the value"],
                gripes=["it sticks to itself", "the cutter edge is dull"],
            ),
            v(
                "Gallon Storage Bags, 60 Count",
                "GALLON-BAGS",
                "7.99",
                "gallon bags",
                "freezer bags",
                "zip top bags",
                "storage bags",
                brands=("ST",),
                likes=["how well they seal", "the value"],
                gripes=["the zipper is hard to line up", "they are thinner than expected"],
            ),
            v(
                "Sandwich Bags, 150 Count",
                "SANDWICH-BAGS",
                "4.49",
                "sandwich bags",
                "snack bags",
                "zip top bags",
                brands=("ST",),
                likes=["how well they seal", "the value"],
                gripes=["the zipper is hard to line up", "they are thinner than expected"],
            ),
        ],
        desc="{brand} {v}, for wrapping leftovers and packing lunches.",
        likes=["the value", "the quality for the price"],
        gripes=["the box is flimsy", "some still prefer the name brand"],
    ),
    fam(
        "household",
        "HH",
        "PAPERWARE",
        "Home Basics {v}",
        "Home Basics",
        [
            v(
                "Paper Napkins, 250 Count",
                "NAPKINS-250",
                "3.99",
                "napkins",
                "paper napkins",
                likes=["the price", "how soft they are"],
                gripes=["they tear when wet", "they are thinner than name brands"],
            ),
            v(
                "Paper Plates, 9 inch, 100 Count",
                "PLATES-100",
                "7.99",
                "paper plates",
                "disposable plates",
            ),
            v(
                "Plastic Cups, 16 oz, 50 Count",
                "CUPS-50",
                "5.49",
                "plastic cups",
                "party cups",
                "disposable cups",
                likes=["the price", "the handy size"],
                gripes=["they crack if squeezed", "they are thinner than name brands"],
            ),
        ],
        syn=["disposable tableware"],
        desc="Home Basics {v}, sturdy enough for picnics, parties and busy weeknights.",
        likes=["the price", "how sturdy they are"],
        gripes=["they are thinner than name brands", "they bend under heavy food"],
    ),
    fam(
        "household",
        "HH",
        "BULBS",
        "Glowell {v}",
        "Glowell",
        [
            v(
                "LED Light Bulbs, 60 Watt Equivalent, Soft White, 8 Pack",
                "60W-8",
                "14.99",
                "light bulbs",
                "soft white bulbs",
                "60 watt bulbs",
            ),
            v(
                "LED Light Bulbs, 100 Watt Equivalent, Daylight, 4 Pack",
                "100W-4",
                "11.99",
                "daylight bulbs",
                "bright bulbs",
                "100 watt bulbs",
            ),
        ],
        syn=["led bulbs", "bulbs", "light bulb"],
        desc="Glowell {v} that use a fraction of the energy and last for years.",
        likes=["the quality of the light", "how long they last", "that they turn on instantly"],
        gripes=["they flicker on some dimmers", "one bulb failed early"],
    ),
    fam(
        "household",
        "HH",
        "SCENT",
        "Fresh Haven {v}",
        "Fresh Haven",
        [
            v(
                "Air Freshener Spray, Clean Linen, 2 Pack",
                "SPRAY-LINEN-2",
                "6.99",
                "air freshener",
                "room spray",
            ),
            v(
                "Vanilla Scented Candle, 14 oz",
                "CANDLE-VANILLA",
                "12.99",
                "candle",
                "vanilla candle",
                "scented candle",
            ),
        ],
        syn=["home fragrance"],
        desc="Fresh Haven {v}, for a home that smells clean and welcoming.",
        likes=["the pleasant scent", "the value"],
        gripes=["the scent is too strong for some", "it fades quickly"],
    ),
)

# Cleaning --------------------------------------------------------------------------------------

add(
    fam(
        "cleaning",
        "CLN",
        "LAUNDRY",
        "Sudsworth {v}",
        "Sudsworth",
        [
            v(
                "Original Liquid Laundry Detergent, 92 oz",
                "LIQUID-92",
                "13.99",
                "laundry detergent",
                "liquid detergent",
                "laundry soap",
            ),
            v(
                "Free and Clear Liquid Laundry Detergent, 92 oz",
                "FREE-CLEAR-92",
                "13.99",
                "free and clear detergent",
                "unscented detergent",
                "sensitive skin detergent",
                likes=["that it is gentle on sensitive skin", "how clean clothes come out"],
                gripes=["it struggles with heavy stains", "the cap is messy to pour"],
            ),
            v(
                "Laundry Detergent Pods, 81 Count",
                "PODS-81",
                "21.99",
                "laundry pods",
                "detergent pods",
                likes=["how clean clothes come out", "how easy they are to use"],
                gripes=["the pods stick together in humid weather", "the scent is strong"],
            ),
            v("Fabric Softener, 64 oz", "SOFTENER-64", "6.99", "fabric softener", "softener"),
            v(
                "Dryer Sheets, 160 Count",
                "DRYER-SHEETS-160",
                "7.99",
                "dryer sheets",
                likes=["how soft clothes feel", "that they cut static"],
                gripes=["the scent is strong", "they tear easily"],
            ),
            v(
                "Stain Remover Spray, 22 oz",
                "STAIN-22",
                "4.99",
                "stain remover",
                "stain spray",
                likes=["how well it lifts stains", "the easy spray"],
                gripes=["it struggles with old stains", "the sprayer clogs sometimes"],
            ),
        ],
        syn=["laundry"],
        desc="Sudsworth {v}, for bright, fresh laundry in every kind of washer.",
        likes=["how clean clothes come out", "the fresh scent", "how long it lasts"],
        gripes=["the scent is strong", "the cap is messy to pour"],
    ),
    fam(
        "cleaning",
        "CLN",
        "SURFACE",
        "Shine Right {v}",
        "Shine Right",
        [
            v(
                "Multi Surface Cleaner Spray, 32 oz",
                "MULTI-32",
                "3.99",
                "all purpose cleaner",
                "multi surface cleaner",
                "spray cleaner",
            ),
            v("Glass Cleaner, 32 oz", "GLASS-32", "3.79", "glass cleaner", "window cleaner"),
            v(
                "Disinfecting Wipes, 3 Pack, 225 Wipes",
                "WIPES-3",
                "12.99",
                "disinfecting wipes",
                "cleaning wipes",
            ),
            v("Concentrated Bleach, 121 oz", "BLEACH-121", "5.49", "bleach"),
            v(
                "Toilet Bowl Cleaner, 2 Pack",
                "TOILET-2",
                "5.99",
                "toilet cleaner",
                "toilet bowl cleaner",
            ),
            v(
                "Bathroom Cleaner Foam, 32 oz",
                "BATHROOM-32",
                "4.49",
                "bathroom cleaner",
                "shower cleaner",
                "tub cleaner",
            ),
        ],
        syn=["cleaner", "cleaning supplies"],
        desc="Shine Right {v}, made to cut through grime and germs around the house.",
        likes=["the cleaning power", "the value"],
        gripes=["the smell is strong", "tough grime needs a second pass"],
    ),
    fam(
        "cleaning",
        "CLN",
        "DISHWASHER",
        "Brightwave {v}",
        "Brightwave",
        [
            v(
                "Dishwasher Detergent Pods, 62 Count",
                "PODS-62",
                "16.99",
                "dishwasher pods",
                "dishwasher tabs",
                "dishwasher detergent",
            ),
            v(
                "Dishwasher Rinse Aid, 16 oz",
                "RINSE-AID",
                "5.99",
                "rinse aid",
                likes=["how spotless the glasses come out", "how long a bottle lasts"],
                gripes=["the fill cap is fiddly", "the bottle is small"],
            ),
        ],
        syn=["dishwasher"],
        desc="Brightwave {v}, for sparkling dishes without spots or film.",
        likes=["how spotless the glasses come out", "the value per load"],
        gripes=["the pods stick together in humid weather", "the container is bulky"],
    ),
    fam(
        "cleaning",
        "CLN",
        "TOOLS",
        "Scrub Pal {v}",
        "Scrub Pal",
        [
            v(
                "Non Scratch Sponges, 9 Pack",
                "SPONGES-9",
                "6.49",
                "sponges",
                "kitchen sponges",
                "scrub sponges",
            ),
            v(
                "Microfiber Cleaning Cloths, 24 Pack",
                "MICROFIBER-24",
                "14.99",
                "microfiber cloths",
                "cleaning cloths",
                "rags",
            ),
            v(
                "Spin Mop and Bucket System",
                "SPIN-MOP",
                "39.99",
                "mop",
                "spin mop",
                "mop and bucket",
                likes=["how easy the spin wringer is", "how well it cleans floors"],
                gripes=["the bucket is bulky", "the mop head sheds at first"],
            ),
            v(
                "Dry Sweeping Cloths, 32 Count",
                "SWEEP-CLOTHS-32",
                "9.99",
                "sweeper refills",
                "dusting cloths",
            ),
            v(
                "Rubber Cleaning Gloves, 3 Pairs",
                "GLOVES-3",
                "5.99",
                "cleaning gloves",
                "rubber gloves",
                "dish gloves",
            ),
        ],
        syn=["cleaning tools"],
        desc="Scrub Pal {v}, made to stand up to tough, everyday messes.",
        likes=["the sturdy quality", "the value"],
        gripes=["some wear out faster than expected", "the colors fade"],
    ),
    fam(
        "cleaning",
        "CLN",
        "GREEN",
        "Green Leaf {v}",
        "Green Leaf",
        [
            v(
                "Plant Based All Purpose Cleaner, 32 oz",
                "ALL-PURPOSE",
                "4.99",
                "natural cleaner",
                "plant based cleaner",
                "all purpose cleaner",
            ),
        ],
        syn=["eco cleaner"],
        desc="Green Leaf {v}, made with plant based ingredients and a light citrus scent.",
        likes=["the light citrus scent", "that it is safe around pets"],
        gripes=["it needs more scrubbing on tough grime", "the spray bottle leaks"],
    ),
)

# Electronics, including batteries --------------------------------------------------------------

_BATTERY_BRANDS = (("Energizer", "", "1"), ("Everpeak", "EVP", "1"))
add(
    fam(
        "electronics",
        "BAT",
        "",
        "{brand} {v}",
        _BATTERY_BRANDS,
        [
            v(
                "AA Batteries, 24 Pack",
                "AA-24",
                "18.99",
                "double a batteries",
                "aa batteries",
                "double a",
                sku="BAT-AA-24",
                brands=("",),
                rating=4.8,
                reviews=24118,
                desc="Twenty four long lasting Energizer alkaline double A batteries for remotes, "
                "toys and game controllers. Stays fresh in storage for ten years.",
            ),
            v(
                "AA Batteries, 8 Pack",
                "AA-8",
                "8.99",
                "double a batteries",
                "aa batteries",
                "double a",
                brands=("",),
            ),
            v(
                "AA Alkaline Batteries, 24 Pack",
                "AA-24",
                "12.99",
                "double a batteries",
                "aa batteries",
                "double a",
                brands=("EVP",),
            ),
            v(
                "AAA Batteries, 24 Pack",
                "AAA-24",
                "18.99",
                "triple a batteries",
                "aaa batteries",
                "triple a",
                brands=("",),
            ),
            v(
                "AAA Alkaline Batteries, 24 Pack",
                "AAA-24",
                "12.99",
                "triple a batteries",
                "aaa batteries",
                "triple a",
                brands=("EVP",),
            ),
            v(
                "9 Volt Batteries, 4 Pack",
                "9V-4",
                "14.99",
                "9 volt batteries",
                "nine volt batteries",
                "9v batteries",
                "smoke detector batteries",
                brands=("",),
            ),
            v(
                "9 Volt Alkaline Batteries, 4 Pack",
                "9V-4",
                "9.99",
                "9 volt batteries",
                "nine volt batteries",
                "9v batteries",
                "smoke detector batteries",
                brands=("EVP",),
            ),
            v(
                "C Batteries, 8 Pack",
                "C-8",
                "15.99",
                "c batteries",
                "size c batteries",
                "c cell batteries",
                brands=("",),
            ),
            v(
                "C Alkaline Batteries, 8 Pack",
                "C-8",
                "10.99",
                "c batteries",
                "size c batteries",
                "c cell batteries",
                brands=("EVP",),
            ),
            v(
                "D Batteries, 8 Pack",
                "D-8",
                "17.99",
                "d batteries",
                "size d batteries",
                "d cell batteries",
                brands=("",),
            ),
            v(
                "D Alkaline Batteries, 8 Pack",
                "D-8",
                "11.99",
                "d batteries",
                "size d batteries",
                "d cell batteries",
                brands=("EVP",),
            ),
            v(
                "2032 Lithium Coin Batteries, 4 Pack",
                "CR2032-4",
                "8.99",
                "coin batteries",
                "watch batteries",
                "2032 batteries",
                "button batteries",
                brands=("",),
                desc="Energizer 2032 lithium coin batteries for key fobs, watches, scales and "
                "thermometers.",
                likes=["how long they last", "that none were dead"],
                gripes=["the packaging is hard to open"],
            ),
            v(
                "Rechargeable AA Batteries with Charger",
                "AA-RECHARGE-KIT",
                "24.99",
                "rechargeable batteries",
                "battery charger",
                "rechargeable aa",
                brands=("EVP",),
                desc="Four Everpeak rechargeable double A batteries and a plug in charger. Each "
                "battery can be recharged hundreds of times.",
                likes=["how many times they recharge", "the handy charger"],
                gripes=["they arrive only partly charged", "the charger is slow"],
            ),
        ],
        syn=["batteries", "{brand} batteries"],
        desc="{brand} {v} for long lasting power in remotes, toys, flashlights and more.",
        likes=["how long they last", "the value", "that none were dead"],
        gripes=["they drain faster in high drain toys", "the packaging is hard to open"],
    ),
    fam(
        "electronics",
        "ELC",
        "POWER",
        "Voltlane {v}",
        "Voltlane",
        [
            v(
                "USB C to USB C Cable, 6 ft, 2 Pack",
                "USBC-CABLE-2",
                "12.99",
                "usb c cable",
                "charging cable",
                "phone cable",
            ),
            v(
                "USB C Wall Charger, 20 Watt",
                "USBC-CHARGER-20W",
                "15.99",
                "phone charger",
                "wall charger",
                "charging block",
                "fast charger",
                likes=["how fast it charges", "the compact size"],
                gripes=["it runs warm", "a few stopped working after some months"],
            ),
            v("Wireless Charging Pad", "WIRELESS-PAD", "17.99", "wireless charger", "charging pad"),
            v(
                "Portable Power Bank, Pocket Size",
                "BANK",
                "24.99",
                "power bank",
                "portable charger",
                "battery pack",
                likes=["how small it is", "how many charges it holds"],
                gripes=["it runs warm while charging", "it takes hours to recharge"],
            ),
            v(
                "Surge Protector Power Strip, 8 Outlets",
                "SURGE-8",
                "19.99",
                "power strip",
                "surge protector",
            ),
            v("Indoor Extension Cord, 10 ft", "EXTENSION-10FT", "8.99", "extension cord"),
            v("High Speed HDMI Cable, 10 ft", "HDMI-10FT", "9.99", "hdmi cable", "tv cable"),
            v(
                "Universal TV Remote",
                "TV-REMOTE",
                "11.99",
                "tv remote",
                "remote control",
                "universal remote",
            ),
        ],
        syn=["electronics accessories"],
        desc="Voltlane {v}, built to last with a two year warranty.",
        likes=["how well it works", "the sturdy build", "the price"],
        gripes=["a few stopped working after some months", "the packaging is hard to open"],
    ),
    fam(
        "electronics",
        "ELC",
        "AUDIO",
        "Soundnest {v}",
        "Soundnest",
        [
            v(
                "Wireless Earbuds with Charging Case",
                "EARBUDS",
                "39.99",
                "earbuds",
                "wireless earbuds",
                "bluetooth earbuds",
                "earphones",
            ),
            v(
                "Over Ear Bluetooth Headphones",
                "HEADPHONES",
                "59.99",
                "headphones",
                "bluetooth headphones",
                "wireless headphones",
            ),
            v(
                "Portable Bluetooth Speaker",
                "SPEAKER",
                "34.99",
                "bluetooth speaker",
                "speaker",
                "portable speaker",
            ),
        ],
        syn=["audio"],
        desc="Soundnest {v}, with clear sound, deep bass and up to twenty hours of play.",
        likes=[
            "the sound quality for the price",
            "the long battery life",
            "how easy it is to pair",
        ],
        gripes=["the bass is weak at high volume", "the connection drops now and then"],
    ),
    fam(
        "electronics",
        "ELC",
        "SMART",
        "Homewire {v}",
        "Homewire",
        [
            v("Smart Plug, 2 Pack", "PLUG-2", "19.99", "smart plug", "wifi plug"),
            v(
                "Smart Color Light Bulbs, 2 Pack",
                "BULB-COLOR-2",
                "24.99",
                "smart bulb",
                "color light bulb",
                "smart light",
            ),
            v(
                "Video Doorbell",
                "DOORBELL",
                "79.99",
                "video doorbell",
                "doorbell camera",
                "smart doorbell",
            ),
            v(
                "Indoor Security Camera",
                "CAMERA",
                "34.99",
                "security camera",
                "indoor camera",
                "baby camera",
                "pet camera",
            ),
        ],
        syn=["smart home"],
        desc="Homewire {v}, compatible with popular voice assistants and set up in "
        "minutes from the app.",
        likes=["how easy the setup is", "that it works with voice control"],
        gripes=["the app is slow at times", "it drops off wifi now and then"],
    ),
    fam(
        "electronics",
        "ELC",
        "STORAGE",
        "Datavault {v}",
        "Datavault",
        [
            v(
                "Micro SD Memory Card, 128 GB",
                "MICROSD-128",
                "14.99",
                "memory card",
                "sd card",
                "micro sd card",
            ),
            v(
                "USB Flash Drive, 64 GB",
                "USB-64",
                "9.99",
                "flash drive",
                "thumb drive",
                "usb stick",
            ),
        ],
        syn=["storage"],
        desc="Datavault {v}, fast and reliable storage for photos, videos and files.",
        likes=["the fast transfer speed", "the price per gigabyte"],
        gripes=["it is slower than advertised", "it is easy to lose"],
    ),
    fam(
        "electronics",
        "ELC",
        "MISC",
        "{v}",
        "Glowell",
        [
            v(
                "Glowell LED Flashlights, 2 Pack",
                "FLASHLIGHT-2",
                "14.99",
                "flashlight",
                "flashlights",
                "torch",
            ),
            v(
                "Glowell Plug In Night Lights, 4 Pack",
                "NIGHT-LIGHT-4",
                "11.99",
                "night light",
                "night lights",
                likes=["the soft glow", "the automatic dusk sensor"],
                gripes=["the light is dimmer than expected", "they block the second outlet"],
            ),
        ],
        desc="{v}, with bright, long lasting LED light for around the house.",
        likes=["how bright they are", "the value"],
        gripes=["batteries are not included", "the switch feels cheap"],
    ),
    fam(
        "electronics",
        "ELC",
        "STREAM",
        "Pixelview {v}",
        "Pixelview",
        [
            v("4K Streaming Stick", "STICK-4K", "39.99", "streaming stick", "streaming device"),
        ],
        syn=["tv streaming"],
        desc="Pixelview {v} that plugs into any TV with HDMI. Comes with a voice remote.",
        likes=["the sharp picture", "how fast the menus are"],
        gripes=["the remote feels cheap", "setup took a few tries"],
    ),
)

# Baby ------------------------------------------------------------------------------------------

_DIAPER_SIZES = [
    ("Newborn", "NB", "34", "12.99"),
    ("1", "1", "198", "49.99"),
    ("2", "2", "186", "49.99"),
    ("3", "3", "156", "49.99"),
    ("4", "4", "140", "49.99"),
    ("5", "5", "120", "49.99"),
]
add(
    fam(
        "baby",
        "BABY",
        "DIAPERS",
        "{brand} {v}",
        (("Little Sprout", "", "1"), ("Tiny Steps", "TS", "0.72")),
        [
            v(
                f"Diapers, Size {size}, {count} Count"
                if size != "Newborn"
                else f"Newborn Diapers, {count} Count",
                code,
                price,
                f"size {size} diapers" if size != "Newborn" else "newborn diapers",
                brands=("",) if size in ("Newborn", "1", "2", "5") else ("", "TS"),
            )
            for size, code, count, price in _DIAPER_SIZES
        ],
        syn=["diapers", "nappies", "{brand} diapers"],
        desc="{brand} {v} with a soft, breathable liner and up to twelve hours of leak protection.",
        likes=["that they never leak overnight", "how soft they are", "the snug fit"],
        gripes=["the sizes run small", "the tabs tear if pulled too hard"],
    ),
    fam(
        "baby",
        "BABY",
        "WIPES",
        "{brand} {v}",
        (("Little Sprout", ""), ("Tiny Steps", "TS")),
        [
            v("Sensitive Baby Wipes, 8 Packs, 576 Wipes", "576", "19.99", brands=("",)),
            v("Unscented Baby Wipes, 3 Packs, 216 Wipes", "216", "7.99", brands=("TS",)),
        ],
        syn=["baby wipes", "wipes", "diaper wipes"],
        desc="{brand} {v}, made with ninety nine percent water and free of fragrance.",
        likes=["how thick they are", "that they are gentle on skin"],
        gripes=["the lid does not stay closed", "they dry out at the bottom"],
    ),
    fam(
        "baby",
        "BABY",
        "FEEDING",
        "{brand} {v}",
        (("Little Sprout", ""), ("Tiny Steps", "TS")),
        [
            v(
                "Infant Formula Powder, 31 oz",
                "FORMULA-31OZ",
                "39.99",
                "baby formula",
                "formula",
                "infant formula",
                brands=("",),
                likes=["that baby takes to it right away", "that it mixes without clumps"],
                gripes=["it is pricey", "the scoop gets buried in the powder"],
            ),
            v(
                "Gentle Infant Formula, 29 oz",
                "FORMULA-GENTLE",
                "42.99",
                "gentle formula",
                "sensitive formula",
                "baby formula",
                brands=("",),
                likes=["that it is easy on fussy tummies", "that it mixes without clumps"],
                gripes=["it is pricey", "the scoop gets buried in the powder"],
            ),
            v(
                "Organic Baby Food Pouches, Apple and Pear, 12 Pack",
                "POUCHES-12",
                "17.99",
                "baby food",
                "baby food pouches",
                brands=("TS",),
                likes=["that little ones love them", "the clean ingredients"],
                gripes=["they are pricey", "the pouches are small"],
            ),
            v(
                "Baby Puffs Variety Pack, 6 Canisters",
                "PUFFS-6",
                "13.99",
                "puffs",
                "baby puffs",
                "baby snacks",
                brands=("TS",),
                likes=["that little ones ask for more", "how easily they dissolve"],
                gripes=["the canisters are half full", "they crumble in the diaper bag"],
            ),
            v(
                "Anti Colic Baby Bottles, 4 Pack",
                "BOTTLES-4",
                "24.99",
                "baby bottles",
                "bottles",
                brands=("",),
                likes=["how little air baby swallows", "how easy they are to clean"],
                gripes=["the nipples flow too fast for some", "there are many parts to wash"],
            ),
        ],
        syn=["feeding"],
        desc="{brand} {v}, made for little tummies and busy parents.",
        likes=["the quality", "the value"],
        gripes=["it is pricey", "the packaging is hard to open"],
    ),
    fam(
        "baby",
        "BABY",
        "CARE",
        "Little Sprout {v}",
        "Little Sprout",
        [
            v(
                "Pacifiers, 0 to 6 Months, 2 Pack",
                "PACIFIERS-2",
                "7.99",
                "pacifiers",
                "pacifier",
                "soother",
                desc="Two one piece silicone pacifiers shaped for newborns, with a snap on cover "
                "to keep them clean.",
                likes=["that babies take to them", "the handy cover"],
                gripes=["they fall out easily", "the shape does not suit every baby"],
            ),
            v(
                "Diaper Rash Cream, 4 oz",
                "RASH-CREAM",
                "8.49",
                "diaper cream",
                "diaper rash cream",
                "butt cream",
                likes=["how quickly it works", "how gentle it is"],
                gripes=["it is thick to spread", "the tube is small"],
            ),
            v(
                "Tear Free Baby Shampoo and Wash, 16 oz",
                "SHAMPOO-16",
                "7.49",
                "baby shampoo",
                "baby wash",
                "baby soap",
            ),
            v("Baby Lotion, 13 oz", "LOTION-13", "6.99", "baby lotion"),
        ],
        syn=["baby care"],
        desc="Little Sprout {v}, pediatrician tested and gentle on sensitive skin.",
        likes=["how gentle it is", "the light scent", "how well it works"],
        gripes=["the bottle is small for the price", "the pump sticks"],
    ),
    fam(
        "baby",
        "BABY",
        "TRAINING",
        "Tiny Steps {v}",
        "Tiny Steps",
        [
            v(
                "Potty Training Pants, 2T to 3T, 74 Count",
                "PANTS-2T3T",
                "22.99",
                "training pants",
                "potty training pants",
            ),
        ],
        desc="Tiny Steps {v}, easy to pull up and down with tear away sides.",
        likes=["how easy they are for toddlers to pull up", "the fit"],
        gripes=["they leak overnight", "the designs fade"],
    ),
)

# Pet -------------------------------------------------------------------------------------------

add(
    fam(
        "pet",
        "PET",
        "DOG-FOOD",
        "Trail Hound {v}",
        "Trail Hound",
        [
            v(
                "Chicken and Brown Rice Dry Dog Food, 30 lb",
                "30LB",
                "52.99",
                "dog food",
                "dry dog food",
                "big bag of dog food",
                "trail hound",
                sku="PET-DOG-FOOD-30LB",
                rating=4.7,
                reviews=7724,
                desc="A thirty pound bag of adult dry dog food with real chicken as the first "
                "ingredient, brown rice and no corn, wheat or soy.",
            ),
            v(
                "Lamb and Rice Dry Dog Food, 30 lb",
                "LAMB-30LB",
                "54.99",
                "lamb dog food",
                "dry dog food",
            ),
            v(
                "Small Breed Dry Dog Food, 15 lb",
                "SMALL-15LB",
                "34.99",
                "small breed dog food",
                "small dog food",
            ),
            v(
                "Puppy Chicken Recipe Dry Dog Food, 15 lb",
                "PUPPY-15LB",
                "36.99",
                "puppy food",
                "dry puppy food",
            ),
            v(
                "Beef Stew Wet Dog Food, 12 Cans",
                "WET-BEEF-12",
                "21.99",
                "wet dog food",
                "canned dog food",
                likes=["that picky dogs love it", "the real chunks of meat"],
                gripes=["the cans dent in shipping", "it has a strong smell"],
            ),
        ],
        syn=["dog food", "food for the dog"],
        desc="Trail Hound {v}, with real meat first and no artificial colors or flavors.",
        likes=["that picky dogs love it", "the shiny coat it gives", "the quality"],
        gripes=["the bag is hard to reseal", "the price has gone up"],
    ),
    fam(
        "pet",
        "PET",
        "DOG",
        "Happy Tails {v}",
        "Happy Tails",
        [
            v(
                "Chicken Jerky Dog Treats, 24 oz",
                "JERKY-24OZ",
                "19.99",
                "dog treats",
                "jerky treats",
            ),
            v("Dental Chews, Medium, 30 Count", "DENTAL-30", "24.99", "dental chews", "dog chews"),
            v(
                "Peanut Butter Dog Biscuits, 4 lb Box",
                "BISCUITS-4LB",
                "9.99",
                "dog biscuits",
                "dog treats",
            ),
            v(
                "Puppy Training Pads, 100 Count",
                "PADS-100",
                "24.99",
                "puppy pads",
                "pee pads",
                "training pads",
                likes=["how absorbent they are", "the value"],
                gripes=["puppies like to shred them", "they are thinner than expected"],
            ),
            v(
                "Dog Poop Bags, 540 Count",
                "POOP-BAGS-540",
                "13.99",
                "poop bags",
                "dog waste bags",
                likes=["how strong they are", "that they tear off easily"],
                gripes=["they are hard to open", "the scent is strong"],
            ),
            v(
                "Rope Tug Toys, 3 Pack",
                "ROPE-TOYS-3",
                "11.99",
                "rope toy",
                "tug toy",
                "dog toys",
                likes=["that dogs go crazy for them", "the value"],
                gripes=["they do not last long with strong chewers", "they fray quickly"],
            ),
            v(
                "Squeaky Plush Dog Toy",
                "SQUEAKY-TOY",
                "8.99",
                "squeaky toy",
                "dog toy",
                likes=["that dogs go crazy for it", "the loud squeaker"],
                gripes=["it does not last long with strong chewers", "the squeaker stops working"],
            ),
        ],
        syn=["dog supplies"],
        desc="Happy Tails {v}, made for happy, healthy dogs.",
        likes=["that dogs go crazy for them", "the quality", "the value"],
        gripes=["they are pricey", "a few pieces arrive crumbled"],
    ),
    fam(
        "pet",
        "PET",
        "CAT",
        "Whisker Way {v}",
        "Whisker Way",
        [
            v(
                "Indoor Dry Cat Food, 16 lb",
                "DRY-16LB",
                "29.99",
                "cat food",
                "dry cat food",
                "indoor cat food",
            ),
            v(
                "Salmon Pate Wet Cat Food, 24 Cans",
                "WET-SALMON-24",
                "22.99",
                "wet cat food",
                "canned cat food",
                "cat food cans",
            ),
            v("Chicken Cat Treats, 6 oz", "TREATS-6OZ", "4.99", "cat treats"),
            v(
                "Clumping Cat Litter, Unscented, 40 lb",
                "LITTER-40LB",
                "19.99",
                "cat litter",
                "kitty litter",
                "clumping litter",
                likes=["how well it clumps", "how well it controls odor"],
                gripes=["it is dusty", "it tracks around the house"],
            ),
            v(
                "Lightweight Clumping Cat Litter, 20 lb",
                "LITTER-LIGHT-20LB",
                "17.99",
                "lightweight litter",
                "cat litter",
                "kitty litter",
                likes=["how light the jug is", "how well it clumps"],
                gripes=["it is dusty", "it tracks around the house"],
            ),
            v(
                "Feather Wand Cat Toys, 2 Pack",
                "WAND-2",
                "7.99",
                "cat toy",
                "feather toy",
                "cat wand",
                likes=["how much cats love them", "the value"],
                gripes=["the feathers come off quickly", "the wands bend"],
            ),
        ],
        syn=["cat supplies"],
        desc="Whisker Way {v}, made for happy, healthy indoor cats.",
        likes=["that picky cats approve", "the quality", "the value"],
        gripes=["some cats get bored of the flavor", "the price has gone up"],
    ),
    fam(
        "pet",
        "PET",
        "FISH",
        "{v}",
        "Finwell",
        [
            v("Finwell Tropical Fish Flakes, 2.2 oz", "FLAKES", "6.99", "fish food", "fish flakes"),
        ],
        desc="{v}, a complete daily diet that will not cloud the water.",
        likes=["that the fish eat it eagerly", "that it keeps the tank clear"],
        gripes=["the shaker holes are too big", "the container is small"],
    ),
    fam(
        "pet",
        "PET",
        "BIRD",
        "{v}",
        "Songbird Select",
        [
            v(
                "Songbird Select Wild Bird Seed, 20 lb",
                "SEED-20LB",
                "17.99",
                "bird seed",
                "birdseed",
                "wild bird food",
            ),
        ],
        desc="{v}, a blend of sunflower, millet and safflower that attracts songbirds.",
        likes=["how many birds it attracts", "the clean mix"],
        gripes=["squirrels love it too", "there is some filler"],
    ),
)

# Health ----------------------------------------------------------------------------------------

add(
    fam(
        "health",
        "HLT",
        "PAIN",
        "Wellpath {v}",
        "Wellpath",
        [
            v(
                "Extra Strength Acetaminophen, 500 mg, 100 Caplets",
                "ACETAMINOPHEN-100",
                "8.99",
                "acetaminophen",
                "pain reliever",
                "fever reducer",
            ),
            v(
                "Ibuprofen, 200 mg, 200 Tablets",
                "IBUPROFEN-200",
                "10.99",
                "ibuprofen",
                "pain reliever",
            ),
            v(
                "Naproxen Sodium, 220 mg, 100 Tablets",
                "NAPROXEN-100",
                "9.99",
                "naproxen",
                "pain reliever",
            ),
            v(
                "Low Dose Aspirin, 81 mg, 300 Tablets",
                "ASPIRIN-81",
                "8.49",
                "aspirin",
                "baby aspirin",
                "low dose aspirin",
            ),
        ],
        syn=["pain relief", "medicine"],
        desc="Wellpath {v}, compared to the leading brand at a lower price. Use only as directed.",
        likes=["that it works as well as the name brand", "the price for the big bottle"],
        gripes=["the bottle is hard to open", "the tablets are large"],
    ),
    fam(
        "health",
        "HLT",
        "COLD",
        "Wellpath {v}",
        "Wellpath",
        [
            v(
                "24 Hour Allergy Relief, 90 Tablets",
                "ALLERGY-90",
                "14.99",
                "allergy medicine",
                "allergy pills",
                "antihistamine",
            ),
            v("Saline Nasal Spray, 1.5 oz", "SALINE", "4.49", "nasal spray", "saline spray"),
            v(
                "Honey Lemon Cough Drops, 80 Count",
                "COUGH-DROPS-80",
                "4.99",
                "cough drops",
                "throat lozenges",
                likes=["the soothing honey flavor", "the value"],
                gripes=["the taste is strong", "the drops stick together"],
            ),
            v(
                "Nighttime Cold and Flu Relief, 12 oz",
                "NIGHT-COLD-12",
                "9.49",
                "cold medicine",
                "flu medicine",
                likes=["that it works fast", "how well people sleep with it"],
                gripes=["it leaves some people groggy in the morning", "the taste is strong"],
            ),
            v(
                "Antacid Chewable Tablets, 160 Count",
                "ANTACID-160",
                "7.49",
                "antacid",
                "heartburn relief",
            ),
        ],
        syn=["medicine", "cold and flu"],
        desc="Wellpath {v}, compared to the leading brand at a lower price. Use only as directed.",
        likes=["that it works fast", "the value"],
        gripes=["the bottle is hard to open", "some still prefer the name brand"],
    ),
    fam(
        "health",
        "HLT",
        "VITAMINS",
        "Vital Daily {v}",
        "Vital Daily",
        [
            v(
                "Adult Multivitamin, 200 Tablets",
                "MULTI-200",
                "14.99",
                "multivitamin",
                "vitamins",
                "daily vitamin",
            ),
            v("Vitamin D3, 2000 IU, 250 Softgels", "D3-250", "11.99", "vitamin d", "vitamin d3"),
            v(
                "Vitamin C Gummies, 120 Count",
                "C-GUMMIES-120",
                "13.49",
                "vitamin c",
                "vitamin c gummies",
            ),
            v(
                "Kids Multivitamin Gummies, 150 Count",
                "KIDS-GUMMIES-150",
                "15.99",
                "kids vitamins",
                "gummy vitamins",
                "childrens vitamins",
            ),
            v("Fish Oil, 1000 mg, 200 Softgels", "FISH-OIL-200", "16.99", "fish oil", "omega 3"),
            v("Probiotic Capsules, 30 Count", "PROBIOTIC-30", "19.99", "probiotic", "probiotics"),
        ],
        syn=["vitamins", "supplements"],
        desc="Vital Daily {v}, third party tested for purity and potency.",
        likes=["the value", "that they are easy to take"],
        gripes=["the bottle is mostly air", "they have a strong smell"],
    ),
    fam(
        "health",
        "HLT",
        "FIRST-AID",
        "Wellpath {v}",
        "Wellpath",
        [
            v(
                "Flexible Fabric Bandages, 100 Count",
                "BANDAGES-100",
                "6.99",
                "bandages",
                "adhesive bandages",
                likes=["how well they stay on", "the range of sizes"],
                gripes=["the adhesive weakens when wet", "the wrappers are hard to open"],
            ),
            v("First Aid Kit, 160 Pieces", "KIT-160", "19.99", "first aid kit"),
            v(
                "Digital Thermometer",
                "THERMOMETER",
                "9.99",
                "thermometer",
                "fever thermometer",
                likes=["how fast it reads", "the value"],
                gripes=["readings vary a little", "the beep is quiet"],
            ),
            v("Hand Sanitizer, 8 oz, 3 Pack", "SANITIZER-3", "7.99", "hand sanitizer", "sanitizer"),
            v("Disposable Face Masks, 50 Count", "MASKS-50", "9.99", "face masks", "masks"),
        ],
        syn=["first aid"],
        desc="Wellpath {v}, a medicine cabinet essential for everyday bumps and bugs.",
        likes=["the quality for the price", "the value"],
        gripes=["the packaging is flimsy", "some still prefer the name brand"],
    ),
)

# Beauty and personal care ----------------------------------------------------------------------

add(
    fam(
        "beauty",
        "BTY",
        "HAIR",
        "Pure Bloom {v}",
        "Pure Bloom",
        [
            v("Moisture Shampoo, 28 oz", "SHAMPOO-28", "7.99", "shampoo"),
            v("Moisture Conditioner, 28 oz", "CONDITIONER-28", "7.99", "conditioner"),
            v(
                "2 in 1 Shampoo and Conditioner, 25 oz",
                "2IN1-25",
                "6.99",
                "two in one shampoo",
                "2 in 1 shampoo",
                "shampoo and conditioner",
            ),
        ],
        syn=["hair care"],
        desc="Pure Bloom {v}, with argan oil for soft, shiny hair.",
        likes=["how soft it leaves hair", "the light scent", "the big bottle"],
        gripes=["it weighs down fine hair", "the cap breaks easily"],
    ),
    fam(
        "beauty",
        "BTY",
        "BODY",
        "Pure Bloom {v}",
        "Pure Bloom",
        [
            v("Shea Butter Body Wash, 22 oz", "WASH-22", "6.49", "body wash", "shower gel"),
            v("Gentle Bar Soap, 8 Bars", "BAR-SOAP-8", "8.99", "bar soap", "soap"),
            v(
                "Daily Moisturizing Lotion, 16 oz",
                "LOTION-16",
                "8.49",
                "lotion",
                "body lotion",
                "moisturizer",
            ),
            v(
                "Gentle Foaming Face Wash, 8 oz",
                "FACE-WASH-8",
                "9.49",
                "face wash",
                "facial cleanser",
            ),
            v(
                "Makeup Remover Wipes, 3 Pack",
                "MAKEUP-WIPES-3",
                "8.99",
                "makeup wipes",
                "makeup remover",
            ),
            v(
                "Lip Balm, 4 Pack",
                "LIP-BALM-4",
                "4.49",
                "lip balm",
                likes=["how long it lasts", "the smooth feel"],
                gripes=["it melts in a hot car", "the caps come off in a pocket"],
            ),
            v(
                "Cotton Swabs, 500 Count",
                "SWABS-500",
                "3.99",
                "cotton swabs",
                likes=["the value", "the sturdy sticks"],
                gripes=["the cotton comes off some tips", "the container is flimsy"],
            ),
        ],
        syn=["personal care", "skin care"],
        desc="Pure Bloom {v}, dermatologist tested and gentle on sensitive skin.",
        likes=["how gentle it is", "the value", "the subtle scent"],
        gripes=["the scent fades fast", "the packaging is flimsy"],
    ),
    fam(
        "beauty",
        "BTY",
        "ORAL",
        "Brightsmile {v}",
        "Brightsmile",
        [
            v(
                "Fluoride Toothpaste, Mint, 4 Pack",
                "TOOTHPASTE-4",
                "9.99",
                "toothpaste",
                likes=["the fresh, clean feeling", "the value"],
                gripes=["the mint is strong", "the tube is hard to squeeze out"],
            ),
            v(
                "Soft Toothbrushes, 6 Pack",
                "TOOTHBRUSH-6",
                "7.99",
                "toothbrushes",
                "toothbrush",
                likes=["the soft bristles", "the value"],
                gripes=["the bristles fray quickly", "the handles are thin"],
            ),
            v(
                "Mint Dental Floss, 3 Pack",
                "FLOSS-3",
                "5.49",
                "floss",
                "dental floss",
                likes=["how smoothly it glides", "the value"],
                gripes=["it shreds between tight teeth", "the case is flimsy"],
            ),
            v(
                "Alcohol Free Mouthwash, 1 Liter",
                "MOUTHWASH-1L",
                "5.99",
                "mouthwash",
                "mouth rinse",
                likes=["that it does not burn", "the fresh, clean feeling"],
                gripes=["the mint is strong", "the cap is hard to open"],
            ),
            v(
                "Rechargeable Electric Toothbrush",
                "ELECTRIC-BRUSH",
                "39.99",
                "electric toothbrush",
                likes=["how clean teeth feel", "the long battery life"],
                gripes=["the replacement heads are pricey", "it is louder than expected"],
            ),
        ],
        syn=["oral care", "dental care"],
        desc="Brightsmile {v}, for a cleaner mouth and fresher breath.",
        likes=["the fresh, clean feeling", "the value"],
        gripes=["the packaging is wasteful", "some still prefer the name brand"],
    ),
    fam(
        "beauty",
        "BTY",
        "GROOMING",
        "{brand} {v}",
        (("Everfresh", "EF"), ("Keenedge", "KE")),
        [
            v(
                "Clean Scent Deodorant, 3 Pack",
                "DEODORANT-3",
                "11.49",
                "deodorant",
                brands=("EF",),
                likes=["how long it lasts", "the clean scent"],
                gripes=["it leaves white marks", "it is pricey for the size"],
            ),
            v(
                "Unscented Antiperspirant, 2 Pack",
                "ANTIPERSPIRANT-2",
                "9.99",
                "antiperspirant",
                "unscented deodorant",
                brands=("EF",),
                likes=["how long it lasts", "that it is truly unscented"],
                gripes=["it leaves white marks", "it is pricey for the size"],
            ),
            v(
                "5 Blade Razor with 4 Refills",
                "RAZOR-5",
                "14.99",
                "razor",
                "razors",
                "razor blades",
                brands=("KE",),
                likes=["the close, comfortable shave", "the sturdy handle"],
                gripes=["the refills are pricey", "the blades dull quickly"],
            ),
            v(
                "Sensitive Shave Gel, 3 Pack",
                "SHAVE-GEL-3",
                "8.99",
                "shave gel",
                "shaving cream",
                brands=("KE",),
                likes=["how smooth the shave is", "that it is gentle on skin"],
                gripes=["the can runs out fast", "the nozzle clogs"],
            ),
        ],
        syn=["grooming"],
        desc="{brand} {v}, for a fresh, comfortable start to the day.",
        likes=["the value", "the quality"],
        gripes=["it is pricey for the size", "the packaging is hard to open"],
    ),
    fam(
        "beauty",
        "BTY",
        "SUN",
        "Sunvale {v}",
        "Sunvale",
        [
            v(
                "Sunscreen Lotion, SPF 50, 8 oz",
                "LOTION-SPF50",
                "10.99",
                "sunscreen",
                "sunblock",
                "spf 50",
            ),
            v(
                "Kids Sunscreen Spray, SPF 50, 2 Pack",
                "KIDS-SPRAY-2",
                "15.99",
                "kids sunscreen",
                "sunscreen spray",
            ),
        ],
        syn=["sun protection"],
        desc="Sunvale {v}, broad spectrum and water resistant for eighty minutes.",
        likes=["that it is not greasy", "that it rubs in easily"],
        gripes=["the spray runs out fast", "it leaves a white cast"],
    ),
)

# Office ----------------------------------------------------------------------------------------

add(
    fam(
        "office",
        "OFF",
        "PAPER",
        "Papertrail {v}",
        "Papertrail",
        [
            v(
                "Multipurpose Printer Paper, Letter Size, 500 Sheets",
                "PRINTER-1REAM",
                "8.99",
                "printer paper",
                "copy paper",
                "ream of paper",
                desc="One ream of bright white letter size paper that runs jam free in inkjet and "
                "laser printers.",
                likes=["that it never jams", "the bright white color"],
                gripes=["the ream wrapper tears in shipping", "it is thinner than premium paper"],
            ),
            v(
                "Multipurpose Printer Paper, Letter Size, 10 Reams",
                "PRINTER-10REAM",
                "54.99",
                "case of paper",
                "printer paper",
                "copy paper",
                desc="A case of ten reams of bright white letter size paper that runs jam free in "
                "inkjet and laser printers.",
                likes=["that it never jams", "the value of the case"],
                gripes=["the box arrives dented", "it is thinner than premium paper"],
            ),
            v(
                "Sticky Notes, 12 Pads",
                "STICKY-12",
                "8.99",
                "sticky notes",
                likes=["the bright colors", "the value"],
                gripes=["the adhesive is weak", "the pads curl"],
            ),
            v(
                "Spiral Notebooks, College Ruled, 5 Pack",
                "SPIRAL-5",
                "9.99",
                "spiral notebooks",
                "notebooks",
            ),
            v(
                "Composition Notebooks, 4 Pack",
                "COMPOSITION-4",
                "7.99",
                "composition notebooks",
                "notebooks",
            ),
            v("Letter Envelopes, 100 Count", "ENVELOPES-100", "6.49", "envelopes"),
            v(
                "Manila File Folders, 100 Count",
                "FOLDERS-100",
                "11.99",
                "file folders",
                "folders",
                "manila folders",
            ),
            v("Index Cards, 300 Count", "INDEX-300", "4.49", "index cards", "note cards"),
        ],
        syn=["office supplies", "school supplies"],
        desc="Papertrail {v}, made from smooth, sturdy paper for home, school and office.",
        likes=["the quality for the price", "the value"],
        gripes=["the packaging tears in shipping", "it is thinner than expected"],
    ),
    fam(
        "office",
        "OFF",
        "WRITING",
        "Inkwell {v}",
        "Inkwell",
        [
            v(
                "Ballpoint Pens, Black, 24 Pack",
                "BALLPOINT-24",
                "6.99",
                "pens",
                "ballpoint pens",
                "black pens",
            ),
            v("Gel Pens, Assorted Colors, 12 Pack", "GEL-12", "9.99", "gel pens", "colored pens"),
            v(
                "Number 2 Pencils, 24 Pack",
                "PENCILS-24",
                "4.99",
                "pencils",
                "number 2 pencils",
                likes=["how easily they sharpen", "the value"],
                gripes=["the erasers smudge", "the lead breaks when sharpening"],
            ),
            v("Highlighters, Assorted Colors, 6 Pack", "HIGHLIGHTERS-6", "4.49", "highlighters"),
            v("Permanent Markers, Black, 12 Pack", "PERMANENT-12", "7.99", "permanent markers"),
            v(
                "Dry Erase Markers, 8 Pack",
                "DRY-ERASE-8",
                "9.49",
                "dry erase markers",
                "whiteboard markers",
            ),
        ],
        syn=["office supplies", "school supplies"],
        desc="Inkwell {v}, with smooth, consistent lines from the first stroke to the last.",
        likes=["how smoothly they write", "the bright colors", "the value"],
        gripes=["a few dried out early", "the caps are easy to lose"],
    ),
    fam(
        "office",
        "OFF",
        "DESK",
        "{brand} {v}",
        (("Deskmate", ""), ("Rainbow Lane", "RL"), ("Printwise", "PW")),
        [
            v("Stapler with 1000 Staples", "STAPLER", "9.99", "stapler", "staples", brands=("",)),
            v("Clear Tape, 6 Rolls", "TAPE-6", "6.99", "tape", "clear tape", brands=("",)),
            v("Scissors, 3 Pack", "SCISSORS-3", "7.49", "scissors", brands=("",)),
            v(
                "Crayons, 64 Count",
                "CRAYONS-64",
                "4.99",
                "crayons",
                brands=("RL",),
                desc="Sixty four bright, non toxic crayons in a flip top box with a built in "
                "sharpener.",
                likes=["the bright colors", "that they do not break easily"],
                gripes=["the box tears easily", "the sharpener is dull"],
            ),
            v(
                "Washable Glue Sticks, 12 Pack",
                "GLUE-12",
                "5.99",
                "glue sticks",
                "glue",
                brands=("RL",),
                likes=["that they wash out easily", "the value"],
                gripes=[
                    "they dry out if left open",
                    "the glue goes on purple and dries clear slowly",
                ],
            ),
            v(
                "Compatible Black Ink Cartridges, 2 Pack",
                "INK-BLACK-2",
                "24.99",
                "printer ink",
                "ink cartridges",
                "black ink",
                brands=("PW",),
                desc="Two compatible black ink cartridges for popular home inkjet printers. "
                "Check your printer model before ordering.",
                likes=["the savings over name brand ink", "the crisp print"],
                gripes=["some printers show a warning", "they run out sooner than expected"],
            ),
        ],
        syn=["office supplies"],
        desc="{brand} {v}, a reliable desk drawer basic.",
        likes=["how well it works", "the price"],
        gripes=["it feels a bit flimsy", "the packaging is wasteful"],
    ),
)

# Kitchen ---------------------------------------------------------------------------------------

add(
    fam(
        "kitchen",
        "KIT",
        "COOK",
        "Hearthstone {v}",
        "Hearthstone",
        [
            v(
                "Nonstick Frying Pan, 10 inch",
                "FRYPAN-10",
                "24.99",
                "frying pan",
                "skillet",
                "nonstick pan",
                likes=["how easy it is to clean", "the nonstick surface"],
                gripes=["the nonstick coating wears over time", "the handle gets warm"],
            ),
            v(
                "Nonstick Cookware Set, 10 Pieces",
                "COOKWARE-10",
                "99.99",
                "pots and pans",
                "cookware set",
                "pan set",
                likes=["how easy it is to clean", "the value"],
                gripes=["the nonstick coating wears over time", "the lids rattle"],
            ),
            v(
                "Cast Iron Skillet, 12 inch",
                "CAST-IRON-12",
                "29.99",
                "cast iron",
                "cast iron pan",
                "skillet",
                likes=["how evenly it heats", "the sturdy weight"],
                gripes=["it is heavy", "it needs regular seasoning"],
            ),
            v("Stainless Steel Saucepan, 3 Quart", "SAUCEPAN-3QT", "34.99", "saucepan", "pot"),
            v(
                "Aluminum Sheet Pans, 2 Pack",
                "SHEET-PANS-2",
                "19.99",
                "sheet pans",
                "baking sheets",
                "cookie sheets",
            ),
            v(
                "Chef Knife, 8 inch",
                "CHEF-KNIFE-8",
                "29.99",
                "chef knife",
                "kitchen knife",
                "knife",
                likes=["how sharp it is", "the comfortable handle"],
                gripes=["it needs sharpening sooner than expected", "it is not dishwasher safe"],
            ),
            v(
                "Bamboo Cutting Boards, 3 Pack",
                "CUTTING-BOARDS-3",
                "22.99",
                "cutting board",
                "chopping board",
            ),
            v(
                "Measuring Cups and Spoons Set",
                "MEASURING-SET",
                "14.99",
                "measuring cups",
                "measuring spoons",
            ),
            v(
                "Silicone Spatula Set, 4 Pieces",
                "SPATULAS-4",
                "11.99",
                "spatula",
                "spatulas",
                "rubber spatula",
            ),
            v(
                "Stoneware Dinnerware Set, 16 Pieces",
                "DINNERWARE-16",
                "59.99",
                "dishes",
                "dinnerware",
                "plates and bowls",
                likes=["the pretty glaze", "the value"],
                gripes=["the plates chip easily", "the bowls are small"],
            ),
            v(
                "Drinking Glasses, 8 Pack",
                "GLASSES-8",
                "19.99",
                "drinking glasses",
                "glasses",
                "tumblers",
                likes=["the clear, sturdy glass", "the value"],
                gripes=["they chip easily", "they are heavier than expected"],
            ),
        ],
        syn=["kitchenware"],
        desc="Hearthstone {v}, made for everyday use and easy to clean.",
        likes=["the quality for the price", "the value", "how easy it is to clean"],
        gripes=["some wish it were sturdier", "the finish shows wear over time"],
    ),
    fam(
        "kitchen",
        "KIT",
        "STORAGE",
        "Fresh Keep {v}",
        "Fresh Keep",
        [
            v(
                "Glass Food Storage Containers, 18 Pieces",
                "GLASS-18",
                "34.99",
                "glass containers",
                "food storage containers",
                "meal prep containers",
            ),
            v(
                "Plastic Food Storage Containers, 40 Pieces",
                "PLASTIC-40",
                "21.99",
                "plastic containers",
                "food storage containers",
            ),
        ],
        syn=["leftover containers"],
        desc="Fresh Keep {v} with snap lock lids, safe for the microwave and dishwasher.",
        likes=["how tightly the lids seal", "the handy sizes"],
        gripes=["the lids warp in the dishwasher", "the lids are hard to match up"],
    ),
    fam(
        "kitchen",
        "KIT",
        "APPLIANCE",
        "Quickserve {v}",
        "Quickserve",
        [
            v(
                "12 Cup Programmable Coffee Maker",
                "COFFEE-MAKER-12",
                "49.99",
                "coffee maker",
                "coffee machine",
                "drip coffee maker",
            ),
            v(
                "Single Serve Coffee Brewer",
                "SINGLE-SERVE",
                "79.99",
                "pod coffee maker",
                "single serve coffee maker",
            ),
            v(
                "Electric Kettle, 1.7 Liter",
                "KETTLE",
                "29.99",
                "electric kettle",
                "kettle",
                "tea kettle",
            ),
            v("2 Slice Toaster", "TOASTER-2", "24.99", "toaster"),
            v("Countertop Blender", "BLENDER", "59.99", "blender", "smoothie blender"),
            v("Air Fryer, 5 Quart", "AIR-FRYER-5QT", "79.99", "air fryer"),
            v("Slow Cooker, 6 Quart", "SLOW-COOKER-6QT", "39.99", "slow cooker"),
            v(
                "Basket Coffee Filters, 200 Count",
                "FILTERS-200",
                "3.99",
                "coffee filters",
                desc="Two hundred unbleached basket filters that fit most eight to twelve cup "
                "coffee makers.",
                likes=["the value", "that they do not tear"],
                gripes=[
                    "they collapse into the basket now and then",
                    "they are thinner than name brands",
                ],
            ),
        ],
        syn=["small appliance", "kitchen appliance"],
        desc="Quickserve {v}, simple to use and easy to clean, with a one year warranty.",
        likes=["how simple it is to use", "how quickly it works", "the value"],
        gripes=["it is louder than expected", "the cord is short"],
    ),
    fam(
        "kitchen",
        "KIT",
        "WATER",
        "Pure Pour {v}",
        "Pure Pour",
        [
            v(
                "Water Filter Pitcher, 10 Cup",
                "PITCHER-10",
                "29.99",
                "water filter",
                "filter pitcher",
            ),
            v(
                "Replacement Water Filters, 3 Pack",
                "FILTERS-3",
                "19.99",
                "replacement filters",
                "water filters",
                likes=["how much better the water tastes", "the value"],
                gripes=["they need frequent replacement", "they take a while to prime"],
            ),
        ],
        syn=["filtered water"],
        desc="Pure Pour {v}, for cleaner tasting water with less chlorine taste and odor.",
        likes=["how much better the water tastes", "how easy filters are to change"],
        gripes=["it filters slowly", "the lid pops off when pouring"],
    ),
)

# Garden ----------------------------------------------------------------------------------------

add(
    fam(
        "garden",
        "GDN",
        "SOIL",
        "Green Thumb {v}",
        "Green Thumb",
        [
            v(
                "All Purpose Potting Mix, 25 Quart",
                "POTTING-25QT",
                "9.99",
                "potting soil",
                "potting mix",
            ),
            v(
                "Raised Bed Garden Soil, 1.5 Cubic Feet",
                "RAISED-BED",
                "8.49",
                "garden soil",
                "dirt",
                "soil",
            ),
            v(
                "Brown Mulch, 2 Cubic Feet",
                "MULCH-BROWN",
                "4.99",
                "mulch",
                "brown mulch",
                likes=["the rich color", "the value"],
                gripes=["the color fades by late summer", "the bag tore in shipping"],
            ),
            v(
                "All Purpose Plant Food, 3 lb",
                "PLANT-FOOD-3LB",
                "12.99",
                "plant food",
                "fertilizer",
            ),
            v(
                "Lawn Fertilizer, Covers 5000 Square Feet",
                "LAWN-FERT",
                "24.99",
                "lawn fertilizer",
                "lawn food",
                "grass fertilizer",
            ),
            v(
                "Sun and Shade Grass Seed, 7 lb",
                "GRASS-SEED-7LB",
                "29.99",
                "grass seed",
                "lawn seed",
            ),
            v("Weed Killer Spray, 1.3 Gallon", "WEED-KILLER", "16.99", "weed killer", "weed spray"),
            v(
                "Tomato Seed Starter Kit",
                "SEED-STARTER",
                "14.99",
                "seed starter",
                "tomato seeds",
                "seed kit",
                likes=["how easy it is for beginners", "how fast the seeds sprout"],
                gripes=["the seedlings need transplanting quickly", "the tray is flimsy"],
            ),
        ],
        syn=["gardening", "lawn and garden"],
        desc="Green Thumb {v}, for healthy plants and a greener yard.",
        likes=["the results", "the value"],
        gripes=["the bag tore in shipping", "results take a few weeks"],
    ),
    fam(
        "garden",
        "GDN",
        "TOOLS",
        "Rootwell {v}",
        "Rootwell",
        [
            v(
                "Expandable Garden Hose, 50 ft",
                "HOSE-50",
                "34.99",
                "garden hose",
                "hose",
                likes=["how light it is", "how compact it stores"],
                gripes=["it can burst under high pressure", "the fittings leak a little"],
            ),
            v("Hose Spray Nozzle", "NOZZLE", "9.99", "spray nozzle", "hose nozzle"),
            v(
                "Bypass Pruning Shears",
                "PRUNERS",
                "16.99",
                "pruning shears",
                "pruners",
                "garden shears",
            ),
            v(
                "Garden Gloves, 3 Pairs",
                "GLOVES-3",
                "12.99",
                "garden gloves",
                "gardening gloves",
                "work gloves",
                likes=["the snug fit", "the value"],
                gripes=["the fingertips wear through", "they run small"],
            ),
            v(
                "Hand Trowel and Cultivator Set",
                "TROWEL-SET",
                "14.99",
                "trowel",
                "garden tools",
                "hand tools",
            ),
            v("Adjustable Leaf Rake", "RAKE", "19.99", "rake", "leaf rake"),
            v(
                "Plastic Planters, 12 inch, 3 Pack",
                "PLANTERS-3",
                "19.99",
                "planters",
                "flower pots",
                "pots",
                likes=["the clean look", "the value"],
                gripes=["the plastic feels thin", "there are no drainage saucers"],
            ),
        ],
        syn=["garden tools", "gardening"],
        desc="Rootwell {v}, sturdy and comfortable for years of yard work.",
        likes=["how sturdy it is", "the comfortable grip", "the price"],
        gripes=["it rusts if left outside", "it is smaller than pictured"],
    ),
    fam(
        "garden",
        "GDN",
        "OUTDOOR",
        "{v}",
        "Sunpath",
        [
            v(
                "Sunpath Solar Pathway Lights, 8 Pack",
                "SOLAR-LIGHTS-8",
                "29.99",
                "solar lights",
                "pathway lights",
                "garden lights",
            ),
            v(
                "Sunpath Solar String Lights, 30 ft",
                "SOLAR-STRING",
                "24.99",
                "string lights",
                "patio lights",
                "solar string lights",
            ),
        ],
        desc="{v} that charge by day and switch on at dusk. No wiring needed.",
        likes=["how easy they are to set up", "how bright they are at night"],
        gripes=["they dim after a cloudy day", "the stakes bend"],
    ),
    fam(
        "garden",
        "GDN",
        "BIRD",
        "{v}",
        "Songbird Select",
        [
            v("Songbird Select Hanging Bird Feeder", "FEEDER", "21.99", "bird feeder", "feeder"),
        ],
        desc="The {v} holds four pounds of seed and keeps it dry in the rain.",
        likes=["how many birds it brings", "how easy it is to fill"],
        gripes=["squirrels get into it", "the hanger is thin"],
    ),
)

# Alcohol: all age restricted -------------------------------------------------------------------

add(
    fam(
        "alcohol",
        "ALC",
        "",
        "{brand} {v}",
        (("Valley Oaks", "", "1"),),
        [
            v(
                "Cabernet Sauvignon Red Wine, 750 ml",
                "",
                "14.99",
                "cabernet",
                "cabernet sauvignon",
                "cab",
                "red wine",
                sku="ALC-RED-WINE-CAB",
                rating=4.4,
                reviews=1286,
                desc="A full bodied California cabernet sauvignon with notes of black cherry, "
                "cassis and toasted oak. Pairs well with steak.",
            ),
            v("Merlot Red Wine, 750 ml", "RED-WINE-MERLOT", "13.99", "merlot", "red wine"),
            v(
                "Pinot Noir Red Wine, 750 ml",
                "RED-WINE-PINOT-NOIR",
                "16.99",
                "pinot noir",
                "red wine",
            ),
            v(
                "Chardonnay White Wine, 750 ml",
                "WHITE-WINE-CHARD",
                "12.99",
                "chardonnay",
                "white wine",
            ),
            v(
                "Sauvignon Blanc White Wine, 750 ml",
                "WHITE-WINE-SAUV-BLANC",
                "12.99",
                "sauvignon blanc",
                "white wine",
            ),
            v(
                "Pinot Grigio White Wine, 750 ml",
                "WHITE-WINE-PINOT-GRIGIO",
                "11.99",
                "pinot grigio",
                "white wine",
            ),
            v("Dry Rose Wine, 750 ml", "ROSE-WINE", "12.99", "rose", "rose wine", "pink wine"),
            v(
                "Cabernet Sauvignon Red Wine, 1.5 Liter",
                "RED-WINE-CAB-MAGNUM",
                "24.99",
                "big bottle of cabernet",
                "cabernet magnum",
                "red wine",
            ),
        ],
        syn=["wine", "bottle of wine"],
        age_restricted=True,
        desc="Valley Oaks {v}, from sustainably farmed vineyards in California.",
        likes=["the smooth finish", "the value for the quality", "how food friendly it is"],
        gripes=["it is lighter than some expected", "the cork crumbles"],
    ),
    fam(
        "alcohol",
        "ALC",
        "WINE",
        "Casa Brisa {v}",
        "Casa Brisa",
        [
            v("Red Blend, 750 ml", "RED-BLEND", "9.99", "red blend", "red wine"),
            v("Malbec Red Wine, 750 ml", "MALBEC", "11.99", "malbec", "red wine"),
            v(
                "Moscato White Wine, 750 ml",
                "MOSCATO",
                "8.99",
                "moscato",
                "sweet wine",
                "white wine",
            ),
            v(
                "Prosecco Sparkling Wine, 750 ml",
                "PROSECCO",
                "13.99",
                "prosecco",
                "sparkling wine",
                "bubbly",
            ),
        ],
        syn=["wine", "bottle of wine"],
        age_restricted=True,
        desc="Casa Brisa {v}, a bright, easy drinking wine for any night of the week.",
        likes=["the fruity flavor", "the great price", "that it is easy to drink"],
        gripes=["it is sweeter than expected", "it lacks depth"],
    ),
    fam(
        "alcohol",
        "ALC",
        "BEER",
        "Ironbridge Brewing {v}",
        "Ironbridge Brewing",
        [
            v(
                "Lager, 12 Pack, 12 oz Cans",
                "LAGER-12",
                "15.99",
                "lager",
                "beer",
                "12 pack of beer",
            ),
            v(
                "IPA, 6 Pack, 12 oz Bottles",
                "IPA-6",
                "10.99",
                "ipa",
                "india pale ale",
                "craft beer",
                likes=["the bold, citrusy hops", "the price"],
                gripes=["it is hoppier than some like", "the price has gone up"],
            ),
            v(
                "Light Beer, 24 Pack, 12 oz Cans",
                "LIGHT-24",
                "22.99",
                "light beer",
                "case of beer",
                "24 pack of beer",
            ),
            v("Wheat Beer, 6 Pack, 12 oz Bottles", "WHEAT-6", "10.49", "wheat beer", "hefeweizen"),
            v(
                "Oatmeal Stout, 6 Pack, 12 oz Bottles",
                "STOUT-6",
                "11.99",
                "stout",
                "dark beer",
                likes=["the rich, roasty flavor", "the smooth finish"],
                gripes=["it is heavier than some like", "the price has gone up"],
            ),
            v(
                "Brewers Variety Pack, 12 Pack",
                "VARIETY-12",
                "17.99",
                "beer variety pack",
                "beer sampler",
            ),
        ],
        syn=["beer", "brew"],
        age_restricted=True,
        desc="Ironbridge Brewing {v}, brewed in small batches with American hops.",
        likes=["the crisp, clean taste", "the balanced flavor", "the price"],
        gripes=["the price has gone up", "some find it a bit plain"],
    ),
    fam(
        "alcohol",
        "ALC",
        "CIDER",
        "{v}",
        "Orchard Hill",
        [
            v(
                "Orchard Hill Hard Apple Cider, 6 Pack",
                "APPLE-6",
                "10.99",
                "hard cider",
                "cider",
                "apple cider",
            ),
        ],
        syn=["gluten free drinks"],
        age_restricted=True,
        desc="{v}, crisp and lightly sweet, pressed from Pacific Northwest apples.",
        likes=["the fresh apple flavor", "that it is not too sweet"],
        gripes=["it is a little too sweet for some", "the bottles are small"],
    ),
    fam(
        "alcohol",
        "ALC",
        "SELTZER",
        "{v}",
        "Brightfizz",
        [
            v(
                "Brightfizz Hard Seltzer Variety Pack, 12 Pack",
                "VARIETY-12",
                "17.99",
                "hard seltzer",
                "spiked seltzer",
                "seltzer variety pack",
            ),
        ],
        age_restricted=True,
        desc="The {v}, with four fruit flavors at one hundred calories a can.",
        likes=["the light, refreshing taste", "the flavor variety"],
        gripes=["one flavor tastes artificial", "the flavors are faint"],
    ),
)

# Sports and outdoors ---------------------------------------------------------------------------

add(
    fam(
        "sports",
        "SPT",
        "FITNESS",
        "Stride Active {v}",
        "Stride Active",
        [
            v("Yoga Mat, 6 mm", "YOGA-MAT", "24.99", "yoga mat", "exercise mat"),
            v(
                "Neoprene Dumbbells, 10 lb Pair",
                "DUMBBELLS-10",
                "24.99",
                "dumbbells",
                "weights",
                "hand weights",
                likes=["the comfortable grip", "the value"],
                gripes=["the coating scuffs", "shipping took a while"],
            ),
            v(
                "Resistance Bands, 5 Pack",
                "BANDS-5",
                "14.99",
                "resistance bands",
                "exercise bands",
                likes=["the range of strengths", "the value"],
                gripes=["the lightest band feels too easy", "the bands roll up during use"],
            ),
            v(
                "Speed Jump Rope",
                "JUMP-ROPE",
                "9.99",
                "jump rope",
                "skipping rope",
                likes=["the smooth spin", "the value"],
                gripes=["the cord tangles", "the handles feel light"],
            ),
            v(
                "Foam Roller, 18 inch",
                "FOAM-ROLLER",
                "19.99",
                "foam roller",
                likes=["how well it eases sore muscles", "the value"],
                gripes=["it is firmer than expected", "it dents over time"],
            ),
        ],
        syn=["fitness", "workout gear", "exercise equipment"],
        desc="Stride Active {v}, for home workouts that fit any schedule.",
        likes=["the solid quality", "the value"],
        gripes=["it has a strong smell at first", "it is smaller than expected"],
    ),
    fam(
        "sports",
        "SPT",
        "BALLS",
        "Courtside {v}",
        "Courtside",
        [
            v("Indoor Outdoor Basketball, Size 7", "BASKETBALL", "24.99", "basketball"),
            v("Soccer Ball, Size 5", "SOCCER", "19.99", "soccer ball", "football"),
            v("Youth Football", "FOOTBALL", "14.99", "football", "youth football"),
        ],
        syn=["ball", "sports ball"],
        desc="The Courtside {v}, with a grippy cover that holds air for the whole season.",
        likes=["the good grip", "how well it holds air"],
        gripes=["it ships flat and needs a pump", "the cover scuffs on pavement"],
    ),
    fam(
        "sports",
        "SPT",
        "OUTDOOR",
        "Summit Trail {v}",
        "Summit Trail",
        [
            v(
                "Insulated Water Bottle, 32 oz",
                "BOTTLE-32",
                "24.99",
                "water bottle",
                "insulated bottle",
                likes=["how long it keeps drinks cold", "the leak proof lid"],
                gripes=["it does not fit most cup holders", "the paint chips"],
            ),
            v(
                "Folding Camping Chair",
                "CHAIR",
                "29.99",
                "camping chair",
                "camp chair",
                "folding chair",
            ),
            v(
                "Rolling Cooler, 45 Quart",
                "COOLER-45",
                "49.99",
                "cooler",
                "ice chest",
                likes=["how long it keeps ice", "how easy it is to roll"],
                gripes=["the wheels are noisy", "it is heavy when full"],
            ),
            v(
                "Two Person Dome Tent",
                "TENT-2",
                "69.99",
                "tent",
                "camping tent",
                likes=["how quickly it sets up", "how well it keeps out rain"],
                gripes=["it is snug for two adults", "the stakes bend"],
            ),
        ],
        syn=["outdoors", "camping"],
        desc="Summit Trail {v}, tough enough for weekends outdoors.",
        likes=["how sturdy it is", "how easy it is to carry", "the value"],
        gripes=["it is heavier than expected", "the carry bag is tight"],
    ),
)

# Party and gifts -------------------------------------------------------------------------------

add(
    fam(
        "party",
        "PTY",
        "",
        "Celebration Station {v}",
        "Celebration Station",
        [
            v(
                "Latex Balloons, Assorted Colors, 72 Count",
                "BALLOONS-72",
                "8.99",
                "balloons",
                "party balloons",
            ),
            v(
                "Birthday Candles, 24 Count",
                "CANDLES-24",
                "2.99",
                "birthday candles",
                "cake candles",
            ),
            v("Happy Birthday Banner", "BANNER", "5.99", "birthday banner", "happy birthday sign"),
            v(
                "Party Plates and Napkins Set, Serves 16",
                "TABLEWARE-16",
                "14.99",
                "party plates",
                "party supplies",
            ),
            v("Gift Wrap, 3 Rolls", "GIFT-WRAP-3", "12.99", "wrapping paper", "gift wrap"),
            v("Gift Bags, Assorted Sizes, 12 Pack", "GIFT-BAGS-12", "9.99", "gift bags"),
            v(
                "Greeting Cards, Assorted, 20 Pack",
                "CARDS-20",
                "14.99",
                "greeting cards",
                "birthday cards",
                "cards",
            ),
        ],
        syn=["party supplies"],
        desc="Celebration Station {v}, bright and festive for birthdays and holidays.",
        likes=["the bright colors", "the value", "how festive it looks"],
        gripes=["some pieces feel thin", "the colors are duller than pictured"],
    ),
)


# ---------------------------------------------------------------------------------------------

REQUIRED = {
    "TOY-DOLLHOUSE-KK": ("KidKraft Dreamhouse Dollhouse", "toys", "169.99"),
    "SNK-SUGAR-COOKIES-4LB": ("Sugar Cookies, 4 lb tub", "snacks", "24.99"),
    "BAT-AA-24": ("Energizer AA Batteries, 24 Pack", "electronics", "18.99"),
    "HH-PAPER-TOWELS-12": ("Bounty Select-A-Size Paper Towels, 12 Rolls", "household", "31.99"),
    "GRC-COFFEE-HOUSE-BLEND": ("Morning Ridge House Blend Ground Coffee, 12 oz", "grocery", "9.49"),
    "ALC-RED-WINE-CAB": ("Valley Oaks Cabernet Sauvignon Red Wine, 750 ml", "alcohol", "14.99"),
    "GRC-MILK-1GAL": None,
    "HH-DISH-SOAP": None,
    "HH-TOILET-PAPER-24": None,
    "GRC-BANANAS": None,
    "PET-DOG-FOOD-30LB": None,
}


def build(seed: int = SEED) -> list[dict[str, object]]:
    products = [p for family in FAMILIES for p in expand(family, seed)]
    products.sort(key=lambda p: str(p["sku"]))
    _validate(products)
    return products


def _validate(products: list[dict[str, object]]) -> None:
    problems: list[str] = []
    skus = [str(p["sku"]) for p in products]
    names = [str(p["name"]).lower() for p in products]
    for label, values in (("sku", skus), ("name", names)):
        dupes = sorted({x for x in values if values.count(x) > 1})
        if dupes:
            problems.append(f"duplicate {label}s: {dupes}")
    by_sku = {p["sku"]: p for p in products}
    for sku, expect in REQUIRED.items():
        if sku not in by_sku:
            problems.append(f"missing required sku {sku}")
        elif expect is not None:
            p = by_sku[sku]
            if (p["name"], p["category"], p["price"]) != expect:
                problems.append(f"{sku}: expected {expect}")
    for p in products:
        sku = str(p["sku"])
        if not _SKU.match(sku):
            problems.append(f"{sku}: bad sku")
        for key in ("name", "brand", "description", "review_summary"):
            text = str(p[key])
            if not text or not _SPEAKABLE.match(text) or "  " in text:
                problems.append(f"{sku}: unspeakable {key}: {text!r}")
        if not str(p["description"]).endswith(".") or not str(p["review_summary"]).endswith("."):
            problems.append(f"{sku}: description and summary must be sentences")
        if not re.fullmatch(r"\d+\.\d\d", str(p["price"])):
            problems.append(f"{sku}: bad price {p['price']}")
        rating = float(p["rating"])  # type: ignore[arg-type]
        if not 3.1 <= rating <= 4.9 or round(rating, 1) != rating:
            problems.append(f"{sku}: rating {rating}")
        if not 5 <= int(p["review_count"]) <= 25000:  # type: ignore[call-overload]
            problems.append(f"{sku}: review_count {p['review_count']}")
        if p["category"] == "alcohol" and not p["age_restricted"]:
            problems.append(f"{sku}: alcohol must be age restricted")
        syns = [str(s) for s in p["synonyms"]]  # type: ignore[attr-defined]
        if not syns or any(not _SPEAKABLE.match(s) or s != s.lower() for s in syns):
            problems.append(f"{sku}: bad synonyms {syns}")
    if problems:
        raise SystemExit("demo catalog is invalid:\n  " + "\n  ".join(problems))


def render(products: list[dict[str, object]]) -> str:
    return json.dumps({"products": products}, indent=1, ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the output file differs from what would be written",
    )
    args = parser.parse_args(argv)
    products = build(args.seed)
    text = render(products)
    if args.check:
        current = args.output.read_text("utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale; rerun scripts/make_demo_catalog.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(products)} products)")
        return 0
    args.output.write_text(text, "utf-8")
    counts: dict[str, int] = {}
    for p in products:
        counts[str(p["category"])] = counts.get(str(p["category"]), 0) + 1
    print(f"wrote {len(products)} products in {len(counts)} categories to {args.output}")
    for category, n in sorted(counts.items()):
        print(f"  {category:12} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
