"""What the rep console says in plain language: policy rules and guardrail checks in words, support replies a
person on the support team would send, and a clarifying question built from what the shopper is looking at.

Pure functions of their arguments, so they are tested without a session.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.schemas import Signal
from knowledge.models import Product
from knowledge.text import words as text_words

#: Every registered policy rule, said the way a rep would explain it to a colleague.
RULE_TEXT: dict[str, str] = {
    "session_limit": "Enough offers were already made in this conversation",
    "declines_silence": "The shopper has said no to offers several times, so offers are off",
    "declined_this_turn": "The shopper just said no, so this reply carries no offer",
    "support_issue": "The shopper has a problem to solve, so this is no time to sell",
    "reply_limit": "Eligible, but only one offer goes in a reply",
    "accepted_last_offer": "The shopper just took the last offer; nothing new is proposed",
    "grumble_after_decline": "The shopper just said no and is only mentioning the same trouble again",
    "inactive": "No longer sold",
    "out_of_stock": "Out of stock",
    "in_cart": "Already in the cart or on screen",
    "declined_sku": "The shopper already said no to it",
    "already_offered": "Already offered in this conversation",
    "post_purchase_upsell": "The order is placed: no upgrades after a purchase",
    "no_need": "Nothing the shopper said calls for it",
    "unprompted_off_topic": "The shopper raised something nothing here answers: no change of subject",
    "unprompted_once": "An unasked-for suggestion was already made",
    "unprompted_after_decline": "No unasked-for suggestions after a no",
    "unprompted_unsettled": "The shopper sounds unsure or unhappy: no unasked-for suggestions",
    "unprompted_while_open": "The last suggestion still waits for an answer: one at a time",
    "unprompted_strong": "Not a close enough match to suggest unasked",
    "unprompted_share": "Too expensive next to the order to suggest unasked",
    "no_replaced_item": "There is no item it would replace",
    "no_anchor": "Nothing in the cart or on screen it goes with",
    "max_uplift": "Costs too much more than what the shopper picked",
    "rated_below": "Rated for less than the item it would serve",
    "addon_share_need": "Too expensive next to the order",
    "budget": "Over the shopper's budget",
    "upgrade_same_need": "An upgrade for this need was already suggested",
    "cheaper_only": "The shopper asked for something cheaper",
    "better_means_a_version": "The shopper wants a better version, not an add-on",
    "purchased_no_upgrade": "The shopper already bought the item it would replace",
    "model_choice": "The assistant picked another offer",
    "rep_choice": "You picked another offer",
    "unknown_sku": "No longer in the catalog",
    "bundle_parts": "A part of the set is unavailable, or the set costs more than its parts",
    "bundle_holds_item": "The set holds something the shopper already has, bought or turned down",
    "min_margin": "Below the store's minimum margin for add-ons",
}

#: Guardrail check names as a rep reads them.
CHECK_LABELS: dict[str, str] = {
    "uplift": "Price step",
    "budget": "Budget",
    "stock": "Stock",
    "in_cart": "Not already in the cart",
    "declined": "Not turned down before",
}


def rule_text(rule: str | None) -> str:
    """A rule name in plain words (an unknown name is spelled out rather than shown as a code)."""
    if not rule:
        return ""
    return RULE_TEXT.get(rule, rule.replace("_", " ").capitalize())


# --- support replies ------------------------------------------------------------------------------
# Topics of a support message, most specific first. Each reply is what a person who can act on it would say:
# sorry, I'll handle it, here is what I need from you. Never "see the help page": the rep IS the help.
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("safety", re.compile(r"swollen|swelling|bulging|smok|spark|burn|fire|melt|shock", re.I)),
    ("damaged", re.compile(r"broken|damaged|cracked|dented|scratched|wet|defect|kaputt|roto|cass", re.I)),
    ("wrong_item", re.compile(r"wrong|instead of|missing", re.I)),
    ("refund", re.compile(r"refund|money back|charge|return|send (?:it|this|that) back|exchange|warranty", re.I)),
    ("account", re.compile(r"account|password|log\s*in|sign\s*in|locked out|reset", re.I)),
    ("trouble", re.compile(r"error|offline|won't|will not|doesn't|does not|can't|stopped|not (?:connect|pair|"
                           r"print|turn)|keeps", re.I)),
    ("delivery", re.compile(r"order|package|parcel|deliver|shipment|track|arriv|where|late|lost", re.I)),
]

_SUPPORT_REPLIES: dict[str, str] = {
    "safety": "Please stop using {item} and unplug it, and keep it away from anything that can catch fire. "
              "I'm sorry this happened. I'll arrange a replacement or a refund for you: could you send me your "
              "order number?",
    "damaged": "I'm sorry {item} arrived damaged. I'll get a replacement or a refund sorted for you: could you "
               "send me your order number and a photo of the damage?",
    "wrong_item": "I'm sorry, that's our mistake. I'll put it right: could you send me your order number and "
                  "tell me what arrived?",
    "refund": "I can take care of that for you. Could you send me your order number, and tell me whether you'd "
              "prefer a refund or an exchange?",
    "account": "I can help you get back into your account. Which email address did you sign up with? I'll "
               "send a reset link to it.",
    "trouble": "Sorry {item} is giving you trouble. Let's fix it together: what exactly happens, and does it "
               "show any message or light when it does?",
    "delivery": "I'm sorry about the wait. I'll check where your order is: could you send me your order number?",
    "other": "I'm sorry about the trouble. I'm here to sort it out: could you tell me a bit more, and your order "
             "number if it's about an order?",
}


def support_topic(signals: Sequence[Signal], message: str) -> str:
    """Which kind of problem the shopper reports: from the support signal's words, else the whole message."""
    texts = [s.text for s in signals if s.type == "support" and s.text] + [message]
    for text in texts:
        for topic, rx in _TOPICS:
            if rx.search(text):
                return topic
    return "other"


