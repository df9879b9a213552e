"""How ``adapt batch`` shows its progress and its summary.

On a terminal, a Rich progress bar with the statements done, lines per second and the
ETA; otherwise (a log, a pipe, CI) one plain line on stderr per finished chunk.
"""

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from service.cli.io import stderr_console
from service.workflow.batch import BatchSummary


class BatchProgressView:
    """A :class:`~service.workflow.batch.BatchProgress` for the terminal or a log."""

    def __init__(self, console: Console = stderr_console) -> None:
        self._console = console
        self._live = console.is_terminal
        self._progress = Progress(
            TextColumn("adapting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} lines/s"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self._task: TaskID | None = None
        self._total = self._done = self._lines = 0
        self._start = time.perf_counter()

    def __enter__(self) -> "BatchProgressView":
        if self._live:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._live:
            self._progress.stop()

    def started(self, statements: int, finished: int) -> None:
        self._total, self._done, self._start = statements, finished, time.perf_counter()
        if self._live:
            self._task = self._progress.add_task(
                "batch", total=statements, completed=finished, rate="0"
            )
        else:
            print(
                f"batch: {statements} statements, {finished} done before",
                file=sys.stderr,
                flush=True,
            )

    def advanced(self, statements: int, lines: int) -> None:
        self._done += statements
        self._lines += lines
        rate = f"{self._lines / max(time.perf_counter() - self._start, 1e-9):.1f}"
        if self._live and self._task is not None:
            self._progress.update(self._task, advance=statements, rate=rate)
        else:
            print(
                f"batch: {self._done}/{self._total} statements, {rate} lines/s",
                file=sys.stderr,
                flush=True,
            )


def render_summary(console: Console, summary: BatchSummary) -> None:
    table = Table(title=f"batch into {summary.out_dir}", show_header=False)
    table.add_row("statements", str(summary.statements))
    table.add_row("lines", str(summary.lines))
    table.add_row("renditions", ", ".join(f"{k} {v}" for k, v in summary.renditions.items()) or "0")
    table.add_row("findings", ", ".join(f"{k} {v}" for k, v in summary.findings.items()) or "none")
    table.add_row("over length", str(summary.over_length))
    table.add_row("failed", str(summary.failed))
    table.add_row("rate", f"{summary.statements_per_s} statements/s, {summary.lines_per_s} lines/s")
    console.print(table)
    for failure in summary.failures:
        console.print(
            f"{failure.file}:{failure.line}: {failure.code}: {failure.message}", markup=False
        )
    console.print(f"outputs: {', '.join(summary.outputs)}", markup=False)
