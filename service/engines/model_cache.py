"""A thread-safe LRU of loaded models that never drops a model while a batch uses it.

A model of Argos size takes about 100 MB loaded; serving the 30 pairs of the six languages
needs ten of them. The cache keeps at most ``capacity`` loaded. A caller first *holds* the
keys it is about to use (:meth:`LoadedModels.hold`), all at once: a held model is never
evicted, and a hold waits until its keys fit beside the other callers' held keys, so the
bound is never passed, however many threads translate at once, and no caller can starve
another of a model halfway through a batch. Within a hold, :meth:`LoadedModels.get` loads
a key on first use (outside the cache lock, under a lock for that key only: two threads
asking for the same key load it once, and other keys are not held up meanwhile), first
dropping the least recently used model that nobody holds, so that the loaded models and
the ones being loaded never pass the bound.
"""

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Model = TypeVar("Model")


class LoadedModels(Generic[Key, Model]):
    """Least-recently-used cache of loaded models, at most ``capacity`` of them."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._models: OrderedDict[Key, Model] = OrderedDict()
        self._held: Counter[Key] = Counter()
        self._changed = threading.Condition()
        self._loading_locks: dict[Key, threading.Lock] = {}
        self._loading = 0  # loads under way: their models count against the bound too

    @contextmanager
    def hold(self, keys: Collection[Key]) -> Iterator[None]:
        """Keep ``keys`` from eviction for the block; waits until they fit beside the rest.

        Raises :class:`ValueError` for more distinct keys than the capacity.
        """
        wanted = set(keys)
        if len(wanted) > self.capacity:
            raise ValueError(f"{len(wanted)} models cannot be held at once in {self.capacity}")
        with self._changed:
            self._changed.wait_for(lambda: len(wanted | set(self._held)) <= self.capacity)
            self._held.update(wanted)
        try:
            yield
        finally:
            with self._changed:
                self._held.subtract(wanted)
                self._held = +self._held  # drop the keys nobody holds any more
                self._changed.notify_all()

    def get(self, key: Key, load: Callable[[], Model]) -> Model:
        """The model for a held ``key``, loaded with ``load()`` on first use.

        Raises :class:`KeyError` when ``key`` is not held: it could be evicted at once.
        """
        with self._changed:
            self._check_held(key)
            model = self._lookup(key)
            if model is not None:
                return model
            loading_lock = self._loading_locks.setdefault(key, threading.Lock())
        with loading_lock:
            with self._changed:
                model = self._lookup(key)
                if model is not None:
                    return model
                self._loading += 1
                self._evict()  # make room first: the new model exists before it is stored
            try:
                model = load()
            finally:
                with self._changed:
                    self._loading -= 1
            with self._changed:
                self._models[key] = model
            return model

    def order_for(self, keys: Sequence[Key]) -> list[Key]:
        """``keys`` with the loaded ones first (least recently used first), then the rest.

        Using loaded models before loading others means a caller that needs more models
        than the capacity loads each missing one once, evicting only models it is done with.
        """
        with self._changed:
            loaded = [key for key in self._models if key in keys]
        return loaded + [key for key in dict.fromkeys(keys) if key not in loaded]

    def _check_held(self, key: Key) -> None:
        if self._held[key] <= 0:
            raise KeyError(f"{key!r} must be held while it is used")

    def _lookup(self, key: Key) -> Model | None:
        if key in self._models:
            self._models.move_to_end(key)
            return self._models[key]
        return None

    def _evict(self) -> None:
        """Drop least recently used models nobody holds until the loaded and the loading fit.

        Held keys never exceed the capacity, and every load is of a held key, so dropping
        the models nobody holds always makes enough room.
        """
        idle = [key for key in self._models if self._held[key] <= 0]
        while len(self._models) + self._loading > self.capacity and idle:
            del self._models[idle.pop(0)]

    def keys(self) -> list[Key]:
        """The loaded keys, least recently used first."""
        with self._changed:
            return list(self._models)

    def clear(self) -> None:
        """Drop every model; one in use by a batch lives on until that batch ends."""
        with self._changed:
            self._models.clear()
