"""Renditions: read one (with its ETag), edit it, review it, and its history.

The ETag of a rendition names its id and version (``"12.3"``), so ``If-Match`` on a PUT
is the same optimistic check as the body's ``version``: the use case refuses a stale one
with ``409 stale_version``.
"""

from typing import Annotated

import regex
from fastapi import APIRouter, Header, Response
from pydantic import Field

from service.api.deps import PathId, UserDep, WorkspaceDep
from service.api.problems import problem_responses
from service.errors import ErrorCode, InputError
from service.models import Model
from service.workflow.history import RenditionHistory, rendition_history
from service.workflow.review import (
    EditRequest,
    ReviewRequest,
    edit_rendition,
    get_rendition,
    review_rendition,
)
from service.workflow.statement_views import RenditionView

router = APIRouter(prefix="/v1/renditions", tags=["renditions"], responses=problem_responses())

_ENTITY_TAG = regex.compile(r'(?:W/)?"(\d+)\.(\d+)"')


class EditBody(Model):
    """``PUT /v1/renditions/{id}``: the new text, and the version it was written from
    (here or as ``If-Match``)."""

    text: str
    version: int | None = Field(default=None, ge=1, description="Or give the ETag as If-Match.")


def entity_tag(view: RenditionView) -> str:
    return f'"{view.id}.{view.version}"'


def _tagged(view: RenditionView, response: Response) -> RenditionView:
    response.headers["ETag"] = entity_tag(view)
    return view


def _base_version(rendition_id: int, version: int | None, if_match: str | None) -> int:
    """The version an edit is of: the body's, or the one its If-Match ETag names."""
    tagged = _ENTITY_TAG.fullmatch(if_match.strip()) if if_match is not None else None
    if if_match is not None and (tagged is None or int(tagged[1]) != rendition_id):
        raise InputError(
            f'If-Match must be this rendition\'s ETag, "{rendition_id}.VERSION"',
            code=ErrorCode.INVALID_INPUT,
            field="If-Match",
        )
    tag_version = int(tagged[2]) if tagged is not None else None
    if version is not None and tag_version is not None and version != tag_version:
        raise InputError(
            f"the body's version {version} and If-Match's {tag_version} differ",
            code=ErrorCode.CONFLICTING_OPTIONS,
            options=["version", "If-Match"],
        )
    found = version if version is not None else tag_version
    if found is None:
        raise InputError(
            "give the version the text was written from: a version field or If-Match",
            code=ErrorCode.INVALID_INPUT,
            field="version",
        )
    return found


@router.get("/{rendition_id}", summary="A rendition's current version, with its ETag")
def read(
    rendition_id: PathId, response: Response, workspace: WorkspaceDep, user: UserDep
) -> RenditionView:
    return _tagged(get_rendition(workspace, user, rendition_id), response)


@router.put("/{rendition_id}", summary="Edit a rendition (its translator or an editor)")
def edit(
    rendition_id: PathId,
    body: EditBody,
    response: Response,
    workspace: WorkspaceDep,
    user: UserDep,
    if_match: Annotated[str | None, Header()] = None,
) -> RenditionView:
    """A new version: the checks run again and the approvals start over."""
    version = _base_version(rendition_id, body.version, if_match)
    request = EditRequest(text=body.text, version=version)
    return _tagged(edit_rendition(workspace, user, rendition_id, request), response)


@router.post("/{rendition_id}/reviews", summary="Approve or request changes to a version")
def review(
    rendition_id: PathId,
    body: ReviewRequest,
    response: Response,
    workspace: WorkspaceDep,
    user: UserDep,
) -> RenditionView:
    """Under the two-person rule: no self-approval, no second approval of one version."""
    return _tagged(review_rendition(workspace, user, rendition_id, body), response)


@router.get("/{rendition_id}/history", summary="Revisions with diffs, and the reviews")
def history(rendition_id: PathId, workspace: WorkspaceDep, user: UserDep) -> RenditionHistory:
    return rendition_history(workspace, user, rendition_id)
