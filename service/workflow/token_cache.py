"""A short-lived, in-process memory of successful token lookups: token hash -> user.

Every API request (and every review UI page) authenticates a token; without this, each one
is a database read. A lookup that found a valid (not revoked) user is kept for
``ADAPT_TOKEN_CACHE_S`` seconds (1 by default; 0 turns the cache off). Unknown and revoked
tokens are never kept, so they always go to the database. A revoke made through this
process (:func:`~service.workflow.users.revoke_user`) clears the cache at once; a revoke
made by another process (``adapt users revoke``) takes effect here within the TTL.

Past half its TTL, the next lookup of an entry refreshes it from the database while the
others still use it, so a token in steady use is re-read about twice a TTL and never
misses for every request at once. The cache is bounded (:data:`MAX_ENTRIES`): when full,
expired entries go, and if none have expired it starts afresh. Reads and writes hold a
lock, so the thread pool and the event loop may share it.
"""

import threading
import time
from collections.abc import Callable

from service.review import User

MAX_ENTRIES = 10_000

Clock = Callable[[], float]


class TokenCache:
    """Users of recently authenticated token hashes, each kept for ``ttl_s`` seconds."""

    def __init__(self, ttl_s: float, *, clock: Clock = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, User, bool]] = {}  # expires, user, refreshing
        self._generation = 0

    @property
    def generation(self) -> int:
        """Bumped by every :meth:`clear`: read it before the database lookup and give it to
        :meth:`put`, so a lookup that raced a revoke is not remembered."""
        return self._generation

    def get(self, token_hash: str) -> User | None:
        """The user remembered for this hash; None if there is none, it expired, or it is
        past half its TTL and this caller is the one to refresh it from the database (the
        others keep the entry until it expires, so a busy token never expires for all
        requests at once)."""
        with self._lock:
            found = self._entries.get(token_hash)
            if found is None:
                return None
            expires, user, refreshing = found
            now = self._clock()
            if expires <= now:
                del self._entries[token_hash]
                return None
            if not refreshing and expires - now <= self.ttl_s / 2:
                self._entries[token_hash] = (expires, user, True)
                return None
            return user

    def put(self, token_hash: str, user: User, generation: int) -> None:
        """Remember a valid user's hash, read from the database at ``generation``; a revoked
        user, a zero TTL or a :meth:`clear` since that read keeps nothing."""
        with self._lock:
            if user.is_revoked:
                self._entries.pop(token_hash, None)
            if self.ttl_s <= 0 or user.is_revoked or generation != self._generation:
                return
            now = self._clock()
            if len(self._entries) >= MAX_ENTRIES:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                if len(self._entries) >= MAX_ENTRIES:
                    self._entries.clear()
            self._entries[token_hash] = (now + self.ttl_s, user, False)

    def forget(self, token_hash: str) -> None:
        """Drop this hash's entry (the database no longer knows the token)."""
        with self._lock:
            self._entries.pop(token_hash, None)

    def clear(self) -> None:
        """Forget every entry (a user was revoked or changed through this process)."""
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
