"""``adapt import FILE.xlf --as NAME``: a CAT tool's edits back into the store as revisions."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from service.cli.io import JsonOption, emit
from service.workflow import Workspace

if TYPE_CHECKING:
    from service.workflow.batch_import import XliffImport


def _render(console: Console, result: "XliffImport") -> None:
    for unit in result.units:
        console.print(f"{unit.unit_id}: {unit.result} (version {unit.version})", markup=False)
    console.print(result.message, markup=False)


def import_command(
    context: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="An XLIFF 2.0 file from adapt batch --format xliff.")
    ],
    user: Annotated[str, typer.Option("--as", help="The registered user whose edits these are.")],
    as_json: JsonOption = False,
) -> None:
    """Import edited units as new revisions (their approvals start again); approved units
    go into the translation memory. All of the file, or nothing."""
    # Imported here: the XLIFF import (translate-toolkit, the batch journal) is for this command.
    from service.workflow.batch_import import import_user, import_xliff

    with Workspace(context.obj) as workspace:
        result = import_xliff(workspace, import_user(workspace, user), file)
    emit(result, as_json=as_json, render=_render)


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_command)
