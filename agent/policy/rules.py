"""The offer guardrails (CONTRACTS section 6) as pure functions, one per rule.

Turn rules take the :class:`PolicyContext` and return the rule's name when it silences the whole turn.
Candidate rules take a candidate and the context and return a :class:`Rejection` when they refuse it.
Every rule is named; the name is what tests, logs and ``Decision.rejected`` refer to.
"""

from __future__ import annotations

from collections.abc import Callable

from agent.policy.context import PolicyContext, same_need
from agent.policy.tone import unsettled_reason
from agent.types import Candidate, Rejection

TurnRule = Callable[[PolicyContext], "str | None"]
CandidateRule = Callable[[Candidate, PolicyContext], "Rejection | None"]

# Relation sources that make an item a strong complement of the cart (merchant-stated or mined from orders).
STRONG_COMPLEMENT_SOURCES = frozenset({"curated", "compatible", "copurchase"})
SOFT_ADDON_PAGES = frozenset({"cart", "checkout"})
# Float slack so that exactly-at-the-limit prices pass (130 over 100 is exactly 30%).
_EPS = 1e-9


def _reject(c: Candidate, rule: str, detail: str) -> Rejection:
    return Rejection(sku=c.product.sku, rule=rule, detail=detail)


# --- turn rules --------------------------------------------------------------------------------
def session_limit(ctx: PolicyContext) -> str | None:
    """No more than ``offers_per_session`` offers in one session."""
    return "session_limit" if len(ctx.state.offers_made) >= ctx.limits.offers_per_session else None


def declines_silence(ctx: PolicyContext) -> str | None:
    """After ``declines_before_silence`` declines, no more offers in the session."""
    return "declines_silence" if ctx.state.decline_count >= ctx.limits.declines_before_silence else None


def declined_this_turn(ctx: PolicyContext) -> str | None:
    """The shopper just said no: this turn carries no offer."""
    return "declined_this_turn" if "decline" in ctx.signal_types else None


def support_issue(ctx: PolicyContext) -> str | None:
    """The shopper reports a problem: help, don't sell."""
    return "support_issue" if "support" in ctx.signal_types else None


def reply_limit_zero(ctx: PolicyContext) -> str | None:
    """A configured limit of zero offers per reply turns offers off."""
    return "reply_limit" if ctx.limits.offers_per_reply <= 0 else None


TURN_RULES: tuple[TurnRule, ...] = (
    support_issue,
    declined_this_turn,
    declines_silence,
    session_limit,
    reply_limit_zero,
)


