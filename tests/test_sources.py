"""Reading report files: encodings, legacy fonts, HTML, DOCX, PDF and the failure cases.

Every input is made here, at test time, with the libraries themselves (python-docx,
pypdf, Python's codecs) and this project's own legacy converter run backwards.
"""
from __future__ import annotations

import codecs
import sys
import unicodedata
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bk_report
from bk_report.lexicon import load_table
from bk_report.sources import (
    LEGACY_ENCODINGS,
    MissingExtraError,
    SourceError,
    decode_bytes,
    detect_legacy,
    from_legacy,
    read_source,
    to_legacy,
)

# Our own sentences (invented figures), lower case after the first letter so that
# TCVN3, which has no upper-case toned letters, round-trips exactly.
REPORT = (
    "Trong năm, Ban Thường vụ Huyện ủy đã kiểm tra 14 tổ chức đảng và 52 đảng viên; "
    "giám sát chuyên đề 9 chi bộ. Kết nạp được 137 đảng viên mới, đạt 105% kế hoạch. "
    "Tổng thu ngân sách trên địa bàn ước đạt 2.315 tỷ đồng, tăng 12,4% so với cùng kỳ; "
    "thu nhập bình quân đầu người đạt 61,5 triệu đồng. Hội đồng nhân dân huyện tổ chức "
    "04 kỳ họp, ban hành 31 nghị quyết; có 18/21 chỉ tiêu đạt và vượt kế hoạch."
)
UPPER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập, Tự do, Hạnh phúc. Ủy ban nhân dân xã Ẳng Nưa báo cáo."

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter then a combining tone byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def make_text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (a Type0 font with a ToUnicode map)."""
    def hexstr(s: str) -> str:
        return "".join(f"{ord(c):04X}" for c in s)

    chars = sorted({c for line in lines for c in line})
    assert all(ord(c) < 0x10000 for c in chars)
    content = "BT /F1 11 Tf 14 TL 40 800 Td " + " ".join(f"<{hexstr(line)}> Tj T*" for line in lines) + " ET"
    blocks = []
    for i in range(0, len(chars), 100):
        chunk = chars[i:i + 100]
        blocks.append(f"{len(chunk)} beginbfchar " + " ".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chunk) + " endbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange "
        + " ".join(blocks)
        + " endcmap CMapName currentdict /CMap defineresource pop end end"
    )

    def stream(data: str) -> bytes:
        raw = zlib.compress(data.encode("latin-1"))
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(raw) + raw + b"\nendstream"

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /BkTest /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /BkTest /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        stream(cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def assert_spans_index(text: str, report: bk_report.Report) -> None:
    for n in report.numbers:
        assert text[n.span.start:n.span.end] == n.span.text
    for cat in ("discipline", "membership", "council", "targets", "indicators"):
        for fig in getattr(report, cat):
            assert text[fig.span.start:fig.span.end] == fig.span.text


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    "data, encoding",
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (REPORT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16"),
        (REPORT.encode("utf-16-le"), "utf-16-le"),
        (REPORT.encode("utf-16-be"), "utf-16-be"),
        (REPORT.encode("utf-32"), "utf-32"),
        (encode_cp1258(REPORT), "cp1258"),
        (encode_cp1258(UPPER + "\n" + REPORT), "cp1258"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom-le", "utf16-bom-be", "utf16le-no-bom", "utf16be-no-bom", "utf32", "cp1258", "cp1258-upper"],
)
def test_text_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(data)
    src = read_source(path)
    expected = UPPER + "\n" + REPORT if data.startswith(encode_cp1258(UPPER)) else REPORT
    assert src.text == expected
    assert src.encoding == encoding
    assert src.legacy is None and src.warnings == ()


def test_cp1258_without_charset_normalizer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)
    assert decode_bytes(encode_cp1258(REPORT)) == (REPORT, "cp1258")
    assert decode_bytes(to_legacy(REPORT, "vni").encode("cp1252"))[1] == "cp1252"


def test_cp1258_is_composed_and_short_files_work(tmp_path: Path) -> None:
    raw = encode_cp1258("Kết nạp 12 đảng viên.")
    assert b"\xec" in raw or b"\xd2" in raw or b"\xf2" in raw  # a combining tone byte is really there
    text, enc = decode_bytes(raw)
    assert (text, enc) == ("Kết nạp 12 đảng viên.", "cp1258")
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("legacy", sorted(LEGACY_ENCODINGS))
def test_legacy_text_file_is_converted_with_a_warning(tmp_path: Path, legacy: str) -> None:
    path = tmp_path / f"{legacy}.txt"
    path.write_bytes(to_legacy(REPORT, legacy).encode("cp1252"))
    src = read_source(path)
    assert src.text == REPORT
    assert src.legacy == legacy
    assert [w.code for w in src.warnings] == ["legacy_encoding"]
    report = bk_report.extract_file(path)
    assert report.warnings[0].code == "legacy_encoding"
    assert_spans_index(src.text, report)


def test_vni_keeps_upper_case(tmp_path: Path) -> None:
    path = tmp_path / "vni.txt"
    path.write_bytes(to_legacy(UPPER + "\n" + REPORT, "vni").encode("cp1252"))
    assert read_source(path).text == UPPER + "\n" + REPORT


def test_tcvn3_headings_come_back_in_capitals() -> None:
    # .VnTimeH headings: capital ASCII letters plus the lower-case toned codes
    heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    legacy = to_legacy(heading, "tcvn3")
    assert "Ộ" not in legacy
    converted = from_legacy(legacy, "tcvn3")
    # words with two or more ASCII capitals are restored; one-letter-plus-toned words (XÃ) cannot be told from Xã
    assert converted.split()[:2] == ["CỘNG", "HÒA"] and converted.split()[-1] == "NAM"
    assert converted.split()[3:5] == ["HỘI", "CHỦ"]


def test_legacy_text_inside_utf8(tmp_path: Path) -> None:
    """Legacy-font text pasted into a UTF-8 file (the cp1252 look-alikes saved as Unicode)."""
    path = tmp_path / "pasted.txt"
    path.write_text(to_legacy(REPORT, "tcvn3"), encoding="utf-8")
    src = read_source(path)
    assert (src.text, src.encoding, src.legacy) == (REPORT, "utf-8", "tcvn3")


@pytest.mark.parametrize(
    "text",
    [
        "El señor García está aquí con la canción de José; mañana viajarán a Málaga y Córdoba con los niños.",
        "Le château est très beau, où est la forêt ? L'élève à l'école, garçon français, déjà fêté.",
        "Die Straße führt über die Brücke; Müller und Schäfer gehören zur Gemeinde Größenhausen.",
        "A população de São Paulo não é pequena; as eleições estão próximas e a votação começa às oito.",
        "Chi phí cho dự án là 12 tỷ đồng, hoàn thành 95% khối lượng công việc.",  # Unicode Vietnamese
        "Plain ASCII text with numbers 12, 45 and 2023.",
        "Chi phí là bao nhiêu, và ai chi? Tôi không biết nên xin ý kiến cấp trên.",  # Unicode, Latin-1 letters only
        "Ông Hà",
    ],
    ids=["spanish", "french", "german", "portuguese", "vietnamese-unicode", "ascii", "vietnamese-latin1-letters", "short"],
)
def test_no_false_legacy_conversion(tmp_path: Path, text: str) -> None:
    assert detect_legacy(text) is None
    path = tmp_path / "other.txt"
    try:
        path.write_bytes(text.encode("cp1252"))
    except UnicodeEncodeError:
        path.write_bytes(text.encode("utf-8"))
    src = read_source(path)
    assert src.text == text
    assert src.legacy is None and src.warnings == ()


_SYLLABLE = st.builds(
    lambda initial, vowel, tone, second, final: unicodedata.normalize("NFC", initial + vowel + tone + second + final),
    st.sampled_from(["", "b", "ch", "đ", "gh", "kh", "ngh", "nh", "ph", "qu", "th", "tr", "v", "x"]),
    st.sampled_from(list("aăâeêioôơuưy")),
    st.sampled_from(["", *_TONES]),
    st.sampled_from(["", "i", "o", "u", "y"]),
    st.sampled_from(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]),
)
_TONED = st.lists(_SYLLABLE, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(_TONED, st.booleans())
def test_legacy_round_trip(text: str, upper: bool) -> None:
    assert from_legacy(to_legacy(text, "tcvn3"), "tcvn3") == text
    vni_text = text.upper() if upper else text
    assert from_legacy(to_legacy(vni_text, "vni"), "vni") == vni_text


def _vietnamese_letters() -> set[str]:
    base = "aăâeêioôơuưy"
    out = {"đ", "Đ"}
    for b in base:
        for t in ["", *_TONES]:
            c = unicodedata.normalize("NFC", b + t)
            out |= {c, c.upper()}
    return out


def test_tables_cover_every_vietnamese_letter() -> None:
    letters = _vietnamese_letters()
    non_ascii = {c for c in letters if not c.isascii()}
    vni = {row["unicode"] for row in load_table("legacy_vni")}
    tcvn3 = {row["unicode"] for row in load_table("legacy_tcvn3")}
    assert non_ascii - vni == set()
    assert {c for c in non_ascii if c.islower()} <= tcvn3
    assert {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"} <= tcvn3
    for name in ("legacy_vni", "legacy_tcvn3"):
        rows = load_table(name)
        codes = [r["bytes"] for r in rows]
        assert len(codes) == len(set(codes)), name
        for r in rows:
            assert bytes.fromhex(r["bytes"].replace(" ", "")).decode("cp1252") == r["shown_as"], r


def test_tcvn3_is_one_byte_per_letter() -> None:
    assert all(len(r["bytes"].split()) == 1 for r in load_table("legacy_tcvn3"))


def test_unknown_legacy_encoding() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        from_legacy("abc", "viscii")


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Tin địa phương 99</title>
<style>.x {{ color: red }}</style><script>var so = "88 tổ chức";</script></head>
<body>
<header class="site-header"><nav><ul><li>Trang chủ</li><li>Thời sự 77</li></ul></nav></header>
<div id="main-menu">Chuyên mục 66</div>
<article>
  <h1>Đảng bộ xã kết nạp 23 đảng viên</h1>
  <p>Năm 2024, Đảng bộ xã đã kết nạp <strong>23</strong>
     đảng viên mới; thu ngân sách đạt 41,2&nbsp;tỷ đồng.</p>
  <div class="share-buttons">Chia sẻ 55</div>
  <p>Hội đồng nhân dân xã tổ chức 03 kỳ họp.</p>
</article>
<aside class="related">Tin liên quan 44</aside>
<footer>Bản quyền 2024 · 33 Lý Thường Kiệt</footer>
<script>track(11)</script>
</body></html>
"""
ARTICLE = (
    "Đảng bộ xã kết nạp 23 đảng viên\n"
    "Năm 2024, Đảng bộ xã đã kết nạp 23 đảng viên mới; thu ngân sách đạt 41,2 tỷ đồng.\n"
    "Hội đồng nhân dân xã tổ chức 03 kỳ họp."
)


