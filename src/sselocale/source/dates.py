"""English dates in running text: where they are, and how another language writes them.

Engines translate dates badly ("31 March 2021" → "31 Marcha 2021"), so the
machine translation stage hides each date from the engine and puts back the
form :func:`render` gives for the target language (Babel's CLDR data); the
``dates`` check compares a translation against the same forms. Both stages use
this module, so it sits with the source, below them.

Recognised: ``31 March 2021``, ``31st of March 2021``, ``March 31, 2021``,
``29–31 March 2021``, ``March 29–31, 2021``, ``29 March – 2 April 2021``,
``February 2024``, ``18 April``, ``March 18``, each with an optional weekday
before it (``Monday, 18 April``). A month on its own is left alone ("in March"
needs the case a sentence gives it), and so is a day that does not exist.

    >>> [d.text for d in find_dates("Held on 31 March 2021 and in February 2024.")]
    ['31 March 2021', 'February 2024']
    >>> render(find_dates("29–31 March 2021")[0], "es")
    '29–31 de marzo de 2021'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

MONTHS = {
    name: number
    for number, names in enumerate(
        (("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
         ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
         ("October", "Oct"), ("November", "Nov"), ("December", "Dec")),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_FULL = [name for name in MONTHS if name == name.rstrip(".") and (len(name) > 4 or name in ("May", "June", "July"))]
# An abbreviation may take a dot ("Sept."), a full name may not: "on 18 April." ends a sentence.
_MONTH = (r"(?:(?:" + "|".join(sorted(_FULL, key=len, reverse=True)) + r")\b|(?:"
          + "|".join(sorted(set(MONTHS) - set(_FULL), key=len, reverse=True)) + r")\b\.?)")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:[-–—]|to|until)\s*"
_WEEKDAY = r"(?:(?P<wd>" + "|".join(WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
_SP = r"[ \u00a0]+"

_ANY_MONTH = re.compile(_MONTH)
#: The first three letters of every month name, as character classes: a fast first filter.
_MONTH_HINT = re.compile(r"[ADFJMNOS][aceopu][bcglnprtvy]")
_PATTERNS = [re.compile(p) for p in (
    # 29 March – 2 April 2021
    (rf"{_WEEKDAY}(?P<d1>{_DAY})(?:{_SP}of)?{_SP}(?P<m1>{_MONTH}){_DASH}(?P<d2>{_DAY})(?:{_SP}of)?{_SP}"
     rf"(?P<m2>{_MONTH})(?:,?{_SP}(?P<y>{_YEAR}))?"),
    # 29–31 March 2021
    rf"{_WEEKDAY}(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?:{_SP}of)?{_SP}(?P<m1>{_MONTH})(?:,?{_SP}(?P<y>{_YEAR}))?",
    # March 29–31, 2021
    rf"{_WEEKDAY}(?P<m1>{_MONTH}){_SP}(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?:,?{_SP}(?P<y>{_YEAR}))?",
    # 31 March 2021, 31st of March, 18 April
    rf"{_WEEKDAY}(?P<d1>{_DAY})(?:{_SP}of)?{_SP}(?P<m1>{_MONTH})(?:,?{_SP}(?P<y>{_YEAR}))?",
    # March 31, 2021; March 18
    rf"{_WEEKDAY}(?P<m1>{_MONTH}){_SP}(?P<d1>{_DAY})(?!\d)(?:,?{_SP}(?P<y>{_YEAR}))?",
    # February 2024
    rf"(?P<m1>{_MONTH}),?{_SP}(?P<y>{_YEAR})",
)]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date (or a range of days) written in an English text: ``text[start:end]``."""

    start: int
    end: int
    text: str
    first: dt.date
    """The (first) day; for a month and year, the first of the month."""
    last: dt.date | None = None
    """The last day of a range, else None."""
    has_day: bool = True
    has_year: bool = True
    weekday: bool = False
    """Whether the source names the weekday (it is then written in the target too)."""


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text``, in order, longest reading first, none overlapping."""
    if _MONTH_HINT.search(text) is None or _ANY_MONTH.search(text) is None:
        return []  # most texts: one quick search
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-–/."):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] in "-–/"):
                continue
            if any(start < b and a < end for a, b in taken):
                continue
            mention = _mention(match, text)
            if mention is not None:
                found.append(mention)
                taken.append((start, end))
    return sorted(found, key=lambda m: m.start)


def _mention(match: re.Match[str], text: str) -> DateMention | None:
    groups = match.groupdict()
    month = MONTHS[groups["m1"].rstrip(".")]
    # Any year will do for a date written without one, as long as the day exists in it.
    year = int(groups["y"]) if groups.get("y") else 2024
    try:
        day = int(re.match(r"\d+", groups["d1"]).group(0)) if groups.get("d1") else 1
        first = dt.date(year, month, day)
        last = None
        if groups.get("d2"):
            month2 = MONTHS[groups["m2"].rstrip(".")] if groups.get("m2") else month
            last = dt.date(year, month2, int(re.match(r"\d+", groups["d2"]).group(0)))
            if last <= first:
                return None
    except ValueError:
        return None
    weekday = groups.get("wd")
    if weekday and groups.get("y") and (last is not None or WEEKDAYS[first.weekday()] != weekday):
        return None  # a weekday that does not fit the date: leave it to the reviewer
    if weekday and not groups.get("y"):
        first = _with_weekday(first, WEEKDAYS.index(weekday))
        if first is None:
            return None
    return DateMention(
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        first=first,
        last=last,
        has_day=bool(groups.get("d1")),
        has_year=bool(groups.get("y")),
        weekday=bool(weekday),
    )


def _with_weekday(day: dt.date, weekday: int) -> dt.date | None:
    """The same day and month in a year where it falls on ``weekday`` (the year is not written)."""
    for year in range(2000, 2029):
        try:
            candidate = dt.date(year, day.month, day.day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            return candidate
    return None


# --- rendering ------------------------------------------------------------------

def render(mention: DateMention, lang: str) -> str:
    """``mention`` as readers of ``lang`` write it (CLDR's long forms).

    >>> render(find_dates("31 March 2021")[0], "ru")
    '31 марта 2021 г.'
    >>> render(find_dates("Monday, 18 April")[0], "fr")
    'lundi 18 avril'
    """
    from babel.dates import format_interval, format_skeleton

    locale = _locale(lang)
    first, last = mention.first, mention.last
    if not mention.has_day:
        return format_skeleton("yMMMM", first, locale=locale)
    if last is not None:
        if not _day_first(locale):
            skeleton = "yMMMMd" if mention.has_year else "MMMMd"
            return format_interval(first, last, skeleton, locale=locale)
        tail = _single(last, mention.has_year, False, locale)
        if (first.month, first.year) == (last.month, last.year):
            return f"{first.day}–{tail}"
        return f"{_single(first, False, False, locale)} – {tail}"
    return _single(first, mention.has_year, mention.weekday, locale)


def _single(day: dt.date, year: bool, weekday: bool, locale: str) -> str:
    from babel.dates import format_date, format_skeleton, get_day_names

    if year:
        return format_date(day, "full" if weekday else "long", locale=locale)
    text = format_skeleton("MMMMd", day, locale=locale)
    if weekday:
        name = get_day_names("wide", locale=locale)[day.weekday()]
        text = f"{name}{_weekday_separator(locale)}{text}"
    return text


@cache
def _locale(lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang.split("@")[0])
    except (UnknownLocaleError, ValueError):
        return "en"
    return lang.split("@")[0]


@cache
def _day_first(locale: str) -> bool:
    from babel import Locale

    pattern = Locale.parse(locale).date_formats["long"].pattern
    return pattern.lstrip("'").startswith("d")


@cache
def _weekday_separator(locale: str) -> str:
    from babel import Locale

    pattern = Locale.parse(locale).date_formats["full"].pattern
    match = re.search(r"E+(.*?)d", pattern)
    return match.group(1) if match else " "


# --- checking a translation -------------------------------------------------------

@cache
def month_names(lang: str) -> dict[int, tuple[str, ...]]:
    """The names ``lang`` gives each month in full (formatting and stand-alone forms), lower case.

    Abbreviations are left out: Spanish abbreviates May as "may", which would
    let the English date pass for a Spanish one.
    """
    from babel.dates import get_month_names

    locale = _locale(lang)
    out: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    for context in ("format", "stand-alone"):
        for width in ("wide",):
            for number, name in get_month_names(width, context, locale=locale).items():
                out[number].add(name.lower().rstrip("."))
    return {m: tuple(sorted(names, key=len, reverse=True)) for m, names in out.items()}


def present(mention: DateMention, translation: str, lang: str) -> bool:
    """Whether ``translation`` writes the date of ``mention`` in ``lang``'s way.

    Tolerant on purpose: the day numbers, the year and a month name of the
    target language must be there (formatting or stand-alone form, so "марта"
    and "март" both count); an English month name is not enough.
    """
    lowered = translation.lower()
    numbers = set(re.findall(r"\d+", translation))
    wanted = []
    if mention.has_day:
        wanted.append(str(mention.first.day))
        if mention.last is not None:
            wanted.append(str(mention.last.day))
    if mention.has_year:
        wanted.append(str(mention.first.year))
    if not all(w in numbers for w in wanted):
        return False
    months = [mention.first.month] + ([mention.last.month] if mention.last is not None else [])
    names = month_names(lang)
    return all(any(_word_in(name, lowered) for name in names[m]) for m in months)


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
