"""The tokenizer: kinds, normalised forms, values and spans; ``normalize`` as a reading view."""
from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bk_report import Token, Unit, normalize, tokenize


def _kinds(text):
    return [(t.kind, t.normalized) for t in tokenize(text)]


def test_words_abbreviations_numerals_punctuation():
    assert _kinds("UBKT Huyện uỷ kỷ luật 03 đảng viên.") == [
        ("abbreviation", "Ủy ban Kiểm tra"),
        ("word", "Huyện"),
        ("word", "ủy"),
        ("word", "kỷ"),
        ("word", "luật"),
        ("numeral", "3"),
        ("word", "đảng"),
        ("word", "viên"),
        ("punctuation", "."),
    ]


@pytest.mark.parametrize(
    "text,normalized,value,unit",
    [
        ("05 kỳ họp", "5", "5", "count"),
        ("hai mươi mốt hộ", "21", "21", "household"),
        ("3.645 tỷ đồng", "3645000000000", "3645000000000", "VND"),
        ("12.480,5 ha", "12480.5", "12480.5", "ha"),
        ("172,86ha", "172.86", "172.86", "ha"),
        ("81,4 %", "81.4%", "81.4", "%"),
        ("3.45%", "3.45%", "3.45", "%"),
        ("704 lao động", "704", "704", "person"),
        ("gấp 3,1 lần", "3.1", "3.1", "times"),
        ("27 vạn tấn", "270000", "270000", "t"),
    ],
)
def test_numeral_tokens_carry_value_and_unit(text, normalized, value, unit):
    tok = next(t for t in tokenize(text) if t.kind == "numeral")
    assert tok.normalized == normalized
    assert tok.value == Decimal(value)
    assert tok.unit == Unit(unit)


def test_numeral_kinds_and_scale():
    toks = {t.span.text: t for t in tokenize("Năm 2023 tăng 15,5-16,5%, đạt 38/44 chỉ tiêu, thu 1,2 tỷ; kỳ họp thứ III")}
    assert toks["2023"].numeral_kind == "year"
    assert toks["15,5-16,5%"].value_high == Decimal("16.5") and toks["15,5-16,5%"].normalized == "15.5-16.5%"
    assert toks["38/44"].denominator == Decimal(44) and toks["38/44"].normalized == "38/44"
    assert toks["1,2 tỷ"].scale == 9
    assert toks["III"].numeral_kind == "ordinal" and toks["III"].normalized == "3"


@pytest.mark.parametrize(
    "text,expansion",
    [
        ("KT-XH", "kinh tế - xã hội"),
        ("KT – XH", "kinh tế - xã hội"),
        ("KT - VHXH - QPAN", "kinh tế - văn hóa, xã hội - quốc phòng, an ninh"),
        ("TP. Huế", "thành phố"),
        ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
        ("HDND", "Hội đồng nhân dân"),
    ],
)
def test_abbreviation_variants(text, expansion):
    assert tokenize(text)[0].kind == "abbreviation"
    assert tokenize(text)[0].normalized == expansion


def test_lower_case_lookalikes_are_words():
    assert [t.kind for t in tokenize("kh ck tx")] == ["word", "word", "word"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Thành lập 07 HTX", "Thành lập 7 hợp tác xã"),
        ("hai mươi mốt hộ", "21 hộ"),
        ("Uỷ ban hoá giải", "Ủy ban hóa giải"),
        ("đạt 101,3% KH, tăng 9,4% so CK", "đạt 101.3% kế hoạch, tăng 9.4% so cùng kỳ"),
        ("1.387.210 triệu đồng", "1387210000000 đồng"),
        ("tỷ lệ 0 57%", "tỷ lệ 0 57%"),  # a broken number is left as written
        ("", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_token_is_frozen():
    tok = tokenize("UBKT")[0]
    assert isinstance(tok, Token)
    with pytest.raises(Exception):
        tok.kind = "word"  # type: ignore[misc]


_ALPHABET = "aăâđêôơưbcdhklmnt UBKTHĐND0123456789.,%/-\u00a0\u200b" + "\u0300\u0301\u0309\u0323"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=50))
def test_token_spans_hold_in_nfc_and_nfd(text):
    for form in (text, unicodedata.normalize("NFD", text)):
        toks = tokenize(form)
        for t in toks:
            assert form[t.span.start : t.span.end] == t.span.text
            assert t.span.text.strip()
        assert all(a.span.end <= b.span.start for a, b in zip(toks, toks[1:]))
