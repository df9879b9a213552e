"""Talking to the API in tests: bearer headers, and waiting for a statement's job."""

from typing import Any

import httpx

from support.waiting import wait_for

SETTLED = ("ready", "failed")
Tokens = dict[str, str]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_until_adapted(
    client: httpx.Client, location: str, token: str, timeout_s: float = 60.0
) -> dict[str, Any]:
    """GET the statement at ``location`` until its job has settled; its body then."""

    def settled() -> dict[str, Any] | None:
        body: dict[str, Any] = client.get(location, headers=bearer(token)).json()
        return body if body["status"] in SETTLED else None

    return wait_for(settled, f"the statement at {location} to be adapted", timeout_s)


def renditions_of(statement: dict[str, Any], language: str | None = None) -> list[dict[str, Any]]:
    """The statement's renditions (of one language), line by line."""
    return [
        rendition
        for line in statement["lines"]
        for rendition in line["renditions"]
        if language is None or rendition["language"] == language
    ]
