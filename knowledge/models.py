"""Typed data of the knowledge layer: products, import errors, orders, rules, relations, search."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Product(BaseModel):
    """One sellable item, exactly the catalog fields of CONTRACTS section 1."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sku: str = Field(min_length=1)
    name: str = Field(min_length=1)
    price: float = Field(ge=0)
    currency: str | None = None
    category: str = Field(min_length=1)
    description: str = ""
    brand: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    family: str | None = None
    tier: int | None = None
    upsells: list[str] = Field(default_factory=list)
    cross_sells: list[str] = Field(default_factory=list)
    compatible_with: list[str] = Field(default_factory=list)
    stock: int | None = None
    active: bool = True
    margin: float | None = Field(None, ge=0, le=1)
    url: str | None = None
    image_url: str | None = None
    bundle_of: list[str] = Field(default_factory=list, description="A bundle's component skus (may repeat).")
    replenish_days: int | None = Field(None, gt=0, description="A consumable reordered after about this many days.")

    @field_validator("currency")
    @classmethod
    def _upper_currency(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        if len(v) != 3 or not v.isalpha():
            raise ValueError("currency must be a 3-letter ISO 4217 code")
        return v.upper()

    @property
    def available(self) -> bool:
        """Offerable at all: active and not known to be out of stock."""
        return self.active and self.stock != 0

    @property
    def category_path(self) -> list[str]:
        """The category split on ``>``: ``Electronics > Phones`` -> ``["Electronics", "Phones"]``."""
        return [p.strip() for p in self.category.split(">") if p.strip()]

    def content_hash(self) -> str:
        """Hash of everything that affects the embedded text or the index metadata."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:32]

    def embedding_text(self) -> str:
        """The text embedded for semantic search: what the product is and what it is for."""
        attrs = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in self.attributes.items())
        parts = [self.name, f"Category: {self.category}"]
        if self.brand:
            parts.append(f"Brand: {self.brand}")
        if attrs:
            parts.append(attrs)
        if self.description:
            parts.append(self.description)
        return ". ".join(parts)


class RowError(BaseModel):
    """One problem found in an input file, pointing at the line and field."""

    file: str
    line: int | None = None
    field: str | None = None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.reason}"


class CatalogError(Exception):
    """A catalog (or orders) file was refused; ``errors`` lists every bad row. Nothing was changed."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} error(s):\n{shown}{more}")


CatalogFormat = Literal["auto", "jsonl", "csv", "shopify", "woocommerce"]


class OrderLine(BaseModel):
    """One line item of an order (CONTRACTS section 2)."""

    order_id: str
    sku: str
    quantity: int = 1
    customer_id: str | None = None
    created_at: str | None = None
    locale: str | None = Field(None, description="The customer's language for messages (optional column).")
    line: int | None = Field(None, description="The line of the orders file it came from, for error messages.")


class CoPurchaseRule(BaseModel):
    """Shoppers who buy ``antecedent`` also buy ``consequent`` (an association rule over orders)."""

    model_config = ConfigDict(frozen=True)

    antecedent: str
    consequent: str
    count: int = Field(description="Orders containing both.")
    support: float = Field(description="count / number of orders.")
    confidence: float = Field(description="count / orders containing the antecedent.")
    lift: float = Field(description="confidence / support(consequent).")


RelationSource = Literal["family", "curated", "compatible", "copurchase"]


class Relation(BaseModel):
    """A related product found for a given one, with where the link came from."""

    model_config = ConfigDict(frozen=True)

    sku: str
    source: RelationSource
    strength: float = Field(1.0, description="0..1; curated 1.0, compatible 0.9, co-purchase from confidence.")
    rule: CoPurchaseRule | None = None
    required: bool = Field(
        False, description="It supplies a part a held item says it comes without (knowledge.requirements)."
    )


class SearchFilters(BaseModel):
    """Filters applied inside the vector search."""

    min_price: float | None = None
    max_price: float | None = None
    in_stock_only: bool = True
    active_only: bool = True
    category: str | None = Field(None, description="Exact category, or a prefix of a category path.")
    family: str | None = None
    exclude_skus: list[str] = Field(default_factory=list)


class SearchHit(BaseModel):
    """A product found by semantic search, with its similarity (higher is closer, cosine in 0..1)."""

    sku: str
    score: float
