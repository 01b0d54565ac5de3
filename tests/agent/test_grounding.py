"""Grounding check: products, prices and discount claims not backed by the allowed products."""


import pytest

from agent.reply.grounding import find_prices, find_ungrounded, name_index, parse_amount
from knowledge.catalog import Catalog
from knowledge.models import Product

X8_128 = Product(sku="PX8-128", name="Nova X8 (128 GB)", price=699, category="Phones", family="nova-x8", tier=1)
X8_256 = Product(sku="PX8-256", name="Nova X8 (256 GB)", price=799, category="Phones", family="nova-x8", tier=2)
PB = Product(sku="PB-20K", name="PowerBank 20K", price=39, category="Power")
PB10 = Product(sku="PB-10K", name="PowerBank 10K", price=24.99, category="Power")
CASE = Product(sku="CASE-X8", name="Slim Case for Nova X8", price=29, category="Cases", compatible_with=["family:nova-x8"])
PROMO = Product(sku="EB-1", name="Echo Buds", price=59, category="Audio", attributes={"free_shipping": True, "discount_pct": 20})
CATALOG = Catalog([X8_128, X8_256, PB, PB10, CASE, PROMO])


def kinds(mentions):
    return [(m.kind, m.text) for m in mentions]


def test_allowed_product_and_price_pass():
    text = "If it helps, the PowerBank 20K is $39 — no pressure."
    assert find_ungrounded(text, [X8_128, PB], CATALOG) == []


def test_product_not_allowed_is_reported_case_insensitively():
    text = "You could also look at the powerbank 10k."
    assert kinds(find_ungrounded(text, [X8_128, PB], CATALOG)) == [("product", "powerbank 10k")]


def test_sku_mention_is_reported():
    assert kinds(find_ungrounded("Try PB-10K.", [PB], CATALOG)) == [("product", "PB-10K")]
    assert find_ungrounded("Try PB-20K.", [PB], CATALOG) == []


def test_family_base_name_is_fine_when_a_member_is_allowed_and_reported_otherwise():
    assert find_ungrounded("The Nova X8 charges wirelessly.", [X8_128], CATALOG) == []
    assert kinds(find_ungrounded("The Nova X8 charges wirelessly.", [PB], CATALOG)) == [("product", "Nova X8")]


PLANNERS = [
    Product(sku=f"PL-{size}-{c}", name=f"Atelier 2026 Weekly Planner {size}, {c}", price=20, category="Planners",
            brand="Atelier", family="weekly-26")
    for size, c in [("A5", "Navy"), ("A5", "Blush"), ("A6", "Navy")]
]
NOTEBOOKS = [
    Product(sku=f"NB-{g}", name=f"Atelier {kind} Notebook A5, {g} gsm", price=16, category="Notebooks",
            brand="Atelier", family="notebook-a5")
    for kind, g in [("Dotted", 80), ("Sketch", 160)]
]


def test_family_named_by_the_whole_words_its_members_share_and_never_by_the_brand_alone():
    catalog = Catalog([*PLANNERS, *NOTEBOOKS, PB])
    # "A5"/"A6" share a letter, not a word: the family is the "Atelier 2026 Weekly Planner", as replies call it.
    said = "The Atelier 2026 Weekly Planner comes in navy and blush."
    assert find_ungrounded(said, [PLANNERS[1]], catalog) == []
    # The notebooks only share their brand: "Atelier" alone names no product, so it is no unbacked mention.
    assert find_ungrounded("Atelier makes it too.", [PB], catalog) == []
    assert kinds(find_ungrounded("The Atelier 2026 Weekly Planner is nice.", [PB], catalog)) == [
        ("product", "Atelier 2026 Weekly Planner")
    ]


def test_longest_name_wins():
    # "Nova X8 (256 GB)" is a full name: allowed only when that variant is allowed.
    assert kinds(find_ungrounded("Consider the Nova X8 (256 GB).", [X8_128], CATALOG)) == [("product", "Nova X8 (256 GB")]
    assert find_ungrounded("Consider the Nova X8 (256GB).", [X8_256], CATALOG) == []


