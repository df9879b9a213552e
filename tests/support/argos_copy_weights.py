"""Weights for the test Transformers: seeded random ones, and a hand-set identity ("copy").

The spec is the one ``ct2-opennmt-py-converter`` writes for an Argos (Locomotive) model: a
pre-norm Transformer with ReLU FFN and one embedding table. Per layer, in CTranslate2's
layout: ``self_attention.linear[0]`` is the fused Q, K, V projection [3d, d] and
``linear[1]`` the output [d, d]; a decoder layer adds cross-attention with
``attention.linear[0]`` (Q [d, d]), ``linear[1]`` (fused K, V [2d, d]) and ``linear[2]``
(output [d, d]); ``ffn.linear_0`` is [ffn, d] and ``ffn.linear_1`` [d, ffn]. Every linear
layer has a bias.

How the copy model works. Split the d_model dimensions into a token part (the first
``token_dims``) and a position part (``2 * n`` dims holding ``[p, -p]``, so that every
vector has zero mean and LayerNorm only rescales it).

* Encoder: the embedding of a token is a random unit vector in the token part; positions
  are sinusoids in the position part. Every layer has zero output projections, so it leaves
  the residual stream unchanged: the encoder output at position s is token(s) + position(s),
  rescaled by the final LayerNorm.
* Decoder: embeddings are zero, so at step t the state is position(t) alone. All layers but
  the last are identities again. In the last one, every cross-attention head compares the
  decoder's position with the encoder's positions (queries and keys read the position part
  only) and is sharp enough to pick encoder position t; the values carry its token part.
* The output projection scores each vocabulary token against that token vector, so step t
  emits the source token at position t. With ``add_source_eos`` the source ends with
  ``</s>``, which ends the output.

The cost per token is that of a real model of the same shape: the zeros are still
multiplied.
"""

from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float32]

POSITIONS = 2048  # rows of the position tables: sources and outputs up to this many tokens
ATTENTION_MARGIN_LOGITS = 25.0  # how much the right source position beats any other
OUTPUT_SCALE = 40.0  # logit of the copied token, roughly; others score near zero


def set_layer_norm(norm: Any, d_model: int) -> None:
    norm.gamma = np.ones(d_model, np.float32)
    norm.beta = np.zeros(d_model, np.float32)


def set_linear(linear: Any, weight: FloatArray) -> None:
    linear.weight = weight.astype(np.float32)
    linear.bias = np.zeros(weight.shape[0], np.float32)


def _random(rng: np.random.Generator, rows: int, columns: int) -> FloatArray:
    return rng.standard_normal((rows, columns), dtype=np.float32) / np.float32(np.sqrt(columns))


def _zeros(rows: int, columns: int) -> FloatArray:
    return np.zeros((rows, columns), np.float32)


def _fill_layer(layer: Any, rng: np.random.Generator, d: int, ffn: int, identity: bool) -> None:
    """Random weights for one layer; with ``identity`` the output projections are zero,
    so the layer adds nothing to the residual stream."""

    def out(rows: int, columns: int) -> FloatArray:
        return _zeros(rows, columns) if identity else _random(rng, rows, columns)

    set_layer_norm(layer.self_attention.layer_norm, d)
    set_linear(layer.self_attention.linear[0], _random(rng, 3 * d, d))
    set_linear(layer.self_attention.linear[1], out(d, d))
    if hasattr(layer, "attention"):
        set_layer_norm(layer.attention.layer_norm, d)
        set_linear(layer.attention.linear[0], _random(rng, d, d))
        set_linear(layer.attention.linear[1], _random(rng, 2 * d, d))
        set_linear(layer.attention.linear[2], out(d, d))
    set_layer_norm(layer.ffn.layer_norm, d)
    set_linear(layer.ffn.linear_0, _random(rng, ffn, d))
    set_linear(layer.ffn.linear_1, out(d, ffn))


def fill_random_weights(
    spec: Any, rng: np.random.Generator, vocab_size: int, d: int, ffn: int
) -> None:
    """Seeded random weights, one embedding table shared by encoder, decoder and output."""
    embeddings = _random(rng, vocab_size, d)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    set_linear(spec.decoder.projection, embeddings)
    for layer in [*spec.encoder.layer, *spec.decoder.layer]:
        _fill_layer(layer, rng, d, ffn, identity=False)


