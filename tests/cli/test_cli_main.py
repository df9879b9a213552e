"""The CLI edge: exit codes and messages, never a traceback."""

from pathlib import Path

import pytest

import service.cli.language
from service.cli import run


def test_help_lists_the_commands_in_pipeline_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    positions = [out.index(f"  {name} ") for name in ("detect", "segment", "lines", "run", "check")]
    assert positions == sorted(positions)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["no-such-command"]) == 2
    assert run(["detect"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_invalid_setting_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADAPT_BEAM_SIZE", "99")
    assert run(["detect", "Bonjour tout le monde"]) == 2
    assert "invalid setting: beam_size" in capsys.readouterr().err


def test_broken_language_data_stops_every_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADAPT_LOCALES_DIR", str(tmp_path))
    assert run(["detect", "Bonjour tout le monde"]) == 2
    assert f"{tmp_path / 'ar.toml'}: locale file missing" in capsys.readouterr().err


def test_a_bug_is_reported_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(service.cli.language, "detect", broken)
    assert run(["detect", "Bonjour tout le monde"]) == 1
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom); please report it" in err
    assert "Traceback" not in err
