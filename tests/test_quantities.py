"""Corpus of quantity surface forms: ``parse_quantity`` reads value, unit and qualifier.

Rows are (surface, value, value_high, unit, qualifier); value in the base unit.
Negatives must raise ``QuantityError``.  All strings written for these tests.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from bk_report import Qualifier, QuantityError, Unit, parse_quantity
from bk_report.quantities import read_qualifier_after, read_qualifier_before, read_unit, times_before

E = "exact"
#: surface, value, value_high, unit, qualifier
ROWS: list[tuple[str, str, str | None, str, str]] = [
    # units glued, spaced, with scale words
    ("172,86ha", "172.86", None, "ha", E),
    ("172,86 ha", "172.86", None, "ha", E),
    ("512ha", "512", None, "ha", E),
    ("18.000ha", "18000", None, "ha", E),
    ("12.480,5 ha", "12480.5", None, "ha", E),
    ("77 ngàn ha", "77000", None, "ha", E),
    ("77 nghìn ha", "77000", None, "ha", E),
    ("3 km2", "300", None, "ha", E),
    ("2.117tổ chức", "2117", None, "count", E),
    ("2.117 tổ chức đảng", "2117", None, "count", E),
    ("193đơn", "193", None, "count", E),
    ("4.226 đảng viên", "4226", None, "count", E),
    ("07 HTX", "7", None, "count", E),
    ("05 kỳ họp", "5", None, "count", E),
    ("03 nghị quyết", "3", None, "count", E),
    ("1,9 triệu con", "1900000", None, "count", E),
    ("9 xã", "9", None, "count", E),
    ("12 dự án", "12", None, "count", E),
    ("bảy nghị quyết", "7", None, "count", E),
    ("Hai đảng viên", "2", None, "count", E),
    ("sáu cán bộ", "6", None, "count", E),
    ("năm xã", "5", None, "count", E),
    ("mười hai xã", "12", None, "count", E),
    ("một trăm linh năm công trình", "105", None, "count", E),
    ("15 ngôi trường", "15", None, "count", E),  # an unlisted noun still counts
    # people and households
    ("704 lao động", "704", None, "person", E),
    ("1.250 người", "1250", None, "person", E),
    ("hai mươi mốt người", "21", None, "person", E),
    ("35.000 lượt khách", "35000", None, "person", E),
    ("812 học sinh", "812", None, "person", E),
    ("143 hộ", "143", None, "household", E),
    ("ba mươi lăm hộ gia đình", "35", None, "household", E),
    # money
    ("3.645 tỷ đồng", "3645000000000", None, "VND", E),
    ("2.107,318 tỷ đồng", "2107318000000", None, "VND", E),
    ("1.387.210 triệu đồng", "1387210000000", None, "VND", E),
    ("575, tỷ đồng", "575000000000", None, "VND", E),
    ("3 tỉ đồng", "3000000000", None, "VND", E),
    ("5 nghìn tỷ đồng", "5000000000000", None, "VND", E),
    ("50,5 triệu đồng/người/năm", "50500000", None, "VND", E),
    ("62 triệu đồng/người", "62000000", None, "VND", E),
    ("120 triệu VNĐ", "120000000", None, "VND", E),
    ("hai triệu rưỡi đồng", "2500000", None, "VND", E),
    ("4,5 triệu USD", "4500000", None, "USD", E),
    # mass, area, length, volume
    ("hơn 3.915 tấn", "3915", None, "t", "more_than"),
    ("27 vạn tấn", "270000", None, "t", E),
    ("5,22 tấn/ha", "5.22", None, "t", E),
    ("58,3 tạ/ha", "5.83", None, "t", E),
    ("450 kg", "450", None, "kg", E),
    ("12,5 km", "12.5", None, "km", E),
    ("5 km đường", "5", None, "km", E),
    ("800 m", "800", None, "m", E),
    ("1.200 m2", "1200", None, "m2", E),
    ("35 m³", "35", None, "m3", E),
    # percent
    ("7,5%", "7.5", None, "%", E),
    ("81,4 %", "81.4", None, "%", E),
    ("3.45%", "3.45", None, "%", E),
    ("100%", "100", None, "%", E),
    ("25 phần trăm", "25", None, "%", E),
    ("năm mươi phần trăm", "50", None, "%", E),
    ("dưới 10%", "10", None, "%", "less_than"),
    # ranges
    ("16,5-17,5%", "16.5", "17.5", "%", E),
    ("15,5 - 16,5%", "15.5", "16.5", "%", E),
    ("72,1% - 72,6%", "72.1", "72.6", "%", E),
    ("7,8 – 8,2 %", "7.8", "8.2", "%", E),
    ("8-8,5%/năm", "8", "8.5", "%", E),
    ("6,5%/năm", "6.5", None, "%", E),
    ("12 - 15 người", "12", "15", "person", E),
    ("từ 5 đến 7 tấn", "5", "7", "t", "at_least"),
    # times
    ("gấp 3,1 lần", "3.1", None, "times", E),
    ("gấp ba lần", "3", None, "times", E),
    ("gấp 2", "2", None, "times", E),
    ("2,5 lần", "2.5", None, "times", E),
    ("gần gấp 4 lần", "4", None, "times", "nearly"),
    # qualifiers before, after, around
    ("trên 200 hộ", "200", None, "household", "more_than"),
    ("gần 1.500 người", "1500", None, "person", "nearly"),
    ("khoảng 1,9 triệu con", "1900000", None, "count", "about"),
    ("xấp xỉ 80 tấn", "80", None, "t", "about"),
    ("trên dưới 100 người", "100", None, "person", "about"),
    ("dưới 5 ha", "5", None, "ha", "less_than"),
    ("chưa đến 20 hộ", "20", None, "household", "less_than"),
    ("tối đa 3 lần", "3", None, "times", "at_most"),
    ("không quá 15%", "15", None, "%", "at_most"),
    ("từ 5 hợp tác xã trở lên", "5", None, "count", "at_least"),
    ("5 hợp tác xã trở lên", "5", None, "count", "at_least"),
    ("60 tuổi trở lên", "60", None, "count", "at_least"),
    ("10 ha trở xuống", "10", None, "ha", "at_most"),
    ("ít nhất 3 cuộc", "3", None, "count", "at_least"),
    ("Hơn 4.100 đảng viên", "4100", None, "count", "more_than"),
    ("KHOẢNG 12 TẤN", "12", None, "t", "about"),
    # a bare number counts
    ("38", "38", None, "count", E),
    ("05", "5", None, "count", E),
]

NOT_QUANTITIES = [
    "",
    "  ",
    "tấn",
    "hơn",
    "hơn tấn",
    "một số xã",
    "Một số đảng viên",
    "năm 2023",
    "2023",
    "hàng vạn tấn",
    "hàng nghìn người",
    "vài trăm hộ",
    "0 57%",
    "0 68 %",
    "38/44",
    "19/19 tiêu chí",
    "thứ 12",
    "kỳ họp thứ III",
    "khóa XIX",
    "1.2.3 tấn",
    "5 tấn 6 kg",
    "5 tấn, 6 tấn",
    "2016-2021",
    "30.6.2022",
    "18/12",
    "29-NQ/TU",
    "6 tháng",
    "5 năm",
    "7,5% kế hoạch",
    "abc 5 tấn",
    "đạt 5 tấn",
    "😀",
    "x" * 2000,
]


@pytest.mark.parametrize("surface,value,high,unit,qualifier", ROWS, ids=[r[0] for r in ROWS])
def test_reads_each_quantity(surface, value, high, unit, qualifier):
    q = parse_quantity(surface)
    assert q.value == Decimal(value)
    assert q.value_high == (None if high is None else Decimal(high))
    assert q.unit == Unit(unit)
    assert q.qualifier == Qualifier(qualifier)
    assert q.text == surface


@pytest.mark.parametrize("surface", NOT_QUANTITIES, ids=[s[:30] for s in NOT_QUANTITIES])
def test_refuses_what_is_not_one_quantity(surface):
    with pytest.raises(QuantityError) as info:
        parse_quantity(surface)
    assert str(info.value)


@pytest.mark.parametrize("surface", ["hơn 3.915 tấn", "Uỷ 5 hộ"[3:], "khoảng 1,9 triệu con"])
def test_nfd_reads_alike(surface):
    nfd = unicodedata.normalize("NFD", surface)
    a, b = parse_quantity(surface), parse_quantity(nfd)
    assert (a.value, a.unit, a.qualifier) == (b.value, b.unit, b.qualifier)
    assert b.text == nfd


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError):
        parse_quantity(None)  # type: ignore[arg-type]


def test_counted_noun_is_kept():
    assert parse_quantity("2.117tổ chức đảng").noun == "tổ chức đảng"
    assert parse_quantity("15 ngôi trường").noun == "ngôi trường"


# --- the helpers the extractors use on a document view ---------------------------


@pytest.mark.parametrize(
    "view,pos,unit,end",
    [
        ("đạt 172,86ha rừng", 10, "ha", 12),
        ("có 2.117tổ chức đảng", 8, "count", 20),
        ("thu nhập 50,5 triệu đồng/người/năm, tăng", 19, "VND", 34),
        ("năng suất 5,22 tấn/ha.", 14, "t", 21),
        ("704 lao động", 3, "person", 12),
        ("143 hộ nghèo", 3, "household", 6),
        ("gấp 3 lần", 5, "times", 9),
        ("14.200 ha/20.150 ha", 6, "ha", 9),  # a slash before digits is no per-denominator
    ],
)
def test_read_unit(view, pos, unit, end):
    m = read_unit(view, pos)
    assert m is not None and m.unit == Unit(unit) and m.end == end


@pytest.mark.parametrize("view,pos", [("trong 3 năm qua", 7), ("có 5 so với", 4), ("đạt 5", 5), ("5 hathanh", 1)])
def test_read_unit_none(view, pos):
    assert read_unit(view, pos) is None


def test_qualifier_helpers():
    v = "đạt trên 200 hộ, từ 5 hợp tác xã trở lên, tăng gấp 3 lần"
    assert read_qualifier_before(v, v.index("200")) == (Qualifier.more_than, v.index("trên"))
    assert read_qualifier_before(v, v.index("5 hợp")) == (Qualifier.at_least, v.index("từ"))
    after = v.index(" trở lên")
    assert read_qualifier_after(v, after) == (Qualifier.at_least, after + len(" trở lên"))
    assert read_qualifier_before(v, v.index("hộ")) is None
    assert read_qualifier_after(v, 0) is None
    assert times_before(v, v.index("3 lần")) == v.index("gấp")
    assert times_before(v, v.index("200")) is None
