"""Socio-economic indicators: sentence → expected figures, negatives → nothing.

Each row is one sentence written for these tests with the indicators it must give
(only the listed fields are compared; the others must keep their defaults where
``EXACT`` lists them).  Several rows share an expected value to show its surface
forms.  Known limitations are strict xfails with the reason.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

import bk_report
from bk_report.extractors import indicators
from bk_report.models import NumberRole
from bk_report.rules import Context

#: attributes compared on every expected indicator, with their defaults
EXACT = {"qualifier": "exact", "status": "actual", "kind": "level", "value_high": None,
         "of_total": None, "plan_percent": None, "change_percent": None}


def _row(id, text, *expected, xfail=None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, list(expected), id=id, marks=marks)


def ind(value, unit, **kw):
    return {"value": value, "unit": unit, **kw}


ROWS = [
    # --- number formats and scale words
    _row("thousands-dot-decimal-comma", "Năm 2022, diện tích gieo trồng đạt 12.480,5 ha.", ind("12480.5", "ha", name="diện tích gieo trồng")),
    _row("three-digits-after-dot", "Sản lượng khoai lang đạt 4.215 tấn.", ind("4215", "t")),
    _row("decimal-point-before-percent", "Chỉ số giá tiêu dùng tăng 2.85% so với cùng kỳ.", ind("2.85", "%", kind="change")),
    _row("glued-unit", "Toàn xã trồng mới 86ha keo lai.", ind("86", "ha", name="trồng mới keo lai")),
    _row("glued-unit-thousands", "Diện tích lúa chất lượng cao đạt 21.000ha.", ind("21000", "ha")),
    _row("values-in-millions", "Tổng thu ngân sách đạt 2.412.500 triệu đồng.", ind("2412500000000", "VND")),
    _row("ty", "Doanh thu đạt 3.645 tỷ đồng.", ind("3645000000000", "VND")),
    _row("ti", "Doanh thu đạt 3.645 tỉ đồng.", ind("3645000000000", "VND")),
    _row("ngan", "Tổng đàn trâu bò đạt 77 ngàn con.", ind("77000", "count", name="Tổng đàn trâu bò")),
    _row("nghin", "Tổng đàn trâu bò đạt 77 nghìn con.", ind("77000", "count")),
    _row("van", "Sản lượng lương thực đạt 31 vạn tấn.", ind("310000", "t")),
    _row("trieu-con", "Đàn gia cầm có 2,6 triệu con.", ind("2600000", "count")),
    _row("dangling-comma", "Giá trị sản xuất tiểu thủ công nghiệp đạt 632, tỷ đồng.", ind("632000000000", "VND")),
    _row("quintal-per-ha", "Năng suất lúa bình quân đạt 58,4 tạ/ha.", ind("5.84", "t", name="Năng suất lúa bình quân")),
    _row("per-person-per-year", "Thu nhập bình quân đầu người đạt 52,3 triệu đồng/người/năm.", ind("52300000", "VND")),
    _row("usd", "Kim ngạch xuất khẩu đạt 815,4 triệu USD.", ind("815400000", "USD")),
    _row("m3", "Khai thác 12.300 m3 gỗ rừng trồng.", ind("12300", "m3", name="Khai thác gỗ rừng trồng")),
    _row("m2", "Hoàn thành 18.500 m2 nhà ở xã hội.", ind("18500", "m2")),
    _row("km-road", "Bê tông hóa 32,5 km đường giao thông nông thôn.", ind("32.5", "km")),
    _row("spelled-count", "Xã thành lập mới bốn hợp tác xã.", ind("4", "count")),
    _row("spelled-compound", "Tiếp nhận hai mươi lăm học sinh.", ind("25", "person")),
    # --- units of people and households
    _row("labourers", "Giải quyết việc làm cho 1.460 lao động.", ind("1460", "person", name="Giải quyết việc làm")),
    _row("visitors-luot-khach", "Thành phố đón 1,4 triệu lượt khách.", ind("1400000", "person")),
    _row("visitors-luot-after-name", "Khách du lịch ước đạt 820 nghìn lượt.", ind("820000", "person", status="estimate")),
    _row("households", "Toàn huyện còn 2.315 hộ nghèo.", ind("2315", "household", name="hộ nghèo")),
    _row("counted-noun", "Thành lập mới 12 HTX.", ind("12", "count", name="Thành lập mới HTX")),
    _row("counted-noun-unknown", "Đấu giá thành công 96 lô đất.", ind("96", "count", name="Đấu giá thành công lô đất")),
    # --- qualifiers
    _row("hon", "Sản lượng cá đạt hơn 3.915 tấn.", ind("3915", "t", qualifier="more_than")),
    _row("tren", "Sản lượng cá đạt trên 3.915 tấn.", ind("3915", "t", qualifier="more_than")),
    _row("gan", "Vốn huy động gần 21 tỷ đồng.", ind("21000000000", "VND", qualifier="nearly")),
    _row("khoang", "Giải quyết việc làm cho khoảng 900 lao động.", ind("900", "person", qualifier="about")),
    _row("xap-xi", "Sản lượng chè xấp xỉ 36.500 tấn.", ind("36500", "t", qualifier="about")),
    _row("duoi", "Tỷ lệ hộ nghèo giảm xuống dưới 3%.", ind("3", "%", qualifier="less_than")),
    _row("tro-len", "Tỷ lệ tham gia bảo hiểm y tế đạt 95% trở lên.", ind("95", "%", qualifier="at_least")),
    _row("tu-tro-len", "Thành lập mới từ 5 hợp tác xã trở lên.", ind("5", "count", qualifier="at_least")),
    _row("tu-unit-tro-len", "Trồng mới từ 300 ha rừng trở lên.", ind("300", "ha", qualifier="at_least", name="Trồng mới rừng")),
    _row("toi-da", "Mỗi hộ được vay tối đa 50 triệu đồng.", ind("50000000", "VND", qualifier="at_most")),
    _row("khong-qua", "Tỷ lệ tăng dân số tự nhiên không quá 1,2%.", ind("1.2", "%", qualifier="at_most")),
    # --- ranges and fractions
    _row("range-percent", "Tốc độ tăng trưởng đạt 15,5-16,5%.", ind("15.5", "%", value_high="16.5")),
    _row("range-spaced", "Tốc độ tăng trưởng đạt 7,8 - 8,2%.", ind("7.8", "%", value_high="8.2")),
    _row("range-both-percent", "Tỷ lệ lao động qua đào tạo đạt 72,1% - 72,6%.", ind("72.1", "%", value_high="72.6")),
    _row("range-words", "Thu ngân sách từ 800 đến 850 tỷ đồng.", ind("800000000000", "VND", value_high="850000000000")),
    _row("fraction-criteria", "Xã Tân Lập đạt 19/19 tiêu chí.", ind("19", "count", of_total="19")),
    _row("fraction-decimal", "Bình quân đạt 11,4/19 tiêu chí/xã.", ind("11.4", "count", of_total="19")),
    _row("fraction-communes", "Toàn huyện có 9/21 xã đạt chuẩn nông thôn mới.", ind("9", "count", of_total="21", name="xã đạt chuẩn nông thôn mới")),
    _row("fraction-plan-area", "Gieo cấy 14.200 ha/20.150 ha KH.", ind("14200", "ha", of_total="20150")),
    # --- comparisons attached to a figure
    _row("plan-percent", "Tốc độ tăng trưởng ước đạt 7,05%, đạt 101,3% kế hoạch.", ind("7.05", "%", status="estimate", plan_percent="101.3")),
    _row("plan-estimate", "Thu ngân sách đạt 3.175 tỷ đồng, đạt 96% dự toán tỉnh giao.", ind("3175000000000", "VND", plan_percent="96")),
    _row("plan-over", "Tổng vốn đầu tư đạt 2.107 tỷ đồng, vượt 7,1% kế hoạch.", ind("2107000000000", "VND", plan_percent="107.1")),
    _row("plan-over-ref-first", "Tổng vốn đầu tư đạt 2.107 tỷ đồng, vượt kế hoạch 7,1%.", ind("2107000000000", "VND", plan_percent="107.1")),
    _row("plan-KH", "Trồng rừng đạt 1.315 ha, đạt 109,6% KH.", ind("1315", "ha", plan_percent="109.6")),
    _row("plan-over-rate", "Tốc độ tăng trưởng đạt 7,36%, vượt mục tiêu 0,36%.", ind("7.36", "%")),
    _row("plan-alone", "Giải ngân vốn đầu tư công đạt 100% kế hoạch.", ind("100", "%")),
    _row("change-so-voi", "Sản lượng cá tra đạt 512 nghìn tấn, tăng 9,4% so với cùng kỳ.", ind("512000", "t", change_percent="9.4")),
    _row("change-so", "Giá trị sản xuất đạt 4.215 tỷ đồng, tăng 6,2% so cùng kỳ năm trước.", ind("4215000000000", "VND", change_percent="6.2")),
    _row("change-CK", "Giá trị sản xuất đạt 42.318 tỷ đồng, tăng 9,6% so với CK.", ind("42318000000000", "VND", change_percent="9.6")),
    _row("change-down", "Sản lượng lúa đạt 3,28 triệu tấn, giảm 1,5%.", ind("3280000", "t", change_percent="-1.5")),
    _row("change-ratio", "Doanh thu du lịch đạt 38.250 tỷ đồng, bằng 128,5% so với nhiệm kỳ trước.", ind("38250000000000", "VND", change_percent="28.5")),
    _row("change-and-plan", "Tổng sản lượng thủy sản ước đạt 298.460 tấn, tăng 5,2% so với cùng kỳ, đạt 45,5% kế hoạch.",
         ind("298460", "t", status="estimate", change_percent="5.2", plan_percent="45.5")),
    _row("change-alone", "Tổng mức bán lẻ hàng hóa tăng hơn 4,1% so với cùng kỳ.", ind("4.1", "%", kind="change", qualifier="more_than")),
    _row("change-alone-down", "Chỉ số sản xuất công nghiệp giảm 2,3% so với năm trước.", ind("-2.3", "%", kind="change")),
    _row("change-times", "Lượng khách quốc tế gấp 3,1 lần so với năm trước.", ind("3.1", "times", kind="change")),
    _row("change-then-level", "Tỷ lệ hộ nghèo giảm 1,5%, còn 4,2%.", ind("4.2", "%", change_percent="-1.5")),
    _row("earlier-level", "Tỷ lệ hộ nghèo giảm từ 5,2% xuống còn 3,8%.", ind("3.8", "%", name="Tỷ lệ hộ nghèo")),
    # --- status
    _row("estimate-uoc-dat", "Kim ngạch xuất khẩu ước đạt 612 triệu USD.", ind("612000000", "USD", status="estimate")),
    _row("estimate-uoc-thuc-hien", "Thu ngân sách ước thực hiện 450 tỷ đồng.", ind("450000000000", "VND", status="estimate")),
    _row("estimate-du-kien", "Doanh thu du lịch dự kiến khoảng 1.020 tỷ đồng.", ind("1020000000000", "VND", status="estimate", qualifier="about")),
    _row("target-phan-dau", "Năm 2026, tỉnh phấn đấu tốc độ tăng trưởng đạt 8%; kim ngạch xuất khẩu khoảng 1,5 tỷ USD.",
         ind("8", "%", status="target"), ind("1500000000", "USD", status="target", qualifier="about")),
    # --- parts, thresholds and names
    _row("part-of-total", "Tổng giá trị sản xuất đạt 6.712 tỷ đồng, trong đó nông nghiệp tăng 5,9%.",
         ind("6712000000000", "VND"), ind("5.9", "%", kind="change", name="nông nghiệp")),
    _row("threshold-in-name", "Diện tích đất canh tác đạt 100 triệu đồng/ha trở lên thực hiện được 230ha.",
         ind("230", "ha", name="Diện tích đất canh tác đạt 100 triệu đồng/ha trở lên")),
    _row("grade-in-name", "Có thêm 2 trường đạt chuẩn quốc gia mức độ 2.", ind("2", "count", name="trường đạt chuẩn quốc gia mức độ 2")),
    _row("stars-in-name", "Có 6 sản phẩm đạt OCOP 3 sao.", ind("6", "count", name="sản phẩm đạt OCOP 3 sao")),
    _row("age-in-name", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng còn 11,4%.", ind("11.4", "%", name="Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng")),
    _row("locality-out-of-name", "Giá trị sản xuất nông nghiệp trên địa bàn huyện Mộc Hóa (Long An) đạt 2.150 tỷ đồng.",
         ind("2150000000000", "VND", name="Giá trị sản xuất nông nghiệp")),
    _row("share-standalone", "Cơ cấu kinh tế: dịch vụ chiếm 44,5%.", ind("44.5", "%", name="dịch vụ")),
    _row("colon-label", "Tổng giá trị sản xuất: 5.000 tỷ đồng, tăng 8% so với năm trước.",
         ind("5000000000000", "VND", change_percent="8", name="Tổng giá trị sản xuất")),
    _row("colon-label-people", "Số lao động được giải quyết việc làm: 1.200 người.", ind("1200", "person", name="Số lao động được giải quyết việc làm")),
    _row("year-on-year-preferred", "Tổng mức bán lẻ ước đạt 518,8 nghìn tỷ đồng, tăng 0,9% so với tháng trước và tăng 7,5% so với cùng kỳ năm trước.",
         ind("518800000000000", "VND", status="estimate", change_percent="7.5")),
    _row("share-dat-ty-le", "Toàn huyện có 45 trường đạt chuẩn quốc gia, đạt tỷ lệ 78,9%.", ind("45", "count")),
    _row("named-rate-after-count", "Toàn tỉnh có 1.025.400 người tham gia bảo hiểm y tế, đạt tỷ lệ bao phủ 91,2% dân số.",
         ind("1025400", "person"), ind("91.2", "%")),
    _row("equivalent-currency", "GRDP bình quân đầu người đạt 95 triệu đồng, tương đương 3.950 USD.", ind("95000000", "VND")),
    _row("rank-is-not-a-figure", "Tốc độ tăng trưởng GRDP đạt 6,5%, xếp thứ 25/63 tỉnh, thành.", ind("6.5", "%")),
    _row("two-figures-one-clause", "Huyện đã hỗ trợ 350 triệu đồng cho 7 hộ xây dựng nhà ở.",
         ind("350000000", "VND"), ind("7", "household", name="hộ xây dựng nhà ở")),
    _row("per-one-ha", "Giá trị sản xuất bình quân trên 1 ha đất canh tác đạt 150 triệu đồng.",
         ind("150000000", "VND", name="Giá trị sản xuất bình quân trên 1 ha đất canh tác")),
    _row("parts-after-total", "Tổng thu ngân sách ước đạt 3.200 tỷ đồng, trong đó thu nội địa 2.100 tỷ đồng.",
         ind("3200000000000", "VND", status="estimate"), ind("2100000000000", "VND", name="thu nội địa")),
    _row("month-and-quarter-out-of-name", "Tổng sản phẩm trong nước quý III/2023 ước tính tăng 5,33% so với cùng kỳ năm trước.",
         ind("5.33", "%", kind="change", status="estimate", name="Tổng sản phẩm trong nước")),
    _row("price-base-note-out-of-name", "Tổng giá trị sản xuất (giá so sánh 2010) đạt 125,6 tỷ đồng.",
         ind("125600000000", "VND", name="Tổng giá trị sản xuất")),
    _row("topic-frame-out-of-name", "Về thu hút đầu tư, tỉnh cấp mới 42 dự án đầu tư trong nước.",
         ind("42", "count", name="cấp mới dự án đầu tư trong nước")),
    _row("statement-before-comma-out-of-name", "Chăn nuôi phát triển ổn định, tổng đàn lợn 62.400 con.",
         ind("62400", "count", name="tổng đàn lợn")),
    _row("enumeration-before-comma-in-name", "Toàn huyện đã nhựa hóa, bê tông hóa 45,6 km đường giao thông nông thôn.",
         ind("45.6", "km", name="nhựa hóa, bê tông hóa đường giao thông nông thôn")),
    _row("name-inherited", "Diện tích nuôi cá tra thương phẩm 312 ha, sản lượng 96.800 tấn.",
         ind("312", "ha"), ind("96800", "t", name="sản lượng nuôi cá tra thương phẩm")),
    _row("name-inherited-several", "Diện tích lúa 45.000 ha, năng suất 62 tạ/ha, sản lượng 279.000 tấn.",
         ind("45000", "ha"), ind("6.2", "t", name="năng suất lúa"), ind("279000", "t", name="sản lượng lúa")),
    _row("name-not-inherited-with-own-words", "Sản lượng lúa đạt 425.600 tấn, năng suất bình quân 65,2 tạ/ha.",
         ind("425600", "t"), ind("6.52", "t", name="năng suất bình quân")),
    _row("name-kiem-tra-xu-ly", "Các lực lượng chức năng tổ chức 46 lần kiểm tra, xử lý hành vi gian lận thương mại.",
         ind("46", "times", name="kiểm tra, xử lý hành vi gian lận thương mại"),
         xfail="words after the figure stop at the first comma, even inside a pair of verbs"),
    # --- a range whose scale word stands only after the second number
    _row("range-scale-after-high-money", "Năm 2025, huyện phấn đấu thu ngân sách đạt 1.800 - 2.100 tỷ đồng.",
         ind("1800000000000", "VND", value_high="2100000000000", status="target")),
    _row("range-scale-after-high-visitors", "Mỗi năm khu du lịch đón 2,4-2,8 triệu lượt khách.",
         ind("2400000", "person", value_high="2800000")),
    _row("range-scale-after-high-tonnes", "Sản lượng cá tra đạt 15 - 18 nghìn tấn.",
         ind("15000", "t", value_high="18000")),
    # --- "một" as the article "a" after a title or a preposition
    _row("article-after-title", "Bà Lê Thị C., chủ nhiệm một hợp tác xã rau sạch, cho biết sản lượng rau đạt 640 tấn.",
         ind("640", "t")),
    # --- a comma-separated list inside a name; "ngắn ngày" before the number is no date
    _row("name-with-list-and-ngay", "Diện tích đậu phộng, bắp, cây ngắn ngày khác 2.318 ha.",
         ind("2318", "ha", name="Diện tích đậu phộng, bắp, cây ngắn ngày khác")),
    # --- a bracketed price-base note between the figure and its comparison
    _row("price-base-note-before-change", "Giá trị sản xuất thủy sản đạt 2.150 tỷ đồng (giá so sánh 2010), tăng 6,4% so với cùng kỳ.",
         ind("2150000000000", "VND", change_percent="6.4")),
    _row("price-base-note-words-only", "Tổng mức bán lẻ hàng hóa đạt 930 tỷ đồng (theo giá hiện hành), tăng 8,1%.",
         ind("930000000000", "VND", change_percent="8.1")),
    # --- the same sum in a second currency after "và"
    _row("second-currency", "Năm nay thu hút 9 dự án với tổng vốn đăng ký 640 tỷ đồng và hơn 12 triệu USD.",
         ind("9", "count"), ind("640000000000", "VND", name="tổng vốn đăng ký"),
         ind("12000000", "USD", name="tổng vốn đăng ký", qualifier="more_than")),
]


def _check(found, expected):
    assert len(found) == len(expected), [(str(i.value), i.unit.value, i.name) for i in found]
    for got, want in zip(found, expected):
        data = got.model_dump(mode="json")
        assert Decimal(str(data["value"])) == Decimal(want["value"]), (data["name"], data["value"])
        assert data["unit"] == want["unit"], data["name"]
        for key, default in EXACT.items():
            exp = want.get(key, default)
            val = data[key]
            if key in ("value_high", "of_total", "plan_percent", "change_percent") and val is not None:
                val = Decimal(str(val))
                exp = Decimal(exp)
            assert val == exp, f"{data['name']}: {key} {val!r} != {exp!r}"
        if "name" in want:
            assert data["name"] == want["name"]


@pytest.mark.parametrize("text, expected", ROWS)
def test_sentence(text, expected):
    _check(bk_report.extract(text).indicators, expected)


NEGATIVES = [
    "Năm 2023, huyện tiếp tục đẩy mạnh chuyển đổi số, cải cách hành chính.",
    "Thực hiện Nghị quyết số 29-NQ/TU ngày 18/12/2022 của Ban Thường vụ Tỉnh ủy.",
    "Trong 6 tháng đầu năm 2024, kinh tế tiếp tục phục hồi.",
    "Giai đoạn 2021-2025, tỉnh tập trung phát triển du lịch.",
    "Lễ hội thu hút hàng vạn du khách, hàng nghìn hộ kinh doanh được hưởng lợi.",
    "Một số doanh nghiệp còn gặp khó khăn về vốn.",
    "Đại hội Đảng bộ tỉnh lần thứ XVII đã thành công tốt đẹp.",
    "Tỷ lệ hộ nghèo theo chuẩn đa chiều còn 0 57%.",
    "Cơn bão số 9 gây thiệt hại nặng nề cho sản xuất nông nghiệp.",
    "Chương trình 135 tiếp tục được triển khai ở các xã đặc biệt khó khăn.",
    "Ảnh: Lãnh đạo huyện kiểm tra mô hình trồng 20 ha bưởi tại xã Phú Lợi.",
    "Số người có việc làm tăng thêm 1.200 người so với năm trước.",
    "Ngày 15/12/2023, UBND tỉnh tổ chức hội nghị tổng kết với sự tham gia của 300 đại biểu.",
    "Ông Phạm Văn D., Giám đốc một doanh nghiệp chế biến gỗ, cho biết đơn hàng đã kín đến cuối năm.",
    "Theo bà Hồ Thị E., đây là một mô hình hiệu quả.",
    "Số lao động có việc làm là 1.350 người, cùng kỳ năm trước là 1.120.",
]


@pytest.mark.parametrize("text", NEGATIVES[:-1])
def test_negative(text):
    assert bk_report.extract(text).indicators == []


def test_difference_count_is_not_a_figure():
    r = bk_report.extract(NEGATIVES[-1])
    assert [(str(i.value), i.unit.value) for i in r.indicators] == [("1350", "person")]
    roles = {n.span.text: n.role for n in r.numbers}
    assert roles["1.120"] is NumberRole.difference


def test_difference_in_brackets():
    r = bk_report.extract("Toàn huyện còn 4.215 hộ nghèo (giảm 612 hộ so với năm 2015).")
    assert [str(i.value) for i in r.indicators] == ["4215"]
    assert {n.span.text: n.role for n in r.numbers}["612"] is NumberRole.difference


def test_share_next_to_a_count():
    r = bk_report.extract("Trong đó hộ nghèo dân tộc thiểu số 3.980 hộ (chiếm 94,4%).")
    assert [str(i.value) for i in r.indicators] == ["3980"]
    assert {n.span.text: n.role for n in r.numbers}["94,4%"] is NumberRole.share


def test_comparison_percentages_are_claimed():
    r = bk_report.extract("Thu ngân sách đạt 7.160 tỷ đồng, vượt 12,6% dự toán, tăng 8% so với cùng kỳ.")
    roles = {n.span.text: (n.role, n.category) for n in r.numbers}
    assert roles["7.160 tỷ"] == (NumberRole.figure, "indicators")
    assert roles["12,6%"] == (NumberRole.qualifier_percent, "indicators")
    assert roles["8%"] == (NumberRole.qualifier_percent, "indicators")


def test_threshold_is_part_of_name():
    r = bk_report.extract("Diện tích đất canh tác đạt 100 triệu đồng/ha trở lên thực hiện được 230ha.")
    assert {n.span.text: n.role for n in r.numbers}["100 triệu"] is NumberRole.part_of_name


def test_broken_number_warns():
    r = bk_report.extract("Tỷ lệ hộ nghèo giảm còn 6 57%.")
    assert r.indicators == []
    assert any(w.code == "broken_number" for w in r.warnings)


def test_truncated_number_warns_and_reads():
    r = bk_report.extract("Giá trị sản xuất công nghiệp đạt 575, tỷ đồng.")
    assert [str(i.value) for i in r.indicators] == ["575000000000"]
    assert r.warnings


def test_headline_restatement_counts_once():
    text = ("DOANH THU DU LỊCH ĐẠT HƠN 9.000 TỶ ĐỒNG\n\n"
            "Năm 2022, doanh thu du lịch đạt 9.064 tỷ đồng, tăng 12% so với năm 2021.")
    r = bk_report.extract(text)
    assert [(str(i.value), str(i.change_percent)) for i in r.indicators] == [("9064000000000", "12")]
    assert {n.span.text: n.role for n in r.numbers}["9.000 TỶ"] is NumberRole.restatement


def test_headline_with_vuot_is_a_rounded_restatement():
    text = ("Bình Phước: Thu ngân sách vượt 4.000 tỷ đồng\n\n"
            "Năm 2021, thu ngân sách trên địa bàn tỉnh đạt hơn 4.000 tỷ đồng; kim ngạch xuất khẩu đạt gần 3 tỷ USD.\n\n"
            "Tổng thu ngân sách nhà nước trên địa bàn năm 2021 đạt 4.126 tỷ đồng. Kim ngạch xuất khẩu ước đạt 2.950 triệu USD.")
    r = bk_report.extract(text)
    assert [(str(i.value), i.status.value) for i in r.indicators] == [("4126000000000", "actual"), ("2950000000", "estimate")]


@pytest.mark.parametrize("title, body", [
    ("Huyện Tân Phú: Kinh tế tăng trưởng gần 8%", "Năm 2021, tốc độ tăng trưởng kinh tế của huyện đạt 7,92%, vượt kế hoạch."),
    ("Tỉnh X: GRDP 6 tháng tăng hơn 7,5%", "Tốc độ tăng trưởng GRDP 6 tháng ước đạt 7,58%."),
    ("Thị xã Y: Kinh tế tăng trưởng 11,2%", "Năm 2019, thị xã đạt tốc độ tăng trưởng kinh tế 11,2%, cao nhất từ trước đến nay."),
])
def test_headline_growth_rate_restates_the_body(title, body):
    r = bk_report.extract(f"{title}\n\n{body}")
    assert [(i.unit.value, i.kind.value) for i in r.indicators] == [("%", "level")]
    assert any(n.role is NumberRole.restatement for n in r.numbers)


def test_headline_growth_rate_far_from_the_body_is_kept():
    r = bk_report.extract("Huyện Z: Kinh tế tăng trưởng hơn 12%\n\nTốc độ tăng trưởng kinh tế năm 2020 đạt 8,3%.")
    assert sorted(str(i.value) for i in r.indicators) == ["12", "8.3"]


def test_target_is_never_a_restatement_of_a_result():
    text = "Năm 2022, tỷ lệ tham gia BHYT đạt 92,1%. Năm 2023, tỉnh phấn đấu tỷ lệ tham gia BHYT đạt trên 93%."
    r = bk_report.extract(text)
    assert [(str(i.value), i.status.value) for i in r.indicators] == [("92.1", "actual"), ("93", "target")]


def test_spans_cover_number_and_unit():
    text = "Năm 2023, trồng rừng đạt 172,86ha; thành lập mới 07 HTX; giải quyết việc làm cho 704 lao động."
    r = bk_report.extract(text)
    assert [i.span.text for i in r.indicators] == ["172,86ha", "07 HTX", "704 lao động"]
    for i in r.indicators:
        assert text[i.span.start : i.span.end] == i.span.text
        assert i.rule.startswith("indicator_")


def test_spans_point_into_nfd_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "Sản lượng thủy sản ước đạt 298.460 tấn.")
    (i,) = bk_report.extract(text).indicators
    assert text[i.span.start : i.span.end] == i.span.text
    assert unicodedata.normalize("NFC", i.name) == "Sản lượng thủy sản"


def test_claimed_numerals_are_left_alone():
    ctx = Context.from_text("Năm 2023, thành lập mới 07 HTX.")
    n = next(x for x in ctx.numerals if x.text == "07")
    ctx.claim(n, NumberRole.figure, "council", "other_rule")
    assert indicators.extract(ctx) == []


def test_every_module_rule_has_a_name_and_pattern():
    names = [r.name for r in indicators.RULES]
    assert len(names) == len(set(names))
    assert all(n.startswith("indicator_") for n in names)


@pytest.mark.parametrize("junk", ["", " ", "%", "0", "1.2.3.4", "..., ;;;", "tăng % so với", "đạt / ha", "😀 12 😀", "Ⅻ", "\u200b5\u200b tấn"])
def test_junk_does_not_crash(junk):
    assert isinstance(bk_report.extract(junk).indicators, list)


def test_may_open_never_refuses_where_the_phrases_match():
    # the cheap precondition before a phrase pattern: where the pattern matches, it says yes
    import random

    from bk_report.lexicon import may_open
    from bk_report.lexicon import FLAGS, alternation, compile_pattern

    phrases = ("trên địa bàn", "toàn", "Tổng sản phẩm", "GRDP", "thu ngân sách", "vốn đầu tư", "sản lượng", "ít nhất")
    pattern = compile_pattern(rf"{alternation(phrases)}(?!\w)", FLAGS, anchored=True)
    ok = may_open(phrases)
    pieces = list(phrases) + ["TRÊN", "toàn", "Tong", "x", " ", ",", "-", "ſ", "İ", "đ", "Đ", "1", "SẢN", "ſản", "ÍT", "grdp"]
    rng = random.Random(7)
    refused = 0
    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        i = rng.randint(0, len(s))
        if pattern.match(s, i):
            assert ok(s, i, len(s)), (s, i)
        refused += not ok(s, i, len(s))
    assert refused > 500
