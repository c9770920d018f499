"""Council (HĐND) figures: sentences of our own → expected (measure, count) multisets.

Each row is a sentence written for these tests (not corpus text).  Values are
listed with several surface forms; negative rows must give nothing; known gaps are
strict xfails.
"""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from bk_report.extractors import council
from bk_report.models import NumberRole
from bk_report.rules import Context


def figures(text: str) -> Counter:
    return Counter((f.measure.value, f.count) for f in council.extract(Context.from_text(text)))


# (sentence, expected figures)
CASES = [
    # sessions held: digits, leading zeros, spelled, and a breakdown
    ("HĐND huyện đã tổ chức 05 kỳ họp.", [("sessions_held", 5)]),
    ("HĐND huyện đã tổ chức 5 kỳ họp.", [("sessions_held", 5)]),
    ("HĐND huyện đã tổ chức năm kỳ họp.", [("sessions_held", 5)]),
    (
        "HĐND thành phố tổ chức 9 kỳ họp, trong đó có 3 kỳ họp thường lệ, 6 kỳ họp chuyên đề.",
        [("sessions_held", 9), ("regular_sessions", 3), ("thematic_sessions", 6)],
    ),
    ("HĐND xã tổ chức hai kỳ họp thường lệ và một kỳ họp bất thường.", [("regular_sessions", 2), ("thematic_sessions", 1)]),
    ("HĐND tỉnh tổ chức 8 kỳ họp (2 kỳ họp thường lệ, 6 kỳ họp chuyên đề).",
     [("sessions_held", 8), ("regular_sessions", 2), ("thematic_sessions", 6)]),
    # session ordinals: digits, words, Roman, lists; the same session written twice counts once
    ("Kỳ họp thứ 12 HĐND huyện khóa XX bế mạc.", [("session_number", 12)]),
    ("Kỳ họp thứ mười hai của HĐND huyện bế mạc.", [("session_number", 12)]),
    ("Kỳ họp thứ XII của HĐND huyện bế mạc.", [("session_number", 12)]),
    ("Khai mạc Kỳ họp lần thứ Mười hai HĐND huyện. Kỳ họp thứ 12 diễn ra trong hai ngày.", [("session_number", 12)]),
    ("Kỳ họp thứ nhất và kỳ họp thứ tư của HĐND xã", [("session_number", 1), ("session_number", 4)]),
    ("Tại các kỳ họp thứ 5, 6 và 7 của HĐND tỉnh", [("session_number", 5), ("session_number", 6), ("session_number", 7)]),
    ("Tại kỳ họp thứ 3, 12 đại biểu chất vấn.", [("session_number", 3), ("questions", 12)]),
    # resolutions: issued, passed, drafts, planned; a glued number
    ("HĐND tỉnh ban hành 187 nghị quyết.", [("resolutions", 187)]),
    ("HĐND huyện đã thông qua 12 dự thảo nghị quyết.", [("resolutions", 12)]),
    ("Tại kỳ họp này, HĐND huyện sẽ xem xét, thông qua 06 nghị quyết.", [("resolutions", 6)]),
    ("HĐND xã đã thông qua bảy nghị quyết.", [("resolutions", 7)]),
    # supervisions and surveys
    ("Thường trực HĐND tỉnh tổ chức 27 cuộc giám sát.", [("supervisions", 27)]),
    ("Các Ban HĐND huyện thực hiện 4 đợt giám sát, 3 cuộc khảo sát.", [("supervisions", 4), ("surveys", 3)]),
    ("Tổ đại biểu HĐND chọn 5 nội dung giám sát.", [("supervisions", 5)]),
    # voters
    ("Đại biểu HĐND tổ chức 21 đợt tiếp xúc cử tri.", [("voter_meetings", 21)]),
    ("Đại biểu HĐND tổ chức 30 điểm TXCT.", [("voter_meetings", 30)]),
    ("Các Tổ đại biểu tổ chức 12 hội nghị tiếp xúc cử tri.", [("voter_meetings", 12)]),
    ("Đại biểu tổ chức 14 cuộc tếp xúc cử tri.", [("voter_meetings", 14)]),
    ("Đại biểu HĐND tỉnh tiếp xúc cử tri tại 120 điểm.", [("voter_meetings", 120)]),
    ("Sau tiếp xúc cử tri, Thường trực HĐND tổng hợp 412 ý kiến, kiến nghị.", [("voter_opinions", 412)]),
    ("Thường trực HĐND đã chuyển 96 ý kiến, kiến nghị của cử tri đến UBND.", [("voter_opinions", 96)]),
    ("Thường trực HĐND đã chuyển hai nghìn không trăm hai mươi tư ý kiến cử tri.", [("voter_opinions", 2024)]),
    # questions and confidence votes
    ("Tại phiên chất vấn, có 14 đại biểu chất vấn.", [("questions", 14)]),
    ("Có 9 lượt đại biểu chất vấn, 5 ý kiến chất vấn gửi bằng văn bản.", [("questions", 9), ("questions", 5)]),
    ("HĐND tỉnh lấy phiếu tín nhiệm 17 người giữ chức vụ do HĐND bầu.", [("confidence_votes", 17)]),
    ("HĐND tỉnh lấy phiếu tín nhiệm đối với 28 người.", [("confidence_votes", 28)]),
    # citizens and letters
    ("Thường trực HĐND tỉnh tiếp 164 lượt công dân.", [("citizen_receptions", 164)]),
    ("Thường trực HĐND huyện tiếp công dân 45 lượt.", [("citizen_receptions", 45)]),
    ("Thường trực HĐND tiếp nhận 233 đơn thư.", [("letters", 233)]),
    ("Thường trực HDND tiếp nhận 193đơn khiếu nại, tố cáo.", [("letters", 193)]),
    # differences are not figures
    ("Thường trực HĐND tiếp 56 lượt công dân (cùng kỳ năm trước là 71 lượt).", [("citizen_receptions", 56)]),
    ("Các Ban HĐND tổ chức 9 cuộc giám sát, tăng 5 cuộc giám sát so với năm trước.", [("supervisions", 9)]),
    # the actor carried from an earlier sentence of the paragraph
    ("HĐND thị xã tổ chức 4 kỳ họp. Thường trực thực hiện 6 cuộc giám sát.", [("sessions_held", 4), ("supervisions", 6)]),
    # communes' councils beside the district's own
    (
        "HĐND huyện tổ chức 4 kỳ họp; HĐND các xã, thị trấn tổ chức 52 kỳ họp, ban hành 289 nghị quyết.",
        [("sessions_held", 4), ("sessions_held", 52), ("resolutions", 289)],
    ),
    # a lead restated in the body: counted once; equal counts of two bodies in one paragraph: both
    (
        "Năm 2023, HĐND tỉnh tổ chức 6 kỳ họp, ban hành 74 nghị quyết.\n"
        "Trong năm, HĐND tỉnh tổ chức 6 kỳ họp, gồm 2 kỳ họp thường lệ và 4 kỳ họp chuyên đề, ban hành 74 nghị quyết.",
        [("sessions_held", 6), ("resolutions", 74), ("regular_sessions", 2), ("thematic_sessions", 4)],
    ),
    ("Thường trực HĐND tổ chức 3 cuộc giám sát; các Ban HĐND tổ chức 3 cuộc giám sát.", [("supervisions", 3), ("supervisions", 3)]),
    # an HĐND partnering another body keeps its counts
    ("Thường trực HĐND phối hợp với Ban Thường trực UBMTTQVN tổ chức 24 cuộc giám sát.", [("supervisions", 24)]),
]

