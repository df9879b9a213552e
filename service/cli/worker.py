"""``adapt worker``: a Celery worker that runs the service's jobs from the Redis broker.

It needs ``ADAPT_BROKER_URL``; the API submits to the same broker. ``--ping`` checks that a
running worker answers (the container healthcheck) instead of starting one.
"""

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from service.cli.io import JsonOption, emit

if TYPE_CHECKING:  # the job worker pulls in Celery's client and the store
    from service.workflow.jobs import WorkerPing

_DEFAULT_QUEUES = "adapt"


def _render_ping(console: Console, result: "WorkerPing") -> None:
    status = "[green]answered[/]" if result.answered else "[bold red]did not answer[/]"
    console.print(f"worker {result.worker}: {status}", markup=True)


def worker(
    context: typer.Context,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, help="Job processes to run at once.")
    ] = 1,
    queues: Annotated[
        str, typer.Option("--queues", "-Q", help="Comma-separated queues to take jobs from.")
    ] = _DEFAULT_QUEUES,
    name: Annotated[
        str, typer.Option("--name", "-n", help="Worker name; NAME@this-host if no host is given.")
    ] = "adapt",
    ping: Annotated[
        bool, typer.Option("--ping", help="Check that the worker NAME answers; exit 1 if not.")
    ] = False,
    timeout_s: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds --ping waits for the answer.")
    ] = 5.0,
    as_json: JsonOption = False,
) -> None:
    """Run jobs (statement adaptation, batch chunks) from the broker until stopped."""
    from service.workflow.jobs import ping_worker, serve_jobs

    if ping:
        result = ping_worker(context.obj, name=name, timeout_s=timeout_s)
        emit(result, as_json=as_json, render=_render_ping)
        raise typer.Exit(0 if result.answered else 1)
    chosen = [queue.strip() for queue in queues.split(",") if queue.strip()]
    raise typer.Exit(serve_jobs(context.obj, name=name, concurrency=concurrency, queues=chosen))


def register(app: typer.Typer) -> None:
    app.command()(worker)
