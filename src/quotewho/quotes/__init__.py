"""Quotes and their speakers (see docs/quotes.md for the rules and the standard followed).

The stage runs in three steps: finders propose quotes with the attribution they saw
(`direct.py`: quotation marks and dialogue; `indirect.py`: content clauses and frames),
overlaps are settled, and `speakers.py` picks each quote's source through a sieve of
small rules; `sources.py` turns the word it picks into a Speaker, resolving pronouns and
roles to people (`coref.py`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..draft import Draft
from ..model import Quote, Span
from .context import Candidate, Context
from .direct import attach_followers, find_direct
from .indirect import (
    find_frames,
    find_inverted,
    find_namings,
    find_parentheticals,
    find_that_clauses,
)
from .speakers import attribute

# Which finder keeps a quote when two propose the same stretch of text.
FINDER_RANK = {
    "split": 0,
    "after": 0,
    "colon": 1,
    "signature": 1,
    "block": 1,
    "transcript": 1,
    "dialogue": 1,
    "that_clause": 2,
    "frame": 3,
    "inverted": 4,
    "parenthetical": 3,
    "naming": 2,
    "follows": 5,
    "continues": 5,
}


def find_quotes(draft: Draft) -> list[Quote]:
    """Every quote of the document, each attributed to its speaker."""
    if not draft.sents:
        return []
    ctx = Context(draft)
    indirect = [
        *find_that_clauses(ctx),
        *find_frames(ctx),
        *find_inverted(ctx),
        *find_namings(ctx),
        *find_parentheticals(ctx),
    ]
    quoted = quoted_stretches(ctx)
    indirect = [c for c in indirect if not inside_quotation(c, quoted)]
    direct = attach_followers(ctx, find_direct(ctx), indirect)
    cues = {c.attribution.cue for c in indirect if c.finder == "inverted"}
    # a paragraph after `…, заявил X:` whose own words already are the quote
    direct = [d for d in direct if d.finder != "block" or d.attribution.cue not in cues]
    # `…: «…», — сказал X`: the quotation is what the cue after it reports, not the whole
    # sentence up to it
    said = {
        d.attribution.cue
        for d in direct
        if d.attribution.how == "after" and ctx.text[: d.start].rstrip(' «„“"\u00a0').endswith(":")
    }
    indirect = [c for c in indirect if c.finder != "inverted" or c.attribution.cue not in said]
    cands = settle(ctx, direct, [c for c in indirect if balanced(ctx.text[c.start : c.end])])
    attribute(cands, ctx)
    return one_per_speaker(
        [
            to_quote(ctx, cand)
            for cand in cands
            if not unanchored(ctx, cand) and not in_headline(ctx, cand)
        ]
    )


def one_per_speaker(quotes: list[Quote]) -> list[Quote]:
    """Quotes that nest or are disjoint, one speaker's never overlapping (docs/limits.md).

    A quote overlapping an earlier (or, at one start, longer) quote of the same speaker is
    dropped: the standard marks a quote inside a quote only when the speakers differ, and
    two finders reading one mangled stretch (`«…», —» прогнозирует X`) must not give it
    twice. A quote crossing an earlier one is dropped too: a sentence cut at 150 tokens can
    end a content clause inside a quotation. Quotes with no speaker may nest."""
    reach: dict[object, int] = {}  # speaker → end of their last kept quote
    open_ends: list[int] = []  # ends of the kept quotes around the current offset
    kept = []
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        while open_ends and open_ends[-1] <= quote.start:
            open_ends.pop()
        if open_ends and quote.end > open_ends[-1]:
            continue
        speaker = quote.speaker
        if speaker is not None:
            person = speaker.person_id
            key = person if person is not None else (speaker.kind, speaker.name)
            if quote.start < reach.get(key, -1):
                continue
            reach[key] = quote.end
        open_ends.append(quote.end)
        kept.append(quote)
    return sorted(kept, key=lambda q: (q.start, q.end))


def in_headline(ctx: Context, cand: Candidate) -> bool:
    """Headlines are not annotated (`Путин: «Россия не отступит»`): a short paragraph
    that does not end as a sentence does."""
    start, end = ctx.line_of(cand.start)
    if end - start > 200:
        return False
    line = ctx.text[start:end].rstrip()
    if len(line.split()) > 20:
        return False
    last = line.rstrip("»\"“”'")
    return not last or last[-1] not in ".!?…:;"


def quoted_stretches(ctx: Context) -> list[tuple[int, int]]:
    """Disjoint, sorted stretches inside quotation marks of four words or more."""
    text = ctx.text
    out: list[tuple[int, int]] = []
    for pair in ctx.pairs:  # sorted by opening mark
        if len(text[pair.open : min(pair.close, pair.open + 200)].split()) < 4:
            continue
        if out and pair.open < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], pair.close))
        else:
            out.append((pair.open, pair.close))
    return out


def inside_quotation(cand: Candidate, quoted: list[tuple[int, int]]) -> bool:
    """A report whose cue stands inside quotation marks is speech inside a quote (the
    standard annotates nested quotes optionally): `«…, это указывает на то, что …»`."""
    cue = cand.attribution.cue
    if cue is None:
        return False
    k = bisect_right(quoted, (cue[0], float("inf"))) - 1
    return k >= 0 and quoted[k][0] < cue[0] < quoted[k][1]


def balanced(text: str) -> bool:
    """Whether a content clause closes no quotation it did not open: one that does
    (`…, указывает, что русские понимают серьёзность проблемы»`) is speech inside a quote."""
    depth = 0
    for ch in text:
        depth += (ch == "«") - (ch == "»")
        if depth < 0:
            return False
    return True


def unanchored(ctx: Context, cand: Candidate) -> bool:
    """An infinitive cue with no subject is the author's (`можно сказать, что …`,
    `позволяет говорить о том, что …`), unless something else named the source."""
    i = cand.attribution.cue_token
    return (
        cand.speaker is None
        and i is not None
        and ctx.tokens[i].feats.get("VerbForm") == "Inf"
        and cand.attribution.how == "before"
    )


def overlap(a: Candidate, b: Candidate) -> int:
    """Characters two candidates share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


