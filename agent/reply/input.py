"""What a reply may draw on for one turn (:class:`ReplyInput`) and the products it may therefore name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.schemas import Signal
from agent.types import Decision, Turn
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.text import LANGUAGES, lang_of


class ReplyInput(BaseModel):
    """Everything a reply may draw on for one turn; products and prices outside it are off limits."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    message: str
    history: list[tuple[str, str]] = Field(default_factory=list, description="(user, reply) pairs, oldest first.")
    signals: list[Signal] = Field(default_factory=list)
    decision: Decision = Field(default_factory=Decision)
    focus: Product | None = None
    cart: list[Product] = Field(default_factory=list)
    facts: list[Product] = Field(default_factory=list, description="Products retrieved as relevant to the question.")
    currency: str = "USD"
    locale: str | None = Field(None, description="The page's locale.")
    language: str | None = Field(
        None, description="The language to answer in (the shopper's, one of the six); None: the locale's, else English."
    )
    seed: str = Field("", description="Session and turn: picks among phrasings, the same way for the same turn.")
    budget: float | None = Field(None, description="The shopper's stated budget (context or signal), if any.")
    catalog: Catalog | None = Field(
        None, exclude=True, repr=False, description="The live catalog, to catch names of products not offered."
    )
    now: datetime | None = Field(None, description="The turn's time: what 'today' means for a promotion's end.")

    @property
    def reply_language(self) -> str:
        """The language to write in: the turn's, else the page locale's when one of the six, else English."""
        for code in (self.language, lang_of(self.locale)):
            if code in LANGUAGES:
                return code
        return "en"

    @field_validator("history", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return [(t.user, t.reply) if isinstance(t, Turn) else t for t in value]


def known_products(inp: ReplyInput) -> list[Product]:
    """Focus first, then facts and cart, without duplicates: the products a reply may talk about."""
    seen: set[str] = set()
    out: list[Product] = []
    for p in [*([inp.focus] if inp.focus else []), *inp.facts, *inp.cart]:
        if p.sku not in seen:
            seen.add(p.sku)
            out.append(p)
    return out


def offered_products(inp: ReplyInput) -> list[Product]:
    """The offers as catalog products (from the catalog or the turn's products; else built from the offer)."""
    known = {p.sku: p for p in known_products(inp)}
    out: list[Product] = []
    for o in inp.decision.offers:
        p = (inp.catalog.get(o.sku) if inp.catalog is not None else None) or known.get(o.sku)
        if p is None:
            p = Product(sku=o.sku, name=o.name, price=o.price, currency=o.currency, category="offer")
        out.append(p)
    return out


def bundle_parts(inp: ReplyInput) -> list[Product]:
    """The components of the bundle offers, from the catalog: a reply may name them and their prices."""
    if inp.catalog is None:
        return []
    skus = [s for o in inp.decision.offers if o.kind == "bundle" for s in (o.components or [])]
    return [p for s in dict.fromkeys(skus) if (p := inp.catalog.get(s)) is not None]


def allowed_products(inp: ReplyInput) -> list[Product]:
    """Offers (with a bundle's components), focus, cart and facts: the only products a reply may name."""
    seen: set[str] = set()
    out: list[Product] = []
    for p in [*offered_products(inp), *bundle_parts(inp), *known_products(inp)]:
        if p.sku not in seen:
            seen.add(p.sku)
            out.append(p)
    return out
