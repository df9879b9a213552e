"""A thread-safe LRU of loaded models, so memory stays bounded however many pairs are used.

A model of Argos size takes about 100 MB loaded; serving the 30 pairs of the six languages
needs ten of them. The cache keeps at most ``capacity`` loaded and drops the least recently
used one. Loading happens outside the cache lock, under a lock for that key only: two
threads asking for the same pair load it once, and other pairs are not held up meanwhile.
A model dropped while another thread still translates with it stays alive until that
thread lets go of it.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
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
        self._lock = threading.Lock()
        self._loading_locks: dict[Key, threading.Lock] = {}

    def get(self, key: Key, load: Callable[[], Model]) -> Model:
        """The model for ``key``, loaded with ``load()`` on first use."""
        with self._lock:
            model = self._lookup(key)
            if model is not None:
                return model
            loading_lock = self._loading_locks.setdefault(key, threading.Lock())
        with loading_lock:
            with self._lock:
                model = self._lookup(key)
                if model is not None:
                    return model
            model = load()
            with self._lock:
                self._models[key] = model
                while len(self._models) > self.capacity:
                    self._models.popitem(last=False)
            return model

    def _lookup(self, key: Key) -> Model | None:
        if key in self._models:
            self._models.move_to_end(key)
            return self._models[key]
        return None

    def keys(self) -> list[Key]:
        """The loaded keys, least recently used first."""
        with self._lock:
            return list(self._models)

    def clear(self) -> None:
        with self._lock:
            self._models.clear()
