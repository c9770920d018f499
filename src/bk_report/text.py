"""Text intake: a matching view of the caller's string with an offset map back.

The caller's string is never modified.  :class:`Document` builds a *view* for the
rules to match against: each grapheme cluster composed to NFC, no-break, other and
zero-width spaces made plain spaces, joiners and soft hyphens dropped, and the tone
mark of open ``oa``/``oe``/``uy`` moved to one canonical vowel (``hoá``, ``hóa`` alike).
``Document.span(i, j)`` turns view offsets back into a :class:`Span` of the
original string, so ``text[span.start:span.end] == span.text`` always holds.

>>> doc = Document("Uỷ ban\\u00a0kiểm tra")
>>> doc.view
'Ủy ban kiểm tra'
>>> doc.span(0, 6).text
'Uỷ ban'
"""
from __future__ import annotations

import bisect
import unicodedata
from array import array
from functools import lru_cache
from typing import Optional

import regex

from .models import Span, unchecked_span

_ZERO_WIDTH = frozenset("\u200c\u200d\u2060\ufeff\u00ad")  # joiners, BOM, soft hyphen: dropped
_ZERO_WIDTH_SPACE = "\u200b"  # a word break that shows no space: read as a space
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_SHIFT_FIRST = frozenset("oOuU")
_SHIFT_SECOND = {"o": frozenset("aAeE"), "u": frozenset("yY")}


def _split_tone(ch: str) -> tuple[str, str]:
    """Return (character without its tone mark, tone mark or '')."""
    d = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def canonical_tones(s: str) -> str:
    """Move the tone of open ``oa oe uy`` to the first vowel (``hoá`` → ``hóa``, ``Uỷ`` → ``Ủy``).

    Only where the two vowels end the syllable; closed syllables (``hoạch``) and
    ``qu`` + ``y`` (``quý``) are spelled one way only and stay as they are.

    Length-preserving on NFC input, so offsets survive.  Applied to the text view
    and to every literal of the language data alike.

    >>> canonical_tones("hoá thuỷ Uỷ hòa")
    'hóa thủy Ủy hòa'
    >>> canonical_tones("kế hoạch khoảng quý")
    'kế hoạch khoảng quý'
    """
    if not _TONED_PAIR.search(s):
        return s
    return _TONED_PAIR.sub(_move_tone, s)


def _toned(bases: str) -> str:
    return "".join(unicodedata.normalize("NFC", b + t) for b in bases for t in sorted(_TONES))


#: an open ``oa``/``oe`` or ``uy`` (not after ``q``) whose tone sits on the second vowel
_TONED_PAIR = regex.compile(
    rf"(?:[oO](?=[{_toned('aAeE')}])|(?<![qQ])[uU](?=[{_toned('yY')}])).(?![\p{{L}}\p{{M}}])"
)


def _move_tone(m: "regex.Match[str]") -> str:
    first, second = m.group()
    base2, tone = _split_tone(second)
    moved = unicodedata.normalize("NFC", first + tone)
    return moved + base2 if len(moved) == 1 else m.group()


def _fold_char(ch: str) -> str:
    if ch in _ZERO_WIDTH:
        return ""
    if ch == _ZERO_WIDTH_SPACE:
        return " "
    if ch != "\n" and ch != "\t" and (ch.isspace() or unicodedata.category(ch) == "Zs"):
        return " "
    return ch


@lru_cache(maxsize=None)
def _space_re() -> "regex.Pattern[str]":
    """Every character but the space itself that the view reads as a plain space (all are below U+3001)."""
    return regex.compile("[" + "".join(regex.escape(chr(c)) for c in range(0x3001) if c != 0x20 and _fold_char(chr(c)) == " ") + "]")


#: runs of characters that need the cluster-by-cluster path: marks and invisible characters
_SLOW_RUN = regex.compile("[\\p{M}" + "".join(sorted(_ZERO_WIDTH)) + "]++")


@lru_cache(maxsize=None)
def _untouched_re() -> "regex.Pattern[str]":
    """Anything the view changes: a mark or invisible character, a space to fold, a tone to
    move.  One search for all three, as most texts have none."""
    return regex.compile(f"{_SLOW_RUN.pattern}|{_space_re().pattern}|{_TONED_PAIR.pattern}")


