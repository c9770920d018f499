"""The cheap pre-tests of the council and targets extractors answer as the work they spare.

Each guard lets a pattern call be skipped where it would fail: over the fixture and corpus
texts, at every numeral, and over table phrases written oddly (upper case, ``İ``, ``ſ``,
``ß``, no-break and other spaces, NFD), the guarded answer is the unguarded one.
"""
from __future__ import annotations

import bisect
import glob
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
import regex

from bk_report.extractors import council, council_context as cc, targets
from bk_report.lexicon import cached_pattern, canonical, load_table
from bk_report.rules import Context

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    Path(p).read_text(encoding="utf-8")
    for pattern in (str(ROOT / "fixtures" / "*.txt"), "/work/shared/corpus/*.txt")
    for p in sorted(glob.glob(pattern))
]
ODD_SPACES = [" ", "\u00a0", "\u2003", "\x1c", "\t", "\n", "  "]


def _odd(phrase: str) -> list[str]:
    """``phrase`` as texts may write it: upper case, Turkish and old letters, no marks, NFD."""
    out = {phrase, phrase.upper(), phrase.title(), unicodedata.normalize("NFD", phrase)}
    out.add(phrase.replace("i", "İ").replace("s", "ſ").replace("ss", "ß"))
    out.add(phrase.replace(" ", "\u00a0"))
    out.add("".join(c for c in unicodedata.normalize("NFD", phrase) if not unicodedata.combining(c)))
    out.add(phrase.replace("y", "i").replace("ư", "u").replace("đ", "d"))
    words = phrase.split(" ")
    for k, word in enumerate(words):  # a cluster vowel dropped (``tếp xúc``)
        for i in cc._droppable([cc._base(c) for c in word.lower()]):
            out.add(" ".join(words[:k] + [word[:i] + word[i + 1 :]] + words[k + 1 :]))
    return sorted(out)


def _phrases() -> list[str]:
    tables = ("council_differences", "council_measures", "council_object_markers", "qualifiers", "targets_cues", "council_bodies")
    out = []
    for table in tables:
        for row in load_table(table):
            text = row.get("phrase") or row.get("word")
            out.append(text.replace("{year}", "2019"))
    return out


def _endings() -> list[str]:
    """Texts ending where a cue or a count may follow: at each numeral of the texts, and odd phrases."""
    out = []
    for text in TEXTS:
        ctx = Context.from_text(text)
        view = ctx.view
        for n in ctx.numerals:
            out.append(view[max(0, n.start - 50) : n.start])
    for phrase in _phrases():
        for odd in _odd(phrase):
            for space in ODD_SPACES:
                out += [odd + space, "và " + odd + space, odd, odd[:-1] + space, "x" + odd + space]
    return out


ENDINGS = _endings()


def _sure_match(pattern: regex.Pattern, text: str) -> bool:
    return pattern.search(text) is not None


@pytest.mark.parametrize(
    "pattern, keys",
    [
        (council._difference_before, council._difference_keys),
        (lambda: council._rounding_qualifier()[0], lambda: council._rounding_qualifier()[2]),
        (lambda: targets._cues()["before"][0], targets._before_keys),
        (targets._earlier, targets._earlier_keys),
    ],
)
def test_end_keys_pass_every_match(pattern, keys) -> None:
    pat, k = pattern(), keys()
    assert k is not None
    matched = 0
    for text in ENDINGS:
        if _sure_match(pat, text):
            matched += 1
            assert k.may_end(text), repr(text)
        assert k.may_end(text) == k.may_end_in("ab" + text, 2, 2 + len(text))
    assert matched > 20


def test_search_at_end_with_keys_is_search() -> None:
    pat, keys = council._difference_before(), council._difference_keys()
    for text in ENDINGS:
        got = cc.search_at_end(pat, text, keys)
        want = pat.search(text)
        assert (got and got.span()) == (want and want.span())


def test_tail_ends_pass_every_tail() -> None:
    rule = council._rules()[1]
    ends = rule.tail_ends
    seen = 0
    for text in ENDINGS:
        p = len(text)
        while p > 0 and text[p - 1].isspace():
            p -= 1
        if p and rule.tail.match(text, 0, p):
            seen += 1
            assert ends.may_end_in(text, 0, p), repr(text)
    assert seen > 20


def _starts() -> list[tuple[str, int]]:
    """(text, position) where a count's phrase may begin: after each numeral, and odd phrases."""
    out = []
    for text in TEXTS:
        ctx = Context.from_text(text)
        view = ctx.view
        for n in ctx.numerals:
            pos = n.end
            while pos < len(view) and view[pos].isspace():
                pos += 1
            out.append((view, pos))
    for phrase in _phrases():
        for odd in _odd(phrase):
            for space in ODD_SPACES:
                out.append(("5 " + odd + space + "x", 2))
    return out


