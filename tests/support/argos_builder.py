"""Build small, real Argos Translate packages offline, for tests and benchmarks.

Real Argos models cannot be downloaded where the tests run, so the tests build their own.
A package made here has the layout of one made by Argos' Locomotive trainer:

    translate-<from>_<to>-<version>/
        metadata.json          what argostranslate and adapt read
        README.md
        sentencepiece.model    a real SentencePiece BPE model (byte fallback, no normalization)
        model/                 a real CTranslate2 Transformer, int8

so adapt, argostranslate and CTranslate2 load and run it through their real code paths.

Modes:
    "copy"    hand-set weights make the model an exact identity translator: the output
              tokens are the input tokens, then ``</s>``. Tests can assert on real
              CTranslate2 output, and outputs have natural lengths.
    "random"  seeded random weights: deterministic gibberish that rarely ends, so it runs
              until ``max_decoding_length``.

Sizes: "tiny" (2+2 layers, d_model 128) builds in a fraction of a second; "base" has the
shape of a real Argos model (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary)
and has the same cost to run.

The SentencePiece model uses the identity normalization and keeps whitespace, so a copy
model gives its input back exactly, in every script; real Argos models apply NFKC, which
changes some characters (full-width punctuation, for one). Builds are deterministic: the
same arguments give a byte-identical ``.argosmodel``.
"""

import functools
import io
import json
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec

from support.argos_copy_weights import fill_copy_weights, fill_random_weights, set_layer_norm
from support.argos_corpus import training_lines

Mode = Literal["copy", "random"]
Size = Literal["tiny", "base"]


@dataclass(frozen=True)
class ModelShape:
    """The architecture of a test model and how much filler text grows its vocabulary."""

    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int
    filler_lines: int


SHAPES: dict[str, ModelShape] = {
    "tiny": ModelShape(layers=2, d_model=128, heads=4, ffn=256, vocab_size=1200, filler_lines=0),
    "base": ModelShape(
        layers=6, d_model=512, heads=8, ffn=2048, vocab_size=32000, filler_lines=30000
    ),
}
SPECIAL_TOKENS = ["<unk>", "<blank>", "<s>", "</s>"]  # OpenNMT-py order, as Locomotive has it
_FIXED_TIMESTAMP = (2020, 1, 1, 0, 0, 0)


def train_sentencepiece(shape: ModelShape, seed: int, extra_lines: tuple[str, ...] = ()) -> bytes:
    """Train a BPE SentencePiece model in memory and return its bytes.

    One thread keeps training deterministic; ``byte_fallback`` makes every character
    round-trip (emoji, masking placeholders, scripts the corpus lacks); the identity
    normalization and kept whitespace make decode(encode(text)) == text. ``extra_lines``
    (seen twice) teach the vocabulary a domain's words, as a real model trained on
    millions of sentences knows them: a benchmark's text is then cut into about 1.4
    pieces per word, as real Argos models cut English, instead of into characters.
    """
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_lines(shape.filler_lines, seed) + 2 * list(extra_lines)),
        model_writer=model,
        model_type="bpe",
        vocab_size=shape.vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def ct2_vocabulary(sentencepiece_model: bytes) -> list[str]:
    """The CTranslate2 vocabulary: the OpenNMT specials, then every SentencePiece piece."""
    processor = spm.SentencePieceProcessor(model_proto=sentencepiece_model)
    pieces = [processor.id_to_piece(index) for index in range(processor.get_piece_size())]
    return SPECIAL_TOKENS + [piece for piece in pieces if piece not in SPECIAL_TOKENS]


def build_ct2_model(
    model_dir: Path, vocabulary: list[str], shape: ModelShape, mode: Mode, seed: int
) -> None:
    """Write a CTranslate2 model directory (model.bin, config.json, shared_vocabulary.json).

    These are the steps of ``ctranslate2.converters.Converter.convert``: fill the spec,
    register vocabularies, validate, quantize to int8, save.
    """
    spec = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers), shape.heads)
    spec.config.decoder_start_token = "<s>"
    rng = np.random.default_rng(seed)
    set_layer_norm(spec.encoder.layer_norm, shape.d_model)
    set_layer_norm(spec.decoder.layer_norm, shape.d_model)
    if mode == "copy":
        fill_copy_weights(spec, rng, len(vocabulary), shape.d_model, shape.ffn, shape.heads)
    else:
        fill_random_weights(spec, rng, len(vocabulary), shape.d_model, shape.ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    model_dir.mkdir(parents=True)
    spec.save(str(model_dir))


@functools.cache
def model_files(
    size: Size, mode: Mode, seed: int = 0, extra_lines: tuple[str, ...] = ()
) -> Mapping[str, bytes]:
    """The language-independent files of a package, by relative path; built once per process.

    Every package of one size, mode, seed and extra text shares them, so a test session
    builds the ten en<->x packages for the price of one.
    """
    shape = SHAPES[size]
    sentencepiece_model = train_sentencepiece(shape, seed, extra_lines)
    with tempfile.TemporaryDirectory() as temporary:
        model_dir = Path(temporary) / "model"
        build_ct2_model(model_dir, ct2_vocabulary(sentencepiece_model), shape, mode, seed)
        files = {
            f"model/{path.name}": path.read_bytes()
            for path in sorted(model_dir.iterdir())
            if path.is_file()
        }
    files["sentencepiece.model"] = sentencepiece_model
    return files


def package_metadata(
    from_code: str, to_code: str, package_version: str, target_prefix: str
) -> dict[str, Any]:
    """metadata.json as Argos packages carry it."""
    metadata: dict[str, Any] = {
        "package_version": package_version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": f"Test {from_code}",
        "to_code": to_code,
        "to_name": f"Test {to_code}",
        "type": "translate",
        "license": "CC0-1.0 (synthetic test model)",
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    return metadata


def build_package(
    out_path: Path,
    from_code: str,
    to_code: str,
    *,
    size: Size = "tiny",
    mode: Mode = "copy",
    seed: int = 0,
    package_version: str = "1.0",
    target_prefix: str = "",
    extra_lines: tuple[str, ...] = (),
) -> Path:
    """Write a ``.argosmodel`` for ``from_code`` -> ``to_code`` at ``out_path``; return it.

    The archive holds one top-level folder, entries in sorted order with a fixed timestamp.
    ``extra_lines`` also train the SentencePiece model (see :func:`train_sentencepiece`).
    """
    if size not in SHAPES or mode not in ("copy", "random"):
        raise ValueError(f"size must be one of {sorted(SHAPES)}, mode 'copy' or 'random'")
    folder = f"translate-{from_code}_{to_code}-{package_version.replace('.', '_')}"
    metadata = package_metadata(from_code, to_code, package_version, target_prefix)
    files = dict(model_files(size, mode, seed, extra_lines))
    files["metadata.json"] = json.dumps(metadata, indent=2).encode()
    files["README.md"] = (
        f"# Test package {from_code} -> {to_code} ({size}, {mode}, seed {seed})\n\n"
        "Built offline by tests/support/argos_builder.py; not a real translation model.\n"
        "Licence: CC0-1.0.\n"
    ).encode()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_path, "w") as archive:
        for relative_path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{relative_path}", date_time=_FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[relative_path])
    return out_path
