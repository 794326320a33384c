"""Sentences and tokens, with offsets into the original text (razdel)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from razdel import sentenize
from razdel.segmenters.tokenize import TokenSplit
from razdel.segmenters.tokenize import tokenize as razdel_tokenize

# The neural taggers' cost grows with sentence length, and text without sentence
# punctuation (lists, tables, scraped menus) can reach tens of thousands of tokens:
# such sentences are cut into pieces of at most this many tokens.
MAX_SENTENCE_TOKENS = 150

# A line ends wherever str.splitlines would end it: \n, \r, \r\n, U+2028, U+2029, \x85 and
# the ASCII separators; a headline ended by a bare \r is still not glued to the next line.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_CUT_AFTER = frozenset({",", ";", ":", "—", "–", "-", ")"})
# razdel ends a sentence after an abbreviation or a semicolon even inside brackets
# (`Гутерреш (порт. António …; род. 30 апреля 1949) — португальский политик`): a
# bracket that closes within this many characters on the same line is one aside, and the
# sentence around it goes on. Longer brackets can hold whole sentences of their own.
MAX_ASIDE_CHARS = 150


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


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where `razdel.tokenize` puts its tokens, found with razdel's own atoms and rules.

    razdel builds a split record for every pair of atoms and then finds each token in the
    text again; it never joins atoms across a space, though, so only the pairs that touch
    are put to its rules here (their windows still reach across spaces, as razdel's do).
    """
    atoms = list(razdel_tokenize.split.atoms(text))
    window = razdel_tokenize.split.window
    spans = []
    start = 0
    for i, atom in enumerate(atoms):
        if i == 0:
            start = atom.start
            continue
        before = atoms[i - 1]
        if before.stop == atom.start:
            split = TokenSplit(atoms[max(0, i - window) : i], "", atoms[i : i + window])
            split.buffer = text[start : before.stop]
            if razdel_tokenize.join(split):
                continue
        spans.append((start, before.stop))
        start = atom.start
    if atoms:
        spans.append((start, atoms[-1].stop))
    return spans


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


def inside_aside(line: str, stop: int) -> bool:
    """A sentence break at `stop` falls inside a short bracket that closes later on."""
    opened = line.rfind("(", 0, stop)
    if opened < 0 or line.find(")", opened, stop) >= 0:
        return False
    closed = line.find(")", stop)
    return closed >= 0 and closed - opened <= MAX_ASIDE_CHARS


def sentences(line: str) -> Iterator[tuple[int, int]]:
    """razdel's sentences of one line as (start, stop), joined across breaks in an aside."""
    start = stop = -1
    for sentence in sentenize(line):
        if start < 0:
            start = sentence.start
        elif not inside_aside(line, stop):
            yield start, stop
            start = sentence.start
        stop = sentence.stop
    if start >= 0:
        yield start, stop


def segment(text: str) -> list[Sent]:
    """Sentences of `text` with their tokens; offsets are into `text`."""
    out: list[Sent] = []
    for line_start, line in lines(text):
        for sent_start, sent_stop in sentences(line):
            base = line_start + sent_start
            sentence_text = line[sent_start:sent_stop]
            tokens = [
                Token(base + start, base + end, sentence_text[start:end])
                for start, end in token_spans(sentence_text)
            ]
            for piece in split_long(tokens):
                start, end = piece[0].start, piece[-1].end
                out.append(Sent(start, end, text[start:end], piece))
    return out
