"""Measure-aware replacements: need axes, colour variants, untiered families, cheaper swaps, improvement wording."""

from __future__ import annotations

import pytest

from agent.candidates import CandidateDeps, gather_candidates
from agent.candidates.dimensions import need_axes
from agent.policy import PolicyContext, decide
from agent.reply.offline import improvement_words
from agent.settings import Settings
from agent.schemas import CartLine, ChatContext, ChatRequest, Improvement, Signal
from agent.turn import TurnFacts
from agent.types import PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import agent_on, decide_need

SPEAKERS = "Audio > Speakers"


def _speaker(sku, price, hours, weight_g, color="black", **kw):
    return Product(
        sku=sku, name=f"Boomy {sku}", price=price, category=SPEAKERS, family="boomy", brand="Boomy",
        attributes={"battery_hours": hours, "weight_g": weight_g, "color": color}, **kw,
    )


BASE = _speaker("SP-20", 100.0, 20, 900)
RED = _speaker("SP-20-RED", 110.0, 20, 900, color="red")  # a pricier colour variant
PARTY = _speaker("SP-PARTY", 120.0, 10, 1400)
LONG = _speaker("SP-30", 125.0, 30, 950)
LITE = _speaker("SP-LITE", 80.0, 20, 450)
STRAP = Product(sku="STRAP", name="Leather carry strap", price=45.0, category="Audio > Accessories",
                compatible_with=["family:boomy"], description="A leather strap for carrying the speaker.")
CATALOG = Catalog([BASE, RED, PARTY, LONG, LITE, STRAP])
RELATIONS = Relations.build(CATALOG)


def _search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
    return []  # relations alone: the measures must decide


def _decide_on(catalog: Catalog, need: Signal, context: ChatContext):
    """Candidates and decision for one need on another catalog than the speakers'."""
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[need], catalog=catalog, message=need.text)
    deps = CandidateDeps(catalog=catalog, relations=Relations.build(catalog), search=_search, limits=PolicyLimits())
    cands = gather_candidates(facts, [need], deps)
    return cands, decide(cands, PolicyContext(facts=facts, signals=[need], state=state, limits=PolicyLimits()))


def decide_turn(need: Signal, *, sku="SP-20", cart=(), state=None, page="product"):
    context = ChatContext(page=page, product_sku=sku, cart=[CartLine(sku=s) for s in cart])
    state = state or SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[need], catalog=CATALOG, message=need.text)
    deps = CandidateDeps(catalog=CATALOG, relations=RELATIONS, search=_search, limits=PolicyLimits())
    cands = gather_candidates(facts, [need], deps)
    ctx = PolicyContext(facts=facts, signals=[need], state=state, limits=PolicyLimits())
    return cands, decide(cands, ctx)


def test_a_colour_variant_is_never_an_upgrade_even_when_pricier():
    ups = [r.sku for r in RELATIONS.upgrades("SP-20")]
    assert "SP-20-RED" not in ups
    assert RELATIONS.is_variant("SP-20", "SP-20-RED")


def test_a_material_a_tier_up_is_an_upgrade_but_a_colour_a_tier_up_is_not():
    def glove(sku, price, tier, material, color="white"):
        return Product(sku=sku, name=sku, price=price, category="Golf > Gloves", family="grip", tier=tier,
                       attributes={"size": "M", "material": material, "color": color})

    synthetic = glove("SYN", 17.99, 1, "synthetic")
    leather = glove("CAB", 22.99, 2, "cabretta leather")
    pink = glove("SYN-PNK", 18.99, 2, "synthetic", color="pink")
    scented = glove("SYN-2", 18.49, None, "synthetic blend")  # no tier to rank it: text alone is a variant
    rel = Relations.build(Catalog([synthetic, leather, pink, scented]))
    assert not rel.is_variant("SYN", "CAB")
    assert [r.sku for r in rel.upgrades("SYN")] == ["CAB"]
    assert rel.is_variant("SYN", "SYN-PNK")
    assert rel.is_variant("SYN", "SYN-2")


def test_an_untiered_family_is_ordered_by_measures():
    ups = [r.sku for r in RELATIONS.upgrades("SP-20")]
    assert ups == ["SP-30"]  # the party speaker is pricier but runs half as long: not an upgrade
    assert RELATIONS.improves("SP-20", "SP-PARTY") is False


def test_tier_still_orders_a_tiered_family():
    a = Product(sku="A", name="A", price=10, category="C", family="f", tier=1, attributes={"runtime_min": 60})
    b = Product(sku="B", name="B", price=12, category="C", family="f", tier=2, attributes={"runtime_min": 50})
    rel = Relations.build(Catalog([a, b]))
    assert [r.sku for r in rel.upgrades("A")] == ["B"]


def test_a_pricier_but_worse_member_is_refused_for_the_need_it_is_worse_on():
    # Curated as the upsell, pricier, but with less battery: never the answer to "it doesn't last".
    base = BASE.model_copy(update={"upsells": ["SP-PARTY"]})
    catalog = Catalog([base, RED, PARTY, LONG, LITE, STRAP])
    rel = Relations.build(catalog)
    need = Signal(type="need", text="I wish it lasted longer")
    context = ChatContext(page="product", product_sku="SP-20")
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[need], catalog=catalog, message=need.text)
    deps = CandidateDeps(catalog=catalog, relations=rel, search=_search, limits=PolicyLimits())
    cands = {c.product.sku: c for c in gather_candidates(facts, [need], deps)}
    assert cands["SP-PARTY"].need is None
    assert cands["SP-30"].need is not None
    decision = decide(list(cands.values()), PolicyContext(facts=facts, signals=[need], state=state))
    assert [o.sku for o in decision.offers] == ["SP-30"]


