"""``adapt detect`` and ``adapt segment``, in process and as a subprocess."""

import io
import json
import sys
from pathlib import Path

import pytest
from support.cli import feed_stdin, json_lines, run_adapt

from service.cli import run
from service.settings import REPOSITORY_ROOT

SPANISH = "Hola. ¿Cómo estás? El Dr. Ruiz llega a las 7 p. m. y habla.\n\n¡Gracias!"


@pytest.fixture
def spanish_file(tmp_path: Path) -> Path:
    path = tmp_path / "es.txt"
    path.write_text(SPANISH, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "language"),
    [("Merci beaucoup à tous", "fr"), ("世界卫生日", "zh"), ("Спасибо", "ru"), ("🙂 2024", "und")],
)
def test_detect_json(capsys: pytest.CaptureFixture[str], text: str, language: str) -> None:
    assert run(["detect", text, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"language", "confidence"}
    assert result["language"] == language
    assert 0.0 <= result["confidence"] <= 1.0


def test_detect_for_humans(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["detect", "Les droits des femmes sont des droits humains"]) == 0
    assert capsys.readouterr().out.startswith("fr  (confidence 1.00)")
    assert run(["detect", "안녕하세요"]) == 0
    assert "und" in capsys.readouterr().out


def test_detect_needs_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["detect"]) == 2
    assert "give the TEXT" in capsys.readouterr().err
    assert run(["detect", "   "]) == 2
    assert "only whitespace" in capsys.readouterr().err


def test_detect_jsonl(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, ["Gracias", {"text": "شكرا"}, {"texte": "oops"}, {"text": "Thanks"}])
    assert run(["detect", "--jsonl"]) == 2  # one line failed; the others still answered
    results = json_lines(capsys.readouterr().out)
    assert [result.get("language") for result in results] == ["es", "ar", None, "en"]
    assert results[2] == {
        "line": 3,
        "error": "each line needs a string field 'text'",
        "code": "invalid_input",
    }


def test_segment_json_detects_the_language(
    capsys: pytest.CaptureFixture[str], spanish_file: Path
) -> None:
    assert run(["segment", str(spanish_file), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["language"] == "es"
    assert [s["text"] for s in result["sentences"]] == [
        "Hola.",
        "¿Cómo estás?",
        "El Dr. Ruiz llega a las 7 p. m. y habla.",
        "¡Gracias!",
    ]
    for sentence in result["sentences"]:
        assert SPANISH[sentence["start"] : sentence["end"]] == sentence["text"]


def test_segment_for_humans_prints_text_verbatim(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("See [bold]this[/bold]. Then go.", encoding="utf-8")
    assert run(["segment", str(path), "--language", "en"]) == 0
    output = capsys.readouterr().out
    assert "Language: en" in output
    assert "[0:22]  See [bold]this[/bold]." in output
    assert "[23:31]  Then go." in output


def test_segment_with_a_given_language(
    capsys: pytest.CaptureFixture[str], spanish_file: Path
) -> None:
    assert run(["segment", str(spanish_file), "--language", "es-MX", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "es"


def test_segment_undetermined_text_asks_for_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text("2024. 🙂 https://who.int", encoding="utf-8")
    assert run(["segment", str(path), "--json"]) == 2
    assert "--language" in capsys.readouterr().err
    assert run(["segment", str(path), "--language", "en", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["sentences"]) == 1


def test_segment_rejects_a_language_outside_the_six(
    capsys: pytest.CaptureFixture[str], spanish_file: Path
) -> None:
    assert run(["segment", str(spanish_file), "--language", "de"]) == 2
    error = capsys.readouterr().err
    assert "unknown language 'de'" in error
    assert "ar, zh, en, fr, ru, es" in error


def test_segment_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["segment", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_segment_jsonl(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(
        monkeypatch,
        [
            {"text": "Mr. Smith left. He came back."},
            {"text": "2024", "language": "fr"},
            {"text": "2024"},
            {"text": "Hola.", "language": "xx"},
            "Поэт А. С. Пушкин. Всё.",
        ],
    )
    assert run(["segment", "--jsonl"]) == 2
    results = json_lines(capsys.readouterr().out)
    assert [s["text"] for s in results[0]["sentences"]] == ["Mr. Smith left.", "He came back."]
    assert results[1]["language"] == "fr"
    assert results[2]["line"] == 3 and "--language" in results[2]["error"]
    assert results[2]["code"] == "language_undetermined"
    assert results[3]["line"] == 4 and "unknown language 'xx'" in results[3]["error"]
    assert results[4]["language"] == "ru"
    assert len(results[4]["sentences"]) == 2


def test_segment_jsonl_rejects_a_bad_default_language_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(monkeypatch, ["Hello."])
    assert run(["segment", "--jsonl", "--language", "klingon"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown language 'klingon'" in captured.err


def test_segment_reads_a_markdown_statement_as_lines_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = REPOSITORY_ROOT / "examples" / "statement.md"
    text = example.read_text(encoding="utf-8")
    assert run(["segment", str(example), "--json"]) == 0
    sentences = json.loads(capsys.readouterr().out)["sentences"]
    assert sentences[0]["text"].startswith("Geneva, 7 April 2026 –")
    assert not any(s["text"].startswith(("---", "#", "title:")) for s in sentences)
    for sentence in sentences:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_subprocess_segment_and_detect(spanish_file: Path) -> None:
    segmented = run_adapt("segment", str(spanish_file), "--json")
    assert segmented.returncode == 0, segmented.stderr
    assert len(json.loads(segmented.stdout)["sentences"]) == 4
    detected = run_adapt(
        "detect",
        "--jsonl",
        stdin='"Merci"\n"Hand hygiene saves lives #safeHANDS http://t.co/x"\n',
    )
    assert detected.returncode == 0, detected.stderr
    assert [line["language"] for line in json_lines(detected.stdout)] == ["fr", "en"]


def test_jsonl_answers_every_input_line_blank_ones_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = '"Gracias"\n\n   \n{"text": "Thanks"}\nnot json\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    assert run(["detect", "--jsonl"]) == 2
    results = json_lines(capsys.readouterr().out)
    assert [result["line"] for result in results] == [1, 2, 3, 4, 5]
    assert [result.get("language") for result in results] == ["es", None, None, "en", None]
    assert results[1] == {"line": 2, "error": "line 2 is blank", "code": "empty_input"}
    assert results[4]["code"] == "invalid_json"


def test_dash_reads_stdin_for_detect(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "Merci à toutes et à tous !".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(["detect", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "fr"


def test_a_directory_is_not_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["segment", str(tmp_path)]) == 2
    assert f"{tmp_path} is a directory" in capsys.readouterr().err
