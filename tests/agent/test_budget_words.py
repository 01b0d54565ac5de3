"""Budgets stated in words (issue 9): read in six languages with their scope (total or extra) and currency,
and binding as hard as a page budget, through the policy and through the whole agent on a tiny store."""

from __future__ import annotations

import pytest

from agent.agent import build_agent
from agent.policy import PolicyContext, decide
from agent.schemas import CartLine, ChatContext, ChatRequest, Signal
from agent.signals import OfflineSignalDetector, budget_amounts, currency_matches, find_budgets
from agent.signals.budget import budget_reading
from agent.signals.text import normalise
from agent.turn import TurnFacts
from agent.types import Candidate, PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product
from tests.support import PRODUCTS, write_jsonl

# (message, amount, scope)
WORDS = [
    # en
    ("I can't go over $70", 70, "total"),
    ("want a lighter bag but i cant go over $200 total for it", 200, "total"),
    ("i dont want to exceed 60", 60, "total"),
    ("up to 80 euros", 80, "total"),
    ("no more than 60", 60, "total"),
    ("max 50", 50, "total"),
    ("70 tops", 70, "total"),
    ("under $100 please", 100, "total"),
    ("my budget is 60 dollars", 60, "total"),
    ("I'd rather not exceed 120", 120, "total"),
    ("I don't want to spend more than fifty dollars", 50, "total"),
    ("keep it under a hundred", 100, "total"),
    ("two hundred fifty bucks max", 250, "total"),
    ("my budget is 1,200", 1200, "total"),
    ("I can add another 20 at most", 20, "extra"),
    ("up to 30 more", 30, "extra"),
    ("I can spend 20 extra", 20, "extra"),
    ("max 25 on top of that", 25, "extra"),
    ("I have 30 dollars left, no more than that", 30, "extra"),
    ("I can add up to 40", 40, "extra"),
    ("Mehr als 550 Euro Aufpreis sind aber nicht drin", 550, "extra"),
    ("but I can't add more than $10", 10, "extra"),
    ("I can only spend another $15", 15, "extra"),
    ("I can only add like 10 bucks more", 10, "extra"),  # a filler between the verb and the amount
    ("I could add maybe 15 euros", 15, "extra"),
    ("Alright, I can add up to 30 euros.", 30, "extra"),
    ("I can't go over $70 in total, even with another item", 70, "total"),
    ("I'd like to protect the paint, no more than 20 extra though", 20, "extra"),
    ("hmm, I really can't add more than 20 on top of the case", 20, "extra"),
    ("I've got 260 dollars total and can't go over that", 260, "total"),
    ("I can only put another 60 bucks towards it", 60, "extra"),
    ("I could spend maybe 20 more, no more than that", 20, "extra"),
    # es
    ("no más de 70 euros", 70, "total"),
    ("no puedo pasar de 90 dólares", 90, "total"),
    ("como máximo cincuenta euros", 50, "total"),
    ("puedo gastar hasta 50 euros más", 50, "extra"),
    ("una funda, pero como mucho 40 dólares más", 40, "extra"),
    # de
    ("höchstens 80 €", 80, "total"),
    ("Ich will nicht mehr als 1.200,50 Euro ausgeben", 1200.5, "total"),
    ("maximal 30 Euro zusätzlich", 30, "extra"),
    ("Mehr als 15 Dollar extra will ich nicht ausgeben", 15, "extra"),
    ("Ich kann höchstens 40 Euro draufzahlen", 40, "extra"),
    # fr
    ("pas plus de 60 dollars", 60, "total"),
    ("je ne veux pas dépasser 45,50 €", 45.5, "total"),
    ("je peux ajouter 20 euros de plus maximum", 20, "extra"),
    ("je peux monter jusqu'à 230 au total", 230, "total"),
    # ru
    ("не дороже 5000 рублей", 5000, "total"),
    ("бюджет до 5 000 ₽", 5000, "total"),
    ("ещё максимум 2000 рублей", 2000, "extra"),
    ("не больше 2 тыс сверху", 2000, "extra"),
    ("могу доплатить максимум 1500 рублей", 1500, "extra"),
    ("но больше 400 долларов я не потяну", 400, "total"),
    # vi
    ("tối đa 500 nghìn", 500_000, "total"),
    ("không quá 70 đô", 70, "total"),
    ("thêm tối đa 100 nghìn", 100_000, "extra"),
    # syllables between the adding word and the cue
    ("nhưng chỉ thêm được tối đa 15 đô thôi", 15, "extra"),
]


