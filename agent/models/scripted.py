"""A deterministic chat model that plays back scripted replies: what tests and demos use."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from agent.models.base import Deadline, Message, ModelError, ModelOutputError

T = TypeVar("T", bound=BaseModel)

ScriptedReply = Union[str, BaseException, Callable[[list[Message]], str]]
ScriptedStructured = Union[BaseModel, dict[str, Any], BaseException, Callable[[list[Message]], Any]]


def echo_reply(messages: list[Message]) -> str:
    """Default canned reply: echo the last user message (for demos without a model)."""
    last = next((m.content for m in reversed(messages) if m.role == "user"), "")
    return f"(scripted) You said: {last}"


class ScriptedModel:
    """Plays back queued replies in order; records every call in ``.calls``.

    ``replies`` items are strings (returned), exceptions (raised) or callables taking the messages and
    returning a string. When the queue is empty, ``default`` answers (a callable or a string); with no
    default an exhausted script raises ModelError, so a test notices an unexpected extra call.
    ``structured`` and ``structured_default`` do the same for :meth:`structured` (objects, dicts, exceptions
    or callables taking the messages).
    """

    def __init__(
        self,
        replies: Iterable[ScriptedReply] = (),
        structured: Iterable[ScriptedStructured] = (),
        *,
        default: str | Callable[[list[Message]], str] | None = None,
        structured_default: ScriptedStructured | None = None,
        name: str = "scripted",
        chunk_size: int = 12,
    ):
        self.name = name
        self._replies: deque[ScriptedReply] = deque(replies)
        self._structured: deque[ScriptedStructured] = deque(structured)
        self._default = default
        self._structured_default = structured_default
        self._chunk_size = max(1, chunk_size)
        self.calls: list[dict[str, Any]] = []

    @property
    def pending(self) -> int:
        """Replies still queued."""
        return len(self._replies)

    def _next_text(self, kind: str, messages: list[Message]) -> str:
        self.calls.append({"kind": kind, "messages": list(messages)})
        if self._replies:
            item = self._replies.popleft()
        elif self._default is not None:
            item = self._default
        else:
            raise ModelError("scripted model has no reply left")
        if isinstance(item, BaseException):
            raise item
        if callable(item):
            return str(item(list(messages)))
        return str(item)

    def complete(self, messages: list[Message], *, deadline: Deadline | None = None) -> str:
        """Return the next scripted reply (DeadlineExceeded, without a call, when the deadline has passed)."""
        if deadline is not None:
            deadline.budget()
        return self._next_text("complete", messages)

    def stream(self, messages: list[Message], *, deadline: Deadline | None = None) -> Iterator[str]:
        """Yield the next scripted reply in fixed-size chunks."""
        if deadline is not None:
            deadline.budget()
        text = self._next_text("stream", messages)
        for i in range(0, len(text), self._chunk_size):
            yield text[i : i + self._chunk_size]

    def structured(self, messages: list[Message], schema: type[T], *, deadline: Deadline | None = None) -> T:
        """Return the next queued object validated into ``schema`` (or raise the queued exception)."""
        if deadline is not None:
            deadline.budget()
        self.calls.append({"kind": "structured", "messages": list(messages), "schema": schema})
        if self._structured:
            item = self._structured.popleft()
        elif self._structured_default is not None:
            item = self._structured_default
        else:
            raise ModelError("scripted model has no structured reply left")
        if isinstance(item, BaseException):
            raise item
        if callable(item) and not isinstance(item, BaseModel):
            item = item(list(messages))
        if isinstance(item, schema):
            return item
        try:
            data = item.model_dump() if isinstance(item, BaseModel) else item
            return schema.model_validate(data)
        except ValidationError as e:
            raise ModelOutputError(f"scripted structured reply does not fit {schema.__name__}: {e}") from e
