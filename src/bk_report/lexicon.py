"""Language data: load the TSV tables under ``bk_report/data`` and build patterns.

Each table is a UTF-8 TSV file whose ``#`` lines say where the data comes from,
followed by a header row.  Tables are loaded and validated once.  Patterns are
built from them, never retyped: :func:`alternation` sorts the alternatives
longest first, applies the same canonical spelling as the text view, escapes
them and lets any run of spaces stand for a space.

>>> expand_abbreviation("UBKT")
'Ủy ban Kiểm tra'
>>> expand_abbreviation("HDND")
'Hội đồng nhân dân'
>>> import regex
>>> bool(regex.fullmatch(alternation(["nghìn", "ngàn"]), "ngàn"))
True
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import regex

from .errors import LexiconError
from .text import canonical_tones


_DATA = Path(__file__).resolve().parent / "data"


#: The flags of every case-insensitive pattern of the package.
FLAGS = regex.IGNORECASE | regex.VERSION1


def compile_pattern(pattern: str, flags: int = 0, anchored: bool = False) -> "regex.Pattern[str]":
    """``regex.compile`` with *simple* case folding whenever ``VERSION1`` is on.

    ``VERSION1`` turns on full case folding (``ß`` matches ``ss``) with
    ``IGNORECASE``; no Vietnamese letter needs it, and it makes every
    case-insensitive pattern about three times slower, so it is switched off.

    ``anchored``: the pattern is only matched at given positions (``match``,
    ``fullmatch``).  Given a pattern that needs a literal (``\\s*trở lên``), the
    engine first looks for that literal in the rest of the text, on every call:
    a cost growing with the text.  An anchored pattern is compiled so that it
    does not (and so should not be used to search).

    >>> bool(compile_pattern("ĐẢNG VIÊN", FLAGS).fullmatch("đảng viên"))
    True
    >>> compile_pattern(r"\\s*trở\\s+lên", FLAGS, anchored=True).match("5 xã trở lên", 4).group()
    ' trở lên'
    """
    if anchored:
        pattern = "(?:" + pattern + ("\n)" if flags & regex.VERBOSE else ")") + "|(?!)"
    if flags & regex.VERSION1:
        pattern = "(?-f)" + pattern
    return regex.compile(pattern, flags)


@lru_cache(maxsize=None)
def cached_pattern(source: str, flags: int = 0, anchored: bool = False) -> "regex.Pattern[str]":
    """:func:`compile_pattern`, compiled on first use and kept: importing compiles nothing.

    >>> cached_pattern(r"\\d+") is cached_pattern(r"\\d+")
    True
    """
    return compile_pattern(source, flags, anchored)


@lru_cache(maxsize=None)
def backwards(pattern: "regex.Pattern[str]") -> "regex.Pattern[str]":
    """``pattern`` compiled to match backwards (``REVERSE``): its ``match`` at the end of a
    range reads what ends there.

    >>> backwards(compile_pattern(r"trở\\s+lên", FLAGS)).match("5 xã TRỞ LÊN").group()
    'TRỞ LÊN'
    """
    return regex.compile(pattern.pattern, pattern.flags | regex.REVERSE)


#: Seconds a pass of one pattern over a text may take: a fixed margin plus this much per
#: million characters.  Every pattern is written not to backtrack (possessive and bounded
#: repeats), and a pass takes well under a second per megabyte; the budget is the last
#: guard against one that does, and running out of it is reported, never silent.
TIME_BUDGET_BASE = 10.0
TIME_BUDGET_PER_MCHAR = 30.0


def time_budget(length: int) -> float:
    """The ``timeout`` (seconds) for one pass of a pattern over ``length`` characters.

    >>> time_budget(0), time_budget(2_000_000)
    (10.0, 70.0)
    """
    return TIME_BUDGET_BASE + TIME_BUDGET_PER_MCHAR * length / 1_000_000


@lru_cache(maxsize=16384)
def canonical(s: str) -> str:
    """The spelling rules and text views share: NFC, canonical tone placement.

    Remembered: extractors ask for the same words and phrases again and again.

    >>> canonical("Uỷ ban hoá")
    'Ủy ban hóa'
    """
    return canonical_tones(unicodedata.normalize("NFC", s))


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>.tsv`` as dicts keyed by the header; validated on load.

    >>> load_table("scale_words")[0]["word"]
    'nghìn'
    """
    try:
        raw = (_DATA / f"{name}.tsv").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"no language-data table named {name!r}") from exc
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise LexiconError(f"table {name!r} has no header")
    header = lines[0].split("\t")
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise LexiconError(f"{name}.tsv row {lineno}: {len(cells)} cells for {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        row = {h: unicodedata.normalize("NFC", c.strip()) for h, c in zip(header, cells)}
        if not row[header[0]]:
            raise LexiconError(f"{name}.tsv row {lineno}: empty {header[0]!r}")
        rows.append(row)
    return tuple(rows)


def column_map(name: str, key: str, value: str) -> dict[str, str]:
    """``{canonical lower-case key: value}`` for a table; duplicates are an error."""
    out: dict[str, str] = {}
    for row in load_table(name):
        k = canonical(row[key]).lower()
        if k in out and out[k] != row[value]:
            raise LexiconError(f"{name}.tsv: {row[key]!r} given twice with different {value!r}")
        out[k] = row[value]
    return out


def _units(phrase: str) -> list[tuple[str, str]]:
    """``(key, pattern)`` for each unit of a phrase: a character, a space, or a dash with
    the spaces around it.  Keys compare units; patterns concatenate to the phrase's pattern."""
    out: list[tuple[str, str]] = []
    for ch in canonical(phrase):
        if ch in "-–—":
            if out and out[-1][0] == " ":
                out.pop()  # the spaces before a dash belong to the dash
            out.append(("-", r"\s*[-–—]\s*"))
        elif ch == " ":
            if not (out and out[-1][0] == "-"):  # nor those after it
                out.append((" ", r"\s+"))
        else:
            out.append((ch, regex.escape(ch)))
    return out


def literal_pattern(phrase: str) -> str:
    """An escaped pattern for one phrase; spaces match any run of spaces, hyphens any dash.

    >>> literal_pattern("Hà Nội - Hải Phòng")
    'Hà\\\\s+Nội\\\\s*[-–—]\\\\s*Hải\\\\s+Phòng'
    """
    return "".join(pattern for _, pattern in _units(phrase))


def alternation(phrases: Iterable[str]) -> str:
    """A non-capturing group matching any of ``phrases``, longest first.

    Phrases that begin alike share their beginning (``quý I``, ``quý II``, ``quý III``
    become ``quý\\\\s+I(?:I(?:I)?)?``), which the regex engine tries far faster than a
    flat list; the match is the same, the longest phrase that fits.

    >>> alternation(["tỷ", "nghìn tỷ"])
    '(?:nghìn\\\\s+tỷ|tỷ)'
    >>> alternation(["quý I", "quý II", "quý IV"])
    '(?:quý\\\\s+I(?:I|V)?)'
    """
    uniq = sorted({canonical(p) for p in phrases if p}, key=lambda p: (-len(p), p))
    if not uniq:
        return "(?!)"
    trie: dict = {}
    for phrase in uniq:
        node = trie
        for unit in _units(phrase):
            node = node.setdefault(unit, {})
        node[None] = phrase
    return "(?:" + "|".join(_branches(trie, 0)) + ")"


def _phrases_below(node: dict) -> list[str]:
    here = [node[None]] if None in node else []
    return here + [p for key, child in node.items() if key is not None for p in _phrases_below(child)]


def _branches(node: dict, depth: int) -> list[str]:
    """The patterns of the branches of the trie node ``depth`` units deep, longest first."""
    groups: dict[str, list[tuple[tuple[str, str], dict]]] = {}
    for key, child in node.items():
        if key is not None:
            groups.setdefault(key[0].casefold(), []).append((key, child))
    out = []
    for group in groups.values():
        below = [p for _, child in group for p in _phrases_below(child)]
        if len(group) == 1:
            (_, pattern), child = group[0]
            out.append((max(map(len, below)), pattern + _emit(child, depth + 1)))
        else:
            # branches that differ only in case could both match under IGNORECASE: keep them
            # as a flat list, longest first, so that the preferred match is a flat alternation's
            for p in sorted(set(below), key=lambda p: (-len(p), p)):
                out.append((len(p), "".join(pattern for _, pattern in _units(p)[depth:])))
    out.sort(key=lambda lp: -lp[0])  # stable: a flat group keeps its order
    return [pattern for _, pattern in out]


def _emit(node: dict, depth: int) -> str:
    """The pattern of a trie node: its branches, then the end of a phrase (the shortest, last)."""
    branches = _branches(node, depth)
    if None in node:
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class EdgeWords:
    """An exact, cheap pre-test for a pattern that needs one of ``words`` at an edge.

    A pattern ``(?<!\\w)WORDS\\s*+$`` searched in ``text[lo:pos]`` can only match
    where the last character before the trailing spaces ends one of the words;
    ``^\\s*+WORDS`` matched on ``text[pos:hi]`` only where the first character after
    the leading spaces begins one.  :meth:`may_end` and :meth:`may_start` answer
    False only then, comparing letters and spaces as a pattern compiled with
    ``flags`` does, so the pattern need not run.  True means "maybe": run it.

    >>> g = EdgeWords(["thứ", "khóa"])
    >>> g.may_end("kỳ họp THỨ 5", 10, 0), g.may_end("đạt 5", 4, 0), g.may_start("5 Khóa", 1, 6)
    (True, False, True)
    """

    def __init__(self, words: Iterable[str], flags: int = FLAGS) -> None:
        units = [_units(w) for w in words if w]
        letters = [(u[0][0], u[-1][0]) for u in units if u]
        # a word starting or ending in a space or a dash has no single edge letter
        #: whether the test is exact: every word begins and ends with a letter or digit
        self.exact = bool(letters) and all(len(a) == 1 and len(b) == 1 and a.isalnum() and b.isalnum() for a, b in letters)
        no = _never
        self._space = char_test(r"\s", flags)
        #: whether a character may begin (``first``) or end (``last``) a word (never, if not :attr:`exact`)
        self.first = char_test("[" + "".join(regex.escape(a) for a, _ in letters) + "]", flags) if self.exact else no
        self.last = char_test("[" + "".join(regex.escape(b) for _, b in letters) + "]", flags) if self.exact else no

    def may_end(self, text: str, pos: int, lo: int) -> bool:
        """False if no word can end ``text[lo:pos]``, spaces after it aside."""
        if not self.exact:
            return True
        space, i = self._space, pos
        while i > lo and space(text[i - 1]):
            i -= 1
        return i > lo and self.last(text[i - 1])

    def may_start(self, text: str, pos: int, hi: int) -> bool:
        """False if no word can start ``text[pos:hi]``, spaces before it aside."""
        if not self.exact:
            return True
        space, i, hi = self._space, pos, min(hi, len(text))
        while i < hi and space(text[i]):
            i += 1
        return i < hi and self.first(text[i])


def _never(ch: str) -> bool:
    return False


class FirstWords:
    """Where a case-insensitive pattern starting with one of ``phrases`` can match: where
    the lower-cased text holds one of their first words, found by plain substring search.

    ``finditer(pattern, text, low)`` gives what ``pattern.finditer(text)`` gives, trying
    the pattern only there (``low`` is :func:`~bk_report.text.lowered` of ``text``; None:
    every position).
    The pattern must begin with the phrases themselves, case-insensitively: a look-behind
    may come first, but nothing that consumes text.

    >>> import regex
    >>> from bk_report.text import lowered
    >>> words = FirstWords(["thị xã", "thị trấn", "xã"])
    >>> p = regex.compile(r"(?i:thị\\s+xã|thị\\s+trấn|xã)\\s+\\w+")
    >>> t = "Thị xã Sơn Tây và XÃ Đông"
    >>> [m.group() for m in words.finditer(p, t, lowered(t))] == [m.group() for m in p.finditer(t)]
    True
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        firsts = set()
        for phrase in phrases:
            word = ""
            for key, _ in _units(phrase):
                if len(key) != 1 or key in " -":
                    break
                word += key
            if not word:
                raise LexiconError(f"{phrase!r} begins with no word to look for")
            firsts.add(word.lower())
        # a word that begins with another is found with it
        self.words = tuple(sorted(w for w in firsts if not any(o != w and w.startswith(o) for o in firsts)))

    def starts(self, low: str) -> list[int]:
        """Sorted positions of ``low`` where one of the first words begins."""
        found: set[int] = set()
        for word in self.words:
            i = low.find(word)
            while i >= 0:
                found.add(i)
                i = low.find(word, i + 1)
        return sorted(found)

    def finditer(self, pattern: "regex.Pattern[str]", text: str, low: "str | None", timeout: "float | None" = None):
        if low is None:
            yield from pattern.finditer(text, timeout=timeout)
            return
        done = 0
        for start in self.starts(low):
            if start < done:
                continue
            m = pattern.match(text, start, None, None, False, timeout)  # timeout by position: see Rule.matches
            if m is not None:
                done = m.end() if m.end() > start else start + 1
                yield m


@lru_cache(maxsize=None)
def may_open(phrases: tuple[str, ...], flags: int = regex.IGNORECASE | regex.VERSION1) -> Callable[[str, int, int], bool]:
    """A cheap precondition of a pattern that matches one of ``phrases`` at ``s[i:end]``
    and no word character right after it: ``may_open(s, i, end)`` is false when the word
    there (its word characters, up to ``end``) is not the first word of any phrase,
    compared as the pattern compares it (the answer is remembered for each word).
    Always true if a phrase does not open with a word character.

    >>> ok = may_open(("trên địa bàn", "toàn"))
    >>> [ok(s, 0, len(s)) for s in ("Trên đó", "toàn, xã", "toàn-bộ", "trênx", "x")]
    [True, True, True, False, False]
    """
    heads = set()
    for p in phrases:
        m = regex.match(r"\w+", canonical(p))
        if m is None:
            return lambda s, i, end: True
        heads.add(m.group())
    is_head = char_test(alternation(heads), flags)
    is_first = char_test(alternation({h[0] for h in heads}), flags)  # the common refusal, without a match
    word = compile_pattern(r"\w++", regex.VERSION1, anchored=True)

    def ok(s: str, i: int, end: int) -> bool:
        if i >= end or not is_first(s[i]):
            return False
        m = word.match(s, i, end)
        return m is not None and is_head(m.group())

    return ok


@lru_cache(maxsize=None)
def char_test(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """``pattern`` as a test of a short string (a character, a word), remembered for each.

    >>> char_test(r"[\\p{Lu}\\d]", regex.VERSION1)("Đ")
    True
    """
    compiled = compile_pattern(pattern, flags)
    return lru_cache(maxsize=1024)(lambda ch: compiled.fullmatch(ch) is not None)


def opens_after_spaces(ok: Callable[[str, int, int], bool], s: str, pos: int, end: int) -> bool:
    """``ok`` (a :func:`may_open`) at the first character after the spaces from ``pos``:
    where it is false, a pattern matched at ``pos`` that reads ``\\s*`` (or less) and then
    one of its phrases does not match.

    >>> opens_after_spaces(may_open(("trở lên",)), "5 xã  trở lên", 4, 13)
    True
    """
    i = first_nonspace(s, pos, end)
    return i < end and ok(s, i, end)


def first_nonspace(s: str, i: int, end: int) -> int:
    """The first offset from ``i`` (before ``end``) that holds no space, or ``end``: where a
    pattern opening with ``\\s*`` (or ``[ \\t]*``) reads its first word, if it matches
    (``str.isspace`` holds for every character ``\\s`` matches, and for no word character).

    >>> first_nonspace("  x", 0, 3), first_nonspace("  ", 0, 2)
    (2, 2)
    """
    while i < end and s[i].isspace():
        i += 1
    return i


@lru_cache(maxsize=None)
def abbreviations() -> dict[str, str]:
    """``{surface: expansion}`` for every abbreviation and its listed variants."""
    out: dict[str, str] = {}
    for row in load_table("abbreviations"):
        exp = row["expansion"]
        for form in [row["abbreviation"], *filter(None, row["variants"].split("|"))]:
            out[canonical(form.strip())] = exp
    return out


def expand_abbreviation(abbr: str) -> str:
    """The expansion of an abbreviation (``"UBKT"`` → ``"Ủy ban Kiểm tra"``).

    An unknown abbreviation raises ``KeyError`` naming it.
    """
    if not isinstance(abbr, str):
        raise TypeError(f"expected str, got {type(abbr).__name__}")
    if len(abbr) > 100:
        raise KeyError(f"unknown abbreviation: {abbr[:20]!r}… ({len(abbr)} characters)")
    table = abbreviations()
    key = canonical(abbr.strip())
    if key in table:
        return table[key]
    raise KeyError(f"unknown abbreviation: {abbr!r}")


@lru_cache(maxsize=None)
def phrases_for(expansion: str) -> tuple[str, ...]:
    """Every surface form of a phrase: itself plus its abbreviations.

    A rule written for ``Hội đồng nhân dân`` also matches ``HĐND`` and ``HDND``.

    >>> sorted(phrases_for("Hội đồng nhân dân"))
    ['HDND', 'HĐND', 'Hội đồng nhân dân']
    """
    target = canonical(expansion).lower()
    forms = {canonical(expansion)}
    forms.update(a for a, e in abbreviations().items() if canonical(e).lower() == target)
    return tuple(sorted(forms))
