"""Waiting for another thread or process in tests: poll a condition up to a deadline.

The deadline only bounds a hung test; nothing is timed or asserted about how long it took.
"""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(probe: Callable[[], T | None], what: str, timeout_s: float = 30.0) -> T:
    """Call ``probe`` until it returns something truthy, and return that; fail after
    ``timeout_s`` with ``what`` it was waiting for."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {timeout_s} s")
        time.sleep(0.05)
