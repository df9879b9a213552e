"""The stateless helpers: the same use cases, and the same JSON, as the CLI's ``--json``.

``detect``, ``segment``, ``lines``, ``length``, ``check`` and ``schedule`` store nothing;
any signed-in user may call them.

``length`` is ``async``: a post's length takes microseconds, so it is measured on the event
loop, without a trip through the thread pool; a text over :data:`ON_LOOP_MAX_CHARS` (a
megabyte takes about 0.3 s) goes to the thread pool, so it never stalls other requests.
The others stay plain ``def``: they load language data on first use, under a lock.
"""

from fastapi import APIRouter
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from service.api.deps import UserDep, WorkspaceDep
from service.api.problems import problem_responses
from service.languages import Language
from service.models import Detection, Model, PlatformLength, Segmentation, Slot
from service.statement import LineExtraction
from service.workflow import StatementFormat, detect, statement_lines, statement_sentences
from service.workflow.check import (
    CheckReport,
    CheckRequest,
    check_translation,
    validate_check_options,
)
from service.workflow.schedule import SlotRequest, schedule_slot
from service.workflow.text import PlatformLengths, measure

ON_LOOP_MAX_CHARS = 10_000  # about 3 ms of measuring

router = APIRouter(prefix="/v1", tags=["text"], responses=problem_responses())


class TextBody(Model):
    text: str


class StatementBody(TextBody):
    """A statement to read: its language (detected if not given) and format."""

    language: Language | None = None
    format: StatementFormat = StatementFormat.TEXT


class LinesBody(StatementBody):
    platform: str = Field(default="x", description="x, bluesky, mastodon, threads or linkedin.")
    max_lines: int = Field(default=10, ge=1, le=100)


class LengthBody(TextBody):
    platform: str = Field(default="x", description="A platform id, or all.")


class CheckBody(CheckRequest):
    checks: list[str] | None = Field(default=None, description="Only these check ids.")


@router.post("/detect", summary="Which of the six languages a text is in")
def detect_language(body: TextBody, workspace: WorkspaceDep, _user: UserDep) -> Detection:
    return detect(workspace, body.text)


@router.post("/segment", summary="A statement's sentences, with offsets")
def segment(body: StatementBody, workspace: WorkspaceDep, _user: UserDep) -> Segmentation:
    return statement_sentences(workspace, body.text, body.language, body.format)


@router.post("/lines", summary="The ranked lines of a statement that work as posts")
def lines(body: LinesBody, workspace: WorkspaceDep, _user: UserDep) -> LineExtraction:
    return statement_lines(
        workspace, body.text, body.platform, body.language, body.max_lines, body.format
    )


@router.post("/length", summary="A post's length on a platform, and whether it fits")
async def length(body: LengthBody, _user: UserDep) -> PlatformLength | PlatformLengths:
    if len(body.text) <= ON_LOOP_MAX_CHARS:
        return measure(body.text, body.platform)
    return await run_in_threadpool(measure, body.text, body.platform)


@router.post("/check", summary="The quality checks on a translation")
def check(body: CheckBody, workspace: WorkspaceDep, _user: UserDep) -> CheckReport:
    validate_check_options(body.checks, body.platform)
    request = CheckRequest(**body.model_dump(exclude={"checks"}))
    return check_translation(workspace, request, body.checks)


@router.post("/schedule", summary="An audience's posting slot, with proof")
def schedule(body: SlotRequest, workspace: WorkspaceDep, _user: UserDep) -> Slot:
    return schedule_slot(workspace, body)
