"""Interface attributes learned from the merchant's links, and add-ons that do not fit what is held."""

from __future__ import annotations

from agent.schemas import ChatContext
from knowledge.catalog import Catalog
from knowledge.interfaces import interface_keys, misfit
from knowledge.models import Product, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need


def _p(sku, name, price=100.0, category="Photo > Lenses", **kw) -> Product:
    attributes = kw.pop("attributes", {})
    return Product(sku=sku, name=name, price=price, category=category, attributes=attributes, **kw)


BODY = _p("BODY", "Lumen X10 Camera Body", 650.0, "Photo > Cameras", family="lumen-x",
          attributes={"mount": "LX", "weight_g": 390, "color": "black"})
BODY2 = _p("BODY2", "Lumen X20 Camera Body", 800.0, "Photo > Cameras", family="lumen-x",
           attributes={"mount": "LX", "weight_g": 420, "color": "silver"})
FIFTY = _p("FIFTY", "Lumen 50mm f/1.8 Lens", 199.0, attributes={"mount": "LX", "weight_g": 160, "color": "black"},
           compatible_with=["family:lumen-x"])
WIDE = _p("WIDE", "Lumen 10-20mm Wide Zoom", 449.0, attributes={"mount": "LX", "weight_g": 330},
          compatible_with=["family:lumen-x"])
OTHER = _p("OTHER", "Orion Inexpensive 50mm f/1.8 Lens for EF Mount", 119.0, attributes={"mount": "EF", "weight_g": 170})
BAG = _p("BAG", "Camera Sling Bag", 60.0, "Photo > Bags", attributes={"weight_g": 500})


def test_a_key_every_link_agrees_on_is_an_interface():
    pairs = [(FIFTY, BODY), (FIFTY, BODY2), (WIDE, BODY)]
    keys = interface_keys(pairs)
    assert "mount" in keys
    # Weights differ between a lens and its body; a colour matching by chance is how it looks, never a fit.
    assert "weight_g" not in keys and "color" not in keys


def test_one_agreeing_link_or_a_disagreeing_one_among_few_is_no_interface():
    assert interface_keys([(FIFTY, BODY)]) == frozenset()
    odd = _p("ODD", "Adapter Lens", attributes={"mount": "EF"})
    assert "mount" not in interface_keys([(FIFTY, BODY), (WIDE, BODY), (odd, BODY)])
    # One odd link among many agreeing ones (a lens sold with its adapter) does not undo the rule.
    many = [(FIFTY, BODY), (WIDE, BODY), (FIFTY, BODY2), (WIDE, BODY2)] * 3
    assert "mount" not in interface_keys([*many[:9], (odd, BODY)])
    assert "mount" in interface_keys([*many[:10], (odd, BODY)])


def test_flags_are_no_interface():
    a = _p("A", "Charger", attributes={"rechargeable": True})
    b = _p("B", "Light", attributes={"rechargeable": True})
    assert interface_keys([(a, b), (a, b), (a, b)]) == frozenset()


def test_misfit_names_the_key_and_both_values():
    found = misfit(OTHER, BODY, frozenset({"mount"}))
    assert found is not None and (found.key, found.addon_value, found.item_value) == ("mount", "EF", "LX")
    assert misfit(FIFTY, BODY, frozenset({"mount"})) is None
    assert misfit(BAG, BODY, frozenset({"mount"})) is None  # states no mount: nothing to disagree on


def test_relations_learn_interfaces_and_spare_what_the_merchant_linked():
    linked_anyway = _p("ADAPT", "EF lens with LX adapter", attributes={"mount": "EF"}, compatible_with=["BODY"])
    bodies = [_p(f"B{i}", f"Lumen body {i}", 600.0 + i, "Photo > Cameras", family="lumen-x",
                 attributes={"mount": "LX"}) for i in range(4)]
    rel = Relations.build(Catalog([BODY, BODY2, *bodies, FIFTY, WIDE, OTHER, BAG, linked_anyway]))
    assert "mount" in rel.interfaces
    assert rel.misfit("OTHER", BODY) is not None
    assert rel.misfit("FIFTY", BODY) is None
    # The merchant says it fits this body: their link beats the learned rule.
    assert rel.misfit("ADAPT", BODY) is None


def test_a_lens_for_another_mount_is_never_offered_for_the_camera_held():
    catalog = Catalog([BODY, BODY2, FIFTY, WIDE, OTHER, BAG])
    rel = Relations.build(catalog)

    def search(text, filters, k):
        # The other mount's lens is the closest match by words ("inexpensive 50mm").
        return [SearchHit(sku="OTHER", score=1.0), SearchHit(sku="FIFTY", score=0.55)][:k]

    context = ChatContext(page="product", product_sku="BODY")
    offers = decide_need("do you have an inexpensive 50mm that will work on this body?", context, catalog, rel, search)
    assert offers and offers[0][0] == "FIFTY"
    assert all(sku != "OTHER" for sku, _ in offers)
