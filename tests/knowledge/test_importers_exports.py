"""Shopify and WooCommerce product CSV exports: mapping, inheritance, families, links, and the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.catalog import Catalog
from knowledge.importers import detect_format, load_catalog
from knowledge.models import CatalogError, Product

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def by_sku(products: list[Product]) -> dict[str, Product]:
    return {p.sku: p for p in products}


# --- Shopify --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shopify() -> dict[str, Product]:
    return by_sku(load_catalog(FIXTURES / "shopify_small.csv"))


def test_shopify_variants_are_products_and_image_only_rows_are_ignored(shopify: dict[str, Product]) -> None:
    assert detect_format(FIXTURES / "shopify_small.csv") == "shopify"
    assert set(shopify) == {"PX-128-BLK", "PX-256-BLK", "PX-128-WHT", "CHG-30", "CBL-1"}


def test_shopify_later_rows_inherit_product_columns(shopify: dict[str, Product]) -> None:
    first, later = shopify["PX-128-BLK"], shopify["PX-128-WHT"]
    for p in (first, later):
        assert p.family == "phone-x" and p.brand == "Acme" and p.category == "Electronics > Phones"
        assert p.description == 'Fast phone. 6" screen. Big battery'
        assert p.attributes["tags"] == ["5g", "android"] and p.attributes["type"] == "Phones"
    assert later.name == "Phone X – 128GB / White"
    assert later.attributes["storage"] == "128GB" and later.attributes["color"] == "White"


def test_shopify_price_stock_tier_image_margin(shopify: dict[str, Product]) -> None:
    small, big = shopify["PX-128-BLK"], shopify["PX-256-BLK"]
    assert small.price == 699.0  # Variant Compare At Price (749) is ignored
    assert (small.tier, shopify["PX-128-WHT"].tier, big.tier) == (1, 1, 2)
    assert (small.stock, big.stock) == (5, 0)
    assert small.image_url == "https://cdn.example/px.jpg" and big.image_url == "https://cdn.example/px-256.jpg"
    assert shopify["PX-128-WHT"].image_url == "https://cdn.example/px.jpg"
    assert small.margin == pytest.approx((699 - 420) / 699, abs=1e-4)


def test_shopify_default_title_status_and_untracked_stock(shopify: dict[str, Product]) -> None:
    charger, cable = shopify["CHG-30"], shopify["CBL-1"]
    assert charger.name == "Charger 30 W" and "title" not in charger.attributes
    assert charger.category == "Chargers" and charger.description == "Compact & fast."
    assert charger.active is False  # Status draft
    assert charger.stock is None  # inventory not tracked: unknown, not zero
    assert cable.active is False  # Published FALSE
    assert cable.stock is None  # policy "continue": sold even when out of stock
    assert shopify["PX-128-BLK"].active is True


def test_shopify_errors_name_line_and_column(tmp_path: Path) -> None:
    text = (FIXTURES / "shopify_small.csv").read_text(encoding="utf-8").splitlines()
    header, rows = text[0], text[1:]
    rows[3] = rows[3].replace("PX-128-WHT", "").replace("699.00", "cheap")  # file line 5 (line 2 spans 2 lines)
    rows.append("mug,Mug,,Acme,,,,TRUE,Title,Default Title,,,,,,,,,,,5.00,,,,,,,,,,,active")
    path = tmp_path / "export.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        load_catalog(path)
    got = {(e.line, e.field) for e in exc.value.errors}
    assert got == {(5, "Variant SKU"), (5, "Variant Price"), (9, "Variant SKU"), (9, "Type")}


# --- WooCommerce ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def woo() -> dict[str, Product]:
    return by_sku(load_catalog(FIXTURES / "woocommerce_small.csv"))


def test_woo_variable_and_grouped_rows_are_not_products(woo: dict[str, Product]) -> None:
    assert detect_format(FIXTURES / "woocommerce_small.csv") == "woocommerce"
    assert set(woo) == {"GR-40", "GR-64", "HAND-1", "SCALE"}


def test_woo_sale_price_wins(woo: dict[str, Product]) -> None:
    assert woo["GR-64"].price == 299.0 and woo["GR-40"].price == 149.0


def test_woo_variations_share_the_parent_family_and_inherit(woo: dict[str, Product]) -> None:
    for sku in ("GR-40", "GR-64"):
        p = woo[sku]
        assert p.family == "grinder-deluxe"  # parent has no SKU: slug of its name
        assert p.category == "Coffee > Grinders"  # first category; "Sale" dropped
        assert p.description == "Flat burrs. 40 settings & more."  # escaped \n undone, HTML stripped
        assert p.attributes["tags"] == ["grinder", "espresso"]
    assert (woo["GR-40"].tier, woo["GR-64"].tier) == (1, 2)
    assert woo["GR-40"].attributes["burr_size"] == "40 mm"
    assert woo["GR-40"].image_url == "https://img.example/g.jpg"


def test_woo_upsell_id_references_resolve_to_skus(woo: dict[str, Product]) -> None:
    hand = woo["HAND-1"]
    assert hand.upsells == ["GR-40"]  # id:10 is the variable parent: its cheapest variation
    assert hand.cross_sells == ["SCALE"]  # "SCALE, id:30" is one product
    assert woo["GR-40"].upsells == ["HAND-1"] and woo["GR-40"].cross_sells == ["SCALE"]  # inherited from parent


def test_woo_stock_published_and_short_description(woo: dict[str, Product]) -> None:
    assert woo["GR-40"].stock == 7 and woo["GR-64"].stock is None
    assert woo["HAND-1"].stock == 0  # In stock? 0 with an empty Stock
    assert woo["SCALE"].active is False and woo["HAND-1"].active is True
    assert woo["HAND-1"].description == "Portable"


def test_woo_errors_for_unresolved_references_and_bad_values(tmp_path: Path) -> None:
    header = "ID,Type,SKU,Name,Published,Sale price,Regular price,Categories,Parent,Upsells,Cross-sells,Stock"
    rows = [
        "1,simple,A,Alpha,1,,10,Cat,,id:99,,",
        "2,simple,B,Beta,1,,ten,Cat,,,,many",
        "3,variation,C,Gamma,1,,5,Cat,id:77,,,",
        "4,simple,D,Delta,1,,5,Cat,,,NOPE,",
        "5,simple,,Epsilon,1,,5,Cat,,,,",
    ]
    path = tmp_path / "wc.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        load_catalog(path)
    got = {(e.line, e.field) for e in exc.value.errors}
    assert got == {(2, "Upsells"), (3, "Regular price"), (3, "Stock"), (4, "Parent"), (5, "Cross-sells"), (6, "SKU")}


# --- examples -------------------------------------------------------------------------------------
def test_shopify_example_loads_into_a_catalog() -> None:
    products = load_catalog(EXAMPLES / "shopify_products_export.csv")
    assert 20 <= len(products) <= 40
    catalog = Catalog(products)
    assert [p.sku for p in catalog.family("pixel-8-pro")] == ["PX8P-128", "PX8P-256", "PX8P-512"]
    assert not catalog.get("MOUNT-CAR-MAG").active  # type: ignore[union-attr]
    assert not catalog.get("CASE-PX7-LTH").active  # type: ignore[union-attr]


def test_woocommerce_example_loads_into_a_catalog() -> None:
    products = load_catalog(EXAMPLES / "woocommerce_products_export.csv")
    assert 20 <= len(products) <= 40
    catalog = Catalog(products)
    assert [p.sku for p in catalog.family("GRINDER-BURR")] == ["GR-40", "GR-54", "GR-64"]
    assert catalog.get("GR-54").price == 199.0  # type: ignore[union-attr]
    assert catalog.get("ESP-DUO-1B").upsells == ["GR-40"]  # type: ignore[union-attr]
    assert catalog.get("SUB-PARTNER").url == "https://partner-roaster.example/subscribe"  # type: ignore[union-attr]
