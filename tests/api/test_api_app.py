"""The app factory and its error handling: lifespan, problem+json, the body limit."""

from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api_client import Tokens, bearer

from service.api.app import create_app
from service.api.limits import MAX_BODY_BYTES
from service.api.problems import (
    PROBLEM_MEDIA_TYPE,
    STATUS_OF_CODE,
    problem_type,
)
from service.api.problems import (
    PROBLEM_TYPE_PREFIX as PREFIX,
)
from service.errors import ErrorCode
from service.settings import Settings
from service.workflow import Workspace


def test_every_error_code_has_an_http_status() -> None:
    assert set(STATUS_OF_CODE) == set(ErrorCode)
    assert all(400 <= status <= 599 for status in STATUS_OF_CODE.values())


def test_the_rule_codes_have_the_statuses_of_the_issue() -> None:
    assert STATUS_OF_CODE[ErrorCode.SELF_APPROVAL] == HTTPStatus.FORBIDDEN
    assert STATUS_OF_CODE[ErrorCode.FORBIDDEN_ROLE] == HTTPStatus.FORBIDDEN
    assert STATUS_OF_CODE[ErrorCode.STALE_VERSION] == HTTPStatus.CONFLICT
    assert STATUS_OF_CODE[ErrorCode.ALREADY_APPROVED] == HTTPStatus.CONFLICT
    assert STATUS_OF_CODE[ErrorCode.UNAUTHORIZED] == HTTPStatus.UNAUTHORIZED
    assert STATUS_OF_CODE[ErrorCode.INPUT_TOO_LARGE] == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_the_lifespan_migrates_a_new_database_and_closes_it(tmp_path: Path) -> None:
    database = tmp_path / "service.sqlite3"
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{database}")
    with TestClient(create_app(settings)) as client:
        assert database.exists()
        response = client.get("/no/such/page")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["code"] == "not_found"
    assert body["type"] == problem_type(ErrorCode.NOT_FOUND)
    assert body["status"] == HTTPStatus.NOT_FOUND


def test_a_body_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        response = client.post("/v1/length", content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["code"] == "input_too_large"


def _assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail", "code"} <= set(body)
    assert (body["status"], body["code"], body["type"]) == (status, code, f"{PREFIX}{code}")
    assert body["title"] == HTTPStatus(status).phrase
    return body


def test_each_kind_of_error_is_a_problem(client: TestClient, tokens: Tokens) -> None:
    headers = bearer(tokens["ed"])
    missing = client.get("/v1/statements/999999", headers=headers)
    _assert_problem(missing, 404, "not_found")
    bad_json = client.post(
        "/v1/length", content=b"{not json", headers={**headers, "content-type": "application/json"}
    )
    _assert_problem(bad_json, 422, "invalid_input")
    bad_field = client.post("/v1/statements", json={"text": 3}, headers=headers)
    body = _assert_problem(bad_field, 422, "invalid_input")
    assert {tuple(error["loc"]) for error in body["errors"]} >= {("body", "approval_ref")}
    rule = client.post("/v1/length", json={"text": "hi", "platform": "myspace"}, headers=headers)
    assert _assert_problem(rule, 422, "unknown_platform")["detail"]
    bad_query = client.get("/v1/audit", params={"limit": 0}, headers=headers)
    _assert_problem(bad_query, 422, "invalid_input")
    _assert_problem(client.delete("/v1/statements", headers=headers), 405, "invalid_input")


def test_a_bug_is_a_500_problem_without_a_traceback(
    service_workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(workspace=service_workspace)

    def broken() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/broken", headers=bearer("a-secret-token"))
    body = _assert_problem(response, 500, "internal_error")
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text and "RuntimeError" in body["detail"]
    assert "secret internals" in caplog.text  # logged in full for the operator
    assert "a-secret-token" not in caplog.text  # and never with the request's token


def test_a_chunked_body_over_the_limit_is_cut_off(client: TestClient, tokens: Tokens) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 100_000 + 2):
            yield b" " * 100_000

    response = client.post(
        "/v1/length",
        content=chunks(),
        headers={**bearer(tokens["ed"]), "content-type": "application/json"},
    )
    _assert_problem(response, 413, "input_too_large")


def test_metrics_count_requests_by_route_template_and_jobs_by_state(
    client: TestClient, tokens: Tokens
) -> None:
    client.get("/v1/statements/123456", headers=bearer(tokens["ed"]))
    text = client.get("/metrics").text
    assert (
        'adapt_http_requests_total{method="GET",route="/v1/statements/{statement_id}",'
        'status="404"} 1.0' in text
    )
    assert "adapt_http_request_duration_seconds_bucket" in text
    assert 'adapt_jobs{state="queued"} 0.0' in text
