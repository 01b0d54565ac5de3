"""Need-to-product word affinity: stemming, topic words, concepts, ruled-out kinds, where words occur."""

from __future__ import annotations

from agent.affinity import NeedTerms, ProductTerms, affinity, ruled_out, stem, topic_stems
from knowledge.models import Product

BANK = Product(sku="PB", name="Slim power bank 10,000 mAh", price=29.0, category="Electronics > Power Banks",
               description="The answer for a battery that dies by mid-afternoon. Recharges in 3 hours.")
TIPS = Product(sku="TIPS", name="Memory-foam ear tips", price=19.0, category="Audio > Headphone Accessories",
               description="Foam tips with a better seal and stronger passive isolation. Three sizes.")
GLASS = Product(sku="GLS", name="Tempered glass screen protector", price=15.0, category="Electronics > Accessories",
                description="Takes the crack instead of your screen. Works with wireless charging.")
PHONE = Product(sku="PH", name="Nova phone", price=699.0, category="Electronics > Phones")


def test_stem_joins_the_forms_of_a_word():
    assert {stem(w) for w in ("charge", "charging", "charger", "charges")} == {"charg"}
    assert stem("dropping") == stem("drop") == stem("dropped")
    assert stem("photos") == stem("photo")


def test_words_in_the_name_weigh_more_than_words_in_the_details():
    need = NeedTerms.of("a case for it")
    case = Product(sku="C", name="Leather case", price=20.0, category="Accessories")
    mention = Product(sku="M", name="Magnetic bank", price=20.0, category="Accessories",
                      description="Charges the phone. Works through thin cases.")
    assert affinity(need, ProductTerms.of(case)) > affinity(need, ProductTerms.of(mention)) > 0


def test_topic_words_of_what_the_shopper_holds_are_not_the_need():
    topic = topic_stems([PHONE])
    need = NeedTerms.of("my phone battery lasted the whole day", topic)
    assert stem("phone") not in need.stems and stem("battery") in need.stems
    plan = Product(sku="P", name="Phone protection plan", price=79.0, category="Services > Plans")
    assert affinity(need, ProductTerms.of(plan)) == 0.0
    assert affinity(need, ProductTerms.of(BANK)) > 0.5


def test_a_concept_links_what_shoppers_say_to_what_products_say():
    loud = NeedTerms.of("the open office is so loud")
    assert affinity(loud, ProductTerms.of(TIPS)) > 0  # "isolation" in its first sentence
    assert affinity(loud, ProductTerms.of(BANK)) == 0


def test_a_concept_mentioned_only_in_passing_counts_half():
    battery = NeedTerms.of("my battery dies by noon")
    # The protector mentions wireless charging after its first sentence; the bank is about batteries.
    assert 0 < affinity(battery, ProductTerms.of(GLASS)) < affinity(battery, ProductTerms.of(BANK))


def test_no_x_rules_out_that_kind_of_product():
    need = NeedTerms.of("something to charge it at night, no cables")
    cable = ProductTerms.of(Product(sku="CB", name="USB-C cable", price=9.0, category="Electronics > Cables"))
    assert ruled_out(need, cable) and affinity(need, cable) == 0.0
    assert not ruled_out(need, ProductTerms.of(BANK))
    # The head noun is ruled out, not every word after "no": power banks still answer "no power outlets".
    outlets = NeedTerms.of("hiking for a week with no power outlets")
    assert not ruled_out(outlets, ProductTerms.of(BANK)) and affinity(outlets, ProductTerms.of(BANK)) > 0


def test_a_refusal_reaches_past_more_and_those_but_a_lack_is_no_refusal():
    packs = ProductTerms.of(Product(sku="HW", name="Disposable Heat Wraps, 8 Pack", price=12.0, category="Health"))
    cells = ProductTerms.of(Product(sku="AA", name="AA Batteries", price=8.0, category="Household > Batteries"))
    assert ruled_out(NeedTerms.of("warmth I can wear outside, and not those throw-away packs"), packs)
    assert ruled_out(NeedTerms.of("a light for the shed, no more batteries please"), cells)
    # "Came without a card" says what they lack: the card is what they need.
    card = ProductTerms.of(Product(sku="SD", name="SD Memory Card 128 GB", price=19.0, category="Photo > Cards"))
    assert not ruled_out(NeedTerms.of("the camera came without a memory card"), card)


def test_a_dislike_rules_out_the_kind_it_names_but_a_like_does_not():
    fabric = ProductTerms.of(Product(sku="F", name="Fabric Folio Cover", price=25.0, category="E-readers > Cases"))
    clips = ProductTerms.of(Product(sku="C", name="Plastic Clips, 10-pack", price=5.0, category="Home > Clips"))
    assert ruled_out(NeedTerms.of("only leather, I don't like fabric ones"), fabric)
    assert ruled_out(NeedTerms.of("I do not want fabric, it pills"), fabric)
    assert ruled_out(NeedTerms.of("I hate those plastic clips"), clips)
    assert not ruled_out(NeedTerms.of("I'd like a fabric cover"), fabric)
    # What follows "I don't want" that is no kind ("my phone to die") rules nothing out.
    assert NeedTerms.of("I don't want my phone to die").ruled_out == frozenset()


def test_services_are_marked_generic():
    plan = Product(sku="P", name="Care", price=79.0, category="Services > Protection Plans")
    assert ProductTerms.of(plan).generic and not ProductTerms.of(BANK).generic


def test_how_a_product_looks_is_no_word_that_answers_a_need():
    from agent.affinity import ProductTerms, stem

    cubes = Product(sku="PC", name="Packing Cubes Set of 4 - Black", price=29.0, category="Travel > Organisers",
                    description="Mesh cubes that keep black tops and socks sorted.", attributes={"color": "black"})
    terms = ProductTerms.of(cubes)
    assert stem("black") not in terms.all
    assert {stem("packing"), stem("cubes")} <= terms.title
