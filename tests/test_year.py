"""The reported year: texts of our own → the year they mainly report, or None."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bk_report.extractors import year
from bk_report.rules import Context


def detect(text: str):
    return year.detect(Context.from_text(text))


CASES = [
    # a year opening the text, in several wordings
    ("Năm 2023, thành phố đạt nhiều kết quả.", 2023),
    ("Trong năm 2023, thành phố đạt nhiều kết quả.", 2023),
    ("Theo báo cáo, năm 2023, huyện tổ chức 5 kỳ họp.", 2023),
    ("6 tháng đầu năm 2025, kinh tế tỉnh tăng trưởng khá.", 2025),
    ("Kinh tế năm 2022 phục hồi\nTheo báo cáo, doanh thu tăng mạnh.", 2022),
    # comparison years are not the reported year
    ("Năm 2023, doanh thu tăng 9% so với năm 2022; khách quốc tế gấp 3 lần so với năm 2022.", 2023),
    ("Năm 2016, kết nạp 200 đảng viên (tăng 17 so với cùng kỳ năm 2015).", 2016),
    # plan years are not the reported year
    ("Năm 2023, tỉnh đạt 7%. MỤC TIÊU NĂM 2024\nNăm 2024, tỉnh phấn đấu tăng 8%.", 2023),
    ("Năm 2019 huyện đạt kết quả tốt. Năm 2020, huyện phấn đấu trồng mới 500 ha.", 2019),
    (
        "Sở Tư pháp tổng kết năm 2014\nNgày 8/1/2015, Sở tổ chức tổng kết công tác năm 2014, "
        "bàn phương hướng, nhiệm vụ năm 2015. Năm 2015, Sở xác định trọng tâm là cải cách thủ tục.",
        2014,
    ),
    ("Năm 2012, HĐND xã họp 2 kỳ. Năm 2013, HĐND xã tiếp tục đổi mới cách điều hành phiên họp.", 2012),
    ("Năm 2010, phong trào tiếp tục đạt kết quả tốt. Năm 2011, xã phấn đấu có thêm 3 thôn văn hóa.", 2010),
    ("Theo tờ trình, năm 2016, thành phố thu ngân sách vượt dự toán. HĐND sẽ bàn dự toán và kế hoạch vốn năm 2017, nhiệm vụ năm 2017.", 2016),
    ("Thành phố thực hiện nhiệm vụ năm 2023 với nhiều kết quả; hướng tới mục tiêu năm 2024 đề ra.", 2023),
    # ``khóa X, nhiệm kỳ 2021-2026`` in a headline names the council, not a term report
    (
        "Kỳ họp thứ 14 HĐND tỉnh khóa X, nhiệm kỳ 2021-2026\n"
        "Kỳ họp đánh giá kết quả thực hiện nhiệm vụ năm 2024 và quyết định nhiệm vụ năm 2025.",
        2024,
    ),
    # a horizon is not the reported year
    ("Năm 2023, thành phố triển khai nghị quyết về phát triển đến năm 2030, tầm nhìn đến năm 2045.", 2023),
    # a publication date is a date, not a year
    ("Đăng lúc 08:05, 03/02/2020\nNăm 2019, ngành giáo dục được đầu tư đồng bộ.", 2019),
    ("Năm 2011, Sở đã ban hành kế hoạch cải cách, xác định khâu đột phá.", 2011),
    # one year of a term, headlined with the term: the year the body opens with
    ("Năm đầu nhiệm kỳ 2021-2026: nhiều dấu ấn\nNăm 2021, HĐND xã tổ chức 4 kỳ họp.", 2021),
    ("HĐND phường trong năm thứ hai của nhiệm kỳ 2011 - 2016\nTrong năm 2012, Thường trực HĐND phường đã giám sát 6 cuộc.", 2012),
    ("Năm cuối nhiệm kỳ 2020-2025 của Đảng bộ\nNăm 2024, Đảng bộ xã kết nạp 31 đảng viên.", 2024),
]

NONE_CASES = [
    # a term report
    "Dấu ấn nhiệm kỳ 2015-2020\nNhiệm kỳ 2015-2020, cấp ủy các cấp đã kiểm tra 900 tổ chức đảng.",
    "Nhiệm kỳ 2015-2020, tỉnh kết nạp 900 đảng viên; riêng năm 2019 kết nạp 200 đảng viên.",
    # a term report whose headline names a stage, not one year of the term
    "Nhìn lại nhiệm kỳ 2016 – 2021\nNăm 2016, HĐND huyện kiện toàn tổ chức; cả nhiệm kỳ đã họp 18 kỳ.",
    # no year at all, or only a date
    "Mấy năm qua, phong trào thể thao ở xã phát triển mạnh.",
    "Sau khi Quyết định số 88/QĐ-UBND ngày 15/3/2021 có hiệu lực, việc cấp phép nhanh hơn.",
    # only a plan year
    "Năm 2026, huyện phấn đấu tốc độ tăng trưởng đạt 9%.",
    "",
]

GAPS = [
    pytest.param(
        "Doanh thu tăng 9% so với năm 2022.",
        2023,
        marks=pytest.mark.xfail(strict=True, reason="the year after a lone comparison year is not inferred"),
    ),
]


@pytest.mark.parametrize("text,expected", CASES + GAPS)
def test_year(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize("text", NONE_CASES)
def test_no_year(text):
    assert detect(text) is None


def test_weights_name_their_rule():
    weighed = year.weigh_years(Context.from_text("Năm 2023, doanh thu tăng so với năm 2022. Năm 2024 sẽ tăng."))
    assert [(w.year, w.rule) for w in weighed] == [(2023, "year.lead"), (2022, "year.comparison"), (2024, "year.plan")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="Năm năm 2019 2020 2021-2025 nhiệm kỳ so với phấn đấu,.\n", max_size=100))
def test_junk_gives_a_year_of_the_text_or_none(text):
    found = detect(text)
    assert found is None or str(found) in text


def test_cue_table_is_valid():
    from bk_report.lexicon import load_table

    roles = {r["role"] for r in load_table("year_cues")}
    assert roles == {"comparison", "horizon", "plan", "result", "plan_after", "weak_plan_after", "result_after", "term", "term_year"}


@pytest.mark.parametrize("scanner_marks_year", [False, True])
def test_year_word_before_a_noun_either_way(scanner_marks_year):
    """``Năm 2018 xã …``: a year whether the scanner marks it (kind ``year``) or leaves a number."""
    import dataclasses

    from bk_report.models import NumberRole

    ctx = Context.from_text("Năm 2018 xã tiếp 40 lượt công dân. Năm 2019, xã phấn đấu tiếp thêm.")
    n = ctx.numerals[0]
    assert n.text == "2018"
    if scanner_marks_year:
        ctx.numerals[0] = dataclasses.replace(n, kind="year")
    assert year.detect(ctx) == 2018
    claim = ctx.claims.get(n.start)
    assert claim is None or claim.role is NumberRole.year
    assert year.is_year(ctx, ctx.numerals[0])
