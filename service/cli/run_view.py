"""The human view of ``adapt run``: one compact block per line, wrapped, never cut.

Each line shows its rank, score and reasons, then each language that has text: origin,
length against the limit, the post itself (wrapped to the terminal, so nothing is cut at 80
columns) and its findings with their messages, coloured by severity. Languages no model
serves are grouped into one note at the end, with the command that installs models.
"""

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from service.cli.errors import install_models_hint
from service.cli.render import severity_text
from service.languages import Language
from service.models import AdaptedLine, Rendition, RenditionOrigin, StatementAdaptation

_INDENT = 4


def _heading(rank: int, line: AdaptedLine) -> Text:
    heading = Text(f"Line {rank}", style="bold")
    heading.append(f"  score {line.score:.2f}  ", style="dim")
    heading.append("; ".join(line.reasons), style="dim")
    return heading


def _rendition(language: Language, rendition: Rendition) -> Group:
    fits = Text("fits", style="green") if rendition.fits else Text("too long", style="bold red")
    title = Text.assemble(
        (f"{language.value}  ", "bold"), f"{rendition.origin.value}  {rendition.length} ", fits
    )
    parts: list[Text | Padding] = [title, Padding(Text(rendition.text), (0, 0, 0, _INDENT))]
    for finding in rendition.findings:
        message = Text.assemble(severity_text(finding.severity), f" {finding.check}: ")
        message.append(finding.message)
        parts.append(Padding(message, (0, 0, 0, _INDENT)))
    if rendition.thread:
        parts.append(Padding(Text(f"proposed thread of {len(rendition.thread)}"), (0, 0, 0, 4)))
    return Group(*parts)


def render_adaptation(console: Console, result: StatementAdaptation) -> None:
    """Print ``result`` for a person (see the module docstring)."""
    targets = list(result.lines[0].renditions) if result.lines else []
    console.print(
        f"Source language: [bold]{result.source_language}[/]  platform: {result.platform}  "
        f"lines: {len(result.lines)}  into: {', '.join(targets)}"
    )
    for rank, line in enumerate(result.lines, start=1):
        console.print()
        console.print(_heading(rank, line), soft_wrap=False)
        for language, rendition in line.renditions.items():
            if rendition.origin is not RenditionOrigin.NONE:
                console.print(
                    Padding(_rendition(language, rendition), (0, 0, 0, 2)), soft_wrap=False
                )
    if result.missing_languages:
        missing = ", ".join(language.value for language in result.missing_languages)
        console.print()
        console.print(
            Text.assemble(
                ("No translation model yet ", "yellow"),
                f"for {result.source_language} -> {missing}: those renditions are empty. ",
                install_models_hint(result.source_language, result.missing_languages),
                ".",
            ),
            soft_wrap=False,
        )
