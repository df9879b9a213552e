"""``adapt models``: list and install the Argos translation packages.

The packages directory is ``ADAPT_PACKAGES_DIR`` (by default under the user's data
directory). See :mod:`service.workflow.packages` for what each command does.
"""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from service.cli.errors import install_models_hint
from service.cli.io import JsonOption, emit, stderr_console
from service.errors import InputError
from service.languages import ALL_LANGUAGES, parse_language_list
from service.workflow import Workspace
from service.workflow.packages import (
    InstallReport,
    ModelsReport,
    install_files,
    install_languages,
    models_report,
)

models_app = typer.Typer(
    name="models",
    help="Translation models (Argos packages): list what is installed, install more.",
    no_args_is_help=True,
)
_ROUTE_LABELS = {"direct": "direct", "via_english": "via en", "missing": "-"}


def _packages_table(report: ModelsReport) -> Table:
    table = Table("from", "to", "version", "size", "license")
    for package in report.packages:
        size = f"{package.size_bytes / 1e6:.1f} MB"
        table.add_row(package.from_code, package.to_code, package.version, size, package.license)
    return table


def _render_list(console: Console, report: ModelsReport) -> None:
    console.print(f"Packages in {report.packages_dir}:", markup=False)
    console.print(_packages_table(report) if report.packages else "none installed.")
    for problem in report.problems:
        console.print(f"[yellow]not a package:[/] {problem.problem}", markup=True)
    routes = {(pair.source, pair.target): pair.route.value for pair in report.pairs}
    matrix = Table("from \\ to", *ALL_LANGUAGES, title="Language pairs")
    for source in ALL_LANGUAGES:
        cells = ["" if source == t else _ROUTE_LABELS[routes[(source, t)]] for t in ALL_LANGUAGES]
        matrix.add_row(source.value, *cells)
    console.print(matrix)
    if report.missing_pairs:
        console.print(f"{report.missing_pairs} pairs missing. {install_models_hint(None)}.")


def _render_install(console: Console, report: InstallReport) -> None:
    for package in report.installed:
        console.print(
            f"installed {package.from_code}->{package.to_code} {package.version} in {package.path}",
            markup=False,
        )
    for pair in report.not_in_index:
        console.print(f"[yellow]not in the Argos index:[/] {pair.source}->{pair.target}")


def list_command(context: typer.Context, as_json: JsonOption = False) -> None:
    """Installed packages, and how each of the 30 language pairs is served."""
    emit(models_report(Workspace(context.obj)), as_json=as_json, render=_render_list)


def install_command(
    context: typer.Context,
    languages: Annotated[
        str | None,
        typer.Option("--languages", help="Download the en<->x packages for these, e.g. ar,zh,fr."),
    ] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from", help="Install this .argosmodel file (offline).")
    ] = None,
    more_files: Annotated[
        list[Path] | None, typer.Argument(help="More .argosmodel files, after --from.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Install packages from the Argos index (--languages) or from files (--from)."""
    if (languages is None) == (from_file is None):
        raise InputError("give either --languages ar,zh,en,fr,ru,es or --from FILE.argosmodel")
    if from_file is None and more_files:
        raise InputError("package files go after --from: --from FILE.argosmodel [FILE...]")
    workspace = Workspace(context.obj)
    if from_file is not None:
        report = install_files(workspace, [from_file, *(more_files or [])])
    else:
        wanted = parse_language_list(languages or "")
        report = install_languages(workspace, wanted, progress=stderr_console.print)
    emit(report, as_json=as_json, render=_render_install)


def register(app: typer.Typer) -> None:
    models_app.command("list")(list_command)
    models_app.command("install")(install_command)
    app.add_typer(models_app)
