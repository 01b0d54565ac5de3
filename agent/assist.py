"""Rep assist: two or three suggested replies for the shopper's latest message, each with its guardrail status,
and recording the reply the rep chose.

Suggestions never record the turn: they use ``agent.plan()`` and the reply composer, never ``commit()``.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.agent import SalesAgent, TurnPlan
from agent.deps import AgentDeps
from agent.judge import with_decision
from agent.policy import PolicyContext, rule_name
from agent.policy import rules as R
from agent.reply.checks import check_reply
from agent.schemas import ChatContext, ChatRequest, ChatResponse, Offer, Signal
from agent.types import Candidate, Decision, PolicyLimits, Rejection
from knowledge.bundles import offer_product, parts_of
from knowledge.catalog import Catalog

CheckName = Literal["uplift", "budget", "stock", "in_cart", "declined"]
SuggestionKind = Literal["answer", "offer", "clarify"]


class GuardrailCheck(BaseModel):
    """One guardrail an offer was checked against."""

    name: CheckName
    passed: bool
    rule: str = Field(description="The registered name of the policy rule that implements the check.")
    detail: str


class GuardrailStatus(BaseModel):
    """Which checks a suggestion's offer passed, and what the policy refused this turn (with rule names)."""

    passed: bool = Field(description="True when every check passed (or there is no offer).")
    checks: list[GuardrailCheck] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list, description="Candidates the policy refused this turn.")
    silenced_by: str | None = Field(None, description="Rule that suppressed every offer this turn, if any.")


class Suggestion(BaseModel):
    """One reply a rep could send."""

    kind: SuggestionKind
    text: str
    offer: Offer | None = None
    guardrails: GuardrailStatus
    rationale: str


class SuggestRequest(BaseModel):
    """The shopper's latest message in a session, with its context."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "session_id": "abc",
                    "message": "I wish my battery lasted all day",
                    "context": {"page": "product", "product_sku": "PX8-128"},
                }
            ]
        }
    )

    session_id: str = Field(min_length=1, max_length=200)
    message: str = Field(max_length=20_000)
    context: ChatContext = Field(default_factory=ChatContext)


class SuggestResponse(BaseModel):
    """Suggested replies for the rep; nothing was recorded."""

    session_id: str
    signals: list[Signal]
    suggestions: list[Suggestion]


class SendRequest(BaseModel):
    """The reply a rep chose (possibly edited) for the shopper's message."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "message": "I wish my battery lasted all day",
                    "context": {"page": "product", "product_sku": "PX8-128"},
                    "reply": "A 20,000 mAh power bank would get you through the day.",
                    "offer_sku": "PB-20K",
                }
            ]
        }
    )

    message: str = Field(max_length=20_000, description="The shopper message being answered.")
    context: ChatContext = Field(default_factory=ChatContext)
    reply: str = Field(min_length=1, max_length=20_000, description="The text the rep sent.")
    offer_sku: str | None = Field(None, description="The offer sent with the reply; must be one the policy allowed.")


class OfferNotAllowed(ValueError):
    """A rep tried to send an offer the policy does not allow for the message."""

    def __init__(self, sku: str):
        self.sku = sku
        super().__init__(f"{sku} is not an offer the policy allows for this message")


class ReplyRejected(ValueError):
    """A rep's reply failed the grounding or pressure check a model reply must pass; nothing was stored."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("the reply was not sent: " + "; ".join(problems))


class Assistant:
    """Rep assist on top of a SalesAgent: suggest replies without recording anything, record the one sent."""

    def __init__(self, agent: SalesAgent):
        self.agent = agent

    def suggest(self, request: SuggestRequest) -> SuggestResponse:
        """Suggested replies for the shopper's message; the session is left unchanged."""
        plan = self.agent.plan(_chat_request(request.session_id, request.message, request.context))
        return SuggestResponse(
            session_id=request.session_id, signals=plan.signals, suggestions=build_suggestions(self.agent.deps, plan)
        )

    def send(self, session_id: str, request: SendRequest) -> ChatResponse:
        """Record the rep's reply as the session's next turn.

        Raises OfferNotAllowed for an offer the policy did not allow, and ReplyRejected (with every problem) for a
        reply failing the grounding or pressure check a model reply must pass; either way nothing is stored.
        """
        # Plan and commit under the agent's per-session lock, like respond(), so a shopper turn cannot interleave.
        with self.agent.session_lock(session_id):
            plan = self.agent.plan(_chat_request(session_id, request.message, request.context))
            offers = []
            if request.offer_sku:
                offers = [o for o in plan.decision.offers if o.sku == request.offer_sku]
                if not offers:
                    raise OfferNotAllowed(request.offer_sku)
            decision = plan.decision.model_copy(update={"offers": offers})
            # What the reply may say follows the offer actually sent: an allowed offer the rep left out is not sayable.
            final = with_decision(plan.reply_input, decision, [])
            problems = check_reply(request.reply, final)
            if problems:
                raise ReplyRejected(problems)
            plan.decision, plan.reply_input = decision, final
            return self.agent.commit(plan, request.reply)


def _chat_request(session_id: str, message: str, context: ChatContext) -> ChatRequest:
    return ChatRequest(session_id=session_id, message=message, context=context)


