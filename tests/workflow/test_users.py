"""Users and tokens: added with a token shown once, stored hashed, revoked, authenticated."""

import pytest
from support.people import FR, People, add_person

from service.errors import ErrorCode, ForbiddenError, InputError, UnauthorizedError
from service.review import Role
from service.workflow import Workspace
from service.workflow.users import (
    NewUserRequest,
    add_user,
    authenticate,
    hash_token,
    list_users,
    revoke_user,
    user_request,
)


def test_a_token_authenticates_its_user_and_is_stored_only_hashed(
    service_workspace: Workspace,
) -> None:
    created = add_user(
        service_workspace, NewUserRequest(name="ana", role=Role.TRANSLATOR, languages=[FR])
    )
    assert len(created.token) >= 43  # 32 random bytes, URL-safe base64
    user = authenticate(service_workspace, created.token)
    assert (user.name, user.role, user.languages) == ("ana", Role.TRANSLATOR, [FR])
    stored = service_workspace.store.users.by_token_hash(hash_token(created.token))
    assert stored is not None and stored[1] != created.token
    (entry,) = service_workspace.store.audit.entries()
    assert created.token not in entry.model_dump_json()
    assert created.model_dump(mode="json") == {"name": "ana", "token": created.token}


@pytest.mark.parametrize("token", [None, "", "not-a-token", "x" * 43])
def test_no_or_unknown_tokens_are_unauthorized(
    service_workspace: Workspace, token: str | None
) -> None:
    add_person(service_workspace, "ana", Role.EDITOR, [])
    with pytest.raises(UnauthorizedError) as raised:
        authenticate(service_workspace, token)
    assert raised.value.code is ErrorCode.UNAUTHORIZED


def test_a_revoked_token_no_longer_authenticates(service_workspace: Workspace) -> None:
    created = add_user(service_workspace, NewUserRequest(name="ana", role=Role.EDITOR))
    revoked = revoke_user(service_workspace, "ana")
    assert revoked.is_revoked
    with pytest.raises(UnauthorizedError, match="revoked"):
        authenticate(service_workspace, created.token)
    assert [user.name for user in list_users(service_workspace).users] == ["ana"]


@pytest.mark.parametrize(
    ("name", "role", "languages", "message"),
    [
        ("ana", Role.TRANSLATOR, [], "needs the languages"),
        ("ana", Role.EDITOR, [FR], "give no languages"),
        ("system", Role.EDITOR, [], "user name"),
        ("two words", Role.EDITOR, [], "user name"),
        ("", Role.EDITOR, [], "user name"),
    ],
)
def test_bad_users_are_input_errors(
    name: str, role: Role, languages: list[str], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        user_request(name, role, languages)  # type: ignore[arg-type]


def test_only_an_admin_manages_users(service_workspace: Workspace, people: People) -> None:
    request = NewUserRequest(name="new", role=Role.PUBLISHER)
    with pytest.raises(ForbiddenError):
        add_user(service_workspace, request, actor=people["ed"])
    with pytest.raises(ForbiddenError):
        revoke_user(service_workspace, "fr1", actor=people["pub"])
    add_user(service_workspace, request, actor=people["root"])
    revoke_user(service_workspace, "new", actor=people["root"])
    actors = [entry.actor for entry in service_workspace.store.audit.entries()][-2:]
    assert actors == ["root", "root"]
