"""The interaction model: one source, two generated platforms, a lint, a check, a resolver."""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from voicecart.conversation import intents
from voicecart.conversation.numbers import parse_digits, parse_number, parse_ordinal
from voicecart.models import (
    FALLBACK,
    LAUNCH,
    build_alexa,
    build_dialogflow,
    catalog_values,
    check,
    cli_commands,
    lint,
    load,
    resolve,
    resolve_full,
)
from voicecart.models import build as model_build
from voicecart.models.dialogflow import intent_actions, zip_bytes
from voicecart.models.lint import core_contract
from voicecart.models.source import REPO_ROOT, ModelError, from_dict

MAIN_INTENTS = intents.CUSTOM


@pytest.fixture(scope="module")
def model():
    return load()


@pytest.fixture()
def repo_copy(tmp_path: Path) -> Path:
    """The source and the committed generated files, in a scratch repository."""
    for folder in ("interaction_models", "skill-package", "dialogflow"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder)
    return tmp_path


# ---- the build ------------------------------------------------------------------------
def test_build_is_deterministic(model) -> None:
    again = load()
    assert build_alexa(model) == build_alexa(again)
    first, second = build_dialogflow(model), build_dialogflow(again)
    assert first == second
    assert zip_bytes(first) == zip_bytes(second)
    assert model_build.outputs() == model_build.outputs()


def test_alexa_model_has_every_intent_and_slot_of_the_core(model) -> None:
    language = build_alexa(model)["interactionModel"]["languageModel"]
    assert language["invocationName"] == "voice cart"
    by_name = {i["name"]: i for i in language["intents"]}
    assert set(by_name) == set(intents.ALL)
    for name, slots in intents.SLOTS.items():
        assert {s["name"] for s in by_name[name].get("slots", [])} == set(slots)
    assert by_name["SearchIntent"]["slots"][0]["type"] == "AMAZON.SearchQuery"
    assert by_name["VoiceCodeIntent"]["slots"][0]["type"] == "AMAZON.FOUR_DIGIT_NUMBER"
    assert by_name["AMAZON.FallbackIntent"]["samples"] == []
    # Built-in phrases Alexa already knows are not repeated; the extras are there.
    assert "yes" not in by_name["AMAZON.YesIntent"]["samples"]
    assert "show me more" in by_name["AMAZON.NextIntent"]["samples"]
    types = {t["name"]: t for t in language["types"]}
    assert set(types) == {"ITEM_NAME", "CATEGORY", "GIFT_KIND"}
    for slot_type in types.values():
        assert slot_type["values"] and all(v["id"] for v in slot_type["values"])


def test_alexa_model_has_the_voice_code_prompt(model) -> None:
    interaction = build_alexa(model)["interactionModel"]
    assert interaction["dialog"]["delegationStrategy"] == "SKILL_RESPONSE"
    prompts = {p["id"]: p["variations"][0]["value"] for p in interaction["prompts"]}
    assert prompts["Elicit.Slot.VoiceCodeIntent.code"] == "Please say your four-digit voice code."


def test_catalog_feeds_the_item_and_category_values(model) -> None:
    items = {v.name.lower(): v for v in model.type("ITEM_NAME").values}
    assert "double a batteries" in items["aa batteries"].synonyms
    for noun in ("paper towels", "coffee", "dollhouse", "sugar cookies", "lego"):
        assert noun in items or any(noun in v.synonyms for v in items.values()), noun
    categories = {v.id: v for v in model.type("CATEGORY").values}
    products = catalog_values.load_catalog()
    assert set(categories) == {p["category"] for p in products}
    assert "toy" in categories["toys"].synonyms and "games" in categories["toys"].synonyms
    assert catalog_values.stale_types(model) == []


def test_changed_catalog_makes_the_values_stale(model, tmp_path: Path) -> None:
    products = catalog_values.load_catalog()
    products.append(
        {
            "sku": "NEW-1",
            "name": "Acme Moon Rocks",
            "brand": "Acme",
            "category": "space",
            "price": "9.99",
            "synonyms": ["moon rocks"],
        }
    )
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps({"products": products}))
    assert catalog_values.stale_types(model, catalog) == ["ITEM_NAME", "CATEGORY"]


