"""``adapt batch``: statements from files and folders, adapted, stored and written to DIR.

Exit code 0 when every item succeeded, 1 when some failed (see DIR/errors.jsonl), 2 on a
usage error.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.io import JsonOption, emit
from service.languages import ALL_LANGUAGES, parse_language_list
from service.settings import Settings
from service.workflow import Workspace
from service.workflow.batch_format import BatchFormat

if TYPE_CHECKING:
    from service.workflow.batch import BatchRequest

Inputs = Annotated[
    list[Path], typer.Argument(help="Files and folders (.txt .md .html .jsonl .csv).")
]
OutOption = Annotated[Path, typer.Option("--out", help="Output folder (and its journal).")]
FormatOption = Annotated[BatchFormat, typer.Option("--format", help="Output format.")]
CHUNK_HELP = "Statements translated together [default: 64 here, 32 with --workers or --queue]."
ZoneOption = Annotated[str, typer.Option(help="Your Hootsuite user's time zone (hootsuite).")]


def batch(
    context: typer.Context,
    inputs: Inputs,
    out: OutOption,
    to: Annotated[str, typer.Option("--to", help="Target languages.")] = ",".join(ALL_LANGUAGES),
    platform: Annotated[str, typer.Option(help="x, bluesky, mastodon, threads or linkedin.")] = "x",
    format: FormatOption = BatchFormat.JSONL,
    workers: Annotated[int, typer.Option(min=1, max=256, help="Local worker processes.")] = 1,
    queue: Annotated[str | None, typer.Option(help="redis://... : run on adapt worker.")] = None,
    chunk_size: Annotated[int | None, typer.Option(min=1, max=1000, help=CHUNK_HELP)] = None,
    csv_timezone: ZoneOption = "UTC",
    as_json: JsonOption = False,
) -> None:
    """Adapt many statements; resumable (rerun after a crash), outputs written atomically."""
    # Imported here: the batch machinery (store, exports, translate-toolkit) is for this command.
    from service.workflow.batch import BatchRequest

    request = BatchRequest(
        inputs=inputs,
        out_dir=out,
        targets=parse_language_list(to),
        platform=platform,
        format=format,
        workers=workers,
        queue=queue,
        chunk_size=chunk_size,
        csv_timezone=csv_timezone,
    )
    _run_batch(context.obj, request, as_json)


def _run_batch(settings: Settings, request: "BatchRequest", as_json: bool) -> None:
    from service.cli.batch_view import BatchProgressView, render_summary
    from service.workflow.batch import run_batch

    with Workspace(settings) as workspace, BatchProgressView() as progress:
        summary = run_batch(workspace, request, progress)
    emit(summary, as_json=as_json, render=render_summary)
    raise typer.Exit(1 if summary.failed else 0)


def register(app: typer.Typer) -> None:
    app.command()(batch)
