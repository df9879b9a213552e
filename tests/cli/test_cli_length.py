"""``adapt length`` and ``adapt entities``, in process and as a subprocess."""

import json

import pytest
from support.cli import feed_stdin, json_lines, run_adapt

from service.cli import run

POST = "L'eau potable est un droit 💧 https://un.org/fr #EauPourTous"


def test_length_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["length", POST, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "platform": "x",
        "length": 66,
        "limit": 280,
        "fits": True,
    }
    assert run(["length", "水" * 141, "--platform", "x", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fits"] is False


def test_length_all_platforms(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["length", POST, "--platform", "all", "--json"]) == 0
    lengths = json.loads(capsys.readouterr().out)["lengths"]
    assert [row["platform"] for row in lengths] == [
        "x",
        "bluesky",
        "mastodon",
        "threads",
        "linkedin",
    ]
    assert run(["length", POST, "--platform", "all"]) == 0
    table = capsys.readouterr().out
    for name in ("X", "Bluesky", "Mastodon", "Threads", "LinkedIn"):
        assert name in table


def test_length_for_humans(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["length", "a" * 281]) == 0
    output = capsys.readouterr().out
    assert "281" in output and "280" in output and "no" in output


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["length"], "give the TEXT to measure"),
        (["length", "  "], "only whitespace"),
        (["length", "hi", "--platform", "myspace"], "unknown platform 'myspace'; choose one of: x"),
        (["entities"], "give the TEXT to scan"),
    ],
)
def test_bad_input(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert run(argv) == 2
    assert message in capsys.readouterr().err


def test_length_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(
        monkeypatch,
        [
            "水是生命之源",
            {"text": "👨‍👩‍👧‍👦", "platform": "bluesky"},
            {"text": "a", "platform": "zz"},
            {"text": 5},
            {"text": "b", "platform": "all"},
        ],
    )
    assert run(["length", "--jsonl", "--platform", "x"]) == 2
    results = json_lines(capsys.readouterr().out)
    assert results[0] == {"line": 1, "platform": "x", "length": 12, "limit": 280, "fits": True}
    assert results[1] == {"line": 2, "platform": "bluesky", "length": 1, "limit": 300, "fits": True}
    assert results[2]["line"] == 3 and "unknown platform" in results[2]["error"]
    assert results[2]["code"] == "unknown_platform"
    assert results[3] == {
        "line": 4,
        "error": "each line needs a string field 'text'",
        "code": "invalid_input",
    }
    assert len(results[4]["lengths"]) == 5


def test_entities_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["entities", "RT @UN: 1 000 000 personnes, un.org/fr #ODD 🇺🇳", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "entities": [
            {"kind": "mention", "text": "@UN", "start": 3, "end": 6},
            {"kind": "number", "text": "1 000 000", "start": 8, "end": 17},
            {"kind": "url", "text": "un.org/fr", "start": 29, "end": 38},
            {"kind": "hashtag", "text": "#ODD", "start": 39, "end": 43},
            {"kind": "emoji", "text": "🇺🇳", "start": 44, "end": 46},
        ]
    }


def test_entities_for_humans(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["entities", "see http://a.org/[x]y and [bold]"]) == 0
    output = capsys.readouterr().out
    assert "http://a.org/[x]y" in output  # user text is never read as Rich markup
    assert run(["entities", "nothing here"]) == 0
    assert "no entities" in capsys.readouterr().out


def test_entities_jsonl(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, ["#SDG3", {"text": "@who@mastodon.social"}, {"nope": 1}])
    assert run(["entities", "--jsonl"]) == 2
    results = json_lines(capsys.readouterr().out)
    assert results[0]["entities"][0]["kind"] == "hashtag"
    assert results[1]["entities"] == [
        {"kind": "mention", "text": "@who@mastodon.social", "start": 0, "end": 20}
    ]
    assert "error" in results[2]


def test_length_subprocess() -> None:
    completed = run_adapt("length", "Привет, мир! 🌍", "--platform", "mastodon", "--json")
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {
        "platform": "mastodon",
        "length": 14,
        "limit": 500,
        "fits": True,
    }
    failed = run_adapt("length", "x", "--platform", "orkut")
    assert failed.returncode == 2
    assert "unknown platform" in failed.stderr and "Traceback" not in failed.stderr


def test_entities_subprocess() -> None:
    completed = run_adapt("entities", "--jsonl", stdin='"#ЦУР 7,1 %"\n')
    assert completed.returncode == 0, completed.stderr
    assert [e["text"] for e in json.loads(completed.stdout)["entities"]] == ["#ЦУР", "7,1 %"]