def test_dialogflow_agent_tree(model) -> None:
    files = build_dialogflow(model)
    assert {"agent.json", "package.json"} <= set(files)
    agent = json.loads(files["agent.json"])
    assert agent["language"] == "en" and agent["displayName"] == "VoiceCart"
    assert agent["webhook"]["headers"] == {}  # the secret is set in the console, never here
    actions = intent_actions(model)
    assert set(actions.values()) == set(intents.ALL) | {"LaunchRequest"}
    for display, canonical in actions.items():
        intent = json.loads(files[f"intents/{display}.json"])
        assert intent["responses"][0]["action"] == canonical
        assert intent["webhookUsed"] is True
    assert json.loads(files["intents/Default Fallback Intent.json"])["fallbackIntent"] is True
    welcome = json.loads(files["intents/Default Welcome Intent.json"])
    assert welcome["events"] == [{"name": "WELCOME"}]

    search = json.loads(files["intents/SearchIntent_usersays_en.json"])
    first = search[0]["data"]
    assert first[0] == {"text": "find ", "userDefined": False}
    assert first[1]["alias"] == "query" and first[1]["meta"] == "@sys.any"
    assert first[1]["userDefined"] is True and first[1]["text"]
    code = json.loads(files["intents/VoiceCodeIntent.json"])["responses"][0]["parameters"][0]
    assert code["dataType"] == "@four_digit_code" and code["required"] is False
    assert code["prompts"][0]["value"] == "Please say your four-digit voice code."
    regexp = json.loads(files["entities/four_digit_code.json"])
    assert regexp["isRegexp"] is True
    entries = json.loads(files["entities/CATEGORY_entries_en.json"])
    toys = next(e for e in entries if e["value"] == "toys")
    assert "toys" in toys["synonyms"] and "toy" in toys["synonyms"]
    yes = json.loads(files["intents/YesIntent_usersays_en.json"])
    assert "yes" in {p["data"][0]["text"] for p in yes}


def test_agent_zip_holds_the_tree(model, tmp_path: Path) -> None:
    files = build_dialogflow(model)
    with zipfile.ZipFile(BytesIO(zip_bytes(files))) as archive:
        assert sorted(archive.namelist()) == sorted(files)
        assert archive.read("agent.json") == files["agent.json"]


# ---- check ----------------------------------------------------------------------------
def test_check_passes_on_the_committed_files() -> None:
    assert check(REPO_ROOT) == []


def test_check_fails_on_a_hand_edited_alexa_model(repo_copy: Path) -> None:
    target = repo_copy / "skill-package/interactionModels/custom/en-US.json"
    target.write_text(target.read_text().replace('"find {query}"', '"fetch {query}"'))
    problems = check(repo_copy)
    assert any(
        p.startswith("skill-package/interactionModels/custom/en-US.json: differs") for p in problems
    ), problems


def test_check_fails_on_a_hand_edited_agent_file(repo_copy: Path) -> None:
    target = repo_copy / "dialogflow/agent/intents/BuyIntent.json"
    data = json.loads(target.read_text())
    data["webhookUsed"] = False
    target.write_text(json.dumps(data, indent=2) + "\n")
    problems = check(repo_copy)
    assert any("dialogflow/agent/intents/BuyIntent.json: differs" in p for p in problems)


def test_check_fails_on_missing_and_stray_files(repo_copy: Path) -> None:
    (repo_copy / "dialogflow/agent/entities/GIFT_KIND.json").unlink()
    (repo_copy / "dialogflow/agent/intents/OldIntent.json").write_text("{}")
    problems = check(repo_copy)
    assert any("GIFT_KIND.json: missing" in p for p in problems)
    assert any("OldIntent.json: not generated" in p for p in problems)


def test_check_fails_when_the_source_changes_without_a_build(repo_copy: Path) -> None:
    source = repo_copy / "interaction_models/en-US.yaml"
    source.write_text(
        source.read_text().replace("      - look up {query}\n", "      - hunt for {query}\n")
    )
    assert any("differs" in p for p in check(repo_copy))
    model_build.write(repo_copy)
    assert check(repo_copy) == []


