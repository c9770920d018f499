"""The abbreviation lexicon and the data tables: loaded, validated, patterns built from them."""
from __future__ import annotations

import regex
import pytest

from bk_report import LexiconError, expand_abbreviation
from bk_report.lexicon import alternation, canonical, load_table, phrases_for

#: every abbreviation PHENOMENA.md lists, with its expansion
PHENOMENA_ABBREVIATIONS = {
    "UBKT": "Ủy ban Kiểm tra",
    "KTGS": "kiểm tra, giám sát",
    "KT": "kiểm tra",
    "BTV": "Ban Thường vụ",
    "TUV": "Tỉnh ủy viên",
    "PBT": "Phó Bí thư",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "TXCT": "tiếp xúc cử tri",
    "HĐND": "Hội đồng nhân dân",
    "HDND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "KT-XH": "kinh tế - xã hội",
    "KT – XH": "kinh tế - xã hội",
    "KT – VHXH – QPAN": "kinh tế - văn hóa, xã hội - quốc phòng, an ninh",
    "QP-AN": "quốc phòng - an ninh",
    "ANQP": "an ninh - quốc phòng",
    "NTM": "nông thôn mới",
    "OCOP": "Chương trình Mỗi xã một sản phẩm",
    "KH": "kế hoạch",
    "CK": "cùng kỳ",
    "TX": "thị xã",
    "TP.": "thành phố",
    "BHYT": "bảo hiểm y tế",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "KDC": "khu dân cư",
    "TM – DV": "thương mại - dịch vụ",
    "GPMB": "giải phóng mặt bằng",
    "MTQG": "mục tiêu quốc gia",
    "HTX": "hợp tác xã",
}


@pytest.mark.parametrize("abbr,expansion", PHENOMENA_ABBREVIATIONS.items())
def test_every_phenomena_abbreviation_expands(abbr, expansion):
    assert expand_abbreviation(abbr) == expansion


@pytest.mark.parametrize("abbr", ["XYZ", "", "ubkt", "kh"])
def test_unknown_abbreviation_is_a_key_error(abbr):
    with pytest.raises(KeyError):
        expand_abbreviation(abbr)


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError):
        expand_abbreviation(None)  # type: ignore[arg-type]


def test_a_phrase_matches_its_abbreviations():
    pattern = regex.compile(alternation(phrases_for("Hội đồng nhân dân")))
    for form in ["HĐND", "HDND", "Hội đồng nhân dân", "Hội  đồng\tnhân dân"]:
        assert pattern.fullmatch(canonical(form)), form


def test_alternation_is_longest_first_and_matches_old_tone_placement():
    pattern = regex.compile(alternation(["tỷ", "nghìn tỷ", "Ủy ban", "hóa"]))
    assert pattern.match("nghìn tỷ").group() == "nghìn tỷ"
    assert pattern.fullmatch(canonical("Uỷ ban"))
    assert pattern.fullmatch(canonical("hoá"))


def test_empty_alternation_matches_nothing():
    assert regex.search(alternation([]), "anything") is None


@pytest.mark.parametrize(
    "table,key",
    [
        ("abbreviations", "abbreviation"),
        ("number_words", "word"),
        ("scale_words", "word"),
        ("units", "surface"),
        ("counted_nouns", "noun"),
        ("qualifiers", "word"),
        ("per_denominators", "word"),
        ("ordinal_markers", "word"),
    ],
)
def test_tables_load_with_a_source_header_and_no_duplicates(table, key):
    from pathlib import Path

    import bk_report

    raw = (Path(bk_report.__file__).parent / "data" / f"{table}.tsv").read_text(encoding="utf-8")
    assert raw.startswith("#"), f"{table}.tsv must open with a header naming its sources"
    rows = load_table(table)
    keys = [canonical(r[key]).lower() for r in rows]
    assert rows and len(keys) == len(set(keys))


def test_qualifier_table_uses_schema_values():
    from bk_report import Qualifier

    for row in load_table("qualifiers"):
        Qualifier(row["qualifier"])
        assert row["position"] in ("before", "after")


def test_units_table_uses_schema_values():
    from decimal import Decimal

    from bk_report import Unit

    for row in load_table("units"):
        Unit(row["unit"])
        assert Decimal(row["factor"]) > 0


def test_unknown_table_is_a_lexicon_error():
    with pytest.raises(LexiconError):
        load_table("no_such_table")