def test_the_offer_reason_names_the_improvement_and_the_reply_says_it():
    _, decision = decide_turn(Signal(type="need", text="I wish it lasted longer"))
    [offer] = decision.offers
    imp = offer.why.improves
    assert offer.sku == "SP-30" and imp is not None
    assert (imp.dimension, imp.old, imp.new, imp.direction) == ("duration", "20 h", "30 h", "up")
    assert improvement_words(imp) == "30 h battery instead of 20"


def test_a_lighter_need_takes_a_lighter_version_and_says_how_much_lighter():
    _, decision = decide_turn(Signal(type="need", text="this thing is too heavy to carry around"))
    [offer] = decision.offers
    assert offer.sku == "SP-LITE" and offer.replaces_sku == "SP-20" and offer.uplift_pct == pytest.approx(-20.0)
    assert improvement_words(offer.why.improves) == "450 g lighter"


def test_explicit_better_takes_the_next_better_version():
    _, decision = decide_turn(Signal(type="need", text="anything better?", wants="better"))
    assert [o.sku for o in decision.offers] == ["SP-30"]


@pytest.mark.parametrize("page,cart", [("product", ()), ("cart", ("SP-20",))])
def test_a_cheaper_request_gets_a_cheaper_version_and_never_an_add_on(page, cart):
    cands, decision = decide_turn(Signal(type="need", text="too pricey", wants="cheaper"), page=page, cart=cart)
    assert [o.sku for o in decision.offers] == ["SP-LITE"]
    assert decision.offers[0].kind == "upsell" and decision.offers[0].uplift_pct < 0
    assert all(c.kind == "upsell" for c in cands if c.need is not None)


def test_a_cheaper_request_with_no_cheaper_version_gets_nothing():
    _, decision = decide_turn(Signal(type="need", text="too pricey", wants="cheaper"), sku="SP-LITE")
    assert decision.offers == []
    assert {r.sku: r.rule for r in decision.rejected}.get("STRAP") in ("cheaper_only", "no_need")


MATS = "Fitness > Yoga > Mats"
RUBBER = Product(sku="MAT-RUB", name="Grip rubber yoga mat 4.5 mm", price=79.0, category=MATS, family="grip",
                 attributes={"thickness_mm": 4.5, "material": "rubber"})
TPE = Product(sku="MAT-TPE", name="TPE yoga mat 6 mm", price=35.0, category=MATS, family="tpe",
              attributes={"thickness_mm": 6, "material": "TPE"})
MAT_STRAP = Product(sku="MAT-STRAP", name="Yoga mat carry strap", price=12.0, category=MATS,
                    compatible_with=["category:Mats"])
LENSES = "Photo > Lenses"
LX50 = Product(sku="LX50", name="LX 50 mm f/1.8 lens", price=199.0, category=LENSES, compatible_with=["CAM-LX"],
               attributes={"focal_mm": 50, "mount": "LX"})
EF50 = Product(sku="EF50", name="EF 50 mm f/1.8 lens", price=119.0, category=LENSES,
               attributes={"focal_mm": 50, "mount": "EF"})
LX35 = Product(sku="LX35", name="LX 35 mm f/2 lens", price=149.0, category=LENSES, compatible_with=["CAM-LX"],
               attributes={"focal_mm": 35, "mount": "LX"})
CAM_LX = Product(sku="CAM-LX", name="LX camera body", price=699.0, category="Photo > Cameras")
CUTTERS = "Sewing > Cutting"
CUTTER_45 = Product(sku="RC-45", name="Rotary cutter 45 mm", price=16.0, category=CUTTERS, family="rc45",
                    attributes={"blade_mm": 45})
BLADES_60 = Product(sku="BLD-60", name="Rotary blades 60 mm, 2 pack", price=9.0, category=CUTTERS,
                    compatible_with=["RC-60"], attributes={"blade_mm": 60})
CUTTER_60 = Product(sku="RC-60", name="Rotary cutter 60 mm", price=24.0, category=CUTTERS, attributes={"blade_mm": 60})
OTHER_LINES = Catalog([RUBBER, TPE, MAT_STRAP, LX50, EF50, LX35, CAM_LX, CUTTER_45, BLADES_60, CUTTER_60])


def _cheaper_offers(sku: str, text: str) -> list[str]:
    context = ChatContext(page="product", product_sku=sku, cart=[])
    offers = decide_need(text, context, OTHER_LINES, Relations.build(OTHER_LINES), _search, wants="cheaper")
    return [s for s, _ in offers]


def test_too_pricey_with_nothing_cheaper_in_its_line_gets_the_same_kind_from_another_line():
    assert _cheaper_offers("MAT-RUB", "too expensive for me, anything cheaper?") == ["MAT-TPE"]


def test_a_cheaper_accessory_must_fit_what_the_original_fits():
    # The EF lens is cheaper and just as fast, but it does not go on the LX body the LX lens is made for.
    assert _cheaper_offers("LX50", "too expensive for me, anything cheaper?") == ["LX35"]


def test_an_accessory_for_another_item_is_no_cheaper_alternative():
    assert _cheaper_offers("RC-45", "16 bucks seems like a lot, got a cheaper one?") == []


