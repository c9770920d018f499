"""The scanner's shortcuts give the answers of the plain ways they replace.

* the digit pattern (one alternation with the number read once, a group only for "not
  a number", the kind read again) against the plain alternation ``doc|date3|monthyear|range|frac|broken|num``
  with every group, and the parts read again with the pattern of the kind alone;
* a number whose match ends in a digit has no scale word and no percent;
* the number words scanned for without groups, read again where a match has spaces;
  one word (``str.isalpha``) read by ``_one_word`` as ``_spelled`` reads it;
* the edge bits of ``_Tests.before`` / ``_Tests.after`` against ``EdgeWords`` and the
  context patterns themselves, ``_Tests.unit_after`` against the ``unit_after`` pattern;
* the merge of the three match streams against a plain one;
* ``numerals.tidy`` on a fraction ending in a non-zero digit.

Inputs: the fixtures and corpus texts, and random strings of pieces that touch the
patterns' edges (separators, dashes, slashes, ``%``, scale and unit words, ``İ``,
``ſ``, ``ß``, NBSP, NFD text).
"""
from __future__ import annotations

import random
import unicodedata
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
import regex

from bk_report import scanner as S
from bk_report.lexicon import EdgeWords, alternation, compile_pattern, load_table, time_budget
from bk_report.numerals import _PRECISION, number_words, scale_words, tidy
from bk_report.text import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus")

PIECES = list("0123456789 .,/-–—%&AaNQTUĐHdtIVXLCKkSs\u00a0\n\t²") + [
    "İ", "ſ", "ß", "ǅ", "K", "n\u0306", "\u0301", "tỷ", "TỶ", "triệu", "nghìn", "ngàn", " tỷ lệ", "tỉ", "vạn", "người",
    "km2", "phần trăm", "COVID-", "NQ", "/2023", "19", "20", "2022", "hộ gia đình", "khóa ", "quý ", "Khoá", "thứ ",
    "năm", "Năm", "NĂM", "một", "hai", "mươi", "mười", "lăm", "tư", "ba", "trăm", "linh", "nhất", "rưỡi", "số", "là",
    "tháng", "ngày", "đến", "và", "đồng", "ha", "tấn", "lần", "đại hội", "USD", "VNĐ", "ki-lô-gam", "m²", "30.6.2022",
    "18/12", "1.234", "12,5", "3.645", "2016-2021", " - ", "kỳ", "đầu", "qua", "tới", "trọng", "suất", "MƯỜI", "Hai là",
]


def _texts() -> list[str]:
    paths = sorted(ROOT.glob("fixtures/*.txt")) + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
    return [p.read_text(encoding="utf-8") for p in paths]


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        s = "".join(rnd.choice(PIECES) + (" " if rnd.random() < 0.5 else "") for _ in range(rnd.randint(1, 14)))
        out.append(unicodedata.normalize("NFD", s) if rnd.random() < 0.1 else s)
    return out


@pytest.fixture(scope="module")
def views() -> list[str]:
    return [Document(t).view for t in _texts() + _random_texts(4000, 7)]


def _reference_digits() -> "regex.Pattern[str]":
    """The digit alternation as one plain pattern, every group kept (the scanner's first form)."""
    scales = alternation(scale_words())
    not_scale = rf"(?!\s++{S._context_words()['not_scale_after']}(?!\w))"
    measures = alternation(r["surface"] for r in load_table("units"))
    num = r"\d++(?:[.,]\d++){0,24}+"
    start = r"(?<![\w.,/])(?<!\p{L}[-–])"
    return compile_pattern(
        rf"""
        (?P<doc>(?<![\w/])\d++(?:/\d{{2,4}})?+[-/]\p{{Lu}}[\p{{Lu}}\d]*+(?:[-/–&]\p{{Lu}}[\p{{Lu}}\d]*+)*+)
        |(?P<date3>(?<![\w.,/])\d{{1,2}}(?P<sep>[./-])\d{{1,2}}(?P=sep)(?:19|20)\d\d(?![\w/]|[.,]\d))
        |(?P<monthyear>(?<![\w.,/])\d{{1,2}}/(?:19|20)\d\d(?![\w/]|[.,]\d))
        |(?P<range>{start}(?P<lo>{num})\s*+(?P<lopct>%)?+\s*+[-–—]\s*+(?P<hi>{num})(?P<hipct>\s?+%)?+(?(hipct)|(?P<hiscale>(?:\s*+{scales}(?!\w){not_scale}){{1,3}})?+)(?!\w|[.,]\d)(?(hipct)|(?!/)))
        |(?P<frac>{start}(?P<a>{num})(?:\s*+{measures}(?!\w))?+\s?+/\s?+(?P<b>{num})(?![\w/]|[.,]\d))
        |(?P<broken>(?<![\w.,/])\d{{1,2}}\s(?P<tail>\d{{1,3}})\s?+%)
        |(?P<num>{start}(?P<digits>{num})(?P<dangle>,(?=\s++{scales}(?!\w){not_scale}))?+
            (?P<scale>(?:\s*+{scales}(?!\w){not_scale}){{1,3}})?+(?P<pct>\s?+%|\s++phần\s++trăm(?!\w))?+)
        """,
        regex.IGNORECASE | regex.VERSION1 | regex.VERBOSE,
    )


