"""Read report files into text: encodings, legacy Vietnamese fonts, HTML, DOCX and PDF.

:func:`read_source` turns one file into a :class:`Source` — the extracted text
(the string every span of the report points into), the format and encoding it
was read with, and warnings about the reading.  Plain text may be UTF-8 (with or
without BOM), UTF-16 or UTF-32, or the Windows Vietnamese code page cp1258; text
typed in the legacy TCVN3 (ABC, ``.VnTime``) or VNI (``VNI-Times``) fonts is
recognised and converted to Unicode with a ``legacy_encoding`` warning, whatever
the container (``.txt``, ``.html``, ``.docx``).  The conversion tables are data:
``data/legacy_tcvn3.tsv`` and ``data/legacy_vni.tsv``.

>>> from_legacy("Héi ®ång nh©n d©n", "tcvn3")
'Hội đồng nhân dân'
>>> to_legacy("Hội đồng nhân dân", "vni")
'Hoäi ñoàng nhaân daân'
>>> detect_legacy(to_legacy("Ủy ban Kiểm tra đã kiểm tra 12 tổ chức đảng và 35 đảng viên", "tcvn3"))
'tcvn3'
>>> detect_legacy("Ủy ban Kiểm tra đã kiểm tra 12 tổ chức đảng") is None
True
>>> decode_bytes("Đảng bộ xã".encode("utf-16"))
('Đảng bộ xã', 'utf-16')

``.html``, ``.docx`` and ``.pdf`` need the ``formats`` extra
(``pip install 'bk_report[formats]'``); without it reading such a file raises
:class:`MissingExtraError`, whose message names the extra.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from .errors import BkReportError
from .lexicon import load_table
from .models import ReportWarning

__all__ = [
    "Source",
    "SourceError",
    "MissingExtraError",
    "SUFFIXES",
    "read_source",
    "decode_bytes",
    "detect_legacy",
    "from_legacy",
    "to_legacy",
    "LEGACY_ENCODINGS",
]

#: File suffix -> format read by :func:`read_source`; folders are searched for these.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

#: Legacy font encodings recognised, with the names used in warnings.
LEGACY_ENCODINGS = {"tcvn3": "TCVN3 (ABC, .VnTime fonts)", "vni": "VNI (VNI-Times fonts)"}

_EXTRA = "pip install 'bk_report[formats]'"


class SourceError(BkReportError):
    """A file could not be read as a report text (the message says why)."""


class MissingExtraError(SourceError):
    """Reading this format needs an optional package: install the ``formats`` extra."""


@dataclass(frozen=True)
class Source:
    """One input read into text; report spans point into :attr:`text`."""

    text: str
    path: Optional[str] = None
    format: str = "text"
    #: how the bytes were decoded (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1258`` …)
    encoding: Optional[str] = None
    #: ``tcvn3`` or ``vni`` when the text was converted from a legacy font encoding
    legacy: Optional[str] = None
    warnings: tuple[ReportWarning, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------------------
# Legacy font encodings (TCVN3, VNI)


@lru_cache(maxsize=None)
def _legacy_table(encoding: str) -> tuple[dict[str, str], "re.Pattern[str]", dict[str, str]]:
    """(legacy surface -> letter, pattern matching any surface longest first, letter -> surface)."""
    if encoding not in LEGACY_ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; known: {', '.join(LEGACY_ENCODINGS)}")
    forward: dict[str, str] = {}
    inverse: dict[str, str] = {}
    for row in load_table(f"legacy_{encoding}"):
        surface = bytes.fromhex(row["bytes"].replace(" ", "")).decode("cp1252")
        letter = unicodedata.normalize("NFC", row["unicode"])
        if surface in forward:
            raise BkReportError(f"legacy_{encoding}.tsv: bytes {row['bytes']} given twice")
        forward[surface] = letter
        inverse.setdefault(letter, surface)
    alternatives = sorted(forward, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(a) for a in alternatives))
    return forward, pattern, inverse


_WORD = re.compile(r"[^\W\d_]+")


def from_legacy(text: str, encoding: str) -> str:
    """Convert text typed in a legacy font encoding (``tcvn3`` or ``vni``) to Unicode (NFC).

    The text holds the legacy bytes as the characters cp1252 shows for them (which
    is what a ``.txt`` file read as cp1252, or a Word document set in ``.VnTime``,
    gives).  TCVN3 has no upper-case toned letters (headings used ``.VnTimeH``
    fonts that draw the lower-case codes as capitals): a word whose other letters
    are all capitals is put in capitals.
    """
    forward, pattern, _ = _legacy_table(encoding)
    out = pattern.sub(lambda m: forward[m.group(0)], text)
    if encoding == "tcvn3":
        out = _WORD.sub(_recapitalise, out)
    return unicodedata.normalize("NFC", out)


def _recapitalise(m: "re.Match[str]") -> str:
    word = m.group(0)
    ascii_letters = [c for c in word if c.isascii()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and not word.isupper():
        return word.upper()
    return word


def to_legacy(text: str, encoding: str) -> str:
    """The inverse of :func:`from_legacy`: Unicode text as it looks typed in a legacy font.

    Used to make test inputs; ``to_legacy(t, e).encode("cp1252")`` are the file's bytes.
    Upper-case toned letters, which TCVN3 lacks, are written with the lower-case codes.
    """
    _, _, inverse = _legacy_table(encoding)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inverse:
            out.append(inverse[ch])
        elif encoding == "tcvn3" and ch.lower() in inverse:
            out.append(inverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


# A Vietnamese syllable: initial consonants, a vowel nucleus, final consonants, and
# at most one tone mark.  Used only to score candidate decodings against each other.
_VOWELS = "aăâeêioôơuưy"
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    rf"[{_VOWELS}]{{1,3}}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_VIET_ONLY = re.compile("[ăđơưĩũ\u1ea0-\u1ef9]", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


#: Latin-1 symbols that are no letter, space or punctuation (``µ`` is a letter): what legacy text shows.
_JUNK = tuple(
    chr(i) for i in range(0x80, 0x100)
    if unicodedata.category(chr(i))[0] not in "LZP" and unicodedata.category(chr(i)) not in ("Sc", "Cc")
)


def _score(text: str) -> tuple[float, int]:
    """(share of non-ASCII words that are Vietnamese syllables, how many words were judged).

    Stray Latin-1 symbols (``¸ © ª ¶``, which legacy text shows) count against.
    """
    text = unicodedata.normalize("NFC", text)
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    good = sum(1 for w in words if _is_syllable(w))
    junk = sum(text.count(c) for c in _JUNK)
    judged = len(words) + junk
    return (good / judged if judged else 0.0), judged


def detect_legacy(text: str) -> Optional[str]:
    """``tcvn3`` or ``vni`` when ``text`` reads as Vietnamese only after that conversion, else None.

    Text that already contains Vietnamese letters outside Latin-1 (``ă đ ơ ư ạ …``)
    and reads well is taken as Unicode.  A conversion is accepted only when it
    turns most non-ASCII words into Vietnamese syllables, clearly better than the
    text as it is (so French or Spanish text is left alone).
    """
    sample = text[:60_000]
    before, judged = _score(sample)
    if judged < 3:
        return None
    if before >= 0.8 and len(_VIET_ONLY.findall(sample)) >= 3:
        return None
    best, best_score = None, before
    for encoding in LEGACY_ENCODINGS:
        after, n = _score(from_legacy(sample, encoding))
        if n >= 3 and after >= 0.75 and after >= before + 0.2 and after > best_score:
            best, best_score = encoding, after
    return best


def _legacy_warning(encoding: str) -> ReportWarning:
    return ReportWarning(
        code="legacy_encoding",
        message=f"the text was typed in the legacy {LEGACY_ENCODINGS[encoding]} encoding and was converted "
        "to Unicode; spans refer to the converted text; check names and upper-case letters",
    )


# ---------------------------------------------------------------------------
# Bytes -> text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


_CP1252_HOLES = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _decode_cp1252(data: bytes) -> str:
    """cp1252, reading its five undefined bytes as Latin-1 so that no byte is lost."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in data)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes: ``(text, encoding)``.

    BOMs first (UTF-8, UTF-16, UTF-32), then UTF-16 without BOM, then strict UTF-8;
    otherwise the single-byte candidates cp1258 and cp1252 (with charset-normalizer's
    guess when it is installed) are scored as Vietnamese and the best is taken; when
    none reads as Vietnamese, charset-normalizer's guess (or cp1252) is.
    cp1258 text is returned composed (NFC).  Legacy TCVN3/VNI text comes back as
    its cp1252 characters: :func:`read_source` converts it.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            return data.decode(guess16), guess16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    try:
        candidates["cp1258"] = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    cp1252 = _decode_cp1252(data)
    candidates["cp1252"] = cp1252
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: the Vietnamese candidates are scored without it
        from_bytes = None
    guessed = None
    if from_bytes is not None:
        matches = list(from_bytes(data))
        best = matches[0] if matches else None
        for match in matches:  # Western text fits several code pages: prefer Windows' own when it is plausible
            if match.encoding == "cp1252":
                best = match
                break
        if best is not None:
            guessed = best.encoding
            if guessed not in candidates:
                candidates[guessed] = unicodedata.normalize("NFC", str(best))
    scored = []
    for name, text in candidates.items():
        sample = text[:60_000]
        s, _ = _score(sample)
        legacy = detect_legacy(sample) if name == "cp1252" else None
        if legacy:  # legacy text is read as cp1252, converted later
            s = max(s, _score(from_legacy(sample, legacy))[0])
        scored.append((s, name == "cp1258", name, text))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    score, _, name, text = scored[0]
    if score < 0.5:  # not Vietnamese in any of them: take the general guess
        name = guessed or "cp1252"
        text = candidates[name]
    return text, name


