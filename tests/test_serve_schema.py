"""A property-based run of the OpenAPI description (schemathesis): no request, however odd, gets a 5xx."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rasd.serve.app import create_app
from rasd.serve.demo import fill
from rasd.store import open_store

TOKEN = "schema-test-token"

# schemathesis needs the schema when the module is collected, so the database is built here.
_DIR = Path(tempfile.mkdtemp(prefix="rasd-schema-"))
_STORE = open_store(str(_DIR / "schema.db"))
fill(_STORE, 60)
_ingest = _STORE.ingest
_STORE.ingest = lambda articles, **kw: _ingest(articles, extractor=lambda a: [], **kw)  # type: ignore[method-assign]
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_STORE, token=TOKEN))


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    _STORE.close()
    shutil.rmtree(_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_serve_schema_no_server_errors(case: Any) -> None:
    # No 5xx; every status code, content type and JSON body is one the description documents.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
                response_schema_conformance],
    )
