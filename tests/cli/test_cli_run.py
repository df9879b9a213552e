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


def test_human_view_wraps_posts_shows_messages_and_groups_missing_models(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert run(["run", str(EXAMPLE), "--max-lines", "2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert run(["run", str(EXAMPLE), "--max-lines", "2"]) == 0
    shown = capsys.readouterr().out
    assert max(len(line.rstrip()) for line in shown.splitlines()) <= 80
    words = " ".join(shown.split())
    for line in result["lines"]:
        english = line["renditions"]["en"]
        assert " ".join(english["text"].split()) in words  # wrapped, never cut
        for finding in english["findings"]:
            assert " ".join(finding["message"].split()) in words
    assert shown.count("No translation model yet") == 1  # one note, not a row per line
    assert "adapt models install --languages en,ar,zh,fr,ru,es" in words


def _make_run_commands() -> list[list[str]]:
    """The adapt commands of the Makefile's ``run`` target, as ``make run`` runs them."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1]
    commands: list[list[str]] = []
    for line in recipe.split("\n\n", 1)[0].replace("\\\n", " ").splitlines()[1:]:
        command = line.strip().lstrip("@").split("||", 1)[0].split()
        if command and command[0] == "$(BIN)/adapt":
            commands.append(command[1:])
    return commands


def test_make_run_shows_every_language_checked_and_planned_offline(tmp_path: Path) -> None:
    """``make run`` offline: memory renders all six languages, then the plan and next steps."""
    commands = _make_run_commands()
    assert [command[:2] for command in commands] == [
        ["models", "install"],
        ["memory", "import"],
        ["run", "examples/statement.md"],
    ]
    env = {
        "ADAPT_DATA_DIR": str(tmp_path / "data"),
        "ADAPT_PACKAGES_DIR": str(tmp_path / "packages"),
        "ADAPT_OFFLINE": "1",
        "COLUMNS": "100",
        "PATH": "/usr/bin:/bin",
    }
    adapt = str(Path(sys.executable).parent / "adapt")
    outputs = [
        subprocess.run(
            [adapt, *command], capture_output=True, text=True, cwd=ROOT, env=env, check=False
        )
        for command in commands
    ]
    assert outputs[0].returncode == 2 and "--from FILE.argosmodel" in outputs[0].stderr
    assert outputs[1].returncode == 0 and "translations added: 25" in outputs[1].stdout
    shown = outputs[2]
    assert shown.returncode == 0, shown.stderr
    assert "No translation model yet" not in shown.stdout
    assert shown.stdout.count("memory ") == 25  # five lines in five other languages
    assert "Posting plan" in shown.stdout
    for zone in ("Asia/Shanghai", "Europe/Paris", "Africa/Cairo", "Europe/Moscow"):
        assert zone in shown.stdout
    assert "two different people have approved" in " ".join(shown.stdout.split())
    assert "Try next:" in shown.stdout
    as_json = subprocess.run(
        [adapt, *commands[2], "--json"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    result = json.loads(as_json.stdout)
    origins = {r["origin"] for line in result["lines"] for r in line["renditions"].values()}
    assert origins == {"memory", "source"}
    errors = [
        f
        for line in result["lines"]
        for r in line["renditions"].values()
        for f in r["findings"]
        if f["severity"] == "error"
    ]
    assert errors == []
    assert {slot["audience_id"] for slot in result["plan"]["slots"]} == {
        "ar",
        "zh",
        "en",
        "fr",
        "ru",
        "es",
    }
