"""The chat model interface and its providers (one module per provider)."""

from agent.models.base import ChatModel, Message, ModelError, ModelOutputError

__all__ = ["ChatModel", "Message", "ModelError", "ModelOutputError"]
