"""Indirect quotes: a cue with its content clause (`отметил, что …`, `заявил о том, что …`),
a content clause before an inverted cue (`…, сообщил представитель`), and source frames
(`по словам X, …`, `как сообщил X, …`)."""

from __future__ import annotations

from functools import cache, lru_cache

from ..morph import parses
from ..resources import read_lexicon, word_set
from ..segment import Token
from .context import (
    DASHES,
    SENTENCE_END,
    Attribution,
    Candidate,
    Context,
    is_impersonal,
    is_nominative,
    is_verb,
)
from .marks import Pair

COMPLEMENTISERS = frozenset({"что", "будто", "якобы"})
# Subjects that are not sources: a cue after them is figurative (`это говорит о том, что`).
_THINGS = frozenset({"это", "всё", "все", "что", "то"})
_MARKS = frozenset('«»"„“”')
# Particles that may stand between a cue and its `что` with no comma: `сказав лишь что`.
_PARTICLES = frozenset({"лишь", "только", "также", "же", "вновь", "ещё", "еще", "уже"})
# Personal pronouns that, after `, а`, turn from the content to the author's narration.
_PERSONAL = frozenset({"он", "она", "оно", "они"})
# Conjunctions after a comma that may turn from the report to another one.
_TURNS = frozenset({"однако", "но", "а"})
# How far a complementiser may stand from its cue: `сообщил РИА Новости в четверг, что`.
MAX_CUE_TO_THAT = 10
# Words and phrases that open a sentence before its content (`Вместе с тем, …`), as
# whole phrases: a lone `с` opens content (`С вертолета было произведено …`).
_INTRO = frozenset(
    {
        ("а",),
        ("и",),
        ("но",),
        ("однако",),
        ("вместе", "с", "тем"),
        ("с", "тем"),
        ("при", "этом"),
        ("кроме", "того"),
        ("также",),
        ("же",),
        ("ранее",),
        ("впрочем",),
        ("зато",),
        ("так",),
        (",",),
    }
)
_INTRO_LENGTH = max(map(len, _INTRO))


def _past_intro(tokens: list[Token], start: int, k: int) -> int:
    """The first token from `start` (below `k`) past the sentence's opening words."""
    while start < k:
        words = tuple(t.text.lower() for t in tokens[start : min(k, start + _INTRO_LENGTH)])
        found = next((n for n in range(len(words), 0, -1) if words[:n] in _INTRO), 0)
        if not found:
            return start
        start += found
    return start


def quoting_cues() -> frozenset[str]:
    """Lemmas of verbs that pass on someone's words (models/quoting.txt)."""
    return word_set("quoting.txt")


def cue_nouns() -> frozenset[str]:
    """Lemmas of nouns of speech (models/cue_nouns.txt): `заявление о том, что`."""
    return word_set("cue_nouns.txt")


def naming_cues() -> frozenset[str]:
    """Lemmas of `назвать`-like verbs (models/naming.txt)."""
    return word_set("naming.txt")


@cache
def frames() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """Frame lemma sequences from models/frames.txt (`по слово`, `согласно`) with their
    line number, by first word: a token starts a frame only if one of its lemmas does."""
    by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for n, line in enumerate(read_lexicon("frames.txt")):
        frame = tuple(line.split())
        by_first.setdefault(frame[0], []).append((n, frame))
    return {first: tuple(found) for first, found in by_first.items()}


def _opens_quote(tokens: list[Token], k: int, b: int) -> bool:
    """Whether a quotation mark or a dash opens at token `k`, past wiki italics (`''«`)."""
    while k < b and not tokens[k].text.strip("'"):
        k += 1
    return k < b and tokens[k].text[:1] in '«"„“—–'