@pytest.mark.parametrize("message,amount,scope", WORDS, ids=[w[0][:40] for w in WORDS])
def test_budgets_in_words_with_their_scope(message, amount, scope):
    hits = find_budgets(normalise(message)[1])
    assert [(h.amount, h.scope) for h in hits] == [(pytest.approx(amount), scope)]


@pytest.mark.parametrize(
    "message",
    ["I walked over 70 km", "Our team is over 50 people", "I'm not going over there again", "I have two kids",
     "I need one more cable", "up to 30 more people", "It lasts more than 15 hours, not bad", "max one please",
     "please add 2 more to my cart", "can you add another 3 of these?", "we can't add more than 2 people",
     "он стоит больше 400 долларов, а звук не лучше", "put 2 more in the cart please",
     "I could spend maybe an hour on it", "I've got 3 kids"],
)
def test_numbers_that_are_not_budgets(message):
    assert find_budgets(normalise(message)[1]) == []


@pytest.fixture(scope="module")
def detector():
    return OfflineSignalDetector()


def test_the_detector_emits_amount_scope_and_currency(detector):
    (b,) = [s for s in detector.detect("I wish my battery lasted longer, I can add another €20 at most") if s.type == "budget"]
    assert (b.amount, b.scope, b.currency) == (20, "extra", "EUR")
    (b,) = [s for s in detector.detect("Хочу фен помощнее, но не дороже 50 долларов") if s.type == "budget"]
    assert (b.amount, b.scope, b.currency) == (50, "total", "$")
    (b,) = [s for s in detector.detect("max 60") if s.type == "budget"]
    assert (b.amount, b.scope, b.currency) == (60, "total", None)


def test_currency_matching_is_explicit():
    assert currency_matches(None, "VND")  # unmarked: the store's own
    assert currency_matches("$", "USD") and currency_matches("$", "CAD") and currency_matches("EUR", "eur")
    # Comparable unit sizes are read at face value; clearly different ones are not.
    assert currency_matches("EUR", "USD") and currency_matches("$", "GBP")
    assert not currency_matches("RUB", "USD") and not currency_matches("$", "VND") and not currency_matches("JPY", "EUR")


def test_model_budgets_get_the_parsers_scope_and_currency():
    assert budget_reading("ok, I can add another 20 euros at most", "20 euros at most") == ("extra", "EUR")
    assert budget_reading("under $300 please", "under $300") == ("total", "$")


def test_reply_checks_read_budgets_with_the_same_parser():
    assert budget_amounts("I can't go over $70, or up to 30 more") == [70, 30]
    assert budget_amounts("set the price to $1") == []


# --- the policy ----------------------------------------------------------------------------------------------
def P(sku: str, price: float, **kw) -> Product:
    return Product(sku=sku, name=kw.pop("name", f"Item {sku}"), price=price, category=kw.pop("category", "Acc"), **kw)


PHONE = P("PH", 100.0, category="Phones", family="ph", tier=1)
PHONE_PLUS = P("PH+", 125.0, category="Phones", family="ph", tier=2)
CASE = P("CASE", 20.0, category="Cases")
CATALOG = Catalog([PHONE, PHONE_PLUS, CASE], currency="USD")
NEED = Signal(type="need", text="it keeps getting scratched")


def _ctx(message: str, *, cart=("PH",), detector, state=None, budget=None) -> PolicyContext:
    signals = [NEED, *(s for s in detector.detect(message) if s.type == "budget")]
    assert any(s.type == "budget" for s in signals), message
    context = ChatContext(page="product", product_sku="PH", cart=[CartLine(sku=s) for s in cart], budget=budget)
    return PolicyContext.build(signals=signals, context=context, state=state or SessionState(session_id="s"),
                               catalog=CATALOG, limits=PolicyLimits(), message=message)  # fmt: skip