NEGATIVES = [
    "Thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ VII.",
    "HĐND xã khóa XIX hoạt động hiệu quả.",
    "Quốc hội khóa XV đã tổ chức 8 kỳ họp.",
    "Đại biểu Quốc hội dự Kỳ họp thứ 8, Quốc hội khóa XV.",
    "UBKT Huyện ủy tiếp nhận 12 đơn thư, giải quyết 10 đơn.",
    "Ban Thường vụ Tỉnh ủy ban hành 15 nghị quyết chuyên đề.",
    "Đảng ủy xã tổ chức 6 cuộc giám sát.",
    "Cấp ủy các cấp kiểm tra 24 tổ chức đảng, 333 đảng viên.",
    "Tại kỳ họp, các đại biểu đã thảo luận 25 ý kiến thảo luận tại hội trường.",
    "Huyện có 15 đơn vị hành chính cấp xã.",
    "Kỳ họp diễn ra trong 3 ngày.",
    "Đại hội đại biểu Đảng bộ huyện lần thứ XX đã thông qua 3 nghị quyết.",
    "UBND huyện triển khai 5 nghị quyết chuyên đề của Tỉnh ủy.",
    "",
]

GAPS = [
    pytest.param(
        "HĐND huyện họp kỳ họp thứ 5; HĐND xã Tân An cũng tổ chức kỳ họp thứ 5.",
        [("session_number", 5), ("session_number", 5)],
        marks=pytest.mark.xfail(strict=True, reason="sessions are told apart by number only, not by council"),
    ),
    pytest.param(
        "Đại biểu HĐND tổ chức 412 cuộc tiếp xúc cử tri. Như vậy, hơn 400 cuộc tiếp xúc cử tri đã diễn ra.",
        [("voter_meetings", 412)],
        marks=pytest.mark.xfail(strict=True, reason="a rounded restatement in the body is not recognised"),
    ),
]


