"""Whether a shopper's message is a calm, on-topic moment for an unprompted add-on.

The single soft add-on at cart or checkout is welcome when the shopper is simply moving on ("added", "let's
pay", "how much is shipping?"). It is out of place while they take something out, complain, or try to talk
the agent into prices or rules that do not exist; a salesperson keeps quiet then. Need-driven offers are not
judged here: they answer what the shopper asked for.
"""

from __future__ import annotations

import re

# (reason, pattern); checked on the lower-cased message. English first, with the commonest forms in the other
# languages the agent serves (es, de, fr, ru, vi).
_UNSETTLED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "removing",
        re.compile(
            r"\b(remove|delete|take (it|this|that|them|the \w+) (out|off)|take out|get rid of|changed my mind|"
            r"don'?t want (it|this|that|them|the)|do not want (it|this|that|them|the)|no longer want|"
            r"quita|quitar|elimina|entfernen|lösche|supprime|retire[rz]?|убери|удали|xóa|bỏ)\b"
        ),
    ),
    (
        "manipulation",
        re.compile(
            r"\b(ignore|forget|disregard|override)\b.{0,40}\b(instruction|instructions|rules|prompt|guidelines|"
            r"previous|above)\b|\byou are now\b|\byou'?re now\b|\bsystem (note|prompt|message)\b|"
            r"\bjailbreak\b|\bis free\b|\bfor free\b|\bfree of charge\b|\bfor \$?\d+(\.\d+)?\s*(\$|dollars?|usd)?\s*$|"
            r"\b\d{2,3}\s*% off\b|\bgratis\b|\bkostenlos\b|\bбесплатно\b|\bmiễn phí\b"
        ),
    ),
    (
        "complaint",
        re.compile(
            r"\b(broken|damaged|defective|faulty|refund|complain|complaint|terrible|awful|scam|rip-?off|"
            r"furious|angry|disappointed|doesn'?t work|does not work|not working|stopped working|wrong item|"
            r"kaputt|roto|rota|cassé|сломан|hỏng)\b"
        ),
    ),
)


def unsettled_reason(message: str) -> str | None:
    """Why this message is no moment for an unprompted add-on (``removing``, ``manipulation``, ``complaint``),
    or None when it reads as a neutral turn."""
    text = " ".join(message.lower().split())
    for reason, pattern in _UNSETTLED:
        if pattern.search(text):
            return reason
    return None
