"""Competitor detection: whether a product is another take on what the shopper holds, not an add-on to it."""

from __future__ import annotations

import re

from agent.affinity import stem
from agent.candidates.attributes import key_words
from knowledge.models import Product
from knowledge.text import words

# Share of the shorter list of attribute names two products must have in common to be the same kind of product.
SAME_KIND_OVERLAP = 0.5
# Attribute-name words any kind of product may have.
_ANY_KIND = frozenset("weight color colour size dimensions material finish brand model".split())


def top_category(p: Product) -> str:
    """The product's department (first level of its category path), case-folded."""
    path = p.category_path
    return path[0].casefold() if path else ""


def _leaf_category(p: Product) -> str:
    return p.category.strip().casefold()


# Where a product name's head phrase ends: qualifiers follow ("Travel Tripod, Aluminium", "Pump with Gauge",
# "Organiser - Black", "Card Reader (SD + microSD)", "Drip Kit for 20 Pots").
_QUALIFIERS = re.compile(r"\s[-–|]\s|[,(/:]|\s(?:with|for|in|from)\s", re.IGNORECASE)


def name_head(p: Product) -> str:
    """The stem of the noun a product's name ends its head phrase with: what kind of thing it says it is
    ("SDXC Card 64GB" -> card, "USB-C Card Reader" -> reader); empty when the name has no such word."""
    tokens = _QUALIFIERS.split(p.name, maxsplit=1)[0].split()
    # A trailing size or count ("64GB", "130 x 170 cm", "2-Pack") names no kind.
    while tokens and (any(c.isdigit() for c in tokens[-1]) or len(tokens[-1]) <= 2):
        tokens.pop()
    if len(tokens) < 2 or (p.brand and tokens[-1].casefold() in p.brand.casefold()):
        return ""  # a brand or model name alone ("CoreByte 2000") says no kind
    nouns = words(tokens[-1])
    return stem(nouns[-1]) if nouns else ""


def _kind_keys(p: Product) -> set[str]:
    """Attribute names that say what kind of product it is (weight, colour and the like say nothing)."""
    return {k for k in p.attributes if not (key_words(k) & _ANY_KIND)}


def is_competitor(p: Product, held: Product) -> bool:
    """Whether ``p`` is another take on what the shopper holds rather than something to add to it.

    The same leaf category is not enough (a store's "Camping" holds tents and stoves) and not needed (a phone
    is no add-on for a tablet). Two products in the same department are the same kind of thing when they
    describe themselves with largely the same attribute names (across leaf categories, at least two of them);
    with no attributes to compare, when they share a leaf category and their names end in the same noun.
    """
    if top_category(p) != top_category(held):
        return False
    a, b = _kind_keys(p), _kind_keys(held)
    same_leaf = _leaf_category(p) == _leaf_category(held)
    if a and b:
        shared = len(a & b)
        # Across leaves one shared measure (a kettle's and a pitcher's capacity) is a coincidence.
        return shared / min(len(a), len(b)) >= SAME_KIND_OVERLAP and (same_leaf or shared >= 2)
    # Nothing to compare: the shelf and the names decide. A card reader shelved with the memory cards is no card,
    # a mirror on the child-seat shelf no organiser; two throws are two throws.
    if not same_leaf:
        return False
    ha, hb = name_head(p), name_head(held)
    return not (ha and hb) or ha == hb


def stands_in_for(p: Product, held: Product) -> bool:
    """Whether ``p`` could replace ``held`` outright: another take on it (:func:`is_competitor`) that is not measured
    by other things. A serum stating its volume and being fragrance-free, beside one sold on its vitamin C, shares
    a shelf and a measure yet is another product; a hand grinder stating less than the electric one says nothing
    against it."""
    if not is_competitor(p, held):
        return False
    mine, theirs = _kind_keys(held), _kind_keys(p)
    return not mine or theirs <= mine or len(mine & theirs) / len(mine) > SAME_KIND_OVERLAP
