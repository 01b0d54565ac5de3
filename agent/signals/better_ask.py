"""An ask for the better version of what the shopper holds, naming nothing but it: "what's the step up from the
Nomad 7?", "anything better than this mouse?".

The counterpart of :mod:`agent.signals.cheaper_ask`. The encoder may read a short question like that as a question
about the item; when no need was heard and a question's quality-up comparison (agent.signals.direction.QUALITY_UP)
sits in a clause whose other words are only ask words and the item's own name, it is a need for a better version
(``wants="better"``, ``version=True``). A comparison naming something else ("better for dry skin", "is the sage one
better?") is left to the rest of the detector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agent.schemas import Signal
from agent.signals.cheaper_ask import ASK_WORDS, bare_clause
from agent.signals.direction import PRICE_DOWN, QUALITY_UP
from agent.signals.phrases import is_question
from agent.signals.text import sentences

#: How sure a better ask read here is (a phrase found it, no encoder reading backs it).
BETTER_ASK_CONFIDENCE = 0.7
#: Signals after which the message asks for no version: a problem, a refusal, a yes, buying.
_NOT_ASKING = frozenset({"support", "decline", "accept", "purchase_intent", "unsettled"})
# Words of an ask for the next version up besides the generic ask words.
_UP_WORDS = frozenset("step up upgrade next than from over what whats which".split())


def better_clause(message: str, focus_words: Iterable[str] = ()) -> str | None:
    """The question clause of ``message`` asking for a better version of the item in focus, or None."""
    if PRICE_DOWN.search(message):
        return None
    spans = sentences(message)

    def asked(found: re.Match[str]) -> bool:
        # "this one is better than my old one" asks for nothing
        sentence = next((sp for sp in spans if sp.start <= found.start() < sp.end), None)
        return sentence is not None and is_question(message[sentence.start : sentence.end])

    return bare_clause(message, QUALITY_UP, ASK_WORDS | _UP_WORDS | {w.lower() for w in focus_words}, asked)


def mark_better_asks(signals: list[Signal], message: str, focus_words: Iterable[str] = ()) -> list[Signal]:
    """The signals plus a need for a better version when the message asks for one and no need was heard."""
    if any(s.type in _NOT_ASKING or s.type == "need" for s in signals):
        return signals
    clause = better_clause(message, focus_words)
    if clause is None:
        return signals
    return [*signals, Signal(type="need", text=clause, wants="better", version=True, confidence=BETTER_ASK_CONFIDENCE)]
