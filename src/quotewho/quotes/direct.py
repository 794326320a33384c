"""Direct quotes: words in quotation marks or dialogue dashes, tied to a source by a cue
after a dash (`«…», — сказал он`), a colon before (`Есенбаев: «…»`, also at the end of
the previous paragraph), or by following an attributed quote of the same speaker."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise

from ..resources import word_set
from .context import DASHES, SENTENCE_END, Attribution, Candidate, Context, is_cue, is_impersonal
from .indirect import cue_nouns, is_finite, quoting_cues
from .marks import Pair, quote_start_position

_SPACE = " \t\u00a0\r"
_DASH = re.compile("[—–-]")  # DASHES
_WIKI = "'"  # wiki italics around quotes: ''«…»''

_FIRST_PERSON = frozenset({"я", "мы", "мой", "наш"})
# How many dashes inside one quotation are tried as the start of an attribution.
MAX_DASHES_TRIED = 12
# How many tokens an attribution clause may hold (`— сказал в интервью РБК министр …`).
MAX_ATTRIBUTION_TOKENS = 25


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without surrounding spaces."""
    while start < end and text[start] in _SPACE + "\n":
        start += 1
    while end > start and text[end - 1] in _SPACE + "\n":
        end -= 1
    return start, end


def is_dash(text: str, i: int) -> bool:
    """A dash, or a hyphen standing for one between spaces (`, - заявил Лавров. - `)."""
    return text[i] in "—–" or (
        text[i] == "-" and 0 < i < len(text) - 1 and text[i - 1] in _SPACE and text[i + 1] in _SPACE
    )


def dash_offsets(ctx: Context) -> list[int]:
    """Offsets of every dash of the document, in order, found once per document."""
    if ctx.dashes is None:
        found = (m.start() for m in _DASH.finditer(ctx.text))
        ctx.dashes = [i for i in found if is_dash(ctx.text, i)]
    return ctx.dashes


def next_dash(ctx: Context, start: int, end: int) -> int:
    """The first dash in [start, end), or -1. Bisecting the document's dashes instead of
    scanning keeps nested quotation marks (`«««…»»»`) linear: each level used to rescan
    the text of all the levels inside it."""
    dashes = dash_offsets(ctx)
    k = bisect_left(dashes, start)
    return dashes[k] if k < len(dashes) and dashes[k] < end else -1


def skip(text: str, i: int, chars: str, limit: int) -> int:
    """The first offset from `i` (below `limit`) holding none of `chars`."""
    while i < limit and text[i] in chars:
        i += 1
    return i


def reports(token) -> bool:
    """A finite cue (`сказал`, `говорится`) that can attribute a quote it follows."""
    return (is_cue(token) or is_impersonal(token) or is_quoting(token)) and is_finite(token)


def is_quoting(token) -> bool:
    """`процитировал`, `приводит`: the speaker is the object, not the subject."""
    return token.lemma in quoting_cues()


def _ends_sentence(ctx: Context, i: int) -> bool:
    """Whether token `i` ends a sentence: not a full stop inside a name (`infox.ru`)."""
    tokens = ctx.tokens
    if tokens[i].text not in SENTENCE_END:
        return False
    glued = (
        tokens[i].text == "."
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].end == tokens[i].start
        and tokens[i + 1].start == tokens[i].end
    )
    return not glued


def attribution_clause(
    ctx: Context, start: int, limit: int, cue_within: int = MAX_ATTRIBUTION_TOKENS
) -> Attribution | None:
    """A cue clause starting at offset `start` (just after a dash or comma): the tokens up
    to the end of the sentence, the next dash or the next quote mark; None unless a finite
    cue stands before the clause's first comma, within `cue_within` tokens."""
    i = ctx.token_at(start)
    if i >= len(ctx.tokens) or ctx.tokens[i].start >= limit:
        return None
    a, b = i, i
    _, sent_end = ctx.sentence_range(i)
    while b < len(ctx.tokens) and b - a < MAX_ATTRIBUTION_TOKENS:
        token = ctx.tokens[b]
        if token.start >= limit or _ends_sentence(ctx, b):
            break
        if token.text[0] in '«»"„“”':
            named = _past_quoted_name(ctx, b, limit)
            if named is None:
                break
            b = named
            continue
        if b > a and token.text in DASHES and ctx.tokens[b - 1].text in {",", ".", ":"}:
            break
        if b >= sent_end and token.text[:1] not in DASHES:
            break
        b += 1
    comma = next((j for j in range(a, b) if ctx.tokens[j].text == ","), b)
    cue = next((j for j in range(a, min(comma, a + cue_within)) if reports(ctx.tokens[j])), None)
    if cue is None:
        return None
    while b > a and ctx.tokens[b - 1].text in {",", ":", "—", "–", "-"}:
        b -= 1
    token = ctx.tokens[cue]
    return Attribution("after", (token.start, token.end), cue, (a, b))


