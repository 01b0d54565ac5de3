"""Fed up with re-buying consumables: what is used up (or runs on what is) is no answer (agent.candidates.renewal)."""

from __future__ import annotations

import pytest

from agent.candidates.renewal import fed_up, used_up
from agent.schemas import ChatContext
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need


@pytest.fixture(scope="module")
def minilm():
    from knowledge.embeddings import MiniLMEmbedder

    try:
        embedder = MiniLMEmbedder()
        embedder.embed_query("warm up")
    except Exception:  # noqa: BLE001
        pytest.skip("MiniLM model not available")
    return embedder


def _p(sku: str, name: str, description: str = "", **attributes) -> Product:
    return Product(sku=sku, name=name, price=10.0, category="Home > Things", description=description,
                   attributes=attributes)


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        (_p("B1", "Everyday AA Batteries, 12 Pack", "Long-lasting alkaline cells for remotes and toys."), True),
        (_p("B2", "Lithium Coin Cells", "Spare cells for watches.", rechargeable=False), True),
        (_p("T1", "Kitchen Timer", "A magnetic timer that runs on one AAA battery."), True),
        (_p("T2", "Digital Thermometer", "Reads in ten seconds.", power="2 x AAA"), True),
        (_p("W1", "Hand Warmers, 10 Pairs", "Single-use warmers that stay hot for eight hours."), True),
        (_p("S1", "Bathroom Scale", "Charges over USB-C, so no coin cells to hunt down."), False),
        (_p("T3", "Kitchen Timer Pro", "Magnetic timer with a rechargeable battery.", power="2 x AAA"), False),
        (_p("L1", "Desk Lamp", "Warm light for reading.", rechargeable=True), False),
        (_p("C1", "Rotary Cutter 45 mm", "Cuts four layers of cotton.", power="manual"), False),
        (_p("R1", "Travel Razor", "Reusable stainless razor with five blades."), False),
    ],
    ids=lambda v: v.sku if isinstance(v, Product) else str(v),
)
def test_what_is_used_up_is_read_from_the_catalog(product, expected):
    assert used_up(product) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "the old one went through a fresh set of batteries every other week",
        "I'm so done with buying AAA packs for this thing",
        "honestly the constant battery swapping drives me mad",
        "buying new cartridges all the time is such a waste",
    ],
)
def test_a_shopper_fed_up_with_rebuying_is_heard(minilm, sentence):
    assert fed_up([sentence], minilm)


@pytest.mark.parametrize(
    "sentence",
    [
        "I need spare batteries for the camping trip",
        "my phone battery is dead by lunch",
        "what kind of battery does the remote use?",
        "the coffee always tastes bitter",
        "we're adding two people to the team",
    ],
)
def test_an_ordinary_battery_need_is_no_refusal(minilm, sentence):
    assert not fed_up([sentence], minilm)


def test_no_encoder_hears_nothing():
    assert not fed_up(["I'm tired of buying batteries"], None)


BELL = Product(sku="BELL", name="Wireless Doorbell", price=40.0, category="Home > Doorbells",
               description="A wireless doorbell; the push button runs on two AA batteries.")
CELLS = Product(sku="CELLS", name="AA Batteries, 8 Pack", price=8.0, category="Home > Batteries",
                description="Alkaline AA batteries for doorbells and remotes.", compatible_with=["BELL"])
PLUG = Product(sku="PLUG", name="Doorbell Mains Adapter", price=15.0, category="Home > Doorbells",
               description="Powers the chime from the wall socket.", compatible_with=["BELL"])
STORE = Catalog([BELL, CELLS, PLUG])


def _search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
    # The batteries are nearest by topic whatever the shopper says about them.
    return [SearchHit(sku="CELLS", score=0.55), SearchHit(sku="PLUG", score=0.40)]


def test_fed_up_with_batteries_gets_the_mains_adapter_not_more_batteries(minilm):
    context = ChatContext(page="product", product_sku="BELL", cart=[{"sku": "BELL", "qty": 1}])
    offers = decide_need("our last doorbell ate batteries, I was buying new ones every month", context, STORE,
                         Relations.build(STORE), _search, embedder=minilm)
    assert offers == [("PLUG", "cross_sell")]


def test_a_plain_need_for_batteries_still_gets_them(minilm):
    context = ChatContext(page="product", product_sku="BELL", cart=[{"sku": "BELL", "qty": 1}])
    offers = decide_need("I need spare batteries for the push button", context, STORE, Relations.build(STORE), _search,
                         embedder=minilm)
    assert offers == [("CELLS", "cross_sell")]


@pytest.mark.parametrize(
    ("sentence", "heard"),
    [
        ("Ich habe keine Lust mehr, ständig neue Batterien zu kaufen.", True),
        ("J'en ai marre d'acheter des piles tous les mois.", True),
        ("Necesito pilas de repuesto para el viaje.", False),
        ("Der Akku ist nach zwei Stunden leer.", False),
    ],
)
def test_the_multilingual_encoder_hears_it_in_the_shoppers_words(sentence, heard):
    from agent.signals.semantic import shared_encoder

    assert fed_up([sentence], shared_encoder()) is heard


def test_a_refusal_said_earlier_in_the_session_still_holds(minilm):
    from agent.candidates import CandidateDeps, gather_candidates
    from agent.schemas import Signal
    from agent.turn import TurnFacts
    from agent.types import PolicyLimits, SessionState

    need = Signal(type="need", text="something for the push button so it keeps working", confidence=0.85)
    context = ChatContext(page="product", product_sku="BELL", cart=[{"sku": "BELL", "qty": 1}])
    facts = TurnFacts.build(context=context, state=SessionState(session_id="s"), signals=[need], catalog=STORE,
                            message=need.text)
    deps = CandidateDeps(catalog=STORE, relations=Relations.build(STORE), search=_search, limits=PolicyLimits(),
                         embedder=minilm)
    assert "CELLS" in {c.product.sku for c in gather_candidates(facts, [need], deps)}
    earlier = ["honestly our last doorbell ate batteries, I was buying new ones every month"]
    later = gather_candidates(facts, [need], deps, said_before=earlier)
    assert "CELLS" not in {c.product.sku for c in later} and "PLUG" in {c.product.sku for c in later}
