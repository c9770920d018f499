"""Membership extractor: sentences → expected (action, count) tuples.

Our own sentences with invented figures; several surface forms per expected
value; negatives must give nothing; known gaps are strict xfails.
"""
from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

import bk_report
from bk_report.extractors import membership
from bk_report.lexicon import load_table
from bk_report.models import NumberRole
from bk_report.rules import Context


def tuples(text: str) -> Counter:
    return Counter((f.action.value, f.count) for f in bk_report.extract(text).membership)


CASES = [
    ("admitted", [
        "Năm 2022, toàn Đảng bộ kết nạp 318 đảng viên mới.",
        "Năm 2022, toàn Đảng bộ kết nạp được 318 đảng viên mới.",
        "Năm 2022, toàn Đảng bộ kết nạp mới 318 đảng viên.",
        "Năm 2022, toàn Đảng bộ kết nạp 318 ĐV mới.",
        "Năm 2022, các cấp ủy phát triển được 318 đảng viên mới.",
        "Năm 2022, có 318 quần chúng ưu tú được kết nạp vào Đảng.",
        unicodedata.normalize("NFD", "Năm 2022, toàn Đảng bộ kết nạp 318 đảng viên mới."),
    ], [("admitted", 318)]),
    ("struck-off", [
        "Các chi bộ đã xóa tên 4 đảng viên.",
        "Các chi bộ đã xoá tên 4 đảng viên bỏ sinh hoạt.",
        "Các chi bộ đã xóa tên bốn đảng viên.",
        "Các chi bộ đã xóa tên khỏi danh sách đảng viên đối với 4 trường hợp.",
    ], [("struck_off", 4)]),
    ("exit-allowed", [
        "Đảng ủy cho ra khỏi Đảng 3 trường hợp.",
        "Đảng ủy cho ra khỏi Đảng 3 đảng viên.",
        "Đảng ủy đã cho 3 đảng viên ra khỏi Đảng.",
        "Đảng ủy cho ra khỏi Đảng ba đồng chí.",
    ], [("exit_allowed", 3)]),
    ("all-three", [
        "Toàn Đảng bộ kết nạp 205 đảng viên mới; xóa tên 7 đảng viên; cho ra khỏi Đảng 2 trường hợp.",
        "Toàn Đảng bộ kết nạp 205 đảng viên mới, xóa tên 7 đảng viên và cho ra khỏi Đảng 2 trường hợp.",
        "Toàn Đảng bộ kết nạp 205 đảng viên mới (tăng 15 đảng viên so với năm trước); xóa tên 7 đảng viên; cho 2 đảng viên ra khỏi Đảng.",
        "Toàn Đảng bộ kết nạp 205 đảng viên mới, đạt 102,5% kế hoạch; xóa tên 7 đảng viên; cho ra khỏi Đảng 2 trường hợp.",
    ], [("admitted", 205), ("struck_off", 7), ("exit_allowed", 2)]),
    ("spelled", [
        "Trong năm, toàn Đảng bộ kết nạp được một trăm linh năm đảng viên mới; xóa tên năm đảng viên.",
    ], [("admitted", 105), ("struck_off", 5)]),
    ("total-is-not-admitted", [
        "Kết nạp 25 đảng viên, nâng tổng số đảng viên toàn Đảng bộ lên 2.345 đồng chí.",
        "Kết nạp 25 đảng viên, chuyển đảng chính thức 30 đảng viên.",
    ], [("admitted", 25)]),
    ("bullet-count-after-noun", [
        "Công tác phát triển đảng viên:\n- Kết nạp đảng viên mới: 243;\n- Xóa tên đảng viên: 9;\n- Cho ra khỏi Đảng: 2 trường hợp.",
        "KẾT QUẢ CÔNG TÁC ĐẢNG VIÊN\n+ Kết nạp: 243 đảng viên mới\n+ Xóa tên: 9 đảng viên\n+ Cho ra khỏi Đảng: 2 đảng viên",
        "Trong năm, Đảng bộ kết nạp đảng viên mới: 243; xóa tên đảng viên: 9; cho ra khỏi Đảng 2 trường hợp.",
    ], [("admitted", 243), ("struck_off", 9), ("exit_allowed", 2)]),
    ("admission-noun-is-not-kết-nạp-Đảng", [
        "Toàn Đảng bộ kết nạp đảng viên mới được 40 đồng chí.",
        "Toàn Đảng bộ có 40 quần chúng được kết nạp Đảng.",
        "Năm qua, các chi bộ phát triển đảng viên mới: 40.",
    ], [("admitted", 40)]),
    ("after-discipline", [
        "UBKT Huyện ủy kỷ luật 3 đảng viên; Đảng bộ kết nạp 40 đảng viên mới.",
    ], [("admitted", 40)]),
]