# --- candidate rules ---------------------------------------------------------------------------
def inactive(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """Inactive products are never offered."""
    return None if c.product.active else _reject(c, "inactive", "product is not active")


def out_of_stock(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """Out-of-stock products (stock == 0) are never offered; unknown stock is allowed."""
    return _reject(c, "out_of_stock", "stock is 0") if c.product.stock == 0 else None


def in_cart(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """Never offer what the shopper already holds: a cart item, the item in focus, or what they just bought."""
    sku = c.product.sku
    if sku in ctx.cart_skus:
        return _reject(c, "in_cart", "already in the cart")
    if ctx.focus is not None and sku == ctx.focus.sku:
        return _reject(c, "in_cart", "is the item in focus")
    if sku in ctx.state.purchased_skus:
        return _reject(c, "in_cart", "already bought")
    return None


def declined_sku(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """Never again a sku the shopper declined."""
    return _reject(c, "declined_sku", "declined earlier") if c.product.sku in ctx.declined else None


def already_offered(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """One offer per sku per session: repeating it is nagging."""
    return _reject(c, "already_offered", "offered earlier") if c.product.sku in ctx.offered else None


def post_purchase_upsell(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """After a purchase there is nothing left to upgrade: add-ons only."""
    if ctx.page == "post_purchase" and c.kind == "upsell":
        return _reject(c, "post_purchase_upsell", "no upsell after purchase")
    return None


def no_need(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """An offer must answer a stated need, except the soft cross-sell add-on at cart or checkout."""
    if c.need is not None:
        return None
    if ctx.has_need:
        return _reject(c, "no_need", "does not answer the need the shopper stated")
    if c.kind != "cross_sell" or ctx.page not in SOFT_ADDON_PAGES:
        return _reject(c, "no_need", "no stated need and not a cart/checkout add-on")
    return None


def unprompted_once(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """At most one unprompted add-on per session."""
    if c.need is None and ctx.unprompted_given:
        return _reject(c, "unprompted_once", "an unprompted add-on was already offered this session")
    return None


def unprompted_after_decline(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """A shopper who has said no once this session gets no unsolicited add-on (they still get answers to needs)."""
    if c.need is None and ctx.state.decline_count > 0:
        return _reject(c, "unprompted_after_decline", "the shopper declined earlier in the session")
    return None


def unprompted_unsettled(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """No unprompted add-on while the shopper removes an item, complains or tries to rewrite prices or rules."""
    if c.need is not None:
        return None
    reason = unsettled_reason(ctx.message)
    return None if reason is None else _reject(c, "unprompted_unsettled", f"message reads as {reason}")


def unprompted_strong(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """An unprompted add-on must be a strong complement of a cart item (curated, compatible, co-purchase)."""
    if c.need is not None:
        return None
    if not ctx.cart:
        return _reject(c, "unprompted_strong", "no cart to complement")
    if not STRONG_COMPLEMENT_SOURCES.intersection(c.sources):
        return _reject(c, "unprompted_strong", "not a known complement of the cart")
    return None


def unprompted_share(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """An unprompted add-on costs at most ``addon_share_unprompted`` of the cart total."""
    if c.need is None and c.product.price > ctx.limits.addon_share_unprompted * ctx.cart_total + _EPS:
        return _reject(
            c, "unprompted_share", f"{c.product.price} > {ctx.limits.addon_share_unprompted:g} x cart {ctx.cart_total}"
        )
    return None


def no_replaced_item(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """An upsell replaces something the shopper is looking at or holds."""
    if c.kind != "upsell":
        return None
    r = c.replaces
    if r is None:
        return _reject(c, "no_replaced_item", "upsell without an item to replace")
    if r.sku not in ctx.cart_skus and (ctx.focus is None or r.sku != ctx.focus.sku):
        return _reject(c, "no_replaced_item", f"{r.sku} is neither in focus nor in the cart")
    return None


def no_anchor(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """A cross-sell adds to something: a cart or an item in focus with a price."""
    if c.kind == "cross_sell" and ctx.addon_base <= 0:
        return _reject(c, "no_anchor", "no cart or item in focus to add to")
    return None


def max_uplift(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """An upsell costs at most ``max_uplift`` more than the item it replaces."""
    if c.kind != "upsell" or c.replaces is None:
        return None
    p0 = c.replaces.price
    if p0 <= 0:
        return _reject(c, "max_uplift", "replaced item has no price to compare with")
    uplift = (c.product.price - p0) / p0
    if uplift > ctx.limits.max_uplift + _EPS:
        return _reject(c, "max_uplift", f"+{uplift * 100:.2f}% > +{ctx.limits.max_uplift * 100:g}%")
    return None


def addon_share_need(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """A need-driven cross-sell costs at most ``addon_share_need`` x the focus item (or the cart)."""
    if c.kind != "cross_sell" or c.need is None:
        return None
    cap = ctx.limits.addon_share_need * ctx.addon_base
    if c.product.price > cap + _EPS:
        return _reject(c, "addon_share_need", f"{c.product.price} > {ctx.limits.addon_share_need:g} x {ctx.addon_base}")
    return None


def over_budget(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """Never take the shopper over a budget they stated (hard limit).

    An upsell's price, and the cart with it swapped in, must fit. A cross-sell is checked with what it is added
    to (cart, else the item in focus). A page's budget is always such a total; a budget the shopper stated in
    words that is below what they already hold can only be meant for the added item, so then the item's own
    price is checked against it.
    """
    b = ctx.budget
    if b is None:
        return None
    price = c.product.price
    if c.kind == "upsell":
        if price > b + _EPS:
            return _reject(c, "budget", f"price {price} > budget {b:g}")
        r = c.replaces
        if r is not None and r.sku in ctx.cart_skus:
            total = ctx.cart_total + (price - r.price) * ctx.cart_qty.get(r.sku, 1)
            if total > b + _EPS:
                return _reject(c, "budget", f"cart would total {total:.2f} > budget {b:g}")
        return None
    total = ctx.addon_base + price
    page = ctx.context.budget
    if page is not None and total > page + _EPS:
        return _reject(c, "budget", f"{ctx.addon_base:g} + {price} > budget {page:g}")
    stated = ctx.stated_budget
    if stated is None:
        return None
    if stated < ctx.addon_base:
        if price > stated + _EPS:
            return _reject(c, "budget", f"price {price} > budget {stated:g} for the item")
        return None
    if total > stated + _EPS:
        return _reject(c, "budget", f"{ctx.addon_base:g} + {price} > budget {stated:g}")
    return None


def upgrade_same_need(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """One upgrade per need per session: the shopper heard it once."""
    if c.kind != "upsell" or c.need is None:
        return None
    for text in ctx.upsold_needs:
        if same_need(text, c.need.text):
            return _reject(c, "upgrade_same_need", f"an upgrade was already offered for {text!r}")
    return None


# Cheapest and most absolute first, so a refusal names the most basic reason.
CANDIDATE_RULES: tuple[CandidateRule, ...] = (
    inactive,
    out_of_stock,
    in_cart,
    declined_sku,
    already_offered,
    post_purchase_upsell,
    no_need,
    unprompted_once,
    unprompted_after_decline,
    unprompted_unsettled,
    unprompted_strong,
    unprompted_share,
    no_replaced_item,
    no_anchor,
    max_uplift,
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
