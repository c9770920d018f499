"""One self-contained HTML page showing a report's text with every figure highlighted.

A colour per category; the structured values show on hover and on keyboard
focus (figures are focusable); warnings are underlined in wavy red and
unassigned numerals outlined; a table of all figures follows the text, each row
linking to its highlight.  The page has no scripts and loads nothing: styles
are inline, so it can be mailed or opened offline.

>>> from bk_report.models import CouncilFigure, CouncilMeasure, Report, Span
>>> text = "HĐND xã đã tổ chức 05 kỳ họp."
>>> fig = CouncilFigure(measure=CouncilMeasure.sessions_held, count=5, rule="council.sessions",
...                     span=Span(start=19, end=28, text="05 kỳ họp"))
>>> page = render_html(text, Report(council=[fig]), title="xa.txt")
>>> '<mark class="hl fig cat-council"' in page, 'data-fig="0"' in page, "http" in page
(True, True, False)
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Optional

from .export import CATEGORIES, report_rows
from .models import NumberRole, Report

__all__ = ["render_html", "COLOURS"]

#: Category -> highlight colour (light backgrounds readable with black text).
COLOURS = {
    "discipline": "#ffd6a5",
    "membership": "#caffbf",
    "council": "#9bf6ff",
    "targets": "#ffc6ff",
    "indicators": "#fdffb6",
}

_LABELS = {
    "discipline": "discipline (kiểm tra, giám sát, kỷ luật)",
    "membership": "party membership (kết nạp, xóa tên)",
    "council": "People's Council (HĐND)",
    "targets": "plan targets (chỉ tiêu)",
    "indicators": "socio-economic indicators",
}

_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.6 "Noto Serif", "DejaVu Serif", Georgia, serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; color: #111; background: #fff; }
h1 { font-size: 1.4rem; margin: .5rem 0; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.summary { color: #444; margin: .25rem 0 .75rem; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; font-size: .9rem; }
.legend li { display: inline-flex; align-items: center; gap: .35rem; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; border: 1px solid #888; border-radius: 3px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ddd; border-radius: 6px; padding: 1rem 1.25rem; background: #fcfcfc; }
.hl { position: relative; border-radius: 3px; }
mark.hl { color: inherit; padding: 0 1px; box-shadow: 0 0 0 1px rgba(0,0,0,.25) inset; }
mark.hl.multi { box-shadow: 0 0 0 2px rgba(0,0,0,.55) inset; }
.hl:focus { outline: 2px solid #1a5fb4; outline-offset: 1px; }
.warn { text-decoration: underline wavy #c01c28; text-decoration-thickness: 1.5px; text-underline-offset: 3px; }
.unassigned { border-bottom: 2px dotted #5e5c64; background: #ececec; }
.hl[data-tip]:hover::after, .hl[data-tip]:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: 100%; margin-top: 4px; z-index: 10;
  white-space: pre; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; color: #fff;
  background: #241f31; padding: .45em .65em; border-radius: 5px; box-shadow: 0 2px 8px rgba(0,0,0,.3);
}
table { border-collapse: collapse; width: 100%; font: 14px/1.4 system-ui, "DejaVu Sans", sans-serif; }
th, td { border: 1px solid #ddd; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.values { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; white-space: pre-line; }
.anchor { scroll-margin-top: 3rem; }
ul.warnings li { margin: .2rem 0; }
"""


@dataclass
class _Item:
    start: int
    end: int
    kind: str  # fig, warn, num
    index: int
    category: Optional[str]
    tip: str


def _value_lines(row: dict) -> list[str]:
    skip = {"source", "year", "category", "span_start", "span_end", "span_text", "rule"}
    out = []
    for key, value in row.items():
        if key in skip or value is None:
            continue
        out.append(f"{key} = {value}")
    return out


def _items(text: str, report: Report) -> tuple[list[_Item], list[dict]]:
    items: list[_Item] = []
    rows = report_rows(report)
    for i, row in enumerate(rows):
        tip = "\n".join([f"{row['category']} #{i}", *_value_lines(row), f"rule = {row['rule']}"])
        items.append(_Item(row["span_start"], row["span_end"], "fig", i, row["category"], tip))
    for k, w in enumerate(report.warnings):
        if w.span is not None:
            items.append(_Item(w.span.start, w.span.end, "warn", k, None, f"warning: {w.code}\n{w.message}"))
    for k, n in enumerate(report.numbers):
        if n.role == NumberRole.unassigned:
            value = "" if n.value is None else f" = {n.value}"
            items.append(_Item(n.span.start, n.span.end, "num", k, None, f"unassigned numeral{value}"))
    n = len(text)
    items = [it for it in items if 0 <= it.start < it.end <= n]
    return items, rows


