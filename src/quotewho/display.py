"""A document shown to a person: HTML for notebooks, ANSI colours for a terminal.

Each speaker gets a colour; their quotes are painted in it, the cue that ties a quote to
its speaker is bold and the mention it was attributed through is underlined in the
speaker's colour. A legend lists the speakers and people with roles and organisations.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from itertools import pairwise
from typing import TextIO

from .model import Document, Quote

# Light backgrounds that keep black text readable; speakers beyond ten share colours.
HTML_COLOURS = [
    "#ffd8a8", "#b2f2bb", "#a5d8ff", "#eebefa", "#ffec99",
    "#99e9f2", "#ffc9c9", "#d0bfff", "#c0eb75", "#fcc2d7",
]  # fmt: skip
UNATTRIBUTED_HTML = "#e9ecef"
ANSI_COLOURS = [33, 32, 34, 35, 93, 36, 31, 95, 92, 91]  # foreground codes, same order
UNATTRIBUTED_ANSI = 90


@dataclass
class Mark:
    """What is drawn over one stretch of text."""

    colour: int | None = None  # speaker index; -1: a quote without a speaker
    title: str = ""
    cue: bool = False
    speaker: int | None = None  # colour of the speaker this is a mention of


def speaker_key(quote: Quote) -> tuple | None:
    """Quotes of the same source share a key: the person, or the speaker's kind and name."""
    speaker = quote.speaker
    if speaker is None:
        return None
    if speaker.person_id is not None:
        return ("person", speaker.person_id)
    return (speaker.kind, speaker.name)


def speaker_colours(doc: Document) -> dict[tuple, int]:
    """A colour index per speaker, in order of first quote."""
    colours: dict[tuple, int] = {}
    for quote in doc.quotes:
        key = speaker_key(quote)
        if key is not None and key not in colours:
            colours[key] = len(colours)
    return colours


def quote_title(quote: Quote) -> str:
    """`Асылбек Есенбаев (direct)`: what a tooltip says about a quote."""
    who = quote.speaker.name if quote.speaker else "no speaker"
    return f"{who} ({quote.kind})"


def segments(doc: Document, colours: dict[tuple, int]) -> list[tuple[int, int, Mark]]:
    """The text cut at every mark boundary, each piece with what is drawn over it.

    Cutting at every boundary keeps overlapping or nested marks simple: each piece is
    drawn once, with the innermost (shortest) quote's colour.
    """
    bounds = {0, len(doc.text)}
    for quote in doc.quotes:
        bounds |= {quote.start, quote.end}
        for span in (quote.cue, quote.speaker.mention if quote.speaker else None):
            if span is not None:
                bounds |= {span.start, span.end}
    cuts = sorted(bounds)
    quotes = sorted(doc.quotes, key=lambda q: q.end - q.start, reverse=True)
    out = []
    for start, end in pairwise(cuts):
        mark = Mark()
        for quote in quotes:  # longest first, so the innermost quote is painted last
            key = speaker_key(quote)
            colour = -1 if key is None else colours[key]
            if quote.start <= start and end <= quote.end:
                mark.colour, mark.title = colour, quote_title(quote)
            if quote.cue and quote.cue.start <= start and end <= quote.cue.end:
                mark.cue = True
            mention = quote.speaker.mention if quote.speaker else None
            if mention and mention.start <= start and end <= mention.end:
                mark.speaker = colour
        out.append((start, end, mark))
    return out