def content_end(ctx: Context, i: int, b: int) -> int:
    """Where a content clause starting at token `i` ends (exclusive token index): the end
    of its sentence `b`, or an earlier comma that opens another report (`…, а он
    отметил, что`, `…, добавив, что`, `…, сообщает РБК`, `…, по его словам`)."""
    tokens = ctx.tokens
    depth = 0  # open quotation marks: a quoted stretch is never cut
    for j in range(i, b):
        mark = tokens[j].text
        depth += (mark in "«„") - (mark in "»“" and depth > 0)
        if mark == '"':
            depth = depth + 1 if depth == 0 else depth - 1
        if depth > 0:
            continue
        if tokens[j].text == ":" and _opens_quote(tokens, j + 1, b):
            return j  # `…: «…»` opens a direct quote of its own
        if (
            tokens[j].text.lower() == "и"
            and j + 1 < b
            and ctx.cue[j + 1]
            and is_finite(tokens[j + 1])
            and _takes_clause(ctx, j + 1, b)
        ):
            return j  # `…, что очень рад выходу на свободу и добавил, что …`: no comma
        if (
            tokens[j].text in "—–"
            and j + 2 < b
            and tokens[j + 1].text.lower() in _PERSONAL
            and any(is_finite(tokens[n]) for n in range(j + 2, min(b, j + 5)))
        ):
            return j  # `…, что шокирован известием об аресте — он назвал сына …`
        if tokens[j].text not in {",", ";"} or j + 1 >= b:
            continue
        if (
            tokens[i].text in '«„"'
            and tokens[j - 1].text in '»“"'
            and tokens[j + 1].text.lower() == "и"
            and j + 2 < b
            and is_finite(tokens[j + 2])
        ):
            return j  # `заявил, что «…», и подтвердил готовность`: the quoted clause ends
        if tokens[j + 1].text.lower() in _TURNS and any(
            ctx.cue[n] and _takes_clause(ctx, n, b) for n in range(j + 2, b)
        ):
            return j  # `…, однако не стал распространяться о причинах, сказав лишь что …`
        if (
            tokens[j + 1].text.lower() == "а"
            and j + 3 < b
            and tokens[j + 2].text.lower() in _PERSONAL
            and any(is_finite(tokens[n]) for n in range(j + 3, min(b, j + 6)))
        ):
            return j  # `…, что его дочь была увезена в Парагвай, а он очень хочет …`
        k = j + 1
        if tokens[k].text in DASHES:
            k += 1
        stop = next(
            (n for n in range(k, min(b, k + 12)) if tokens[n].text in {",", ";", ":"}),
            min(b, k + 12),
        )
        if any(ctx.cue[n] and _takes_clause(ctx, n, b) for n in range(k, stop)):
            return j
        if any(_names_after_subject(ctx, k, n) for n in range(k, stop)):
            return j  # `…, в ответ Онищенко назвал её «странным персонажем»`
        if k < b and ((ctx.cue[k] and is_finite(tokens[k])) or _frame_at(ctx, k, b)):
            return j
    while b > i and (tokens[b - 1].text in SENTENCE_END or tokens[b - 1].text in {",", ";", ":"}):
        b -= 1
    return b


def _aside_end(ctx: Context, first: int, end: int) -> int:
    """Where the content of a gerund set off by commas ends: at the comma that returns to
    the sentence's own verb (`Защитник, ссылаясь на то, что мужчина раскаялся, попросил о
    назначении мягкого наказания`)."""
    tokens = ctx.tokens
    for j in range(first, end - 1):
        k = j + 1
        if k < end and tokens[k].text.lower() in {"не", "также", "тоже"}:
            k += 1
        if tokens[j].text == "," and k < end and is_finite(tokens[k]):
            return j
    return end


def _names_after_subject(ctx: Context, k: int, n: int) -> bool:
    """Whether token `n` is a finite naming cue (`назвал`) with a nominative name or
    pronoun before it from token `k`: another report, by its own subject."""
    tokens = ctx.tokens
    if tokens[n].lemma not in naming_cues() or not is_finite(tokens[n]):
        return False
    if any(t.lemma in ("который", "чей") for t in tokens[k:n]):
        return False  # `…, чьи нравы она характеризовала как …`: a relative clause
    return any(t.feats.get("Case") == "Nom" and (t.pos in ("PROPN", "PRON")) for t in tokens[k:n])


