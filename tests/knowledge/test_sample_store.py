"""The bundled sample store: regenerates byte-for-byte, validates, links resolve, co-purchases are realistic."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from knowledge.catalog import Catalog
from knowledge.models import Product

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "make_sample_store.py"
STORE = files("knowledge") / "sample_store"
INJECTION_SKU = "CBL-3PK"


@pytest.fixture(scope="module")
def products() -> list[Product]:
    """Every catalog line parsed as a Product (a bad line fails here with its number)."""
    out = []
    text = (STORE / "catalog.jsonl").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), start=1):
        try:
            out.append(Product.model_validate(json.loads(line)))
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"catalog.jsonl:{n}: {exc}")
    return out


@pytest.fixture(scope="module")
def catalog(products) -> Catalog:
    """The products as a Catalog snapshot."""
    return Catalog(products)


@pytest.fixture(scope="module")
def order_rows() -> list[dict[str, str]]:
    """orders.csv as dict rows."""
    with (STORE / "orders.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def baskets(order_rows) -> dict[str, set[str]]:
    """Skus per order id."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in order_rows:
        out[r["order_id"]].add(r["sku"])
    return dict(out)


def _selector_matches(selector: str, catalog: Catalog) -> list[str]:
    if selector.startswith("family:"):
        return [p.sku for p in catalog.family(selector.removeprefix("family:"))]
    if selector.startswith("category:"):
        name = selector.removeprefix("category:")
        return [p.sku for p in catalog if p.category == name or p.category.startswith(name + " >")]
    return [selector] if selector in catalog else []


# --- the committed files are what the script writes ----------------------------------------

def test_committed_files_equal_a_fresh_regeneration(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True,
                   cwd=tmp_path)
    for name in ("catalog.jsonl", "orders.csv", "README.md"):
        fresh = (tmp_path / name).read_bytes()
        committed = (STORE / name).read_bytes()
        assert fresh == committed, f"{name} differs from the script's output: run scripts/make_sample_store.py"


