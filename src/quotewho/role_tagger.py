"""A CRF that marks role spans (NEREL PROFESSION, outermost), over our own tokens and tags.

The lexicon rules of `roles.find_roles` only see roles the lexicon lists and end them by
hand-written rules; the CRF (trained with python-crfsuite by `scripts/train_roles.py` on
NEREL 1.1 train, `models/roles.crfsuite`) learns span edges and unlisted roles from the
words, slovnet's tags, the lexicon and the rules' own answer around each token.
`roles.tag_roles` takes its spans; title and organisation are still read by
`roles.split_title`.

At run time the model's weights are read into arrays (`Scorer`) and decoded with
`taggers.viterbi`, a document's sentences at once: the same tags as crfsuite's tagger,
without building and handing over some thirty feature strings per token.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .ner import Mention
from .segment import Sent, Token

if TYPE_CHECKING:
    import numpy as np

MODEL = "roles.crfsuite"
CUES = ("entry",)  # lexicon classes that make a sentence worth tagging
WINDOW = 2  # neighbours each side whose tags a token's features look at
NEAR = tuple(d for d in range(-WINDOW, WINDOW + 1) if d)

# A token's values, in this order, then its word: what its features are made of.
Values = tuple[str, ...]
_OWN = ("lem", "pos", "case", "num", "anim", "shape", "lex", "ent", "rule")
_NEAR = (0, 1, 2, 7, 8, 6)  # lem, pos, case, ent, rule, lex: what a neighbour shows


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "UP"
    if word[:1].isupper():
        return "Cap"
    if word.isalpha():
        return "low"
    if word.isdigit():
        return "dig"
    return "punct" if len(word) == 1 else "mix"


def _bio(tokens: list[Token], spans: list[Mention], types: bool) -> list[str]:
    """B-/I- tags of the tokens each span covers, O elsewhere."""
    tags = ["O"] * len(tokens)
    index = {t.start: k for k, t in enumerate(tokens)}
    for span in spans:
        suffix = "-" + span.type if types else ""
        first = True
        for t in span.tokens:
            k = index.get(t.start)
            if k is not None:
                tags[k] = ("B" if first else "I") + suffix
                first = False
    return tags


@lru_cache(maxsize=50_000)
def _word(text: str, lemma: str) -> tuple[str, str, str]:
    """A token's lower-cased word and lemma (ё as е) and its shape."""
    return text.lower().replace("ё", "е"), lemma.lower().replace("ё", "е"), _shape(text)


def token_values(
    sent: Sent, mentions: list[Mention], rule_roles: list[Mention], in_lexicon
) -> list[Values]:
    """What each token's features are made of: its lemma, tags, shape, lexicon class, the
    named entity and rule role it lies in (B/I/O), and its word."""
    tokens = sent.tokens
    named = _bio(tokens, [m for m in mentions if m.type in ("PER", "ORG", "LOC")], True)
    ruled = _bio(tokens, rule_roles, False)
    values = []
    for k, t in enumerate(tokens):
        w, lemma, shape = _word(t.text, t.lemma)
        feats = t.feats
        values.append(
            (
                lemma,
                t.pos,
                feats.get("Case", ""),
                feats.get("Number", ""),
                feats.get("Animacy", ""),
                shape,
                in_lexicon(t.text),
                named[k],
                ruled[k],
                w,
            )
        )
    return values


def own_features(values: Values) -> list[str]:
    """Features of a token's own word, suffixes, prefix, tags and classes."""
    w = values[-1]
    return [
        "bias",
        "w=" + w,
        "s2=" + w[-2:],
        "s3=" + w[-3:],
        "s4=" + w[-4:],
        "p3=" + w[:3],
        *(f"{name}={value}" for name, value in zip(_OWN, values)),
        f"pos|case={values[1]}|{values[2]}",
    ]


def near_features(d: int, values: Values) -> list[str]:
    """Features a token gets from its neighbour `d` places away, of values `values`."""
    feats = [f"{d}:{_OWN[i]}={values[i]}" for i in _NEAR]
    feats.append(f"{d}:shape={values[5]}")
    if abs(d) == 1:
        feats.append(f"{d}:w={values[-1]}")
    return feats


