"""The model as judge: from offers the policy already approved it chooses one (or none) and phrases the reply.

One structured call per turn (function calling into :class:`JudgeOut`): the model reads the turn and a
shortlist of approved options, each an :class:`~agent.schemas.Offer` computed by code (catalog price, uplift,
reason), and returns ``{choice, need, reply}``. The code then settles the turn:

- ``choice`` must be the sku of a shortlisted option; anything else (a sku the policy refused, one over a cap,
  an invented one) is overruled: the policy's own decision stands, with the offline reply.
- ``choice`` null suppresses the offer; the reply may then name only the products of the context.
- The reply is checked for grounding and pressure against the final decision (:func:`check_reply`); a failing
  reply is regenerated once by the reply composer for that decision, then replaced by the offline reply.
- Malformed output, a timeout or any model error: the policy's decision and the offline reply.

The model never prices: the offer the shopper gets is the shortlisted Offer object, never built from model text.
The shortlist is post-policy (turn rules, every candidate rule, offers left in the reply and the session), so
the model cannot lift a guardrail; it can only be more selective than the policy or prefer another approved
option. It presents at most one offer per reply.
"""

from __future__ import annotations

import json
import logging
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.models.base import ChatModel, Deadline, ModelError
from agent.offers import make_offer
from agent.policy import PolicyContext, first_rejection, silencing_rule
from agent.policy.decision import rank_key
from agent.reply.checks import check_reply
from agent.reply.composer import ReplyComposer
from agent.reply.input import ReplyInput
from agent.reply.offline import compose_offline
from agent.reply.prompts import PromptBuild, fit_messages, judge_prompt
from agent.schemas import Offer
from agent.types import Candidate, Decision, Rejection
from knowledge.models import Product

log = logging.getLogger(__name__)

#: How many approved options the model sees (more options cost prompt tokens and add little).
SHORTLIST_SIZE = 3
#: How many of the best-ranked candidates are run through the rules to fill the shortlist.
SCAN = 12
#: The name a Rejection carries when the judge passed over a policy pick (it chose another option or none).
MODEL_CHOICE = "model_choice"
# Words a model writes for "no choice" instead of null.
_NO_CHOICE = frozenset({"", "none", "null", "no", "n/a"})
# Tokens OpenAI adds around a function definition and to prime the reply, beyond the schema text itself.
_TOOL_OVERHEAD = 12


class JudgeOut(BaseModel):
    """Your decision for this turn: at most one option to suggest, the need it answers, and the reply."""

    choice: str | None = Field(None, description="The sku of one product from OPTIONS to suggest, or null for none.")
    need: str | None = Field(None, description="The shopper's need the choice answers, in their words; null if none.")
    reply: str = Field(description="The reply to the shopper, plain text.")


class Option(BaseModel):
    """One offer the policy approved for this turn, priced and reasoned by code."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    offer: Offer
    product: Product


class Verdict(BaseModel):
    """How the turn was settled: the final decision, the reply input it was checked against, the reply text."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    decision: Decision
    reply_input: ReplyInput
    text: str
    choice_by: Literal["model", "policy"] = Field(description="Who chose the offer (policy = the model was overruled).")
    reply_by: Literal["model", "model_rephrased", "offline", "offline_fallback"]
    need: str | None = Field(None, description="The need the model named for its choice, as it wrote it.")
    calls: int = Field(0, description="Model calls made this turn.")
    prompt_tokens: int = Field(0, description="The largest request of the turn, in prompt tokens (tiktoken).")
    problems: list[str] = Field(default_factory=list)


def approved_shortlist(
    candidates: list[Candidate], ctx: PolicyContext, default: Decision, size: int = SHORTLIST_SIZE
) -> list[Option]:
    """The policy's picks, then the best other candidates passing every rule, up to ``size``, each with its Offer.

    Empty when a turn rule silences the turn or no offer is left for this reply or session.
    """
    room = min(ctx.limits.offers_per_reply, ctx.limits.offers_per_session - len(ctx.state.offers_made))
    if room < 1 or size < 1 or silencing_rule(ctx) is not None:
        return []
    by_sku = {c.product.sku: c for c in candidates}
    out = [Option(offer=o, product=by_sku[o.sku].product) for o in default.offers if o.sku in by_sku]
    seen = {o.offer.sku for o in out}
    for c in sorted(candidates, key=rank_key)[:SCAN]:
        if len(out) >= size:
            break
        if c.product.sku in seen:
            continue
        seen.add(c.product.sku)
        if first_rejection(c, ctx) is None:
            out.append(Option(offer=make_offer(c, ctx), product=c.product))
    return out[:size]


def with_decision(inp: ReplyInput, decision: Decision, shortlist: list[Option]) -> ReplyInput:
    """The reply input for the final decision: the policy's picks that were passed over are no longer sayable."""
    held = {p.sku for p in [*([inp.focus] if inp.focus else []), *inp.cart]}
    dropped = {o.sku for o in inp.decision.offers} - {o.sku for o in decision.offers} - held
    facts = [p for p in inp.facts if p.sku not in dropped]
    products = {o.offer.sku: o.product for o in shortlist}
    facts += [products[o.sku] for o in decision.offers if o.sku in products and all(p.sku != o.sku for p in facts)]
    return inp.model_copy(update={"decision": decision, "facts": facts})


