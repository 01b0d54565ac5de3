"""Co-purchase mining: hand-computed measures, thresholds, basket building, rule book lookups and persistence."""

from __future__ import annotations

import random
from itertools import permutations

import pytest

from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules
from knowledge.models import CoPurchaseRule, OrderLine

# Ten baskets, N = 10.
#   item counts: phone 5 (b1-b5), case 4 (b1,b2,b3,b6), charger 4 (b2,b4,b7,b8), cable 3 (b7,b8,b9), tv 1
#   pair counts: phone+case 3 (b1,b2,b3), phone+charger 2 (b2,b4), charger+cable 2 (b7,b8), case+charger 1 (b2)
BASKETS = [
    frozenset({"phone", "case"}),
    frozenset({"phone", "case", "charger"}),
    frozenset({"phone", "case"}),
    frozenset({"phone", "charger"}),
    frozenset({"phone"}),
    frozenset({"case"}),
    frozenset({"charger", "cable"}),
    frozenset({"charger", "cable"}),
    frozenset({"cable"}),
    frozenset({"tv"}),
]

# (antecedent, consequent) -> (count, support, confidence, lift), each worked out by hand:
EXPECTED = {
    # support 3/10; confidence 3/5 = 0.6;  lift 0.6 / (4/10) = 1.5
    ("phone", "case"): (3, 0.3, 0.6, 1.5),
    # support 3/10; confidence 3/4 = 0.75; lift 0.75 / (5/10) = 1.5
    ("case", "phone"): (3, 0.3, 0.75, 1.5),
    # support 2/10; confidence 2/5 = 0.4;  lift 0.4 / (4/10) = 1.0
    ("phone", "charger"): (2, 0.2, 0.4, 1.0),
    # support 2/10; confidence 2/4 = 0.5;  lift 0.5 / (5/10) = 1.0
    ("charger", "phone"): (2, 0.2, 0.5, 1.0),
    # support 2/10; confidence 2/4 = 0.5;  lift 0.5 / (3/10) = 5/3
    ("charger", "cable"): (2, 0.2, 0.5, 5 / 3),
    # support 2/10; confidence 2/3;        lift (2/3) / (4/10) = 5/3
    ("cable", "charger"): (2, 0.2, 2 / 3, 5 / 3),
    # support 1/10; confidence 1/4 = 0.25; lift 0.25 / (4/10) = 0.625
    ("case", "charger"): (1, 0.1, 0.25, 0.625),
    # support 1/10; confidence 1/4 = 0.25; lift 0.25 / (4/10) = 0.625
    ("charger", "case"): (1, 0.1, 0.25, 0.625),
}

NO_LIMITS = dict(min_support=0.0, min_confidence=0.0, min_lift=0.0, min_count=1)


def _pairs(rules: list[CoPurchaseRule]) -> list[tuple[str, str]]:
    return [(r.antecedent, r.consequent) for r in rules]


def test_measures_match_hand_computation():
    rules = mine_rules(BASKETS, **NO_LIMITS)
    assert len(rules) == len(EXPECTED)
    for r in rules:
        count, support, confidence, lift = EXPECTED[(r.antecedent, r.consequent)]
        assert r.count == count
        assert r.support == pytest.approx(support)
        assert r.confidence == pytest.approx(confidence)
        assert r.lift == pytest.approx(lift)


def test_sorted_by_lift_then_confidence():
    # lift 5/3: cable->charger (conf .667) before charger->cable (.5); lift 1.5: case->phone (.75) before
    # phone->case (.6); lift 1.0: charger->phone (.5) before phone->charger (.4); lift .625 tie: by sku.
    assert _pairs(mine_rules(BASKETS, **NO_LIMITS)) == [
        ("cable", "charger"),
        ("charger", "cable"),
        ("case", "phone"),
        ("phone", "case"),
        ("charger", "phone"),
        ("phone", "charger"),
        ("case", "charger"),
        ("charger", "case"),
    ]