def test_html_article_text_without_menus_and_scripts(tmp_path: Path) -> None:
    path = tmp_path / "tin.html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    src = read_source(path)
    assert src.format == "html"
    assert src.text == ARTICLE
    for junk in ("88", "77", "66", "55", "44", "33", "11", "Trang chủ", "track"):
        assert junk not in src.text
    report = bk_report.extract_file(path)
    assert_spans_index(src.text, report)
    assert [n.span.text for n in report.numbers][:2] == ["23", "2024"]


def test_html_in_cp1258_with_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "tin.htm"
    path.write_bytes(encode_cp1258(PAGE.format(charset="windows-1258")))
    src = read_source(path)
    assert (src.text, src.encoding) == (ARTICLE, "cp1258")


def test_html_without_article_uses_body(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_text("<html><body><nav>Menu 5</nav><p>Giải ngân đạt 100% kế hoạch.</p><p>Xong<br>hết.</p>"
                    "<table><tr><td>Thu</td><td>5 tỷ</td></tr></table></body></html>", encoding="utf-8")
    assert read_source(path).text == "Giải ngân đạt 100% kế hoạch.\nXong\nhết.\nThu\n5 tỷ"


# --------------------------------------------------------------------------- DOCX

docx = pytest.importorskip("docx", reason="python-docx is the [formats] extra")


def _make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None, font: str | None = None) -> None:
    document = docx.Document()
    for text in paragraphs:
        run = document.add_paragraph().add_run(text)
        if font:
            run.font.name = font
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    document.save(str(path))


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    _make_docx(path, ["BÁO CÁO", REPORT], table=[["Chỉ tiêu", "Kết quả"], ["Kết nạp đảng viên", "137 đảng viên"]])
    src = read_source(path)
    assert src.format == "docx"
    assert src.text == "BÁO CÁO\n" + REPORT + "\nChỉ tiêu\tKết quả\nKết nạp đảng viên\t137 đảng viên"
    report = bk_report.extract_file(path)
    assert_spans_index(src.text, report)