class Spans:
    """Candidates sorted by start, for looking up the ones near a stretch of text
    without comparing every pair (documents may hold thousands)."""

    LOOK = 64  # candidates scanned back from a stretch's end; they rarely nest deeper

    def __init__(self, cands: list[Candidate] | None = None) -> None:
        self.items = sorted(cands or [], key=lambda c: c.start)
        self.starts = [c.start for c in self.items]

    def add(self, cand: Candidate) -> None:
        k = bisect_right(self.starts, cand.start)
        self.starts.insert(k, cand.start)
        self.items.insert(k, cand)

    def near(self, start: int, end: int) -> list[Candidate]:
        """Candidates starting before `end` that may reach past `start`."""
        k = bisect_left(self.starts, end)
        return [c for c in self.items[max(0, k - self.LOOK) : k] if c.end > start]


def settle(ctx: Context, direct: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: a direct quote wins over a content clause that
    is mostly it, unless it sits inside the clause as a fragment (then the clause is
    mixed); among content clauses the better-ranked finder wins."""
    clauses = Spans(indirect)
    kept = Spans(
        d
        for d in direct
        if not any(
            i.start <= d.start and d.end <= i.end and (d.end - d.start) < 0.8 * (i.end - i.start)
            for i in clauses.near(d.start, d.end)
        )
    )
    out = Spans()
    for cand in sorted(indirect, key=lambda c: (FINDER_RANK[c.finder], c.start)):
        if any(
            overlap(cand, d) * 2 > cand.end - cand.start for d in kept.near(cand.start, cand.end)
        ):
            continue
        near = out.near(cand.start, cand.end)
        if cand.finder == "inverted" and any(
            o.start >= cand.start and o.end <= cand.end for o in near
        ):
            continue  # the outer layer of stacked reports (`…, что …, сообщает РБК`)
        if any(
            overlap(cand, o) * 2 > min(cand.end - cand.start, o.end - o.start)
            and not (o.start > cand.start or o.end < cand.end)
            and not inner_layer(ctx, o, cand)
            for o in near
        ):
            continue
        out.add(cand)
    return sorted(kept.items + outer_layers_dropped(ctx, out), key=lambda c: (c.start, c.end))


# How many words may open an outer report before the inner report's cue (`судья заявила`,
# `новый министр заявил`, `полиция считает`).
_LAYER_WORDS = 6


def inner_layer(ctx: Context, outer: Candidate, inner: Candidate) -> bool:
    """Whether `inner` is the inner report of stacked ones: `Согласно сообщению БелТА,
    [судья заявила, что «…»]`, `добавив, что [полиция считает, что …]`: a verb's content
    clause running to the outer clause's end, its cue a few words into that clause."""
    cue = inner.attribution.cue
    i = inner.attribution.cue_token
    return (
        outer.kind != "direct"
        and outer.start < inner.start
        and outer.end - 2 <= inner.end <= outer.end
        and cue is not None
        and i is not None
        and outer.start <= cue[0] < inner.start
        and ctx.tokens[i].pos in ("VERB", "AUX")
        and len(ctx.text[outer.start : cue[0]].split()) <= _LAYER_WORDS
    )


def outer_layers_dropped(ctx: Context, spans: Spans) -> list[Candidate]:
    """Settled content clauses without the outer layer of stacked reports (the standard
    makes it optional, and the inner one is its speaker's quote)."""
    return [
        cand
        for cand in spans.items
        if not any(inner_layer(ctx, cand, o) for o in spans.near(cand.start, cand.end))
    ]


def to_quote(ctx: Context, cand: Candidate) -> Quote:
    """The public Quote of a settled, attributed candidate."""
    cue = cand.attribution.cue
    return Quote(
        start=cand.start,
        end=cand.end,
        text=ctx.text[cand.start : cand.end],
        kind=cand.kind,  # type: ignore[arg-type]
        cue=Span(start=cue[0], end=cue[1], text=ctx.text[cue[0] : cue[1]]) if cue else None,
        speaker=cand.speaker,
        confidence=cand.confidence,
        rule=f"{cand.finder}/{cand.rule}" if cand.rule else cand.finder,
    )