def position_features(rows: int, n: int) -> tuple[FloatArray, float]:
    """``n`` sinusoid features per position, scaled so that each row has norm 1/sqrt(2), and
    the smallest gap between a row's dot product with itself and with any other row.

    The dot product of rows t and s is (1/n) * sum_k cos(w_k (t - s)): it depends only on
    t - s, so the gap is found from one row of distances.
    """
    periods = np.geomspace(2.5, rows, n // 2)
    angles = 2 * np.pi * np.arange(rows)[:, None] / periods[None, :]
    features = np.concatenate([np.cos(angles), np.sin(angles)], axis=1) / np.sqrt(n)
    others = np.cos(2 * np.pi * np.arange(1, rows)[:, None] / periods[None, :]).sum(axis=1) / n
    return features.astype(np.float32), float(0.5 - others.max())


def fill_copy_weights(
    spec: Any, rng: np.random.Generator, vocab_size: int, d: int, ffn: int, heads: int
) -> None:
    """Hand-set weights that make the model output its input (see the module docstring)."""
    head_dim = d // heads
    n = min(head_dim, d // 8)  # position features per head
    token_dims = d - 2 * n
    spec.config.add_source_eos = True

    tokens = rng.standard_normal((vocab_size, token_dims)).astype(np.float32)
    tokens -= tokens.mean(axis=1, keepdims=True)
    tokens /= np.linalg.norm(tokens, axis=1, keepdims=True)
    token_table = np.zeros((vocab_size, d), np.float32)
    token_table[:, :token_dims] = tokens
    features, margin = position_features(POSITIONS, n)
    positions = np.zeros((POSITIONS, d), np.float32)
    positions[:, token_dims : token_dims + n] = features
    positions[:, token_dims + n :] = -features

    # CTranslate2 multiplies embeddings by sqrt(d): the encoder input is token + position,
    # both of norm 1.
    spec.encoder.embeddings[0].weight = token_table / np.float32(np.sqrt(d))
    spec.encoder.position_encodings.encodings = positions
    spec.decoder.embeddings.weight = _zeros(vocab_size, d)
    spec.decoder.position_encodings.encodings = positions
    for layer in [*spec.encoder.layer, *spec.decoder.layer]:
        _fill_layer(layer, rng, d, ffn, identity=True)
    _fill_copying_attention(spec.decoder.layer[-1].attention, d, heads, n, token_dims, margin)
    # LayerNorm(token + position) ~ sqrt(d/2) * token in the token part.
    set_linear(spec.decoder.projection, token_table * np.float32(OUTPUT_SCALE / np.sqrt(d)))


def _fill_copying_attention(
    attention: Any, d: int, heads: int, n: int, token_dims: int, margin: float
) -> None:
    """Cross-attention of the last decoder layer: every head matches positions.

    Queries are LayerNorm(position) = sqrt(d) * position; keys are the encoder output,
    sqrt(d/2) * (token + position); CTranslate2 divides the scores by sqrt(head_dim). The
    query scale makes the right position win by ``ATTENTION_MARGIN_LOGITS``.
    """
    head_dim = d // heads
    query_scale = ATTENTION_MARGIN_LOGITS / (
        margin * np.sqrt(d) * np.sqrt(d / 2) / np.sqrt(head_dim)
    )
    query, key = _zeros(d, d), _zeros(d, d)
    position_block = slice(token_dims, token_dims + n)
    for head in range(heads):
        rows = slice(head * head_dim, head * head_dim + n)
        query[rows, position_block] = np.eye(n) * query_scale
        key[rows, position_block] = np.eye(n)
    value, output = _zeros(d, d), _zeros(d, d)
    value[:token_dims, :token_dims] = np.eye(token_dims)
    output[:token_dims, :token_dims] = np.eye(token_dims)
    set_linear(attention.linear[0], query)
    set_linear(attention.linear[1], np.concatenate([key, value]))
    set_linear(attention.linear[2], output)
