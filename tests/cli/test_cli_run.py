"""``adapt run``: the main job end to end, through real CTranslate2 "copy" packages."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "statement.md"


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("ADAPT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADAPT_PACKAGES_DIR", str(tmp_path / "no-packages"))
    return tmp_path


def test_without_models_every_other_language_says_how_to_install(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["run", str(EXAMPLE), "--to", "en,fr,zh", "--max-lines", "2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["source_language"] == "en"
    assert result["missing_languages"] == ["fr", "zh"]
    assert len(result["lines"]) == 2
    for line in result["lines"]:
        assert line["renditions"]["en"]["origin"] == "source"
        for language in ("fr", "zh"):
            rendition = line["renditions"][language]
            assert rendition["origin"] == "none" and rendition["text"] == ""
            assert [f["check"] for f in rendition["findings"]] == ["no_translation_available"]
            message = rendition["findings"][0]["message"]
            assert f"en->{language} package" in message and "adapt " not in message


def test_with_copy_models_every_language_is_rendered(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argos_packages_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ADAPT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADAPT_PACKAGES_DIR", str(argos_packages_dir))
    assert run(["run", str(EXAMPLE), "--max-lines", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["missing_languages"] == []
    for line in result["lines"]:
        assert set(line["renditions"]) == {"ar", "zh", "en", "fr", "ru", "es"}
        for language, rendition in line["renditions"].items():
            assert rendition["origin"] == ("source" if language == "en" else "mt")
            assert rendition["text"]
            if language != "en":
                assert rendition["provenance"]["engine"]["engine"] == "argos"
    lead = result["lines"][0]
    # A copy model returns its input; the glossary puts the official names in place.
    assert (
        "OMS" in lead["renditions"]["fr"]["text"]
        or "Organisation mondiale de la Santé" in (lead["renditions"]["fr"]["text"])
    )


def test_human_output_and_bad_target_language(isolated: Path) -> None:
    adapt = str(Path(sys.executable).parent / "adapt")
    shown = subprocess.run(
        [adapt, "run", str(EXAMPLE), "--to", "fr", "--max-lines", "1"],
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    assert shown.returncode == 0
    assert b"adapt models install" in shown.stdout
    bad = subprocess.run(
        [adapt, "run", str(EXAMPLE), "--to", "fr,de"], capture_output=True, check=False, cwd=ROOT
    )
    assert bad.returncode == 2
    assert b"unknown language 'de'" in bad.stderr
    assert b"Traceback" not in bad.stderr


def test_jsonl_adapts_many_statements_and_reports_bad_ones(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    statements = [
        json.dumps("The World Health Organization calls on every country to protect health."),
        json.dumps(
            {
                "text": "La OMS pide a todos los países que protejan la salud de todos.",
                "platform": "mastodon",
            }
        ),
        json.dumps({"text": "Hello there, this is English.", "language": "xx"}),
        json.dumps({"platform": "x"}),
    ]
    env = {
        "ADAPT_DATA_DIR": str(tmp_path / "data"),
        "ADAPT_PACKAGES_DIR": str(argos_packages_dir),
        "PATH": "/usr/bin:/bin",
    }
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "adapt"),
            "run",
            "--jsonl",
            "--to",
            "fr,en",
            "--max-lines",
            "1",
            "--batch-size",
            "2",
        ],
        input="\n".join(statements).encode(),
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=env,
    )
    results = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    assert completed.returncode == 2, completed.stderr.decode()
    assert len(results) == 4
    assert results[0]["source_language"] == "en"
    assert results[0]["lines"][0]["renditions"]["fr"]["origin"] == "mt"
    assert results[1]["source_language"] == "es" and results[1]["platform"] == "mastodon"
    assert results[1]["lines"][0]["renditions"]["en"]["origin"] == "mt"
    assert results[2] == {"line": 3, "error": results[2]["error"], "code": "unknown_language"}
    assert "unknown language 'xx'" in results[2]["error"]
    assert results[3]["line"] == 4 and "'text'" in results[3]["error"]
