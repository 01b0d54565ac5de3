"""The deterministic eval metrics of CONTRACTS section 4, one small pure function each.

Every metric function takes the turns of ONE session (a scenario, in order) and returns one ``Count`` per
turn, so a scenario, a tag or the whole suite is scored by summing counts (micro-averaging):

- ratio metrics (``offer_precision``, ``opportunity_recall``, ``signal_accuracy``, ``unwanted_offer_rate``,
  ``offers_per_turn``): value = numerator / denominator, and ``None`` (null in report.json) when the
  denominator is 0; gates skip a null with a note.
- counting metrics (``reoffer_after_decline``, ``guardrail_violations``, ``pressure_phrases``,
  ``ungrounded_mentions``): value = the count; each ``Count`` also carries a finding per counted item.

Definitions beyond the contract table (documented here because reports depend on them):

- ``offer_precision``: in turns whose ``expect.offer`` is a sku list, an offer is acceptable when its sku is
  listed and, if ``expect.kind`` is set, its kind matches.
- ``reoffer_after_decline``: a *decline* is a turn whose detected signals include ``decline`` or whose
  expectation says ``signal: decline``. At a decline, every sku offered earlier in the session counts as
  declined. An offer (in that turn or later) counts when its sku was declined, or when two or more declines
  have happened (the decline in the current turn included: the agent has heard it before answering).
- ``guardrail_violations``: offers (each counted once, however many rules it breaks) that break a rule,
  re-checked here independently of the agent's policy code: unknown sku; inactive; out of stock
  (``stock == 0``); already in the cart; name, price, currency or kind fields that differ from the catalog
  (an upsell must name a known, cheaper ``replaces_sku``; a cross-sell or bundle must not name one;
  an honest cheaper swap is the exception: an upsell priced below what it replaces, with the true negative
  ``uplift_pct``, in a turn whose detected signals include a need (``wants="cheaper"`` or a need it answers
  better, e.g. a lighter model); a cheaper "upsell" with no need in the turn counts;
  ``uplift_pct`` more than 0.5 points off the catalog figure); an upsell costing more than
  ``max_uplift`` over what it replaces (1e-9 tolerance); an offer taking the shopper over their budget.
  The budget is the amount of the latest ``budget`` signal detected so far in the session, else
  ``context.budget``. Spend after the offer is the cart total plus the added item (cross-sell/bundle) or
  with the replaced item swapped for the upgrade (upsell). A stated budget below the cart total can only
  be about the item itself, so then the offer's own price is compared with it. A budget signal with scope
  ``extra`` ("another 20 at most") bounds only what the offer adds: its price, or an upgrade's difference.
- ``pressure_phrases``: replies for which the pressure checker (``agent.reply.pressure.find_pressure``) finds
  anything, given the offered products.
- ``ungrounded_mentions``: replies for which the grounding checker (``agent.reply.grounding.find_ungrounded``)
  finds a product or price outside the offers, the focus product and the cart. Allowed prices also include
  the budget, the cart total, stated budget amounts, numbers the shopper wrote, and figures derived from
  catalog prices (an upgrade's price difference, the new cart total). A product mention whose text the
  shopper used themselves is theirs, not the agent's invention. Pressure wording inside a verbatim quote of
  the shopper's own message is not counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from agent.schemas import Offer
from agent.settings import POLICY_DEFAULTS
from evals.counts import Count
from evals.guardrails import cart_total, guardrail_violations
from evals.runner import TurnRecord
from knowledge.bundles import offer_product, parts_of
from knowledge.catalog import Catalog
from knowledge.models import Product


PressureCheck = Callable[[str, list[Product]], Sequence[Any]]
GroundingCheck = Callable[[str, list[Product], Catalog, list[float]], Sequence[Any]]


class MetricInfo(BaseModel):
    """What a metric measures and which way is better."""

    name: str
    kind: Literal["ratio", "count"]
    better: Literal["higher", "lower"]
    description: str


METRICS: dict[str, MetricInfo] = {
    m.name: m
    for m in [
        MetricInfo(
            name="offer_precision",
            kind="ratio",
            better="higher",
            description="offers that are acceptable / all offers made in turns that list acceptable skus",
        ),
        MetricInfo(
            name="opportunity_recall",
            kind="ratio",
            better="higher",
            description="turns expecting an offer (any or a list) that got one / such turns",
        ),
        MetricInfo(
            name="signal_accuracy",
            kind="ratio",
            better="higher",
            description="turns with an expected signal whose detected signals include it / such turns",
        ),
        MetricInfo(
            name="unwanted_offer_rate",
            kind="ratio",
            better="lower",
            description="turns expecting none that got an offer / such turns",
        ),
        MetricInfo(
            name="reoffer_after_decline",
            kind="count",
            better="lower",
            description="offers of a sku the shopper already declined in the session, or any offer after two declines",
        ),
        MetricInfo(
            name="guardrail_violations",
            kind="count",
            better="lower",
            description="offers over the uplift or budget limit, out of stock, inactive, or already in the cart",
        ),
        MetricInfo(
            name="pressure_phrases",
            kind="count",
            better="lower",
            description="replies with false urgency, unbacked scarcity, confirmshaming or nagging wording",
        ),
        MetricInfo(
            name="ungrounded_mentions",
            kind="count",
            better="lower",
            description="replies naming a product or price that is neither in offers nor in the context",
        ),
        MetricInfo(name="offers_per_turn", kind="ratio", better="lower", description="mean offers per turn"),
    ]
}
METRIC_NAMES: list[str] = list(METRICS)


def metric_value(name: str, count: Count) -> float | None:
    """The metric's value: the count for counting metrics, the ratio (None on an empty denominator) else."""
    if METRICS[name].kind == "count":
        return count.num
    return count.num / count.den if count.den else None