def test_head_pairs_pass_every_phrase() -> None:
    pattern = council._rules()[2].pattern
    pairs, singles = council._before_pairs()
    seen = 0
    for view, pos in _starts():
        if pos >= len(view) or not pattern.match(view, pos):
            continue
        seen += 1
        key = cc.letter_key(view[pos])
        assert key in singles or (pos + 1 < len(view) and (key, cc.letter_key(view[pos + 1])) in pairs), view[pos : pos + 30]
    assert seen > 50


def test_marker_pretest_passes_every_marker() -> None:
    marker = cc._object_marker()
    seen = 0
    for text in ENDINGS + [t + " Ban " for t in ENDINGS]:
        if cc._ends_with(marker, text):
            seen += 1
            assert cc._may_end_with_marker(text), repr(text)
    assert seen > 20


def _atoms() -> list[tuple[str, str]]:
    """(pattern of one letter, the letter) for every letter a guarded phrase begins or ends with."""
    letters = set()
    for phrase in _phrases():
        for word in canonical(phrase).lower().split():
            letters.update(word[:2] + word[-3:])
    classes = cc._letter_classes()
    out = []
    for c in sorted(letters):
        if not c.isalpha():
            continue
        out.append((regex.escape(c), c))
        base = cc._base(c)
        if base in classes:
            out.append((cc._class_pattern(classes[base]), c))
    return out


def test_letter_keys_and_folds_hold_for_every_character() -> None:
    """What matches a letter under the patterns' flags has its key, and case-folds to it
    (a dot above aside): the grounds of the guards, over all of Unicode."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for pattern, letter in _atoms():
        compiled = cached_pattern(pattern, regex.IGNORECASE | regex.VERSION1)
        for m in compiled.finditer(every):
            ch = m.group()
            assert cc.letter_key(ch) == cc.letter_key(letter), (letter, ch)
            if "[" not in pattern:
                assert ch.casefold().replace("\u0307", "") == letter, (letter, ch)


def test_rstrip_strips_every_regex_space() -> None:
    spaces = regex.compile(r"\s")
    assert all(chr(c).isspace() for c in range(0x110000) if not 0xD800 <= c < 0xE000 and spaces.match(chr(c)))


def test_stretch_end_and_first_of_are_their_searches() -> None:
    stop = cc._next_stop()
    cut = cached_pattern(r"[;.)\n]")
    for text in TEXTS[:40] + ["", "a", "1", "a1b", "12"]:
        for pos in range(0, len(text) + 1, 3):
            after = stop.search(text, pos)
            assert cc._stretch_end(text, pos) == (after.start() if after else len(text))
            found = cut.search(text, pos, pos + 100)
            assert cc.first_of(text, ";.)\n", pos, pos + 100) == min(pos + 100, found.start() if found else len(text))


def test_whole_numbers_as_int_says() -> None:
    values = [n.value for text in TEXTS for n in Context.from_text(text).numerals if n.value is not None]
    values += [Decimal(s) for s in ("5.0", "5.5", "0", "-3", "1E+3", "1.20E+1", "0.001", "12345678901234567890.0")]
    for v in values:
        assert (v == v.to_integral_value()) == (v == int(v))


def test_first_voters_is_the_first_mention_of_the_paragraph() -> None:
    voters = cc._voters()
    for text in TEXTS[:60]:
        ctx = Context.from_text(text)
        view = ctx.view
        index = cc._Index()
        for para in {ctx.line_start(n.start) for n in ctx.numerals}:
            end = view.find("\n", para)
            end = len(view) if end < 0 else end
            spans = cc._spans(view, voters, cc._stretch_start(view, para), cc._stretch_end(view, end))
            starts = [s for s, _ in spans if s < end]
            i = bisect.bisect_left(starts, para)
            assert cc._first_voters(ctx, index, para) == (starts[i] if i < len(starts) else -1)


def test_numeral_before_is_the_count_the_rule_found() -> None:
    rule = council._rules()[2]
    for text in TEXTS:
        ctx = Context.from_text(text)
        ctx.scratch[council.CATEGORY] = run = council._Run()
        for m in rule.matches(ctx):
            if run.before_at == m.start() and not ctx.first_numeral_in(run.before.start + 1, m.start()):
                assert council._numeral_before(ctx, m.start()) is run.before
