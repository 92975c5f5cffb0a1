"""A newcomer's first hour: init, language codes, -q everywhere, python -m, pseudo, light core."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import polib
import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.mt.engines import argos, probe
from sselocale.mt.engines.pseudo import pseudo_text
from sselocale.errors import EngineError
from sselocale.glossary.store import load_glossary
from sselocale.langcodes import canonical, language_problem

REPO = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def output(result) -> str:
    """Everything the command printed, stdout and stderr, whatever click's version."""
    text = result.output
    try:
        text += result.stderr
    except (ValueError, AttributeError):  # click 8.1 mixes stderr into output
        pass
    return text


# --- init writes a glossary; sync says when there is none ----------------------

def test_init_writes_the_sse_glossary_and_it_validates(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "init", "--languages", "fr,ru")
    assert result.exit_code == 0, output(result)
    assert "created glossary/sse.yaml" in result.output
    glossary = load_glossary(tmp_path / "glossary" / "sse.yaml", languages=("fr", "ru"))
    assert len(glossary.concepts) > 50
    assert run("-C", str(tmp_path), "glossary", "validate").exit_code == 0


def test_init_for_languages_the_sse_glossary_lacks_writes_a_starter(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "init", "--languages", "de,pt-BR")
    assert result.exit_code == 0, output(result)
    text = (tmp_path / "glossary" / "sse.yaml").read_text(encoding="utf-8")
    assert "languages: [de, pt_BR]" in text and "#  - id: cooperative" in text
    assert load_glossary(tmp_path / "glossary" / "sse.yaml", languages=("de", "pt_BR")).concepts == ()
    validate = run("-C", str(tmp_path), "glossary", "validate")
    assert validate.exit_code == 0, output(validate)
    assert (tmp_path / "locales" / "pt_BR").is_dir()


def test_the_shipped_glossary_is_the_sample_projects() -> None:
    shipped = REPO / "src" / "sselocale" / "glossary" / "data" / "sse.yaml"
    assert shipped.read_bytes() == (REPO / "glossary" / "sse.yaml").read_bytes(), (
        "copy glossary/sse.yaml to src/sselocale/glossary/data/sse.yaml"
    )


def test_sync_warns_when_no_glossary_is_in_use(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    (tmp_path / "glossary" / "sse.yaml").unlink()
    result = run("-C", str(tmp_path), "sync", "--no-translate")
    assert result.exit_code == 0
    assert "warning: no glossary at glossary/sse.yaml" in output(result)
    with_glossary = tmp_path / "again"
    run("-C", str(with_glossary), "init", "--languages", "fr")
    assert "no glossary" not in output(run("-C", str(with_glossary), "sync", "--no-translate"))


# --- language codes -------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "suggested"),
    [("fre", "fr"), ("fra", "fr"), ("rus", "ru"), ("spa", "es"), ("por", "pt"),
     ("FR", "fr"), ("Ru", "ru"), ("pt_br", "pt_BR"), ("PT-BR", "pt_BR")],
)
def test_wrong_spellings_are_refused_with_the_right_code(code: str, suggested: str) -> None:
    problem = language_problem(code)
    assert problem is not None and f"write {suggested!r}" in problem


@pytest.mark.parametrize(("code", "read"), [("pt-BR", "pt_BR"), ("fr-FR", "fr_FR"), ("fr", "fr"), ("sr@latin", "sr@latin")])
def test_gettext_and_bcp47_spellings_are_accepted(code: str, read: str) -> None:
    assert language_problem(code) is None
    assert canonical(code) == read


def test_unknown_codes_get_no_false_suggestion() -> None:
    assert language_problem("xx") == "unknown language code 'xx'"
    assert language_problem("") == "unknown language code ''"


def test_config_names_the_line_and_the_right_code(tmp_path: Path) -> None:
    (tmp_path / "sselocale.yaml").write_text("project: P\nlanguages: [fr, rus]\n", encoding="utf-8")
    result = run("-C", str(tmp_path), "status")
    assert result.exit_code == 2
    assert "sselocale.yaml:2: languages: unknown language code 'rus': write 'ru'" in output(result)


