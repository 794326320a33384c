"""Command line: `quotewho extract` (quotes, whole documents) and `quotewho entities` (people).

Inputs are text files, directories (every ``*.txt`` below them), JSONL files (one
``{"id": …, "text": …}`` object a line) and web pages (``--html``, ``*.html``), or ``-``
for standard input. Exit codes: 0 everything analysed, 1 an error stopped the run, 2 bad
usage, 3 some inputs were skipped (each is reported on stderr), 130 interrupted.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .model import Document
from .places import country_names
from .posts import HOME_COUNTRY
from .tables import COLUMNS, quote_rows

if TYPE_CHECKING:
    from .pipeline import Pipeline

OK, ERROR, SKIPPED, INTERRUPTED = 0, 1, 3, 130
RESUMABLE = ("jsonl", "csv")  # formats whose partial output can be read back
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
# Columns of `--format csv|parquet`: the quotes table, keyed by input id and source.
QUOTE_COLUMNS = ["id", "source", *COLUMNS["quotes"][1:]]


@dataclass
class Input:
    """One input document, or the reason it cannot be read."""

    id: Any
    source: str  # the path as given, `-` for standard input
    where: str  # what a message names: the path, or `path:line` in a JSONL file
    text: str | None = None
    error: str | None = None


class Stop(Exception):
    """The run cannot go on (bad option, unreadable output, --strict and a bad input)."""


# ---------------------------------------------------------------- reading inputs


def read_inputs(paths: list[str], args: argparse.Namespace) -> Iterator[Input]:
    """Every input named by `paths`, in order; unreadable ones carry their error."""
    for path in paths:
        if path == "-":
            yield from read_stdin(args)
        elif Path(path).is_dir():
            suffixes = (".txt", *HTML_SUFFIXES) if args.html else (".txt",)
            files = sorted(p for p in Path(path).rglob("*") if p.suffix.lower() in suffixes)
            for file in files:
                yield from read_file(str(file), args)
        else:
            yield from read_file(path, args)


def read_file(path: str, args: argparse.Namespace) -> Iterator[Input]:
    """The document (or, for JSONL, the documents) of one file."""
    if path.lower().endswith(JSONL_SUFFIXES):
        try:
            with open(path, "rb") as lines:
                yield from read_jsonl(lines, path, args)
        except OSError as error:
            yield Input(path, path, path, error=error.strerror or str(error))
        return
    if path in args.done:  # already in the output: --resume skips it unread
        yield Input(path, path, path)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        yield Input(path, path, path, error=error.strerror or str(error))
        return
    html = args.html or path.lower().endswith(HTML_SUFFIXES)
    yield make_input(Input(path, path, path), data, html, args)


def read_stdin(args: argparse.Namespace) -> Iterator[Input]:
    """Standard input: JSONL when its first line is a JSON object, else one text."""
    stream = sys.stdin.buffer
    first = stream.readline()
    if looks_like_json_object(first):
        yield from read_jsonl(_chain(first, stream), "-", args)
    else:
        yield make_input(Input("-", "-", "standard input"), first + stream.read(), args.html, args)


def read_jsonl(lines, path: str, args: argparse.Namespace) -> Iterator[Input]:
    """One input per non-blank line; its id is the `--id-field`, else `path:line`."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item = Input(f"{path}:{number}", path, f"{path}:{number}")
        try:
            record = json.loads(line.decode(args.encoding))
        except UnicodeDecodeError as error:
            item.error = f"not {args.encoding}: {error.reason} at byte {error.start}"
        except ValueError as error:
            item.error = f"not JSON: {error}"
        else:
            if not isinstance(record, dict):
                item.error = f"expected a JSON object, got {type(record).__name__}"
            else:
                item.id = record.get(args.id_field, item.id)
                item.text = record.get(args.text_field)
                if not isinstance(item.text, str):
                    problem = "missing" if item.text is None else "not a string"
                    item.text, item.error = None, f"field {args.text_field!r} is {problem}"
                elif str(item.id) in args.done:
                    item.text = None
                else:
                    item = finish_input(item, args.html)
        yield item


