"""The offer guardrails (CONTRACTS section 6) as pure functions, one per rule, each registered under one name.

A rule's registered name is the only name it goes by: the name a silenced turn or a :class:`Rejection` carries,
and the name tests, logs, ``Decision.rejected`` and the rep console refer to. Turn rules check the
:class:`PolicyContext` and silence the whole turn when their check holds; candidate rules check a candidate and
the context and refuse it with a detail when their check returns one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from agent.policy.context import PolicyContext, same_need
from agent.policy.tone import unsettled_reason
from agent.signals.budget import currency_matches
from agent.types import Candidate, Rejection
from knowledge.measures import format_value, limit_exceeded, product_measures

TurnRule = Callable[[PolicyContext], "str | None"]
CandidateRule = Callable[[Candidate, PolicyContext], "Rejection | None"]

# Relation sources that make an item a strong complement of the cart (merchant-stated or mined from orders).
STRONG_COMPLEMENT_SOURCES = frozenset({"curated", "compatible", "copurchase"})
SOFT_ADDON_PAGES = frozenset({"cart", "checkout"})
# Float slack so that exactly-at-the-limit prices pass (130 over 100 is exactly 30%).
_EPS = 1e-9

#: Every rule by its registered name.
REGISTRY: dict[str, Callable] = {}


def _register(name: str, rule: Callable) -> None:
    if name in REGISTRY:
        raise ValueError(f"rule name {name!r} is registered twice")
    rule.rule_name = name  # type: ignore[attr-defined]
    REGISTRY[name] = rule


def rule_name(rule: Callable) -> str:
    """The name a rule is registered with (and emits)."""
    return rule.rule_name  # type: ignore[attr-defined]


def turn_rule(name: str) -> Callable[[Callable[[PolicyContext], bool]], TurnRule]:
    """Register a turn check under ``name``: the rule returns that name when the check holds, else None."""

    def register(check: Callable[[PolicyContext], bool]) -> TurnRule:
        @functools.wraps(check)
        def rule(ctx: PolicyContext) -> str | None:
            return name if check(ctx) else None

        _register(name, rule)
        return rule

    return register


def candidate_rule(name: str) -> Callable[[Callable[[Candidate, PolicyContext], "str | None"]], CandidateRule]:
    """Register a candidate check under ``name``: a detail it returns becomes a Rejection with that name."""

    def register(check: Callable[[Candidate, PolicyContext], str | None]) -> CandidateRule:
        @functools.wraps(check)
        def rule(c: Candidate, ctx: PolicyContext) -> Rejection | None:
            detail = check(c, ctx)
            return None if detail is None else Rejection(sku=c.product.sku, rule=name, detail=detail)

        _register(name, rule)
        return rule

    return register


# --- turn rules --------------------------------------------------------------------------------
@turn_rule("session_limit")
def session_limit(ctx: PolicyContext) -> bool:
    """No more than ``offers_per_session`` offers in one session."""
    return len(ctx.state.offers_made) >= ctx.limits.offers_per_session


@turn_rule("declines_silence")
def declines_silence(ctx: PolicyContext) -> bool:
    """After ``declines_before_silence`` declines, no more offers in the session."""
    return ctx.state.decline_count >= ctx.limits.declines_before_silence


@turn_rule("declined_this_turn")
def declined_this_turn(ctx: PolicyContext) -> bool:
    """The shopper just said no: this turn carries no offer."""
    return "decline" in ctx.signal_types


@turn_rule("support_issue")
def support_issue(ctx: PolicyContext) -> bool:
    """The shopper reports a problem: help, don't sell."""
    return "support" in ctx.signal_types


@turn_rule("reply_limit")
def reply_limit_zero(ctx: PolicyContext) -> bool:
    """A configured limit of zero offers per reply turns offers off."""
    return ctx.limits.offers_per_reply <= 0


@turn_rule("accepted_last_offer")
def accepted_last_offer(ctx: PolicyContext) -> bool:
    """The shopper took the last offer and asks for nothing new: confirm it, offer nothing.

    The agent checks it before gathering candidates (nothing to search for), so it is not in TURN_RULES.
    """
    return "accept" in ctx.signal_types and not ctx.has_need


@turn_rule("grumble_after_decline")
def grumble_after_decline(ctx: PolicyContext) -> bool:
    """Right after a no, the trouble mentioned again as a concession is no ask (agent.signals.unsettled): nothing
    is pushed at it, not even another answer to it."""
    return any(s.type == "unsettled" and s.mood == "grumble" for s in ctx.signals)