# ---------------------------------------------------------------------------
# Formats


def _need(module: str, package: str, suffix: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(f"reading {suffix} files needs the optional package {package}: {_EXTRA}") from exc


def _read_html(data: bytes, suffix: str = ".html") -> tuple[str, str]:
    lexbor = _need("selectolax.lexbor", "selectolax", suffix)
    head = data[:4096].decode("ascii", errors="ignore")
    m = re.search(r"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", head, re.IGNORECASE)
    text, encoding = None, None
    if m:
        try:
            encoding = codecs.lookup(m.group(1)).name
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            text = None
        else:
            if encoding == "cp1258":
                text = unicodedata.normalize("NFC", text)
    if text is None:
        text, encoding = decode_bytes(data)
    return _html_article_text(lexbor.LexborHTMLParser(text)), encoding


_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select", "menu", "head")
_DROP_WORDS = re.compile(r"(?:^|[\s_-])(?:menu|nav|navbar|navigation|breadcrumbs?|sidebar|footer|header|share|social|related|comments?|advert|ads|banner|cookie)(?:$|[\s_-])", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote", "pre", "dd", "dt", "figcaption", "hr", "main", "td", "th")
_MARK = "\ue000"


def _html_article_text(tree) -> str:
    """The article text of a page: no scripts, styles, menus, headers, footers or sidebars."""
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]"):
        node.decompose()
    for node in tree.css("[class], [id]"):
        attrs = node.attributes
        if node.tag in ("body", "html", "article", "main"):
            continue
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if _DROP_WORDS.search(names) and not node.css_first("article"):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first("[role=main]") or tree.body or tree.root
    if root is None:
        return ""
    for tag in _BLOCK_TAGS:
        for node in root.css(tag):
            node.insert_before(_MARK)
            node.insert_after(_MARK)
    raw = root.text(deep=True, separator="")
    raw = re.sub(r"\s+", " ", raw)  # source line breaks are spaces in HTML
    raw = re.sub(rf" *{_MARK}[ {_MARK}]*", "\n", raw)
    return "\n".join(line.strip() for line in raw.split("\n") if line.strip())


def _read_docx(path: Path) -> tuple[str, Optional[str]]:
    docx = _need("docx", "python-docx", ".docx")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise SourceError(f"not a readable .docx file: {exc}") from exc
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    fonts: set[str] = set()

    def paragraph(p) -> None:
        lines.append(p.text)
        for run in p.runs:
            if run.font is not None and run.font.name:
                fonts.add(run.font.name)
        style = p.style
        if style is not None and style.font is not None and style.font.name:
            fonts.add(style.font.name)

    def table(t) -> None:
        for row in t.rows:
            seen, cells = set(), []
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(p.text for p in cell.paragraphs).strip())
            lines.append("\t".join(cells))

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph(Paragraph(child, document))
        elif tag == "tbl":
            table(Table(child, document))
    legacy = None
    names = {f.strip().upper() for f in fonts}
    if any(n.startswith(".VN") for n in names):
        legacy = "tcvn3"
    elif any(n.startswith("VNI") for n in names):
        legacy = "vni"
    return "\n".join(lines), legacy


