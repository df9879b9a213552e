"""The LRU of loaded models: bounded, least recently used out, one load per key."""

import functools
import threading
import time

import pytest

from service.engines.model_cache import LoadedModels
from service.engines.native_memory import release_free_memory


def test_least_recently_used_goes_first() -> None:
    cache: LoadedModels[str, str] = LoadedModels(2)
    loads: list[str] = []

    def loader(key: str) -> str:
        loads.append(key)
        return key.upper()

    for key in ["a", "b", "a", "c", "a", "b"]:
        assert cache.get(key, functools.partial(loader, key)) == key.upper()
    assert loads == ["a", "b", "c", "b"]
    assert cache.keys() == ["a", "b"]
    cache.clear()
    assert cache.keys() == []


def test_concurrent_requests_load_a_key_once() -> None:
    cache: LoadedModels[str, object] = LoadedModels(4)
    loads: list[str] = []

    def slow_load() -> object:
        loads.append("x")
        time.sleep(0.05)
        return object()

    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("x", slow_load))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == ["x"]
    assert len({id(result) for result in results}) == 1


def test_a_failed_load_is_not_cached() -> None:
    cache: LoadedModels[str, str] = LoadedModels(1)

    def fail() -> str:
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        cache.get("x", fail)
    assert cache.keys() == []
    assert cache.get("x", lambda: "ok") == "ok"


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LoadedModels[str, str](0)


def test_release_free_memory_runs() -> None:
    assert release_free_memory() in (True, False)
