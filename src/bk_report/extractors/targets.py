"""Extractor: tallies of plan targets met, set and missed (SCHEMA.md, TargetTally).

Each count of ``chỉ tiêu`` (``targets_nouns.tsv``) gets a role from the cue words
around it (``targets_cues.tsv``): after it (``đạt và vượt``, ``không đạt``) or before
it (``Trong số``, ``hoàn thành``, ``phấn đấu``).  The counts of one sentence make one
tally (a new total or fraction starts another); a total-only sentence followed by a
sentence of met/missed counts is joined to it.  Tallies restated (identical, or a
subset of a fuller one) are counted once.  A count of an earlier period (``năm 2019
là 20/26 chỉ tiêu``, cue role ``earlier``) is a difference, no tally.  Multi-word
cues are matched with spelling tolerance (``khong đạt``; ``targets_spelling.tsv``),
the noun ``chỉ tiêu`` never (``chi tiêu`` is spending).

Rules (each reads the count before one ``chỉ tiêu``): ``targets.fraction``
(``38/44 chỉ tiêu``), ``targets.count_over_total`` (``17 trên 21 chỉ tiêu``),
``targets.count`` (``có 17 chỉ tiêu đạt``).  A tally takes the rule of its first
count, or ``targets.plan`` for a plan that only states how many targets there are.

>>> from bk_report.rules import Context
>>> def tallies(text):
...     return [(t.met, t.total, t.missed) for t in extract(Context.from_text(text))]
>>> tallies("Có 29/33 chỉ tiêu đạt và vượt kế hoạch.")
[(29, 33, None)]
>>> tallies("Trong 30 chỉ tiêu, có 26 chỉ tiêu đạt, 4 chỉ tiêu không đạt.")
[(26, 30, 4)]
>>> tallies("Năm tới, xã phấn đấu hoàn thành 12 chỉ tiêu.")
[(None, 12, None)]
>>> tallies("Có 25/28 chỉ tiêu đạt, 3 chỉ tiêu khong đạt (năm 2019 là 22/28 chỉ tiêu).")
[(25, 28, 3)]
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, cached_pattern, canonical, compile_pattern, load_table
from .council_context import EndKeys, earlier_value_pattern, end_keys, is_earlier, search_at_end, tolerant_alternation, tolerant_lookup
from ..models import NumberRole, TargetTally
from ..rules import Context, Rule, sentences
from ..scanner import Numeral
from . import year

_F = regex.IGNORECASE | regex.VERSION1
CATEGORY = "targets"


_SPELLING = "targets_spelling"


#: the linking words a ``before`` cue may end with (``hoàn thành có``)
_LINKS = ("có", "được", "là")


@lru_cache(maxsize=None)
def _cues() -> dict[str, tuple[regex.Pattern, dict[str, str]]]:
    out = {}
    for position in ("after", "before"):
        roles = {
            canonical(r["phrase"]).lower(): r["role"]
            for r in load_table("targets_cues")
            if r["position"] == position and r["role"] != "earlier"
        }
        words = tolerant_alternation(roles, _SPELLING)
        if position == "after":
            pat = compile_pattern(rf"(?<!\w){words}(?!\w)", _F)
        else:
            pat = compile_pattern(rf"(?<!\w){words}(?:\s+(?:{'|'.join(_LINKS)}))?\s*$", _F)
        out[position] = (pat, roles)
    return out


@lru_cache(maxsize=None)
def _before_keys() -> Optional[EndKeys]:
    """What the ``before`` cues of :func:`_cues` may end with (:func:`council_context.end_keys`)."""
    return end_keys([*_cues()["before"][1], *_LINKS], _SPELLING)


@lru_cache(maxsize=None)
def _earlier_keys() -> Optional[EndKeys]:
    """What the cues of :func:`_earlier` may end with."""
    return end_keys((r["phrase"] for r in load_table("targets_cues") if r["role"] == "earlier"), _SPELLING)


@lru_cache(maxsize=None)
def _link_end() -> regex.Pattern:
    """A linking word after a cue (``hoàn thành có``); compiled as ``regex.sub`` did, with full case folding."""
    return regex.compile(rf"\s+(?:{'|'.join(_LINKS)})\s*$", _F)


def _role(position: str, text: str) -> Optional[str]:
    """The role of a matched cue, spelt right or wrong."""
    text = _link_end().sub("", text.strip())
    roles = _cues()[position][1]
    key = tolerant_lookup(text, roles, _SPELLING)
    return None if key is None else roles[key]


@lru_cache(maxsize=None)
def _earlier() -> regex.Pattern:
    """Cue words before an earlier period's count (``năm 2022 là 16/20 chỉ tiêu``)."""
    rows = load_table("targets_cues")
    return earlier_value_pattern((r["phrase"] for r in rows if r["role"] == "earlier"), _SPELLING)


