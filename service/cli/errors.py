"""How the CLI words an error: the core's message, then what to run or type about it.

The core raises errors as data (``service/errors.py``: a code, a message, fields) and never
names a command or an option; this is the one place that does, for the command line.
"""

from collections.abc import Callable, Mapping, Sequence

from service.errors import AdaptError, ErrorCode, FieldValue
from service.languages import ALL_LANGUAGES, Language

Fields = Mapping[str, FieldValue]
_ALL = ",".join(ALL_LANGUAGES)


def install_models_hint(source: Language | None, targets: Sequence[Language] = ()) -> str:
    """What to run to install the models ``source`` -> ``targets`` need (default: all ten)."""
    languages = ",".join(dict.fromkeys([source, *targets])) if source else _ALL
    return (
        f"Install models with `adapt models install --languages {languages}` (online) or "
        "`adapt models install --from FILE.argosmodel` (air-gapped)"
    )


def _install_models(fields: Fields) -> str:
    if "source" in fields and "target" in fields:
        return install_models_hint(
            Language(str(fields["source"])), [Language(str(fields["target"]))]
        )
    return install_models_hint(None)


HINTS: dict[ErrorCode, Callable[[Fields], str]] = {
    ErrorCode.LANGUAGE_UNDETERMINED: lambda _: (
        "give it with --language (ar, zh, en, fr, ru, es) or 'language:' in the front matter"
    ),
    ErrorCode.LANGUAGE_MISMATCH: lambda _: (
        "correct --language or the front matter's 'language:', or leave it out to use the "
        "detected language"
    ),
    ErrorCode.NO_ROUTE: _install_models,
    ErrorCode.BROKEN_PACKAGE: lambda _: (
        "reinstall it with `adapt models install --from FILE.argosmodel`, "
        "and see `adapt models list`"
    ),
    ErrorCode.MODELS_OFFLINE: lambda _: (
        "install from files instead: `adapt models install --from FILE.argosmodel [FILE...]`"
    ),
    ErrorCode.UNKNOWN_AUDIENCE: lambda _: "see `adapt audiences` for the audiences",
    ErrorCode.UNKNOWN_CHECK: lambda _: "see `adapt checks` for the check ids",
    ErrorCode.UNKNOWN_CONCEPT: lambda _: "see `adapt glossary check` for the observances",
}


def describe(error: AdaptError) -> str:
    """The message for a person at a terminal: the core's message, then the hint, if any."""
    hint = HINTS.get(error.code)
    return f"{error.message}; {hint(error.fields)}" if hint else error.message
