"""Installing from the Argos index: fast failure offline, and the online path against a
local HTTP server standing in for the index (the tests never touch the network)."""

import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from service.engines.argos_index import (
    argos_package_module,
    english_pairs,
    index_reachable,
    install_from_index,
)
from service.engines.argos_packages import list_packages
from service.engines.base import LanguagePair
from service.errors import ErrorCode, InputError
from service.languages import ALL_LANGUAGES, Language

EN, FR, ES = Language.EN, Language.FR, Language.ES


def test_english_pairs() -> None:
    assert english_pairs([FR, EN, ES]) == [(EN, FR), (FR, EN), (EN, ES), (ES, EN)]
    assert len(english_pairs(list(ALL_LANGUAGES))) == 10


def test_offline_setting_fails_at_once_with_the_air_gapped_way(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"ADAPT_OFFLINE.*install them from the files") as raised:
        install_from_index([FR], tmp_path, offline=True)
    assert raised.value.code is ErrorCode.MODELS_OFFLINE
    assert "adapt " not in raised.value.message  # the CLI words the command (HINTS)
    assert not tmp_path.joinpath("translate-en_fr").exists()


def test_unreachable_index_fails_fast_without_asking_argos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argos_package = argos_package_module(tmp_path / "packages")

    def never(*args: object) -> None:
        raise AssertionError("argostranslate's index must not be used offline")

    monkeypatch.setattr(argos_package, "get_available_packages", never)
    monkeypatch.setattr(argos_package, "update_package_index", never)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"cannot be reached.*from the files"):
        install_from_index([FR], tmp_path / "packages", offline=False, reachable=lambda u, t: False)
    assert time.monotonic() - started < 5


def test_probe_of_a_closed_port_and_of_a_bad_url() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
    assert not index_reachable(f"http://127.0.0.1:{port}/index.json", 1.0)
    assert not index_reachable("not a url", 1.0)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_index(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """An HTTP server on localhost serving an index with the en<->fr packages, and
    argostranslate's settings pointed at it for the test."""
    served = tmp_path / "served"
    served.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(served)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    index = []
    for source, target in [(EN, FR), (FR, EN)]:
        name = f"translate-{source}_{target}.argosmodel"
        (served / name).write_bytes(argos_package_files[(source, target)].read_bytes())
        index.append(
            {
                "package_version": "1.0",
                "argos_version": "1.9",
                "from_code": source.value,
                "to_code": target.value,
                "from_name": source.name,
                "to_name": target.name,
                "type": "translate",
                "links": [f"{base}/{name}"],
            }
        )
    (served / "index.json").write_text(json.dumps(index))
    argos_package_module(tmp_path / "packages")
    argos_settings = sys.modules["argostranslate.settings"]
    monkeypatch.setattr(argos_settings, "remote_package_index", f"{base}/index.json")
    monkeypatch.setattr(argos_settings, "local_package_index", tmp_path / "index.json")
    monkeypatch.setattr(argos_settings, "downloads_dir", tmp_path / "downloads")
    (tmp_path / "downloads").mkdir()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


def test_online_install_downloads_checks_and_installs(local_index: Path, tmp_path: Path) -> None:
    messages: list[str] = []
    report = install_from_index(
        [FR, ES], tmp_path / "packages", offline=False, progress=messages.append
    )
    assert [(package.from_code, package.to_code) for package in report.installed] == [
        ("en", "fr"),
        ("fr", "en"),
    ]
    assert report.not_in_index == ((EN, ES), (ES, EN))
    assert len(list_packages(tmp_path / "packages").packages) == 2
    assert messages == ["downloading en->fr 1.0", "downloading fr->en 1.0"]
    assert list((tmp_path / "downloads").iterdir()) == []  # downloads are removed


def test_a_corrupt_download_is_refused(local_index: Path, tmp_path: Path) -> None:
    (local_index / "translate-en_fr.argosmodel").write_bytes(b"truncated")
    with pytest.raises(InputError, match="corrupt or truncated"):
        install_from_index([FR], tmp_path / "packages", offline=False)
    assert list_packages(tmp_path / "packages").packages == ()
    assert list((tmp_path / "downloads").iterdir()) == []


def test_an_index_that_cannot_be_downloaded(local_index: Path, tmp_path: Path) -> None:
    (local_index / "index.json").unlink()
    (tmp_path / "index.json").write_text("[]")  # a stale copy must not be used
    with pytest.raises(InputError, match="index could not be downloaded"):
        install_from_index([FR], tmp_path / "packages", offline=False)
