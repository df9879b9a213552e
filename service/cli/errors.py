"""How the CLI words an error: the core's message, then what to run or type about it.

The core raises errors as data (``service/errors.py``: a code, a message, fields) and never
names a command or an option; this is the one place that does, for the command line.
"""

from collections.abc import Callable, Mapping

from service.errors import AdaptError, ErrorCode, FieldValue
from service.languages import ALL_LANGUAGES

Fields = Mapping[str, FieldValue]
_ALL = ",".join(ALL_LANGUAGES)


def _install_models(fields: Fields) -> str:
    pair = f"{fields['source']},{fields['target']}" if "source" in fields else _ALL
    return (
        f"install models with `adapt models install --languages {pair}` (online) or "
        "`adapt models install --from FILE.argosmodel` (air-gapped)"
    )


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
