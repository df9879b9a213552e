"""A batch's statements in the store, and the job that adapts one chunk of them.

Every statement of a batch is stored ``queued`` first, like a submitted one (so that its
lines and renditions can be reviewed, exported to a CAT tool and edited like any other).
A chunk is a list of statement ids; :func:`run_batch_chunk` adapts them together (the MT
of all of them batched, one engine call per language pair) and stores all their results
in one transaction. Like :func:`service.workflow.statements.run_adapt_job` it is
idempotent: a ready statement is skipped, so a chunk redelivered after its worker died,
or rerun after a crash, never stores a statement twice.

The same handler serves the local worker processes of ``adapt batch --workers N`` and the
Celery workers (``adapt worker``) of ``adapt batch --queue``, as the job kind
:data:`BATCH_JOB_KIND`.
"""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from pydantic import JsonValue

from service.engines.base import TranslationEngine
from service.errors import AdaptError, ErrorCode, InputError
from service.languages import Language
from service.review import SYSTEM_ACTOR
from service.store.records import (
    AdaptationDraft,
    StatementDraft,
    StatementError,
    StatementRecord,
)
from service.text.length import platform_rules
from service.workflow.adapt import DraftedStatements, draft_statements, finish_statements
from service.workflow.batch_inputs import BatchItem
from service.workflow.lines import AdaptRequest, read_statement
from service.workflow.statements import line_drafts
from service.workflow.workspace import Workspace

BATCH_JOB_KIND = "adapt_batch_chunk"
BATCH_APPROVAL_REF = "batch"


def batch_job_payload(statement_ids: Sequence[int]) -> dict[str, JsonValue]:
    """The payload of the job that adapts the chunk ``statement_ids``."""
    return {"statement_ids": list[JsonValue](statement_ids)}


def batch_ref(batch_fingerprint: str) -> str:
    """The start of the approval reference of every statement a batch stores."""
    return f"{BATCH_APPROVAL_REF}:{batch_fingerprint[:16]}:"


def statement_draft(
    workspace: Workspace,
    item: BatchItem,
    batch: str,
    options: tuple[Sequence[Language], str, int],
) -> StatementDraft:
    """Read the item (its language is detected and checked now): the statement to store
    ``queued``.

    ``batch`` is :func:`batch_ref`; ``options`` are the targets, platform and max lines.
    """
    targets, platform, max_lines = options
    statement, source_language = read_statement(workspace, item.text, item.language, item.format)
    if statement.observance:
        workspace.glossary.observance(statement.observance)
    return StatementDraft(
        text=item.text,
        approval_ref=f"{batch}{item.file}:{item.line}",
        language=item.language,
        source_language=source_language,
        title=statement.title,
        link=statement.link,
        hashtags=statement.hashtags,
        targets=list(targets),
        platforms=[platform_rules(item.platform or platform).platform],
        audiences=[],
        observance=statement.observance,
        urgent=False,
        max_lines=max_lines,
        created_by=SYSTEM_ACTOR,
        format=item.format,
    )


def handle_batch_chunk(workspace: Workspace, payload: Mapping[str, object]) -> None:
    """The job queue's handler for :data:`BATCH_JOB_KIND`: ``{"statement_ids": [N, ...]}``."""
    ids = payload.get("statement_ids")
    if not isinstance(ids, list) or not all(
        isinstance(item, int) and not isinstance(item, bool) for item in ids
    ):
        raise InputError(
            f"an {BATCH_JOB_KIND} job needs a list of integer statement_ids, got {ids!r}",
            code=ErrorCode.INVALID_INPUT,
            field="statement_ids",
        )
    run_batch_chunk(workspace, ids)


def _started(workspace: Workspace, statement_ids: Sequence[int]) -> list[StatementRecord]:
    started = workspace.store.statements.start_adaptations(statement_ids, SYSTEM_ACTOR)
    return [record for record in started if record is not None]


def run_batch_chunk(workspace: Workspace, statement_ids: Sequence[int]) -> int:
    """Adapt the chunk's statements that are not ready yet, together; return how many.

    A statement whose adaptation raises an :class:`AdaptError` is marked ``failed`` with
    its code and message; the others are stored ``ready``. A failure of the whole chunk
    (a bug, an unavailable database) marks the started statements failed and is raised
    again, so the job queue can retry the chunk.

    The same as :func:`finish_batch_chunk` of :func:`draft_batch_chunk`.
    """
    return finish_batch_chunk(workspace, draft_batch_chunk(workspace, statement_ids))


@dataclass(frozen=True)
class DraftedChunk:
    """A chunk halfway (see :func:`draft_batch_chunk`): its started statements, drafted."""

    records: list[StatementRecord]
    drafted: DraftedStatements | None


def draft_batch_chunk(
    workspace: Workspace, statement_ids: Sequence[int], engine: TranslationEngine | None = None
) -> DraftedChunk:
    """Start the chunk's statements that are not ready and draft their posts (the half of
    :func:`run_batch_chunk` that waits for the engine), on ``engine`` (the workspace's by
    default)."""
    records = _started(workspace, statement_ids)
    requests = [AdaptRequest.stored(record, record.platforms[0]) for record in records]
    if not records:
        return DraftedChunk(records, None)
    with _failing_on_error(workspace, records):
        targets, max_lines = records[0].targets, records[0].max_lines
        drafted = draft_statements(workspace, requests, targets, max_lines, engine)
    return DraftedChunk(records, drafted)


def finish_batch_chunk(workspace: Workspace, chunk: DraftedChunk) -> int:
    """Finish a drafted chunk and store every statement's result in one transaction;
    return how many statements it adapted."""
    if chunk.drafted is None:
        return 0
    statements = workspace.store.statements
    with _failing_on_error(workspace, chunk.records):
        outcomes = finish_statements(workspace, chunk.drafted)
    adapted: list[AdaptationDraft] = []
    with workspace.store.unit_of_work():  # one commit for the chunk, not one per statement
        for record, outcome in zip(chunk.records, outcomes, strict=True):
            if outcome.error is not None:
                statements.fail_adaptation(record.id, _failure(outcome.error), SYSTEM_ACTOR)
                continue
            adaptation = outcome.unwrap()
            lines = line_drafts([adaptation])
            adapted.append(AdaptationDraft(record.id, adaptation.source_language, lines))
        statements.store_adaptations(adapted, SYSTEM_ACTOR)
    return len(chunk.records)


@contextmanager
def _failing_on_error(workspace: Workspace, records: Sequence[StatementRecord]) -> Iterator[None]:
    """On an unexpected error, mark the started statements failed and raise it again."""
    try:
        yield
    except Exception as error:
        failure = StatementError(
            code=ErrorCode.INTERNAL_ERROR.value,
            message=f"internal error ({type(error).__name__}); the chunk will be retried",
        )
        for record in records:
            workspace.store.statements.fail_adaptation(record.id, failure, SYSTEM_ACTOR)
        raise


def _failure(error: AdaptError) -> StatementError:
    return StatementError(code=error.code.value, message=error.message)
