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

import re
from functools import lru_cache
from itertools import repeat
from typing import Iterable, Optional

import regex

from ..errors import LexiconError
from ..lexicon import FLAGS, alternation, cached_pattern, canonical, compile_pattern, load_table, phrases_for
from ..models import Body, DisciplineAction, DisciplineTarget, MembershipAction
from ..text import CASE_CHUNK

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


@lru_cache(maxsize=None)
def folded_token_pattern() -> Optional[re.Pattern]:
    """:func:`token_pattern` for case-folded text (``str.casefold``), compiled by :mod:`re`;
    None where that cannot be.

    Case-insensitive matching (simple folding) compares folded letters: where folding keeps
    the length of every character, the folded phrases match in the folded text where the
    phrases match in the text (folding changes no other character, nor whether a character
    is a word character), on the plain characters :func:`fold` asks for, where each letter of
    the tables is matched by those that fold as it does (:func:`_folds_alike`).  At a place,
    the text leaves one way through the branches of the alternation, and both patterns take
    the longest phrase on it.  :mod:`re` runs this one several times faster, and reads
    ``\\w`` and ``\\s`` as :mod:`regex` does on plain characters.

    >>> [m.span() for m in folded_token_pattern().finditer("ubkt đã khiển trách 2 đv")]
    [(0, 4), (8, 19)]
    """
    folded = _folded(_token_forms())
    return None if folded is None else _re_compile(rf"(?<!\w){alternation(folded)}(?!\w)")


def _folded(forms: Iterable[str]) -> Optional[list[str]]:
    """The case-folded ``forms``, or None when folding changes the length or the spelling of
    one, or reads one of its letters otherwise than :mod:`regex` does (:func:`_folds_alike`)."""
    out = []
    for form in forms:
        form = canonical(form)
        folded = form.casefold()
        if len(folded) != len(form) or canonical(folded) != folded or not all(map(_folds_alike, form)):
            return None
        out.append(folded)
    return out


def _re_compile(source: str) -> Optional[re.Pattern]:
    try:
        return re.compile(source)
    except re.error:
        return None


_RE_CLASSES = (re.compile(r"\w"), re.compile(r"\s"))
_REGEX_CLASSES = (regex.compile(r"\w", regex.VERSION1), regex.compile(r"\s", regex.VERSION1))
#: Ranges of the characters of Vietnamese texts: ASCII and Latin, Vietnamese letters, punctuation.
_COMMON = ((0, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070))


def _same_classes(c: str) -> bool:
    """Whether :mod:`re` and :mod:`regex` agree on ``c`` being a word character and a space."""
    return all((a.match(c) is None) == (b.match(c) is None) for a, b in zip(_RE_CLASSES, _REGEX_CLASSES))


@lru_cache(maxsize=None)
def _plain() -> frozenset[str]:
    """The characters of :data:`_COMMON` that fold into one character of it, both read alike
    by :mod:`re` and :mod:`regex` (they differ on a few: combining marks, some separators …)."""
    out = set()
    for low, high in _COMMON:
        for c in map(chr, range(low, high)):
            f = c.casefold()
            if len(f) == 1 and any(low2 <= ord(f) < high2 for low2, high2 in _COMMON) and _same_classes(c) and _same_classes(f):
                out.add(c)
    return frozenset(out)


@lru_cache(maxsize=None)
def _unfoldable() -> re.Pattern:
    """A character not :func:`_plain`, or whose lower case is not its case folding (``ſ``):
    a text without one is read by :func:`fold` as :func:`~bk_report.text.lowered` reads it
    (both map each of these characters alone; none of them is the capital sigma, the one
    character ``str.lower`` maps by context)."""
    keep = sorted(c for c in _plain() if c.lower() == c.casefold() and len(c.lower()) == 1)
    return re.compile(f"[^{re.escape(''.join(keep))}]")


@lru_cache(maxsize=None)
def _folds_alike(letter: str) -> bool:
    """Whether the plain characters that :mod:`regex` matches to ``letter`` ignoring case
    (simple folding) are those that fold as it does."""
    plain = "".join(sorted(_plain()))
    matched = {m.group() for m in compile_pattern(regex.escape(letter), FLAGS).finditer(plain)}
    return matched == {c for c in plain if c.casefold() == letter.casefold()}


