"""The offer card's price line: what taking the offer does to the shopper's order, stated honestly."""

from __future__ import annotations

from agent.reply.facts import format_price
from agent.schemas import Offer
from knowledge.catalog import Catalog
from knowledge.models import Product


def card_line(offer: Offer, replaced: Product | None, cart_empty: bool) -> str:
    """ "+$29" on an empty cart, "+4.1% on your cart" otherwise; an upgrade "+$250 over <the item it replaces>".

    A percentage of an empty cart would be a percentage of the item on screen, which the shopper is not buying
    yet: the amount added is what they can check.
    """
    if offer.kind == "upsell" and replaced is not None:
        diff = round(offer.price - replaced.price, 2)
        if diff < 0:
            return f"{format_price(-diff, offer.currency)} less than {replaced.name}"
        return f"+{format_price(diff, offer.currency)} over {replaced.name}"
    if cart_empty:
        return f"+{format_price(offer.price, offer.currency)}"
    return f"+{offer.uplift_pct:g}% on your cart"


def with_card_lines(offers: list[Offer], catalog: Catalog, cart_empty: bool) -> list[Offer]:
    """The offers as the card shows them: the card line, and the catalog's page and image when the offer lacks them."""
    out = []
    for o in offers:
        product = catalog.get(o.sku)
        update = {"card_line": card_line(o, catalog.get(o.replaces_sku), cart_empty)}
        if product is not None:
            update |= {"url": o.url or product.url, "image_url": o.image_url or product.image_url}
        out.append(o.model_copy(update=update))
    return out