def make_input(item: Input, data: bytes, html: bool, args: argparse.Namespace) -> Input:
    """Decode a file's bytes, refusing (not guessing) what is not in `--encoding`."""
    try:
        item.text = data.decode(args.encoding)
    except UnicodeDecodeError as error:
        item.error = f"not {args.encoding}: {error.reason} at byte {error.start}"
        return item
    return finish_input(item, html)


def finish_input(item: Input, html: bool) -> Input:
    """The main text of a web page when `html`, checked to be analysable text."""
    from .pipeline import check_text

    if html:
        item.text = main_text(item.text or "")
        if item.text is None:
            item.error = "no article text found in the HTML"
            return item
    try:
        check_text(item.text)
    except ValueError as error:
        item.text, item.error = None, str(error)
    return item


def main_text(page: str) -> str | None:
    """The article's main text, without menus, footers and comments (trafilatura)."""
    try:
        import trafilatura
    except ImportError:
        raise Stop("HTML input needs trafilatura: pip install 'quotewho[html]'") from None
    return trafilatura.extract(page, include_comments=False, include_tables=False)


def looks_like_json_object(line: bytes) -> bool:
    """True when `line` is one JSON object."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _chain(first: bytes, rest) -> Iterator[bytes]:
    yield first
    yield from rest


# ---------------------------------------------------------------- writing results


def document_json(doc: Document, item: Input) -> str:
    """The Document's JSON with the input's `id` and `source` in front."""
    head = json.dumps({"id": item.id, "source": item.source}, ensure_ascii=False)
    return head[:-1] + ", " + doc.model_dump_json()[1:]


def people_table(doc: Document) -> str:
    """People with their roles and organisations, one line each."""
    rows = []
    for person in doc.people:
        roles = "; ".join(
            (link.title + (f" ({link.organisation})" if link.organisation else ""))
            if link.title
            else f"({link.organisation})"
            for link in person.roles
        )
        rows.append(f"{person.name}\t{len(person.mentions)}\t{roles}")
    return "\n".join(["name\tmentions\troles", *rows])


def quotes_table(doc: Document) -> str:
    """Speaker, role, organisation, kind and quote text, one line each."""
    rows = []
    for quote in doc.quotes:
        speaker = quote.speaker
        rows.append(
            "\t".join(
                [
                    speaker.name if speaker else "—",
                    (speaker.role or "") if speaker else "",
                    (speaker.organisation or "") if speaker else "",
                    quote.kind,
                    quote.text.replace("\n", " "),
                ]
            )
        )
    return "\n".join(["speaker\trole\torganisation\tkind\tquote", *rows])


def people_json(doc: Document, item: Input) -> dict:
    """What `entities --format json` says about one document."""
    return {
        "id": item.id,
        "source": item.source,
        "people": [person.model_dump(mode="json") for person in doc.people],
        "organisations": [org.model_dump(mode="json") for org in doc.organisations],
    }


def quote_records(doc: Document, item: Input) -> list[dict]:
    """Rows of the quotes table for one document."""
    rows = []
    for row in quote_rows(doc, item.id):
        del row["doc_id"]
        rows.append({"id": item.id, "source": item.source, **row})
    return rows


class Writer:
    """Writes one document's result at a time; `finish` completes the output."""

    binary = False  # whether the format writes bytes

    def __init__(self, stream: TextIO, command: str, fresh: bool) -> None:
        self.stream, self.command, self.fresh = stream, command, fresh
        self.count = 0

    def write(self, doc: Document, item: Input) -> None:
        self.stream.write(self.render(doc, item))
        self.count += 1

    def render(self, doc: Document, item: Input) -> str:
        raise NotImplementedError

    def finish(self) -> None:
        """Close whatever the format opened (a JSON array, a Parquet footer)."""


class JsonlWriter(Writer):
    """One line per input: the Document JSON with `id` and `source`."""

    def render(self, doc: Document, item: Input) -> str:
        return document_json(doc, item) + "\n"


