"""Candidate generation for one turn: the relations, search, affinity and scoring steps in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.affinity import NeedTerms, text_stems, topic_stems
from agent.candidates.addition import add_other_sizes, wants_another, wants_more_for_people
from agent.candidates.bundles import add_bundles
from agent.candidates.deps import CandidateDeps
from agent.candidates.evidence import Anchors, Found
from agent.candidates.fit import drop_misfits
from agent.candidates.named import searched_kinds
from agent.candidates.needs import bought_item_shortcomings, score_needs
from agent.candidates.related import add_complements, add_upgrades
from agent.candidates.renewal import fed_up, used_up
from agent.candidates.scoring import score_candidates
from agent.candidates.spared import add_spared_versions
from agent.candidates.search import add_search_hits
from agent.candidates.traits import keep_said_addon_traits, keep_said_traits
from agent.candidates.upgrades import add_cheaper, need_sentence
from agent.schemas import Signal
from agent.signals.semantic import is_implicit
from agent.signals.text import normalise, sentences
from agent.turn import TurnFacts
from agent.types import Candidate
from knowledge.models import Relation
from knowledge.text import content_words


def gather_candidates(
    facts: TurnFacts,
    signals: list[Signal],
    deps: CandidateDeps,
    earlier: Mapping[str, str] | None = None,
    said_before: Sequence[str] = (),
) -> list[Candidate]:
    """Candidates for this turn, best first, scored by the formula in the :mod:`agent.candidates` docstring.

    ``earlier`` maps skus offered earlier in the session as answers to a need to that need's words: with this
    turn's answers they may make a bundle the better offer (:mod:`agent.candidates.bundles`). ``said_before`` is
    what the shopper wrote in earlier turns: a refusal of consumables holds for the session.
    """
    anchors = Anchors.of(facts)
    needs = [s for s in signals if s.type == "need" and s.text.strip()]
    # An implicit need (a statement about usage) counts only when no need was stated, and only through a
    # product related to what the shopper holds that answers it strongly (see keep_strong_related).
    stated = [n for n in needs if not is_implicit(n)]
    implicit_only = bool(needs) and not stated
    needs = stated or needs
    questions = [s for s in signals if s.type == "question" and s.text.strip()]
    needs_en = [deps.translate(n.text) for n in needs]
    found: Found = {}
    # "A little something for each of my friends": one more of the item, next to it; nothing replaces it.
    another = [wants_another(n, needs_en[i], deps.embedder) for i, n in enumerate(needs)]
    # "We're adding two people to the crew", holding nothing that seats people: more of what they hold.
    group = [wants_more_for_people(n, needs_en[i], anchors, deps) for i, n in enumerate(needs)]
    another = [a or g for a, g in zip(another, group, strict=True)]
    if any(another):
        upgrades: dict[str, Relation] = {}
        add_other_sizes(found, facts, anchors, deps, every_held=any(group))
    else:
        upgrades = add_upgrades(found, facts, deps)
        add_spared_versions(found, facts, deps)
        add_cheaper(found, facts, needs, deps)
    add_complements(found, anchors, upgrades, deps)
    topic = topic_stems(anchors.products)
    need_terms = [NeedTerms.of(text, topic) for text in needs_en]
    sentences_too = _read_in_sentence(needs, facts.message)
    named = [searched_kinds(needs_en[i], n.text) for i, n in enumerate(needs)]
    add_search_hits(found, [n.text for n in needs], facts, anchors, upgrades, deps, need_terms, sentences_too, named)
    drop_misfits(found, anchors, deps.relations)
    questions_en = [deps.translate(q.text) for q in questions]
    score_needs(found, needs, needs_en, questions_en, facts.focus, anchors, deps, facts.message, another)
    if facts.focus is not None and facts.focus.sku in facts.purchased:
        bought_item_shortcomings(found, needs, needs_en, facts.focus, deps, facts.message)
    if needs and not any(n.wants for n in needs):
        # An explicit ask for better or cheaper names the item's traits to say which item ("the next set up from
        # the bamboo one", "carbon is nice but steep"), not to keep them.
        said = text_stems(f"{facts.message} {deps.translate(facts.message)}")
        keep_said_traits(found, facts.focus, said)
        keep_said_addon_traits(found, deps.catalog, said)
    if implicit_only:
        keep_strong_related(found)
    drop_used_up(found, [*said_before, facts.message], deps)
    # "Anything cheaper?" / "what's the step up?" / "a lighter one?" asks for another version of the item, never an
    # add-on; the rest of the message says why ("the next size up? I keep folding my fabric to fit").
    versions = any(n.wants is not None or n.version for n in needs)
    for ev in found.values():
        if ev.kind == "cross_sell" and ev.need_signal is not None and versions:
            ev.need, ev.need_signal = 0.0, None
    scored = score_candidates(found, facts.addon_base, deps.tuning, deps.limits.margin_weight)
    return add_bundles(scored, facts, deps, earlier)


#: A need read at least this surely was said outright (a wish, an ask: agent.signals.patterns.needs) and names what
#: it wants; below it (a complaint, a worry, a plan the encoder heard) the rest of its sentence often says what the
#: trouble is: "my skin just eats perfume", "its a brick wall", "bikes vanish from there every week".
OUTRIGHT_NEED = 0.8


def _read_in_sentence(needs: list[Signal], message: str) -> list[str]:
    """Per need, the sentence it sits in when that says more than the need's own words and the need was not said
    outright ("" otherwise)."""
    out = []
    for n in needs:
        sentence = need_sentence(message, n.text) if n.confidence < OUTRIGHT_NEED else ""
        out.append(sentence if len(content_words(sentence)) > len(content_words(n.text)) + 1 else "")
    return out


#: How well a related product must answer an implicit need for the need to be heard (need score, 0..1), and
#: how strongly it must be related to the cart/focus (curated, compatible or family; not a loose co-purchase).
#: The strong link is the guard: the need bar itself is the stated needs' default ``min_need_score`` (0.4 kept
#: "I fly a lot for work" from a travel case made for the headphones held, at 0.37).
IMPLICIT_MIN_NEED, IMPLICIT_MIN_RELATION = 0.35, 0.5


def keep_strong_related(found: Found) -> None:
    """Drop implicit-need matches except strong ones by upgrades/complements of what the shopper holds."""
    for ev in found.values():
        if ev.need_signal is not None and (ev.relation < IMPLICIT_MIN_RELATION or ev.need < IMPLICIT_MIN_NEED):
            ev.need, ev.need_signal = 0.0, None


def heard_signals(signals: list[Signal], candidates: list[Candidate]) -> list[Signal]:
    """The turn's signals without implicit needs no candidate answers: an unheard implicit need is no need."""
    answered = {id(c.need) for c in candidates if c.need is not None}
    return [s for s in signals if not is_implicit(s) or id(s) in answered]


def drop_used_up(found: Found, messages: Sequence[str], deps: CandidateDeps) -> None:
    """Without products that are used up (or run on what is) when the shopper said, this turn or earlier in the
    session, they are fed up with re-buying them (:mod:`agent.candidates.renewal`): they contradict what was said,
    however near its topic."""
    spent = [sku for sku, ev in found.items() if used_up(ev.product)]
    if not spent:
        return
    own: list[str] = []
    for message in messages:
        _, work = normalise(message)
        own += [work[s.start : s.end] for s in sentences(work)]
    # English words for the store's encoder; the shopper's own words for the multilingual one, when they wrote in
    # another language (the translation of a complaint keeps its topic better than its tone).
    if fed_up([deps.translate(t) for t in own], deps.embedder) or fed_up(own, deps.multilingual):
        for sku in spent:
            del found[sku]