_KIND = {"date3": "date", "monthyear": "date", "num": None}


def _parts(m: "regex.Match[str]", names: tuple[str, ...]) -> tuple:
    return tuple(m.group(k) for k in names) + tuple(m.span(k) for k in names)


def test_digit_pattern_is_the_plain_alternation(views: list[str]) -> None:
    ref, pats = _reference_digits(), S._patterns()
    for view in views:
        want = list(ref.finditer(view))
        got = []
        for m in pats["digits"].finditer(view):
            assert m.lastgroup in (None, "rare")
            kind = pats["digit_kinds"].match(view, m.start()) if m.lastgroup else m
            assert kind.span() == m.span()
            got.append((m.span(), kind.lastgroup))
        assert [(m.span(), _KIND.get(m.lastgroup, m.lastgroup)) for m in want] == got, view
        for w in want:
            kind = w.lastgroup
            if kind == "range":
                d = pats["range"].match(view, w.start())
                names = ("lo", "lopct", "hi", "hipct", "hiscale")
                assert d.span() == w.span() and _parts(d, names) == _parts(w, names)
            elif kind == "frac":
                d = pats["frac"].match(view, w.start())
                assert d.span() == w.span() and _parts(d, ("lo", "b")) == _parts(w, ("a", "b"))
            elif kind == "num":
                d = pats["number"].match(view, w.start())
                assert d.span() == w.span()
                assert _parts(d, ("lo", "dangle", "scale", "pct")) == _parts(w, ("digits", "dangle", "scale", "pct"))
                parts = S._number_parts(w.group(), view, w.start(), pats["number"], S._number_groups())
                assert parts == w.group("digits", "dangle", "scale", "pct")


def test_word_matches_read_again_and_one_word(views: list[str]) -> None:
    pats, tests = S._patterns(), S._tests()
    for view in views:
        low = Document(view).lowered()
        for text, bare, parts in ((view, pats["words"], pats["words_parts"]), (low, pats["words_lower"], pats["words_lower_parts"])):
            if text is None:
                continue
            want = list(parts.finditer(text))  # compiled to be matched at a place, but it searches alike
            assert [m.span() for m in bare.finditer(text)] == [m.span() for m in want]
            for w in want:
                again = parts.match(text, w.start())
                assert again.span() == w.span() and again.span("wpct") == w.span("wpct")
                if w.group().isalpha():  # one word: no space, no "phần trăm"
                    assert w.group().split() == [w.group()] and w.group("wpct") is None
                    one = S._one_word(w.start(), w.end(), view, tests)
                    assert ([] if one is None else [one]) == S._spelled(again, view)


def _positions(view: str, rnd: random.Random) -> list[int]:
    if len(view) < 400:
        return list(range(len(view) + 1))
    return sorted(rnd.sample(range(len(view) + 1), 400)) + [0, len(view)]


