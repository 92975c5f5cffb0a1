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
    assert fields == [("summary", "A short summary.")]  # tags is a list, not text


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
