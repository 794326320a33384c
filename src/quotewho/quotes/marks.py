"""Pairing quotation marks: linear, typed, and forgiving of what real news does to them.

Marks are read left to right, one paragraph (line) at a time, with a stack of open marks.
A closing mark closes the nearest open mark of its own family (`«»`, `„“`/`„”`, `“”`,
`""`), looking only a few entries deep so that a flood of stray marks stays linear.
Two recoveries follow the habits of Russian news:

* collapsed nesting: `«Бюджет участия» уже апробирован…», — считает он` — the opening `«`
  serves both the outer quote and the term inside it, so a closing mark with no opener
  extends back to the latest earlier pair that starts where a quote can start;
* an unclosed opener is closed by a later pair's mark when that mark ends a quote
  (`«Мы за «Яблоко». ` with `»»` collapsed into one), or by the end of the paragraph when
  the next paragraph opens a quote again (multi-paragraph quotes open every paragraph
  and close only the last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_ONLY = {"«": "«", "„": "„"}
MARKS = frozenset('«»„“”"')
_MARK = re.compile('[«»„“”"]')  # the same, to find them without a Python loop per character
# How deep a closing mark looks for its opener: keeps pathological inputs linear.
SEARCH_DEPTH = 6
_OPEN_LEFT = set(" \t\n\u00a0([{«„“—–-/:;")
_CLOSE_RIGHT = set(" \t\n\u00a0)]}».,;:!?…—–-/»“”")
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Pair:
    """One pair of matched marks: `text[open]` and `text[close]` are the marks."""

    open: int
    close: int
    recovered: bool = False  # made by a recovery rule, not by plain matching

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted text, marks excluded."""
        return self.open + 1, self.close


def quote_start_position(text: str, pos: int, line_start: int) -> bool:
    """Whether a quote can begin at `pos`: paragraph start, after a colon, a dash, or the
    end of a sentence."""
    i = pos - 1
    while i >= line_start and text[i] in " \t\u00a0":
        i -= 1
    return i < line_start or text[i] in ":—–-" + _SENTENCE_END


def quote_end_position(text: str, pos: int, line_end: int) -> bool:
    """Whether the mark at `pos` can end a quote: followed by sentence punctuation, a
    dash or the end of the paragraph."""
    i = pos + 1
    while i < line_end and text[i] in ",!?.…":
        i += 1
    while i < line_end and text[i] in " \t\u00a0":
        i += 1
    return i >= line_end or text[i] in "—–-" or text[i - 1] in _SENTENCE_END or text[i].isupper()


def _role(text: str, pos: int, stack: list[tuple[int, str]]) -> tuple[str, str]:
    """('open' | 'close', family) of the ambiguous or typed mark at `pos`."""
    ch = text[pos]
    if ch in OPEN_ONLY:
        return "open", ch
    if ch == "»":
        return "close", "«"
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    opens, closes = prev in _OPEN_LEFT, nxt in _CLOSE_RIGHT
    top = stack[-1][1] if stack else ""
    if ch == "”":
        return "close", "„" if top == "„" else "“"
    if ch == "“":
        if top == "„" and not (opens and not closes):
            return "close", "„"
        return ("open", "“") if opens or not closes else ("close", "“")
    # the straight mark says nothing of its direction: read it from the neighbours
    if opens and not closes:
        return "open", '"'
    if closes and not opens:
        return "close", '"'
    return ("close", '"') if top == '"' else ("open", '"')


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        out.append((start, end))
        start = end + 1
    return out


def pair_marks(text: str) -> list[Pair]:
    """Every pair of quotation marks in `text`, sorted by opening offset."""
    pairs: list[Pair] = []
    lines = _lines(text)
    for n, (line_start, line_end) in enumerate(lines):
        stack: list[tuple[int, str]] = []
        closed: list[Pair] = []  # pairs of this paragraph, in closing order
        for mark in _MARK.finditer(text, line_start, line_end):
            pos = mark.start()
            role, family = _role(text, pos, stack)
            if role == "open":
                stack.append((pos, family))
                continue
            depth = next(
                (d for d in range(1, min(SEARCH_DEPTH, len(stack)) + 1) if stack[-d][1] == family),
                None,
            )
            if depth is not None:
                opener = stack[-depth][0]
                del stack[-depth:]
                closed.append(Pair(opener, pos))
            elif family == "«":
                outer = _collapsed_opener(text, closed, line_start)
                if outer is not None:
                    closed.append(Pair(outer, pos, recovered=True))
        # read once per paragraph, not once per unclosed mark: a flood of `— «` made
        # both the next-paragraph look-up and the trailing-space scan quadratic
        tail = line_start + len(text[line_start:line_end].rstrip(" \t\u00a0\r"))
        opens_next = {f: _opens_next(text, lines, n, f) for f in {f for _, f in stack}}
        for opener, family in stack:
            end = _close_unclosed(text, opener, closed, line_end)
            if end is not None:
                closed.append(Pair(opener, end, recovered=True))
            elif quote_start_position(text, opener, line_start) and opens_next[family]:
                closed.append(Pair(opener, tail, recovered=True))
        pairs += closed
    return sorted(pairs, key=lambda p: (p.open, -p.close))


def _collapsed_opener(text: str, closed: list[Pair], line_start: int) -> int | None:
    """The opener a stray `»` shares with an earlier term in quotes (`«X» Y»`)."""
    for pair in reversed(closed[-SEARCH_DEPTH:]):
        if text[pair.open] == "«" and quote_start_position(text, pair.open, line_start):
            return pair.open
    return None


def _close_unclosed(text: str, opener: int, closed: list[Pair], line_end: int) -> int | None:
    """A later pair's closing mark that also closes an unclosed `opener` (`«… «Яблоко».`)."""
    for pair in reversed(closed[-SEARCH_DEPTH:]):
        if pair.open <= opener:
            break
        if text[pair.open] == text[opener] and quote_end_position(text, pair.close, line_end):
            return pair.close
    return None


def _opens_next(text: str, lines: list[tuple[int, int]], n: int, family: str) -> bool:
    """Whether the next non-empty paragraph opens with a mark of `family`."""
    for start, end in lines[n + 1 : n + 3]:
        stripped = text[start:end].lstrip(" \t\u00a0")
        if stripped:
            return stripped[0] == family
    return False
