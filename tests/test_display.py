"""Documents shown in a notebook (HTML) and a terminal (ANSI)."""

import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import quotewho
from quotewho import Document, Quote, Span, Speaker
from quotewho.display import HTML_COLOURS, to_ansi, to_html

ARTICLE = Path(__file__).parents[1] / "examples" / "articles" / "factru-dev-361.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return quotewho.extract(ARTICLE.read_text(encoding="utf-8"))


class Painted(HTMLParser):
    """Each character of the painted text with the style and title of its innermost span."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[dict] = []
        self.chars: list[tuple[str, str, str]] = []
        self.feed(page.split("<ul", 1)[0])  # the legend is not the text

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "span":
            self.open.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        style = self.open[-1].get("style", "") if self.open else ""
        title = self.open[-1].get("title", "") if self.open else ""
        self.chars += [(char, style, title) for char in data]

    def text(self) -> str:
        return "".join(char for char, _, _ in self.chars)


@pytest.fixture(scope="module")
def two_speakers(doc: Document) -> Document:
    """The article as extracted, its last quote given to a second speaker: the display is
    tested on colours per speaker, whatever the quote stage attributes today."""
    assert len(doc.quotes) >= 2 and all(q.speaker for q in doc.quotes)
    last = doc.quotes[-1].model_copy(
        update={"speaker": Speaker(name="Хиллари Клинтон", kind="person")}
    )
    return doc.model_copy(update={"quotes": [*doc.quotes[:-1], last]})


def test_html_keeps_the_text_and_paints_every_quote_in_its_speakers_colour(
    two_speakers: Document,
) -> None:
    doc = two_speakers
    painted = Painted(doc._repr_html_())
    assert painted.text() == doc.text
    colours: dict[str, set[str]] = {}
    for quote in doc.quotes:
        inside = painted.chars[quote.start : quote.end]
        styles = {style for _, style, _ in inside}
        assert all(quote.speaker.name in title for _, _, title in inside)
        assert len(styles) == 1 and styles.pop().startswith("background:#")
        colours.setdefault(quote.speaker.name, set()).add(inside[0][1])
    assert len(colours) == 2 and all(len(colour) == 1 for colour in colours.values())
    assert colours["Хиллари Клинтон"] != colours[doc.quotes[0].speaker.name]
    before = painted.chars[: doc.quotes[0].start]
    assert not any(style.startswith("background") for _, style, _ in before)


def test_cue_and_speaker_mention_are_marked(doc: Document) -> None:
    painted = Painted(to_html(doc))
    quote = next(q for q in doc.quotes if q.cue and q.speaker and q.speaker.mention)
    cue, mention = quote.cue, quote.speaker.mention
    assert {style for _, style, _ in painted.chars[cue.start : cue.end]} == {"font-weight:bold"}
    styles = {style for _, style, _ in painted.chars[mention.start : mention.end]}
    assert len(styles) == 1 and styles.pop().startswith("border-bottom:3px solid #")


def test_legend_lists_people_with_roles(doc: Document) -> None:
    legend = to_html(doc).split("<ul", 1)[1]
    gordon = next(p for p in doc.people if p.name == "Фил Гордон")
    assert "<b>Фил Гордон</b>" in legend
    for link in gordon.roles:
        assert html.escape(link.title) in legend
    assert "quote" in legend


def test_markup_in_the_text_is_escaped() -> None:
    text = "«Тег <script>alert(1)</script> & прочее — не HTML», — сказал Иван Петров."
    said, name = text.index("сказал"), text.index("Иван")
    quote = Quote(
        start=1,
        end=text.index("»"),
        text=text[1 : text.index("»")],
        kind="direct",
        cue=Span(start=said, end=said + 6, text="сказал"),
        speaker=Speaker(
            name="Иван Петров", kind="person", mention=Span(start=name, end=len(text) - 1,
                                                           text="Иван Петров")
        ),
        confidence=0.9,
    )  # fmt: skip
    page = to_html(Document(text=text, quotes=[quote]))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; прочее" in page
    assert Painted(page).text() == text
    assert f"background:{HTML_COLOURS[0]}" in page


def test_terminal_colours_only_on_a_tty(doc: Document) -> None:
    plain = io.StringIO()
    doc.print(file=plain)
    printed = plain.getvalue()
    assert "\x1b[" not in printed and f"[[{doc.quotes[0].text}]]" in printed
    assert "Фил Гордон" in printed[len(doc.text) :]
    coloured = to_ansi(doc, colour=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).startswith(doc.text)