@pytest.mark.parametrize("text,expected", CASES + GAPS)
def test_council_figures(text, expected):
    assert figures(text) == Counter(expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_council_figures(text):
    assert figures(text) == Counter()


@pytest.mark.parametrize("text,expected", CASES)
def test_spans_cover_number_and_noun(text, expected):
    ctx = Context.from_text(text)
    for f in council.extract(ctx):
        assert text[f.span.start : f.span.end] == f.span.text
        assert f.rule.startswith("council.")
        assert any(ch.isdigit() for ch in f.span.text) or len(f.span.text.split()) >= 2


def test_headline_restatement_counted_once():
    text = "HĐND tỉnh ban hành 74 nghị quyết\nNăm 2023, HĐND tỉnh đã ban hành 74 nghị quyết."
    ctx = Context.from_text(text)
    found = council.extract(ctx)
    assert [(f.measure.value, f.count) for f in found] == [("resolutions", 74)]
    assert found[0].span.start > text.index("\n")
    roles = sorted(c.role for c in ctx.claims.values())
    assert roles == sorted([NumberRole.restatement, NumberRole.figure])


def test_numerals_are_claimed():
    ctx = Context.from_text("HĐND tỉnh tổ chức 6 kỳ họp; tại kỳ họp thứ 9 tiếp 20 lượt công dân (cùng kỳ năm trước là 31 lượt công dân).")
    council.extract(ctx)
    roles = {n.text: ctx.claims[n.start].role for n in ctx.numerals}
    assert roles == {"6": NumberRole.figure, "9": NumberRole.ordinal, "20": NumberRole.figure, "31": NumberRole.difference}


def test_nfd_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "Thường trực HĐND tỉnh tiếp 164 lượt công dân, nhận 30 đơn thư.")
    found = council.extract(Context.from_text(text))
    assert [(f.measure.value, f.count) for f in found] == [("citizen_receptions", 164), ("letters", 30)]
    for f in found:
        assert text[f.span.start : f.span.end] == f.span.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="HĐNDkỳ họpthứ0123456789 ,.;\nnghịquyếtcuộcgiámsátđơn lượtcôngdânIVX", max_size=120))
def test_junk_never_crashes(text):
    for f in council.extract(Context.from_text(text)):
        assert f.count >= 0
        assert text[f.span.start : f.span.end] == f.span.text
