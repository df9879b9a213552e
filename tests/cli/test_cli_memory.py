"""``adapt memory``: add, lookup, import and export, in process and as a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from service.cli import run

CLOSE = "The Secretary-General welcomes the agreement on climate adaptation."
STORED = "The Secretary-General welcomes the agreement on climate finance."
STORED_FR = "Le Secrétaire général salue l’accord sur le financement climatique."


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ADAPT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ADAPT_DATABASE_URL", raising=False)
    monkeypatch.delenv("ADAPT_FUZZY_THRESHOLD", raising=False)
    return tmp_path / "data"


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, Any]:
    assert run([*argv, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def _add(source: str, target: str, source_lang: str = "en", target_lang: str = "fr") -> int:
    argv = ["memory", "add", "--source", source, "--target", target]
    return run([*argv, "--source-lang", source_lang, "--target-lang", target_lang])


def _lookup(text: str) -> list[str]:
    return ["memory", "lookup", text, "--source-lang", "en", "--target-lang", "fr"]


def test_add_then_lookup_exact_and_fuzzy(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    added = _json(
        capsys,
        [
            "memory",
            "add",
            "--source",
            STORED,
            "--target",
            STORED_FR,
            "--source-lang",
            "en-GB",
            "--target-lang",
            "fr-FR",
            "--approved-by",
            "ana",
        ],
    )
    assert added["provenance"]["origin"] == "manual"
    assert (data_dir / "adapt.sqlite3").is_file()

    exact = _json(capsys, _lookup(f"  {STORED} "))
    assert exact["exact"]["target_text"] == STORED_FR
    assert (exact["exact"]["score"], exact["exact"]["kind"]) == (1.0, "exact")
    assert exact["exact"]["provenance"]["approved_by"] == "ana"
    assert exact["suggestions"] == []

    fuzzy = _json(capsys, _lookup(CLOSE))
    assert fuzzy["exact"] is None
    (suggestion,) = fuzzy["suggestions"]
    assert suggestion["kind"] == "fuzzy"
    assert 0.85 <= suggestion["score"] < 1.0
    assert suggestion["unit_id"] == added["id"]


def test_the_fuzzy_threshold_setting_is_respected(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _add(STORED, STORED_FR) == 0
    capsys.readouterr()
    monkeypatch.setenv("ADAPT_FUZZY_THRESHOLD", "0.95")
    strict = _json(capsys, _lookup(CLOSE))
    assert (strict["fuzzy_threshold"], strict["suggestions"]) == (0.95, [])
    monkeypatch.setenv("ADAPT_FUZZY_THRESHOLD", "0.6")
    assert len(_json(capsys, _lookup(CLOSE))["suggestions"]) == 1


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(STORED, STORED_FR) == 0
    assert run(_lookup(CLOSE)) == 0
    output = capsys.readouterr().out
    assert "Exact: no match" in output
    assert "%" in output
    assert run(_lookup("Something else entirely.")) == 0
    assert "No fuzzy match at 85% or more." in capsys.readouterr().out


def test_export_then_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _add("Hello", "Bonjour") == 0
    assert _add("Hello", "Hola", target_lang="es") == 0
    assert _add("Hello", "Привет", target_lang="ru") == 0
    capsys.readouterr()
    path = tmp_path / "memory.tmx"
    exported = _json(capsys, ["memory", "export", str(path), "--target-lang", "es"])
    assert exported["translations"] == 1
    assert run(["memory", "export", str(path)]) == 0
    capsys.readouterr()
    report = _json(capsys, ["memory", "import", str(path)])
    assert report == {
        "file": str(path),
        "translation_units": 1,
        "inserted": 0,
        "updated": 3,
        "skipped_units": 0,
        "skipped_languages": {},
    }
    assert run(["memory", "export", "-", "--source-lang", "en", "--target-lang", "ru"]) == 0
    document = capsys.readouterr().out
    assert "Привет" in document
    assert "Bonjour" not in document


def test_import_reports_skipped_languages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "de.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="en-US"/><body>'
        '<tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="de-DE"><seg>Hallo</seg>'
        '</tuv><tuv xml:lang="zh-CN"><seg>你好</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    report = _json(capsys, ["memory", "import", str(path), "--all-directions"])
    assert (report["inserted"], report["skipped_languages"]) == (2, {"de-DE": 1})
    found = _json(
        capsys, ["memory", "lookup", "你好", "--source-lang", "zh", "--target-lang", "en"]
    )
    assert found["exact"]["target_text"] == "Hello"
    assert found["exact"]["provenance"]["imported_from"] == "de.tmx"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["memory", "import", "{missing}"], "no such file"),
        (["memory", "import", "{bad}"], "not well-formed XML"),
        (
            ["memory", "lookup", "Hello", "--source-lang", "de", "--target-lang", "fr"],
            "unknown language 'de'",
        ),
        (["memory", "lookup", "   ", "--source-lang", "en", "--target-lang", "fr"], "whitespace"),
        (
            [
                "memory",
                "add",
                "--source",
                "Hi",
                "--target",
                "Hi",
                "--source-lang",
                "en",
                "--target-lang",
                "en",
            ],
            "both en",
        ),
        (["memory", "export", "{tmp}/no/such/dir/out.tmx"], "does not exist"),
    ],
)
def test_errors_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(b"<tmx><body><tu>")
    paths = {"missing": str(tmp_path / "missing.tmx"), "bad": str(bad), "tmp": str(tmp_path)}
    assert run([part.format(**paths) for part in argv]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error:")
    assert message in error


def test_an_unreachable_database_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADAPT_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    assert run(_lookup("Hello")) == 2
    assert "cannot open the database" in capsys.readouterr().err


def test_the_installed_command(data_dir: Path) -> None:
    source, target = "Read more: https://www.un.org/a", "Plus d’informations : https://www.un.org/a"
    assert _add(source, target) == 0  # in process; one subprocess start is slow enough
    adapt = Path(sys.executable).parent / "adapt"
    lookup = [str(adapt), *_lookup("Read more: https://www.who.int/b"), "--json"]
    environment = {**os.environ, "ADAPT_DATA_DIR": str(data_dir)}
    completed = subprocess.run(lookup, check=True, capture_output=True, env=environment, text=True)
    result = json.loads(completed.stdout)
    assert result["exact"]["target_text"] == "Plus d’informations : https://www.who.int/b"
