"""Keep native memory near the size of the loaded models while CTranslate2 translates.

CTranslate2 runs each translator on worker threads of its own, and glibc gives each thread
a malloc arena (up to eight per core) and keeps there what a batch freed, for reuse by
that arena only. With five pairs translating at once, every model's workers then hold a
batch's worth of freed memory. Measured with the bench's Argos-sized models, five pairs at
once peaked at 917 MiB, against 786 MiB with the arenas limited to one per lane, where
what one batch freed is reused by the next. Returning the freed memory after every batch
instead (``malloc_trim``) kept 689 MiB but cost 8% more CPU time, in page faults as each
batch touched its memory again.

Where there is no glibc (musl, macOS, Windows) these are no-ops.
"""

import ctypes
import functools
import sys
import threading

_M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
_arena_lock = threading.Lock()
_arena_limit = 0  # the limit set so far in this process; 0 means glibc's default


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim  # noqa: B018 - glibc has both, musl neither
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def release_free_memory() -> bool:
    """Return freed heap memory to the OS; True if the C library could do it."""
    libc = _glibc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def limit_malloc_arenas(arenas: int) -> bool:
    """Let the threads started from now on share at most ``arenas`` malloc arenas.

    The limit is the process's: it only ever rises, to the largest number asked for, so no
    caller gets fewer arenas than it has threads working at once. True if it applied.
    """
    global _arena_limit
    libc = _glibc()
    if libc is None or arenas < 1:
        return False
    with _arena_lock:
        if arenas <= _arena_limit:
            return True
        if libc.mallopt(_M_ARENA_MAX, arenas) != 1:
            return False
        _arena_limit = arenas
        return True