def _flat_alternation(phrases):
    """The reference: every phrase in full, longest first (what alternation() must match like)."""
    from bk_report.lexicon import literal_pattern

    uniq = sorted({canonical(p) for p in phrases if p}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(literal_pattern(p) for p in uniq) + ")"


# phrases sharing beginnings, differing only in case, one a prefix of another, with dashes
_SHARED_BEGINNINGS = [
    "quý I", "quý II", "quý III", "quý IV", "Quý", "quý 1", "tháng", "tháng đầu năm", "6 tháng",
    "Đảng bộ", "đảng viên", "Đảng viên dự bị", "đảng", "Hà Nội - Hải Phòng", "Hà Nội", "hà",
    "tỷ", "tỷ đồng", "tỉ", "nghìn tỷ", "kỳ họp", "Kỳ họp thứ", "kỳ",
]


@pytest.mark.parametrize("table,column", [
    ("period_words", "phrase"), ("units", "surface"), ("counted_nouns", "noun"),
    ("locality_words", "word"), ("scale_words", "word"), ("qualifiers", "word"),
])
def test_shared_beginnings_match_like_a_flat_alternation(table, column):
    import random

    import regex

    from bk_report.lexicon import FLAGS, alternation, compile_pattern

    phrases = [r[column] for r in load_table(table)] + _SHARED_BEGINNINGS
    rng = random.Random(table)
    pieces = phrases + [" ", "  ", " - ", "–", ",", "x", "\n"]
    texts = []
    for _ in range(300):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
        words = [w.upper() if rng.random() < 0.15 else w for w in words]
        texts.append(" ".join(words) if rng.random() < 0.5 else "".join(words))
    for flags in (FLAGS, regex.VERSION1):
        for wrap in ("{}", r"(?<!\w){}(?!\w)", r"{}\s+\d"):
            ours = compile_pattern(wrap.format(alternation(phrases)), flags)
            ref = compile_pattern(wrap.format(_flat_alternation(phrases)), flags)
            for t in texts:
                assert [m.span() for m in ours.finditer(t)] == [m.span() for m in ref.finditer(t)], (t, flags, wrap)


@pytest.mark.parametrize("table,column,where", [
    ("locality_words", "word", ("committee", "national")),
    ("period_words", "phrase", None),
    ("number_words", "word", None),
    ("scale_words", "word", None),
])
def test_phrases_anchored_at_a_word_start_begin_with_a_word_character(table, column, where):
    # patterns built from these tables start with \m (the start of a word), which
    # stands for (?<!\w) only when every phrase begins with a letter or a digit
    import regex

    rows = load_table(table)
    if where:
        rows = [r for r in rows if r["kind"] in where]
    assert rows
    assert all(regex.match(r"\w", r[column]) for r in rows)


_EDGE_WORDS = ["thứ", "khóa", "quý", "đại hội", "tháng", "ngày", "tỷ đồng", "ha"]
_EDGE_PIECES = _EDGE_WORDS + ["THỨ", "Khóa", "x", "5", " ", "\u00a0", "\t", "\n", "\x1c", ",", "İ", "ı", "ǅ"]


def test_edge_words_never_refuse_what_the_pattern_would_find():
    # may_end / may_start answer False only where the pattern cannot match: they stand
    # in front of (?<!\w)WORDS\s*+$ searched before a position and ^\s*+WORDS after it
    import random

    import regex

    from bk_report.lexicon import FLAGS, EdgeWords, alternation, compile_pattern

    guard = EdgeWords(_EDGE_WORDS, FLAGS)
    before = compile_pattern(rf"(?<!\w){alternation(_EDGE_WORDS)}\s*+$", FLAGS)
    after = compile_pattern(rf"^\s*+{alternation(_EDGE_WORDS)}(?!\w)", FLAGS)
    rng = random.Random(5)
    refused = 0
    for _ in range(3000):
        text = "".join(rng.choice(_EDGE_PIECES) for _ in range(rng.randint(0, 7)))
        pos = rng.randint(0, len(text))
        lo, hi = max(0, pos - 6), pos + 6
        if before.search(text[lo:pos]):
            assert guard.may_end(text, pos, lo), (text, pos)
        if after.match(text[pos:hi]):
            assert guard.may_start(text, pos, hi), (text, pos)
        refused += not guard.may_end(text, pos, lo)
    assert refused > 1000  # and it does refuse most places, which is its point


def test_edge_words_without_a_letter_at_an_edge_always_say_maybe():
    from bk_report.lexicon import EdgeWords

    guard = EdgeWords(["TP.", "%"])
    assert guard.may_end("abc", 3, 0) and guard.may_start("abc", 0, 3)


def test_lowered_reads_a_long_text_in_pieces_and_refuses_what_lower_case_cannot_stand_for():
    from bk_report.text import CASE_CHUNK, lowered  # lowered() lives with the text view

    long = "Huyện MÈO Vạc có 5 XÃ. " * 7000  # several pieces of the lower-casing
    assert len(long) > 2 * CASE_CHUNK
    assert lowered(long) == long.lower()
    assert lowered(long + "ſ") is None  # long s: case-folds to s, lower-cases to itself
    assert lowered("İ" + long) is None  # dotted I: lower-cases to two characters
    assert lowered("") == ""
