"""The intents and slots the conversation core understands: the contract between the
interaction model (interaction_models/), the platform adapters and the core."""

from __future__ import annotations

# custom intents -> their slot names
SEARCH = "SearchIntent"  # query: AMAZON.SearchQuery ("find {query}")
BROWSE_CATEGORY = "BrowseCategoryIntent"  # category: CATEGORY ("show me {category}")
SELECT_ITEM = "SelectItemIntent"  # ordinal: AMAZON.Ordinal, position: AMAZON.NUMBER
DETAILS = "DetailsIntent"  # "tell me more"
REVIEWS = "ReviewsIntent"  # "read reviews"
ADD_TO_CART = "AddToCartIntent"  # item: ITEM_NAME, quantity: AMAZON.NUMBER
CART_CONTENTS = "CartContentsIntent"  # "what's in my cart"
REMOVE_FROM_CART = "RemoveFromCartIntent"  # item: ITEM_NAME, quantity: AMAZON.NUMBER
EMPTY_CART = "EmptyCartIntent"  # "empty my cart"
BUY = "BuyIntent"  # item: ITEM_NAME, quantity: AMAZON.NUMBER ("buy it")
CHECKOUT = "CheckoutIntent"  # "check out", "buy what's in my cart"
REORDER = "ReorderIntent"  # item: ITEM_NAME ("reorder coffee", "order my usual")
ORDER_STATUS = "OrderStatusIntent"  # "where is my order"
CANCEL_ORDER = "CancelOrderIntent"  # "cancel my last order"
APPROVALS = "ApprovalsIntent"  # "any purchase requests?"
VOICE_CODE = "VoiceCodeIntent"  # code: AMAZON.FOUR_DIGIT_NUMBER
GIFT_FINDER = "GiftFinderIntent"  # age, budget: AMAZON.NUMBER; kind: GIFT_KIND

# built-in intents (Alexa names; the Dialogflow agent maps to the same names)
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
NEXT = "AMAZON.NextIntent"
PREVIOUS = "AMAZON.PreviousIntent"
HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
FALLBACK = "AMAZON.FallbackIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"

SLOTS: dict[str, tuple[str, ...]] = {
    SEARCH: ("query",),
    BROWSE_CATEGORY: ("category",),
    SELECT_ITEM: ("ordinal", "position"),
    ADD_TO_CART: ("item", "quantity"),
    REMOVE_FROM_CART: ("item", "quantity"),
    BUY: ("item", "quantity"),
    REORDER: ("item",),
    VOICE_CODE: ("code",),
    GIFT_FINDER: ("age", "budget", "kind"),
}

CUSTOM = (
    SEARCH,
    BROWSE_CATEGORY,
    SELECT_ITEM,
    DETAILS,
    REVIEWS,
    ADD_TO_CART,
    CART_CONTENTS,
    REMOVE_FROM_CART,
    EMPTY_CART,
    BUY,
    CHECKOUT,
    REORDER,
    ORDER_STATUS,
    CANCEL_ORDER,
    APPROVALS,
    VOICE_CODE,
    GIFT_FINDER,
)
BUILT_IN = (YES, NO, NEXT, PREVIOUS, HELP, STOP, CANCEL, FALLBACK, NAVIGATE_HOME)
ALL = CUSTOM + BUILT_IN

# Slots whose values are secrets: never logged, never echoed.
SECRET_SLOTS = frozenset({"code"})