SERUMS = "Skincare > Serums"
VITC = Product(sku="VITC", name="15% Vitamin C Serum 30 ml", price=38.0, category=SERUMS, brand="Lumen",
               attributes={"volume_ml": 30, "vitamin_c_pct": 15})
HYAL = Product(sku="HYAL", name="Hyaluronic Acid Serum 30 ml", price=29.0, category=SERUMS, brand="Aqua",
               attributes={"volume_ml": 30, "fragrance_free": True})
VITC_10 = Product(sku="VITC-10", name="10% Vitamin C Serum 30 ml", price=24.0, category=SERUMS, brand="Glow",
                  attributes={"volume_ml": 30, "vitamin_c_pct": 10})
GRINDERS = "Kitchen > Coffee > Grinders"
BURR = Product(sku="BURR", name="Conical burr grinder", price=149.0, category=GRINDERS, brand="Mahl",
               attributes={"grind_settings": 40, "burr_mm": 40, "hopper_g": 250, "espresso_capable": True})
HAND = Product(sku="HAND", name="Travel hand grinder", price=79.0, category=GRINDERS, brand="Timbra",
               attributes={"espresso_capable": True})


@pytest.mark.parametrize(
    ("held", "shelf", "expected"),
    [
        # Another serum measured by something else (no vitamin C stated) is another product; a weaker one is not.
        (VITC, [HYAL], []),
        (VITC, [HYAL, VITC_10], ["VITC-10"]),
        # Stating less than the held item says nothing against a replacement.
        (BURR, [HAND], ["HAND"]),
    ],
    ids=["other-active", "same-active", "sparser"],
)
def test_a_cheaper_product_from_another_line_must_stand_in_for_the_item(held, shelf, expected):
    catalog = Catalog([held, *shelf])
    context = ChatContext(page="product", product_sku=held.sku, cart=[])
    offers = decide_need("too expensive for me, anything cheaper?", context, catalog, Relations.build(catalog),
                         _search, wants="cheaper")
    assert [s for s, _ in offers] == expected


def test_a_cheaper_reading_without_words_of_price_looks_no_further_than_the_line():
    # "cheaper" read by the encoder from a budget, not said: no other line is brought in.
    assert _cheaper_offers("MAT-RUB", "I can add 40 at most") == []


def test_cheaper_versions_of_an_unfamilied_item_are_the_same_brand_and_kind():
    fast = Product(sku="CHG-F", name="Rapid charger", price=59, category="Tools > Chargers", brand="Volt")
    std = Product(sku="CHG-S", name="Standard charger", price=35, category="Tools > Chargers", brand="Volt")
    other = Product(sku="CHG-O", name="Other charger", price=20, category="Tools > Chargers", brand="Else")
    rel = Relations.build(Catalog([fast, std, other]))
    assert [p.sku for p in rel.cheaper_versions("CHG-F")] == ["CHG-S"]


@pytest.mark.parametrize(
    "text,axis",
    [
        ("I wish it lasted longer", "lasts_longer"),
        ("it's way too heavy", "lighter"),
        ("I need something brighter", "brighter"),
        ("the storage is always full", "more_room"),
        ("se me acaba la batería enseguida", "lasts_longer"),
        ("das Ding ist viel zu schwer", "lighter"),
        ("c'est trop bruyant", "quieter"),
        ("слишком тяжёлый", "lighter"),
    ],
)
def test_need_axes_without_an_embedder(text, axis):
    assert axis in [a.name for a in need_axes([text])]


def test_need_axes_with_the_sentence_embedder():
    from knowledge.embeddings import MiniLMEmbedder

    try:
        embedder = MiniLMEmbedder()
        embedder.embed_query("warm up")
    except Exception:  # noqa: BLE001
        pytest.skip("MiniLM model not available")
    # Paraphrases no lexicon word covers.
    assert [a.name for a in need_axes(["my arm gets tired holding it up"], embedder)] == ["lighter"]
    assert [a.name for a in need_axes(["the lawn here is enormous"], embedder)] == ["more_area"]
    # A little under the bar but far ahead of every other axis: sure enough (not read from the lexicon).
    axes = need_axes(["on day trips my old camera was always dead by lunchtime"], embedder)
    assert [(a.name, a.by_words) for a in axes] == [("lasts_longer", False)]


def test_an_add_on_adding_to_the_quantity_beats_one_sharing_a_word():
    from knowledge.embeddings import MiniLMEmbedder

    try:
        embedder = MiniLMEmbedder()
        embedder.embed_query("warm up")
    except Exception:  # noqa: BLE001
        pytest.skip("MiniLM model not available")
    camera = Product(sku="CAM", name="Pixa Compact Camera", price=400.0, category="Photo > Cameras",
                     family="pixa", attributes={"sensor_mp": 24})
    card = Product(sku="CARD", name="SD Card 256 GB", price=40.0, category="Photo > Memory Cards",
                   description="A big card for long trips and long recordings.",
                   attributes={"capacity_gb": 256, "write_mb_s": 90}, compatible_with=["family:pixa"])
    battery = Product(sku="BATT", name="Pixa Spare Battery", price=45.0, category="Photo > Batteries",
                      description="The original battery, good for about 350 shots.",
                      attributes={"capacity_mah": 1020}, compatible_with=["family:pixa"])
    catalog = Catalog([camera, card, battery])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        return [SearchHit(sku="CARD", score=0.23)]  # the card shares "trips" with the need; the battery nothing

    context = ChatContext(page="product", product_sku="CAM", cart=[CartLine(sku="CAM")])
    offers = decide_need("on day trips my old camera was always dead by lunchtime", context, catalog,
                         Relations.build(catalog), search, embedder=embedder)
    assert offers == [("BATT", "cross_sell")]


