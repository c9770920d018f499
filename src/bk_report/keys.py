"""Canonical indicator keys: one stable key per socio-economic indicator, whatever the wording.

The table ``data/indicator_keys.tsv`` lists each canonical indicator with its key, English
label, expected unit(s), sector and the Vietnamese wordings met in reports.  A name is
matched word by word (case, tone placement, dashes and commas do not matter, diacritics
do): every wording found inside the name is a candidate, the longest one whose unit fits
wins, and the wording is kept as the explanation (``Indicator.key_match``).

A sector breakdown (``trong đó nông-lâm-thủy sản tăng 5,89%``) names only a sector: it keeps
the key of the indicator it breaks down and gets the sector (``indicator_sectors.tsv``).

>>> assign_key("Tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tiêu dùng", "VND")
('retail_sales', 'tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng', None)
>>> assign_key("tỉ lệ hộ nghèo", "%")
('poverty_rate', 'tỷ lệ hộ nghèo', None)
>>> assign_key("giá trị sản xuất công nghiệp – xây dựng", "VND")[::2]
('industrial_output', 'industry_construction')
>>> assign_key("hộ nghèo", "ha") is None
True
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence, Union

import regex

from .errors import LexiconError
from .lexicon import canonical, load_table, compile_pattern
from .models import Indicator, Unit

#: Units that state a change of any indicator (``tăng 5%``, ``gấp 2 lần``).
_CHANGE_UNITS = frozenset({"%", "times"})

_SEPARATORS = r"[\s\-–—,;:/&()+.\"'“”‘’…\[\]]+"
_SENTENCE_BREAK = r"[.!?]\s|\n"


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> regex.Pattern:
    return compile_pattern(pattern)


@dataclass(frozen=True)
class KeyRow:
    """One canonical indicator of ``indicator_keys.tsv``."""

    key: str
    label: str
    units: tuple[str, ...]
    sector: Optional[str]
    wordings: tuple[str, ...]


@lru_cache(maxsize=None)
def _spelling() -> dict[str, str]:
    return {canonical(r["variant"]).lower(): canonical(r["standard"]).lower() for r in load_table("spelling_variants")}


def tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` as compared with the tables: canonical, lower case, variants unified.

    >>> tokens("Nông-lâm-thuỷ sản, Tỉ lệ")
    ('nông', 'lâm', 'thủy', 'sản', 'tỷ', 'lệ')
    """
    spelling = _spelling()
    words = _compiled(_SEPARATORS).split(canonical(unicodedata.normalize("NFC", text)).lower())
    return tuple(spelling.get(w, w) for w in words if w)


@lru_cache(maxsize=None)
def key_table() -> tuple[KeyRow, ...]:
    """The rows of ``indicator_keys.tsv``, validated (unique keys, known units and sectors)."""
    units = {u.value for u in Unit}
    sectors = set(_sector_labels())
    rows, seen = [], set()
    for r in load_table("indicator_keys"):
        key = r["key"]
        if key in seen:
            raise LexiconError(f"indicator_keys.tsv: key {key!r} given twice")
        seen.add(key)
        row_units = tuple(u.strip() for u in r["unit"].split("|") if u.strip())
        bad = [u for u in row_units if u not in units]
        if bad or not row_units:
            raise LexiconError(f"indicator_keys.tsv: {key}: unknown unit {bad or r['unit']!r}")
        sector = r["sector"] or None
        if sector and sector not in sectors:
            raise LexiconError(f"indicator_keys.tsv: {key}: unknown sector {sector!r}")
        wordings = tuple(w.strip() for w in r["wordings"].split("|") if w.strip())
        if len(wordings) < 2:
            raise LexiconError(f"indicator_keys.tsv: {key}: give at least two wordings")
        rows.append(KeyRow(key, r["label"], row_units, sector, wordings))
    return tuple(rows)


@lru_cache(maxsize=None)
def _sector_labels() -> dict[str, str]:
    return {r["sector"]: r["label"] for r in load_table("indicator_sectors")}


Index = dict[str, list[tuple[tuple[str, ...], str, object]]]


def _index(entries: Iterable[tuple[str, object]]) -> Index:
    """``{first word: [(words, wording, payload), …]}`` sorted longest first."""
    out: Index = {}
    for wording, payload in entries:
        words = tokens(wording)
        if words:
            out.setdefault(words[0], []).append((words, wording, payload))
    for cands in out.values():
        cands.sort(key=lambda c: -len(c[0]))
    return out


@lru_cache(maxsize=None)
def _key_index() -> Index:
    return _index((w, row) for row in key_table() for w in row.wordings)


@lru_cache(maxsize=None)
def _sector_index() -> Index:
    return _index((w, r["sector"]) for r in load_table("indicator_sectors") for w in r["wordings"].split("|") if w.strip())


