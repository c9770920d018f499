"""Text intake: the matching view, canonical tone placement and spans into the caller's string."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bk_report.text import Document, canonical_tones
import bk_report.text as text_module


@pytest.mark.parametrize(
    "old,new",
    [
        ("Uỷ ban", "Ủy ban"),
        ("hoá", "hóa"),
        ("thuỷ sản", "thủy sản"),
        ("hoà giải", "hòa giải"),
        ("khoẻ", "khỏe"),
        ("Thuý", "Thúy"),
        ("UỶ BAN", "ỦY BAN"),
    ],
)
def test_old_tone_placement_reads_as_new(old, new):
    assert Document(old).view == new
    assert Document(unicodedata.normalize("NFD", old)).view == new


@pytest.mark.parametrize("word", ["kế hoạch", "khoảng", "hoàn thành", "quý", "Quỹ", "khoái", "thuyết", "Nguyễn", "toàn"])
def test_closed_syllables_and_qu_keep_their_spelling(word):
    assert canonical_tones(word) == word


@pytest.mark.parametrize(
    "raw,view",
    [
        ("a\u00a0b", "a b"),  # no-break space
        ("a\u2009b", "a b"),  # thin space
        ("a\u200bb", "a b"),  # zero-width space: a word break
        ("đảng\u00adviên", "đảngviên"),  # soft hyphen dropped
        ("\ufeffUBKT", "UBKT"),  # byte-order mark dropped
        ("a\nb\tc", "a\nb\tc"),
    ],
)
def test_spaces_and_invisible_characters(raw, view):
    assert Document(raw).view == view


def test_caller_string_is_never_modified_and_spans_map_back():
    text = unicodedata.normalize("NFD", "Uỷ ban\u00a0kiểm tra hoá")
    doc = Document(text)
    assert doc.text is text
    i = doc.view.index("kiểm")
    span = doc.span(i, i + len("kiểm tra"))
    assert text[span.start : span.end] == span.text
    assert unicodedata.normalize("NFC", span.text) == "kiểm tra"


def test_empty_and_reversed_spans():
    doc = Document("abc")
    assert doc.span(2, 2).text == "" and doc.span(3, 1).text == ""
    assert Document("").view == ""


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError):
        Document(b"bytes")  # type: ignore[arg-type]


_VIETNAMESE = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbchkmnqtgxs \u00a0\u200b\u00ad\n.,%0123456789" + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_VIETNAMESE, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_every_view_span_points_into_the_text(text, i, j):
    for form in (text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)):
        doc = Document(form)
        a, b = sorted((min(i, len(doc.view)), min(j, len(doc.view))))
        span = doc.span(a, b)
        assert form[span.start : span.end] == span.text
        assert 0 <= span.start <= span.end <= len(form)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_VIETNAMESE, max_size=30))
def test_view_is_nfc(text):
    view = Document(unicodedata.normalize("NFD", text)).view
    assert unicodedata.normalize("NFC", view) == view


def _nfd_samples() -> list[str]:
    import random
    from pathlib import Path
    fixtures = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.parent.joinpath("fixtures").glob("*.txt"))]
    rng = random.Random(7)
    pieces = ["a", "o", " ", "\n", "1", "\u0300", "\u0301", "\u0323", "\u0303", "\u0309", "\u031b", "\u0302", "\u0306",
              "\u200b", "\u00ad", "\u200d", "\u0b47", "\u0b3e", "\u0345", "\u1025", "\u102e", "\u00a0", "Ơ", "ư"]
    junk = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(400)]
    return [unicodedata.normalize("NFD", t) for t in fixtures] + junk


@pytest.mark.parametrize("text", _nfd_samples()[:3] + _nfd_samples()[-50:])
def test_one_letter_clusters_map_as_the_cluster_reader_maps_them(text, monkeypatch):
    fast = Document(text)
    monkeypatch.setattr(text_module, "_composed", lambda *args: "")
    slow = Document(text)
    assert fast.view == slow.view
    for i in range(len(fast.view) + 1):
        assert (fast.orig_start(i), fast.orig_end(i)) == (slow.orig_start(i), slow.orig_end(i))


def test_every_junk_cluster_maps_as_the_cluster_reader_maps_it(monkeypatch):
    texts = _nfd_samples()
    fast = [Document(t) for t in texts]
    monkeypatch.setattr(text_module, "_composed", lambda *args: "")
    for t, f in zip(texts, fast):
        s = Document(t)
        assert f.view == s.view
        assert [(f.orig_start(i), f.orig_end(i)) for i in range(len(f.view) + 1)] == [
            (s.orig_start(i), s.orig_end(i)) for i in range(len(s.view) + 1)]
