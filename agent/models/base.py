"""The one small interface every chat model provider implements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

if TYPE_CHECKING:
    from agent.models.deadline import Deadline

T = TypeVar("T", bound=BaseModel)


class Message(BaseModel):
    """One chat message sent to a model."""

    role: Literal["system", "user", "assistant"]
    content: str


class ModelError(Exception):
    """The model could not be reached or failed (timeout, HTTP error, blocked in tests)."""


class ModelOutputError(ModelError):
    """The model answered, but its output could not be parsed into the requested shape."""


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: plain completion, streaming, and structured output into a pydantic model.

    ``deadline`` is the turn's: a call takes at most the time left on it, retries included, and raises
    ModelError (DeadlineExceeded) when none is left.
    """

    name: str

    def complete(self, messages: list[Message], *, deadline: "Deadline | None" = None) -> str:
        """Return the model's reply text. Raises ModelError."""
        ...

    def stream(self, messages: list[Message], *, deadline: "Deadline | None" = None) -> Iterator[str]:
        """Yield the reply text in chunks. Raises ModelError."""
        ...

    def structured(self, messages: list[Message], schema: type[T], *, deadline: "Deadline | None" = None) -> T:
        """Return the reply parsed into ``schema`` (function calling). Raises ModelError/ModelOutputError."""
        ...