def _takes_clause(ctx: Context, i: int, b: int) -> bool:
    """Whether the cue at token `i` has its own `, что` clause within the sentence."""
    return _that(ctx, i, b) is not None


def is_finite(token: Token) -> bool:
    """A finite verb form (not a participle, gerund or infinitive)."""
    return token.pos in ("VERB", "AUX") and token.feats.get("VerbForm", "Fin") == "Fin"


def _that(ctx: Context, i: int, b: int) -> int | None:
    """Index of the complementiser of the cue at `i` (`сказал, что`), or None."""
    tokens = ctx.tokens
    for j in range(i + 1, min(b, i + 1 + MAX_CUE_TO_THAT)):
        word = tokens[j].text.lower()
        if word in _MARKS:
            continue  # `сказав, «что готов принять вызов»`
        before = tokens[j - 1] if tokens[j - 1].text not in _MARKS else tokens[j - 2]
        if word in COMPLEMENTISERS and (
            before.text == ","
            or j <= i + 2
            or before.text.lower() in _PARTICLES
            or (j <= i + 3 and before.pos == "NOUN")  # `выражает надежду что`
        ):
            that_one, before_it = tokens[j - 2], tokens[j - 3]
            if (
                j - 2 > i
                and that_one.lemma == "тот"
                and (
                    (
                        before_it.pos == "ADP"
                        and before_it.text.lower() not in {"о", "об", "в", "на"}
                    )
                    or that_one.text.lower() not in {"то", "тем", "том"}
                )
            ):
                return None  # `за то, что` (a reason), `напоминающей ту, что` (a relative)
            return j
        after = j + 1 + (j + 1 < b and tokens[j + 1].text in _MARKS)
        if word == "," and after < b and tokens[after].text.lower() not in COMPLEMENTISERS:
            return None  # `сообщил репортерам адвокат, совершенно очевидно, что`
        if word in SENTENCE_END or word in {":", ";"} or tokens[j].text in DASHES:
            return None
        if j > i + 1 and is_finite(tokens[j]):
            return None
    return None


def _frame_at(ctx: Context, k: int, b: int) -> tuple[int, int] | None:
    """Token range [k, e) of a source frame starting at `k` (`по его словам`)."""
    tokens = ctx.tokens
    by_first = frames()
    lower = tokens[k].text.lower()
    if lower not in by_first and ctx.lemmas[k].isdisjoint(by_first):
        return None  # most tokens start no frame: one set test, not a set built
    words = {lower, *ctx.lemmas[k]}
    # the first frame of the file that matches wins, as when all were tried in order
    for _, frame in sorted({found for word in words for found in by_first.get(word, ())}):
        j, n = k, 0
        while n < len(frame) and j < b:
            if frame[n] in ctx.lemmas[j] or tokens[j].text.lower() == frame[n]:
                n, j = n + 1, j + 1
            elif (
                n == len(frame) - 1
                and j - k < len(frame) + 2
                and (tokens[j].pos in ("ADJ", "DET", "PRON") or _participle(tokens[j]))
            ):
                j += 1  # `по его словам`, `по предварительным данным`, `по имеющейся информации`
            else:
                break
        if n == len(frame):
            if j < b and tokens[j].lemma == "который":
                return None  # `решения, согласно которым …`: a relative clause, no report
            return k, j
    return None


def source_end(ctx: Context, a: int, b: int) -> int:
    """Where a frame's source ends within [a, b): at a number or a nominative noun after
    its head noun (`По данным следствия 3 февраля … Пётр Завьялов ударил`: the content
    follows a frame with no comma, and the name in it is no source)."""
    tokens = ctx.tokens
    head = next((j for j in range(a, b) if tokens[j].pos in ("NOUN", "PROPN")), b)
    for j in range(head + 1, b):
        token = tokens[j]
        named = ctx.entity_at(token.start, token.end, ("PER", "ORG", "LOC"))
        subject = token.pos == "NOUN" and token.feats.get("Case") == "Nom"
        if (token.pos == "NUM" or token.text[:1].isdigit() or subject) and not named:
            return j  # `По словам очевидцев пешеходы стояли …`
    return b