# How long a name in quotation marks inside an attribution clause may be (`координатор
# движения «Архнадзор» Константин Михайлов`, `пишет «Коммерсантъ»`).
MAX_QUOTED_NAME = 60


def _past_quoted_name(ctx: Context, i: int, limit: int) -> int | None:
    """The token after a short capitalised name in quotation marks opening at token `i`,
    or None when the mark opens a quotation (or closes one)."""
    start = ctx.tokens[i].start
    pair = next((p for p in ctx.pairs_within(start, start + 1)), None)
    if pair is None or pair.close >= limit or pair.close - pair.open > MAX_QUOTED_NAME:
        return None
    inner = ctx.text[pair.open + 1 : pair.close]
    if not inner[:1].isupper() or any(mark in inner for mark in (". ", "! ", "? ", ", ")):
        return None
    return ctx.token_at(pair.close + 1)


def _after(ctx: Context, pair: Pair) -> Attribution | None:
    """`«…», — сказал он` / `«…», сказал он` / `«…» — считает он`."""
    text = ctx.text
    _, line_end = ctx.line_of(pair.close)
    i = skip(text, pair.close + 1, ",!?.…" + _SPACE + _WIKI, line_end)
    if i < line_end and text[i] in DASHES:
        i = skip(text, i + 1, _SPACE, line_end)
        return attribution_clause(ctx, i, line_end)
    if "," in text[pair.close + 1 : i]:
        k = ctx.token_at(i)
        if k < len(ctx.tokens) and ctx.tokens[k].text.lower() in _JOINING:
            return None  # `заявил, что «…», и подтвердил`: the sentence goes on, no author
        if k < len(ctx.tokens) and ctx.tokens[k].lemma == "который":
            return None  # `«Лидс», которого считают …`: a relative clause about a name
        if k < len(ctx.tokens) and ctx.tokens[k].text.lower() == "как" and _goes_on(ctx, k):
            return None  # `«Политика с Ларри Кингом», как подчеркнула Симоньян, это …`
        return attribution_clause(ctx, i, line_end, cue_within=2)
    return None


_JOINING = frozenset({"и", "а", "но", "однако"})


def _goes_on(ctx: Context, k: int) -> bool:
    """Whether the sentence goes on after the `как …` clause at token `k` (`как
    подчеркнула Симоньян, это эксклюзивная программа`): the quotation before is its
    subject, and the report is what follows."""
    _, b = ctx.sentence_range(k)
    comma = next((j for j in range(k + 1, min(b, k + 8)) if ctx.tokens[j].text == ","), None)
    return comma is not None and comma + 1 < b and ctx.tokens[comma + 1].text.isalpha()


def relaying_cues() -> frozenset[str]:
    """Lemmas of verbs with which an outlet passes a report on (models/relaying.txt)."""
    return word_set("relaying.txt")


def _relays(ctx: Context, attribution: Attribution) -> bool:
    """Whether an attribution after a quote only names the outlet that carried it: a
    relaying cue in the present tense and no person in its clause."""
    assert attribution.cue_token is not None and attribution.region is not None
    cue = ctx.tokens[attribution.cue_token]
    if cue.lemma not in relaying_cues() or cue.feats.get("Tense") != "Pres":
        return False
    a, b = attribution.region
    return ctx.entity_at(ctx.tokens[a].start, ctx.tokens[b - 1].end, ("PER",)) is None


def _signature_after(ctx: Context, pair: Pair) -> Attribution | None:
    """A block quote signed by the next paragraph: `«…»` ⏎ `— Татьяна Скригонюк, …`."""
    text = ctx.text
    _, line_end = ctx.line_of(pair.close)
    if skip(text, pair.close + 1, _SPACE + ".,!?…", line_end) < line_end:
        return None
    nxt = line_end + 1
    while nxt < len(text) and text[nxt] in _SPACE + "\n":
        nxt += 1
    if nxt >= len(text) or text[nxt] not in "—–-":
        return None
    _, sign_end = ctx.line_of(nxt)
    a = ctx.token_at(nxt + 1)
    b = ctx.token_at(sign_end)
    if b <= a or not ctx.entity_at(
        ctx.tokens[a].start, ctx.tokens[min(a + 2, b - 1)].end, ("PER", "ORG")
    ):
        return None
    if any(is_cue(t) for t in ctx.tokens[a:b]):
        return None
    return Attribution("signature", (nxt, nxt + 1), None, (a, b))


