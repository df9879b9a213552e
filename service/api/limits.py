"""The request body limit: past 1 MB a request is refused with ``413 input_too_large``.

A pure ASGI middleware, so the body is counted as it arrives: a ``Content-Length`` over
the limit is refused before any of it is read, and a chunked body stops at the limit with
an HTTP 413 error that the problem handlers answer (``service/api/problems.py``).
"""

from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.problems import problem_response
from service.errors import ErrorCode

MAX_BODY_BYTES = 1_000_000


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_body_bytes`` with a problem+json 413."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    def _detail(self) -> str:
        return f"the request body is over {self.max_body_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            response = problem_response(
                ErrorCode.INPUT_TOO_LARGE, self._detail(), {"max_bytes": self.max_body_bytes}
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise HTTPException(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, self._detail())
            return message

        await self.app(scope, counting_receive, send)
