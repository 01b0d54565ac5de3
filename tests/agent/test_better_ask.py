"""A question asking for the better version of the item in focus, naming nothing else, is a need for one."""

from __future__ import annotations

import pytest

from agent.schemas import Signal
from agent.signals.better_ask import better_clause, mark_better_asks

HEADSET = ["nomad", "7", "wireless", "headset", "audio", "headsets"]


@pytest.mark.parametrize(
    "message", ["whats the step up from the nomad 7?", "anything better than this headset?", "Is there an upgrade?"]
)
def test_an_ask_for_the_step_up_names_only_the_item(message):
    assert better_clause(message, HEADSET) is not None


@pytest.mark.parametrize(
    "message",
    [
        "is the sage one better quality?",  # another variant named: a question about it
        "this headset is better than my old one",  # said, not asked
        "anything better for gaming on the train?",  # names a use: left to the detector
        "anything cheaper or better?",  # both ways at once
    ],
)
def test_other_comparisons_are_no_better_ask(message):
    assert better_clause(message, HEADSET) is None


def test_the_ask_becomes_a_need_only_when_none_was_heard():
    asked = mark_better_asks([Signal(type="question", text="whats the step up?")], "whats the step up?", HEADSET)
    assert [(s.type, s.wants, s.version) for s in asked if s.type == "need"] == [("need", "better", True)]
    heard = [Signal(type="need", text="whats the step up", confidence=0.8)]
    assert mark_better_asks(heard, "whats the step up?", HEADSET) == heard
    refused = [Signal(type="decline", text="no thanks")]
    assert mark_better_asks(refused, "no thanks, whats the step up?", HEADSET) == refused