def _past_apposition(ctx: Context, comma: int, b: int) -> int:
    """The comma closing the apposition of a named source and its relative clause (`Как
    заявила Мария Фомушина, пресс-секретарь суда, который принял решение, …`), or `comma`
    when none follows it: a role with no finite verb up to the next comma."""
    tokens = ctx.tokens
    j = comma + 1
    named = ctx.entity_at(tokens[comma - 1].start, tokens[comma - 1].end, ("PER",))
    if named is None or j >= b or not ctx.entity_at(tokens[j].start, tokens[j].end, ("ROLE",)):
        return comma
    end = _next_comma(ctx, j, b)
    if end is None or any(is_finite(t) for t in tokens[j:end]):
        return comma
    if any(t.lemma == "который" for t in tokens[end + 1 : end + 3]):
        end = _next_comma(ctx, end + 1, b)
    return comma if end is None else end


def _next_comma(ctx: Context, j: int, b: int) -> int | None:
    return next((n for n in range(j, b) if ctx.tokens[n].text == ","), None)


def _participle(token: Token) -> bool:
    return token.pos == "VERB" and token.feats.get("VerbForm") == "Part"


# Prepositions that may still lead to a frame's source (`по данным из Минздрава`).
_SOURCE_PREPOSITIONS = frozenset({"из", "от", "у", "со", "с"})


def _unpunctuated(ctx: Context, k: int, f_end: int, b: int) -> bool:
    """A frame with no comma after it and no source in the genitive, opening its sentence
    (`По имеющейся информации 46 детей … могут остаться без семей`) or before a verb
    anywhere: the content follows."""
    a = ctx.sentence_range(k)[0]
    if f_end >= b - 2 or ctx.tokens[f_end - 1].pos != "NOUN":
        return False  # not `Как сообщил источник …`, whose source follows the verb
    after = ctx.tokens[f_end]
    if is_finite(after):
        return True  # `в котором, по официальным данным погибло около 60 человек`
    if k == a and after.pos == "ADP" and after.text.lower() not in _SOURCE_PREPOSITIONS:
        return True  # `По последним данным на борту теплохода находился 201 человек`
    return k == a and (
        after.pos in ("NUM", "NOUN", "ADJ", "DET", "PRON")
        and after.feats.get("Case") != "Gen"
        and ctx.entity_at(after.start, after.end, ("PER", "ORG")) is None
    )


def _mixed(ctx: Context, start: int, end: int) -> str:
    """`mixed` when the clause holds quotation marks, except those around a name the
    tagger found (`лидеры «Аль-Кайды» завербовали`): a name is nobody's words."""
    text = list(ctx.text[start:end])
    for pair in ctx.pairs_within(start, end):
        if pair.close < end and _names_entity(ctx, pair):
            text[pair.open - start] = text[pair.close - start] = " "
    return "mixed" if any(mark in text for mark in '«»„“”"') else "indirect"


def _names_entity(ctx: Context, pair: Pair) -> bool:
    """Whether the text in a pair of marks is a named entity's (its span covers it)."""
    inner_start, inner_end = pair.open + 1, pair.close
    entity = ctx.entity_at(inner_start, inner_end, ("ORG", "PER", "LOC"))
    return entity is not None and entity.start <= inner_start and entity.end >= inner_end


def _span(ctx: Context, i: int, j: int) -> tuple[int, int]:
    return ctx.tokens[i].start, ctx.tokens[j - 1].end


_MODALS = frozenset({"стоит", "следует", "нужно", "надо", "можно", "необходимо", "важно"})


def authorial(token: Token, before: Token | None = None) -> bool:
    """The article's own voice: `напомним`, `отметим`, `стоит отметить`."""
    if before is not None and before.text.lower() in _MODALS:
        return True
    return token.feats.get("Person") == "1" or token.feats.get("Mood") == "Imp"