@pytest.mark.parametrize(
    "limits, expected",
    [
        # count >= 2 drops the case/charger pair (count 1)
        (dict(min_count=2), set(EXPECTED) - {("case", "charger"), ("charger", "case")}),
        # count >= 3 leaves only phone+case
        (dict(min_count=3), {("phone", "case"), ("case", "phone")}),
        # support >= 0.25 leaves only phone+case (0.3)
        (dict(min_support=0.25), {("phone", "case"), ("case", "phone")}),
        # confidence >= 0.6: 2/3, 0.75 and 0.6 (boundary kept)
        (dict(min_confidence=0.6), {("cable", "charger"), ("case", "phone"), ("phone", "case")}),
        # lift >= 1.5: 5/3 and 1.5 (boundary kept)
        (
            dict(min_lift=1.5),
            {("cable", "charger"), ("charger", "cable"), ("case", "phone"), ("phone", "case")},
        ),
        # combined: lift >= 1.1 and confidence >= 0.55
        (dict(min_lift=1.1, min_confidence=0.55), {("cable", "charger"), ("case", "phone"), ("phone", "case")}),
    ],
)
def test_thresholds_filter(limits, expected):
    rules = mine_rules(BASKETS, **{**NO_LIMITS, **limits})
    assert set(_pairs(rules)) == expected


def test_oversized_baskets_are_left_out_entirely():
    bulk = frozenset({"phone", "case", "tv"} | {f"bulk-{i}" for i in range(60)})
    with_bulk = mine_rules([*BASKETS, bulk], **NO_LIMITS)
    # The bulk order counts neither in N nor in item counts: same numbers as without it.
    assert with_bulk == mine_rules(BASKETS, **NO_LIMITS)
    # Allowed in, it changes N (11) and adds pairs.
    allowed = mine_rules([*BASKETS, bulk], **NO_LIMITS, max_basket_size=100)
    phone_case = next(r for r in allowed if (r.antecedent, r.consequent) == ("phone", "case"))
    assert phone_case.count == 4 and phone_case.support == pytest.approx(4 / 11)


def test_deterministic_whatever_the_input_order():
    rng = random.Random(7)
    skus = [f"S{i}" for i in range(30)]
    baskets = [frozenset(rng.sample(skus, rng.randint(1, 5))) for _ in range(400)]
    first = mine_rules(baskets, **NO_LIMITS)
    shuffled = baskets[:]
    rng.shuffle(shuffled)
    assert mine_rules(shuffled, **NO_LIMITS) == first
    assert mine_rules(list(reversed(baskets)), **NO_LIMITS) == first


def _brute_force(baskets, min_support, min_confidence, min_lift, min_count):
    """Straight from the definitions, with no pruning: the reference the fast miner must match."""
    n = len(baskets)
    items = sorted(set().union(*baskets))
    out = {}
    for a, b in permutations(items, 2):
        both = sum(1 for x in baskets if a in x and b in x)
        na = sum(1 for x in baskets if a in x)
        nb = sum(1 for x in baskets if b in x)
        if both == 0:
            continue
        sup, conf = both / n, both / na
        lift = conf / (nb / n)
        if both >= min_count and sup >= min_support and conf >= min_confidence and lift >= min_lift:
            out[(a, b)] = (both, sup, conf, lift)
    return out


def test_pruning_matches_brute_force():
    rng = random.Random(11)
    skus = [f"S{i}" for i in range(25)]
    weights = [1 / (i + 1) for i in range(25)]  # skewed, like real sales
    baskets = [frozenset(rng.choices(skus, weights, k=rng.randint(1, 4))) for _ in range(300)]
    limits = dict(min_support=0.01, min_confidence=0.1, min_lift=1.1, min_count=4)
    got = {(r.antecedent, r.consequent): r for r in mine_rules(baskets, **limits)}
    want = _brute_force(baskets, **limits)
    assert got.keys() == want.keys() and want
    for k, (count, sup, conf, lift) in want.items():
        assert (got[k].count, got[k].support, got[k].confidence) == (count, pytest.approx(sup), pytest.approx(conf))
        assert got[k].lift == pytest.approx(lift)


