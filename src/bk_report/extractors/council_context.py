"""Whose count is it?  The body acting in a paragraph, for council figures.

A count such as ``27 cuộc giám sát`` or ``45 đơn thư`` is People's Council (HĐND)
activity only when the HĐND (its standing committee, committees, deputies) is the
actor.  :func:`actor_kind` looks back from the count, inside its paragraph, for the
nearest body named in ``council_bodies.tsv`` (with the abbreviations of each, via
:func:`lexicon.phrases_for`), skipping bodies that are objects or partners
(``phối hợp với UBMTTQ``, ``do UBND trình``; ``council_object_markers.tsv``).

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("Thường trực HĐND tỉnh tổ chức 3 cuộc giám sát.")
>>> actor_kind(ctx, ctx.view.index("3"))
'council'
>>> ctx = Context.from_text("Ban Thường vụ Huyện ủy tổ chức 3 cuộc giám sát.")
>>> actor_kind(ctx, ctx.view.index("3"))
'party'
>>> ok(ctx, ctx.view.index("3"), "council")
False

Key phrases (``council_spelling.tsv``) are matched with spelling tolerance
(:func:`tolerant_alternation`): wrong or missing tone and vowel marks, and one
vowel of a cluster dropped, inside multi-word phrases only.

>>> import regex
>>> pat = compile_pattern(tolerant_alternation(["tiếp xúc cử tri"]), regex.IGNORECASE)
>>> [bool(pat.fullmatch(s)) for s in ("tiếp xúc cử tri", "tếp xúc cư tri", "tiêp xúc cử tri", "tiếp xúc báo chí")]
[True, True, True, False]
"""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex

from ..errors import LexiconError
from ..lexicon import alternation, canonical, literal_pattern, load_table, phrases_for, compile_pattern
from ..rules import Context

_F = regex.IGNORECASE | regex.VERSION1

# ----------------------------------------------------------------- spelling tolerance

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VOWEL_MARKS = "\u0302\u0306\u031b"  # circumflex (â ê ô), breve (ă), horn (ơ ư)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=None)
def _letter_classes() -> dict[str, str]:
    """``{base letter: every letter written on it}``: ``a`` → ``aàáảãạăằ…``, ``d`` → ``dđ``, ``i`` and ``y`` together."""
    out = {}
    for base in sorted(_VOWELS):
        forms = set()
        for mark in ["", *_VOWEL_MARKS]:
            for tone in ["", *_TONE_MARKS]:
                ch = unicodedata.normalize("NFC", base + mark + tone)
                if len(ch) == 1:
                    forms.add(ch)
        out[base] = "".join(sorted(forms))
    out["i"] = out["y"] = out["i"] + out["y"]  # i/y spellings of one vowel (``kì họp``, ``lí do``)
    out["d"] = "dđ"
    return out


def _base(ch: str) -> str:
    """The letter without tone and vowel marks (``ử`` → ``u``, ``đ`` → ``d``)."""
    ch = ch.lower()
    if ch == "đ":
        return "d"
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def skeleton(text: str) -> str:
    """Accent-free, lower-case form of ``text`` with tidy spaces, ``y`` as ``i`` (for checking tables)."""
    return " ".join("".join(_base(c) for c in w) for w in canonical(text).split()).replace("y", "i")


#: the table of key phrases matched loosely, unless a caller names another
SPELLING = "council_spelling"


@lru_cache(maxsize=None)
def _tolerant_keys(table: str = SPELLING) -> tuple[tuple[str, ...], ...]:
    """The key phrases of a spelling table (``council_spelling.tsv``) as word tuples, longest first."""
    keys = set()
    for row in load_table(table):
        words = tuple(canonical(row["phrase"]).lower().split())
        if len(words) < 2:
            raise LexiconError(f"{table}.tsv: {row['phrase']!r} is one word; only multi-word phrases are matched loosely")
        keys.add(words)
    return tuple(sorted(keys, key=lambda k: (-len(k), k)))


