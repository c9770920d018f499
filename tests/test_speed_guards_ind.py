"""The shortcuts of the indicator extractor give what the slower way gives.

Each cheap pre-test (a guard that lets a pattern call be skipped) and each fast path is
compared with the unguarded answer over the fixture texts and over strings with odd
characters (``İ``, ``ſ``, ``ß``, NBSP, NFD text, runs of spaces, ``\\x1c``).
"""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from bk_report.extractors import indicator_clause as clause
from bk_report.extractors import indicator_name as naming
from bk_report.extractors import indicator_status as status
from bk_report.extractors import indicators
from bk_report.lexicon import canonical, first_nonspace, opens_after_spaces
from bk_report.text import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: strings made to trip the shortcuts: odd case foldings, spaces, decomposed letters
ODD = [
    "sản lượng lúa của huyện",
    "sản lượng lúa của HUYỆN  ",
    "sản lượng của  TP.",
    "giá trị trên địa bàn thị xã\u00a0",
    "tổng vốn đầu tư ở xã\x1c",
    "của İhuyện ſản xuất ß",
    unicodedata.normalize("NFD", "giá trị sản xuất của huyện năm 2019"),
    "Năm 2020, tỷ lệ hộ nghèo giảm, trên địa bàn phường",
    "năm  2021; quý III/2022: tăng 19 %",
    "ước đạt 1920 tấn (giá so sánh 2010), với diện tích",
    "TP. Hồ Chí Minh\ttại\nxã",
    "đạt được, tăng thêm, trở lên ,",
    "",
    " ",
    ",;:",
]


def _views() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    return [Document(t).view for t in texts] + ODD + [Document(t).view for t in ODD]


def _windows(view: str, rng: random.Random, count: int = 30):
    """Windows of ``view``: random ones and those ending at each numeral-like digit."""
    n = len(view)
    out = [(0, n)]
    for _ in range(count):
        a = rng.randrange(n + 1)
        out.append((a, min(n, a + rng.randrange(0, 320))))
    digits = [i for i, ch in enumerate(view) if ch.isdigit() and (i == 0 or not view[i - 1].isdigit())]
    for i in digits[:80]:
        out.append((max(0, i - rng.randrange(0, 300)), i))
    return out


# ------------------------------------------------------------ references (unguarded)


def _ref_trim(s, where, lead_edge=True):
    """:func:`indicator_name._trim` as it was before its shortcuts."""
    pats = naming._patterns()
    a, b = 0, len(s)
    ended = None
    for _ in range(16):
        while a < b and s[a] in naming._EDGE_LEAD:
            a += 1
        while b > a and s[b - 1] in naming._EDGE_TRAIL:
            b -= 1
        stripped = (a, b)
        i = first_nonspace(s, a, b)
        m = lead_edge and i < b and naming._lead_may_open()(s, i, b) and pats["any_lead"].match(s, a, b) and (
            pats["lead"].match(s, a, b) or pats["admin_lead"].match(s, a, b) or pats["admin_subject"].match(s, a, b)
        )
        if m and m.end() > a:
            a = m.end()
        t = naming._trail(s, a, b)
        if t is None:
            m = pats["of_admin"].search(s, a, b)
            if m:
                b = m.start()
        else:
            cls = naming._trail_class().get(canonical(t[1]).lower(), "qualifier")
            if ended is None or ended in ("aspect", "qualifier"):
                ended = cls if cls not in ("aspect", "qualifier") else ended
            b = t[0]
        if (a, b) == stripped:
            break
    parts = []
    for at, v0, n in where:
        if v0 < 0 or at + n <= a or at >= b or a >= b:
            continue
        u, v = v0 + max(a, at) - at, v0 + min(b, at + n) - at
        if parts and parts[-1][1] == u:
            parts[-1] = (parts[-1][0], v)
        else:
            parts.append((u, v))
    return naming.Lead(s[a:b].strip(), ended, tuple(parts))


def _ref_clean_range(view, lo, hi, lead_edge=True):
    """:func:`indicator_name.clean_range` as it was before its fast paths."""
    pats = naming._patterns()
    dropped = []
    hinted = pats["any_hint"].search(view, lo, hi) is not None
    if hinted:
        times = [(m.start(), m.end()) for m in naming._finditer("time", view, lo, hi)]
        dropped.extend(times)
        if times:
            for m in pats["brackets"].finditer(view, lo, hi):
                if any(m.start() <= a < m.end() for a, _ in times):
                    dropped.append((m.start(), m.end()))
    m = pats["heading"].match(view, lo, hi) if naming._may_head(view, lo, hi) else None
    if m:
        dropped.append((m.start(), m.end()))
    if hinted:
        dropped.extend((m.start(), m.end()) for m in naming._finditer("subject_any", view, lo, hi))
    cut = lo
    for m in pats["cut"].finditer(view, lo, hi):
        cut = m.end()
    if "," in view[lo:hi] and pats["theo"].match(view, lo, hi):
        cut = max(cut, view.rindex(",", lo, hi) + 1)
    dropped.append((lo, cut))
    if hinted:
        dropped.extend((m.start(), m.end()) for m in naming._finditer("locality", view, lo, hi))
    return _ref_trim(*naming._collapsed(view, lo, hi, dropped), lead_edge)