def test_docx_in_vntime_font_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "cu.docx"
    _make_docx(path, [to_legacy(REPORT, "tcvn3")], font=".VnTime")
    src = read_source(path)
    assert (src.text, src.legacy) == (REPORT, "tcvn3")
    assert src.warnings[0].code == "legacy_encoding"


def test_docx_in_vni_font_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "vni.docx"
    _make_docx(path, [to_legacy(UPPER, "vni"), to_legacy(REPORT, "vni")])
    src = read_source(path)
    assert (src.text, src.legacy) == (UPPER + "\n" + REPORT, "vni")


def test_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError, match="not a readable .docx"):
        read_source(path)


# --------------------------------------------------------------------------- PDF

pypdf = pytest.importorskip("pypdf", reason="pypdf is the [formats] extra")


def test_pdf_text_layer(tmp_path: Path) -> None:
    lines = ["BÁO CÁO TỔNG KẾT", "Đã kiểm tra 14 tổ chức đảng và 52 đảng viên.", "Kết nạp 137 đảng viên mới."]
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(make_text_pdf(lines))
    src = read_source(path)
    assert src.format == "pdf"
    assert src.text.split("\n") == lines
    report = bk_report.extract_file(path)
    assert_spans_index(src.text, report)
    assert [n.span.text for n in report.numbers] == ["14", "52", "137"]


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(SourceError, match="no text layer.*OCR"):
        read_source(path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"this is not a pdf at all")
    with pytest.raises(SourceError, match="not a readable PDF"):
        read_source(path)


