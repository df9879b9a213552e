"""The README's "Service" session runs as written, line by line, against a real
``adapt serve``: curl and jq, real tokens from ``adapt users add``, the copy models.

The one line changed is the server's address (``API=``): the test's server listens on a
free port; ``adapt serve &`` itself is left out, since the test runs that server.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.api_server import adapt_serve

from service.settings import REPOSITORY_ROOT

README = REPOSITORY_ROOT / "README.md"
_SECTION = re.compile(r"^## Service\n(.*?)^## ", re.S | re.M)
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def service_session(readme: str) -> list[str]:
    """The command lines of the first ``sh`` block of the Service section."""
    section = _SECTION.search(readme)
    assert section is not None, "the README has no Service section"
    block = _BLOCK.search(section[1])
    assert block is not None, "the Service section has no sh block"
    return [line for line in block[1].splitlines() if line and not line.startswith("#")]


def _script(lines: list[str], base_url: str) -> str:
    kept = [line for line in lines if not line.startswith("adapt serve")]
    assert sum(line.startswith("API=") for line in kept) == 1
    kept = [f"API={base_url}" if line.startswith("API=") else line for line in kept]
    return "set -euo pipefail\n" + "\n".join(kept) + "\n"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="needs curl, jq")
def test_the_readme_service_session_runs(tmp_path: Path, argos_packages_dir: Path) -> None:
    lines = service_session(README.read_text(encoding="utf-8"))
    assert any(line.startswith("adapt serve") for line in lines)
    environment = {
        "ADAPT_DATA_DIR": str(tmp_path / "data"),
        "ADAPT_PACKAGES_DIR": str(argos_packages_dir),
        "ADAPT_OFFLINE": "1",
    }
    with adapt_serve(environment, tmp_path / "serve.log") as base_url:
        done = subprocess.run(
            ["bash", "-c", _script(lines, base_url)],
            cwd=tmp_path,
            env={
                **os.environ,
                **environment,
                "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            },
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    printed = done.stdout.splitlines()
    assert '{"version":2,' in printed[0]
    assert printed[1:4] == ["self_approval", "approved", '["felix","eve"]']
    assert '"language":"fr"' in done.stdout and '"slot":"' in done.stdout
    calendar = (tmp_path / "statement.ics").read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "Le Secrétaire général appelle" in calendar.replace("\r\n ", "")
