"""The merchant's figures per day (UTC): offers, acceptance by kind, revenue, order values, conversion, repeats.

Pure functions over events, chats and follow-ups, so the same inputs always give the same figures. How each figure
is bucketed (a figure is counted once, on one day):

- an offer (a distinct session and sku) on the day it was first shown (or accepted, if its "shown" report was
  lost); ``offers_accepted`` of a day counts the offers first shown that day that were accepted, whenever, so the
  day's acceptance rate is never above 1;
- an order, and its value, on the day of its ``purchased`` event; attributed revenue (the catalog price of the
  offers accepted in a session that purchased) on the day of the session's first purchase, as in the summary;
- a chat on the day of its latest activity; it "has offers" when the agent offered anything in it, and it
  converted when its session has a ``purchased`` event;
- a follow-up on its ``send_at`` day once that time has passed; a repeat purchase is a ``purchased`` event of a
  customer (its ``customer_id``, else the customer its session is linked to) after the ``send_at`` of a
  follow-up sent to them, on the purchase's day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone

from pydantic import BaseModel, Field

from api.events import StoredEvent

OFFER_KINDS = ("upsell", "cross_sell", "bundle")
DAY_SECONDS = 86400


class ChatInfo(BaseModel):
    """One chat session as the series needs it."""

    session_id: str
    at: float = Field(description="Unix time of the chat's latest activity.")
    offered: bool = Field(description="The agent offered something in it.")


class FollowupInfo(BaseModel):
    """One recorded follow-up as the series needs it."""

    customer_id: str | None
    send_at: float


class KindFigures(BaseModel):
    """Offers of one kind: shown, accepted and the rate."""

    shown: int = 0
    accepted: int = 0
    acceptance_rate: float | None = None


class Figures(BaseModel):
    """The merchant's figures over one period."""

    offers_shown: int = 0
    offers_accepted: int = 0
    acceptance_rate: float | None = None
    acceptance_by_kind: dict[str, KindFigures] = Field(
        default_factory=dict, description="upsell, cross_sell, bundle (and unknown for events sent without one)."
    )
    orders: int = 0
    attributed_revenue: float = 0.0
    average_order_value_with_offer: float | None = None
    average_order_value_without_offer: float | None = None
    chats_with_offers: int = 0
    chats_without_offers: int = 0
    conversion_with_offers: float | None = Field(None, description="Chats with offers that purchased / such chats.")
    conversion_without_offers: float | None = None
    followups_sent: int = 0
    repeat_purchases: int = Field(0, description="Purchases by a customer after a follow-up was sent to them.")


class DayFigures(Figures):
    """The figures of one UTC day."""

    day: str = Field(description="YYYY-MM-DD (UTC).")


class MetricsSeries(BaseModel):
    """The figures per day over a window, and over the whole window."""

    start: str
    end: str
    days: list[DayFigures]
    totals: Figures
    notes: list[str] = Field(default_factory=list, description="Why a figure may be missing or zero.")


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


Parts = dict[str, list]


def figures_by(
    key: Callable[[float], str | None],
    events: Iterable[StoredEvent],
    chats: Iterable[ChatInfo],
    followups: Iterable[FollowupInfo],
    now: float,
    customers: Mapping[str, str] | None = None,
) -> dict[str, Figures]:
    """Figures per bucket: ``key`` maps a Unix time to its bucket (None leaves the item out).

    ``customers`` maps a session to its shop customer, for purchases reported without a ``customer_id``.
    """
    return {b: _figures(parts) for b, parts in _parts_by(key, events, chats, followups, now, customers).items()}