@lru_cache(maxsize=None)
def tolerant_word(word: str) -> str:
    """A pattern for one word of a key phrase: marks free, one cluster vowel may drop
    from a word of four letters or more.

    >>> import regex
    >>> [bool(regex.fullmatch(tolerant_word("tiếp"), w)) for w in ("tiếp", "tếp", "tiep", "tip", "tiết")]
    [True, True, True, True, False]
    """
    letters = list(canonical(word).lower())
    bases = [_base(c) for c in letters]
    classes = _letter_classes()
    parts = [f"[{classes[b]}]" if b in classes else regex.escape(c) for c, b in zip(letters, bases)]
    alts = ["".join(parts)]
    if len(letters) < 4:
        return alts[0]  # short words lose no letter: ``đại`` is not ``đi`` (``đi biểu tình``)
    for i, b in enumerate(bases):
        in_cluster = (i > 0 and bases[i - 1] in _VOWELS) or (i + 1 < len(bases) and bases[i + 1] in _VOWELS)
        if b in _VOWELS and in_cluster:
            alts.append("".join(parts[:i] + parts[i + 1 :]))  # ``tếp`` for ``tiếp``
    return "(?:" + "|".join(dict.fromkeys(alts)) + ")"


_TOKEN = compile_pattern(r"\w+|[^\w\s]")


@lru_cache(maxsize=None)
def tolerant_pattern(phrase: str, table: str = SPELLING) -> str:
    """A pattern for ``phrase`` whose key phrases (those of ``table``) match loosely."""
    tokens = list(_TOKEN.finditer(canonical(phrase)))
    words = [t.group().lower() for t in tokens]
    loose = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        for key in _tolerant_keys(table):
            if tuple(words[i : i + len(key)]) == key:
                for j in range(i, i + len(key)):
                    loose[j] = True
                i += len(key)
                break
        else:
            i += 1
    out = []
    for k, tok in enumerate(tokens):
        text = tok.group()
        dash = text in "-–—"
        if k:
            gap = tok.start() > tokens[k - 1].end()
            if not dash and tokens[k - 1].group() not in "-–—":
                out.append(r"\s+" if gap else "")
        out.append(tolerant_word(text) if loose[k] else literal_pattern(text))
    return "".join(out)


def tolerant_alternation(phrases: Iterable[str], table: str = SPELLING) -> str:
    """As :func:`lexicon.alternation`, with the key phrases of each phrase matched loosely."""
    uniq = sorted({canonical(p) for p in phrases if p}, key=lambda p: (-len(p), p))
    if not uniq:
        return "(?!)"
    return "(?:" + "|".join(tolerant_pattern(p, table) for p in uniq) + ")"


def tolerant_lookup(text: str, phrases: dict[str, str], table: str = SPELLING) -> Optional[str]:
    """The key of ``phrases`` (canonical lower-case) that ``text`` spells, or None.

    The exact spelling wins; a misspelt one gives the longest phrase it matches.
    """
    key = canonical(regex.sub(r"\s+", " ", text)).lower().strip()
    if key in phrases:
        return key
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        if _compiled(phrase, table).fullmatch(text.strip()):
            return phrase
    return None


@lru_cache(maxsize=None)
def _compiled(phrase: str, table: str) -> regex.Pattern:
    return compile_pattern(tolerant_pattern(phrase, table), _F)


# ----------------------------------------------------------------- earlier values

_YEAR_SLOT = "{year}"


