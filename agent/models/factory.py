"""Builds the configured chat model from the model settings (None means the offline reply writer)."""

from __future__ import annotations

from agent.models.base import ChatModel
from agent.settings import ModelSettings


def make_model(settings: ModelSettings) -> ChatModel | None:
    """The chat model ``settings.model_provider`` names: None for ``offline``, an OpenAI-compatible client, or a scripted echo."""
    provider = settings.model_provider
    if provider == "offline":
        return None
    if provider == "openai":
        from agent.models.openai import OpenAIChatModel

        return OpenAIChatModel(
            model=settings.model_name,
            api_key=settings.openai_api_key,
            base_url=settings.openai_base_url,
            timeout=settings.model_timeout,
            max_retries=settings.model_max_retries,
            temperature=settings.model_temperature,
        )
    if provider == "scripted":
        from agent.models.scripted import ScriptedModel, echo_reply

        return ScriptedModel(default=echo_reply, name="scripted-echo")
    raise ValueError(f"model_provider must be one of offline, openai, scripted; got {provider!r}")
