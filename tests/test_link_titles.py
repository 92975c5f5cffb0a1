"""Titles of standalone images and of reference definitions are units, put back inside their quotes."""

from __future__ import annotations

from pathlib import Path

from sselocale.source.articles import read_article
from sselocale.source.rebuild import replace_units
from sselocale.source.skeleton import skeleton
from sselocale.source.units import UnitKind, segment

SOURCE = """\
![Map](/m.png "A map of \\"Turin\\"")

See [ILO] and [the list][x].

[ILO]: https://www.ilo.org "The ILO site"
[x]: /y (Paren title)

```
[z]: /q "not this: code"
```

Text ![i](/i.png "inline, not standalone") here.
"""


def test_titles_are_units_and_go_back_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(SOURCE, encoding="utf-8")
    article = read_article(path, root=tmp_path)
    units = segment(article)
    titles = [u.text for u in units if u.kind is UnitKind.TITLE]
    assert titles == ['A map of \\"Turin\\"', "The ILO site", "Paren title"]
    hostile = 'Le "titre" (x) \\'
    rebuilt = replace_units(article, units, {t: hostile for t in titles})
    assert '![Map](/m.png "Le \\"titre\\" (x) \\\\")' in rebuilt
    assert '[x]: /y (Le "titre" \\(x\\) \\\\)' in rebuilt
    assert skeleton(rebuilt) == skeleton(article.text)
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(rebuilt)
    assert 'title="Le &quot;titre&quot; (x) \\"' in html
    assert html.count('title="Le &quot;titre&quot; (x) \\"') == 3
