"""Find every numeral of a text, with its span, its reading and what kind it is.

The scanner works on a :class:`~bk_report.text.Document` view and returns
:class:`Numeral` records in text order, never overlapping.  Kinds:

``number``  a plain figure, scale words applied (``3.645 tỷ`` → 3645000000000)
``percent`` ``7,5%``, ``81,4 %``, ``3.45%``; ``value`` is the percent number
``range``   ``16,5-17,5%``, ``72,1% - 72,6%`` (``value`` low, ``value_high`` high,
            ``percent`` true when a ``%`` sign is present); a scale word after the
            second number serves both ends (``9.000 - 9.500 tỷ`` → 9000e9 - 9500e9)
``fraction`` ``38/44``, ``11,4/19`` (``value`` / ``denominator``)
``date``    ``18/12``, ``30.6.2022``, ``19/7/2019``, the day of ``18 và 19/12``, ``tháng 6``
``year``    ``2023`` as a calendar year; ``period`` for ``2016-2021``, ``6 tháng``, ``mười năm``
``document_number`` ``29-NQ/TU``, ``12/2019/NQ-HĐND``
``ordinal`` the N of ``thứ N`` / ``lần thứ N`` / ``khóa N`` / ``quý N`` (digits, words
            such as ``thứ nhất``, ``thứ tư``, or Roman ``XIV``)
``broken``  a malformed number (``0 57%``, ``1.2.3``): never a figure, always a warning;
            a dangling comma (``575, tỷ``) reads the digits and carries a ``warning``

Spelled numbers are read longest first; ``một số`` ("some"), ``năm`` the year word,
``Hai là`` (enumeration) and scale words alone (``hàng vạn``) yield nothing.  The
words that decide a kind come from ``numeral_context.tsv`` and ``ordinal_markers.tsv``.
Every pattern uses possessive or bounded repeats, so a scan is linear in the text.

>>> from bk_report.text import Document
>>> [(n.kind, str(n.value)) for n in scan(Document("đạt 3.645 tỷ đồng, tăng 7,5%; năm 2023"))]
[('number', '3645000000000'), ('percent', '7.5'), ('year', '2023')]
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, Optional

import regex

from .errors import NumberError
from .frozen import fast_init
from .lexicon import EdgeWords, alternation, cached_pattern, canonical, compile_pattern, load_table, time_budget
from .numerals import number_words, parse_digits, parse_words, scale_words, tidy
from .text import Document


@fast_init  # a scan makes one per numeral
@dataclass(frozen=True, slots=True, init=False)
class Numeral:
    """One numeral of the view: offsets are view offsets (``doc.span`` maps them back).

    >>> n = Numeral(4, 9, "3.645", "number", value=Decimal(3645))
    >>> import dataclasses
    >>> n.value, n == Numeral(4, 9, "3.645", "number", Decimal(3645)), dataclasses.replace(n, kind="year").kind
    (Decimal('3645'), True, 'year')
    """

    start: int
    end: int
    text: str
    kind: str
    value: Optional[Decimal] = None
    value_high: Optional[Decimal] = None
    denominator: Optional[Decimal] = None
    spelled: bool = False
    scale: int = 0
    warning: Optional[str] = None
    percent: bool = False


#: Longest run of number words read as one spelled number (``chín trăm … tỷ`` to 10¹⁵
#: needs about 40); bounds the work per run so scanning stays linear.
_MAX_WORDS = 48

_WORD = r"\S++"
_DAY_MONTH = r"\d[./-]\d"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int:
    """Value of a Roman numeral (``XIV`` → 14); ``NumberError`` if malformed.

    >>> roman_value("XIX")
    19
    """
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        raise NumberError(f"not a Roman numeral: {s!r}")
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


@lru_cache(maxsize=None)
def _context_lists() -> dict[str, list[str]]:
    """``{context: words}`` from ``numeral_context.tsv``."""
    groups: dict[str, list[str]] = {}
    for row in load_table("numeral_context"):
        groups.setdefault(row["context"], []).append(row["word"])
    return groups


@lru_cache(maxsize=None)
def _context_words() -> dict[str, str]:
    """``{context: alternation}`` from ``numeral_context.tsv``."""
    return {k: alternation(v) for k, v in _context_lists().items()}


def _unit_words() -> list[str]:
    return [r["surface"] for r in load_table("units")] + [r["noun"] for r in load_table("counted_nouns")]


@lru_cache(maxsize=None)
def _guards() -> dict[str, EdgeWords]:
    """For each context pattern, the words it needs at the numeral's edge: where none
    can stand there, the pattern is not run (see :class:`~bk_report.lexicon.EdgeWords`)."""
    ctx = _context_lists()
    f = regex.IGNORECASE | regex.VERSION1
    out = {k: EdgeWords(ctx[k], f) for k in ("date_before", "day_or_month_before", "period_after", "fraction_after",
                                              "not_number_after", "enumeration_after")}
    out["ordinal_before"] = EdgeWords((r["word"] for r in load_table("ordinal_markers")), f)
    out["unit_after"] = EdgeWords(_unit_words(), f)
    return out


def _before(name: str, view: str, start: int) -> bool:
    """Whether the context pattern ``name`` finds its word right before ``view[start]``."""
    return _guards()[name].may_end(view, start, max(0, start - _BEFORE)) and _patterns()[name].search(_window_before(view, start)) is not None


def _after(name: str, view: str, end: int) -> bool:
    """Whether the context pattern ``name`` finds its word right after ``view[:end]``."""
    return _guards()[name].may_start(view, end, end + _AFTER) and _patterns()[name].match(view[end : end + _AFTER]) is not None


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    scales = alternation(scale_words())
    # "tỷ lệ", "tỷ trọng": a noun, not the scale word
    not_scale = rf"(?!\s++{_context_words()['not_scale_after']}(?!\w))"
    words = alternation([w for w in number_words()] + list(scale_words()))
    units = alternation(_unit_words())
    measures = alternation(r["surface"] for r in load_table("units"))
    markers = alternation(r["word"] for r in load_table("ordinal_markers"))
    roman_markers = alternation(r["word"] for r in load_table("ordinal_markers") if r["roman"] == "yes")
    ctx = _context_words()
    # a bounded run of groups: a real number has a few (1.234.567.890,5); a megabyte of
    # "1.1.1…" becomes broken numbers a few dozen groups long instead of one huge match
    num = r"\d++(?:[.,]\d++){0,24}+"
    start = r"(?<![\w.,/])(?<!\p{L}[-–])"  # not inside a word, a number or a name (COVID-19)
    f = regex.IGNORECASE | regex.VERSION1
    words_source = rf"""
            (?P<words>\m{words}(?:\s++{words}){{0,{_MAX_WORDS - 1}}}+(?!\w)(?P<wpct>\s++phần\s++trăm(?!\w))?+)
            """
    return {
        # three patterns, not one alternation: each then starts with a cheap literal
        # test, and scan() merges their matches as the alternation would
        "digits": compile_pattern(
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
            f | regex.VERBOSE,
        ),
        "roman": compile_pattern(
            rf"""
            (?P<roman>(?<=(?<!\w){roman_markers}\s++)(?-i:[IVXLC]++)(?!\w)(?:/(?P<ryear>(?:19|20)\d\d)(?![\w/]|[.,]\d))?+)
            """,
            f | regex.VERBOSE,
        ),
        "words": compile_pattern(words_source, f | regex.VERBOSE),
        # the same, case-sensitive, for the lower-cased view (Document.lowered)
        "words_lower": compile_pattern(words_source, regex.VERSION1 | regex.VERBOSE) if words == words.lower() else None,
        "ordinal_before": compile_pattern(rf"(?<!\w){markers}\s*+$", f),
        "date_join": compile_pattern(rf"\s*+(?:{ctx['date_join']}|[,;]|[-–])\s*+", f),
        "date_before": compile_pattern(rf"(?<!\w){ctx['date_before']}\s*+$", f),
        "day_or_month_before": compile_pattern(rf"(?<!\w){ctx['day_or_month_before']}\s*+$", f),
        "period_after": compile_pattern(rf"^\s*+{ctx['period_after']}(?!\w)", f),
        "unit_after": compile_pattern(rf"^\s*+(?:{units})(?!\w)", f),
        "fraction_after": compile_pattern(rf"^\s*+{ctx['fraction_after']}(?!\w)", f),
        "not_number_after": compile_pattern(rf"^\s*+{ctx['not_number_after']}(?!\w)", f),
        "enumeration_after": compile_pattern(rf"^\s*+{ctx['enumeration_after']}(?!\w)", f),
    }


#: How far before and after a numeral its context words are looked for.
_BEFORE, _AFTER = 24, 40


def _window_before(view: str, start: int, width: int = _BEFORE) -> str:
    return view[max(0, start - width) : start]


#: The longest numeral read as a number: a report's largest figures (thousands of
#: billions, with separators) take about 25 characters; a longer run of digits is junk
#: (a table flattened into one line, a scan error), and reading it as a number would
#: cost time growing with the square of its length in every later comparison.
_MAX_NUMERAL = 40


def _read_digits(raw: str) -> tuple[Optional[Decimal], Optional[str]]:
    """Digits in Vietnamese notation, or (None, why) when malformed or too long."""
    if len(raw) > _MAX_NUMERAL:
        return None, f"{len(raw)} characters of digits is no figure"
    try:
        return parse_digits(raw), None
    except NumberError as exc:
        return None, str(exc)


def _is_year(value: Optional[Decimal], raw: str) -> bool:
    return value is not None and raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100


def _matches(view: str, low: Optional[str] = None):
    """Matches of the digit, Roman and word patterns in text order, never overlapping.

    The same matches as one alternation of the three would give (leftmost first,
    then the pattern listed first).  Only a word match can overlap another
    (``tỷ`` inside ``3 tỷ``), as digit and Roman matches start where no number
    word can: such a word match is dropped, or searched again after the digits.
    Number words are looked for in ``low``, the lower-cased view, when given: read
    the text of their matches from ``view``.
    """
    pats = _patterns()
    budget = time_budget(len(view))
    first = _in_order(pats["digits"].finditer(view, timeout=budget), pats["roman"].finditer(view, timeout=budget))
    words = pats["words"]
    if low is not None and pats["words_lower"] is not None:
        words, view = pats["words_lower"], low
    word_iter = words.finditer(view, timeout=budget)
    word = next(word_iter, None)
    done = 0
    for m in first:
        while word is not None and word.start() < m.start():
            if word.start() >= done:
                yield word
                done = word.end()
            elif word.end() > done:  # starts inside the last match and runs past it
                word_iter = words.finditer(view, done, timeout=budget)
                word = next(word_iter, None)
                continue
            word = next(word_iter, None)
        if m.start() < done:  # cannot happen by the argument above; an alternation would skip it too
            continue
        yield m
        done = m.end()
    while word is not None:
        if word.start() >= done:
            yield word
            done = word.end()
        elif word.end() > done:
            word_iter = words.finditer(view, done, timeout=budget)
            word = next(word_iter, None)
            continue
        word = next(word_iter, None)


def _in_order(a: Iterator["regex.Match[str]"], b: Iterator["regex.Match[str]"]) -> Iterator["regex.Match[str]"]:
    """The matches of ``a`` and ``b`` by start (``a`` first on a tie), as ``heapq.merge`` would give.

    >>> import regex
    >>> [m.group() for m in _in_order(regex.finditer(r"\\d", "1a2b"), regex.finditer(r"[ab]", "1a2b"))]
    ['1', 'a', '2', 'b']
    """
    x, y = next(a, None), next(b, None)
    while y is not None:
        if x is None:
            yield y
            yield from b
            return
        if x.start() <= y.start():
            yield x
            x = next(a, None)
        else:
            yield y
            y = next(b, None)
    if x is not None:
        yield x
        yield from a


def scan(doc: Document) -> list[Numeral]:
    """Every numeral of ``doc`` in text order (view offsets)."""
    view = doc.view
    out: list[Numeral] = []
    for m in _matches(view, doc.lowered()):
        s, e, raw = m.start(), m.end(), m.group()
        what = m.lastgroup
        if what == "doc":
            out.append(Numeral(s, e, raw, "document_number"))
        elif what == "date3" or what == "monthyear":
            out.append(Numeral(s, e, raw, "date"))
        elif what == "range":
            out.append(_range(m, view))
        elif what == "frac":
            out.append(_fraction(m, view))
        elif what == "broken":
            out.append(Numeral(s, e, raw, "broken", warning=f"broken number {raw!r}: a separator looks lost"))
        elif what == "num":
            out.append(_number(m, view))
        elif what == "roman":
            roman = raw.split("/")[0]
            try:
                out.append(Numeral(s, s + len(roman), roman, "ordinal", value=Decimal(roman_value(roman))))
            except NumberError:
                continue
            if m.group("ryear"):  # quý I/2023
                ys = m.start("ryear")
                out.append(Numeral(ys, e, m.group("ryear"), "year", value=Decimal(m.group("ryear"))))
        elif what == "words":
            out.extend(_spelled(m, view))
    return _days_before_dates(out, view)


def _days_before_dates(out: list[Numeral], view: str) -> list[Numeral]:
    """``18 và 19/12``, ``18, 19-12``: a day number joined to a date is a date too."""
    join = _patterns()["date_join"]
    for i in range(len(out) - 2, -1, -1):
        n, nxt = out[i], out[i + 1]
        if n.kind != "number" or nxt.kind != "date" or n.spelled or n.scale or n.value is None:
            continue
        if not (1 <= n.value <= 31 and n.value == int(n.value) and n.text.isdigit()):
            continue
        if not cached_pattern(_DAY_MONTH).search(nxt.text):
            continue
        if join.fullmatch(view, n.end, nxt.start):
            out[i] = Numeral(n.start, n.end, n.text, "date", value=n.value)
    return out


def _range(m: regex.Match, view: str) -> Numeral:
    lo, lo_err = _read_digits(m.group("lo"))
    hi, hi_err = _read_digits(m.group("hi"))
    raw = m.group()
    s, e = m.start(), m.end()
    if lo is None or hi is None:
        return Numeral(s, e, raw, "broken", warning=f"malformed range {raw!r}: {lo_err or hi_err}")
    pct = bool(m.group("hipct") or m.group("lopct"))
    power = 0
    if m.group("hiscale"):  # "9.000 - 9.500 tỷ", "1,2-1,5 triệu": the scale word serves both ends
        power = sum(scale_words()[canonical(w).lower()] for w in m.group("hiscale").split())
        lo, hi = lo.scaleb(power), hi.scaleb(power)
        return Numeral(s, e, raw, "range" if lo <= hi else "broken", value=tidy(lo), value_high=tidy(hi), scale=power,
                       warning=None if lo <= hi else f"ambiguous dash between numbers {raw!r}")
    plain = m.group("lo").isdigit() and m.group("hi").isdigit() and " " not in raw
    if not pct and plain and 1 <= lo <= 31 and 1 <= hi <= 12 and pats_date_before(view, s):
        return Numeral(s, e, raw, "date")  # ngày 15-12
    if not pct and _is_year(lo, m.group("lo")) and _is_year(hi, m.group("hi")):
        return Numeral(s, e, raw, "period", value=lo, value_high=hi)
    if not pct and (hi < lo):
        # "12-15" read as a range only when it rises; otherwise two numbers joined by a dash
        return Numeral(s, e, raw, "broken", warning=f"ambiguous dash between numbers {raw!r}")
    return Numeral(s, e, raw, "range", value=tidy(lo), value_high=tidy(hi), percent=pct)


def _fraction(m: regex.Match, view: str) -> Numeral:
    s, e, raw = m.start(), m.end(), m.group()
    a, a_err = _read_digits(m.group("a"))
    b, b_err = _read_digits(m.group("b"))
    if a is None or b is None:
        return Numeral(s, e, raw, "broken", warning=f"malformed fraction {raw!r}: {a_err or b_err}")
    plain = m.group("a").isdigit() and m.group("b").isdigit() and "/" in raw and " " not in raw
    day_month = plain and 1 <= a <= 31 and 1 <= b <= 12
    if day_month and not _after("fraction_after", view, e):
        # a date after a date word (ngày 18/12), or with no counted noun after it
        if pats_date_before(view, s) or not _after("unit_after", view, e):
            return Numeral(s, e, raw, "date")
    return Numeral(s, e, raw, "fraction", value=tidy(a), denominator=tidy(b))


def pats_date_before(view: str, start: int) -> bool:
    return _before("date_before", view, start)


@lru_cache(maxsize=None)
def _number_groups() -> tuple[int, ...]:
    """The numbers of the groups :func:`_number` reads: a group asked for by name costs the
    regex module a copy of the pattern's name table, four times slower."""
    names = _patterns()["digits"].groupindex
    return tuple(names[k] for k in ("digits", "dangle", "scale", "pct"))