def find_that_clauses(ctx: Context) -> list[Candidate]:
    """`X отметил, что …`, `заявил о том, что …`, `сообщается, что …`."""
    out = []
    quoting_lemmas, nouns = quoting_cues(), cue_nouns()
    for i, token in enumerate(ctx.tokens):
        quoting = (
            token.lemma in quoting_lemmas
            and i + 1 < len(ctx.tokens)
            and (ctx.tokens[i + 1].lemma == "слово")
        )  # `привели слова Рухани о том, что`
        noun = token.pos == "NOUN" and token.lemma in nouns  # `информация о том, что`
        if not (ctx.cue[i] or ctx.impersonal[i] or quoting or noun):
            continue
        if noun and i + 1 < len(ctx.tokens) and ctx.impersonal[i + 1]:
            continue  # `В сообщении говорится, что`: the verb's report, whose owner it names
        if authorial(token, ctx.tokens[i - 1] if i else None):
            continue
        if i and ctx.tokens[i - 1].text.lower() in _THINGS:
            continue  # `всё говорило о том, что`, `это говорит о том, что`: no one speaks
        _, b = ctx.sentence_range(i)
        that = _that(ctx, i, b)
        if that is None or that + 1 >= b:
            continue
        first = that + 1
        while first < b and ctx.tokens[first].text in {",", "—", "–", ":"}:
            first += 1  # `выразил уверенность, что, прямые выборы …`
        end = content_end(ctx, first, b)
        if token.feats.get("VerbForm") == "Conv" and i and ctx.tokens[i - 1].text == ",":
            end = _aside_end(ctx, first, end)
        if end <= first:
            continue
        start, stop = _span(ctx, first, end)
        how = "impersonal" if is_impersonal(token) and not ctx.cue[i] else "before"
        cue_end = (
            ctx.tokens[that - 1].end
            if that - 1 > i and ctx.tokens[that - 1].text != ","
            else token.end
        )
        out.append(
            Candidate(
                start,
                stop,
                _mixed(ctx, start, stop),
                Attribution(how, (token.start, cue_end), i, (i + 1, that)),
                "that_clause",
            )
        )
    return out


def find_inverted(ctx: Context) -> list[Candidate]:
    """`…, сообщил РИА Новости представитель облправительства`: content before a cue whose
    subject follows it."""
    out = []
    tokens = ctx.tokens
    for i, token in enumerate(tokens):
        if not (ctx.cue[i] or ctx.impersonal[i]) or i < 2:
            continue
        a, b = ctx.sentence_range(i)
        k = i - 1
        if tokens[k].text in DASHES:
            k -= 1
        if k <= a or tokens[k].text != ",":
            continue
        if not is_finite(token) or authorial(token):
            continue
        if _that(ctx, i, b) is not None:
            continue
        if i + 1 < b and tokens[i + 1].text.lower() in {"ли", ":"}:
            continue  # `вопрос, согласится ли …`; `…, констатировал: …` owns what follows
        rest = range(i + 1, next((j for j in range(i + 1, b) if tokens[j].text == ":"), b))
        # `…, сообщили в пресс-службе ведомства`: a plural verb with no subject and the
        # body where it was said, as an impersonal one (`сообщается на сайте`)
        unnamed = is_impersonal(token) or token.feats.get("Number") == "Plur"
        if not any(is_nominative(tokens[j]) for j in rest) and not (
            unnamed and i + 1 < b and tokens[i + 1].text.lower() in {"в", "на"}
        ):
            continue
        start = _past_intro(tokens, a, k)
        if tokens[start].text[:1] in '«"„“' and tokens[k - 1].text[:1] in '»"“”':
            continue  # a direct quote: the direct finder owns it
        if k - start < 3 or not any(
            is_finite(t) or t.feats.get("Variant") == "Short" for t in tokens[start:k]
        ):
            continue  # a clause, not a phrase (`Одна из групп протестующих, уточняет …`)
        if ctx.tokens[start].text.lower() == "об" and ctx.tokens[start + 1].text.lower() == "этом":
            continue
        s, e = _span(ctx, start, k)
        how = "impersonal" if is_impersonal(token) and not ctx.cue[i] else "after"
        out.append(
            Candidate(
                s,
                e,
                _mixed(ctx, s, e),
                Attribution(how, (token.start, token.end), i, (i + 1, b)),
                "inverted",
            )
        )
    return out


