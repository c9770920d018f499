"""Tokens of a text: words, numerals, abbreviations and punctuation, with spans.

:func:`tokenize` cuts the caller's string into :class:`Token` records, each with
its :class:`~bk_report.models.Span` in that string (NFD input included), its
kind and its normalised form: the NFC, standard-tone spelling for a word, the
expansion for an abbreviation (``UBKT`` → ``Ủy ban Kiểm tra``) and the exact
value for a numeral (from :func:`bk_report.scanner.scan`, scale words applied,
the unit that follows it when there is one).

:func:`normalize` writes the same text uniformly for people to read and search:
abbreviations expanded, numerals as digits in one canonical form (no thousands
separator, a decimal point).  It is a view for people: never take offsets from it.

>>> [(t.kind, t.normalized) for t in tokenize("UBKT kiểm tra 05 đảng viên.")]
[('abbreviation', 'Ủy ban Kiểm tra'), ('word', 'kiểm'), ('word', 'tra'), ('numeral', '5'), ('word', 'đảng'), ('word', 'viên'), ('punctuation', '.')]
>>> normalize("Thành lập mới 07 HTX, tăng hai mươi mốt hộ, thu 3.645 tỷ đồng")
'Thành lập mới 7 hợp tác xã, tăng 21 hộ, thu 3645000000000 đồng'
>>> t = tokenize("đạt 172,86ha")[1]
>>> t.value, t.unit.value, t.span.text
(Decimal('172.86'), 'ha', '172,86')
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Iterator, Literal, Optional

import regex
from pydantic import BaseModel, ConfigDict

from .lexicon import abbreviations, alternation, cached_pattern, compile_pattern
from .models import Span, Unit
from .numerals import tidy
from .quantities import read_unit
from .scanner import Numeral, scan
from .text import Document

__all__ = ["Token", "tokenize", "normalize"]

TokenKind = Literal["word", "numeral", "abbreviation", "punctuation"]


class Token(BaseModel):
    """One token of the caller's text.

    ``normalized`` is the canonical spelling (word), the expansion (abbreviation),
    the canonical digits (numeral) or the character itself (punctuation).  Numerals
    also carry ``numeral_kind`` (the scanner's kind: number, percent, range, …),
    ``value`` (scale words applied), ``value_high``, ``denominator``, ``scale`` (the
    power of ten of the scale words) and ``unit`` (of the unit or noun after it).
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    span: Span
    kind: TokenKind
    normalized: str
    numeral_kind: Optional[str] = None
    value: Optional[Decimal] = None
    value_high: Optional[Decimal] = None
    denominator: Optional[Decimal] = None
    scale: Optional[int] = None
    unit: Optional[Unit] = None


@lru_cache(maxsize=None)
def _pattern() -> regex.Pattern:
    abbr = alternation(abbreviations())
    return compile_pattern(
        rf"(?P<abbr>(?<!\w){abbr}(?!\w))|(?P<word>[\w]+)|(?P<punct>\S)",
        regex.VERSION1,  # abbreviations are matched case-sensitively: "KH", not "kh"
    )


def _digits(value: Decimal) -> str:
    return format(tidy(value), "f")


def _numeral_form(n: Numeral, view: str) -> str:
    """The canonical digits of a numeral (``05`` → ``5``, ``15,5-16,5%`` → ``15.5-16.5%``)."""
    pct = "%" if n.percent else ""
    if n.kind == "fraction" and n.value is not None and n.denominator is not None:
        return f"{_digits(n.value)}/{_digits(n.denominator)}"
    if n.value is not None and n.value_high is not None:
        return f"{_digits(n.value)}-{_digits(n.value_high)}{pct}"
    if n.value is not None and n.kind != "date":
        return _digits(n.value) + pct
    return " ".join(view[n.start : n.end].split())


def _numeral_token(doc: Document, n: Numeral) -> Token:
    unit: Optional[Unit] = None
    if n.percent:
        unit = Unit.percent
    elif n.kind in ("number", "range", "fraction"):
        um = read_unit(doc.view, n.end)
        unit = um.unit if um is not None else None
    return Token(
        span=doc.span(n.start, n.end),
        kind="numeral",
        normalized=_numeral_form(n, doc.view),
        numeral_kind=n.kind,
        value=n.value,
        value_high=n.value_high,
        denominator=n.denominator,
        scale=n.scale if n.value is not None else None,
        unit=unit,
    )


def _tokens(doc: Document) -> Iterator[tuple[int, int, str, str, Optional[Numeral]]]:
    """``(view start, view end, kind, normalised form, numeral or None)`` of each token."""
    view = doc.view
    numerals = scan(doc)
    pat = _pattern()
    pos, k = 0, 0
    while pos < len(view):
        while k < len(numerals) and numerals[k].start < pos:
            k += 1  # a numeral inside a cluster already taken (never in real text)
        nxt = numerals[k].start if k < len(numerals) else len(view)
        if pos == nxt:
            n = numerals[k]
            pos, k = _cluster_end(doc, n.end), k + 1
            yield n.start, pos, "numeral", _numeral_form(n, view), n
            continue
        m = pat.search(view, pos, nxt)
        if m is None:
            pos = nxt
            continue
        s = m.start()
        pos = _cluster_end(doc, m.end())
        if m.group("abbr"):
            key = " ".join(cached_pattern(r"\s*([-–—])\s*").sub(r" \1 ", m.group()).split())
            yield s, pos, "abbreviation", _expand(m.group(), key), None
        elif m.group("word"):
            yield s, pos, "word", m.group(), None
        else:
            yield s, pos, "punctuation", m.group(), None


def _cluster_end(doc: Document, e: int) -> int:
    """The first view offset at or after ``e`` outside the original cluster that ends at ``e``.

    A stray combining mark after a digit or a sign belongs to that token's span.
    """
    if e <= 0:
        return e
    stop = doc.orig_end(e)
    while e < len(doc.view) and doc.orig_start(e) < stop:
        e += 1
    return e


def _expand(surface: str, spaced: str) -> str:
    table = abbreviations()
    for form in (surface, spaced, spaced.replace(" ", ""), " ".join(surface.split())):
        if form in table:
            return table[form]
    compact = cached_pattern(r"\s+").sub("", surface)
    for key, expansion in table.items():
        if cached_pattern(r"\s+").sub("", key) == compact:
            return expansion
    return surface  # pragma: no cover - the pattern is built from the table


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` in order, with spans into ``text``.

    Raises ``TypeError`` for anything but ``str``.

    >>> [t.span.text for t in tokenize("Uỷ ban: 81,4 %")]
    ['Uỷ', 'ban', ':', '81,4 %']
    """
    doc = Document(text)
    out: list[Token] = []
    for s, e, kind, form, numeral in _tokens(doc):
        if numeral is not None:
            out.append(_numeral_token(doc, numeral))
        else:
            out.append(Token(span=doc.span(s, e), kind=kind, normalized=form))
    return out


def normalize(text: str) -> str:
    """The text written uniformly, for people to read and search (never for spans).

    Words get the NFC, standard-tone spelling; abbreviations their expansion;
    numerals canonical digits (``05`` → ``5``, ``hai mươi mốt`` → ``21``,
    ``12.480,5`` → ``12480.5``); the spacing between tokens is kept.

    >>> normalize("Kỳ họp thứ III của HDND huyện hoà giải 1,5 triệu")
    'Kỳ họp thứ 3 của Hội đồng nhân dân huyện hòa giải 1500000'
    """
    doc = Document(text)
    parts: list[str] = []
    pos = 0
    for s, e, _, form, _ in _tokens(doc):
        parts.append(doc.view[pos:s])
        parts.append(form)
        pos = e
    parts.append(doc.view[pos:])
    return "".join(parts)
