"""A budget under the price of the item in focus asks for a cheaper version of it: "I can't spend 300 on dumbbells
right now" on a 349 set, "tôi chỉ có tối đa 110 euro cho tấm nệm topper" on a 139 topper. Said with no need, the
amount alone says the item is out of reach; the answer is a cheaper version within the amount, or nothing.

An amount refused outright ("I can't spend 300 on dumbbells" on a 299 set, "je ne peux pas mettre 150") is the
item's own price rounded: that amount is out of reach, not a ceiling it fits under."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.schemas import Signal
from knowledge.models import Product

#: How sure a cheaper ask read from an amount is (no words asked for one).
OVER_BUDGET_CONFIDENCE = 0.7
#: Signals that already say what the turn is about.
_SETTLED = frozenset({"need", "decline", "accept", "purchase_intent", "support", "unsettled"})


#: Spending an amount refused, the amount right after the verb (not "more than"): "can't spend 300", "no puedo gastar
#: 300", "kann nicht 300 Euro ausgeben", "je ne peux pas mettre 300", "не могу потратить 300", "không thể chi 300".
REFUSED_AMOUNT = re.compile(
    r"(?:\b(?:can'?t|cannot|can\s+not|couldn'?t|won'?t)\s+(?:really\s+|justify\s+)?(?:spend|pay|afford|spend\s+like)|"
    r"\bno\s+(?:puedo|podemos)\s+(?:gastar(?:me)?|pagar)|\b(?:kann|können)\s+(?:ich\s+|wir\s+)?(?:nicht|keine)|"
    r"\bne\s+(?:peux|pouvons)\s+pas\s+(?:d[ée]penser|mettre|payer)|(?<!\w)не\s+(?:могу|можем)\s+(?:потратить|заплатить|отдать)|"
    r"(?<!\w)không\s+(?:thể\s+)?(?:chi|trả|bỏ\s+ra))\s*(?:[$€£]\s*)?(?P<amount>\d[\d.,]*)",
    re.IGNORECASE,
)
#: How far over the item's price a refused amount may be and still be its price, rounded (299 said as "300").
ROUNDED_PRICE = 1.05


def _refused(message: str) -> set[float]:
    out: set[float] = set()
    for m in REFUSED_AMOUNT.finditer(message):
        try:
            out.add(float(m.group("amount").replace(",", "").rstrip(".")))
        except ValueError:
            continue
    return out


def over_budget_ask(signals: Sequence[Signal], focus: Product | None, message: str = "") -> list[Signal]:
    """The signals with a cheaper need added when a budget for the whole (not an extra amount) is under the price
    of the item in focus, or refuses about that price, and nothing else was heard."""
    if focus is None or focus.price <= 0 or any(s.type in _SETTLED for s in signals):
        return list(signals)
    refused = _refused(message)
    under = [
        s for s in signals
        if s.type == "budget" and s.amount is not None and s.scope != "extra"
        and (s.amount < focus.price or (s.amount in refused and s.amount <= focus.price * ROUNDED_PRICE))
    ]
    if not under:
        return list(signals)
    ask = Signal(type="need", text=under[0].text, wants="cheaper", confidence=OVER_BUDGET_CONFIDENCE)
    return [*signals, ask]