def test_improvement_words():
    assert improvement_words(Improvement(attribute="lumens", old="600 lumens", new="900 lumens",
                                         dimension="brightness", direction="up", delta="300 lumens")) == \
        "900 lumens instead of 600"
    assert improvement_words(Improvement(attribute="weight", old="2.5 kg", new="1.4 kg", dimension="mass",
                                         direction="down", delta="1.1 kg")) == "1.1 kg lighter"


# --- the whole agent ------------------------------------------------------------------------------
STORE = [
    {"sku": "PH-128", "name": "Nova Phone 128 GB", "price": 700, "category": "Electronics > Phones",
     "family": "nova", "attributes": {"storage_gb": 128}, "description": "A phone with room for your photos."},
    {"sku": "PH-256", "name": "Nova Phone 256 GB", "price": 800, "category": "Electronics > Phones",
     "family": "nova", "attributes": {"storage_gb": 256}, "description": "Twice the storage for photos and apps."},
    {"sku": "CASE-NOVA", "name": "Nova clear case", "price": 19, "category": "Electronics > Cases",
     "compatible_with": ["family:nova"], "description": "Slim clear case that protects against drops."},
]
FULL = "my phone storage is always full, I wish it had more space"
PAGE = {"page": "product", "product_sku": "PH-128", "cart": []}


@pytest.fixture
def agent(settings, tmp_path):
    return agent_on(settings, tmp_path / "catalog.jsonl", STORE)


def test_the_agent_upgrades_an_item_not_yet_bought(agent):
    r = agent.respond(ChatRequest(session_id="fresh", message=FULL, context=PAGE))
    assert [(o.sku, o.kind) for o in r.offers] == [("PH-256", "upsell")]
    assert "256 GB instead of 128" in r.reply


def test_bought_then_back_on_its_product_page_gets_no_upgrade(agent):
    agent.respond(ChatRequest(session_id="b", message="just ordered, thanks!",
                              context={"page": "post_purchase", "cart": [{"sku": "PH-128"}]}))
    r = agent.respond(ChatRequest(session_id="b", message=FULL, context=PAGE))
    assert all(o.kind != "upsell" for o in r.offers)


def test_a_purchase_event_also_stops_upgrades(agent):
    agent.record_outcome("ev", "PH-128", "purchased")
    r = agent.respond(ChatRequest(session_id="ev", message=FULL, context=PAGE))
    assert all(o.kind != "upsell" for o in r.offers)


def test_an_accessory_or_another_kind_of_product_is_no_cheaper_version():
    knife = Product(sku="KN", name="Chef knife", price=59, category="Kitchen > Knives", brand="F",
                    attributes={"blade_cm": 20, "steel_hrc": 58})
    sharpener = Product(sku="SH", name="Sharpener", price=25, category="Kitchen > Knives", brand="F",
                        attributes={"stages": 2}, compatible_with=["category:Kitchen > Knives"])
    bag = Product(sku="BAG", name="Sleeping bag", price=99, category="Outdoor > Camping", brand="R",
                  attributes={"comfort_c": 5, "weight_kg": 1.2})
    stove = Product(sku="ST", name="Stove", price=45, category="Outdoor > Camping", brand="R",
                    attributes={"boil_min": 3.5, "weight_g": 85})
    rel = Relations.build(Catalog([knife, sharpener, bag, stove]))
    assert rel.cheaper_versions("KN") == [] and rel.cheaper_versions("BAG") == []


def test_a_version_worse_on_one_stated_need_answers_no_need_of_the_turn():
    heavy = Signal(type="need", text="this thing is too heavy")
    other = Signal(type="need", text="I want something better", wants="better")
    context = ChatContext(page="product", product_sku="SP-20")
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[heavy, other], catalog=CATALOG, message="")
    deps = CandidateDeps(catalog=CATALOG, relations=RELATIONS, search=_search, limits=PolicyLimits())
    cands = {c.product.sku: c for c in gather_candidates(facts, [heavy, other], deps)}
    assert cands["SP-30"].need is None  # better battery, but heavier: not for a shopper who finds it heavy
    assert cands["SP-LITE"].need is not None


def test_a_generic_length_must_be_the_one_the_need_is_about():
    mower = Product(sku="M1", name="Mower 34", price=100, category="Garden", family="m",
                    attributes={"cutting_width_cm": 34})
    wider = Product(sku="M2", name="Mower 38", price=120, category="Garden", family="m",
                    attributes={"cutting_width_cm": 38})
    hose = Product(sku="H1", name="Hose 15", price=20, category="Garden", family="h", attributes={"length_m": 15})
    longer = Product(sku="H2", name="Hose 25", price=25, category="Garden", family="h", attributes={"length_m": 25})
    catalog = Catalog([mower, wider, hose, longer])
    rel = Relations.build(catalog)
    need = Signal(type="need", text="it doesn't reach far enough")
    deps = CandidateDeps(catalog=catalog, relations=rel, search=_search, limits=PolicyLimits())

    def answered(sku):
        facts = TurnFacts.build(context=ChatContext(page="product", product_sku=sku), state=SessionState(session_id="s"),
                                signals=[need], catalog=catalog, message=need.text)
        return {c.product.sku for c in gather_candidates(facts, [need], deps) if c.need is not None}

    assert answered("H1") == {"H2"}
    assert "M2" not in answered("M1")