@lru_cache(maxsize=None)
def _noun() -> regex.Pattern:
    """The nouns of ``targets_nouns.tsv`` (``chỉ tiêu``)."""
    return compile_pattern(rf"(?<![^\W\d]){alternation(r['noun'] for r in load_table('targets_nouns'))}(?!\w)", _F)


_CLAUSE_END = r"[,;:.()\n]|\s[-–]\s"


@dataclass
class _Mention:
    numeral: Numeral
    start: int  # view offset where the figure's span starts
    end: int  # view offset after the noun
    role: Optional[str]  # met / missed / partial / total / plan / part / None
    numerator: Optional[Numeral] = None  # ``17 trên 21 chỉ tiêu``: the 17
    rule: str = "targets.count"


@dataclass
class _Tally:
    met: Optional[int] = None
    total: Optional[int] = None
    missed: Optional[int] = None
    plan: bool = False
    start: int = 0
    end: int = 0
    numerals: list = field(default_factory=list)
    rule: str = "targets.count"

    def empty(self) -> bool:
        return self.met is None and self.total is None and self.missed is None

    def add(self, attr: str, value: int, m: _Mention) -> None:
        old = getattr(self, attr)
        setattr(self, attr, value if old is None else old + value)
        self.start = m.start if not self.numerals else min(self.start, m.start)
        self.end = max(self.end, m.end)
        self.numerals.append(m.numeral)


def _count(n: Numeral) -> Optional[int]:
    if n.value is None or n.value != int(n.value) or n.kind not in ("number", "fraction"):
        return None
    if n.kind == "fraction" and (n.denominator is None or n.denominator != int(n.denominator)):
        return None
    return int(n.value)


#: the key of the nouns read so far (:func:`_before`) in ``ctx.scratch``
_SCRATCH = "targets.before"


@dataclass
class _Before:
    """What the rules read before one noun, the same for each (found once per noun, :func:`_before`)."""

    numeral: Numeral  # the numeral right before the noun
    near: int  # how far back the text is read
    clause_start: int
    before_text: str  # the words before the number, back to the clause start
    before: Optional[regex.Match]  # a cue that ends them


def _before(ctx: Context, noun: regex.Match, kinds: tuple[str, ...]) -> Optional[_Before]:
    """The numeral before ``noun`` and the cue words before it, or None where no rule of
    ``kinds`` can read a count there; remembered per noun in ``ctx.scratch``."""
    seen = ctx.scratch.get(_SCRATCH)
    if seen is None:
        seen = ctx.scratch[_SCRATCH] = {}
    key = noun.start()
    if key not in seen:
        seen[key] = _read_before(ctx, noun)
    found = seen[key]
    if found is None or found.numeral.kind not in kinds:
        return None
    return found


