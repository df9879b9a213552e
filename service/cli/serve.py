"""``adapt serve``: the REST API (and the review UI) with uvicorn, on embedded defaults.

SQLite under the data dir and jobs in this process unless the settings say otherwise
(``ADAPT_DATABASE_URL``, ``ADAPT_BROKER_URL``); migrations run at start-up.
"""

from typing import Annotated

import typer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve(
    context: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free).")
    ] = DEFAULT_PORT,
) -> None:
    """Run the API at http://HOST:PORT/v1 (OpenAPI at /docs) until stopped."""
    import uvicorn

    from service.api.app import create_app

    uvicorn.run(create_app(context.obj), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command()(serve)
