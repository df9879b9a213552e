"""Review UI sessions: a sealed cookie, re-checked against the users table; CSRF tokens."""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service.errors import ErrorCode, ForbiddenError, UnauthorizedError
from service.review import Role
from service.settings import Settings
from service.store import Store
from service.workflow import Workspace
from service.workflow.sessions import (
    Session,
    check_csrf,
    csrf_token,
    seal,
    session_key,
    session_user,
    sign_in,
    unseal,
)
from service.workflow.users import NewUserRequest, add_user, revoke_user


@pytest.fixture
def workspace(store: Store, tmp_path: Path) -> Workspace:
    return Workspace(Settings(data_dir=tmp_path / "data"), store=store)


def _token(workspace: Workspace, name: str = "ana") -> str:
    return add_user(workspace, NewUserRequest(name=name, role=Role.EDITOR)).token


def test_a_session_names_its_user_until_revoked(workspace: Workspace) -> None:
    signed_in = sign_in(workspace, _token(workspace))
    user, session = session_user(workspace, signed_in.cookie)
    assert user.name == "ana" and session.user_id == user.id
    revoke_user(workspace, "ana")
    with pytest.raises(UnauthorizedError, match="revoked"):
        session_user(workspace, signed_in.cookie)


@pytest.mark.parametrize("cookie", ["", "garbage", "e30.e30", "a.b.c"])
def test_malformed_cookies_are_unauthorized(workspace: Workspace, cookie: str) -> None:
    with pytest.raises(UnauthorizedError):
        session_user(workspace, cookie)


def test_a_tampered_payload_is_refused(workspace: Workspace) -> None:
    signed_in = sign_in(workspace, _token(workspace))
    _, signature = signed_in.cookie.split(".")
    other = sign_in(workspace, _token(workspace, "ben")).cookie.split(".")[0]
    with pytest.raises(UnauthorizedError, match="not valid"):
        session_user(workspace, f"{other}.{signature}")


def test_an_expired_session_is_refused(workspace: Workspace) -> None:
    key = session_key(workspace)
    session = Session(user_id=1, token_hash="0" * 64, expires_at_utc=datetime.now(UTC), nonce="n")
    sealed = seal(key, session)
    assert unseal(key, sealed, now=datetime.now(UTC) - timedelta(seconds=1)) == session
    with pytest.raises(UnauthorizedError, match="expired"):
        unseal(key, sealed, now=datetime.now(UTC) + timedelta(seconds=1))


def test_another_key_does_not_open_a_session(workspace: Workspace, tmp_path: Path) -> None:
    signed_in = sign_in(workspace, _token(workspace))
    stranger = Workspace(Settings(data_dir=tmp_path / "other"), store=workspace.store)
    with pytest.raises(UnauthorizedError):
        session_user(stranger, signed_in.cookie)


def test_the_key_file_is_made_once_and_private(workspace: Workspace) -> None:
    key = session_key(workspace)
    path = workspace.settings.data_dir / "session.key"
    assert session_key(workspace) == key and len(key) == 32
    assert os.stat(path).st_mode & 0o077 == 0


def test_a_configured_secret_wins(store: Store, tmp_path: Path) -> None:
    one = Workspace(Settings(data_dir=tmp_path / "a", session_secret="s3cret"), store=store)
    two = Workspace(Settings(data_dir=tmp_path / "b", session_secret="s3cret"), store=store)
    assert session_key(one) == session_key(two)
    assert not (tmp_path / "a" / "session.key").exists()


def test_csrf_tokens_belong_to_their_nonce(workspace: Workspace) -> None:
    good = csrf_token(workspace, "nonce")
    check_csrf(workspace, "nonce", good)
    forged = good.swapcase()
    assert forged != good
    for nonce, given in [
        ("nonce", None),
        ("nonce", ""),
        (None, good),
        ("other", good),
        ("nonce", forged),
    ]:
        with pytest.raises(ForbiddenError) as refused:
            check_csrf(workspace, nonce, given)
        assert refused.value.fields["field"] == "csrf_token"
        assert refused.value.code is ErrorCode.CSRF_FAILED
