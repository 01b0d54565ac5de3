"""Pattern reading of a message: what the phrase patterns find in each sentence (agent.signals.patterns)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from agent.schemas import ChatContext, SignalType
from agent.signals import patterns as P
from agent.signals.budget import find_budgets
from agent.signals.text import Span, clause_at, clause_end, clauses, sentences, trim, words_before
from knowledge.text import content_words


@dataclass(frozen=True)
class Hit:
    """One signal found in a message, with the character span it rests on."""

    type: SignalType
    span: Span
    confidence: float
    amount: float | None = None
    wants: Literal["better", "cheaper"] | None = None
    scope: Literal["total", "extra"] | None = None
    currency: str | None = None
    group: bool = False  # a need said as a count of the people who will use it ("all four of us")
    addons: bool = False  # a need asking for whatever goes with what they hold ("what else do I need?")



def is_question(sentence_text: str) -> bool:
    """A sentence asked as a question: ends with ? or opens with a question word."""
    s = sentence_text.strip()
    if s.endswith(("?", "？")) or s.startswith("¿"):
        return True
    # "Would be great if…" opens with an auxiliary but asks nothing: a question puts a subject right after it.
    return bool(P.QUESTION_START.match(s)) and not P.AUX_WITHOUT_SUBJECT.match(s) and not P.CLEFT_STATEMENT.match(s)


def pattern_hits(work: str, context: ChatContext, offer_pending: bool | None) -> list[Hit]:
    """What the phrase patterns find in one message, sentence by sentence (budgets first)."""
    hits: list[Hit] = []
    budgets = find_budgets(work)
    for b in budgets:
        hits.append(Hit("budget", b.span, 0.9 if b.strong else 0.75, b.amount, scope=b.scope, currency=b.currency))
    for i, sent in enumerate(sentences(work)):
        text = work[sent.start : sent.end]
        if P.SMALL_TALK.match(text):
            continue
        question = is_question(text)
        support = _support(text, work[sent.start : question_start(work, sent)], context)
        decline = _best(P.DECLINE_PATTERNS, text) or _removal(text, question, context)
        sentence_needs = [] if support else _needs(work, sent, question, budgets)
        if not decline and offer_pending and i == 0 and not question and not sentence_needs:
            # "nah, I'll just use a towel": an opening refusal word turns the pending offer down.
            decline = 0.85 if P.REFUSAL_LEAD.match(text) else 0.0
        if not decline and offer_pending and not question and P.OWNS_ONE.search(text):
            # "we've got a timer in the garage somewhere": they own what was offered.
            decline = 0.85
        accept = _accept(text) if offer_pending is not False else 0.0
        # "The watch I bought (tôi mua) won't turn on": a problem with a purchase is not a new one.
        # "ok and how do I get it off?" asks; only a yes said as a statement buys the item.
        # "Alright, I can add up to $30" adds money to the budget, not an item to the cart.
        yes_to_buying = 0.0 if question else _yes_to_buying(without_budgets(work, sent, budgets), offer_pending)
        purchase = None if accept or support else _best(P.PURCHASE_PATTERNS, text) or yes_to_buying
        for kind, conf in (("support", support), ("decline", decline), ("accept", accept),
                           ("purchase_intent", purchase)):  # fmt: skip
            if conf:
                hits.append(Hit(kind, trim(work, sent, fillers=False, times=False), conf))  # type: ignore[arg-type]
        if question and not (support or decline or accept or purchase):
            hits.append(Hit("question", sent, 0.9))
        hits += sentence_needs
    return hits


_NO_OBJECT = re.compile(r"(?:(?:what|which|how)\s+)?(?:should|would|could|do|can)\b", re.IGNORECASE)


# What follows "what should I use" when the question says what for: "to mount it on my kayak", "for wet mornings".
_PURPOSE = re.compile(r"\s*(?:to|for|on|in|with|so)\b", re.IGNORECASE)


def _says_purpose(after: str) -> bool:
    """Whether the words after "what should I get/use" say what it is for in two content words or more ("… to
    mount it on my kayak"); "what should I get for it?" says nothing more than the item."""
    rest = after.strip()
    return bool(_PURPOSE.match(rest)) and not P.NEED_STOP_START.match(rest) and len(content_words(rest)) >= 2


def _best(table: list[tuple[re.Pattern[str], float]], text: str) -> float:
    return max((conf for rx, conf in table if rx.search(text)), default=0.0)


def _support(text: str, stated: str, context: ChatContext) -> float:
    conf = _best(P.SUPPORT_PATTERNS, text) or _bought_defect(text, context)
    # A fault only counts when stated, not when asked about ("does it show an error when the tank is empty?").
    if not conf and P.TROUBLE.search(stated) and not P.OWN_OLD.search(stated):
        conf = 0.8
    if not conf and P.WEAK_SUPPORT.search(text) and not P.SHOPPING_ASK.search(text):
        conf = 0.7
    return conf


def _removal(text: str, question: bool, context: ChatContext) -> float:
    m = P.REMOVE_ITEM.search(text)
    if m is None or not P.REMOVE_LEAD.search(text[: m.end()]) and not (m.group("cart") or m.group("cart2")):
        return 0.0
    if question and not (m.group("cart") or m.group("cart2")) and context.page not in ("cart", "checkout"):
        return 0.0
    return 0.85


def without_budgets(work: str, sent: Span, budgets: list) -> str:
    """The sentence with its budget statements (cue and amount) blanked out."""
    chars = list(work[sent.start : sent.end])
    for b in budgets:
        for i in range(max(b.span.start, sent.start), min(b.span.end, sent.end)):
            chars[i - sent.start] = " "
    return "".join(chars)


def _yes_to_buying(text: str, offer_pending: bool | None) -> float:
    # With no offer on the table, "yes, add it" / "ok I'll take it" can only mean the item itself.
    if offer_pending is False and P.AFFIRMATIVE.match(text) and P.ACCEPT_ACTION.search(text):
        return 0.85
    return 0.0


def _bought_defect(text: str, context: ChatContext) -> float:
    # A defect is a store problem when the item came from the store, or the shopper is on the post-purchase page.
    if not P.DEFECT.search(text):
        # Bought here and no longer doing what it did ("the throw I got in december doesn't warm up anymore").
        bought_lost = P.BOUGHT.search(text) and P.NO_LONGER.search(text) and not P.OWN_OLD.search(text)
        return 0.8 if bought_lost else 0.0
    if P.BOUGHT.search(text):
        return 0.85
    if (P.EARLY_FAILURE.search(text) or P.HELP_ASK.search(text)) and not P.OWN_OLD.search(text):
        return 0.8
    if context.page == "post_purchase":
        return 0.75
    # Off the product, cart and checkout pages a fault in something that no longer works is in an item they own;
    # "my old one won't charge anymore" still asks for a replacement.
    owned = context.page == "other" and P.NO_LONGER.search(text) and not P.OWN_OLD.search(text)
    return 0.75 if owned else 0.0


def _accept(text: str) -> float:
    m = P.AFFIRMATIVE.match(text)
    if m is None:
        return 0.0
    rest = text[m.end() :]
    if not P.ACCEPT_REST.match(rest):
        return 0.0
    if P.NAMED_TO_CART.search(rest):
        # "Ok I'll add the machine to the cart" names the item being bought: purchase intent, not a yes to an offer.
        return 0.0
    if P.WEAK_AFFIRMATIVE.match(text) and not P.ACCEPT_ACTION.search(rest):
        return 0.0
    return 0.95 if P.ACCEPT_ACTION.search(rest) or re.search(r"please|por favor|bitte|пожалуйста", rest, re.I) else 0.85


def _negated(work: str, floor: int, pos: int) -> bool:
    return any(w in P.NEGATORS for w in words_before(work, floor, pos, 3))


def question_start(work: str, sent: Span) -> int:
    """Where the asking starts in a question sentence: "I drop my phone a lot, |will it survive?"."""
    if not is_question(work[sent.start : sent.end]):
        return sent.end
    for c in clauses(work, sent):
        if P.QUESTION_START.match(work[c.start : c.end]) and not P.AUX_WITHOUT_SUBJECT.match(work[c.start : c.end]):
            return c.start
    return sent.start


def _needs(work: str, sent: Span, question: bool, budgets: list) -> list[Hit]:
    seg = work[sent.start : sent.end]
    found: list[Hit] = []
    kinds: list[str] = []  # the kind of pattern behind each found need
    # A statement before the question part still states a need: "I drop my phone a lot, will it survive?".
    asked_from = question_start(work, sent) if question else sent.end
    for pat in P.NEED_PATTERNS:
        for m in pat.regex.finditer(seg):
            start = sent.start + m.start()
            if not pat.explicit and start >= asked_from:
                continue
            clause = clause_at(work, sent, start)
            if _negated(work, clause.start, start):
                continue
            if pat.cut == "tail":
                group = next((g for g in m.re.groupindex if g.startswith("span") and m.start(g) >= 0), "span")
                span_start = sent.start + m.start(group)
                lead_to = re.match(r"to\s+", work[span_start : sent.end], re.IGNORECASE)
                if lead_to:
                    span_start += lead_to.end()
                tail = work[span_start : sent.end]
                if P.NEED_STOP_START.match(tail) or P.NEG_AFTER.match(tail):
                    continue
                if pat.stop is not None and pat.stop.match(tail):
                    continue
                asked_for = work[sent.start + m.end() : sent.end]
                # "what should I fill the feeder with?" names what it is for; "what should I get?" does not.
                with_object = work[sent.start + m.start() : sent.start + m.end()].rstrip().lower().endswith(" with")
                if pat.kind == "ask" and _NO_OBJECT.match(tail) and not _says_purpose(asked_for) and not with_object:
                    # "…, what should I get?": what is wanted is in the statement before the question, if any.
                    if clause.start <= sent.start:
                        continue
                    span = Span(sent.start, clause.start)
                else:
                    span = Span(span_start, clause_end(work, sent, span_start))
            elif pat.cut == "sentence":
                span = Span(sent.start, sent.end)
            else:
                if pat.stop is not None and pat.stop.search(seg):
                    # "у вас есть такой же, но подешевле?": what the ask is about may follow a comma.
                    continue
                span = clause
            for b in budgets:
                # "I need a laptop under $800": the budget is its own signal, the need is "a laptop".
                if span.start < b.span.start < span.end:
                    span = Span(span.start, b.span.start)
            span = trim(work, span)
            group = pat.kind == "group" and not P.SHARED_USE.search(work[clause.start : clause.end])
            if span.end - span.start < 3:
                continue
            if any(f.span.overlaps(span) for f in found):
                if group:
                    # A plan or wish that counts its people ("sắp có sinh đôi") is a group need; a problem stated
                    # in the clause still decides what answers it.
                    found = [replace(f, group=True) if f.span.overlaps(span) and k != "pain" else f
                             for f, k in zip(found, kinds)]
                continue
            found.append(Hit("need", span, pat.confidence, group=group))
            kinds.append(pat.kind)
    return found


def helpful_needs(work: str) -> list[Hit]:
    """Statements that a thing would help ("a case would be handy", P.HELPFUL_PATTERNS), one need per sentence; read
    by the detector only when nothing else was heard."""
    found: list[Hit] = []
    for sent in sentences(work):
        seg = work[sent.start : sent.end]
        if is_question(seg) or not any(pat.regex.search(seg) for pat in P.HELPFUL_PATTERNS):
            continue
        span = trim(work, sent)
        if span.end - span.start >= 3:
            found.append(Hit("need", span, P.HELPFUL_PATTERNS[0].confidence))
    return found
