"""``adapt glossary check|terms|export|import`` in-process, and once as the installed script."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.glossary_files import concept_row, write_glossary
from translate.storage import tbx

from service.cli import run

ADAPT = Path(sys.executable).parent / "adapt"


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_check_bundled_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["glossary", "check", "--json"]) == 0
    result = _json(capsys)
    assert result["valid"] is True and result["concepts"] >= 100
    assert {"id": "world-health-day", "date": "04-07", "name": "World Health Day"} in result[
        "observances"
    ]
    assert (
        "COVAX" in result["protected_names"] and "#WorldHealthDay" in result["protected_hashtags"]
    )
    assert all(isinstance(gap, str) for gap in result["gaps"])


def test_check_human_output_lists_gaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "ADAPT_GLOSSARIES_DIR", str(write_glossary(tmp_path / "g", [concept_row(name_ar="")]))
    )
    assert run(["glossary", "check"]) == 0
    out = capsys.readouterr().out
    assert "valid: 1 concepts" in out and "who: name missing for ar" in out


def test_check_broken_glossary_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_glossary(tmp_path / "g", [concept_row(), concept_row("x", kind="agency")])
    monkeypatch.setenv("ADAPT_GLOSSARIES_DIR", str(directory))
    assert run(["glossary", "check"]) == 2
    err = capsys.readouterr().err
    assert "un-terms.csv:3: kind: unknown value 'agency'" in err.replace("\n", "")


def test_terms_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            [
                "glossary",
                "terms",
                "La OMS celebra el Día Mundial de la Salud",
                "--language",
                "es",
                "--json",
            ]
        )
        == 0
    )
    result = _json(capsys)
    assert result["language"] == "es"
    assert [(t["concept_id"], t["start_char"], t["end_char"]) for t in result["terms"]] == [
        ("who", 3, 6),
        ("world-health-day", 18, 41),
    ]


def test_terms_human_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["glossary", "terms", "世卫组织", "-l", "zh-Hans"]) == 0
    assert "世卫组织" in capsys.readouterr().out
    assert run(["glossary", "terms", "nothing here"]) == 0
    assert "No termbase term found" in capsys.readouterr().out
    assert run(["glossary", "terms", "x", "-l", "de"]) == 2
    assert "unknown language 'de'" in capsys.readouterr().err
    assert run(["glossary", "terms"]) == 2
    assert "give a TEXT" in capsys.readouterr().err


def test_terms_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['"UNICEF and WHO"', '{"text": "ВОЗ", "language": "ru"}', '{"text": 3}']
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(lines).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run(["glossary", "terms", "--jsonl"]) == 2
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [t["concept_id"] for t in results[0]["terms"]] == ["unicef", "who"]
    assert results[1]["language"] == "ru" and results[1]["terms"][0]["surface"] == "ВОЗ"
    assert results[2]["line"] == 3 and "error" in results[2]


def test_export_tbx_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "un.tbx"
    assert run(["glossary", "export", "--format", "tbx", str(out)]) == 0
    store = tbx.tbxfile(io.BytesIO(out.read_bytes()))
    assert any(unit.getid() == "world-health-day" for unit in store.units)
    csv_out = tmp_path / "un.csv"
    assert run(["glossary", "export", str(csv_out)]) == 0
    assert csv_out.read_text(encoding="utf-8").startswith("id,kind,name_ar,")
    assert run(["glossary", "export", "--format", "xml", str(out)]) == 2
    assert "unknown export format 'xml'" in capsys.readouterr().err
    assert run(["glossary", "export", str(tmp_path / "missing" / "x.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_import_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_glossary(tmp_path / "g", [concept_row()])
    monkeypatch.setenv("ADAPT_GLOSSARIES_DIR", str(directory))
    source = tmp_path / "in.tbx"
    source.write_text(
        '<martif type="TBX"><text><body><termEntry id="hand-hygiene"><langSet xml:lang="en">'
        "<tig><term>hand hygiene</term></tig></langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert run(["glossary", "import", str(source), str(directory / "user.csv"), "--json"]) == 0
    assert _json(capsys)["added"] == ["hand-hygiene"]
    assert run(["glossary", "terms", "Hand hygiene saves lives", "--json"]) == 0
    assert _json(capsys)["terms"][0]["concept_id"] == "hand-hygiene"


def test_installed_script_reports_a_broken_glossary(tmp_path: Path) -> None:
    directory = write_glossary(tmp_path / "g", [concept_row(date="04-31")])
    completed = subprocess.run(
        [str(ADAPT), "glossary", "check", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "ADAPT_GLOSSARIES_DIR": str(directory)},
    )
    assert completed.returncode == 2
    assert "un-terms.csv:2: date: date 04-31 is not a real day" in completed.stderr
    assert "Traceback" not in completed.stderr and completed.stdout == ""
