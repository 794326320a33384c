"""The pipeline: a document gains layers through explicit steps."""

from __future__ import annotations

import gc
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING, Any

from . import morph, ner, norm, posts, roles
from .draft import Draft
from .errors import InputError
from .model import Document, Entity
from .people import cluster_organisations, cluster_people, verb_genders
from .places import country_names
from .quotes import find_quotes
from .segment import Sent, segment

if TYPE_CHECKING:
    from .taggers import Taggers


# A role, an organisation, a person and a quote of each kind: analysing it loads everything.
_EVERY_STAGE = (
    "Председатель правления КИОР Асылбек Есенбаев в Астане заявил: «Мы готовы». "
    "По его словам, работа продолжится. Он отметил, что итоги подведут в мае."
)


class Pipeline:
    """Loads every model once (lazily, on first use) and analyses texts.

    >>> nlp = Pipeline()
    >>> doc = nlp("Он отметил, что сейчас необходимо вовлечение общественности.")

    `home_country` is the country a text leaves unnamed: a bare state post (`Премьер-министр
    Михаил Фрадков`) in a text that names it more than any other country is linked to it,
    marked `RoleLink.inferred`. Russian news means Russia (the default); for Kazakh news,
    ``Pipeline(home_country="Казахстан")``; None infers no country. Names are those of
    `models/countries.tsv`.
    """

    def __init__(self, home_country: str | None = posts.HOME_COUNTRY) -> None:
        if home_country is not None and home_country not in country_names():
            raise ValueError(
                f"unknown home_country {home_country!r}: give a country's Russian name as in "
                "models/countries.tsv (e.g. 'Казахстан'), or None"
            )
        self.home_country = home_country

    @cached_property
    def _taggers(self) -> Taggers:
        # numpy and the models load on first use: `import quotewho` stays quick
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger

        from .taggers import Taggers

        embedding = NewsEmbedding()
        return Taggers(NewsMorphTagger(embedding), NewsNERTagger(embedding))

    def load(self) -> None:
        """Load every model and lexicon now rather than on first use (each worker process
        does): the lexicons load as they are first needed, so one short text that needs
        them all is analysed."""
        self._process([_EVERY_STAGE])

    def __call__(self, text: str) -> Document:
        """Analyse one text."""
        return self._process([text])[0]

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, Any]],
        batch_size: int = 8,
        n_process: int = 1,
        as_tuples: bool = False,
        on_error: Callable[[Any, Exception], None] | None = None,
    ) -> Iterator[Document] | Iterator[tuple[Document, Any]]:
        """Analyse many texts; one Document per text, in input order, as they are ready.

        Texts are read lazily, `batch_size` at a time, and the sentences of a whole batch
        go through the neural taggers together, so memory does not grow with the input.
        `n_process` > 1 (or -1: one per CPU) spreads batches over worker processes that
        each load the models once; at most two batches per worker are in flight. Scripts
        using it need the ``if __name__ == "__main__":`` guard (workers are spawned).
        With `as_tuples`, `texts` holds `(text, context)` pairs and `(Document, context)`
        pairs come out: an article id travels with its result.
        Without `on_error`, an error in any text ends the run; with it, a failing batch is
        analysed again text by text, and each text that still fails is left out and given
        to ``on_error(item, error)`` (item: the text, or its pair).
        """
        if isinstance(texts, str | bytes | bytearray) or not isinstance(texts, Iterable):
            # a str is iterable too: without this, each character would become a document
            raise InputError(f"pipe() takes an iterable of texts, got {type(texts).__name__}")
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(f"n_process must be a positive number or -1, got {n_process}")
        given: deque = deque()  # what was given for each text in flight: it stays here

        def texts_only() -> Iterator[str]:
            for item in texts:
                if as_tuples and (not isinstance(item, tuple | list) or len(item) != 2):
                    raise InputError(f"as_tuples expects (text, context) pairs, got {item!r:.80}")
                given.append(item)
                yield item[0] if as_tuples else item

        batches = chunks(texts_only(), batch_size)
        safe = on_error is not None
        if n_process == 1:
            results = (result for batch in batches for result in self._analyse(batch, safe))
        else:
            results = in_workers(self, batches, n_process, safe)
        for result in results:
            item = given.popleft()
            if isinstance(result, Exception):
                on_error(item, result)
            else:
                yield (result, item[1]) if as_tuples else result

    def _analyse(self, texts: list[str], safe: bool) -> list[Document | Exception]:
        """Documents of `texts`; when `safe`, the exception in place of each text that fails."""
        try:
            return self._process(texts)
        except Exception as error:
            if not safe:
                raise
            if len(texts) == 1:
                return [error]
            return [result for text in texts for result in self._analyse([text], safe)]

    def __getstate__(self) -> dict:
        """Settings only, no loaded models and no workers: a worker process loads its own."""
        lazy = {
            name
            for klass in type(self).__mro__
            for name, value in vars(klass).items()
            if isinstance(value, cached_property)
        } | {"_pool"}
        return {name: value for name, value in vars(self).items() if name not in lazy}

    def _workers(self, n_process: int):
        """The pool of `n_process` workers kept from the last `pipe`, or a new one."""
        kept = self.__dict__.get("_pool")
        if kept is not None and kept[0] == n_process:
            return kept[1]
        self.close()
        import multiprocessing

        pool = multiprocessing.get_context("spawn").Pool(
            n_process, initializer=_start_worker, initargs=(self,)
        )
        self._pool = (n_process, pool)
        return pool

    def close(self) -> None:
        """Stop the worker processes that `pipe(n_process=N)` keeps for the next call (they
        hold a copy of the models each). Safe to call at any time; the next `pipe` with
        `n_process` > 1 starts new ones."""
        kept = self.__dict__.pop("_pool", None)
        if kept is not None:
            kept[1].terminate()
            kept[1].join()

    def _process(self, texts: list[str]) -> list[Document]:
        with collection_paused():
            return self._analyse_all(texts)

    def _analyse_all(self, texts: list[str]) -> list[Document]:
        drafts = [Draft(check_text(text)) for text in texts]
        for draft in drafts:
            draft.sents = segment(draft.text)
        found = self.tag_sentences([sent for draft in drafts for sent in draft.sents])
        done = 0
        for draft in drafts:
            self.tag_entities(draft, found[done : done + len(draft.sents)])
            done += len(draft.sents)
            links = roles.document_links(draft.sents, draft.mentions, draft.text, self.home_country)
            draft.people = cluster_people(draft.entities, links, verb_genders(draft.sents))
            draft.organisations = cluster_organisations(draft.entities)
            draft.quotes = find_quotes(draft)
        return [draft.to_document() for draft in drafts]

    def tag_sentences(self, sents: list[Sent]) -> list[list[tuple[int, int, str]]]:
        """Fill in the POS, features and lemma of every token of `sents`, tagged together;
        return the NER tagger's spans of each sentence (token ranges and types)."""
        from threadpoolctl import threadpool_limits

        # slovnet's matrices are small: OpenBLAS threads only spin against each other and
        # other processes (4x slower on a busy 2-core machine); parallelism is n_process.
        with threadpool_limits(1, user_api="blas"):
            tagged = self._taggers.tag([[token.text for token in sent.tokens] for sent in sents])
            found = []
            for sent, (tags, spans) in zip(sents, tagged):
                morph.tag_sentence(sent, tags)
                found.append(spans)
        return found

    @staticmethod
    def tag_entities(draft: Draft, found: list[list[tuple[int, int, str]]]) -> None:
        """Named entities and roles of one document, from the NER tagger's spans of each
        sentence (`Taggers.tag`), mended and normalised."""
        mentions = ner.tag_sentences(draft.sents, draft.text, found, ner.RULES)
        draft.mentions = roles.tag_roles(draft.sents, mentions)
        draft.entities = [
            Entity(
                start=m.start,
                end=m.end,
                text=draft.text[m.start : m.end],
                type=m.type,
                normal=roles.role_normal(m, draft.text)
                if isinstance(m, roles.Role)
                else norm.normal(m.tokens, m.type, draft.text),
            )
            for m in draft.mentions
        ]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a batch is analysed, as it was before.

    A batch allocates millions of small objects and frees nearly all of them by reference
    counting; the collector, run every few hundred allocations, walked the whole heap
    (models and caches included) again and again: a sixth of the run on the factRuEval
    articles. What cycles a batch leaves are collected once it is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


