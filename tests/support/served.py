"""A real ``adapt serve`` on a free loopback port, over its own data dir: for browser tests.

The server runs offline: SQLite under ``data_dir`` and the copy Argos packages of the test
session, so a statement is adapted by the server's own job thread with no network.
"""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from support.waiting import wait_for

ADAPT = Path(sys.executable).with_name("adapt")


@dataclass(frozen=True)
class Served:
    base_url: str
    data_dir: Path
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _healthy(base_url: str) -> bool:
    try:
        return httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def adapt_serve(data_dir: Path, packages_dir: Path) -> Iterator[Served]:
    """``adapt serve --port N`` until the block ends; its output goes to ``serve.log``."""
    port = free_port()
    log = data_dir / "serve.log"
    environment = {
        **os.environ,
        "ADAPT_DATA_DIR": str(data_dir),
        "ADAPT_PACKAGES_DIR": str(packages_dir),
        "ADAPT_OFFLINE": "1",
        "ADAPT_DATABASE_URL": "",
        "ADAPT_BROKER_URL": "",
    }
    command = [str(ADAPT), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=environment, stdout=output, stderr=output)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _healthy(base_url) or process.poll() is not None, "adapt serve", 120)
        if process.poll() is not None:
            raise AssertionError(f"adapt serve exited:\n{log.read_text(errors='replace')}")
        yield Served(base_url, data_dir, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
