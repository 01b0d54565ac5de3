"""ModelSignalDetector: asks a chat model for the signals, checks every one against the shopper's words."""

from __future__ import annotations

import difflib
import logging
import re
from typing import Literal, get_args

from pydantic import BaseModel, Field

from agent.models.base import ChatModel, Deadline, Message, ModelError
from agent.schemas import ChatContext, Signal, SignalType
from agent.signals.budget import amounts_in, budget_reading, parse_amount
from agent.signals.detector import OfflineSignalDetector
from agent.signals.text import normalise
from agent.signals.unsettled import unsettled_signals

logger = logging.getLogger(__name__)

SIGNAL_TYPES: frozenset[str] = frozenset(get_args(SignalType))

SYSTEM_PROMPT = """You label one message a shopper wrote in an online shop. List the signals it carries:
- need: a wish, plan, worry, pain point or growth that a product could answer, with or without a wish word
  ("I wish my battery lasted all day", "we're adding five people to the team", "the water bowl ends up all over
  the floor", "I'm nervous about leaving it in the car"). Not a question about the item, not a negated wish
  ("I don't need more storage"), not a problem with an order or an item bought here (that is support).
  An explicit ask for a better or a cheaper version ("anything better for a bit more?", "got something
  cheaper?") is a need with wants = "better" or "cheaper".
- decline: refuses an offer ("no thanks", "just the phone", "stop suggesting").
- support: a problem with an order, delivery, refund, return, account, warranty, or an item bought here.
- budget: a spending limit; amount = the number as stated (e.g. "under $800" -> 800), no currency conversion.
- purchase_intent: wants to buy now ("I'll take it", "add it to my cart", "ready to check out").
- accept: yes to the last offer ("yes please, add it").
- question: a question about a product ("does it have wireless charging?").
For each signal, `text` is copied word for word from the message: the shortest span carrying it (for a need,
what is needed: "I wish my battery lasted all day" -> "my battery lasted all day"). Small talk has no signals.
The message may be in any language; copy spans in that language."""


class SignalOut(BaseModel):
    """One signal as the model reports it."""

    type: SignalType = Field(description="need, decline, support, budget, purchase_intent, accept or question")
    text: str = Field(description="The span of the shopper's message carrying the signal, copied word for word.")
    amount: float | None = Field(None, description="For budget: the stated amount as a number.")
    wants: Literal["better", "cheaper"] | None = Field(
        None, description="For need: the shopper explicitly asks for a better or a cheaper version."
    )


class SignalsOut(BaseModel):
    """Every signal in one shopper message (empty for small talk)."""

    signals: list[SignalOut] = Field(default_factory=list)


class InvalidSignals(ValueError):
    """The model's signals do not fit the message (unknown type, span not in the message, invented amount)."""


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def locate_span(message: str, text: str, min_ratio: float = 0.85) -> str | None:
    """The part of ``message`` that ``text`` quotes (exactly, or near enough), else None."""
    needle = " ".join(text.translate(_FOLD).split()).strip(" .,;:!?\"'").lower()
    if not needle:
        return None
    hay = message.translate(_FOLD)
    # Search a whitespace-collapsed copy but map hits back to the original characters.
    index = [i for i, ch in enumerate(hay) if not (ch.isspace() and i > 0 and hay[i - 1].isspace())]
    flat = "".join(" " if hay[i].isspace() else hay[i] for i in index).lower()
    at = flat.find(needle)
    if at >= 0:
        return message[index[at] : index[at + len(needle) - 1] + 1]
    if len(message) > 4000:
        return None
    # Near match: the word window of the message most like the quote ("battery last all day").
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", message)]
    n = len(needle.split())
    best, best_span = 0.0, None
    for size in range(max(1, n - 2), n + 3):
        for i in range(0, max(0, len(words) - size) + 1):
            j = i + size - 1
            if j >= len(words):
                break
            start, end = words[i][0], words[j][1]
            cand = " ".join(message[start:end].translate(_FOLD).split()).strip(" .,;:!?\"'").lower()
            ratio = difflib.SequenceMatcher(None, needle, cand).ratio()
            if ratio > best:
                best, best_span = ratio, (start, end)
    if best_span is None or best < min_ratio:
        return None
    start, end = best_span
    return message[start:end].strip(" .,;:!?\"'")


