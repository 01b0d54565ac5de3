"""Rep assist: two or three suggested replies for the shopper's latest message, each with its guardrail status,
every product the policy weighed (eligible alternatives the rep may pick, refusals with the reason in words),
and recording the reply the rep chose.

Suggestions never record the turn: they use ``agent.plan()`` and the reply composer, never ``commit()``.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from agent.agent import SalesAgent, TurnPlan
from agent.assist_models import (
    CandidateChoice,
    CheckName,
    GuardrailCheck,
    GuardrailStatus,
    OfferNotAllowed,
    ReplyRejected,
    SendRequest,
    Suggestion,
    SuggestRequest,
    SuggestResponse,
)
from agent.deps import AgentDeps
from agent.judge import with_decision
from agent.offers import make_offer
from agent.policy import PolicyContext, rule_name
from agent.policy import rules as R
from agent.policy.rules import REPLY_LIMIT
from agent.rep_wording import CHECK_LABELS, clarifying_question, rule_text, support_reply
from agent.reply.checks import check_reply
from agent.schemas import ChatContext, ChatRequest, ChatResponse, Offer
from agent.types import Candidate, Decision, PolicyLimits, Rejection
from knowledge.bundles import offer_product, parts_of
from knowledge.catalog import Catalog

__all__ = [
    "Assistant", "CandidateChoice", "GuardrailCheck", "GuardrailStatus", "OfferNotAllowed", "Outbox",
    "ReplyRejected", "SendRequest", "SuggestRequest", "SuggestResponse", "Suggestion", "build_suggestions",
    "eligible_offers", "guardrail_checks",
]

#: Alternatives shown with a ready-made reply; composing one per candidate costs a model call when a model writes.
MAX_ALTERNATIVES = 3
#: Recorded for a policy pick the rep passed over for another eligible candidate.
REP_CHOICE = "rep_choice"


class Outbox(Protocol):
    """Where a sent reply goes so the shopper's widget receives it (agent.inbox_store.InboxStore)."""

    def add(self, session_id: str, turn: int, text: str, offer: Offer | None):
        """Store the reply for delivery."""
        ...


class Assistant:
    """Rep assist on top of a SalesAgent: suggest replies without recording anything, record the one sent."""

    def __init__(self, agent: SalesAgent, outbox: Outbox | None = None):
        self.agent = agent
        self.outbox = outbox

    def suggest(self, request: SuggestRequest) -> SuggestResponse:
        """Suggested replies for the shopper's message; the session is left unchanged."""
        plan = self.agent.plan(_chat_request(request.session_id, request.message, request.context))
        deps = self.agent.deps
        return SuggestResponse(
            session_id=request.session_id,
            signals=plan.signals,
            suggestions=build_suggestions(deps, plan),
            candidates=candidate_choices(deps, plan),
        )

    def send(self, session_id: str, request: SendRequest) -> ChatResponse:
        """Record the rep's reply as the session's next turn, and hand it to the outbox for the shopper.

        Raises OfferNotAllowed for an offer that is not eligible now (the guardrails run again), and
        ReplyRejected (with every problem) for a reply failing the grounding or pressure check a model reply must
        pass; either way nothing is stored.
        """
        # Plan and commit under the agent's per-session lock, like respond(), so a shopper turn cannot interleave.
        with self.agent.session_lock(session_id):
            plan = self.agent.plan(_chat_request(session_id, request.message, request.context))
            decision = plan.decision.model_copy(update={"offers": []})
            extra = []
            if request.offer_sku:
                chosen = eligible_offers(self.agent.deps, plan).get(request.offer_sku)
                if chosen is None:
                    raise OfferNotAllowed(request.offer_sku)
                decision = _choose(plan.decision, chosen)
                extra = [p for p in [self.agent.deps.knowledge.catalog.get(chosen.sku)] if p is not None]
            # What the reply may say follows the offer actually sent: an allowed offer the rep left out is not sayable.
            final = with_decision(plan.reply_input, decision, [])
            if extra and all(p.sku != extra[0].sku for p in final.facts):
                final = final.model_copy(update={"facts": [*final.facts, *extra]})
            problems = check_reply(request.reply, final)
            if problems:
                raise ReplyRejected(problems)
            plan.decision, plan.reply_input = decision, final
            turn = len(plan.state.turns)
            response = self.agent.commit(plan, request.reply)
            if self.outbox is not None:
                self.outbox.add(session_id, turn, request.reply, decision.offers[0] if decision.offers else None)
            return response


def _chat_request(session_id: str, message: str, context: ChatContext) -> ChatRequest:
    return ChatRequest(session_id=session_id, message=message, context=context)


def _choose(default: Decision, chosen: Offer) -> Decision:
    """The decision with the rep's pick; policy picks passed over are recorded as refused by the rep's choice."""
    if [o.sku for o in default.offers] == [chosen.sku]:
        return default
    kept = [r for r in default.rejected if r.sku != chosen.sku]
    passed_over = [
        Rejection(sku=o.sku, rule=REP_CHOICE, detail=f"the rep chose {chosen.sku}") for o in default.offers
    ]
    return Decision(offers=[chosen], rejected=[*kept, *passed_over], silenced_by=default.silenced_by)


