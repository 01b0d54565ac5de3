"""Needs no phrase or example heard: a statement next to an item the shopper holds, for retrieval to judge.

"With the small battery it's over after twenty minutes, and the hedge is thirty metres long" states a need
without a wish word, in words no example is near. When the shopper holds or looks at an item and says
something about it that the detector read as nothing at all, the statement becomes an implicit need
(``IMPLICIT_CONFIDENCE``). The candidate step keeps it only when a product strongly related to that item
answers it strongly (agent.candidates.gather.keep_strong_related); otherwise it is dropped from the turn
(heard_signals), so an unheard statement makes no offer and reports no signal.
"""

from __future__ import annotations

from agent.schemas import ChatContext, Signal
from agent.signals.phrases import is_question
from agent.signals.semantic import IMPLICIT_CONFIDENCE
from agent.signals.text import QUOTED, normalise, sentences
from knowledge.text import content_words

#: Fewer content words than this say too little to search on ("ok then", "sounds good").
MIN_CONTENT_WORDS = 4


#: Readings that are about the order or the conversation, not about using the item: never a need. A statement
#: merely leaning towards a fault ("burnt my fingers on the handle of my old pan") is no support case when the
#: detector, with its own bar and lead, heard none: retrieval still judges it like any other.
_NOT_ABOUT_USE = frozenset({"accept", "purchase_intent", "decline"})


def unworded_need(
    message: str, signals: list[Signal], context: ChatContext, leaning: str | None = None
) -> Signal | None:
    """An implicit need for a statement the detector heard nothing in, when the shopper holds an item.

    ``leaning`` is the example label the statement reads closest to (OfflineSignalDetector.leaning): one about
    the order or the conversation ("add everything to my cart", "never mind") is no circumstance of use.
    """
    if signals or not (context.product_sku or context.cart) or leaning in _NOT_ABOUT_USE:
        return None
    nfc, work = normalise(message)
    parts = sentences(work)
    if not parts or any(is_question(work[s.start : s.end]) for s in parts):
        return None  # questions about the item's facts are answered, not sold to
    if len(content_words(work)) < MIN_CONTENT_WORDS or QUOTED.search(work):
        return None  # too little to search on; quoted words are someone else's, or an instruction to repeat
    return Signal(type="need", text=nfc.strip(), confidence=IMPLICIT_CONFIDENCE)
