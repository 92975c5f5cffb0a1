"""Every CommonMark spec example survives extraction and rebuild untouched.

Each example is read as an article, segmented, and rebuilt with every msgstr
equal to its msgid; the rebuilt text must render to the same HTML as the
example, with soft breaks rendered as spaces on both sides (units join them by
design, and a browser shows both alike), and no translation may be refused.
The examples come from the spec itself (tests/fixtures/commonmark/, CC BY-SA 4.0).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sselocale.publish.build import rebuild
from sselocale.source.articles import read_article
from sselocale.source.units import segment

SPEC = Path(__file__).parent / "fixtures" / "commonmark" / "spec-0.31.2.json"
EXAMPLES = json.loads(SPEC.read_text(encoding="utf-8"))


def render(text: str) -> str:
    md = MarkdownIt("commonmark").enable("table")
    md.add_render_rule("softbreak", lambda *args: " ")
    return md.render(text)


def identity(tmp_path: Path, markdown: str):
    path = tmp_path / "example.md"
    path.write_text(markdown, encoding="utf-8")
    article = read_article(path, root=tmp_path)
    units = segment(article)
    built = rebuild(article, units, {u.text: u.text for u in units})
    return article, units, built


def test_the_spec_is_all_there() -> None:
    assert len(EXAMPLES) == 652
    assert len({e["example"] for e in EXAMPLES}) == 652


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['example']}-{e['section']}")
def test_example_round_trips(tmp_path: Path, example: dict) -> None:
    article, _units, built = identity(tmp_path, example["markdown"])
    assert built.refused == ()
    body = "\n".join(built.text.split("\n")[article.front_matter_lines :])
    assert render(body) == render(example["markdown"])


@pytest.mark.parametrize(
    ("markdown", "kept"),
    [
        ("Text <pre>one\ntwo</pre> after.\n", "one\ntwo"),  # a break in raw <pre> is shown
        ("[link](<foo\nbar>)\n", "<foo\nbar>"),  # joined, this would become a link
        ("<a foo=\"bar\"\nzoop=\"x\">text</a>\n", "bar\"\nzoop"),  # a tag over two lines stays a tag
    ],
)
def test_soft_breaks_inside_raw_inline_syntax_are_kept(tmp_path: Path, markdown: str, kept: str) -> None:
    _article, units, built = identity(tmp_path, markdown)
    assert any(kept in u.text for u in units), [u.text for u in units]
    assert kept in built.text


def test_plain_soft_breaks_are_still_joined(tmp_path: Path) -> None:
    _article, units, _built = identity(tmp_path, "A cooperative\nand a <em>mutual</em>\nsociety.\n")
    assert [u.text for u in units] == ["A cooperative and a <em>mutual</em> society."]
