"""Bundle offers (CONTRACTS section 7): when a bundle beats one component, FBT sets, the bundle guardrails,
the margin floor and the margin weight, the offer's fields and the offline reply."""

from __future__ import annotations

import pytest

from agent.candidates import CandidateDeps
from agent.candidates.bundles import add_bundles, earlier_answers, need_parts
from agent.candidates.evidence import Evidence
from agent.candidates.scoring import score_candidates
from agent.candidates.deps import CandidateTuning
from agent.policy import PolicyContext, decide
from agent.reply.checks import check_reply
from agent.reply.input import ReplyInput
from agent.reply.offline import compose_offline
from agent.schemas import CartLine, ChatContext, Offer, OfferReason, Signal
from agent.settings import PolicyLimits, Settings
from agent.turn import TurnFacts
from agent.types import Candidate, Decision, SessionState, Turn
from knowledge.bundles import fbt_product, offer_product, parts_of
from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook
from knowledge.models import CoPurchaseRule, Product
from knowledge.relations import Relations


def P(sku: str, price: float, category: str, **kw) -> Product:
    return Product(sku=sku, name=kw.pop("name", f"Item {sku}"), price=price, category=category, **kw)


CAM = P("CAM", 400.0, "Photo > Cameras", name="Lumo Camera")
BAG = P("BAG", 40.0, "Photo > Bags", name="Trail Camera Bag", cross_sells=[])
SD = P("SD", 25.0, "Photo > Storage", name="Swift SD Card")
STRAP = P("STRAP", 15.0, "Photo > Straps", name="Comfort Strap")
TRIPOD = P("TRI", 60.0, "Photo > Tripods", name="Mini Tripod")
KIT = P("KIT", 55.0, "Photo > Kits", name="Travel Kit", bundle_of=["BAG", "SD"])  # saves 10
CAM_LINKED = CAM.model_copy(update={"cross_sells": ["BAG", "SD", "STRAP"]})
CATALOG = Catalog([CAM_LINKED, BAG, SD, STRAP, TRIPOD, KIT])
CARRY = Signal(type="need", text="something to carry it and more storage")
MESSAGE = "I need something to carry it and more storage"


def rule(a: str, b: str) -> CoPurchaseRule:
    return CoPurchaseRule(antecedent=a, consequent=b, count=5, support=0.1, confidence=0.5, lift=2.0)


def deps(catalog: Catalog = CATALOG, rules: list[CoPurchaseRule] = ()) -> CandidateDeps:
    return CandidateDeps(
        catalog=catalog, relations=Relations.build(catalog, RuleBook(rules)), search=lambda text, f, k: []
    )


def facts(catalog: Catalog = CATALOG, cart: list[str] = (), page: str = "product", focus: str | None = "CAM",
          state: SessionState | None = None, signals: list[Signal] = (CARRY,)) -> TurnFacts:
    return TurnFacts.build(
        context=ChatContext(page=page, product_sku=focus, cart=[CartLine(sku=s) for s in cart]),
        state=state or SessionState(session_id="s"), signals=list(signals), catalog=catalog, message=MESSAGE,
    )


def answer(p: Product, score: float = 0.6, need: Signal | None = CARRY) -> Candidate:
    return Candidate(product=p, kind="cross_sell", sources=["curated"], score=score, need=need)


# --- which bundle, when ------------------------------------------------------------------------------
def test_bundle_covering_two_needs_beats_each_component() -> None:
    out = add_bundles([answer(BAG, 0.62), answer(SD, 0.6)], facts(), deps())
    assert out[0].product.sku == "KIT" and out[0].kind == "bundle"
    assert out[0].need == CARRY and [p.sku for p in out[0].parts] == ["BAG", "SD"]
    assert out[0].score > 0.62 + 0.02  # more than the near-tie margin that would hand it to the cheaper bag


