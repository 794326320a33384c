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
# Words whose first-layer products are kept (`Taggers._slots`): about 50 MB.
WORD_CACHE = 8192

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
    """The arrays of one slovnet tagger (`slovnet.exec.model.Tag`).

    The first layer's input is a word vector and a shape embedding side by side, so each
    of its taps is a product over the word plus one over the shape: the word's part is
    kept per word (`Taggers` caches it), the shape's is a table made once."""

    word_taps: np.ndarray  # word vector × (taps × filters): the first layer's word part
    shape_parts: np.ndarray  # shapes × taps × filters: each shape through the first layer
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
        shapes = model.emb.shape.weight.array
        words_in = layers[0].taps[0].shape[0] - shapes.shape[1]
        shape_parts = np.stack([shapes @ tap[words_in:] for tap in layers[0].taps], axis=1)
        proj = model.head.proj
        word_taps = np.concatenate([tap[:words_in] for tap in layers[0].taps], axis=1)
        head, bias = proj.weight.array, proj.bias.array
        return cls(word_taps, shape_parts, tuple(layers), head, bias)

    def word_parts(self, vectors: np.ndarray) -> np.ndarray:
        """Word vectors through each tap of the first layer: words × taps × filters."""
        return (vectors @ self.word_taps).reshape(len(vectors), len(self.layers[0].taps), -1)

    def __call__(self, word_parts: np.ndarray, shape_ids: np.ndarray, gaps: np.ndarray):
        """Scores of every tag for every row, from the rows' `word_parts` and shapes;
        `gaps` marks the zero rows between sentences (first and last rows included)."""
        parts = word_parts + self.shape_parts[shape_ids]
        parts[gaps] = 0
        first = self.layers[0]
        x = np.empty((len(parts), len(first.bias)), dtype=parts.dtype)
        inner = x[1:-1]
        np.add(parts[:-2, 0], parts[1:-1, 1], out=inner)
        inner += parts[2:, 2]
        self._finish(first, inner)
        x[gaps] = 0
        for layer in self.layers[1:]:
            before, own, after = layer.taps
            y = np.empty((len(x), len(layer.bias)), dtype=x.dtype)
            inner = y[1:-1]
            np.matmul(x[:-2], before, out=inner)
            inner += x[1:-1] @ own
            inner += x[2:] @ after
            self._finish(layer, inner)
            y[gaps] = 0
            x = y
        return x @ self.head + self.head_bias

    @staticmethod
    def _finish(layer: Layer, inner: np.ndarray) -> None:
        """Bias, ReLU and the batch norm, in place."""
        inner += layer.bias
        np.maximum(inner, 0, out=inner)
        inner *= layer.scale
        inner += layer.shift


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
        self._networks = (Network.of(morph_tagger.infer.model), Network.of(ner_tagger.infer.model))
        self._parts = [
            np.empty((WORD_CACHE, *n.shape_parts.shape[1:]), n.shape_parts.dtype)
            for n in self._networks
        ]
        self._slot_of: dict[int, int] = {}  # word id → its row in self._parts
        self._morph_tags = [_morph_tag(tag) for tag in morph_tagger.infer.decoder.tags_vocab.items]
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
        morph_scores = self._scores(0, morph_rows)
        ner_scores = self._scores(1, ner_rows)
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

    def _scores(self, k: int, rows: list[tuple[int, int]]) -> np.ndarray:
        """Tag scores of network `k` (0: morphology, 1: NER) for rows of (word, shape) ids."""
        ids = np.array(rows, dtype=np.int64)
        slots = self._slots(ids[:, 0])
        return self._networks[k](self._parts[k][slots], ids[:, 1], ids[:, 0] == self._vocab.pad_id)

    def _slots(self, word_ids: np.ndarray) -> np.ndarray:
        """Where each word's first-layer parts are kept, computing those of new words.

        A news text's words repeat (a quarter of the tokens of 254 articles are new
        words), so the first layer, the largest, is mostly look-ups. The cache keeps up
        to WORD_CACHE words (about 6 KB each) and starts afresh when full."""
        unique, inverse = np.unique(word_ids, return_inverse=True)
        known = self._slot_of
        new = [w for w in unique.tolist() if w not in known]
        if len(known) + len(new) > len(self._parts[0]):
            known.clear()
            new = unique.tolist()
            if len(new) > len(self._parts[0]):
                self._parts = [np.empty((len(new), *p.shape[1:]), p.dtype) for p in self._parts]
        if new:
            first = len(known)
            pieces = (self._indexes[new].astype(np.intp)[:, None] + self._offsets).ravel()
            vectors = np.take(self._pieces, pieces, axis=0).reshape(len(new), -1)
            for network, parts in zip(self._networks, self._parts):
                parts[first : first + len(new)] = network.word_parts(vectors)
            known.update(zip(new, range(first, first + len(new))))
        return np.array([known[w] for w in unique.tolist()])[inverse]


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
