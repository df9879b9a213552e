"""``adapt batch``: many statements from files and folders, adapted, stored and written out.

1. Read the inputs (:mod:`service.workflow.batch_inputs`); an item that cannot be read is
   a failure record and the batch goes on.
2. Store every statement ``queued`` (its language detected and checked now) and journal
   the plan (:mod:`service.workflow.batch_journal`). A rerun with the same inputs and
   options finds the plan and goes on from there.
3. Adapt the statements ``chunk_size`` at a time: all the lines of a chunk go to the engine
   together, one call per language pair (every source language in the same engine call).
   The chunks run here (the next one drafted while this one is finished), in local worker
   processes or on Celery workers (:mod:`service.workflow.batch_runners`); each finished
   chunk is journaled from the store.
4. Write the outputs and ``summary.json`` from the journal, atomically
   (:mod:`service.workflow.batch_output`).
"""

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from pydantic import Field, field_validator

from service.audiences import parse_timezone
from service.engines.argos_lanes import even_parts
from service.errors import AdaptError
from service.files import write_atomic
from service.languages import ALL_LANGUAGES, Language
from service.models import Model
from service.store.records import StatementDraft, StatementStatus
from service.workflow.batch_format import BatchFormat
from service.workflow.batch_inputs import BatchFailure, BatchItem, read_inputs
from service.workflow.batch_jobs import batch_ref, statement_draft
from service.workflow.batch_journal import (
    BatchPlan,
    BatchRecord,
    ChunkResult,
    Journal,
    PlannedItem,
    fingerprint,
)
from service.workflow.batch_output import output_files, write_outputs
from service.workflow.batch_posts import PLANNED_FORMATS, planned_files
from service.workflow.batch_runners import Chunk, chunk_runner
from service.workflow.statement_views import statement_views
from service.workflow.workspace import Workspace

SUMMARY_FILE = "summary.json"
INLINE_CHUNK_SIZE = 64  # statements a chunk in one process: larger batches for its engine
SHARED_CHUNK_SIZE = 32  # with --workers or --queue: enough chunks for every worker
_STORE_GROUP = 100
"""Statements stored per transaction while planning (a kill undoes at most one group,
which the rerun stores again)."""


