"""Canonical indicator keys: table-driven over indicator_keys.tsv, plus names written for these tests."""
from __future__ import annotations

from decimal import Decimal

import pytest

from bk_report import keys
from bk_report.keys import assign_key, key_table, sector_of, with_keys
from bk_report.models import Indicator, Span, Unit

ROWS = key_table()


def test_table_has_sixty_indicators_and_required_keys():
    found = {r.key for r in ROWS}
    assert len(found) >= 60
    required = {
        "retail_sales", "industrial_output", "production_value", "economic_growth", "budget_revenue",
        "per_capita_income", "poverty_rate", "near_poverty_rate", "food_output", "planted_area",
        "afforestation_area", "forest_cover", "new_cooperatives", "new_enterprises", "jobs_created",
        "trained_labour_rate", "health_insurance_coverage", "new_rural_communes",
        "national_standard_schools", "public_investment_disbursement", "tourist_arrivals",
    }
    assert required <= found


@pytest.mark.parametrize("row", ROWS, ids=[r.key for r in ROWS])
def test_each_key_is_matched_by_two_different_wordings(row):
    """Every canonical indicator is reached by at least two of its own wordings (none shadowed)."""
    hits = {w for w in row.wordings if (assign_key(w, row.units[0]) or (None,))[0] == row.key}
    assert len(hits) >= 2, f"{row.key}: only {hits} resolve to it"


@pytest.mark.parametrize("row", ROWS, ids=[r.key for r in ROWS])
def test_wordings_match_inside_longer_names_and_any_case(row):
    w = next(w for w in row.wordings if (assign_key(w, row.units[0]) or (None,))[0] == row.key)
    name = w[0].upper() + w[1:] + " của địa phương"
    assert assign_key(name, row.units[0])[0] == row.key


# Names as an extractor returns them, written for these tests (two or more wordings per key).
NAMES = [
    ("Tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tiêu dùng trên địa bàn", Unit.VND, "retail_sales", None),
    ("tổng mức bán lẻ", Unit.percent, "retail_sales", None),
    ("Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp", Unit.VND, "industrial_output", None),
    ("giá trị sản xuất ngành công nghiệp", Unit.percent, "industrial_output", None),
    ("giá trị sản xuất công nghiệp – xây dựng", Unit.VND, "industrial_output", "industry_construction"),
    ("Tổng giá trị sản xuất các ngành", Unit.VND, "production_value", None),
    ("giá trị sản xuất trên địa bàn thị xã", Unit.VND, "production_value", None),
    ("Tốc độ tăng trưởng kinh tế (GRDP)", Unit.percent, "economic_growth", None),
    ("tăng trưởng GRDP", Unit.percent, "economic_growth", None),
    ("tốc độ tăng trưởng khu vực dịch vụ", Unit.percent, "economic_growth", "services"),
    ("Tổng thu ngân sách nhà nước trên địa bàn", Unit.VND, "budget_revenue", None),
    ("thu NSNN", Unit.VND, "budget_revenue", None),
    ("Thu nhập bình quân đầu người", Unit.VND, "per_capita_income", None),
    ("thu nhập bình quân đầu người khu vực nông thôn", Unit.VND, "per_capita_income", None),
    ("Tỷ lệ hộ nghèo đa chiều", Unit.percent, "poverty_rate", None),
    ("tỉ lệ hộ nghèo", Unit.percent, "poverty_rate", None),
    ("tỷ lệ hộ cận nghèo", Unit.percent, "near_poverty_rate", None),
    ("Tỉ lệ hộ cận nghèo đa chiều", Unit.percent, "near_poverty_rate", None),
    ("số hộ nghèo", Unit.household, "poor_households", None),
    ("Sản lượng lương thực có hạt", Unit.t, "food_output", None),
    ("tổng sản lượng lương thực", Unit.t, "food_output", None),
    ("diện tích gieo trồng cây hằng năm", Unit.ha, "planted_area", None),
    ("vụ Mùa xuống giống", Unit.ha, "planted_area", None),
    ("trồng rừng tập trung", Unit.ha, "afforestation_area", None),
    ("diện tích trồng rừng mới", Unit.ha, "afforestation_area", None),
    ("tỷ lệ che phủ rừng", Unit.percent, "forest_cover", None),
    ("độ che phủ rừng", Unit.percent, "forest_cover", None),
    ("thành lập mới hợp tác xã", Unit.count, "new_cooperatives", None),
    ("HTX thành lập mới", Unit.count, "new_cooperatives", None),
    ("doanh nghiệp đăng ký thành lập mới", Unit.count, "new_enterprises", None),
    ("số doanh nghiệp thành lập mới", Unit.count, "new_enterprises", None),
    ("giải quyết việc làm mới", Unit.person, "jobs_created", None),
    ("lao động được tạo việc làm", Unit.person, "jobs_created", None),
    ("Tỷ lệ lao động qua đào tạo", Unit.percent, "trained_labour_rate", None),
    ("tỷ lệ lao động đã qua đào tạo", Unit.percent, "trained_labour_rate", None),
    ("tỷ lệ bao phủ bảo hiểm y tế", Unit.percent, "health_insurance_coverage", None),
    ("tỷ lệ người dân tham gia BHYT", Unit.percent, "health_insurance_coverage", None),
    ("xã đạt chuẩn nông thôn mới", Unit.count, "new_rural_communes", None),
    ("tổng số xã đạt chuẩn NTM", Unit.count, "new_rural_communes", None),
    ("xã đạt chuẩn NTM nâng cao", Unit.count, "advanced_new_rural_communes", None),
    ("trường học đạt chuẩn quốc gia", Unit.count, "national_standard_schools", None),
    ("trường đạt chuẩn quốc gia mức độ 2", Unit.count, "national_standard_schools", None),
    ("tỷ lệ trường đạt chuẩn quốc gia", Unit.percent, "national_standard_schools_rate", None),
    ("giải ngân vốn đầu tư công", Unit.VND, "public_investment_disbursement", None),
    ("tỷ lệ giải ngân", Unit.percent, "public_investment_disbursement", None),
    ("lượt khách du lịch", Unit.person, "tourist_arrivals", None),
    ("tổng lượt khách tham quan", Unit.person, "tourist_arrivals", None),
    ("khách quốc tế", Unit.person, "international_tourist_arrivals", None),
    ("lượng khách quốc tế", Unit.times, "international_tourist_arrivals", None),
    ("Kim ngạch xuất khẩu", Unit.USD, "export_value", None),
    ("tổng kim ngạch xuất nhập khẩu hàng hóa qua cửa khẩu", Unit.USD, "trade_value", None),
    ("thu ngân sách từ hoạt động xuất nhập khẩu", Unit.VND, "customs_revenue", None),
    ("GRDP bình quân đầu người", Unit.USD, "grdp_per_capita", None),
    ("Sản lượng thủy sản nuôi trồng", Unit.t, "fishery_output", None),
    ("thành lập mới HTX nông nghiệp", Unit.count, "new_cooperatives", "agriculture"),
    ("nhà đại đoàn kết", Unit.household, "housing_support", None),
    ("Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi", Unit.percent, "child_malnutrition_rate", None),
    ("bác sỹ trên vạn dân", Unit.count, "doctors_per_10k", None),
]


