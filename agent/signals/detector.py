"""OfflineSignalDetector: phrase patterns in six languages, plus similarity to labelled multilingual examples."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from agent.schemas import ChatContext, Signal
from agent.signals import patterns as P
from agent.signals.budget_purpose import with_budget_purpose
from agent.signals.cheaper_ask import talks_price
from agent.signals.direction import asks_what_goes_with, direction, stated_direction
from agent.signals.examples import load_examples
from agent.signals.phrases import Hit as _Hit
from agent.signals.phrases import helpful_needs, is_question, pattern_hits, without_budgets
from agent.signals.semantic import IMPLICIT_CONFIDENCE, STATED_NEED_FLOOR, SemanticScorer
from agent.signals.unsettled import unsettled_signals
from agent.signals.text import QUOTED, Span, clauses, normalise, sentences, trim
from knowledge.measures import text_figures
from knowledge.text import content_words, lang_of, words

if TYPE_CHECKING:
    from knowledge.embeddings import Embedder

#: Types the semantic path may add on its own. Accept acts on the cart, so it needs a phrase; purchase intent is
#: heard by meaning only on the checkout page (talk of paying there buys); questions are told by their form
#: ("?", a question word) better than by meaning ("the camera is great" sits close to "tell me about the camera").
SEMANTIC_TYPES: frozenset[str] = frozenset({"need", "support", "decline", "question", "purchase_intent"})
DEFAULT_SEMANTIC_TYPES: frozenset[str] = frozenset({"need", "support", "decline", "purchase_intent"})
#: Stricter bars where a wrong call costs more than a miss: support reroutes the chat, decline silences offers.
DEFAULT_TYPE_THRESHOLDS: dict[str, float] = {
    "support": 0.38, "decline": 0.55, "question": 0.6, "request": 0.4, "purchase_intent": 0.4
}
#: How far an ask for a product must read above the nearest question about facts.
ASK_LEAD = 0.08
#: Shorter statements are not read on their own when the whole message says nothing.
_MIN_SENTENCE_WORDS = 3
#: Words a message must keep once its budget is blanked out to be read for a need as well.
_MIN_BUDGET_REST_WORDS = 6
#: What being on the checkout page adds to the purchase-intent reading of a message.
CHECKOUT_PRIOR = 0.1
#: How far a support reading must beat the need readings when nothing names an order or a purchase.
DEFAULT_SUPPORT_LEAD = 0.08
# Bars besides the types': implicit needs, asks for a product, how far support must lead the need readings.
_EXTRA_BARS = frozenset({"implicit", "request", "support_lead"})
# The need readings of the examples: stated, asked (a request for a product) and implicit.
_NEED_LABELS = ("need", "request", "addons", "implicit")
#: How far the need examples must read nearer than any other label for a statement under the bar to be a need.
NEED_LEAD = 0.06
#: Labels only a question carries: a statement near their examples is whatever it reads closest to besides them
#: ("add everything to my cart" is no ask for add-ons).
_ASKED_LABELS = ("question", "addons")
#: The labels the semantic path reads besides the signal types: explicit asks for a better or cheaper version
#: (a need with ``wants``) and statements about usage that may hide a need (an implicit, low-confidence need).
WANTS_LABELS = ("better", "cheaper")

# Signals that say what the shopper wants done with this turn; when a phrase found one, similarity adds nothing.
_DECISIVE = frozenset({"need", "support", "decline", "accept", "purchase_intent"})

# Letters outside Latin-1 (Cyrillic, Vietnamese ơ ư đ ạ ...) or function words of es/de/fr mean the English-only
# embedder would only add noise.
_NON_ENGLISH_CHARS = re.compile(r"[^\x00-\u00ff\u2000-\u206f\u20a0-\u20cf]")
_NON_ENGLISH_WORDS = re.compile(
    r"\b(?:que|pero|ich|nicht|und|das|je|les|est|une|mais|para|por|los|mein|meine|mon|mi|ist|nur|gracias|danke|"
    r"merci|pas|wenn|wäre|avec|muy|tengo|quiero|necesito|ojalá|brauche|möchte|j'aimerais|voudrais|besoin)\b",
    re.IGNORECASE,
)


class SignalDetector(Protocol):
    """Anything that turns one shopper message into signals."""

    def detect(
        self, message: str, context: ChatContext | None = None, *, offer_pending: bool | None = None, deadline=None
    ) -> list[Signal]:
        """The signals carried by ``message``; ``offer_pending`` says whether the last reply made an offer.

        ``deadline`` (an agent.models.deadline.Deadline) bounds any model call a detector makes.
        """
        ...



def looks_english(work: str, locale: str | None) -> bool:
    """Whether a message is (probably) English: the locale hint first, then its letters and function words."""
    if locale and lang_of(locale) != "en":
        return False
    return not _NON_ENGLISH_CHARS.search(work) and not _NON_ENGLISH_WORDS.search(work)



def _with_bare_needs_widened(hits: list[_Hit], work: str) -> list[_Hit]:
    """Needs whose span names nothing ("what filter do I need |for it|?": the wanted thing came before the verb)
    widened to their sentence, so the search has the words that say what is needed."""
    out = []
    sents: list[Span] | None = None
    for h in hits:
        if h.type == "need" and not content_words(work[h.span.start : h.span.end]):
            sents = sents if sents is not None else sentences(work)
            sent = next((s for s in sents if s.start <= h.span.start < s.end), None)
            if sent is not None:
                h = replace(h, span=trim(work, sent))
        out.append(h)
    return out


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _figures_are_measures(text: str) -> bool:
    """Whether the text states figures and every one of them comes with a unit of measure (cm, kg, GB, hours)."""
    numbers = _NUMBER.findall(text)
    if not numbers:
        return False
    measured = sum(len(_NUMBER.findall(written)) for _, _, written in text_figures(text))
    return measured >= len(numbers)


class OfflineSignalDetector:
    """Detects need, decline, support, budget, purchase intent, accept and question signals without a model.

    Phrase patterns run first (English, and wishes/declines/budgets in es, de, fr, ru, vi); with an offer pending,
    a line opening with a refusal word ("nah, I'll manage") declines it. When encoders are given, the message is
    embedded once per encoder and compared with labelled example phrasings (:mod:`agent.signals.semantic`):
    unless a phrase already found a decline, support case, accept or purchase, a close enough match (``threshold``
    for needs, ``type_thresholds`` for the others, and ``margin`` above the best "no signal" example) adds that
    signal. A question that asks for a product or a fix ("what do I clean it with?") is a need when it reads
    clearly apart from questions about the item's facts; an ask for a better or cheaper version marks the need with
    ``wants`` (direction: :mod:`agent.signals.direction`); support must lead the need readings unless an order or a
    purchase is named; at checkout, talk of paying is purchase intent. A statement about usage, or a need-like
    message just under the bar, becomes an implicit need (confidence ``IMPLICIT_CONFIDENCE``) that the candidate
    step keeps only when a related product answers it. When the whole message reads as nothing, its sentences are
    read one by one (one more batch).
    A multilingual encoder reads every language (Vietnamese through the glossary); an English-only one reads
    English messages only. The defaults were set on USE-multilingual v3 (bench/bench_signals.py).
    """

    def __init__(
        self,
        embedder: Embedder | Sequence[Embedder] | None = None,
        threshold: float = 0.36,
        *,
        margin: float = 0.05,
        implicit_floor: float = 0.3,
        type_thresholds: dict[str, float] | None = None,
        examples_path: Path | str | None = None,
        semantic_types: frozenset[str] = DEFAULT_SEMANTIC_TYPES,
    ):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        thresholds = {**DEFAULT_TYPE_THRESHOLDS, **(type_thresholds or {})}
        for kind, value in thresholds.items():
            if kind not in SEMANTIC_TYPES | {*WANTS_LABELS, *_EXTRA_BARS} or not 0.0 < value <= 1.0:
                raise ValueError(f"type_thresholds[{kind!r}]: expected a semantic type and a value in (0, 1]")
        if not 0.0 <= margin < 1.0:
            raise ValueError(f"margin must be in [0, 1), got {margin}")
        if not 0.0 < implicit_floor <= threshold:
            raise ValueError(f"implicit_floor must be in (0, threshold], got {implicit_floor}")
        unknown = set(semantic_types) - SEMANTIC_TYPES
        if unknown:
            raise ValueError(f"semantic_types: unknown or unsupported types {sorted(unknown)}")
        embedders = [] if embedder is None else [embedder] if not isinstance(embedder, Sequence) else list(embedder)
        self.embedder = embedders[0] if embedders else None
        self.threshold = threshold
        self.type_thresholds = thresholds
        self.margin = margin
        self.implicit_floor = implicit_floor
        self.semantic_types = frozenset(semantic_types)
        self.examples = load_examples(examples_path)
        self._scorer = SemanticScorer(embedders, self.examples) if embedders else None

    def warm_up(self) -> None:
        """Embed the example phrasings now rather than on the first message."""
        if self._scorer is not None:
            self._scorer.load()

    def detect(
        self, message: str, context: ChatContext | None = None, *, offer_pending: bool | None = None, deadline=None
    ) -> list[Signal]:
        """The signals in one shopper message, in the order they appear; ``[]`` for small talk.

        ``offer_pending`` says whether the agent's last reply made an offer: with False, "ok, add it" is purchase
        intent (there is nothing to accept); None (unknown) reads a bare yes as accept, as before.
        ``deadline`` is accepted for the SignalDetector interface and unused: no model time is spent here.
        """
        nfc, work = normalise(message)
        if not work.strip() or P.SMALL_TALK.match(work):
            return []
        context = context or ChatContext()
        hits = _with_stated_directions(self._pattern_hits(work, context, offer_pending), work)
        hits = _with_bare_needs_widened(hits, work)
        hits = with_budget_purpose(hits, work)
        # A found need only gains a ``wants`` from the examples when the message asks something.
        if self._scorer is not None and not any(
            h.type in _DECISIVE and (h.type != "need" or not any(q.type == "question" for q in hits)) for h in hits
        ):
            hits = self._semantic_hits(nfc, work, context, hits, offer_pending)
        if self._scorer is not None:
            # A need the examples heard says its own direction as a phrase's does ("the next step up from this bag?").
            hits = self._with_addon_asks(_with_stated_directions(hits, work), work, context)
        if not any(h.type in _DECISIVE for h in hits):
            # Nothing else heard: "a brighter desk lamp would be nice too" still names a thing they would like.
            hits = sorted([*hits, *helpful_needs(work)], key=lambda h: h.span.start)
        signals = _to_signals(nfc, hits)
        return signals + unsettled_signals(nfc, signals)

    def leaning(self, message: str, context: ChatContext | None = None) -> str | None:
        """The example label a statement reads closest to (questions aside), or None without an encoder."""
        if self._scorer is None:
            return None
        nfc, work = normalise(message)
        if not re.search(r"\w\w", work):
            return None
        scores = dict(self._scorer.scores(nfc.strip(), english=looks_english(work, (context or ChatContext()).locale)))
        for label in _ASKED_LABELS:
            scores.pop(label, None)
        return max(scores, key=scores.__getitem__) if scores else None

    # --- patterns ------------------------------------------------------------------------------
    def _pattern_hits(self, work: str, context: ChatContext, offer_pending: bool | None) -> list[_Hit]:
        return pattern_hits(work, context, offer_pending)

    # --- similarity to examples ----------------------------------------------------------------
    def _stated(self, similarity: float) -> float:
        # A cosine is no probability: a need over the bar reads as stated (>= STATED_NEED_FLOOR), more so the
        # further above the bar it is.
        return round(min(0.9, STATED_NEED_FLOOR + 0.05 + max(0.0, similarity - self.threshold)), 3)

    def _semantic_hits(
        self, nfc: str, work: str, context: ChatContext, hits: list[_Hit], offer_pending: bool | None
    ) -> list[_Hit]:
        """``hits`` with what the examples add: a need (asked or stated), its ``wants``, support, decline,
        purchase intent at checkout, or an implicit need."""
        assert self._scorer is not None
        if not re.search(r"\w\w", work):
            return hits
        english = looks_english(work, context.locale)
        scores = self._scorer.scores(nfc.strip(), english=english)
        if not scores:
            return hits
        sents = sentences(work)
        out = self._read(scores, work, sents, context, hits, offer_pending)
        rest = without_budgets(nfc, Span(0, len(nfc)), [h for h in hits if h.type == "budget"])
        # A reading that heard at most a hint of a need (an implicit one) may owe it to the budget words beside it.
        faint = out is hits or all(h.type == "need" and h.confidence <= IMPLICIT_CONFIDENCE for h in out[len(hits):])
        if faint and rest != nfc and len(words(rest)) >= _MIN_BUDGET_REST_WORDS:
            # "Il me faudrait de quoi faire du café filtre, mais pas plus de 30 euros": the budget kept the whole from
            # reading as a need; what the message says besides it may still be one ("my budget is 500" leaves too
            # little to read and stays price talk only).
            rest_scores = self._scorer.scores(rest.strip(), english=english)
            if rest_scores:
                apart = self._read(rest_scores, work, sents, context, hits, offer_pending, budget_read_apart=True)
                out = apart if apart is not hits else out
        if out is not hits or len(sents) < 2:
            return out
        # One reading of a longer message blurs its parts ("We start next week. Not sure it's strong enough."):
        # when the whole says nothing, each sentence is read on its own, in one batch.
        if any(h.type == "need" for h in hits):
            # A phrase found the need: a sentence may only say which way it points ("Is there a cheaper one?").
            sents = [s for s in sents if any(h.type == "need" and h.span.overlaps(s) for h in hits)]
        # "Order's in!" or "Just ordered!" alone carries no need and reads close to an order problem; a short
        # question ("any cheaper?") still asks.
        texts = [work[s.start : s.end] for s in sents]
        sents = [s for s, x in zip(sents, texts) if is_question(x) or len(words(x, contractions=True)) >= _MIN_SENTENCE_WORDS]
        if not sents:
            return hits
        per_sentence = self._scorer.scores_many([nfc[s.start : s.end] for s in sents], english=english)
        for sent, sent_scores in zip(sents, per_sentence):
            if sent_scores:
                out = self._read(sent_scores, work, [sent], context, hits, offer_pending)
                if out is not hits:
                    return out
        return hits

    def _read(
        self,
        scores: dict[str, float],
        work: str,
        sents: list[Span],
        context: ChatContext,
        hits: list[_Hit],
        offer_pending: bool | None,
        budget_read_apart: bool = False,
    ) -> list[_Hit]:
        """What one reading (the whole message's, or one sentence's) adds to ``hits``; ``hits`` itself if nothing."""
        scores = dict(scores)
        none = scores.get("none", 0.0)
        statements = [s for s in sents if not is_question(work[s.start : s.end])]
        asked = len(statements) < len(sents)
        if not asked:
            # Questions are told by their form: a statement near a question example is whatever comes next.
            for label in _ASKED_LABELS:
                scores.pop(label, None)
        # A yes to an offer needs a phrase. With none pending at checkout, "card's ready" is buying; elsewhere
        # purchase intent needs a phrase too (it sits close to "too pricey for me" and other price talk), and a
        # message nearest to either says nothing else.
        paying = context.page == "checkout" and offer_pending is not True and "purchase_intent" in self.semantic_types
        if paying:
            # The page is evidence too: at checkout, talk of cards, addresses and wallets is most likely paying.
            scores["purchase_intent"] = max(scores.get("purchase_intent", 0.0), scores.pop("accept", 0.0))
            scores["purchase_intent"] += CHECKOUT_PRIOR
        if "cheaper" in scores and _figures_are_measures(work) and not talks_price(work):
            # "My sheets only have a 25 cm pocket" reads like "I only have 25 dollars": a figure with a unit of
            # measure is no price, and a message whose figures are all measures, with no word of price, talks size.
            scores.pop("cheaper")
        label = max(scores, key=scores.__getitem__)
        best = scores[label]
        clear = best - none >= self.margin
        whole = trim(work, Span(sents[0].start, sents[-1].end))
        # Needs in the text being read: a sentence's reading marks only its own needs with a ``wants``.
        needs = [h for h in hits if h.type == "need" and h.span.overlaps(whole)]
        if label in WANTS_LABELS and asks_what_goes_with(work[whole.start : whole.end]):
            label = "request"  # an ask for something to go with it: an add-on, not another version
        if label in WANTS_LABELS:
            # "My budget is 500" talks price but asks for nothing: the budget signal says it all (a budget in another
            # sentence leaves an ask its own: "Anything better? No more than 550 extra though.").
            budget_here = not budget_read_apart and any(h.type == "budget" and h.span.overlaps(whole) for h in hits)
            if not clear or best < self._bar(label) or budget_here:
                return hits
            if asked and not statements and best - scores.get("question", 0.0) < ASK_LEAD:
                return hits  # "what's the lowest height it goes to?" asks about this one, not for another
            wants = direction(scores, work[whole.start : whole.end])
            if needs:
                # Only an ask names another version ("is there one cheaper?"); "I wish I could ..." wants a thing.
                if not asked:
                    return hits
                return [replace(h, wants=wants) if h in needs else h for h in hits]
            # The need is what comes before a budget said after it ("…filter coffee, but no more than 30 euros").
            cut = min((h.span.start for h in hits if h.type == "budget" and whole.start < h.span.start < whole.end),
                      default=whole.end)
            span = trim(work, Span(whole.start, cut)) if cut < whole.end else whole
            return hits + [_Hit("need", span, self._stated(best), wants=wants)]
        if needs:
            return hits
        need_reading = max(scores.get(k, 0.0) for k in _NEED_LABELS)
        if label == "support" and best - need_reading < self._support_lead(work, context):
            # A shortcoming in use ("on me it's gone by noon") reads close to a fault; only a clear lead, or an
            # order or purchase named, makes it a support case.
            label = max(_NEED_LABELS, key=lambda k: scores.get(k, 0.0))
            best = scores.get(label, 0.0)
            clear = best - none >= self.margin
        if label in ("request", "addons"):
            # A question that asks for a product or a way to solve something is a need, whatever its form; it must
            # read clearly apart from a question about the item's own facts ("does it come with a warranty?").
            # Read nearest to the asks that name no thing ("what else do I need for it?"), it asks for whatever
            # goes with what they hold: the items made for it answer it.
            lead = best - scores.get("question", 0.0)
            if clear and best >= self._bar("request") and lead >= ASK_LEAD and "need" in self.semantic_types:
                if label == "addons" and self._says_more(work, looks_english(work, context.locale)):
                    # "The mower can't reach the edges. What do I use for that?": the ask points at what the rest
                    # of the message describes, which is the need.
                    return hits + [_Hit("need", trim(work, Span(0, len(work))), self._stated(best))]
                return hits + [_Hit("need", whole, self._stated(best))]
            return hits
        if label in ("need", "implicit"):
            budgets = [h for h in hits if h.type == "budget"]
            # A statement that is only a budget ("Pas plus de 45 dollars.") says what they can spend, not what for.
            statements = [
                s for s in statements
                if not any(b.span.overlaps(s) for b in budgets) or len(words(without_budgets(work, s, budgets))) >= 2
            ]
            if not statements or P.SATISFIED.search(work):
                return hits
            parts = [trim(work, c) for s in statements for c in clauses(work, s)]
            span = max(parts, key=lambda c: c.end - c.start)
            floor = self.type_thresholds.get("implicit", self.implicit_floor)
            # Cosines run lower on words far from every example (another trade, another domain), while which
            # example reads nearest holds up: a statement nearest to the need examples by a clear lead over every
            # other label is a stated need, even under the bar.
            runner_up = max((v for k, v in scores.items() if k != label), default=0.0)
            leads = best >= floor and best - runner_up >= NEED_LEAD
            if label == "need" and clear and (best >= self.threshold or leads) and "need" in self.semantic_types:
                return hits + [_Hit("need", span, self._stated(max(best, self.threshold)))]
            # Quoted words are someone else's (or an instruction to repeat), not the shopper's circumstances.
            if best >= floor and clear and not QUOTED.search(work):
                return hits + [_Hit("need", span, IMPLICIT_CONFIDENCE)]
            return hits
        if label in ("none", "accept") or label not in self.semantic_types or not clear:
            return hits
        if label == "purchase_intent" and not paying:
            return hits
        if label == "decline" and (not statements or offer_pending is False):
            # "Am I missing anything?" asks; a refusal is said. With nothing offered, "nah, I'll manage" turns
            # nothing down: a refusal of extras before any offer is said with a phrase ("no add-ons please").
            return hits
        if best < self._bar(label):
            return hits
        if label == "question":
            if any(h.type == "question" for h in hits):
                return hits
            return hits + [_Hit("question", sents[0], round(best, 3))]
        whole = trim(work, Span(sents[0].start, sents[-1].end), fillers=False, times=False)
        return hits + [_Hit(label, whole, round(best, 3))]  # type: ignore[arg-type]

    def _with_addon_asks(self, hits: list[_Hit], work: str, context: ChatContext) -> list[_Hit]:
        """Needs asked as a question that reads nearest to the asks naming no thing ("what else should I get for
        it?") gain ``addons``, unless another sentence says what the need is."""
        questions = [s for s in sentences(work) if is_question(work[s.start : s.end])]
        asks = [
            h for h in hits
            if h.type == "need" and h.confidence >= STATED_NEED_FLOOR and h.wants is None and not h.group
            and any(h.span.overlaps(q) for q in questions)
        ]
        if not asks:
            return hits
        assert self._scorer is not None
        english = looks_english(work, context.locale)
        readings = self._scorer.scores_many([work[h.span.start : h.span.end] for h in asks], english=english)
        bare = {
            h for h, reading in zip(asks, readings)
            if reading and max(_NEED_LABELS, key=lambda k: reading.get(k, 0.0)) == "addons"
            and reading["addons"] >= self._bar("request")
        }
        if not bare or self._says_more(work, english):
            return hits
        return [replace(h, addons=True) if h in bare else h for h in hits]

    def _says_more(self, work: str, english: bool) -> bool:
        """Whether a sentence besides the ask for add-ons states a need or a problem ("My kid keeps dropping it.
        What else should I get?"); "I just ordered it!" or "thanks!" before the ask say nothing more."""
        assert self._scorer is not None
        spans = [
            s for s in sentences(work) if len(words(work[s.start : s.end], contractions=True)) >= _MIN_SENTENCE_WORDS
        ]
        if len(spans) < 2:
            return False
        readings = self._scorer.scores_many([work[s.start : s.end] for s in spans], english=english)
        ask = max(range(len(spans)), key=lambda i: readings[i].get("addons", 0.0))
        for i, reading in enumerate(readings):
            if i == ask or not reading:
                continue
            reading = dict(reading)
            if not is_question(work[spans[i].start : spans[i].end]):
                for label in _ASKED_LABELS:
                    reading.pop(label, None)
            # Order news and thanks ("I just ordered it!") read nearest to none or support: no need in them.
            if max(reading, key=reading.__getitem__) in (*_NEED_LABELS, *WANTS_LABELS):
                return True
        return False

    def _bar(self, label: str) -> float:
        return self.type_thresholds.get(label, self.threshold)

    def _support_lead(self, work: str, context: ChatContext) -> float:
        # How far support must beat the need labels: nothing when an order or a purchase is named, more when
        # nothing ties the trouble to the shop.
        lead = self.type_thresholds.get("support_lead", DEFAULT_SUPPORT_LEAD)
        if P.BOUGHT.search(work):
            return 0.0
        # After a purchase a problem is likelier, but "Just ordered! What else do I need?" is still shopping.
        return lead / 2 if context.page == "post_purchase" else lead



def _to_signals(nfc: str, hits: list[_Hit]) -> list[Signal]:
    # One signal per type for the turn-level types; needs, budgets and questions may repeat.
    hits = sorted(hits, key=lambda h: (h.span.start, h.span.end))
    out: list[Signal] = []
    seen: set[tuple[str, str]] = set()
    single: set[str] = set()
    for h in hits:
        text = nfc[h.span.start : h.span.end].strip()
        if not text or (h.type, text.lower()) in seen:
            continue
        if h.type in ("decline", "support", "accept", "purchase_intent"):
            if h.type in single:
                continue
            single.add(h.type)
        seen.add((h.type, text.lower()))
        out.append(Signal(type=h.type, text=text, amount=h.amount, scope=h.scope, currency=h.currency,
                          confidence=h.confidence, wants=h.wants, group=h.group or None, addons=h.addons or None))
    return out


def _with_stated_directions(hits: list[_Hit], work: str) -> list[_Hit]:
    """Needs whose own words compare price or quality ("something cheaper") gain that ``wants``."""
    out = []
    for h in hits:
        if h.type == "need" and h.wants is None:
            wants = stated_direction(work[h.span.start : h.span.end])
            if wants is not None:
                h = replace(h, wants=wants)
        out.append(h)
    return out