def pair_feature(d: int, near_lemma: str, own_lemma: str) -> str:
    """The lemmas of a token and its next neighbour (`d` = ±1) together."""
    return f"{d}:lem|lem={near_lemma}|{own_lemma}"


def edge_feature(d: int) -> str:
    """A token with no neighbour `d` places away (the sentence ends first)."""
    return f"{d}:edge"


FIRST = "first"  # the feature of a sentence's first token


def sentence_features(
    sent: Sent, mentions: list[Mention], rule_roles: list[Mention], in_lexicon
) -> list[list[str]]:
    """Features of each token, as the model was trained on them: its own and those of its
    neighbours (±WINDOW), the lemma pairs it makes with the next ones, and the edges."""
    values = token_values(sent, mentions, rule_roles, in_lexicon)
    out = []
    for k, own in enumerate(values):
        feats = own_features(own)
        for d in NEAR:
            if not 0 <= k + d < len(values):
                feats.append(edge_feature(d))
                continue
            feats += near_features(d, values[k + d])
            if abs(d) == 1:
                feats.append(pair_feature(d, values[k + d][0], own[0]))
        if k == 0:
            feats.append(FIRST)
        out.append(feats)
    return out


def spans_of_tags(tags: list[str]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of the B/I runs of a tag sequence."""
    out: list[tuple[int, int]] = []
    start = None
    for k, tag in enumerate([*tags, "O"]):
        if tag != "I" and start is not None:
            out.append((start, k))
            start = None
        if tag == "B" or (tag == "I" and start is None):
            start = k
    return out


class Scorer:
    """The model's weights as arrays, and the unary scores of tokens from them.

    A token's score for each label is the sum of its features' weights, and each feature
    depends on one token's values (or on two lemmas). So the sum splits into parts, each
    a row of one table: for a distinct token, the row of its own features and the rows it
    gives each neighbour, cached; for a lemma pair the model knows, that feature's row.
    New rows are summed together when the table is next read, and a document's scores are
    one gather and sum. The cache is emptied when it holds more than `LIMIT` distinct
    tokens, so a long run keeps its memory flat."""

    LIMIT = 50_000

    def __init__(
        self,
        weights: dict[tuple[str, str], float],
        transitions: dict[tuple[str, str], float],
        labels: list[str],
    ) -> None:
        import numpy as np

        self.labels = labels
        index = {label: k for k, label in enumerate(labels)}
        self._attributes: dict[str, int] = {}  # 0 stands for any feature the model lacks
        for attribute, _ in weights:
            self._attributes.setdefault(attribute, len(self._attributes) + 1)
        self._weights = np.zeros((len(self._attributes) + 1, len(labels)))
        for (attribute, label), weight in weights.items():
            self._weights[self._attributes[attribute], index[label]] = weight
        self.transitions = np.zeros((len(labels), len(labels)))
        for (before, after), weight in transitions.items():
            self.transitions[index[before], index[after]] = weight
        self._clear()

    def _clear(self) -> None:
        import numpy as np

        self._tokens: dict[Values, int] = {}
        self._table = np.zeros((1024, len(self.labels)))  # row 0 adds nothing
        self._summed = 1  # rows of the table filled so far
        self._count = 1  # rows given out so far, the summed ones and those pending
        self._pending: list[int] = []  # attribute ids of rows not yet summed, end to end
        self._starts: list[int] = []  # where each such row's ids start
        self._single: dict[str, int] = {}  # the row of each one-feature part so far

    def _row(self, features: list[str]) -> int:
        self._starts.append(len(self._pending))
        self._pending += [self._attributes.get(f, 0) for f in features]
        self._count += 1
        return self._count - 1

    def _feature(self, feature: str) -> int:
        """The row of one feature: 0 for one the model lacks (most lemma pairs)."""
        row = self._single.get(feature)
        if row is None:
            known = feature in self._attributes
            row = self._single[feature] = self._row([feature]) if known else 0
        return row

    def _token(self, values: Values) -> int:
        """The first of a token's rows: its own features, then those it gives the token
        each of NEAR places before it (it is that token's neighbour at -d)."""
        first = self._tokens.get(values)
        if first is None:
            first = self._row(own_features(values))
            for d in NEAR:
                self._row(near_features(d, values))
            self._tokens[values] = first
        return first

    def _table_now(self) -> np.ndarray:
        """Every row so far, the new ones summed now (one pass over all their features)."""
        import numpy as np

        if self._starts:
            if self._count > len(self._table):
                grown = np.zeros((2 * self._count, len(self.labels)))
                grown[: self._summed] = self._table[: self._summed]
                self._table = grown
            parts = np.add.reduceat(self._weights[self._pending], self._starts)
            self._table[self._summed : self._count] = parts
            self._summed = self._count
            self._pending, self._starts = [], []
        return self._table

    def scores(self, sentences: list[list[Values]]) -> tuple[np.ndarray, np.ndarray]:
        """Unary scores (sentences × positions × labels, zero past each end) and lengths."""
        import numpy as np

        if len(self._tokens) > self.LIMIT:
            self._clear()
        flat = [v for values in sentences for v in values]
        lengths = np.array([len(values) for values in sentences])
        sentence = np.repeat(np.arange(len(sentences)), lengths)
        position = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        firsts = np.array([self._token(v) for v in flat])
        parts = [firsts]
        for n, d in enumerate(NEAR):
            inside = (position + d >= 0) & (position + d < lengths[sentence])
            near = np.roll(firsts, -d) + 1 + n  # the neighbour's row for this offset
            parts.append(np.where(inside, near, self._feature(edge_feature(d))))
        before, after = [0] * len(flat), [0] * len(flat)  # pairs with the lemma -1 and +1
        k = 0
        for values in sentences:
            for left, right in pairwise(values):
                before[k + 1] = self._feature(pair_feature(-1, left[0], right[0]))
                after[k] = self._feature(pair_feature(1, right[0], left[0]))
                k += 1
            k += 1
        parts += [np.array(before), np.array(after)]
        parts.append(np.where(position == 0, self._feature(FIRST), 0))
        unary = self._table_now()[np.stack(parts, 1)].sum(1)
        out = np.zeros((len(sentences), lengths.max(), len(self.labels)))
        out[sentence, position] = unary
        return out, lengths


@cache
def _scorer() -> Scorer:
    import pycrfsuite

    from .resources import model_path

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(MODEL)))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
    return Scorer(info.state_features, info.transitions, labels)