def test_config_reads_bcp47_as_gettext(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init", "--languages", "pt-BR")
    result = run("-C", str(tmp_path), "sync", "--no-translate")
    assert result.exit_code == 0, output(result)
    po = polib.pofile(str(tmp_path / "locales" / "pt_BR" / "welcome.po"))
    assert po.metadata["Language"] == "pt_BR"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert run("-C", str(tmp_path), "status", "--lang", "pt-BR").exit_code == 0


@pytest.mark.parametrize("command", [("status",), ("update",), ("check",)])
def test_lang_option_suggests_the_right_code(tmp_path: Path, command: tuple[str, ...]) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    result = run("-C", str(tmp_path), *command, "--lang", "FR")
    assert result.exit_code == 2
    assert "unknown language code 'FR': write 'fr'" in output(result)


def test_init_refuses_three_letter_codes(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "init", "--languages", "fre")
    assert result.exit_code == 2
    assert "write 'fr'" in output(result)
    assert not (tmp_path / "sselocale.yaml").exists()


# --- -q for every command, before or after its name ------------------------------

def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize(("path", "command"), list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_takes_q(path: tuple[str, ...], command: click.Command) -> None:
    assert any("-q" in p.opts for p in command.params if isinstance(p, click.Option))
    result = run(*path, "-q", "--help")
    assert result.exit_code == 0, output(result)


def test_q_after_the_name_silences_progress(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    run("-C", str(tmp_path), "sync", "--no-translate")
    loud = run("-C", str(tmp_path), "build", "--min-coverage", "50")
    quiet = run("-C", str(tmp_path), "build", "--min-coverage", "50", "-q")
    before = run("-C", str(tmp_path), "-q", "build", "--min-coverage", "50")
    assert "skipped fr/welcome" in loud.output
    assert "skipped" not in quiet.output.split("built")[0]
    assert quiet.output == before.output
    assert quiet.exit_code == before.exit_code == 0


# --- python -m sselocale ------------------------------------------------------------

def test_python_m_runs_the_command(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "sselocale", "--version"], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.startswith("sselocale, version")
    done = subprocess.run([sys.executable, "-m", "sselocale", "-C", str(tmp_path), "status"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2 and "sselocale init" in done.stderr


# --- pseudo-localisation --------------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "start", "end"),
    [("Decent work.", "⟦", "⟧."), ("What is the SSE?", "⟦", "⟧?"), ('"A quote."', '"⟦', '⟧."'),
     ("Note: ", "⟦", "⟧: "), ("  padded …", "  ⟦", "⟧ …"), ("«Citation»", "«⟦", "⟧»")],
)
def test_pseudo_keeps_edges_outside_its_brackets(source: str, start: str, end: str) -> None:
    text = pseudo_text(source)
    assert text.startswith(start) and text.endswith(end)


#: Text of real documentation sites on which pseudo-translation once raised findings.
REAL_SITE_TEXT = """\
# Warm Up Frequently Used Files

_This change only affects plugin authors._

**To address:**

- :bug: `:bug:`
- Press <kbd>Ctrl</kbd> + <kbd>Alt</kbd> + <kbd>Delete</kbd> <kbd>Backspace</kbd> <kbd>Enter</kbd>.
- See [`get_or_insert_with`][get], [`moved variables`][moved], [`or`][or] and [`or_else`][else]

Write expressions like `${variable}` between two backticks (\\`), not quotes: `"${variable}"`.

😢 _"How do I X?"_

_Material for MkDocs終於支持中文了！文本被正確分割。_

_If you have any questions, feel free to reach out at hello@example.org._

[Hover me](https://example.com "I'm a tooltip!")

See [[Troubleshoot Sync#Conflict resolution|how changes are merged]] when two people edit a file.

Added Clear Linux to the supported systems.

[Front Matter Defaults](/docs/front-matter/)

## Dependency Optimizer Now Uses Rolldown

[get]: https://doc.rust-lang.org/std/option/enum.Option.html#method.get_or_insert_with
[moved]: https://doc.rust-lang.org/rust-by-example/scope/move.html
[or]: https://doc.rust-lang.org/std/option/enum.Option.html#method.or
[else]: https://doc.rust-lang.org/std/option/enum.Option.html#method.or_else
"""


def test_a_reviewed_pseudo_translation_passes_check(sample_project: Path) -> None:
    (sample_project / "content" / "real-site-text.md").write_text(REAL_SITE_TEXT, encoding="utf-8")
    config = sample_project / "sselocale.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("[argos, apertium]", "[pseudo]"), encoding="utf-8")
    assert run("-C", str(sample_project), "sync", "-q").exit_code == 0
    for path in sample_project.glob("locales/*/*.po"):
        po = polib.pofile(str(path))
        for entry in po:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        po.save()
    result = run("-C", str(sample_project), "check", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert report["findings"] == []


# --- the light core -----------------------------------------------------------------

def test_argos_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "argostranslate", None)
    offer = probe("argos", "en", "fr")
    assert not offer.available
    assert "pip install 'sselocale[argos]'" in offer.reason
    with pytest.raises(EngineError, match="Argos Translate is not installed") as info:
        argos.install_dir()
    assert "sselocale[argos]" in (info.value.hint or "")


HEAVY = ("argostranslate", "ctranslate2", "sentencepiece", "torch", "spacy", "stanza")

LIGHT_RUN = """
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {heavy!r}:
            raise ImportError('light install: ' + name)
sys.meta_path.insert(0, Refuse())
from sselocale.cli import main
main({args!r}, standalone_mode=False)
"""


@pytest.mark.parametrize(
    "args",
    [["sync", "-q", "--lang", "es,fr", "--article", "about-this-portal"], ["status"], ["check", "--min-coverage", "0"], ["build"],
     ["glossary", "validate"], ["models", "list"], ["translate", "--engine", "pseudo", "-q"]],
    ids=lambda a: " ".join(a),
)
def test_core_commands_run_without_the_argos_stack(sample_project: Path, args: list[str]) -> None:
    """`pip install sselocale` (no extra) is enough for everything but Argos."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    def light(*argv: str) -> subprocess.CompletedProcess:
        script = LIGHT_RUN.format(heavy=HEAVY, args=["-C", str(sample_project), *argv])
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)

    if args[0] != "sync":
        assert light("sync", "-q", "--no-translate").returncode == 0
    done = light(*args)
    assert done.returncode == 0, done.stderr
    assert "light install" not in done.stderr
    if args[0] == "sync":
        po = polib.pofile(str(sample_project / "locales" / "es" / "about-this-portal.po"))
        assert any("machine translation: apertium" in e.comment for e in po)
    if args[:2] == ["models", "list"]:
        assert "pip install 'sselocale[argos]'" in done.stdout
