"""Property-based tests of the whole HTTP API, generated from its OpenAPI document by Schemathesis.

In-process over ASGI (no server), on the tiny catalog with the fake embedder, with an admin key so the admin
routes run too and rate limits high enough not to hide the routes behind 429s. Every operation gets up to
``EXAMPLES`` generated requests (positive and negative); each response must not be a 5xx, must have a status the
document declares for the route, the declared content type, and a body matching the declared schema.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis  # the `test` extra: a missing install fails here rather than skipping
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from agent.settings import Settings
from api.app import create_app
from tests.api.test_api import KEY, write_catalog

#: Generated requests per operation: 12 operations x 30 take about 20 s on 2 cores.
EXAMPLES = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _app():
    data = Path(tempfile.mkdtemp(prefix="cartwise-schemathesis-"))
    atexit.register(shutil.rmtree, data, ignore_errors=True)
    s = Settings(data_dir=data / "data", embedding_backend="fake", admin_api_key=KEY, _env_file=None,
                 rate_limit_per_client=1_000_000, rate_limit_per_session=1_000_000)
    app = create_app(s)
    app.state.agent.knowledge.ingest(write_catalog(data / "catalog.jsonl"))
    return app


# The inbox stream, opened with the admin key, never ends (tests/api/test_inbox_streams.py covers it on a server).
schema = schemathesis.openapi.from_asgi("/openapi.json", _app()).exclude(path="/v1/sessions/stream", method="GET")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
          database=None)
def test_no_server_error_and_every_response_matches_its_schema(case):
    case.headers = {**(case.headers or {}), "X-API-Key": KEY}
    case.call_and_validate(checks=CHECKS)
