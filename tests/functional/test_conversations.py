"""Every conversation in PRODUCT.md (1-9 and 11), as a shopper would have it.

Each test runs twice: through Alexa (the ask-sdk skill) and through Google (the
Dialogflow ES webhook), and must end in the same orders, approvals and refusals.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.dialogue import PLATFORMS, Household, demo_household
from voicecart.conversation.checkout import PENDING_FOR
from voicecart.domain.orders import OrderStatus
from voicecart.domain.records import ApprovalStatus


@pytest.fixture(params=PLATFORMS)
def home(request: pytest.FixtureRequest, tmp_path: Path) -> Household:
    return demo_household(tmp_path, request.param)


class TestOpen:
    def test_a_new_visit_is_welcomed_with_what_to_say(self, home: Household) -> None:
        home.speaker("parent").opens().hears("Welcome to VoiceCart", "find paper towels")

    def test_a_returning_shopper_hears_about_the_saved_cart(self, home: Household) -> None:
        sam = home.speaker("teen")
        sam.opens()
        sam.says("find sugar cookies")
        sam.says("add it to my cart")
        sam.says("stop").hears("cart is saved")
        home.clock.advance(days=1)
        sam.opens().hears("one item in your cart")

    def test_a_parent_hears_about_a_pending_request(self, home: Household) -> None:
        emma = home.speaker("child")
        emma.opens()
        emma.says("find a dollhouse")
        emma.says("buy it")
        emma.says("yes")
        home.speaker("parent").opens().hears("one request waiting for your approval")


class TestSearch:
    @pytest.mark.parametrize(
        ("said", "expected"),
        [
            ("find AA batteries", "AA Batteries"),
            ("find double a batteries", "AA Batteries"),
            ("search for paper towls", "Paper Towels"),
            ("do you have lay go sets", "LEGO"),
            ("do you have lego sets", "LEGO"),
            ("find me some cofee", "Coffee"),
        ],
    )
    def test_speech_recognition_mistakes_still_find_it(
        self, home: Household, said: str, expected: str
    ) -> None:
        parent = home.speaker("parent")
        parent.opens()
        parent.says(said).hears(expected, "rated", "stars", "Say next")

    def test_a_price_filter_is_understood_and_said_back(self, home: Household) -> None:
        parent = home.speaker("parent")
        parent.opens()
        line = parent.says("search for paper towels under twenty dollars").hears("under $20.00")
        assert "$31.99" not in line.heard.speech

    def test_nothing_found_suggests_the_closest_thing(self, home: Household) -> None:
        parent = home.speaker("parent")
        parent.opens()
        parent.says("find a zxqv unicorn saddle").hears("couldn't find", "closest thing")

    def test_special_characters_never_break_the_speech(self, home: Household) -> None:
        parent = home.speaker("parent")
        parent.opens()
        parent.says("find salt & pepper <b>").ends_with_a_question_or_hint()


class TestBrowse:
    def test_next_previous_ordinal_more_and_reviews(self, home: Household) -> None:
        parent = home.speaker("parent")
        parent.opens()
        parent.says("find double a batteries").hears("The top one is")
        parent.says("next").hears("Number 2")
        parent.says("previous").hears("Number 1")
        parent.says("the third one").hears("Number 3")
        parent.says("tell me more").hears("rated", "reviews")
        parent.says("read reviews").hears("reviews, averaging")
        parent.says("the ninth one").hears("I only have")

    def test_next_without_a_search(self, home: Household) -> None:
        parent = home.speaker("parent")
        parent.opens()
        parent.says("next").hears("Let's find something first")


class TestCart:
    def test_add_with_quantity_list_remove_and_empty(self, home: Household) -> None:
        sam = home.speaker("teen")
        sam.opens()
        sam.says("find paper towels")
        sam.says("add two to my cart").hears("Added 2")
        sam.says("find coffee")
        sam.says("add it to my cart").hears("3 items")
        sam.says("what's in my cart").hears("2 ", "Paper Towels", "Coffee", "before tax")
        sam.says("remove the coffee").hears("Removed")
        sam.says("what's in my cart").does_not_hear("Coffee")
        sam.says("empty my cart").hears("empty")
        sam.says("what's in my cart").hears("Your cart is empty")

    def test_lists_are_read_at_most_three_at_a_time(self, home: Household) -> None:
        parent = home.speaker("parent")
        parent.opens()
        for thing in ("coffee", "paper towels", "dish soap", "bananas", "milk"):
            parent.says(f"find {thing}")
            parent.says("add it to my cart")
        parent.says("what's in my cart").hears("and 2 more")


class TestBuy:
    def test_summary_then_code_then_order_with_card(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find double a batteries")
        alex.says("buy it").hears(
            "VoiceCart Demo Store",
            "Energizer AA Batteries",
            "1200 Elm Street",
            "total with tax",
            "ending in 4242",
            "Should I place the order?",
        )
        assert home.orders()[0].status is not OrderStatus.PLACED  # only the demo history
        alex.says("yes").hears("four-digit voice code")
        line = alex.says("1234").hears("Your order for", "is placed", "cancel")
        assert line.card is not None and "placed" in line.card["title"]
        placed = [o for o in home.orders() if o.status is OrderStatus.PLACED]
        assert len(placed) == 1

    def test_a_second_yes_after_an_order_buys_nothing(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        alex.says("yes")
        alex.says("1234").hears("is placed")
        before = len(home.orders())
        alex.says("yes").hears("nothing waiting for a yes")
        alex.says("yes").hears("nothing waiting for a yes")
        assert len(home.orders()) == before

    def test_a_stray_yes_or_code_with_nothing_pending_buys_nothing(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        before = len(home.orders())
        alex.says("yes").hears("nothing waiting")
        alex.says("one two three four").hears("nothing waiting for a voice code")
        assert len(home.orders()) == before
        assert home.store.get_code_lock("demo").failures == 0

    def test_the_code_is_never_spoken_back(self, home: Household) -> None:
        guest = home.speaker("guest")
        guest.opens()
        guest.says("find coffee")
        guest.says("buy it")
        guest.says("yes")
        guest.says("my code is 4321").hears("didn't match")
        guest.says("1234").hears("is placed")
        for _, heard in home.transcript:
            assert "1234" not in heard and "4321" not in heard
            assert "one two three four" not in heard.lower()

    def test_a_misheard_code_is_asked_again_and_not_counted(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        alex.says("yes")
        alex.sim.intent("VoiceCodeIntent", code="12")
        assert home.store.get_code_lock("demo").failures == 0
        alex.says("1234").hears("is placed")

    def test_no_means_nothing_is_ordered(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        before = len(home.orders())
        alex.says("no").hears("won't order")
        alex.says("1234").hears("nothing waiting")
        assert len(home.orders()) == before

    def test_checkout_buys_the_cart_and_empties_it(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find paper towels")
        alex.says("add it to my cart")
        alex.says("find milk")
        alex.says("add two to my cart")
        alex.says("check out").hears("Paper Towels", "Milk", "Should I place the order?")
        alex.says("yes")
        alex.says("1234").hears("is placed")
        alex.says("what's in my cart").hears("empty")


class TestTheDallasStory:
    def test_a_child_who_says_the_right_code_still_only_asks_a_parent(
        self, home: Household
    ) -> None:
        emma = home.speaker("child")
        emma.opens()
        emma.says("find a dollhouse").hears("KidKraft")
        emma.says("buy it").hears("Should I place the order?")
        emma.says("1234").hears("asked a parent to approve")
        emma.says("yes").hears("nothing waiting")
        assert not [o for o in home.orders() if o.status is OrderStatus.PLACED]
        requests = home.approvals()
        assert [(a.requested_by, a.status) for a in requests] == [("Emma", ApprovalStatus.PENDING)]
        kinds = [n.kind for n in home.store.list_notifications("demo")]
        assert "approval_requested" in kinds

    def test_four_tubs_of_cookies_also_only_ask(self, home: Household) -> None:
        emma = home.speaker("child")
        emma.opens()
        emma.says("find sugar cookies")
        emma.says("add four to my cart")
        emma.says("check out")
        emma.says("yes").hears("asked a parent")
        assert not [o for o in home.orders() if o.status is OrderStatus.PLACED]

    def test_wrong_codes_across_separate_sessions_add_up_to_the_lockout(
        self, home: Household
    ) -> None:
        for attempt in ("1111", "2222", "3333"):
            guest = home.speaker("guest", device=f"amzn1.ask.device.{attempt}")
            guest.opens()
            guest.says("find coffee")
            guest.says("buy it")
            guest.says("yes")
            line = guest.says(attempt)
            guest.says("stop")
        line.hears("paused for 15 minutes")
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        alex.says("yes").hears("paused")
        assert "lockout" in [n.kind for n in home.store.list_notifications("demo")]

    def test_a_teen_cannot_buy_wine(self, home: Household) -> None:
        sam = home.speaker("teen")
        sam.opens()
        sam.says("find red wine")
        sam.says("buy it")
        sam.says("yes").hears("can't be ordered on this profile")


class TestReorder:
    @pytest.mark.parametrize(
        ("said", "expected"),
        [
            ("reorder coffee", "House Blend"),
            ("order my usual", "House Blend"),
            ("buy more paper towels", "Paper Towels"),
        ],
    )
    def test_reorder_finds_it_in_the_order_history(
        self, home: Household, said: str, expected: str
    ) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says(said).hears("You last ordered", expected, "Should I place the order?")
        alex.says("yes")
        alex.says("1234").hears("is placed")

    def test_reorder_something_never_bought(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("reorder lego").hears("couldn't find")


class TestOrderStatusAndCancel:
    def test_where_is_my_order(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("where is my order").hears("has shipped")
        alex.says("track my order").hears("should arrive by")

    def test_cancel_within_the_window_with_confirmation(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.buys_with_the_code("coffee")
        home.clock.advance(minutes=29)
        alex.says("cancel my last order").hears("Cancel your order of", "Say yes")
        alex.says("yes").hears("cancelled", "refunded")
        assert home.orders()[0].status is OrderStatus.CANCELLED

    def test_cancel_after_the_window(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.buys_with_the_code("coffee")
        home.clock.advance(minutes=31)
        alex.says("cancel my last order").hears("can't be cancelled")

    def test_no_keeps_the_order(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.buys_with_the_code("coffee")
        alex.says("cancel my last order")
        alex.says("no").hears("keep your order")
        assert home.orders()[0].status is OrderStatus.PLACED


class TestApprovals:
    def _queue_dollhouse(self, home: Household) -> None:
        emma = home.speaker("child", device="amzn1.ask.device.playroom")
        emma.opens()
        emma.says("find a dollhouse")
        emma.says("buy it")
        emma.says("yes")

    def test_a_parent_approves_by_voice_with_the_code(self, home: Household) -> None:
        self._queue_dollhouse(home)
        alex = home.speaker("parent")
        alex.opens()
        alex.says("any purchase requests").hears("Emma asked for", "KidKraft", "Approve?")
        alex.says("yes").hears("voice code")
        alex.says("1234").hears("Approved", "Emma's order")
        placed = [o for o in home.orders() if o.status is OrderStatus.PLACED]
        assert len(placed) == 1 and placed[0].profile_id == "child"
        alex.says("yes").hears("nothing waiting")

    def test_a_parent_declines(self, home: Household) -> None:
        self._queue_dollhouse(home)
        alex = home.speaker("parent")
        alex.opens()
        alex.says("any purchase requests")
        alex.says("no").hears("declined")
        assert home.approvals()[0].status is ApprovalStatus.DECLINED

    def test_children_cannot_review_requests(self, home: Household) -> None:
        self._queue_dollhouse(home)
        emma = home.speaker("child")
        emma.opens()
        emma.says("any purchase requests").hears("Only a parent")

    def test_no_requests(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("any purchase requests").hears("no purchase requests")


class TestHelpStopFallback:
    def test_help_depends_on_where_you_are(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("help").hears("you can search")
        alex.says("find coffee")
        alex.says("help").hears("tell me more")
        alex.says("buy it")
        alex.says("help").hears("yes or no")

    def test_fallback_always_says_what_to_do(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("blah blah wibble").hears("didn't catch that").ends_with_a_question_or_hint()

    def test_stop_and_cancel_end_politely_and_drop_a_pending_purchase(
        self, home: Household
    ) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        line = alex.says("cancel").hears("won't order")
        assert not line.ended
        assert alex.says("stop").hears("Goodbye").ended
        assert home.pending_for(alex) is None
        alex.opens()
        alex.says("yes").hears("nothing waiting")

    def test_session_end_is_silent_and_drops_the_pending_purchase(self, home: Household) -> None:
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        waiting = home.pending_for(alex)
        assert waiting is not None
        assert alex.walks_away().heard.speech == ""
        if home.platform == "alexa":
            assert home.store.get_pending("demo", "amzn1.ask.device.kitchen") is None
            return
        # Dialogflow has no SessionEndedRequest: walking away sends the webhook nothing,
        # so nothing can drop the quote. It was held for that conversation only (the
        # Dialogflow session is the device), which never comes back, and it expires.
        assert home.pending_for(alex) == waiting
        assert waiting.expires_at <= home.clock.now() + PENDING_FOR
        before = len(home.orders())
        alex.opens()
        assert home.pending_for(alex) is None
        alex.says("yes").hears("nothing waiting")
        alex.says("1234").hears("nothing waiting")
        assert len(home.orders()) == before
