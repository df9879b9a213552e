"""A real ``adapt serve`` in a subprocess, on a free port, for tests over real HTTP.

The server binds port 0 (the system picks a free one) and the port is read from uvicorn's
start-up line, so two tests never race for a port. The server is stopped (SIGTERM, then
SIGKILL) when the block ends; its log is kept in ``log_path`` for a failing test.
"""

import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
import regex

from service.settings import REPOSITORY_ROOT
from support.cli import ADAPT
from support.waiting import wait_for

_LISTENING = regex.compile(r"Uvicorn running on http://([\d.]+):(\d+)")


def _address(log_path: Path, server: "subprocess.Popen[bytes]") -> str | None:
    if server.poll() is not None:
        log = log_path.read_text(encoding="utf-8", errors="replace")
        raise AssertionError(f"adapt serve exited with {server.returncode}:\n{log}")
    found = _LISTENING.search(log_path.read_text(encoding="utf-8", errors="replace"))
    return f"http://{found[1]}:{found[2]}" if found else None


@contextmanager
def adapt_serve(environment: Mapping[str, str], log_path: Path) -> Iterator[str]:
    """Run ``adapt serve --port 0`` with ``environment`` (ADAPT_* settings) added to this
    process's; yield its base URL once ``/healthz`` answers."""
    env = {**os.environ, **environment}
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [str(ADAPT), "serve", "--host", "127.0.0.1", "--port", "0"],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPOSITORY_ROOT,
            env=env,
        )
    try:
        base_url = wait_for(lambda: _address(log_path, server), "adapt serve to listen", 60)
        wait_for(
            lambda: httpx.get(f"{base_url}/healthz").status_code == 200,
            "/healthz to answer 200",
            30,
        )
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
