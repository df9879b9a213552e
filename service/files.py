"""Files written whole or not at all: a temporary file beside the target, then a rename.

A reader (another process, a rerun after a crash, even after SIGKILL) sees the old file or
the new one, never half of one. The temporary file is opened like any other, so the new
file gets the user's umask, as every file adapt writes does.
"""

import os
import threading
from pathlib import Path

from service.errors import ErrorCode, InputError


def replace_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (flushed to disk, then renamed into place); may raise OSError."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """:func:`replace_atomically`, with a failure as ``unwritable_file`` naming the path."""
    try:
        replace_atomically(path, data)
    except OSError as error:
        raise InputError(
            f"{path}: cannot write ({error.strerror})",
            code=ErrorCode.UNWRITABLE_FILE,
            path=str(path),
        ) from None
