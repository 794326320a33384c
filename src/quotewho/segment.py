"""Sentences and tokens, with offsets into the original text (razdel)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from razdel import sentenize, tokenize

# The neural taggers' cost grows with sentence length, and text without sentence
# punctuation (lists, tables, scraped menus) can reach tens of thousands of tokens:
# such sentences are cut into pieces of at most this many tokens.
MAX_SENTENCE_TOKENS = 150

# A line ends wherever str.splitlines would end it: \n, \r, \r\n, U+2028, U+2029, \x85 and
# the ASCII separators; a headline ended by a bare \r is still not glued to the next line.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_CUT_AFTER = frozenset({",", ";", ":", "—", "–", "-", ")"})


@dataclass(slots=True)
class Token:
    """One token with the tags the pipeline adds (internal, not part of the public model)."""

    start: int
    end: int
    text: str
    pos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    lemma: str = ""


@dataclass(slots=True)
class Sent:
    """One sentence and its tokens (internal)."""

    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-empty lines with their offsets: paragraphs and headlines never share a sentence."""
    for match in _LINE.finditer(text):
        if match.group().strip():
            yield match.start(), match.group()


def split_long(tokens: list[Token], limit: int = MAX_SENTENCE_TOKENS) -> Iterator[list[Token]]:
    """Cut a token list into pieces of at most `limit`, preferring a cut after punctuation."""
    # Walks an index instead of re-slicing the remainder: linear in the sentence length.
    start = 0
    while len(tokens) - start > limit:
        cut = start + limit
        for i in range(start + limit - 1, start + limit // 2, -1):
            if tokens[i].text in _CUT_AFTER:
                cut = i + 1
                break
        yield tokens[start:cut]
        start = cut
    if start < len(tokens):
        yield tokens[start:]


def segment(text: str) -> list[Sent]:
    """Sentences of `text` with their tokens; offsets are into `text`."""
    out: list[Sent] = []
    for line_start, line in lines(text):
        for sentence in sentenize(line):
            base = line_start + sentence.start
            tokens = [Token(base + t.start, base + t.stop, t.text) for t in tokenize(sentence.text)]
            for piece in split_long(tokens):
                start, end = piece[0].start, piece[-1].end
                out.append(Sent(start, end, text[start:end], piece))
    return out
