"""The cheap pre-tests of the discipline and membership readers give the answers of the
tests they spare: each guarded answer is compared to the unguarded one over the fixture
texts, texts written for the guards, and odd characters (``İ``, ``ſ``, ``ß``, NBSP, NFD).
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bk_report.extractors import discipline, discipline_lexicon as lex, discipline_scan as scan
from bk_report.lexicon import load_table
from bk_report.models import DisciplineFigure, MembershipFigure
from bk_report.rules import Context, sentences
from bk_report.text import CASE_CHUNK, lowered

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ODD = ["İ", "ſ", "ß", "\xa0", "ẛ", "K", "Σ", "ς", "ǅ", "ﬁ", "ı", "\u0301", "\u200b", "\x1c", "\u2028", "　", "：", "–"]
WRITTEN = [
    "UBKT đã kỷ luật 9 đảng viên (khiển trách: 6, cảnh cáo 3; 2 khai trừ).",
    "Kỷ luật 5 ĐV: KHIỂN  TRÁCH 3,\t2 Cảnh Cáo; đình chỉ sinh hoạt đảng, cấp ủy 1.",
    "- Khiển trách: 4\n- cảnh\ncáo: 2\n- xkhiển trách 7 cáox 8 khai trừx 9",
    "Cấp ủy viên 3 người; Tỉnh ủy viên  2; Huyện ủy\tviên 4; Đảng ủy viên: 5; chi ủy Viên 6; UBKT viên.",
    "kết nạp đảng viên 41; kết nạp Đảng viên mới 3; kết nạp Đảng 2 trường hợp; cho ra khỏi Đảng 1.",
    "Khai trừ ra khỏi Đảng 2 đồng chí, cách chức 1, giải tán 1 chi bộ, đình chỉ sinh hoạt cấp ủy 3.",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    texts += WRITTEN
    # odd characters next to the words and numbers the guards look at
    for odd in ODD:
        texts += [w.replace(" ", odd, 2) for w in WRITTEN] + [w.replace("h", odd, 1) for w in WRITTEN]
        texts += [odd + w + odd for w in WRITTEN[:2]]
    texts += [unicodedata.normalize("NFD", w) for w in WRITTEN]
    return texts


TEXTS = _texts()


def _reference_fold(view: str) -> str | None:
    """:func:`.discipline_lexicon.fold` as it was: every character plain, then ``text.lowered``."""
    plain = lex._plain()
    if any(c not in plain for c in view):
        return None
    return lowered(view)


def test_fold_is_plain_and_lowered() -> None:
    for text in TEXTS:
        assert lex.fold(text) == _reference_fold(text)
    for code in range(0x3000):  # every character alone, and inside a text, of the ranges read
        c = chr(code)
        assert lex.fold(c) == _reference_fold(c), hex(code)
        assert lex.fold(f"Kỷ {c}uật") == _reference_fold(f"Kỷ {c}uật"), hex(code)
    for code in range(0x1E00, 0x2100):
        c = chr(code)
        assert lex.fold(c + "ĐV") == _reference_fold(c + "ĐV"), hex(code)


def test_fold_works_in_pieces() -> None:
    text = "Kỷ luật ĐẢNG VIÊN. " * 9000  # longer than a piece
    assert len(text) > CASE_CHUNK and lex.fold(text) == text.lower()
    assert lex.fold(text + "ſ") is None


def _numeral_sides(text: str):
    ctx = Context.from_text(text)
    view = ctx.view
    for a, b in scan.paragraphs(ctx, 0, len(view)):
        for n in ctx.numerals_in(a, b):
            yield view, n.start, n.end, a, b
        for n in ctx.numerals_in(a, b):  # and places that are no numeral
            yield view, max(a, n.start - 3), max(a, n.start - 2), a, b


def test_form_next_to_guard() -> None:
    seen = 0
    for text in TEXTS:
        for view, start, end, a, b in _numeral_sides(text):
            folded = lex.fold(view)
            if folded is None:
                continue
            unguarded = lex.form_next_to(view, start, end, a, b)
            assert lex.form_next_to(view, start, end, a, b, folded) == unguarded, (view[a:b], start)
            seen += unguarded
    assert seen >= 8  # the texts do have forms next to numbers


def test_paragraph_form_words_guard() -> None:
    """The readable test skips a paragraph without a count next to a form when the words of no
    form stand in it: any count next to a form has them."""
    words = lex.phrase_words(discipline._FORM)
    for text in TEXTS:
        for view, start, end, a, b in _numeral_sides(text):
            folded = lex.fold(view)
            if folded is not None and lex.form_next_to(view, start, end, a, b):
                assert lex.may_hold(folded[a:b], words), view[a:b]


def test_person_guard() -> None:
    person = scan._person()
    seen = 0
    for text in TEXTS:
        ctx = Context.from_text(text)
        view = ctx.view
        folded = lex.fold(view)
        if folded is None:
            continue
        for pos in range(len(view) + 1):
            expected = person.match(view, pos) is not None
            assert scan._person_after(view, pos, folded) == expected, (view, pos)
            assert scan._person_after(view, pos) == expected
            seen += expected
    assert seen >= 6


def test_cho_guard() -> None:
    from bk_report.extractors import membership

    cho = membership._cho()
    seen = 0
    for text in TEXTS + ["cho 3 đảng viên ra khỏi Đảng", "CHO  2 ĐV; Cho\t4; chó 5; xcho 6; cho\n7"]:
        ctx = Context.from_text(text)
        view = ctx.view
        for pos in range(len(view) + 1):
            tok = scan.Token(pos, pos, "number")
            expected = bool(cho.search(view[max(0, pos - 6) : pos]))
            assert membership._cho_before(ctx, tok) == expected, (view, pos)
            seen += expected
        ctx.scratch.clear()
    assert seen >= 4


def test_folded_connectors() -> None:
    for role in {r["role"] for r in load_table("discipline_connectors")}:
        words = lex.folded_connectors(role)
        assert words and all(w == w.casefold() for w in words)


def test_phrase_tokens_are_those_of_the_unfolded_pattern() -> None:
    """The phrase tokens read with the folded view (and the guards) are those read without it."""
    for text in TEXTS:
        ctx = Context.from_text(text)
        view = ctx.view
        folded = lex.fold(view)
        for s, e in sentences(view):
            fast = scan._phrase_tokens(view, s, e, folded)
            slow = scan._phrase_tokens(view, s, e)
            assert sorted(fast, key=scan._POSITION) == sorted(slow, key=scan._POSITION), view[s:e]


def test_targets_after_with_and_without_the_folded_view() -> None:
    for text in TEXTS:
        ctx = Context.from_text(text)
        view = ctx.view
        folded = lex.fold(view)
        ends = [n.end for n in ctx.numerals]
        expected = lex.targets_after(view, ends)
        assert [lex.target_after(view, e) for e in ends] == expected
        if folded is not None:
            assert lex.targets_after(view, ends, folded) == expected


def test_member_nouns_after_with_and_without_the_folded_view() -> None:
    for text in TEXTS:
        ctx = Context.from_text(text)
        view = ctx.view
        folded = lex.fold(view)
        ends = [n.end for n in ctx.numerals]
        expected = [lex.member_noun_after(view, e) for e in ends]
        assert lex.member_nouns_after(view, ends) == expected
        if folded is not None:
            assert lex.member_nouns_after(view, ends, folded) == expected


@pytest.mark.parametrize("field", ["discipline", "membership"])
def test_unchecked_figures_equal_validated_ones(field: str) -> None:
    import bk_report

    cls = DisciplineFigure if field == "discipline" else MembershipFigure
    seen = 0
    for text in TEXTS[:200]:
        for f in getattr(bk_report.extract(text), field):
            values = {name: getattr(f, name) for name in cls.model_fields}
            checked = cls(**values)
            assert f == checked and repr(f) == repr(checked)
            assert f.model_dump_json() == checked.model_dump_json()
            assert list(f.__dict__) == list(checked.__dict__)
            assert f.__pydantic_fields_set__ is checked.__pydantic_fields_set__  # one shared set
            seen += 1
    assert seen >= 5
