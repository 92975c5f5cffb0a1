"""Names stay names: personal names found in a source text, to keep away from the engine.

Engines translate a name word by word ("Mr Guy Tchami" → "Señor Tipo Tchami",
"Roberto Di Meglio" → "Roberto Dei Meglio"). Two kinds of span are kept as
written:

- the capitalised words after an honorific or a title (``Mr``, ``Ms``, ``Dr``,
  ``Prof.``, ``Director-General``…): the title itself is still translated;
- a run of two to four capitalised words (name particles such as ``Di`` or
  ``van`` allowed inside) that is no glossary term and holds no word of an
  institution's name (``United Nations``, ``Task Force``), those being left to
  the engine, which knows them, and to the glossary, nor a word of a Title Case
  heading (``Warm Up Frequently Used Files``, ``Deployment Guide``).

A run that starts a sentence must not start with a common sentence opener
("The", "In"), and a unit written in Title Case (a heading) gets only the
first kind: its capitals say nothing about names.

    >>> [s for s in name_spans("Mr Guy Tchami met Roberto Di Meglio.")]
    [(3, 13), (18, 35)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Madam", "Mme",
    "Director-General", "Deputy Director-General", "Secretary-General", "Assistant Director-General",
    "Director", "Minister", "President", "Vice-President", "Ambassador", "Chair", "Chairperson",
    "Commissioner", "Senator", "Governor", "Mayor", "Judge", "Rev", "H.E.", "HE",
)
PARTICLES = frozenset({"de", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "der", "den",
                       "du", "des", "la", "le", "bin", "ben", "al", "el", "y", "e", "ter", "St", "Di",
                       "De", "Da", "Van", "Von", "Del", "Du", "Le", "La", "Al", "El", "Mac", "Mc"})
#: Words of institutions', events' and documents' names: a run with one of them is no person.
INSTITUTIONAL = frozenset("""
united nations international national organization organisation office general assembly conference
economy social solidarity development day week year forum group task force committee council agenda
goals goal report network alliance cooperative cooperatives co-operative programme program
department ministry union bank fund commission centre center institute university global regional
world european african american asian arab summit meeting session resolution declaration
partnership initiative action plan strategy platform project labour labor employment employers
workers trade federation association foundation agency secretariat board management manager
coordinator officer unit research studies school college academy review journal news press high
level sustainable economic affairs policy policies state states republic kingdom government city
region province north south east west northern southern eastern western central sector private
public enterprise enterprises business decent work jobs rights human charter convention
recommendation protocol principles guidelines framework fair finance financial investment
social-economy team award the a an of and for in on at to with by from
""".split())  # noqa: SIM905 (a word list reads best as words)
#: Words of Title Case headings ("Warm Up Frequently Used Files"): a run with one of them is no person.
COMMON = frozenset("""
up down out off now not no yes use uses used using get gets getting make makes making set sets setting
add adds adding build builds building run runs running start starting create creating install
installing configure configuring update updates updated change changes changed move moving remove
removed removing deprecated works working learn learning read reading write writing find finding
keep help helps support supports supported improve improved improvements warm take give join share
contribute contributing manage managing choose see go going default custom common basic advanced
simple quick full your you can will should do does is are was be been into via without files file
guide guides options option features feature target browser plugin plugins config configuration mode
server setup overview introduction examples example reference rules rule tips questions notes steps
step release releases version versions code data page pages site content users user community
people time way ways things issues issue docs documentation tools tool types type security
performance changes migration migrating breaking api apis cli faq added fixed bumped dropped
theme themes variable variables defaults template templates download downloads front matter menu
entry entries link links linking post posts blog tag tags image images icon icons logo dark light
search settings layout layouts request requests pull fork branch deploy hosting workflow workflows
""".split())  # noqa: SIM905
#: Endings of English words that are no names ("Frequently", "Dependency", "Deployment").
_COMMON_ENDING = re.compile(r"(?:\w{4,}ly|\w+(?:tion|tions|ment|ments|ness|ity|ities|ency|ance|ize|ized|ise|ised))$")
#: Sentence openers that are capitalised only because they start the sentence.
OPENERS = frozenset("""
The A An In On At For With From To Of And But Or As By This These That Those Our We It Its Their
They He She His Her There Here When While After Before Since During Under Over About Among Between
Through Each Every All Some Many Most New More Such Other Both What How Why Where Who Which If
Although Today Following According Also Further Finally However Meanwhile Members Participants
Speakers One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Hundred Thousand Million
Billion First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Last Next Key Main Top
Best
""".split())  # noqa: SIM905 (a word list reads best as words)

_WORD = r"(?:[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z][a-zà-öø-ÿ'’]+)*|[A-Z]\.(?=[ \u00a0][A-Z]))"
_RUN = re.compile(rf"{_WORD}(?:[ \u00a0](?:(?:{'|'.join(sorted(PARTICLES, key=len, reverse=True))})[ \u00a0])?{_WORD})+")
_TITLED = re.compile(
    r"\b(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\.?,?[ \u00a0]+"
    rf"(?P<name>{_WORD}(?:[ \u00a0](?:(?:{'|'.join(sorted(PARTICLES, key=len, reverse=True))})[ \u00a0])?{_WORD}){{0,3}})"
)
_SENTENCE_END = (".", "!", "?", "…", ":")


def name_spans(text: str, *, avoid: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of each name to keep in ``text``, none overlapping ``avoid`` (glossary terms)."""
    avoid = list(avoid)
    found: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if any(start < b and a < end for a, b in [*avoid, *found]):
            return
        found.append((start, end))

    for match in _TITLED.finditer(text):
        start, end = match.span("name")
        words = match.group("name").split()
        if not any(w.lower() in INSTITUTIONAL for w in words):
            add(start, end)
    if not _title_case(text):
        for match in _RUN.finditer(text):
            start, end = match.span()
            words = match.group(0).split()
            if _sentence_start(text, start) and words[0] in OPENERS:
                words = words[1:]
                start = text.index(words[0], start) if words else end
            real = [w for w in words if w not in PARTICLES and not w.endswith(".")]
            if len(real) < 2 or len(words) > 5 or any(_no_name(w) for w in words):
                continue
            add(start, end)
    return sorted(found)


def _no_name(word: str) -> bool:
    """Whether ``word`` rules out a person's name in the run that holds it."""
    lower = word.lower()
    return lower in INSTITUTIONAL or lower in COMMON or word in OPENERS or bool(_COMMON_ENDING.match(lower))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\n*_[(\"'“‘«")
    return not before or before.endswith(_SENTENCE_END)


def _title_case(text: str) -> bool:
    """Whether ``text`` reads as a Title Case heading rather than prose with names in it.

    Either two common words capitalised in mid-sentence ("Economy In The World"),
    or nearly every longer word capitalised. Acronyms and sentence starts do not count.
    """
    words = [
        (m.group(0), _sentence_start(text, m.start()))
        for m in re.finditer(r"[A-Za-z][\w'’-]*", text)
    ]
    words = [(w, initial) for w, initial in words if not w.isupper() and not initial]
    common = sum(w[0].isupper() and (w.lower() in INSTITUTIONAL or w in OPENERS) for w, _ in words)
    longer = [w for w, _ in words if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in longer)
    return common >= 2 or (len(longer) >= 4 and capitalised / len(longer) >= 0.85)