def _read_pdf(path: Path) -> str:
    pypdf = _need("pypdf", "pypdf", ".pdf")
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("the PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise SourceError(f"not a readable PDF: {exc}") from exc
    if not "".join(pages).strip():
        raise SourceError(
            f"the PDF has no text layer ({len(pages)} page(s) of images, e.g. a scan): "
            "run OCR on it first (for example ocrmypdf) and read the result"
        )
    return "\n\n".join(p.strip("\n") for p in pages)


def read_source(path: Union[str, "os.PathLike[str]"]) -> Source:
    """Read one report file into a :class:`Source`.

    The format comes from the suffix (:data:`SUFFIXES`); any other suffix is read as
    plain text.  Raises :class:`SourceError` (or :class:`MissingExtraError`) with a
    message that says what is wrong; ``OSError`` for a missing or unreadable file.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    fmt = SUFFIXES.get(suffix, "text")
    warnings: list[ReportWarning] = []
    legacy: Optional[str] = None
    encoding: Optional[str] = None
    if p.is_dir():
        raise SourceError("is a folder, not a file")
    if fmt == "docx":
        text, legacy = _read_docx(p)
    elif fmt == "pdf":
        text = _read_pdf(p)
    else:
        data = p.read_bytes()
        if b"\x00" in data[:4000] and not _utf16_without_bom(data) and not data.startswith(tuple(b for b, _ in _BOMS)):
            raise SourceError("looks like a binary file, not text")
        if fmt == "html":
            text, encoding = _read_html(data, suffix)
        else:
            text, encoding = decode_bytes(data)
    if legacy is None:
        legacy = detect_legacy(text)
    if legacy is not None:
        text = from_legacy(text, legacy)
        warnings.append(_legacy_warning(legacy))
    if "\ufffd" in text:
        warnings.append(ReportWarning(code="undecodable_text", message="some bytes could not be decoded and show as \ufffd"))
    return Source(text=text, path=str(path), format=fmt, encoding=encoding, legacy=legacy, warnings=tuple(warnings))
