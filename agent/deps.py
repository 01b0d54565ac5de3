"""Everything the agent needs, as one typed object built once and passed in (tests swap parts)."""

from __future__ import annotations

from dataclasses import dataclass

from agent.reply.composer import ReplyComposer
from agent.signals import SignalDetector
from agent.state import SessionStore
from agent.types import PolicyLimits
from knowledge.settings import Settings
from knowledge.store import KnowledgeStore


@dataclass
class AgentDeps:
    """The agent's collaborators: settings, the store's knowledge, sessions, signal detector, reply composer."""

    settings: Settings
    knowledge: KnowledgeStore
    sessions: SessionStore
    detector: SignalDetector
    composer: ReplyComposer
    limits: PolicyLimits


def limits_from(settings: Settings) -> PolicyLimits:
    """The policy numbers from Settings."""
    return PolicyLimits(
        max_uplift=settings.max_uplift,
        addon_share_need=settings.addon_share_need,
        addon_share_unprompted=settings.addon_share_unprompted,
        offers_per_reply=settings.offers_per_reply,
        offers_per_session=settings.offers_per_session,
        declines_before_silence=settings.declines_before_silence,
    )
