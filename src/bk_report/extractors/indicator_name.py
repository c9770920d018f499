"""The name of an indicator: the words before its figure, without verbs and locality.

:func:`clean` trims a lead phrase (the words of the clause before the figure) with
the table ``data/indicator_name_trim.tsv``: time frames and aspect words at the
start, linking verbs, status cues and qualifiers at the end, the locality
(``trên địa bàn huyện Mộc Châu (Sơn La)``) and calendar years anywhere.  It also
says how the lead ended, which decides whether the counted noun after the
number belongs to the name (``thành lập mới 07 HTX`` → ``thành lập mới HTX``, but
``giải quyết việc làm cho 704 lao động`` → ``giải quyết việc làm``).

>>> clean("Năm 2019, giá trị sản xuất nông nghiệp trên địa bàn huyện Mộc Châu (Sơn La) đạt")
Lead(text='giá trị sản xuất nông nghiệp', ended='value')
>>> clean("toàn huyện đã thành lập mới")
Lead(text='thành lập mới', ended=None)
>>> clean("Lĩnh vực giáo dục có thêm")
Lead(text='Lĩnh vực giáo dục', ended='light')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from ..lexicon import alternation, canonical, load_table, compile_pattern
from ..numerals import number_words
from .indicator_cues import cue

_F = regex.IGNORECASE | regex.VERSION1


@dataclass(frozen=True)
class Lead:
    """A cleaned lead phrase and the class of the last word trimmed from its end.

    ``parts`` are the view ranges the text was taken from, so that the name can be
    rendered from the caller's own string (:func:`render`).
    """

    text: str
    ended: str | None
    parts: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)


@cache
def _rows() -> tuple[dict[str, str], ...]:
    return load_table("indicator_name_trim")


def _words(edge: str, classes: tuple[str, ...]) -> list[str]:
    return [r["phrase"] for r in _rows() if r["class"] in classes and r["edge"] in (edge, "both")]


@cache
def _trail_class() -> dict[str, str]:
    out = {}
    for r in _rows():
        if r["edge"] in ("trail", "both") and r["class"] not in ("admin", "cut"):
            out.setdefault(canonical(r["phrase"]).lower(), r["class"])
    return out


@cache
def _patterns() -> dict[str, regex.Pattern]:
    quals = [r["word"] for r in load_table("qualifiers") if r["position"] == "before"]
    lead = alternation(_words("lead", ("frame", "aspect", "subject", "status", "light", "value")))
    trail = alternation(list(_trail_class()) + quals)
    admin = alternation(r["phrase"] for r in _rows() if r["class"] == "admin")
    cut = alternation(_words("both", ("cut",)))
    proper = r"\p{Lu}[\p{L}\p{M}'’-]*+"
    count = rf"(?:\d+|{alternation(number_words())})"
    frame, month, part = cue("time_prep"), cue("month_word"), cue("part_word")
    period, future, year = cue("period_word"), cue("future_word"), cue("year_word")
    # the first words of a qualifier after a number ("trở" of "trở lên"): "lên" there is no verb
    open_quals = alternation(r["word"].rsplit(" ", 1)[0] for r in load_table("qualifiers") if r["position"] == "after" and " " in r["word"])
    return {
        "lead": compile_pattern(rf"\s*(?P<w>{lead})(?!\w)[\s,]*", _F),
        "trail": compile_pattern(rf"[\s,]*(?<!\w)(?<!(?<!\w){open_quals}\s)(?P<w>{trail})[\s,]*$", _F),
        "admin_subject": compile_pattern(rf"\s*{admin}(?=\s+(?:{lead})(?!\w))", _F),
        "locality": compile_pattern(
            rf"(?:(?i:{cue('locality_prep')})\s+)?(?:(?i:{cue('whole')})\s+)?(?<!\w)(?i:{admin})\s+{proper}(?:\s+{proper})*(?:\s*\([^)]*\))?",
            regex.VERSION1,
        ),
        # time phrases: "năm 2023", "giai đoạn 2021-2025", "6 tháng đầu năm", "quý III/2023", "năm tới"
        "time": compile_pattern(
            rf"(?:(?:{frame})\s+)?(?:{count}\s+{month}(?:\s+{part})?\s*)?"
            rf"(?:{period}\s+)?(?<![\w.,])(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?(?![\w.,]\d)"
            rf"|(?:(?:{frame})\s+)?(?<!\w){count}\s+{month}(?:\s+{part})?(?!\w)"
            rf"|(?<!\w){cue('within')}\s+{year}(?!\s*\d)(?!\w)|(?<!\w)(?:(?:{frame})\s+)?{year}\s+{future}(?!\w)"
            rf"|(?<!\w){month}\s+(?:[IVX]+|\d{{1,2}})(?:\s*/\s*(?:19|20)\d\d)?(?!\w)(?:\s+{period}\s+(?:19|20)\d\d)?",
            _F,
        ),
        "brackets": compile_pattern(r"\s*\([^()]*\)"),
        "cut": compile_pattern(rf"(?<!\bso\s)(?<!\w){cut}(?!\w)", _F),
        "theo": compile_pattern(rf"\s*{cue('source')}\s", _F),
        # a heading in capitals glued to the sentence: "MỘT SỐ CHỈ TIÊU CHỦ YẾU Tổng …"
        "heading": compile_pattern(r"\s*(?:[\p{Lu}\d][\p{Lu}\p{M}\d&.,–-]*\s+){2,}(?=\p{Lu}\p{Ll})", regex.VERSION1),
        # "toàn huyện" anywhere; "toàn xã hội" (the whole society) is not a commune
        "subject_any": compile_pattern(rf"(?<!\w)(?!{cue('not_subject')}(?!\w)){alternation(_words('lead', ('subject',)))}(?!\w)", _F),
        "of_admin": compile_pattern(rf"\s+{cue('locality_prep')}\s+(?:{admin})\s*$", _F),
        "admin_lead": compile_pattern(rf"\s*{alternation(r['phrase'] for r in _rows() if r['class'] == 'admin' and r['edge'] == 'lead')}(?=\s)", _F),
        "space": compile_pattern(r"\s+"),
        "edge_punct": compile_pattern(r"^[\s,;:.–—-]+|[\s,;:–—-]+$"),
        "edge_punct_lead": compile_pattern(r"[\s,;:.–—-]+"),
        "edge_punct_trail": compile_pattern(r"[\s,;:–—-]+$"),
    }


def clean(text: str) -> Lead:
    """Trim a lead phrase down to the indicator name (see the module docstring)."""
    return clean_range(text, 0, len(text))


def clean_range(view: str, lo: int, hi: int, lead_edge: bool = True) -> Lead:
    """:func:`clean` for ``view[lo:hi]``, remembering which view ranges were kept.

    With ``lead_edge`` false (words after a figure) the start is kept as it is."""
    pats = _patterns()
    idx = list(range(lo, hi))
    removed = [False] * len(idx)

    def drop(a: int, b: int) -> None:
        for i in range(a - lo, b - lo):
            removed[i] = True

    times = [(m.start(), m.end()) for m in pats["time"].finditer(view, lo, hi)]
    for a, b in times:
        drop(a, b)
    for m in pats["brackets"].finditer(view, lo, hi):
        if any(m.start() <= a < m.end() for a, _ in times):
            drop(m.start(), m.end())  # "(giá so sánh 2010)": a note on the year, not the name
    m = pats["heading"].match(view, lo, hi)
    if m:
        drop(m.start(), m.end())
    for m in pats["subject_any"].finditer(view, lo, hi):
        drop(m.start(), m.end())
    cut = lo
    for m in pats["cut"].finditer(view, lo, hi):
        cut = m.end()
    if pats["theo"].match(view, lo, hi) and "," in view[lo:hi]:
        cut = max(cut, view.rindex(",", lo, hi) + 1)
    drop(lo, cut)
    localities = [(m.start(), m.end()) for m in pats["locality"].finditer(view, lo, hi)]
    for a, b in localities:
        drop(a, b)
    return _trim(view, idx, removed, lead_edge)


def _trim(view: str, idx: list[int], removed: list[bool], lead_edge: bool = True) -> Lead:
    pats = _patterns()
    chars, where = [], []
    for i, gone in zip(idx, removed):
        if gone:
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(-1)
            continue
        ch = view[i]
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        where.append(i)
    s = "".join(chars)
    a, b = 0, len(s)
    ended: str | None = None
    for _ in range(16):
        before = (a, b)
        m = pats["edge_punct_lead"].match(s, a, b)
        if m:
            a = m.end()
        m = pats["edge_punct_trail"].search(s, a, b)
        if m:
            b = m.start()
        m = lead_edge and (pats["lead"].match(s, a, b) or pats["admin_lead"].match(s, a, b) or pats["admin_subject"].match(s, a, b))
        if m and m.end() > a:
            a = m.end()
        m = pats["trail"].search(s, a, b) or pats["of_admin"].search(s, a, b)
        if m and "w" not in m.groupdict():
            b = m.start()
            m = None
        if m:
            cls = _trail_class().get(canonical(m.group("w")).lower(), "qualifier")
            if ended is None or ended in ("aspect", "qualifier"):
                ended = cls if cls not in ("aspect", "qualifier") else ended
            b = m.start()
        if (a, b) == before:
            break
    parts: list[tuple[int, int]] = []
    for i in where[a:b]:
        if i < 0:
            continue
        if parts and parts[-1][1] == i:
            parts[-1] = (parts[-1][0], i + 1)
        else:
            parts.append((i, i + 1))
    return Lead(s[a:b].strip(), ended, tuple(parts))


def render(parts: tuple[tuple[int, int], ...], text_of) -> str:
    """The words of ``parts`` as written in the caller's string (``text_of(a, b)``)."""
    return join(*(text_of(a, b) for a, b in parts))


def join(*parts: str) -> str:
    """Join name parts with single spaces, dropping empty ones.

    >>> join("thành lập mới", "", "HTX")
    'thành lập mới HTX'
    """
    return _patterns()["space"].sub(" ", " ".join(p.strip() for p in parts if p and p.strip())).strip()
