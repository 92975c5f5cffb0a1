"""Structure is preserved: rebuilt with msgstr == msgid, an article renders as its source.

Units join soft line breaks into spaces (so re-wrapping a source paragraph does
not disturb translations); a browser treats a soft break and a space alike, so
the comparison renders soft breaks as spaces on both sides. Everything else —
tags, attributes, hard breaks, code — must be identical.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sselocale.publish.build import rebuild
from sselocale.source.articles import read_article
from sselocale.source.units import segment

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "roundtrip"


def render(text: str) -> str:
    md = MarkdownIt("commonmark").enable("table")
    md.add_render_rule("softbreak", lambda *args: " ")
    return md.render(text)


def identity(path: Path) -> tuple[str, str]:
    article = read_article(path, root=path.parent)
    units = segment(article)
    built = rebuild(article, units, {u.text: u.text for u in units})
    body = "\n".join(built.text.split("\n")[article.front_matter_lines :])
    return render(article.body), render(body)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.stem)
def test_fixture_shapes_round_trip(path: Path) -> None:
    source, rebuilt = identity(path)
    assert rebuilt == source


@pytest.mark.parametrize("path", sorted((REPO / "content").glob("*.md")), ids=lambda p: p.stem)
def test_sample_articles_round_trip(path: Path) -> None:
    source, rebuilt = identity(path)
    assert rebuilt == source


# A small grammar of CommonMark documents: containers nest blocks, and each
# block may use inline markup, soft or hard breaks, and lazy continuations.
WORDS = "cooperative social economy decent work member states union solidarity mutual".split()


def inline(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
    i = rng.randrange(len(words))
    words[i] = rng.choice(
        [
            f"*{words[i]}*",
            f"**{words[i]}**",
            f"`{words[i]}`",
            f"[{words[i]}](https://example.org/{words[i]})",
            f"<span>{words[i]}</span>",
            f"{words[i]} 1,000",
            words[i].capitalize(),
        ]
    )
    return " ".join(words)


def paragraph(rng: random.Random) -> list[str]:
    lines = [inline(rng) for _ in range(rng.randint(1, 3))]
    for i in range(len(lines) - 1):
        lines[i] += rng.choice(["", "", "  ", "\\"])
    return lines


def block(rng: random.Random, depth: int) -> list[str]:
    choices = ["para", "para", "atx", "setext", "code", "fence", "html", "table", "hr"]
    if depth < 3:
        choices += ["quote", "bullet", "ordered"]
    kind = rng.choice(choices)
    if kind == "para":
        return paragraph(rng)
    if kind == "atx":
        return ["#" * rng.randint(1, 6) + " " + inline(rng) + rng.choice(["", " ##"])]
    if kind == "setext":
        return [inline(rng), rng.choice(["===", "---"])]
    if kind == "code":
        return ["    " + inline(rng)]
    if kind == "fence":
        return ["```", inline(rng), "```"]
    if kind == "html":
        return ["<div>", inline(rng), "</div>"]
    if kind == "hr":
        return ["***"]
    if kind == "table":
        return [f"| {inline(rng)} | b |", "|---|:-:|", f"| {inline(rng)} | c \\| d |"]
    children = document(rng, depth + 1, rng.randint(1, 3))
    if kind == "quote":
        out = []
        for line in children:
            lazy = out and line and not line.startswith((" ", ">", "#", "-", "*", "`", "<", "|", "1")) and rng.random() < 0.2
            out.append(line if lazy else ("> " + line).rstrip(" ") if line else ">")
        return out
    marker = "- " if kind == "bullet" else "1. "
    items = []
    for _ in range(rng.randint(1, 3)):
        item = document(rng, depth + 1, rng.randint(1, 2))
        pad = " " * len(marker)
        items.append([marker + item[0]] + [pad + line if line else "" for line in item[1:]])
        if rng.random() < 0.3:
            items.append([""])
    return [line for item in items for line in item]


def document(rng: random.Random, depth: int, count: int) -> list[str]:
    lines: list[str] = []
    for index in range(count):
        if index:
            lines.append("")
        lines.extend(block(rng, depth))
    return lines


@pytest.mark.parametrize("seed", range(150))
def test_generated_documents_round_trip(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    text = "\n".join(document(rng, 0, rng.randint(2, 6))) + "\n"
    source, rebuilt = identity(write(tmp_path, text))
    assert rebuilt == source, text


def translated(tmp_path: Path, text: str, mapping: dict[str, str]) -> str:
    path = write(tmp_path, text)
    article = read_article(path, root=tmp_path)
    return rebuild(article, segment(article), mapping).text


@pytest.mark.parametrize(
    "translation",
    ["- commence par un tiret", "# ressemble à un titre", "1. ressemble à une liste",
     "> ressemble à une citation", "```", "<div>bloc html</div>", "==="],
)
def test_a_translation_cannot_change_the_structure(tmp_path: Path, translation: str) -> None:
    text = "- Item one\n- Item two\n\nA paragraph.\n"
    out = translated(tmp_path, text, {"Item two": translation, "A paragraph.": translation})
    tokens = [t.type for t in MarkdownIt("commonmark").parse(out) if t.nesting == 1]
    assert tokens == ["bullet_list_open", "list_item_open", "paragraph_open",
                      "list_item_open", "paragraph_open", "paragraph_open"]


def test_table_cell_translation_escapes_pipes(tmp_path: Path) -> None:
    text = "| a | b |\n|---|---|\n| Yes | No |\n"
    out = translated(tmp_path, text, {"Yes": "Oui | Si", "No": "Non"})
    assert "| Oui \\| Si | Non |" in out
    cells = [t.content for t in MarkdownIt("commonmark").enable("table").parse(out) if t.type == "inline"]
    assert cells == ["a", "b", "Oui | Si", "Non"]


def test_multiline_translation_keeps_container_prefixes(tmp_path: Path) -> None:
    text = "> 1. Item in a quote\n"
    out = translated(tmp_path, text, {"Item in a quote": "Ligne un  \nligne deux"})
    assert out == "> 1. Ligne un  \n>    ligne deux\n"