class JsonWriter(Writer):
    """One JSON array of what the jsonl format gives (entities: people and organisations)."""

    def render(self, doc: Document, item: Input) -> str:
        if self.command == "entities":
            body = json.dumps(people_json(doc, item), ensure_ascii=False, indent=2)
        else:
            body = json.dumps(json.loads(document_json(doc, item)), ensure_ascii=False, indent=2)
        return ("[\n" if self.count == 0 else ",\n") + body

    def finish(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")


class TableWriter(Writer):
    """Tab-separated, a `# source` line above each document's table."""

    def render(self, doc: Document, item: Input) -> str:
        table = people_table(doc) if self.command == "entities" else quotes_table(doc)
        return f"# {item.source}\n{table}\n"


class CsvWriter(Writer):
    """The quotes table, one row per quote, with a header line."""

    def __init__(self, stream: TextIO, command: str, fresh: bool) -> None:
        super().__init__(stream, command, fresh)
        self.csv = csv.DictWriter(stream, QUOTE_COLUMNS)
        if fresh:
            self.csv.writeheader()

    def write(self, doc: Document, item: Input) -> None:
        self.csv.writerows(quote_records(doc, item))
        self.count += 1


class ParquetWriter(Writer):
    """The quotes table as Parquet, a row group per 10 000 quotes (pyarrow)."""

    GROUP = 10_000
    binary = True

    def __init__(self, stream: TextIO, command: str, fresh: bool) -> None:
        super().__init__(stream, command, fresh)
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise Stop("--format parquet needs pyarrow: pip install 'quotewho[parquet]'") from None
        text, integer = pa.string(), pa.int64()
        types = {"start": integer, "end": integer, "person_id": integer,
                 "confidence": pa.float64()}  # fmt: skip
        self.pa = pa
        self.schema = pa.schema([(name, types.get(name, text)) for name in QUOTE_COLUMNS])
        self.parquet = pq.ParquetWriter(stream, self.schema)
        self.rows: list[dict] = []

    def write(self, doc: Document, item: Input) -> None:
        for row in quote_records(doc, item):
            self.rows.append({**row, "id": str(row["id"])})
        if len(self.rows) >= self.GROUP:
            self.flush()
        self.count += 1

    def flush(self) -> None:
        if self.rows:
            self.parquet.write_table(self.pa.Table.from_pylist(self.rows, self.schema))
            self.rows = []

    def finish(self) -> None:
        self.flush()
        self.parquet.close()


WRITERS: dict[str, type[Writer]] = {
    "jsonl": JsonlWriter,
    "json": JsonWriter,
    "table": TableWriter,
    "csv": CsvWriter,
    "parquet": ParquetWriter,
}


# ---------------------------------------------------------------- --resume


def partial_path(output: Path) -> Path:
    """Where a run writes before its output is complete: `FILE.partial`, same folder."""
    return output.with_name(output.name + ".partial")


def recover(partial: Path, format: str) -> set[str]:
    """Ids of the documents already in `partial`, after cutting off a torn tail.

    A jsonl line is whole once its newline is written. CSV rows of one document are
    consecutive, and the last document's rows may be incomplete: they are dropped and
    that document is analysed again. Documents without quotes leave no CSV row, so they
    are analysed again too, and again leave none: nothing is lost or duplicated.
    """
    if partial.stat().st_size == 0:
        return set()
    if format == "jsonl":
        data = partial.read_bytes()
        data = data[: data.rfind(b"\n") + 1]
        done = set()
        good = 0
        for line in data.splitlines(keepends=True):
            try:
                done.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
        with open(partial, "r+b") as file:
            file.truncate(good)
        return done
    with open(partial, encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    if not rows or rows[0] != QUOTE_COLUMNS:
        raise Stop(f"{partial} is not a quotewho CSV (its header differs); cannot resume")
    rows = rows[1:]
    last = rows[-1][0] if rows else None
    rows = [row for row in rows if row and row[0] != last and len(row) == len(QUOTE_COLUMNS)]
    with open(partial, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(QUOTE_COLUMNS)
        writer.writerows(rows)
    return {row[0] for row in rows}


# ---------------------------------------------------------------- running


class Run:
    """Counts and messages of one run; messages go above the progress bar."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.skipped = self.resumed = 0
        self.bar = None

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(f"quotewho: {message}", file=sys.stderr)
        else:
            print(f"quotewho: {message}", file=sys.stderr)

    def good_inputs(self, items: Iterator[Input]) -> Iterator[tuple[str, Input]]:
        """(text, input) pairs for the pipeline; bad inputs are reported and skipped, or
        with --strict end the input (what was read before is still written)."""
        for item in items:
            if item.error is not None:
                self.say(f"skipped {item.where}: {item.error}")
                self.skipped += 1
                if self.args.strict:
                    return
            elif item.text is None:
                self.resumed += 1
            else:
                yield item.text, item

    def failed(self, pair: tuple[str, Input], error: Exception) -> None:
        """An input whose analysis raised: skipped and named, or with --strict the end."""
        message = f"{pair[1].where}: analysis failed: {type(error).__name__}: {error}"
        if self.args.strict:
            raise Stop(f"stopped at {message} (--strict)")
        self.say(f"skipped {message}")
        self.skipped += 1


def documents(pairs: Iterator[tuple[str, Input]], state: Run) -> Iterator[tuple[Document, Input]]:
    """(Document, input) in input order: on a Dask cluster, in worker processes or here."""
    args = state.args
    if args.scheduler:
        from .dask import pipe

        return pipe(
            pairs,
            scheduler=args.scheduler,
            batch_size=args.batch_size,
            on_error=state.failed,
            home_country=args.home_country or None,
        )
    from . import _default_pipeline

    nlp = _default_pipeline(args.home_country or None)
    return _closing(
        nlp,
        nlp.pipe(
            pairs,
            batch_size=args.batch_size,
            n_process=args.n_process,
            as_tuples=True,
            on_error=state.failed,
        ),
    )


def _closing(nlp: Pipeline, items: Iterator) -> Iterator:
    """`items`, then the pipeline's worker processes stopped: a command runs once."""
    try:
        yield from items
    finally:
        nlp.close()


def check_options(args: argparse.Namespace) -> None:
    """Refuse, before any work, options that cannot work together."""
    if args.resume and not args.output:
        raise Stop("--resume needs -o FILE (the output to continue)")
    if args.resume and args.format not in RESUMABLE:
        raise Stop(f"--resume works with --format {' or '.join(RESUMABLE)}")
    if args.format == "parquet" and not args.output:
        raise Stop("--format parquet needs -o FILE")
    if args.n_process < 1 and args.n_process != -1:
        raise Stop("--n-process must be 1 or more (or -1: one per CPU)")
    if args.batch_size < 1:
        raise Stop("--batch-size must be 1 or more")
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise Stop(f"unknown encoding {args.encoding!r}") from None


@contextmanager
def output_stream(partial: Path | None, binary: bool, append: bool) -> Iterator[Any]:
    """`FILE.partial` opened for writing (appending on --resume), or standard output."""
    if partial is None:
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(encoding="utf-8")  # Russian text, whatever the locale
        yield sys.stdout.buffer if binary else sys.stdout
    elif binary:
        with open(partial, "wb") as stream:
            yield stream
    else:
        with open(partial, "a" if append else "w", encoding="utf-8", newline="") as stream:
            yield stream


def run(args: argparse.Namespace) -> int:
    """Analyse every input and write the results; the exit code."""
    check_options(args)
    output = Path(args.output) if args.output else None
    partial = partial_path(output) if output else None
    args.done = set()
    if output and args.resume:
        if not partial.exists() and output.exists():
            shutil.copyfile(output, partial)  # a finished output can take more inputs
        if partial.exists():
            args.done = recover(partial, args.format)
    fresh = not (args.resume and partial.exists() and partial.stat().st_size > 0)
    kind = WRITERS[args.format]
    state = Run(args)
    with output_stream(partial, kind.binary, args.resume) as stream:
        writer = kind(stream, args.command, fresh)
        try:
            write_all(writer, state, args)
        except KeyboardInterrupt:
            stream.flush()
            again = " (run the same command with --resume to continue)" if partial and (
                args.format in RESUMABLE) else ""  # fmt: skip
            state.say(f"interrupted: {written(writer.count)}{where_to(partial)}{again}")
            return INTERRUPTED
        except Exception:
            stream.flush()
            state.say(f"failed after {written(writer.count)}{where_to(partial)}")
            raise
    done = written(writer.count)
    if state.resumed:
        done += f", {state.resumed} already in {output} skipped"
    if args.strict and state.skipped:
        state.say(f"stopped at a bad input (--strict): {done}{where_to(partial)}")
        return ERROR
    if output:
        os.replace(partial, output)  # the output appears whole or not at all
    if state.skipped:
        state.say(f"{done}; {state.skipped} inputs skipped (see above)")
        return SKIPPED
    if args.progress or state.resumed:
        state.say(done)
    return OK


def write_all(writer: Writer, state: Run, args: argparse.Namespace) -> None:
    """Read, analyse and write every input, a progress bar on stderr when wanted."""
    from tqdm import tqdm

    show = args.progress or sys.stderr.isatty()
    with tqdm(unit=" docs", disable=not show, file=sys.stderr, dynamic_ncols=True) as bar:
        state.bar = bar if show else None
        try:
            pairs = state.good_inputs(read_inputs(args.paths, args))
            with closing(documents(pairs, state)) as results:
                for doc, item in results:
                    writer.write(doc, item)
                    bar.update()
        finally:
            state.bar = None
    writer.finish()


def written(count: int) -> str:
    return f"{count} document{'' if count == 1 else 's'} written"


def where_to(partial: Path | None) -> str:
    return f" to {partial}" if partial else ""


EPILOG = """exit codes: 0 all inputs analysed, 1 an error stopped the run, 2 bad usage,
3 some inputs were skipped (named on stderr), 130 interrupted (Ctrl-C or SIGTERM)"""


def home_country(value: str) -> str:
    """A `--home-country` value: a country's name as `models/countries.tsv` gives it, or ''."""
    if value and value not in country_names():
        raise argparse.ArgumentTypeError(
            f"unknown country {value!r} (Russian names as in models/countries.tsv: Казахстан)"
        )
    return value


def parser() -> argparse.ArgumentParser:
    """The `quotewho` command line."""
    top = argparse.ArgumentParser(
        prog="quotewho", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = top.add_subparsers(dest="command", required=True)
    for name, formats, help in (
        ("extract", list(WRITERS), "quotes and everything else, per document"),
        ("entities", ["table", "json"], "people with their roles and organisations"),
    ):
        command = commands.add_parser(name, help=help, description=help, epilog=EPILOG)
        add = command.add_argument
        add("paths", nargs="+", metavar="PATH", help="file, directory, *.jsonl, or - (stdin)")
        add("--format", choices=formats, default=formats[0], help=f"default {formats[0]}")
        add("-o", "--output", metavar="FILE", help="write FILE (whole or not at all), not stdout")
        add("--text-field", default="text", metavar="NAME", help="JSONL field of the text")
        add("--id-field", default="id", metavar="NAME", help="JSONL field of the id")
        add("--encoding", default="utf-8", help="of input files (default utf-8)")
        add("--html", action="store_true", help="inputs are web pages: analyse their main text")
        add("--n-process", type=int, default=1, metavar="N", help="worker processes (-1: CPUs)")
        add("--batch-size", type=int, default=8, metavar="N", help="documents per batch")
        add("--progress", action="store_true", help="progress bar on stderr (on for a tty)")
        add("--scheduler", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS")
        add(
            "--home-country",
            type=home_country,
            default=HOME_COUNTRY,
            metavar="NAME",
            help=f"country of a bare state post (default {HOME_COUNTRY}; '' for none)",
        )
        add("--strict", action="store_true", help="stop at the first bad input")
        add("--resume", action="store_true", help="continue -o FILE, skipping ids already in it")
    return top


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # a batch system's SIGTERM stops as cleanly as Ctrl-C


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `quotewho` command; returns the exit code."""
    args = parser().parse_args(argv)
    previous: Callable | int | None = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run(args)
    except Stop as error:
        print(f"quotewho: {error}", file=sys.stderr)
        return ERROR
    except OSError as error:
        print(f"quotewho: {error}", file=sys.stderr)
        return ERROR
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