def test_empty_input_and_bad_thresholds():
    assert mine_rules([], **NO_LIMITS) == []
    with pytest.raises(ValueError, match="min_support"):
        mine_rules(BASKETS, **{**NO_LIMITS, "min_support": 1.5})
    with pytest.raises(ValueError, match="min_confidence"):
        mine_rules(BASKETS, **{**NO_LIMITS, "min_confidence": -0.1})
    with pytest.raises(ValueError, match="min_count"):
        mine_rules(BASKETS, **{**NO_LIMITS, "min_count": 0})
    with pytest.raises(ValueError, match="min_lift"):
        mine_rules(BASKETS, **{**NO_LIMITS, "min_lift": -1})


# --- baskets ----------------------------------------------------------------------------------


def _lines(*rows: tuple[str, str, int]) -> list[OrderLine]:
    return [OrderLine(order_id=o, sku=s, quantity=q) for o, s, q in rows]


def test_baskets_one_per_order_quantity_ignored():
    lines = _lines(("o1", "A", 3), ("o2", "B", 1), ("o1", "B", 1), ("o1", "A", 2), ("o3", "C", 1))
    assert baskets_from_orders(lines) == [frozenset({"A", "B"}), frozenset({"B"}), frozenset({"C"})]


def test_unknown_skus_dropped():
    lines = _lines(("o1", "A", 1), ("o1", "GONE", 1), ("o2", "GONE", 1), ("o3", "B", 1), ("o3", "A", 1))
    baskets = baskets_from_orders(lines, known_skus={"A", "B"})
    # o2 had only an unknown sku: nothing left of it.
    assert baskets == [frozenset({"A"}), frozenset({"A", "B"})]
    assert all("GONE" not in b for b in baskets)


# --- rule book --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook(mine_rules(BASKETS, **NO_LIMITS))


def test_for_sku_by_confidence(book):
    # charger: ->phone 0.5 (lift 1.0), ->cable 0.5 (lift 5/3), ->case 0.25; equal confidence -> higher lift
    assert [r.consequent for r in book.for_sku("charger")] == ["cable", "phone", "case"]
    assert book.for_sku("tv") == [] and book.for_sku("unknown") == []
    assert len(book) == 8


def test_for_basket_merges_and_excludes_basket_items(book):
    rules = book.for_basket(["phone", "case"])
    # charger is reachable from phone (0.4) and case (0.25): the better rule is kept; phone/case not offered.
    assert [(r.antecedent, r.consequent) for r in rules] == [("phone", "charger")]
    rules = book.for_basket(["charger", "cable"])
    assert [(r.antecedent, r.consequent, r.confidence) for r in rules] == [
        ("charger", "phone", 0.5),
        ("charger", "case", 0.25),
    ]


def test_json_round_trip(book, tmp_path):
    again = RuleBook.from_json(book.to_json())
    assert list(again) == list(book)
    assert again.for_basket(["phone"]) == book.for_basket(["phone"])
    path = tmp_path / "sub" / "rules.json"
    book.save(path)
    assert list(RuleBook.load(path)) == list(book)


def test_from_json_error_names_source_and_field():
    with pytest.raises(ValueError, match=r"rules\.json.*rules\.0\.confidence"):
        RuleBook.from_json('{"version": 1, "rules": [{"antecedent": "a", "consequent": "b", "count": 1, '
                           '"support": 0.1, "confidence": "high", "lift": 2}]}', source="rules.json")
    with pytest.raises(ValueError, match="version 9"):
        RuleBook.from_json('{"version": 9, "rules": []}')
