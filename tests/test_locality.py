"""Locality of a report at every level, with names from before and after 1 July 2025.

Sentences written for these tests; the figures are made up.
"""
from __future__ import annotations

import warnings

import pytest

from bk_report import locality
from bk_report.locality import detect_locality, mentions
from bk_report.rules import Context

GZ = locality.gazetteer()
needs_gazetteer = pytest.mark.skipif(GZ is None, reason="vietnamadminunits is not installed")


def loc(text: str, year=None):
    found = detect_locality(Context.from_text(text), year)
    return None if found is None else (found.name, found.level, found.province, found.current_name, found.current_province)


CASES = [
    # national
    ("Năm 2022, cả nước có 41 tỉnh, thành phố đạt chỉ tiêu trồng rừng.", 2022,
     ("Việt Nam", "national", None, None, None)),
    # province before 2025, merged in 2025: the current province beside it
    ("Năm 2021, tỉnh Hà Giang trồng mới 9.300 ha rừng, tỷ lệ che phủ đạt 58%.", 2021,
     ("Hà Giang", "province", "Hà Giang", "Tuyên Quang", "Tuyên Quang")),
    ("Tỉnh ủy Vĩnh Phúc tổng kết năm 2020\n\nNăm 2020, Đảng bộ tỉnh Vĩnh Phúc kết nạp 2.310 đảng viên.", 2020,
     ("Vĩnh Phúc", "province", "Vĩnh Phúc", "Phú Thọ", "Phú Thọ")),
    # a province kept in 2025 (merged with others): the same name before and after
    ("Năm 2023, thu ngân sách của tỉnh Thanh Hoá đạt 51.000 tỷ đồng.", 2023,
     ("Thanh Hóa", "province", "Thanh Hóa", None, "Thanh Hóa")),
    # the post-2025 province, larger than its namesake
    ("Năm 2026, tỉnh Tuyên Quang (mới) đón 3,1 triệu lượt khách du lịch.", 2026,
     ("Tuyên Quang", "province", "Tuyên Quang", None, "Tuyên Quang")),
    # an older name of a province (Thừa Thiên Huế became Thành phố Huế in 2025)
    ("Năm 2019, tỉnh Thừa Thiên Huế đón 4,8 triệu lượt khách.", 2019,
     ("Huế", "province", "Huế", None, "Huế")),
    # centrally-run cities are provinces
    ("Năm 2024, thành phố Cần Thơ có 22 doanh nghiệp thành lập mới mỗi tuần.", 2024,
     ("Cần Thơ", "province", "Cần Thơ", None, "Cần Thơ")),
    ("Năm 2023, GRDP của TP.HCM tăng 5,8%.", 2023,
     ("Hồ Chí Minh", "province", "Hồ Chí Minh", None, "Hồ Chí Minh")),
    # city (thành phố thuộc tỉnh), abolished as a level in 2025
    ("TP. Tuy Hoà vượt khó\n\nNăm 2018, giá trị sản xuất của TP. Tuy Hòa đạt 20.000 tỷ đồng.", 2018,
     ("Tuy Hòa", "city", "Phú Yên", None, "Đắk Lắk")),
    ("Năm 2022, Thành ủy Bắc Kạn kiểm tra 31 tổ chức đảng; tỉnh Bắc Kạn có 8 huyện, thành phố.", 2022,
     ("Bắc Kạn", "city", "Bắc Kạn", None, "Thái Nguyên")),
    # town (thị xã)
    ("Năm 2020, thị xã Kỳ Anh (Hà Tĩnh) thu ngân sách 1.200 tỷ đồng.", 2020,
     ("Kỳ Anh", "town", "Hà Tĩnh", None, "Hà Tĩnh")),
    ("HĐND TX Vĩnh Châu tổ chức 4 kỳ họp trong năm 2019.", 2019,
     ("Vĩnh Châu", "town", "Sóc Trăng", None, "Cần Thơ")),
    # district (huyện, quận); a name shared by ten provinces needs its province
    ("Năm 2017, huyện Châu Thành (Tiền Giang) có 12 xã đạt chuẩn nông thôn mới.", 2017,
     ("Châu Thành", "district", "Tiền Giang", None, "Đồng Tháp")),
    ("Năm 2017, huyện Châu Thành có 12 xã đạt chuẩn nông thôn mới.", 2017,
     ("Châu Thành", "district", None, None, None)),
    ("Quận ủy Ninh Kiều tổng kết năm 2023\n\nNăm 2023, UBKT Quận ủy kiểm tra 15 đảng viên.", 2023,
     ("Ninh Kiều", "district", "Cần Thơ", None, "Cần Thơ")),
    # an untyped name heading the title
    ("Mèo Vạc: Trồng cỏ nuôi bò\n\nNăm 2019, huyện có 21.000 con bò.", 2019,
     ("Mèo Vạc", "district", "Hà Giang", None, "Tuyên Quang")),
    # commune before 2025, merged in 2025: the new commune beside it
    ("Năm 2023, HĐND phường Phúc Xá, quận Ba Đình tổ chức 3 kỳ họp.", 2023,
     ("Phúc Xá", "commune", "Hà Nội", "Hồng Hà", "Hà Nội")),
    ("Năm 2021, xã Nam Tuấn, huyện Hòa An (Cao Bằng) có 48 hộ thoát nghèo.", 2021,
     ("Nam Tuấn", "commune", "Cao Bằng", None, "Cao Bằng")),
    # commune after 2025 (a new ward and a special zone)
    ("Năm 2026, phường Hồng Hà (Hà Nội) tiếp 96 lượt công dân.", 2026,
     ("Hồng Hà", "commune", "Hà Nội", None, "Hà Nội")),
    ("Năm 2026, đặc khu Phú Quốc đón 1,7 triệu lượt khách quốc tế.", 2026,
     ("Phú Quốc", "commune", "An Giang", None, "An Giang")),
    # commune merged before the gazetteer's date: name and level kept, province from the text
    ("Năm 2016, xã Vĩnh Xuân Hạ thuộc huyện Hòa An, tỉnh Cao Bằng có 12 hộ nghèo.", 2016,
     ("Vĩnh Xuân Hạ", "commune", "Cao Bằng", None, "Cao Bằng")),
    # party bloc
    ("Năm 2024, Đảng bộ Khối các cơ quan tỉnh Quảng Ninh kết nạp 215 đảng viên.", 2024,
     ("Đảng bộ Khối các cơ quan tỉnh", "party_bloc", "Quảng Ninh", None, "Quảng Ninh")),
    ("Đảng ủy Khối Doanh nghiệp tỉnh Long An kiểm tra 12 tổ chức đảng.", 2019,
     ("Đảng bộ Khối Doanh nghiệp tỉnh", "party_bloc", "Long An", None, "Tây Ninh")),
]


