"""Which way an ask for another version points, from its own words."""

from __future__ import annotations

import pytest

from agent.signals.direction import QUALITY_UP, stated_direction


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("what's the next step up from this bag", "better"),  # "this bag" is the item at hand
        ("is there a cheaper version of this lamp", "cheaper"),
        ("algo más barato que esta mochila", "cheaper"),
        ("something better for dry skin", None),  # names a thing wanted: an add-on may answer
        ("anything better for the garden", None),
        ("a cheaper case", None),
    ],
)
def test_a_bare_comparison_points_the_way_a_thing_named_does_not(text, wants):
    assert stated_direction(text) == wants


@pytest.mark.parametrize(
    ("text", "up"),
    [
        ("Got anything brighter if I spend a few bucks more?", True),
        ("I could pay a little extra", True),
        ("happy to spend some more on it", True),
        ("I don't want to spend any more", False),
        ("What would you get instead if I stretched the budget a little?", True),
        ("any others for a few bucks more?", True),
        ("is there one with room for a bit more stuff", False),  # more stuff, not more money
    ],
)
def test_paying_more_is_asking_for_better(text, up):
    assert bool(QUALITY_UP.search(text)) is up


def test_a_need_the_examples_heard_gains_the_direction_its_words_state():
    from agent.schemas import ChatContext
    from agent.signals import OfflineSignalDetector, shared_encoder

    det = OfflineSignalDetector(shared_encoder())
    needs = [s for s in det.detect("what's the next step up from this bag?", ChatContext(page="product",
                                   product_sku="BAG-1")) if s.type == "need"]
    assert [s.wants for s in needs] == ["better"]