def _colon_before(ctx: Context, pair: Pair) -> Attribution | None:
    """`Есенбаев: «…»`, `он сказал: «…»`, or `Министр добавил:` closing the paragraph before."""
    text = ctx.text
    line_start, _ = ctx.line_of(pair.open)
    i = pair.open - 1
    while i >= line_start and text[i] in _SPACE + _WIKI:
        i -= 1
    if i >= line_start and reports(ctx.tokens[ctx.token_before(i + 1)]):
        cue = ctx.token_before(i + 1)  # `кричит «Аллах Акбар»`, not `сообщает «Интерфакс»`
        if ctx.entity_at(pair.open, pair.close, ("ORG", "PER", "LOC")) and (
            len(text[pair.open : pair.close].split()) < 6
        ):
            return None
        a, _ = ctx.sentence_range(cue)
        token = ctx.tokens[cue]
        return Attribution("before", (token.start, token.end), cue, (a, cue))
    if i < line_start and line_start > 1:  # the quote opens its paragraph: look at the last
        i = line_start - 1
        while i > 0 and text[i] in _SPACE + "\n":
            i -= 1
    if i < 0 or text[i] != ":":
        return None
    colon = ctx.token_before(i + 1)
    a, _ = ctx.sentence_range(colon)
    j = colon - 1
    while j >= a:
        if ctx.tokens[j].text in '»"' and (opener := _name_opener(ctx, j, a)):
            # `Источник "Ъ" в правительстве пояснил:`, `представитель движения
            # «Братья-мусульмане»:` names, not a quote
            j = opener - 1
            continue
        if ctx.tokens[j].text in {".", "!", "?", "»", '"', ";"}:
            break
        j -= 1
    cue = next((k for k in range(colon - 1, j, -1) if ctx.cue[k] or ctx.impersonal[k]), None)
    cue_span = (ctx.tokens[cue].start, ctx.tokens[cue].end) if cue is not None else (i, i + 1)
    return Attribution("colon", cue_span, cue, (j + 1, colon))


def _name_opener(ctx: Context, j: int, a: int) -> int | None:
    """The opening mark of a short name in quotation marks closed at token `j` (`"Ъ"`,
    `«Экозащита!»`): at most three words with no comma, from token `a` on."""
    for k in range(j - 1, max(a, j - 5) - 1, -1):
        text = ctx.tokens[k].text
        if text in '«"„“':
            return k if k < j - 1 else None
        if text in {",", ".", ";", ":", "»"}:
            return None
    return None


def _split(ctx: Context, start: int, end: int) -> list[tuple[int, int, Attribution]]:
    """Pieces of `«A, — сказал он. — B»`: the attribution inside the marks splits it
    (iteratively: a quote may hold any number of attributions)."""
    text = ctx.text
    pieces: list[tuple[int, int, Attribution]] = []
    i = piece = start
    tried = 0
    while i < end and tried < MAX_DASHES_TRIED:
        dash = next_dash(ctx, i, end)
        if dash < 0:
            break
        tried += 1
        i = dash + 1
        before = dash - 1
        while before > piece and text[before] in _SPACE:
            before -= 1
        if not (before > piece and text[before] in ",.!?…" and text[i : i + 1] in _SPACE):
            continue
        attribution = attribution_clause(ctx, dash + 1, end)
        if attribution is None:
            continue
        pieces.append((piece, before + (text[before] in "!?…"), attribution))
        second = _second_dash(ctx, attribution, end)
        if second is None:
            return pieces
        piece = i = second
        tried = 0
    if pieces:
        pieces.append((piece, end, pieces[-1][2]))
    return pieces


def _second_dash(ctx: Context, attribution: Attribution, end: int) -> int | None:
    """Where the quote resumes after an inner attribution (`… сказал он. — B`)."""
    assert attribution.region is not None
    last = ctx.tokens[attribution.region[1] - 1].end
    i = skip(ctx.text, last, ".,:" + _SPACE, end)
    if i < end and is_dash(ctx.text, i):
        return skip(ctx.text, i + 1, _SPACE, end)
    return None


_LIST_JOINS = frozenset({",", "и", ", и", "или", ", или"})


def listed_names(text: str, pairs: list[Pair]) -> set[int]:
    """Opening offsets of quoted items listed one after another (`журналов: «Квант»,
    «Химия и жизнь», «Знание — сила»`): titles and names, not anyone's words."""
    out = set()
    for one, two in pairwise(pairs):
        if one.close < two.open and " ".join(text[one.close + 1 : two.open].split()) in _LIST_JOINS:
            out |= {one.open, two.open}
    return out


