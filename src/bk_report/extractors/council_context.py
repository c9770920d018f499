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
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, canonical, load_table, phrases_for
from ..rules import Context

_F = regex.IGNORECASE | regex.VERSION1


@lru_cache(maxsize=None)
def _bodies() -> tuple[regex.Pattern, dict[str, str]]:
    kinds: dict[str, str] = {}
    for row in load_table("council_bodies"):
        for form in phrases_for(row["phrase"]):
            kinds.setdefault(canonical(form).lower(), row["kind"])
    pattern = regex.compile(rf"(?<!\w){alternation(kinds)}(?!\w)", _F)
    return pattern, kinds


@lru_cache(maxsize=None)
def _object_marker() -> regex.Pattern:
    words = [r["word"] for r in load_table("council_object_markers")]
    # the marker may stand up to three words before the body (``với Ban Thường trực UBMTTQVN``)
    return regex.compile(rf"(?<!\w){alternation(words)}(?:\s+[^\s,;.:]+){{0,3}}\s+$", _F)


def _kind_of(text: str) -> str:
    pattern, kinds = _bodies()
    key = canonical(regex.sub(r"\s+", " ", text)).lower()
    return kinds.get(key, "council")


def paragraph_start(view: str, pos: int) -> int:
    """View offset where the paragraph holding ``pos`` starts."""
    return view.rfind("\n", 0, pos) + 1


def actor_kind(ctx: Context, pos: int) -> Optional[str]:
    """Kind of the nearest acting body named before ``pos`` in its paragraph, or None."""
    view = ctx.view
    start = paragraph_start(view, pos)
    pattern, _ = _bodies()
    marker = _object_marker()
    found = list(pattern.finditer(view, start, pos))
    for m in reversed(found):
        if marker.search(view[max(start, m.start() - 40) : m.start()]):
            continue
        return _kind_of(m.group())
    return None


def _council_later_in_sentence(ctx: Context, pos: int) -> bool:
    view = ctx.view
    stop = regex.compile(r"[.;!?\n]").search(view, pos)
    end = stop.start() if stop else len(view)
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
    stop = regex.compile(r"[.;!?\n]").search(view, end)
    limit = min(end + 40, stop.start() if stop else len(view))
    pattern, _ = _bodies()
    for m in pattern.finditer(view, end, limit):
        kind = _kind_of(m.group())
        if kind in ("council", "national_assembly") and not regex.fullmatch(r"kỳ\s+họp", m.group(), _F):
            return kind
    return actor_kind(ctx, start)


_VOTERS = regex.compile(rf"(?<!\w){alternation(phrases_for('cử tri') + phrases_for('tiếp xúc cử tri'))}(?!\w)", _F)


def _sentence_bounds(view: str, pos: int) -> tuple[int, int]:
    start = max(view.rfind(c, 0, pos) for c in ".!?\n") + 1
    stop = regex.compile(r"[.!?\n]").search(view, pos)
    return start, (stop.start() if stop else len(view))


def ok(ctx: Context, pos: int, context: str) -> bool:
    """Whether a count at ``pos`` whose measure needs ``context`` is council activity.

    ``intrinsic`` measures (sessions, voter meetings, questions) are council work
    unless another assembly (Quốc hội) is the actor; ``voters`` measures (a bare
    ``ý kiến``) need voters named in the paragraph up to the end of the sentence;
    ``council`` measures
    (supervisions, resolutions, letters …) need an HĐND body as the nearest actor,
    or, with no body before them, one later in the same sentence.
    """
    kind = actor_kind(ctx, pos)
    if context == "voters":
        # a bare ``ý kiến`` / ``kiến nghị`` is a voter's only where voters are spoken of
        start, end = _sentence_bounds(ctx.view, pos)
        if not _VOTERS.search(ctx.view, paragraph_start(ctx.view, pos), end):
            return False
        return kind != "national_assembly"
    if context == "intrinsic":
        return kind != "national_assembly"
    if kind is None:
        return _council_later_in_sentence(ctx, pos)
    return kind == "council"
