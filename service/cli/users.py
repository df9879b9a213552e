"""``adapt users``: add a user (the token is printed once), list them, revoke one.

The command line is the operator's: it needs no token, and the audit log records its
changes as made by ``system``. See :mod:`service.workflow.users`.
"""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import JsonOption, emit
from service.languages import parse_language_list
from service.workflow import Workspace
from service.workflow.users import (
    NewUser,
    Role,
    User,
    UserList,
    add_user,
    list_users,
    revoke_user,
    user_request,
)

users_app = typer.Typer(
    name="users",
    help="People who use the service: add (prints the token once), list, revoke.",
    no_args_is_help=True,
)


def _render_new(console: Console, user: NewUser) -> None:
    console.print(f"Added {user.name}. Their token, shown only this once:", markup=False)
    console.print(user.token, markup=False)


def _render_list(console: Console, result: UserList) -> None:
    if not result.users:
        console.print("No users yet.")
        return
    table = Table("name", "role", "languages", "created (UTC)", "revoked (UTC)")
    for user in result.users:
        revoked = f"{user.revoked_at_utc:%Y-%m-%d %H:%M}" if user.revoked_at_utc else ""
        languages = ",".join(user.languages)
        table.add_row(
            user.name, user.role, languages, f"{user.created_at_utc:%Y-%m-%d %H:%M}", revoked
        )
    console.print(table)


def _render_revoked(console: Console, user: User) -> None:
    console.print(f"Revoked the token of {user.name}.", markup=False)


def add(
    context: typer.Context,
    name: Annotated[str, typer.Argument(help="Unique user name.")],
    role: Annotated[Role, typer.Option(help="What the user does.", case_sensitive=False)],
    languages: Annotated[
        str | None, typer.Option(help="A translator's languages, e.g. fr,es.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a user and print their token (only now: it is stored hashed)."""
    request = user_request(name, role, parse_language_list(languages) if languages else [])
    with Workspace(context.obj) as workspace:
        result = add_user(workspace, request)
    emit(result, as_json=as_json, render=_render_new)


def list_command(context: typer.Context, as_json: JsonOption = False) -> None:
    """List every user with their role and languages (never a token)."""
    with Workspace(context.obj) as workspace:
        result = list_users(workspace)
    emit(result, as_json=as_json, render=_render_list)


def revoke(
    context: typer.Context,
    name: Annotated[str, typer.Argument(help="The user whose token to revoke.")],
    as_json: JsonOption = False,
) -> None:
    """Revoke a user's token; their history stays in the audit log."""
    with Workspace(context.obj) as workspace:
        result = revoke_user(workspace, name)
    emit(result, as_json=as_json, render=_render_revoked)


def register(app: typer.Typer) -> None:
    users_app.command("add")(add)
    users_app.command("list")(list_command)
    users_app.command("revoke")(revoke)
    app.add_typer(users_app)
