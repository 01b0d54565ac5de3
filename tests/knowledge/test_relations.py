"""Product relations on a small hand-built catalog: upgrades, complements, compatibility both ways, cart merge."""

from __future__ import annotations

import pytest

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook
from knowledge.models import CoPurchaseRule, Product
from knowledge.relations import Relations, category_key, parse_selector

PHONES = "Electronics > Phones > Android"


def P(sku: str, price: float, category: str = "Misc", **kw) -> Product:
    return Product(sku=sku, name=sku.title(), price=price, category=category, **kw)


def rule(a: str, b: str, confidence: float, count: int = 5) -> CoPurchaseRule:
    return CoPurchaseRule(antecedent=a, consequent=b, count=count, support=0.01, confidence=confidence, lift=2.0)


PRODUCTS = [
    # A tiered family; PX8-128-BLUE is pricier than PX8-128 but the same tier (a colour, not an upgrade).
    P("PX8-64", 599, PHONES, family="px8", tier=0),
    P("PX8-128", 699, PHONES, family="px8", tier=1, upsells=["PX9-128", "BUDGET-1", "PX8-256", "NOPE"],
      cross_sells=["PX8-256", "PX8-128", "EARBUDS", "GHOST"]),
    P("PX8-128-BLUE", 709, PHONES, family="px8", tier=1),
    P("PX8-256", 799, PHONES, family="px8", tier=2),
    P("PX8-512", 899, PHONES, family="px8", tier=3),
    P("PX9-128", 849, PHONES, family="px9"),
    P("BUDGET-1", 199, PHONES),
    P("FEATURE-1", 49, "Electronics > Phones"),
    # Shares a string prefix with "Electronics > Phones" but not a path prefix.
    P("REFURB-1", 299, "Electronics > Phones Refurb"),
    # A family without tiers: price decides.
    P("TV-50", 499, "TVs", family="tv"),
    P("TV-55", 599, "TVs", family="tv"),
    P("TV-65", 899, "TVs", family="tv"),
    # Accessories, one per selector kind.
    P("CASE-PX8", 29, "Accessories > Cases", family="case-px8", compatible_with=["family:px8"]),
    P("CASE-PX8-RED", 29, "Accessories > Cases", family="case-px8", compatible_with=["family:px8"]),
    P("SCREEN-128", 15, "Accessories > Screen", compatible_with=["PX8-128"]),
    P("PB-10K", 39, "Electronics > Power", compatible_with=["category:Electronics > Phones"]),
    P("HDMI", 12, "Cables", compatible_with=["category:tvs", "category:Electronics > Pho", "family:nope"]),
    P("EARBUDS", 99, "Audio"),
    P("CHARGER", 25, "Electronics > Power"),
    P("GRIP", 9, "Accessories"),
]

RULES = RuleBook(
    [
        rule("PX8-128", "CHARGER", 0.5),
        rule("PX8-128", "PX8-256", 0.6),  # a variant: never an add-on
        rule("PX8-128", "EARBUDS", 0.3),  # also curated: curated (1.0) wins
        rule("PX8-128", "DELISTED", 0.9),  # no longer in the catalog
        rule("CASE-PX8", "CHARGER", 0.7),
        rule("CASE-PX8", "PX8-128", 0.8),
        rule("CASE-PX8", "GRIP", 0.4),
        rule("GRIP", "CASE-PX8-RED", 0.5),
    ]
)


@pytest.fixture(scope="module")
def rel() -> Relations:
    return Relations.build(Catalog(PRODUCTS), RULES)


def _skus(rels) -> list[str]:
    return [r.sku for r in rels]


# --- upgrades ---------------------------------------------------------------------------------


def test_family_upgrades_higher_tier_nearest_first(rel):
    ups = rel.upgrades("PX8-256")
    assert _skus(ups) == ["PX8-512"]
    assert ups[0].source == "family"
    # From the bottom: every higher tier, by price; never itself.
    assert _skus(rel.upgrades("PX8-64")) == ["PX8-128", "PX8-128-BLUE", "PX8-256", "PX8-512"]
    assert rel.upgrades("PX8-512") == []


