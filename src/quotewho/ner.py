"""Named entities: slovnet's news NER, then small rules that mend what it gets wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .segment import Sent, Token


@dataclass
class Mention:
    """An entity mention before normalisation (internal)."""

    start: int
    end: int
    type: str
    tokens: list[Token]


# A rule takes the mentions of one sentence and returns them mended.
Rule = Callable[[list[Mention], Sent, str], list[Mention]]


def covered_tokens(sent: Sent, start: int, end: int) -> list[Token]:
    """Tokens of `sent` lying inside [start, end)."""
    return [t for t in sent.tokens if t.start >= start and t.end <= end]


def tag_sentences(sents: list[Sent], text: str, tagger, rules: list[Rule]) -> list[Mention]:
    """Mentions of all sentences, found in one batched pass of the tagger, mended by `rules`."""
    out: list[Mention] = []
    for sent, markup in zip(sents, tagger.map([s.text for s in sents])):
        mentions = []
        for span in markup.spans:
            start, end = sent.start + span.start, sent.start + span.stop
            tokens = covered_tokens(sent, start, end)
            if tokens:
                mentions.append(Mention(tokens[0].start, tokens[-1].end, span.type, tokens))
        for rule in rules:
            mentions = rule(mentions, sent, text)
        out += mentions
    return out


RULES: list[Rule] = []
