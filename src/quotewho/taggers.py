"""slovnet's news morphology and NER models, run over our own tokens.

natasha's taggers take text, tokenize it a second time, and pad every batch to its longest
sentence. Here the sentences of a batch lie end to end, one zero row apart, so each
convolution is three matrix products over the whole batch: no padding, no second
tokenizer. The weights and the arithmetic are slovnet's (word and shape embeddings, three
convolution layers with ReLU and batch norm, a linear head, a CRF for NER); a zero row
stands for the padding slovnet puts around each sentence (its `<pad>` embeddings are
zero), so the tags are slovnet's own up to float rounding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from slovnet.shape import word_shape

from .morph import shared_feats

# Tokens laid end to end per matrix product: large enough that numpy's per-call cost
# vanishes, small enough that a layer's activations stay a few MB.
BATCH_TOKENS = 4096

# slovnet's news NER almost never tags the first word of its input (`Кан сообщил, что …`
# gives nothing): it learnt from whole texts, where a name rarely comes first. A sentence
# is read after this token, which brings those names back.
NER_PREFIX = "."


@dataclass(frozen=True)
class Layer:
    """One convolution layer: kernel taps (previous, own, next token), bias, and the
    batch norm after the ReLU folded into a scale and a shift."""

    taps: tuple[np.ndarray, np.ndarray, np.ndarray]
    bias: np.ndarray
    scale: np.ndarray
    shift: np.ndarray


@dataclass(frozen=True)
class Network:
    """The arrays of one slovnet tagger (`slovnet.exec.model.Tag`)."""

    shapes: np.ndarray  # shape-embedding table
    layers: tuple[Layer, ...]
    head: np.ndarray
    head_bias: np.ndarray

    @classmethod
    def of(cls, model) -> Network:
        """The arrays of a loaded slovnet model."""
        layers = []
        for layer in model.encoder.layers:
            conv, norm = layer.conv, layer.norm
            # slovnet's padding of 1 around a kernel of 3 is what the three taps assume
            assert conv.padding == 1 and conv.weight.shape[2] == 3, "unexpected slovnet CNN"
            weight = conv.weight.array  # filters × in × kernel
            scale = norm.weight.array / norm.std.array
            layers.append(
                Layer(
                    taps=tuple(np.ascontiguousarray(weight[:, :, k].T) for k in range(3)),
                    bias=conv.bias.array,
                    scale=scale,
                    shift=norm.bias.array - norm.mean.array * scale,
                )
            )
        proj = model.head.proj
        return cls(model.emb.shape.weight.array, tuple(layers), proj.weight.array, proj.bias.array)

    def __call__(self, words: np.ndarray, shape_ids: np.ndarray, gaps: np.ndarray) -> np.ndarray:
        """Scores of every tag for every row; `words` are the rows' word vectors and
        `gaps` marks the zero rows between sentences (first and last rows included)."""
        x = np.concatenate((words, self.shapes[shape_ids]), axis=1)
        x[gaps] = 0
        for layer in self.layers:
            before, own, after = layer.taps
            y = np.empty((len(x), len(layer.bias)), dtype=x.dtype)
            inner = y[1:-1]
            np.matmul(x[:-2], before, out=inner)
            inner += x[1:-1] @ own
            inner += x[2:] @ after
            inner += layer.bias
            np.maximum(inner, 0, out=inner)
            inner *= layer.scale
            inner += layer.shift
            y[gaps] = 0
            x = y
        return x @ self.head + self.head_bias


def viterbi(scores: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """The best tag sequences under a CRF (slovnet's `CRF.decode`), for a batch at once:
    `scores` is sentences × positions × tags, padded past each sentence's length.

    Sentences are taken longest first, so that at each position the ones still going are
    the first few rows: each step is a handful of array operations on them alone."""
    count, positions, _ = scores.shape
    order = np.argsort(-lengths, kind="stable")
    scores = scores[order]
    going = np.searchsorted(-lengths[order], -np.arange(positions), side="left")
    score = scores[:, 0].copy()
    back = np.zeros((count, positions, transitions.shape[0]), dtype=np.int64)
    for t in range(1, positions):
        n = going[t]  # sentences longer than t
        total = score[:n, :, None] + transitions  # sentence × from × to
        back[:n, t] = total.argmax(1)
        score[:n] = total.max(1) + scores[:n, t]
    paths = np.zeros((count, positions), dtype=np.int64)
    tag = score.argmax(1)
    for t in range(positions - 1, 0, -1):
        n = going[t]
        paths[:n, t] = tag[:n]
        tag[:n] = back[np.arange(n), t, tag[:n]]
    paths[:, 0] = tag
    unsorted = np.empty_like(paths)
    unsorted[order] = paths
    return unsorted


class Taggers:
    """Contextual morphology and named-entity tags for sentences given as word lists."""

    def __init__(self, morph_tagger, ner_tagger) -> None:
        """From natasha's loaded `NewsMorphTagger` and `NewsNERTagger` (they share navec)."""
        encoder = morph_tagger.infer.encoder
        self._vocab, self._shapes = encoder.words_vocab, encoder.shapes_vocab
        navec = morph_tagger.infer.model.emb.word
        # navec is product-quantised: a word's vector is one 3-float piece per subspace,
        # taken here from the pieces of all subspaces laid in one table (np.take is
        # twice as fast as the two-array indexing slovnet does)
        self._indexes = navec.indexes.array
        subspaces, centroids, _ = navec.codes.array.shape
        self._pieces = np.ascontiguousarray(navec.codes.array.reshape(subspaces * centroids, -1))
        self._offsets = np.arange(subspaces, dtype=np.intp) * centroids
        self._morph = Network.of(morph_tagger.infer.model)
        self._morph_tags = [_morph_tag(tag) for tag in morph_tagger.infer.decoder.tags_vocab.items]
        self._ner = Network.of(ner_tagger.infer.model)
        self._transitions = ner_tagger.infer.model.head.crf.transitions.array
        self._ner_tags = [_bio(tag) for tag in ner_tagger.infer.decoder.tags_vocab.items]
        self._ids = lru_cache(maxsize=100_000)(self._word_ids)

    def _word_ids(self, word: str) -> tuple[int, int]:
        return self._vocab.encode(word.lower()), self._shapes.encode(word_shape(word))

    def tag(
        self, sentences: list[list[str]]
    ) -> Iterator[tuple[list[tuple[str, dict[str, str]]], list[tuple[int, int, str]]]]:
        """For each sentence, in order: the (POS, features) of each word, and its
        entities as (first word, end word, type)."""
        batch: list[list[str]] = []
        size = 0
        for words in sentences:
            if batch and size + len(words) > BATCH_TOKENS:
                yield from self._tag_batch(batch)
                batch, size = [], 0
            batch.append(words)
            size += len(words) + 2
        if batch:
            yield from self._tag_batch(batch)

    def _tag_batch(self, batch: list[list[str]]) -> Iterator:
        pad = (self._vocab.pad_id, self._shapes.pad_id)
        prefix = self._ids(NER_PREFIX)
        morph_rows, ner_rows = [pad], [pad]
        for words in batch:
            ids = [self._ids(word) for word in words]
            morph_rows += ids
            morph_rows.append(pad)
            ner_rows.append(prefix)
            ner_rows += ids
            ner_rows.append(pad)
        morph_scores = self._scores(self._morph, morph_rows)
        ner_scores = self._scores(self._ner, ner_rows)
        lengths = np.array([len(words) + 1 for words in batch])  # with the prefix
        starts = np.cumsum(lengths + 1) - lengths  # each sentence's prefix row
        within = np.arange(lengths.max())
        taken = np.minimum(within, lengths[:, None] - 1) + starts[:, None]
        paths = viterbi(ner_scores[taken], lengths, self._transitions)
        morph_at = 1
        for words, path in zip(batch, paths):
            n = len(words)
            best = morph_scores[morph_at : morph_at + n].argmax(1)
            feats = [self._morph_tags[i] for i in best]
            yield feats, bio_spans([self._ner_tags[i] for i in path[1 : n + 1]])
            morph_at += n + 1

    def _scores(self, network: Network, rows: list[tuple[int, int]]) -> np.ndarray:
        ids = np.array(rows, dtype=np.int64)
        pieces = (self._indexes[ids[:, 0]].astype(np.intp) + self._offsets).ravel()
        words = np.take(self._pieces, pieces, axis=0).reshape(len(ids), -1)
        return network(words, ids[:, 1], ids[:, 0] == self._vocab.pad_id)


def _morph_tag(tag: str) -> tuple[str, dict[str, str]]:
    """`NOUN|Case=Nom|Number=Sing` → ('NOUN', {'Case': 'Nom', 'Number': 'Sing'})."""
    pos, _, feats = tag.partition("|")
    pairs = tuple(tuple(pair.split("=", 1)) for pair in feats.split("|") if "=" in pair)
    return pos, shared_feats(pairs)


def _bio(tag: str) -> tuple[str, str]:
    """`B-PER` → ('B', 'PER'); `O` and `<pad>` → ('O', '')."""
    part, _, kind = tag.partition("-")
    return (part, kind) if part in ("B", "I") else ("O", "")


def bio_spans(tags: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Entities of a BIO sequence as slovnet reads it: a span opens at B (its type is B's)
    and runs over the I that follow; an I with no open span is dropped."""
    spans = []
    start, kind = -1, ""
    for i, (part, tag_kind) in enumerate(tags):
        if part != "I" and kind:
            spans.append((start, i, kind))
            kind = ""
        if part == "B":
            start, kind = i, tag_kind
    if kind:
        spans.append((start, len(tags), kind))
    return spans