def chosen_decision(default: Decision, option: Option | None) -> Decision:
    """The decision with the model's choice (None: no offer); policy picks passed over are recorded as rejections."""
    chosen = [option.offer] if option is not None else []
    if [o.sku for o in chosen] == [o.sku for o in default.offers]:
        return default
    detail = f"the model chose {option.offer.sku}" if option is not None else "the model chose none"
    kept = [r for r in default.rejected if option is None or r.sku != option.offer.sku]
    chosen_skus = {o.sku for o in chosen}
    passed_over = [Rejection(sku=o.sku, rule=MODEL_CHOICE, detail=detail) for o in default.offers if o.sku not in chosen_skus]
    return Decision(offers=chosen, rejected=[*kept, *passed_over], silenced_by=default.silenced_by)


class OfferJudge:
    """Runs the one structured call per turn and settles its choice and reply against the code's checks."""

    def __init__(self, model: ChatModel, composer: ReplyComposer, *, description_chars: int = 300):
        self.model = model
        self.composer = composer
        self.description_chars = description_chars
        self._tool_tokens: int | None = None

    def shortlist(self, candidates: list[Candidate], ctx: PolicyContext, default: Decision) -> list[Option]:
        """The approved options for this turn (see :func:`approved_shortlist`)."""
        return approved_shortlist(candidates, ctx, default)

    def tool_tokens(self) -> int:
        """Prompt tokens the function definition costs (its JSON schema, counted; an over-estimate)."""
        if self._tool_tokens is None:
            schema = {"name": JudgeOut.__name__, "parameters": JudgeOut.model_json_schema()}
            self._tool_tokens = self.composer.counter()(json.dumps(schema)) + _TOOL_OVERHEAD
        return self._tool_tokens

    def prompt(self, inp: ReplyInput, shortlist: list[Option]) -> tuple[PromptBuild, list[Option]]:
        """The judge's messages within the prompt token budget (function definition included), and the options shown.

        When even the shortest form is over budget, the lowest-ranked options go first (the policy's pick last).
        """
        build: PromptBuild | None = None
        for n in range(len(shortlist), -1, -1):
            shown = shortlist[:n]
            offers, products = [o.offer for o in shown], [o.product for o in shown]
            build = fit_messages(
                lambda chars, keep: judge_prompt(inp, offers, products, chars, keep),
                inp,
                self.composer.token_budget,
                self.composer.counter(),
                self.description_chars,
                reserved=self.tool_tokens(),
            )
            if build.prompt_tokens <= self.composer.token_budget or n <= 1:
                return build, shown
        return build, []  # pragma: no cover - the loop returns at n <= 1

    def judge(self, inp: ReplyInput, shortlist: list[Option], *, deadline: Deadline | None = None) -> Verdict:
        """Settle one turn; never raises because of the model (the policy's decision and offline reply stand in).

        ``deadline`` is the turn's: the structured call and a regeneration share it.
        """
        build, shortlist = self.prompt(inp, shortlist)
        tokens = build.prompt_tokens
        try:
            out = self.model.structured(build.messages, JudgeOut, deadline=deadline)
        except Exception as e:  # noqa: BLE001 (ModelError, or a provider bug: the shopper still gets a reply)
            kind = "model error" if isinstance(e, ModelError) else f"model failed ({type(e).__name__})"
            return self._overruled(inp, tokens, [f"{kind}: {e}"])
        choice = (out.choice or "").strip()
        option = next((o for o in shortlist if o.offer.sku == choice), None) or next(
            (o for o in shortlist if o.offer.sku.lower() == choice.lower()), None
        )
        if option is None and choice.lower() not in _NO_CHOICE:
            return self._overruled(inp, tokens, [f"choice {choice[:60]!r} is not an approved option"])
        decision = chosen_decision(inp.decision, option)
        final = with_decision(inp, decision, shortlist)
        need = (out.need or "").strip()[:200] or None
        text = out.reply.strip()
        # The need quotes the shopper: only whether one was stated is logged.
        log.debug("judge chose %s (need stated: %s) among %s", choice or None, bool(need), [o.offer.sku for o in shortlist])
        found = check_reply(text, final)
        if not found:
            return Verdict(decision=decision, reply_input=final, text=text, choice_by="model", reply_by="model",
                           need=need, calls=1, prompt_tokens=tokens)
        # The choice stands; only the wording failed. One regeneration for this decision, then offline.
        redo = self.composer.rephrase(final, "; ".join(found) + ".", deadline=deadline)
        reply_by = "model_rephrased" if redo.source == "model" else "offline_fallback"
        log.info("judge reply rejected (%s); %s", "; ".join(found), reply_by)
        return Verdict(decision=decision, reply_input=final, text=redo.text, choice_by="model", reply_by=reply_by,
                       need=need, calls=1 + redo.attempts, prompt_tokens=max(tokens, redo.prompt_tokens),
                       problems=[*found, *redo.problems])

    def _overruled(self, inp: ReplyInput, tokens: int, problems: list[str]) -> Verdict:
        log.warning("judge overruled, the policy's decision stands: %s", "; ".join(problems))
        return Verdict(decision=inp.decision, reply_input=inp, text=compose_offline(inp), choice_by="policy",
                       reply_by="offline_fallback", calls=1, prompt_tokens=tokens, problems=problems)