def test_a_familied_item_has_its_cheaper_versions_in_its_family_only():
    a = Product(sku="NB-50", name="Nuit 50", price=74, category="Fragrance", brand="O", family="nuit",
                attributes={"volume_ml": 50})
    b = Product(sku="NB-30", name="Nuit 30", price=58, category="Fragrance", brand="O", family="nuit",
                attributes={"volume_ml": 30})
    other = Product(sku="CIT-50", name="Citrine 50", price=48, category="Fragrance", brand="O",
                    attributes={"volume_ml": 50})
    rel = Relations.build(Catalog([a, b, other]))
    assert [p.sku for p in rel.cheaper_versions("NB-50")] == ["NB-30"]


def test_a_figure_quoted_from_the_item_names_the_quantity_to_improve():
    small = Product(sku="D12", name="Drill 12V", price=89, category="Drills", family="d",
                    attributes={"torque_nm": 30, "weight_kg": 1.0})
    big = Product(sku="D18", name="Drill 18V", price=109, category="Drills", family="d",
                  attributes={"torque_nm": 50, "weight_kg": 1.5})
    catalog = Catalog([small, big])
    rel = Relations.build(catalog)
    need = Signal(type="need", text="not convinced 30 Nm will be enough for the fence posts")
    facts = TurnFacts.build(context=ChatContext(page="product", product_sku="D12"), state=SessionState(session_id="s"),
                            signals=[need], catalog=catalog, message=need.text)
    deps = CandidateDeps(catalog=catalog, relations=rel, search=_search, limits=PolicyLimits())
    [cand] = [c for c in gather_candidates(facts, [need], deps) if c.product.sku == "D18"]
    assert cand.need is not None and cand.improves.dimension == "torque"


@pytest.mark.parametrize(
    "text, axis",
    [
        # Paraphrases in the shopper's language that no lexicon stem covers ("помощнее" is not a word start).
        ("что-нибудь помощнее", "more_power"),
        ("hace tanto ruido que despierta al bebé", "quieter"),
        ("der Akku hält keinen ganzen Tag durch", "lasts_longer"),
        ("c'est trop lourd à porter en randonnée", "lighter"),
    ],
)
def test_need_axes_read_other_languages_with_the_multilingual_encoder(text, axis):
    from agent.signals.semantic import shared_encoder

    use = shared_encoder()
    assert [a.name for a in need_axes(["", text], None, use)] == [axis]
    # Read by the encoder, not by the backstop lexicon: that is weaker evidence (by_words).
    assert not need_axes(["", text], None, use)[0].by_words


def test_an_uncalibrated_multilingual_encoder_is_not_trusted_with_axes():
    from knowledge.embeddings import FakeEmbedder

    # Its similarities mean nothing on the measured thresholds' scale: only the lexicon answers.
    assert need_axes(["", "хочу что-нибудь помощнее"], None, FakeEmbedder()) == []


def test_a_need_for_something_taller_takes_a_taller_version():
    ladders = [
        Product(sku=f"LAD-{n}", name=f"StepUp {n}-step ladder", price=price, category="Tools > Ladders",
                family="stepup", attributes={"platform_height_m": height, "weight_kg": kg})
        for n, price, height, kg in ((3, 69.0, 0.7, 4.1), (4, 79.0, 0.9, 4.0), (5, 89.0, 1.1, 5.8))
    ]
    catalog = Catalog(ladders)
    need = Signal(type="need", text="I can't reach the gutters, I need something taller", confidence=0.85)
    context = ChatContext(page="product", product_sku="LAD-3", cart=[])
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[need], catalog=catalog, message=need.text)
    from knowledge.embeddings import MiniLMEmbedder

    deps = CandidateDeps(catalog=catalog, relations=Relations.build(catalog), search=_search, limits=PolicyLimits(),
                         embedder=MiniLMEmbedder())
    decision = decide(gather_candidates(facts, [need], deps), PolicyContext(facts=facts, signals=[need], state=state,
                                                                           limits=PolicyLimits()))
    assert [o.sku for o in decision.offers] and decision.offers[0].sku in {"LAD-4", "LAD-5"}
    assert "height" in decision.offers[0].why.improves.attribute


def test_a_need_for_more_light_takes_the_panel_with_more_lux():
    panels = [
        Product(sku=f"PNL-{n}", name=f"LumaPanel {n} LED panel", price=price, category="Photo > Lighting",
                family="lumapanel", attributes={"lux_at_1m": lux, "runtime_min": minutes})
        for n, price, lux, minutes in ((60, 79.0, 1200, 90), (120, 99.0, 2600, 60))
    ]
    catalog = Catalog(panels)
    need = Signal(type="need", text="the light is far too dim for my product photos", confidence=0.85)
    context = ChatContext(page="product", product_sku="PNL-60", cart=[])
    cands, decision = _decide_on(catalog, need, context)
    assert [(o.sku, o.kind) for o in decision.offers] == [("PNL-120", "upsell")]
    assert decision.offers[0].why.improves.dimension == "illuminance"


