"""``adapt models list|install`` in-process, and once through the installed script."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from service.cli import run
from service.engines.argos_packages import install_from_files
from service.engines.base import LanguagePair
from service.languages import Language

EN, FR, ES = Language.EN, Language.FR, Language.ES
ADAPT = Path(sys.executable).parent / "adapt"


@pytest.fixture
def packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "packages"
    monkeypatch.setenv("ADAPT_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("ADAPT_DATA_DIR", str(tmp_path / "data"))
    return folder


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_list_with_nothing_installed(
    packages_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["models", "list", "--json"]) == 0
    result = _json(capsys)
    assert result["packages"] == [] and result["problems"] == []
    pairs = result["pairs"]
    assert isinstance(pairs, list) and len(pairs) == 30
    assert {pair["route"] for pair in pairs} == {"missing"}


def test_list_all_ten_packages(
    argos_packages_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADAPT_PACKAGES_DIR", str(argos_packages_dir))
    assert run(["models", "list", "--json"]) == 0
    result = _json(capsys)
    packages = result["packages"]
    assert isinstance(packages, list) and len(packages) == 10
    assert packages[0] == {
        "from": "ar",
        "to": "en",
        "version": "1.0",
        "size_bytes": packages[0]["size_bytes"],
        "license": "CC0-1.0 (synthetic test model)",
        "path": str(argos_packages_dir / "translate-ar_en"),
    }
    routes = {(pair["source"], pair["target"]): pair["route"] for pair in result["pairs"]}
    assert routes[("en", "fr")] == "direct" and routes[("fr", "es")] == "via_english"
    assert set(routes.values()) == {"direct", "via_english"}
    assert run(["models", "list"]) == 0
    human = capsys.readouterr().out
    assert "via en" in human and "CC0-1.0" in human


def test_install_from_files_then_list(
    packages_dir: Path,
    argos_package_files: dict[LanguagePair, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(argos_package_files[pair]) for pair in [(EN, FR), (FR, EN), (EN, ES)]]
    assert run(["models", "install", "--from", *files, "--json"]) == 0
    installed = _json(capsys)["installed"]
    assert [(p["from"], p["to"]) for p in installed] == [("en", "fr"), ("fr", "en"), ("en", "es")]
    assert run(["models", "list"]) == 0
    human = capsys.readouterr().out
    assert "direct" in human and "via en" in human and "pairs missing" in human


def test_install_a_bad_file_says_why(
    packages_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cut.argosmodel"
    bad.write_bytes(b"PK\x03\x04 cut short")
    assert run(["models", "install", "--from", str(bad)]) == 2
    error = capsys.readouterr().err
    assert "cut.argosmodel" in error and "corrupt or truncated" in error
    assert not packages_dir.exists() or list(packages_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--languages", "fr,es", "--from", "x.argosmodel"], "either --languages"),
        ([], "either --languages"),
        (["--languages", "fr,de"], "unknown language 'de'"),
        (["extra.argosmodel", "--languages", "fr"], "after --from"),
    ],
)
def test_install_usage_errors(
    packages_dir: Path, arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["models", "install", *arguments]) == 2
    assert message in capsys.readouterr().err


def test_install_from_the_index_offline_says_how_to_install_files(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADAPT_OFFLINE", "1")
    assert run(["models", "install", "--languages", "ar,zh,en,fr,ru,es"]) == 2
    assert "adapt models install --from FILE.argosmodel" in capsys.readouterr().err


def test_installed_script_lists_packages(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    install_from_files([argos_package_files[(EN, FR)]], tmp_path / "packages")
    (tmp_path / "packages" / "broken").mkdir()
    environment = {
        **os.environ,
        "ADAPT_PACKAGES_DIR": str(tmp_path / "packages"),
        "ADAPT_DATA_DIR": str(tmp_path / "data"),
    }
    completed = subprocess.run(
        [str(ADAPT), "models", "list", "--json"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert [(p["from"], p["to"]) for p in result["packages"]] == [("en", "fr")]
    assert "no metadata.json" in result["problems"][0]["problem"]