# --------------------------------------------------------------------------- failures


@pytest.mark.parametrize("suffix, module, package", [(".docx", "docx", "python-docx"), (".pdf", "pypdf", "pypdf"), (".html", "selectolax.lexbor", "selectolax")])
def test_missing_extra_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, module: str, package: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    path = tmp_path / f"x{suffix}"
    path.write_bytes(b"<p>1</p>")
    with pytest.raises(MissingExtraError) as info:
        read_source(path)
    assert "pip install 'bk_report[formats]'" in str(info.value)
    assert package in str(info.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(SourceError, match="binary"):
        read_source(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_source(tmp_path / "khong-co.txt")
    with pytest.raises(SourceError, match="folder"):
        read_source(tmp_path)


def test_wrong_meta_charset_falls_back_to_detection(tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    path.write_bytes(b'<meta charset="utf-8"><p>' + encode_cp1258("Thu ngân sách đạt 5 tỷ đồng, tăng 3%.") + b"</p>")
    src = read_source(path)  # the page says UTF-8 but is cp1258
    assert (src.text, src.encoding) == ("Thu ngân sách đạt 5 tỷ đồng, tăng 3%.", "cp1258")


def test_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.md"
    path.write_text(REPORT, encoding="utf-8")
    assert read_source(path).text == REPORT