@pytest.mark.parametrize("name,unit,key,sector", NAMES, ids=[n[0] for n in NAMES])
def test_names(name, unit, key, sector):
    got = assign_key(name, unit)
    assert got is not None, name
    assert (got[0], got[2]) == (key, sector)
    assert got[1] in next(r.wordings for r in ROWS if r.key == key)  # the match is explainable


NEGATIVE = [
    ("kiểm tra, xử lý hành vi bơm tạp chất", Unit.times),
    ("hộ nghèo", Unit.ha),  # a unit the key does not take
    ("tổng mức bán lẻ", Unit.ha),
    ("các đồng chí dự hội nghị", Unit.person),
    ("", Unit.count),
    ("   ", None),
]


@pytest.mark.parametrize("name,unit", NEGATIVE)
def test_no_key(name, unit):
    assert assign_key(name, unit) is None


@pytest.mark.parametrize("junk", [None, 5, b"bytes", "🙂🙂", "\u200b", "Ⅻ", "x" * 5000])
def test_junk_is_no_key(junk):
    assert assign_key(junk, "count") is None  # type: ignore[arg-type]
    assert sector_of(junk) is None  # type: ignore[arg-type]


def _ind(text: str, phrase: str, name: str, unit: str = "%", occurrence: int = 0) -> Indicator:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    return Indicator(name=name, value=Decimal(1), unit=unit, span=Span(start=start, end=end, text=text[start:end]), rule="test")


