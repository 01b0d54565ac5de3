"""A need that names a kind of thing the store has is answered by that kind, or by nothing."""

from __future__ import annotations

import pytest

from agent.candidates.named import phrase_heads
from agent.schemas import CartLine, ChatContext
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need


@pytest.mark.parametrize(
    "need, heads",
    [
        ("a second build sheet", {"sheet"}),
        ("a dust cover or a carry bag that fits this machine", {"cov", "bag"}),
        ("a bag to carry the camera and a spare battery for long days", {"bag", "bat"}),
        ("another lens for portraits", {"len"}),
        # What follows "to" says what the bag is for, "and the combs" included: no second thing is named.
        ("a little bag to keep it and the combs together", {"bag"}),
        ("a lamp for reading and a bag", {"lamp", "bag"}),
    ],
)
def test_noun_phrases_name_their_last_noun(need, heads):
    assert phrase_heads(need) == heads


@pytest.mark.parametrize(
    "need",
    [
        "connect two monitors at my desk",  # led by what they do
        "my phone battery lasted the whole day",  # the item's trouble, not a thing wanted
        "more storage for photos and a padded bag",  # one part names no kind: no constraint at all
        "something to keep prints from sticking",
    ],
)
def test_other_needs_name_no_kind(need):
    assert phrase_heads(need) == set()


PRINTER = Product(sku="PR-1", name="Forma 3D Printer", price=300.0, category="Printing > Printers")
SHEET = Product(sku="SHEET-1", name="Textured PEI Spring Steel Sheet 235 mm", price=30.0, stock=0,
                category="Printing > Build Plates", compatible_with=["PR-1"],
                description="A flexible build sheet: flex it and the prints pop off.")
GLUE = Product(sku="GLUE-3", name="Print Bed Adhesive Glue Sticks, 3-Pack", price=7.0,
               category="Printing > Build Plates", compatible_with=["PR-1"],
               description="Keeps the first layer stuck to the build sheet.")


def _offers(message: str, *products: Product) -> list[tuple[str, str]]:
    catalog = Catalog([PRINTER, *products])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        return [SearchHit(sku=p.sku, score=0.6) for p in products]

    context = ChatContext(page="product", product_sku="PR-1", cart=[CartLine(sku="PR-1")])
    return decide_need(message, context, catalog, Relations.build(catalog), search)


def test_the_kind_named_is_out_of_stock_so_nothing_else_is_offered_for_it():
    assert _offers("a second build sheet", SHEET, GLUE) == []


def test_the_kind_named_is_offered_when_it_can_be():
    in_stock = SHEET.model_copy(update={"stock": 12})
    assert _offers("a second build sheet", in_stock, GLUE) == [("SHEET-1", "cross_sell")]


def test_a_need_naming_no_kind_may_be_answered_by_any():
    assert _offers("something to keep prints from sticking", SHEET, GLUE) == [("GLUE-3", "cross_sell")]


def test_a_need_in_another_language_names_a_kind_when_it_opens_with_a_determiner():
    from agent.candidates.named import named_kinds, opens_with_determiner, product_kinds

    kinds = product_kinds(lambda sku: None)
    # The glossary's English words drop the article ("un filtre pour ce bac" -> "filter"); the shopper's own
    # words still say a thing was named.
    filt = Product(sku="F", name="AquaFlow Hang-On Filter", price=30.0, category="Aquarium > Filters")
    bact = Product(sku="B", name="Filter Start Bacteria Culture", price=9.0, category="Aquarium > Care")
    tank = Product(sku="T", name="ClearWater 80 L Aquarium", price=189.0, category="Aquarium > Tanks")
    assert opens_with_determiner("un filtre pour ce bac") and opens_with_determiner("eine Hülle")
    assert not opens_with_determiner("mes poissons ont faim")
    assert named_kinds("filter", [filt, bact], [tank], kinds, "un filtre pour ce bac") == {"filt"}
    # Without the determiner (a statement about the tank's water) no kind is named.
    assert named_kinds("filter", [filt, bact], [tank], kinds, "filtre trop bruyant") == set()