def lowered(text: str) -> "str | None":
    """``text.lower()`` where a case-sensitive search for lower-case words in it finds what
    a case-insensitive one finds in ``text``; None where it might not.

    That holds when every character lowers to one character which is also its case
    folding (not ``İ``, ``ſ``, ``ß``): our case-insensitive patterns compare case foldings.

    >>> lowered("Huyện MÈO Vạc"), lowered("ſáu")
    ('huyện mèo vạc', None)
    """
    parts = []
    for i in range(0, len(text), CASE_CHUNK):  # str.lower() works in a buffer of 12 bytes a character
        chunk = text[i : i + CASE_CHUNK]
        low = chunk.lower()
        if len(low) != len(chunk) or low != chunk.casefold():
            return None
        parts.append(low)
    return "".join(parts)


#: Characters lower-cased at a time by :func:`lowered` (and discipline's ``fold``), so that
#: a long text does not need a working buffer several times its size.
CASE_CHUNK = 1 << 16


def _composed(text: str, start: int, s: int, e: int) -> str:
    """The one letter that a base letter at ``start`` and the marks ``text[s:e]`` after it
    compose to, or "" when they do not make one letter (as :meth:`Document._clusters` reads them).

    >>> _composed("Ho\u0300a", 1, 2, 3), _composed(" \u0300", 0, 1, 2)
    ('ò', '')
    """
    if start != s - 1 or e - s > 2:
        return ""
    cluster = text[start:e]
    composed = unicodedata.normalize("NFC", cluster)
    if len(composed) != 1 or composed.isspace() or unicodedata.combining(cluster[0]):
        return ""
    for mark in cluster[1:]:
        if not unicodedata.combining(mark):  # a mark that starts a cluster of its own
            return ""
    return composed


