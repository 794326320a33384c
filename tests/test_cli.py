"""The `quotewho` command on real articles: inputs, formats, skipped inputs, -o, --resume."""

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

import quotewho
from quotewho import cli

EXAMPLES = Path(__file__).parents[1] / "examples"
ARTICLES = sorted((EXAMPLES / "articles").glob("*.txt"))
KIOR = EXAMPLES / "kior-akimat-sarap.txt"


@pytest.fixture(scope="module")
def expected() -> dict[str, quotewho.Document]:
    """Each article's Document, by its text."""
    nlp = quotewho._default_pipeline()
    return {
        path.read_text(encoding="utf-8"): nlp(path.read_text(encoding="utf-8")) for path in ARTICLES
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The articles in a folder with a subfolder, and a file that is not text."""
    (tmp_path / "in" / "more").mkdir(parents=True)
    for path in ARTICLES[:3]:
        shutil.copy(path, tmp_path / "in" / path.name)
    for path in ARTICLES[3:]:
        shutil.copy(path, tmp_path / "in" / "more" / path.name)
    (tmp_path / "in" / "notes.md").write_text("# not an input", encoding="utf-8")
    return tmp_path / "in"


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


# ---------------------------------------------------------------- inputs and formats


def test_jsonl_is_one_line_per_input_with_its_source(capsys, expected) -> None:
    code, out, err = run(["extract", *ARTICLES], capsys)
    rows = jsonl(out)
    assert code == 0 and err == ""
    assert [row["source"] for row in rows] == [str(p) for p in ARTICLES]
    for row in rows:
        doc = quotewho.Document.model_validate(
            {k: v for k, v in row.items() if k not in ("id", "source")}
        )
        assert doc == expected[doc.text]


def test_a_folder_is_read_recursively(capsys, folder: Path) -> None:
    code, out, _ = run(["extract", folder], capsys)
    sources = [row["source"] for row in jsonl(out)]
    assert code == 0
    assert sorted(Path(s).name for s in sources) == [p.name for p in ARTICLES]
    assert str(folder / "more" / ARTICLES[-1].name) in sources


def test_json_is_one_array(capsys) -> None:
    code, out, _ = run(["extract", "--format", "json", *ARTICLES[:2]], capsys)
    rows = json.loads(out)
    assert code == 0 and [row["source"] for row in rows] == [str(p) for p in ARTICLES[:2]]
    assert all(row["quotes"] for row in rows)


def test_table_names_speakers(capsys, expected) -> None:
    code, out, _ = run(["extract", "--format", "table", ARTICLES[0]], capsys)
    doc = expected[ARTICLES[0].read_text(encoding="utf-8")]
    lines = out.splitlines()
    assert code == 0 and lines[:2] == [
        f"# {ARTICLES[0]}",
        "speaker\trole\torganisation\tkind\tquote",
    ]
    assert len(lines) == 2 + len(doc.quotes)
    assert lines[2].split("\t")[0] == doc.quotes[0].speaker.name


def test_csv_is_the_quotes_table(capsys, expected) -> None:
    code, out, _ = run(["extract", "--format", "csv", *ARTICLES], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and list(rows[0]) == cli.QUOTE_COLUMNS
    assert len(rows) == sum(len(doc.quotes) for doc in expected.values())
    first = expected[ARTICLES[0].read_text(encoding="utf-8")].quotes[0]
    assert (rows[0]["source"], rows[0]["text"]) == (str(ARTICLES[0]), first.text)


def test_parquet_is_the_quotes_table(capsys, tmp_path: Path, expected) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "quotes.parquet"
    code, _, _ = run(["extract", "--format", "parquet", "-o", out, *ARTICLES], capsys)
    table = parquet.read_table(out)
    assert code == 0 and table.column_names == cli.QUOTE_COLUMNS
    assert table.num_rows == sum(len(doc.quotes) for doc in expected.values())
    assert not (tmp_path / "quotes.parquet.partial").exists()


def test_parquet_needs_an_output_file(capsys) -> None:
    code, _, err = run(["extract", "--format", "parquet", ARTICLES[0]], capsys)
    assert code == 1 and "-o FILE" in err


def test_jsonl_input_with_chosen_fields(capsys, tmp_path: Path, expected) -> None:
    records = tmp_path / "news.jsonl"
    with records.open("w", encoding="utf-8") as file:
        for i, path in enumerate(ARTICLES[:3]):
            record = {"key": f"a{i}", "body": path.read_text(encoding="utf-8")}
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    args = ["extract", "--text-field", "body", "--id-field", "key", records]
    code, out, _ = run(args, capsys)
    rows = jsonl(out)
    assert code == 0 and [row["id"] for row in rows] == ["a0", "a1", "a2"]
    assert {row["source"] for row in rows} == {str(records)}
    assert rows[1]["quotes"] == [
        q.model_dump(mode="json") for q in expected[rows[1]["text"]].quotes
    ]


def test_bad_jsonl_lines_are_skipped_and_named(capsys, tmp_path: Path) -> None:
    records = tmp_path / "news.jsonl"
    text = ARTICLES[0].read_text(encoding="utf-8")
    records.write_text(
        "\n".join([
            json.dumps({"id": 1, "text": text}, ensure_ascii=False),
            '{"id": 2, "text": ',
            json.dumps({"id": 3, "text": 42}),
            json.dumps({"id": 4, "text": text}, ensure_ascii=False),
        ]),
        encoding="utf-8",
    )  # fmt: skip
    code, out, err = run(["extract", records], capsys)
    assert code == cli.SKIPPED and [row["id"] for row in jsonl(out)] == [1, 4]
    assert f"{records}:2: not JSON" in err and f"{records}:3: field 'text' is not a string" in err


def test_standard_input_text(capsys, monkeypatch, expected) -> None:
    text = ARTICLES[1].read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _ = run(["extract", "-"], capsys)
    (row,) = jsonl(out)
    assert code == 0 and row["source"] == "-" and row["text"] == text
    assert row["quotes"] == [q.model_dump(mode="json") for q in expected[text].quotes]


def test_standard_input_jsonl(capsys, monkeypatch) -> None:
    lines = [
        json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) for p in ARTICLES[:2]
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["extract", "-"], capsys)
    assert code == 0 and [row["id"] for row in jsonl(out)] == [p.stem for p in ARTICLES[:2]]


def test_html_page_is_reduced_to_its_article(capsys, tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    text = ARTICLES[0].read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Новости</title></head><body>"
        "<nav><a href='/'>Главная</a> <a href='/news'>Все новости</a></nav>"
        f"<article>{paragraphs}</article><footer>© Редакция, 2010</footer></body></html>",
        encoding="utf-8",
    )
    code, out, _ = run(["extract", page], capsys)
    (row,) = jsonl(out)
    assert code == 0 and "Все новости" not in row["text"] and "Редакция" not in row["text"]
    assert text.splitlines()[0] in row["text"] and row["quotes"]


def test_entities_table_and_json(capsys, expected) -> None:
    doc = expected[ARTICLES[0].read_text(encoding="utf-8")]
    code, out, _ = run(["entities", ARTICLES[0]], capsys)
    assert code == 0 and out.splitlines()[1] == "name\tmentions\troles"
    assert doc.people[0].name in out
    code, out, _ = run(["entities", "--format", "json", ARTICLES[0]], capsys)
    (row,) = json.loads(out)
    assert [p["name"] for p in row["people"]] == [p.name for p in doc.people]


def test_scheduler_runs_the_job_through_quotewho_dask(capsys, monkeypatch) -> None:
    calls = []

    def pipe(items, scheduler, batch_size, on_error, home_country):
        calls.append((scheduler, batch_size, home_country))
        nlp = quotewho._default_pipeline(home_country)
        return nlp.pipe(items, as_tuples=True, on_error=on_error)

    monkeypatch.setitem(sys.modules, "quotewho.dask", types.SimpleNamespace(pipe=pipe))
    args = ["extract", "--scheduler", "tcp://10.0.0.5:8786", "--batch-size", "7", *ARTICLES[:2]]
    code, out, _ = run([*args, "--home-country", "Казахстан"], capsys)
    assert code == 0 and len(jsonl(out)) == 2
    assert calls == [("tcp://10.0.0.5:8786", 7, "Казахстан")]


# The bare `Премьер-министр` of a text that names Kazakhstan most: made up, in the style of
# the founding example (shared/examples/kior-akimat-sarap.txt).
KAZAKH = (
    "Премьер-министр Алихан Смаилов провёл совещание в Астане. В Казахстане растут цены. "
    "Жители Казахстана ждут решений."
)


@pytest.mark.parametrize(("home", "organisation"), [("Казахстан", "Казахстан"), ("", "")])
def test_home_country_names_a_bare_state_post(capsys, monkeypatch, home, organisation) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(KAZAKH.encode("utf-8"))))
    code, out, _ = run(["entities", "--format", "json", "--home-country", home, "-"], capsys)
    (doc,) = json.loads(out)
    (person,) = doc["people"]
    assert code == 0 and [r["organisation"] or "" for r in person["roles"]] == [organisation]


def test_an_unknown_home_country_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        run(["entities", "--home-country", "Kazakhstan", *ARTICLES[:1]], capsys)
    assert stop.value.code == 2
    assert "unknown country 'Kazakhstan'" in capsys.readouterr().err


# ---------------------------------------------------------------- bad inputs


@pytest.fixture
def with_bad_file(tmp_path: Path) -> list[Path]:
    """An article, a file in cp1251 (not UTF-8), another article."""
    bad = tmp_path / "cp1251.txt"
    bad.write_bytes(KIOR.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    return [ARTICLES[0], bad, ARTICLES[1]]


def test_a_file_that_is_not_utf8_is_skipped(capsys, with_bad_file) -> None:
    code, out, err = run(["extract", *with_bad_file], capsys)
    assert code == cli.SKIPPED
    assert [row["source"] for row in jsonl(out)] == [str(with_bad_file[0]), str(with_bad_file[2])]
    assert f"skipped {with_bad_file[1]}: not utf-8" in err and "1 inputs skipped" in err


def test_encoding_option_reads_it(capsys, with_bad_file) -> None:
    code, out, _ = run(["extract", "--encoding", "cp1251", with_bad_file[1]], capsys)
    assert code == 0 and "Есенбаев" in jsonl(out)[0]["text"]


def test_a_missing_file_is_skipped(capsys, tmp_path: Path) -> None:
    code, out, err = run(["extract", tmp_path / "nowhere.txt", ARTICLES[0]], capsys)
    assert code == cli.SKIPPED and len(jsonl(out)) == 1 and "nowhere.txt" in err


def test_strict_stops_at_the_first_bad_input(capsys, tmp_path: Path, with_bad_file) -> None:
    out = tmp_path / "out.jsonl"
    code, _, err = run(["extract", "--strict", "-o", out, *with_bad_file], capsys)
    assert code == cli.ERROR and "--strict" in err
    assert not out.exists()
    rows = jsonl((tmp_path / "out.jsonl.partial").read_text(encoding="utf-8"))
    assert [row["source"] for row in rows] == [str(with_bad_file[0])]


def fail_on(monkeypatch, word: str) -> None:
    """Make the quote stage crash on texts holding `word`, as a bug would."""
    from quotewho import pipeline

    find_quotes = pipeline.find_quotes

    def crash(draft):
        if word in draft.text:
            raise RuntimeError("a bug in a rule")
        return find_quotes(draft)

    monkeypatch.setattr(pipeline, "find_quotes", crash)


def test_a_document_the_pipeline_fails_on_is_skipped(capsys, monkeypatch) -> None:
    fail_on(monkeypatch, "Видениус")
    failing = next(p for p in ARTICLES if "Видениус" in p.read_text(encoding="utf-8"))
    code, out, err = run(["extract", "--batch-size", "4", *ARTICLES], capsys)
    assert code == cli.SKIPPED
    assert [row["source"] for row in jsonl(out)] == [str(p) for p in ARTICLES if p != failing]
    assert f"skipped {failing}: analysis failed: RuntimeError: a bug in a rule" in err


def test_strict_stops_where_the_pipeline_fails(capsys, monkeypatch, tmp_path: Path) -> None:
    fail_on(monkeypatch, "Видениус")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["extract", "--strict", "-o", out, *ARTICLES], capsys)
    assert code == cli.ERROR and "analysis failed" in err and "(--strict)" in err
    assert not out.exists()


# ---------------------------------------------------------------- -o and --resume


def interrupt_after(monkeypatch, writer: type, count: int) -> None:
    """Make `writer` raise KeyboardInterrupt (Ctrl-C) once it has written `count` documents."""
    write = writer.write

    def write_then_stop(self, doc, item):
        if self.count == count:
            raise KeyboardInterrupt
        write(self, doc, item)

    monkeypatch.setattr(writer, "write", write_then_stop)


@pytest.mark.parametrize(("format", "writer"), [("jsonl", cli.JsonlWriter), ("csv", cli.CsvWriter)])
def test_resume_after_interrupt_gives_the_full_output_once(
    capsys, monkeypatch, tmp_path: Path, format: str, writer: type
) -> None:
    whole = tmp_path / f"whole.{format}"
    assert run(["extract", "--format", format, "-o", whole, *ARTICLES], capsys)[0] == 0

    out = tmp_path / f"out.{format}"
    with monkeypatch.context() as patch:
        interrupt_after(patch, writer, 3)
        code, _, err = run(["extract", "--format", format, "-o", out, *ARTICLES], capsys)
    partial = tmp_path / f"out.{format}.partial"
    assert code == cli.INTERRUPTED and not out.exists()
    assert f"interrupted: 3 documents written to {partial}" in err and "--resume" in err
    with partial.open("a", encoding="utf-8") as file:
        file.write('{"id": "torn' if format == "jsonl" else f"{ARTICLES[3]},{ARTICLES[3]},1")

    code, _, err = run(["extract", "--format", format, "--resume", "-o", out, *ARTICLES], capsys)
    assert code == 0 and not partial.exists()
    assert out.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


def test_resume_of_a_finished_output_adds_only_new_inputs(capsys, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run(["extract", "-o", out, *ARTICLES[:2]], capsys)[0] == 0
    code, _, err = run(["extract", "--resume", "-o", out, *ARTICLES[:3]], capsys)
    assert code == 0 and f"1 document written, 2 already in {out} skipped" in err
    assert [row["source"] for row in jsonl(out.read_text(encoding="utf-8"))] == [
        str(p) for p in ARTICLES[:3]
    ]


def test_resume_needs_a_line_format_and_a_file(capsys, tmp_path: Path) -> None:
    assert run(["extract", "--resume", ARTICLES[0]], capsys)[0] == cli.ERROR
    args = ["extract", "--resume", "--format", "json", "-o", tmp_path / "x.json", ARTICLES[0]]
    code, _, err = run(args, capsys)
    assert code == cli.ERROR and "--resume works with --format jsonl or csv" in err


def test_output_never_appears_half_written(capsys, monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"

    def broken(self, doc, item):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(cli.JsonlWriter, "write", broken)
    with pytest.raises(RuntimeError):
        cli.main(["extract", "-o", str(out), str(ARTICLES[0])])
    assert not out.exists() and (tmp_path / "out.jsonl.partial").exists()
    assert "failed after 0 documents written" in capsys.readouterr().err


def test_ctrl_c_stops_workers_and_says_what_was_written(tmp_path: Path) -> None:
    """A real Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while two
    worker processes analyse: the command exits 130 and leaves no process behind."""
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "quotewho.cli", "extract", "--n-process", "2",
            "--batch-size", "1", "-o", str(out), *map(str, ARTICLES * 40)]  # fmt: skip
    process = subprocess.Popen(
        args,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a terminal's Ctrl-C: a run started in the background (as CI may start this
        # suite) inherits SIGINT ignored, and Python then rightly keeps ignoring it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    partial = tmp_path / "out.jsonl.partial"
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == cli.INTERRUPTED, err
    written = len(partial.read_text(encoding="utf-8").splitlines())
    assert f"interrupted: {cli.written(written)}" in err and 0 < written < len(ARTICLES) * 40
    for _ in range(50):  # workers and multiprocessing's helper go with the parent
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("processes of the interrupted run are still alive")
