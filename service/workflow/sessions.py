"""Browser sessions of the review UI: a signed cookie, re-checked against the users table.

Signing in with a token (:func:`sign_in`) seals a :class:`Session`: the user's id, the
SHA-256 of their token, an expiry and a random nonce, signed with HMAC-SHA256 under the
session key. No table holds sessions. Every request opens the seal (:func:`session_user`):
a bad signature, an expired session, or a user whose token no longer matches (revoked, or
re-issued) is ``unauthorized``, so revoking a user signs them out everywhere.

The nonce seeds the session's CSRF token (:func:`csrf_token`); a form posted without it,
or with another session's, is refused. A visitor not yet signed in gets a nonce of their
own for the sign-in form (:func:`new_nonce`).

The key is ``ADAPT_SESSION_SECRET``, or a random key kept in ``<data_dir>/session.key``
(mode 0600), so sessions survive a restart and every process of one deployment agrees.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from service.errors import ErrorCode, ForbiddenError, UnauthorizedError
from service.models import Model, UtcInstant
from service.review import User
from service.workflow.users import authenticate, hash_token, user_by_token_hash
from service.workflow.workspace import Workspace

KEY_FILE = "session.key"
KEY_BYTES = 32
NONCE_BYTES = 16


class Session(Model):
    """What the cookie holds (signed, not secret): whose session it is and until when."""

    user_id: int
    token_hash: str
    expires_at_utc: UtcInstant
    nonce: str


class SignedIn(Model):
    """A new session: the user, and the sealed cookie value to set."""

    user: User
    cookie: str
    max_age_s: int


def session_key(workspace: Workspace) -> bytes:
    """The key sessions are signed with (see the module doc)."""
    secret = workspace.settings.session_secret
    if secret:
        return hashlib.sha256(secret.encode("utf-8")).digest()
    path = workspace.settings.data_dir / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(descriptor, "wb") as key_file:
                key_file.write(secrets.token_bytes(KEY_BYTES))
    return path.read_bytes()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: bytes, purpose: str, data: str) -> str:
    return _b64(hmac.new(key, f"{purpose}:{data}".encode(), hashlib.sha256).digest())


def seal(key: bytes, session: Session) -> str:
    """``payload.signature``, both URL-safe base64."""
    payload = _b64(session.model_dump_json().encode("utf-8"))
    return f"{payload}.{_sign(key, 'session', payload)}"


def unseal(key: bytes, cookie: str, now: datetime | None = None) -> Session:
    """The session in a sealed cookie; tampered, malformed or expired is ``unauthorized``."""
    payload, _, signature = cookie.partition(".")
    if not hmac.compare_digest(signature, _sign(key, "session", payload)):
        raise UnauthorizedError("the session is not valid: sign in again")
    try:
        session = Session.model_validate(json.loads(_unb64(payload)))
    except (ValueError, ValidationError):
        raise UnauthorizedError("the session is not valid: sign in again") from None
    if session.expires_at_utc <= (now or datetime.now(UTC)):
        raise UnauthorizedError("the session has expired: sign in again")
    return session


def new_nonce() -> str:
    """A random nonce: a new session's, or an anonymous visitor's for the sign-in form."""
    return secrets.token_urlsafe(NONCE_BYTES)


def csrf_token(workspace: Workspace, nonce: str) -> str:
    """The CSRF token of the session (or visitor) with ``nonce``."""
    return _sign(session_key(workspace), "csrf", nonce)


def check_csrf(workspace: Workspace, nonce: str | None, given: str | None) -> None:
    """Refuse (``forbidden``) a form whose CSRF token is missing or not this session's."""
    if not nonce or not given or not hmac.compare_digest(given, csrf_token(workspace, nonce)):
        raise ForbiddenError(
            "the form is missing its security token, or it is from another session: "
            "reload the page and try again",
            code=ErrorCode.CSRF_FAILED,
            field="csrf_token",
        )


def sign_in(workspace: Workspace, token: str, now: datetime | None = None) -> SignedIn:
    """Authenticate ``token`` and seal a new session for its user."""
    user = authenticate(workspace, token.strip())
    max_age_s = workspace.settings.session_max_age_s
    expires = (now or datetime.now(UTC)) + timedelta(seconds=max_age_s)
    session = Session(
        user_id=user.id,
        token_hash=hash_token(token.strip()),
        expires_at_utc=expires,
        nonce=new_nonce(),
    )
    return SignedIn(user=user, cookie=seal(session_key(workspace), session), max_age_s=max_age_s)


def session_user(workspace: Workspace, cookie: str | None) -> tuple[User, Session]:
    """The signed-in user of a sealed cookie, re-checked against the users table now."""
    if not cookie:
        raise UnauthorizedError("not signed in")
    session = unseal(session_key(workspace), cookie)
    user = user_by_token_hash(workspace, session.token_hash)
    if user is None or user.id != session.user_id:
        raise UnauthorizedError("the session's token is no longer valid: sign in again")
    if user.is_revoked:
        raise UnauthorizedError(f"the token of {user.name} was revoked", user=user.name)
    return user, session
