"""Hide markup from machine translation, and put it back afterwards.

A unit is Markdown: links, emphasis, code spans, images, inline HTML, URLs,
e-mail addresses and numbers sit in the prose. Engines should translate only
the prose, so :func:`protect` replaces each of these with a *token*, one
private-use character (U+E000 onwards) that no engine knows and every engine
carries over as an unknown word. Paired markup (``**…**``, ``[…](url)``) becomes
an opening and a closing token, so the words in between are still translated.

:func:`restore` puts the source markup back where the engine left the tokens,
and reports what the engine dropped instead of failing: the unit is still filled,
and the caller writes what was lost into the PO comment.

Extra spans can be hidden with :class:`FixedSpan`: that is how glossary terms are
enforced. The source words go to the engine as one token, and the term's
target-language form is inserted at restore (capitalised at a sentence start).

The modules, in the order a unit goes through them: :mod:`.tokens` (the data
and the token alphabet), :mod:`.scan` (what counts as markup, on the machinery
of :mod:`.spans`), :mod:`.protect`, :mod:`.restore`.

    >>> p = protect("See the [ILO site](https://ilo.org) in **2024**.")
    >>> restore(p.text, p).text
    'See the [ILO site](https://ilo.org) in **2024**.'
"""

from .protection import protect
from .restoration import restore
from .scan import markup_spans
from .tokens import TOKEN_BASE, TOKEN_LIMIT, FixedSpan, Kind, Placeholder, Protected, Restored, token

__all__ = [
    "TOKEN_BASE",
    "TOKEN_LIMIT",
    "FixedSpan",
    "Kind",
    "Placeholder",
    "Protected",
    "Restored",
    "markup_spans",
    "protect",
    "restore",
    "token",
]
