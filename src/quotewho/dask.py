"""quotewho on a Dask cluster: bags of texts, dataframes of articles, `extract --scheduler`.

Needs the extra: ``pip install "quotewho[dask]"``. Only texts and results travel between
the client, the scheduler and the workers; the models never do. Each worker process
analyses its partitions with its own `quotewho._default_pipeline()`, which loads the
models on the first partition that process gets and keeps them for every later one
(`load_models` loads them up front).

>>> import dask.bag as db, quotewho.dask
>>> docs = quotewho.dask.extract(db.from_sequence(texts, npartitions=8)).compute()
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

import dask.bag as db
from distributed import Client

from . import _default_pipeline
from .model import Document

Context = TypeVar("Context")

# How many partitions `pipe` keeps in flight per worker thread: enough that a worker
# finishing one finds the next already waiting, few enough that a huge input is not all
# read into memory and shipped at once.
PARTITIONS_AHEAD = 2


def extract(bag: db.Bag) -> db.Bag:
    """Analyse a bag of texts, or of `(text, context)` tuples, on the cluster.

    A text becomes its `Document`, a tuple becomes `(Document, context)`; partitions keep
    their order and so do the items inside them. The context stays with its text and
    is never looked at.
    """
    return bag.map_partitions(_extract_partition)


def pipe(
    items: Iterable[tuple[str, Context]], scheduler: str, batch_size: int = 32
) -> Iterator[tuple[Document, Context]]:
    """`(Document, context)` for each `(text, context)`, in input order, analysed by the
    cluster whose scheduler listens at `scheduler` (e.g. ``tcp://10.0.0.5:8786``).

    The input is read lazily, `batch_size` texts to a task, with a few tasks per worker
    thread in flight, so an input of any length streams through in bounded memory.
    Only the texts are sent; contexts stay here.
    """
    with Client(scheduler, set_as_default=False) as client:
        ahead = PARTITIONS_AHEAD * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for chunk in _chunks(iter(items), batch_size):
            texts = [text for text, _ in chunk]
            future = client.submit(_analyse, texts, batch_size, pure=False)
            pending.append((future, [context for _, context in chunk]))
            if len(pending) >= ahead:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def load_models(client: Client) -> None:
    """Load the models on every worker of `client`'s cluster now, not on its first partition.

    Useful before timing a run; workers that join later still load on first use.
    """
    client.run(_warm_up)


def _extract_partition(items: Iterable[str | tuple[str, Any]]) -> list:
    items = list(items)
    texts = [item[0] if isinstance(item, tuple) else item for item in items]
    docs = _analyse(texts)
    return [
        (doc, item[1]) if isinstance(item, tuple) else doc for doc, item in zip(docs, items)
    ]


def _analyse(texts: list[str], batch_size: int = 32) -> list[Document]:
    """The documents of `texts`, analysed by this process's own pipeline."""
    return list(_default_pipeline().pipe(texts, batch_size=batch_size))


def _warm_up() -> None:
    # One short text runs every stage, so every lazily loaded model is in memory after it.
    _default_pipeline()("«Мы готовы», — сказал Есенбаев.")


def _collect(future, contexts: list) -> Iterator[tuple[Document, Any]]:
    yield from zip(future.result(), contexts)


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk
