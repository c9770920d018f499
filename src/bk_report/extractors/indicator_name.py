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
>>> clean("Trong năm có thêm")
Lead(text='', ended='light')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, canonical, load_table

_F = regex.IGNORECASE | regex.VERSION1


@dataclass(frozen=True)
class Lead:
    """A cleaned lead phrase and the class of the last word trimmed from its end.

    ``parts`` are the view ranges the text was taken from, so that the name can be
    rendered from the caller's own string (:func:`render`).
    """

    text: str
    ended: Optional[str]
    parts: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)


@lru_cache(maxsize=None)
def _rows() -> tuple[dict[str, str], ...]:
    return load_table("indicator_name_trim")


def _words(edge: str, classes: tuple[str, ...]) -> list[str]:
    return [r["phrase"] for r in _rows() if r["class"] in classes and r["edge"] in (edge, "both")]


@lru_cache(maxsize=None)
def _trail_class() -> dict[str, str]:
    out = {}
    for r in _rows():
        if r["edge"] in ("trail", "both") and r["class"] not in ("admin", "cut"):
            out.setdefault(canonical(r["phrase"]).lower(), r["class"])
    return out


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    quals = [r["word"] for r in load_table("qualifiers") if r["position"] == "before"]
    lead = alternation(_words("lead", ("frame", "aspect", "subject", "status", "light")))
    trail = alternation(list(_trail_class()) + quals)
    admin = alternation(r["phrase"] for r in _rows() if r["class"] == "admin")
    cut = alternation(_words("both", ("cut",)))
    proper = r"\p{Lu}[\p{L}\p{M}'’-]*+"
    return {
        "lead": regex.compile(rf"\s*(?P<w>{lead})(?!\w)[\s,]*", _F),
        "trail": regex.compile(rf"[\s,]*(?<!\w)(?<!trở\s)(?P<w>{trail})[\s,]*$", _F),
        "admin_subject": regex.compile(rf"\s*{admin}(?=\s+(?:{lead})(?!\w))", _F),
        "locality": regex.compile(
            rf"(?:(?:trên\s+địa\s+bàn|của|tại|ở)\s+)?(?:toàn\s+)?(?<!\w)(?i:{admin})\s+{proper}(?:\s+{proper})*(?:\s*\([^)]*\))?",
            regex.VERSION1,
        ),
        "time": regex.compile(
            r"(?:(?:trong|của|cả)\s+)?(?:(?:\d+|sáu|chín|ba)\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?\s*)?"
            r"(?:(?:năm|giai\s+đoạn|nhiệm\s+kỳ|niên\s+vụ)\s+)?(?<![\w.,])(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?(?![\w.,]\d)"
            r"|(?:trong\s+)?(?<!\w)(?:\d+|sáu|chín|ba)\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?(?!\w)"
            r"|(?<!\w)trong\s+năm(?!\s*\d)(?!\w)|(?<!\w)(?:trong\s+)?năm\s+(?:tới|sau)(?!\w)",
            _F,
        ),
        "cut": regex.compile(rf"(?<!\bso\s)(?<!\w){cut}(?!\w)", _F),
        "theo": regex.compile(r"\s*theo\s", _F),
        # a heading in capitals glued to the sentence: "MỘT SỐ CHỈ TIÊU CHỦ YẾU Tổng …"
        "heading": regex.compile(r"\s*(?:[\p{Lu}\d][\p{Lu}\p{M}\d&.,–-]*\s+){2,}(?=\p{Lu}\p{Ll})", regex.VERSION1),
        # "toàn huyện" anywhere; "toàn xã hội" (the whole society) is not a commune
        "subject_any": regex.compile(rf"(?<!\w){alternation(_words('lead', ('subject',)))}(?!\w)(?!\s+hội(?!\w))", _F),
        "of_admin": regex.compile(rf"\s+của\s+(?:{admin})\s*$", _F),
        "admin_lead": regex.compile(rf"\s*{alternation(r['phrase'] for r in _rows() if r['class'] == 'admin' and r['edge'] == 'lead')}(?=\s)", _F),
        "space": regex.compile(r"\s+"),
        "edge_punct": regex.compile(r"^[\s,;:.–—-]+|[\s,;:–—-]+$"),
        "edge_punct_lead": regex.compile(r"[\s,;:.–—-]+"),
        "edge_punct_trail": regex.compile(r"[\s,;:–—-]+$"),
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

    for m in pats["time"].finditer(view, lo, hi):
        drop(m.start(), m.end())
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
    ended: Optional[str] = None
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