#: A word as the token pattern sees words (its ``\w``).
WORD = regex.compile(r"\w+", regex.VERSION1)
@lru_cache(maxsize=None)
def phrase_words(kinds: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The case-folded words of the phrases of ``kinds`` (a kind, or ``kind:value``), as
    ``{longest word: (the other words of each phrase with it, …)}``.

    The tokenizer reads a phrase only where each of its words stands, case-folded, in the
    case-folded text: :func:`may_hold` tests that, without reading words.

    >>> [rest for rest in phrase_words(frozenset({"form"}))["khiển"] if "trách" in rest][:1]
    [('trách',)]
    """
    table = phrases()
    groups: dict[str, set[tuple[str, ...]]] = {}
    for form in _token_forms():
        kind, value = table[key(form)]
        if kind in kinds or f"{kind}:{value}" in kinds:
            words = sorted({w.casefold() for w in WORD.findall(canonical(form))}, key=lambda w: (-len(w), w))
            groups.setdefault(words[0], set()).add(tuple(words[1:]))
    return {w: tuple(sorted(rests)) for w, rests in sorted(groups.items())}


def folded_range(view: str, whole: Optional[str], start: int, end: int) -> Optional[str]:
    """View ``[start, end)`` case-folded: a slice of ``whole`` (the view folded) when at hand,
    else folded here (:func:`fold`); None where folding cannot stand for the view.

    >>> folded_range("Kỷ Luật 3 ĐV", None, 0, 7), folded_range("Kỷ Luật 3 ĐV", "kỷ luật 3 đv", 8, 12)
    ('kỷ luật', '3 đv')
    """
    return whole[start:end] if whole is not None else fold(view[start:end])


def may_hold(folded: str, words: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """Whether the case-folded text ``folded`` may hold a phrase of ``words`` (:func:`phrase_words`):
    False when, for each of them, some word is nowhere in it.

    >>> may_hold("đã khiển trách 2 đảng viên", phrase_words(frozenset({"form"})))
    True
    >>> may_hold("đã kiểm tra 2 đảng viên", phrase_words(frozenset({"form"})))
    False
    """
    for word, rests in words.items():
        if word in folded:
            for rest in rests:
                for w in rest:
                    if w not in folded:
                        break
                else:
                    return True
    return False


@lru_cache(maxsize=None)
def _form_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    forms = [f for f in _token_forms() if phrase_info(f)[0] == "form"]
    alt = alternation(forms)
    return compile_pattern(alt, FLAGS), compile_pattern(rf"{alt}\s*[:：]?\s*", FLAGS | regex.REVERSE)


def form_next_to(view: str, start: int, end: int, pos: int, stop: int, folded: Optional[str] = None) -> bool:
    """Whether a discipline form ends right before view offset ``start`` (past spaces and a
    colon) or starts right after ``end`` (past spaces), within view ``[pos, stop)``: where a
    form and a bare number make one line of a breakdown (``khiển trách: 2``, ``2 khiển trách``).
    ``folded``: the view case-folded, when :func:`fold` gives it; then a pattern is tried only
    where the text next to the number is a word a form starts or ends with (:func:`_form_ends`).

    >>> v = "kỷ luật 5 đảng viên (cảnh cáo: 2, 3 khiển trách)"
    >>> form_next_to(v, 31, 32, 0, 48), form_next_to(v, 34, 35, 0, 48), form_next_to(v, 8, 9, 0, 48)
    (True, True, False)
    >>> [form_next_to(v, *args, fold(v)) for args in ((31, 32, 0, 48), (34, 35, 0, 48), (8, 9, 0, 48))]
    [True, True, False]
    """
    after, before = _form_patterns()
    while end < stop and view[end].isspace():
        end += 1
    ends = _form_ends() if folded is not None else None
    if ends is None:
        return after.match(view, end, stop) is not None or before.match(view, pos, start) is not None
    firsts, lasts = ends
    if folded.startswith(firsts, end, stop) and after.match(view, end, stop) is not None:
        return True
    # what the pattern read backwards passes before the form: spaces, a colon, spaces
    p = start
    while p > pos and folded[p - 1].isspace():
        p -= 1
    if p > pos and folded[p - 1] in ":：":
        p -= 1
    while p > pos and folded[p - 1].isspace():
        p -= 1
    return folded.endswith(lasts, pos, p) and before.match(view, pos, start) is not None


@lru_cache(maxsize=None)
def _form_ends() -> Optional[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The first and the last words of the case-folded forms (what stands before their first
    and after their last space or dash: the pattern reads those letter for letter), or None
    when one of them starts or ends with a space, a dash or a colon (what the patterns read
    more loosely)."""
    folded = _folded(f for f in _token_forms() if phrase_info(f)[0] == "form")
    if folded is None or any(not f or f[0] in _LOOSE or f[-1] in _LOOSE or f[0].isspace() or f[-1].isspace() for f in folded):
        return None
    words = [_BETWEEN_WORDS.split(f) for f in folded]
    return tuple(sorted({w[0] for w in words})), tuple(sorted({w[-1] for w in words}))


#: Characters a form's pattern reads as more than themselves, or that the number's side passes.
_LOOSE = frozenset("-–—:：")
#: What the pattern of a phrase reads loosely inside it: its spaces and dashes (:func:`~bk_report.lexicon.alternation`).
_BETWEEN_WORDS = re.compile(r"[\s\-–—]+")


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


#: The word a count of times puts before its target noun (``3 lượt đảng viên``).
_TIMES = "lượt"


@lru_cache(maxsize=None)
def _targets() -> tuple[regex.Pattern, dict[str, tuple[str, bool]]]:
    forms, table = _target_nouns()
    return compile_pattern(rf"\s*+(?:{_TIMES}\s++)?(?P<noun>{alternation(forms)})(?!\w)", FLAGS, anchored=True), table


@lru_cache(maxsize=None)
def _folded_targets() -> Optional[re.Pattern]:
    """The pattern of :func:`_targets` for case-folded text (see :func:`folded_token_pattern`)."""
    folded = _folded(_target_nouns()[0] + (_TIMES,))
    if folded is None:
        return None
    *nouns, times = folded
    return _re_compile(rf"\s*+(?:{times}\s++)?(?P<noun>{alternation(nouns)})(?!\w)")


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


def target_after(view: str, pos: int, folded: Optional[str] = None) -> Optional[tuple[int, str, bool]]:
    """The target noun right after view offset ``pos``: ``(end, target, generic)``.  ``folded``:
    the view case-folded, when :func:`fold` gives it."""
    return targets_after(view, (pos,), folded)[0]


def targets_after(view: str, positions: Iterable[int], folded: Optional[str] = None) -> list[Optional[tuple[int, str, bool]]]:
    """:func:`target_after` each of ``positions``, in order (one lookup of the pattern for all).

    >>> v = "5 ĐV và 3 chi bộ, 2 lần"
    >>> targets_after(v, (1, 9, 19)) == targets_after(v, (1, 9, 19), fold(v))
    True
    >>> targets_after(v, (1, 9, 19))
    [(4, 'member', False), (16, 'organization', False), None]
    """
    pat, table = _targets()
    fast = _folded_targets() if folded is not None else None
    if fast is not None:
        # the folded view has the offsets of the view: the noun is read in the view
        return [None if m is None else (m.end(), *table[key(view[m.start("noun") : m.end("noun")])])
                for m in map(fast.match, repeat(folded), positions)]
    return [None if m is None else (m.end(), *table[key(m.group("noun"))]) for m in map(pat.match, repeat(view), positions)]


def fold(view: str) -> Optional[str]:
    """The view case-folded, in which the folded patterns (:func:`folded_token_pattern`) read
    what the patterns read in the view; None when they cannot: a character that is not plain
    (:func:`_plain`: one that folding makes several, or on which :mod:`re` and :mod:`regex`
    disagree, or of another script), or one whose lower case is not its folding
    (:func:`_unfoldable`).  It is lower-cased in pieces to spare memory, as
    :func:`~bk_report.text.lowered` does.

    >>> fold("UBKT Huyện ủy"), fold("Straße"), fold("e\u0301")
    ('ubkt huyện ủy', None, None)
    """
    if _unfoldable().search(view) is not None:
        return None
    # every character lowers as it folds, one for one: that is ``text.lowered`` without its checks
    return "".join([view[i : i + CASE_CHUNK].lower() for i in range(0, len(view), CASE_CHUNK)])


@lru_cache(maxsize=None)
def _member_noun_forms() -> tuple[str, ...]:
    forms: list[str] = []
    for row in load_table("membership_nouns"):
        forms.extend(_forms(row["noun"]))
    return tuple(forms)


@lru_cache(maxsize=None)
def _member_noun_alternation() -> str:
    return alternation(_member_noun_forms())


@lru_cache(maxsize=None)
def _folded_member_nouns() -> Optional[re.Pattern]:
    """The pattern of :func:`_member_nouns` for case-folded text (see :func:`folded_token_pattern`)."""
    folded = _folded(_member_noun_forms())
    return None if folded is None else _re_compile(rf"\s*+(?P<noun>{alternation(folded)})(?!\w)")


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


def member_noun_after(view: str, pos: int, folded: Optional[str] = None) -> Optional[int]:
    """End of the membership noun right after ``pos`` (``đảng viên mới``), or None.  ``folded``:
    the view case-folded, when :func:`fold` gives it.

    >>> member_noun_after("kết nạp 41 Đảng viên mới", 10), member_noun_after("41 ĐV", 2, fold("41 ĐV"))
    (24, 5)
    """
    fast = _folded_member_nouns() if folded is not None else None
    m = fast.match(folded, pos) if fast is not None else _member_nouns().match(view, pos)
    return m.end() if m else None


def member_nouns_after(view: str, positions: Iterable[int], folded: Optional[str] = None) -> list[Optional[int]]:
    """:func:`member_noun_after` each of ``positions``, in order.

    >>> member_nouns_after("kết nạp 41 Đảng viên mới, 2 ĐV", (10, 27)), member_nouns_after("41 ĐV", (2,), fold("41 ĐV"))
    ([24, 30], [5])
    """
    fast = _folded_member_nouns() if folded is not None else None
    found = map(fast.match, repeat(folded), positions) if fast is not None else map(_member_nouns().match, repeat(view), positions)
    return [None if m is None else m.end() for m in found]


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


@lru_cache(maxsize=None)
def folded_connectors(role: str) -> Optional[tuple[str, ...]]:
    """The words of :func:`connectors` ``role``, case-folded (see :func:`folded_token_pattern`):
    in a text that :func:`fold` reads, the pattern of ``role`` matches only where one of them
    stands in the folded text.  None where folding cannot stand for the pattern.

    >>> folded_connectors("person")
    ('viên',)
    """
    folded = _folded(r["word"] for r in load_table("discipline_connectors") if r["role"] == role)
    return None if not folded else tuple(folded)