class Document:
    """The caller's text plus the normalised view that rules match against.

    The view folds spaces, composes decomposed letters (NFC), drops invisible
    characters and puts tones in their canonical place.  Offsets map back to the
    caller's text through a sparse table: only where a letter was composed or a
    character dropped does the shift between view and text change.

    >>> d = Document("Ho\\u0300a 12")  # a decomposed ò
    >>> d.view, d.span(0, 3).text, d.span(4, 6)
    ('Hòa 12', 'Ho\u0300a', Span(start=5, end=7, text='12'))
    """

    __slots__ = ("text", "view", "_breaks", "_shift_start", "_shift_end", "_lowered")
    _breaks: "array[int] | None"  # view positions where the shift changes; None: the identity map
    _shift_start: "array[int] | None"  # text start - view position, from each break on
    _shift_end: "array[int] | None"  # text end (after the character) - view position

    def __init__(self, text: str):
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        self.text = text
        if unicodedata.is_normalized("NFC", text):
            plain = not _untouched_re().search(text)  # the commonest case: nothing changes at all
            if plain or not _SLOW_RUN.search(text):
                # one view character per character (the identity map): spaces folded, tones moved
                self.view = text if plain else canonical_tones(_space_re().sub(" ", text))
                self._breaks = self._shift_start = self._shift_end = None
                return
        self._breaks, self._shift_start, self._shift_end = array("q"), array("q"), array("q")
        pieces: list[str] = []
        done = pos = 0
        for m in _SLOW_RUN.finditer(text):
            # a base letter and the marks or invisible characters after it: cluster by cluster;
            # between such runs, plain text costs one slice
            s, e = m.span()
            start = max(s - 1, done)
            pos = self._plain(text, done, start, pieces, pos)
            composed = _composed(text, start, s, e)
            if composed:  # the common case of a decomposed text, made short: one letter
                self._shift(pos, start - pos, e - pos)
                pieces.append(composed)
                pos += 1
            else:
                pos = self._clusters(text, start, e, pieces, pos)
            done = e
        self._plain(text, done, len(text), pieces, pos)
        # spaces folded once for the whole view, not run by run (one character for one: the
        # offsets stay; the clusters' characters are folded already)
        self.view = canonical_tones(_space_re().sub(" ", "".join(pieces)))

    def _shift(self, pos: int, to_start: int, to_end: int) -> None:
        """From view position ``pos`` on, text start = pos + to_start, text end = pos + to_end."""
        if self._breaks and self._shift_start[-1] == to_start and self._shift_end[-1] == to_end:
            return
        if self._breaks and self._breaks[-1] == pos:  # a change at the same place: the later one holds
            self._shift_start[-1], self._shift_end[-1] = to_start, to_end
            return
        self._breaks.append(pos)
        self._shift_start.append(to_start)
        self._shift_end.append(to_end)

    def _plain(self, text: str, i: int, j: int, pieces: list[str], pos: int) -> int:
        """Text ``[i, j)`` with no mark or invisible character, from view position ``pos``: one
        view character per character.  Returns the view position after it."""
        if i >= j:
            return pos
        run = text[i:j]
        if not unicodedata.is_normalized("NFC", run):
            return self._clusters(text, i, j, pieces, pos)
        self._shift(pos, i - pos, i + 1 - pos)
        pieces.append(run)
        return pos + len(run)

    def _clusters(self, text: str, i: int, n: int, pieces: list[str], pos: int) -> int:
        """Text ``[i, n)`` a letter cluster at a time, from view position ``pos``: each view
        character maps to its whole cluster.  Returns the view position after it."""
        while i < n:
            j = i + 1
            while j < n and (
                unicodedata.combining(text[j])
                or (text[j] in _ZERO_WIDTH and j + 1 < n and unicodedata.combining(text[j + 1]))
            ):
                j += 1  # a soft hyphen or joiner inside a letter does not split it
            cluster = text[i:j]
            if j - i > 1 or not cluster.isascii():
                if j - i > 1:
                    cluster = "".join(c for c in cluster if c not in _ZERO_WIDTH)
                cluster = unicodedata.normalize("NFC", cluster)
            for ch in cluster:
                for out in _fold_char(ch):
                    self._shift(pos, i - pos, j - pos)
                    pieces.append(out)
                    pos += 1
            i = j
        return pos

    def __len__(self) -> int:
        return len(self.view)

    def lowered(self) -> Optional[str]:
        """:func:`lowered` of the view, made once and kept until :meth:`forget_lowered`.

        >>> Document("Quý II").lowered()
        'quý ii'
        """
        try:
            return self._lowered
        except AttributeError:
            self._lowered: Optional[str] = lowered(self.view)
            return self._lowered

    def forget_lowered(self) -> None:
        """Free the lower-cased view (a copy of the text) once the patterns that use it ran."""
        self._lowered = None

    def _at(self, i: int) -> int:
        return bisect.bisect_right(self._breaks, i) - 1

    def orig_start(self, i: int) -> int:
        """Offset in the original text of view position ``i`` (``len(view)`` maps to the end)."""
        if self._breaks is None:
            return min(max(i, 0), len(self.text))
        if i >= len(self.view):
            return len(self.text)
        i = max(i, 0)
        return i + self._shift_start[self._at(i)]

    def orig_end(self, j: int) -> int:
        """Original offset just after view position ``j - 1``."""
        if self._breaks is None:
            return min(max(j, 0), len(self.text))
        if not self.view:  # nothing but invisible characters
            return len(self.text) if j > 0 else 0
        if j <= 0:
            return self.orig_start(0)
        j = min(j, len(self.view)) - 1
        return j + self._shift_end[self._at(j)]

    def span(self, i: int, j: int) -> Span:
        """The :class:`Span` of the original text covering view ``[i, j)``."""
        i, j = max(0, i), max(0, j)
        if self._breaks is None and i < j:  # the identity map: the common case, made short
            n = len(self.text)
            s, e = min(i, n), min(j, n)
            return unchecked_span(s, e, self.text[s:e])
        if j <= i:
            s = self.orig_start(i)
            return unchecked_span(s, s, "")
        s, e = self.orig_start(i), self.orig_end(j)
        return unchecked_span(s, e, self.text[s:e])
