"""``adapt lines``: human, JSON and JSON Lines output, and clear errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "statement.md"


def test_json_result_for_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lines", str(EXAMPLE), "--platform", "x", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["source_language"] == "en" and result["platform"] == "x"
    assert result["lines"], "the example has lines that work as posts"
    first = result["lines"][0]
    assert set(first) >= {"text", "length", "score", "reasons"}
    assert all(line["length"] <= 280 for line in result["lines"])


def test_french_statement_is_detected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = tmp_path / "fr.md"
    statement.write_text(
        "L'Organisation mondiale de la Santé appelle tous les pays à protéger la santé de chacun. "
        "Cela concerne 4,5 milliards de personnes privées de services essentiels.",
        encoding="utf-8",
    )
    assert run(["lines", str(statement), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["source_language"] == "fr"
    assert not any(line["text"].startswith("Cela") for line in result["lines"])
    (left_out,) = result["left_out"]
    assert left_out["reason"] == "dangling_opener" and "'Cela'" in left_out["detail"]


def test_offsets_are_into_the_whole_file(capsys: pytest.CaptureFixture[str]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert run(["lines", str(EXAMPLE), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    for line in result["lines"]:
        assert text[line["start"] : line["end"]] == line["text"]
    lead = next(line for line in result["lines"] if "lead sentence" in line["reasons"])
    assert lead["text"].startswith("On World Health Day")
    assert "dateline 'Geneva, 7 April 2026 –' dropped" in lead["reasons"]
    assert {item["reason"] for item in result["left_out"]} == {"dangling_opener", "link_line"}
    assert result["link"] == "https://www.who.int/campaigns/world-health-day"


def test_human_view_says_what_was_left_out_and_why_no_line_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["lines", str(EXAMPLE)]) == 0
    output = capsys.readouterr().out
    assert "Every post carries: https://www.who.int/campaigns/world-health-day" in output
    assert "Left out: 3 sentence(s)" in output
    assert "opens with 'That', which needs an antecedent" in output
    short = tmp_path / "short.txt"
    short.write_text("Thank you. See you [bold]soon[/bold].", encoding="utf-8")
    assert run(["lines", str(short), "--language", "en"]) == 0
    output = capsys.readouterr().out
    assert "no line can be offered for x: 2 too short to stand alone" in output
    assert "See you [bold]soon[/bold]." in output
    assert run(["lines", str(short), "--language", "en", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["lines"] == [] and result["no_lines_reason"].startswith("no line can be")


def test_the_format_comes_from_the_file_name_or_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "# World Health Day\n\nWHO calls on *every* country to protect #Peace_Day today.\n"
    for name, option, expected in [
        ("s.md", [], "WHO calls on every country to protect #Peace_Day today."),
        ("s.txt", [], "WHO calls on *every* country to protect #Peace_Day today."),
        (
            "s.txt",
            ["--format", "markdown"],
            "WHO calls on every country to protect #Peace_Day today.",
        ),
    ]:
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        assert run(["lines", str(path), "--json", *option]) == 0
        texts = [line["text"] for line in json.loads(capsys.readouterr().out)["lines"]]
        assert expected in texts
    assert run(["lines", str(tmp_path / "s.md"), "--format", "rst"]) == 2
    assert "unknown statement format 'rst'" in capsys.readouterr().err


def test_declared_language_that_contradicts_the_text_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = tmp_path / "s.md"
    statement.write_text(
        "---\nlanguage: ru\n---\nThe World Health Organization calls on every country to act now.",
        encoding="utf-8",
    )
    assert run(["lines", str(statement)]) == 2
    assert "declared as ru" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "whitespace"),
        (b"\xff\xfe bad", "not valid UTF-8"),
        (b"Hello\x00world, this is a statement.", "control character"),
    ],
)
def test_bad_files_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert run(["lines", str(path), "--json"]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_and_unknown_platform(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lines", "/nonexistent/statement.md"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert run(["lines", str(EXAMPLE), "--platform", "myspace"]) == 2
    assert "myspace" in capsys.readouterr().err


def test_jsonl_goes_on_after_a_bad_line() -> None:
    lines = [
        json.dumps("WHO calls on all countries to protect the health of every person."),
        json.dumps({"text": "", "platform": "x"}),
        "not json",
        json.dumps(
            {
                "text": "La OMS pide a todos los países que protejan la salud de *cada* persona.",
                "platform": "bluesky",
                "format": "markdown",
            }
        ),
    ]
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "adapt"), "lines", "--jsonl"],
        input="\n".join(lines).encode(),
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    results = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    assert completed.returncode == 2
    assert results[0]["source_language"] == "en"
    assert results[1]["line"] == 2 and "empty" in results[1]["error"]
    assert results[2]["line"] == 3 and "not JSON" in results[2]["error"]
    assert results[3]["source_language"] == "es" and results[3]["platform"] == "bluesky"
    assert results[3]["lines"][0]["text"].endswith("la salud de cada persona.")
    assert "Traceback" not in completed.stderr.decode()