def test_one_need_answered_gets_no_bundle() -> None:
    out = add_bundles([answer(BAG)], facts(), deps())
    assert [c.product.sku for c in out] == ["BAG"]


def test_earlier_answer_and_this_turns_make_two_needs() -> None:
    earlier = {"BAG": "something to carry it"}
    out = add_bundles([answer(SD)], facts(), deps(), earlier)
    assert out[0].product.sku == "KIT"


def test_earlier_answers_come_from_need_offers_of_past_turns() -> None:
    why = OfferReason(kind="answers_need", need="carry it")
    offer = Offer(sku="BAG", name="b", kind="cross_sell", price=40, currency="USD", uplift_pct=10, reason="x", why=why)
    plain = offer.model_copy(update={"sku": "STRAP", "why": OfferReason(kind="goes_with")})
    assert earlier_answers([Turn(index=0, user="u", reply="r", offers=[offer, plain])]) == {"BAG": "carry it"}


def test_no_bundle_holding_a_cart_item_or_a_declined_one() -> None:
    assert [c.product.sku for c in add_bundles([answer(SD), answer(STRAP)], facts(cart=["CAM", "BAG"]), deps())] == [
        "SD",
        "STRAP",
    ]
    declined = SessionState(session_id="s", declined_skus=["BAG"])
    out = add_bundles([answer(BAG), answer(SD)], facts(state=declined), deps())
    assert "KIT" not in [c.product.sku for c in out]


def test_an_unasked_component_only_at_half_its_price_at_most() -> None:
    big = P("BIG", 73.0, "Photo > Kits", bundle_of=["BAG", "SD", "STRAP"])  # needed parts 65, the strap 15
    catalog = Catalog([CAM, BAG, SD, STRAP, big])
    assert "BIG" not in [c.product.sku for c in add_bundles([answer(BAG), answer(SD)], facts(catalog), deps(catalog))]
    fair = big.model_copy(update={"price": 72.5})  # 65 + half of 15
    catalog = Catalog([CAM, BAG, SD, STRAP, fair])
    assert add_bundles([answer(BAG), answer(SD)], facts(catalog), deps(catalog))[0].product.sku == "BIG"


def test_one_want_answered_by_two_products_is_one_need() -> None:
    warm = Signal(type="need", text="a warm sleeping bag for spring nights")
    sbag = P("SLB", 129.0, "Outdoor > Sleeping Bags", name="Down Sleeping Bag", description="Stay warm at night.")
    pad = P("PAD", 69.0, "Outdoor > Sleeping Pads", name="Insulated Sleeping Pad", description="Warm to sleep on.")
    tent = P("TENT", 219.0, "Outdoor > Tents")
    catalog = Catalog([tent, sbag, pad])
    rules = [rule("SLB", "PAD")]
    f = facts(catalog, focus="TENT", signals=[warm])
    out = add_bundles([answer(sbag, need=warm), answer(pad, need=warm)], f, deps(catalog, rules))
    assert [c.kind for c in out] == ["cross_sell", "cross_sell"]
    both = Signal(type="need", text="a sleeping bag to stay warm and a pad to sleep on")
    f = facts(catalog, focus="TENT", signals=[both])
    out = add_bundles([answer(sbag, need=both), answer(pad, need=both)], f, deps(catalog, rules))
    assert out[0].product.sku == "FBT:PAD+SLB"


def test_need_parts_split_at_conjunctions_in_several_languages() -> None:
    assert len(need_parts("a bag to carry it and a spare battery")) == 2
    assert len(need_parts("una bolsa y una batería")) == 2 and len(need_parts("eine Tasche und einen Akku")) == 2
    assert len(need_parts("a warm sleeping bag for spring nights")) == 1


