"""Text in raw HTML blocks becomes units (kind ``html``) and is put back in place."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from sselocale.source.articles import read_article
from sselocale.source.htmlunits import html_texts
from sselocale.source.rebuild import replace_units
from sselocale.source.skeleton import skeleton
from sselocale.source.units import Region, UnitKind, segment

FIXTURE = Path(__file__).parent / "fixtures" / "roundtrip" / "html-blocks.md"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _ in attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))


def tags(text: str) -> list[tuple]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def units_of(path: Path):
    article = read_article(path, root=path.parent)
    return article, segment(article)


def test_text_elements_and_attributes_are_units() -> None:
    _article, units = units_of(FIXTURE)
    html = [u.text for u in units if u.kind is UnitKind.HTML]
    assert html == [
        'The International Labour Conference adopted a <a href="https://www.ilo.org/ilc">resolution</a> '
        "on the SSE &mdash; its first.",
        "What the resolution asks of Member States",
        "Build an enabling <em>policy</em> environment.",
        "Collect statistics on cooperatives",
        "Involve the social partners.",
        "Participants in Turin",
        "SSE Academy, 2010",
        "The first SSE Academy, Turin.",
        "Year",
        "Event",
        "Johannesburg conference on the SSE",
        "Inside a <code>div</code>, with <code>sselocale sync</code> kept whole.",
        "Follow-up",
    ]
    assert all(isinstance(u.location, Region) for u in units if u.kind is UnitKind.HTML)


def test_script_style_pre_and_code_are_never_units() -> None:
    html = "<pre><p>code</p></pre><script>var p = '<p>x</p>';</script><style>p{}</style><p><code>x</code> y</p>"
    assert [html[t.start:t.end] for t in html_texts(html)] == ["<code>x</code> y"]


def test_translations_go_back_in_place_and_keep_every_tag() -> None:
    article, units = units_of(FIXTURE)
    translations = {u.text: f'« {u.text} »\n\n"traduit"' for u in units}
    rebuilt = replace_units(article, units, translations)
    assert tags(rebuilt) == tags(article.text)
    assert 'alt="« Participants in Turin » &quot;traduit&quot;"' in rebuilt
    assert "<summary>« What the resolution asks of Member States » \"traduit\"</summary>" in rebuilt
    assert 'var message = "never a unit";' in rebuilt and "<p>Shown as code, never a unit.</p>" in rebuilt
    # No blank line inside an HTML block: it would end the block and turn the rest into Markdown.
    assert skeleton(rebuilt) == skeleton(article.text)


def test_untranslated_html_keeps_its_line_breaks() -> None:
    article, units = units_of(FIXTURE)
    rebuilt = replace_units(article, units, {u.text: u.text for u in units if u.kind is UnitKind.HTML})
    assert rebuilt == article.text


@pytest.mark.parametrize("html", ["<p>unclosed <b>bold</p>", "<li>one<li>two", "<p a=\"<\">x</p>", "<td>"])
def test_odd_html_gives_whole_pieces_or_none(html: str) -> None:
    for piece in html_texts(html):
        assert 0 <= piece.start <= piece.end <= len(html)
        assert "<p" not in html[piece.start:piece.end]


def test_html_in_a_list_item_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("- item\n\n  <p>Nested HTML.</p>\n", encoding="utf-8")
    assert [u.text for u in units_of(path)[1]] == ["item"]
