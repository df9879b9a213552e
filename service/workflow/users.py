"""Users and tokens: add (the token is shown once), list, revoke, authenticate.

A token is 32 random bytes, URL-safe base64; only its SHA-256 is stored. Authentication
looks the user up by the hash and compares the hashes in constant time
(:func:`hmac.compare_digest`); a valid user is remembered for ``ADAPT_TOKEN_CACHE_S``
seconds (``service/workflow/token_cache.py``). No message, log line or audit entry ever
holds a token.

The permission table itself is :data:`service.review.PERMISSIONS`; :func:`authorize` is
its one entry point, re-exported here for the use cases and edges.
"""

import hashlib
import hmac
import re
import secrets

from pydantic import Field, ValidationError, field_validator, model_validator

from service.errors import ErrorCode, InputError, UnauthorizedError
from service.languages import Language
from service.models import Model
from service.review import LANGUAGE_BOUND_ROLES, SYSTEM_ACTOR, Action, Role, User, authorize
from service.workflow.workspace import Workspace

__all__ = [
    "Action",
    "NewUser",
    "NewUserRequest",
    "Role",
    "User",
    "UserList",
    "add_user",
    "authenticate",
    "authorize",
    "list_users",
    "remembered_user",
    "revoke_user",
    "user_by_token_hash",
    "user_request",
]

TOKEN_BYTES = 32
_NAME = re.compile(r"[\w.@-]{1,100}")


class NewUserRequest(Model):
    """A user to add: a unique name, a role and, for a translator, their languages."""

    name: str
    role: Role
    languages: list[Language] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _usable_name(cls, name: str) -> str:
        if not _NAME.fullmatch(name) or name == SYSTEM_ACTOR:
            raise ValueError(
                "a user name is 1 to 100 letters, digits, '.', '_', '-' or '@' "
                f"(and not {SYSTEM_ACTOR!r})"
            )
        return name

    @model_validator(mode="after")
    def _languages_fit_role(self) -> "NewUserRequest":
        bound = self.role in LANGUAGE_BOUND_ROLES
        if bound and not self.languages:
            raise ValueError(f"a {self.role.value} needs the languages they translate")
        if not bound and self.languages:
            raise ValueError(f"a {self.role.value} works in every language: give no languages")
        return self


class NewUser(Model):
    """The new user's name and token: the only time the token is ever shown."""

    name: str
    token: str


class UserList(Model):
    users: list[User]


def user_request(name: str, role: Role, languages: list[Language]) -> NewUserRequest:
    """A :class:`NewUserRequest` from an edge's arguments; a bad one is an InputError."""
    try:
        return NewUserRequest(name=name, role=role, languages=languages)
    except ValidationError as error:
        problem = error.errors()[0]
        raise InputError(
            str(problem["msg"]).removeprefix("Value error, "),
            code=ErrorCode.INVALID_INPUT,
            field=".".join(map(str, problem["loc"])) or "user",
        ) from None


def hash_token(token: str) -> str:
    """SHA-256 of the token, hex: what the store keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _operator(actor: User | None) -> str:
    """The audit actor for user management: an admin, or the operator at the command line."""
    if actor is None:
        return SYSTEM_ACTOR
    authorize(actor, Action.MANAGE_USERS)
    return actor.name


def add_user(workspace: Workspace, request: NewUserRequest, actor: User | None = None) -> NewUser:
    """Add a user with a new token; ``actor`` is the admin doing it (None: the operator)."""
    by = _operator(actor)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    languages = list(dict.fromkeys(request.languages))
    workspace.store.users.add(request.name, request.role, languages, hash_token(token), by)
    return NewUser(name=request.name, token=token)


def list_users(workspace: Workspace, actor: User | None = None) -> UserList:
    """Every user, revoked ones too, by name (never a token or its hash)."""
    _operator(actor)
    return UserList(users=workspace.store.users.list_users())


def revoke_user(workspace: Workspace, name: str, actor: User | None = None) -> User:
    """Revoke the user's token from now on; the user and their history stay. This process
    forgets every remembered token at once; other processes within ``ADAPT_TOKEN_CACHE_S``."""
    revoked = workspace.store.users.revoke(name, _operator(actor))
    workspace.token_cache.clear()
    return revoked


def user_by_token_hash(
    workspace: Workspace, token_hash: str, *, remembered: bool = True
) -> User | None:
    """The user holding the token with this hash (None: unknown), revoked or not; a valid
    user found in the database is remembered for ``ADAPT_TOKEN_CACHE_S`` seconds.
    ``remembered=False``: the caller already asked the cache, go to the database."""
    cache = workspace.token_cache
    if remembered and (user := cache.get(token_hash)) is not None:
        return user
    generation = cache.generation
    found = workspace.store.users.by_token_hash(token_hash)
    if found is None or not hmac.compare_digest(found[1], token_hash):
        cache.forget(token_hash)
        return None
    cache.put(token_hash, found[0], generation)
    return found[0]


def remembered_user(workspace: Workspace, token: str | None) -> User | None:
    """The user of a token authenticated in the last ``ADAPT_TOKEN_CACHE_S`` seconds, read
    from memory only (no database, so an async edge may call it on its event loop); None
    means: call :func:`authenticate` with ``remembered=False``."""
    return workspace.token_cache.get(hash_token(token)) if token else None


def authenticate(workspace: Workspace, token: str | None, *, remembered: bool = True) -> User:
    """The user whose token this is; no, unknown or revoked tokens are ``unauthorized``.
    ``remembered=False`` skips the token cache (after :func:`remembered_user` said None)."""
    if not token:
        raise UnauthorizedError("no token given")
    user = user_by_token_hash(workspace, hash_token(token), remembered=remembered)
    if user is None:
        raise UnauthorizedError("unknown token", code=ErrorCode.UNAUTHORIZED)
    if user.is_revoked:
        raise UnauthorizedError(f"the token of {user.name} was revoked", user=user.name)
    return user
