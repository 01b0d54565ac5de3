"""Running a suite: every scenario in a fresh session, recording request, response and expectation per turn."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, Field

from agent.schemas import ChatRequest, ChatResponse
from evals.suite import Expectation, Scenario, Suite

Responder = Callable[[ChatRequest], ChatResponse]
ResponderFactory = Callable[[], Responder]
Progress = Callable[[int, int], None]


class TurnRecord(BaseModel):
    """One turn as run: what was sent, what came back, what was expected."""

    index: int
    request: ChatRequest
    response: ChatResponse
    expected: Expectation
    error: str | None = Field(None, description="The responder raised; the response is an empty stand-in.")
    seconds: float = 0.0


class ScenarioResult(BaseModel):
    """A scenario's turns as run."""

    id: str
    tags: list[str]
    session_id: str
    turns: list[TurnRecord]


class SuiteResult(BaseModel):
    """Every scenario's result, in suite order."""

    suite: str
    suite_path: Path
    catalog_path: Path
    run_id: str
    seconds: float
    scenarios: list[ScenarioResult]


def run_scenario(scenario: Scenario, respond: Responder, session_id: str) -> ScenarioResult:
    """Play one scenario turn by turn against ``respond``; a raised error is recorded, not propagated."""
    records: list[TurnRecord] = []
    for i, (turn, ctx) in enumerate(zip(scenario.turns, scenario.contexts(), strict=True)):
        request = ChatRequest(session_id=session_id, message=turn.user, context=ctx)
        start = time.perf_counter()
        error = None
        try:
            response = respond(request)
            if not isinstance(response, ChatResponse):
                response = ChatResponse.model_validate(response)
        except Exception as exc:  # noqa: BLE001 - one broken turn must not stop the suite
            error = f"{type(exc).__name__}: {exc}"
            response = ChatResponse(session_id=session_id, reply="")
        records.append(
            TurnRecord(
                index=i,
                request=request,
                response=response,
                expected=turn.expect,
                error=error,
                seconds=time.perf_counter() - start,
            )
        )
    return ScenarioResult(id=scenario.id, tags=scenario.tags, session_id=session_id, turns=records)


def run_suite(
    suite: Suite,
    responder_factory: ResponderFactory,
    progress: Progress | None = None,
    workers: int = 1,
) -> SuiteResult:
    """Run every scenario of ``suite``; ``responder_factory`` is called once per worker thread.

    Each scenario gets its own session id (unique per run, so a persistent session store never mixes
    runs). With ``workers > 1`` scenarios run in a thread pool (worth it only for a remote model).
    """
    run_id = uuid.uuid4().hex[:8]
    total = len(suite.scenarios)
    start = time.perf_counter()
    done = 0
    lock = threading.Lock()
    local = threading.local()

    def responder() -> Responder:
        if not hasattr(local, "respond"):
            local.respond = responder_factory()
        return local.respond

    def one(sc: Scenario) -> ScenarioResult:
        nonlocal done
        result = run_scenario(sc, responder(), f"eval-{run_id}-{sc.id}")
        with lock:
            done += 1
            if progress is not None:
                progress(done, total)
        return result

    if workers <= 1:
        results = [one(sc) for sc in suite.scenarios]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eval") as pool:
            results = list(pool.map(one, suite.scenarios))
    return SuiteResult(
        suite=suite.name,
        suite_path=suite.path,
        catalog_path=suite.catalog,
        run_id=run_id,
        seconds=time.perf_counter() - start,
        scenarios=results,
    )
