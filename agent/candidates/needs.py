"""The affinity step: how well each found product answers each need, from its search score and its own words."""

from __future__ import annotations

import dataclasses
import re

from agent.affinity import NeedTerms, ProductTerms, affinity, ruled_out, spares, text_stems, topic_stems
from agent.candidates.addition import ADDITION_SCORE
from agent.candidates.attributes import attribute_need_match
from agent.candidates.deps import CandidateDeps
from agent.candidates.dimensions import Axis
from agent.candidates.evidence import Anchors, Evidence, Found
from agent.candidates.named import need_heads, named_kinds, names_own_kind, product_kinds, sold_kinds
from agent.candidates.search import WORD_ANSWER_STEMS
from agent.candidates.upgrades import (
    AXIS_MATCH_SCORE,
    STATED_PREFIX,
    adds_on_axis,
    axes_of,
    held_measures,
    need_sentence,
    replacement_need,
)
from agent.schemas import Improvement, Signal
from agent.signals.direction import only_asks_what_goes_with
from agent.signals.thing_ask import asks_for_a_thing
from knowledge.models import Product

# need = W_SEM * semantic + (1 - W_SEM) * affinity, for a product whose own words answer the need.
W_SEM = 0.5
# Semantic-only matches: kept at 0.8 when no product's words answer the need (paraphrase, another language),
# cut to 0.5 when others' words do; generic services (plans, subscriptions, software) are halved again.
LONE_SEMANTIC_FACTOR, NO_AFFINITY_FACTOR, GENERIC_FACTOR = 0.8, 0.5, 0.5
# When a product measurably improves what a need of the turn is about (agent.candidates.upgrades), or names the
# need's own words in its name or first sentence, semantic-only matches merely share the topic: 0.3 keeps even
# the top search hit under the need bar (``min_need_score``). (Concept matches, "neck" -> "ergonomic", are
# weaker evidence and only halve them.)
ANSWERED_ELSEWHERE_FACTOR = 0.3
TOPIC_ONLY_FACTOR = 0.5
# A search score (0..1, the top hit at least 0.5) at which a product's own words describe the need itself.
SAYS_IT_SCORE = 0.9
# A linked add-on (curated, compatible, family: relation strength >= 0.5) whose words answer the need scores at
# least 0.7 x its affinity without any search evidence.
LINKED_RELATION, LINKED_AFFINITY_WEIGHT = 0.5, 0.7
ATTR_MATCH_SCORE = 0.6
# "Anything that goes nicely with them?" names nothing but the items held: every add-on made for them (linked)
# answers it as well as one more of the item answers "one for my sister too".
GOES_WITH_SCORE = ADDITION_SCORE
# Other needs of the same turn a candidate also answers add this share of their scores (a lens for "portraits
# with a blurry background" beats any lens for "which lens should I get?").
W_OTHER_NEEDS = 0.25


def upgrade_need_score(
    base: Product, upgrade: Product, need_text: str, similarity: float, topic: frozenset[str] = frozenset()
) -> float:
    """Need score of an upgrade: judged on what differs from the base (see the agent.candidates docstring)."""
    match = attribute_need_match(base, upgrade, need_text, topic)
    if match is None:
        return similarity
    if match:
        return max(ATTR_MATCH_SCORE, similarity)
    return TOPIC_ONLY_FACTOR * similarity


def _replacement_score(
    ev: Evidence,
    focus: Product | None,
    need: Signal,
    need_en: str,
    sem: float,
    axes: list[Axis],
    lx: float,
    topic: frozenset[str],
    deps: CandidateDeps | None,
) -> tuple[float, Improvement | None] | None:
    """A replacement's need score and what it improves: measured first (agent.candidates.upgrades), else attribute words and its own
    words. None when it cannot be judged (no item in focus)."""
    if focus is None:
        return None
    if need.wants is None and not need.version and asks_for_a_thing(need.text):
        # "Something to lie on" asks for a new object beside the item: no version of the item is an answer.
        return 0.0, None
    measured = replacement_need(ev, focus, need, axes, deps) if deps is not None else None
    if measured is not None:
        score, improves = measured
        return (max(score, sem) if score > 0 else 0.0), improves
    if ev.rival:
        # Another brand's product is a replacement only when it measurably answers the need.
        return 0.0, None
    score = upgrade_need_score(focus, ev.product, need_en, sem, topic)
    if lx > 0:
        score = max(score, W_SEM * sem + (1 - W_SEM) * lx)
    return score, None


