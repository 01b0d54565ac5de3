"""Chat models behind any OpenAI-compatible API (OpenAI, Azure, vLLM, Ollama, llama.cpp server)."""

from __future__ import annotations

import contextvars
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

import httpx
import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, SecretStr, ValidationError

from agent.models.base import Deadline, Message, ModelError, ModelOutputError
from agent.models.guard import check_model_request
from agent.settings import MODEL_DEFAULTS

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

#: Threads one model object may have waiting on its server at once (abandoned calls end at their own timeout).
CALL_THREADS = 128
#: HTTP statuses worth another attempt (the OpenAI client's own list): timeouts, conflicts, rate limits, 5xx.
_RETRY_STATUS = frozenset({408, 409, 429})

_ROLE = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}


def to_langchain(messages: list[Message]) -> list[BaseMessage]:
    """Convert our messages into LangChain message objects."""
    return [_ROLE[m.role](content=m.content) for m in messages]


class OpenAIChatModel:
    """A ChatModel over ``langchain_openai.ChatOpenAI``; every failure surfaces as ModelError.

    Retries are ours, not the OpenAI client's (built with ``max_retries=0``): every attempt of a call gets only
    the time left on the call's deadline (the turn's when given, else ``timeout`` for this call), so
    ``max_retries`` can never multiply the timeout. httpx applies a timeout per phase (connect, then each
    read), not to the whole request, so each attempt also runs in a worker thread that is waited on for at most
    the time left: a server slow to accept and then slow to answer still costs one timeout, not two.
    """

    def __init__(
        self,
        model: str = MODEL_DEFAULTS.model_name,
        api_key: str | SecretStr | None = None,
        base_url: str | None = None,
        timeout: float = MODEL_DEFAULTS.model_timeout,
        max_retries: int = MODEL_DEFAULTS.model_max_retries,
        temperature: float = MODEL_DEFAULTS.model_temperature,
        max_tokens: int | None = 400,
    ):
        from langchain_openai import ChatOpenAI  # imported here: heavy, and only needed with a real model

        if timeout <= 0:
            raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries!r}")
        self.name = model
        self.base_url = base_url
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self._calls = ThreadPoolExecutor(max_workers=CALL_THREADS, thread_name_prefix="cartwise-model")
        key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
        # Local servers need no key, but the OpenAI client refuses to start without one.
        extra_body = {"max_tokens": max_tokens} if max_tokens else None
        self._llm = ChatOpenAI(
            model=model,
            api_key=key or "not-needed",
            base_url=base_url,
            timeout=timeout,
            max_retries=0,  # retried by _call within the deadline, never by the client on its own clock
            temperature=temperature,
            # llama.cpp server ignores max_completion_tokens (what ChatOpenAI sends); it honours max_tokens
            # in the body. OpenAI accepts both.
            max_tokens=max_tokens,
            extra_body=extra_body,
        )

    def _call(self, run: Callable[[float], R], deadline: Deadline | None) -> R:
        """Run one request (``run`` takes its timeout), retrying transient failures while the deadline allows."""
        deadline = deadline or Deadline(self.timeout)
        last: ModelError | None = None
        for attempt in range(self.max_retries + 1):
            if last is not None and deadline.remaining() <= 0:
                raise last
            timeout = deadline.budget(self.timeout)  # DeadlineExceeded when the turn has no time left
            try:
                return self._within(run, timeout)
            except Exception as e:  # noqa: BLE001 (translated below)
                err = _translate(e)
                if not _retryable(e) or attempt == self.max_retries:
                    raise err from e
                last = err
            # A short backoff, never past the deadline.
            time.sleep(min(0.25 * 2**attempt, deadline.remaining()))
        raise last or ModelError("model request failed")  # pragma: no cover - the loop returns or raises

    def _within(self, run: Callable[[float], R], timeout: float) -> R:
        """``run(timeout)`` in a worker thread, waited on for at most ``timeout`` seconds of wall-clock time."""
        future = self._calls.submit(contextvars.copy_context().run, run, timeout)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()  # if it never started; otherwise it ends at its own httpx timeout, unread
            raise httpx.TimeoutException(f"no answer within {timeout:.2f} s") from None

    def complete(self, messages: list[Message], *, deadline: Deadline | None = None) -> str:
        """Return the reply text (one request, retried within the deadline)."""
        check_model_request(self.base_url)
        result = self._call(lambda t: self._llm.invoke(to_langchain(messages), timeout=t), deadline)
        return _text_of(result)

    def stream(self, messages: list[Message], *, deadline: Deadline | None = None) -> Iterator[str]:
        """Yield the reply text as the server streams it; the deadline is checked between chunks."""
        check_model_request(self.base_url)
        deadline = deadline or Deadline(self.timeout)

        def first(timeout: float) -> tuple[Iterator[Any], Any]:
            # Retry up to the first chunk only: once text has gone out, a retry would repeat it.
            chunks = iter(self._llm.stream(to_langchain(messages), timeout=timeout))
            return chunks, next(chunks, None)

        chunks, chunk = self._call(first, deadline)
        try:
            while chunk is not None:
                piece = _text_of(chunk)
                if piece:
                    yield piece
                chunk = self._within(lambda _t: next(chunks, None), deadline.budget(what="rest of the streamed reply"))
        except Exception as e:  # noqa: BLE001
            raise _translate(e) from e

    def structured(self, messages: list[Message], schema: type[T], *, deadline: Deadline | None = None) -> T:
        """Return the reply parsed into ``schema`` via a forced function call."""
        check_model_request(self.base_url)

        def run(timeout: float) -> dict[str, Any]:
            runnable = self._llm.with_structured_output(
                schema, method="function_calling", include_raw=True, timeout=timeout
            )
            return runnable.invoke(to_langchain(messages))  # type: ignore[return-value]

        out = self._call(run, deadline)
        parsed, problem, raw = out.get("parsed"), out.get("parsing_error"), out.get("raw")
        if isinstance(parsed, schema):
            return parsed
        if problem is None and isinstance(raw, AIMessage) and raw.invalid_tool_calls:
            bad = raw.invalid_tool_calls[0]
            problem = f"malformed arguments for {bad.get('name')}: {bad.get('error') or bad.get('args')!r}"
        raise ModelOutputError(f"model output does not fit {schema.__name__}: {problem or 'no tool call returned'}")


def _retryable(e: Exception) -> bool:
    """Transient failures: timeouts, lost connections, rate limits and server errors (never bad output)."""
    if isinstance(e, ModelError):
        return False
    if isinstance(e, openai.APIStatusError):
        return e.status_code in _RETRY_STATUS or e.status_code >= 500
    return isinstance(e, openai.APITimeoutError | openai.APIConnectionError | httpx.TimeoutException | httpx.TransportError)


def _text_of(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, str):
        return content
    # Some servers return content blocks; keep only the text parts.
    return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)


def _translate(e: Exception) -> ModelError:
    """Map client, HTTP and parsing failures onto our two error types, with a readable message."""
    if isinstance(e, ModelError):
        return e
    if isinstance(e, (OutputParserException, ValidationError, json.JSONDecodeError)):
        return ModelOutputError(f"model output could not be parsed: {e}")
    if isinstance(e, openai.APITimeoutError | httpx.TimeoutException):
        return ModelError(f"model request timed out: {e}")
    if isinstance(e, openai.APIStatusError):
        return ModelError(f"model server answered HTTP {e.status_code}: {e.message}")
    if isinstance(e, openai.APIConnectionError | httpx.HTTPError):
        return ModelError(f"could not reach the model server: {e}")
    return ModelError(f"model request failed: {type(e).__name__}: {e}")