def validate_signals(message: str, out: SignalsOut, confidence: float = 0.85) -> list[Signal]:
    """Turn the model's answer into Signals; raise InvalidSignals if any item does not fit the message."""
    nfc, _ = normalise(message)
    figures = amounts_in(nfc)
    signals: list[Signal] = []
    for i, item in enumerate(out.signals):
        if item.type not in SIGNAL_TYPES:
            raise InvalidSignals(f"signals[{i}].type: unknown type {item.type!r}")
        span = locate_span(nfc, item.text)
        if span is None:
            raise InvalidSignals(f"signals[{i}].text: {item.text!r} is not in the shopper's message")
        amount = scope = currency = None
        if item.type == "budget":
            amount = item.amount if item.amount is not None else parse_amount(span)
            if amount is None or amount <= 0:
                raise InvalidSignals(f"signals[{i}].amount: budget without a positive amount")
            if not any(abs(amount - f) <= 1e-6 * max(1.0, f) for f in figures):
                raise InvalidSignals(f"signals[{i}].amount: {amount} is not a figure the shopper wrote")
            scope, currency = budget_reading(nfc, span)
        wants = item.wants if item.type == "need" else None
        signals.append(
            Signal(type=item.type, text=span, amount=amount, scope=scope, currency=currency, wants=wants,
                   confidence=confidence)
        )
    # The model may repeat itself; keep the first of each (type, text), in message order like the offline path.
    signals.sort(key=lambda s: nfc.find(s.text))
    seen: set[tuple[str, str]] = set()
    unique = []
    for s in signals:
        key = (s.type, s.text.lower())
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique


class ModelSignalDetector:
    """Signals from a chat model's structured output, checked against the message; offline on any failure."""

    def __init__(self, model: ChatModel, fallback: OfflineSignalDetector, *, confidence: float = 0.85):
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {confidence}")
        self.model = model
        self.fallback = fallback
        self.confidence = confidence

    def messages(self, message: str, context: ChatContext | None = None) -> list[Message]:
        """The prompt: the labelling rules, where the shopper is, and their message."""
        system = SYSTEM_PROMPT
        if context is not None:
            where = [f"page: {context.page}" if context.page else "", f"looking at: {context.product_sku}"
                     if context.product_sku else "", f"locale: {context.locale}" if context.locale else ""]  # fmt: skip
            where = [w for w in where if w]
            if where:
                system += "\nShopper context: " + "; ".join(where) + "."
        return [Message(role="system", content=system), Message(role="user", content=message)]

    def detect(
        self,
        message: str,
        context: ChatContext | None = None,
        *,
        offer_pending: bool | None = None,
        deadline: Deadline | None = None,
    ) -> list[Signal]:
        """The model's signals when they check out against the message, else the offline detector's.

        With ``offer_pending=False`` there is no offer to accept, so an "accept" from the model is purchase intent.
        ``deadline`` is the turn's: the call gets only the time left on it.
        """
        if not message.strip():
            return []
        try:
            out = self.model.structured(self.messages(message, context), SignalsOut, deadline=deadline)
            if not isinstance(out, SignalsOut):
                out = SignalsOut.model_validate(out.model_dump() if isinstance(out, BaseModel) else out)
            signals = validate_signals(message, out, self.confidence)
        except (ModelError, InvalidSignals, ValueError) as e:
            # ModelOutputError is a ModelError; pydantic's ValidationError is a ValueError.
            logger.info("signal model failed (%s: %s); using offline signals", type(e).__name__, e)
            return self.fallback.detect(message, context, offer_pending=offer_pending)
        if offer_pending is False:
            signals = [s.model_copy(update={"type": "purchase_intent"}) if s.type == "accept" else s for s in signals]
        # Unsettled moments come from the phrase check, not the model: a prompt injection must not be able to
        # talk its own way out of being noticed.
        signals = [s for s in signals if s.type != "unsettled"]
        return signals + unsettled_signals(message, signals)