def test_fbt_set_when_no_merchant_bundle_and_orders_link_them() -> None:
    catalog = Catalog([CAM, BAG, SD, STRAP])
    assert [c.kind for c in add_bundles([answer(BAG), answer(SD)], facts(catalog), deps(catalog))] == ["cross_sell"] * 2
    out = add_bundles([answer(BAG), answer(SD)], facts(catalog), deps(catalog, [rule("SD", "BAG")]))
    fbt = out[0]
    assert fbt.product.sku == "FBT:BAG+SD" and fbt.kind == "bundle" and fbt.sources == ["copurchase"]
    assert fbt.product.price == 65.0 and fbt.product.bundle_of == ["BAG", "SD"]


def test_an_earlier_answer_whose_kind_the_cart_now_holds_joins_no_set() -> None:
    """The bag offered before was answered with another bag ("ok I added the big one"): no set pairs the first bag
    with this turn's answer."""
    big_bag = P("BAG-L", 55.0, "Photo > Bags", name="Large Camera Bag")
    catalog = Catalog([CAM, BAG, big_bag, SD, STRAP])
    rules = [rule("SD", "BAG")]
    earlier = {"BAG": "something to carry it"}
    out = add_bundles([answer(SD)], facts(catalog), deps(catalog, rules), earlier)
    assert out[0].product.sku == "FBT:BAG+SD"  # with nothing of its kind held, the earlier answer still pairs
    out = add_bundles([answer(SD)], facts(catalog, cart=["BAG-L"]), deps(catalog, rules), earlier)
    assert [c.product.sku for c in out] == ["SD"]


def test_companion_bundle_unprompted_at_the_cart_only_with_savings() -> None:
    f = facts(cart=["CAM"], page="cart", signals=[])
    linked = [Candidate(product=p, kind="cross_sell", sources=["curated"], score=0.35) for p in (BAG, SD, STRAP)]
    out = add_bundles(linked, f, deps())
    assert out[0].product.sku == "KIT" and out[0].need is None and out[0].sources == ["curated"]
    no_saving = Catalog([CAM_LINKED, BAG, SD, STRAP, KIT.model_copy(update={"price": 65.0})])
    assert "KIT" not in [c.product.sku for c in add_bundles(linked, facts(no_saving, ["CAM"], "cart", signals=[]),
                                                           deps(no_saving))]


# --- the policy on bundles ---------------------------------------------------------------------------
def bundle(product: Product = KIT, need: Signal | None = CARRY, parts: list[Product] | None = None) -> Candidate:
    parts = parts if parts is not None else parts_of(product, CATALOG) or []
    return Candidate(product=product, kind="bundle", sources=["curated"], score=0.7, need=need, parts=parts)


def pctx(cart: list[str] = (), focus: str | None = "CAM", page: str = "product", budget: float | None = None,
         limits: PolicyLimits | None = None, signals: list[Signal] = (CARRY,), catalog: Catalog = CATALOG,
         state: SessionState | None = None) -> PolicyContext:
    return PolicyContext.build(
        signals=list(signals),
        context=ChatContext(page=page, product_sku=focus, cart=[CartLine(sku=s) for s in cart], budget=budget),
        state=state or SessionState(session_id="s"), catalog=catalog, limits=limits or PolicyLimits(), message=MESSAGE,
    )


def rejected_by(c: Candidate, ctx: PolicyContext) -> list[str]:
    d = decide([c], ctx)
    return [r.rule for r in d.rejected] if not d.offers else []


def test_bundle_offer_carries_components_savings_and_cross_sell_uplift() -> None:
    [offer] = decide([bundle()], pctx()).offers
    assert offer.kind == "bundle" and offer.components == ["BAG", "SD"] and offer.savings == 10.0
    assert offer.price == 55.0 and offer.uplift_pct == round(55 / 400 * 100, 1) and offer.replaces_sku is None
    dumped = decide([answer(BAG)], pctx()).offers[0].model_dump()
    assert "components" not in dumped and "savings" not in dumped