def test_same_tier_and_cheaper_members_are_not_upgrades(rel):
    family_ups = [r.sku for r in rel.upgrades("PX8-128") if r.source == "family"]
    assert "PX8-128-BLUE" not in family_ups  # pricier, same tier
    assert "PX8-64" not in family_ups  # cheaper
    assert family_ups == ["PX8-512"]  # PX8-256 is curated here, see below


def test_untiered_family_upgrades_by_price(rel):
    assert _skus(rel.upgrades("TV-50")) == ["TV-55", "TV-65"]
    assert _skus(rel.upgrades("TV-55")) == ["TV-65"]
    assert rel.upgrades("TV-65") == []


def test_curated_upsells_included_deduplicated_and_never_cheaper(rel):
    ups = rel.upgrades("PX8-128")
    by_sku = {r.sku: r for r in ups}
    # Curated first (strength 1.0, by price), then family; BUDGET-1 is cheaper, NOPE unknown.
    assert _skus(ups) == ["PX8-256", "PX9-128", "PX8-512"]
    assert by_sku["PX9-128"].source == "curated" and by_sku["PX9-128"].strength == 1.0
    # Both family and curated: one entry, the stronger (curated).
    assert by_sku["PX8-256"].source == "curated"
    assert all(rel.catalog.price_of(r.sku) > 699 for r in ups)
    assert rel.upgrades("UNKNOWN") == []


# --- compatibility both ways ------------------------------------------------------------------


def test_sku_selector_both_ways(rel):
    assert rel.fits("SCREEN-128") == ["PX8-128"]
    assert rel.is_compatible("SCREEN-128", "PX8-128")
    assert not rel.is_compatible("SCREEN-128", "PX8-256")
    assert "SCREEN-128" in _skus(rel.complements("PX8-128"))
    assert "SCREEN-128" not in _skus(rel.complements("PX8-256"))


def test_family_selector_both_ways(rel):
    assert set(rel.fits("CASE-PX8")) == {"PX8-64", "PX8-128", "PX8-128-BLUE", "PX8-256", "PX8-512"}
    assert rel.is_compatible("CASE-PX8", "PX8-512")
    assert not rel.is_compatible("CASE-PX8", "PX9-128")
    comp = {r.sku: r for r in rel.complements("PX8-512")}
    assert comp["CASE-PX8"].source == "compatible" and comp["CASE-PX8"].strength == 0.9
    assert "CASE-PX8" not in _skus(rel.complements("PX9-128"))


def test_category_selector_matches_exact_and_path_prefix_only(rel):
    fits = set(rel.fits("PB-10K"))
    # Exactly "Electronics > Phones" and everything below it ...
    assert {"FEATURE-1", "PX8-128", "PX9-128", "BUDGET-1"} <= fits
    # ... but not a category that merely starts with the same letters.
    assert "REFURB-1" not in fits and not rel.is_compatible("PB-10K", "REFURB-1")
    assert rel.is_compatible("PB-10K", "FEATURE-1") and rel.is_compatible("PB-10K", "PX9-128")
    assert "PB-10K" in _skus(rel.complements("FEATURE-1"))
    assert "PB-10K" in _skus(rel.complements("PX9-128"))
    assert "PB-10K" not in _skus(rel.complements("REFURB-1"))
    # A partial segment ("Pho") selects nothing; case and spacing of the path do not matter.
    assert set(rel.fits("HDMI")) == {"TV-50", "TV-55", "TV-65"}
    assert "HDMI" in _skus(rel.complements("TV-55"))
    assert rel.accessories("TV-55") == ["HDMI"]


def test_selector_parsing():
    assert parse_selector("family:px8") == ("family", "px8")
    assert parse_selector("Category: Electronics > Phones") == ("category", "Electronics > Phones")
    assert parse_selector("ABC:123") == ("sku", "ABC:123")
    assert category_key(" Electronics>Phones >  Android ") == ("electronics", "phones", "android")