def guardrail_checks(
    offer: Offer, plan: TurnPlan, catalog: Catalog, limits: PolicyLimits
) -> list[GuardrailCheck]:
    """Run the policy's own rules on an offer: uplift vs limit, budget, stock, in cart, declined before."""
    ctx = PolicyContext(facts=plan.facts, signals=plan.signals, state=plan.state, limits=limits)
    product = offer_product(offer.sku, catalog)  # an FBT set resolves to its components
    if product is None:  # the catalog changed under the plan: nothing can be vouched for
        return [GuardrailCheck(name="stock", label=CHECK_LABELS["stock"], passed=False, rule="unknown_sku",
                               detail=f"{offer.sku} is no longer in the catalog")]
    if offer.regular_price is not None:  # on a live promotion: the guardrails measure the promo price
        product = product.model_copy(update={"price": offer.price})
    need = next((s for s in plan.signals if s.type == "need"), None)
    parts = parts_of(product, catalog) or []
    required = any(c.required for c in plan.candidates if c.product.sku == offer.sku)
    cand = Candidate(product=product, kind=offer.kind, replaces=catalog.get(offer.replaces_sku), need=need, parts=parts,
                     required=required)

    def check(name: CheckName, rule_fns, ok_detail: str) -> GuardrailCheck:
        for fn in rule_fns:
            rej = fn(cand, ctx)
            if rej is not None:
                return GuardrailCheck(name=name, label=CHECK_LABELS[name], passed=False, rule=rej.rule,
                                      detail=rule_text(rej.rule) + (f" ({rej.detail})" if rej.detail else ""))
        return GuardrailCheck(name=name, label=CHECK_LABELS[name], passed=True, rule=rule_name(rule_fns[-1]),
                              detail=ok_detail)

    if offer.kind == "upsell":
        uplift_rules = [R.max_uplift]
        uplift_ok = f"+{offer.uplift_pct:.1f}% within the +{limits.max_uplift * 100:g}% limit"
    elif need is not None:
        uplift_rules = [R.addon_share_need]
        uplift_ok = f"adds {offer.uplift_pct:.1f}% within the {limits.addon_share_need * 100:g}% need-driven limit"
    elif required:
        uplift_rules = [R.unprompted_share]
        uplift_ok = (f"adds {offer.uplift_pct:.1f}% within the {limits.addon_share_need * 100:g}% limit for a part "
                     "an item in the cart comes without")
    else:
        uplift_rules = [R.unprompted_share]
        uplift_ok = f"adds {offer.uplift_pct:.1f}% within the {limits.addon_share_unprompted * 100:g}% add-on limit"
    budget_ok = "no budget stated" if ctx.budget is None else f"fits the stated budget of {ctx.budget:g}"
    stock_ok = "stock not tracked (allowed)" if product.stock is None else f"{product.stock} in stock"
    return [
        check("uplift", uplift_rules, uplift_ok),
        check("budget", [R.over_budget], budget_ok),
        check("stock", [R.inactive, R.out_of_stock], stock_ok),
        check("in_cart", [R.in_cart], "not in the cart or in focus"),
        check("declined", [R.declined_sku], "not declined in this session"),
    ]


def eligible_offers(deps: AgentDeps, plan: TurnPlan) -> dict[str, Offer]:
    """Offers the rep may send this turn, the policy's pick first: it, and every candidate that passed every rule
    but did not fit in the reply, provided its guardrail checks pass again now."""
    out = {o.sku: o for o in plan.decision.offers}
    if plan.decision.silenced_by is not None:
        return out
    catalog = deps.knowledge.catalog
    ctx = PolicyContext(facts=plan.facts, signals=plan.signals, state=plan.state, limits=deps.limits)
    by_sku = {c.product.sku: c for c in plan.candidates}
    for rej in plan.decision.rejected:
        cand = by_sku.get(rej.sku)
        if rej.rule != REPLY_LIMIT or cand is None or rej.sku in out:
            continue
        offer = make_offer(cand, ctx)
        if all(c.passed for c in guardrail_checks(offer, plan, catalog, deps.limits)):
            out[offer.sku] = offer
    return out


def _with_offer(deps: AgentDeps, plan: TurnPlan, offer: Offer) -> str:
    """The composed reply proposing ``offer`` instead of the policy's pick."""
    product = deps.knowledge.catalog.get(offer.sku)
    decision = _choose(plan.decision, offer)
    inp = with_decision(plan.reply_input, decision, [])
    if product is not None and all(p.sku != product.sku for p in inp.facts):
        inp = inp.model_copy(update={"facts": [*inp.facts, product]})
    return deps.composer.compose(inp).text