def test_check_reports_lint_and_contract_problems(repo_copy: Path) -> None:
    source = repo_copy / "interaction_models/en-US.yaml"
    text = source.read_text().replace("  ReviewsIntent:", "  ReviewIntent:")
    source.write_text(
        text.replace("      - my code is {code}\n", "      - my code is {code} {code}\n", 1)
    )
    problems = check(repo_copy)
    assert any(
        "ReviewsIntent is in conversation/intents.py but not in the model" in p for p in problems
    )
    assert any("appears more than once" in p for p in problems)


def test_check_rejects_example_phrases_that_match_no_sample(repo_copy: Path) -> None:
    manifest_path = repo_copy / "skill-package/skill.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["manifest"]["publishingInformation"]["locales"]["en-US"]["examplePhrases"][2] = (
        "Alexa, ask voice cart to sing a song"
    )
    manifest_path.write_text(json.dumps(manifest))
    assert any("matches no sample" in p for p in check(repo_copy))


def test_skill_manifest() -> None:
    manifest = json.loads((REPO_ROOT / "skill-package/skill.json").read_text())["manifest"]
    info = manifest["publishingInformation"]
    assert info["category"] == "SHOPPING"
    assert info["locales"]["en-US"]["name"] == "VoiceCart"
    assert "1234" in info["testingInstructions"]
    assert manifest["permissions"] == [{"name": "alexa::person_id:read"}]
    privacy = manifest["privacyAndCompliance"]
    assert privacy["allowsPurchases"] and privacy["usesPersonalInfo"]
    assert not privacy["isChildDirected"] and not privacy["containsAds"]
    assert "accountLinking" not in manifest  # a separate schema, not the manifest


# ---- lint -----------------------------------------------------------------------------
def _mini(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "locale": "en-US",
        "invocation": "tiny shop",
        "min_samples": 2,
        "intents": {
            "FindIntent": {
                "slots": {"query": "AMAZON.SearchQuery"},
                "samples": ["find {query}", "look for {query}"],
            },
            "PickIntent": {
                "slots": {"item": "THING", "count": "AMAZON.NUMBER"},
                "samples": ["pick {item}", "pick {count} {item}"],
            },
            "AMAZON.CancelIntent": {},
            "AMAZON.HelpIntent": {"native": ["help"]},
            "AMAZON.StopIntent": {},
            "AMAZON.NavigateHomeIntent": {},
            "AMAZON.FallbackIntent": {},
        },
        "types": {"THING": {"values": [{"id": "APPLE", "name": "apple"}]}},
        "platforms": {
            "dialogflow": {
                "entities": {
                    "AMAZON.SearchQuery": {"entity": "@sys.any", "examples": ["pears"]},
                    "AMAZON.NUMBER": {"entity": "@sys.number", "examples": ["two"]},
                }
            }
        },
    }
    for path, value in changes.items():
        node = data
        keys = path.split("/")
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return copy.deepcopy(data)


def _lint(**changes: Any) -> list[str]:
    return lint(from_dict(_mini(**changes)))


