"""The chat turn as it crosses the boundary (CONTRACTS section 3): request, context, reply, offer, signal."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Page = Literal["product", "cart", "checkout", "post_purchase", "other"]
SignalType = Literal["need", "decline", "support", "budget", "purchase_intent", "question", "accept", "unsettled"]
#: Why a moment is unsettled: the shopper takes something out, complains, or tries to rewrite prices or rules.
Mood = Literal["removal", "complaint", "manipulation", "grumble"]
OfferKind = Literal["upsell", "cross_sell", "bundle"]

#: The largest amount a request may carry (a budget, an order total): far above any real basket, yet finite.
MAX_AMOUNT = 1_000_000_000.0
#: Ids (session ids, skus) as every boundary takes them, in a body or in a path.
MAX_ID_CHARS = 200


def valid_unicode(text: str) -> str:
    """Refuse text that cannot be encoded (lone surrogates such as ``"\\ud800"`` read from JSON escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text (it holds a lone surrogate)") from None
    return text


#: A string that encodes as UTF-8; every shopper-supplied string is one.
Text = Annotated[str, AfterValidator(valid_unicode)]
#: A session id or sku: 1 to 200 characters of valid text.
Id = Annotated[Text, Field(min_length=1, max_length=MAX_ID_CHARS)]
#: A finite amount of money, 0 to MAX_AMOUNT.
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]


class CartLine(BaseModel):
    """One line of the shopper's cart."""

    sku: Id
    qty: int = Field(1, ge=1, le=10_000)


class ChatContext(BaseModel):
    """Where the shopper is and what they hold; every field optional.

    Fields not named here are accepted and dropped: they are never stored with the session (a deeply nested or
    large extra once made every later turn of its session fail, and grew session rows without bound).
    """

    model_config = ConfigDict(extra="ignore")

    page: Page | None = None
    product_sku: Id | None = None
    cart: list[CartLine] = Field(default_factory=list, max_length=500)
    budget: Amount | None = None
    locale: Annotated[Text, Field(max_length=64)] | None = None
    customer_id: Id | None = Field(
        None, description="The shop's customer id, when known: links the session (and its declines) to follow-ups."
    )


class ChatRequest(BaseModel):
    """One shopper turn."""

    session_id: Id
    message: Annotated[Text, Field(max_length=20_000)]
    context: ChatContext = Field(default_factory=ChatContext)


class Signal(BaseModel):
    """Something the shopper's words tell us: a need, a decline, a problem, a budget, intent to buy."""

    type: SignalType
    text: str = Field(description="The span of the shopper's words that carries the signal.")
    amount: float | None = Field(None, description="For budget signals: the stated amount.")
    scope: Literal["total", "extra"] | None = Field(
        None, description="For budget signals: whether the amount bounds the whole order or only what is added."
    )
    currency: str | None = Field(
        None, description='For budget signals: the currency the shopper named (ISO code, "$" for a bare dollar sign).'
    )
    mood: Mood | None = Field(
        None,
        description="For unsettled signals: removal, complaint or manipulation (no moment for an unprompted add-on), "
        "or grumble (the trouble just declined, mentioned again: no moment for any offer).",
    )
    wants: Literal["better", "cheaper"] | None = Field(
        None, description="For need signals: the shopper explicitly asks for a better or a cheaper version."
    )
    group: bool | None = Field(
        None, description='For need signals: said as a count of the people who will use it ("all four of us").'
    )
    version: bool | None = Field(
        None, description='For need signals: asks for another version of the item in focus ("a lighter one").'
    )
    addons: bool | None = Field(
        None, description='For need signals: asks for whatever goes with what they hold, naming no thing ("what else '
        'do I need for it?").'
    )
    confidence: float = Field(1.0, ge=0, le=1)


ReasonKind = Literal["answers_need", "goes_with"]
ItemPlace = Literal["in_cart", "in_focus", "just_bought"]