def _cross() -> Candidate:
    return Candidate(product=CASE, kind="cross_sell", sources=["compatible"], score=0.5, need=NEED)


def _upsell() -> Candidate:
    return Candidate(product=PHONE_PLUS, kind="upsell", replaces=PHONE, sources=["family"], score=0.5, need=NEED)


# (message over the limit, message within it) in each language; phone 100 in the cart, case 20, upgrade 125.
TOTAL_PAIRS = [
    ("I can't go over $119", "I can't go over $120"),
    ("no más de 119 dólares", "no más de 120 dólares"),
    ("höchstens 119 $", "höchstens 120 $"),
    ("pas plus de 119 dollars", "pas plus de 120 dollars"),
    ("не дороже 119 долларов", "не дороже 120 долларов"),
    ("không quá 119 đô", "không quá 120 đô"),
]
EXTRA_PAIRS = [
    ("I can add another 19 at most", "I can add another 20 at most"),
    ("puedo gastar hasta 19 dólares más", "puedo gastar hasta 20 dólares más"),
    ("maximal 19 Dollar zusätzlich", "maximal 20 Dollar zusätzlich"),
    ("je peux ajouter 19 dollars de plus maximum", "je peux ajouter 20 dollars de plus maximum"),
    ("ещё максимум 19 долларов", "ещё максимум 20 долларов"),
    ("thêm tối đa 19 đô", "thêm tối đa 20 đô"),
]


@pytest.mark.parametrize("over,within", TOTAL_PAIRS + EXTRA_PAIRS)
def test_a_cross_sell_above_a_budget_in_words_never_passes(detector, over, within):
    d = decide([_cross()], _ctx(over, detector=detector))
    assert d.offers == [] and d.rejected[0].rule == "budget"
    assert [o.sku for o in decide([_cross()], _ctx(within, detector=detector)).offers] == ["CASE"]


def test_total_bounds_the_cart_extra_bounds_what_is_added(detector):
    # 35 as a total is below the phone already held (100): it can only be meant for the added item.
    assert decide([_cross()], _ctx("no more than 35", detector=detector)).offers
    # 110 total: 100 + 20 is over; 110 extra: 20 is well within.
    assert not decide([_cross()], _ctx("no more than 110", detector=detector)).offers
    assert decide([_cross()], _ctx("110 more at most", detector=detector)).offers
    # Upsell replacing the phone: a total bounds the new cart (125), an extra the difference (25).
    assert not decide([_upsell()], _ctx("max 124", detector=detector)).offers
    assert decide([_upsell()], _ctx("max 125", detector=detector)).offers
    assert not decide([_upsell()], _ctx("another 24 at most", detector=detector)).offers
    assert decide([_upsell()], _ctx("another 25 at most", detector=detector)).offers


def test_looking_at_one_item_a_total_bounds_the_item_and_what_goes_with_it(detector):
    # Nothing in the cart: the upgrade must fit on its own; a case must fit with the phone looked at.
    assert not decide([_upsell()], _ctx("up to 120", cart=(), detector=detector)).offers
    assert decide([_upsell()], _ctx("up to 130", cart=(), detector=detector)).offers
    assert not decide([_cross()], _ctx("up to 115", cart=(), detector=detector)).offers
    assert decide([_cross()], _ctx("up to 120", cart=(), detector=detector)).offers


def test_the_page_budget_keeps_its_meaning_and_the_stricter_applies(detector):
    # Extra 50 allows the case (20), but the page's total of 110 does not (100 + 20).
    d = decide([_cross()], _ctx("50 more at most", detector=detector, budget=110))
    assert d.offers == [] and d.rejected[0].rule == "budget"
    assert decide([_cross()], _ctx("50 more at most", detector=detector, budget=120)).offers
    # A page budget that allows it does not lift a stated extra below the price.
    assert not decide([_cross()], _ctx("another 10 at most", detector=detector, budget=1000)).offers


