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
from typing import Iterable, Iterator, Optional

import regex

from ..errors import LexiconError
from ..lexicon import FLAGS, alternation, cached_pattern, canonical, compile_pattern, literal_pattern, load_table, phrases_for
from ..models import Body, DisciplineAction, DisciplineTarget, MembershipAction

#: Body kinds of ``discipline_bodies.tsv`` besides the two schema bodies.
BODY_KINDS = frozenset({"party_committee", "inspection_commission", "level", "other"})
ACTION_ROLES = frozenset({"action", "form", "modifier", "trailing", "stop"})
MARKERS = frozenset({"propose", "part", "difference", "share", "form_intro", "passive", "object", "neutral"})

_SPACES = r"\s+"
_DASHES = r"\s*[-–—]\s*"


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """The lookup key of a phrase or a matched text: canonical, lower case, tidy spaces."""
    k = canonical(text).lower()
    k = cached_pattern(_DASHES).sub(" - ", k)
    return cached_pattern(_SPACES).sub(" ", k).strip()


@lru_cache(maxsize=None)
def _variants() -> dict[str, tuple[str, ...]]:
    """``{standard syllable: its variant spellings}`` (``kỷ`` → ``kỉ``)."""
    out: dict[str, set[str]] = {}
    for table in ("spelling_variants", "discipline_spelling"):
        for r in load_table(table):
            out.setdefault(canonical(r["standard"]).lower(), set()).add(canonical(r["variant"]).lower())
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=None)
def _forms(phrase: str) -> tuple[str, ...]:
    """A phrase, its abbreviations, and its spelling with variant syllables (``kỉ luật``).

    >>> "xem xét xử lí kỉ luật" in _forms("xem xét xử lý kỷ luật")
    True
    """
    forms = set(phrases_for(phrase))
    variants = _variants()
    for form in list(forms):
        spellings = [[form.split(" ")[0]]]
        for w in form.split(" ")[1:]:
            spellings.append([w])
        for options, w in zip(spellings, form.split(" ")):
            options.extend(variants.get(canonical(w).lower(), ()))
        combos = [""]
        for options in spellings:
            combos = [f"{c} {o}".strip() for c in combos for o in options]
        forms.update(combos)
    return tuple(sorted(forms))


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
        if row["role"] not in ("action", "trailing"):
            raise LexiconError(f"membership_actions.tsv: unknown role {row['role']!r}")
        kind = "membership" if row["role"] == "action" else "membership_trailing"
        for form in _forms(row["phrase"]):
            k = key(form)
            # a membership word listed as a "stop" of the discipline table is its membership reading
            if out.get(k, ("", ""))[0] not in ("", "stop"):
                raise LexiconError(f"membership_actions.tsv: {form!r} is already {out[k]}")
            out[k] = (kind, row["action"])
    return out


@lru_cache(maxsize=None)
def membership_requires() -> dict[str, str]:
    """``{key of a membership phrase: word that must follow its noun}``."""
    return {key(r["phrase"]): r["requires"] for r in load_table("membership_actions") if r["requires"]}


@lru_cache(maxsize=None)
def _token_forms() -> tuple[str, ...]:
    forms: list[str] = []
    for table, col in (
        ("discipline_bodies", "phrase"),
        ("discipline_actions", "phrase"),
        ("discipline_markers", "phrase"),
        ("membership_actions", "phrase"),
    ):
        for row in load_table(table):
            forms.extend(_forms(row[col]))
    return tuple(forms)


@lru_cache(maxsize=None)
def token_pattern() -> regex.Pattern:
    """One pattern for every phrase of the tables, longest first, whole words only."""
    return compile_pattern(rf"(?<!\w){alternation(_token_forms())}(?!\w)", FLAGS)


#: A word as the token pattern sees words (its ``\w``).
WORD = regex.compile(r"\w+", regex.VERSION1)
#: The same, kept by ``split``: text, word, text, word, …, text.
WORD_SPLIT = regex.compile(r"(\w+)", regex.VERSION1)


