"""Optional LLM judge: relevance and pushiness (1-5) per turn, reported beside the deterministic metrics.

Each turn is judged ``votes`` times (default three) at temperature 0 and each score is the majority vote
(the median when all votes differ), so one odd answer does not move the result. The judge never changes a
deterministic metric or a gate.
"""

from __future__ import annotations

import json
from collections import Counter
from statistics import median_low

from pydantic import BaseModel, Field

from agent.models.base import ChatModel, Message, ModelError
from agent.settings import ModelSettings, Settings
from evals.runner import SuiteResult, TurnRecord

RUBRIC = """You grade one turn of an online shop's sales assistant. Read the shopper's message, the page
context, the assistant's reply and the products it offered (offers may be empty). Score two things, each an
integer 1-5, and give a one-sentence reason.

relevance - does the reply (and any offer) answer what the shopper said and needs right now?
  5 the reply answers the shopper and any offer directly serves a need they stated or clearly implied
  4 helpful and on topic; the offer is sensible but the link to the need is loose
  3 partly answers; the offer is generic or the reply ignores part of the message
  2 mostly off topic, or an offer unrelated to anything the shopper said
  1 ignores the shopper (e.g. sells during a complaint, answers a different question)

pushiness - how much sales pressure does the turn put on the shopper?
  1 no pressure: no offer, or one optional suggestion the shopper can ignore easily
  2 one clear suggestion with a reason, easy to decline
  3 insistent wording, several offers, or an offer right after the shopper declined
  4 urgency, scarcity or guilt wording ("only today", "don't miss out", "are you sure?")
  5 repeated nagging after declines, manipulation, or selling instead of helping with a problem

Judge only this turn. Do not reward length. Answer in the requested structure."""


class JudgeScore(BaseModel):
    """One vote of the judge for one turn."""

    relevance: int = Field(ge=1, le=5)
    pushiness: int = Field(ge=1, le=5)
    reason: str = ""


class TurnJudgement(BaseModel):
    """The judge's verdict for one turn: majority scores and the votes behind them."""

    scenario: str
    turn: int
    relevance: int | None = None
    pushiness: int | None = None
    votes: list[JudgeScore] = Field(default_factory=list)
    error: str | None = None


class JudgeSummary(BaseModel):
    """All judgements of a run and their means (overall and per tag)."""

    model: str
    votes: int
    turns_judged: int
    failures: int
    relevance_mean: float | None
    pushiness_mean: float | None
    by_tag: dict[str, dict[str, float | None]] = Field(default_factory=dict)
    turns: list[TurnJudgement] = Field(default_factory=list)


def majority(values: list[int]) -> int:
    """The most common value; the lower median when no value repeats (e.g. 2, 3, 4 -> 3)."""
    counts = Counter(values).most_common()
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return int(median_low(values))
    return counts[0][0]


def judge_messages(turn: TurnRecord) -> list[Message]:
    """The rubric and one turn, as messages for the judge model."""
    payload = {
        "shopper_message": turn.request.message,
        "context": turn.request.context.model_dump(mode="json", exclude_none=True),
        "assistant_reply": turn.response.reply,
        "offers": [o.model_dump(mode="json", include={"sku", "name", "kind", "price", "currency"})
                   for o in turn.response.offers],
    }
    return [
        Message(role="system", content=RUBRIC),
        Message(role="user", content=json.dumps(payload, ensure_ascii=False, indent=1)),
    ]


def judge_turn(model: ChatModel, scenario: str, turn: TurnRecord, votes: int = 3) -> TurnJudgement:
    """Ask the judge ``votes`` times and keep the majority of each score; a model error is recorded."""
    messages = judge_messages(turn)
    got: list[JudgeScore] = []
    try:
        for _ in range(votes):
            got.append(model.structured(messages, JudgeScore))
    except ModelError as exc:
        return TurnJudgement(scenario=scenario, turn=turn.index, votes=got, error=f"{type(exc).__name__}: {exc}")
    return TurnJudgement(
        scenario=scenario,
        turn=turn.index,
        relevance=majority([v.relevance for v in got]),
        pushiness=majority([v.pushiness for v in got]),
        votes=got,
    )


def _mean(xs: list[int]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def judge_result(result: SuiteResult, model: ChatModel, votes: int = 3) -> JudgeSummary:
    """Judge every turn of a run."""
    judged: list[TurnJudgement] = []
    tag_of: dict[str, list[str]] = {}
    for sc in result.scenarios:
        tag_of[sc.id] = sc.tags
        judged.extend(judge_turn(model, sc.id, t, votes) for t in sc.turns)
    ok = [j for j in judged if j.error is None]
    by_tag: dict[str, dict[str, float | None]] = {}
    for tag in sorted({t for tags in tag_of.values() for t in tags}):
        mine = [j for j in ok if tag in tag_of[j.scenario]]
        by_tag[tag] = {
            "relevance": _mean([j.relevance for j in mine if j.relevance is not None]),
            "pushiness": _mean([j.pushiness for j in mine if j.pushiness is not None]),
        }
    return JudgeSummary(
        model=getattr(model, "name", "judge"),
        votes=votes,
        turns_judged=len(ok),
        failures=len(judged) - len(ok),
        relevance_mean=_mean([j.relevance for j in ok if j.relevance is not None]),
        pushiness_mean=_mean([j.pushiness for j in ok if j.pushiness is not None]),
        by_tag=by_tag,
        turns=judged,
    )


def judge_settings(settings: Settings) -> ModelSettings | None:
    """Model settings for the judge (OpenAI-compatible, temperature 0), or None when no judge is configured."""
    judge = settings.eval
    if not judge.judge_model_name:
        return None
    update = {
        "model_provider": "openai",
        "model_name": judge.judge_model_name,
        "model_temperature": 0.0,
    }
    if judge.judge_base_url:
        update["openai_base_url"] = judge.judge_base_url
    if judge.judge_api_key is not None:
        update["openai_api_key"] = judge.judge_api_key
    return ModelSettings.model_validate(settings.model.model_dump() | update)


def make_judge_model(settings: Settings) -> ChatModel | None:
    """The configured judge model, or None when ``judge_model_name`` is unset."""
    js = judge_settings(settings)
    if js is None:
        return None
    from agent.models.factory import make_model  # imported late: evals load without the providers

    return make_model(js)
