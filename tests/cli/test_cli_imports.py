"""What ``import service.cli`` loads: the commands, not the libraries of other commands.

Every ``adapt`` command pays for the CLI's imports before it starts, so a command module
imports a heavy use case inside the command that runs it. Checked in a fresh interpreter,
where nothing else has been imported yet.
"""

import json
import subprocess
import sys

import pytest

# Libraries adapt run does not use, or uses later than at import (spaCy and CTranslate2 load
# with the models; jinja2 with spaCy or the review UI; SQLAlchemy with the memory's store).
NOT_AT_IMPORT = [
    "alembic",  # the migrations: a current database is recognized without it
    "celery",  # adapt worker
    "ctranslate2",
    "fastapi",  # adapt serve
    "icalendar",  # adapt schedule --format ics, adapt batch --format ics
    "jinja2",
    "redis",
    "rich.progress",  # adapt batch
    "spacy",
    "sqlalchemy",
    "translate",  # translate-toolkit: XLIFF and TMX
    "uvicorn",
    "service.store",
    "service.workflow.batch",
]


@pytest.fixture(scope="module")
def loaded_modules() -> set[str]:
    script = "import json, sys\nimport service.cli\nprint(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    )
    return set(json.loads(completed.stdout))


@pytest.mark.parametrize("module", NOT_AT_IMPORT)
def test_importing_the_cli_does_not_load(module: str, loaded_modules: set[str]) -> None:
    assert module not in loaded_modules


def test_the_check_sees_what_the_cli_loads(loaded_modules: set[str]) -> None:
    assert {"service.cli", "service.cli.run", "typer"} <= loaded_modules