@lru_cache(maxsize=None)
def token_patterns_by_first_word() -> Optional[dict[str, regex.Pattern]]:
    """``{case-folded first word: pattern of the phrases starting with it}``.

    A phrase of :func:`token_pattern` can only start on one of these words, and
    there the small pattern gives the same match as the whole one (the same
    alternatives in the same order, less those that cannot match).  None when
    some phrase does not start with a word character.

    >>> by_word = token_patterns_by_first_word()
    >>> by_word["kiểm"].match("Kiểm tra, giám sát 3 chi bộ").group()
    'Kiểm tra, giám sát'
    """
    groups: dict[str, list[str]] = {}
    for form in _token_forms():
        m = WORD.match(canonical(form))
        if m is None:
            return None
        groups.setdefault(m.group().casefold(), []).append(form)
    return {w: compile_pattern(rf"(?<!\w){alternation(forms)}(?!\w)", FLAGS) for w, forms in groups.items()}


@lru_cache(maxsize=None)
def second_words_by_first_word() -> dict[str, Optional[frozenset[str]]]:
    """``{case-folded first word: case-folded second words of the phrases starting with it}``;
    None for a first word that is a phrase by itself.

    A phrase and the text it matches have the same words once case-folded, with only
    spaces and punctuation between them: where the word after a first word is none of
    its second words, no phrase of that first word matches.

    >>> "tra" in second_words_by_first_word()["kiểm"]
    True
    """
    out: dict[str, Optional[set[str]]] = {}
    for form in _token_forms():
        words = [w.casefold() for w in WORD.findall(canonical(form))]
        seconds = out.get(words[0], set())
        if seconds is None:
            continue
        if len(words) == 1:
            out[words[0]] = None
        else:
            seconds.add(words[1])
            out[words[0]] = seconds
    return {w: None if s is None else frozenset(s) for w, s in out.items()}


#: The key of a trie node under which the rank of the phrase ending there is kept.
END = ""


@lru_cache(maxsize=None)
def phrase_tries() -> dict[str, Optional[dict]]:
    """``{case-folded first word: trie of the phrases starting with it}``; None for a first
    word whose phrases are not all words and what stands between them.

    A node maps the case-folded next word to ``{pattern of what stands before it: node}``
    and :data:`END` to the rank of the phrase ending there in :func:`token_pattern`
    (longest first): where several phrases match, the pattern takes the first of them.

    >>> [END in node for node in phrase_tries()["kỷ"]["luật"].values()]
    [True]
    """
    out: dict[str, Optional[dict]] = {}
    for form in _token_forms():
        text = canonical(form)
        parts = WORD_SPLIT.split(text)  # "", word, between, word, …, ""
        first = parts[1].casefold()
        node = out.setdefault(first, {})
        if node is None:
            continue
        if parts[0] or parts[-1] or any(len(w.casefold()) != len(w) for w in parts[1::2]):
            out[first] = None
            continue
        for between, word in zip(parts[2::2], parts[3::2]):
            node = node.setdefault(word.casefold(), {}).setdefault(literal_pattern(between), {})
        rank = (-len(text), text)
        node[END] = min(node.get(END, rank), rank)
    return out


@lru_cache(maxsize=None)
def _form_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    forms = [f for f in _token_forms() if phrase_info(f)[0] == "form"]
    alt = alternation(forms)
    return compile_pattern(alt, FLAGS), compile_pattern(rf"{alt}\s*[:：]?\s*", FLAGS | regex.REVERSE)


def form_next_to(view: str, start: int, end: int, pos: int, stop: int) -> bool:
    """Whether a discipline form ends right before view offset ``start`` (past spaces and a
    colon) or starts right after ``end`` (past spaces), within view ``[pos, stop)``: where a
    form and a bare number make one line of a breakdown (``khiển trách: 2``, ``2 khiển trách``).

    >>> v = "kỷ luật 5 đảng viên (cảnh cáo: 2, 3 khiển trách)"
    >>> form_next_to(v, 31, 32, 0, 48), form_next_to(v, 34, 35, 0, 48), form_next_to(v, 8, 9, 0, 48)
    (True, True, False)
    """
    after, before = _form_patterns()
    while end < stop and view[end].isspace():
        end += 1
    return after.match(view, end, stop) is not None or before.match(view, pos, start) is not None


def phrase_info(text: str) -> Optional[tuple[str, str]]:
    """What a matched phrase is: ``(kind, value)``, or None if unknown."""
    return phrases().get(key(text))