def _generator():
    """The generator script loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_sample_store", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_product_comes_from_exactly_one_data_file_in_catalog_order(products):
    rows = _generator().load_rows()
    assert [r["sku"] for r in rows] == [p.sku for p in products]


def test_data_file_fields_left_out_are_drawn_and_explicit_nulls_kept(tmp_path):
    (tmp_path / "01-a.yaml").write_text(
        "- {sku: A-1, name: A, price: 10, category: Office > Paper, description: d1}\n"
        "- {sku: A-2, name: B, price: 12.5, category: Office > Ink, description: d2, stock: null, margin: null,\n"
        "   popularity: 3, active: false}\n", encoding="utf-8")
    products, popularity = _generator().build_catalog(seed=1, data_dir=tmp_path)
    drawn, explicit = products
    assert 4 <= drawn.stock <= 140 and drawn.price == 10.0
    assert explicit.stock is None and explicit.margin is None and not explicit.active
    assert popularity == {"A-1": 1.0, "A-2": 3.0}
    assert drawn.url.endswith("/p/A-1")


@pytest.mark.parametrize(
    ("row", "message"),
    [("- {sku: B-1, name: B, price: 1, category: Office > Paper, description: d, atributes: {}}", "atributes"),
     ("- {sku: B-1, name: B, price: 1, description: d}", "category")],
)
def test_a_data_file_typo_fails_naming_the_file_and_sku(tmp_path, row, message):
    (tmp_path / "01-b.yaml").write_text(row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"01-b\.yaml.*B-1.*{message}"):
        _generator().build_catalog(data_dir=tmp_path)


# --- catalog --------------------------------------------------------------------------------

def test_size_categories_and_unique_skus(products):
    assert len(products) >= 300
    assert len({p.category for p in products}) >= 12
    assert len({p.category_path[0] for p in products}) >= 12
    skus = [p.sku for p in products]
    assert len(skus) == len(set(skus))
    # Short readable skus: upper case, digits and dashes.
    assert all(re.fullmatch(r"[A-Z0-9][A-Z0-9-]{1,15}", s) for s in skus), [s for s in skus if len(s) > 16]


def test_store_currency_is_usd_or_unset(products):
    assert {p.currency for p in products} <= {None, "USD"}


def test_every_sku_link_resolves(catalog):
    for p in catalog:
        for ref in p.upsells + p.cross_sells:
            assert ref in catalog, f"{p.sku}: link to unknown sku {ref}"
            assert ref != p.sku
        for sel in p.compatible_with:
            assert _selector_matches(sel, catalog), f"{p.sku}: selector {sel!r} matches nothing"


def test_upsells_point_at_pricier_items(catalog):
    for p in catalog:
        for ref in p.upsells:
            assert catalog.price_of(ref) > p.price, f"{p.sku} -> {ref} is not an upgrade"


def test_families_have_ordered_tiers_and_both_kinds_of_ladder(catalog):
    within = beyond = 0
    for name, members in catalog.families.items():
        assert all(m.tier is not None for m in members), name
        tiers = sorted({m.tier for m in members})
        for lo_t, hi_t in zip(tiers, tiers[1:]):
            lo = min(m.price for m in members if m.tier == lo_t)
            hi = min(m.price for m in members if m.tier == hi_t)
            assert hi > lo, f"{name}: tier {hi_t} is not pricier than tier {lo_t}"
            if (hi - lo) / lo <= 0.30:
                within += 1
            else:
                beyond += 1
    assert len(catalog.families) >= 20
    assert within >= 10 and beyond >= 10


def test_seat_plans_for_a_growing_team(catalog):
    seats = {p.sku: p.attributes.get("seats") for p in catalog.family("teamline")}
    assert seats == {"TL-STARTER": 5, "TL-TEAM": 10, "TL-BUSINESS": 25}
    assert "family:teamline" in catalog.get("TL-SEATS-5").compatible_with


def test_accessories_by_phone_family(catalog):
    for fam in ("nova-x8", "nova-x8-max", "lumio-s5", "orbit-mini", "nova-fold", "kestrel-k2"):
        fits = [p for p in catalog if f"family:{fam}" in p.compatible_with]
        assert any("Cases" in p.category for p in fits), fam
        assert any("Screen Protectors" in p.category for p in fits), fam
    # Wireless chargers only fit phones that can charge wirelessly.
    for p in catalog.in_category("Electronics > Phones"):
        if not p.attributes["wireless_charging"]:
            assert all(f"family:{p.family}" not in w.compatible_with for w in (catalog.get("WCH-PAD"),
                                                                                 catalog.get("PB-10K-MAG")))


def test_traps_and_unknown_stock_exist(catalog):
    out_of_stock = [p for p in catalog if p.stock == 0 and p.active]
    inactive = [p for p in catalog if not p.active]
    unknown = [p for p in catalog if p.stock is None]
    assert len(out_of_stock) >= 5 and len(inactive) >= 2 and len(unknown) >= 3
    # Traps that would otherwise be the best answer to a need.
    assert catalog.get("LNS-VX-150600").stock == 0
    assert catalog.get("NX8M-512").stock == 0
    assert not catalog.get("AB-1").active


def test_descriptions_distinct_and_informative(products):
    descs = [p.description for p in products]
    assert all(descs), "every product has a description"
    assert len(set(descs)) == len(descs), "descriptions are not copies"
    assert sum(len(d) >= 80 for d in descs) / len(descs) > 0.7
    assert sum(bool(p.attributes) for p in products) / len(products) > 0.9
    assert sum(p.margin is not None for p in products) / len(products) > 0.8
    assert all(p.url == f"https://sample-store.example/p/{p.sku}" for p in products)


def test_attributes_answer_product_questions(catalog):
    assert catalog.get("NX8-128").attributes["wireless_charging"] is True
    assert catalog.get("LS5-64").attributes["wireless_charging"] is False
    assert catalog.get("PB-20K").attributes["capacity_mah"] == 20000
    assert catalog.get("CRM-E").attributes["steam_wand"] is False


def test_exactly_one_planted_injection_named_in_readme(products):
    pattern = re.compile(r"ignore (all )?previous instructions", re.I)
    planted = [p.sku for p in products if pattern.search(p.description)]
    assert planted == [INJECTION_SKU]
    readme = (STORE / "README.md").read_text(encoding="utf-8")
    assert f"`{INJECTION_SKU}`" in readme


def test_readme_names_every_trap(catalog):
    readme = (STORE / "README.md").read_text(encoding="utf-8")
    for p in catalog:
        if not p.available:
            assert f"`{p.sku}`" in readme, p.sku
    assert "BEYOND" in readme and "within" in readme


# --- orders ---------------------------------------------------------------------------------

def test_orders_header_and_rows(order_rows, baskets, catalog):
    with (STORE / "orders.csv").open(encoding="utf-8") as fh:
        assert fh.readline().strip() == "order_id,sku,quantity,customer_id,created_at"
    assert len(baskets) >= 5000
    assert 2.0 <= len(order_rows) / len(baskets) <= 3.0
    for r in order_rows:
        assert r["sku"] in catalog, r
        assert int(r["quantity"]) >= 1
        assert r["customer_id"]
        assert date.fromisoformat(r["created_at"]).year == 2026


def test_popular_items_are_skewed(order_rows, catalog):
    counts = Counter(r["sku"] for r in order_rows)
    top = [c for _, c in counts.most_common(len(catalog) // 10)]
    # The top tenth of products carries far more than a tenth of the line items.
    assert sum(top) / len(order_rows) > 0.3


@pytest.mark.parametrize(
    ("base", "accessory"),
    [("NX8-128", "CASE-NX8-CLR"), ("QL-100", "INK-Q-BK-XL"), ("CRM-E", "FLT-CRM-2"), ("VX-A1", "LNS-VX-1855"),
     ("PITCH-FLT", "CART-3")],
)
def test_accessory_bought_with_its_base_far_above_chance(baskets, base, accessory):
    n = len(baskets)
    n_a = sum(base in b for b in baskets.values())
    n_b = sum(accessory in b for b in baskets.values())
    n_ab = sum(base in b and accessory in b for b in baskets.values())
    assert n_ab >= 10
    lift = n_ab * n / (n_a * n_b)
    assert lift > 3, f"{base}+{accessory}: lift {lift:.2f}"


def test_unrelated_items_are_not_bought_together_far_above_chance(baskets):
    n = len(baskets)
    n_a = sum("NX8-128" in b for b in baskets.values())
    n_b = sum("INK-Q-BK" in b for b in baskets.values())
    n_ab = sum("NX8-128" in b and "INK-Q-BK" in b for b in baskets.values())
    assert n_ab * n / (n_a * n_b) < 2