#: The name of the reply limit, also carried by candidates that pass but do not fit in the reply.
REPLY_LIMIT = rule_name(reply_limit_zero)

TURN_RULES: tuple[TurnRule, ...] = (
    support_issue,
    declined_this_turn,
    declines_silence,
    session_limit,
    reply_limit_zero,
    grumble_after_decline,
)


# --- candidate rules ---------------------------------------------------------------------------
@candidate_rule("inactive")
def inactive(c: Candidate, ctx: PolicyContext) -> str | None:
    """Inactive products are never offered."""
    return None if c.product.active else "product is not active"


@candidate_rule("out_of_stock")
def out_of_stock(c: Candidate, ctx: PolicyContext) -> str | None:
    """Out-of-stock products (stock == 0) are never offered; unknown stock is allowed."""
    return "stock is 0" if c.product.stock == 0 else None


@candidate_rule("in_cart")
def in_cart(c: Candidate, ctx: PolicyContext) -> str | None:
    """Never offer what the shopper already holds: a cart item, the item in focus, or what they just bought."""
    sku = c.product.sku
    if sku in ctx.cart_skus:
        return "already in the cart"
    if ctx.focus is not None and sku == ctx.focus.sku:
        return "is the item in focus"
    if sku in ctx.facts.purchased:
        return "already bought"
    return None


@candidate_rule("declined_sku")
def declined_sku(c: Candidate, ctx: PolicyContext) -> str | None:
    """Never again a sku the shopper declined."""
    return "declined earlier" if c.product.sku in ctx.declined else None


@candidate_rule("already_offered")
def already_offered(c: Candidate, ctx: PolicyContext) -> str | None:
    """One offer per sku per session: repeating it is nagging."""
    return "offered earlier" if c.product.sku in ctx.offered else None


@candidate_rule("post_purchase_upsell")
def post_purchase_upsell(c: Candidate, ctx: PolicyContext) -> str | None:
    """After a purchase there is nothing left to upgrade: add-ons only."""
    return "no upsell after purchase" if ctx.page == "post_purchase" and c.kind == "upsell" else None


@candidate_rule("no_need")
def no_need(c: Candidate, ctx: PolicyContext) -> str | None:
    """An offer must answer a stated need, except the soft cross-sell add-on at cart or checkout."""
    if c.need is not None:
        return None
    if ctx.has_need:
        return "does not answer the need the shopper stated"
    if c.kind == "upsell" or ctx.page not in SOFT_ADDON_PAGES:
        return "no stated need and not a cart/checkout add-on"
    return None


@candidate_rule("unprompted_off_topic")
def unprompted_off_topic(c: Candidate, ctx: PolicyContext) -> str | None:
    """No unprompted add-on in reply to a worry or plan nothing here answers: it would change the subject."""
    if c.need is None and ctx.unanswered:
        return f"the shopper spoke of something no candidate answers ({ctx.unanswered[0].text!r})"
    return None


@candidate_rule("unprompted_once")
def unprompted_once(c: Candidate, ctx: PolicyContext) -> str | None:
    """At most one unprompted add-on per session."""
    if c.need is None and ctx.unprompted_given:
        return "an unprompted add-on was already offered this session"
    return None


@candidate_rule("unprompted_after_decline")
def unprompted_after_decline(c: Candidate, ctx: PolicyContext) -> str | None:
    """A shopper who has said no once this session gets no unsolicited add-on (they still get answers to needs)."""
    if c.need is None and ctx.state.decline_count > 0:
        return "the shopper declined earlier in the session"
    return None


@candidate_rule("unprompted_unsettled")
def unprompted_unsettled(c: Candidate, ctx: PolicyContext) -> str | None:
    """No unprompted add-on while the shopper removes an item, complains or tries to rewrite prices or rules."""
    if c.need is not None:
        return None
    reason = unsettled_reason(ctx.signals)
    return None if reason is None else f"message reads as {reason}"


@candidate_rule("unprompted_while_open")
def unprompted_while_open(c: Candidate, ctx: PolicyContext) -> str | None:
    """One offer at a time: no unprompted add-on while the last turn's offer waits for an answer (neither taken,
    declined nor put in the cart) and the shopper has moved on to something else ("is shipping really 5 days?")."""
    last = ctx.state.last_offer
    if c.need is not None or last is None or last.turn != len(ctx.state.turns) - 1:
        return None
    if last.sku in ctx.state.declined_skus or last.sku in ctx.state.accepted_skus or last.sku in ctx.cart_skus:
        return None
    return f"the offer of {last.sku} is still open"


