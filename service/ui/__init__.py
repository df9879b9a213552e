"""The translator review UI: server-rendered pages under ``/review`` on the API's app.

:func:`mount_ui` adds the pages (``routes_pages.py``: sign-in, sign-out, queue;
``routes_statement.py``: the statement page, edits, reviews and the live length;
``routes_plan.py``: the posting plan), the static files (our CSS and JS, and htmx,
vendored with its licence) and the security headers of every ``/review`` response. Each
page calls one use case of ``service/workflow/`` and renders its model with Jinja2,
which escapes everything.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.ui.headers import SecurityHeadersMiddleware
from service.ui.render import PREFIX
from service.ui.routes_pages import router as pages_router
from service.ui.routes_plan import router as plan_router
from service.ui.routes_statement import router as statement_router

STATIC_DIR = Path(__file__).resolve().parent / "static"


def mount_ui(app: FastAPI) -> None:
    """Add the review UI to ``app``: its pages, static files and security headers."""
    for router in (pages_router, statement_router, plan_router):
        app.include_router(router, include_in_schema=False)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="review-static")
    app.add_middleware(SecurityHeadersMiddleware)
