"""The package's shape, enforced: thin edges over the use cases, small modules and functions.

An edge (``service/cli/``; the API, UI and worker alike) parses input, calls one use case
of ``service/workflow/`` and renders its result; it never reaches past the use cases into
the stages, the backends or the data files.
"""

import ast
from pathlib import Path

import pytest

from service.checks import CHECKS
from service.checks.stage import STAGE_FINDINGS
from service.settings import REPOSITORY_ROOT

SERVICE = REPOSITORY_ROOT / "service"
EDGES = ("cli", "api", "ui")
EDGE_MAY_IMPORT = (
    "service.workflow",
    "service.models",
    "service.errors",
    "service.languages",
    "service.settings",
    "service.inputs",
    "service.statement",
)
EDGE_MAY_START = {"cli": ("service.api.app",), "api": ("service.ui",)}
"""An edge that starts another: ``adapt serve`` runs the API's app factory, nothing else;
the app factory mounts the review UI (``mount_ui``) on its app."""
MAX_MODULE_LINES = 400
MAX_EDGE_FUNCTION_LINES = 30


def _modules(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _edge_modules() -> list[Path]:
    return [path for edge in EDGES for path in _modules(SERVICE / edge)]


@pytest.mark.parametrize("path", _edge_modules(), ids=lambda path: str(path.relative_to(SERVICE)))
def test_edges_import_only_the_use_cases(path: Path) -> None:
    edge = path.relative_to(SERVICE).parts[0]
    allowed = (*EDGE_MAY_IMPORT, f"service.{edge}", *EDGE_MAY_START.get(edge, ()))
    wrong = [
        f"line {line}: {module}"
        for line, module in _imports(path)
        if module.startswith("service") and not module.startswith(allowed)
    ]
    assert wrong == [], f"{path.name} reaches past the use cases"


@pytest.mark.parametrize("path", _edge_modules(), ids=lambda path: str(path.relative_to(SERVICE)))
def test_edge_functions_are_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_EDGE_FUNCTION_LINES
    ]
    assert long == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(REPOSITORY_ROOT)): lines
        for path in [*_modules(SERVICE), *_modules(REPOSITORY_ROOT / "bench")]
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_findings_are_built_only_by_checks_and_stage_kinds() -> None:
    """Every finding comes from a registered check or stage kind, so ``adapt checks`` lists it."""
    builders = {SERVICE / "checks" / "base.py"}
    offenders = []
    for path in _modules(SERVICE):
        if path in builders:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Finding"
            ):
                offenders.append(f"{path.relative_to(SERVICE)}:{node.lineno}")
    assert offenders == []


def test_every_finding_id_is_registered_once() -> None:
    assert not set(CHECKS) & set(STAGE_FINDINGS)
    assert all(kind.check_id == key for key, kind in STAGE_FINDINGS.items())
    assert all(check.check_id == key for key, check in CHECKS.items())
