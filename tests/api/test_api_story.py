"""The whole story over HTTP, on SQLite and PostgreSQL: submit, the job adapts, edit,
self-approval refused, two people approve, plan, and an export of approved text only."""

from http import HTTPStatus
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api_client import Tokens, bearer, renditions_of, wait_until_adapted
from support.people import STATEMENT

PROBLEM = "application/problem+json"


def _submit(client: TestClient, tokens: Tokens) -> dict[str, Any]:
    body = {"text": STATEMENT, "approval_ref": "WHO/2026/7", "targets": ["en", "fr", "es"]}
    response = client.post("/v1/statements", json=body, headers=bearer(tokens["ed"]))
    assert response.status_code == HTTPStatus.ACCEPTED, response.text
    assert response.json()["status"] == "queued"
    location = response.headers["Location"]
    assert location.endswith(f"/v1/statements/{response.json()['id']}")
    statement = wait_until_adapted(client, location, tokens["ed"])
    assert statement["status"] == "ready", statement.get("error")
    return statement


def _review(
    client: TestClient, token: str, rendition: dict[str, Any], version: int, decision: str
) -> Any:
    body = {"decision": decision, "version": version}
    return client.post(
        f"/v1/renditions/{rendition['id']}/reviews", json=body, headers=bearer(token)
    )


def _problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    return body


@pytest.fixture
def statement(client: TestClient, tokens: Tokens) -> dict[str, Any]:
    return _submit(client, tokens)


def test_submit_then_edit_review_plan_and_export(
    client: TestClient, tokens: Tokens, statement: dict[str, Any]
) -> None:
    french, spanish = renditions_of(statement, "fr")[0], renditions_of(statement, "es")[0]
    assert french["review"] == {
        "state": "pending",
        "approvals": [],
        "required": 2,
        "changes_requested_by": [],
    }
    # fr1 edits with the ETag as If-Match; their own approval of it is refused.
    tag = client.get(f"/v1/renditions/{french['id']}", headers=bearer(tokens["fr1"]))
    etag = tag.headers["ETag"]
    assert etag == f'"{french["id"]}.{french["version"]}"'
    edited = client.put(
        f"/v1/renditions/{french['id']}",
        json={"text": "L'OMS appelle chaque pays à protéger 4,5 milliards de personnes."},
        headers={**bearer(tokens["fr1"]), "If-Match": etag},
    )
    assert edited.status_code == HTTPStatus.OK, edited.text
    version = edited.json()["version"]
    assert version == french["version"] + 1
    assert edited.headers["ETag"] == f'"{french["id"]}.{version}"'
    refused = _review(client, tokens["fr1"], french, version, "approve")
    _problem(refused, HTTPStatus.FORBIDDEN, "self_approval")
    # A stale review, then fr2 approves: fr1 (the editor) and fr2 have seen the text.
    stale = _review(client, tokens["fr2"], french, french["version"], "approve")
    assert _problem(stale, HTTPStatus.CONFLICT, "stale_version")["current_version"] == version
    approved = _review(client, tokens["fr2"], french, version, "approve").json()
    assert approved["review"]["state"] == "approved"
    # Machine text needs two approvers: es1, then the editor; a repeat is refused.
    assert _review(client, tokens["es1"], spanish, 1, "approve").json()["review"]["state"] == (
        "pending"
    )
    again = _review(client, tokens["es1"], spanish, 1, "approve")
    _problem(again, HTTPStatus.CONFLICT, "already_approved")
    assert _review(client, tokens["ed"], spanish, 1, "approve").json()["review"]["state"] == (
        "approved"
    )
    _plan_and_export(client, tokens, statement, {french["id"], spanish["id"]})


def _plan_and_export(
    client: TestClient, tokens: Tokens, statement: dict[str, Any], approved: set[int]
) -> None:
    url = f"/v1/statements/{statement['id']}"
    _problem(client.post(f"{url}/plan", headers=bearer(tokens["ed"])), 403, "forbidden_role")
    plan = client.post(f"{url}/plan", json={}, headers=bearer(tokens["pub"]))
    assert plan.status_code == HTTPStatus.OK, plan.text
    assert {post["rendition_id"] for post in plan.json()["posts"]} == approved
    every = {rendition["id"] for rendition in renditions_of(statement)}
    assert {item["rendition_id"] for item in plan.json()["blocked"]} == every - approved
    media_types = {  # a Hootsuite CSV holds one account, an XLIFF file one language
        "json": ("application/json", {}),
        "ics": ("text/calendar", {}),
        "hootsuite": ("text/csv", {"audience": "fr"}),
        "xliff": ("application/xliff+xml", {"language": "fr"}),
    }
    for name, (media_type, selection) in media_types.items():
        query = {"format": name, **selection}
        exported = client.get(f"{url}/export", params=query, headers=bearer(tokens["pub"]))
        assert exported.status_code == HTTPStatus.OK, exported.text
        assert exported.headers["content-type"].startswith(media_type)
        assert exported.headers["content-disposition"].startswith("attachment; filename=")
    posts = client.get(f"{url}/export", headers=bearer(tokens["pub"])).json()
    assert {post["rendition_id"] for post in posts["posts"]} == approved


