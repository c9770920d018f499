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

from ..lexicon import alternation, backwards, canonical, char_test, compile_pattern, first_nonspace, load_table, may_open, opens_after_spaces
from ..numerals import number_words
from .indicator_cues import cue, tail_guard

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
    admin_lead = alternation(r["phrase"] for r in _rows() if r["class"] == "admin" and r["edge"] == "lead")
    cut = alternation(_words("both", ("cut",)))
    proper = r"\p{Lu}[\p{L}\p{M}'’-]*+"
    count = rf"(?:\d+|{alternation(number_words())})"
    frame, month, part = cue("time_prep"), cue("month_word"), cue("part_word")
    period, future, year = cue("period_word"), cue("future_word"), cue("year_word")
    # the first words of a qualifier after a number ("trở" of "trở lên"): "lên" there is no verb
    open_quals = alternation(r["word"].rsplit(" ", 1)[0] for r in load_table("qualifiers") if r["position"] == "after" and " " in r["word"])
    return {
        "lead": compile_pattern(rf"\s*(?P<w>{lead})(?!\w)[\s,]*", _F, anchored=True),
        "trail": compile_pattern(rf"[\s,]*(?<!\w)(?<!(?<!\w){open_quals}\s)(?P<w>{trail})[\s,]*$", _F),
        # "trail" without its leading commas and spaces, which make every position a start,
        # searched from the end: only the end is tried, the longest word first
        "trail_word": compile_pattern(rf"(?<!\w)(?<!(?<!\w){open_quals}\s)(?P<w>{trail})[\s,]*$", _F | regex.REVERSE),
        "admin_subject": compile_pattern(rf"\s*{admin}(?=\s+(?:{lead})(?!\w))", _F, anchored=True),
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
        "theo": compile_pattern(rf"\s*{cue('source')}\s", _F, anchored=True),
        # a heading in capitals glued to the sentence: "MỘT SỐ CHỈ TIÊU CHỦ YẾU Tổng …"
        "heading": compile_pattern(r"\s*(?:[\p{Lu}\d][\p{Lu}\p{M}\d&.,–-]*\s+){2,}(?=\p{Lu}\p{Ll})", regex.VERSION1, anchored=True),
        # "toàn huyện" anywhere; "toàn xã hội" (the whole society) is not a commune
        "subject_any": compile_pattern(rf"(?<!\w)(?!{cue('not_subject')}(?!\w)){alternation(_words('lead', ('subject',)))}(?!\w)", _F),
        "of_admin": compile_pattern(rf"\s+{cue('locality_prep')}\s+(?:{admin})\s*$", _F),
        "admin_lead": compile_pattern(rf"\s*{admin_lead}(?=\s)", _F, anchored=True),
        # "lead", "admin_lead" or "admin_subject": where it does not match, none does
        "any_lead": compile_pattern(rf"\s*(?:{lead}(?!\w)|{admin_lead}(?=\s)|{admin}(?=\s+(?:{lead})(?!\w)))", _F, anchored=True),
        # a word every match of "time" / "locality" / "subject_any" holds: where it is
        # missing the (slower) pattern is not run at all
        "time_hint": compile_pattern(rf"\d|{month}|{year}", _F),
        "locality_hint": compile_pattern(rf"(?i:{admin})", regex.VERSION1),
        "subject_any_hint": compile_pattern(alternation(_words("lead", ("subject",))), _F),
        "any_hint": compile_pattern(rf"\d|{month}|{year}|(?i:{admin})|{alternation(_words('lead', ('subject',)))}", _F),
        "space": compile_pattern(r"\s+"),
        "any_space": compile_pattern(r"[\s\x1c-\x1f]+"),  # what str.isspace calls a space
        "edge_punct": compile_pattern(r"^[\s,;:.–—-]+|[\s,;:–—-]+$"),
    }


def _may_head(view: str, lo: int, hi: int) -> bool:
    """A cheap precondition of ``pats["heading"].match(view, lo, hi)``: its first word
    opens with a capital or a digit, and goes on with another or ends."""
    i = first_nonspace(view, lo, hi)
    if i >= hi or not _head_tests()[0](view[i]):
        return False
    return i + 1 >= hi or _head_tests()[1](view[i + 1])


@cache
def _head_tests():
    """:func:`.char_test` of the first character of "heading" and of the one after it."""
    return char_test(r"[\p{Lu}\d]", regex.VERSION1), char_test(r"[\p{Lu}\p{M}\d&.,–-]|\s", regex.VERSION1)


@cache
def _lead_may_open():
    """:func:`.may_open` of the words ``pats["any_lead"]`` opens with."""
    admin = [r["phrase"] for r in _rows() if r["class"] == "admin"]
    return may_open(tuple(_words("lead", ("frame", "aspect", "subject", "status", "light", "value")) + admin))


