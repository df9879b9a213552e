"""schemathesis against ``/openapi.json``: generated requests with a valid admin token get
no 5xx, and every response matches its documented status, media type and schema.

48 generated cases for each of the 22 operations (over 1,000 cases), on SQLite with the
copy models; statements submitted here are adapted by the app's job thread as they come.
It found that ids past 2**31 - 1 reached the database driver (a 500): ids are bounded now.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from support.api_client import bearer

from service.api.app import create_app
from service.engines.argos import ArgosEngine
from service.review import Role
from service.settings import Settings
from service.workflow import Workspace
from service.workflow.users import NewUserRequest, add_user

CASES_PER_OPERATION = 48
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


Api = tuple[FastAPI, str]


@pytest.fixture
def api(tmp_path: Path, argos_engine: ArgosEngine) -> Iterator[Api]:
    """An app on a fresh SQLite database, its lifespan running, and an admin's token."""
    settings = Settings(data_dir=tmp_path)
    with Workspace(settings, engine=argos_engine) as workspace:
        token = add_user(workspace, NewUserRequest(name="root", role=Role.ADMIN)).token
        app = create_app(workspace=workspace)
        with TestClient(app):
            yield app, token


# The document only: the app it is read from never starts (each test starts its own).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_generated_requests_get_no_server_error(case: schemathesis.Case[Any], api: Api) -> None:
    app, token = api
    case.call_and_validate(headers=bearer(token), checks=CHECKS, app=app)
