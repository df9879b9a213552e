"""Every route of the app refuses a request without a valid token (401), and every route
that changes something refuses a wrong role and a translator of another language (403)."""

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api_client import Tokens, bearer, renditions_of
from support.people import ready_statement

from service.api.app import create_app
from service.workflow import Workspace
from service.workflow.users import authenticate, revoke_user

OPEN_PATHS = {"/healthz", "/metrics"}
"""Routes without a token, besides the docs: for load balancers and Prometheus."""

READ_ONLY_POSTS = {"/v1/detect", "/v1/segment", "/v1/lines", "/v1/length", "/v1/check"}
READ_ONLY_POSTS |= {"/v1/schedule"}
"""POST routes that store nothing: any signed-in user may call them."""

Ids = dict[str, int]
Body = Callable[[Ids], dict[str, Any] | None]
CHANGES: dict[tuple[str, str], tuple[Body, tuple[str, ...]]] = {
    ("POST", "/v1/statements"): (
        lambda _: {"text": "Vaccines save lives.", "approval_ref": "X/1", "targets": ["fr"]},
        ("fr1", "pub"),
    ),
    ("PUT", "/v1/renditions/{rendition_id}"): (
        lambda _: {"text": "Les vaccins sauvent des vies.", "version": 1},
        ("pub", "es1"),
    ),
    ("POST", "/v1/renditions/{rendition_id}/reviews"): (
        lambda _: {"decision": "approve", "version": 1},
        ("pub", "es1"),
    ),
    ("POST", "/v1/statements/{statement_id}/plan"): (lambda _: {}, ("ed", "fr1")),
    ("GET", "/v1/statements/{statement_id}/export"): (lambda _: None, ("ed", "fr1")),
}
"""Each route that changes (or, for export, publishes) something, a valid body, and people
who may not call it: a wrong role, and where the route is about one language's rendition,
a translator of another language (the rendition is French)."""


def _routes() -> list[tuple[str, str]]:
    """Every operation of the OpenAPI document (nothing is opened before the lifespan)."""
    paths = create_app().openapi()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item)


@pytest.fixture
def ids(service_workspace: Workspace, tokens: Tokens) -> Ids:
    editor = authenticate(service_workspace, tokens["ed"])
    statement = ready_statement(service_workspace, editor)
    french = renditions_of(statement.model_dump(mode="json"), "fr")[0]
    return {"statement_id": statement.id, "rendition_id": french["id"]}


def _call(client: TestClient, method: str, path: str, ids: Ids, headers: dict[str, str]) -> Any:
    body = CHANGES[(method, path)][0](ids) if (method, path) in CHANGES else None
    return client.request(method, path.format(**ids), json=body, headers=headers)


def test_every_route_that_changes_something_is_in_the_matrix() -> None:
    changing = {
        (method, path)
        for method, path in _routes()
        if method != "GET" and path not in READ_ONLY_POSTS
    }
    assert changing <= set(CHANGES)


@pytest.mark.parametrize("credentials", ["none", "unknown", "revoked", "not bearer"])
def test_every_route_refuses_a_request_without_a_valid_token(
    client: TestClient, tokens: Tokens, ids: Ids, service_workspace: Workspace, credentials: str
) -> None:
    revoke_user(service_workspace, "root")
    headers = {
        "none": {},
        "unknown": bearer("not-a-token"),
        "revoked": bearer(tokens["root"]),
        "not bearer": {"Authorization": f"Basic {tokens['ed']}"},
    }[credentials]
    routes = [(method, path) for method, path in _routes() if path not in OPEN_PATHS]
    assert len(routes) > 15
    for method, path in routes:
        response = _call(client, method, path, ids, headers)
        assert response.status_code == HTTPStatus.UNAUTHORIZED, (method, path, response.text)
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert response.json()["code"] == "unauthorized"


def test_routes_that_change_something_refuse_the_wrong_people(
    client: TestClient, tokens: Tokens, ids: Ids
) -> None:
    for (method, path), (_, refused) in CHANGES.items():
        for name in refused:
            response = _call(client, method, path, ids, bearer(tokens[name]))
            assert response.status_code == HTTPStatus.FORBIDDEN, (method, path, name)
            assert response.json()["code"] == "forbidden_role"


def test_the_open_routes_need_no_token(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"ok": True, "database": True, "jobs": True}
    assert client.get("/metrics").status_code == HTTPStatus.OK
    assert client.get("/openapi.json").status_code == HTTPStatus.OK
    assert client.get("/docs").status_code == HTTPStatus.OK


def test_a_revoke_through_the_process_signs_a_cached_token_out_at_once(
    client: TestClient, tokens: Tokens, service_workspace: Workspace
) -> None:
    body = {"text": "Water is a human right.", "platform": "x"}
    assert client.post("/v1/length", json=body, headers=bearer(tokens["ed"])).status_code == 200
    assert client.post("/v1/length", json=body, headers=bearer(tokens["ed"])).status_code == 200
    revoke_user(service_workspace, "ed")
    refused = client.post("/v1/length", json=body, headers=bearer(tokens["ed"]))
    assert refused.status_code == HTTPStatus.UNAUTHORIZED, refused.text
