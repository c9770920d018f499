"""The locality a report is about, resolved against a gazetteer of Vietnamese administrative units.

Mentions are read from the text with the unit words of ``data/locality_words.tsv``
(``tỉnh``, ``huyện``, ``TP.``, ``Huyện ủy`` …, party blocs, ``cả nước``), from an untyped name
heading the title (``Mèo Vạc: …``) and from a province in brackets (``huyện Mèo Vạc (Hà Giang)``).
The mention the report is about wins on title, lead, party or council body and frequency.

It is resolved against the gazetteer of the ``vietnamadminunits`` package (installed with the
``bk_report[locality]`` extra), which has the 63 provinces with their districts and communes
as they stood before 1 July 2025, the 34 provinces and 3 321 communes of the two-level system
after it, and the conversion between them.  A unit merged or abolished in 2025 still
resolves, and ``current_name`` / ``current_province`` give the unit after the reorganisation
(``current_name`` stays empty for a district or town: that level was abolished).  Without
the package, a locality is still read from the text (name and level) and a warning says that
it could not be resolved.

>>> from bk_report.rules import Context
>>> loc = detect_locality(Context.from_text("Năm 2023, huyện Mèo Vạc (Hà Giang) trồng 120 ha rừng."))
>>> (loc.name, loc.level, loc.province, loc.current_province)
('Mèo Vạc', 'district', 'Hà Giang', 'Tuyên Quang')
"""
from __future__ import annotations

import bisect
import importlib.util
import json
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

from .keys import tokens
from .lexicon import FirstWords, alternation, canonical, compile_pattern, load_table
from .models import Locality
from .rules import Context

GAZETTEER_PACKAGE = "vietnamadminunits"

#: Words before a unit that make its mention the subject of a report (body of the unit).
_BODY_PATTERN = (
    r"(?:HĐND|HDND|UBND|Hội\s+đồng\s+nhân\s+dân|Ủy\s+ban\s+nhân\s+dân|Đảng\s+bộ|Đảng\s+ủy|Ban\s+Thường\s+vụ|"
    r"Ban\s+Chấp\s+hành|UBKT|Ủy\s+ban\s+Kiểm\s+tra|MTTQ|Công\s+an|trên\s+địa\s+bàn|toàn)\s*$",
)

_WORD = r"(?:\p{Lu}{2,}+(?!\p{Ll})|\p{Lu}[\p{Ll}\p{M}]*+|\d{1,2}(?!\d))"
_NAME = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}(?:\s?[-–]\s?{_WORD}(?:[ ]{_WORD}){{0,2}})?"


# ----------------------------------------------------------------------------- the gazetteer


@lru_cache(maxsize=None)
def _body() -> regex.Pattern:
    return compile_pattern("".join(_BODY_PATTERN), regex.IGNORECASE)


@dataclass(frozen=True)
class AdminUnit:
    """One unit of the gazetteer: short name, type word, province and (legacy) district."""

    name: str
    type: str  # Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc khu
    province: str
    district: Optional[str] = None
    system: str = "legacy"  # legacy (before 1 July 2025) or 2025
    key: str = ""  # the gazetteer's key, for the conversion to 2025


@dataclass
class Gazetteer:
    """Indexes over the gazetteer, built once (see :func:`gazetteer`)."""

    version: str
    provinces: dict[str, list[AdminUnit]] = field(default_factory=lambda: defaultdict(list))
    districts: dict[str, list[AdminUnit]] = field(default_factory=lambda: defaultdict(list))
    communes: dict[str, list[AdminUnit]] = field(default_factory=lambda: defaultdict(list))
    province_2025: dict[str, str] = field(default_factory=dict)  # legacy province key -> 2025 short name
    commune_2025: dict[str, tuple[str, str]] = field(default_factory=dict)  # legacy ward key -> (name, province)

    @property
    def label(self) -> str:
        return f"{GAZETTEER_PACKAGE} {self.version}"