@candidate_rule("unprompted_strong")
def unprompted_strong(c: Candidate, ctx: PolicyContext) -> str | None:
    """An unprompted add-on must be a strong complement of a cart item (curated, compatible, co-purchase)."""
    if c.need is not None:
        return None
    if not ctx.cart:
        return "no cart to complement"
    if not STRONG_COMPLEMENT_SOURCES.intersection(c.sources):
        return "not a known complement of the cart"
    return None


@candidate_rule("unprompted_share")
def unprompted_share(c: Candidate, ctx: PolicyContext) -> str | None:
    """An unprompted add-on costs at most ``addon_share_unprompted`` of the cart total; a part an item in the cart
    comes without (the battery of a bare tool) completes the cart, and is held to the need-driven share."""
    share = ctx.limits.addon_share_need if c.required else ctx.limits.addon_share_unprompted
    if c.need is None and c.product.price > share * ctx.cart_total + _EPS:
        return f"{c.product.price} > {share:g} x cart {ctx.cart_total}"
    return None


@candidate_rule("no_replaced_item")
def no_replaced_item(c: Candidate, ctx: PolicyContext) -> str | None:
    """An upsell replaces something the shopper is looking at or holds."""
    if c.kind != "upsell":
        return None
    r = c.replaces
    if r is None:
        return "upsell without an item to replace"
    if r.sku not in ctx.cart_skus and (ctx.focus is None or r.sku != ctx.focus.sku):
        return f"{r.sku} is neither in focus nor in the cart"
    return None


@candidate_rule("no_anchor")
def no_anchor(c: Candidate, ctx: PolicyContext) -> str | None:
    """A cross-sell adds to something: a cart or an item in focus with a price."""
    if c.kind != "upsell" and ctx.addon_base <= 0:
        return "no cart or item in focus to add to"
    return None


@candidate_rule("max_uplift")
def max_uplift(c: Candidate, ctx: PolicyContext) -> str | None:
    """An upsell costs at most ``max_uplift`` more than the item it replaces."""
    if c.kind != "upsell" or c.replaces is None:
        return None
    p0 = c.replaces.price
    if p0 <= 0:
        return "replaced item has no price to compare with"
    uplift = (c.product.price - p0) / p0
    if uplift > ctx.limits.max_uplift + _EPS:
        return f"+{uplift * 100:.2f}% > +{ctx.limits.max_uplift * 100:g}%"
    return None


@candidate_rule("rated_below")
def rated_below(c: Candidate, ctx: PolicyContext) -> str | None:
    """An add-on rated below what it would serve (a filter for tanks up to 40 l beside an 80 l tank) does not fit."""
    if c.kind == "upsell":
        return None
    held = [product_measures(p) for p in ctx.facts.held]
    over = limit_exceeded(product_measures(c.product), held)
    if over is None:
        return None
    limit, size = over
    rated, held_size = format_value(limit.dimension, limit.value), format_value(size.dimension, size.value)
    return f"rated for {rated} ({limit.slot}); what it is for measures {held_size}"


@candidate_rule("addon_share_need")
def addon_share_need(c: Candidate, ctx: PolicyContext) -> str | None:
    """A need-driven cross-sell costs at most ``addon_share_need`` x the focus item (or the cart)."""
    if c.kind == "upsell" or c.need is None:
        return None
    cap = ctx.limits.addon_share_need * ctx.addon_base
    if c.product.price > cap + _EPS:
        return f"{c.product.price} > {ctx.limits.addon_share_need:g} x {ctx.addon_base}"
    return None


@candidate_rule("budget")
def over_budget(c: Candidate, ctx: PolicyContext) -> str | None:
    """Never take the shopper over a budget they stated (hard limit); the page's and the stated one both bind.

    What the offer adds: a cross-sell's price, an upsell's price difference (times the quantity in the cart).
    What the shopper would spend: what they hold (the cart, else the item in focus) plus that.

    - The page's budget is always the order's total: the spend must fit.
    - A budget stated in words as ``extra`` ("another 20 at most", "30 more") bounds what the offer adds.
    - One stated as ``total`` ("I can't go over $70") bounds the spend; but said below what the shopper already
      holds it can only be meant for the item in question, so then the offer's own price must fit.
    - One stated in a clearly different currency than the store's (roubles in a USD store) cannot be checked
      without FX rates: nothing is offered under it (agent.signals.budget.currency_matches).
    """
    if ctx.budget is None:
        return None
    price = c.product.price
    held, added = held_and_added(c, ctx)
    spend = held + added
    page = ctx.facts.page_budget
    what = "cart would total" if ctx.cart else "would total"
    if page is not None and spend > page + _EPS:
        return f"{what} {spend:.2f} > budget {page:g}"
    stated = ctx.stated_budget
    if stated is None:
        return None
    currency = ctx.facts.budget_currency
    if not currency_matches(currency, ctx.store_currency):
        return f"budget stated in {currency}, the store prices in {ctx.store_currency}: cannot check it"
    if ctx.facts.budget_scope == "extra":
        return f"adds {added:.2f} > extra budget {stated:g}" if added > stated + _EPS else None
    if stated < held - _EPS:
        return f"price {price} > budget {stated:g} for the item" if price > stated + _EPS else None
    return f"{what} {spend:.2f} > budget {stated:g}" if spend > stated + _EPS else None


