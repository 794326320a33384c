"""Our run of slovnet's models gives slovnet's own tags, however sentences are batched;
our run of the role CRF gives crfsuite's own.

Texts: the project example (Kazpravda) and five factRuEval-2016 devset articles (MIT) in
`examples/`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger

from quotewho import Pipeline, role_tagger, roles, taggers
from quotewho.resources import model_path
from quotewho.segment import segment
from quotewho.taggers import bio_spans

EXAMPLES = Path(__file__).parents[1] / "examples"
TEXTS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.rglob("*.txt"))]


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    return [[t.text for t in sent.tokens] for text in TEXTS for sent in segment(text)]


@pytest.fixture(scope="module")
def slovnet() -> tuple[NewsMorphTagger, NewsNERTagger]:
    embedding = NewsEmbedding()
    return NewsMorphTagger(embedding), NewsNERTagger(embedding)


def test_morphology_is_slovnets(nlp: Pipeline, sentences, slovnet) -> None:
    ours = [tags for tags, _ in nlp._taggers.tag(sentences)]
    theirs = [
        [(token.pos, token.feats) for token in markup.tokens]
        for markup in slovnet[0].map(sentences)
    ]
    assert sum(map(len, ours)) > 1000
    assert ours == theirs


def test_entities_are_slovnets_read_after_a_full_stop(nlp: Pipeline, sentences, slovnet) -> None:
    ours = [spans for _, spans in nlp._taggers.tag(sentences)]
    theirs = []
    for words, markup in zip(sentences, slovnet[1].map([". " + " ".join(w) for w in sentences])):
        starts, ends, at = {}, {}, 2  # words joined by single spaces after ". "
        for i, word in enumerate(words):
            starts[at], ends[at + len(word)] = i, i + 1
            at += len(word) + 1
        theirs.append([(starts[s.start], ends[s.stop], s.type) for s in markup.spans if s.start])
    assert sum(map(len, ours)) > 50
    assert ours == theirs


def test_batches_do_not_change_tags(
    nlp: Pipeline, sentences, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = list(nlp._taggers.tag(sentences))
    monkeypatch.setattr(taggers, "BATCH_TOKENS", 40)  # a sentence or two per batch
    assert list(nlp._taggers.tag(sentences)) == whole


def test_the_word_cache_changes_no_tag(
    nlp: Pipeline, sentences, slovnet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache of a few words is emptied again and again, and outgrown by one batch."""
    whole = list(nlp._taggers.tag(sentences))
    monkeypatch.setattr(taggers, "WORD_CACHE", 64)
    small = taggers.Taggers(*slovnet)
    assert list(small.tag(sentences)) == whole
    assert list(small.tag(sentences[:40])) == whole[:40]


def test_bio_is_read_as_slovnet_reads_it() -> None:
    tags = [("B", "PER"), ("I", "PER"), ("I", "LOC"), ("O", ""), ("I", "ORG"), ("B", "LOC")]
    assert bio_spans(tags) == [(0, 3, "PER"), (5, 6, "LOC")]


def test_role_spans_are_crfsuites(nlp: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document's sentences, decoded together from the weights as arrays, get the
    spans crfsuite's own tagger gives each sentence from its feature strings."""
    import pycrfsuite

    asked = []

    def spy(sentences, in_lexicon):
        spans = tag(sentences, in_lexicon)
        asked.extend(zip(sentences, spans))
        return spans

    tag = role_tagger.tag
    monkeypatch.setattr(role_tagger, "tag", spy)
    list(nlp.pipe(TEXTS))
    crfsuite = pycrfsuite.Tagger()
    crfsuite.open(str(model_path(role_tagger.MODEL)))
    tagged = [
        (spans, role_tagger.sentence_features(sent, mentions, found, roles.lexicon_class))
        for (sent, mentions, found), spans in asked
        if sent.tokens and role_tagger.worth_tagging(sent, found, roles.lexicon_class)
    ]
    assert sum(map(len, (spans for spans, _ in tagged))) > 20
    assert [spans for spans, _ in tagged] == [
        role_tagger.spans_of_tags(crfsuite.tag(features)) for _, features in tagged
    ]
