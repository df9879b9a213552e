"""The app factory and its error handling: lifespan, problem+json, the body limit."""

from http import HTTPStatus
from pathlib import Path

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.limits import MAX_BODY_BYTES
from service.api.problems import PROBLEM_MEDIA_TYPE, STATUS_OF_CODE, problem_type
from service.errors import ErrorCode
from service.settings import Settings


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
