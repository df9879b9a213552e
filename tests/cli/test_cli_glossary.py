"""``adapt glossary check|terms|export|import`` in-process, and once as the installed script."""

import ast
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.glossary_files import concept_row, write_glossary
from translate.storage import tbx

from service.cli import glossary as glossary_cli
from service.cli import run
from service.settings import REPOSITORY_ROOT

ADAPT = Path(sys.executable).parent / "adapt"
EXAMPLE_TBX = REPOSITORY_ROOT / "examples" / "my-terms.tbx"


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
    statuses = result["statuses"]
    assert statuses["total"] == {
        "verified_official": 162,
        "verified_secondary": 236,
        "unverified": 564,
    }
    assert set(statuses["by_language"]) == {"ar", "zh", "en", "fr", "ru", "es"}
    assert statuses["dates"] == {"verified_official": 2, "verified_secondary": 43, "unverified": 0}
    languages = [statuses["by_language"][code] for code in statuses["by_language"]]
    for key in statuses["total"]:
        assert statuses["total"][key] == statuses["dates"][key] + sum(c[key] for c in languages)
    assert result["files"][1].endswith("un-terms.sources.csv")


def test_check_human_output_counts_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["glossary", "check"]) == 0
    out = capsys.readouterr().out
    assert "verified (official)" in out and "unverified" in out
    [total] = [line for line in out.splitlines() if "all" in line.split()]
    assert [cell for cell in total.split() if cell.isdigit()] == ["162", "236", "564"]


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
    assert [(t["status"]["status"], t["status"]["tier"]) for t in result["terms"]] == [
        ("verified", "official"),
        ("verified", "secondary"),
    ]
    assert result["terms"][0]["status"]["source"].startswith("UN SDG goals")


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
    assert capsys.readouterr().out.strip() == f"{out}: 116 concepts exported"
    store = tbx.tbxfile(io.BytesIO(out.read_bytes()))
    assert any(unit.getid() == "world-health-day" for unit in store.units)
    assert b'<termNote type="processStatus">finalized</termNote>' in out.read_bytes()
    csv_out = tmp_path / "un.csv"
    assert run(["glossary", "export", str(csv_out), "--json"]) == 0
    assert _json(capsys) == {
        "format": "csv",
        "files": [str(csv_out), str(tmp_path / "un.sources.csv")],
        "concepts": 116,
    }
    assert csv_out.read_text(encoding="utf-8").startswith("id,kind,name_ar,")
    statuses = (tmp_path / "un.sources.csv").read_text(encoding="utf-8")
    assert statuses.startswith("id,field,language,value,status,tier,source,note\n")
    assert run(["glossary", "export", "-"]) == 0
    assert capsys.readouterr().out.startswith("id,kind,name_ar,")
    assert run(["glossary", "export", "--format", "xml", str(out)]) == 2
    assert "unknown export format 'xml'" in capsys.readouterr().err
    assert run(["glossary", "export", str(tmp_path / "missing" / "x.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.fixture
def own_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-concept glossary directory that adapt reads instead of the bundled one."""
    directory = write_glossary(tmp_path / "g", [concept_row()])
    monkeypatch.setenv("ADAPT_GLOSSARIES_DIR", str(directory))
    return directory


def test_import_json(
    tmp_path: Path, own_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = own_glossary
    source = tmp_path / "in.tbx"
    source.write_text(
        '<martif type="TBX"><text><body><termEntry id="hand-hygiene"><langSet xml:lang="en">'
        "<tig><term>hand hygiene</term></tig></langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert run(["glossary", "import", str(source), str(directory / "user.csv"), "--json"]) == 0
    assert _json(capsys) == {
        "target": str(directory / "user.csv"),
        "added": ["hand-hygiene"],
        "filled": [],
        "conflicts": [],
    }
    assert (directory / "user.sources.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "hand-hygiene,name,en,hand hygiene,unverified,,,"
    )
    assert run(["glossary", "terms", "Hand hygiene saves lives", "--json"]) == 0
    assert _json(capsys)["terms"][0]["concept_id"] == "hand-hygiene"


def test_the_example_termbase_imports_and_files_follow_the_umask(
    own_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = own_glossary
    target = directory / "my-terms.csv"
    previous = os.umask(0o022)
    try:
        assert run(["glossary", "import", str(EXAMPLE_TBX), str(target)]) == 0
    finally:
        os.umask(previous)
    assert f"{target}: 2 concept(s) added, 0 cell(s) filled, 0 conflict(s) kept." in (
        capsys.readouterr().out
    )
    for path in (target, directory / "my-terms.sources.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    assert run(["glossary", "terms", "Global Handwashing Day: IPC saves lives", "--json"]) == 0
    found = _json(capsys)["terms"]
    assert [(t["concept_id"], t["status"]["status"]) for t in found] == [
        ("global-handwashing-day", "unverified"),
        ("infection-prevention-and-control", "unverified"),
    ]


def test_the_cli_module_reaches_the_termbase_only_through_the_workflow() -> None:
    tree = ast.parse(Path(glossary_cli.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "service.workflow.glossary" in imported
    assert not any(module.startswith("service.glossary") for module in imported)


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