# How each place reads inside the reason string (CONTRACTS section 3 examples).
_PLACE_WORDS: dict[str, str] = {"in_cart": "in your cart", "in_focus": "you are looking at", "just_bought": "you just bought"}


class Improvement(BaseModel):
    """What an offer improves on: one attribute with the current and the offered value, formatted with units."""

    attribute: str
    old: str | None = None
    new: str | None = None
    dimension: str | None = Field(None, description="The measured quantity (knowledge.measures), e.g. 'mass'.")
    direction: Literal["up", "down"] | None = Field(None, description="Which way the offer moves it.")
    delta: str | None = Field(None, description="The difference with its unit, e.g. '1.1 kg'.")


class ReasonItem(BaseModel):
    """The shopper's item an offer goes with, and where that item is."""

    sku: str
    name: str
    where: ItemPlace


class OfferReason(BaseModel):
    """Why an offer is made, typed: the need it answers or the item it goes with."""

    kind: ReasonKind
    need: str | None = Field(None, description="answers_need: the shopper's words stating the need (the quoted span).")
    improves: Improvement | None = Field(None, description="What the offer improves on, when known.")
    goes_with: ReasonItem | None = Field(None, description="goes_with: the item it complements; None means the order.")


def render_reason(why: OfferReason) -> str:
    """The reason as the Offer's ``reason`` string: 'answers: "..."' or 'goes with: X in your cart'."""
    if why.kind == "answers_need":
        return f'answers: "{why.need or ""}"'
    if why.goes_with is None:
        return "goes with: your order"
    return f"goes with: {why.goes_with.name} {_PLACE_WORDS[why.goes_with.where]}"


class Offer(BaseModel):
    """One proposed product, every price from the catalog."""

    sku: str
    name: str
    kind: OfferKind
    price: float
    currency: str
    uplift_pct: float
    replaces_sku: str | None = None
    reason: str = Field(description="Why, as text (CONTRACTS section 3); rendered from ``why`` when that is set.")
    why: OfferReason | None = Field(None, description="Why, typed; None on offers stored before it existed.")
    url: str | None = Field(None, exclude_if=lambda v: v is None, description="The product page (catalog).")
    image_url: str | None = Field(None, exclude_if=lambda v: v is None, description="The product image (catalog).")
    components: list[str] | None = Field(
        None, exclude_if=lambda v: v is None, description="kind bundle: the component skus (CONTRACTS section 7)."
    )
    savings: float | None = Field(
        None, exclude_if=lambda v: v is None, description="kind bundle: the components' prices minus the bundle price."
    )
    regular_price: float | None = Field(
        None,
        exclude_if=lambda v: v is None,
        description="On a live promotion: the catalog price; ``price`` is the promo price.",
    )
    promo_ends_at: str | None = Field(
        None, exclude_if=lambda v: v is None, description="On a live promotion: when it ends (ISO 8601 with timezone)."
    )
    card_line: str | None = Field(
        None,
        exclude_if=lambda v: v is None,
        description='What taking it does to the order, for the offer card: "+$29" (empty cart), "+4.1% on your cart", '
        '"+$250 over Pixel X8 128 GB" (upsell).',
    )


ActionType = Literal["add_to_cart", "set_focus"]


class Action(BaseModel):
    """Something the shop page should do now: add the accepted offer to the cart, or show the upgraded product."""

    type: ActionType
    sku: str
    qty: int | None = Field(None, exclude_if=lambda v: v is None, description="add_to_cart: how many to add.")
    replaces_sku: str | None = Field(
        None, exclude_if=lambda v: v is None, description="The item it replaces (an accepted upgrade): remove it."
    )


class ChatResponse(BaseModel):
    """The agent's answer to one turn."""

    session_id: str
    reply: str
    offers: list[Offer] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    actions: list[Action] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="What the shop page should do after this turn (a typed yes to an offer adds it to the cart).",
    )
    session_token: str | None = Field(
        None,
        exclude_if=lambda v: v is None,
        description="HTTP only: the session's signed token. Send it as the X-Session-Token header with the "
        "session's later turns and its events.",
    )