def held_and_added(c: Candidate, ctx: PolicyContext) -> tuple[float, float]:
    """What the shopper holds before the offer, and what the offer adds to it."""
    if c.kind != "upsell":
        return ctx.addon_base, c.product.price
    r = c.replaces
    if r is None:
        return ctx.cart_total, c.product.price
    if r.sku in ctx.cart_skus:
        qty = ctx.cart_qty.get(r.sku, 1)
        return ctx.cart_total, (c.product.price - r.price) * qty
    # The item being looked at is not in the cart yet: buying it (or its upgrade) comes on top of the cart.
    return ctx.cart_total + r.price, c.product.price - r.price


@candidate_rule("upgrade_same_need")
def upgrade_same_need(c: Candidate, ctx: PolicyContext) -> str | None:
    """One upgrade per need per session: the shopper heard it once."""
    if c.kind != "upsell" or c.need is None:
        return None
    for text in ctx.upsold_needs:
        if same_need(text, c.need.text):
            return f"an upgrade was already offered for {text!r}"
    return None


def asks_cheaper(ctx: PolicyContext) -> bool:
    """Whether a need of this turn asks for a cheaper version (``Signal.wants == "cheaper"``)."""
    return any(s.type == "need" and getattr(s, "wants", None) == "cheaper" for s in ctx.signals)


@candidate_rule("cheaper_only")
def cheaper_only(c: Candidate, ctx: PolicyContext) -> str | None:
    """Asked for something cheaper: only a cheaper version of the item in focus, never an add-on or an upgrade."""
    if not asks_cheaper(ctx):
        return None
    if c.kind != "upsell" or c.replaces is None:
        return "the shopper asked for something cheaper: no add-ons"
    if ctx.focus is not None and c.replaces.sku != ctx.focus.sku:
        return f"replaces {c.replaces.sku}, not the item in focus"
    if c.product.price >= c.replaces.price - _EPS:
        return f"{c.product.price} is not cheaper than {c.replaces.price}"
    return None


@candidate_rule("better_means_a_version")
def better_means_a_version(c: Candidate, ctx: PolicyContext) -> str | None:
    """A need asking for a better version (``Signal.wants == "better"``) is answered by a version, not an add-on."""
    if c.kind != "upsell" and c.need is not None and getattr(c.need, "wants", None) == "better":
        return "the shopper asked for a better version, not an add-on"
    return None


@candidate_rule("purchased_no_upgrade")
def purchased_no_upgrade(c: Candidate, ctx: PolicyContext) -> str | None:
    """A product bought in this session is never replaced by another version, on any page."""
    if c.kind == "upsell" and c.replaces is not None and c.replaces.sku in ctx.facts.purchased:
        return f"{c.replaces.sku} was already bought"
    return None


# Cheapest and most absolute first, so a refusal names the most basic reason.
CANDIDATE_RULES: tuple[CandidateRule, ...] = (
    inactive,
    out_of_stock,
    in_cart,
    declined_sku,
    already_offered,
    post_purchase_upsell,
    purchased_no_upgrade,
    cheaper_only,
    better_means_a_version,
    no_need,
    unprompted_off_topic,
    unprompted_once,
    unprompted_after_decline,
    unprompted_unsettled,
    unprompted_while_open,
    unprompted_strong,
    unprompted_share,
    no_replaced_item,
    no_anchor,
    max_uplift,
    rated_below,
    addon_share_need,
    over_budget,
    upgrade_same_need,
)


def first_rejection(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """Run the candidate rules in order; the first refusal, or None when the candidate passes them all."""
    for rule in CANDIDATE_RULES:
        r = rule(c, ctx)
        if r is not None:
            return r
    return None