def clean(text: str) -> Lead:
    """Trim a lead phrase down to the indicator name (see the module docstring)."""
    return clean_range(text, 0, len(text))


def clean_range(view: str, lo: int, hi: int, lead_edge: bool = True) -> Lead:
    """:func:`clean` for ``view[lo:hi]``, remembering which view ranges were kept.

    With ``lead_edge`` false (words after a figure) the start is kept as it is."""
    if hi <= lo:
        return _NO_LEAD
    pats = _patterns()
    dropped: list[tuple[int, int]] = []
    # a hint word is in every match of "time", "subject_any" and "locality": without one, none is run
    hinted = pats["any_hint"].search(view, lo, hi) is not None
    if hinted:
        times = [(m.start(), m.end()) for m in _finditer("time", view, lo, hi)]
        dropped.extend(times)
        if times:
            for m in pats["brackets"].finditer(view, lo, hi):
                if any(m.start() <= a < m.end() for a, _ in times):
                    dropped.append((m.start(), m.end()))  # "(giá so sánh 2010)": a note on the year, not the name
    m = pats["heading"].match(view, lo, hi) if _may_head(view, lo, hi) else None
    if m:
        dropped.append((m.start(), m.end()))
    if hinted:
        dropped.extend((m.start(), m.end()) for m in _finditer("subject_any", view, lo, hi))
    cut = lo
    for m in pats["cut"].finditer(view, lo, hi):
        cut = m.end()
    if view.find(",", lo, hi) >= 0 and pats["theo"].match(view, lo, hi):
        cut = max(cut, view.rindex(",", lo, hi) + 1)
    dropped.append((lo, cut))
    if hinted:
        dropped.extend((m.start(), m.end()) for m in _finditer("locality", view, lo, hi))
    return _trim(*_collapsed(view, lo, hi, dropped), lead_edge)


#: The lead of an empty range.
_NO_LEAD = Lead("", None, ())


