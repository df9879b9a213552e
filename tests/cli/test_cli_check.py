"""``adapt check`` and ``adapt checks`` in-process, and once through the installed script."""

import json
import subprocess
from typing import Any

import pytest
from support.cli import ADAPT, feed_stdin

from service.checks import CHECKS
from service.checks.stage import STAGE_FINDINGS
from service.cli import run


def _check(*options: str) -> list[str]:
    return ["check", "--source-lang", "en", "--target-lang", "fr", *options]


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_an_error_finding_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(_check("--source", "7.1 million people", "--target", "7,2 millions", "--json"))
    assert code == 1
    findings = _json(capsys)["findings"]
    assert [finding["check"] for finding in findings] == ["numbers_match", "numbers_match"]
    assert findings[0]["severity"] == "error"
    assert "start" not in findings[0]
    assert (findings[1]["start"], findings[1]["end"]) == (0, 12)


def test_warnings_only_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(_check("--source", "Why?", "--target", "Pourquoi ?", "--json")) == 0
    (finding,) = _json(capsys)["findings"]
    assert finding["check"] == "typography" and finding["severity"] == "warning"


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(_check("--source", "Hello", "--target", "Bonjour")) == 0
    assert capsys.readouterr().out.strip() == "no findings"
    assert run(_check("--source", "Why?", "--target", "Pourquoi ?")) == 0
    output = capsys.readouterr().out
    assert "typography" in output and "narrow no-break space" in output


def test_platform_and_chosen_checks(capsys: pytest.CaptureFixture[str]) -> None:
    target = "mot " * 80
    options = ["--source", "word", "--target", target, "--platform", "x", "--check", "length_limit"]
    assert run(_check(*options, "--json")) == 1
    assert [f["check"] for f in _json(capsys)["findings"]] == ["length_limit"]
    assert run(_check("--source", "a", "--target", "b", "--check", "double_space,typography")) == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--source", "a", "--target", "b", "--platform", "myspace"], "unknown platform"),
        (["--source", "a", "--target", "b", "--check", "spelling"], "unknown check 'spelling'"),
        (["--source", "a"], "give both --source and --target"),
        (["--source", "a", "--target", "   "], "target contains only whitespace"),
    ],
)
def test_bad_input_exits_2(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(_check(*options)) == 2
    assert message in capsys.readouterr().err


def test_missing_language_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--source", "a", "--target", "b", "--target-lang", "fr"]) == 2
    assert "--source-lang" in capsys.readouterr().err
    assert (
        run(
            [
                "check",
                "--source",
                "a",
                "--target",
                "b",
                "--source-lang",
                "en",
                "--target-lang",
                "xx",
            ]
        )
        == 2
    )
    assert "unknown language 'xx'" in capsys.readouterr().err


def test_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(
        monkeypatch,
        [
            {
                "source": "1,000 people",
                "target": "1 000 personnes",
                "source_lang": "en",
                "target_lang": "fr",
            },
            {"source": "What?", "target": "Qué?", "target_lang": "es"},
            {"source": "5 people", "target": "6 personnes", "platform": "x"},
        ],
    )
    assert run(["check", "--jsonl", "--source-lang", "en", "--target-lang", "fr"]) == 1
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert results[0] == {"line": 1, "findings": []}
    assert [f["check"] for f in results[1]["findings"]] == ["typography"]
    assert {f["check"] for f in results[2]["findings"]} == {"numbers_match"}


def test_jsonl_bad_line_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, [{"source": "a"}, "just text", {"source": "Hi", "target": "Salut"}])
    assert run(["check", "--jsonl", "--source-lang", "en", "--target-lang", "fr"]) == 2
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert results[0] == {
        "line": 1,
        "error": "each line needs a string field 'target'",
        "code": "invalid_input",
    }
    assert results[1]["line"] == 2
    assert results[2] == {"line": 3, "findings": []}


def test_jsonl_with_source_option_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(_check("--jsonl", "--source", "a")) == 2
    assert "--jsonl reads" in capsys.readouterr().err


def test_checks_lists_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["checks", "--json"]) == 0
    listing = _json(capsys)["checks"]
    assert [entry["id"] for entry in listing] == [*CHECKS, *STAGE_FINDINGS]
    assert set(listing[0]) == {"id", "name", "description", "severity", "stage"}
    assert {entry["stage"] for entry in listing} == {"qa", "translate", "postedit", "schedule"}
    assert run(["checks"]) == 0
    assert "numbers_match" in capsys.readouterr().out


def test_installed_script() -> None:
    completed = subprocess.run(
        [
            str(ADAPT),
            *_check(
                "--source",
                "Why? Visit https://un.org",
                "--target",
                "Pourquoi\u202f? Visitez https://un.org",
                "--json",
            ),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {"findings": []}
    failing = subprocess.run(
        [str(ADAPT), *_check("--source", "abc", "--target", "abc\u202edef", "--json")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert failing.returncode == 1
    checks = {f["check"] for f in json.loads(failing.stdout)["findings"]}
    assert "invisible_characters" in checks