def _offerable(ev: Evidence, focus: Product | None, deps: CandidateDeps | None) -> bool:
    """Whether a product could be offered at all (active, in stock, a replacement within the uplift limit): only
    such an answer makes the topic-only alternatives moot."""
    p = ev.product
    if not p.active or p.stock == 0:
        return False
    if ev.kind == "upsell" and focus is not None and deps is not None and focus.price > 0:
        return p.price <= focus.price * (1 + deps.limits.max_uplift) + 1e-9
    return True


def _said(need: Signal, need_en: str, message: str, deps: CandidateDeps | None) -> frozenset[str]:
    """Stems of a need, of its sentence in the message and of that sentence's English translation."""
    sentence = need_sentence(message, need.text)
    english = deps.translate(sentence) if deps is not None and sentence else ""
    return frozenset(text_stems(f"{need.text} {need_en} {sentence} {english}"))


def combine_need(
    sem: float, lex: float, *, generic: bool, others_have_affinity: bool, answered_elsewhere: bool = False
) -> float:
    """An add-on's need score from its semantic score and its word affinity (agent.candidates docstring)."""
    if lex > 0:
        return W_SEM * sem + (1 - W_SEM) * lex
    if answered_elsewhere:
        factor = ANSWERED_ELSEWHERE_FACTOR
    else:
        factor = NO_AFFINITY_FACTOR if others_have_affinity else LONE_SEMANTIC_FACTOR
    if generic:
        factor *= GENERIC_FACTOR
    return sem * factor