def test_a_pricier_side_grade_replaces_the_item_only_for_what_it_improves():
    # Same tier, pricier, lighter but with a smaller battery: no upgrade overall, yet the answer to "too heavy".
    base = BASE.model_copy(update={"tier": 2})
    air = _speaker("SP-AIR", 115.0, 12, 400, tier=2)
    catalog = Catalog([base, air, STRAP])
    rel = Relations.build(catalog)
    assert [r.sku for r in rel.upgrades("SP-20")] == []
    assert [p.sku for p in rel.side_grades("SP-20")] == ["SP-AIR"]

    def decide_on(need: Signal):
        state = SessionState(session_id="s")
        facts = TurnFacts.build(context=ChatContext(page="product", product_sku="SP-20"), state=state,
                                signals=[need], catalog=catalog, message=need.text)
        deps = CandidateDeps(catalog=catalog, relations=rel, search=_search, limits=PolicyLimits())
        cands = gather_candidates(facts, [need], deps)
        return decide(cands, PolicyContext(facts=facts, signals=[need], state=state, limits=PolicyLimits()))

    [offer] = decide_on(Signal(type="need", text="this thing is too heavy to carry around")).offers
    assert (offer.sku, offer.kind, offer.replaces_sku) == ("SP-AIR", "upsell", "SP-20")
    assert improvement_words(offer.why.improves) == "500 g lighter"
    # It is no better at anything else: neither "better" nor a battery need gets it.
    assert decide_on(Signal(type="need", text="anything better?", wants="better")).offers == []
    assert "SP-AIR" not in [o.sku for o in decide_on(Signal(type="need", text="I wish it lasted longer")).offers]


def encoder_agent(tmp_path, rows):
    """An agent on ``rows`` with the shipped sentence encoder: the fake one knows no paraphrase."""
    settings = Settings(data_dir=tmp_path / "data", multilingual_backend="none", _env_file=None)
    return agent_on(settings, tmp_path / "catalog.jsonl", rows)


def bought_then(agent, sku: str, message: str):
    """The reply to ``message`` on ``sku``'s product page, after ``sku`` was bought in the same session."""
    agent.respond(ChatRequest(session_id="bought", message="Done, ordered!",
                              context={"page": "post_purchase", "cart": [{"sku": sku}]}))
    return agent.respond(ChatRequest(session_id="bought", message=message,
                                     context={"page": "product", "product_sku": sku}))


def test_a_need_unclear_in_general_is_read_among_what_the_upgrades_improve():
    from agent.candidates.dimensions import need_axes, version_axis
    from knowledge.embeddings import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    need = "hmm actually I wish it held more, two phone charges won't cover the whole trip"
    assert need_axes([need], embedder) == []  # among every quantity: charge and storage are too close to call
    improved = {"charge": frozenset({"capacity", "mah"}), "power": frozenset({"output", "w"}),
                "mass": frozenset({"weight", "g"})}
    assert version_axis(need, embedder, improved).name == "lasts_longer"
    # A quantity no upgrade improves is never read, and a need about none of them stays unread.
    assert version_axis(need, embedder, {"mass": frozenset({"weight", "g"})}) is None
    assert version_axis("does it come in red?", embedder, improved) is None


BANKS = [
    {"sku": "PB-10", "name": "JuiceBox 10,000 mAh Power Bank", "price": 29, "category": "Travel > Power Banks",
     "family": "juicebox", "attributes": {"capacity_mah": 10000, "output_w": 20, "weight_g": 210},
     "cross_sells": ["CBL-1M"], "description": "Slim power bank that charges a typical phone about twice."},
    {"sku": "PB-15", "name": "JuiceBox 15,000 mAh Power Bank", "price": 36, "category": "Travel > Power Banks",
     "family": "juicebox", "attributes": {"capacity_mah": 15000, "output_w": 22.5, "weight_g": 290},
     "description": "About three full phone charges with fast charging."},
    {"sku": "CBL-1M", "name": "USB-C to USB-C charging cable 1 m", "price": 12, "category": "Travel > Cables",
     "description": "Braided cable for fast charging phones and power banks."},
]


def test_a_capacity_pain_on_a_family_page_gets_the_bigger_version_not_the_linked_cable(tmp_path):
    agent = encoder_agent(tmp_path, BANKS)
    message = "on long-haul days my phone is dead before we even land, this one only does two charges"
    r = agent.respond(ChatRequest(
        session_id="pb", message=message,
        context={"page": "product", "product_sku": "PB-10", "cart": [{"sku": "PB-10"}]}))
    assert [(o.sku, o.kind) for o in r.offers] == [("PB-15", "upsell")]


INFLATORS = [
    {"sku": "INF-GO", "name": "AirTrek Go Cordless Tire Inflator", "price": 49, "family": "airtrek",
     "category": "Automotive > Tire Care > Inflators", "attributes": {"battery_mah": 4000, "max_psi": 150},
     "cross_sells": ["GAUGE"], "description": "Pocket inflator; one charge tops up about two car tyres."},
    {"sku": "INF-MAX", "name": "AirTrek Go Max Cordless Tire Inflator", "price": 62, "family": "airtrek",
     "category": "Automotive > Tire Care > Inflators", "attributes": {"battery_mah": 8000, "max_psi": 150},
     "description": "The same design with twice the battery: one charge fills all four car tyres."},
    {"sku": "GAUGE", "name": "Digital Tire Pressure Gauge", "price": 12, "category": "Automotive > Tire Care > Gauges",
     "compatible_with": ["category:Automotive > Tire Care > Inflators"],
     "description": "Backlit digital gauge that reads 0 to 150 psi; runs on two AAA batteries."},
]


