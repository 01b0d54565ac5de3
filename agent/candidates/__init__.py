"""Candidate generation: products that might answer the shopper's need or complete what they hold.

Modules: :mod:`.gather` runs the steps in order: :mod:`.related` (upgrades and complements), :mod:`.search`
(semantic search per need), :mod:`.addition` (one more of the item), :mod:`.needs` (need scores from search and
word affinity), :mod:`.traits` (a replacement keeps what the shopper said the item must stay), :mod:`.renewal`
(nothing used up for a shopper fed up with re-buying it), :mod:`.scoring` (the final score below), :mod:`.bundles`
(a bundle or a "frequently bought together" set when it answers better than one item). :mod:`.attributes` holds
the aspect lexicon and number words for upgrades, :mod:`.competitors` tells a competing product from an add-on,
:mod:`.deps` what generation reads besides the turn.

Sources, for the item in focus (the product page's sku, else the latest cart line) and the cart:

- semantic search on each need signal's text, filtered inside the index (in stock, active, not in the cart,
  not declined, under a price ceiling derived from the guardrails so the top hits are usable);
- ``relations.upgrades(focus)``: pricier family members and curated upsells (kind ``upsell``);
- ``relations.complements_for_cart(cart + focus)``: curated cross-sells, compatible accessories and
  co-purchase consequents (kind ``cross_sell``).

A product found several ways is one candidate with every source kept and the best evidence of each kind.

Scoring (each term in 0..1)::

    score = 0.60 * need        # how well it answers a stated need (see below)
          + 0.25 * relation    # strongest relation to the cart/focus: curated 1.0, compatible 0.9,
                               #   family 0.8, co-purchase = rule confidence; 0 for search-only hits
          + 0.10 * fit         # cross-sell: 1.0 linked to the cart/focus, 0.5 complementary category
                               #   (same top-level category, different leaf); upsell: a modest step
                               #   fits best, 1 - uplift / (2 * max_uplift), floored at 0
          + w_m  * margin      # merchant margin, never shown to the shopper; w_m is the margin_weight
                               #   setting (default 0.05, tunable by the merchant)
          + 0.10 * hint        # cross-sell: word affinity with a question of this turn (never a need)
          + 0.10 * required    # cross-sell: supplies a part a held item comes without ("battery not
                               #   included") and the cart lacks (knowledge.requirements)
          - 0.03 * price_share # cross-sell: price / cart (or focus); the cheaper of two equal answers wins

For a product that answers a need (need >= ``min_need_score``) relation, and an add-on's fit, count at
``ANSWER_RELATION_SHARE`` (0.6) of their weight: how well it answers comes first, a link to the cart only
outweighs a need gap of about a third (a bag for "a little bag to keep it in" over linked guard combs that share a
word). An upgrade's fit (the price step) keeps its weight.

Need has two parts. The semantic part of a search hit blends how close it is and how it ranks for that need::

    sem = 0.5 * clip((similarity - 0.10) / (0.40 - 0.10), 0, 1) + 0.5 * similarity / best_similarity

because sentence-embedding cosines are low and compressed (with all-MiniLM-L6-v2 the right product for
"I keep cracking my screen" scores 0.21 against 0.24 for the best hit, and unrelated products 0.05-0.15):
the rank among this need's hits says more than the raw value. Hits under ``min_similarity`` count as no
match at all. The top ``k`` hits may become candidates; the top ``deep_k`` also score items already related
to the cart/focus (an accessory made for the item is often far down a topic-ranked list). An add-on that is
no closer to the need than the item the shopper already holds (found by the same search) matches the topic,
not the need: its semantic part is halved.

The word part is :func:`agent.affinity.affinity`: whether the product's own name, category and description
say what it does for the need (topic words of what the shopper holds left out, a small concept table, kinds
the shopper ruled out with "no X" excluded). For an add-on::

    need = 0.5 * sem + 0.5 * affinity          when its words answer the need
    need = sem * 0.8                           when no candidate's words do (paraphrase, another language)
    need = sem * 0.5                           when others' words do and its own do not (topic only)
    need = sem * 0.3                           when another product answers with hard evidence: names the
                                               need's own words in its name or first sentence, or measurably
                                               improves what a need of the turn is about (below); 0.3 keeps
                                               it under the need bar, so relation alone never answers a need
    (x 0.5 again for generic services: plans, subscriptions, software, unless their words answer)

and a linked add-on (relation >= 0.5) scores at least 0.7 x its affinity without any search evidence. With
several needs in one turn, the best need counts fully and each other need adds 0.25 of its score.

For a replacement (upgrade or cheaper version), need is first judged on measures (:mod:`.upgrades`,
:mod:`.dimensions`, :mod:`knowledge.measures`): when the need is about a measured quantity (duration, mass,
brightness…) and the replacement improves it the right way, need = max(0.6, sem) and the change is kept as the
offer's ``improves``; when it states that quantity and is no better, it answers no need of the turn (vetoed);
an explicit "better" (``Signal.wants``) scores every better version 0.7, an explicit "cheaper" every cheaper
version 0.7 and nothing else. Cheaper family versions join the candidates (:func:`.upgrades.add_cheaper`) when
a need is stated. When measures cannot tell, the older attribute-word rule applies: when an attribute that changed
matches the need (``storage_gb`` for "always full", ``battery_mah`` for "battery dies", ``seats`` for
"adding five people", a figure the upgrade reaches for "we'll be ten"), need = max(0.6, sem); when attributes
changed but none matches, need = 0.5 * sem; with no attributes to compare, need = sem. Words only the
upgrade has (its affinity without the replaced item's words) can raise it to 0.5 * sem + 0.5 * affinity.

A need questioning a figure of the item itself, in the need or its sentence ("only 45 minutes of battery, that
seems short", "I wonder if 1800 watts is enough"), is about that quantity: an add-on answers it only by adding
that quantity (a spare battery's Ah, cloud storage's GB: a catalog attribute of the dimension the held item is
measured in, or of any kind for an accessory made for it); a related add-on that does not (a travel case) gets
need 0, so after a purchase, with no version to offer, nothing is offered. Such an add-on that adds to the
quantity a need is about (measured, not only worded) scores at least 0.6, like a measured replacement.

A search hit that competes with an item in focus sold in no family (another brand's kettle) may replace it, but
only when it measurably improves what the need is about (``Evidence.rival``). A need for one more of the item
(gifts, one to keep elsewhere: :mod:`.addition`) turns the item's other sizes into add-ons (need 0.6, the
smaller the better) and leaves out replacements.

Relevance first: a candidate whose need is below ``min_need_score`` and that has no relation to the
cart/focus is dropped. A search hit kept as a cross-sell must also make sense next to the focus item
(linked to it, or in a complementary category) or answer the need directly (raw similarity at least
``direct_answer_score``, or its name and first sentence say at least two of the need's own content words); an
accessory whose ``compatible_with`` selects none of the cart/focus items (a
screen protector for another phone), a competitor of what they hold (:func:`is_competitor`) or a variant in
its family is never a cross-sell. Candidates whose need reaches ``min_need_score`` carry the need signal they
answer in ``Candidate.need``; an add-on linked to nothing held and found by search alone needs
``min_unlinked_need_score`` (0.7), unless its name or first sentence says what the need asks for
(:func:`.scoring.need_bar`).
"""

from agent.candidates.attributes import attribute_need_match
from agent.candidates.competitors import is_competitor
from agent.candidates.deps import CandidateDeps, CandidateTuning, RelationsLike, SearchFn
from agent.candidates.gather import gather_candidates
from agent.candidates.needs import combine_need, upgrade_need_score
from agent.candidates.search import need_match, search_ceiling

__all__ = [
    "CandidateDeps",
    "CandidateTuning",
    "RelationsLike",
    "SearchFn",
    "attribute_need_match",
    "combine_need",
    "gather_candidates",
    "is_competitor",
    "need_match",
    "search_ceiling",
    "upgrade_need_score",
]