def test_a_kind_the_store_sells_but_search_did_not_find_still_rules_out_other_kinds():
    # The store sells a bag (for knitting); the search found only glue for "a carry bag": glue answers no bag ask.
    bag = Product(sku="BAG-1", name="Canvas Knitting Project Bag", price=20.0, category="Yarn > Tools")
    catalog = Catalog([PRINTER, GLUE, bag])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        return [SearchHit(sku="GLUE-3", score=0.7)]

    context = ChatContext(page="product", product_sku="PR-1", cart=[CartLine(sku="PR-1")])
    offers = decide_need("a dust cover or a carry bag that fits this printer", context, catalog,
                         Relations.build(catalog), search)
    assert offers == []


def test_the_kinds_sold_are_read_once_per_catalog():
    from agent.candidates.named import sold_kinds

    catalog = Catalog([PRINTER, SHEET, GLUE])
    assert sold_kinds(catalog) == {"print", "sheet", "stick"}  # stems
    assert sold_kinds(catalog) is sold_kinds(catalog)


TRIMMER = Product(sku="TR-1", name="EdgeLine Beard Trimmer", price=60.0, category="Shaving > Trimmers")
COMBS = Product(sku="TR-COMB", name="EdgeLine Long Beard Guard Combs", price=12.0, category="Shaving > Trimmers",
                compatible_with=["TR-1"], description="Clip-on guard combs for longer beards.")
POUCH = Product(sku="MB-BAG", name="Quilted Cosmetic Bag", price=18.0, category="Accessories > Bags",
                description="A wipe-clean quilted makeup bag with a zip pocket for brushes.")


def _trimmer_offers(message: str, bag_score: float) -> list[tuple[str, str]]:
    catalog = Catalog([TRIMMER, COMBS, POUCH])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        # A bag from another department is the nearest hit, but below the bar an unlinked topic neighbour must clear.
        return [SearchHit(sku="MB-BAG", score=bag_score), SearchHit(sku="TR-COMB", score=0.24)]

    context = ChatContext(page="product", product_sku="TR-1", cart=[CartLine(sku="TR-1")])
    return decide_need(message, context, catalog, Relations.build(catalog), search)


def test_a_product_of_the_kind_named_is_found_though_linked_to_nothing_held():
    # Found by search alone at a middling score, it is still what was asked for: a bag, not the combs named after it.
    assert _trimmer_offers("a little bag to keep it and the combs together", 0.42) == [("MB-BAG", "cross_sell")]


def test_a_namesake_is_not_taken_for_a_thing_that_must_fit_the_item():
    # "that fits this trimmer" asks for a bag made for it: a bag linked to nothing held is not known to fit.
    assert _trimmer_offers("a carry bag that fits this trimmer", 0.42) == []


def test_naming_the_kind_held_asks_for_another_of_it_not_an_add_on():
    hob = Product(sku="HOB", name="AquaFlow HOB 300 Hang-On Filter", price=36.0, category="Aquarium > Filters")
    sponge = Product(sku="SPONGE", name="AquaFlow Pre-Filter Sponge", price=6.0, category="Aquarium > Filters",
                     compatible_with=["HOB"], description="Slips over a hang-on filter intake.")
    catalog = Catalog([hob, sponge])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        return [SearchHit(sku="SPONGE", score=0.6)]

    context = ChatContext(page="product", product_sku="HOB", cart=[CartLine(sku="HOB")])
    relations = Relations.build(catalog)
    assert decide_need("a filter that hides in the cabinet instead of hanging on the back", context, catalog,
                       relations, search) == []
    # Naming no kind, the same sponge may answer.
    assert decide_need("something so baby shrimp don't get sucked in", context, catalog, relations, search) == [
        ("SPONGE", "cross_sell")]