def names_a_noun(ctx: Context, pair: Pair) -> bool:
    """A short capitalised text in marks right after a noun is that noun's name
    (`группировкой "Исламский джихад"`, `сериала «Побег»`), not a quote; a noun of speech
    may introduce one (`заявление «Мы готовы»`)."""
    inner = ctx.text[pair.open + 1 : pair.close].strip()
    if not inner[:1].isupper() or len(inner.split()) > 4 or any(c in inner for c in ".!?"):
        return False
    before = ctx.token_before(pair.open)
    if before < 0:
        return False
    token = ctx.tokens[before]
    return token.pos == "NOUN" and token.lemma not in cue_nouns()


def find_direct(ctx: Context) -> list[Candidate]:
    """Direct quotes in marks and in dialogue lines, with their attributions."""
    text = ctx.text
    found: list[Candidate] = []
    covered_until = -1
    pairs = ctx.pairs
    names = listed_names(text, pairs)
    for pair in pairs:
        if pair.open < covered_until or pair.open in names or names_a_noun(ctx, pair):
            continue  # a term or a nested quote inside a quote already taken, or a name
        inner_start, inner_end = trimmed(text, *pair.inner)
        if inner_end - inner_start < 2:
            continue
        pieces = _split(ctx, inner_start, inner_end)
        if pieces:
            for start, end, attribution in pieces:
                found.append(Candidate(*trimmed(text, start, end), "direct", attribution, "split"))
            covered_until = pair.close
            continue
        after, colon = _after(ctx, pair), _colon_before(ctx, pair)
        if after is not None and colon is not None and _relays(ctx, after):
            after = None  # `Клименко …: «…», сообщает Лента.ру`: the outlet only carried it
        for finder, attribution in (
            ("signature", _signature_after(ctx, pair)),
            ("after", after),
            ("colon", colon),
        ):
            if attribution is not None:
                found.append(Candidate(inner_start, inner_end, "direct", attribution, finder))
                covered_until = pair.close
                break
        else:
            found.append(
                Candidate(
                    inner_start,
                    inner_end,
                    "direct",
                    Attribution("none"),
                    "unattributed",
                    extra={"pair": pair},
                )
            )
    found += dialogue(ctx) + block_after_colon(ctx) + transcript(ctx)
    return found


def dialogue(ctx: Context) -> list[Candidate]:
    """Dash dialogue: `— A, — сказал он. — B` as its own paragraph."""
    text = ctx.text
    out: list[Candidate] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        s = skip(text, start, _SPACE, end)
        if s < end and text[s] in "—–" and s + 1 < end and text[s + 1] in _SPACE:
            body = skip(text, s + 1, _SPACE, end)
            pieces = _split(ctx, body, end)
            for a, b, attribution in pieces:
                out.append(Candidate(*trimmed(text, a, b), "direct", attribution, "dialogue"))
        start = end + 1
    return out


def attach_followers(
    ctx: Context, found: list[Candidate], reports: list[Candidate]
) -> list[Candidate]:
    """Unattributed quotes that continue an attributed one — a direct quote or a
    reported clause (`reports`): a sentence-long quote right after it (`«…», — сказал
    Говард. «Это огромная потеря…»`, `Далее Герстенмайер сказал, что … . «Мы не видим
    …»`) or the earlier paragraphs of a multi-paragraph quote."""
    text = ctx.text
    found = sorted(found, key=lambda c: c.start)
    kept: list[Candidate] = []
    attributed = sorted(
        [c for c in found if c.finder != "unattributed"]
        + [c for c in reports if c.attribution.how != "impersonal"],
        key=lambda c: c.end,
    )
    ends = [c.end for c in attributed]
    direct = sorted((c for c in found if c.finder != "unattributed"), key=lambda c: c.start)
    starts = [c.start for c in direct]
    for cand in found:
        if cand.finder != "unattributed":
            kept.append(cand)
            continue
        pair: Pair = cand.extra["pair"]
        line_start, _ = ctx.line_of(pair.open)
        k = bisect_right(ends, cand.start)
        before = attributed[k - 1] if k else None
        resumes = before is not None and _right_after(text, before, pair.open)
        if not (quote_start_position(text, pair.open, line_start) or resumes) or (
            len(text[cand.start : min(cand.end, cand.start + 200)].split()) < 3
        ):
            continue
        k = bisect_left(starts, cand.end)
        after = direct[k] if k < len(direct) else None
        if before is not None and _close(text, before.end, cand.start):
            cand.follows, cand.finder = before, "follows"
            kept.append(cand)
        elif after is not None and pair.recovered and _close(text, cand.end, after.start):
            cand.follows, cand.finder = after, "continues"
            kept.append(cand)
    return kept