def support_reply(signals: Sequence[Signal], message: str, focus: Product | None) -> str:
    """The reply a support rep would send: ownership and the one thing needed to act, no self-service pointer."""
    item = f"the {focus.name}" if focus is not None else "it"
    return _SUPPORT_REPLIES[support_topic(signals, message)].format(item=item)


_SUPPORT_QUESTIONS: dict[str, str] = {
    "delivery": "When did you place the order, and which address should it have gone to?",
    "refund": "Is it about the whole order or one item, and has it been opened?",
    "account": "What do you see when you try to sign in?",
}


def support_question(signals: Sequence[Signal], message: str) -> str:
    """A follow-up question for a support case that gets the rep what they need to act."""
    topic = support_topic(signals, message)
    return _SUPPORT_QUESTIONS.get(topic, "Could you tell me your order number and what happened, so I can sort it out?")


# --- clarifying question ----------------------------------------------------------------------------
def _mentioned(product: Product, message: str) -> bool:
    said = set(text_words(message.lower()))
    return any(w in said for w in text_words(product.name.lower()) if len(w) > 2)


def _either(a: Product, b: Product) -> str:
    return f"the {a.name} or the {b.name}"


_UNIT = re.compile(r"_(?:gb|tb|mb|mah|wh|mm|cm|m|g|kg|w|l|ml|in|inch|hz|lm)$")


def _measure(options: Sequence[Product]) -> str | None:
    """The first measure two options differ on, in words ("battery_mah" -> "battery")."""
    a, b = options[0].attributes or {}, options[1].attributes or {}
    for key in a:
        if isinstance(a[key], (int, float)) and isinstance(b.get(key), (int, float)) and a[key] != b[key]:
            return _UNIT.sub("", key).replace("_", " ")
    return None


def clarifying_question(
    message: str,
    signals: Sequence[Signal],
    focus: Product | None,
    cart: Sequence[Product],
    options: Sequence[Product],
    budget_known: bool,
) -> str:
    """A question that settles what the shopper means, built from what they look at and what would fit.

    In order: which of two items they hold they mean, what matters more when several products would answer
    their need, a budget when they described a need without one, then what the item on screen is for. It names
    only items the shopper holds or looks at: a product not attached as an offer is not sayable.
    """
    if any(s.type == "support" for s in signals):
        return support_question(signals, message)
    held = list({p.sku: p for p in [*([focus] if focus else []), *cart]}.values())
    if len(held) >= 2 and not any(_mentioned(p, message) for p in held):
        return f"Just so I get it right: do you mean {_either(held[0], held[1])}?"
    has_need = any(s.type == "need" for s in signals)
    options = [p for p in options if p.sku not in {h.sku for h in held}]
    if has_need and len(options) >= 2:
        measure = _measure(options)
        best = f"the most {measure} you can get" if measure else "the best one for the job"
        return f"I have a few options for that. Would you rather keep the price down, or get {best}?"
    if has_need and not budget_known:
        return "Do you have a budget in mind? Then I'll only suggest what fits it."
    if focus is not None:
        return f"What will you mainly use the {focus.name} for? Then I can tell you whether it's the right pick."
    if len(held) == 1:
        return f"What are you planning to use the {held[0].name} for? I can check you have everything you need."
    return "What are you looking for, and what will you use it for? I'll point you to what fits."
