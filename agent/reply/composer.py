"""Writes the reply for one turn: with a model (checked, regenerated once, else offline) or offline.

Every model reply is checked before the shopper sees it: products, prices and discount claims must be
grounded in the turn's products (:mod:`agent.reply.grounding`) and the wording must be free of pressure
(:mod:`agent.reply.pressure`); :func:`agent.reply.checks.check_reply` runs both. A failed check triggers one
regeneration with a note on what was wrong; a second failure, or any ModelError (timeout, HTTP error), gives
the offline reply (:mod:`agent.reply.offline`). A turn never fails because of the model.

Streaming with a model buffers the whole model reply, checks it, then releases the chunks (or the
fallback). The trade-off: the shopper waits for the full generation instead of seeing the first token
early, but unchecked text (a wrong price, an injected "90% off") can never reach the screen and then be
retracted. Offline replies stream immediately.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Literal

from pydantic import BaseModel, Field

from agent.models.base import ChatModel, Deadline, ModelError
from agent.reply.checks import check_reply
from agent.reply.input import ReplyInput, offered_products
from agent.reply.offline import compose_offline
from agent.reply.prompts import TokenCounter, build_messages, default_token_counter
from agent.settings import MODEL_DEFAULTS

log = logging.getLogger(__name__)

ReplySource = Literal["model", "offline", "offline_fallback"]


class ReplyResult(BaseModel):
    """The reply text and how it was produced."""

    text: str
    source: ReplySource
    attempts: int = Field(0, description="Model calls made (0 offline).")
    prompt_tokens: int = 0
    problems: list[str] = Field(default_factory=list, description="Why model drafts were rejected, if they were.")


class ReplyStream:
    """Iterate for the reply's text chunks; ``.result`` holds the ReplyResult once the iteration is done."""

    def __init__(self, produce: Callable[[Callable[[ReplyResult], None]], Iterator[str]]):
        self._result: ReplyResult | None = None
        self._chunks = produce(self._finish)

    def _finish(self, result: ReplyResult) -> None:
        self._result = result

    def __iter__(self) -> "ReplyStream":
        return self

    def __next__(self) -> str:
        return next(self._chunks)

    @property
    def result(self) -> ReplyResult:
        """The final result (raises RuntimeError before the stream has been consumed)."""
        if self._result is None:
            raise RuntimeError("the reply stream has not been consumed yet")
        return self._result


def word_chunks(text: str) -> Iterator[str]:
    """A finished reply as word-sized chunks, for streaming text that was checked as a whole."""
    yield from re.findall(r"\S+\s*", text)


class ReplyComposer:
    """Composes replies with a model (checked; one regeneration; offline fallback) or offline when ``model`` is None."""

    def __init__(
        self,
        model: ChatModel | None,
        token_budget: int = MODEL_DEFAULTS.prompt_token_budget,
        model_name: str = MODEL_DEFAULTS.model_name,
        *,
        count_tokens: TokenCounter | None = None,
        description_chars: int = 300,
    ):
        if token_budget < 50:
            raise ValueError(f"token_budget must be at least 50 tokens, got {token_budget}")
        self.model = model
        self.token_budget = token_budget
        self.model_name = model_name
        self.description_chars = description_chars
        self._count = count_tokens

    def counter(self) -> TokenCounter:
        """The prompt token counter (tiktoken for the model's encoding, loaded on first use)."""
        if self._count is None:
            self._count = default_token_counter(self.model_name)
        return self._count

    def _prompt(self, inp: ReplyInput, correction: str | None):
        return build_messages(
            inp, offered_products(inp), self.token_budget, self.counter(), correction, self.description_chars
        )

    def _fallback(self, inp: ReplyInput, attempts: int, tokens: int, problems: list[str]) -> ReplyResult:
        log.warning("model reply replaced by the offline reply: %s", "; ".join(problems))
        return ReplyResult(
            text=compose_offline(inp), source="offline_fallback", attempts=attempts, prompt_tokens=tokens, problems=problems
        )

    def compose(self, inp: ReplyInput, *, deadline: Deadline | None = None) -> ReplyResult:
        """The reply for one turn; never raises because of the model (nor waits past ``deadline``)."""
        if self.model is None:
            return ReplyResult(text=compose_offline(inp), source="offline")
        return self._run(inp, lambda messages: self.model.complete(messages, deadline=deadline))  # type: ignore[union-attr]

    def rephrase(self, inp: ReplyInput, correction: str, *, deadline: Deadline | None = None) -> ReplyResult:
        """One more model reply for a settled decision, told what was wrong with the last draft; else offline."""
        if self.model is None:
            return ReplyResult(text=compose_offline(inp), source="offline")
        complete = lambda messages: self.model.complete(messages, deadline=deadline)  # type: ignore[union-attr]  # noqa: E731
        return self._run(inp, complete, correction=correction, attempts=1)

    def _run(
        self, inp: ReplyInput, generate: Callable[[list], str], correction: str | None = None, attempts: int = 2
    ) -> ReplyResult:
        problems: list[str] = []
        tokens = 0
        for attempt in range(1, attempts + 1):
            build = self._prompt(inp, correction)
            tokens = max(tokens, build.prompt_tokens)
            try:
                text = generate(build.messages).strip()
            except ModelError as e:
                problems.append(f"model error: {e}")
                return self._fallback(inp, attempt, tokens, problems)
            except Exception as e:  # noqa: BLE001 (a provider bug must still not cost the shopper a reply)
                # The type only: a provider's exception text or traceback can quote the prompt (shopper words).
                log.error("chat model raised a non-ModelError: %s", type(e).__name__)
                problems.append(f"model failed: {type(e).__name__}")
                return self._fallback(inp, attempt, tokens, problems)
            found = check_reply(text, inp)
            if not found:
                return ReplyResult(text=text, source="model", attempts=attempt, prompt_tokens=tokens, problems=problems)
            problems += found
            correction = "; ".join(found) + "."
        return self._fallback(inp, attempts, tokens, problems)

    def stream(self, inp: ReplyInput, *, deadline: Deadline | None = None) -> ReplyStream:
        """The reply as chunks; with a model, chunks are released only after the whole reply passed the checks."""

        def produce(finish: Callable[[ReplyResult], None]) -> Iterator[str]:
            if self.model is None:
                result = ReplyResult(text=compose_offline(inp), source="offline")
                finish(result)
                yield from word_chunks(result.text)
                return
            buffers: list[list[str]] = []

            def generate(messages: list) -> str:
                chunks = list(self.model.stream(messages, deadline=deadline))  # type: ignore[union-attr]
                buffers.append(chunks)
                return "".join(chunks)

            result = self._run(inp, generate)
            finish(result)
            if result.source == "model":
                yield from buffers[-1]
            else:
                yield from word_chunks(result.text)

        return ReplyStream(produce)