def _collapsed(view: str, lo: int, hi: int, dropped: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """``view[lo:hi]`` with the ``dropped`` ranges made one space and every run of spaces
    one space, and its chunks ``(offset in the result, view offset or -1, length)``."""
    space = _patterns()["any_space"]
    if all(b <= a or b <= lo for a, b in dropped) and _plain(view[lo:hi]):
        # the common case: nothing dropped, only single plain spaces: the text as it is
        return view[lo:hi], ([(0, lo, hi - lo)] if hi > lo else [])
    chunks: list[str] = []
    where: list[tuple[int, int, int]] = []
    size = 0
    last_space = False

    def keep(a: int, b: int) -> None:
        nonlocal size, last_space
        if _plain(view[a:b]):  # only single plain spaces: kept as they are
            if size and last_space and view[a] == " ":
                a += 1
            if b > a:
                chunks.append(view[a:b])
                where.append((size, a, b - a))
                size += b - a
                last_space = view[b - 1] == " "
            return
        pos = a
        for m in space.finditer(view, a, b):
            if m.start() > pos:
                chunks.append(view[pos : m.start()])
                where.append((size, pos, m.start() - pos))
                size += m.start() - pos
                last_space = False
            if not (size and last_space):
                chunks.append(" ")
                where.append((size, m.start(), 1))
                size += 1
                last_space = True
            pos = m.end()
        if b > pos:
            chunks.append(view[pos:b])
            where.append((size, pos, b - pos))
            size += b - pos
            last_space = False

    pos = lo
    for a, b in sorted(dropped):
        if b <= a or b <= pos:
            continue
        if a > pos:
            keep(pos, a)
        if size and not last_space:
            chunks.append(" ")
            where.append((size, -1, 1))
            size += 1
            last_space = True
        pos = b
    if hi > pos:
        keep(pos, hi)
    return "".join(chunks), where


def _plain(text: str) -> bool:
    """Whether the only spaces of ``text`` are single plain spaces: no run of them, and no
    space but " " (``str.split`` parts at what ``[\\s\\x1c-\\x1f]`` matches)."""
    return "  " not in text and len(text) - len("".join(text.split())) == text.count(" ")


def _finditer(name: str, view: str, lo: int, hi: int) -> list[regex.Match]:
    """The matches of pattern ``name`` in ``view[lo:hi]``, none without its hint word."""
    pats = _patterns()
    if not pats[f"{name}_hint"].search(view, lo, hi):
        return []
    return list(pats[name].finditer(view, lo, hi))


@cache
def _trail_longest() -> int | None:
    """The longest a "trail" word can be in the trimmed text (where a space is one
    character); None if a word has a dash (of varying length) or a comma at an edge."""
    quals = [r["word"] for r in load_table("qualifiers") if r["position"] == "before"]
    words = [canonical(w) for w in [*_trail_class(), *quals]]
    if any("," in (w[:1], w[-1:]) or any(d in w for d in "-–—") for w in words):
        return None
    return max(len(w) for w in words)


@cache
def _trail_guard():
    """:func:`.tail_guard` of the "trail" words."""
    quals = [r["word"] for r in load_table("qualifiers") if r["position"] == "before"]
    return tail_guard(tuple([*_trail_class(), *quals]), r"[\s,]*+")


def _trail(s: str, a: int, b: int) -> tuple[int, str] | None:
    """``(start, word)`` of ``pats["trail"].search(s, a, b)`` for the trimmed text ``s``.

    The word must end at the last letter: it is searched backwards (the first match is
    then the longest word ending there, the one the forward search finds first) over as
    many characters as the longest word has, without the commas and spaces before it (they
    make every position a start); those are taken back afterwards, as the full search would."""
    pats = _patterns()
    longest = _trail_longest()
    if longest is None:
        m = pats["trail"].search(s, a, b)
        return (m.start(), m.group("w")) if m else None
    if not _trail_guard()(s, a, b):
        return None
    e = b
    while e > a and (s[e - 1].isspace() or s[e - 1] == ","):
        e -= 1
    m = pats["trail_word"].search(s, max(a, e - longest), b)
    if m is None:
        return None
    start = m.start()
    gap = char_test(r"[\s,]")  # the commas and spaces before the word, as the full search takes them
    while start > a and gap(s[start - 1]):
        start -= 1
    return start, m.group("w")


#: Punctuation trimmed from the start and the end of a name (with spaces: in the trimmed
#: text every space is " ").
_EDGE_LEAD = frozenset(" ,;:.–—-")
_EDGE_TRAIL = frozenset(" ,;:–—-")


@cache
def _trim_tools() -> tuple:
    """What every round of :func:`_trim` reads, looked up once: the lead patterns'
    ``match`` and the tests before them, the trail words' classes and ``of_admin``."""
    pats = _patterns()
    return (
        _lead_may_open(),
        pats["any_lead"].match,
        (pats["lead"].match, pats["admin_lead"].match, pats["admin_subject"].match),
        _trail_class(),
        _of_admin_may_end(),
        pats["of_admin"].search,
    )


@cache
def _of_admin_may_end():
    """``pats["of_admin"]`` read backwards from the end (``match`` of a reversed pattern):
    where it fails, ``of_admin`` (which ends at ``$``) is found nowhere before that end."""
    return backwards(_patterns()["of_admin"]).match


def _trim(s: str, where: list[tuple[int, int, int]], lead_edge: bool = True) -> Lead:
    lead_may_open, any_lead, leads, trail_class, admin_may_end, of_admin = _trim_tools()
    a, b = 0, len(s)
    ended: str | None = None
    for _ in range(16):
        while a < b and s[a] in _EDGE_LEAD:
            a += 1
        while b > a and s[b - 1] in _EDGE_TRAIL:
            b -= 1
        # the words are trimmed from the edges until none is: when nothing but punctuation
        # went, another round would read the same words again and change nothing
        a0, b0 = a, b
        if lead_edge:
            if opens_after_spaces(lead_may_open, s, a, b) and any_lead(s, a, b):
                m = leads[0](s, a, b) or leads[1](s, a, b) or leads[2](s, a, b)
                if m and m.end() > a:
                    a = m.end()
        t = _trail(s, a, b)
        if t is None:
            m = of_admin(s, a, b) if admin_may_end(s, a, b) is not None else None
            if m:
                b = m.start()
        else:
            cls = trail_class.get(canonical(t[1]).lower(), "qualifier")
            if ended is None or ended in ("aspect", "qualifier"):
                ended = cls if cls not in ("aspect", "qualifier") else ended
            b = t[0]
        if a == a0 and b == b0:
            break
    parts: list[tuple[int, int]] = []
    if a < b:
        for at, v0, n in where:
            if v0 < 0 or at + n <= a or at >= b:
                continue
            u, v = v0 + max(a, at) - at, v0 + min(b, at + n) - at
            if parts and parts[-1][1] == u:
                parts[-1] = (parts[-1][0], v)
            else:
                parts.append((u, v))
    return Lead(s[a:b].strip(), ended, tuple(parts))


def render(parts: tuple[tuple[int, int], ...], text_of) -> str:
    """The words of ``parts`` as written in the caller's string (``text_of(a, b)``)."""
    if len(parts) == 1:
        return join(text_of(*parts[0]))
    return join(*[text_of(a, b) for a, b in parts])


def join(*parts: str) -> str:
    """Join name parts with single spaces, dropping empty ones.

    >>> join("thành lập mới", "", "HTX")
    'thành lập mới HTX'
    """
    if len(parts) == 1:
        text = parts[0].strip() if parts[0] else ""
    else:
        text = " ".join([p.strip() for p in parts if p and p.strip()])
    # str.split takes what \s does and \x1c-\x1f, which \s does not: without those, the same
    if "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text:
        return " ".join(text.split())
    return _patterns()["space"].sub(" ", text).strip()