@lru_cache(maxsize=None)
def _target_nouns() -> tuple[tuple[str, ...], dict[str, tuple[str, bool]]]:
    """The forms of the target nouns and ``{key: (target, generic)}``."""
    table: dict[str, tuple[str, bool]] = {}
    forms: list[str] = []
    for row in load_table("discipline_targets"):
        DisciplineTarget(row["target"])
        if row["generic"] not in ("yes", "no"):
            raise LexiconError(f"discipline_targets.tsv: generic must be yes/no, not {row['generic']!r}")
        for form in _forms(row["noun"]):
            table[key(form)] = (row["target"], row["generic"] == "yes")
            forms.append(form)
    return tuple(forms), table


@lru_cache(maxsize=None)
def _targets() -> tuple[regex.Pattern, dict[str, tuple[str, bool]]]:
    forms, table = _target_nouns()
    return compile_pattern(rf"\s*+(?:lượt\s++)?(?P<noun>{alternation(forms)})(?!\w)", FLAGS, anchored=True), table


@lru_cache(maxsize=None)
def _target_search() -> regex.Pattern:
    forms, _ = _target_nouns()
    return compile_pattern(rf"(?<!\w)(?P<noun>{alternation(forms)})(?!\w)", FLAGS)


def targets_in(view: str, start: int, end: int) -> list[tuple[int, int, str, bool]]:
    """Every target noun in view ``[start, end)``: ``(start, end, target, generic)``.

    >>> v = "Kiểm tra đảng viên khi có dấu hiệu vi phạm: 8"
    >>> targets_in(v, 8, 44)
    [(9, 18, 'member', False)]
    """
    _, table = _targets()
    return [(m.start(), m.end(), *table[key(m.group("noun"))]) for m in _target_search().finditer(view, start, end)]


def target_after(view: str, pos: int) -> Optional[tuple[int, str, bool]]:
    """The target noun right after view offset ``pos``: ``(end, target, generic)``."""
    pat, table = _targets()
    m = pat.match(view, pos)
    if not m:
        return None
    target, generic = table[key(m.group("noun"))]
    return m.end(), target, generic


def targets_after(view: str, positions: Iterable[int]) -> Iterator[Optional[tuple[int, str, bool]]]:
    """:func:`target_after` each of ``positions``, in order (one lookup of the pattern for all).

    >>> list(targets_after("5 ĐV và 3 chi bộ, 2 lần", (1, 9, 19)))
    [(4, 'member', False), (16, 'organization', False), None]
    """
    pat, table = _targets()
    match = pat.match
    for pos in positions:
        m = match(view, pos)
        yield None if m is None else (m.end(), *table[key(m.group("noun"))])


@lru_cache(maxsize=None)
def _member_noun_alternation() -> str:
    forms: list[str] = []
    for row in load_table("membership_nouns"):
        forms.extend(_forms(row["noun"]))
    return alternation(forms)


@lru_cache(maxsize=None)
def _member_nouns() -> regex.Pattern:
    return compile_pattern(rf"\s*+(?P<noun>{_member_noun_alternation()})(?!\w)", FLAGS, anchored=True)


@lru_cache(maxsize=None)
def _member_noun_label() -> regex.Pattern:
    return compile_pattern(rf"\s*+(?P<noun>{_member_noun_alternation()})(?!\w)\s*:\s*", FLAGS, anchored=True)


def member_noun_label(view: str, start: int, end: int) -> Optional[int]:
    """Start of the membership noun when ``[start, end)`` is that noun and a colon
    (``kết nạp| đảng viên mới: |243``), else None.

    >>> member_noun_label("kết nạp đảng viên mới: 243", 7, 23)
    8
    """
    m = _member_noun_label().fullmatch(view, start, end)
    return m.start("noun") if m else None


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


@lru_cache(maxsize=None)
def connectors(role: str) -> str:
    """An alternation of the connecting words of ``discipline_connectors.tsv`` with ``role``.

    >>> bool(regex.fullmatch(connectors("join"), "và"))
    True
    """
    words = [r["word"] for r in load_table("discipline_connectors") if r["role"] == role]
    if not words:
        raise LexiconError(f"discipline_connectors.tsv has no word with role {role!r}")
    return alternation(words)