def test_sector_breakdown_keeps_parent_key():
    t = ("Tốc độ tăng trưởng kinh tế năm nay ước đạt 8,15%, trong đó khu vực nông, lâm nghiệp và "
         "thủy sản tăng 3,02%, công nghiệp - xây dựng tăng 12,4%, dịch vụ tăng 7,7%.")
    inds = [
        _ind(t, "Tốc độ tăng trưởng kinh tế năm nay ước đạt 8,15%", "Tốc độ tăng trưởng kinh tế"),
        _ind(t, "khu vực nông, lâm nghiệp và thủy sản tăng 3,02%", "khu vực nông, lâm nghiệp và thủy sản"),
        _ind(t, "công nghiệp - xây dựng tăng 12,4%", "công nghiệp - xây dựng"),
        _ind(t, "dịch vụ tăng 7,7%", "dịch vụ"),
    ]
    out = with_keys(inds, t)
    assert [(i.key, i.sector) for i in out] == [
        ("economic_growth", None),
        ("economic_growth", "agriculture_forestry_fishery"),
        ("economic_growth", "industry_construction"),
        ("economic_growth", "services"),
    ]
    assert out[1].key_match == "tốc độ tăng trưởng kinh tế"
    assert out[0].value == inds[0].value and out[0].span == inds[0].span  # copies, nothing else changed


def test_breakdown_in_another_sentence_gets_no_key():
    t = "Tổng giá trị sản xuất đạt 9.120 tỷ đồng. Ngành nông nghiệp gặp nhiều khó khăn, giảm 1,2%."
    inds = [
        _ind(t, "Tổng giá trị sản xuất đạt 9.120 tỷ đồng", "Tổng giá trị sản xuất", "VND"),
        _ind(t, "Ngành nông nghiệp gặp nhiều khó khăn, giảm 1,2%", "Ngành nông nghiệp"),
    ]
    out = with_keys(inds, t)
    assert out[0].key == "production_value"
    assert out[1].key is None and out[1].sector is None


def test_breakdown_of_production_value_in_order_of_spans():
    t = "Giá trị sản xuất ước đạt 12.640 tỷ đồng (trong đó: thương mại - dịch vụ 5.210 tỷ đồng)."
    parent = _ind(t, "Giá trị sản xuất ước đạt 12.640 tỷ đồng", "Giá trị sản xuất", "VND")
    child = _ind(t, "thương mại - dịch vụ 5.210 tỷ đồng", "thương mại - dịch vụ", "VND")
    out = with_keys([child, parent], t)  # input order is kept, breakdowns follow span order
    assert [(i.key, i.sector) for i in out] == [("production_value", "trade_services"), ("production_value", None)]


def test_without_text_nearby_spans_count_as_one_sentence():
    t = "Kim ngạch xuất khẩu đạt 410 triệu USD, riêng nông sản tăng 6%"
    out = with_keys([
        _ind(t, "Kim ngạch xuất khẩu đạt 410 triệu USD", "Kim ngạch xuất khẩu", "USD"),
        _ind(t, "nông sản tăng 6%", "nông sản"),  # no sector wording: stays without key
    ])
    assert [i.key for i in out] == ["export_value", None]


def test_tables_are_built_once():
    assert key_table() is key_table()
    assert keys._key_index() is keys._key_index()
    assert keys.label("forest_cover") == "Forest cover rate"
    with pytest.raises(KeyError):
        keys.label("no_such_key")


def test_breakdowns_listed_with_semicolons_and_sector_numbers():
    t = "GRDP năm nay tăng 6,9%; khu vực I tăng 2,4%; khu vực II tăng 10,1%; khu vực III tăng 6,6%."
    inds = [
        _ind(t, "GRDP năm nay tăng 6,9%", "GRDP"),
        _ind(t, "khu vực I tăng 2,4%", "khu vực I"),
        _ind(t, "khu vực II tăng 10,1%", "khu vực II"),
        _ind(t, "khu vực III tăng 6,6%", "khu vực III"),
    ]
    out = with_keys(inds, t)
    assert [(i.key, i.sector) for i in out] == [
        ("economic_growth", None),
        ("economic_growth", "agriculture_forestry_fishery"),
        ("economic_growth", "industry_construction"),
        ("economic_growth", "services"),
    ]


def test_same_wording_two_keys_split_by_unit():
    assert assign_key("GRDP", Unit.percent)[0] == "economic_growth"
    assert assign_key("GRDP", Unit.VND)[0] == "grdp"
    assert assign_key("quy mô GRDP", Unit.percent)[0] == "grdp"  # a change of the GRDP level


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from([u.value for u in Unit] + [None]))
def test_any_name_gives_a_key_of_the_table_or_none(name, unit):
    got = assign_key(name, unit)
    assert got is None or (got[0] in {r.key for r in ROWS} and got[1] in next(r.wordings for r in ROWS if r.key == got[0]))


def test_empty_list():
    assert with_keys([]) == []