NEGATIVES = [
    "Hội Nông dân xã kết nạp 320 hội viên mới.",
    "Đoàn Thanh niên kết nạp 85 đoàn viên.",
    "Đảng bộ hiện có 4.226 đảng viên.",
    "Năm 2023, 28 đảng viên được tặng Huy hiệu 40 năm tuổi Đảng.",
    "UBKT Tỉnh ủy khai trừ ra khỏi Đảng 3 đảng viên.",
    "Các chi bộ quan tâm công tác phát triển đảng viên, nhất là ở vùng đồng bào dân tộc thiểu số.",
    "Cấp ủy các cấp kiểm tra 120 đảng viên.",
    "Công tác kết nạp đảng viên trong học sinh, sinh viên còn gặp khó khăn.",
    "Kết nạp đảng viên: 12 đợt trong năm.",
    "Các chi bộ phát triển đảng viên: 50 (chưa tính đảng viên dự bị).",
]

KNOWN_GAPS = [
    ("combined-struck-off-and-exit", "Đảng bộ đã xóa tên 4 và cho ra khỏi Đảng 2 đảng viên.",
     [("struck_off", 4), ("exit_allowed", 2)], "a count with its noun only after the next count is not read"),
]


def _params():
    for cid, forms, expected in CASES:
        for k, text in enumerate(forms):
            yield pytest.param(text, expected, id=f"{cid}-{k}")


@pytest.mark.parametrize("text,expected", list(_params()))
def test_sentence(text, expected):
    assert tuples(text) == Counter(expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text):
    assert bk_report.extract(text).membership == []


@pytest.mark.parametrize(
    "text,expected", [pytest.param(t, e, id=i, marks=pytest.mark.xfail(strict=True, reason=w)) for i, t, e, w in KNOWN_GAPS]
)
def test_known_gaps(text, expected):
    assert tuples(text) == Counter(expected)


def test_span_rule_and_roles():
    text = "Toàn Đảng bộ kết nạp 2.314 đảng viên mới, đạt 102,8% chỉ tiêu (tăng 96 đảng viên so với năm trước)."
    report = bk_report.extract(text)
    (fig,) = report.membership
    assert fig.span.text == "2.314 đảng viên mới"
    assert text[fig.span.start : fig.span.end] == fig.span.text
    assert fig.rule == "membership.count"
    roles = {n.span.text: n.role for n in report.numbers}
    assert roles["2.314"] == NumberRole.figure
    assert roles["102,8%"] == NumberRole.qualifier_percent
    assert roles["96"] == NumberRole.difference
    assert report.indicators == []


def test_trailing_rule_name():
    (fig,) = bk_report.extract("Đảng ủy đã cho 3 đảng viên ra khỏi Đảng.").membership
    assert fig.rule == "membership.trailing" and fig.span.text == "3 đảng viên"


def test_tables_load():
    assert {r["action"] for r in load_table("membership_actions")} == {"admitted", "struck_off", "exit_allowed"}
    assert load_table("membership_nouns")


def test_face():
    assert membership.RULES and all(r.name.startswith("membership.") for r in membership.RULES)
    assert membership.extract(Context.from_text("")) == []


# (id, text, expected tuples, numerals claimed as rounded restatements)
ROUNDED = [
    ("headline-more-than", "Tỉnh Đông Vân kết nạp hơn 1.500 đảng viên mới\nNăm 2023, toàn Đảng bộ tỉnh kết nạp 1.538 đảng viên mới.",
     [("admitted", 1538)], ["1.500"]),
    ("lead-nearly", "Năm 2023, Đảng bộ kết nạp gần 4.900 đảng viên.\nCụ thể, các tổ chức cơ sở đảng kết nạp 4.836 đảng viên mới; xóa tên 25 đảng viên.",
     [("admitted", 4836), ("struck_off", 25)], ["4.900"]),
    ("summary-about", "Các chi bộ kết nạp 1.187 đảng viên mới. Như vậy, cả năm kết nạp được khoảng 1.200 đảng viên.",
     [("admitted", 1187)], ["1.200"]),
    ("no-exact-figure", "Cả nhiệm kỳ, Đảng bộ kết nạp khoảng 3.000 đảng viên mới.", [("admitted", 3000)], []),
    ("other-action", "Đảng bộ xóa tên gần 620 đảng viên; kết nạp 612 đảng viên mới.",
     [("struck_off", 620), ("admitted", 612)], []),
    ("too-far", "Đảng bộ kết nạp hơn 500 đảng viên mới. Các chi bộ kết nạp 612 đảng viên mới.",
     [("admitted", 500), ("admitted", 612)], []),
    ("wrong-side", "Đảng bộ kết nạp hơn 620 đảng viên mới. Các chi bộ kết nạp 612 đảng viên mới.",
     [("admitted", 620), ("admitted", 612)], []),
]


@pytest.mark.parametrize("text,expected,restated", [pytest.param(t, e, r, id=i) for i, t, e, r in ROUNDED])
def test_rounded_restatements(text, expected, restated):
    report = bk_report.extract(text)
    assert Counter((f.action.value, f.count) for f in report.membership) == Counter(expected)
    got = [n for n in report.numbers if n.role == NumberRole.restatement]
    assert [n.span.text for n in got] == restated
    assert all(n.rule == "membership.rounded_restatement" for n in got)
    assert report.indicators == []
