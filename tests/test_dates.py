"""Dates in running text: recognised in English, written in the target language, kept from the engine, checked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from sselocale.mt.dates import date_spans
from sselocale.mt.engines import open_engine, probe
from sselocale.mt.placeholders import Kind, protect, restore
from sselocale.review.checks import fluency
from sselocale.review.checks.analysis import Pair
from sselocale.source.dates import WEEKDAYS, find_dates, present, render

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
LANGS = ("es", "pt", "fr", "ru")


def _norm(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("31 March 2021", "es", "31 de marzo de 2021"),
        ("31 March 2021", "pt", "31 de março de 2021"),
        ("31 March 2021", "fr", "31 mars 2021"),
        ("31 March 2021", "ru", "31 марта 2021 г."),
        ("March 29, 2021", "es", "29 de marzo de 2021"),
        ("29–31 March 2021", "es", "29–31 de marzo de 2021"),
        ("29-31 March 2021", "pt", "29–31 de março de 2021"),
        ("29–31 March 2021", "fr", "29–31 mars 2021"),
        ("29–31 March 2021", "ru", "29–31 марта 2021 г."),
        ("March 29–31, 2021", "fr", "29–31 mars 2021"),
        ("29 March – 2 April 2021", "es", "29 de marzo – 2 de abril de 2021"),
        ("February 2024", "es", "febrero de 2024"),
        ("February 2024", "pt", "fevereiro de 2024"),
        ("February 2024", "fr", "février 2024"),
        ("February 2024", "ru", "февраль 2024 г."),
        ("18 April", "es", "18 de abril"),
        ("18 April", "ru", "18 апреля"),
        ("Monday, 18 April", "fr", "lundi 18 avril"),
        ("Wednesday, 31 March 2021", "es", "miércoles, 31 de marzo de 2021"),
        ("Wednesday, 31 March 2021", "pt", "quarta-feira, 31 de março de 2021"),
        ("31st of March 2021", "fr", "31 mars 2021"),
    ],
)
def test_dates_are_written_the_target_languages_way(text: str, lang: str, expected: str) -> None:
    [mention] = find_dates(f"It happened on {text}.")
    assert mention.text == text
    assert _norm(render(mention, lang)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 February 2021",           # no such day
        "Tuesday, 31 March 2021",     # 31 March 2021 was a Wednesday: the reviewer decides
        "in March",                   # a month alone takes the case of its sentence
        "the may 2024 meeting",       # lower case: the verb, not the month
        "Recommendation No. 193",
        "31 March 21",                # a two-digit year is not read as a year
    ],
)
def test_what_is_not_a_date_is_left_alone(text: str) -> None:
    found = find_dates(text)
    assert not found or found[0].text != text and "21" not in found[0].text.split()[-1:]


@settings(max_examples=150, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       us=st.booleans(), weekday=st.booleans(), lang=st.sampled_from(LANGS))
def test_any_date_is_found_and_rendered_as_babel_writes_it(day: dt.date, us: bool, weekday: bool, lang: str) -> None:
    written = f"{MONTHS[day.month - 1]} {day.day}, {day.year}" if us else f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if weekday:
        written = f"{WEEKDAYS[day.weekday()]}, {written}"
    [mention] = find_dates(f"Held on {written} in Geneva.")
    assert (mention.text, mention.first, mention.last) == (written, day, None)
    rendered = render(mention, lang)
    assert rendered == format_date(day, "full" if weekday else "long", locale=lang)
    assert present(mention, f"Se celebró el {rendered}.", lang)
    # The English form is not the language's form (no language here names a month as English does).
    assert not present(mention, f"Held on {written}.", lang)


@settings(max_examples=100, deadline=None)
@given(first=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 1)),
       length=st.integers(1, 20), lang=st.sampled_from(LANGS))
def test_ranges_keep_both_days_and_the_year(first: dt.date, length: int, lang: str) -> None:
    last = first + dt.timedelta(days=length)
    if last.year != first.year:
        return
    if last.month == first.month:
        written = f"{first.day}–{last.day} {MONTHS[first.month - 1]} {first.year}"
    else:
        written = f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {first.year}"
    [mention] = find_dates(written)
    assert (mention.first, mention.last) == (first, last)
    rendered = _norm(render(mention, lang))
    numbers = re.findall(r"\d+", rendered)
    assert numbers[0] == str(first.day) and str(last.day) in numbers and str(first.year) in numbers
    assert present(mention, rendered, lang)


def test_date_spans_hide_dates_and_give_their_target_form() -> None:
    text = "On 18 April 2023, and again in February 2024, the Assembly met."
    spans = date_spans(text, "fr")
    assert [(text[s.start:s.end], s.replacement, s.kind) for s in spans] == [
        ("18 April 2023", "18 avril 2023", Kind.DATE), ("February 2024", "février 2024", Kind.DATE)]
    unit = protect(text, fixed=spans)
    assert "April" not in unit.text and "February" not in unit.text
    assert restore(unit.text, unit).text == "On 18 avril 2023, and again in février 2024, the Assembly met."


def test_a_date_starting_a_sentence_gets_a_capital() -> None:
    text = "February 2024 was busy."
    unit = protect(text, fixed=date_spans(text, "es"))
    token = unit.placeholders[0].token
    assert restore(f"{token} fue ajetreado.", unit).text == "Febrero de 2024 fue ajetreado."


@pytest.mark.parametrize("lang, expected", [("es", "31 de marzo de 2021"), ("pt", "31 de março de 2021"),
                                            ("fr", "31 mars 2021")])
def test_apertium_never_sees_the_date(lang: str, expected: str) -> None:
    from test_engines import config

    text = "The meeting was held on 31 March 2021 in Geneva."
    unit = protect(text, fixed=date_spans(text, lang))
    with open_engine(probe("apertium", "en", lang), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert expected in restored.text
    assert "Marcha" not in restored.text and "March" not in restored.text


# --- the dates check ----------------------------------------------------------------

@pytest.mark.parametrize(
    "lang, source, target, finds",
    [
        ("es", "Held on 31 March 2021.", "Celebrada el 31 de marzo de 2021.", False),
        ("es", "Held on 31 March 2021.", "Celebrada el 31 Marcha 2021.", True),
        ("es", "Held on 31 March 2021.", "Celebrada el 31 de marzo.", True),
        ("ru", "Held on 31 March 2021.", "Состоялось 31 марта 2021 г.", False),
        ("ru", "Held on 31 March 2021.", "Состоялось 31 March 2021 г.", True),
        ("fr", "From 29–31 March 2021.", "Du 29 au 31 mars 2021.", False),
        ("fr", "From 29–31 March 2021.", "Du 29 mars 2021.", True),
        ("pt", "In February 2024.", "Em fevereiro de 2024.", False),
        ("pt", "No date here.", "Sem data.", False),
    ],
)
def test_the_dates_check(lang: str, source: str, target: str, finds: bool) -> None:
    message = fluency.dates.run(Pair(source, target, lang))
    assert (message is not None) == finds
    if finds:
        assert message.startswith(f"date not in the {lang} form: ")
