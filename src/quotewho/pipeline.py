"""The pipeline: a document gains layers through explicit steps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from . import morph, ner, norm
from .draft import Draft
from .errors import InputError
from .model import Document, Entity
from .people import cluster_organisations, cluster_people
from .quotes import find_quotes
from .segment import segment


class Pipeline:
    """Loads every model once (lazily, on first use) and analyses texts.

    >>> nlp = Pipeline()
    >>> doc = nlp("Он отметил, что сейчас необходимо вовлечение общественности.")
    """

    @cached_property
    def _embedding(self):
        from natasha import NewsEmbedding

        return NewsEmbedding()

    @cached_property
    def _ner_tagger(self):
        from natasha import NewsNERTagger

        return NewsNERTagger(self._embedding)

    @cached_property
    def _morph_tagger(self):
        from natasha import NewsMorphTagger

        return NewsMorphTagger(self._embedding)

    def __call__(self, text: str) -> Document:
        """Analyse one text."""
        return self._process([text])[0]

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Document]:
        """Analyse many texts, `batch_size` documents at a time through the neural stages."""
        if isinstance(texts, str | bytes | bytearray) or not isinstance(texts, Iterable):
            # a str is iterable too: without this, each character would become a document
            raise InputError(f"pipe() takes an iterable of texts, got {type(texts).__name__}")
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _process(self, texts: list[str]) -> list[Document]:
        drafts = [Draft(check_text(text)) for text in texts]
        for draft in drafts:
            draft.sents = segment(draft.text)
        sents = [sent for draft in drafts for sent in draft.sents]
        morph.tag_sentences(sents, self._morph_tagger)
        for draft in drafts:
            self.tag_entities(draft)
            draft.people = cluster_people(draft.entities)
            draft.organisations = cluster_organisations(draft.entities)
            draft.quotes = find_quotes(draft)
        return [draft.to_document() for draft in drafts]

    def tag_entities(self, draft: Draft) -> None:
        """Named entities of one document, mended and normalised."""
        draft.mentions = ner.tag_sentences(draft.sents, draft.text, self._ner_tagger, ner.RULES)
        draft.entities = [
            Entity(
                start=m.start,
                end=m.end,
                text=draft.text[m.start : m.end],
                type=m.type,
                normal=norm.normal(m.tokens, m.type, draft.text),
            )
            for m in draft.mentions
        ]


def check_text(text: object) -> str:
    """The input as text, or an InputError saying why it is not."""
    if isinstance(text, str):
        try:
            text.encode("utf-8")  # a lone surrogate (U+D800–U+DFFF) is not text: JSON can't hold it
        except UnicodeEncodeError as error:
            raise InputError(
                f"lone surrogate {text[error.start]!r} at offset {error.start}; "
                "decode the source with errors='replace'"
            ) from None
        return text
    if isinstance(text, bytes | bytearray):
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"bytes are not UTF-8 ({error}); decode them first") from None
    raise InputError(f"expected text (str), got {type(text).__name__}")