def _read_before(ctx: Context, noun: regex.Match) -> Optional[_Before]:
    view = ctx.view
    # (sought no further back than it is read: the count and the words before it)
    paragraph_start = view.rfind("\n", max(0, noun.start() - 40 - _WINDOW), noun.start()) + 1
    cands = [n for n in ctx.numerals_in(max(paragraph_start, noun.start() - 40), noun.start()) if n.end <= noun.start()]
    if not cands:
        return None
    n = cands[-1]
    if view[n.end : noun.start()].strip() or ctx.claimed(n) or _count(n) is None:
        return None
    # the words before the number, back to the clause start
    near = max(paragraph_start, n.start - _WINDOW)  # a run-on paragraph is read near the count only
    clause_start = max([near] + [x.end() for x in cached_pattern(_CLAUSE_END).finditer(view, near, n.start)])
    before_text = view[clause_start : n.start]
    before = search_at_end(_cues()["before"][0], before_text, _before_keys())
    return _Before(n, near, clause_start, before_text, before)


def _mention(ctx: Context, noun: regex.Match, kinds: tuple[str, ...], over: bool, rule: Rule) -> Optional[_Mention]:
    """The count before ``noun`` (``N chỉ tiêu``) with the role its cue words give."""
    read = _before(ctx, noun, kinds)
    if read is None:
        return None
    view = ctx.view
    n, near, clause_start, before_text, before = read.numeral, read.near, read.clause_start, read.before_text, read.before
    if over and not (before and canonical(before.group().strip()).lower() == "trên"):
        return None  # (tested first: most counts are no count over a total)
    e = view.find("\n", noun.end(), noun.end() + _WINDOW)
    e = min(len(view), noun.end() + _WINDOW) if e < 0 else e
    # the clause after the noun holds its status (``đạt và vượt``, ``không đạt``)
    stop = cached_pattern(_CLAUSE_END).search(view, noun.end(), e)
    clause_end = stop.start() if stop else e
    nxt = ctx.numerals_in(noun.end(), clause_end)
    if nxt:
        clause_end = min(clause_end, nxt[0].start)
    after_pat, _ = _cues()["after"]
    after = after_pat.search(view, noun.end(), clause_end)
    role = _role("after", after.group()) if after else None
    end = after.end() if after else noun.end()
    if not over and is_earlier(ctx, search_at_end(_earlier(), before_text, _earlier_keys())):
        return _Mention(n, n.start, end, "earlier", None, rule.name)  # no tally: an earlier period's
    before_role = _role("before", before.group().strip()) if before else None
    part = _with_role("part").search(before_text)
    sentence_start = max([near, *(x.end() for x in cached_pattern(_SENTENCE_END).finditer(view, near, n.start))])
    if part and _noun().search(view, sentence_start, clause_start + part.start()):
        before_role = "part"  # ``…, trong đó 9 chỉ tiêu vượt``: a breakdown of the count before
    elif _with_role("plan").search(before_text):
        before_role = "plan"
    numerator = None
    if over:
        # ``17 trên 21 chỉ tiêu``: the count over the total (``before`` is ``trên``)
        cut = clause_start + before.start()
        prev = [x for x in ctx.numerals_in(clause_start, cut) if x.end <= cut]
        if not prev or view[prev[-1].end : cut].strip() or ctx.claimed(prev[-1]) or _count(prev[-1]) is None:
            return None
        numerator = prev[-1]
        before_role = None
    if before_role in ("part", "plan") or role is None:
        role = before_role
    start = numerator.start if numerator is not None else n.start
    return _Mention(n, start, end, role, numerator, rule.name)


_SENTENCE_END = r"[.!?…]+(?=\s|[^\w\s]|$)"
#: how many characters around a count of targets are read for its cue words
_WINDOW = 300


@lru_cache(maxsize=None)
def _with_role(role: str) -> regex.Pattern:
    words = [r["phrase"] for r in load_table("targets_cues") if r["role"] == role]
    return compile_pattern(rf"(?<!\w){tolerant_alternation(words, _SPELLING)}(?!\w)", _F)


def _production(kinds: tuple[str, ...], over: bool = False):
    def produce(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[_Mention]]:
        found = _mention(ctx, m, kinds, over, rule)
        return [found] if found else None

    return produce