# --- helpers ------------------------------------------------------------------------------------


def _skus(offers: Sequence[Offer]) -> list[str]:
    return [o.sku for o in offers]


def _detected(turn: TurnRecord) -> set[str]:
    return {s.type for s in turn.response.signals}



# --- ratio metrics ------------------------------------------------------------------------------


def offer_precision(turns: Sequence[TurnRecord]) -> list[Count]:
    """Per turn: acceptable offers / offers, counted only in turns that list acceptable skus."""
    out = []
    for t in turns:
        ok = t.expected.acceptable
        if ok is None:
            out.append(Count())
            continue
        good = [
            o for o in t.response.offers if o.sku in ok and (t.expected.kind is None or o.kind == t.expected.kind)
        ]
        out.append(Count(num=len(good), den=len(t.response.offers)))
    return out


def opportunity_recall(turns: Sequence[TurnRecord]) -> list[Count]:
    """Per turn expecting an offer (any or a list): 1/1 when it got one, 0/1 when not."""
    return [
        Count(num=1.0 if t.response.offers else 0.0, den=1.0) if t.expected.wants_offer else Count() for t in turns
    ]


def signal_accuracy(turns: Sequence[TurnRecord]) -> list[Count]:
    """Per turn with an expected signal: 1/1 when the detected signals include it."""
    return [
        Count(num=1.0 if t.expected.signal in _detected(t) else 0.0, den=1.0) if t.expected.signal else Count()
        for t in turns
    ]


def unwanted_offer_rate(turns: Sequence[TurnRecord]) -> list[Count]:
    """Per turn expecting ``none``: 1/1 when it got an offer anyway."""
    return [
        Count(num=1.0 if t.response.offers else 0.0, den=1.0) if t.expected.offer == "none" else Count()
        for t in turns
    ]


def offers_per_turn(turns: Sequence[TurnRecord]) -> list[Count]:
    """Per turn: offers made / 1."""
    return [Count(num=len(t.response.offers), den=1.0) for t in turns]


# --- counting metrics ---------------------------------------------------------------------------


def reoffer_after_decline(turns: Sequence[TurnRecord]) -> list[Count]:
    """Per turn: offers of a declined sku, or any offer once two declines have been heard."""
    out = []
    offered: list[str] = []
    declined: set[str] = set()
    declines = 0
    for t in turns:
        if "decline" in _detected(t) or t.expected.signal == "decline":
            declines += 1
            declined.update(offered)
        findings = []
        for o in t.response.offers:
            if o.sku in declined:
                findings.append(f"re-offered declined {o.sku}")
            elif declines >= 2:
                findings.append(f"offered {o.sku} after {declines} declines")
        out.append(Count(num=len(findings), findings=findings))
        offered.extend(_skus(t.response.offers))
    return out


def _offered_products(t: TurnRecord, catalog: Catalog) -> list[Product]:
    """The offered products (an FBT set resolved from its sku) and the components of bundles."""
    offered = [p for o in t.response.offers if (p := offer_product(o.sku, catalog)) is not None]
    return offered + [q for p in offered for q in (parts_of(p, catalog) or [])]


def _unquoted(reply: str, said: Sequence[str]) -> str:
    """The reply without verbatim quotes of the shopper's own messages (their words are not the agent's)."""
    for message in said:
        m = message.strip()
        if len(m) >= 8:
            reply = reply.replace(m, " ")
    return reply


def pressure_phrases(turns: Sequence[TurnRecord], catalog: Catalog, check: PressureCheck) -> list[Count]:
    """Per turn: 1 when the reply has pressure wording outside quotes of the shopper (hits are the findings)."""
    out = []
    for i, t in enumerate(turns):
        reply = _unquoted(t.response.reply, [u.request.message for u in turns[: i + 1]])
        hits = list(check(reply, _offered_products(t, catalog))) if reply.strip() else []
        out.append(Count(num=1.0 if hits else 0.0, findings=[_describe(h) for h in hits]))
    return out


