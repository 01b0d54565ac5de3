"""Taking an offer: which offer a yes answers, what the shop page must do (actions) and the context after it.

A typed yes ("yes please", "I'll take it", in any language the signal detector reads) and the card's button end
the same way: the offer is marked accepted, its item joins the cart (an upgrade replaces the item it upgrades)
and an upgrade becomes the product in focus, so the next turns talk about it.
"""

from __future__ import annotations

from typing import Protocol

from agent.reply.grounding import find_product_mentions
from agent.schemas import Action, CartLine, ChatContext, Offer, OfferKind, Signal
from agent.signals.patterns import TAKE_IT
from agent.types import SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.text import words

# Signals that say something other than yes: the turn is about them, not about the pending offer.
_OTHER_BUSINESS = frozenset({"need", "decline", "support", "unsettled"})


class Taken(Protocol):
    """An offer as the session keeps it (an Offer of a turn, or an OfferRecord)."""

    sku: str
    kind: OfferKind
    replaces_sku: str | None


def pending_offer(state: SessionState) -> Offer | None:
    """The offer a yes now answers: the last turn's, unless the shopper already took or refused it."""
    if not state.turns:
        return None
    for offer in reversed(state.turns[-1].offers):
        if offer.sku not in state.accepted_skus and offer.sku not in state.declined_skus:
            return offer
    return None


def typed_acceptance(
    signals: list[Signal], state: SessionState, catalog: Catalog, held: list[Product]
) -> tuple[list[Signal], Offer | None]:
    """The turn's signals and the pending offer they say yes to, if any (read before the turn updates the session).

    An ``accept`` signal takes the pending offer. Right after an offer, a purchase intent that takes "it" ("I'll
    take it", "me lo llevo", "ich nehme es": TAKE_IT) or names the offered product takes it too, unless the words
    also name another item (``held``: the item on screen and the cart); checking out takes nothing. Such an intent
    is returned as ``accept``, so the rest of the turn confirms instead of selling.
    """
    offer = pending_offer(state)
    if offer is None:
        return signals, None
    types = {s.type for s in signals}
    if "accept" in types:
        return signals, offer
    buying = [s for s in signals if s.type == "purchase_intent"]
    if not buying or types & _OTHER_BUSINESS or any(_names_other_item(s.text, offer, catalog, held) for s in buying):
        return signals, None
    if not any(TAKE_IT.search(s.text) or _names_offer(s.text, offer, catalog) for s in buying):
        return signals, None
    return [s.model_copy(update={"type": "accept"}) if s.type == "purchase_intent" else s for s in signals], offer


def _stems(text: str) -> set[str]:
    # Singular and plural name the same item ("phone" in "Electronics > Phones").
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words(text) if len(w) > 2 or w.isdigit()}


def _names_offer(text: str, offer: Offer, catalog: Catalog) -> bool:
    """Whether ``text`` names the offered product ("I'll take the power bank")."""
    return any(offer.sku in skus for _, skus, _ in find_product_mentions(text, catalog))


def _names_other_item(text: str, offer: Offer, catalog: Catalog, held: list[Product]) -> bool:
    """Whether ``text`` names a catalog product other than the offer, or a word of an item the shopper holds."""
    if any(offer.sku not in skus for _, skus, _ in find_product_mentions(text, catalog)):
        return True
    offered = catalog.get(offer.sku)
    own = _stems(f"{offer.name} {offered.category if offered else ''}")
    theirs = set().union(*(_stems(f"{p.name} {p.category}") for p in held if p.sku != offer.sku)) if held else set()
    return bool(_stems(text) & (theirs - own))


def acceptance_actions(offer: Taken) -> list[Action]:
    """What the shop page does when an offer is taken: add it (replacing the upgraded item) and, for an upgrade,
    show it."""
    replaces = offer.replaces_sku if offer.kind == "upsell" else None
    actions = [Action(type="add_to_cart", sku=offer.sku, qty=1, replaces_sku=replaces)]
    if offer.kind == "upsell":
        actions.append(Action(type="set_focus", sku=offer.sku, replaces_sku=replaces))
    return actions


def apply_actions(context: ChatContext, actions: list[Action]) -> ChatContext:
    """The context once the page has done the actions: the cart holds the item, the focus is the upgrade."""
    if not actions:
        return context
    cart = list(context.cart)
    focus = context.product_sku
    for action in actions:
        if action.type == "add_to_cart":
            cart = [line for line in cart if line.sku != action.replaces_sku]
            if not any(line.sku == action.sku for line in cart):
                cart.append(CartLine(sku=action.sku, qty=action.qty or 1))
        elif action.type == "set_focus":
            focus = action.sku
    return context.model_copy(update={"cart": cart, "product_sku": focus})


def find_offer(state: SessionState, sku: str) -> Taken | None:
    """The latest offer of ``sku`` made in the session, if any (the widget's button names only the sku)."""
    for record in reversed(state.offers_made):
        if record.sku == sku:
            return record
    return None
