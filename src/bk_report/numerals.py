"""Vietnamese numerals: read one number exactly, spell an integer out.

Digits use the Vietnamese convention (thousands dot, decimal comma); a single
dot followed by one or two digits is a decimal point.  Scale words multiply
(``nghìn``/``ngàn`` 10³, ``vạn`` 10⁴, ``triệu`` 10⁶, ``tỷ``/``tỉ`` 10⁹ and their
compounds).  Spelled-out numbers are read in full.  The word tables are the
data files ``number_words.tsv`` and ``scale_words.tsv``.

>>> parse_number("2.107,318")
Decimal('2107.318')
>>> parse_number("3.45")
Decimal('3.45')
>>> parse_number("1,9 triệu")
Decimal('1900000')
>>> parse_number("hai nghìn không trăm hai mươi tư")
Decimal('2024')
>>> parse_number("một trăm linh năm")
Decimal('105')
>>> to_words(2023)
'hai nghìn không trăm hai mươi ba'
"""
from __future__ import annotations

from decimal import Decimal, localcontext
from functools import lru_cache

from .errors import LexiconError, NumberError
from .lexicon import canonical, load_table, compile_pattern

_ROLES = frozenset({"digit", "ten", "hundred", "link", "half", "ordinal"})

#: Digits as written in reports: thousands dots and a decimal comma, or a lone
#: decimal point with one or two digits.
DIGITS_RE = compile_pattern(
    r"(?:\d{1,3}(?:\.\d{3})++(?:,\d++)?+|\d++(?:,\d++)?+|\d++\.\d{1,2})"
)


@lru_cache(maxsize=None)
def number_words() -> dict[str, tuple[Decimal, str]]:
    """``{word: (value, role)}`` from ``number_words.tsv``, roles validated."""
    out = {}
    for r in load_table("number_words"):
        if r["role"] not in _ROLES:
            raise LexiconError(f"number_words.tsv: unknown role {r['role']!r} for {r['word']!r}")
        out[canonical(r["word"]).lower()] = (Decimal(r["value"]), r["role"])
    return out


def tidy(value: Decimal) -> Decimal:
    """The same value without meaningless trailing zeros (``1900000.0`` → ``1900000``).

    >>> tidy(Decimal("1900000.0")), tidy(Decimal("3.450")), tidy(Decimal("1E+3"))
    (Decimal('1900000'), Decimal('3.45'), Decimal('1000'))
    """
    sign, digits, exponent = value.as_tuple()
    if exponent == 0 and not sign:  # the common case: a plain integer
        return value
    if isinstance(exponent, int) and exponent < 0 and digits[-1] and len(digits) <= _PRECISION:
        return value  # a fraction ending in a non-zero digit (12.5): nothing to strip or round
    if isinstance(exponent, int) and exponent > 0:  # 1E+3: an integer, exactly
        return Decimal(int(value))
    if not value.is_finite():
        return value
    with localcontext() as exact:
        exact.prec = _PRECISION
        if value == value.to_integral_value():
            return Decimal(int(value))
        return value.normalize()


@lru_cache(maxsize=None)
def scale_words() -> dict[str, int]:
    """``{word: power of ten}`` from ``scale_words.tsv``."""
    return {canonical(r["word"]).lower(): int(r["exponent"]) for r in load_table("scale_words")}


#: Decimal digits kept in arithmetic on numbers: enough that no digit of a text is rounded.
_PRECISION = 1100


def parse_digits(raw: str) -> Decimal:
    """Read one digit string in Vietnamese notation.

    >>> parse_digits("12.480,5"), parse_digits("05"), parse_digits("3.915")
    (Decimal('12480.5'), Decimal('5'), Decimal('3915'))
    """
    if raw.isdecimal():  # the common case, no separator
        return Decimal(raw)
    if not DIGITS_RE.fullmatch(raw):
        raise NumberError(f"not a number in Vietnamese digit notation: {raw!r}")
    if "," in raw:
        whole, frac = raw.split(",")
        return Decimal(whole.replace(".", "") + "." + frac)
    if "." in raw and len(raw.split(".")[-1]) <= 2 and raw.count(".") == 1:
        return Decimal(raw)
    return Decimal(raw.replace(".", ""))


