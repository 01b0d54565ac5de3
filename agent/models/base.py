"""The one small interface every chat model provider implements, and the turn deadline its calls share."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


class Message(BaseModel):
    """One chat message sent to a model."""

    role: Literal["system", "user", "assistant"]
    content: str


class ModelError(Exception):
    """The model could not be reached or failed (timeout, HTTP error, blocked in tests)."""


class ModelOutputError(ModelError):
    """The model answered, but its output could not be parsed into the requested shape."""


class DeadlineExceeded(ModelError):
    """The turn's model time is used up: no (further) model call is made; the offline reply stands in."""


class Deadline:
    """A point on the monotonic clock by which a turn's model work must be done."""

    __slots__ = ("seconds", "_clock", "_ends")

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic):
        if not seconds > 0:
            raise ValueError(f"a deadline needs a positive number of seconds, got {seconds!r}")
        self.seconds = float(seconds)
        self._clock = clock
        self._ends = clock() + self.seconds

    def remaining(self) -> float:
        """Seconds left (0.0 once passed)."""
        return max(0.0, self._ends - self._clock())

    @property
    def expired(self) -> bool:
        """True once no time is left."""
        return self.remaining() <= 0.0

    def budget(self, cap: float | None = None, what: str = "model call") -> float:
        """The time one call may take: what is left, at most ``cap``; raises DeadlineExceeded when nothing is left."""
        left = self.remaining()
        if left <= 0.0:
            raise DeadlineExceeded(f"{what} skipped: the turn's {self.seconds:g} s model time is used up")
        return min(left, cap) if cap is not None else left

    def __repr__(self) -> str:
        return f"Deadline({self.seconds:g}s, {self.remaining():.2f}s left)"


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: plain completion, streaming, and structured output into a pydantic model.

    ``deadline`` is the turn's: a call takes at most the time left on it, retries included, and raises
    ModelError (DeadlineExceeded) when none is left.
    """

    name: str

    def complete(self, messages: list[Message], *, deadline: Deadline | None = None) -> str:
        """Return the model's reply text. Raises ModelError."""
        ...

    def stream(self, messages: list[Message], *, deadline: Deadline | None = None) -> Iterator[str]:
        """Yield the reply text in chunks. Raises ModelError."""
        ...

    def structured(self, messages: list[Message], schema: type[T], *, deadline: Deadline | None = None) -> T:
        """Return the reply parsed into ``schema`` (function calling). Raises ModelError/ModelOutputError."""
        ...