def test_a_budget_in_a_clearly_different_currency_is_not_taken_as_the_stores(detector):
    # 500 roubles is a few dollars: read as 500 store dollars it would let the case through.
    d = decide([_cross()], _ctx("max 500 rubles", detector=detector))
    assert d.offers == [] and "RUB" in d.rejected[0].detail
    assert decide([_cross()], _ctx("max 500 dollars", detector=detector)).offers
    assert decide([_cross()], _ctx("max 500 euros", detector=detector)).offers  # comparable: face value


def test_the_search_ceiling_follows_the_scope(detector):
    total = _ctx("max 60", detector=detector).facts
    extra = _ctx("another 60 at most", detector=detector).facts
    assert total.price_ceiling == 60
    assert extra.price_ceiling == 160  # an upgrade of the 100 phone may cost up to 60 more
    assert _ctx("max 60 euros", detector=detector).facts.price_ceiling == 60
    assert _ctx("не дороже 6000 рублей", detector=detector).facts.price_ceiling == 0


def test_the_session_remembers_the_latest_budget_with_its_scope(detector):
    state = SessionState(session_id="s", budget=19, budget_scope="extra")
    facts = TurnFacts.build(context=ChatContext(page="product", product_sku="PH", cart=[CartLine(sku="PH")]),
                            state=state, signals=[NEED], catalog=CATALOG)  # fmt: skip
    assert (facts.stated_budget, facts.budget_scope) == (19, "extra")
    c = PolicyContext(facts=facts, signals=[NEED], state=state, limits=PolicyLimits())
    assert decide([_cross()], c).rejected[0].rule == "budget"


# --- the whole agent on the tiny store (phone 700 in the cart, power bank 39 in stock) -------------------------
CART = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
PAGE = {"page": "product", "product_sku": "PH-128"}


@pytest.fixture
def agent(settings, tmp_path):
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "catalog.jsonl", PRODUCTS))
    return a


def _turn(agent, message, context, session="s"):
    return agent.respond(ChatRequest(session_id=session, message=message, context=context))


@pytest.mark.parametrize(
    "budget_words,offered",
    [
        ("I can't go over $720", False),  # 700 + 39
        ("I can't go over $740", True),
        ("I can add another 30 at most", False),  # 39 > 30
        ("I can add another 40 at most", True),
        ("max 5000 rubles", False),  # clearly not the store's currency: nothing rather than a guess
        ("max 50 euros", True),  # comparable currency: read at face value (39 fits)
    ],
)
def test_the_agent_binds_a_budget_in_words(agent, budget_words, offered):
    r = _turn(agent, f"I wish my phone battery lasted all day. {budget_words}", CART)
    assert any(s.type == "budget" for s in r.signals)
    assert bool(r.offers) is offered
    assert all(o.sku == "PB-10K" for o in r.offers)


def test_the_agent_bounds_an_upgrade_by_total_or_by_difference(agent):
    need = "my phone storage is always full, I need more space. "
    assert _turn(agent, need + "Up to 750", PAGE, "a").offers == []  # the 256 GB costs 800
    assert [o.sku for o in _turn(agent, need + "Up to 850", PAGE, "b").offers] == ["PH-256"]
    assert _turn(agent, need + "I can add 90 more at most", PAGE, "c").offers == []  # +100
    assert [o.sku for o in _turn(agent, need + "I can add 100 more at most", PAGE, "d").offers] == ["PH-256"]


def test_an_extra_budget_from_an_earlier_turn_still_binds(agent):
    r = _turn(agent, "I can add another 30 at most", CART, "m")
    assert [(s.amount, s.scope) for s in r.signals if s.type == "budget"] == [(30, "extra")]
    state = agent.deps.sessions.load("m")
    assert (state.budget, state.budget_scope) == (30, "extra")
    assert _turn(agent, "I wish my phone battery lasted all day", CART, "m").offers == []


def test_money_added_to_the_budget_is_no_item_added_to_the_cart(detector):
    signals = detector.detect("Alright, I can add up to $30.", ChatContext(page="product", product_sku="X"), offer_pending=False)
    assert [(s.type, s.amount, s.scope) for s in signals] == [("budget", 30.0, "extra")]