def _edge_words() -> dict[str, EdgeWords]:
    """For each context pattern, the words it needs at the numeral's edge, as ``EdgeWords``."""
    ctx: dict[str, list[str]] = {}
    for row in load_table("numeral_context"):
        ctx.setdefault(row["context"], []).append(row["word"])
    f = regex.IGNORECASE | regex.VERSION1
    out = {k: EdgeWords(ctx[k], f) for k in ("date_before", "day_or_month_before", "period_after", "fraction_after",
                                              "not_number_after", "enumeration_after")}
    out["ordinal_before"] = EdgeWords((r["word"] for r in load_table("ordinal_markers")), f)
    out["unit_after"] = EdgeWords(S._unit_words(), f)
    return out


def _unit_after(guards: dict[str, EdgeWords], view: str, pos: int) -> bool:
    """The ``unit_after`` pattern after ``view[:pos]``, behind its ``EdgeWords`` guard."""
    return guards["unit_after"].may_start(view, pos, pos + S._AFTER) and S._patterns()["unit_after"].match(view[pos : pos + S._AFTER]) is not None


def test_edge_bits_are_the_edge_word_guards_and_unit_after(views: list[str]) -> None:
    tests, guards, rnd = S._tests(), _edge_words(), random.Random(3)
    before = {S._ORD: "ordinal_before", S._DM: "day_or_month_before", S._DATE: "date_before"}
    after = {S._PERIOD: "period_after", S._ENUM: "enumeration_after", S._NOTNUM: "not_number_after", S._FRAC: "fraction_after"}
    for view in views[::3]:
        for pos in _positions(view, rnd):
            lo = max(0, pos - S._BEFORE)
            bits = tests.before(view, pos, lo)
            for bit, name in before.items():
                assert bool(bits & bit) == guards[name].may_end(view, pos, lo), (view, pos, name)
            bits = tests.after(view, pos)
            for bit, name in after.items():
                assert bool(bits & bit) == guards[name].may_start(view, pos, pos + S._AFTER), (view, pos, name)
            assert tests.unit_after(view, pos, bits) == _unit_after(guards, view, pos), (view, pos)


def _plain_merge(view: str, low: "str | None") -> list:
    """The three streams merged one match at a time, as an alternation of the three would."""
    pats = S._patterns()
    budget = time_budget(len(view))
    first = sorted(list(pats["digits"].finditer(view)) + list(pats["roman"].finditer(view)), key=lambda m: m.start())
    words, text = (pats["words_lower"], low) if low is not None and pats["words_lower"] is not None else (pats["words"], view)
    it = words.finditer(text, timeout=budget)
    word, done, out = next(it, None), 0, []
    for m in first + [None]:
        while word is not None and (m is None or word.start() < m.start()):
            if word.start() >= done:
                out.append(word)
                done = word.end()
            elif word.end() > done:
                it = words.finditer(text, done, timeout=budget)
            word = next(it, None)
        if m is not None and m.start() >= done:
            out.append(m)
            done = m.end()
    return out


@pytest.mark.parametrize("batch", [1, 3, S._BATCH])
def test_merge_of_the_streams(views: list[str], batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(S, "_BATCH", batch)
    for view in views:
        low = Document(view).lowered()
        for lowered in (low, None):
            want = [(m.span(), m.re.pattern) for m in _plain_merge(view, lowered)]
            assert [(m.span(), m.re.pattern) for m in S._matches(view, lowered)] == want


def _slow_tidy(value: Decimal) -> Decimal:
    if not value.is_finite():
        return value
    with localcontext() as exact:
        exact.prec = _PRECISION
        if value == value.to_integral_value():
            return Decimal(int(value))
        return value.normalize()


def test_tidy_of_a_fraction_is_the_value() -> None:
    rnd = random.Random(5)
    values = ["12.5", "-12.5", "0.05", "5.50", "1E-5", "10E-1", "-0.00", "0E-3", "3.450", "1E+3", "0", "NaN", "-Infinity"]
    for _ in range(3000):
        digits = str(rnd.randint(0, 10 ** rnd.randint(1, 30)))
        values += [f"{rnd.choice('-+')}{digits}E{rnd.randint(-15, 15)}", f"{digits[:-1] or '0'}.{digits[-1]}"]
    for v in values:
        got, want = tidy(Decimal(v)), _slow_tidy(Decimal(v))
        assert str(got) == str(want) and got.as_tuple() == want.as_tuple(), v
