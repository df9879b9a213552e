"""The LRU of loaded models: bounded, least recently used out, one load per key, and no
model dropped while it is held."""

import functools
import threading
import time

import pytest

from service.engines.model_cache import LoadedModels
from service.engines.native_memory import release_free_memory


def _get(cache: LoadedModels[str, str], key: str, loads: list[str]) -> str:
    def loader() -> str:
        loads.append(key)
        return key.upper()

    with cache.hold([key]):
        return cache.get(key, loader)


def test_least_recently_used_goes_first() -> None:
    cache: LoadedModels[str, str] = LoadedModels(2)
    loads: list[str] = []
    for key in ["a", "b", "a", "c", "a", "b"]:
        assert _get(cache, key, loads) == key.upper()
    assert loads == ["a", "b", "c", "b"]
    assert cache.keys() == ["a", "b"]
    cache.clear()
    assert cache.keys() == []


def test_a_held_model_is_never_evicted() -> None:
    cache: LoadedModels[str, str] = LoadedModels(2)
    loads: list[str] = []
    with cache.hold(["a", "b"]):
        cache.get("a", lambda: "A")
        _get(cache, "b", loads)  # a second holder of b, then b is still held by the first
        assert cache.keys() == ["a", "b"]
        cache.get("b", lambda: "never loaded again")
    _get(cache, "c", loads)
    assert loads == ["b", "c"] and cache.keys() == ["b", "c"]


def test_a_hold_waits_until_its_keys_fit() -> None:
    cache: LoadedModels[str, str] = LoadedModels(2)
    held = threading.Event()

    def hold_c() -> None:
        with cache.hold(["c"]):
            held.set()
            cache.get("c", lambda: "C")

    with cache.hold(["a", "b"]):
        cache.get("a", lambda: "A")
        cache.get("b", lambda: "B")
        waiting = threading.Thread(target=hold_c)
        waiting.start()
        assert not held.wait(0.2)  # a and b fill the cache: c must wait
        assert cache.keys() == ["a", "b"]
    waiting.join()
    loaded = cache.keys()
    assert held.is_set() and len(loaded) == 2 and "c" in loaded


def test_keys_that_are_held_already_need_no_room() -> None:
    cache: LoadedModels[str, str] = LoadedModels(1)
    with cache.hold(["a"]), cache.hold(["a"]):
        assert cache.get("a", lambda: "A") == "A"


def test_get_needs_a_hold_and_a_hold_needs_room() -> None:
    cache: LoadedModels[str, str] = LoadedModels(2)
    with pytest.raises(KeyError, match="must be held"):
        cache.get("a", lambda: "A")
    with pytest.raises(ValueError, match="3 models cannot be held at once in 2"), cache.hold("abc"):
        pass


def test_concurrent_requests_load_a_key_once() -> None:
    cache: LoadedModels[str, object] = LoadedModels(4)
    loads: list[str] = []

    def slow_load() -> object:
        loads.append("x")
        time.sleep(0.05)
        return object()

    results: list[object] = []

    def work() -> None:
        with cache.hold(["x"]):
            results.append(cache.get("x", slow_load))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == ["x"]
    assert len({id(result) for result in results}) == 1


def test_many_threads_never_pass_the_bound() -> None:
    cache: LoadedModels[str, str] = LoadedModels(2)
    sizes: list[int] = []

    def work(keys: list[str]) -> None:
        for _ in range(20):
            with cache.hold(keys):
                for key in keys:
                    cache.get(key, functools.partial(str.upper, key))
                    sizes.append(len(cache.keys()))

    threads = [threading.Thread(target=work, args=(keys,)) for keys in (["a", "b"], ["c"], ["d"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(sizes) <= 2


def test_loaded_keys_come_first() -> None:
    cache: LoadedModels[str, str] = LoadedModels(3)
    for key in ["a", "b"]:
        _get(cache, key, [])
    assert cache.order_for(["c", "b", "d", "a"]) == ["a", "b", "c", "d"]


def test_a_failed_load_is_not_cached() -> None:
    cache: LoadedModels[str, str] = LoadedModels(1)

    def fail() -> str:
        raise RuntimeError("broken")

    with cache.hold(["x"]):
        with pytest.raises(RuntimeError):
            cache.get("x", fail)
        assert cache.keys() == []
        assert cache.get("x", lambda: "ok") == "ok"


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LoadedModels[str, str](0)


def test_release_free_memory_runs() -> None:
    assert release_free_memory() in (True, False)
