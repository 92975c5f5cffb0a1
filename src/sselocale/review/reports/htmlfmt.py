"""The status report as one self-contained HTML page with a heatmap of articles × languages,
and the review queue (fuzzy entries by the machine's confidence) as another.

Named ``htmlfmt`` rather than ``html`` so that it is never mistaken for the standard module.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from ..coverage import Coverage, StatusReport
from ..queue import Suggestion
from .common import HEAD, numbers, relative

_CSS = """
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; padding: 1rem; color: #1b1b1b; background: #fafafa; line-height: 1.4; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.summary { margin: 0 0 1rem; color: #444; }
.scroll { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: .35rem .5rem; border: 1px solid #ddd; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #eee; position: sticky; top: 0; }
.heatmap th[scope=row] { position: sticky; left: 0; background: #fff; max-width: 14rem;
  overflow: hidden; text-overflow: ellipsis; }
.heatmap td { min-width: 4.5rem; color: #111; }
.heatmap td small { display: block; font-size: .75rem; color: #333; }
.heatmap tfoot th, .heatmap tfoot td { font-weight: bold; border-top: 2px solid #999; }
.legend { display: flex; gap: .5rem; flex-wrap: wrap; font-size: .85rem; margin: .5rem 0; }
.heatmap td.stale { outline: 3px dashed #b00020; outline-offset: -3px; }
.stale-list li { margin: .2rem 0; } .stale-list code { word-break: break-all; }
.legend span { padding: .1rem .4rem; border-radius: .2rem; }
@media (max-width: 600px) { body { padding: .5rem; } th, td { padding: .3rem .35rem; font-size: .85rem; } }
"""


def heat_colour(percent: float) -> str:
    """Red at 0 %, amber at 50 %, green at 100 %: a background light enough for dark text."""
    hue = round(1.2 * max(0.0, min(100.0, percent)))
    return f"hsl({hue}, 70%, 78%)"


def _cell(cov: Coverage, *, slug: str, lang: str, tag: str = "td", stale: bool = False) -> str:
    e = html.escape
    c = cov.counts
    title = (f"{c.translated} reviewed, {c.fuzzy} fuzzy, {c.untranslated} untranslated of {c.total}; "
             f"{cov.words_translated}/{cov.words} words")
    if stale:
        title += "; stale: run sselocale sync"
    return (
        f'<{tag} class="cell{" stale" if stale else ""}"{" data-stale" if stale else ""} data-article="{e(slug)}" data-lang="{e(lang)}" '
        f'data-percent="{cov.percent:.1f}" data-translated="{c.translated}" data-fuzzy="{c.fuzzy}" '
        f'data-total="{c.total}" style="background:{heat_colour(cov.percent)}" title="{e(title)}">'
        f"{cov.percent:.0f}%<small>{c.translated}/{c.total}{' stale' if stale else ''}</small></{tag}>"
    )


def status_html(report: StatusReport) -> str:
    """One self-contained page: totals per language and a heatmap of articles × languages."""
    e = html.escape
    total = report.total
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Translation status: {e(report.project)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Translation status: {e(report.project)}</h1>",
        f'<p class="summary">{len(report.articles)} articles, {len(report.languages)} languages: '
        f"{total.counts.translated} of {total.total} units reviewed ({total.percent:.1f}%), "
        f"{total.counts.fuzzy} fuzzy, {total.counts.untranslated} untranslated.</p>",
        "<h2>By language</h2>",
        '<div class="scroll"><table class="totals"><thead><tr><th scope="col">language</th>',
        *(f'<th scope="col">{e(h)}</th>' for h in HEAD),
        "</tr></thead><tbody>",
    ]
    for lang in report.languages:
        cov = report.language(lang)
        parts.append(f'<tr data-lang="{e(lang)}"><th scope="row">{e(lang)}</th>')
        parts.extend(f"<td>{e(v)}</td>" for v in numbers(cov))
        parts.append("</tr>")
    parts += [
        "</tbody></table></div>",
        "<h2>Reviewed units by article</h2>",
        '<div class="legend" aria-hidden="true">',
        *(f'<span style="background:{heat_colour(p)}">{p}%</span>' for p in (0, 25, 50, 75, 100)),
        "</div>",
        '<div class="scroll"><table class="heatmap"><thead><tr><th scope="col">article</th>',
        *(f'<th scope="col">{e(lang)}</th>' for lang in report.languages),
        "</tr></thead><tbody>",
    ]
    for slug, row in zip(report.articles, report.cells):
        parts.append(f'<tr><th scope="row" title="{e(slug)}">{e(slug)}</th>')
        parts.extend(_cell(cov, slug=slug, lang=lang, stale=report.is_stale(slug, lang))
                     for lang, cov in zip(report.languages, row))
        parts.append("</tr>")
    parts.append('</tbody><tfoot><tr><th scope="row">all articles</th>')
    parts.extend(_cell(report.language(lang), slug="", lang=lang) for lang in report.languages)
    parts.append("</tr></tfoot></table></div>")
    if report.stale:
        parts += [f'<h2 id="stale">Stale catalogs: {len(report.stale)}</h2>',
                  "<p>The sources changed since the last sync, so these counts are out of date: "
                  "run <code>sselocale sync</code>.</p>", '<ul class="stale-list">']
        parts += [f'<li data-article="{e(st.slug)}" data-lang="{e(st.lang)}"><code>{e(st.catalog)}</code>: '
                  f"{e(st.message)}</li>" for st in report.stale]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


_QUEUE_CSS = "td.text { white-space: normal; text-align: left; max-width: 28rem; }"


def review_html(queue: Sequence[Suggestion], *, lang: str, base: Path) -> str:
    """The review queue as one page: fuzzy entries, least sure first, confidence coloured like the heatmap."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Review queue: {e(lang)}</title>",
        f"<style>{_CSS}{_QUEUE_CSS}</style></head><body>",
        f"<h1>Review queue: {e(lang)}</h1>",
        f'<p class="summary">{len(queue)} fuzzy entries, the machine\'s least sure first.</p>',
        '<div class="scroll"><table class="queue"><thead><tr>',
        *(f'<th scope="col">{h}</th>' for h in ("where", "confidence", "why", "source", "suggestion")),
        "</tr></thead><tbody>",
    ]
    for item in queue:
        where = f"{relative(item.path, base)}:{item.line}"
        if item.confidence is None:
            value, style = "–", ""
        else:
            value, style = f"{item.confidence:.2f}", f' style="background:{heat_colour(100 * item.confidence)}"'
        data = "" if item.confidence is None else f' data-confidence="{item.confidence:.2f}"'
        parts.append(
            f'<tr{data}><td><code>{e(where)}</code></td><td{style}>{value}</td><td>{e(item.reason)}</td>'
            f'<td class="text">{e(item.msgid)}</td><td class="text" lang="{e(lang)}">{e(item.msgstr)}</td></tr>'
        )
    parts += ["</tbody></table></div>", "</body></html>"]
    return "\n".join(parts) + "\n"