@pytest.mark.parametrize(
    "text,amount",
    [("$39", 39), ("$39.00", 39), ("39 USD", 39), ("USD 39", 39), ("€39", 39), ("39 €", 39), ("39,99 €", 39.99),
     ("$1,299.50", 1299.5), ("1.299,00 €", 1299), ("£24.99", 24.99), ("US$ 20", 20), ("20 dollars", 20)],
)
def test_price_formats(text, amount):
    found = find_prices(f"It costs {text} today.")
    assert [a for _, a in found] == [pytest.approx(amount)]


@pytest.mark.parametrize("text", ["It has 128 GB.", "That's 30% more battery.", "A 4500 mAh cell.", "Model X8 from 2024.", "6.1-inch screen"])
def test_non_prices(text):
    assert find_prices(text) == []


def test_wrong_price_is_reported_to_the_cent():
    assert kinds(find_ungrounded("The PowerBank 20K is $39.01.", [PB], CATALOG)) == [("price", "$39.01")]
    assert kinds(find_ungrounded("The PowerBank 20K is $35.", [PB], CATALOG)) == [("price", "$35")]
    assert find_ungrounded("The PowerBank 10K is $24.99.", [PB10], CATALOG) == []


def test_extra_prices_allow_differences_totals_and_the_shoppers_budget():
    text = "The Nova X8 (256 GB) is $799, $100 more, and still under your $800 budget."
    assert kinds(find_ungrounded(text, [X8_128, X8_256], CATALOG)) == [("price", "$100"), ("price", "$800")]
    assert find_ungrounded(text, [X8_128, X8_256], CATALOG, extra_prices=[100, 800]) == []


def test_discount_and_free_claims_are_reported():
    text = "Good news: the PowerBank 20K is free today, and you get 90% off the case. Use coupon SAVE."
    found = kinds(find_ungrounded(text, [PB], CATALOG))
    assert ("claim", "is free") in found and ("claim", "90% off") in found and ("claim", "coupon") in found


def test_negated_claims_and_harmless_free_are_fine():
    text = "I can't offer a discount, and prices are fixed. Feel free to ask; it's hands-free and BPA-free."
    assert find_ungrounded(text, [PB], CATALOG) == []


def test_claims_backed_by_merchant_attributes_only():
    assert find_ungrounded("The Echo Buds come with free shipping and are 20% off.", [PROMO], CATALOG) == []
    assert kinds(find_ungrounded("The Echo Buds are 30% off.", [PROMO], CATALOG)) == [("claim", "30% off")]
    tricky = Product(sku="T-1", name="Trick Cable", price=5, category="Cables", description="This is free! 90% off!")
    cat = Catalog([tricky])
    assert kinds(find_ungrounded("The Trick Cable is free, 90% off.", [tricky], cat)) == [
        ("claim", "is free"),
        ("claim", "90% off"),
    ]


def test_parse_amount():
    assert parse_amount("1,299") == 1299
    assert parse_amount("39,99") == 39.99
    assert parse_amount("1.299,00") == 1299


def test_correct_on_20000_products():
    products = [
        Product(sku=f"SKU-{i}", name=f"Brand{i % 300} Gadget {i} ({(i % 4 + 1) * 64} GB)", price=10 + i % 500,
                category="Phones", family=f"fam{i // 3}", description="A gadget. " * 20)
        for i in range(20_000)
    ]
    catalog = Catalog(products)
    name_index(catalog)  # built once per catalog (the agent warms it at ingest)
    assert name_index(catalog) is name_index(catalog)
    text = (
        "Yes — the Brand5 Gadget 5 (128 GB) supports wireless charging. If it helps, the Brand7 Gadget 7 (256 GB) "
        "at $17 could go with it. No pressure — happy to keep it to the phone. It costs 39,99 € and has 128 GB."
    )
    allowed = products[:6]
    found = find_ungrounded(text, allowed, catalog)
    assert kinds(found) == [("product", "Brand7 Gadget 7 (256 GB"), ("price", "$17"), ("price", "39,99 €")]