def _number(m: regex.Match, view: str) -> Numeral:
    s, e, raw = m.start(), m.end(), m.group()
    digits, dangle, scale, pct = m.group(*_number_groups())
    if digits.isdecimal() and len(digits) <= _MAX_NUMERAL:  # the common case: plain digits
        value = Decimal(digits)
    else:
        value, err = _read_digits(digits)
        if value is None:
            return Numeral(s, e, raw, "broken", warning=f"malformed number {digits!r}: {err}")
    warning = None
    if dangle:
        warning = f"number {raw!r} looks truncated after the comma; read as {digits}"
    power = 0
    if scale:
        for w in scale.split():
            power += scale_words()[canonical(w).lower()]
        value = value.scaleb(power)
    if power or not digits.isdecimal():  # plain digits read as an integer already
        value = tidy(value)
    if pct:
        return Numeral(s, e, raw, "percent", value=value, scale=power, warning=warning, percent=True)
    if _before("ordinal_before", view, s):
        return Numeral(s, e, raw, "ordinal", value=value)
    if not power and _is_year(value, digits) and not _after("unit_after", view, e):
        return Numeral(s, e, raw, "year", value=value)
    if not power and _before("day_or_month_before", view, s):
        return Numeral(s, e, raw, "date", value=value)
    if not power and _after("period_after", view, e):
        return Numeral(s, e, raw, "period", value=value)
    return Numeral(s, e, raw, "number", value=value, scale=power, warning=warning)