def legend(doc: Document, colours: dict[tuple, int]) -> list[tuple[int | None, str, str]]:
    """(colour, name, details) for every speaker and every person, speakers first."""
    quoted: dict[tuple, int] = {}
    names: dict[tuple, str] = {}
    for quote in doc.quotes:
        key = speaker_key(quote)
        if key is not None and quote.speaker:
            quoted[key] = quoted.get(key, 0) + 1
            names[key] = quote.speaker.name
    rows = []
    people = {("person", person.id): person for person in doc.people}
    for key in [*colours, *(k for k in people if k not in colours)]:
        details = []
        person = people.get(key)
        if person is not None:
            details += [
                (link.title + (f", {link.organisation}" if link.organisation else ""))
                if link.title
                else str(link.organisation)
                for link in person.roles
            ]
        elif key[0] != "person":
            details.append(key[0])
        if quoted.get(key):
            details.append(f"{quoted[key]} quote{'s' if quoted[key] > 1 else ''}")
        name = person.name if person is not None else names.get(key, "?")
        rows.append((colours.get(key), name, "; ".join(dict.fromkeys(details))))
    return rows


def to_html(doc: Document) -> str:
    """The document as HTML: painted quotes, then the legend (everything escaped)."""
    colours = speaker_colours(doc)
    parts = []
    for start, end, mark in segments(doc, colours):
        piece = html.escape(doc.text[start:end])
        style = []
        if mark.colour is not None:
            style.append(f"background:{_html_colour(mark.colour)}")
        if mark.cue:
            style.append("font-weight:bold")
        if mark.speaker is not None:
            style.append(f"border-bottom:3px solid {_html_colour(mark.speaker)};font-weight:bold")
        if style:
            title = f' title="{html.escape(mark.title)}"' if mark.title else ""
            piece = f'<span style="{";".join(style)}"{title}>{piece}</span>'
        parts.append(piece)
    items = []
    for colour, name, details in legend(doc, colours):
        swatch = _html_colour(colour) if colour is not None else "transparent"
        items.append(
            f'<li><span style="background:{swatch};padding:0 0.6em;margin-right:0.4em;'
            f'border:1px solid #adb5bd"></span><b>{html.escape(name)}</b>'
            + (f" — {html.escape(details)}" if details else "")
            + "</li>"
        )
    return (
        '<div class="quotewho">'
        '<div style="white-space:pre-wrap;line-height:1.6">'
        + "".join(parts)
        + "</div>"
        + (f'<ul style="list-style:none;padding-left:0">{"".join(items)}</ul>' if items else "")
        + "</div>"
    )


def to_ansi(doc: Document, colour: bool = True) -> str:
    """The document for a terminal: quotes in their speaker's colour, cues bold, speaker
    mentions underlined, then the legend. Without `colour`, quotes are shown as [[…]]."""
    colours = speaker_colours(doc)
    parts = []
    inside = None  # the quote being written, when not in colour
    for start, end, mark in segments(doc, colours):
        piece = doc.text[start:end]
        if colour:
            codes = []
            if mark.colour is not None:
                codes.append(_ansi_colour(mark.colour))
            if mark.cue:
                codes.append(1)
            if mark.speaker is not None:
                codes += [1, 4, _ansi_colour(mark.speaker)]
            if codes:
                piece = f"\x1b[{';'.join(map(str, codes))}m{piece}\x1b[0m"
        else:
            quote = (mark.colour, mark.title) if mark.colour is not None else None
            if quote != inside:
                piece = ("]]" if inside else "") + ("[[" if quote else "") + piece
            inside = quote
        parts.append(piece)
    if inside:
        parts.append("]]")
    lines = ["".join(parts), ""]
    for index, name, details in legend(doc, colours):
        label = f"{name}" + (f" — {details}" if details else "")
        if colour and index is not None:
            label = f"\x1b[{_ansi_colour(index)}m■\x1b[0m {label}"
        lines.append(label)
    return "\n".join(lines)


def show(doc: Document, file: TextIO | None = None) -> None:
    """Print the document, in colour when `file` (standard output) is a terminal."""
    file = file or sys.stdout
    print(to_ansi(doc, colour=file.isatty()), file=file)


def _html_colour(index: int) -> str:
    return UNATTRIBUTED_HTML if index < 0 else HTML_COLOURS[index % len(HTML_COLOURS)]


def _ansi_colour(index: int) -> int:
    return UNATTRIBUTED_ANSI if index < 0 else ANSI_COLOURS[index % len(ANSI_COLOURS)]
