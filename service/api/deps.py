"""What routes depend on: the process's workspace and job queue, and the current user.

The lifespan (``service/api/app.py``) builds the :class:`Services` once and keeps them on
``app.state.services``; :func:`workspace` and :func:`job_queue` hand them to a route.
:func:`current_user` reads ``Authorization: Bearer TOKEN`` and authenticates it with the
use case (from the token cache, on the event loop, when it can); other edges (the review
UI reads a cookie) write their own user dependency over :func:`workspace` and the same
``authenticate``.
"""

from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from service.models import MAX_ROW_ID
from service.workflow import Workspace
from service.workflow.jobs import JobQueue
from service.workflow.users import User, authenticate, remembered_user


@dataclass(frozen=True)
class Services:
    """What the lifespan builds for one app: the workspace and the started job queue."""

    workspace: Workspace
    jobs: JobQueue


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


# The two below are async so that FastAPI calls them on the event loop: a plain ``def``
# dependency costs a trip through the thread pool on every request.


async def workspace(request: Request) -> Workspace:
    """The app's workspace (settings, store, language data)."""
    return services(request).workspace


async def job_queue(request: Request) -> JobQueue:
    """The app's job queue, started by the lifespan."""
    return services(request).jobs


_bearer = HTTPBearer(auto_error=False, description="A token from `adapt users add`.")


async def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    """The user of the bearer token; none, unknown or revoked is ``401 unauthorized``.

    A token authenticated in the last ``ADAPT_TOKEN_CACHE_S`` seconds is answered from
    memory on the event loop; any other goes to the database, in the thread pool."""
    token = credentials.credentials if credentials is not None else None
    workspace = services(request).workspace
    if (user := remembered_user(workspace, token)) is not None:
        return user
    return await run_in_threadpool(partial(authenticate, workspace, token, remembered=False))


WorkspaceDep = Annotated[Workspace, Depends(workspace)]
JobQueueDep = Annotated[JobQueue, Depends(job_queue)]
UserDep = Annotated[User, Depends(current_user)]
PathId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A statement's or rendition's id.")]
