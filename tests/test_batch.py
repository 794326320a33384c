"""Pipeline.pipe over many texts, and the tables made from its documents."""

import pickle
import sys
from pathlib import Path

import pytest

import quotewho
from quotewho import Document, Pipeline
from quotewho.tables import COLUMNS

EXAMPLES = Path(__file__).parents[1] / "examples"
ARTICLES = sorted((EXAMPLES / "articles").glob("*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in ARTICLES] + [
    (EXAMPLES / "kior-akimat-sarap.txt").read_text(encoding="utf-8")
]


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return quotewho._default_pipeline()


@pytest.fixture(scope="module")
def one_by_one(nlp: Pipeline) -> list[Document]:
    return [nlp(text) for text in TEXTS]


def test_the_texts_have_quotes_and_people(one_by_one: list[Document]) -> None:
    assert len(TEXTS) == 6
    assert sum(len(doc.quotes) for doc in one_by_one) >= 10
    assert all(doc.people for doc in one_by_one)


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_pipe_keeps_order_and_equals_single_calls(nlp, one_by_one, batch_size: int) -> None:
    assert list(nlp.pipe(TEXTS, batch_size=batch_size)) == one_by_one


def test_pipe_reads_its_input_lazily(nlp: Pipeline) -> None:
    read = []

    def texts():
        for text in TEXTS:
            read.append(text)
            yield text

    docs = nlp.pipe(texts(), batch_size=2)
    first = next(docs)
    assert first.text == TEXTS[0]
    assert len(read) == 2  # one batch, not the whole input
    docs.close()


def test_tuples_carry_their_context(nlp, one_by_one) -> None:
    pairs = [(text, {"id": path.stem}) for path, text in zip(ARTICLES, TEXTS)]
    got = list(nlp.pipe(pairs, batch_size=2, as_tuples=True))
    assert [context["id"] for _, context in got] == [path.stem for path in ARTICLES]
    assert [doc for doc, _ in got] == one_by_one[: len(ARTICLES)]


def test_tuples_must_be_pairs(nlp: Pipeline) -> None:
    with pytest.raises(quotewho.InputError, match="pairs"):
        list(nlp.pipe(["Он сказал."], as_tuples=True))


def test_bad_n_process_is_refused(nlp: Pipeline) -> None:
    with pytest.raises(ValueError, match="n_process"):
        list(nlp.pipe(TEXTS, n_process=0))


def test_two_processes_give_what_one_gives(nlp, one_by_one) -> None:
    read, failed = [], []

    def texts():
        for i, text in enumerate(TEXTS * 3):
            read.append(i)
            yield text, i
            if i == 8:
                yield None, "not text"  # fails in its worker, alone

    docs = nlp.pipe(
        texts(), batch_size=1, n_process=2, as_tuples=True, on_error=lambda *f: failed.append(f)
    )
    first, context = next(docs)
    # two batches per worker in flight (plus the one being handed out): memory stays flat
    assert (first, context) == (one_by_one[0], 0) and len(read) <= 6
    got = [(first, context), *docs]
    assert [c for _, c in got] == list(range(len(TEXTS) * 3))
    assert [doc for doc, _ in got] == one_by_one * 3
    assert [(item, type(error)) for item, error in failed] == [
        ((None, "not text"), quotewho.InputError)
    ]


def test_workers_stay_for_the_next_run_until_closed(one_by_one) -> None:
    nlp = Pipeline()
    assert list(nlp.pipe(TEXTS[:2], batch_size=1, n_process=2)) == one_by_one[:2]
    pool = nlp._pool
    pids = sorted(process.pid for process in pool[1]._pool)
    assert list(nlp.pipe(TEXTS[2:4], batch_size=1, n_process=2)) == one_by_one[2:4]
    assert nlp._pool is pool and sorted(p.pid for p in pool[1]._pool) == pids
    docs = nlp.pipe(TEXTS, batch_size=1, n_process=2)
    next(docs)
    docs.close()  # the consumer stopped early: work was in flight, the workers go
    assert "_pool" not in vars(nlp)
    assert not any(process.is_alive() for process in pool[1]._pool)
    list(nlp.pipe(TEXTS[:1], n_process=2))
    fresh = nlp._pool[1]
    nlp.close()
    assert "_pool" not in vars(nlp) and not any(p.is_alive() for p in fresh._pool)


def test_a_failing_text_is_left_out_and_reported(nlp, one_by_one) -> None:
    failed = []
    texts = [TEXTS[0], TEXTS[1], 42, TEXTS[2]]
    docs = list(nlp.pipe(texts, batch_size=4, on_error=lambda *f: failed.append(f)))
    assert docs == one_by_one[:3]
    ((item, error),) = failed
    assert item == 42 and isinstance(error, quotewho.InputError)
    with pytest.raises(quotewho.InputError):
        list(nlp.pipe(texts, batch_size=4))  # without on_error the error ends the run


def test_a_pipeline_travels_without_its_models(nlp: Pipeline) -> None:
    nlp("Он сказал.")  # models loaded
    assert "_taggers" in vars(nlp)
    copy = pickle.loads(pickle.dumps(nlp))
    assert len(pickle.dumps(nlp)) < 1000 and "_taggers" not in vars(copy)


# ---------------------------------------------------------------- tables


@pytest.fixture(scope="module")
def pairs(nlp: Pipeline) -> list[tuple[Document, dict]]:
    items = [(text, {"id": f"doc{i}"}) for i, text in enumerate(TEXTS)]
    return list(nlp.pipe(items, as_tuples=True))


@pytest.mark.parametrize(
    ("what", "count"),
    [
        ("quotes", lambda doc: len(doc.quotes)),
        ("people", lambda doc: len(doc.people)),
        ("entities", lambda doc: len(doc.entities)),
    ],
)
def test_records_are_one_row_per_item_with_the_doc_id(pairs, what, count) -> None:
    rows = quotewho.to_records(pairs, what=what)
    assert len(rows) == sum(count(doc) for doc, _ in pairs) > 0
    assert all(list(row) == COLUMNS[what] for row in rows)
    per_doc = {f"doc{i}": count(doc) for i, (doc, _) in enumerate(pairs)}
    assert {id: sum(r["doc_id"] == id for r in rows) for id in per_doc} == per_doc


def test_quote_rows_say_who_said_what(pairs) -> None:
    rows = quotewho.to_records(pairs, what="quotes")
    doc, _ = pairs[0]
    first = rows[0]
    quote = doc.quotes[0]
    assert first["text"] == quote.text == doc.text[first["start"] : first["end"]]
    assert first["speaker"] == (quote.speaker.name if quote.speaker else None)
    assert first["kind"] == quote.kind


def test_people_rows_count_quotes(pairs) -> None:
    people = quotewho.to_records(pairs, what="people")
    quotes = quotewho.to_records(pairs, what="quotes")
    attributed = sum(row["person_id"] is not None for row in quotes)
    assert sum(row["quotes"] for row in people) == attributed > 0


def test_plain_documents_are_numbered(pairs) -> None:
    docs = [doc for doc, _ in pairs]
    rows = quotewho.to_records(docs, what="people")
    assert {row["doc_id"] for row in rows} == {i for i, doc in enumerate(docs) if doc.people}


def test_frame_has_the_columns_even_when_empty(pairs) -> None:
    pytest.importorskip("pandas")
    frame = quotewho.to_frame(pairs, what="quotes")
    assert list(frame.columns) == COLUMNS["quotes"]
    assert len(frame) == sum(len(doc.quotes) for doc, _ in pairs)
    assert frame.groupby("doc_id").size()["doc0"] == len(pairs[0][0].quotes)
    empty = quotewho.to_frame([], what="people")
    assert list(empty.columns) == COLUMNS["people"] and len(empty) == 0


def test_frame_without_pandas_says_what_to_install(pairs, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"quotewho\[pandas\]"):
        quotewho.to_frame(pairs)


def test_unknown_table_is_refused(pairs) -> None:
    with pytest.raises(ValueError, match="quotes, people, entities"):
        quotewho.to_records(pairs, what="speakers")  # type: ignore[arg-type]
