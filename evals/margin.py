"""Expected margin of the offers an eval run made: for each offer whose product has a catalog margin, price * margin.

This is what the merchant would earn if every offer were taken, not a metric of CONTRACTS section 4 (those keep
their names); it is reported beside them under its own key, ``expected_margin``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from agent.schemas import Offer
from knowledge.catalog import Catalog


class ExpectedMargin(BaseModel):
    """Expected margin of a set of offers (per scenario or for the whole run)."""

    offers: int = Field(0, description="Offers made.")
    offers_with_margin: int = Field(0, description="Offers whose catalog product has a margin.")
    total: float = Field(0.0, description="Sum of price * margin over the offers with a margin.")
    mean: float | None = Field(None, description="total / offers_with_margin; null when no offer had a margin.")
    currency: str | None = Field(None, description="The offers' currency (null when they mixed currencies).")

    def __add__(self, other: "ExpectedMargin") -> "ExpectedMargin":
        currency = self.currency if other.offers == 0 else other.currency if self.offers == 0 else (
            self.currency if self.currency == other.currency else None
        )
        return margin_summary(self.offers + other.offers, self.offers_with_margin + other.offers_with_margin,
                              self.total + other.total, currency)


def margin_summary(offers: int, with_margin: int, total: float, currency: str | None) -> ExpectedMargin:
    """An ExpectedMargin from its sums (rounded to cents; mean null on no margin)."""
    return ExpectedMargin(
        offers=offers,
        offers_with_margin=with_margin,
        total=round(total, 2),
        mean=round(total / with_margin, 2) if with_margin else None,
        currency=currency,
    )


def offer_margin(offer: Offer, catalog: Catalog) -> float | None:
    """price * margin for one offer (the offer's price: a promotion's price when one applied), None without one."""
    product = catalog.get(offer.sku)
    if product is None or product.margin is None:
        return None
    return offer.price * product.margin


def expected_margin(offers: Iterable[Offer], catalog: Catalog) -> ExpectedMargin:
    """The expected margin of ``offers``."""
    items: Sequence[Offer] = list(offers)
    margins = [m for o in items if (m := offer_margin(o, catalog)) is not None]
    currencies = {o.currency for o in items}
    currency = next(iter(currencies)) if len(currencies) == 1 else None
    return margin_summary(len(items), len(margins), sum(margins), currency)
