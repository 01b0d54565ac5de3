"""A turn about the price of what the shopper holds: "this is too pricey", "22 bucks is a lot, got a cheaper one?".

The encoder reads a cheaper ask as a need only when it clears its bar, and a complaint about the price ("too pricey
for a suitcase I use once a year") reads as a statement about the suitcase. Either way a good seller answers with a
cheaper version of the item or nothing, never an add-on or an upgrade. So the message is read once more here: a
price complaint, or a cheaper comparison whose clause names nothing but the item in focus, marks the turn's needs
``wants="cheaper"`` (the cheaper-only rule then keeps everything else out), or becomes that need when none was heard.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from agent.schemas import Signal
from agent.signals.direction import PRICE_DOWN, QUALITY_UP, TOO_MUCH, VERSION_WORDS
from agent.signals.text import Span, clause_at, sentences
from knowledge.text import content_words

_I = re.IGNORECASE

#: The price of what they hold is too high for them, in the six languages ("a bit steep", "hơi đắt", "zu teuer").
PRICE_COMPLAINT = re.compile(
    r"\b(?:(?:too|so|really|very|bit|quite|rather|kinda|kind\s+of|pretty|is|'s|are|'re|seems?)\s+"
    r"(?:expensive|pricey|dear|steep)|"
    rf"{TOO_MUCH}|overpriced|(?:too|a\s+bit|bit)\s+rich\s+for\s+(?:me|my|us|our)|can'?t\s+afford|"
    r"(?:is|'s|seems)\s+(?:a\s+lot|a\s+bit\s+much)|a\s+lot\s+(?:of\s+money\s+)?for\s+(?:a|an|one|this|that)\b|"
    r"(?:more|pricier)\s+than\s+I\s+(?:wanted|hoped|planned|meant|expected|thought)|"
    r"(?:demasiado|muy|tan|un\s+poco|bastante|es)\s+car[oa]s?|car[íi]sim[oa]|"
    r"(?:zu|ziemlich|recht|sehr|echt|ist)\s+teuer|"
    r"(?:trop|un\s+peu|assez|tr[eè]s|c'est)\s+ch[eè]re?s?)\b|"
    r"(?<!\w)(?:(?:слишком|очень|как-то|что-то)\s+дорог\w*|дороговат\w*|дорого|"
    r"(?:hơi|quá|khá|rất)\s+đắt|đắt\s+(?:quá|lắm))(?!\w)",
    _I,
)

# Words of an ask that name no product: "got a cheaper one?", "show me cheaper options".
ASK_WORDS = VERSION_WORDS | frozenset(
    "got have has get show find any anything options please maybe perhaps there here instead "
    "need needs want wants looking just only really "
    "colour colours color colors shade finish size variant "
    "tienes tiene hay opciones haben gibt avez auriez есть покажите có không".split()
)

# Where the phrase naming the thing asked for ends and what qualifies it begins, in the six languages.
_QUALIFIER = re.compile(
    r"\s(?:that|which|who|for|with|so|to|because|if|when|while|like|que|para|con|pour|avec|qui|für|mit|"
    r"damit|для|чтобы|который|которая|которые|cho|để|mà)(?=\s|['’]s\b)",
    _I,
)

#: How sure a cheaper ask read here is (a phrase found it, no encoder reading backs it).
CHEAPER_ASK_CONFIDENCE = 0.7
#: Signals after which the message asks for no version: a problem, a refusal, a yes, buying.
_NOT_ASKING = frozenset({"support", "decline", "accept", "purchase_intent"})


def talks_price(message: str) -> bool:
    """Whether the message complains about a price or asks for a lower one (in the six languages)."""
    return bool(PRICE_COMPLAINT.search(message) or PRICE_DOWN.search(message))


def cheaper_clause(message: str, focus_words: Iterable[str] = ()) -> str | None:
    """The clause of ``message`` that complains about the price or asks for a cheaper version, or None.

    A cheaper comparison counts only when the rest of its clause names nothing but the item in focus (whose name and
    category words are ``focus_words``): "a cheaper power bank" on a power bank's page asks for a version, "a cheap
    case for it" asks for an add-on at a low price. Words that ask for more quality ("better", "premium") void it.
    """
    if QUALITY_UP.search(message):
        return None
    complaint = PRICE_COMPLAINT.search(message)
    if complaint is not None:
        return clause_around(message, complaint.start())
    # A cheaper X "for the kids" is still a cheaper X; a better one "for gaming on the train" may be something else.
    return bare_clause(message, PRICE_DOWN, ASK_WORDS | {w.lower() for w in focus_words}, qualified=True)


def bare_clause(
    message: str,
    pattern: re.Pattern[str],
    allowed: Iterable[str],
    where: Callable[[re.Match[str]], bool] | None = None,
    *,
    qualified: bool = False,
) -> str | None:
    """The first clause around a match of ``pattern`` (kept by ``where``) whose other content words are all
    ``allowed``: the comparison names nothing but the item and the ask. With ``qualified``, what qualifies the
    thing after the match ("that's fine for summer") is not read."""
    allowed = set(allowed)
    for found in pattern.finditer(message):
        if where is not None and not where(found):
            continue
        clause = clause_around(message, found.start())
        at = clause.find(found.group(0))
        before, after = (clause, "") if at < 0 else (clause[:at], clause[at + len(found.group(0)) :])
        # What qualifies the thing asked for says what it is for, not what it is: "a cheaper bag | that's fine for
        # summer" asks for a version of the bag; "a cheap case | for it" still names a case.
        if qualified:
            after = _QUALIFIER.split(after, maxsplit=1)[0]
        rest = f"{before} {after}"
        if not [w for w in content_words(rest) if w not in allowed]:
            return clause
    return None


def mark_cheaper_asks(signals: list[Signal], message: str, focus_words: Iterable[str] = ()) -> list[Signal]:
    """The signals with every need marked ``wants="cheaper"`` when the message is about the price of the item held;
    a need is added when none was heard. Unchanged after a problem, a refusal, a yes or a purchase."""
    if any(s.type in _NOT_ASKING for s in signals):
        return signals
    clause = cheaper_clause(message, focus_words)
    if clause is None:
        return signals
    marked = [s.model_copy(update={"wants": "cheaper"}) if s.type == "need" else s for s in signals]
    if any(s.type == "need" for s in marked):
        return marked
    return [*marked, Signal(type="need", text=clause, wants="cheaper", confidence=CHEAPER_ASK_CONFIDENCE)]


def clause_around(message: str, pos: int) -> str:
    """The clause of ``message`` around ``pos`` (agent.signals.text's sentences and clause breaks)."""
    sentence = next((sp for sp in sentences(message) if sp.start <= pos < sp.end), Span(0, len(message)))
    return clause_at(message, sentence, pos).text(message).strip(" ,;.!?")