# --- complements ------------------------------------------------------------------------------


def test_complements_exclude_self_and_family(rel):
    skus = _skus(rel.complements("PX8-128"))
    assert "PX8-128" not in skus
    # Curated cross-sell, co-purchase rule and accessory selector all point at px8 members: none kept.
    assert not {"PX8-64", "PX8-128-BLUE", "PX8-256", "PX8-512"} & set(skus)
    assert "GHOST" not in skus and "DELISTED" not in skus  # not in the catalog


def test_complements_sources_strengths_and_rules(rel):
    comp = rel.complements("PX8-128")
    by_sku = {r.sku: r for r in comp}
    assert by_sku["EARBUDS"].source == "curated" and by_sku["EARBUDS"].strength == 1.0
    assert by_sku["PB-10K"].source == "compatible"
    charger = by_sku["CHARGER"]
    assert charger.source == "copurchase" and charger.strength == 0.5
    assert charger.rule is not None and (charger.rule.antecedent, charger.rule.consequent) == ("PX8-128", "CHARGER")
    # Strongest first: curated 1.0, then the 0.9 accessories, then the 0.5 rule.
    assert _skus(comp) == ["EARBUDS", "CASE-PX8", "CASE-PX8-RED", "PB-10K", "SCREEN-128", "CHARGER"]


def test_accessory_family_member_is_still_an_addon_for_the_base(rel):
    # CASE-PX8 and CASE-PX8-RED are variants of each other, not of the phone.
    assert {"CASE-PX8", "CASE-PX8-RED"} <= set(_skus(rel.complements("PX8-64")))
    assert "CASE-PX8-RED" not in _skus(rel.complements("CASE-PX8"))


def test_cart_merge_excludes_cart_items_and_keeps_strongest(rel):
    comp = rel.complements_for_cart(["PX8-128", "CASE-PX8"])
    by_sku = {r.sku: r for r in comp}
    # Cart items and their variants never come back.
    assert not {"PX8-128", "CASE-PX8", "CASE-PX8-RED", "PX8-256"} & set(by_sku)
    # CHARGER: 0.5 from the phone, 0.7 from the case -> the case's rule.
    assert by_sku["CHARGER"].strength == 0.7 and by_sku["CHARGER"].rule.antecedent == "CASE-PX8"
    # From the second item only.
    assert by_sku["GRIP"].source == "copurchase"
    # From the first item only.
    assert {"EARBUDS", "PB-10K", "SCREEN-128"} <= set(by_sku)
    strengths = [r.strength for r in comp]
    assert strengths == sorted(strengths, reverse=True)


def test_cart_merge_uses_basket_rules(rel):
    # GRIP is not in the catalog's own links; only the rule book knows GRIP -> CASE-PX8-RED.
    comp = rel.complements_for_cart(["GRIP", "UNKNOWN-SKU"])
    assert [(r.sku, r.source, r.rule.antecedent) for r in comp] == [("CASE-PX8-RED", "copurchase", "GRIP")]


def test_without_rules():
    rel = Relations.build(Catalog(PRODUCTS))
    assert all(r.source != "copurchase" for r in rel.complements("PX8-128"))
    assert rel.stats().rules == 0


def test_stats(rel):
    s = rel.stats()
    assert s.families == 4  # px8, px9 (one member, still a family), tv, case-px8
    # curated: PX8-128 upsells PX9-128, BUDGET-1, PX8-256 + cross_sells PX8-256, PX8-128, EARBUDS = 6
    assert s.curated_links == 6
    # CASE-PX8 5 + CASE-PX8-RED 5 + SCREEN-128 1 + HDMI 3 + PB-10K (7 phones + FEATURE-1 = 8)
    assert s.compatibility_links == 5 + 5 + 1 + 3 + 8
    # NOPE, GHOST (curated) + "category:Electronics > Pho", "family:nope" (selectors)
    assert s.dangling_links == 4
    assert s.rules == len(RULES)