def score_needs(
    found: Found,
    needs: list[Signal],
    needs_en: list[str],
    questions_en: list[str],
    focus: Product | None,
    anchors: Anchors,
    deps: CandidateDeps | None = None,
    message: str = "",
    another: list[bool] | None = None,
) -> None:
    """Set each product's need score and the need it answers best; a question's word affinity sets its hint."""
    topic = topic_stems(anchors.products)
    need_terms = [NeedTerms.of(text, topic) for text in needs_en]
    # A kind refused anywhere in the turn ("…and nothing that eats batteries, I'm done buying AAAs") is refused
    # for every need of it.
    refused = frozenset().union(NeedTerms.of(message).ruled_out, *(nt.ruled_out for nt in need_terms))
    need_terms = [dataclasses.replace(nt, ruled_out=refused) for nt in need_terms]
    question_terms = [NeedTerms.of(text, topic) for text in questions_en]
    terms = {sku: ProductTerms.of(ev.product) for sku, ev in found.items()}
    focus_terms = ProductTerms.of(focus) if focus is not None else None
    lex: dict[tuple[str, int], float] = {}
    for i, nt in enumerate(need_terms):
        for sku, ev in found.items():
            pt = terms[sku]
            if ev.kind == "upsell" and focus_terms is not None:
                # An upgrade shares most words with what it replaces: only its new words can answer the need.
                pt = pt.without(focus_terms)
            lex[(sku, i)] = 0.0 if ruled_out(nt, terms[sku]) else affinity(nt, pt)
    per_need: dict[str, list[float]] = {}
    kinds = product_kinds(deps.catalog.get if deps is not None else lambda sku: None)
    held_kinds = set().union(*(kinds(p) for p in anchors.products)) - {""}
    bare = [bool(n.addons) or only_asks_what_goes_with(n.text) for n in needs]
    judged = deps is not None and focus is not None and bool(found)
    # Which measured quantities each need is about: once per need (agent.candidates.dimensions).
    axes = [axes_of(n, needs_en[i], deps, focus, message) if judged and deps is not None else [] for i, n in enumerate(needs)]
    held = held_measures(anchors.products, deps) if deps is not None and any(axes) else {}
    # Replacements first: one that measurably improves what a need of this turn is about is an answer with hard
    # evidence, and the needs of one message describe one situation ("my arm is sore, this thing is heavy").
    # What each need names, with the rest of its sentence ("…but I break out in hives from the latex gloves").
    spoken = [_said(n, needs_en[i], message, deps) for i, n in enumerate(needs)]
    scores: list[dict[str, float]] = [{} for _ in needs]
    improves: list[dict[str, Improvement | None]] = [{} for _ in needs]
    measured_answer = False
    measured_needs: set[int] = set()  # needs a replacement measurably answers
    for i, need in enumerate(needs):
        for sku, ev in found.items():
            if ev.kind != "upsell" or ruled_out(need_terms[i], terms[sku]):
                continue
            sem = ev.sem.get(i, 0.0)
            judged_one = _replacement_score(ev, focus, need, needs_en[i], sem, axes[i], lex[(sku, i)], topic, deps)
            if judged_one is None:
                continue
            score, improved = judged_one
            if not ev.vetoed and spares(spoken[i], terms[sku], focus_terms, replaces=True):
                # A version made without what the shopper named of the item ("latex" of the latex bands).
                score = max(score, ATTR_MATCH_SCORE)
            scores[i][sku], improves[i][sku] = score, improved
            sure = any(not a.by_words for a in axes[i])
            if sure and improves[i][sku] is not None and score >= AXIS_MATCH_SCORE and _offerable(ev, focus, deps):
                measured_answer = True
                measured_needs.add(i)
    for i, need in enumerate(needs):
        # A need quoting a figure of the item ("only 45 minutes", "is 1800 watts enough") is about that quantity;
        # so is one asking for the item's own kind better on a quantity ("a lighter mouse", "мышку полегче").
        stated = any(a.name.startswith(STATED_PREFIX) for a in axes[i]) or (
            bool(axes[i]) and focus is not None and names_own_kind(needs_en[i], need.text, focus)
        )
        measured_addons = {
            sku
            for sku, ev in found.items()
            if ev.kind == "cross_sell"
            and deps is not None
            and axes[i]
            and (ev.relation >= LINKED_RELATION or lex[(sku, i)] > 0)
            and _offerable(ev, focus, deps)
            and adds_on_axis(ev.product, held, axes[i], deps, linked=ev.relation >= LINKED_RELATION)
            # An axis read from the backstop lexicon needs the product to be near the need by text as well: its
            # search score must clear the need bar (a power bank is somewhere in the hits for "a stiff neck from
            # looking down at my laptop all day").
            and (
                any(not a.by_words for a in axes[i])
                or ev.sem.get(i, 0.0) >= deps.tuning.min_need_score
                or lex[(sku, i)] > 0
            )
        }
        # Topic-only add-ons are demoted when another product answers by its words, more so by its measures.
        answered_elsewhere = measured_answer or (bool(measured_addons) and any(not a.by_words for a in axes[i]))
        sure_measured = bool(measured_addons) and any(not a.by_words for a in axes[i])
        addons = [sku for sku, ev in found.items() if ev.kind == "cross_sell"]
        any_lex = any(lex[(sku, i)] > 0 for sku in addons)
        named = named_kinds(
            needs_en[i], [found[sku].product for sku in addons], anchors.products, kinds, need.text,
            sold_kinds(deps.catalog) if deps is not None else frozenset(),
        )
        # A need naming the very kind the shopper holds ("a filter that hides in the cabinet" beside a hang-on
        # filter) asks for another one of it: an add-on of another kind (its sponge) answers nothing.
        own_kind = not named and bool(held_kinds & need_heads(needs_en[i], need.text))
        said = need_terms[i].stems
        for sku in addons:
            told = len(said & (terms[sku].title | terms[sku].lead)) if lex[(sku, i)] > 0 else 0
            if told:
                answered_elsewhere = True
            if told >= WORD_ANSWER_STEMS:
                found[sku].worded = True
        if another is not None and i < len(another) and another[i] and any(ev.another for ev in found.values()):
            # More of what they hold answers it: a product merely near the words is no answer.
            answered_elsewhere = True
        for sku, ev in found.items():
            if ev.kind == "upsell" or ruled_out(need_terms[i], terms[sku]):
                continue
            sem, lx = ev.sem.get(i, 0.0), lex[(sku, i)]
            score = combine_need(
                sem, lx, generic=terms[sku].generic, others_have_affinity=any_lex, answered_elsewhere=answered_elsewhere
            )
            if sure_measured and sku not in measured_addons and not ev.worded:
                # Another add-on adds to the very quantity the need is about: a word in common (a card "for long
                # trips" for "on day trips it's dead by lunch") is topic, however linked this one is. One that
                # names what was asked ("a padded bag" beside "more storage") answers another part of the need.
                score *= ANSWERED_ELSEWHERE_FACTOR
            elif ev.relation >= LINKED_RELATION:
                # An item made for what they hold whose own words answer the need, even if the embedding
                # search did not surface it (the search ranks by topic).
                score = max(score, LINKED_AFFINITY_WEIGHT * lx)
            if bare[i] and ev.relation >= LINKED_RELATION:
                score = max(score, GOES_WITH_SCORE)
            if ev.another and another is not None and i < len(another) and another[i]:
                # Another size of the item, for a need asking for one more of it (agent.candidates.addition).
                score = max(score, ADDITION_SCORE)
            elif sku in measured_addons:
                # It adds more of exactly the quantity the need is about (a bigger battery for "dies after
                # twenty minutes"), and is made for what they hold or says so itself.
                score = max(score, AXIS_MATCH_SCORE)
            elif stated or (i in measured_needs and not (ev.relation >= LINKED_RELATION and sem >= SAYS_IT_SCORE)):
                # The shopper questions a figure of the item, or another version measurably improves the quantity
                # the need is about: an add-on that does not add to it does not answer them (a travel case for
                # "only 45 minutes of battery", a collar mount for "too heavy hanging off her collar"). Unless, when the
                # shopper quoted no figure, it is made for the item and describes the very trouble (the blade "once
                # the cut starts to tear" for "the grass looks torn"): the quantity may have been misread.
                score = 0.0
            if spares(spoken[i], terms[sku], focus_terms, replaces=False):
                # It is made without what the shopper named: "streak-free" for "my foundation always streaks".
                score = max(score, ATTR_MATCH_SCORE)
            if named and not kinds(ev.product) & named:
                score = 0.0  # they named the kind they want (agent.candidates.named)
            elif own_kind and not kinds(ev.product) & held_kinds:
                score = 0.0
            scores[i][sku] = score
        for sku, score in scores[i].items():
            ev = found[sku]
            if sku in improves[i] and score > ev.need:
                ev.improves = improves[i][sku]
            per_need.setdefault(sku, []).append(score)
            ev.add_need(score, need)
    for ev in found.values():
        if ev.vetoed:
            ev.need, ev.need_signal, ev.improves = 0.0, None, None
    for sku, scores in per_need.items():
        if found[sku].vetoed:
            continue
        if len(scores) > 1:
            ranked = sorted(scores, reverse=True)
            found[sku].need = ranked[0] + W_OTHER_NEEDS * sum(ranked[1:])
    for ev in found.values():
        if ev.kind == "cross_sell" and question_terms:
            ev.hint = max(affinity(qt, terms[ev.product.sku]) for qt in question_terms)


