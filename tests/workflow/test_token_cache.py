"""The token cache: valid users only, kept for a bounded TTL, refreshed before it expires,
cleared by a revoke in this process; a revoke from elsewhere shows within the TTL."""

from datetime import UTC, datetime

import pytest
from support.people import FR

from service.errors import UnauthorizedError
from service.review import Role, User
from service.settings import Settings
from service.workflow import Workspace
from service.workflow.token_cache import MAX_ENTRIES, TokenCache
from service.workflow.users import (
    NewUserRequest,
    add_user,
    authenticate,
    hash_token,
    remembered_user,
    revoke_user,
)

ANA = User(id=1, name="ana", role=Role.TRANSLATOR, languages=[FR], created_at_utc=datetime.now(UTC))


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_an_entry_lasts_its_ttl_and_no_longer(clock: Clock) -> None:
    cache = TokenCache(2.0, clock=clock)
    cache.put("h", ANA, cache.generation)
    assert cache.get("h") == ANA
    clock.now += 2.0
    assert cache.get("h") is None and len(cache) == 0


def test_past_half_its_ttl_one_caller_refreshes_the_others_keep_it(clock: Clock) -> None:
    cache = TokenCache(2.0, clock=clock)
    cache.put("h", ANA, cache.generation)
    clock.now += 1.5
    assert cache.get("h") is None  # this caller reads the database
    assert cache.get("h") == ANA and cache.get("h") == ANA
    clock.now += 0.5
    assert cache.get("h") is None  # never past the TTL, refreshed or not


def test_revoked_users_a_zero_ttl_and_a_raced_clear_keep_nothing(clock: Clock) -> None:
    cache = TokenCache(2.0, clock=clock)
    cache.put("h", ANA, cache.generation)
    revoked = ANA.model_copy(update={"revoked_at_utc": datetime.now(UTC)})
    cache.put("h", revoked, cache.generation)
    assert cache.get("h") is None
    read_at = cache.generation
    cache.clear()
    cache.put("h", ANA, read_at)  # read before the clear: may be stale
    assert cache.get("h") is None
    off = TokenCache(0, clock=clock)
    off.put("h", ANA, off.generation)
    assert off.get("h") is None


def test_the_cache_stays_bounded(clock: Clock) -> None:
    cache = TokenCache(2.0, clock=clock)
    for n in range(MAX_ENTRIES + 5):
        cache.put(f"h{n}", ANA, cache.generation)
    assert len(cache) <= MAX_ENTRIES
    assert cache.get(f"h{MAX_ENTRIES + 4}") == ANA


@pytest.fixture
def workspace(service_workspace: Workspace, clock: Clock) -> Workspace:
    return Workspace(
        Settings(data_dir=service_workspace.settings.data_dir),
        store=service_workspace.store,
        token_cache=TokenCache(2.0, clock=clock),
    )


def test_a_revoke_through_this_process_is_immediate(workspace: Workspace) -> None:
    token = add_user(workspace, NewUserRequest(name="ana", role=Role.EDITOR)).token
    assert authenticate(workspace, token).name == "ana"
    assert remembered_user(workspace, token) is not None
    revoke_user(workspace, "ana")
    assert remembered_user(workspace, token) is None
    with pytest.raises(UnauthorizedError, match="revoked"):
        authenticate(workspace, token)


def test_a_revoke_from_another_process_takes_effect_within_the_ttl(
    workspace: Workspace, clock: Clock
) -> None:
    token = add_user(workspace, NewUserRequest(name="ana", role=Role.EDITOR)).token
    authenticate(workspace, token)
    workspace.store.users.revoke("ana", "system")  # as `adapt users revoke` would
    clock.now += 0.5
    assert authenticate(workspace, token).name == "ana"  # still remembered
    clock.now += 1.6
    with pytest.raises(UnauthorizedError, match="revoked"):
        authenticate(workspace, token)
    assert remembered_user(workspace, token) is None


def test_unknown_tokens_are_never_remembered(workspace: Workspace) -> None:
    for _ in range(2):
        with pytest.raises(UnauthorizedError, match="unknown"):
            authenticate(workspace, "x" * 43)
    assert remembered_user(workspace, "x" * 43) is None and len(workspace.token_cache) == 0
    assert remembered_user(workspace, None) is None
    assert workspace.token_cache.get(hash_token("x" * 43)) is None
