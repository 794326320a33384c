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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client

from . import _default_pipeline, tables
from .model import Document
from .pipeline import chunks
from .posts import HOME_COUNTRY
from .tables import What

Context = TypeVar("Context")

# The dtype of every column `to_frame` gives (doc_id takes the dtype of the id column).
# Declared, not inferred, so that every partition has the same schema, empty ones too.
TEXT, INT, NULLABLE_INT = "string[pyarrow]", "int64", "Int64"
DTYPES: dict[str, dict[str, str]] = {
    "quotes": {
        "start": INT, "end": INT, "kind": TEXT, "text": TEXT, "speaker": TEXT,
        "speaker_kind": TEXT, "person_id": NULLABLE_INT, "role": TEXT, "organisation": TEXT,
        "cue": TEXT, "confidence": "float64", "rule": TEXT,
    },
    "people": {
        "person_id": INT, "name": TEXT, "gender": TEXT, "mentions": INT, "roles": TEXT,
        "organisations": TEXT, "quotes": INT,
    },
    "entities": {"start": INT, "end": INT, "type": TEXT, "text": TEXT, "normal": TEXT},
}  # fmt: skip

# How many partitions `pipe` keeps in flight per worker thread: enough that a worker
# finishing one finds the next already waiting, few enough that a huge input is not all
# read into memory and shipped at once.
PARTITIONS_AHEAD = 2


def extract(bag: db.Bag, home_country: str | None = HOME_COUNTRY) -> db.Bag:
    """Analyse a bag of texts, or of `(text, context)` tuples, on the cluster.

    A text becomes its `Document`, a tuple becomes `(Document, context)`; partitions keep
    their order and so do the items inside them. The context stays with its text and
    is never looked at. `home_country` is `Pipeline`'s.
    """
    return bag.map_partitions(_extract_partition, home_country=home_country)


def to_frame(
    ddf: dd.DataFrame,
    text: str = "text",
    id: str = "id",
    what: What = "quotes",
    home_country: str | None = HOME_COUNTRY,
) -> dd.DataFrame:
    """One row per quote, person or entity (`what`) of the articles in `ddf`.

    `ddf` has the article texts in column `text` and their ids in column `id`. The rows
    are those of `quotewho.to_frame` (same columns, ``doc_id`` holding the article's id),
    with declared dtypes, so nothing is computed to learn the schema. `home_country` is
    `Pipeline`'s.
    """
    if what not in DTYPES:
        raise ValueError(f"what must be one of {', '.join(DTYPES)}, got {what!r}")
    dtypes = _dtypes(what, ddf[id].dtype)
    meta = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})
    return ddf[[text, id]].map_partitions(
        _frame_partition,
        text=text,
        id=id,
        what=what,
        dtypes=dtypes,
        home_country=home_country,
        meta=meta,
    )


def pipe(
    items: Iterable[tuple[str, Context]],
    scheduler: str,
    batch_size: int = 32,
    on_error: Callable[[tuple[str, Context], Exception], None] | None = None,
    home_country: str | None = HOME_COUNTRY,
) -> Iterator[tuple[Document, Context]]:
    """`(Document, context)` for each `(text, context)`, in input order, analysed by the
    cluster whose scheduler listens at `scheduler` (e.g. ``tcp://10.0.0.5:8786``).

    The input is read lazily, `batch_size` texts to a task, with a few tasks per worker
    thread in flight, so an input of any length streams through in bounded memory.
    Only the texts are sent; contexts stay here. `on_error` works as in `Pipeline.pipe`:
    without it an error in any text ends the run, with it each text that fails is left
    out and given to ``on_error((text, context), error)``. `home_country` is `Pipeline`'s.
    """
    with Client(scheduler, set_as_default=False) as client:
        ahead = PARTITIONS_AHEAD * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for chunk in chunks(iter(items), batch_size):
            texts = [text for text, _ in chunk]
            safe = on_error is not None
            future = client.submit(_analyse, texts, batch_size, safe, home_country, pure=False)
            pending.append((future, chunk))
            if len(pending) >= ahead:
                yield from _collect(*pending.popleft(), on_error)
        while pending:
            yield from _collect(*pending.popleft(), on_error)


def load_models(client: Client) -> None:
    """Load the models on every worker of `client`'s cluster now, not on its first partition.

    Useful before timing a run; workers that join later still load on first use.
    """
    client.run(_warm_up)


def _extract_partition(items: Iterable[str | tuple[str, Any]], home_country: str | None) -> list:
    items = list(items)
    as_tuples = bool(items) and isinstance(items[0], tuple)
    return list(_default_pipeline(home_country).pipe(items, as_tuples=as_tuples))


def _frame_partition(
    part: pd.DataFrame,
    text: str,
    id: str,
    what: What,
    dtypes: dict[str, Any],
    home_country: str | None,
) -> pd.DataFrame:
    # {"id": …} makes the table use the id whatever its type (a bare context would only
    # be taken for an id when it is a str or an int).
    ids = [{"id": value} for value in part[id].tolist()]
    pairs = zip(_analyse(part[text].tolist(), home_country=home_country), ids)
    return tables.to_frame(pairs, what=what).astype(dtypes)


def _dtypes(what: What, id_dtype: Any) -> dict[str, Any]:
    """Column → dtype, in the table's column order."""
    declared = {"doc_id": id_dtype, **DTYPES[what]}
    return {name: declared[name] for name in tables.COLUMNS[what]}


def _analyse(
    texts: list[str],
    batch_size: int = 32,
    safe: bool = False,
    home_country: str | None = HOME_COUNTRY,
) -> list:
    """The documents of `texts`, analysed by this process's own pipeline; when `safe`,
    the exception in place of each text that fails."""
    nlp = _default_pipeline(home_country)
    if not safe:
        return list(nlp.pipe(texts, batch_size=batch_size))
    results: list = [None] * len(texts)

    def failed(pair: tuple[str, int], error: Exception) -> None:
        results[pair[1]] = error

    numbered = ((text, i) for i, text in enumerate(texts))
    for doc, i in nlp.pipe(numbered, batch_size, as_tuples=True, on_error=failed):
        results[i] = doc
    return results


def _warm_up() -> None:
    # One short text runs every stage, so every lazily loaded model is in memory after it.
    _default_pipeline()("«Мы готовы», — сказал Есенбаев.")


def _collect(future, chunk: list, on_error: Callable | None) -> Iterator[tuple[Document, Any]]:
    for result, (text, context) in zip(future.result(), chunk):
        if isinstance(result, Exception):
            on_error((text, context), result)
        else:
            yield result, context