def find_frames(ctx: Context) -> list[Candidate]:
    """`По словам X, …`, `как сообщил X, …`, `…, по мнению X`."""
    out = []
    tokens = ctx.tokens
    by_first = frames()
    for k, token in enumerate(tokens):
        lower = token.text.lower()
        if lower != "как" and lower not in by_first and ctx.lemmas[k].isdisjoint(by_first):
            continue  # most tokens start nothing: the frame is not even looked for
        a, b = ctx.sentence_range(k)
        frame = _frame_at(ctx, k, b)
        if frame is None and token.text.lower() == "как":
            # `как было объявлено`: a passive after its auxiliary
            verb = k + 2 if k + 2 < b and tokens[k + 1].lemma == "быть" else k + 1
            if verb < b and (ctx.cue[verb] or is_impersonal(tokens[verb])):
                frame = (k, verb + 1)
        if frame is None:
            continue
        f_end = frame[1]
        comma = next((j for j in range(f_end, b) if tokens[j].text in {",", "—", ":"}), None)
        own = any(t.text.lower() in {"его", "ее", "её", "их"} for t in tokens[k:f_end])
        if own and (comma is None or comma > f_end):
            comma = f_end - 1 if tokens[f_end].text != "," else f_end
        elif _unpunctuated(ctx, k, f_end, b):
            comma = f_end - 1  # the frame names no one after its noun
        if comma is None:
            end = content_end(ctx, a, b)
            if end <= k or tokens[k - 1].text != ",":
                continue
            start = _past_intro(tokens, a, k)
            s_i, e_i, region = start, k - 1, (f_end, b)
        else:
            comma = _past_apposition(ctx, comma, b)
            # `По данным следствия 3 февраля … Завьялов, находясь …`: no comma after the
            # source, the content starts where it ends (a verb's frame has its date:
            # `Как заявил в четверг 27 декабря Владимир Путин,`)
            noun_frame = k == a and tokens[k].text.lower() != "как"
            source = source_end(ctx, f_end, comma) if noun_frame and not own else comma
            s_i = comma + 1 if source == comma else source
            if s_i < b and ctx.cue[s_i] and is_finite(tokens[s_i]):
                continue  # `Полиция, по данным газеты, отметила, что …`: a parenthesis
            e_i = content_end(ctx, s_i, b)
            region = (f_end, source) if not own else (k, f_end)
        if e_i - s_i < 2:
            continue
        s, e = _span(ctx, s_i, e_i)
        cue = (tokens[k].start, tokens[f_end - 1].end)
        how = "impersonal" if is_impersonal(tokens[f_end - 1]) else "frame"
        cue_token = k
        if how == "frame" and tokens[k].text.lower() == "как":
            # `как сообщил репортерам адвокат`: the subject is read after the verb
            how, region, cue_token = "after", (k + 1, region[1]), k + 1
        attribution = Attribution(how, cue, cue_token, region)
        out.append(Candidate(s, e, _mixed(ctx, s, e), attribution, "frame"))
    return out


def find_namings(ctx: Context) -> list[Candidate]:
    """`назвал решение «ошибкой»`, `назвав его «президентом своего сердца»`: the object
    and its instrumental predicate, up to the end of the clause."""
    out = []
    tokens = ctx.tokens
    for i, token in enumerate(tokens):
        if token.lemma not in naming_cues() or authorial(token):
            continue
        if token.feats.get("VerbForm") in ("Inf", "Part"):
            continue  # `стали называть «секс-символом»`, `называемых в Японии …`
        if i > 0 and tokens[i - 1].text.lower() in {"так", "как"}:
            continue  # `так называемый`
        _, b = ctx.sentence_range(i)
        j = i + 1
        while j < b and tokens[j].text not in {",", ";", ".", "!", "?", "…", ":", "(", ")"}:
            if tokens[j].text in DASHES and j > i + 1:
                break
            if tokens[j].text.lower() == "и" and j + 1 < b and tokens[j + 1].pos == "VERB":
                break  # `назвал итоги подтасованными и призвал …`
            j += 1
        if j < b and tokens[j].text == "," and _mark_open(ctx, i + 1, j):
            j = next((n for n in range(j, b) if tokens[n].text[:1] in '»"“”'), j) + 1
        words = tokens[i + 1 : j]
        if len(words) < 2 or not any(
            t.feats.get("Case") == "Ins" and t.pos in ("NOUN", "ADJ") for t in words
        ):
            continue
        j = _participle_after(ctx, j, b)
        s, e = _span(ctx, i + 1, j)
        out.append(
            Candidate(
                s,
                e,
                _mixed(ctx, s, e),
                Attribution("before", (token.start, token.end), i, (i + 1, j)),
                "naming",
            )
        )
    return out