def test_an_accessory_cut_for_another_size_of_the_base_is_no_complement():
    beds = "Home > Bedding > Toppers"
    catalog = Catalog([
        P("TOP-DBL", 99, beds, family="topper", attributes={"size": "double"}),
        P("TOP-KNG", 119, beds, family="topper", attributes={"size": "King"}),
        P("SHEET-DBL", 36, "Home > Sheets", attributes={"size": "Double"}, compatible_with=[f"category:{beds}"]),
        P("SHEET-KNG", 42, "Home > Sheets", attributes={"size": "king"}, compatible_with=[f"category:{beds}"]),
        # A size from another vocabulary says nothing about fit.
        P("SPRAY", 8, "Home > Care", attributes={"size": "one size"}, compatible_with=[f"category:{beds}"]),
        P("PLAIN", 5, "Home > Care", compatible_with=[f"category:{beds}"]),
    ])
    rel = Relations.build(catalog)
    assert _skus(rel.complements("TOP-KNG")) == ["PLAIN", "SHEET-KNG", "SPRAY"]
    assert _skus(rel.complements("TOP-DBL")) == ["PLAIN", "SHEET-DBL", "SPRAY"]
    assert not rel.is_compatible("SHEET-DBL", "TOP-KNG") and rel.is_compatible("SHEET-KNG", "TOP-KNG")


def test_another_size_of_the_item_is_neither_its_upgrade_nor_its_cheaper_version():
    beds = "Home > Bedding > Toppers"
    catalog = Catalog([
        P("T5-DBL", 99, beds, family="topper", tier=1, attributes={"size": "double", "depth_cm": 5}),
        P("T7-DBL", 125, beds, family="topper", tier=2, attributes={"size": "double", "depth_cm": 7}),
        P("T5-KNG", 119, beds, family="topper", tier=1, attributes={"size": "king", "depth_cm": 5}),
        P("T7-KNG", 149, beds, family="topper", tier=2, attributes={"size": "king", "depth_cm": 7}),
        P("T3-KNG", 89, beds, family="topper", tier=0, attributes={"size": "king", "depth_cm": 3}),
    ])
    rel = Relations.build(catalog)
    assert _skus(rel.upgrades("T5-KNG")) == ["T7-KNG"]
    assert _skus(rel.upgrades("T5-DBL")) == ["T7-DBL"]
    assert _skus(rel.side_grades("T5-DBL")) == []
    assert [p.sku for p in rel.cheaper_versions("T5-KNG")] == ["T3-KNG"]
    assert [p.sku for p in rel.cheaper_versions("T5-DBL")] == []


def test_a_size_written_under_any_size_key_is_kept_when_the_family_sells_one_spec_in_several_sizes():
    pool = "Pool > Covers"
    catalog = Catalog([
        P("C8-S", 129.99, pool, family="cover", attributes={"thickness_mil": 8, "size_ft": "16x32"}),
        P("C8-L", 159.99, pool, family="cover", attributes={"thickness_mil": 8, "size_ft": "18x36"}),
        P("C12-S", 164.99, pool, family="cover", attributes={"thickness_mil": 12, "size_ft": "16x32"}),
        P("C12-L", 199.99, pool, family="cover", attributes={"thickness_mil": 12, "size_ft": "18x36"}),
    ])
    rel = Relations.build(catalog)
    # The thicker cover in the smaller size would not cover the pool the 18x36 one was chosen for.
    assert _skus(rel.upgrades("C8-L")) == ["C12-L"]
    assert _skus(rel.upgrades("C8-S")) == ["C12-S"]


def test_a_line_whose_better_version_is_merely_a_little_larger_has_no_size_to_keep():
    bath = "Home > Bath > Towels"
    catalog = Catalog([
        P("TW500", 16.0, bath, family="towel", attributes={"gsm": 500, "size_cm": "70x130"}),
        P("TW600", 18.0, bath, family="towel", attributes={"gsm": 600, "size_cm": "70x140"}),
    ])
    assert _skus(Relations.build(catalog).upgrades("TW500")) == ["TW600"]


