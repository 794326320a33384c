"""The public model: offsets always true, JSON round-trips exactly."""

from pathlib import Path

import pytest
from pydantic import ValidationError

import quotewho
from quotewho import Document, Span

EXAMPLE = Path(__file__).parents[1] / "examples" / "kior-akimat-sarap.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return quotewho.extract(EXAMPLE.read_text(encoding="utf-8"))


def test_every_span_points_at_its_text(doc: Document) -> None:
    spans = doc.spans()
    assert len(spans) > 50
    assert all(doc.text[s.start : s.end] == s.text for s in spans)


def test_json_round_trip_is_exact(doc: Document) -> None:
    data = doc.model_dump(mode="json")
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc
    assert again.model_dump(mode="json") == data


def test_a_lying_offset_is_refused() -> None:
    with pytest.raises(ValidationError):
        Document(text="Есенбаев сказал", sentences=[{"start": 0, "end": 3, "text": "Есе!"}])


def test_span_outside_text_is_refused() -> None:
    with pytest.raises(ValidationError):
        Document(text="абв", entities=[], quotes=[], sentences=[Span(start=2, end=9, text="в")])


def test_pipeline_is_shared_by_extract() -> None:
    first = quotewho._default_pipeline()
    quotewho.extract("Он сказал.")
    assert quotewho._default_pipeline() is first


def test_input_that_is_not_text_is_refused() -> None:
    with pytest.raises(quotewho.InputError):
        quotewho.extract(None)  # type: ignore[arg-type]
    with pytest.raises(quotewho.InputError):
        quotewho.extract(b"\xff\xfe\xfa")  # type: ignore[arg-type]