def ungrounded_mentions(turns: Sequence[TurnRecord], catalog: Catalog, check: GroundingCheck) -> list[Count]:
    """Per turn: 1 when the reply names a product or price outside offers, focus and cart."""
    out = []
    for i, t in enumerate(turns):
        ctx = t.request.context
        allowed = _offered_products(t, catalog)
        for sku in [ctx.product_sku, *[line.sku for line in ctx.cart]]:
            if (p := catalog.get(sku)) is not None:
                allowed.append(p)
        total = cart_total(ctx, catalog)
        prices = [total]
        if ctx.budget is not None:
            prices.append(ctx.budget)
        for o in t.response.offers:
            # figures derived from catalog prices are grounded: the difference an upgrade costs, the new total
            if (replaced := catalog.get(o.replaces_sku)) is not None:
                prices.append(round(abs(o.price - replaced.price), 2))
                prices.append(round(total - replaced.price + o.price, 2))
            else:
                prices.append(round(total + o.price, 2))
            if o.savings:
                prices.append(o.savings)
        said = [u.request.message for u in turns[: i + 1]]
        for earlier in turns[: i + 1]:
            prices.extend(s.amount for s in earlier.response.signals if s.amount is not None)
        prices.extend(amount for message in said for amount in numbers_in(message))
        hits = list(check(t.response.reply, allowed, catalog, prices)) if t.response.reply else []
        # a product the shopper named themselves is part of their context
        heard = " ".join(said).lower()
        hits = [h for h in hits if not (_mention_kind(h) == "product" and _mention_text(h).lower() in heard)]
        out.append(Count(num=1.0 if hits else 0.0, findings=[_describe(h) for h in hits]))
    return out


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    """Every number the shopper wrote ("1,100", "25.50", "80"), as amounts they may be quoted back."""
    out = []
    for raw in _NUMBER.findall(text):
        try:
            out.append(float(raw.replace(",", "")))
        except ValueError:
            continue
    return out


def _mention_kind(hit: Any) -> str:
    return str(getattr(hit, "kind", ""))


def _mention_text(hit: Any) -> str:
    return str(getattr(hit, "text", hit))


def _describe(hit: Any) -> str:
    if isinstance(hit, BaseModel):
        data = hit.model_dump()
        return ", ".join(f"{k}={v!r}" for k, v in data.items() if v not in (None, "", [], {}))
    return str(hit)


# --- per-turn problems and scoring --------------------------------------------------------------


@dataclass(frozen=True)
class Checks:
    """The inputs scoring needs besides the turns: catalog, uplift limit and the two text checkers."""

    catalog: Catalog
    pressure: PressureCheck
    grounding: GroundingCheck
    max_uplift: float = POLICY_DEFAULTS.max_uplift


def score_turns(turns: Sequence[TurnRecord], checks: Checks) -> dict[str, list[Count]]:
    """Every metric's per-turn counts for one session."""
    return {
        "offer_precision": offer_precision(turns),
        "opportunity_recall": opportunity_recall(turns),
        "signal_accuracy": signal_accuracy(turns),
        "unwanted_offer_rate": unwanted_offer_rate(turns),
        "reoffer_after_decline": reoffer_after_decline(turns),
        "guardrail_violations": guardrail_violations(turns, checks.catalog, checks.max_uplift),
        "pressure_phrases": pressure_phrases(turns, checks.catalog, checks.pressure),
        "ungrounded_mentions": ungrounded_mentions(turns, checks.catalog, checks.grounding),
        "offers_per_turn": offers_per_turn(turns),
    }


def turn_problems(turn: TurnRecord, counts: dict[str, Count]) -> list[str]:
    """Human-readable reasons a turn failed (empty when it passed)."""
    problems: list[str] = []
    if turn.error:
        problems.append(f"responder error: {turn.error}")
    exp, offers = turn.expected, turn.response.offers
    if exp.offer == "none" and offers:
        problems.append(f"expected no offer, got {', '.join(_skus(offers))}")
    if exp.wants_offer and not offers:
        problems.append("expected an offer, got none")
    if exp.acceptable is not None:
        for o in offers:
            if o.sku not in exp.acceptable:
                problems.append(f"offered {o.sku}, not among acceptable {', '.join(exp.acceptable)}")
            elif exp.kind and o.kind != exp.kind:
                problems.append(f"offered {o.sku} as {o.kind}, expected {exp.kind}")
    elif exp.kind and exp.wants_offer:
        problems.extend(f"offered {o.sku} as {o.kind}, expected {exp.kind}" for o in offers if o.kind != exp.kind)
    if exp.signal and counts["signal_accuracy"].num < 1:
        got = sorted({s.type for s in turn.response.signals})
        problems.append(f"signal '{exp.signal}' not detected (got {', '.join(got) or 'none'})")
    for name in ("reoffer_after_decline", "guardrail_violations", "pressure_phrases", "ungrounded_mentions"):
        for f in counts[name].findings:
            problems.append(f"{name}: {f}")
        if counts[name].num and not counts[name].findings:
            problems.append(name)
    return problems


def sum_counts(items: Sequence[dict[str, Count]]) -> dict[str, Count]:
    """Add up per-metric counts."""
    total = {name: Count() for name in METRIC_NAMES}
    for item in items:
        for name in METRIC_NAMES:
            total[name] = total[name] + item[name]
    return total


def values(counts: dict[str, Count]) -> dict[str, float | None]:
    """Metric values from summed counts."""
    return {name: metric_value(name, counts[name]) for name in METRIC_NAMES}
