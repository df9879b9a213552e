"""Every shell example in the README runs as written.

The examples are the README's code lines that start with a command (``adapt``, ``echo``,
``mkdir``, ``cp``, or ``ADAPT_…=… adapt``). They run in README order, with bash, in a
sandbox laid out like the repository root (``examples/`` and ``glossaries/`` are copied
there) with its own data directory, offline. A path under ``/tmp/`` in an example is
moved into the sandbox, so the test never writes outside its own folder.

Long-running or infrastructure commands (``make``, ``curl``, ``docker``, ``adapt serve``,
``adapt worker``) are not run here: the service's README session has its own test.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.argos_builder import build_package

from service.settings import REPOSITORY_ROOT

README = REPOSITORY_ROOT / "README.md"
_COMMAND = re.compile(r"^(?:[A-Z_]+=\S+ )*(?:adapt|echo|mkdir|cp)\b")
_NOT_RUN = re.compile(r"^(?:[A-Z_]+=\S+ )*(?:make|curl|docker|adapt (?:serve|worker))\b")
# Exit codes other than 0 that an example is documented to give.
_EXPECTED_CODES: dict[str, set[int]] = {
    # Offline, install from the index fails fast with how to install from files.
    "adapt models install --languages": {0, 2},
    # Like a linter: 1 when a finding is an error.
    "adapt check": {0, 1},
}


def readme_examples(text: str) -> list[tuple[int, str]]:
    """(line number, command) for every command line of the README's code blocks; a line
    ending in a backslash continues on the next, and a ``  # comment`` is dropped."""
    examples: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            fenced = not fenced
            continue
        if not (fenced or line.startswith("    ")):
            pending = None
            continue
        code = line.strip()
        if pending is not None:
            start, code = pending[0], f"{pending[1]} {code}"
        else:
            start = number
        if code.endswith("\\"):
            pending = (start, code[:-1].strip())
            continue
        pending = None
        code = re.sub(r"\s{2,}#\s.*$", "", code).strip()
        if _COMMAND.match(code) and not _NOT_RUN.match(code):
            examples.append((start, code))
    return examples


EXAMPLES = readme_examples(README.read_text(encoding="utf-8"))


def _expected_codes(command: str) -> set[int]:
    for prefix, codes in _EXPECTED_CODES.items():
        if command.startswith(prefix):
            return codes
    return {0}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPOSITORY_ROOT / "examples", root / "examples")
    shutil.copytree(REPOSITORY_ROOT / "glossaries", root / "glossaries")
    (root / "tmp").mkdir()
    # The file the air-gapped example installs: a real (tiny, copy) Argos package.
    build_package(root / "translate-en_fr-1_9.argosmodel", "en", "fr", package_version="1.9")
    return root


def test_the_readme_has_examples_of_every_command() -> None:
    commands = {command.split()[1] for _, command in EXAMPLES if command.startswith("adapt ")}
    for name in ("run", "detect", "segment", "lines", "check", "checks", "entities", "length"):
        assert name in commands
    for name in ("models", "memory", "glossary", "audiences", "schedule", "plan"):
        assert name in commands


@pytest.mark.slow
def test_every_readme_example_runs_as_written(sandbox: Path) -> None:
    """Each example, in order, in one sandbox: its documented exit code, never a traceback."""
    environment = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(sandbox),
        "ADAPT_DATA_DIR": str(sandbox / "data"),
        "ADAPT_PACKAGES_DIR": str(sandbox / "packages"),
        "ADAPT_OFFLINE": "1",
        "COLUMNS": "100",
        "LANG": "C.UTF-8",
    }
    failures: list[str] = []
    for number, command in EXAMPLES:
        local = command.replace("/tmp/", f"{sandbox / 'tmp'}/")
        done = subprocess.run(
            ["bash", "-c", local],
            cwd=sandbox,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        output = done.stdout + done.stderr
        if done.returncode not in _expected_codes(command) or "Traceback" in output:
            failures.append(f"README line {number}: {command}\n  exit {done.returncode}: {output}")
        if "internal error" in output:
            failures.append(f"README line {number}: {command}\n  {output}")
    assert failures == []