@lru_cache(maxsize=4096)  # mentions repeat a few dozen type words and names in every text
def _norm(name: str) -> str:
    return " ".join(tokens(name))


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    return {_norm(r["alias"]): r["name"] for r in load_table("locality_aliases")}


def _short(full: Optional[str], type_: Optional[str]) -> Optional[str]:
    """``Thị xã Kỳ Anh`` → ``Kỳ Anh`` (the gazetteer's own short names carry suffixes when repeated)."""
    if not full:
        return full
    if type_ and full.lower().startswith(type_.lower() + " "):
        return full[len(type_) + 1 :].strip()
    return full


@lru_cache(maxsize=None)
def gazetteer() -> Optional[Gazetteer]:
    """The gazetteer of the ``vietnamadminunits`` package, or None (with a warning) without it.

    Read once from the package's data files; the package itself is not imported.
    """
    spec = importlib.util.find_spec(GAZETTEER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        warnings.warn(
            f"{GAZETTEER_PACKAGE} is not installed: localities are read from the text but not resolved "
            "(install bk_report[locality])",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    from importlib.metadata import PackageNotFoundError, version
    import sqlite3

    data = Path(list(spec.submodule_search_locations)[0]) / "data"
    try:
        ver = version(GAZETTEER_PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - a bare copy of the package
        ver = "unknown"
    gz = Gazetteer(version=ver)
    con = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro&immutable=1", uri=True)
    try:
        seen: set[tuple] = set()
        legacy = con.execute(
            "SELECT provinceShort, province, provinceKey, district, districtType, districtKey, "
            "ward, wardType, wardKey FROM admin_units_legacy"
        )
        for pshort, pfull, pkey, dfull, dtype, dkey, wfull, wtype, wkey in legacy:
            dshort, wshort = _short(dfull, dtype), _short(wfull, wtype)
            ptype = "Thành phố" if pfull.startswith("Thành phố") else "Tỉnh"
            if ("p", pkey) not in seen:
                seen.add(("p", pkey))
                gz.provinces[_norm(pshort)].append(AdminUnit(pshort, ptype, pshort, key=pkey))
            if dshort and ("d", pkey, dkey) not in seen:
                seen.add(("d", pkey, dkey))
                gz.districts[_norm(dshort)].append(AdminUnit(dshort, dtype, pshort, key=f"{pkey}_{dkey}"))
            if wshort:
                gz.communes[_norm(wshort)].append(
                    AdminUnit(wshort, wtype or "", pshort, dshort, key=f"{pkey}_{dkey}_{wkey}")
                )
        new_names: dict[tuple[str, str], tuple[str, str]] = {}
        for pshort, pfull, pkey, wshort, wtype, wkey in con.execute(
            "SELECT provinceShort, province, provinceKey, ward, wardType, wardKey FROM admin_units"
        ):
            wshort = _short(wshort, wtype)
            ptype = "Thành phố" if pfull.startswith("Thành phố") else "Tỉnh"
            if ("n", pkey) not in seen:
                seen.add(("n", pkey))
                gz.provinces[_norm(pshort)].append(AdminUnit(pshort, ptype, pshort, system="2025", key=pkey))
            gz.communes[_norm(wshort)].append(AdminUnit(wshort, wtype or "", pshort, system="2025", key=f"{pkey}_{wkey}"))
            new_names[(pkey, wkey)] = (wshort, pshort)
    finally:
        con.close()
    conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    new_short = {k: v[1] for (k, _), v in new_names.items()}
    for new_key, old_keys in conv.get("DICT_PROVINCE", {}).items():
        for old in old_keys:
            gz.province_2025[old] = new_short.get(new_key, new_key)
    for new_pkey, wards in conv.get("DICT_PROVINCE_WARD_NO_DIVIDED", {}).items():
        for new_wkey, old_keys in wards.items():
            if (new_pkey, new_wkey) in new_names:
                for old in old_keys:
                    gz.commune_2025[old] = new_names[(new_pkey, new_wkey)]
    for new_pkey, olds in conv.get("DICT_PROVINCE_WARD_DIVIDED", {}).items():
        for old, choices in olds.items():
            default = next((c for c in choices if c.get("isDefaultNewWard")), choices[0] if choices else None)
            if default and (new_pkey, default.get("newWardKey")) in new_names:
                gz.commune_2025.setdefault(old, new_names[(new_pkey, default["newWardKey"])])
    return gz


# ----------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    level: str
    name: str
    start: int
    end: int
    kind: str  # unit, committee, bloc, national, title
    body: bool = False
    province_hint: Optional[str] = None
    word: str = ""  # the unit word as written, normalised (``xã``, ``phường`` …)


@lru_cache(maxsize=None)
def _words() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in load_table("locality_words"):
        out[r["kind"]].append((r["word"], r["level"]))
    return out


@lru_cache(maxsize=None)
def _level_of() -> dict[tuple[str, str], str]:
    return {(kind, _norm(w)): lvl for kind, rows in _words().items() for w, lvl in rows}


#: The whole-text patterns of :func:`mentions` tried only where their first words are: each
#: begins with the words of its kind.  (The bloc pattern's search is faster as it is: the
#: engine finds its first letters itself, and ``đảng`` is everywhere in these reports.)
_SEARCHED = ("committee", "unit", "national")


@lru_cache(maxsize=None)
def _first_words() -> dict[str, FirstWords]:
    """For each searched pattern, the words its matches begin with (see :func:`_searches`)."""
    w = _words()
    return {kind: FirstWords(x for x, _ in w[kind]) for kind in _SEARCHED}


@lru_cache(maxsize=None)
def _provinces() -> str:
    """The unit words of provinces and cities, as an alternation."""
    return alternation(x for x, lvl in _words()["unit"] if lvl in ("province", "city"))


@lru_cache(maxsize=None)
def _sources() -> dict[str, tuple[str, int]]:
    """``(pattern, flags)`` of each whole-text pattern of :func:`mentions`."""
    w = _words()
    units = alternation(x for x, _ in w["unit"])
    provinces = _provinces()
    f = regex.VERSION1
    return {
        # `huyện Mèo Vạc`, `TP. Tuy Hòa`, `HĐND xã Bế Triều` (unit word in any case, name capitalised)
        "unit": (rf"(?<![\w.])(?i:(?P<type>{units}))(?:(?<=\.)\s*|\s+)(?P<name>{_NAME})", f),
        "committee": (rf"\m(?i:(?P<type>{alternation(x for x, _ in w['committee'])}))\s+(?P<name>{_NAME})", f),
        "bloc": (
            rf"(?<!\w)(?i:{alternation(x for x, _ in w['bloc_prefix'])})\s+(?i:(?P<type>{alternation(x for x, _ in w['bloc'])}))"
            rf"(?:\s+(?i:(?P<ptype>{provinces}))(?:\s*(?P<pname>{_NAME}))?)?",
            f,
        ),
        "national": (rf"\m(?P<type>{alternation(x for x, _ in w['national'])})(?!\w)", f | regex.IGNORECASE),
    }


@lru_cache(maxsize=None)
def _searches() -> dict[str, tuple[regex.Pattern, regex.Pattern]]:
    """Each whole-text pattern compiled twice: to search the text (when it cannot be lower-cased
    exactly) and anchored, to be matched where one of its first words is."""
    return {name: (compile_pattern(*_sources()[name]), compile_pattern(*_sources()[name], anchored=True)) for name in _SEARCHED}


def _finditer(name: str, view: str, low: Optional[str]):
    """``pattern.finditer(view)`` for the whole-text pattern ``name``, tried only where it can start."""
    searched, anchored = _searches()[name]
    if low is None:
        return searched.finditer(view)
    return _first_words()[name].finditer(anchored, view, low)


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    provinces = _provinces()
    return {
        "bloc": compile_pattern(*_sources()["bloc"]),
        "bracket": compile_pattern(rf"\s*\(\s*(?:(?i:{provinces})\s*)?(?P<name>{_NAME})\s*[),]", anchored=True),
        "title": compile_pattern(rf"^\s*(?P<name>{_NAME})\s*:", anchored=True),
    }


def _clean(name: str) -> str:
    return " ".join(canonical(name).split())


class _Spans:
    """Spans added in text order, never overlapping: which one holds a position is a bisection.

    >>> s = _Spans(); s.add(2, 5); s.add(9, 12)
    >>> [s.holds(p) for p in (1, 2, 4, 5, 9, 12)]
    [False, True, True, False, True, False]
    """

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def mentions(ctx: Context) -> list[Mention]:
    """Every locality mention of the text, in text order.

    >>> from bk_report.rules import Context
    >>> [(m.level, m.name) for m in mentions(Context.from_text("UBND TP. Tuy Hòa và các xã"))]
    [('city', 'Tuy Hòa')]
    """
    view = ctx.view
    pats = _patterns()
    levels = _level_of()
    low = ctx.doc.lowered()  # the patterns' first words are found in it by substring search
    out: list[Mention] = []
    # the spans taken by each kind, in text order and never overlapping within a kind
    taken: dict[str, _Spans] = {kind: _Spans() for kind in ("bloc", "committee", "unit")}
    bloc, committee, unit = taken["bloc"], taken["committee"], taken["unit"]
    for m in pats["bloc"].finditer(view):
        hint = _clean(m.group("pname")) if m.group("pname") else None
        name = "Đảng bộ " + _clean(m.group("type")) + (" " + _clean(m.group("ptype")).lower() if m.group("ptype") else "")
        out.append(Mention("party_bloc", name, m.start(), m.end(), "bloc", True, hint))
        bloc.add(m.start(), m.end())
    for kind in ("committee", "unit"):
        for m in _finditer(kind, view, low):
            s = m.start()
            if bloc.holds(s) or committee.holds(s) or unit.holds(s):
                continue
            level = levels.get((kind, _norm(m.group("type"))))
            if level is None:
                continue
            body = kind == "committee" or bool(_body().search(view, max(0, m.start() - 40), m.start()))
            b = pats["bracket"].match(view, m.end())
            hint = _clean(b.group("name")) if b else None
            out.append(Mention(level, _clean(m.group("name")), m.start(), m.end(), kind, body, hint, _norm(m.group("type"))))
            taken[kind].add(m.start(), m.end())
    for m in _finditer("national", view, low):
        out.append(Mention("national", "Việt Nam", m.start(), m.end(), "national"))
    t = pats["title"].match(view)
    if t and "\n" not in view[: t.end()] and not any(spans.holds(t.start("name")) for spans in taken.values()):
        b = pats["bracket"].match(view, t.end("name"))
        out.append(Mention("", _clean(t.group("name")), t.start("name"), t.end("name"), "title", False, b and _clean(b.group("name"))))
    out.sort(key=lambda m: m.start)
    return out


# ----------------------------------------------------------------------------- resolution


_TYPES = {
    "province": ("Tỉnh", "Thành phố"),
    "city": ("Thành phố",),
    "town": ("Thị xã",),
    "district": ("Huyện", "Quận"),
}
_COMMUNE_TYPES = {"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu"}
_LEVEL_OF_TYPE = {"Thành phố": "city", "Thị xã": "town", "Huyện": "district", "Quận": "district"}


def _province(gz: Gazetteer, name: str, prefer_2025: bool) -> Optional[AdminUnit]:
    key = _norm(name)
    key = _norm(_aliases().get(key, name))
    units = gz.provinces.get(key, [])
    if not units:
        return None
    units = sorted(units, key=lambda u: (u.system == "2025") != prefer_2025)
    return units[0]


def _current_province(gz: Gazetteer, unit: AdminUnit) -> str:
    if unit.system == "2025":
        return unit.province
    pkey = unit.key.split("_")[0]
    return gz.province_2025.get(pkey, unit.province)


def _in_province(gz: Gazetteer, unit: AdminUnit, province: str) -> bool:
    """Whether ``unit`` lies in ``province``, named before or after the 2025 reorganisation."""
    p = _norm(_aliases().get(_norm(province), province))
    return p in (_norm(unit.province), _norm(_current_province(gz, unit)))


def _narrow(gz: Gazetteer, units: list[AdminUnit], own: Optional[str], hints: list[str], districts: list[str]) -> list[AdminUnit]:
    """Units kept by the mention's own province (strict), else by the text's other hints (lenient)."""
    if own:
        units = [u for u in units if _in_province(gz, u, own)]
    else:
        for h in hints:
            kept = [u for u in units if _in_province(gz, u, h)]
            if kept:
                units = kept
                break
    for d in districts:
        kept = [u for u in units if u.district and _norm(u.district) == _norm(d)]
        if kept:
            return kept
    return units


def _resolve(gz: Gazetteer, m: Mention, provinces: list[str], districts: list[str], prefer_2025: bool) -> Optional[tuple[str, AdminUnit]]:
    """(level, unit) for a mention, or None when not found or ambiguous."""
    own = m.province_hint
    level = m.level
    if level in ("province", "city", ""):
        p = _province(gz, m.name, prefer_2025)
        if p is not None and (level in ("province", "") or p.type == "Thành phố"):
            return "province", p
        if level == "province":
            return None
    if level in ("city", "town", "district", ""):
        cands = gz.districts.get(_norm(m.name), [])
        typed = [u for u in cands if u.type in _TYPES.get(level, ())] or cands
        typed = _narrow(gz, typed, own, provinces, [])
        if len({(u.province, u.name) for u in typed}) == 1:
            u = typed[0]
            return (level or _LEVEL_OF_TYPE.get(u.type, "district")), u
        return None
    if level == "commune":
        want = _COMMUNE_TYPES.get(m.word)
        cands = gz.communes.get(_norm(m.name), [])
        if want:
            cands = [u for u in cands if u.type == want] or cands
        order = ("2025", "legacy") if prefer_2025 else ("legacy", "2025")
        for system in order:
            c = _narrow(gz, [u for u in cands if u.system == system], own, provinces, districts if system == "legacy" else [])
            if c and len({(u.province, u.district, u.name) for u in c}) == 1:
                return "commune", c[0]
    return None


def gz_province_2025_name(gz: Gazetteer, name: str) -> str:
    """The 2025 province a (legacy) province name became."""
    p = _province(gz, name, prefer_2025=False)
    return _current_province(gz, p) if p else name


def _score(group: list[Mention], lead_end: int, title_end: int) -> float:
    first = group[0].start
    s = len(group)
    s += 3 * any(m.start < title_end or m.kind == "title" for m in group)
    s += 2 * (first < lead_end)
    s += 1.5 * any(m.body for m in group)
    s += 1 * (group[0].kind == "bloc")
    return s - first / 100000


def detect_locality(ctx: Context, year: Optional[int] = None) -> Optional[Locality]:
    """The locality the report in ``ctx`` is about, or None.

    ``year`` (the report's year) decides, for a name found in both systems, whether the unit
    before or after the 2025 reorganisation is meant (2026 and later: after).

    >>> from bk_report.rules import Context
    >>> detect_locality(Context.from_text("Cả nước có 1.204 xã đạt chuẩn.")).level
    'national'
    """
    view = ctx.view
    found = mentions(ctx)
    if not found:
        return None
    nl = view.find("\n")
    title_end = nl if 0 < nl <= 200 and view[nl:].strip() else 0
    lead_end = max(300, title_end)
    prefer_2025 = year is not None and year >= 2026
    gz = gazetteer()

    local = [m for m in found if m.level != "national"]
    if gz is None:
        local = [m for m in local if m.kind != "title"]
    national = [m for m in found if m.level == "national"]
    if not local or (national and national[0].start < lead_end and all(m.start >= lead_end for m in local)):
        if national:
            m = national[0]
            return Locality(name="Việt Nam", level="national", span=ctx.span(m.start, m.end))
        return None

    # province and district names the text mentions, as hints
    provinces = [m.province_hint for m in local if m.province_hint]
    provinces += [m.name for m in local if m.level == "province"]
    districts = [m.name for m in local if m.level in ("district", "town", "city")]

    resolved: dict[int, Optional[tuple[str, AdminUnit]]] = {}
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in local:
        if m.kind == "title":
            r = _resolve(gz, m, provinces, districts, prefer_2025) if gz else None
            if r is None:
                same = [k for k in groups if k[1] == _norm(m.name)] + [
                    (x.level, _norm(x.name)) for x in local if x.kind != "title" and _norm(x.name) == _norm(m.name)
                ]
                if not same:
                    continue
                groups[same[0]].append(m)
                continue
            m.level = r[0]
            resolved[id(m)] = r
        groups[(m.level, _norm(m.name))].append(m)
    # an untyped title name joins the typed mentions of the same name
    for key in list(groups):
        if any(x.kind == "title" for x in groups[key]):
            for other in list(groups):
                if other != key and other[1] == key[1]:
                    groups[other].extend(groups.pop(key))
                    break
    if not groups:
        return None
    for g in groups.values():
        g.sort(key=lambda m: m.start)
    best = max(groups.values(), key=lambda g: _score(g, lead_end, title_end))
    m = next((x for x in best if x.kind != "title"), best[0])
    span = ctx.span(m.start, m.end)
    hint = next((x.province_hint for x in best if x.province_hint), None)

    if m.level == "party_bloc":
        prov = None
        if hint and gz:
            p = _province(gz, hint, prefer_2025)
            prov = p.name if p else hint
        cur = gz_province_2025_name(gz, prov) if (gz and prov) else None
        return Locality(name=m.name, level="party_bloc", province=prov or hint, current_province=cur,
                        gazetteer=gz.label if gz else None, span=span)

    if gz is None:
        return Locality(name=m.name, level=m.level, province=hint, span=span)

    r = resolved.get(id(m)) or _resolve_prefix(gz, m, provinces, districts, prefer_2025)
    if r is None:
        # not in the gazetteer (renamed or merged before the gazetteer's date): keep the text's reading
        provs = {(_province(gz, p, prefer_2025) or AdminUnit(p, "", p)).name for p in ([hint] if hint else provinces)}
        prov = provs.pop() if len(provs) == 1 else None
        cur = gz_province_2025_name(gz, prov) if prov else None
        return Locality(name=m.name, level=m.level, province=prov, current_province=cur, gazetteer=gz.label, span=span)
    level, unit = r
    current_province = _current_province(gz, unit)
    current_name = None
    if level == "province":
        current_name = current_province if current_province != unit.name else None
    elif level == "commune" and unit.system == "legacy":
        new = gz.commune_2025.get(unit.key)
        if new is not None:
            current_province = new[1]
            current_name = new[0] if new[0] != unit.name else None
    return Locality(
        name=unit.name,
        level=level,
        province=unit.province,
        current_name=current_name,
        current_province=current_province,
        gazetteer=gz.label,
        span=span,
    )


def _resolve_prefix(gz: Gazetteer, m: Mention, provinces: list[str], districts: list[str], prefer_2025: bool) -> Optional[tuple[str, AdminUnit]]:
    """Resolve a mention, dropping abbreviations that followed its name (``Mèo Vạc HĐND``)."""
    words = m.name.split(" ")
    for n in range(len(words), 0, -1):
        if n < len(words) and not words[n].isupper():
            break
        r = _resolve(gz, Mention(m.level, " ".join(words[:n]), m.start, m.end, m.kind, m.body, m.province_hint, m.word), provinces, districts, prefer_2025)
        if r is not None:
            return r
    return None