def _tallies_of_sentence(mentions: list[_Mention]) -> list[_Tally]:
    """Group the counts of one sentence into tallies (a new total starts another)."""
    out: list[_Tally] = []
    cur = _Tally()
    has_status = [m.role in ("met", "missed") for m in mentions]

    def flush() -> None:
        nonlocal cur
        if not cur.empty():
            out.append(cur)
        cur = _Tally()

    for i, m in enumerate(mentions):
        n = m.numeral
        if m.role in ("part", "partial"):
            # a breakdown (``trong đó 9 chỉ tiêu vượt``) or a basically-met count: read
            # as part of the tally's statement, adding to none of its fields
            holder = cur if not cur.empty() else (out[-1] if out else None)
            if holder is not None:
                holder.numerals.append(n)
                holder.end = max(holder.end, m.end)
            continue
        if n.kind == "fraction" or m.numerator is not None:
            top = _count(m.numerator) if m.numerator is not None else int(n.value)
            total = int(n.denominator) if n.kind == "fraction" else int(n.value)
            field_ = "missed" if m.role == "missed" else "met"
            if not (cur.total == total and getattr(cur, field_) is None):
                flush()  # ``18/20 chỉ tiêu đạt, 2/20 chỉ tiêu không đạt`` stays one tally
            cur.add(field_, top, m)
            cur.total, cur.plan, cur.rule = total, m.role == "plan", m.rule
            if m.numerator is not None:
                cur.numerals.append(m.numerator)
            continue
        role = m.role
        if role is None and any(has_status[i + 1 :]):
            role = "total"  # a bare count before counts with a status is their total
        if role is None:
            continue
        if role in ("total", "plan"):
            flush()
            cur.add("total", int(n.value), m)
            cur.plan = role == "plan"
            cur.rule = "targets.plan" if cur.plan else m.rule
            continue
        cur.add(role, int(n.value), m)
    flush()
    return out


def _subsumed(a: _Tally, b: _Tally) -> bool:
    """Whether ``a`` restates ``b``: it says nothing ``b`` does not.

    A bare total restates only an identical bare total: ``phấn đấu hoàn thành 17 chỉ
    tiêu`` for next year is no restatement of this year's ``15/17 chỉ tiêu đạt``.
    """
    pairs = [(a.met, b.met), (a.total, b.total), (a.missed, b.missed)]
    if not all(x is None or x == y for x, y in pairs):
        return False
    return a.met is not None or a.missed is not None or (b.met is None and b.missed is None)


@lru_cache(maxsize=None)
def _rules() -> tuple[Rule, ...]:
    """The rules, built on first use (importing compiles nothing)."""
    return (
        Rule("targets.fraction", _noun(), _production(("fraction",))),
        Rule("targets.count_over_total", _noun(), _production(("number",), over=True)),
        Rule("targets.count", _noun(), _production(("number",))),
    )


def __getattr__(name: str):
    """``RULES``, the face every extractor shows, is built on first access (:func:`_rules`)."""
    if name == "RULES":
        return _rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _mentions(ctx: Context) -> list[_Mention]:
    """Every count of targets, one per noun (the first rule that reads it wins)."""
    rules = _rules()
    found: list[list[_Mention]] = [[] for _ in rules]
    # the rules share one pattern: its matches are found once, each tried by every rule
    for noun in rules[0].matches(ctx):
        for rule, out in zip(rules, found):
            produced = rule.production(noun, ctx, rule)
            if produced:
                out.extend(produced)
    by_end: dict[int, _Mention] = {}
    for out in found:
        for m in out:
            by_end.setdefault(m.numeral.end, m)
    return sorted(by_end.values(), key=lambda m: m.start)


#: a full stop right before a closing mark, a footnote or an emoji (``đạt.)``, ``đạt.”``,
#: ``đạt.[2]``, ``đạt.👍``), not after an opening one (``(…)``)
_STOP_BEFORE_MARK = r"(?<![\s(\[“\"'])[.!?…]+(?=[^\w\s])"


