"""Competitor detection: whether a product is another take on what the shopper holds, not an add-on to it."""

from __future__ import annotations

from agent.candidates.attributes import key_words
from knowledge.models import Product

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


def _kind_keys(p: Product) -> set[str]:
    """Attribute names that say what kind of product it is (weight, colour and the like say nothing)."""
    return {k for k in p.attributes if not (key_words(k) & _ANY_KIND)}


def is_competitor(p: Product, held: Product) -> bool:
    """Whether ``p`` is another take on what the shopper holds rather than something to add to it.

    The same leaf category is not enough (a store's "Camping" holds tents and stoves) and not needed (a phone
    is no add-on for a tablet). Two products in the same department are the same kind of thing when they
    describe themselves with largely the same attribute names (across leaf categories, at least two of them);
    with no attributes to compare, when they share a leaf category.
    """
    if top_category(p) != top_category(held):
        return False
    a, b = _kind_keys(p), _kind_keys(held)
    same_leaf = _leaf_category(p) == _leaf_category(held)
    if a and b:
        shared = len(a & b)
        # Across leaves one shared measure (a kettle's and a pitcher's capacity) is a coincidence.
        return shared / min(len(a), len(b)) >= SAME_KIND_OVERLAP and (same_leaf or shared >= 2)
    # Nothing to compare: the same leaf category decides, as a shopper would read the shelf.
    return same_leaf