def worth_tagging(sent: Sent, rule_roles: list[Mention], in_lexicon) -> bool:
    """Whether the rules see a role in the sentence or a word is a one-word role of the
    lexicon. On NEREL and factRuEval dev, tagging also the sentences with only the first
    word of a longer entry or a role suffix changed no figure, and cost a quarter more."""
    return bool(rule_roles) or any(in_lexicon(t.text) in CUES for t in sent.tokens)


def tag(
    sentences: list[tuple[Sent, list[Mention], list[Mention]]], in_lexicon: Callable
) -> list[list[tuple[int, int]]]:
    """Token ranges of the roles the CRF finds in each (sentence, its mentions, the rules'
    roles), a document's sentences decoded together; one not `worth_tagging` gets none."""
    from .taggers import viterbi

    chosen = [
        bool(sent.tokens) and worth_tagging(sent, found, in_lexicon) for sent, _, found in sentences
    ]
    if not any(chosen):
        return [[] for _ in sentences]
    scorer = _scorer()
    scores, lengths = scorer.scores(
        [
            token_values(sent, mentions, found, in_lexicon)
            for (sent, mentions, found), ok in zip(sentences, chosen)
            if ok
        ]
    )
    paths = iter(viterbi(scores, lengths, scorer.transitions))
    return [
        spans_of_tags([scorer.labels[k] for k in next(paths)[: len(sent.tokens)]]) if ok else []
        for (sent, _, _), ok in zip(sentences, chosen)
    ]
