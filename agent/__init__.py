"""Cartwise agent: conversation state, need signals, the offer policy, replies, the model interface.

The Python API in one line::

    from agent import build_agent, ChatRequest
    response = build_agent(Settings()).respond(ChatRequest(session_id="abc", message="I wish …", context={...}))
"""

from agent.schemas import ChatContext, ChatRequest, ChatResponse, Offer, Signal


def build_agent(*args, **kwargs):
    """Build a SalesAgent (see :func:`agent.agent.build_agent`); imported lazily to keep ``import agent`` light."""
    from agent.agent import build_agent as _build

    return _build(*args, **kwargs)


__all__ = ["ChatContext", "ChatRequest", "ChatResponse", "Offer", "Signal", "build_agent"]
