"""``adapt users`` and ``adapt db upgrade``: in process, and the token printed once."""

import json
from pathlib import Path
from typing import Any

import pytest

from service.cli import run
from service.store.migrate import head_revision


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ADAPT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ADAPT_DATABASE_URL", raising=False)
    return tmp_path / "data"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert run([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_add_prints_the_token_once_and_list_never(capsys: pytest.CaptureFixture[str]) -> None:
    added = _json(capsys, "users", "add", "ana", "--role", "translator", "--languages", "fr,es")
    assert set(added) == {"name", "token"} and added["name"] == "ana"
    assert run(["users", "add", "ben", "--role", "editor"]) == 0
    shown = capsys.readouterr().out
    assert "ben" in shown and "shown only this once" in shown
    token = shown.strip().splitlines()[-1]
    assert len(token) >= 43
    listed = _json(capsys, "users", "list")
    assert [(u["name"], u["role"], u["languages"]) for u in listed["users"]] == [
        ("ana", "translator", ["fr", "es"]),
        ("ben", "editor", []),
    ]
    assert added["token"] not in json.dumps(listed) and token not in json.dumps(listed)
    assert run(["users", "list"]) == 0
    assert "translator" in capsys.readouterr().out


def test_revoke_and_the_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["users", "add", "ana", "--role", "publisher"]) == 0
    capsys.readouterr()
    revoked = _json(capsys, "users", "revoke", "ana")
    assert revoked["name"] == "ana" and revoked["revoked_at_utc"].endswith("Z")
    cases = [
        (["users", "add", "ana", "--role", "editor"], "already exists"),
        (["users", "add", "cy", "--role", "translator"], "needs the languages"),
        (["users", "add", "cy", "--role", "editor", "--languages", "fr"], "give no languages"),
        (["users", "add", "cy", "--role", "translator", "--languages", "xx"], "unknown language"),
        (["users", "revoke", "nobody"], "no user named 'nobody'"),
    ]
    for argv, message in cases:
        assert run(argv) == 2
        assert message in capsys.readouterr().err
    assert run(["users", "add", "cy", "--role", "boss"]) == 2  # Click: not a role
    assert "Traceback" not in capsys.readouterr().err


def test_db_upgrade_reports_the_revision(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    status = _json(capsys, "db", "upgrade")
    head = head_revision()
    assert status == {"url": f"sqlite:///{data_dir / 'adapt.sqlite3'}", "revision": head}
    assert run(["db", "upgrade"]) == 0
    assert f"is at revision {head}" in capsys.readouterr().out