@needs_gazetteer
@pytest.mark.parametrize("text,year,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_locality(text, year, expected):
    assert loc(text, year) == expected


@needs_gazetteer
def test_subject_beats_places_it_mentions():
    text = ("Chư Sê: Hoàn thành xây dựng nông thôn mới\n\nNăm 2024, huyện Chư Sê (Gia Lai) có thêm "
            "xã Ia Blang đạt chuẩn. Huyện đã học tập kinh nghiệm của tỉnh Lâm Đồng.")
    assert loc(text, 2024)[:3] == ("Chư Sê", "district", "Gia Lai")


@needs_gazetteer
def test_gazetteer_is_recorded_and_span_points_into_text():
    text = "Năm 2023,\u00a0huyện Thoại Sơn xuống giống 41.000 ha lúa."
    found = detect_locality(Context.from_text(text), 2023)
    assert found.gazetteer == f"vietnamadminunits {GZ.version}"
    assert text[found.span.start : found.span.end] == found.span.text == "huyện Thoại Sơn"


def test_mentions_read_names_only_when_capitalised():
    found = mentions(Context.from_text("Các xã hội thảo; huyện đã chỉ đạo; TP. Hạ Long; Xã hội hóa"))
    assert [(m.level, m.name) for m in found] == [("city", "Hạ Long")]


@pytest.mark.parametrize("text", ["", "Không có địa danh nào.", "🙂", "xã hội hóa giáo dục"])
def test_nothing(text):
    assert detect_locality(Context.from_text(text)) is None


def test_without_the_gazetteer_the_text_reading_is_kept(monkeypatch):
    monkeypatch.setattr(locality, "gazetteer", lambda: None)
    found = detect_locality(Context.from_text("Năm 2020, huyện Mèo Vạc (Hà Giang) trồng 300 ha rừng."), 2020)
    assert (found.name, found.level, found.province, found.gazetteer) == ("Mèo Vạc", "district", "Hà Giang", None)


def test_missing_package_warns(monkeypatch):
    monkeypatch.setattr(locality.importlib.util, "find_spec", lambda name: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert locality.gazetteer.__wrapped__() is None
    assert any("vietnamadminunits" in str(w.message) for w in caught)


@needs_gazetteer
def test_gazetteer_is_built_once():
    assert locality.gazetteer() is locality.gazetteer()


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gives_a_locality_or_none(text):
    found = detect_locality(Context.from_text(text))
    assert found is None or found.level in ("national", "province", "city", "town", "district", "commune", "party_bloc")


_PIECES = ["xã", "XÃ", "Xã", "thị xã", "Thị Trấn", "TP.", "tp", "Tp.", "huyện", "HUYỆN ủy", "Tỉnh ủy", "cả nước", "Toàn quốc",
           "Mèo Vạc", "Sơn Tây", "Đông", "đặc khu", "Phú Quốc", " ", "  ", ".", ",", "\n", "(", ")", "ſ", "İ", "x", "thịt", "ĐẢNG BỘ"]


@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.booleans())
@settings(max_examples=400, deadline=None)
def test_first_words_find_what_a_search_finds(pieces, glued):
    # the whole-text patterns are tried only where one of their first words is: the
    # matches must be those of a search through every position
    from bk_report.text import lowered
    from bk_report.locality import _finditer, _searches

    text = ("" if glued else " ").join(pieces)
    for name, (searched, _) in _searches().items():
        expected = [(m.span(), m.groupdict()) for m in searched.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _finditer(name, text, lowered(text))] == expected, name