def test_when_a_version_measurably_answers_the_need_a_linked_add_on_off_that_quantity_does_not(tmp_path):
    agent = encoder_agent(tmp_path, INFLATORS)
    message = "We've got the car plus a camper with big tyres, and these small ones always run out of battery halfway"
    r = agent.respond(ChatRequest(session_id="inf", message=message,
                                  context={"page": "product", "product_sku": "INF-GO", "cart": [{"sku": "INF-GO"}]}))
    assert [(o.sku, o.kind) for o in r.offers] == [("INF-MAX", "upsell")]


def test_bought_then_the_item_falls_short_gets_no_add_on_that_only_shares_its_topic(tmp_path):
    r = bought_then(encoder_agent(tmp_path, BANKS), "PB-10", "hmm actually I wish it held more, two charges won't do")
    assert r.offers == []  # the bigger bank would answer it, but PB-10 was bought; the cable answers nothing


PHONES = [
    {"sku": "PH-1", "name": "Nova phone", "price": 400, "category": "Electronics > Phones", "family": "nova",
     "attributes": {"battery_mah": 4000}, "description": "A phone for every day."},
    {"sku": "PH-2", "name": "Nova phone Max", "price": 480, "category": "Electronics > Phones", "family": "nova",
     "attributes": {"battery_mah": 5500}, "description": "The bigger battery model."},
    {"sku": "PB", "name": "Power bank 10,000 mAh", "price": 35, "category": "Electronics > Power",
     "compatible_with": ["family:nova"], "attributes": {"capacity_mah": 10000},
     "description": "Charges a phone about twice on the go."},
]


def test_bought_then_the_item_falls_short_still_gets_an_add_on_that_adds_what_it_lacks(tmp_path):
    r = bought_then(encoder_agent(tmp_path, PHONES), "PH-1", "I wish it lasted longer on a charge")
    assert [(o.sku, o.kind) for o in r.offers] == [("PB", "cross_sell")]


GRINDERS = [
    {"sku": "C40", "name": "Mahlwerk C40 Conical Burr Grinder", "price": 149, "category": "Kitchen > Coffee > Grinders",
     "family": "mahlwerk", "attributes": {"grind_settings": 40, "burr_mm": 40, "hopper_g": 250},
     "description": "Electric grinder with 40 mm conical burrs and 40 settings."},
    {"sku": "C60", "name": "Mahlwerk C60 Conical Burr Grinder", "price": 189, "category": "Kitchen > Coffee > Grinders",
     "family": "mahlwerk", "attributes": {"grind_settings": 60, "burr_mm": 48, "hopper_g": 350},
     "description": "Larger 48 mm burrs and 60 finely spaced settings make dialling in espresso easier."},
    {"sku": "F83", "name": "Mahlwerk F83 Flat Burr Grinder", "price": 329, "category": "Kitchen > Coffee > Grinders",
     "family": "mahlwerk", "attributes": {"burr_mm": 83, "hopper_g": 0},
     "description": "83 mm flat burrs with stepless adjustment for single dosing."},
]


def test_a_plain_better_ask_names_no_quantity_so_no_version_is_judged_on_one(tmp_path):
    # Read among what the upgrades change, "if I spend a bit more" sits nearest to weight (the F83's empty
    # hopper), which would veto the C60's bigger one; a plain "better" is answered by the version's headline change.
    page = {"page": "product", "product_sku": "C40"}
    r = encoder_agent(tmp_path, GRINDERS).respond(
        ChatRequest(session_id="g", message="anything nicer if I spend a bit more?", context=page)
    )
    assert [(o.sku, o.kind) for o in r.offers] == [("C60", "upsell")]


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("I wish it held more", True),
        ("5 cm won't be enough for my bad hip", True),
        ("0.9 litres might be small when friends come over", True),
        ("a second kitten is coming, so this one will run dry faster", True),
        ("I wish my phone lasted longer", False),  # the phone is not the item bought here
        ("we need something for the kids too", False),
    ],
)
def test_what_says_the_bought_item_itself_falls_short(text, short):
    from agent.candidates.needs import ITEM_SHORTCOMING

    assert bool(ITEM_SHORTCOMING.search(text)) is short


def test_a_need_unclear_in_general_is_read_among_what_the_side_grades_improve_too(tmp_path):
    # The lighter mat is thinner, so no upgrade overall: only a need about its weight makes it the answer, and
    # the thicker, heavier one is then refused.
    rows = [
        {"sku": "MAT-45", "name": "Grip Rubber Yoga Mat 4.5 mm", "price": 79, "category": "Yoga > Mats",
         "family": "grip", "attributes": {"thickness_mm": 4.5, "weight_kg": 2.5}},
        {"sku": "MAT-LITE", "name": "Grip Lite Rubber Yoga Mat 3 mm", "price": 95, "category": "Yoga > Mats",
         "family": "grip", "attributes": {"thickness_mm": 3, "weight_kg": 1.6}},
        {"sku": "MAT-6", "name": "Grip Rubber Yoga Mat 6 mm", "price": 99, "category": "Yoga > Mats",
         "family": "grip", "attributes": {"thickness_mm": 6, "weight_kg": 3.3}},
    ]
    agent = encoder_agent(tmp_path, rows)
    rel = agent.knowledge.snapshot.relations
    assert [r.sku for r in rel.upgrades("MAT-45")] == ["MAT-6"]
    assert [r.sku for r in rel.side_grades("MAT-45")] == ["MAT-LITE"]
    message = "lugging this to class on my bike is no fun"
    r = agent.respond(ChatRequest(session_id="mat", message=message,
                                  context={"page": "product", "product_sku": "MAT-45"}))
    assert [(o.sku, o.kind) for o in r.offers] == [("MAT-LITE", "upsell")]
    assert r.offers[0].why.improves.dimension == "mass"


