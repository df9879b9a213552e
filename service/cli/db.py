"""``adapt db upgrade``: bring the database to the newest schema (the service does it at
start-up too). The database is ``ADAPT_DATABASE_URL``, SQLite under the data dir by default.
"""

from typing import TYPE_CHECKING

import typer
from rich.console import Console

from service.cli.io import JsonOption, emit
from service.workflow import Workspace

if TYPE_CHECKING:  # the migrations pull in Alembic
    from service.workflow.database import DatabaseStatus

db_app = typer.Typer(name="db", help="The service's database: migrations.", no_args_is_help=True)


def _render(console: Console, status: "DatabaseStatus") -> None:
    console.print(f"{status.url} is at revision {status.revision}.", markup=False)


def upgrade(context: typer.Context, as_json: JsonOption = False) -> None:
    """Run the migrations up to the newest revision; safe to run again."""
    from service.workflow.database import upgrade_database

    with Workspace(context.obj) as workspace:
        status = upgrade_database(workspace)
    emit(status, as_json=as_json, render=_render)


def register(app: typer.Typer) -> None:
    db_app.command("upgrade")(upgrade)
    app.add_typer(db_app)
