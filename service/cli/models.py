"""``adapt models``: list and install the Argos translation packages.

``list`` shows the installed packages and how each of the 30 directed pairs among the six
languages is served (directly, through English, or not at all). ``install`` downloads the
en<->x packages from the Argos index when online, or installs ``.argosmodel`` files on
air-gapped machines. The packages directory is ``ADAPT_PACKAGES_DIR`` (by default under
the user's data directory).
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import emit, stderr_console
from service.engines.argos_index import install_from_index
from service.engines.argos_packages import InstalledPackage, install_from_files, list_packages
from service.engines.base import RouteKind, plan_routes
from service.errors import InputError
from service.languages import ALL_LANGUAGES, parse_language_list
from service.settings import Settings

models_app = typer.Typer(
    name="models",
    help="Translation models (Argos packages): list what is installed, install more.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="One JSON result.")]
_ROUTE_LABELS = {
    RouteKind.DIRECT: "direct",
    RouteKind.VIA_ENGLISH: "via en",
    RouteKind.MISSING: "-",
}


def _package_json(package: InstalledPackage) -> dict[str, Any]:
    return {
        "from": package.from_code,
        "to": package.to_code,
        "version": package.version,
        "size_bytes": package.size_bytes,
        "license": package.license_note,
        "path": str(package.path),
    }


def models_report(settings: Settings) -> dict[str, Any]:
    """The installed packages, the folders that are not packages, and the 30 routes."""
    packages_dir = settings.resolved_packages_dir
    listing = list_packages(packages_dir)
    routes = plan_routes(listing.by_pair().keys())
    return {
        "packages_dir": str(packages_dir),
        "packages": [_package_json(package) for package in listing.packages],
        "problems": [
            {"path": str(problem.path), "problem": problem.message} for problem in listing.problems
        ],
        "pairs": [
            {"source": route.source.value, "target": route.target.value, "route": route.kind.value}
            for route in routes
        ],
    }


def _render_list(console: Console, result: Mapping[str, Any]) -> None:
    console.print(f"Packages in {result['packages_dir']}:")
    if result["packages"]:
        table = Table("from", "to", "version", "size", "license")
        for package in result["packages"]:
            size = f"{package['size_bytes'] / 1e6:.1f} MB"
            table.add_row(
                package["from"], package["to"], package["version"], size, package["license"]
            )
        console.print(table)
    else:
        console.print("none installed.")
    for problem in result["problems"]:
        console.print(f"[yellow]not a package:[/] {problem['problem']}", markup=True)
    routes = {(pair["source"], pair["target"]): pair["route"] for pair in result["pairs"]}
    matrix = Table("from \\ to", *ALL_LANGUAGES, title="Language pairs")
    for source in ALL_LANGUAGES:
        cells = [
            "" if source == target else _ROUTE_LABELS[RouteKind(routes[(source, target)])]
            for target in ALL_LANGUAGES
        ]
        matrix.add_row(source.value, *cells)
    console.print(matrix)
    missing = sum(1 for pair in result["pairs"] if pair["route"] == RouteKind.MISSING)
    if missing:
        console.print(
            f"{missing} pairs missing: run `adapt models install --languages "
            f"{','.join(ALL_LANGUAGES)}` (online) or `adapt models install --from FILE.argosmodel`."
        )


def _render_install(console: Console, result: Mapping[str, Any]) -> None:
    for package in result["installed"]:
        console.print(
            f"installed {package['from']}->{package['to']} {package['version']} "
            f"in {package['path']}"
        )
    for pair in result["not_in_index"]:
        console.print(
            f"[yellow]not in the Argos index:[/] {pair['source']}->{pair['target']}", markup=True
        )


@models_app.command("list")
def list_command(context: typer.Context, as_json: JsonOption = False) -> None:
    """Installed packages, and how each of the 30 language pairs is served."""
    settings: Settings = context.obj
    emit(models_report(settings), as_json=as_json, render=_render_list)


@models_app.command("install")
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
    settings: Settings = context.obj
    if (languages is None) == (from_file is None):
        raise InputError("give either --languages ar,zh,en,fr,ru,es or --from FILE.argosmodel")
    if from_file is None and more_files:
        raise InputError("package files go after --from: --from FILE.argosmodel [FILE...]")
    packages_dir = settings.resolved_packages_dir
    result: dict[str, Any]
    if from_file is not None:
        installed = install_from_files([from_file, *(more_files or [])], packages_dir)
        result = {
            "installed": [_package_json(package) for package in installed],
            "not_in_index": [],
        }
    else:
        report = install_from_index(
            parse_language_list(languages or ""),
            packages_dir,
            offline=settings.offline,
            progress=lambda message: stderr_console.print(message),
        )
        result = {
            "installed": [_package_json(package) for package in report.installed],
            "not_in_index": [
                {"source": source.value, "target": target.value}
                for source, target in report.not_in_index
            ],
        }
    emit(result, as_json=as_json, render=_render_install)


def register(app: typer.Typer) -> None:
    app.add_typer(models_app)
