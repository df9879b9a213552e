"""``adapt batch`` as people run it: SIGKILL and resume, exit codes, plain progress lines."""

import json
import os
import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from support.batch_corpus import write_corpus, write_corrupt
from support.cli import ADAPT
from support.waiting import wait_for

from service.cli import run
from service.store import Store
from service.store.statements import StatementFilter


def _environment(folder: Path, packages: Path) -> dict[str, str]:
    return os.environ | {
        "ADAPT_DATA_DIR": str(folder / "data"),
        "ADAPT_DATABASE_URL": f"sqlite:///{folder / 'adapt.sqlite3'}",
        "ADAPT_PACKAGES_DIR": str(packages),
    }


def _records(out: Path) -> list[dict[str, object]]:
    lines = (out / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.slow
def test_a_batch_killed_mid_run_resumes_and_writes_every_statement_once(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    inputs, out = tmp_path / "inputs", tmp_path / "out"
    good = write_corpus(inputs, corrupt=False, per_language=4)
    command = [str(ADAPT), "batch", str(inputs), "--out", str(out), "--to", "en,fr,es"]
    command += ["--chunk-size", "3"]
    environment = _environment(tmp_path, argos_packages_dir)
    first = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for(lambda: list((out / "journal").glob("chunk-*.json")), "a first chunk", timeout_s=120)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    finished = len(list((out / "journal").glob("chunk-*.json")))
    assert not (out / "summary.json").exists() and finished * 3 < good  # killed mid-run

    again = subprocess.run(
        [*command, "--json"], env=environment, capture_output=True, text=True, check=False
    )

    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["resumed_chunks"] >= finished and summary["statements"] == good
    records = _records(out)
    assert len(records) == good
    assert max(Counter((r["file"], r["line"]) for r in records).values()) == 1
    assert len({r["statement_id"] for r in records}) == good
    with Store.open(environment["ADAPT_DATABASE_URL"]) as store:
        assert store.statements.list_statements(StatementFilter(limit=1000))[1] == good
    assert "statements" in again.stderr  # progress as plain lines: stderr is not a terminal


@pytest.fixture
def cli_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argos_packages_dir: Path
) -> Path:
    for name, value in _environment(tmp_path, argos_packages_dir).items():
        monkeypatch.setenv(name, value)
    return tmp_path


def test_exit_codes_all_good_some_failed_and_usage_errors(cli_environment: Path) -> None:
    good, mixed = cli_environment / "good", cli_environment / "mixed"
    good.mkdir()
    (good / "a.txt").write_text(
        "Vaccines save millions of lives every single year.", encoding="utf-8"
    )
    write_corrupt(mixed)
    to = ["--to", "fr"]
    assert run(["batch", str(good), "--out", str(cli_environment / "o1"), *to]) == 0
    assert run(["batch", str(mixed), "--out", str(cli_environment / "o2"), *to]) == 1
    errors = (cli_environment / "o2" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["code"] for line in errors} >= {"invalid_encoding", "empty_input"}
    assert (
        run(["batch", str(cli_environment / "missing"), "--out", str(cli_environment / "o3")]) == 2
    )
    assert run(["batch", str(good), "--out", str(cli_environment / "o4"), "--format", "pdf"]) == 2
    # The same folder for other options: its journal belongs to another batch.
    assert run(["batch", str(good), "--out", str(cli_environment / "o1"), "--to", "es"]) == 2