def guardrail_checks(
    offer: Offer, plan: TurnPlan, catalog: Catalog, limits: PolicyLimits
) -> list[GuardrailCheck]:
    """Run the policy's own rules on an offer: uplift vs limit, budget, stock, in cart, declined before."""
    ctx = PolicyContext(facts=plan.facts, signals=plan.signals, state=plan.state, limits=limits)
    product = offer_product(offer.sku, catalog)  # an FBT set resolves to its components
    if product is None:  # the catalog changed under the plan: nothing can be vouched for
        return [GuardrailCheck(name="stock", passed=False, rule="unknown_sku", detail=f"{offer.sku} not in catalog")]
    need = next((s for s in plan.signals if s.type == "need"), None)
    parts = parts_of(product, catalog) or []
    cand = Candidate(product=product, kind=offer.kind, replaces=catalog.get(offer.replaces_sku), need=need, parts=parts)

    def check(name: CheckName, rule_fns, ok_detail: str) -> GuardrailCheck:
        for fn in rule_fns:
            rej = fn(cand, ctx)
            if rej is not None:
                return GuardrailCheck(name=name, passed=False, rule=rej.rule, detail=rej.detail)
        return GuardrailCheck(name=name, passed=True, rule=rule_name(rule_fns[-1]), detail=ok_detail)

    if offer.kind == "upsell":
        uplift_rules, uplift_ok = [R.max_uplift], f"+{offer.uplift_pct:.1f}% within the +{limits.max_uplift * 100:g}% limit"
    elif need is not None:
        uplift_rules = [R.addon_share_need]
        uplift_ok = f"adds {offer.uplift_pct:.1f}% within the {limits.addon_share_need * 100:g}% need-driven limit"
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


def _replace(obj, **changes):
    """A copy of a pydantic model or dataclass with some fields changed."""
    if hasattr(obj, "model_copy"):
        return obj.model_copy(update=changes)
    return dataclasses.replace(obj, **changes)


def clarifying_question(plan: TurnPlan, catalog: Catalog) -> str:
    """A question that helps the shopper say what they need (names only what they already look at)."""
    has_need = any(s.type == "need" for s in plan.signals)
    if has_need and plan.context.budget is None and plan.state.budget is None:
        return "Do you have a budget in mind? Then I'll only suggest what fits it."
    focus = catalog.get(plan.context.product_sku)
    if focus is not None:
        return f"Happy to help with the {focus.name}. What will you mainly use it for, so I can check what fits?"
    if plan.context.cart:
        return "What are you hoping to do with your order? I can check that everything you need is there."
    return "Could you tell me a bit more about what you're looking for and how you'll use it?"


def build_suggestions(deps: AgentDeps, plan: TurnPlan) -> list[Suggestion]:
    """Answer only; answer with the policy's offer when it allows one; a clarifying question when useful."""
    catalog = deps.knowledge.catalog
    decision: Decision = plan.decision
    status_none = GuardrailStatus(passed=True, rejected=decision.rejected, silenced_by=decision.silenced_by)
    out: list[Suggestion] = []

    offered = {o.sku for o in decision.offers}
    plain_decision = decision.model_copy(update={"offers": []})
    plain_input = _replace(plan.reply_input, decision=plain_decision)
    if offered and hasattr(plain_input, "facts"):
        # Without the offer, its product is no longer a fact the reply may name.
        plain_input = _replace(plain_input, facts=[p for p in plain_input.facts if p.sku not in offered])
    plain = deps.composer.compose(plain_input).text
    why = "Answers the message without proposing anything"
    if decision.silenced_by:
        why += f"; offers are off this turn ({decision.silenced_by})"
    elif not decision.offers:
        why += "; no candidate passed the policy" if decision.rejected else "; nothing relevant to offer"
    out.append(Suggestion(kind="answer", text=plain, guardrails=status_none, rationale=why + "."))

    for offer in decision.offers:
        checks = guardrail_checks(offer, plan, catalog, deps.limits)
        out.append(
            Suggestion(
                kind="offer",
                text=deps.composer.compose(plan.reply_input).text,
                offer=offer,
                guardrails=GuardrailStatus(
                    passed=all(c.passed for c in checks),
                    checks=checks,
                    rejected=decision.rejected,
                    silenced_by=decision.silenced_by,
                ),
                rationale=f"Soft {offer.kind.replace('_', '-')} the policy allows: {offer.reason}.",
            )
        )
        break  # one offer per reply, like the agent

    has_need = any(s.type == "need" for s in plan.signals)
    support = any(s.type in ("support", "decline") for s in plan.signals)
    if not support and (not decision.offers or not has_need):
        out.append(
            Suggestion(
                kind="clarify",
                text=clarifying_question(plan, catalog),
                guardrails=status_none,
                rationale="Asks what the shopper needs before proposing anything.",
            )
        )
    if len(out) < 2:  # a support or decline turn: offer a shorter acknowledgement as the alternative
        out.append(
            Suggestion(
                kind="clarify",
                text="Is there anything else I can help you with?",
                guardrails=status_none,
                rationale="Leaves the door open without selling.",
            )
        )
    return out
