"""The chat model interface and its providers (one module per provider)."""

from agent.models.base import ChatModel, Deadline, DeadlineExceeded, Message, ModelError, ModelOutputError

__all__ = ["ChatModel", "Deadline", "DeadlineExceeded", "Message", "ModelError", "ModelOutputError"]
