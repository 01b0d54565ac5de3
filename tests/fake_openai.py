"""A local fake of the OpenAI chat completions API (threaded stdlib HTTP server on 127.0.0.1).

Speaks just enough of ``POST /v1/chat/completions`` for the real OpenAI/LangChain client: plain
completions, streaming SSE chunks, tool calls with scripted arguments (valid or malformed), HTTP errors
and slow responses (for client timeouts). Responses are queued in order; every request body is recorded.

Use ``with FakeOpenAI() as server:`` directly, or the ``fake_openai`` pytest fixture (import it into a test
module: ``from tests.fake_openai import fake_openai``).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class FakeResponse:
    """One scripted answer: text, a tool call, an HTTP error, optionally after a delay."""

    text: str | None = None
    tool_arguments: str | None = None
    tool_name: str | None = None
    status: int = 200
    error_message: str = "scripted error"
    delay: float = 0.0
    chunk_size: int = 8


def text(content: str, *, delay: float = 0.0, chunk_size: int = 8) -> FakeResponse:
    """A plain assistant reply (streamed in ``chunk_size``-character chunks when the client streams)."""
    return FakeResponse(text=content, delay=delay, chunk_size=chunk_size)


def tool_call(arguments: dict[str, Any] | str, name: str | None = None) -> FakeResponse:
    """A function call; ``arguments`` is sent verbatim when a str (so it can be malformed JSON).

    ``name`` defaults to the first tool the request offered.
    """
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return FakeResponse(tool_arguments=args, tool_name=name)


def error(status: int = 500, message: str = "internal server error") -> FakeResponse:
    """An HTTP error with an OpenAI-style error body."""
    return FakeResponse(status=status, error_message=message)


def slow(seconds: float, then: FakeResponse | None = None) -> FakeResponse:
    """A response that waits ``seconds`` before answering (to trigger a client timeout)."""
    base = then or text("late reply")
    return FakeResponse(**{**base.__dict__, "delay": seconds})


@dataclass
class RecordedRequest:
    """One request the fake received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 (stdlib name)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send_json(400, {"error": {"message": "invalid JSON body", "type": "invalid_request_error"}})
            return
        fake = self.server.fake
        fake.requests.append(RecordedRequest(self.path, dict(self.headers), body))
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": f"unknown path {self.path}", "type": "not_found"}})
            return
        resp = fake.next_response()
        if resp.delay and fake.stopping.wait(resp.delay):
            return
        try:
            self._answer(resp, body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout) before we answered

    def _answer(self, resp: FakeResponse, body: dict[str, Any]) -> None:
        if resp.status != 200:
            self._send_json(resp.status, {"error": {"message": resp.error_message, "type": "server_error"}})
            return
        model = body.get("model", "fake-model")
        if resp.tool_arguments is not None:
            name = resp.tool_name or _first_tool_name(body) or "tool"
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_fake_1", "type": "function", "function": {"name": name, "arguments": resp.tool_arguments}}
                ],
            }
            self._send_json(200, _completion(model, message, "tool_calls"))
            return
        content = resp.text or ""
        if body.get("stream"):
            self._stream(model, content, resp.chunk_size, bool((body.get("stream_options") or {}).get("include_usage")))
        else:
            self._send_json(200, _completion(model, {"role": "assistant", "content": content}, "stop"))

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, model: str, content: str, chunk_size: int, include_usage: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pieces = [content[i : i + chunk_size] for i in range(0, len(content), chunk_size)] or [""]
        events = [_chunk(model, {"role": "assistant", "content": ""}, None)]
        events += [_chunk(model, {"content": p}, None) for p in pieces]
        events.append(_chunk(model, {}, "stop"))
        if include_usage:
            usage = _chunk(model, {}, None)
            usage["choices"] = []
            usage["usage"] = {"prompt_tokens": 1, "completion_tokens": len(pieces), "total_tokens": 1 + len(pieces)}
            events.append(usage)
        for ev in events:
            self._write_chunk(f"data: {json.dumps(ev)}\n\n".encode())
        self._write_chunk(b"data: [DONE]\n\n")
        self._write_chunk(b"")

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _first_tool_name(body: dict[str, Any]) -> str | None:
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("function", {}).get("name"):
        return choice["function"]["name"]
    tools = body.get("tools") or []
    return tools[0]["function"]["name"] if tools else None


def _completion(model: str, message: dict[str, Any], finish: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _chunk(model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: "FakeOpenAI"

    def handle_error(self, request, client_address) -> None:
        # A client that timed out and hung up (the timeout tests) is expected: no traceback on stderr.
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class FakeOpenAI:
    """The fake server: queue responses with ``add(...)``, read ``requests``; ``base_url`` ends in ``/v1``.

    When the queue is empty it answers with ``default`` (a 500 unless given), so an unexpected extra call
    shows up as a model error rather than a hang.
    """

    def __init__(self, *responses: FakeResponse, default: FakeResponse | None = None):
        self._queue: deque[FakeResponse] = deque(responses)
        self._lock = threading.Lock()
        self.default = default or error(500, "fake server: no scripted response left")
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def add(self, *responses: FakeResponse) -> "FakeOpenAI":
        """Queue more responses (answered in order)."""
        with self._lock:
            self._queue.extend(responses)
        return self

    def next_response(self) -> FakeResponse:
        """Pop the next scripted response (or the default)."""
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL (``http://127.0.0.1:PORT/v1``)."""
        if self._server is None:
            raise RuntimeError("FakeOpenAI is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> "FakeOpenAI":
        """Bind a free port on 127.0.0.1 and serve in a background thread."""
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (slow responses still waiting are abandoned)."""
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def fake_openai_fixture(scope: str = "function"):
    """Build a pytest fixture yielding a started FakeOpenAI (a fresh one per ``scope``)."""

    @pytest.fixture(scope=scope)
    def _fixture() -> Iterator[FakeOpenAI]:
        with FakeOpenAI() as server:
            yield server

    return _fixture


fake_openai = fake_openai_fixture()
