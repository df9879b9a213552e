"""The contract every machine-translation backend meets, and how language pairs are routed.

A backend translates whole batches: the pipeline hands it every line of a statement (or of
many statements) for one language pair at once, because batching across lines is where
the speed is. Backends that only have models to and from English reach the other pairs
through English (a pivot), at the cost of translating twice.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from service.errors import AdaptError, ErrorCode, InputError
from service.languages import ALL_LANGUAGES, Language

PIVOT_LANGUAGE = Language.EN

LanguagePair = tuple[Language, Language]


class RouteKind(StrEnum):
    """How a backend serves a directed language pair."""

    DIRECT = "direct"
    VIA_ENGLISH = "via_english"
    MISSING = "missing"


@dataclass(frozen=True)
class Route:
    """The way from ``source`` to ``target``: one model, two through English, or none."""

    source: Language
    target: Language
    kind: RouteKind

    @property
    def steps(self) -> tuple[LanguagePair, ...]:
        """The directed pairs to translate through, in order; empty when missing."""
        if self.kind is RouteKind.DIRECT:
            return ((self.source, self.target),)
        if self.kind is RouteKind.VIA_ENGLISH:
            return ((self.source, PIVOT_LANGUAGE), (PIVOT_LANGUAGE, self.target))
        return ()

    @property
    def pivot(self) -> Language | None:
        return PIVOT_LANGUAGE if self.kind is RouteKind.VIA_ENGLISH else None


@dataclass(frozen=True)
class EngineOutput:
    """One machine translation and what made it, for the rendition's provenance.

    ``package_version`` names the model version; through a pivot it is both versions,
    source->English first, joined by ``" + "``. ``target_tokens`` counts the tokens the
    (last) model generated, for throughput figures and length bounds.
    """

    text: str
    engine: str
    package_version: str
    pivot: Language | None = None
    target_tokens: int = 0


class NoRouteError(InputError):
    """No installed model serves the pair, directly or through English."""

    def __init__(self, source: Language, target: Language) -> None:
        super().__init__(
            f"no installed translation model serves {source}->{target}, directly or "
            "through English",
            code=ErrorCode.NO_ROUTE,
            source=source.value,
            target=target.value,
        )
        self.source = source
        self.target = target


@dataclass(frozen=True)
class PairBatch:
    """The texts of one directed language pair, to translate in one batch."""

    source: Language
    target: Language
    texts: Sequence[str]


BatchResult = list[EngineOutput] | AdaptError
"""One batch's outputs (one per text, in order), or the error that stopped that batch."""


class TranslationEngine(Protocol):
    """A machine-translation backend. Implementations must be safe to call from threads."""

    @property
    def name(self) -> str:
        """A stable identifier recorded in provenance, e.g. ``"argos"``."""
        ...

    def route(self, source: Language, target: Language) -> Route:
        """How this backend would serve the pair now."""
        ...

    def supports(self, source: Language, target: Language) -> bool:
        """Whether :meth:`translate_batch` can serve the pair (directly or by pivot)."""
        ...

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[EngineOutput]:
        """Translate every text, one output per input in the same order.

        Raises :class:`NoRouteError` when the pair is not served.
        """
        ...

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        """Translate several pairs' batches, concurrently where the backend can.

        One result per batch, in order; a batch that fails (no route, a broken package)
        gets its :class:`AdaptError` and the others are still translated.
        """
        ...


def translate_one_by_one(
    engine: TranslationEngine, batches: Sequence[PairBatch]
) -> list[BatchResult]:
    """:meth:`TranslationEngine.translate_batches` for a backend without concurrency."""
    results: list[BatchResult] = []
    for batch in batches:
        try:
            results.append(engine.translate_batch(batch.texts, batch.source, batch.target))
        except AdaptError as error:
            results.append(error)
    return results


def plan_route(source: Language, target: Language, direct: Collection[LanguagePair]) -> Route:
    """Route a pair given the directed pairs that have a model.

    >>> english = {(Language.FR, Language.EN), (Language.EN, Language.ES)}
    >>> plan_route(Language.FR, Language.ES, english).kind
    <RouteKind.VIA_ENGLISH: 'via_english'>
    >>> plan_route(Language.FR, Language.FR, set()).kind
    <RouteKind.MISSING: 'missing'>
    """
    if source == target:
        return Route(source, target, RouteKind.MISSING)
    if (source, target) in direct:
        return Route(source, target, RouteKind.DIRECT)
    if (source, PIVOT_LANGUAGE) in direct and (PIVOT_LANGUAGE, target) in direct:
        return Route(source, target, RouteKind.VIA_ENGLISH)
    return Route(source, target, RouteKind.MISSING)


def all_pairs() -> list[LanguagePair]:
    """The 30 directed pairs among the six UN languages, in UN order."""
    return [
        (source, target) for source in ALL_LANGUAGES for target in ALL_LANGUAGES if source != target
    ]


def plan_routes(direct: Collection[LanguagePair]) -> list[Route]:
    """The route of each of the 30 directed pairs."""
    return [plan_route(source, target, direct) for source, target in all_pairs()]