def _participle_after(ctx: Context, j: int, b: int) -> int:
    """`назвала Израиль «государством апартеида», практикующим этнические чистки`,
    `назвал сына добрым и нежным человеком, мирным мусульманином, неспособным на …`:
    participles and appositions in the instrumental after the comma at `j` describe the
    predicate and are part of the words named (with the relative clause a demonstrative
    asks for: `одной из тех, которые «…»`); the end of their phrases, else `j`."""
    tokens = ctx.tokens
    while j + 1 < b and tokens[j].text == "," and _instrumental(tokens[j + 1].text):
        j = _phrase_end(tokens, j + 2, b)
        if (
            tokens[j - 1].lemma == "тот"
            and j + 1 < b
            and tokens[j].text == ","
            and tokens[j + 1].lemma == "который"
        ):
            j = _phrase_end(tokens, j + 2, b)
    return j


def _phrase_end(tokens: list[Token], k: int, b: int) -> int:
    while k < b and tokens[k].text not in {",", ";", ".", "!", "?", "…", ":", "(", ")"}:
        k += 1
    return k


@lru_cache(maxsize=10_000)
def _instrumental(word: str) -> bool:
    """Whether a word may be an instrumental participle, adjective or noun (the tagger
    reads such participles as nouns, `практикующим`: ask the dictionary); not `тем`."""
    return any(
        "ablt" in p.tag and p.tag.POS in ("PRTF", "ADJF", "NOUN") and "Anph" not in p.tag
        for p in parses(word)
    )


def _mark_open(ctx: Context, i: int, j: int) -> bool:
    """Whether tokens [i, j) open a quotation they do not close."""
    text = ctx.text[ctx.tokens[i].start : ctx.tokens[j - 1].end]
    return text.count("«") > text.count("»")


def find_parentheticals(ctx: Context) -> list[Candidate]:
    """`Одна из групп, уточняет газета «Труд», пришла …`, `Тем временем, сообщает X, …`: a
    cue and its subject set off by commas inside the content; the content is what follows."""
    out = []
    tokens = ctx.tokens
    for i, token in enumerate(tokens):
        if i == 0 or tokens[i - 1].text != "," or not ctx.cue[i] or not is_finite(token):
            continue
        a, b = ctx.sentence_range(i)
        if any(is_finite(t) for t in tokens[a:i]):
            continue  # a whole clause before the cue: the inverted finder's `…, сообщило X`
        close = next((j for j in range(i + 1, min(b, i + 10)) if tokens[j].text == ","), None)
        if close is None or not any(
            is_nominative(t) or t.pos == "PROPN" for t in tokens[i + 1 : close]
        ):
            continue
        if _that(ctx, i, b) is not None or any(is_verb(t) for t in tokens[i + 1 : close]):
            continue
        if close + 1 < b and (ctx.cue[close + 1] or tokens[close + 1].text == "что"):
            continue  # `…, сообщило агентство MAP, добавив, что …`
        end = content_end(ctx, close + 1, b)
        if end - (close + 1) < 3 or not any(
            is_finite(t) or t.feats.get("Variant") == "Short" for t in tokens[close + 1 : end]
        ):
            continue
        s, e = _span(ctx, close + 1, end)
        out.append(
            Candidate(
                s,
                e,
                _mixed(ctx, s, e),
                Attribution("after", (token.start, token.end), i, (i + 1, close)),
                "parenthetical",
            )
        )
    return out