def earlier_value_pattern(phrases: Iterable[str], table: str = SPELLING) -> regex.Pattern:
    """Cue words ending right before an earlier period's value (``năm 2012 là``, ``cùng kỳ là``).

    ``{year}`` in a phrase stands for a calendar year, captured as group ``year``.

    >>> m = earlier_value_pattern(["năm {year} là"]).search("nhận 64 đơn, năm 2014 là ")
    >>> m.group("year")
    '2014'
    """
    alts = []
    for phrase in phrases:
        parts = [tolerant_pattern(p.strip(), table) if p.strip() else "" for p in phrase.split(_YEAR_SLOT)]
        alts.append(r"\s+(?P<year>(?:19|20)\d\d)\s+".join(parts))
    alts.sort(key=len, reverse=True)
    return compile_pattern(rf"(?<!\w)(?:{'|'.join(alts) or '(?!)'})\s*$", _F)


def is_earlier(ctx: Context, m: Optional[regex.Match]) -> bool:
    """Whether an :func:`earlier_value_pattern` match names an earlier period: its year, if any,
    is not the year the text reports (``Tổng số đơn năm 2023 là 58`` in a 2023 report)."""
    if m is None:
        return False
    year = m.group("year")
    return year is None or ctx.year is None or int(year) != ctx.year


# ----------------------------------------------------------------- bodies


@lru_cache(maxsize=None)
def _bodies() -> tuple[regex.Pattern, dict[str, str]]:
    kinds: dict[str, str] = {}
    for row in load_table("council_bodies"):
        for form in phrases_for(row["phrase"]):
            kinds.setdefault(canonical(form).lower(), row["kind"])
    pattern = compile_pattern(rf"(?<!\w){tolerant_alternation(kinds)}(?!\w)", _F)
    return pattern, kinds


@lru_cache(maxsize=None)
def _object_marker() -> regex.Pattern:
    words = [r["word"] for r in load_table("council_object_markers")]
    # the marker may stand up to three words before the body (``với Ban Thường trực UBMTTQVN``)
    return compile_pattern(rf"(?<!\w){alternation(words)}(?:\s+[^\s,;.:]+){{0,3}}\s+$", _F)


def _kind_of(text: str) -> str:
    _, kinds = _bodies()
    key = tolerant_lookup(text, kinds)
    return kinds[key] if key is not None else "council"


def paragraph_start(view: str, pos: int) -> int:
    """View offset where the paragraph holding ``pos`` starts."""
    return view.rfind("\n", 0, pos) + 1


@dataclass
class _Index:
    """Every body and voter mention of a document, found once (kept in ``ctx.scratch``)."""

    newlines: list  # view offsets of line breaks
    bodies: list  # (start, end, kind, is object or partner) in text order
    body_ends: list
    voters: list  # start offsets of voter mentions


def _index(ctx: Context) -> _Index:
    found = ctx.scratch.get("council.context")
    if found is not None and found[0] is ctx.doc:
        return found[1]
    view = ctx.view
    newlines = [m.start() for m in regex.finditer(r"\n", view)]
    pattern, _ = _bodies()
    marker = _object_marker()
    bodies = []
    for m in pattern.finditer(view):
        para = _line_start(newlines, m.start())
        is_object = bool(marker.search(view[max(para, m.start() - 40) : m.start()]))
        bodies.append((m.start(), m.end(), _kind_of(m.group()), is_object))
    index = _Index(newlines, bodies, [b[1] for b in bodies], [m.start() for m in _VOTERS.finditer(view)])
    ctx.scratch["council.context"] = (ctx.doc, index)
    return index


def _line_start(newlines: list, pos: int) -> int:
    i = bisect.bisect_left(newlines, pos)
    return newlines[i - 1] + 1 if i else 0


def _paragraph_start(index: _Index, pos: int) -> int:
    return _line_start(index.newlines, pos)


def actor_kind(ctx: Context, pos: int) -> Optional[str]:
    """Kind of the nearest acting body named before ``pos`` in its paragraph, or None."""
    index = _index(ctx)
    start = _paragraph_start(index, pos)
    i = bisect.bisect_right(index.body_ends, pos)
    while i > 0:
        i -= 1
        b_start, _, kind, is_object = index.bodies[i]
        if b_start < start:
            return None
        if not is_object:
            return kind
    return None