def _sentences(view: str, spans=None):
    """``rules.sentences`` also split where a full stop is followed by a mark, not a space.

    Whether the stop ends a sentence (no ``TP.``) is asked of ``rules.sentences`` itself,
    as if a space followed it.  ``spans``: those ``rules.sentences`` gives for ``view``,
    if already known.

    >>> v = "Có 5 chỉ tiêu đạt.) Có 3 chỉ tiêu đạt.” TP., 3.915 chỉ tiêu."
    >>> [v[s:e].strip() for s, e in _sentences(v)]
    ['Có 5 chỉ tiêu đạt.', ') Có 3 chỉ tiêu đạt.', '” TP., 3.915 chỉ tiêu.']
    """
    for s, e in sentences(view) if spans is None else spans:
        pos = s
        for m in cached_pattern(_STOP_BEFORE_MARK).finditer(view, s, e):
            lo = max(pos, m.start() - 12)
            probe = view[lo : m.end()] + " X"
            if any(pe == m.end() - lo for _, pe in sentences(probe)):
                yield pos, m.end()
                pos = m.end()
        if pos < e:
            yield pos, e


def _join_sentences(ctx: Context, mentions: list[_Mention]) -> list[_Tally]:
    """Tallies sentence by sentence; a bare total joins the next sentence's counts."""
    found: list[_Tally] = []
    if not mentions:
        return found
    pending: Optional[_Tally] = None
    starts = [m.numeral.start for m in mentions]  # mentions are in text order
    # (only sentences that hold a mention are split: the others give no tally)
    spans = [(s, e) for s, e in year.sentence_spans(ctx) if bisect.bisect_left(starts, s) < bisect.bisect_left(starts, e)]
    for s, e in _sentences(ctx.view, spans):
        here = mentions[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
        if not here:
            continue
        tallies = _tallies_of_sentence(here)
        if pending is not None:
            first = tallies[0] if tallies else None
            if first is not None and first.total is None and (first.met is not None or first.missed is not None):
                first.total, first.start = pending.total, pending.start
                first.numerals = pending.numerals + first.numerals
            elif pending.plan:
                found.append(pending)
        pending = None
        for t in tallies:
            if t.met is None and t.missed is None:
                pending = t  # a total, waiting for met / missed counts in the next sentence
            else:
                found.append(t)
    if pending is not None and pending.plan:
        found.append(pending)
    return found


def _headline_end(view: str) -> int:
    """End of a headline line at the top of the text (no final full stop), or 0."""
    end = view.find("\n")
    first = view[: max(end, 0)]
    if end >= 0 and len(first.strip()) <= 200 and not first.rstrip().endswith((".", ";")):
        return end
    return 0


def extract(ctx: Context) -> list[TargetTally]:
    """Tallies of plan targets in the document, each stated once."""
    kept: list[_Tally] = []
    dropped: list[_Tally] = []
    head_end = _headline_end(ctx.view)
    mentions = []
    try:
        found = _mentions(ctx)
    finally:
        ctx.scratch.pop(_SCRATCH, None)  # (:func:`_before`)
    for m in found:
        if m.role == "earlier":
            ctx.claim(m.numeral, NumberRole.difference, CATEGORY, m.rule)
        else:
            mentions.append(m)
    for t in _join_sentences(ctx, mentions):
        same = [o for o in kept if _subsumed(t, o) and _subsumed(o, t)]
        if same and same[0].start < head_end:
            kept.remove(same[0])  # the headline states it; keep the body's wording
            dropped.append(same[0])
        elif any(_subsumed(t, o) for o in kept):
            dropped.append(t)
            continue
        for o in [o for o in kept if _subsumed(o, t)]:
            kept.remove(o)
            dropped.append(o)
        kept.append(t)
    for t in kept:
        for n in t.numerals:
            ctx.claim(n, NumberRole.figure, CATEGORY, t.rule)
    for t in dropped:
        for n in t.numerals:
            ctx.claim(n, NumberRole.restatement, CATEGORY, t.rule)
    return [
        TargetTally(met=t.met, total=t.total, missed=t.missed, span=ctx.span(t.start, t.end), rule=t.rule)
        for t in kept
    ]
