"""Language data of the discipline and membership extractors, and its patterns.

The tables ``discipline_bodies``, ``discipline_actions``, ``discipline_targets``,
``discipline_markers``, ``membership_actions`` and ``membership_nouns`` are loaded
once, validated, and turned into patterns with :func:`bk_report.lexicon.alternation`.
Every phrase also matches its abbreviations (``Ủy ban Kiểm tra`` → ``UBKT``).

>>> phrase_info("UBKT")
('body', 'inspection_commission')
>>> phrase_info("khiến trách")
('form', 'reprimand')
>>> target_after(" TCĐ và 5 ĐV", 0)[1]
'organization'
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..errors import LexiconError
from ..lexicon import alternation, canonical, load_table, phrases_for
from ..models import Body, DisciplineAction, DisciplineTarget, MembershipAction

#: Body kinds of ``discipline_bodies.tsv`` besides the two schema bodies.
BODY_KINDS = frozenset({"party_committee", "inspection_commission", "level", "other"})
ACTION_ROLES = frozenset({"action", "form", "modifier", "trailing", "stop"})
MARKERS = frozenset({"propose", "part", "difference", "share", "form_intro", "passive", "object", "neutral"})

_SPACES = regex.compile(r"\s+")
_DASHES = regex.compile(r"\s*[-–—]\s*")


def key(text: str) -> str:
    """The lookup key of a phrase or a matched text: canonical, lower case, tidy spaces."""
    k = canonical(text).lower()
    k = _DASHES.sub(" - ", k)
    return _SPACES.sub(" ", k).strip()


def _forms(phrase: str) -> tuple[str, ...]:
    return phrases_for(phrase)


@lru_cache(maxsize=None)
def phrases() -> dict[str, tuple[str, str]]:
    """``{key: (kind, value)}`` for every phrase the tokenizer knows.

    kind is ``body`` (value: body kind), an action role (``action``, ``form``,
    ``modifier``, ``trailing``, ``stop``; value: the action), ``marker`` (value:
    the marker) or ``membership`` / ``membership_trailing`` (value: the action).
    """
    out: dict[str, tuple[str, str]] = {}

    def add(phrase: str, kind: str, value: str, table: str) -> None:
        for form in _forms(phrase):
            k = key(form)
            if k in out and out[k] != (kind, value):
                raise LexiconError(f"{table}.tsv: {form!r} is already {out[k]}, cannot also be {(kind, value)}")
            out[k] = (kind, value)

    for row in load_table("discipline_bodies"):
        if row["body"] not in BODY_KINDS:
            raise LexiconError(f"discipline_bodies.tsv: unknown body {row['body']!r}")
        add(row["phrase"], "body", row["body"], "discipline_bodies")
    for row in load_table("discipline_actions"):
        role = row["role"]
        if role not in ACTION_ROLES:
            raise LexiconError(f"discipline_actions.tsv: unknown role {role!r}")
        if role != "stop":
            DisciplineAction(row["action"])  # validates
        add(row["phrase"], role, row["action"], "discipline_actions")
    for row in load_table("discipline_markers"):
        if row["marker"] not in MARKERS:
            raise LexiconError(f"discipline_markers.tsv: unknown marker {row['marker']!r}")
        add(row["phrase"], "marker", row["marker"], "discipline_markers")
    for row in load_table("membership_actions"):
        MembershipAction(row["action"])
        k = key(row["phrase"])
        if out.get(k, ("", ""))[0] not in ("", "stop"):
            raise LexiconError(f"membership_actions.tsv: {row['phrase']!r} is already {out[k]}")
        kind = "membership" if row["role"] == "action" else "membership_trailing"
        if row["role"] not in ("action", "trailing"):
            raise LexiconError(f"membership_actions.tsv: unknown role {row['role']!r}")
        out[k] = (kind, row["action"])
    return out


@lru_cache(maxsize=None)
def membership_requires() -> dict[str, str]:
    """``{key of a membership phrase: word that must follow its noun}``."""
    return {key(r["phrase"]): r["requires"] for r in load_table("membership_actions") if r["requires"]}


@lru_cache(maxsize=None)
def token_pattern() -> regex.Pattern:
    """One pattern for every phrase of the tables, longest first, whole words only."""
    forms: list[str] = []
    for table, col in (
        ("discipline_bodies", "phrase"),
        ("discipline_actions", "phrase"),
        ("discipline_markers", "phrase"),
        ("membership_actions", "phrase"),
    ):
        for row in load_table(table):
            forms.extend(_forms(row[col]))
    return regex.compile(rf"(?<!\w){alternation(forms)}(?!\w)", regex.IGNORECASE | regex.VERSION1)


def phrase_info(text: str) -> Optional[tuple[str, str]]:
    """What a matched phrase is: ``(kind, value)``, or None if unknown."""
    return phrases().get(key(text))


@lru_cache(maxsize=None)
def _targets() -> tuple[regex.Pattern, dict[str, tuple[str, bool]]]:
    table: dict[str, tuple[str, bool]] = {}
    forms: list[str] = []
    for row in load_table("discipline_targets"):
        DisciplineTarget(row["target"])
        if row["generic"] not in ("yes", "no"):
            raise LexiconError(f"discipline_targets.tsv: generic must be yes/no, not {row['generic']!r}")
        for form in _forms(row["noun"]):
            table[key(form)] = (row["target"], row["generic"] == "yes")
            forms.append(form)
    pat = regex.compile(
        rf"\s*+(?:lượt\s++)?(?P<noun>{alternation(forms)})(?!\w)", regex.IGNORECASE | regex.VERSION1
    )
    return pat, table


def target_after(view: str, pos: int) -> Optional[tuple[int, str, bool]]:
    """The target noun right after view offset ``pos``: ``(end, target, generic)``."""
    pat, table = _targets()
    m = pat.match(view, pos)
    if not m:
        return None
    target, generic = table[key(m.group("noun"))]
    return m.end(), target, generic


@lru_cache(maxsize=None)
def _member_nouns() -> regex.Pattern:
    forms: list[str] = []
    for row in load_table("membership_nouns"):
        forms.extend(_forms(row["noun"]))
    return regex.compile(rf"\s*+(?P<noun>{alternation(forms)})(?!\w)", regex.IGNORECASE | regex.VERSION1)


def member_noun_after(view: str, pos: int) -> Optional[int]:
    """End of the membership noun right after ``pos`` (``đảng viên mới``), or None."""
    m = _member_nouns().match(view, pos)
    return m.end() if m else None


def body_of(kinds: list[str]) -> tuple[Optional[Body], bool]:
    """The body of a group of body mentions read together, and whether it is a party body.

    A committee named before the commission means both together (null); the
    commission named first is qualified by the committees after it (UBKT Huyện ủy).

    >>> body_of(["inspection_commission", "party_committee"])
    (<Body.inspection_commission: 'inspection_commission'>, True)
    >>> body_of(["party_committee", "inspection_commission"])
    (None, True)
    >>> body_of(["level", "party_committee"])
    (<Body.party_committee: 'party_committee'>, True)
    >>> body_of(["other"])
    (None, False)
    """
    party = any(k != "other" for k in kinds)
    i_ic = kinds.index("inspection_commission") if "inspection_commission" in kinds else None
    i_pc = kinds.index("party_committee") if "party_committee" in kinds else None
    if i_ic is not None:
        if i_pc is not None and i_pc < i_ic:
            return None, party
        return Body.inspection_commission, party
    if i_pc is not None:
        return Body.party_committee, party
    return None, party
