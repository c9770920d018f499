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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import regex

from ..errors import LexiconError
from ..lexicon import alternation, backwards, cached_pattern, canonical, compile_pattern, literal_pattern, load_table, phrases_for
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


@lru_cache(maxsize=None)
def _class_pattern(letters: str) -> str:
    """A character class for ``letters`` under IGNORECASE, in ranges where it can be.

    The upper-case forms of the letters join the class (IGNORECASE matches them
    anyway), so that runs of letters become ranges: ``[aÀ-Ãà-ãăẠ-ặ]`` matches what
    the 18 letters of ``a`` do, and compiles several times faster.

    >>> _class_pattern(_letter_classes()["a"])
    '[aÀ-Ãà-ãăẠ-ặ]'
    """
    chars = set(letters)
    chars |= {v for c in letters for v in (c.upper(), c.lower()) if len(v) == 1}
    codes = sorted(ord(c) for c in chars)
    out = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{regex.escape(chr(codes[i]))}-{regex.escape(chr(codes[j]))}")
        else:
            out.extend(regex.escape(chr(c)) for c in codes[i : j + 1] if chr(c) in letters)
        i = j + 1
    return "[" + "".join(out) + "]"


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
    from a word of four letters or more (for patterns compiled with IGNORECASE).

    >>> import regex
    >>> [bool(regex.fullmatch(tolerant_word("tiếp"), w, regex.IGNORECASE)) for w in ("tiếp", "tếp", "tiep", "tip", "tiết")]
    [True, True, True, True, False]
    """
    letters = list(canonical(word).lower())
    bases = [_base(c) for c in letters]
    classes = _letter_classes()
    parts = [_class_pattern(classes[b]) if b in classes else regex.escape(c) for c, b in zip(letters, bases)]
    alts = ["".join(parts)]
    if len(letters) < 4:
        return alts[0]  # short words lose no letter: ``đại`` is not ``đi`` (``đi biểu tình``)
    for i in _droppable(bases):
        alts.append("".join(parts[:i] + parts[i + 1 :]))  # ``tếp`` for ``tiếp``
    return "(?:" + "|".join(dict.fromkeys(alts)) + ")"


def _droppable(bases: list[str]) -> list[int]:
    """Where a word (its letters' :func:`_base`) may lose a letter (:func:`tolerant_word`): a
    vowel of a cluster, in a word of four letters or more."""
    if len(bases) < 4:
        return []
    return [
        i
        for i, b in enumerate(bases)
        if b in _VOWELS and ((i > 0 and bases[i - 1] in _VOWELS) or (i + 1 < len(bases) and bases[i + 1] in _VOWELS))
    ]


@lru_cache(maxsize=None)
def tolerant_pattern(phrase: str, table: str = SPELLING) -> str:
    """A pattern for ``phrase`` whose key phrases (those of ``table``) match loosely."""
    return "".join(_tolerant_parts(phrase, table))


#: the pattern between two words of a phrase
_GAP = r"\s+"
#: A word or a sign of a phrase, as its pattern reads them one by one.
_TOKEN = r"\w+|[^\w\s]"


@lru_cache(maxsize=None)
def _tolerant_parts(phrase: str, table: str) -> tuple[str, ...]:
    """The pieces of :func:`tolerant_pattern`, one per token (with the space before it)."""
    tokens = list(cached_pattern(_TOKEN).finditer(canonical(phrase)))
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
        sep = ""
        if k:
            gap = tok.start() > tokens[k - 1].end()
            if not dash and tokens[k - 1].group() not in "-–—":
                sep = _GAP if gap else ""
        out.append(sep + (tolerant_word(text) if loose[k] else literal_pattern(text)))
    return tuple(out)


def tolerant_alternation(phrases: Iterable[str], table: str = SPELLING) -> str:
    """As :func:`lexicon.alternation`, with the key phrases of each phrase matched loosely.

    Phrases that begin alike share their first letters (:func:`_by_first_letter`).

    >>> print(tolerant_alternation(["ban chấp hành", "quốc hội", "ban thường vụ"]))
    (?:ban\\s+(?:chấp\\s+hành|thường\\s+vụ)|quốc\\s+hội)
    """
    uniq = sorted({canonical(p) for p in phrases if p}, key=lambda p: (-len(p), p))
    if not uniq:
        return "(?!)"
    return "(?:" + "|".join(_by_first_letter([(p, tolerant_pattern(p, table)) for p in uniq])) + ")"


def _first_atom(pattern: str) -> Optional[str]:
    """The one-character item ``pattern`` begins with (a letter or a class of letters), or None."""
    if pattern.startswith("["):
        end = pattern.find("]")
        return pattern[: end + 1] if end > 1 and "\\" not in pattern[:end] else None
    return pattern[0] if pattern[:1].isalpha() else None


@lru_cache(maxsize=4096)
def letter_key(ch: str) -> str:
    """What all spellings of a letter share, whatever their case and marks (``Ử`` → ``u``, ``y`` → ``i``).

    Characters that match each other under IGNORECASE have the same key (``ı`` matches ``I``).
    """
    key = "".join(_base(c) for c in ch.casefold())
    return "i" if key in ("y", "ı") else key


def _first_keys(phrase: str, pattern: str) -> set[str]:
    """:func:`letter_key` of each letter a match of ``pattern`` (that of ``phrase``) may begin
    with: the first letter or, where the first word has variants (a cluster vowel dropped,
    :func:`tolerant_word`), the second too."""
    first = cached_pattern(_TOKEN).match(canonical(phrase))
    word = first.group() if first else phrase
    return {letter_key(c) for c in word[: 1 if _first_atom(pattern) else 2]}


def _by_first_letter(alternatives: list[tuple[str, str]]) -> list[str]:
    """The branches of a flat alternation of ``(phrase, pattern)``, those that begin with the
    same letters sharing them: ``ban\\s+(?:chấp…|thường…)`` for ``ban\\s+chấp…|ban\\s+thường…``,
    far faster to search (the engine tries one branch per letter, not every phrase).

    A branch moves ahead only of branches that cannot match where it does (they begin
    with other letters, :func:`_first_keys`), so the first branch that matches at a
    position is the flat alternation's, and so is the match.  A letter matches one
    character whatever follows, so sharing it changes nothing else (:func:`_factored`).
    """
    return _factored([(pattern, _first_keys(phrase, pattern)) for phrase, pattern in alternatives])


def _factored(branches: list[tuple[str, Optional[set[str]]]]) -> list[str]:
    """:func:`_by_first_letter` of ``(pattern, keys of its first letter or None: any)``,
    sharing letters and gaps (``\\s+``) recursively."""
    groups: list[tuple[Optional[str], list[str], Optional[set[str]]]] = []  # (letter, rests, first letters)
    for pattern, keys in branches:
        atom = _GAP if pattern.startswith(_GAP) else _first_atom(pattern)
        at = next((i for i, g in enumerate(groups) if atom is not None and g[0] == atom), None)
        if at is not None and keys is not None and not any(g[2] is None or keys & g[2] for g in groups[at + 1 :]):
            groups[at][1].append(pattern[len(atom) :])
            groups[at][2].update(keys)
        else:
            groups.append((atom, [pattern[len(atom) :] if atom else pattern], None if keys is None else set(keys)))
    out = []
    for atom, rests, _ in groups:
        if atom is None:
            out.append(rests[0])
        elif len(rests) == 1:
            out.append(atom + rests[0])
        elif atom == _GAP:
            # a gap is shared by runs of branches that go on with a letter (no space: the
            # gap gives back none to them), not by others
            run: list[str] = []
            for rest in [*rests, None]:
                if rest is not None and _first_atom(rest):
                    run.append(rest)
                    continue
                if run:
                    inner = _factored([(r, _atom_keys(_first_atom(r))) for r in run])
                    out.append(atom + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"))
                    run = []
                if rest is not None:
                    out.append(atom + rest)
        else:
            inner = _factored([(rest, _atom_keys(_GAP if rest.startswith(_GAP) else _first_atom(rest))) for rest in rests])
            out.append(atom + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"))
    return out


def _atom_keys(atom: Optional[str]) -> Optional[set[str]]:
    """:func:`letter_key` of what a :func:`_first_atom` matches (None: not known, anything)."""
    if atom is None:
        return None
    if atom == _GAP:
        return {" "}  # (only a letter follows a gap in a phrase, so a shared gap gives back no space)
    keys = {letter_key(c) for c in atom.strip("[]").replace("-", "")}
    return keys if len(keys) == 1 else None


def tolerant_heads(phrases: Iterable[str], table: str = SPELLING) -> str:
    """The first words of :func:`tolerant_alternation`: it matches wherever that does.

    Far cheaper to search for than the whole alternation, it tells where to try that.

    >>> pat = compile_pattern(tolerant_heads(["tiếp xúc cử tri", "giám sát"]), regex.IGNORECASE)
    >>> [m.group() for m in pat.finditer("tếp dân; giam sát")]
    ['tếp', 'giam']
    """
    heads = {(_tolerant_parts(canonical(p), table) or ("",))[0] for p in phrases if p}
    if not heads:
        return "(?!)"
    return "(?:" + "|".join(sorted(heads, key=lambda h: (-len(h), h))) + ")"


def tolerant_tails(phrases: Iterable[str], table: str = SPELLING) -> str:
    """The last words of :func:`tolerant_alternation`: every match of that ends with one.

    Matched backwards where a count starts, it tells cheaply where no phrase ends.

    >>> pat = compile_pattern(tolerant_tails(["tiếp xúc cử tri", "giám sát"]), regex.IGNORECASE)
    >>> [m.group() for m in pat.finditer("cư tri; giam sat")]
    ['tri', 'sat']
    """
    tails = set()
    for p in phrases:
        if p:
            last = (_tolerant_parts(canonical(p), table) or ("",))[-1]
            tails.add(last[len(_GAP) :] if last.startswith(_GAP) else last)
    if not tails:
        return "(?!)"
    return "(?:" + "|".join(sorted(tails, key=lambda t: (-len(t), t))) + ")"


def _without_a_letter(word: str, keys: list[str]) -> Iterator[list[str]]:
    """``keys`` (the :func:`letter_key` of each letter of ``word``) with one letter dropped,
    as :func:`tolerant_word` may drop it."""
    for i in _droppable([_base(c) for c in canonical(word).lower()]):
        yield keys[:i] + keys[i + 1 :]


def head_pairs(phrases: Iterable[str], table: str = SPELLING) -> tuple[frozenset, frozenset]:
    """``(pairs, singles)``: the :func:`letter_key` of the first two characters a match of
    :func:`tolerant_alternation` may begin with, and those of the phrases whose first word is one
    character (``ý kiến``), whatever follows it.

    >>> pairs, singles = head_pairs(["tiếp xúc cử tri", "ý kiến"])
    >>> sorted(pairs), sorted(singles)
    ([('t', 'e'), ('t', 'i')], ['i'])
    """
    pairs, singles = set(), set()
    for p in phrases:
        if not p:
            continue
        word = cached_pattern(_TOKEN).match(canonical(p)).group()
        if len(word) == 1:
            singles.add(letter_key(word))
            continue
        keys = [letter_key(c) for c in word]
        pairs.add((keys[0], keys[1]))
        if _tolerant_parts(canonical(p), table)[0] != literal_pattern(word):
            # a word matched loosely may lose a letter (:func:`tolerant_word`)
            for loose in _without_a_letter(word, keys):
                pairs.add(tuple(loose[:2]))
    return frozenset(pairs), frozenset(singles)


def tolerant_lookup(text: str, phrases: dict[str, str], table: str = SPELLING) -> Optional[str]:
    """The key of ``phrases`` (canonical lower-case) that ``text`` spells, or None.

    The exact spelling wins; a misspelt one gives the longest phrase it matches.
    """
    key = canonical(cached_pattern(r"\s+").sub(" ", text)).lower().strip()
    if key in phrases:
        return key
    text = text.strip()
    for phrase in _longest_first(tuple(phrases)):
        if _compiled(phrase, table).fullmatch(text):
            return phrase
    return None


@lru_cache(maxsize=None)
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


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


@dataclass(frozen=True)
class EndKeys:
    """What the text a pattern anchored at the end (``…\\s*$``) matches may end with, before
    its final spaces: three characters whose :func:`letter_key` are one of ``triples``, two
    of ``pairs`` (a phrase that ends with a two-letter word), one of ``singles`` (one that ends
    with a one-character word, ``(``) or, ``year``, a year (:func:`earlier_value_pattern`).

    A pre-test, far cheaper than the match it spares: where it fails, so does the pattern.
    (``str.rstrip`` strips every character ``\\s`` matches, and a few more, so the character
    it leaves last is the last one before the pattern's spaces, or a space the pattern
    does not end with.)

    >>> keys = end_keys(["năm {year} là", "cùng kỳ năm {year}", "tăng"])
    >>> keys.may_end("năm 2014 LÀ  "), keys.may_end("năm 2014 "), keys.may_end("tang "), keys.may_end("đạt "), keys.may_end("lá")
    (True, True, True, False, True)
    >>> keys.may_end("trong ")
    False
    """

    triples: frozenset
    pairs: frozenset = frozenset()
    singles: frozenset = frozenset()
    year: bool = False
    lasts: frozenset = field(init=False)  # the last key of each triple, pair and single

    def __post_init__(self) -> None:
        lasts = {t[-1] for t in self.triples} | {p[-1] for p in self.pairs} | set(self.singles)
        object.__setattr__(self, "lasts", frozenset(lasts))

    def may_end(self, text: str) -> bool:
        return self.may_end_in(text, 0, len(text))

    def may_end_in(self, view: str, lo: int, hi: int) -> bool:
        """:meth:`may_end` of ``view[lo:hi]``, read in place."""
        while hi > lo and view[hi - 1].isspace():
            hi -= 1
        if hi <= lo:
            return False
        c = view[hi - 1]
        key = letter_key(c)
        if key in self.lasts:  # (most characters end no phrase: one look tells)
            if key in self.singles:
                return True
            if hi - 1 > lo:
                key2 = letter_key(view[hi - 2])
                if (key2, key) in self.pairs or (hi - 2 > lo and (letter_key(view[hi - 3]), key2, key) in self.triples):
                    return True
        # (``(?:19|20)\\d\\d``)
        return self.year and hi - 4 >= lo and view[hi - 4 : hi - 2] in ("19", "20") and view[hi - 2].isdigit() and c.isdigit()


def end_keys(phrases: Iterable[str], table: Optional[str] = SPELLING) -> Optional[EndKeys]:
    """:class:`EndKeys` of a pattern whose matches end with one of ``phrases`` and spaces: their
    :func:`earlier_value_pattern` or :func:`tolerant_alternation` with the key phrases of
    ``table``, or (``table`` None) their plain :func:`lexicon.alternation`.  None where a phrase
    may end with spaces (a dash)."""
    triples, pairs, singles, year = set(), set(), set(), False
    for p in phrases:
        p = p.split(_YEAR_SLOT)[-1].strip()  # (as :func:`earlier_value_pattern` cuts it)
        if not p:
            year = True
            continue
        tokens = cached_pattern(_TOKEN).findall(canonical(p))
        last = tokens[-1]
        if last in "-–—":
            return None
        if len(last) == 1:
            singles.add(letter_key(last))
            continue
        keys = [letter_key(c) for c in last]
        if len(last) == 2:
            pairs.add(tuple(keys))  # (short words lose no letter)
            continue
        triples.add(tuple(keys[-3:]))
        last_part = _tolerant_parts(canonical(p), table)[-1] if table else ""
        if last_part.endswith(tolerant_word(last)) and last_part != literal_pattern(last):
            # a word matched loosely may lose a letter (:func:`tolerant_word`)
            for loose in _without_a_letter(last, keys):
                triples.add(tuple(loose[-3:]))
    return EndKeys(frozenset(triples), frozenset(pairs), frozenset(singles), year)


def search_at_end(pattern: regex.Pattern, text: str, keys: Optional[EndKeys] = None) -> Optional[regex.Match]:
    """``pattern.search(text)`` for a pattern anchored at the end (``…\\s*$``).

    Searched forwards, the pattern is tried at every position of ``text``; matched
    backwards from the end (a reverse ``match`` is anchored there), it is tried once.
    So the backward match tells cheaply whether there is a match, and the forward
    search (whose leftmost match the callers read) runs only when there is.  (A match
    that ends before a final line break is found from the end too: ``\\s`` takes it.)

    ``keys``: the :func:`end_keys` of the pattern, tried first.

    >>> search_at_end(earlier_value_pattern(["năm {year} là"]), "nhận 64 đơn, năm 2014 là ").group("year")
    '2014'
    """
    if keys is not None and not keys.may_end(text):
        return None
    if not _ends_with(pattern, text):
        return None
    return pattern.search(text)


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


@lru_cache(maxsize=None)
def _marker_words() -> tuple[str, ...]:
    """The last word of each object marker (:func:`_object_marker`), case-folded."""
    return tuple(sorted({canonical(r["word"]).split()[-1].casefold() for r in load_table("council_object_markers")}))


def _may_end_with_marker(text: str) -> bool:
    """False where :func:`_object_marker` cannot match at the end of ``text``: the last word of
    a marker is not in it after its last ``,;.:`` (none of which the words after a marker
    hold), in any case.  Far cheaper than the match.

    (A character that matches a letter of a marker under IGNORECASE case-folds to it, but
    for a dot above, dropped: ``İ`` folds to ``i̇``.)

    >>> _may_end_with_marker("phối hợp VỚI Ban "), _may_end_with_marker("với UBND, tổ chức ")
    (True, False)
    """
    cut = max(text.rfind(","), text.rfind(";"), text.rfind("."), text.rfind(":"))
    folded = text[cut + 1 :].casefold()
    if "\u0307" in folded:
        folded = folded.replace("\u0307", "")
    for word in _marker_words():
        if word in folded:
            return True
    return False


@lru_cache(maxsize=4096)
def _kind_of(text: str) -> str:
    _, kinds = _bodies()
    key = tolerant_lookup(text, kinds)
    return kinds[key] if key is not None else "council"


#: characters that may bound a search for phrases (:func:`restart_pattern`)
_STOPS = "0123456789.,;:!?()"


def _stop_class(phrases: Iterable[str]) -> str:
    """A character class of the stops of :data:`_STOPS` that none of ``phrases`` holds, or ``(?!)``."""
    stops = _stops_of(phrases)
    return f"[{regex.escape(stops)}]" if stops else "(?!)"


def _stops_of(phrases: Iterable[str]) -> str:
    """The stops of :data:`_STOPS` that none of ``phrases`` holds."""
    held = set("".join(phrases))
    return "".join(c for c in _STOPS if c not in held)


def restart_pattern(phrases: Iterable[str]) -> regex.Pattern:
    """The last stop before a position (a reverse search).

    A stop is a character of :data:`_STOPS` that none of ``phrases`` holds: no
    match of them spans it, so a search restarted right after it finds the
    matches a search of the whole text finds from there.
    """
    stops = _stop_class(phrases)
    return compile_pattern(f"(?r){stops}" if stops != "(?!)" else stops)


@lru_cache(maxsize=None)
def _body_phrases() -> tuple[str, ...]:
    """The body and voter phrases, whose stops bound the stretches read for bodies."""
    _, kinds = _bodies()
    return (*kinds, *_voter_phrases())


@lru_cache(maxsize=None)
def _restart() -> regex.Pattern:
    """:func:`restart_pattern` of the body and voter phrases."""
    return restart_pattern(_body_phrases())


@lru_cache(maxsize=None)
def _next_stop() -> regex.Pattern:
    """The first stop at or after a position: :func:`_restart`, searched forwards."""
    return compile_pattern(_stop_class(_body_phrases()))


@lru_cache(maxsize=None)
def _stop_chars() -> frozenset[str]:
    """The characters :func:`_next_stop` matches."""
    return frozenset(_stops_of(_body_phrases()))


@dataclass
class _Index:
    """The body and voter mentions of a document (kept in ``ctx.scratch``).

    They are found paragraph by paragraph, near a count and back from it as far as it
    asks, and a body described, on first need: few paragraphs of a text hold a council count.
    """

    bodies: dict = field(default_factory=dict)  # paragraph start -> :class:`_Reads`
    voters: dict = field(default_factory=dict)  # paragraph start -> start of its first voter mention, or -1
    described: dict = field(default_factory=dict)  # body start -> (kind, is object or partner)
    stops: Optional[list] = None  # where sentences end (:func:`_sentence_bounds`)
    hdnd: dict = field(default_factory=dict)  # sentence start -> whether it names the HĐND


#: the key of the document's :class:`_Index` in ``ctx.scratch``
_SCRATCH = "council.context"


def forget(ctx: Context) -> None:
    """Drop the body and voter mentions kept for the document (:func:`actor_kind` finds them again)."""
    ctx.scratch.pop(_SCRATCH, None)


def _index(ctx: Context) -> _Index:
    found = ctx.scratch.get(_SCRATCH)
    if found is not None and found[0] is ctx.doc:
        return found[1]
    index = _Index()
    ctx.scratch[_SCRATCH] = (ctx.doc, index)
    return index


def _stretch_start(view: str, pos: int) -> int:
    """Where the stretch between two stops (:func:`_restart`) that holds ``pos`` starts."""
    before = _restart().search(view, 0, pos)
    return before.end() if before else 0


def _stretch_end(view: str, pos: int) -> int:
    """The first stop at or after ``pos`` (the end of the stretch that holds it), or the view's end."""
    if pos >= 0:
        stops = _stop_chars()
        for at in (pos, pos + 1):  # (a count is asked about right before it: a digit is a stop)
            if at < len(view) and view[at] in stops:
                return at
    after = _next_stop().search(view, pos)
    return after.start() if after else len(view)


def _spans(view: str, pattern: regex.Pattern, start: int, stop: int) -> list[tuple[int, int]]:
    """The spans of the matches of ``pattern.finditer(view)`` from stretch start ``start`` to stop ``stop``.

    No match spans a stop, so these are the matches that a search of the whole view
    finds there; the stop itself is read, for the ``(?!\\w)`` after a match.
    """
    return [m.span() for m in pattern.finditer(view, start, min(stop + 1, len(view)))]


#: how far back from a count the bodies are first read (then further, :func:`_read_back`)
_BACK = 150


@dataclass
class _Read:
    """The body mentions of view ``[lo, hi)``, in text order.

    ``lo`` starts a stretch and ``hi`` is a stop (:func:`_stretch_start`), so that
    they are the mentions a search of the whole view finds there.
    """

    lo: int
    hi: int
    spans: list  # (start, end)
    ends: list


@dataclass
class _Reads:
    """The parts of a paragraph read so far (:class:`_Read`), apart (two stops at least between
    them: those that touch are joined) and in text order."""

    los: list = field(default_factory=list)  # where each starts
    parts: list = field(default_factory=list)


def _part(view: str, reads: _Reads, para: int, q: int) -> int:
    """The index of the part of ``reads`` that holds view offset ``q``, read if need be: from
    :data:`_BACK` before ``q`` (not before the paragraph start ``para``, nor into another part)."""
    k = bisect.bisect_right(reads.los, q) - 1
    if k >= 0 and q <= reads.parts[k].hi:
        return k
    lo = _stretch_start(view, max(para, q - _BACK))
    if k >= 0:
        lo = max(lo, reads.parts[k].hi + 1)
    hi = _stretch_end(view, q)
    spans = _spans(view, _bodies()[0], lo, hi)
    k += 1
    reads.los.insert(k, lo)
    reads.parts.insert(k, _Read(lo, hi, spans, [e for _, e in spans]))
    if k + 1 < len(reads.parts) and hi + 1 == reads.los[k + 1]:
        _join(reads, k)
    if k > 0 and reads.parts[k - 1].hi + 1 == lo:
        k -= 1
        _join(reads, k)
    return k


def _join(reads: _Reads, k: int) -> None:
    """Join part ``k + 1`` of ``reads`` to part ``k`` (only a stop is between them)."""
    a, b = reads.parts[k], reads.parts[k + 1]
    a.spans.extend(b.spans)
    a.ends.extend(b.ends)
    a.hi = b.hi
    del reads.parts[k + 1], reads.los[k + 1]


def _read_back(view: str, reads: _Reads, k: int, para: int) -> tuple[int, int]:
    """Read part ``k`` of ``reads`` further back towards the paragraph start ``para`` (it starts
    after it): ``(its index, how many mentions it has before where it started)``.

    Each step reads as far back as the part reaches (at least :data:`_BACK`), so that a
    long paragraph is read back in few steps; a part it reaches is joined.
    """
    part = reads.parts[k]
    lo = _stretch_start(view, max(para, part.lo - max(_BACK, part.hi - part.lo)))
    if k > 0:
        lo = max(lo, reads.parts[k - 1].hi + 1)
    more = _spans(view, _bodies()[0], lo, part.lo - 1)
    part.spans[:0] = more
    part.ends[:0] = [e for _, e in more]
    part.lo = reads.los[k] = lo
    found = len(more)
    if k > 0 and reads.parts[k - 1].hi + 1 == lo:
        found += len(reads.parts[k - 1].spans)
        k -= 1
        _join(reads, k)
    return k, found


def _first_voters(ctx: Context, index: _Index, start: int) -> int:
    """Where the first voter mention of the paragraph at ``start`` begins (as a search of the
    whole view finds it: read from the last stop before the paragraph), or -1.  The paragraph
    is read only up to it."""
    found = index.voters.get(start)
    if found is None:
        view = ctx.view
        end = view.find("\n", start)
        end = len(view) if end < 0 else end
        found = -1
        for m in _voters().finditer(view, _stretch_start(view, start), min(_stretch_end(view, end) + 1, len(view))):
            s = m.start()
            if s >= end:
                break
            if s >= start:
                found = s
                break
        index.voters[start] = found
    return found


def _ends_with(pattern: regex.Pattern, text: str) -> bool:
    """Whether ``pattern``, anchored at the end (``…\\s+$``), matches in ``text`` (:func:`search_at_end`)."""
    return backwards(pattern).match(text) is not None


def _described(ctx: Context, index: _Index, start: int, end: int, para: int) -> tuple[str, bool]:
    """``(kind, is object or partner)`` of the body named at ``[start, end)`` in the paragraph at ``para``."""
    found = index.described.get(start)
    if found is None:
        view = ctx.view
        # (the marker ends with spaces: none before the body, no marker)
        is_object = start > para and view[start - 1].isspace()
        if is_object:
            before = view[max(para, start - 40) : start]
            is_object = _may_end_with_marker(before) and _ends_with(_object_marker(), before)
        found = index.described[start] = (_kind_of(view[start:end]), is_object)
    return found


def actor_kind(ctx: Context, pos: int) -> Optional[str]:
    """Kind of the nearest acting body named before ``pos`` in its paragraph, or None.

    The bodies are read near ``pos`` (:func:`_part`), then back (:func:`_read_back`)
    only until an acting one; counts may ask in any order.

    >>> ctx = Context.from_text("Huyện ủy họp " + "bàn việc, " * 20 + "Thường trực HĐND tổ chức 3 cuộc giám sát.")
    >>> actor_kind(ctx, ctx.view.index("3")), actor_kind(ctx, ctx.view.index("họp"))
    ('council', 'party')
    """
    if pos <= 0:
        return None
    index = _index(ctx)
    start = ctx.line_start(pos)
    view = ctx.view
    reads = index.bodies.get(start)
    if reads is None:
        reads = index.bodies[start] = _Reads()
    k = _part(view, reads, start, pos - 1)
    part = reads.parts[k]
    i = bisect.bisect_right(part.ends, pos)
    while True:
        spans = part.spans
        while i > 0:
            i -= 1
            b_start, b_end = spans[i]
            if b_start < start:
                return None
            kind, is_object = _described(ctx, index, b_start, b_end, start)
            if not is_object:
                return kind
        if part.lo <= start:
            return None
        k, i = _read_back(view, reads, k, start)
        part = reads.parts[k]


def first_of(view: str, chars: str, start: int, end: int) -> int:
    """Where the first of ``chars`` stands in view ``[start, end)``, or ``min(end, len(view))``
    (as a search for their class, without a regex call).

    >>> first_of("ab;c.d", ";.", 0, 6), first_of("ab;c.d", ";.", 3, 4), first_of("ab", ";", 0, 9)
    (2, 4, 2)
    """
    end = min(end, len(view))
    for c in chars:
        at = view.find(c, start, end)
        if at >= 0:
            end = at
    return end


def _council_later_in_sentence(ctx: Context, pos: int) -> bool:
    view = ctx.view
    end = first_of(view, ".;!?\n", pos, pos + _LOOKAHEAD)
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
    limit = first_of(view, ".;!?\n", end, end + 40)  # (no further: a long line is not read on)
    pattern, _ = _bodies()
    for m in pattern.finditer(view, end, limit):
        kind = _kind_of(m.group())
        if kind in ("council", "national_assembly") and not _session_word().fullmatch(m.group()):
            return kind
    return actor_kind(ctx, start)


#: how far a sentence is read ahead for a council body (a run-on sentence is cut there)
_LOOKAHEAD = 400


@lru_cache(maxsize=None)
def _session_word() -> regex.Pattern:
    return compile_pattern(tolerant_pattern("kỳ họp"), _F)


@lru_cache(maxsize=None)
def _hdnd() -> regex.Pattern:
    return compile_pattern(rf"(?<!\w){tolerant_alternation(phrases_for('Hội đồng nhân dân'))}(?!\w)", _F)


@lru_cache(maxsize=None)
def _voter_phrases() -> tuple[str, ...]:
    return phrases_for("cử tri") + phrases_for("tiếp xúc cử tri")


@lru_cache(maxsize=None)
def _voters() -> regex.Pattern:
    return compile_pattern(rf"(?<!\w){tolerant_alternation(_voter_phrases())}(?!\w)", _F)


def _sentence_bounds(ctx: Context, index: _Index, pos: int) -> tuple[int, int]:
    """View offsets of the sentence (between two of ``.!?`` and line breaks) that holds ``pos``.

    The stops of the view are found once (a long line is not read again for each count).
    """
    stops = index.stops
    if stops is None:
        stops = index.stops = [m.start() for m in cached_pattern(r"[.!?\n]").finditer(ctx.view)]
    i = bisect.bisect_left(stops, pos)
    return (stops[i - 1] + 1 if i else 0), (stops[i] if i < len(stops) else len(ctx.view))


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
        index = _index(ctx)
        start, end = _sentence_bounds(ctx, index, pos)
        para = ctx.line_start(pos)
        first = _first_voters(ctx, index, para)
        if first < 0 or first >= end:
            return False
        return kind != "national_assembly"
    if context == "intrinsic":
        if kind in (None, "council"):
            return True
        if kind == "national_assembly":
            return False
        # another body acts (``Ủy ban MTTQ … tiếp nhận 56 ý kiến của cử tri``): council
        # work only if the HĐND is named in the sentence (``… phối hợp với Thường trực HĐND``)
        index = _index(ctx)
        start, end = _sentence_bounds(ctx, index, pos)
        found = index.hdnd.get(start)
        if found is None:  # (a sentence is read once, however many counts it holds)
            found = index.hdnd[start] = bool(_hdnd().search(ctx.view, start, end))
        return found
    if kind is None:
        return _council_later_in_sentence(ctx, pos)
    return kind == "council"