def test_guardrails_apply_to_the_bundle_price() -> None:
    cheap_focus = Catalog([CAM.model_copy(update={"price": 50.0}), BAG, SD, KIT])
    assert rejected_by(bundle(), pctx(catalog=cheap_focus)) == ["addon_share_need"]  # 55 > 1.0 x 50
    assert rejected_by(bundle(), pctx(budget=420.0)) == ["budget"]  # 400 + 55 over a 420 budget
    assert rejected_by(bundle(), pctx(budget=455.0)) == []
    unprompted = pctx(cart=["CAM"], page="cart", signals=[])
    pricey = CAM.model_copy(update={"price": 100.0})
    small_cart = pctx(cart=["CAM"], page="cart", signals=[], catalog=Catalog([pricey, BAG, SD, KIT]))
    assert rejected_by(bundle(need=None), unprompted) == []
    assert rejected_by(bundle(need=None), small_cart) == ["unprompted_share"]  # 55 > 0.35 x 100
    assert rejected_by(bundle(need=None), pctx(signals=[])) == ["no_need"]  # product page, nothing asked


def test_bundle_holding_an_item_or_with_an_unavailable_part_is_refused() -> None:
    assert rejected_by(bundle(), pctx(cart=["CAM", "SD"])) == ["bundle_holds_item"]
    bought = SessionState(session_id="s", purchased_skus=["BAG"])
    assert rejected_by(bundle(), pctx(state=bought)) == ["bundle_holds_item"]
    gone = [BAG, SD.model_copy(update={"stock": 0})]
    assert rejected_by(bundle(parts=gone), pctx()) == ["bundle_parts"]
    dear = KIT.model_copy(update={"price": 80.0})
    assert rejected_by(bundle(dear), pctx()) == ["bundle_parts"]


# --- margin ------------------------------------------------------------------------------------------
def test_min_margin_refuses_known_low_margin_add_ons_only() -> None:
    floor = PolicyLimits(min_margin=0.3)
    low = answer(BAG.model_copy(update={"margin": 0.2}))
    assert rejected_by(low, pctx(limits=floor)) == ["min_margin"]
    assert rejected_by(low, pctx()) == []  # unset by default
    assert rejected_by(answer(BAG.model_copy(update={"margin": 0.3})), pctx(limits=floor)) == []
    assert rejected_by(answer(BAG), pctx(limits=floor)) == []  # no margin in the catalog: allowed


def test_min_margin_on_a_bundle_uses_its_own_or_its_components_margin() -> None:
    floor = PolicyLimits(min_margin=0.3)
    parts = [BAG.model_copy(update={"margin": 0.4}), SD.model_copy(update={"margin": 0.4})]
    # cost 0.6 x 65 = 39 at a price of 55: margin 0.29, under the floor
    assert rejected_by(bundle(parts=parts), pctx(limits=floor)) == ["min_margin"]
    assert rejected_by(bundle(KIT.model_copy(update={"margin": 0.5}), parts=parts), pctx(limits=floor)) == []


def test_min_margin_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().policy.min_margin is None and Settings().policy.margin_weight == 0.05
    monkeypatch.setenv("CARTWISE_MIN_MARGIN", "0.25")
    monkeypatch.setenv("CARTWISE_MARGIN_WEIGHT", "0.3")
    assert Settings().policy.min_margin == 0.25 and Settings().policy.margin_weight == 0.3


def test_margin_weight_ranks_beyond_near_ties() -> None:
    rich = P("RICH", 30.0, "Photo > Bags", margin=0.9)
    lean = P("LEAN", 30.0, "Photo > Bags", margin=0.1)
    found = {
        # Both compatible with what is held (an unlinked add-on would need a clearer answer: need_bar).
        "RICH": Evidence(product=rich, kind="cross_sell", need=0.5, need_signal=CARRY, relation=0.9),
        "LEAN": Evidence(product=lean, kind="cross_sell", need=0.6, need_signal=CARRY, relation=0.9),
    }
    default = score_candidates(found, 400.0, CandidateTuning())
    assert default[0].product.sku == "LEAN"  # answering better wins at the default weight
    tuned = score_candidates(found, 400.0, CandidateTuning(), margin_weight=0.3)
    assert tuned[0].product.sku == "RICH" and tuned[0].score - tuned[1].score > 0.02