class _Small:
    """Reads the part of a spelled number below a thousand, word by word."""

    def __init__(self) -> None:
        self.hundreds: Decimal | None = None
        self.tens: Decimal | None = None
        self.units: Decimal | None = None
        self.pending: Decimal | None = None  # a digit word not yet placed
        self.link = False
        self.words = 0

    def empty(self) -> bool:
        return self.words == 0

    def value(self) -> Decimal:
        total = Decimal(0)
        if self.hundreds is not None:
            total += self.hundreds * 100
        if self.tens is not None:
            total += self.tens
        if self.pending is not None:
            total += self.pending
        if self.units is not None:
            total += self.units
        return total

    def feed(self, word: str, val: Decimal, role: str) -> None:
        self.words += 1
        if role == "digit":
            if self.pending is not None or self.units is not None:
                raise NumberError(f"two units in a row at {word!r}")
            after_tens = self.tens is not None or self.link
            if word in ("mốt", "tư", "lăm", "nhăm") and not after_tens:
                if not (word == "tư" and self.empty_but_this()):
                    raise NumberError(f"{word!r} stands only after mươi, mười or linh")
            if after_tens:
                self.units = val
            else:
                self.pending = val
        elif role == "hundred":
            if self.pending is None or self.hundreds is not None or self.tens is not None:
                raise NumberError("'trăm' needs one digit word before it")
            self.hundreds, self.pending = self.pending, None
        elif role == "ten":
            if self.tens is not None or self.link:
                raise NumberError(f"misplaced {word!r}")
            if word == "mười":
                if self.pending is not None:
                    raise NumberError("'mười' follows no digit (say 'mươi')")
                self.tens = Decimal(10)
            else:
                if self.pending is None or self.pending < 2:
                    raise NumberError("'mươi' needs a digit from 2 to 9 before it")
                self.tens, self.pending = self.pending * 10, None
        elif role == "link":
            if self.hundreds is None or self.tens is not None or self.pending is not None or self.link:
                raise NumberError(f"{word!r} stands only after 'trăm'")
            self.link = True
        else:  # pragma: no cover - roles are validated by the table
            raise NumberError(f"unexpected word {word!r}")

    def empty_but_this(self) -> bool:
        return self.words == 1

    def check_complete(self) -> None:
        if self.link and self.units is None:
            raise NumberError("'linh'/'lẻ' needs a unit after it")
        if self.hundreds is not None and self.pending is not None:
            # "hai trăm ba" is 230 in speech and 203 by the book: refuse to guess
            raise NumberError("a unit right after 'trăm' is ambiguous: write 'linh …' or '… mươi'")


def _parse_words(tokens: list[str]) -> Decimal:
    with localcontext() as exact:
        exact.prec = _PRECISION
        return _parse_words_exact(tokens)


def _parse_words_exact(tokens: list[str]) -> Decimal:
    nums = number_words()
    scales = scale_words()
    total = Decimal(0)
    total_scale = 0  # power of ten of the largest scale already applied to ``total``
    small = _Small()
    current: Decimal | None = None  # a digit string standing in for ``small``
    last_mult = Decimal(1)
    saw_number = False
    for i, tok in enumerate(tokens):
        if tok == "rưỡi":
            # half of the last place named: "hai nghìn rưỡi" 2500, "một trăm rưỡi" 150
            if i != len(tokens) - 1 or not saw_number or i == 0:
                raise NumberError("'rưỡi' ends a number")
            prev = tokens[i - 1]
            if prev in scales:
                return total + last_mult / 2
            if prev == "trăm" and small.tens is None and not small.link:
                return total + small.value() + 50
            if prev in nums and nums[prev][1] == "digit" and small.words == 1:
                return total + small.value() + Decimal("0.5")
            raise NumberError("'rưỡi' after an incomplete number")
        if tok in scales:
            power = scales[tok]
            mult = Decimal(10) ** power
            if current is not None:
                part = current
            elif not small.empty():
                small.check_complete()
                part = small.value()
            elif total and power > total_scale:
                part = None
            else:
                raise NumberError(f"scale word {tok!r} needs a number before it")
            if part is None:
                total *= mult
                total_scale += power
            elif power > total_scale:
                total = (total + part) * mult
                total_scale = power
            else:
                total += part * mult
            last_mult = mult
            small, current = _Small(), None
            saw_number = True
            continue
        if any(c.isdigit() for c in tok) and not DIGITS_RE.fullmatch(tok):
            raise NumberError(f"not a number in Vietnamese digit notation: {tok!r}")
        if DIGITS_RE.fullmatch(tok):
            if current is not None or not small.empty():
                raise NumberError(f"two numbers in a row at {tok!r}")
            current = parse_digits(tok)
            saw_number = True
            continue
        if tok not in nums:
            raise NumberError(f"not a number word: {tok!r}")
        if current is not None:
            raise NumberError(f"a number word after digits: {tok!r}")
        val, role = nums[tok]
        if role == "half":
            raise NumberError("'rưỡi' ends a number")
        if role == "ordinal":
            raise NumberError(f"{tok!r} is an ordinal word (thứ {tok}), not a number")
        small.feed(tok, val, role)
        saw_number = True
    if not saw_number:
        raise NumberError("no number in the text")
    if total and small.words == 1 and small.pending is not None:
        # "hai nghìn ba" is 2300 in speech and 2003 by the book: refuse to guess
        raise NumberError(f"a lone unit after a scale word is ambiguous: {' '.join(tokens)!r}")
    if current is not None:
        return total + current
    small.check_complete()
    if small.empty():
        return total
    return total + small.value()