def _render_text(text: str, items: list[_Item]) -> str:
    cuts = sorted({0, len(text), *(it.start for it in items), *(it.end for it in items)})
    out: list[str] = []
    started: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        chunk = escape(text[a:b], quote=False)
        cover = [it for it in items if it.start <= a and b <= it.end]
        if not cover:
            out.append(chunk)
            continue
        for it in cover:  # link targets for the figure table, at the first piece of a figure
            if it.kind == "fig" and it.index not in started and it.start == a:
                started.add(it.index)
                out.append(f'<a class="anchor" id="fig-{it.index}"></a>')
        figs = sorted((it for it in cover if it.kind == "fig"), key=lambda it: (it.end - it.start, it.index))
        tip = "\n—\n".join(it.tip for it in cover)
        classes = ["hl"]
        attrs = [f'data-tip="{escape(tip)}"', 'tabindex="0"']
        if figs:
            classes += ["fig", f"cat-{figs[0].category}"]
            if len(figs) > 1:
                classes.append("multi")
            attrs.insert(0, f'data-fig="{" ".join(str(it.index) for it in figs)}"')
        if any(it.kind == "warn" for it in cover):
            classes.append("warn")
            attrs.append(f'data-warning="{" ".join(str(it.index) for it in cover if it.kind == "warn")}"')
        if any(it.kind == "num" for it in cover) and not figs:
            classes.append("unassigned")
        tag = "mark" if figs else "span"
        out.append(f'<{tag} class="{" ".join(classes)}" {" ".join(attrs)}>{chunk}</{tag}>')
    return "".join(out)


def render_html(text: str, report: Report, title: Optional[str] = None, note: Optional[str] = None) -> str:
    """The HTML page (a ``str``) for ``report`` extracted from ``text``.

    ``title`` names the document (a file name); ``note`` is a line shown under it
    (how the file was read).  Spans must index into ``text``.
    """
    items, rows = _items(text, report)
    title = title or "bk_report"
    counts = {cat: len(getattr(report, cat)) for cat, _ in CATEGORIES}
    unassigned = sum(1 for it in items if it.kind == "num")
    css_cats = "\n".join(f"mark.cat-{cat} {{ background: {colour}; }}" for cat, colour in COLOURS.items())
    head = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} — bk_report</title>",
        f"<style>{_CSS}\n{css_cats}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
    ]
    body = []
    if note:
        body.append(f'<p class="summary">{escape(note)}</p>')
    year = f"year {report.year} · " if report.year is not None else ""
    locality = getattr(report, "locality", None)
    if locality is not None:
        province = f", {locality.province}" if getattr(locality, "province", None) else ""
        year = f"{escape(locality.name)}{escape(province)} · " + year
    period = getattr(report, "period", None)
    if period is not None and getattr(period, "term_start", None) and getattr(period, "term_end", None):
        year += f"term {period.term_start}–{period.term_end} · "
    elif period is not None and getattr(period, "part", None):
        year += f"period {escape(period.part)} · "
    body.append(
        f'<p class="summary">{year}{len(rows)} figures · {len(report.warnings)} warnings · '
        f"{unassigned} unassigned numerals</p>"
    )
    body.append('<ul class="legend">')
    for cat, colour in COLOURS.items():
        body.append(f'<li><span class="swatch" style="background:{colour}"></span>{escape(_LABELS[cat])} ({counts[cat]})</li>')
    body.append('<li><span class="warn">wavy underline</span> warning</li>')
    body.append('<li><span class="unassigned">dotted</span> unassigned numeral</li>')
    body.append("</ul>")
    body.append(f'<div class="text" id="text">{_render_text(text, items)}</div>')
    if report.warnings:
        body.append('<h2 id="warnings">Warnings</h2><ul class="warnings">')
        for w in report.warnings:
            where = f" — “{escape(w.span.text)}” at {w.span.start}" if w.span else ""
            body.append(f"<li><b>{escape(w.code)}</b>: {escape(w.message)}{where}</li>")
        body.append("</ul>")
    body.append('<h2 id="figures">Figures</h2>')
    if rows:
        body.append('<table><thead><tr><th>#</th><th>category</th><th>text</th><th>values</th><th>span</th><th>rule</th></tr></thead><tbody>')
        for i, row in enumerate(rows):
            colour = COLOURS.get(row["category"], "#eee")
            body.append(
                f'<tr data-fig="{i}"><td>{i}</td>'
                f'<td><span class="swatch" style="background:{colour}"></span> {escape(row["category"])}</td>'
                f'<td><a href="#fig-{i}">{escape(row["span_text"])}</a></td>'
                f'<td class="values">{escape(chr(10).join(_value_lines(row)))}</td>'
                f'<td>{row["span_start"]}–{row["span_end"]}</td><td>{escape(row["rule"])}</td></tr>'
            )
        body.append("</tbody></table>")
    else:
        body.append("<p>No figures were found.</p>")
    return "\n".join(head + body + ["</body>", "</html>", ""])
