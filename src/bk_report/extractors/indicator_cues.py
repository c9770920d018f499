"""The small function words of ``data/indicator_cues.tsv``, by role, as pattern pieces.

>>> import regex
>>> bool(regex.fullmatch(cue("range_to"), "tới"))
True
>>> words("level_to")
('xuống', 'lên')
"""
from __future__ import annotations

from functools import cache

from ..errors import LexiconError
from ..lexicon import alternation, load_table


@cache
def words(role: str) -> tuple[str, ...]:
    """The phrases of ``role`` in table order; an unknown role is an error."""
    out = tuple(r["phrase"] for r in load_table("indicator_cues") if r["role"] == role)
    if not out:
        raise LexiconError(f"indicator_cues.tsv has no row with role {role!r}")
    return out


@cache
def cue(role: str) -> str:
    """A non-capturing alternation of the phrases of ``role`` (longest first)."""
    return alternation(words(role))