def _find(words: Sequence[str], index: Index) -> list[tuple[int, int, str, object]]:
    """Every ``(start, end, wording, payload)`` of ``index`` found in ``words``."""
    out = []
    for i, w in enumerate(words):
        for cand, wording, payload in index.get(w, ()):
            if tuple(words[i : i + len(cand)]) == cand:
                out.append((i, i + len(cand), wording, payload))
    return out


def _sector_in(words: Sequence[str], skip: tuple[int, int] = (0, 0)) -> Optional[str]:
    """The sector named in ``words`` outside the word range ``skip`` (longest, then first)."""
    found = [f for f in _find(words, _sector_index()) if not (skip[0] <= f[0] and f[1] <= skip[1])]
    if not found:
        return None
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    return found[0][3]  # type: ignore[return-value]


def _unit_value(unit: Union[Unit, str, None]) -> Optional[str]:
    if unit is None:
        return None
    return unit.value if isinstance(unit, Unit) else str(unit)


@lru_cache(maxsize=8192)
def assign_key(name: str, unit: Union[Unit, str, None] = None) -> Optional[tuple[str, str, Optional[str]]]:
    """``(key, matched wording, sector)`` for an indicator name, or None.

    The unit must be one the key expects, or ``%`` / ``times`` (a change of it); ``None``
    accepts any.  The sector is one the name adds outside the matched wording (``tốc độ tăng
    trưởng khu vực dịch vụ``), else None: the figure is the key's headline figure.  The sector
    a key belongs to as a whole is ``KeyRow.sector`` of :func:`key_table`.

    >>> assign_key("Kim ngạch xuất khẩu hàng hóa", Unit.USD)
    ('export_value', 'kim ngạch xuất khẩu hàng hóa', None)
    >>> assign_key("đón lượt khách du lịch", "person")[0]
    'tourist_arrivals'
    """
    if not isinstance(name, str) or not name.strip():
        return None
    words = tokens(name)
    u = _unit_value(unit)
    best = None
    for start, end, wording, row in _find(words, _key_index()):
        assert isinstance(row, KeyRow)
        fits = u is None or u in row.units or u in _CHANGE_UNITS
        if not fits:
            continue
        rank = (end - start, len(wording), u is not None and u == row.units[0], -start)
        if best is None or rank > best[0]:
            best = (rank, start, end, wording, row)
    if best is None:
        return None
    _, start, end, wording, row = best
    return row.key, wording, _sector_in(words, (start, end))


def sector_of(name: str) -> Optional[str]:
    """The sector a name speaks of, if any.

    >>> sector_of("khu vực nông, lâm nghiệp và thủy sản")
    'agriculture_forestry_fishery'
    >>> sector_of("Ngành TM – DV") , sector_of("hộ nghèo")
    ('trade_services', None)
    """
    if not isinstance(name, str):
        return None
    return _sector_in(tokens(name))


def label(key: str) -> str:
    """The English label of a key (``KeyError`` for an unknown key)."""
    for row in key_table():
        if row.key == key:
            return row.label
    raise KeyError(f"unknown indicator key: {key!r}")


def _same_sentence(text: Optional[str], parent: Indicator, child: Indicator) -> bool:
    if text is None:
        return child.span.start - parent.span.end < 200
    gap = text[parent.span.end : child.span.start]
    return len(gap) < 400 and not _compiled(_SENTENCE_BREAK).search(gap)


def with_keys(indicators: Iterable[Indicator], text: Optional[str] = None) -> list[Indicator]:
    """Copies of ``indicators`` with ``key``, ``key_match`` and ``sector`` filled in.

    ``text`` is the caller's string the spans point into; it lets a breakdown that names
    only a sector inherit the key of the indicator before it in the same sentence.  Without
    ``text``, spans closer than 200 characters count as one sentence.

    >>> from bk_report.models import Span
    >>> t = "Tăng trưởng kinh tế đạt 7,2%, trong đó nông-lâm-thủy sản tăng 3,1%."
    >>> def ind(name, s, e): return Indicator(name=name, value=1, unit="%", span=Span(start=s, end=e, text=t[s:e]), rule="r")
    >>> out = with_keys([ind("Tăng trưởng kinh tế", 0, 28), ind("nông-lâm-thủy sản", 39, 66)], t)
    >>> [(i.key, i.sector) for i in out]
    [('economic_growth', None), ('economic_growth', 'agriculture_forestry_fishery')]
    """
    items = list(indicators)
    order = sorted(range(len(items)), key=lambda i: (items[i].span.start, i))
    out: list[Optional[Indicator]] = [None] * len(items)
    parent: Optional[Indicator] = None
    for i in order:
        ind = items[i]
        found = assign_key(ind.name, ind.unit)
        if found is not None:
            key, wording, sector = found
            new = ind.model_copy(update={"key": key, "key_match": wording, "sector": sector})
            parent = new
        else:
            sector = sector_of(ind.name)
            if sector and parent is not None and parent.key and _same_sentence(text, parent, ind):
                new = ind.model_copy(update={"key": parent.key, "key_match": parent.key_match, "sector": sector})
            else:
                new = ind
        out[i] = new
    return [o for o in out if o is not None]