def _parts_by(
    key: Callable[[float], str | None],
    events: Iterable[StoredEvent],
    chats: Iterable[ChatInfo],
    followups: Iterable[FollowupInfo],
    now: float,
    customers: Mapping[str, str] | None,
) -> dict[str, Parts]:
    """What each bucket's figures are computed from: per bucket, a list per ingredient."""
    customers = customers or {}
    events = list(events)
    acc: dict[str, dict] = defaultdict(lambda: defaultdict(list))

    first_seen: dict[tuple[str, str], float] = {}
    kind_of: dict[tuple[str, str], str] = {}
    accepted_price: dict[tuple[str, str], float] = {}
    purchases = [e for e in events if e.type == "purchased"]
    for e in events:
        if e.type == "purchased" or not e.sku:
            continue
        pair = (e.session_id, e.sku)
        if e.kind and pair not in kind_of:
            kind_of[pair] = e.kind
        if e.type in ("shown", "accepted"):
            first_seen.setdefault(pair, e.at)
        if e.type == "accepted":
            accepted_price.setdefault(pair, e.price or 0.0)
    for pair, at in first_seen.items():
        bucket = key(at)
        if bucket is not None:
            kind = kind_of.get(pair, "unknown")
            acc[bucket]["shown"].append(kind)
            if pair in accepted_price:
                acc[bucket]["accepted"].append(kind)

    accepting = {s for s, _ in accepted_price}
    first_purchase: dict[str, float] = {}
    for o in purchases:
        first_purchase.setdefault(o.session_id, o.at)
        bucket = key(o.at)
        if bucket is not None:
            acc[bucket]["with" if o.session_id in accepting else "without"].append(o.amount or 0.0)
    for (session, _), price in accepted_price.items():
        if session in first_purchase and (bucket := key(first_purchase[session])) is not None:
            acc[bucket]["revenue"].append(price)

    offered_sessions = {s for s, _ in first_seen}
    for c in chats:
        bucket = key(c.at)
        if bucket is not None:
            group = "chat_with" if c.offered or c.session_id in offered_sessions else "chat_without"
            acc[bucket][group].append(c.session_id in first_purchase)

    sent = [f for f in followups if f.send_at <= now]
    first_sent: dict[str, float] = {}
    for f in sent:
        if (bucket := key(f.send_at)) is not None:
            acc[bucket]["followups"].append(1)
        if f.customer_id:
            first_sent[f.customer_id] = min(f.send_at, first_sent.get(f.customer_id, f.send_at))
    for o in purchases:
        customer = o.customer_id or customers.get(o.session_id)
        if customer and customer in first_sent and o.at > first_sent[customer]:
            if (bucket := key(o.at)) is not None:
                acc[bucket]["repeat"].append(1)
    return acc


def _figures(parts: Parts) -> Figures:
    shown, accepted = parts["shown"], parts["accepted"]
    kinds = [*OFFER_KINDS, *(["unknown"] if "unknown" in shown else [])]
    by_kind = {
        k: KindFigures(shown=shown.count(k), accepted=accepted.count(k),
                       acceptance_rate=_ratio(accepted.count(k), shown.count(k)))
        for k in kinds
    }
    with_offer, without = parts["with"], parts["without"]
    chat_with, chat_without = parts["chat_with"], parts["chat_without"]
    return Figures(
        offers_shown=len(shown),
        offers_accepted=len(accepted),
        acceptance_rate=_ratio(len(accepted), len(shown)),
        acceptance_by_kind=by_kind,
        orders=len(with_offer) + len(without),
        attributed_revenue=round(sum(parts["revenue"]), 2),
        average_order_value_with_offer=_mean(with_offer),
        average_order_value_without_offer=_mean(without),
        chats_with_offers=len(chat_with),
        chats_without_offers=len(chat_without),
        conversion_with_offers=_ratio(sum(chat_with), len(chat_with)),
        conversion_without_offers=_ratio(sum(chat_without), len(chat_without)),
        followups_sent=len(parts["followups"]),
        repeat_purchases=len(parts["repeat"]),
    )


def window(days: int, now: float) -> list[str]:
    """The ``days`` UTC dates ending today, oldest first."""
    today = datetime.fromtimestamp(now, tz=timezone.utc).date()
    return [(today - timedelta(days=i)).isoformat() for i in range(days - 1, -1, -1)]


def day_start(day: str) -> float:
    """Unix time of a UTC date's midnight."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=timezone.utc).timestamp()


def build_series(
    days: int,
    now: float,
    events: Sequence[StoredEvent],
    chats: Sequence[ChatInfo],
    followups: Sequence[FollowupInfo],
    notes: Sequence[str] = (),
    customers: Mapping[str, str] | None = None,
) -> MetricsSeries:
    """Every day of the window (zeros where nothing happened) and the window's totals."""
    dates = window(days, now)
    start = day_start(dates[0])

    def by_day(t: float) -> str | None:
        i = int((t - start) // DAY_SECONDS)  # arithmetic, not a datetime per event: UTC days are 86,400 s
        return dates[i] if 0 <= i < len(dates) and t <= now else None

    per_day = _parts_by(by_day, events, chats, followups, now, customers)
    # The window's totals from the same ingredients: means and rates over the period, not means of days.
    merged: Parts = defaultdict(list)
    for parts in per_day.values():
        for name, items in parts.items():
            merged[name].extend(items)
    empty = _figures(defaultdict(list))
    return MetricsSeries(
        start=dates[0],
        end=dates[-1],
        days=[DayFigures(day=d, **(_figures(per_day[d]) if d in per_day else empty).model_dump()) for d in dates],
        totals=_figures(merged),
        notes=list(notes),
    )