def candidate_choices(deps: AgentDeps, plan: TurnPlan) -> list[CandidateChoice]:
    """Every product the policy weighed: the default offer, eligible alternatives (with a reply ready), then
    refusals with their reason in plain words."""
    catalog = deps.knowledge.catalog
    eligible = eligible_offers(deps, plan)
    default = {o.sku for o in plan.decision.offers}
    out: list[CandidateChoice] = []
    for n, offer in enumerate(eligible.values()):
        is_default = offer.sku in default
        text = None
        if not is_default and n <= MAX_ALTERNATIVES:
            text = _with_offer(deps, plan, offer)
        out.append(CandidateChoice(
            sku=offer.sku, name=offer.name, kind=offer.kind, price=offer.price, currency=offer.currency,
            eligible=True, default=is_default,
            reason="The policy's pick" if is_default else "Also passes every guardrail",
            offer=offer, checks=guardrail_checks(offer, plan, catalog, deps.limits), text=text,
        ))
    kinds = {c.product.sku: c.kind for c in plan.candidates}
    for rej in plan.decision.rejected:
        product = catalog.get(rej.sku)
        if rej.sku in eligible or product is None or any(c.sku == rej.sku for c in out):
            continue
        out.append(CandidateChoice(
            sku=rej.sku, name=product.name, kind=kinds.get(rej.sku, "cross_sell"), price=product.price,
            currency=catalog.currency, eligible=False, reason=rule_text(rej.rule), rule=rej.rule,
        ))
    return out


def _replace(obj, **changes):
    """A copy of a pydantic model or dataclass with some fields changed."""
    if hasattr(obj, "model_copy"):
        return obj.model_copy(update=changes)
    return dataclasses.replace(obj, **changes)


def _offer_label(offer: Offer) -> str:
    verb = "upgrade to" if offer.kind == "upsell" else "add"
    return f"Answer + offer ({verb} {offer.name})"


def build_suggestions(deps: AgentDeps, plan: TurnPlan) -> list[Suggestion]:
    """Answer only (a support reply written for a rep on a support turn); answer with the policy's offer when it
    allows one; a clarifying question built from what the shopper looks at."""
    catalog = deps.knowledge.catalog
    decision: Decision = plan.decision
    silenced_reason = rule_text(decision.silenced_by) or None
    status_none = GuardrailStatus(
        passed=True, rejected=decision.rejected, silenced_by=decision.silenced_by, silenced_reason=silenced_reason
    )
    out: list[Suggestion] = []
    support = any(s.type == "support" for s in plan.signals)
    focus = catalog.get(plan.context.product_sku)

    if support:
        # The rep is the support team: they take the case on rather than point to self-service pages.
        out.append(Suggestion(
            kind="answer", label="Support reply", text=support_reply(plan.signals, plan.request.message, focus),
            guardrails=status_none,
            rationale="The shopper has a problem: take it on and ask for what you need to solve it; nothing is sold.",
        ))
    else:
        offered = {o.sku for o in decision.offers}
        plain_input = _replace(plan.reply_input, decision=decision.model_copy(update={"offers": []}))
        if offered and hasattr(plain_input, "facts"):
            # Without the offer, its product is no longer a fact the reply may name.
            plain_input = _replace(plain_input, facts=[p for p in plain_input.facts if p.sku not in offered])
        why = "Answers the message without proposing anything"
        if decision.silenced_by:
            why += f". No offer this turn: {silenced_reason.lower()}"
        elif not decision.offers:
            why += ". Nothing passed the guardrails" if decision.rejected else ". Nothing relevant to offer"
        out.append(Suggestion(kind="answer", label="Answer only", text=deps.composer.compose(plain_input).text,
                              guardrails=status_none, rationale=why + "."))

    for offer in decision.offers[:1]:  # one offer per reply, like the agent
        checks = guardrail_checks(offer, plan, catalog, deps.limits)
        out.append(Suggestion(
            kind="offer", label=_offer_label(offer), text=deps.composer.compose(plan.reply_input).text, offer=offer,
            guardrails=GuardrailStatus(
                passed=all(c.passed for c in checks), checks=checks, rejected=decision.rejected,
                silenced_by=decision.silenced_by, silenced_reason=silenced_reason,
            ),
            rationale=f"A soft {'upgrade' if offer.kind == 'upsell' else 'add-on'} that passes every guardrail: "
            f"{offer.reason}.",
        ))

    has_need = any(s.type == "need" for s in plan.signals)
    eligible = eligible_offers(deps, plan)
    if support or not decision.offers or not has_need or len(eligible) >= 2:
        options = [p for p in (catalog.get(s) for s in eligible) if p is not None]
        budget_known = plan.context.budget is not None or plan.state.budget is not None
        question = clarifying_question(
            plan.request.message, plan.signals, focus, plan.reply_input.cart, options, budget_known
        )
        out.append(Suggestion(
            kind="clarify", label="Clarifying question", text=question, guardrails=status_none,
            rationale="Finds out what the shopper needs before anything is proposed.",
        ))
    return out