class BatchRequest(Model):
    """What ``adapt batch`` was asked: inputs, the output folder and the options."""

    inputs: list[Path]
    out_dir: Path
    targets: list[Language] = Field(default_factory=lambda: list(ALL_LANGUAGES))
    platform: str = "x"
    format: BatchFormat = BatchFormat.JSONL
    workers: int = Field(default=1, ge=1)
    queue: str | None = Field(default=None, description="A Redis broker URL: run on Celery.")
    chunk_size: int | None = Field(
        default=None,
        ge=1,
        le=1000,
        description=(
            f"Statements translated together; by default {INLINE_CHUNK_SIZE} in this process "
            f"(larger engine batches), {SHARED_CHUNK_SIZE} with workers or a queue (more "
            "chunks to share out)."
        ),
    )
    max_lines: int = Field(default=5, ge=1, le=50)
    csv_timezone: str = Field(default="UTC", description="The Hootsuite user's time zone.")

    @field_validator("csv_timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        return parse_timezone(name, "csv_timezone")

    def resolved_chunk_size(self) -> int:
        """The chunk size asked for, or the default for where the chunks run."""
        if self.chunk_size is not None:
            return self.chunk_size
        return SHARED_CHUNK_SIZE if self.queue or self.workers > 1 else INLINE_CHUNK_SIZE

    def options_key(self) -> str:
        """The options that shape the outputs (a journal holds one set of them)."""
        return self.model_dump_json(include={"targets", "platform", "chunk_size", "max_lines"})


class BatchSummary(Model):
    """The end of a batch: counts, and where everything is."""

    out_dir: str
    statements: int = Field(description="Statements adapted and stored.")
    failed: int = Field(description="Items that failed: see failures and errors.jsonl.")
    lines: int
    renditions: dict[str, int] = Field(description="Renditions by origin.")
    findings: dict[str, int] = Field(description="Findings by check.")
    over_length: int = Field(description="Renditions that do not fit the platform.")
    failures: list[BatchFailure]
    outputs: list[str]
    resumed_chunks: int = Field(description="Chunks a previous run had finished.")
    elapsed_s: float
    statements_per_s: float
    lines_per_s: float


class BatchProgress(Protocol):
    """What the batch reports as it goes; the CLI draws it (a Rich bar, or log lines)."""

    def started(self, statements: int, finished: int) -> None: ...

    def advanced(self, statements: int, lines: int) -> None: ...


class _Silent:
    def started(self, statements: int, finished: int) -> None:
        pass

    def advanced(self, statements: int, lines: int) -> None:
        pass


def _store_items(
    workspace: Workspace, request: BatchRequest, items: Sequence[BatchItem], batch: str
) -> list[PlannedItem]:
    """Store each item once, :data:`_STORE_GROUP` to a transaction: a statement a killed
    run stored before its plan was saved (same inputs and options, so the same approval
    reference) is taken up again."""
    stored = workspace.store.statements.ids_by_approval_ref(batch)
    options = (request.targets, request.platform, request.max_lines)
    planned: list[PlannedItem] = []
    new: list[tuple[int, StatementDraft]] = []  # (index in planned, draft)
    for item in items:
        statement_id = stored.get(f"{batch}{item.file}:{item.line}")
        if statement_id is None:
            try:
                new.append((len(planned), statement_draft(workspace, item, batch, options)))
            except AdaptError as error:
                failure = BatchFailure.of(item.file, item.line, error)
                planned.append(PlannedItem(file=item.file, line=item.line, failure=failure))
                continue
        planned.append(PlannedItem(file=item.file, line=item.line, statement_id=statement_id))
    for start in range(0, len(new), _STORE_GROUP):
        group = new[start : start + _STORE_GROUP]
        records = workspace.store.statements.create_many([draft for _, draft in group])
        for (index, _), record in zip(group, records, strict=True):
            planned[index] = planned[index].model_copy(update={"statement_id": record.id})
    return planned


def _plan(workspace: Workspace, request: BatchRequest, journal: Journal) -> BatchPlan:
    items, failures = read_inputs(request.inputs, skip=request.out_dir)
    expected = fingerprint(items, failures, request.options_key())
    plan = journal.plan(expected)
    if plan is None:
        planned = [PlannedItem(file=f.file, line=f.line, failure=f) for f in failures]
        stored = _store_items(workspace, request, items, batch_ref(expected))
        plan = BatchPlan(fingerprint=expected, items=planned + stored)
        journal.save_plan(plan)
    return plan


def _chunks(plan: BatchPlan, size: int, workers: int) -> list[Chunk]:
    """The plan's statements, ``size`` at a time; for ``workers`` local worker processes,
    cut evenly into a multiple of ``workers`` chunks (see :func:`cut_evenly`)."""
    ids = [item.statement_id for item in plan.items if item.statement_id is not None]
    return list(enumerate(cut_evenly(ids, size, workers) if workers > 1 else _chunk_ids(ids, size)))


def _chunk_ids(ids: Sequence[int], size: int) -> list[list[int]]:
    """``ids`` in order, ``size`` at a time (the last chunk may be shorter)."""
    return [list(ids[start : start + size]) for start in range(0, len(ids), size)]


def cut_evenly(items: Sequence[int], size: int, parts: int) -> list[list[int]]:
    """``items`` in order, cut into chunks of at most ``size`` that differ by one item at
    most, their count a multiple of ``parts`` where there are enough items: ``parts``
    workers then get the same work each, and none waits at the end for another's last
    chunk.

    >>> [len(chunk) for chunk in cut_evenly(range(210), 32, 2)]
    [27, 27, 26, 26, 26, 26, 26, 26]
    >>> [len(chunk) for chunk in cut_evenly(range(3), 32, 4)]
    [1, 1, 1]
    """
    if not items:
        return []
    count = -(-len(items) // size)  # the fewest chunks of at most ``size``
    count = min(len(items), -(-count // parts) * parts)
    return [list(chunk) for chunk in even_parts(items, count)]


def _journaled(
    journal: Journal, plan: BatchPlan, chunks: Sequence[Chunk]
) -> dict[int, ChunkResult]:
    """The chunks a previous run finished, as journaled. An entry for other statements (a
    rerun with another ``--workers`` cuts the chunks differently) does not count: that
    chunk runs again, and its statements that are ready are skipped."""
    where = {item.statement_id: (item.file, item.line) for item in plan.items}
    finished: dict[int, ChunkResult] = {}
    for index, ids in chunks:
        result = journal.finished(index)
        if result is None:
            continue
        done = [(record.file, record.line) for record in result.records]
        done += [(failure.file, failure.line) for failure in result.failures]
        if sorted(done) == sorted(where[item] for item in ids):
            finished[index] = result
    return finished


def _settle(workspace: Workspace, plan: BatchPlan, ids: Sequence[int]) -> ChunkResult:
    """The chunk's statements as stored now: a record each, or its failure."""
    where = {item.statement_id: item for item in plan.items if item.statement_id is not None}
    stored = workspace.store.statements.get_many(ids)
    ready = [stored[item] for item in ids if stored[item].status is StatementStatus.READY]
    views = statement_views(workspace, ready)
    result = ChunkResult(records=[], failures=[])
    for statement_id in ids:
        item, record = where[statement_id], stored[statement_id]
        view = views.get(statement_id)
        if view is None:
            error = record.error
            code, message = (
                (error.code, error.message) if error else ("internal_error", "not adapted")
            )
            result.failures.append(
                BatchFailure(file=item.file, line=item.line, code=code, message=message)
            )
            continue
        result.records.append(
            BatchRecord(
                file=item.file,
                line=item.line,
                statement_id=statement_id,
                source_language=(record.source_language or Language.EN).value,
                platform=record.platforms[0],
                title=record.title,
                lines=view.lines,
            )
        )
    return result


def _current(
    workspace: Workspace,
    plan: BatchPlan,
    chunks: Sequence[Chunk],
    settled: Mapping[int, ChunkResult],
) -> ChunkResult:
    """Every statement of the batch as stored now: the chunks this run has just settled as
    they are, the others (finished by an earlier run) read again, a chunk at a time."""
    current = ChunkResult(records=[], failures=[])
    for index, ids in chunks:
        result = settled[index] if index in settled else _settle(workspace, plan, ids)
        current.records.extend(result.records)
        current.failures.extend(result.failures)
    return current


def run_batch(
    workspace: Workspace, request: BatchRequest, progress: BatchProgress | None = None
) -> BatchSummary:
    """Run (or resume) the batch and write its outputs; see the module's docstring."""
    progress = progress or _Silent()
    started = time.perf_counter()
    journal = Journal(request.out_dir)
    plan = _plan(workspace, request, journal)
    chunks = _chunks(plan, request.resolved_chunk_size(), 1 if request.queue else request.workers)
    results = _journaled(journal, plan, chunks)
    resumed = len(results)
    progress.started(
        sum(len(ids) for _, ids in chunks),
        sum(len(r.records) + len(r.failures) for r in results.values()),
    )
    pending = [chunk for chunk in chunks if chunk[0] not in results]
    runner = chunk_runner(workspace, request.workers, request.queue)
    by_index = dict(chunks)
    settled: dict[int, ChunkResult] = {}
    for index in runner.run(pending):
        result = _settle(workspace, plan, by_index[index])
        journal.finish(index, result)
        settled[index] = result
        progress.advanced(len(by_index[index]), sum(len(record.lines) for record in result.records))
    # The outputs show the statements as stored now: a rerun after review has their
    # current versions and review states (and, in ICS, their approved posts).
    current = _current(workspace, plan, chunks, settled)
    return _summary(workspace, request, plan, current, resumed, time.perf_counter() - started)


def _summary(
    workspace: Workspace,
    request: BatchRequest,
    plan: BatchPlan,
    current: ChunkResult,
    resumed: int,
    elapsed_s: float,
) -> BatchSummary:
    records = current.records
    failures = [item.failure for item in plan.items if item.failure is not None]
    failures += current.failures
    files = (
        planned_files(workspace, records, request.format, request.csv_timezone)
        if request.format in PLANNED_FORMATS
        else output_files(records, request.format)
    )
    outputs = write_outputs(request.out_dir, files, failures)
    renditions = [
        rendition for record in records for line in record.lines for rendition in line.renditions
    ]
    lines = sum(len(record.lines) for record in records)
    summary = BatchSummary(
        out_dir=str(request.out_dir),
        statements=len(records),
        failed=len(failures),
        lines=lines,
        renditions=dict(Counter(rendition.origin.value for rendition in renditions)),
        findings=dict(Counter(f.check for rendition in renditions for f in rendition.findings)),
        over_length=sum(not r.fits and bool(r.text.strip()) for r in renditions),
        failures=failures,
        outputs=[*outputs, str(request.out_dir / SUMMARY_FILE)],
        resumed_chunks=resumed,
        elapsed_s=round(elapsed_s, 3),
        statements_per_s=round(len(records) / elapsed_s, 2) if elapsed_s else 0.0,
        lines_per_s=round(lines / elapsed_s, 2) if elapsed_s else 0.0,
    )
    write_atomic(request.out_dir / SUMMARY_FILE, summary.model_dump_json(indent=2).encode("utf-8"))
    return summary
