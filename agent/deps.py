"""Everything the agent needs, as one typed object built once and passed in (tests swap parts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from agent.judge import OfferJudge
from agent.reply.composer import ReplyComposer
from agent.settings import PolicyLimits, Settings
from agent.signals import SignalDetector
from agent.state import SessionStore
from knowledge.store import KnowledgeStore


def utc_now() -> datetime:
    """The current time, timezone-aware (UTC): the agent's default clock."""
    return datetime.now(timezone.utc)


@dataclass
class AgentDeps:
    """The agent's collaborators: settings, the store's knowledge, sessions, signal detector, reply composer, judge."""

    settings: Settings
    knowledge: KnowledgeStore
    sessions: SessionStore
    detector: SignalDetector
    composer: ReplyComposer
    judge: OfferJudge | None = None  # with a model and CARTWISE_MODEL_JUDGE: the model chooses among approved offers
    clock: Callable[[], datetime] = utc_now  # "now" for promotions' live windows; tests fix it

    @property
    def model_timeout(self) -> float:
        """Seconds of model time one turn may take in total (all calls and retries); then the offline reply."""
        return self.settings.model.model_timeout

    @property
    def limits(self) -> PolicyLimits:
        """The policy section of the settings the agent runs under."""
        return self.settings.policy
