"""The follow-up planner: at most one message per order, a replenish reminder or a cross-sell, never a nag.

Choice: a replenish reminder when the order holds a consumable (``replenish_days``) the customer has not
bought again since nor declined, the one that runs out first; otherwise a cross-sell that complements the order
(curated cross-sells and compatible accessories, then co-purchase rules, then retrieval), never a version or
upgrade of what was bought, never anything the customer ever bought or declined in chat.

Timing: a cross-sell goes ``followup_delay_days`` after the order; a replenish reminder ``followup_lead_days``
before the consumable runs out (``replenish_days`` per unit bought). With an as-of time, orders placed after it
are not seen at all, and a follow-up already due is sent at the as-of time when it is overdue by at most
``followup_grace_days``, skipped when older (a reminder weeks late reads as noise).

Unknown skus: an order line whose sku is not in the catalog is left out with a warning (catalogs drop products
that old orders still name); an order left with no known sku gets no follow-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from agent.followups.memory import CustomerFacts, CustomerMemory, NoMemory
from agent.followups.models import FollowUp, FollowUpKind, FollowUpSkip, Order, OrderItem
from agent.followups.render import MessageInput, message_language, render_message
from agent.followups.rules import bought_since, offerable, ranked_complements, replenish_due
from agent.schemas import ReasonItem, OfferReason, render_reason
from agent.settings import FollowUpSettings
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations, category_key

#: Retrieval hits below this similarity are no complement worth a message.
MIN_RETRIEVAL_SCORE = 0.35

Search = Callable[[str, SearchFilters], list[SearchHit]]
History = list[tuple[datetime, frozenset[str]]]


class Choice(BaseModel):
    """The product a follow-up proposes, why, and when it is due (before the as-of rule)."""

    kind: FollowUpKind
    product: Product
    anchor: Product = Field(description="The bought item it goes with (for replenish: the consumable itself).")
    due: datetime
    quantity: int = 1


class PlanResult(BaseModel):
    """Follow-ups in the order of their orders, the orders that got none, and warnings about left-out lines."""

    followups: list[FollowUp] = Field(default_factory=list)
    skipped: list[FollowUpSkip] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class FollowUpPlanner:
    """Plans follow-ups from the catalog, its relations, the customer's history and chat memory."""

    def __init__(
        self,
        catalog: Catalog,
        relations: Relations,
        settings: FollowUpSettings,
        *,
        addon_share: float = 1.0,
        memory: CustomerMemory | None = None,
        search: Search | None = None,
    ):
        self.catalog = catalog
        self.relations = relations
        self.settings = settings
        self.addon_share = addon_share
        self.memory = memory or NoMemory()
        self.search = search

    # --- many orders ----------------------------------------------------------------------------
    def plan(self, orders: Iterable[Order], as_of: datetime | None = None, file: str | None = None) -> PlanResult:
        """Follow-ups for a batch: each order's history is every order of its customer in the batch (up to as-of)."""
        result = PlanResult()
        seen = []
        for o in orders:
            if as_of is None or o.created_at <= as_of:
                seen.append(o)
            else:
                result.skipped.append(FollowUpSkip(order_id=o.order_id, reason="placed after the as-of time",
                                                   line=o.line))
        history: dict[str, History] = defaultdict(list)
        for o in seen:
            history[o.customer_id].append((o.created_at, frozenset(o.skus)))
        for o in seen:
            self._plan_into(result, o, history[o.customer_id], as_of, file)
        return result

    def plan_one(self, order: Order, others: History, as_of: datetime, file: str | None = None) -> PlanResult:
        """The follow-up of one order, given the customer's other orders as (time, skus)."""
        history = [(order.created_at, frozenset(order.skus)), *[(t, s) for t, s in others if t <= as_of]]
        result = PlanResult()
        if order.created_at > as_of:
            result.skipped.append(FollowUpSkip(order_id=order.order_id, reason="placed after the as-of time"))
            return result
        self._plan_into(result, order, history, as_of, file)
        return result

    # --- one order ------------------------------------------------------------------------------
    def _plan_into(
        self, result: PlanResult, order: Order, history: History, as_of: datetime | None, file: str | None
    ) -> None:
        known: list[OrderItem] = []
        for item in order.items:
            if item.sku in self.catalog:
                known.append(item)
            else:
                where = f"{file}:{item.line}" if file and item.line else f"order {order.order_id}"
                result.warnings.append(f"{where}: unknown sku {item.sku!r} (not in the catalog): line left out")
        if not known:
            result.skipped.append(FollowUpSkip(order_id=order.order_id, reason="no sku of the order is in the catalog",
                                               line=order.line))
            return
        facts = self.memory.facts(order.customer_id)
        choice = self._replenish(order, known, history, facts) or self._cross_sell(order, known, history, facts)
        if choice is None:
            result.skipped.append(FollowUpSkip(order_id=order.order_id, reason="nothing to propose", line=order.line))
            return
        send_at = choice.due
        if as_of is not None and send_at < as_of:
            if as_of - send_at > timedelta(days=self.settings.followup_grace_days):
                late = (as_of - send_at).days
                result.skipped.append(FollowUpSkip(order_id=order.order_id, line=order.line,
                                                   reason=f"{choice.kind} was due {late} days before the as-of time"))
                return
            send_at = as_of  # overdue within the grace period: send now
        result.followups.append(self._message(order, choice, send_at, facts))

    def _replenish(self, order: Order, known: list[OrderItem], history: History, facts: CustomerFacts) -> Choice | None:
        later = [(t, s) for t, s in history if t > order.created_at]
        best: Choice | None = None
        for item in known:
            p = self.catalog.get(item.sku)
            if p is None or not p.replenish_days or not p.available or p.sku in facts.declined:
                continue
            if bought_since(p.sku, order.created_at, later):
                continue
            due = replenish_due(order.created_at, p.replenish_days, item.quantity, self.settings.followup_lead_days)
            if best is None or (due, p.sku) < (best.due, best.product.sku):
                best = Choice(kind="replenish", product=p, anchor=p, due=due, quantity=item.quantity)
        return best

    def _cross_sell(self, order: Order, known: list[OrderItem], history: History, facts: CustomerFacts) -> Choice | None:
        bought_now = [p for p in (self.catalog.get(s) for s in dict.fromkeys(i.sku for i in known)) if p]
        bought_ever = set(facts.bought).union(*(s for _, s in history))
        value = sum(self.catalog.price_of(i.sku) * i.quantity for i in known)
        max_price = value * self.addon_share
        due = order.created_at + timedelta(days=self.settings.followup_delay_days)

        def ok(p: Product | None) -> bool:
            return p is not None and offerable(p, bought_now, bought_ever, facts.declined, self.relations, max_price)

        for rel in ranked_complements([p.sku for p in bought_now], self.relations):
            p = self.catalog.get(rel.sku)
            if ok(p):
                anchor = self.catalog.get(rel.rule.antecedent) if rel.rule else None
                return Choice(kind="cross_sell", product=p, anchor=anchor or self._anchor(p, bought_now), due=due)
        found = self._retrieved(bought_now, bought_ever, max_price, ok)
        if found is not None:
            return Choice(kind="cross_sell", product=found, anchor=self._anchor(found, bought_now), due=due)
        return None

    def _retrieved(
        self, bought_now: list[Product], bought_ever: set[str], max_price: float, ok: Callable[[Product | None], bool]
    ) -> Product | None:
        """A complement found by search, when the relations have none.

        Only in the department of a bought item (the first level of its category: a hose's complement is in
        Garden) and never of a bought item's kind (its leaf category: another hose is a substitute).
        """
        if self.search is None:
            return None
        kinds = {category_key(p.category) for p in bought_now}
        departments = {k[:1] for k in kinds}
        main = max(bought_now, key=lambda p: (p.price, p.sku))
        filters = SearchFilters(max_price=max_price, exclude_skus=sorted(bought_ever))
        for hit in self.search(f"accessories for {main.name}", filters):
            p = self.catalog.get(hit.sku)
            if hit.score < MIN_RETRIEVAL_SCORE or not ok(p):
                continue
            kind = category_key(p.category)
            if kind not in kinds and kind[:1] in departments:
                return p
        return None

    def _anchor(self, product: Product, bought_now: list[Product]) -> Product:
        """The bought item a complement goes with: the one naming it, else the one it fits, else the dearest."""
        for b in bought_now:
            if product.sku in b.cross_sells:
                return b
        for b in bought_now:
            if self.relations.is_compatible(product.sku, b.sku):
                return b
        return max(bought_now, key=lambda p: (p.price, p.sku))

    def _message(self, order: Order, choice: Choice, send_at: datetime, facts: CustomerFacts) -> FollowUp:
        p = choice.product
        currency = self.catalog.currency_of(p)
        if choice.kind == "replenish":
            reason = f"replenish: {p.name} lasts about {p.replenish_days * choice.quantity} days"
        else:
            item = ReasonItem(sku=choice.anchor.sku, name=choice.anchor.name, where="just_bought")
            reason = render_reason(OfferReason(kind="goes_with", goes_with=item))
        lang = message_language(order.locale or facts.locale, self.settings.followup_locale)
        rendered = render_message(
            MessageInput(
                kind=choice.kind, order_id=order.order_id, ordered_at=order.created_at, name=p.name, price=p.price,
                currency=currency, bought_name=choice.anchor.name,
                replenish_days=p.replenish_days * choice.quantity if p.replenish_days else None,
                url=p.url, image_url=p.image_url,
            ),
            lang,
        )
        return FollowUp(
            order_id=order.order_id, customer_id=order.customer_id, send_at=send_at.isoformat(timespec="seconds"),
            kind=choice.kind, sku=p.sku, name=p.name, price=p.price, currency=currency, reason=reason,
            subject=rendered.subject, text=rendered.text, html=rendered.html,
        )