def _spelled(m: regex.Match, view: str) -> list[Numeral]:
    """Read a run of number words left to right, each time the longest prefix that parses.

    >>> [(n.text, n.kind, str(n.value)) for n in scan(Document("năm hai mươi người, kỳ họp thứ tư"))]
    [('hai mươi', 'number', '20'), ('tư', 'ordinal', '4')]
    """
    tokens = list(cached_pattern(_WORD).finditer(view[m.start() : m.end()]))  # m may be of the lower-cased view
    pct_at = m.start("wpct") - m.start() if m.group("wpct") else None
    if pct_at is not None:
        tokens = [t for t in tokens if t.start() < pct_at]
    out: list[Numeral] = []
    i = 0
    while i < len(tokens):
        found = _longest(tokens, i, m, view, pct_at is not None)
        if found is None:
            i += 1
            continue
        numeral, i = found
        out.append(numeral)
    return out


def _longest(tokens: list, i: int, m: regex.Match, view: str, pct: bool) -> Optional[tuple[Numeral, int]]:
    """The longest spelled number starting at ``tokens[i]`` that reads as a figure.

    Prefixes are tried growing; a few failures in a row end the search (a real number
    never has more than two unreadable prefixes, ``… không trăm linh năm``), so the
    work per token is bounded.
    """
    base = m.start()
    s = base + tokens[i].start()
    ordinal = _before("ordinal_before", view, s)
    if i == len(tokens) - 1 and not ordinal and not _single_word_number(canonical(tokens[i].group()).lower(), view, base + tokens[i].end()):
        return None  # one word, and not a number alone here: no need to read it (most "năm", "một")
    best: Optional[tuple[Decimal, int]] = None
    words: list[str] = []
    misses = 0
    for end in range(i + 1, min(len(tokens), i + _MAX_WORDS) + 1):
        words.append(canonical(tokens[end - 1].group()).lower())
        if len(words) == 1 and ordinal and words[0] in _ORDINAL_WORDS:
            best, misses = (_ORDINAL_WORDS[words[0]], end), 0
            continue
        if len(words) > 1 and words[-1] == _YEAR_WORD and words[-2] in _TENS:
            if not _after("unit_after", view, base + tokens[end - 1].end()):
                break  # "mười năm qua": ten years, not fifteen
        try:
            best, misses = (tidy(parse_words(words)), end), 0
        except NumberError:
            misses += 1
            if misses > 2:
                break
    if best is None:
        return None
    value, end = best
    e = word_end = base + tokens[end - 1].end()
    lowered = [canonical(t.group()).lower() for t in tokens[i:end]]
    if len(lowered) == 1 and not ordinal and not _single_word_number(lowered[0], view, word_end):
        return None
    power = sum(scale_words()[w] for w in lowered if w in scale_words())
    is_pct = pct and end == len(tokens)
    if is_pct:
        e = m.end()
    kind = "percent" if is_pct else ("ordinal" if ordinal else "number")
    if kind == "number" and not power and _before("day_or_month_before", view, s):
        kind = "date"  # tháng Hai, ngày mười
    elif kind == "number" and not power and _after("period_after", view, word_end):
        kind = "period"  # sáu tháng đầu năm, mười năm qua
    return Numeral(s, e, view[s:e], kind, value=value, spelled=True, scale=power, percent=is_pct), end


def _single_word_number(word: str, view: str, end: int) -> bool:
    """Whether one number word alone, ending at ``end``, is a number here (``bảy nghị quyết``, not ``một số``)."""
    value, role = number_words().get(word, (None, ""))
    if role not in ("digit", "ten") or not value or word in _ORDINAL_WORDS:
        return False
    if _after("enumeration_after", view, end):
        return False  # "Hai là, …"
    if value == 1 and _after("not_number_after", view, end):
        return False  # "một số", "một cách"
    if word == _YEAR_WORD and not _after("unit_after", view, end):
        return False  # "năm" the year word
    return True


#: The digit word that is also the word for "year".
_YEAR_WORD = "năm"
#: Words for the tens place, after which "năm" is more likely "years" than five.
_TENS = frozenset(w for w, (_, role) in number_words().items() if role == "ten")
#: Words that are numbers only as ordinals after ``thứ`` (``thứ nhất``, ``thứ tư``).
_ORDINAL_WORDS = {
    **{w: Decimal(v) for w, (v, role) in number_words().items() if role == "ordinal"},
    "tư": Decimal(4),
}
