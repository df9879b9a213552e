"""The journal of a batch in ``DIR/journal/``: what a rerun after a crash needs to resume.

* ``plan.json`` - every item of the batch (file, line) with the id of its stored statement
  or the failure that kept it from the store, and a fingerprint of the inputs and options.
  It is written once all the batch's statements are stored.
* ``chunk-NNNNN.json`` - a finished chunk: the records of its statements as stored, and
  its failures. Written when every statement of the chunk is settled.

Every file (the journal's and the outputs) is written atomically: a temporary file in the
same folder, flushed to disk, then renamed over the target. A SIGKILL leaves either the old
file or the new one, never half of one, so a rerun skips exactly the finished chunks and
each statement appears once in the outputs.
"""

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from service.errors import ErrorCode, InputError
from service.files import write_atomic
from service.models import Model
from service.workflow.batch_inputs import BatchFailure, BatchItem
from service.workflow.statement_views import LineView

_M = TypeVar("_M", bound=Model)
JOURNAL_FOLDER = "journal"
PLAN_FILE = "plan.json"


class PlannedItem(Model):
    """One item of a batch: its stored statement, or why it has none."""

    file: str
    line: int
    statement_id: int | None = None
    failure: BatchFailure | None = None


class BatchPlan(Model):
    fingerprint: str
    items: list[PlannedItem]


class BatchRecord(Model):
    """One adapted statement of a batch, as stored: where it came from and its lines."""

    file: str
    line: int
    statement_id: int
    source_language: str
    platform: str
    title: str | None = None
    lines: list[LineView]


class ChunkResult(Model):
    records: list[BatchRecord]
    failures: list[BatchFailure]


def fingerprint(items: Sequence[BatchItem], failures: Sequence[BatchFailure], options: str) -> str:
    """SHA-256 of the inputs as read and the options that shape the outputs."""
    digest = hashlib.sha256(options.encode("utf-8"))
    for item in items:
        digest.update(f"\0{item.file}\0{item.line}\0".encode())
        digest.update(hashlib.sha256(item.text.encode("utf-8")).digest())
    for failure in failures:
        digest.update(f"\1{failure.file}\0{failure.line}\0{failure.code}".encode())
    return digest.hexdigest()


class Journal:
    """The journal folder of one output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / JOURNAL_FOLDER
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                f"cannot create {self.folder} ({error.strerror})",
                code=ErrorCode.UNWRITABLE_FILE,
                path=str(self.folder),
            ) from None

    def plan(self, expected: str) -> BatchPlan | None:
        """The stored plan, if a run got that far; one of another batch is refused."""
        path = self.folder / PLAN_FILE
        if not path.exists():
            return None
        plan = _load(path, BatchPlan)
        if plan.fingerprint != expected:
            raise InputError(
                f"{self.folder.parent} holds the journal of another batch (other inputs or "
                "options): give another --out folder, or delete it to start again",
                code=ErrorCode.CONFLICTING_OPTIONS,
                path=str(self.folder),
            )
        return plan

    def save_plan(self, plan: BatchPlan) -> None:
        write_atomic(self.folder / PLAN_FILE, plan.model_dump_json().encode("utf-8"))

    def _chunk_path(self, index: int) -> Path:
        return self.folder / f"chunk-{index:05d}.json"

    def finished(self, index: int) -> ChunkResult | None:
        path = self._chunk_path(index)
        return _load(path, ChunkResult) if path.exists() else None

    def finish(self, index: int, result: ChunkResult) -> None:
        write_atomic(self._chunk_path(index), result.model_dump_json().encode("utf-8"))


def _load(path: Path, model: type[_M]) -> _M:
    try:
        return model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, json.JSONDecodeError) as error:
        raise InputError(
            f"{path} is damaged ({type(error).__name__}): delete the folder to start again",
            code=ErrorCode.INVALID_DATA,
            path=str(path),
        ) from None