#: A need saying the item itself falls short: "I wish it held more", "5 cm won't be enough", "0.9 litres might be small",
#: "this one will run dry faster".
ITEM_SHORTCOMING = re.compile(
    r"\b(?:wish|if\s+only)\s+(?:it|this(?:\s+one)?|that(?:\s+one)?)\b|"
    r"\b(?:isn't|is\s+not|won't\s+be|will\s+not\s+be|wasn't|not)\s+(?:\w+\s+)?enough\b|"
    r"\b(?:might|may|could|will|would)\s+be\s+(?:a\s+bit\s+|too\s+)?(?:small|short|little|tight)\b|"
    r"\b(?:it|this(?:\s+one)?)\s+(?:will|would|might)\s+run\s+(?:dry|out|empty)\b",
    re.IGNORECASE,
)


def bought_item_shortcomings(
    found: Found, needs: list[Signal], needs_en: list[str], focus: Product, deps: CandidateDeps, message: str = ""
) -> None:
    """After the item in focus was bought, a need saying that item falls short is answered by a better version of it
    (which the policy no longer offers) or by an add-on that adds to the very quantity it lacks (a power bank for
    "I wish it lasted longer"); any other add-on only shares its topic (a cable for "I wish it held more")."""
    for i, need in enumerate(needs):
        # The need's span may leave out its wish words ("I wish |it held more|"): its sentence says how it was put.
        sentence = need_sentence(message, need.text) or need.text
        if not (ITEM_SHORTCOMING.search(sentence) or ITEM_SHORTCOMING.search(needs_en[i])):
            continue
        said = need.model_copy(update={"text": sentence}) if sentence != need.text else need
        axes = axes_of(said, needs_en[i] if said is need else sentence, deps, focus, message)
        held = held_measures((focus,), deps) if axes else {}
        for ev in found.values():
            if ev.kind != "cross_sell" or ev.need_signal is not need:
                continue
            if axes and adds_on_axis(ev.product, held, axes, deps, linked=ev.relation >= LINKED_RELATION):
                continue
            ev.need, ev.need_signal = 0.0, None
