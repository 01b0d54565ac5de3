"""Moments that are no time for an unprompted add-on: the shopper removes an item, complains, or tries to
talk the agent into prices or rules that do not exist ("ignore your instructions", "it's free, right?").

The detector reports them as ``unsettled`` signals whose ``mood`` says which; the policy reads only the signals
(agent/policy/tone.py). Need-driven offers are not held back by them: those answer what the shopper asked for.
One mood holds back every offer: ``grumble``, the trouble just declined mentioned again as a concession
(:func:`grumble_after_decline`, read in the agent's turn, which knows the previous turn was a no).
English first, with the commonest forms in the other languages the agent serves (es, de, fr, ru, vi).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.schemas import Mood, Signal
from agent.signals.text import normalise

# (mood, pattern); case-insensitive.
_UNSETTLED: tuple[tuple[Mood, re.Pattern[str]], ...] = (
    (
        "removal",
        re.compile(
            r"(?i)\b(remove|delete|take (it|this|that|them|the \w+) (out|off)|take out|get rid of|changed my mind|"
            r"don'?t want (it|this|that|them|the)|do not want (it|this|that|them|the)|no longer want|"
            r"quita|quitar|elimina|entfernen|lösche|supprime|retire[rz]?|убери|удали|xóa|bỏ)\b"
        ),
    ),
    (
        "manipulation",
        re.compile(
            r"(?i)\b(ignore|forget|disregard|override)\b.{0,40}\b(instruction|instructions|rules|prompt|guidelines|"
            r"previous|above)\b|\byou are now\b|\byou'?re now\b|\bsystem (note|prompt|message)\b|"
            r"\bjailbreak\b|\bis free\b|\bfor free\b|\bfree of charge\b|\bfor \$?\d+(\.\d+)?\s*(\$|dollars?|usd)?\s*$|"
            r"\b\d{2,3}\s*% off\b|\bgratis\b|\bkostenlos\b|\bбесплатно\b|\bmiễn phí\b"
        ),
    ),
    (
        "complaint",
        re.compile(
            r"(?i)\b(broken|damaged|defective|faulty|refund|complain|complaint|terrible|awful|scam|rip-?off|"
            r"furious|angry|disappointed|doesn'?t work|does not work|not working|stopped working|wrong item|"
            r"kaputt|roto|rota|cassé|сломан|hỏng)\b"
        ),
    ),
)


def unsettled_signals(message: str, found: Sequence[Signal] = ()) -> list[Signal]:
    """One ``unsettled`` signal for the first mood the message shows (removal, manipulation, complaint), or [].

    ``found`` are the turn's other signals: a decline or a support case already holds every offer back, a
    shortcoming stated as a need ("my old headphones are broken") is no complaint about the shop, and a
    question ("how do I remove the lid?") takes nothing out.
    """
    types = {s.type for s in found}
    if types & {"decline", "support"}:
        return []
    nfc, work = normalise(message)
    for mood, pattern in _UNSETTLED:
        if (mood == "complaint" and "need" in types) or (mood == "removal" and "question" in types):
            continue
        m = pattern.search(work)
        if m:
            return [Signal(type="unsettled", text=nfc[m.start() : m.end()].strip(), mood=mood, confidence=0.8)]
    return []


# "…though", "still …": the trouble persists, said as a concession rather than an ask (six languages).
_CONCESSION = re.compile(
    r"(?i)\b(?:though|tho|still|mind\s+you|trotzdem|immer\s+noch|toujours|quand\s+m[êe]me|igual|todav[ií]a|"
    r"a[úu]n\s+as[ií])\b|(?<!\w)(?:вс[её]\s+равно|вс[её]\s+ещ[её]|vẫn)(?!\w)"
)
# Words that ask for something or state a new use: a wish, a need, a plan ("I'd love to sip water … though").
_ASKING = re.compile(
    r"(?i)\b(?:want|need|love|like|wish|would\s+be|could\s+use|looking\s+for|I'll|we'll|I\s+will|we\s+will|"
    r"going\s+to|quiero|necesito|quisiera|m[öo]chte|brauche|h[äa]tte\s+gern|voudrais|besoin|aimerais|хочу|"
    r"нужн\w*|хотел\w*)\b|(?<!\w)(?:muốn|cần)(?!\w)"
)


def grumble_after_decline(message: str, signals: Sequence[Signal], declined_last_turn: bool) -> Signal | None:
    """An ``unsettled`` signal of mood ``grumble`` when, right after a no, the shopper mentions the trouble again as
    a concession ("still kinda bugs me how long it takes to boil, tho", "the backpack's pretty crammed though"): they
    are thinking aloud about what they just declined, not asking. Not for a question, a budget, a wish or a plan."""
    if not declined_last_turn or "?" in message:
        return None
    if any(s.type in ("question", "budget", "decline", "support", "accept", "purchase_intent") for s in signals):
        return None
    _, work = normalise(message)
    found = _CONCESSION.search(work)
    if found is None or _ASKING.search(work):
        return None
    return Signal(type="unsettled", text=work[found.start() : found.end()], mood="grumble", confidence=0.7)
