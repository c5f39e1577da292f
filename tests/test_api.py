"""The JSON API against its own OpenAPI spec with schemathesis: generated requests of every
shape, on a real ledger; the app must never answer 500.

schemathesis' pytest plugin does not run under pytest 9 here ('Function' object has no attribute
'_nodeid'), so each operation's Hypothesis strategy is driven directly."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from claimledger.present.web.app import create_app
from webserver import build_ledger


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> object:
    # the in-process client calls itself "testserver"; the app answers only to names it is given
    app = create_app(build_ledger(Path(tmp_path_factory.mktemp("api"))), hosts=["testserver", "localhost"])
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_error_on_any_operation(api_schema: object) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]  # type: ignore[attr-defined]
    paths = {f"{op.method.upper()} {op.path}" for op in operations}
    assert {
        "GET /api/claims",
        "GET /api/stories/{story_id}",
        "GET /api/stories/{story_id}/figures",
        "GET /api/search",
        "GET /api/sources",
        "POST /api/analyze",
    } <= paths
    for op in operations:

        @given(case=op.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        check()
