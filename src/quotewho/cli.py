"""Command line: `quotewho extract` and `quotewho entities`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from .model import Document


def read_inputs(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(source, text) for each path; `-` is standard input."""
    for path in paths:
        if path == "-":
            yield "-", sys.stdin.read()
        else:
            yield path, Path(path).read_text(encoding="utf-8")


def people_table(doc: Document) -> str:
    """People with their roles and organisations, one line each."""
    rows = []
    for person in doc.people:
        roles = "; ".join(
            link.title + (f" ({link.organisation})" if link.organisation else "")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quotewho", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, formats in (("extract", ["jsonl", "json", "table"]), ("entities", ["table", "json"])):
        command = commands.add_parser(name)
        command.add_argument("paths", nargs="+", help="text files, or - for standard input")
        command.add_argument("--format", choices=formats, default=formats[0])
    args = parser.parse_args(argv)

    from . import extract  # models load only once a command runs

    for source, text in read_inputs(args.paths):
        doc = extract(text)
        if args.format == "jsonl":
            row = {"source": source, **doc.model_dump(mode="json")}
            print(json.dumps(row, ensure_ascii=False))
        elif args.format == "json":
            print(doc.model_dump_json(indent=2))
        else:
            print(f"# {source}")
            print(people_table(doc) if args.command == "entities" else quotes_table(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
