"""Variables a text holds for a program to fill in: ``{name}``, ``${name}``, ``%(name)s``, ``%s``.

Machine translation hides them from engines (:mod:`sselocale.mt.placeholders`)
and the release gate's ``placeholders`` check wants each of them back, so both
read them with this one pattern.

>>> [m.group(0) for m in VARIABLE.finditer("fs.fstat{Sync}, ${user}, %(count)d and %s, not 100%sure")]
['{Sync}', '${user}', '%(count)d', '%s']
"""

from __future__ import annotations

import re

__all__ = ["VARIABLE"]

VARIABLE = re.compile(r"\$\{[A-Za-z_]\w*\}|\{[A-Za-z_][\w.]*\}|%\([A-Za-z_]\w*\)[sdif]|(?<![%\w])%[sdif](?!\w)")
