"""The ``adapt`` command line: a thin edge over the core.

Each command module registers its commands on one Typer app; :func:`main` turns every
user-facing error into a message and exit code 2, and never prints a traceback. Command
modules stay light: a use case that pulls in the store, Alembic, translate-toolkit, the
calendar exports or the job queue is imported inside the command that runs it, so ``adapt
run`` loads only what it uses.
"""

import sys

import typer
from pydantic import ValidationError

from service.cli import (
    batch,
    check,
    db,
    entities,
    glossary,
    import_xliff,
    language,
    length,
    lines,
    memory,
    models,
    schedule,
    serve,
    users,
    worker,
)
from service.cli import run as run_command
from service.cli.errors import describe
from service.cli.io import stderr_console
from service.errors import AdaptError
from service.settings import Settings
from service.workflow import Workspace

app = typer.Typer(
    name="adapt",
    help="Turn one approved UN statement into checked, scheduled posts in six languages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(context: typer.Context) -> None:
    """Build the settings once, at the edge, and validate the language data they point to.

    A broken file in locales/ or glossaries/ stops every command with the file and line.
    """
    settings = Settings()
    Workspace(settings).validate_data()
    context.obj = settings


# Command modules, one per area, in the order the data flows; each exposes register(app).
for module in (
    language,  # detect, segment
    lines,
    run_command,  # the main job
    batch,  # many statements: files and folders, resumable
    import_xliff,  # a CAT tool's XLIFF back into the store
    check,
    length,
    entities,
    glossary,
    memory,
    models,
    schedule,  # schedule, plan, audiences
    serve,  # the service: the REST API
    worker,  # the job worker of the service
    users,  # the service: users and their tokens
    db,
):
    module.register(app)


def _fail(message: str, code: int) -> int:
    stderr_console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return code


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code; used by :func:`main` and the tests.

    Click (vendored by Typer) reports its own usage errors with exit code 2 in standalone
    mode; everything adapt raises for the user becomes a message and exit code 2 here.
    """
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="adapt", standalone_mode=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except AdaptError as error:
        return _fail(describe(error), 2)
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        return _fail(f"invalid setting: {details}", 2)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as error:  # the last line of defence: never a traceback
        return _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)
    return 0


def main() -> None:
    sys.exit(run())