def test_a_clean_small_model_has_no_problems() -> None:
    assert _lint() == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        (
            {"intents/PickIntent/samples": ["pick {item}", "pick {colour} {item}", "pick {count}"]},
            "slot {colour} is not defined on PickIntent",
        ),
        (
            {"intents/PickIntent/samples": ["pick {item}", "choose {item}"]},
            "slot count is used in no sample",
        ),
        (
            {
                "intents/PickIntent/samples": ["find {item}", "pick {count} {item}"],
                "intents/FindIntent/samples": ["find {query}", "find {query} now"],
                "intents/FindIntent/slots": {"query": "THING"},
            },
            "shared with intent FindIntent",
        ),
        ({"types/THING/values": []}, "slot type THING has no values"),
        (
            {"intents/FindIntent/samples": ["find {query}"]},
            "1 samples, fewer than the minimum of 2",
        ),
        (
            {"intents/FindIntent/samples": ["find {query}", "{query}"]},
            "an AMAZON.SearchQuery slot needs a carrier phrase",
        ),
        (
            {
                "intents/FindIntent/slots": {
                    "query": "AMAZON.SearchQuery",
                    "count": "AMAZON.NUMBER",
                },
                "intents/FindIntent/samples": ["find {query}", "find {count} {query}"],
            },
            "cannot share a sample with another slot",
        ),
        (
            {"intents/PickIntent/samples": ["pick {item}", "pick {count} {item}", "pick 2 {item}"]},
            "has digits",
        ),
        (
            {"intents/PickIntent/samples": ["pick {item}!", "pick {count} {item}"]},
            "characters Alexa rejects: '!'",
        ),
        (
            {"intents/PickIntent/samples": ["pick {item} and {item}", "pick {count} {item}"]},
            "slot {item} appears more than once",
        ),
        ({"intents/PickIntent/samples": ["pick {item", "pick {count} {item}"]}, "unbalanced brace"),
        (
            {"intents/PickIntent/samples": ["pick {item}. now", "pick {count} {item}"]},
            "period outside an abbreviation",
        ),
        (
            {"intents/AMAZON.FallbackIntent": {"samples": ["whatever"]}},
            "Alexa accepts no sample utterances",
        ),
        (
            {"intents/PickIntent/slots": {"item": "COLOUR", "count": "AMAZON.NUMBER"}},
            "undefined type COLOUR",
        ),
        ({"invocation": "alexa shop"}, "must not contain a wake or launch word"),
        ({"intents/FindIntent/native": ["search"]}, "`native` phrases are for built-in intents"),
    ],
)
def test_lint_catches(changes: dict[str, Any], expected: str) -> None:
    problems = _lint(**changes)
    assert any(expected in p for p in problems), problems


def test_lint_checks_the_contract_with_the_core() -> None:
    model = from_dict(_mini())
    problems = lint(model, {"FindIntent": ("query", "page"), "GoneIntent": ()})
    assert any("slot page is expected by the core but missing" in p for p in problems)
    assert any(
        "GoneIntent is in conversation/intents.py but not in the model" in p for p in problems
    )
    assert any("PickIntent is not in conversation/intents.py" in p for p in problems)


def test_yaml_booleans_are_refused() -> None:
    data = _mini()
    data["intents"]["AMAZON.HelpIntent"]["native"] = [True]
    with pytest.raises(ModelError, match="quote it"):
        from_dict(data)


def test_the_shipped_model_is_clean(model) -> None:
    assert lint(model, core_contract()) == []


@pytest.mark.parametrize("name", MAIN_INTENTS)
def test_every_main_intent_has_fifteen_samples(model, name: str) -> None:
    assert len(model.intent(name).samples) >= 15