def _close(text: str, a: int, b: int) -> bool:
    """Whether offsets a ≤ b are in one paragraph or in neighbouring ones."""
    if b - a >= 600:
        return False
    return not any(line.strip() for line in text[a:b].split("\n")[1:-1])


def _right_after(text: str, previous: Candidate, opener: int) -> bool:
    """`«A», говорит Юханссон, «B»`: a quote resuming after the attribution of the quote
    before it, in the same sentence."""
    if not 0 <= opener - previous.end < 150:
        return False
    gap = text[previous.end : opener]
    return (
        "\n" not in gap
        and not any(
            gap[k] in ".!?" and gap[k + 1 : k + 2] in " \u00a0" for k in range(len(gap) - 1)
        )
        and gap.rstrip(" \u00a0").endswith(",")
    )


# How many words a paragraph without final punctuation needs to be a block a cue announces
# (`Mash пишет:` ⏎ a post pasted without its punctuation).
_UNPUNCTUATED_WORDS = 12


def block_after_colon(ctx: Context) -> list[Candidate]:
    """A paragraph of unquoted words after a paragraph that ends with a cue and a colon
    (`Сурков …, сказав журналистам:` ⏎ `Я графоманию не комментирую.`)."""
    text = ctx.text
    out = []
    lines = _paragraphs(text)
    for (a, b), (c, d) in pairwise(lines):
        # the paragraph's first visible character: ` «…»` is a quote in marks, not a block
        if not text[a:b].rstrip().endswith(":") or text[c:d].lstrip()[:1] in '«"„“—–-':
            continue
        unpunctuated = text[c:d].rstrip()[-1:] not in '.!?…»"'
        if text[b:c].count("\n") > 2:
            # two blank lines: what the colon introduced (a tweet, an embedded block) was
            # lost from the page, and the next paragraph is the article's again
            continue
        colon = ctx.token_before(a + len(text[a:b].rstrip()))
        first, _ = ctx.sentence_range(colon)
        cues = range(colon - 1, first - 1, -1)  # `В заявлении клуба говорится:` too
        cue = next((k for k in cues if ctx.cue[k] or ctx.impersonal[k]), None)
        if cue is None and colon > first and ctx.tokens[colon - 1].lemma in cue_nouns():
            cue = colon - 1  # `… необычным заявлением:`
        if cue is None and not _first_person(ctx, c, d):
            continue
        if unpunctuated and (cue is None or len(text[c:d].split()) < _UNPUNCTUATED_WORDS):
            continue  # a list item or a heading, unless a long paragraph a verb announces
        span = ctx.tokens[cue] if cue is not None else ctx.tokens[colon]
        out.append(
            Candidate(
                *trimmed(text, c, d),
                "direct",
                Attribution("colon", (span.start, span.end), cue, (first, colon)),
                "block",
            )
        )
    return out


def _first_person(ctx: Context, start: int, end: int) -> bool:
    """Whether a paragraph speaks in the first person (`Знаю, многие мои поклонники …`):
    after a colon, words in the first person are someone's, not the article's."""
    return any(
        t.lemma in _FIRST_PERSON or t.feats.get("Person") == "1"
        for t in ctx.tokens[ctx.token_at(start) : ctx.token_at(end)][:60]
    )


def transcript(ctx: Context) -> list[Candidate]:
    """Interview transcripts: a paragraph opening with a person's name and a colon
    (`Мустафа Джемилев: Да, всё верно. …`); the rest of the paragraph is theirs."""
    text = ctx.text
    out = []
    for a, b in _paragraphs(text):
        colon = text.find(":", a, min(b, a + 80))
        if colon < 0 or skip(text, colon + 1, _SPACE, b) >= b:
            continue
        if text[skip(text, colon + 1, _SPACE, b)] in '«"„“—–-':
            continue  # `Есенбаев: «…»` is the colon rule's
        first, last = ctx.token_at(a), ctx.token_before(colon)
        if last < first or last - first > 5:
            continue
        name = ctx.entity_at(ctx.tokens[last].start, ctx.tokens[last].end, ("PER",))
        if name is None or any(ctx.tokens[k].pos == "VERB" for k in range(first, last + 1)):
            continue
        out.append(
            Candidate(
                *trimmed(text, colon + 1, b),
                "direct",
                Attribution("colon", (colon, colon + 1), None, (first, last + 1)),
                "transcript",
            )
        )
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-empty lines."""
    out, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out
