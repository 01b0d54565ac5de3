"""What rep assist takes and gives: suggestion requests and replies, guardrail checks, candidate choices."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.schemas import ChatContext, Offer, OfferKind, Signal
from agent.types import Rejection

CheckName = Literal["uplift", "budget", "stock", "in_cart", "declined"]
SuggestionKind = Literal["answer", "offer", "clarify"]


class GuardrailCheck(BaseModel):
    """One guardrail an offer was checked against."""

    name: CheckName
    label: str = Field("", description="The check in plain words, for the rep.")
    passed: bool
    rule: str = Field(description="The registered name of the policy rule that implements the check.")
    detail: str


class GuardrailStatus(BaseModel):
    """Which checks a suggestion's offer passed, and what the policy refused this turn (with rule names)."""

    passed: bool = Field(description="True when every check passed (or there is no offer).")
    checks: list[GuardrailCheck] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list, description="Candidates the policy refused this turn.")
    silenced_by: str | None = Field(None, description="Rule that suppressed every offer this turn, if any.")
    silenced_reason: str | None = Field(None, description="Why offers are off this turn, in plain words.")


class Suggestion(BaseModel):
    """One reply a rep could send."""

    kind: SuggestionKind
    label: str = Field("", description="What the suggestion is, in plain words (for the console).")
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


class CandidateChoice(BaseModel):
    """A product the policy weighed this turn: eligible ones the rep may send instead of the default offer,
    refused ones with the reason in plain words."""

    sku: str
    name: str
    kind: OfferKind
    price: float
    currency: str
    eligible: bool = Field(description="True when the rep may send it (every guardrail passed).")
    default: bool = Field(False, description="True for the offer the policy picked.")
    reason: str = Field(description="Why it fits (eligible) or why it was refused, in plain words.")
    rule: str | None = Field(None, description="The policy rule that refused it (its registered name).")
    offer: Offer | None = Field(None, description="The offer to send (eligible only).")
    checks: list[GuardrailCheck] = Field(default_factory=list)
    text: str | None = Field(None, description="A reply proposing it (eligible only).")


class SuggestResponse(BaseModel):
    """Suggested replies for the rep; nothing was recorded."""

    session_id: str
    signals: list[Signal]
    suggestions: list[Suggestion]
    candidates: list[CandidateChoice] = Field(
        default_factory=list, description="Every product weighed: the default offer, alternatives, refusals."
    )


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
    offer_sku: str | None = Field(
        None, description="The offer sent with the reply: the policy's pick or any eligible alternative."
    )


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
