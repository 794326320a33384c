"""quotewho.dask on a real two-process LocalCluster gives what one process gives."""

from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster
from razdel import sentenize

import quotewho
import quotewho.dask
from quotewho import tables

EXAMPLES = Path(__file__).parents[1] / "examples"


def short_texts() -> list[str]:
    """A few hundred short real texts from the example and examples/articles: each line,
    each sentence, and each run of two and of three consecutive sentences of a file."""
    texts = []
    for path in [EXAMPLES / "kior-akimat-sarap.txt", *sorted(EXAMPLES.glob("articles/*.txt"))]:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        sents = [s.text for line in lines for s in sentenize(line)]
        runs = [" ".join(sents[i : i + k]) for k in (2, 3) for i in range(len(sents) - k + 1)]
        texts += lines + [sent for sent in sents if sent not in lines] + runs
    return texts


TEXTS = short_texts()


@pytest.fixture(scope="module")
def expected() -> list[quotewho.Document]:
    return list(quotewho._default_pipeline().pipe(TEXTS))


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


def test_the_texts_are_a_few_hundred_with_entities_and_quotes(expected) -> None:
    assert len(TEXTS) >= 300
    assert sum(len(doc.entities) for doc in expected) > 300
    assert sum(len(doc.quotes) for doc in expected) > 30


def test_bag_of_tuples_keeps_order_and_context(client: Client, expected) -> None:
    bag = db.from_sequence([(text, i) for i, text in enumerate(TEXTS)], npartitions=12)
    got = client.compute(quotewho.dask.extract(bag)).result()
    assert [context for _, context in got] == list(range(len(TEXTS)))
    assert [doc for doc, _ in got] == expected


def test_bag_of_texts_gives_documents(client: Client, expected) -> None:
    bag = db.from_sequence(TEXTS[:60], npartitions=4)
    assert client.compute(quotewho.dask.extract(bag)).result() == expected[:60]


def loaded_pipeline() -> int | None:
    """Identity of this worker's pipeline if its models are loaded, else None."""
    pipeline = quotewho._default_pipeline()
    return id(pipeline) if "_taggers" in vars(pipeline) else None


def test_models_load_once_in_each_worker_and_stay(client: Client) -> None:
    quotewho.dask.load_models(client)
    before = client.run(loaded_pipeline)
    assert len(before) == 2 and None not in before.values()
    client.compute(quotewho.dask.extract(db.from_sequence(TEXTS[:40], npartitions=8))).result()
    assert client.run(loaded_pipeline) == before


def test_pipe_streams_in_input_order(client: Client, expected) -> None:
    # every other text: enough for a dozen tasks, two per worker in flight
    items = ((text, f"doc{i}") for i, text in enumerate(TEXTS[::2]))
    got = list(quotewho.dask.pipe(items, client.scheduler.address, batch_size=16))
    assert got == [(doc, f"doc{i}") for i, doc in enumerate(expected[::2])]


def test_a_text_that_is_not_text_raises_input_error_here(client: Client) -> None:
    bag = db.from_sequence(["Он сказал.", None], npartitions=1)
    with pytest.raises(quotewho.InputError, match="expected text"):
        client.compute(quotewho.dask.extract(bag)).result()


@pytest.mark.parametrize("part, what", [(0, "quotes"), (1, "people"), (2, "entities")])
def test_to_frame_gives_the_rows_of_one_process(client: Client, expected, part, what) -> None:
    # each table reads every third text, so the three together cover them all once
    texts, docs = TEXTS[part::3], expected[part::3]
    ids = [f"art{i}" for i in range(len(texts))]
    articles = dd.from_pandas(pd.DataFrame({"id": ids, "body": texts}), npartitions=5)
    rows = quotewho.dask.to_frame(articles, text="body", what=what)
    got = client.compute(rows).result().reset_index(drop=True)
    assert list(got.columns) == tables.COLUMNS[what]
    assert got.dtypes.to_dict() == rows.dtypes.to_dict()
    assert len(got) > 10
    want = tables.to_frame(zip(docs, ids), what=what).astype(got.dtypes.to_dict())
    pd.testing.assert_frame_equal(got, want)


def test_every_table_column_has_a_declared_dtype() -> None:
    for what, columns in tables.COLUMNS.items():
        assert {"doc_id", *quotewho.dask.DTYPES[what]} == set(columns)


def test_cli_on_the_cluster_prints_what_it_prints_here(client: Client, capsys) -> None:
    from quotewho.cli import main

    args = ["extract", str(EXAMPLES / "articles"), "--format", "jsonl"]
    assert main(args) == 0
    here = capsys.readouterr().out
    assert main([*args, "--scheduler", client.scheduler.address]) == 0
    assert capsys.readouterr().out == here
    assert here.count("\n") == 5


def test_pipe_with_on_error_leaves_out_only_the_text_that_fails(client: Client, expected) -> None:
    items = [(TEXTS[0], "a"), (None, "bad"), (TEXTS[1], "b"), (b"\xff", "bytes")]
    failed = []
    got = list(
        quotewho.dask.pipe(
            items, client.scheduler.address, batch_size=3, on_error=lambda *f: failed.append(f)
        )
    )
    assert got == [(expected[0], "a"), (expected[1], "b")]
    assert [(pair, type(error)) for pair, error in failed] == [
        ((None, "bad"), quotewho.InputError),
        ((b"\xff", "bytes"), quotewho.InputError),
    ]