def parse_words(tokens: list[str]) -> Decimal:
    """Read canonical lower-case tokens (number words, digits, scale words) as one number.

    The scanner's entry point: no text intake, no ``phẩy``.

    >>> parse_words(["hai", "mươi", "mốt", "nghìn"])
    Decimal('21000')
    """
    value = _parse_words_cached(tuple(tokens))
    if isinstance(value, NumberError):
        raise NumberError(str(value))
    return value


@lru_cache(maxsize=4096)
def _parse_words_cached(tokens: tuple[str, ...]) -> "Decimal | NumberError":
    """:func:`parse_words` remembered: reports repeat the same few spelled numbers."""
    try:
        return _parse_words(list(tokens))
    except NumberError as exc:
        return exc


def parse_number(text: str) -> Decimal:
    """Read a string that is exactly one number; raise :class:`NumberError` otherwise.

    >>> parse_number("05")
    Decimal('5')
    >>> parse_number("hai mươi mốt")
    Decimal('21')
    >>> parse_number("một số")
    Traceback (most recent call last):
    ...
    bk_report.errors.NumberError: not a number word: 'số'
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number expects str, got {type(text).__name__}")
    from .text import Document  # local: text imports models only

    if len(text) > 1000:
        raise NumberError(f"text too long to be one number ({len(text)} characters)")
    view = Document(text).view.strip()
    if not view:
        raise NumberError("empty string is not a number")
    if len(view) > 400:
        raise NumberError("text too long to be one number")
    tokens = canonical(view).lower().split()
    if "phẩy" in tokens:
        k = tokens.index("phẩy")
        whole, frac = tokens[:k], tokens[k + 1 :]
        if not whole or not frac or any(t not in number_words() or number_words()[t][1] != "digit" for t in frac):
            raise NumberError("'phẩy' needs a whole part and decimal digits")
        digits = "".join(str(int(number_words()[t][0])) for t in frac)
        return tidy(_parse_words(whole) + Decimal("0." + digits))
    return tidy(_parse_words(tokens))


_DIGIT_NAMES = {
    0: "không", 1: "một", 2: "hai", 3: "ba", 4: "bốn",
    5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín",
}


def _three(n: int, leading: bool) -> list[str]:
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out: list[str] = []
    if not leading or h:
        out += [_DIGIT_NAMES[h], "trăm"]
    if t == 0:
        if u:
            if out:
                out.append("linh")
            out.append(_DIGIT_NAMES[u])
        return out
    if t == 1:
        out.append("mười")
        if u:
            out.append("lăm" if u == 5 else _DIGIT_NAMES[u])
        return out
    out += [_DIGIT_NAMES[t], "mươi"]
    if u:
        out.append({1: "mốt", 4: "tư", 5: "lăm"}.get(u, _DIGIT_NAMES[u]))
    return out


def _below_billion(n: int, leading: bool) -> list[str]:
    words: list[str] = []
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            words += _three(group, leading)
            if name:
                words.append(name)
            leading = False
    return words


def to_words(n: int) -> str:
    """Spell a non-negative integer the standard way.

    >>> to_words(105), to_words(21), to_words(1_000_000_000_000)
    ('một trăm linh năm', 'hai mươi mốt', 'một nghìn tỷ')
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"to_words expects int, got {type(n).__name__}")
    if n < 0:
        raise ValueError("to_words spells non-negative integers only")
    if n == 0:
        return "không"
    billions, rest = divmod(n, 10**9)
    words: list[str] = []
    if billions:
        words += to_words(billions).split() + ["tỷ"]
    if rest:
        words += _below_billion(rest, leading=not billions)
    return " ".join(words)