def chunks(items: Iterator, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    if size < 1:
        raise ValueError(f"batch_size must be at least 1, got {size}")
    while chunk := list(islice(items, size)):
        yield chunk


def in_workers(
    pipeline: Pipeline, batches: Iterator[list], n_process: int, safe: bool = False
) -> Iterator[Document | Exception]:
    """Documents of `batches` analysed by `n_process` worker processes, in input order
    (with `safe`, see `Pipeline._analyse`).

    Workers are spawned (safe with threads and on every OS), load the models once and
    ignore Ctrl-C. A run that ends normally leaves them to the pipeline's next `pipe`
    with as many processes, models loaded (`Pipeline.close` stops them; so does the
    interpreter's exit); if the consumer stops early, or an error or interrupt arrives,
    they are stopped at once, work in flight and all.
    """
    pool = pipeline._workers(n_process)
    done = False
    try:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_work, (batch, safe)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        done = True
    finally:
        if not done:
            pipeline.close()


_worker_pipeline: Pipeline | None = None


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_pipeline = pipeline
    pipeline.load()  # as the worker starts, all workers at once


def _work(texts: list[str], safe: bool) -> list[Document | Exception]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    results = _worker_pipeline._analyse(texts, safe)
    return [_portable(r) if isinstance(r, Exception) else r for r in results]


def _portable(error: Exception) -> Exception:
    """The error, or a RuntimeError saying the same if it cannot travel between processes."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
