"""What the rep inbox shows for a session: one summary row per live conversation (pure, from stored state)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agent.inbox_store import RepActivity, SessionRow
from agent.schemas import OfferKind, Page
from knowledge.catalog import Catalog


class ItemRef(BaseModel):
    """A product named in the inbox, with its catalog name when the catalog still has it."""

    sku: str
    name: str | None = None


class CartItem(ItemRef):
    """One cart line."""

    qty: int = 1


class OfferShown(ItemRef):
    """An offer the shopper saw, with the turn it came in."""

    kind: OfferKind
    turn: int


class InboxItem(BaseModel):
    """One live conversation in the rep's inbox."""

    session_id: str
    updated_at: float = Field(description="Unix time the conversation last changed (a turn or an offer event).")
    turns: int
    latest_message: str | None = Field(None, description="The shopper's latest message.")
    latest_reply: str | None = Field(None, description="The reply to it.")
    replied_by: Literal["agent", "rep"] | None = Field(None, description="Who wrote that reply.")
    page: Page | None = None
    locale: str | None = None
    product: ItemRef | None = Field(None, description="The product in focus.")
    cart: list[CartItem] = Field(default_factory=list)
    offers_shown: list[OfferShown] = Field(default_factory=list)
    declines: list[ItemRef] = Field(default_factory=list)
    waiting_since: float | None = Field(
        None, description="Unix time of the shopper's latest message no rep has answered yet (None: answered)."
    )
    waiting_seconds: float | None = Field(None, description="Seconds since `waiting_since`, when the list was made.")


class InboxPage(BaseModel):
    """One page of live conversations, most recently active first."""

    sessions: list[InboxItem]
    next_offset: int | None = Field(None, description="Pass as `offset` for the next page; None on the last one.")
    active_within: int = Field(description="Seconds of inactivity after which a conversation leaves the list.")


def _ref(catalog: Catalog | None, sku: str) -> ItemRef:
    product = catalog.get(sku) if catalog is not None else None
    return ItemRef(sku=sku, name=product.name if product is not None else None)


def summarise(row: SessionRow, rep: RepActivity | None, catalog: Catalog | None, now: float) -> InboxItem:
    """The inbox row of one stored session."""
    state = row.state
    last = state.turns[-1] if state.turns else None
    ctx = state.last_context
    replied_by = None
    waiting_since = None
    if last is not None:
        replied_by = "rep" if rep is not None and rep.last_turn >= last.index else "agent"
        # The agent answers at once, so the shopper waits for a person from their latest message until a rep
        # replies; the session's last change is that message unless a later event touched the row.
        waiting_since = None if replied_by == "rep" else row.updated_at
    names = {o.sku: o.name for t in state.turns for o in t.offers}
    return InboxItem(
        session_id=state.session_id,
        updated_at=row.updated_at,
        turns=len(state.turns),
        latest_message=last.user if last else None,
        latest_reply=last.reply if last else None,
        replied_by=replied_by,
        page=ctx.page,
        locale=ctx.locale,
        product=_ref(catalog, ctx.product_sku) if ctx.product_sku else None,
        cart=[CartItem(**_ref(catalog, line.sku).model_dump(), qty=line.qty) for line in ctx.cart],
        offers_shown=[
            OfferShown(sku=o.sku, name=names.get(o.sku) or _ref(catalog, o.sku).name, kind=o.kind, turn=o.turn)
            for o in state.offers_made
        ],
        declines=[ItemRef(sku=s, name=names.get(s) or _ref(catalog, s).name) for s in state.declined_skus],
        waiting_since=waiting_since,
        waiting_seconds=None if waiting_since is None else round(max(0.0, now - waiting_since), 1),
    )