# --- FBT as an offer, and the reply --------------------------------------------------------------------
def test_fbt_offer_resolves_from_its_sku_with_no_discount() -> None:
    fbt = fbt_product([SD, BAG])
    assert offer_product(fbt.sku, CATALOG) == fbt and offer_product("FBT:BAG+NOPE", CATALOG) is None
    c = Candidate(product=fbt, kind="bundle", sources=["copurchase"], score=0.7, need=CARRY, parts=[BAG, SD])
    [offer] = decide([c], pctx()).offers
    assert offer.savings == 0.0 and offer.price == 65.0 and offer.components == ["BAG", "SD"]


@pytest.mark.parametrize("product", [KIT, fbt_product([BAG, SD])])
def test_offline_reply_names_components_and_honest_savings_and_is_grounded(product: Product) -> None:
    c = Candidate(product=product, kind="bundle", sources=["curated"], score=0.7, need=CARRY, parts=[BAG, SD])
    ctx = pctx()
    decision = decide([c], ctx)
    inp = ReplyInput(message=MESSAGE, signals=[CARRY], decision=decision, focus=CAM_LINKED, catalog=CATALOG)
    text = compose_offline(inp)
    assert "Trail Camera Bag" in text and "Swift SD Card" in text, text
    if product.sku == "KIT":
        assert "($55)" in text and "$10 less" in text
    else:
        assert "$65 for the set" in text and "less" not in text and "usual price" in text
    assert check_reply(text, inp) == []
    lie = text.replace("$10 less", "$20 less").replace("$65 for", "$45 for")
    assert check_reply(lie, inp) != []


def test_a_bundle_reply_without_the_offer_is_not_grounded() -> None:
    inp = ReplyInput(message=MESSAGE, decision=Decision(), focus=CAM_LINKED, catalog=CATALOG)
    assert check_reply("The Swift SD Card is $25.", inp) != []


def test_a_weak_answer_of_a_want_makes_no_set() -> None:
    sd2 = P("SD2", 42.0, "Photo > Storage", name="Swift SD Card 256")
    catalog = Catalog([CAM, BAG, SD, sd2])
    found = [answer(BAG, 0.62), answer(SD, 0.6), answer(sd2, 0.45)]  # SD2 is far behind SD for "more storage"
    assert add_bundles(found, facts(catalog), deps(catalog, [rule("BAG", "SD2")]))[0].product.sku == "BAG"
    close = [answer(BAG, 0.62), answer(SD, 0.6), answer(sd2, 0.58)]
    assert add_bundles(close, facts(catalog), deps(catalog, [rule("BAG", "SD2")]))[0].product.sku == "FBT:BAG+SD2"


def test_model_prompt_states_the_bundles_components_and_savings() -> None:
    from agent.reply.prompts import system_prompt

    c = Candidate(product=KIT, kind="bundle", sources=["curated"], score=0.7, need=CARRY, parts=[BAG, SD])
    inp = ReplyInput(message=MESSAGE, signals=[CARRY], decision=decide([c], pctx()), focus=CAM_LINKED, catalog=CATALOG)
    prompt = system_prompt(inp, [KIT])
    assert "The bundle holds: Trail Camera Bag, Swift SD Card. It costs $10 less" in prompt
    fbt = Candidate(product=fbt_product([BAG, SD]), kind="bundle", sources=["copurchase"], score=0.7, need=CARRY,
                    parts=[BAG, SD])
    inp = inp.model_copy(update={"decision": decide([fbt], pctx())})
    assert "each at its usual catalog price. Claim no discount" in system_prompt(inp, [])
