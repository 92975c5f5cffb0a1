"""Nothing a translator wrote is ever lost, whatever sequence of edits and runs.

A Hypothesis state machine edits the source article, edits catalogs as
translators do (fill, review, edit a suggestion and leave it fuzzy, add a
context or plural entry, add header fields) and runs the tool (extract,
update, translate with and without ``--refresh``, build). After every step:

- a reviewed msgstr whose unit still exists is unchanged and still reviewed;
- a reviewed msgstr whose unit is gone survives as an obsolete entry, or, when the unit
  changed, as the fuzzy translation of the new text (``#| msgid`` naming the old one);
- text a translator wrote, fuzzy or not, is never changed by the machine;
- entries with a context or plural forms are kept, active or obsolete;
- every catalog is valid (the msgfmt rules; real ``msgfmt --check`` at the end);
- headers keep the translator's fields.

``SSELOCALE_STATEFUL_EXAMPLES`` (default 200) sets how many sequences run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sselocale.mt.translate import translate_project
from sselocale.po import catalogs
from sselocale.po import fastread, validate
from sselocale.project import Project, build, extract, update

LANGS = ("fr", "es")
WORDS = ("cooperatives", "create", "decent", "work", "in", "many", "regions", "social", "economy",
         "grows", "fast", "the", "solidarity", "members", "share", "profits")
ARTICLE = "news"
HUMAN = "Texte humain "

sentences = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")
Key = tuple  # (lang, msgctxt, msgid)


class TranslatorsNeverLoseWork(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sselocale-stateful-"))
        self.paragraphs: list[str] = []
        self.reviewed: dict[Key, str] = {}
        self.human_fuzzy: dict[Key, str] = {}
        self.plurals: dict[Key, dict[int, str]] = {}
        self.header_fields: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        self.counter = 0
        self.accepted: set[str] = set()

    # --- set-up and the source -----------------------------------------------------

    @initialize(paragraphs=st.lists(sentences, min_size=1, max_size=4, unique=True))
    def start(self, paragraphs: list[str]) -> None:
        (self.root / "content").mkdir()
        (self.root / "sselocale.yaml").write_text(
            f"project: P\nlanguages: [{', '.join(LANGS)}]\ntranslation: {{engines: [pseudo]}}\n",
            encoding="utf-8",
        )
        self.paragraphs = paragraphs
        self.write_source()
        self.sync()

    def write_source(self) -> None:
        body = "\n\n".join(self.paragraphs) + "\n" if self.paragraphs else ""
        (self.root / "content" / f"{ARTICLE}.md").write_text(
            f"---\ntitle: News\nslug: {ARTICLE}\n---\n\n{body}", encoding="utf-8"
        )

    @rule(text=sentences)
    def add_paragraph(self, text: str) -> None:
        if text not in self.paragraphs:
            self.paragraphs.append(text)
            self.write_source()

    @precondition(lambda self: len(self.paragraphs) > 1)
    @rule(data=st.data())
    def remove_paragraph(self, data: st.DataObject) -> None:
        self.paragraphs.pop(data.draw(st.integers(0, len(self.paragraphs) - 1)))
        self.write_source()

    @precondition(lambda self: self.paragraphs)
    @rule(data=st.data(), word=st.sampled_from(WORDS))
    def change_a_word(self, data: st.DataObject, word: str) -> None:
        index = data.draw(st.integers(0, len(self.paragraphs) - 1))
        words = self.paragraphs[index].rstrip(".").split(" ")
        words[data.draw(st.integers(0, len(words) - 1))] = word
        changed = " ".join(words).capitalize() + "."
        if changed not in self.paragraphs:
            self.paragraphs[index] = changed
            self.write_source()

    # --- the tool ------------------------------------------------------------------------

    def project(self) -> Project:
        return Project.open(self.root)

    @rule()
    def sync(self) -> None:
        project = self.project()
        extract(project)
        update(self.project())
        self.follow_moves()

    def follow_moves(self) -> None:
        """A translation whose unit changed moves, as with msgmerge, into the fuzzy entry of the new text
        (``#| msgid`` names the old one), and no obsolete copy stays behind: it is the translator's there."""
        for lang in LANGS:
            found = self.entries(lang)
            moved = {(e.previous_msgctxt or None, e.previous_msgid, e.msgstr): key for key, e in found.items()
                     if not e.obsolete and e.previous_msgid and catalogs.is_fuzzy(e)}
            for model in (self.reviewed, self.human_fuzzy):
                for key, text in list(model.items()):
                    if key[0] == lang and key not in found and (key[1], key[2], text) in moved:
                        del model[key]
                        self.human_fuzzy[moved[(key[1], key[2], text)]] = text

    @rule(refresh=st.booleans())
    def translate(self, refresh: bool) -> None:
        """The machine fills and refreshes, but leaves every text a human wrote as it is."""
        before = self.human_texts()
        translate_project(self.project(), refresh=refresh, engines=("pseudo",))
        after = self.human_texts()
        assert {k: v for k, v in after.items() if k in before} == before, "the machine changed human text"

    def human_texts(self) -> dict[Key, str]:
        """Every entry, wherever merges carried it, whose msgstr a translator wrote.

        Not a suggestion the tool itself wrote into an entry (the translation memory
        offering a translator's text from elsewhere): its checksum says no one touched it.
        """
        out = {}
        for lang in LANGS:
            for key, entry in self.entries(lang).items():
                if ((entry.msgstr.startswith(HUMAN) or entry.msgstr in self.accepted)
                        and not catalogs.machine_text(entry)):
                    out[key] = entry.msgstr
        return out

    @rule()
    def publish(self) -> None:
        build(self.project(), include_fuzzy=True)

    # --- translators ------------------------------------------------------------------

    def catalog(self, lang: str) -> tuple[Path, polib.POFile | None]:
        path = self.root / "locales" / lang / f"{ARTICLE}.po"
        return path, (catalogs.load_catalog(path) if path.exists() else None)

    def human(self) -> str:
        self.counter += 1
        return f"{HUMAN}{self.counter}"

    def pick(self, data: st.DataObject, lang: str, wanted) -> tuple[Path, polib.POFile, polib.POEntry] | None:
        path, po = self.catalog(lang)
        if po is None:
            return None
        entries = [e for e in po if not e.obsolete and not e.msgctxt and not e.msgid_plural and wanted(e)]
        if not entries:
            return None
        return path, po, data.draw(st.sampled_from(entries))

    def save(self, path: Path, po: polib.POFile) -> None:
        path.write_text(catalogs.render(po), encoding="utf-8")

    def forget(self, lang: str, msgid: str) -> None:
        self.reviewed.pop((lang, None, msgid), None)
        self.human_fuzzy.pop((lang, None, msgid), None)

    @rule(data=st.data(), lang=st.sampled_from(LANGS))
    def translator_reviews_or_fills(self, data: st.DataObject, lang: str) -> None:
        """Fill an empty entry, or accept (un-fuzzy) a suggestion as it is."""
        picked = self.pick(data, lang, lambda e: not e.msgstr or catalogs.is_fuzzy(e))
        if picked is None:
            return
        path, po, entry = picked
        if not entry.msgstr:
            entry.msgstr = self.human()
        else:
            self.accepted.add(entry.msgstr)  # a machine suggestion, now a translator's
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        self.save(path, po)
        self.forget(lang, entry.msgid)
        self.reviewed[(lang, None, entry.msgid)] = entry.msgstr

    def rewrite(self, data: st.DataObject, lang: str, *, fuzzy: bool) -> None:
        """A translator writes new text into a filled entry that is fuzzy (and leaves it so) or reviewed."""
        picked = self.pick(data, lang, lambda e: bool(e.msgstr) and catalogs.is_fuzzy(e) == fuzzy)
        if picked is None:
            return
        path, po, entry = picked
        entry.msgstr = self.human()
        self.save(path, po)
        self.forget(lang, entry.msgid)
        (self.human_fuzzy if fuzzy else self.reviewed)[(lang, None, entry.msgid)] = entry.msgstr

    @rule(data=st.data(), lang=st.sampled_from(LANGS))
    def translator_edits_and_leaves_fuzzy(self, data: st.DataObject, lang: str) -> None:
        self.rewrite(data, lang, fuzzy=True)

    @rule(data=st.data(), lang=st.sampled_from(LANGS))
    def translator_rewrites_a_reviewed_entry(self, data: st.DataObject, lang: str) -> None:
        self.rewrite(data, lang, fuzzy=False)

    @rule(data=st.data(), lang=st.sampled_from(LANGS))
    def translator_adds_a_context_twin(self, data: st.DataObject, lang: str) -> None:
        picked = self.pick(data, lang, lambda e: True)
        if picked is None:
            return
        path, po, entry = picked
        if po.find(entry.msgid, msgctxt="menu", include_obsolete_entries=True) is not None:
            return
        text = self.human()
        po.append(polib.POEntry(msgctxt="menu", msgid=entry.msgid, msgstr=text))
        self.save(path, po)
        self.reviewed[(lang, "menu", entry.msgid)] = text

    @rule(lang=st.sampled_from(LANGS))
    def translator_adds_a_plural_entry(self, lang: str) -> None:
        path, po = self.catalog(lang)
        if po is None:
            return
        msgid = f"{self.counter} cooperative"
        forms = {0: self.human(), 1: self.human()}
        po.append(polib.POEntry(msgid=msgid, msgid_plural=f"{msgid}s", msgstr_plural=dict(forms)))
        self.save(path, po)
        self.plurals[(lang, None, msgid)] = forms

    @rule(lang=st.sampled_from(LANGS), value=st.sampled_from(["round 1", "Weblate 5.8", "ok"]))
    def translator_adds_a_header_field(self, lang: str, value: str) -> None:
        path, po = self.catalog(lang)
        if po is None:
            return
        name = f"X-Review-{len(self.header_fields[lang]) + 1}"
        po.metadata[name] = value
        self.save(path, po)
        self.header_fields[lang][name] = value

    # --- what must hold after every step --------------------------------------------------

    def entries(self, lang: str) -> dict[Key, polib.POEntry]:
        _path, po = self.catalog(lang)
        return {} if po is None else {(lang, e.msgctxt or None, e.msgid): e for e in po}

    @invariant()
    def reviewed_text_is_kept_and_reviewed(self) -> None:
        for lang in LANGS:
            found = self.entries(lang)
            for key, text in self.reviewed.items():
                if key[0] != lang:
                    continue
                entry = found.get(key)
                assert entry is not None, f"reviewed entry lost: {key}"
                assert entry.msgstr == text, f"reviewed text changed: {key}: {text!r} -> {entry.msgstr!r}"
                assert not catalogs.is_fuzzy(entry), f"reviewed entry made fuzzy without a source change: {key}"

    @invariant()
    def human_fuzzy_text_is_never_machine_changed(self) -> None:
        for lang in LANGS:
            found = self.entries(lang)
            for key, text in self.human_fuzzy.items():
                if key[0] == lang:
                    entry = found.get(key)
                    assert entry is not None and entry.msgstr == text, f"human text replaced: {key}"

    @invariant()
    def plural_entries_are_kept(self) -> None:
        for lang in LANGS:
            found = self.entries(lang)
            for key, forms in self.plurals.items():
                if key[0] == lang:
                    entry = found.get(key)
                    assert entry is not None and dict(entry.msgstr_plural) == forms, f"plural entry lost: {key}"

    @invariant()
    def catalogs_are_valid_and_headers_kept(self) -> None:
        for lang in LANGS:
            path, po = self.catalog(lang)
            if po is None:
                continue
            assert validate.problems(list(fastread.read_entries(path))) == []
            for name, value in self.header_fields[lang].items():
                assert po.metadata.get(name) == value, f"header field {name} lost"

    def teardown(self) -> None:
        try:
            for path in self.root.glob("locales/**/*.po*"):
                done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
                assert done.returncode == 0, done.stderr
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


TranslatorsNeverLoseWork.TestCase.settings = settings(
    max_examples=int(os.environ.get("SSELOCALE_STATEFUL_EXAMPLES", "200")),
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_translators_never_lose_work = TranslatorsNeverLoseWork.TestCase
