"""Drive the ``adapt`` CLI in tests: JSON Lines on stdin, results out, the installed script."""

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from service.settings import REPOSITORY_ROOT

ADAPT = Path(sys.executable).parent / "adapt"


def feed_stdin(monkeypatch: pytest.MonkeyPatch, lines: list[object]) -> None:
    """Make stdin hold ``lines`` as JSON Lines (UTF-8), as ``--jsonl`` commands read them."""
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))


def json_lines(output: str) -> list[dict[str, Any]]:
    """The JSON object on each line of ``output``."""
    return [json.loads(line) for line in output.splitlines()]


def run_adapt(*arguments: str, stdin: str | None = None) -> "subprocess.CompletedProcess[str]":
    """Run the installed ``adapt`` script from the repository root, capturing UTF-8 output."""
    return subprocess.run(
        [str(ADAPT), *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPOSITORY_ROOT,
        check=False,
    )