def _ref_segments(view, start, end):
    """:func:`indicator_clause.segments` without its shortcut for sentences with no cut."""
    pos = start
    out = []
    for m in clause._SEGMENT_END.finditer(view, start, end):
        t = clause._trim(view, pos, m.start())
        if t is not None:
            out.append(t)
        pos = m.end()
    t = clause._trim(view, pos, end)
    if t is not None:
        out.append(t)
    return out


# ------------------------------------------------------------------------ the tests


@pytest.fixture(scope="module")
def views():
    return _views()


def test_clean_range_fast_paths(views):
    rng = random.Random(7)
    for view in views:
        for lo, hi in _windows(view, rng) + [(5, 3), (len(view), len(view))]:
            for edge in (True, False):
                got, want = naming.clean_range(view, lo, hi, edge), _ref_clean_range(view, lo, hi, edge)
                assert (got.text, got.ended, got.parts) == (want.text, want.ended, want.parts), (view[lo:hi], edge)


def test_trim_as_before(views):
    rng = random.Random(11)
    for view in views:
        for lo, hi in _windows(view, rng, 20):
            s = view[lo:hi]
            where = [(0, lo, len(s))] if s else []
            for edge in (True, False):
                got, want = naming._trim(s, where, edge), _ref_trim(s, where, edge)
                assert (got.text, got.ended, got.parts) == (want.text, want.ended, want.parts), (s, edge)


def test_of_admin_guard(views):
    """Where the reversed "of_admin" fails at the end, the search finds nothing."""
    may_end, of_admin = naming._of_admin_may_end(), naming._patterns()["of_admin"]
    rng = random.Random(3)
    seen = 0
    for view in views:
        for lo, hi in _windows(view, rng):
            found = of_admin.search(view, lo, hi)
            if found is not None:
                seen += 1
                assert may_end(view, lo, hi) is not None, view[lo:hi]
    assert seen  # the comparison saw matches


def test_year_guard(views):
    """Every match of the year pattern holds "19" or "20"."""
    year = status._patterns()["year"]
    rng = random.Random(5)
    for view in views:
        for lo, hi in _windows(view, rng):
            if year.search(view, lo, hi) is not None:
                assert status._may_hold_year(view, lo, hi), view[lo:hi]
            elif not status._may_hold_year(view, lo, hi):
                assert year.search(view, lo, hi) is None


def test_segments_shortcut(views):
    rng = random.Random(9)
    for view in views:
        for lo, hi in _windows(view, rng, 20):
            assert list(clause.segments(view, lo, hi)) == _ref_segments(view, lo, hi), view[lo:hi]


def test_word_start_shortcut():
    """A rule whose pattern is only ``(?=\\w)`` matches where an ASCII digit stands."""
    word_start = [p for _, p, _, _, _, ws in indicators._rule_table() if ws]
    assert word_start
    for p in word_start:
        for d in "0123456789":
            assert p.match(f"x {d}5", 2) is not None


def test_word_opening_guards(views):
    """Where :func:`lexicon.opens_after_spaces` says no word of a pattern's first words opens the
    text, the pattern does not match there (``caption``, ``frame_start``, ``noun_comma``)."""
    pats = indicators._patterns()
    cases = [
        (pats["caption"], indicators._caption_may_open(), 0),
        (pats["frame_start"], indicators._frame_may_open(), 0),
        (pats["noun_comma"], indicators._noun_may_open(), 1),  # read after the comma
    ]
    rng = random.Random(13)
    seen = [0] * len(cases)
    extra = ["Ảnh: trồng 20 ha", " \u00a0nguồn.", ", hộ gia đình, ", ",\x1cxã đạt", ", HỢP TÁC XÃ và", "\tTrong năm", "ſau đó"]
    for view in views + extra:
        starts = [0] + [i for i, ch in enumerate(view) if ch in ",.;:" or ch.isspace()][:300]
        for pos in starts:
            end = min(len(view), pos + rng.randrange(1, 200))
            for k, (pattern, words, skip) in enumerate(cases):
                if pattern.match(view, pos, end) is not None:
                    seen[k] += 1
                    assert opens_after_spaces(words, view, pos + skip, end), (view[pos:end], pattern.pattern[:40])
    assert all(seen), seen


def test_qualifier_after_is_its_pattern() -> None:
    """``read_qualifier_after`` tries its pattern only where a qualifier may open the words
    after the spaces: it reads what the pattern alone reads."""
    from bk_report import quantities

    pattern, table = quantities._patterns()["after"], quantities._qualifiers()["after"]
    extra = ["5 xã TRỞ LÊN", "5 xã\ttrở\u00a0lên", "12 ha trở\nlên", "3 người trởlên", "7 ſ trở lên", "9 İ", "4 trở xuống"]
    for view in _views() + extra:
        for pos in range(len(view) + 1):
            m = pattern.match(view, pos)
            want = None if m is None else (table[quantities._key(m.group("q"))], m.end())
            assert quantities.read_qualifier_after(view, pos) == want, (view[pos : pos + 20], pos)
