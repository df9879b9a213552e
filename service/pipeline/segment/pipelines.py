"""spaCy's blank pipelines (tokenizer only), built once per process, fast after the first time.

Segmentation and the glossary's term matcher both need each language's blank spaCy
pipeline, and only its tokenizer. ``spacy.blank("fr")`` takes about two seconds, nearly
all of it compiling the French tokenizer's ``token_match`` expression when spaCy imports
its French data; the other languages take 0.05 to 0.15 s each. So:

* the first build on a machine uses ``spacy.blank`` and saves the tokenizer's settings
  (``Tokenizer.to_bytes``: exceptions, prefix, suffix and infix expressions, URL and token
  matchers) under the cache directory, one folder per spaCy version;
* later builds make a ``Tokenizer`` from that copy for spaCy's language-neutral pipeline
  (``MultiLanguage``, which imports no language data) and match ``token_match`` with
  :class:`~service.pipeline.segment.lazy_alternation.LazyAlternation`, which compiles
  only the branches a text may take.

The tokens are the same either way (tested on the UDHR in the six languages); lexical
attributes that no caller uses (``like_num``, stop words) are the language-neutral ones.
Tokenizers that are not spaCy's rule-based one (Chinese's character segmenter) are always
built with ``spacy.blank``; it is fast. Without a cache directory (the default until an
edge sets one with :func:`use_tokenizer_cache`), every build uses ``spacy.blank``. A
missing, unreadable or damaged copy is rebuilt; a cache that cannot be written is skipped.
"""

import functools
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from service.files import replace_atomically
from service.pipeline.segment.lazy_alternation import compile_match

MAX_TEXT_CHARS = 2_000_000
"""Above spaCy's default of 1,000,000 characters: input is limited to 1 MB before this."""
_COPY_FORMAT = "tokenizers-v1"

_lock = threading.Lock()
_pipelines: dict[str, Any] = {}
_cache_dir: Path | None = None


def use_tokenizer_cache(directory: Path | None) -> None:
    """Keep serialized tokenizers in ``directory`` (None: build every one from scratch).

    For the whole process: pipelines are shared, and the tokens do not depend on it.
    """
    global _cache_dir
    with _lock:
        _cache_dir = directory


def blank_pipeline(spacy_language: str) -> Any:
    """The blank spaCy pipeline (a ``spacy.Language``, tokenizer only) for a language.

    Built on first use and shared: do not add pipes to it.
    """
    with _lock:
        nlp = _pipelines.get(spacy_language)
        if nlp is None:
            nlp = build_pipeline(spacy_language, _cache_dir)
            nlp.max_length = MAX_TEXT_CHARS
            _pipelines[spacy_language] = nlp
        return nlp


def copy_folder(cache_dir: Path) -> Path:
    """Where the copies for the installed spaCy version live under ``cache_dir``."""
    from importlib.metadata import version

    return cache_dir / f"spacy-{version('spacy')}" / _COPY_FORMAT


def build_pipeline(spacy_language: str, cache_dir: Path | None) -> Any:
    """A new blank pipeline: from the copy in ``cache_dir`` if there is one, else built
    with ``spacy.blank`` (and copied there, when ``cache_dir`` is given)."""
    import spacy
    from spacy.tokenizer import Tokenizer

    folder = copy_folder(cache_dir) if cache_dir is not None else None
    if folder is not None:
        nlp = _from_copy(folder, spacy_language)
        if nlp is not None:
            return nlp
    nlp = spacy.blank(spacy_language)
    if folder is not None and type(nlp.tokenizer) is Tokenizer:
        _save_copy(folder, spacy_language, nlp.tokenizer)
    return nlp


def _from_copy(folder: Path, spacy_language: str) -> Any:
    """The pipeline from a saved tokenizer, or None if there is no usable copy."""
    from spacy.lang.xx import MultiLanguage
    from spacy.tokenizer import Tokenizer

    try:
        settings = (folder / f"{spacy_language}.tokenizer").read_bytes()
        pattern = (folder / f"{spacy_language}.token_match").read_text(encoding="utf-8")
        fields = _read_fields(settings)

        def create_tokenizer(nlp: Any) -> Any:  # instead of the default one, never used
            return Tokenizer(
                nlp.vocab,
                rules=fields["exceptions"],
                prefix_search=_compiled(fields["prefix_search"], "search"),
                suffix_search=_compiled(fields["suffix_search"], "search"),
                infix_finditer=_compiled(fields["infix_finditer"], "finditer"),
                token_match=compile_match(pattern) if pattern else None,
                url_match=_compiled(fields["url_match"], "match"),
                faster_heuristics=fields["faster_heuristics"],
            )

        return MultiLanguage(create_tokenizer=create_tokenizer)
    except Exception:  # missing, unreadable or damaged: msgpack, regex, type errors alike
        return None


_FIELDS = ("prefix_search", "suffix_search", "infix_finditer", "url_match", "exceptions")


def _read_fields(settings: bytes) -> dict[str, Any]:
    """The fields of ``Tokenizer.to_bytes``, read the way ``Tokenizer.from_bytes`` reads them."""
    from spacy.util import from_bytes

    fields: dict[str, Any] = {"faster_heuristics": True}
    setters: dict[str, Callable[[bytes], Any]] = {
        name: functools.partial(fields.__setitem__, name)
        for name in (*_FIELDS, "faster_heuristics")
    }
    from_bytes(settings, setters, [])
    if not isinstance(fields.get("exceptions"), dict):
        raise ValueError("a tokenizer copy without its exceptions")
    return fields


def _compiled(pattern: str | None, method: str) -> Any:
    return getattr(re.compile(pattern), method) if pattern else None


def _save_copy(folder: Path, spacy_language: str, tokenizer: Any) -> None:
    """Save the tokenizer's settings, ``token_match`` apart; best effort, never half-written.

    The pattern goes first: a reader needs both files, and writers of one spaCy version
    write the same bytes, so files from different writers always agree.
    """
    token_match = tokenizer.token_match
    pattern = token_match.__self__.pattern if token_match is not None else ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        replace_atomically(folder / f"{spacy_language}.token_match", pattern.encode("utf-8"))
        replace_atomically(
            folder / f"{spacy_language}.tokenizer",
            tokenizer.to_bytes(exclude=["token_match", "vocab"]),
        )
    except OSError:
        return  # a read-only or full cache: the next build starts from scratch again
