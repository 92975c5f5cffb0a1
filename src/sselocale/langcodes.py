"""Language codes as gettext writes them, and GNU's plural forms for each.

Catalogs live in ``locales/<code>/`` and carry ``Language: <code>``, so a code
has one spelling: a lower-case ISO 639 language (two letters where one
exists), then optionally ``_`` and an upper-case territory, a script, or an
``@modifier`` (``pt_BR``, ``sr@latin``). BCP 47's hyphen is read as gettext's
underscore; other spellings are refused with the right code suggested:

    >>> canonical("pt-BR")
    'pt_BR'
    >>> language_problem("fra")
    "unknown language code 'fra': write 'fr' (ISO 639-1, as gettext does)"

Plural forms come from GNU gettext's own table (``msginit``), not from the
installed Babel: newer CLDR releases changed the rules for French, Spanish
and Russian, and a catalog's header must not depend on a library's version.
"""

from __future__ import annotations

import re

_CODE = re.compile(
    r"^(?P<lang>[a-z]{2,3})"
    r"(?:_(?P<script>[A-Z][a-z]{3}))?"
    r"(?:_(?P<territory>[A-Z]{2}|[0-9]{3}))?"
    r"(?:@(?P<modifier>[a-z0-9]+))?$"
)

_SLAVIC_EAST = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
_WEST_SLAVIC = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"
_ONE = "nplurals=1; plural=0;"
_TWO = "nplurals=2; plural=(n != 1);"
_TWO_FR = "nplurals=2; plural=(n > 1);"

#: GNU gettext's table of plural forms (``gettext-tools/src/plural-table.c``).
GNU_PLURAL_FORMS: dict[str, str] = {
    "ja": _ONE, "vi": _ONE, "ko": _ONE, "zh": _ONE,
    **{code: _TWO for code in (
        "en", "de", "nl", "sv", "da", "no", "nb", "nn", "fo", "es", "pt", "it",
        "bg", "el", "fi", "et", "he", "eo", "hu", "tr", "ca",
    )},
    "pt_BR": _TWO_FR,
    "fr": _TWO_FR,
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    **{code: _SLAVIC_EAST for code in ("ru", "uk", "be", "sr", "hr")},
    "cs": _WEST_SLAVIC, "sk": _WEST_SLAVIC,
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}

HINT = "use a gettext language code such as fr, es, pt, ru or pt_BR"


def canonical(code: str) -> str:
    """``code`` with BCP 47's hyphen read as gettext's underscore (``pt-BR`` → ``pt_BR``)."""
    return code.strip().replace("-", "_")


def suggestion(code: str) -> str | None:
    """The gettext spelling of a code written another way (``FR``, ``fra``, ``pt_br``)."""
    parts = canonical(code).split("@", 1)
    pieces = parts[0].split("_")
    if not pieces[0].isalpha():
        return None
    lang = pieces[0].lower()
    lang = _aliases().get(lang, lang)
    rest = []
    for piece in pieces[1:]:
        if len(piece) == 4 and piece.isalpha():
            rest.append(piece.title())
        else:
            rest.append(piece.upper())
    fixed = "_".join([lang, *rest]) + (f"@{parts[1].lower()}" if len(parts) > 1 else "")
    if fixed == canonical(code) or not _CODE.match(fixed) or not _babel_knows(fixed):
        return None
    return fixed


def language_problem(code: str) -> str | None:
    """Why ``code`` is not a language code the project accepts, or None if it is.

    The message suggests the right code where one can be guessed.
    """
    text = canonical(code)
    if _CODE.match(text) and text.split("_")[0].split("@")[0] not in _aliases() and _babel_knows(text):
        return None
    better = suggestion(code)
    if better is not None:
        why = "gettext's spelling" if better.lower() == text.lower() else "ISO 639-1, as gettext does"
        return f"unknown language code {code!r}: write {better!r} ({why})"
    return f"unknown language code {code!r}"


def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value for a new catalog in ``code``.

    GNU's table first (``pt_BR`` before ``pt``), then the language alone, then
    the installed Babel's CLDR rule for languages GNU does not list.
    """
    text = canonical(code)
    base = re.split(r"[_@]", text, maxsplit=1)[0]
    for key in (text.split("@")[0], base):
        if key in GNU_PLURAL_FORMS:
            return GNU_PLURAL_FORMS[key]
    from babel import Locale
    from babel.messages.plurals import get_plural

    return get_plural(Locale.parse(text)).plural_forms


def team_name(code: str) -> str:
    """``French (français)``: the language in English and in itself (``Portuguese (Brazil)``)."""
    from babel import Locale

    locale = Locale.parse(canonical(code))
    english = locale.get_display_name("en") or code
    native = locale.get_display_name(locale) or code
    if native == english or locale.territory or locale.script or locale.modifier:
        return english
    return f"{english} ({native})"


def _aliases() -> dict[str, str]:
    """CLDR's language aliases (``fra``/``fre`` → ``fr``, ``iw`` → ``he``), language part only."""
    from babel.core import get_global

    return {k: v for k, v in get_global("language_aliases").items() if "_" not in k and "_" not in v}


def _babel_knows(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True
