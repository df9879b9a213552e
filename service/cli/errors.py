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


def _flag(option: FieldValue) -> str:
    """The command-line option of a request field: ``grid_minutes`` -> ``--grid-minutes``."""
    return "--" + str(option).replace("_", "-")


def _check_option(fields: Fields) -> str:
    return f"check {_flag(fields['option'])}" if "option" in fields else ""


def _one_of(fields: Fields) -> str:
    options = fields.get("options")
    flags = [_flag(option) for option in options] if isinstance(options, list) else []
    return f"choose one of {', '.join(flags[:-1])} and {flags[-1]}" if len(flags) > 1 else ""


def _audience(fields: Fields) -> str:
    if fields.get("option") != "audience":
        return _check_option(fields)
    return (
        "give --audience ID (see `adapt audiences`), or an ad-hoc audience: --timezone "
        "ZONE[=WEIGHT] and --window DAYS@HH:MM-HH:MM (each as often as needed)"
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
    ErrorCode.INVALID_INSTANT: _check_option,
    ErrorCode.INVALID_DATE: _check_option,
    ErrorCode.OUT_OF_RANGE: _check_option,
    ErrorCode.UNKNOWN_TIMEZONE: _check_option,
    ErrorCode.INVALID_JSON: _check_option,
    ErrorCode.CONFLICTING_OPTIONS: _one_of,
    ErrorCode.INVALID_AUDIENCE: _audience,
    ErrorCode.MISSING_MESSAGE: lambda f: f"give --message-file {f.get('audience')}=FILE",
}


def describe(error: AdaptError) -> str:
    """The message for a person at a terminal: the core's message, then the hint, if any."""
    hint = HINTS.get(error.code)
    text = hint(error.fields) if hint else ""
    return f"{error.message}; {text}" if text else error.message
