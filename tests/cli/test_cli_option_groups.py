"""Option groups: declared once, spread into each command's options, received as one value."""

from dataclasses import dataclass
from typing import Annotated

import typer
from typer.testing import CliRunner

from service.cli.option_groups import with_option_groups


@dataclass(frozen=True)
class Window:
    start: Annotated[int, typer.Option(help="First hour.")] = 9
    labels: Annotated[list[str] | None, typer.Option("--label", help="Labels.")] = None


def _app() -> tuple[typer.Typer, list[object]]:
    received: list[object] = []
    app = typer.Typer(add_completion=False)

    @app.command()
    @with_option_groups
    def show(
        name: Annotated[str, typer.Argument()],
        *,
        window: Window,
        loud: Annotated[bool, typer.Option(help="Shout.")] = False,
    ) -> None:
        received.append((name, window, loud))

    return app, received


def test_group_options_are_parsed_into_one_value() -> None:
    app, received = _app()
    result = CliRunner().invoke(app, ["x", "--start", "7", "--label", "a", "--label", "b"])
    assert result.exit_code == 0, result.output
    assert received == [("x", Window(start=7, labels=["a", "b"]), False)]
    CliRunner().invoke(app, ["y", "--loud"])
    assert received[-1] == ("y", Window(), True)  # the group's own defaults


def test_group_options_show_in_help_where_the_group_stands() -> None:
    app, _received = _app()
    output = CliRunner().invoke(app, ["--help"]).output
    assert output.index("--start") < output.index("--label") < output.index("--loud")
    assert "--window" not in output
