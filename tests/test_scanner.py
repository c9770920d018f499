"""Corpus for the scanner: every numeral of a running text with its kind and value.

Each row is a sentence written for these tests and the numerals it must yield,
in order, as (surface, kind, value); value ``None`` where the kind has none
(dates, document numbers, broken numbers).  Spans are checked against the
caller's string, NFD input included.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bk_report.scanner import roman_value, scan
from bk_report.text import Document

N, P, R, F, D, Y, PER, DOC, O, B = (
    "number", "percent", "range", "fraction", "date", "year", "period", "document_number", "ordinal", "broken",
)

ROWS: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    # thousands dot, decimal comma, decimal point
    ("Diện tích lúa 8.240,5 ha, sản lượng 4.117 tấn.", [("8.240,5", N, "8240.5"), ("4.117", N, "4117")]),
    ("Vốn giải ngân 1.932,406 tỷ đồng.", [("1.932,406 tỷ", N, "1932406000000")]),
    ("Lạm phát tăng 2.35% so với tháng trước.", [("2.35%", P, "2.35")]),
    ("Tỷ lệ che phủ rừng đạt 73,2 %.", [("73,2 %", P, "73.2")]),
    ("Tỷ lệ đạt 64,9% kế hoạch.", [("64,9%", P, "64.9")]),
    ("Tỷ lệ hộ nghèo giảm còn 6.5 phần trăm", [("6.5 phần trăm", P, "6.5")]),
    # broken and truncated numbers warn
    ("Tỷ lệ tiêm chủng đạt 0 68% dân số.", [("0 68%", B, None)]),
    ("Doanh thu đạt 318, tỷ đồng.", [("318, tỷ", N, "318000000000")]),
    ("Chuỗi 1.2.3 không là số.", [("1.2.3", B, None)]),
    # glued units and nouns, leading zeros
    ("Trồng mới 645ha rừng và 12.300ha ngô.", [("645", N, "645"), ("12.300", N, "12300")]),
    ("Kiện toàn 1.208tổ chức đảng, nhận 87đơn.", [("1.208", N, "1208"), ("87", N, "87")]),
    ("Tổ chức 04 kỳ họp, ban hành 09 nghị quyết.", [("04", N, "4"), ("09", N, "9")]),
    # scale words
    ("Tổng thu 2.415.600 triệu đồng.", [("2.415.600 triệu", N, "2415600000000")]),
    ("Sản lượng 31 vạn tấn.", [("31 vạn", N, "310000")]),
    ("Đàn gia cầm 2,4 triệu con, 58 ngàn ha, 7 tỉ đồng.",
     [("2,4 triệu", N, "2400000"), ("58 ngàn", N, "58000"), ("7 tỉ", N, "7000000000")]),
    ("Đầu tư 4 nghìn tỷ đồng.", [("4 nghìn tỷ", N, "4000000000000")]),
    ("Thu hút hàng vạn lượt khách, hàng nghìn người.", []),
    ("Giá trị tăng gấp 2,6 lần.", [("2,6", N, "2.6")]),
    # spelled numbers
    ("Kỷ luật Ba đảng viên và sáu cán bộ.", [("Ba", N, "3"), ("sáu", N, "6")]),
    ("Xây dựng mười bốn công trình, hai mươi mốt nhà.", [("mười bốn", N, "14"), ("hai mươi mốt", N, "21")]),
    ("Có một trăm linh tư hộ và ba mươi lăm người.", [("một trăm linh tư", N, "104"), ("ba mươi lăm", N, "35")]),
    ("Tổng cộng hai nghìn không trăm mười tám người.", [("hai nghìn không trăm mười tám", N, "2018")]),
    ("Đạt năm mươi phần trăm kế hoạch.", [("năm mươi phần trăm", P, "50")]),
    # "một số" and "năm"
    ("Một số xã chưa đạt, một số chỉ tiêu còn thấp.", []),
    ("Trong năm qua, năm nay và những năm tới.", []),
    ("Kết nạp năm đảng viên, thành lập năm chi bộ.", [("năm", N, "5"), ("năm", N, "5")]),
    ("Năm 2024 có năm xã đạt chuẩn.", [("2024", Y, "2024"), ("năm", N, "5")]),
    ("Mười năm qua, huyện đổi mới.", [("Mười", PER, "10")]),
    ("Hai là, tăng cường kiểm tra; Ba là, kỷ luật nghiêm.", []),
    ("Một cách nghiêm túc, một trong những nhiệm vụ.", []),
    # ordinals
    ("Kỳ họp thứ 9, kỳ họp thứ mười, Kỳ họp thứ XI.", [("9", O, "9"), ("mười", O, "10"), ("XI", O, "11")]),
    ("Đại hội lần thứ Mười lăm, Quốc hội khóa XV.", [("Mười lăm", O, "15"), ("XV", O, "15")]),
    ("Kỳ họp thứ nhất và kỳ họp thứ tư.", [("nhất", O, "1"), ("tư", O, "4")]),
    ("Quý III/2024 tăng trưởng khá.", [("III", O, "3"), ("2024", Y, "2024")]),
    ("Đại hội XIII của Đảng.", [("XIII", O, "13")]),
    ("Thành phần kinh tế tư nhân.", []),
    # ranges
    ("Phấn đấu tăng 6,5-7% và 8,1 - 8,6%.", [("6,5-7%", R, "6.5"), ("8,1 - 8,6%", R, "8.1")]),
    ("Tỷ lệ đạt 60,2% - 61%.", [("60,2% - 61%", R, "60.2")]),
    ("Mỗi xã có 10 - 12 người.", [("10 - 12", R, "10")]),
    ("Tăng bình quân 7-7,5%/năm.", [("7-7,5%", R, "7")]),
    # fractions
    ("Có 17/19 tiêu chí, 12,5/19 tiêu chí, 7/22 xã.",
     [("17/19", F, "17"), ("12,5/19", F, "12.5"), ("7/22", F, "7")]),
    ("Đạt 9.800 ha/11.500 ha kế hoạch.", [("9.800 ha/11.500", F, "9800")]),
    ("Đã đạt và vượt 29/34 chỉ tiêu.", [("29/34", F, "29")]),
    ("Khoảng 1/4 số hộ và 2/3 dân số.", [("1/4", F, "1"), ("2/3", F, "2")]),
    # dates, years, periods
    ("Ngày 21/11, kỳ họp khai mạc; sáng 22/11 bế mạc.", [("21/11", D, None), ("22/11", D, None)]),
    ("Tính đến 31.12.2023 và 15-6-2024.", [("31.12.2023", D, None), ("15-6-2024", D, None)]),
    ("Họp ngày 9 và 10/7, ngày 3-4/8.", [("9", D, "9"), ("10/7", D, None), ("3", D, "3"), ("4/8", D, None)]),
    ("Ngày 15-12 tổng kết.", [("15-12", D, None)]),
    ("Tháng 6/2024 và tháng 9 năm 2024.", [("6/2024", D, None), ("9", D, "9"), ("2024", Y, "2024")]),
    ("Nhiệm kỳ 2020-2025, giai đoạn 2021 – 2030.", [("2020-2025", PER, "2020"), ("2021 – 2030", PER, "2021")]),
    ("Sau 6 tháng đầu năm và 9 tháng.", [("6", PER, "6"), ("9", PER, "9")]),
    ("Có 2025 người tham dự.", [("2025", N, "2025")]),
    # document numbers and names
    ("Theo Nghị quyết số 18-NQ/TW và Quyết định 1256/QĐ-UBND.", [("18-NQ/TW", DOC, None), ("1256/QĐ-UBND", DOC, None)]),
    ("Thông tư 02/2022/TT-BNV có hiệu lực.", [("02/2022/TT-BNV", DOC, None)]),
    ("Dịch COVID-19 và Quốc lộ QL3B.", []),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:40] for r in ROWS])
def test_scans_every_numeral(text, expected):
    found = [(n.text, n.kind, None if n.value is None else str(n.value)) for n in scan(Document(text))]
    assert found == expected


def test_broken_and_truncated_numbers_warn():
    broken, truncated = scan(Document("đạt 0 57% và 575, tỷ đồng"))
    assert broken.kind == "broken" and broken.warning and broken.value is None
    assert truncated.kind == "number" and "truncated" in truncated.warning


@pytest.mark.parametrize("text", [r[0] for r in ROWS])
def test_spans_point_into_nfd_text(text):
    nfd = unicodedata.normalize("NFD", text)
    doc = Document(nfd)
    nfc = [(n.kind, n.value) for n in scan(Document(text))]
    got = scan(doc)
    assert [(n.kind, n.value) for n in got] == nfc
    for n in got:
        span = doc.span(n.start, n.end)
        assert nfd[span.start : span.end] == span.text
        assert unicodedata.normalize("NFC", span.text) == n.text


def test_numerals_do_not_overlap_and_are_in_order():
    text = " ".join(r[0] for r in ROWS)
    out = scan(Document(text))
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))


@pytest.mark.parametrize("roman,value", [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XIX", 19), ("XX", 20)])
def test_roman_value(roman, value):
    assert roman_value(roman) == value


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,/ -%ahtấnnămthứIVX", max_size=60))
def test_scan_never_raises_and_spans_hold(text):
    doc = Document(text)
    for n in scan(doc):
        span = doc.span(n.start, n.end)
        assert text[span.start : span.end] == span.text
        assert n.value is None or isinstance(n.value, Decimal)


def test_a_run_of_digits_longer_than_any_figure_is_broken():
    from bk_report.scanner import _MAX_NUMERAL

    long_run = "9" * (_MAX_NUMERAL + 1)
    [n] = scan(Document(f"mã {long_run} cuối"))
    assert n.kind == "broken" and n.value is None and "no figure" in n.warning
    [big] = scan(Document("tổng 1.234.567.890.123.456,75 đồng"))  # the largest a report writes: still read
    assert big.kind == "number" and big.value == Decimal("1234567890123456.75")


_WORD_PIECES = ["hai", "HAI", "Mươi", "mười", "MỐT", "năm", "Năm", "trăm", "Triệu", "tỷ", "phần trăm", "PHẦN TRĂM", "một số",
                "thứ", "Tư", "người", "xã", " ", "  ", ",", "\n", "5", "1.200", "ſáu", "İ", "x"]


@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=12), st.booleans())
@settings(max_examples=300, deadline=None)
def test_number_words_read_from_the_lowered_view_as_from_the_view(pieces, glued):
    # the word stream searches the lower-cased view case-sensitively: the numerals must be
    # those the case-insensitive search of the view itself gives
    from bk_report.text import Document

    text = ("" if glued else " ").join(pieces)
    plain = Document(text)
    plain._lowered = None  # as if the view could not be lower-cased: the case-insensitive search
    assert scan(Document(text)) == scan(plain)