def test_nothing_approved_exports_nothing(
    client: TestClient, tokens: Tokens, statement: dict[str, Any]
) -> None:
    url = f"/v1/statements/{statement['id']}/export"
    _problem(client.get(url, headers=bearer(tokens["pub"])), 409, "not_approved")


def test_stale_edits_conflict_by_version_and_by_etag(
    client: TestClient, tokens: Tokens, statement: dict[str, Any]
) -> None:
    french = renditions_of(statement, "fr")[0]
    url, headers = f"/v1/renditions/{french['id']}", bearer(tokens["fr2"])
    first = client.put(url, json={"text": "Première.", "version": 1}, headers=headers)
    assert first.status_code == HTTPStatus.OK, first.text
    by_version = client.put(url, json={"text": "Seconde.", "version": 1}, headers=headers)
    _problem(by_version, HTTPStatus.CONFLICT, "stale_version")
    stale_tag = {**headers, "If-Match": f'"{french["id"]}.1"'}
    by_tag = client.put(url, json={"text": "Seconde."}, headers=stale_tag)
    _problem(by_tag, HTTPStatus.CONFLICT, "stale_version")
    other_tag = {**headers, "If-Match": '"999999.2"'}
    _problem(client.put(url, json={"text": "x"}, headers=other_tag), 422, "invalid_input")
    _problem(client.put(url, json={"text": "x"}, headers=headers), 422, "invalid_input")
    both = client.put(url, json={"text": "x", "version": 3}, headers={**stale_tag})
    _problem(both, 422, "conflicting_options")


def test_translators_edit_only_their_languages(
    client: TestClient, tokens: Tokens, statement: dict[str, Any]
) -> None:
    spanish = renditions_of(statement, "es")[0]
    response = client.put(
        f"/v1/renditions/{spanish['id']}",
        json={"text": "Hola.", "version": 1},
        headers=bearer(tokens["fr1"]),
    )
    assert _problem(response, 403, "forbidden_role")["language"] == "es"


def test_history_and_audit_of_the_statement(
    client: TestClient, tokens: Tokens, statement: dict[str, Any]
) -> None:
    french = renditions_of(statement, "fr")[0]
    headers = bearer(tokens["fr1"])
    url = f"/v1/renditions/{french['id']}"
    client.put(url, json={"text": "Nouveau texte.", "version": 1}, headers=headers)
    history = client.get(f"{url}/history", headers=headers).json()
    assert [revision["version"] for revision in history["revisions"]] == [1, 2]
    assert history["revisions"][1]["author"] == "fr1"
    assert history["revisions"][1]["diff_from_previous"]
    audit = client.get("/v1/audit", params={"statement": statement["id"]}, headers=headers)
    assert audit.status_code == HTTPStatus.OK, audit.text
    entries = audit.json()["entries"]
    assert entries and all(entry["statement_id"] == statement["id"] for entry in entries)
    assert any(entry["actor"] == "fr1" for entry in entries)


def test_lists_filter_by_status_and_review_state(
    client: TestClient, tokens: Tokens, statement: dict[str, Any]
) -> None:
    headers = bearer(tokens["pub"])
    ready = client.get("/v1/statements", params={"status": "ready"}, headers=headers).json()
    assert [item["id"] for item in ready["statements"]] == [statement["id"]]
    queued = client.get("/v1/statements", params={"status": "queued"}, headers=headers).json()
    assert queued["statements"] == []
    approved = client.get("/v1/statements", params={"review_state": "approved"}, headers=headers)
    assert approved.json()["total"] == 0


def test_metrics_count_the_machine_translated_lines_by_pair(
    client: TestClient, statement: dict[str, Any]
) -> None:
    metrics = client.get("/metrics").text
    for language in ("fr", "es"):
        machine = [r for r in renditions_of(statement, language) if r["origin"] == "mt"]
        assert machine, f"the copy model translated nothing into {language}"
        line = f'adapt_mt_lines{{source="en",target="{language}"}} {float(len(machine))}'
        assert line in metrics
    assert 'target="en"' not in metrics  # English is the source: nothing to translate
    assert 'adapt_jobs{state="done"} 1.0' in metrics
