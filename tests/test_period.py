"""Period of a report: year, part of the year, or term.  Sentences written for these tests."""
from __future__ import annotations

import pytest

from bk_report.period import detect_period
from bk_report.rules import Context


def period(text: str, year=None):
    p = detect_period(Context.from_text(text), year)
    return None if p is None else (p.year, p.part, p.term_start, p.term_end)


PARTS = [
    # (text, year given, expected (year, part, term_start, term_end))
    ("Quý I/2024, tổng thu ngân sách trên địa bàn đạt 318 tỷ đồng.", None, (2024, "Q1", None, None)),
    ("Trong quý 1 năm 2023, huyện thu hút 4 dự án mới.", None, (2023, "Q1", None, None)),
    ("Kết quả quý II năm 2022: sản lượng lúa đạt 21.400 tấn.", None, (2022, "Q2", None, None)),
    ("KINH TẾ QUÝ III-2021 PHỤC HỒI\nGRDP quý III tăng 4,1%.", None, (2021, "Q3", None, None)),
    ("Quý IV, xuất khẩu tăng mạnh; cả năm 2020 đạt 96% kế hoạch.", 2020, (2020, "Q4", None, None)),
    ("Ba tháng đầu năm 2025, du lịch đón 612 nghìn lượt khách.", None, (2025, "Q1", None, None)),
    ("6 tháng đầu năm 2025, tốc độ tăng trưởng ước đạt 6,9%.", None, (2025, "6M", None, None)),
    ("Sáu tháng đầu năm, toàn tỉnh thu ngân sách 2.140 tỷ đồng.", 2019, (2019, "6M", None, None)),
    ("Kinh tế 6 tháng năm 2018 của thị xã tăng 8,2%.", None, (2018, "6M", None, None)),
    ("Ước thực hiện 9 tháng năm 2023, giá trị sản xuất đạt 7.900 tỷ đồng.", None, (2023, "9M", None, None)),
    ("Chín tháng đầu năm 2016, huyện trồng 312 ha rừng.", None, (2016, "9M", None, None)),
    ("11 tháng năm 2024, kim ngạch xuất khẩu đạt 702 triệu USD.", None, (2024, "11M", None, None)),
    ("Mười một tháng đầu năm, thu ngân sách đạt 98% dự toán.", 2021, (2021, "11M", None, None)),
    ("Nửa đầu năm 2022, khách du lịch tăng 35%.", None, (2022, "6M", None, None)),
]


@pytest.mark.parametrize("text,year,expected", PARTS, ids=[p[0][:40] for p in PARTS])
def test_parts(text, year, expected):
    assert period(text, year) == expected


TERMS = [
    ("Nhiệm kỳ 2015-2020, các cấp ủy đã kiểm tra 1.204 tổ chức đảng.", None, (None, "term", 2015, 2020)),
    ("Trong nhiệm kỳ 2010 – 2015, huyện đã kết nạp 702 đảng viên.", 2015, (None, "term", 2010, 2015)),
    ("Dấu ấn giai đoạn 2016-2020 của ngành nông nghiệp\nSản lượng lúa tăng bình quân 2%/năm.", None, (None, "term", 2016, 2020)),
    ("Giai đoạn 2021 - 2025, toàn tỉnh xây dựng 61 xã nông thôn mới.", None, (None, "term", 2021, 2025)),
]


@pytest.mark.parametrize("text,year,expected", TERMS, ids=[t[0][:40] for t in TERMS])
def test_terms(text, year, expected):
    assert period(text, year) == expected


FULL_YEAR = [
    ("Năm 2022, HĐND huyện khóa XX, nhiệm kỳ 2021-2026 đã tổ chức 4 kỳ họp.", 2022),  # the council's term, not the period
    ("Năm 2019, xã đã thực hiện Nghị quyết Đại hội nhiệm kỳ 2015-2020 đạt kết quả tốt.", 2019),
    ("Năm 2024, huyện xây dựng kế hoạch 6 tháng cuối năm và trồng 50 ha rừng.", 2024),  # a plan for the rest of the year
    ("Năm 2023, 240 trẻ em dưới 6 tháng tuổi được tiêm chủng.", 2023),
    ("Năm 2023, số lao động thất nghiệp trên 6 tháng giảm 12 người.", 2023),
]


@pytest.mark.parametrize("text,year", FULL_YEAR, ids=[t[0][:40] for t in FULL_YEAR])
def test_full_year(text, year):
    assert period(text, year) == (year, None, None, None)


def test_part_must_lead_or_recur():
    body = "Năm 2021, huyện đạt nhiều kết quả. " + "Sản xuất nông nghiệp ổn định. " * 15
    once = body + "So với 9 tháng năm trước, thu ngân sách tăng."
    assert period(once, 2021) == (2021, None, None, None)
    twice = body + "Thu ngân sách 9 tháng tăng 4%. Chi ngân sách 9 tháng đạt 70%."
    assert period(twice, 2021) == (2021, "9M", None, None)


def test_span_points_into_the_callers_text():
    text = "Tổng kết\u00a06 tháng đầu năm 2025 của huyện"
    p = detect_period(Context.from_text(text), None)
    assert text[p.span.start : p.span.end] == p.span.text == "6 tháng đầu năm 2025"


@pytest.mark.parametrize("text", ["", "Không có số liệu.", "🙂", "nhiệm kỳ 2020-2015"])
def test_nothing(text):
    assert detect_period(Context.from_text(text), None) is None


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.integers(1990, 2030)))
def test_any_text_gives_a_period_or_none(text, year):
    p = detect_period(Context.from_text(text), year)
    assert p is None or p.part in (None, "term", "Q1", "Q2", "Q3", "Q4") or p.part.endswith("M")


_PIECES = ["6 tháng", "9 tháng đầu năm", "quý II", "Quý 3", "QUÝ IV", "Sáu Tháng", "ſáu tháng", "NHIỆM KỲ 2020-2025", "sáu tháng", "nửa đầu năm", "trên", "Gần", "sau",
           "kế tiếp", "cuối", " ", "  ", "\n", ",", "/", "2024", "năm", "x", "từ", "khoảng"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.booleans())
@settings(max_examples=300, deadline=None)
def test_duration_words_refuse_a_phrase_as_a_look_behind_would(pieces, glued):
    # the duration test runs after the search, backwards from each phrase: the phrases
    # found must be those a look-behind in the pattern itself would let through
    import regex

    from bk_report.lexicon import compile_pattern
    from bk_report.period import _context, _parts_named, _patterns
    from bk_report.text import lowered

    text = ("" if glued else " ").join(pieces)
    part = _patterns()[0]
    src = part.pattern.removeprefix("(?-f)")
    ref = compile_pattern(rf"(?<!{_context('duration_before')}\s+)" + src, part.flags & ~regex.VERSION0)
    expected = [m.span() for m in ref.finditer(text)]
    assert [m.span() for _, m in _parts_named(text)] == expected
    assert [m.span() for _, m in _parts_named(text, lowered(text))] == expected  # case-sensitive on the lowered view