def test_a_figure_quoted_from_an_item_with_several_lengths_is_about_the_one_it_matches():
    # The printer states three build lengths and its filament's diameter: "250 mm of height" questions the build
    # height, so a filament (whose diameter is also a length in mm) adds nothing to it.
    printer = Product(sku="PR-S", name="Forma S 3D Printer", price=289.0, category="Printing > Printers",
                      family="forma", attributes={"build_x_mm": 220, "build_z_mm": 250, "filament_diameter_mm": 1.75})
    bigger = Product(sku="PR-P", name="Forma Plus 3D Printer", price=349.0, category="Printing > Printers",
                     family="forma", attributes={"build_x_mm": 256, "build_z_mm": 300, "filament_diameter_mm": 1.75})
    filament = Product(sku="FIL", name="PLA Filament 1 kg", price=20.0, category="Printing > Filament",
                       compatible_with=["family:forma"], attributes={"filament_diameter_mm": 1.75, "length_m": 330},
                       description="PLA for printing tall vases and lamp shades.")
    catalog = Catalog([printer, bigger, filament])
    need = Signal(type="need", text="I want to print tall vases and 250 mm of height is going to hold me back")
    cands, decision = _decide_on(catalog, need, ChatContext(page="product", product_sku="PR-S",
                                                            cart=[CartLine(sku="PR-S")]))
    assert "FIL" not in [c.product.sku for c in cands if c.need is not None]
    assert [(o.sku, o.kind) for o in decision.offers] == [("PR-P", "upsell")]
    assert decision.offers[0].why.improves.attribute.startswith("build")


MOWERS = [
    {"sku": "MOW-38", "name": "GreenLine 36V Cordless Lawn Mower 38 cm", "price": 299, "family": "greenline",
     "category": "Garden > Lawn Mowers", "attributes": {"cutting_width_cm": 38, "runtime_min": 40, "lawn_m2": 400},
     "description": "Our best-selling cordless mower: 38 cm cutting width and roughly 40 minutes of runtime."},
    {"sku": "MOW-42", "name": "GreenLine 36V Cordless Lawn Mower 42 cm", "price": 379, "family": "greenline",
     "category": "Garden > Lawn Mowers", "attributes": {"cutting_width_cm": 42, "runtime_min": 35, "lawn_m2": 450},
     "description": "A wider 42 cm deck for medium lawns."},
    {"sku": "BLD-38", "name": "GreenLine Replacement Mower Blade 38 cm", "price": 24.99,
     "category": "Garden > Lawn Mowers > Parts", "compatible_with": ["MOW-38"],
     "description": "Hardened-steel replacement blade. Swap it once the cut starts to tear rather than slice the grass."},
]


def test_an_add_on_made_for_the_item_that_describes_the_trouble_is_not_silenced_by_a_measured_version(tmp_path):
    agent = encoder_agent(tmp_path, MOWERS)
    message = "I've had this mower two seasons and now the grass looks torn rather than cut, I think the blade's gone blunt"
    r = agent.respond(ChatRequest(session_id="mow", message=message,
                                  context={"page": "product", "product_sku": "MOW-38"}))
    assert [(o.sku, o.kind) for o in r.offers] == [("BLD-38", "cross_sell")]


LOCKS = [
    {"sku": "CBL", "name": "Fortis Coil Cable Lock 10 mm", "price": 19, "family": "fortis", "tier": 1,
     "category": "Cycling > Locks", "attributes": {"security_rating": 3, "weight_kg": 0.4, "length_cm": 180},
     "description": "A light coil cable for a quick stop outside the bakery."},
    {"sku": "U13", "name": "Fortis U-Lock 13 mm", "price": 49, "family": "fortis", "tier": 2,
     "category": "Cycling > Locks", "attributes": {"security_rating": 9, "shackle_mm": 13, "weight_kg": 1.2},
     "description": "A hardened-steel 13 mm shackle for everyday city parking."},
    {"sku": "U16", "name": "Fortis U-Lock 16 mm Gold", "price": 62, "family": "fortis", "tier": 3,
     "category": "Cycling > Locks", "attributes": {"security_rating": 12, "shackle_mm": 16, "weight_kg": 1.6},
     "description": "A 16 mm shackle with a double-bolt mechanism that resists bolt cutters."},
]


@pytest.mark.parametrize(
    "message",
    ["someone cut through a lock like this last week, I want something tougher",
     "Quiero algo más resistente, me cortaron uno igual la semana pasada."],
)
def test_a_tougher_ask_gets_the_version_rated_more_secure_never_a_lighter_one(tmp_path, message):
    agent = encoder_agent(tmp_path, LOCKS)
    r = agent.respond(ChatRequest(session_id="lock", message=message,
                                  context={"page": "product", "product_sku": "U13"}))
    assert [(o.sku, o.kind) for o in r.offers] == [("U16", "upsell")]
    assert "security" in (r.offers[0].why.improves.attribute if r.offers[0].why.improves else "")


def test_tougher_is_read_from_words_in_six_languages():
    from agent.candidates.dimensions import lexicon_axes

    for text in ("a sturdier one", "algo más resistente", "etwas Robusteres", "plus solide", "более прочный",
                 "loại bền hơn"):
        assert "tougher" in [a.name for a in lexicon_axes(text)], text
