"""Language use cases: detect a text's language, verify a declaration, split sentences."""

from service.errors import ErrorCode, InputError
from service.languages import ALL_LANGUAGES, Language
from service.locales.conventions import LanguageInfo
from service.models import Detection, Model, Segmentation
from service.pipeline.segment import segment
from service.workflow.workspace import Workspace

_VERIFY_CONFIDENCE = 0.9
"""Detection at least this sure that a statement is not in its declared language is an error."""


def verify_language(
    workspace: Workspace, text: str, declared: Language | None
) -> tuple[Language, Detection]:
    """Detect the language of ``text`` and check it against the declared one, if any.

    The declared language wins unless detection is confident it is another language; an
    undecidable text needs a declaration.
    """
    detection = workspace.detector.detect(text)
    if declared is None:
        if detection.language is None:
            raise InputError(
                "cannot tell which of the six UN languages this text is in; declare its language",
                code=ErrorCode.LANGUAGE_UNDETERMINED,
            )
        return detection.language, detection
    if (
        detection.language is not None
        and detection.language != declared
        and detection.confidence >= _VERIFY_CONFIDENCE
    ):
        raise InputError(
            f"the statement is declared as {declared} but reads as {detection.language} "
            f"(confidence {detection.confidence:.2f}); correct the declaration",
            code=ErrorCode.LANGUAGE_MISMATCH,
            declared=declared.value,
            detected=detection.language.value,
            confidence=round(detection.confidence, 4),
        )
    return declared, detection


def detect(workspace: Workspace, text: str) -> Detection:
    """Which of the six UN languages ``text`` is in (``und`` when none can be told)."""
    return workspace.detector.detect(text)


def settle_language(workspace: Workspace, text: str, declared: Language | None) -> Language:
    """The declared language, or the detected one when none is declared."""
    language, _ = (
        verify_language(workspace, text, declared) if declared is None else (declared, None)
    )
    return language


def split_sentences(
    workspace: Workspace, text: str, declared: Language | None = None
) -> Segmentation:
    """The sentences of ``text`` with offsets; its language is detected unless declared."""
    language = settle_language(workspace, text, declared)
    return segment(text, language, workspace.locales[language])


class LanguageList(Model):
    """The six languages as the locale files describe them: name, script, direction."""

    languages: list[LanguageInfo]


def list_languages(workspace: Workspace) -> LanguageList:
    """The six UN languages in UN order (``GET /v1/languages``)."""
    locales = workspace.locales
    return LanguageList(languages=[locales[language].language for language in ALL_LANGUAGES])