def _council_later_in_sentence(ctx: Context, pos: int) -> bool:
    view = ctx.view
    stop = _CLAUSE_STOP.search(view, pos, pos + _LOOKAHEAD)
    end = stop.start() if stop else min(len(view), pos + _LOOKAHEAD)
    pattern, _ = _bodies()
    return any(_kind_of(m.group()) == "council" for m in pattern.finditer(view, pos, end))


def assembly_of_session(ctx: Context, start: int, end: int) -> Optional[str]:
    """Kind of body whose ``kỳ họp`` is named at ``[start, end)``.

    The body named right after it (``Kỳ họp thứ 8, Quốc hội khóa XV``, ``kỳ họp
    thứ 16 HĐND huyện``) decides; else the nearest actor before it.

    >>> ctx = Context.from_text("Đại biểu dự Kỳ họp thứ 8, Quốc hội khóa XV.")
    >>> assembly_of_session(ctx, 12, 23)
    'national_assembly'
    """
    view = ctx.view
    stop = compile_pattern(r"[.;!?\n]").search(view, end)
    limit = min(end + 40, stop.start() if stop else len(view))
    pattern, _ = _bodies()
    for m in pattern.finditer(view, end, limit):
        kind = _kind_of(m.group())
        if kind in ("council", "national_assembly") and not _SESSION_WORD.fullmatch(m.group()):
            return kind
    return actor_kind(ctx, start)


_CLAUSE_STOP = compile_pattern(r"[.;!?\n]")
#: how far a sentence is read ahead for a council body (a run-on sentence is cut there)
_LOOKAHEAD = 400
_SESSION_WORD = compile_pattern(tolerant_pattern("kỳ họp"), _F)
_HDND = compile_pattern(rf"(?<!\w){tolerant_alternation(phrases_for('Hội đồng nhân dân'))}(?!\w)", _F)
_VOTERS = compile_pattern(rf"(?<!\w){tolerant_alternation(phrases_for('cử tri') + phrases_for('tiếp xúc cử tri'))}(?!\w)", _F)


def _sentence_bounds(view: str, pos: int) -> tuple[int, int]:
    start = max(view.rfind(c, 0, pos) for c in ".!?\n") + 1
    stop = compile_pattern(r"[.!?\n]").search(view, pos)
    return start, (stop.start() if stop else len(view))


def ok(ctx: Context, pos: int, context: str) -> bool:
    """Whether a count at ``pos`` whose measure needs ``context`` is council activity.

    ``intrinsic`` measures (sessions, voter meetings, questions) are council work
    unless another assembly (Quốc hội) is the actor, or another body is and the
    sentence does not name the HĐND; ``voters`` measures (a bare
    ``ý kiến``) need voters named in the paragraph up to the end of the sentence;
    ``council`` measures
    (supervisions, resolutions, letters …) need an HĐND body as the nearest actor,
    or, with no body before them, one later in the same sentence.
    """
    kind = actor_kind(ctx, pos)
    if context == "voters":
        # a bare ``ý kiến`` / ``kiến nghị`` is a voter's only where voters are spoken of
        start, end = _sentence_bounds(ctx.view, pos)
        index = _index(ctx)
        i = bisect.bisect_left(index.voters, _paragraph_start(index, pos))
        if i == len(index.voters) or index.voters[i] >= end:
            return False
        return kind != "national_assembly"
    if context == "intrinsic":
        if kind in (None, "council"):
            return True
        if kind == "national_assembly":
            return False
        # another body acts (``Ủy ban MTTQ … tiếp nhận 56 ý kiến của cử tri``): council
        # work only if the HĐND is named in the sentence (``… phối hợp với Thường trực HĐND``)
        start, end = _sentence_bounds(ctx.view, pos)
        return bool(_HDND.search(ctx.view, start, end))
    if kind is None:
        return _council_later_in_sentence(ctx, pos)
    return kind == "council"
