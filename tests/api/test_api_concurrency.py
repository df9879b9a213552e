"""Many people editing and reviewing one rendition at once, over real HTTP, against a real
``adapt serve`` on SQLite and on PostgreSQL: one winner per version, every loser a 409,
no 500, and no approval lost."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.api_client import bearer, renditions_of
from support.api_server import adapt_serve
from support.databases import DATABASES, database_url
from support.people import FR, add_person, ready_statement

from service.engines.argos import ArgosEngine
from service.review import Role
from service.settings import Settings
from service.workflow import Workspace
from service.workflow.users import NewUserRequest, add_user

PEOPLE_PER_SIDE = 50
Call = tuple[str, str, str, dict[str, Any]]  # method, path, token, body


@pytest.fixture(params=DATABASES)
def served(
    request: pytest.FixtureRequest, tmp_path: Path, argos_engine: ArgosEngine
) -> Iterator[tuple[str, Workspace]]:
    """A real server and a workspace on the same database (to set up users and data)."""
    for url in database_url(request.param, tmp_path):
        settings = Settings(data_dir=tmp_path, database_url=url)
        with Workspace(settings, engine=argos_engine) as workspace:
            _ = workspace.store  # migrated before the server starts
            environment = {"ADAPT_DATA_DIR": str(tmp_path), "ADAPT_DATABASE_URL": url}
            with adapt_serve(environment, tmp_path / "serve.log") as base_url:
                yield base_url, workspace


def _tokens(workspace: Workspace, prefix: str, role: Role) -> list[str]:
    languages = [FR] if role is Role.TRANSLATOR else []
    return [
        add_user(
            workspace, NewUserRequest(name=f"{prefix}{n}", role=role, languages=languages)
        ).token
        for n in range(PEOPLE_PER_SIDE)
    ]


def _all_at_once(base_url: str, calls: list[Call]) -> list[tuple[int, dict[str, Any]]]:
    limits = httpx.Limits(max_connections=len(calls))
    with httpx.Client(base_url=base_url, timeout=120, limits=limits) as client:

        def send(call: Call) -> tuple[int, dict[str, Any]]:
            method, path, token, body = call
            response = client.request(method, path, json=body, headers=bearer(token))
            return response.status_code, response.json()

        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            return list(pool.map(send, calls))


def _codes(outcomes: list[tuple[int, dict[str, Any]]]) -> list[str]:
    return [body.get("code", "ok") if status >= 400 else "ok" for status, body in outcomes]


@pytest.mark.slow
def test_fifty_editors_and_fifty_reviewers_over_http(served: tuple[str, Workspace]) -> None:
    base_url, workspace = served
    editor = add_person(workspace, "chief", Role.EDITOR, [])
    french = renditions_of(ready_statement(workspace, editor).model_dump(mode="json"), "fr")[0]
    path = f"/v1/renditions/{french['id']}"
    editors = _tokens(workspace, "editor", Role.EDITOR)
    reviewers = _tokens(workspace, "reviewer", Role.TRANSLATOR)
    approve = {"decision": "approve", "version": 1}
    calls: list[Call] = [
        ("PUT", path, token, {"text": f"Proposition {n}.", "version": 1})
        for n, token in enumerate(editors)
    ]
    calls += [("POST", f"{path}/reviews", token, approve) for token in reviewers]
    outcomes = _all_at_once(base_url, calls)
    assert all(status < 500 for status, _ in outcomes)
    edits, reviews = _codes(outcomes[:PEOPLE_PER_SIDE]), _codes(outcomes[PEOPLE_PER_SIDE:])
    assert edits.count("ok") == 1 and edits.count("stale_version") == PEOPLE_PER_SIDE - 1
    assert set(reviews) <= {"ok", "stale_version"}
    winner = edits.index("ok")
    final = httpx.get(f"{base_url}{path}", headers=bearer(editors[0])).json()
    assert (final["version"], final["text"]) == (2, f"Proposition {winner}.")
    assert final["review"]["approvals"] == []  # the approvals of version 1 do not carry over
    # One reviewer twenty times at once: one approval; then everyone else: none lost.
    again = [("POST", f"{path}/reviews", reviewers[0], {**approve, "version": 2})] * 20
    assert sorted(_codes(_all_at_once(base_url, again))) == ["already_approved"] * 19 + ["ok"]
    rest = [("POST", f"{path}/reviews", token, {**approve, "version": 2}) for token in reviewers]
    assert _codes(_all_at_once(base_url, rest[1:])) == ["ok"] * (PEOPLE_PER_SIDE - 1)
    final = httpx.get(f"{base_url}{path}", headers=bearer(editors[0])).json()
    assert sorted(final["review"]["approvals"]) == sorted(f"reviewer{n}" for n in range(50))
    assert final["review"]["state"] == "approved"
