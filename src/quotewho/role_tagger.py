"""A CRF that marks role spans (NEREL PROFESSION, outermost), over our own tokens and tags.

The lexicon rules of `roles.find_roles` only see roles the lexicon lists and end them by
hand-written rules; the CRF (python-crfsuite, trained by `scripts/train_roles.py` on NEREL
1.1 train, `models/roles.crfsuite`) learns span edges and unlisted roles from the words,
slovnet's tags, the lexicon and the rules' own answer around each token. `roles.tag_roles`
takes its spans; title and organisation are still read by `roles.split_title`.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .ner import Mention
from .segment import Sent, Token

MODEL = "roles.crfsuite"
CUES = ("entry",)  # lexicon classes that make a sentence worth tagging
WINDOW = 2  # neighbours each side whose tags a token's features look at


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


# A token's values, in this order, then its word: what its features are made of.
_OWN = ("lem", "pos", "case", "num", "anim", "shape", "lex", "ent", "rule")
_NEAR = (0, 1, 2, 7, 8, 6)  # lem, pos, case, ent, rule, lex: what a neighbour shows


# A sentence's features are mostly the same few thousand strings: each token's own and
# each neighbour's are built once per distinct token and cached (3x faster on a long run).
# The caches are bounded (some tens of MB together), so a long run keeps its memory flat.
@lru_cache(maxsize=25_000)
def _own_features(values: tuple[str, ...], known: frozenset[str] | None) -> tuple[str, ...]:
    w = values[-1]
    return _kept(
        known,
        "bias",
        "w=" + w,
        "s2=" + w[-2:],
        "s3=" + w[-3:],
        "s4=" + w[-4:],
        "p3=" + w[:3],
        *(f"{name}={value}" for name, value in zip(_OWN, values)),
        f"pos|case={values[1]}|{values[2]}",
    )


@lru_cache(maxsize=60_000)
def _near_features(
    d: int, values: tuple[str, ...], known: frozenset[str] | None
) -> tuple[str, ...]:
    feats = [f"{d}:{_OWN[i]}={values[i]}" for i in _NEAR]
    feats.append(f"{d}:shape={values[5]}")
    if abs(d) == 1:
        feats.append(f"{d}:w={values[-1]}")
    return _kept(known, *feats)


@lru_cache(maxsize=60_000)
def _pair(d: int, near: str, own: str, known: frozenset[str] | None) -> tuple[str, ...]:
    return _kept(known, f"{d}:lem|lem={near}|{own}")


@lru_cache(maxsize=16)
def _constant(feature: str, known: frozenset[str] | None) -> tuple[str, ...]:
    return _kept(known, feature)


def _kept(known: frozenset[str] | None, *feats: str) -> tuple[str, ...]:
    """The features the model knows (all of them when `known` is None, for training)."""
    return feats if known is None else tuple(f for f in feats if f in known)


def sentence_features(
    sent: Sent,
    mentions: list[Mention],
    rule_roles: list[Mention],
    in_lexicon,
    known: frozenset[str] | None = None,
) -> list[list[str]]:
    """Features of each token: its word, lemma, tags, suffixes, the lexicon, the named
    entity and rule role it lies in, and the same of its neighbours (±WINDOW). With
    `known`, the model's attributes, only those: the CRF ignores any other, and handing
    them over was most of its time."""
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
    out = []
    for k, own in enumerate(values):
        feats = list(_own_features(own, known))
        for d in range(-WINDOW, WINDOW + 1):
            if d == 0:
                continue
            if not 0 <= k + d < len(values):
                feats += _constant(f"{d}:edge", known)
                continue
            near = values[k + d]
            feats += _near_features(d, near, known)
            if abs(d) == 1:
                feats += _pair(d, near[0], own[0], known)
        if k == 0:
            feats += _constant("first", known)
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


@cache
def _tagger():
    import pycrfsuite

    from .resources import model_path

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(MODEL)))
    return tagger, frozenset(tagger.info().attributes)


def tag(
    sent: Sent, mentions: list[Mention], rule_roles: list[Mention], in_lexicon
) -> list[tuple[int, int]]:
    """Token ranges of the roles the CRF finds in one sentence. A sentence where the rules
    see no role and no word is a one-word role of the lexicon is skipped: on NEREL and
    factRuEval dev, tagging also the sentences with only the first word of a longer entry
    or a role suffix changed no figure, and cost a quarter more tagging."""
    if not rule_roles and not any(in_lexicon(t.text) in CUES for t in sent.tokens):
        return []
    tagger, known = _tagger()
    return spans_of_tags(
        tagger.tag(sentence_features(sent, mentions, rule_roles, in_lexicon, known))
    )
