"""Segmentation: which texts become units, with which kind, line and text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sselocale.source.articles import read_article
from sselocale.source.units import UnitKind, has_prose, join_soft_breaks, segment

DOC = """\
---
title: The ILO and the SSE
summary: A short summary.
date: 2023-04-18
tags: [sse]
slug: ilo-sse
---

# A heading with *emphasis*

A paragraph with a [link](https://www.ilo.org/sse "ILO")
wrapped over two lines.

- An item
  - A nested item

1. A numbered item

> A quotation.

| Year | Event |
|------|-------|
| 1919 | The ILO is founded |

![A cooperative meeting](/images/meeting.jpg)

Inline `code span` stays.

```
code blocks are never units
```

<div>raw HTML is never a unit</div>

<https://www.ilo.org/only-a-url>
"""

EXPECTED = [
    (2, UnitKind.FIELD, "The ILO and the SSE"),
    (3, UnitKind.FIELD, "A short summary."),
    (9, UnitKind.HEADING, "A heading with *emphasis*"),
    (11, UnitKind.PARAGRAPH, 'A paragraph with a [link](https://www.ilo.org/sse "ILO") wrapped over two lines.'),
    (14, UnitKind.LIST_ITEM, "An item"),
    (15, UnitKind.LIST_ITEM, "A nested item"),
    (17, UnitKind.LIST_ITEM, "A numbered item"),
    (19, UnitKind.BLOCKQUOTE, "A quotation."),
    (21, UnitKind.TABLE_CELL, "Year"),
    (21, UnitKind.TABLE_CELL, "Event"),
    (23, UnitKind.TABLE_CELL, "The ILO is founded"),
    (25, UnitKind.IMAGE_ALT, "A cooperative meeting"),
    (27, UnitKind.PARAGRAPH, "Inline `code span` stays."),
]


def article(tmp_path: Path, text: str, name: str = "ilo-sse.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path, root=tmp_path)


def test_units_of_a_varied_article(tmp_path: Path) -> None:
    units = segment(article(tmp_path, DOC))
    assert [(u.line, u.kind, u.text) for u in units] == EXPECTED
    assert {u.article for u in units} == {"ilo-sse"}
    assert units[3].reference == "ilo-sse.md:11"


def test_front_matter_fields_are_configurable(tmp_path: Path) -> None:
    units = segment(article(tmp_path, DOC), fields=("summary", "tags"))
    fields = [(u.key, u.text) for u in units if u.kind is UnitKind.FIELD]
    # A list of strings gives one unit per item, named by its index.
    assert fields == [("summary", "A short summary."), ("tags.0", "sse")]


def test_nested_front_matter_keys_and_lists_of_strings_are_units(tmp_path: Path) -> None:
    text = ("---\ntitle: T\nseo:\n  description: Decent work for all.\n  image: /i.png\n"
            "keywords:\n  - cooperatives\n  - 2023\n  - social economy\n---\n\nBody.\n")
    units = segment(article(tmp_path, text), fields=("seo.description", "keywords", "seo.missing", "title.x"))
    assert [(u.key, u.text, u.line) for u in units if u.kind is UnitKind.FIELD] == [
        ("seo.description", "Decent work for all.", 4),
        ("keywords.0", "cooperatives", 7),
        ("keywords.2", "social economy", 9),
    ]


def test_nested_front_matter_translations_are_built_in_place(tmp_path: Path) -> None:
    from sselocale.publish.build import rebuild
    from sselocale.errors import ContentError
    from sselocale.safeyaml import load

    text = ("---\ntitle: T\nseo:\n  description: Decent work for all.\n  image: /i.png\n"
            "keywords:\n  - cooperatives\n  - 2023\n  - social economy\n---\n\nBody.\n")
    doc = article(tmp_path, text)
    units = segment(doc, fields=("seo.description", "keywords"))
    built = rebuild(doc, units, {"Decent work for all.": "Travail décent pour tous.",
                                 "social economy": "économie sociale"}, lang="fr")
    front = load(built.text.split("---\n")[1], error=ContentError, path=None)
    assert front["seo"] == {"description": "Travail décent pour tous.", "image": "/i.png"}
    assert front["keywords"] == ["cooperatives", 2023, "économie sociale"]
    assert "seo.description" not in front and "keywords.2" not in front


def test_article_without_front_matter_takes_slug_from_file_name(tmp_path: Path) -> None:
    art = article(tmp_path, "# About\n\nText.\n", name="about-this-portal.md")
    assert art.slug == "about-this-portal"
    assert [(u.line, u.text) for u in segment(art)] == [(1, "About"), (3, "Text.")]


def test_hard_breaks_stay_and_soft_breaks_join() -> None:
    assert join_soft_breaks("one\ntwo") == "one two"
    assert join_soft_breaks("one  \ntwo") == "one  \ntwo"
    assert join_soft_breaks("one\\\n   two") == "one\\\ntwo"
    assert join_soft_breaks("one\\\\\ntwo") == "one\\\\ two"  # an escaped backslash is no break


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<https://www.ilo.org>", False), ("1919", False), ("`code`", False),
     ("[](https://x.org)", False), ("ILO", True), ("No. 193", True), ("Кооператив", True)],
)
def test_has_prose(text: str, expected: bool) -> None:
    assert has_prose(text) is expected


def test_identical_texts_are_separate_units(tmp_path: Path) -> None:
    units = segment(article(tmp_path, "| a | b |\n|---|---|\n| Yes | Yes |\n"))
    assert [(u.text, u.location.start) for u in units if u.text == "Yes"] == [("Yes", 2), ("Yes", 8)]


def test_set_field_writes_a_translation_back_through_its_path(tmp_path: Path) -> None:
    import io

    from ruamel.yaml import YAML

    from sselocale.source.frontmatter import prose_fields, set_field

    yaml = YAML(typ="rt")
    data = yaml.load("title: T\nseo:\n  description: Decent work.\n  image: /i.png\nkeywords: [a, 7, b]\n")
    for field in prose_fields(data, ("title", "seo.description", "keywords")):
        set_field(data, field.path, field.text.upper())
    set_field(data, "keywords.9", "ignored")
    set_field(data, "seo.image.x", "ignored")
    out = io.StringIO()
    yaml.dump(data, out)
    assert out.getvalue() == "title: T\nseo:\n  description: DECENT WORK.\n  image: /i.png\nkeywords: [A, 7, B]\n"