def test_versions_of_an_item_are_its_family_s_other_sizes_alike_or_its_brand_s_products_of_its_kind():
    bands, mats = "Fitness > Resistance Bands", "Fitness > Mats"
    catalog = Catalog([
        P("T5-DBL", 99, "Home > Toppers", family="topper", attributes={"size": "double"}),
        P("T7-DBL", 125, "Home > Toppers", family="topper", attributes={"size": "double"}),
        P("T7-KNG", 149, "Home > Toppers", family="topper", attributes={"size": "king"}),
        P("LOOP", 15, bands, brand="Flexa", attributes={"count": 5}),
        P("LOOP-TPE", 19, bands, brand="Flexa", attributes={"count": 5}),
        P("LOOP-CHEAP", 9, bands, brand="Flexa", attributes={"count": 3}),
        P("OTHER", 17, bands, brand="Elastiq", attributes={"count": 5}),
        P("MAT", 30, mats, brand="Flexa"),
    ])
    rel = Relations.build(catalog)
    assert [p.sku for p in rel.versions("T5-DBL")] == ["T7-DBL"]
    assert [p.sku for p in rel.versions("LOOP")] == ["LOOP-CHEAP", "LOOP-TPE"]
    assert [p.sku for p in rel.cheaper_versions("LOOP")] == ["LOOP-CHEAP"]
    assert rel.versions("NOPE") == []


def test_what_alone_tells_two_members_apart_at_one_price_is_a_fit_a_better_version_keeps():
    clubs = "Golf > Clubs > Drivers"
    catalog = Catalog([
        P("D1-R", 249.99, clubs, family="apex", tier=1,
          attributes={"hand": "right", "loft_deg": 10.5, "color": "blue"}),
        P("D1-L", 249.99, clubs, family="apex", tier=1, attributes={"hand": "left", "loft_deg": 10.5, "color": "blue"}),
        P("D2-R", 299.99, clubs, family="apex", tier=2, attributes={"hand": "right", "loft_deg": 9, "color": "blue"}),
        P("D2-R-BLK", 314.99, clubs, family="apex", tier=2,
          attributes={"hand": "right", "loft_deg": 9, "color": "black"}),
        P("D0-L", 199.99, clubs, family="apex", tier=0, attributes={"hand": "left", "loft_deg": 12, "color": "blue"}),
        P("D0-R", 199.99, clubs, family="apex", tier=0, attributes={"hand": "right", "loft_deg": 12, "color": "red"}),
    ])
    rel = Relations.build(catalog)
    # A lefty's driver has no better version here; a righty's has.
    assert _skus(rel.upgrades("D1-L")) == []
    assert _skus(rel.upgrades("D1-R")) == ["D2-R", "D2-R-BLK"]
    assert [p.sku for p in rel.cheaper_versions("D1-L")] == ["D0-L"]
    assert "D2-R" not in [p.sku for p in rel.versions("D1-L")]


def test_colour_and_a_second_difference_make_no_fit_key():
    from knowledge.relations import fit_keys

    mugs = [
        P("M-RED", 20, "Kitchen", family="mug", attributes={"color": "red", "volume_ml": 300}),
        P("M-BLU", 20, "Kitchen", family="mug", attributes={"color": "blue", "volume_ml": 300}),
        P("M-BIG", 20, "Kitchen", family="mug", attributes={"material": "glass", "volume_ml": 400}),
        P("M-CER", 20, "Kitchen", family="mug", attributes={"material": "ceramic", "volume_ml": 300}),
    ]
    assert fit_keys(mugs) == frozenset()
    gloves = [P("G-M", 18, "Golf", family="g", attributes={"size": "M"}), P("G-L", 18, "Golf", family="g",
                                                                            attributes={"size": "L"})]
    assert fit_keys(gloves) == frozenset({"size"})
