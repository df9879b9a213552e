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
from service.models import Plan, Rendition, RenditionOrigin, utc_text
from service.statement import AdaptedLine, StatementAdaptation
from service.workflow.text import platform_limit

_INDENT = 4


def _heading(rank: int, line: AdaptedLine) -> Text:
    heading = Text(f"Line {rank}", style="bold")
    heading.append(f"  score {line.score:.2f}  ", style="dim")
    heading.append("; ".join(line.reasons), style="dim")
    return heading


def _rendition(language: Language, rendition: Rendition, limit: int) -> Group:
    fits = Text("fits", style="green") if rendition.fits else Text("too long", style="bold red")
    title = Text.assemble(
        (f"{language.value}  ", "bold"),
        f"{rendition.origin.value}  {rendition.length}/{limit} ",
        fits,
    )
    parts: list[Text | Padding] = [title, Padding(Text(rendition.text), (0, 0, 0, _INDENT))]
    for finding in rendition.findings:
        message = Text.assemble(severity_text(finding.severity), f" {finding.check}: ")
        message.append(finding.message)
        parts.append(Padding(message, (0, 0, 0, _INDENT)))
    if rendition.thread:
        parts.append(Padding(Text(f"proposed thread of {len(rendition.thread)}"), (0, 0, 0, 4)))
    return Group(*parts)


def _render_plan(console: Console, plan: Plan) -> None:
    console.print()
    console.print(Text("Posting plan (a proposal until the posts are approved)", style="bold"))
    for slot in plan.slots:
        console.print(
            Text.assemble(("  " + slot.audience_id, "bold"), f"  {utc_text(slot.slot_utc)}")
        )
        for zone in slot.zones:
            local = Text(f"      {zone.timezone}: ", style="dim")
            local.append(zone.local_time_display)
            console.print(local, soft_wrap=False)


def _render_next_steps(console: Console) -> None:
    console.print()
    console.print(
        Text(
            "Nothing can be exported or scheduled until two different people have approved "
            "each post. To review and publish, run `adapt serve` and open /review.",
            style="yellow",
        ),
        soft_wrap=False,
    )
    console.print(
        "Try next: `adapt lines examples/statement.md` (why these lines), "
        "`adapt checks` (what is checked), "
        "`adapt plan --observance world-health-day` (the full plan), `adapt --help`.",
        markup=False,
        soft_wrap=False,
    )


def _render_missing(console: Console, result: StatementAdaptation) -> None:
    """One note for the languages with empty renditions: no model, nothing in memory."""
    empty = [
        language
        for language in result.missing_languages
        if any(line.renditions[language].origin is RenditionOrigin.NONE for line in result.lines)
    ]
    if not empty:
        return
    missing = ", ".join(language.value for language in empty)
    console.print()
    console.print(
        Text.assemble(
            ("No translation model yet ", "yellow"),
            f"for {result.source_language} -> {missing}, and no approved translation in "
            "memory: those renditions are empty. ",
            install_models_hint(result.source_language, empty),
            ".",
        ),
        soft_wrap=False,
    )


def render_adaptation(console: Console, result: StatementAdaptation) -> None:
    """Print ``result`` for a person (see the module docstring)."""
    targets = list(result.lines[0].renditions) if result.lines else []
    console.print(
        f"Source language: [bold]{result.source_language}[/]  platform: {result.platform}  "
        f"lines: {len(result.lines)}  into: {', '.join(targets)}"
    )
    limit = platform_limit(result.platform)
    for rank, line in enumerate(result.lines, start=1):
        console.print()
        console.print(_heading(rank, line), soft_wrap=False)
        for language, rendition in line.renditions.items():
            if rendition.origin is not RenditionOrigin.NONE:
                block = _rendition(language, rendition, limit)
                console.print(Padding(block, (0, 0, 0, 2)), soft_wrap=False)
    _render_missing(console, result)
    if result.no_lines_reason:
        console.print(Text(result.no_lines_reason, style="yellow"), soft_wrap=False)
    if result.plan is not None:
        _render_plan(console, result.plan)
        _render_next_steps(console)
