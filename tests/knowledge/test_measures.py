"""Typed measures from attributes and text: units, refinements, number formats, comparison, variants."""

from __future__ import annotations

import pytest

from knowledge.measures import (
    attribute_measure,
    compare_measures,
    format_value,
    limit_exceeded,
    parse_number,
    product_measures,
    same_measures,
    text_figures,
)
from knowledge.models import Product


def P(sku="X", **kw) -> Product:
    kw.setdefault("name", f"Item {sku}")
    kw.setdefault("price", 10.0)
    kw.setdefault("category", "Things")
    return Product(sku=sku, **kw)


@pytest.mark.parametrize(
    "key,value,dimension,base",
    [
        ("battery_wh", 60, "energy", 60),
        ("runtime_min", 45, "duration", 45),
        ("battery_hours", 20, "duration", 1200),
        ("weight_kg", 1.2, "mass", 1200),
        ("lumens", 900, "brightness", 900),
        ("lux_at_1m", 1200, "illuminance", 1200),  # the condition after "at" is no unit
        ("range_km_at_25kmh", 60, "length", 60_000_000),
        ("capacity_l", 1.5, "volume", 1500),
        ("storage_gb", 256, "storage", 256),
        ("battery_ah", 4.0, "charge", 4000),
        ("battery", "20 h", "duration", 1200),
        ("cord_m", 2.7, "length", 2700),
        ("seats", 6, "people", 6),
        ("charge_time_min", 60, "wait", 60),
        ("max_load_kg", 150, "load", 150_000),
        ("spf", 50, "level", 50),
        ("wireless", True, "feature", 1),
    ],
)
def test_attribute_measures_carry_dimension_and_base_unit(key, value, dimension, base):
    m = attribute_measure(key, value)
    assert m is not None and m.dimension == dimension and m.value == pytest.approx(base) and m.slot == key


def test_an_amount_per_time_is_a_rate_not_a_duration():
    # Read by its last unit, a card's 90 MB/s would be a duration of 90 seconds (and add to a battery's runtime).
    write = attribute_measure("write_mb_s", 90)
    flow = attribute_measure("flow_l_per_min", 30)
    assert (write.dimension, write.value) == ("storage_rate", 90.0)
    assert (flow.dimension, flow.value) == ("volume_rate", 30.0)
    assert attribute_measure("runtime_h", 6).dimension == "duration"
    assert attribute_measure("charge_time_min", 60).dimension == "wait"


def test_settings_and_prices_are_not_capabilities():
    assert attribute_measure("auto_off_min", 60) is None
    assert attribute_measure("deductible_usd", 100) is None
    assert attribute_measure("color", "black") is None


@pytest.mark.parametrize(
    "text,dimension,base",
    [
        ("runs for 45 minutes on a charge", "duration", 45),
        ("a 900 lumens beam", "brightness", 900),
        ("it weighs 1.2 kg", "mass", 1200),
        ("a 50 ml bottle", "volume", 50),
        ("10,000 mAh pack", "charge", 10_000),
        ("10 000 mAh pack", "charge", 10_000),
        ("with a 2 m cable", "length", 2000),
        ("charges fully in about 40 minutes", "wait", 40),
        ("sleeps 4", "people", 4),
        ("der Akku hält 8 Stunden", "duration", 480),
        ("autonomie de 12 heures", "duration", 720),
    ],
)
def test_text_figures(text, dimension, base):
    found = [(d, v) for d, v, _ in text_figures(text)]
    assert (dimension, pytest.approx(base)) in found


def test_number_formats_by_locale():
    assert parse_number("1,200.5") == 1200.5
    assert parse_number("1.200,5") == 1200.5
    assert parse_number("1,5") == 1.5
    assert parse_number("10,000") == 10_000
    assert parse_number("1.2") == 1.2
    assert parse_number("1.200", "de") == 1200
    assert parse_number("1 200") == 1200


def test_attributes_win_and_text_fills_uncovered_dimensions():
    p = P(attributes={"runtime_min": 60}, description="Runs 90 minutes. Weighs 300 g, from 0.5 to 10 mm.")
    ms = {m.dimension: m for m in product_measures(p)}
    assert ms["duration"].value == 60 and ms["duration"].source == "attribute"
    assert ms["mass"].value == 300 and ms["mass"].slot == "text:mass"
    assert ms["length"].value == 10  # the largest figure of a range stands for the capability


def test_a_skipped_setting_does_not_let_its_text_figure_pose_as_runtime():
    p = P(attributes={"auto_off_min": 60}, description="Auto shut-off after 60 minutes.")
    assert all(m.dimension != "duration" for m in product_measures(p))


def test_compare_pairs_a_text_figure_with_the_sibling_attribute():
    a = P("A", attributes={"length_m": 25, "color": "green"})
    b = P("B", name="Hose 30 m", attributes={"color": "green"})
    [change] = compare_measures(product_measures(a), product_measures(b))
    assert change.dimension == "length" and change.old == 25_000 and change.new == 30_000 and change.better


def test_colour_variants_have_the_same_measures():
    a = P("A", attributes={"watts": 1800, "weight_g": 560, "color": "black"})
    b = P("B", attributes={"watts": 1800, "weight_g": 560, "color": "rose gold"})
    c = P("C", attributes={"watts": 2200, "weight_g": 640, "color": "black"})
    assert same_measures(product_measures(a), product_measures(b))
    assert not same_measures(product_measures(a), product_measures(c))


def test_format_value_switches_to_the_bigger_unit():
    assert format_value("mass", 1100) == "1.1 kg"
    assert format_value("mass", 560) == "560 g"
    assert format_value("duration", 90) == "90 min"
    assert format_value("duration", 1200) == "20 h"
    assert format_value("brightness", 900) == "900 lumens"
    assert format_value("length", 15_000_000 / 1000) == "15 m"


def _p(sku: str, description: str = "", **attributes) -> Product:
    return Product(sku=sku, name=sku, price=10.0, category="Aquarium", description=description, attributes=attributes)


def test_an_add_on_is_over_its_limit_only_when_every_held_item_measured_that_way_exceeds_it():
    sponge = product_measures(_p("SPONGE", max_tank_l=40))
    tank80, tank20 = product_measures(_p("T80", volume_l=80)), product_measures(_p("T20", volume_l=20))
    limit, size = limit_exceeded(sponge, [tank80])
    assert (limit.slot, limit.value, size.value) == ("max_tank_l", 40_000, 80_000)
    assert limit_exceeded(sponge, [tank20]) is None
    assert limit_exceeded(sponge, [tank80, tank20]) is None  # it may be for the small tank
    assert limit_exceeded(sponge, [product_measures(_p("FOOD", weight_g=100))]) is None  # nothing to compare
    # A load limit is met by the weight of what it carries.
    arm = product_measures(_p("ARM", max_load_kg=8))
    assert limit_exceeded(arm, [product_measures(_p("SCREEN", weight_kg=11))]) is not None
    assert limit_exceeded(arm, [product_measures(_p("SCREEN", weight_kg=6))]) is None
    # Figures in a description are too loose to refuse on.
    assert limit_exceeded(product_measures(_p("S2", "For tanks up to 40 l.")), [tank80]) is None