# ---- resolve --------------------------------------------------------------------------
PHRASINGS = [
    # search and browse (PRODUCT.md 2, 3)
    ("find AA batteries", "SearchIntent", {"query": "aa batteries"}),
    (
        "search for paper towels under twenty dollars",
        "SearchIntent",
        {"query": "paper towels under twenty dollars"},
    ),
    ("do you have lego sets", "SearchIntent", {"query": "lego sets"}),
    ("look for double a batteries", "SearchIntent", {"query": "double a batteries"}),
    ("I'm looking for sugar cookies", "SearchIntent", {"query": "sugar cookies"}),
    ("Alexa, ask voice cart to find paper towls", "SearchIntent", {"query": "paper towls"}),
    ("show me toys", "BrowseCategoryIntent", {"category": "toys"}),
    ("browse the electronics section", "BrowseCategoryIntent", {"category": "electronics"}),
    ("next", "AMAZON.NextIntent", {}),
    ("show me more", "AMAZON.NextIntent", {}),
    ("more", "AMAZON.NextIntent", {}),
    ("go back", "AMAZON.PreviousIntent", {}),
    ("the second one", "SelectItemIntent", {"ordinal": "2nd"}),
    ("the third", "SelectItemIntent", {"ordinal": "3rd"}),
    ("number four", "SelectItemIntent", {"position": "4"}),
    ("tell me more", "DetailsIntent", {}),
    ("read reviews", "ReviewsIntent", {}),
    ("what do people say about it", "ReviewsIntent", {}),
    # cart (4)
    ("add two to my cart", "AddToCartIntent", {"quantity": "2"}),
    ("add it to my cart", "AddToCartIntent", {}),
    (
        "add three paper towels to my cart",
        "AddToCartIntent",
        {"quantity": "3", "item": "paper towels"},
    ),
    ("What's in my cart?", "CartContentsIntent", {}),
    ("what is in my cart", "CartContentsIntent", {}),
    ("remove the coffee", "RemoveFromCartIntent", {"item": "the coffee"}),
    ("take it out of my cart", "RemoveFromCartIntent", {}),
    ("empty my cart", "EmptyCartIntent", {}),
    # buy (5)
    ("buy it", "BuyIntent", {}),
    ("check out", "CheckoutIntent", {}),
    ("place my order", "CheckoutIntent", {}),
    ("buy two AA batteries", "BuyIntent", {"quantity": "2", "item": "aa batteries"}),
    ("yes", "AMAZON.YesIntent", {}),
    ("yeah", "AMAZON.YesIntent", {}),
    ("one two three four", "VoiceCodeIntent", {"code": "1234"}),
    ("my code is 1234", "VoiceCodeIntent", {"code": "1234"}),
    ("the code is twelve thirty four", "VoiceCodeIntent", {"code": "1234"}),
    # reorder, status, cancel, approvals (6-9)
    ("reorder coffee", "ReorderIntent", {"item": "coffee"}),
    ("order my usual", "ReorderIntent", {}),
    ("buy more paper towels", "ReorderIntent", {"item": "paper towels"}),
    ("order paper towels again", "ReorderIntent", {"item": "paper towels"}),
    ("where is my order", "OrderStatusIntent", {}),
    ("track my order", "OrderStatusIntent", {}),
    ("cancel my last order", "CancelOrderIntent", {}),
    ("any purchase requests?", "ApprovalsIntent", {}),
    ("are there any requests", "ApprovalsIntent", {}),
    # gift finder (10)
    ("help me find a gift", "GiftFinderIntent", {}),
    ("find a gift for a seven year old", "GiftFinderIntent", {"age": "7"}),
    ("under fifty dollars", "GiftFinderIntent", {"budget": "50"}),
    ("maybe a book", "GiftFinderIntent", {"kind": "book"}),
    # help, stop, cancel, fallback (11)
    ("help", "AMAZON.HelpIntent", {}),
    ("stop", "AMAZON.StopIntent", {}),
    ("cancel", "AMAZON.CancelIntent", {}),
    ("never mind", "AMAZON.CancelIntent", {}),
    ("no", "AMAZON.NoIntent", {}),
    ("go home", "AMAZON.NavigateHomeIntent", {}),
    ("blah blah", FALLBACK, {}),
    ("purple monkey dishwasher", FALLBACK, {}),
]


# Said differently from any sample: the relaxed matching, and what it must not catch.
PARAPHRASES = [
    ("can you find me some paper towels", "SearchIntent"),
    ("do you guys have coffee", "SearchIntent"),
    ("what kind of snacks do you have", "BrowseCategoryIntent"),
    ("show me what's in electronics", "BrowseCategoryIntent"),
    ("find coffee under 10 dollars", "SearchIntent"),  # not the gift finder's budget
    ("can you find toys under twenty dollars", "SearchIntent"),
    ("take me to the pet aisle", "BrowseCategoryIntent"),
    ("okay next", "AMAZON.NextIntent"),
    ("go to the next one", "AMAZON.NextIntent"),
    ("the fourth one please", "SelectItemIntent"),
    ("what's the rating on this", "DetailsIntent"),
    ("read me some reviews", "ReviewsIntent"),
    ("what's in the basket", "CartContentsIntent"),
    ("what's currently in my cart", "CartContentsIntent"),
    ("clear out my cart", "EmptyCartIntent"),
    ("remove everything please", "EmptyCartIntent"),
    ("empty the whole cart", "EmptyCartIntent"),
    ("okay buy it", "BuyIntent"),
    ("let's check out", "CheckoutIntent"),
    ("yes do it", "AMAZON.YesIntent"),
    ("nope not now", "AMAZON.NoIntent"),
    ("buy more coffee please", "ReorderIntent"),
    ("where's my package at", "OrderStatusIntent"),
    ("cancel the order I just placed", "CancelOrderIntent"),
    ("do I have any requests to approve", "ApprovalsIntent"),
    ("it's four five six seven", "VoiceCodeIntent"),
    ("stop shopping", "AMAZON.StopIntent"),
    ("never mind that", "AMAZON.CancelIntent"),
    ("what's the weather", FALLBACK),
    ("play some music", FALLBACK),
    ("turn on the lights", FALLBACK),
]


