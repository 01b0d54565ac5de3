"""api/ is a thin layer: it calls the agent's public methods and never drives a turn's internals itself."""

from __future__ import annotations

import ast
from pathlib import Path

API = Path(__file__).resolve().parents[2] / "api"
INTERNAL_CALLS = {"plan", "commit", "session_lock"}


def _is_agent(node: ast.AST) -> bool:
    """``agent`` or ``….agent`` (e.g. ``request.app.state.agent``)."""
    return (isinstance(node, ast.Name) and node.id == "agent") or (
        isinstance(node, ast.Attribute) and node.attr == "agent"
    )


def reaches(source: str, filename: str = "<api>") -> list[str]:
    """Every place in the source that drives the agent's internals, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in INTERNAL_CALLS:
            found.append(f"{node.lineno}: calls .{node.func.attr}(")
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr == "deps":
            found.append(f"{node.lineno}: reaches .deps")
        elif node.attr.startswith("_") and _is_agent(node.value):
            found.append(f"{node.lineno}: private agent attribute {node.attr}")
        elif isinstance(node.value, ast.Attribute) and node.value.attr == "knowledge" and _is_agent(node.value.value):
            found.append(f"{node.lineno}: goes through agent.knowledge.{node.attr}")
    return found


def test_no_api_module_drives_the_agent_internals():
    files = sorted(API.rglob("*.py"))
    assert len(files) > 5
    problems = {
        str(path.relative_to(API.parent)): hits
        for path in files
        if (hits := reaches(path.read_text(encoding="utf-8"), str(path)))
    }
    assert problems == {}


def test_the_boundary_check_finds_each_kind_of_reach():
    source = """
plan = agent.plan(request)
with agent.session_lock(sid):
    agent.commit(plan, "hi")
state = agent.deps.sessions.load(sid)
locks = request.app.state.agent._session_locks
product = agent.knowledge.catalog.get(sku)
fine = agent.respond(request), agent.session(sid), agent.knowledge
"""
    found = reaches(source)
    assert [f.split(": ", 1)[1] for f in found if f.startswith(("2:", "3:", "4:"))] == [
        "calls .plan(", "calls .session_lock(", "calls .commit(",
    ]
    assert any(f.startswith("5: reaches .deps") for f in found)
    assert "6: private agent attribute _session_locks" in found
    assert "7: goes through agent.knowledge.catalog" in found
    assert not [f for f in found if f.startswith("8:")]
