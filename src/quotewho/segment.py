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

_LINE = re.compile(r"[^\n]+")


@dataclass
class Token:
    """One token with the tags the pipeline adds (internal, not part of the public model)."""

    start: int
    end: int
    text: str
    pos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    lemma: str = ""


@dataclass
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
    while len(tokens) > limit:
        cut = limit
        for i in range(limit - 1, limit // 2, -1):
            if tokens[i].text in {",", ";", ":", "—", "–", "-", ")"}:
                cut = i + 1
                break
        yield tokens[:cut]
        tokens = tokens[cut:]
    if tokens:
        yield tokens


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
