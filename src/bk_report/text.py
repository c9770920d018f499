"""Text intake: a matching view of the caller's string with an offset map back.

The caller's string is never modified.  :class:`Document` builds a *view* for the
rules to match against: each grapheme cluster composed to NFC, no-break and other
spaces made plain spaces, zero-width characters dropped, and the tone mark of
``oa``/``oe``/``uy`` moved to one canonical vowel (``hoá`` and ``hóa`` read alike).
``Document.span(i, j)`` turns view offsets back into a :class:`Span` of the
original string, so ``text[span.start:span.end] == span.text`` always holds.

>>> doc = Document("Uỷ ban\\u00a0kiểm tra")
>>> doc.view
'Ủy ban kiểm tra'
>>> doc.span(0, 6).text
'Uỷ ban'
"""
from __future__ import annotations

import unicodedata
from array import array

from .models import Span

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
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
    chars = list(s)
    for i in range(len(chars) - 1):
        first, second = chars[i], chars[i + 1]
        if first not in _SHIFT_FIRST:
            continue
        if i + 2 < len(chars) and chars[i + 2].isalpha():
            continue  # closed syllable (hoạch, khoảng, khoái): the tone is on the second vowel
        if first in "uU" and i > 0 and chars[i - 1] in "qQ":
            continue  # "qu" is a consonant: quý, Quỹ keep their tone on y
        base2, tone = _split_tone(second)
        if not tone or base2 not in _SHIFT_SECOND[first.lower()]:
            continue
        moved = unicodedata.normalize("NFC", first + tone)
        if len(moved) == 1:
            chars[i], chars[i + 1] = moved, base2
    return "".join(chars)


def _fold_char(ch: str) -> str:
    if ch in _ZERO_WIDTH:
        return ""
    if ch != "\n" and ch != "\t" and (ch.isspace() or unicodedata.category(ch) == "Zs"):
        return " "
    return ch


class Document:
    """The caller's text plus the normalised view that rules match against."""

    __slots__ = ("text", "view", "_starts", "_ends")

    def __init__(self, text: str):
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        self.text = text
        view: list[str] = []
        starts = array("q")
        ends = array("q")
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            cluster = text[i:j]
            if j - i > 1 or not cluster.isascii():
                cluster = unicodedata.normalize("NFC", cluster)
            for ch in cluster:
                folded = _fold_char(ch)
                for out in folded:
                    view.append(out)
                    starts.append(i)
                    ends.append(j)
            i = j
        self.view = canonical_tones("".join(view))
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self.view)

    def orig_start(self, i: int) -> int:
        """Offset in the original text of view position ``i`` (``len(view)`` maps to the end)."""
        if i >= len(self._starts):
            return len(self.text)
        return self._starts[i]

    def orig_end(self, j: int) -> int:
        """Original offset just after view position ``j - 1``."""
        if j <= 0:
            return self.orig_start(0) if self._starts else 0
        return self._ends[min(j, len(self._ends)) - 1]

    def span(self, i: int, j: int) -> Span:
        """The :class:`Span` of the original text covering view ``[i, j)``."""
        if j <= i:
            s = self.orig_start(i)
            return Span(start=s, end=s, text="")
        s, e = self.orig_start(i), self.orig_end(j)
        return Span(start=s, end=e, text=self.text[s:e])
