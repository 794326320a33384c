"""Quotes and their speakers (see docs/quotes.md for the rules and the standard followed).

The stage runs in three steps: finders propose quotes with the attribution they saw
(`direct.py`: quotation marks and dialogue; `indirect.py`: content clauses and frames),
overlaps are settled, and `speakers.py` picks each quote's source through a sieve of
small rules, resolving pronouns and roles to people (`coref.py`).
"""

from __future__ import annotations

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
from .marks import Pair, pair_marks
from .speakers import attribute

# Which finder keeps a quote when two propose the same stretch of text.
FINDER_RANK = {
    "split": 0,
    "after": 0,
    "colon": 1,
    "signature": 1,
    "block": 1,
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
    quoted = [p for p in pair_marks(ctx.text) if len(ctx.text[p.open : p.close].split()) >= 4]
    indirect = [c for c in indirect if not inside_quotation(c, quoted)]
    direct = attach_followers(ctx, find_direct(ctx), indirect)
    cues = {c.attribution.cue for c in indirect if c.finder == "inverted"}
    # a paragraph after `…, заявил X:` whose own words already are the quote
    direct = [d for d in direct if d.finder != "block" or d.attribution.cue not in cues]
    cands = settle(direct, [c for c in indirect if balanced(ctx.text[c.start : c.end])])
    attribute(cands, ctx)
    return [to_quote(ctx, cand) for cand in cands if not unanchored(ctx, cand)]


def inside_quotation(cand: Candidate, quoted: list[Pair]) -> bool:
    """A report whose cue stands inside quotation marks is speech inside a quote (the
    standard annotates nested quotes optionally): `«…, это указывает на то, что …»`."""
    cue = cand.attribution.cue
    return cue is not None and any(p.open < cue[0] < p.close for p in quoted)


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


def settle(direct: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: a direct quote wins over a content clause that
    is mostly it, unless it sits inside the clause as a fragment (then the clause is
    mixed); among content clauses the better-ranked finder wins."""
    kept_direct = []
    for d in direct:
        host = next(
            (
                i
                for i in indirect
                if i.start <= d.start
                and d.end <= i.end
                and (d.end - d.start) < 0.8 * (i.end - i.start)
            ),
            None,
        )
        if host is None:
            kept_direct.append(d)
    out: list[Candidate] = []
    for cand in sorted(indirect, key=lambda c: (FINDER_RANK[c.finder], c.start)):
        if any(overlap(cand, d) * 2 > cand.end - cand.start for d in kept_direct):
            continue
        if cand.finder == "inverted" and any(
            o.start >= cand.start and o.end <= cand.end for o in out
        ):
            continue  # the outer layer of stacked reports (`…, что …, сообщает РБК`)
        if any(
            overlap(cand, o) * 2 > min(cand.end - cand.start, o.end - o.start)
            and not (o.start > cand.start or o.end < cand.end)
            for o in out
        ):
            continue
        out.append(cand)
    return sorted(kept_direct + out, key=lambda c: (c.start, c.end))


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