@pytest.mark.parametrize("text, intent", PARAPHRASES)
def test_resolve_paraphrases(model, text: str, intent: str) -> None:
    assert resolve(text, model)[0] == intent


def test_a_relaxed_reading_never_drops_a_filled_slot(model) -> None:
    assert resolve("remove the coffee", model) == ("RemoveFromCartIntent", {"item": "the coffee"})


def test_free_text_samples_do_not_skip_words(model) -> None:
    # "I'd like some {query}" must not read this as a search for "order".
    assert resolve("I'd like to place the order", model)[0] != "SearchIntent"


@pytest.mark.parametrize("text, intent, slots", PHRASINGS)
def test_resolve(model, text: str, intent: str, slots: dict[str, str]) -> None:
    assert resolve(text, model) == (intent, slots)


def test_resolve_gives_value_ids_for_known_values(model) -> None:
    found = resolve_full("add double a batteries to my cart", model)
    assert found.intent == "AddToCartIntent" and found.slot_ids == {"item": "AA_BATTERIES"}
    assert resolve_full("show me toys", model).slot_ids == {"category": "toys"}


def test_resolve_launch_and_one_shot(model) -> None:
    assert resolve("Alexa, open voice cart", model) == (LAUNCH, {})
    assert resolve("open voice cart and find coffee", model) == (
        "SearchIntent",
        {"query": "coffee"},
    )
    assert resolve("Alexa, ask voice cart where is my order", model)[0] == "OrderStatusIntent"


def test_resolve_answers_an_elicited_slot(model) -> None:
    # Unasked, a lone number is nothing (no sample competes with the voice code's "{code}");
    # asked for, it fills the slot.
    assert resolve("seven", model)[0] == FALLBACK
    assert resolve("seven", model, elicit=("GiftFinderIntent", "age")) == (
        "GiftFinderIntent",
        {"age": "7"},
    )


def test_a_code_that_is_not_four_digits_is_no_code(model) -> None:
    assert resolve("my code is one two three", model)[0] != "VoiceCodeIntent"


def test_spoken_numbers() -> None:
    assert parse_number("twenty five") == 25
    assert parse_number("one hundred and fifty") == 150
    assert parse_number("one two") is None
    assert parse_digits("oh six one seven") == "0617"
    assert parse_digits("1 2 3 4") == "1234"
    assert parse_ordinal("twenty first") == "21st"
    assert parse_ordinal("second") == "2nd"


# ---- the command line -----------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)

    def add(subparsers: Any, name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)
        return p

    cli_commands.register(sub, add)
    return parser


def test_cli_build_and_check(repo_copy: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    agent_zip = tmp_path / "agent.zip"
    args = _parser().parse_args(
        [
            "models",
            "build",
            "--out-dir",
            str(out),
            "--zip",
            str(agent_zip),
            "--repo",
            str(repo_copy),
        ]
    )
    assert args.no_services is True
    assert args.handler(None, args) == 0
    assert (out / "skill-package/interactionModels/custom/en-US.json").exists()
    assert (out / "dialogflow/agent/agent.json").exists()
    assert zipfile.ZipFile(agent_zip).read("package.json")

    args = _parser().parse_args(["models", "check", "--repo", str(repo_copy)])
    assert args.handler(None, args) == 0
    (repo_copy / "dialogflow/agent/package.json").write_text("{}\n")
    assert args.handler(None, args) == 1
    assert "package.json: differs" in capsys.readouterr().err
