"""Hostile input: each is refused at once with one clear error, and nothing is written for it.

Commands run in a child process (:func:`sselocale`), so an input that would
hang or crash the interpreter fails its test instead of the suite; the child
reports how long the command itself took, imports aside.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from argos_package import argos_home  # noqa: F401  (fixture)
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sselocale.cli import main
from sselocale.errors import ContentError, EngineError
from sselocale.mt.engines import argos
from sselocale.mt.engines.argos import index
from sselocale.source.articles import parse_front_matter

#: The budget for refusing bad input, start-up aside.
SECOND = 1.0

_DRIVER = """\
import sys, time
from sselocale.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:], prog_name="sselocale")
finally:
    sys.stderr.write(f"\\n@elapsed {time.perf_counter() - start:.3f}\\n")
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    elapsed: float | None
    """Seconds the command took, or None when the child died before saying."""

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("error:")]


def sselocale(cwd: Path, *args: str, timeout: float = 10, env: dict[str, str] | None = None) -> Run:
    """Run the CLI in a child process; a hang fails the test after ``timeout`` seconds."""
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})}, check=False,
    )
    err, _, tail = proc.stderr.rpartition("\n@elapsed ")
    elapsed = float(tail) if err or tail else None
    return Run(proc.returncode, proc.stdout, err if elapsed is not None else proc.stderr, elapsed)


def assert_refused(run: Run, message: str | re.Pattern, *, code: int = 2) -> None:
    """Exit ``code``, one error line holding ``message`` (a text or a pattern), short, and quick."""
    assert run.code == code, (run.code, run.err[-2000:])
    found = message.search if isinstance(message, re.Pattern) else (lambda line: message in line)
    assert len(run.errors) == 1 and found(run.errors[0]), run.err[-2000:]
    assert len(run.out) + len(run.err) < 2000, "the message echoes too much"
    assert run.elapsed is not None and run.elapsed < SECOND, run.elapsed


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: files by content, links by target; FIFOs are not opened."""
    out: dict[str, tuple] = {}
    for path in sorted(root.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            out[path.relative_to(root).as_posix()] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            out[path.relative_to(root).as_posix()] = ("file", path.read_bytes())
        else:
            out[path.relative_to(root).as_posix()] = ("other", stat.S_IFMT(mode))
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A one-article project with a glossary, in ``tmp_path / "portal"``."""
    root = tmp_path / "portal"
    (root / "content").mkdir(parents=True)
    (root / "locales").mkdir()
    (root / "glossary").mkdir()
    (root / "sselocale.yaml").write_text("languages: [fr]\n", encoding="utf-8")
    (root / "content" / "ok.md").write_text("---\ntitle: A title\nslug: ok\n---\n\nSome text.\n", encoding="utf-8")
    (root / "glossary" / "sse.yaml").write_text(
        "source_language: en\nlanguages: [fr]\nconcepts:\n"
        "  - id: decent-work\n    pos: noun\n    policy: translate\n"
        "    en: decent work\n    fr: travail décent\n",
        encoding="utf-8",
    )
    return root


def _sound(name: str) -> bool:
    """What a run may write for the project's sound article ``ok`` (and its state cache) while it
    refuses a broken one: one broken article never stops the others."""
    return name.startswith(".sselocale") or re.search(r"(^|/)ok\.(pot?|md)$", name) is not None


def _kept(root: Path) -> dict[str, tuple]:
    """The snapshot less the sound article's files and the folders made to hold them."""
    return {k: v for k, v in snapshot(root).items() if not _sound(k) and v != ("other", stat.S_IFDIR)}


def refused(root: Path, args: tuple[str, ...], message: str | re.Pattern, *, code: int = 2) -> Run:
    """Run ``args`` in ``root``; assert it is refused and writes nothing but the sound article's files."""
    before = _kept(root)
    run = sselocale(root, *args)
    assert_refused(run, message, code=code)
    assert _kept(root) == before
    return run


# --- 1. invalid dates and other scalars that are not what they look like ------------------

INVALID_DATES = [
    "2023-02-30", "2023-02-29", "2023-13-01", "2023-00-10", "0000-01-01",
    "2023-04-18T25:00:00Z", "2023-04-18 23:60:00", "2023-04-18t10:00:99", "2023-04-18T10:00:00+25:00",
]


@pytest.mark.parametrize("value", INVALID_DATES)
def test_an_invalid_date_in_front_matter_is_an_input_error(project: Path, value: str) -> None:
    (project / "content" / "bad.md").write_text(f"---\ntitle: T\ndate: {value}\n---\n\nText.\n", encoding="utf-8")
    run = refused(project, ("extract",), "content/bad.md:3: malformed front matter")
    assert value in run.errors[0]


@pytest.mark.parametrize(
    ("path", "text", "args", "message"),
    [
        ("sselocale.yaml", "languages: [fr]\nproject: 2023-02-30\n", ("status",), "sselocale.yaml:2: invalid YAML"),
        ("glossary/sse.yaml", "source_language: en\nlanguages: [fr]\nconcepts:\n  - id: x\n    note: 2023-13-01\n",
         ("glossary", "validate"), "glossary/sse.yaml:5: invalid YAML"),
        ("content/bad.md", "---\ntitle: T\nyear: 1" + "0" * 5000 + "\n---\n\nText.\n", ("extract",),
         "content/bad.md:3: malformed front matter"),
    ],
    ids=["config", "glossary", "huge-int"],
)
def test_an_invalid_scalar_anywhere_is_an_input_error(project: Path, path: str, text: str, args, message) -> None:
    (project / path).write_text(text, encoding="utf-8")
    refused(project, args, message)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99), st.sampled_from(["", "T12:00:00", " 25:61:61"]))
def test_any_date_either_parses_or_is_a_content_error(year: int, month: int, day: int, time: str) -> None:
    text = f"title: T\ndate: {year:04d}-{month:02d}-{day:02d}{time}\n"
    try:
        data, lines = parse_front_matter(text, "content/a.md")
    except ContentError as exc:
        assert exc.line == 3 and exc.message.startswith("malformed front matter"), exc
    else:
        assert lines["date"] == 3 and data["date"] is not None


YAML_PIECES = [
    "a", "b", ": ", "- ", "[", "]", "{", "}", ", ", "&x ", "*x", "<<: ", "!!float ", "!!int ", "!!omap ",
    "!!set ", "!!binary ", "!!timestamp ", "2023-02-30", "0x", ".inf", "'", '"', "|", ">", "#", "? ", "\n", "  ",
    "\t", "---\n", "%YAML 1.1\n", "\x85", "1" * 5000,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join))
def test_any_yaml_either_loads_or_is_an_input_error(text: str) -> None:
    """Whatever the YAML, ruamel.yaml's own crashes included, the answer is a value or an input error."""
    from sselocale.errors import SselocaleError
    from sselocale.glossary.store import parse_glossary

    for read in (lambda: parse_front_matter(text, "content/a.md"), lambda: parse_glossary(text, languages=("fr",))):
        try:
            read()
        except SselocaleError as exc:
            assert exc.line is None or exc.line >= 1


# --- 2. nesting deep enough to overflow the C stack ------------------------------------------

DEEP = 100_000
NESTINGS = {
    "flow-sequence": "[" * DEEP + "]" * DEEP,
    "flow-mapping": "{a: " * DEEP + "1" + "}" * DEEP,
    "block-sequence": "- " * DEEP + "x",
}


@pytest.mark.parametrize("shape", NESTINGS)
@pytest.mark.parametrize(
    ("path", "prefix", "args", "message"),
    [
        ("glossary/sse.yaml", "source_language: en\nlanguages: [fr]\nconcepts:\n  - note:\n      ",
         ("glossary", "validate"), "glossary/sse.yaml:5: invalid YAML: nested more than"),
        ("sselocale.yaml", "languages: [fr]\nproject:\n  ", ("status",), "sselocale.yaml:3: invalid YAML: nested more than"),
        ("content/deep.md", "---\ntitle: T\ntags:\n  ", ("extract",), "content/deep.md:4: malformed front matter: nested more than"),
    ],
    ids=["glossary", "config", "front-matter"],
)
def test_deep_nesting_is_refused_before_it_is_composed(project: Path, shape: str, path, prefix, args, message) -> None:
    text = prefix + NESTINGS[shape] + "\n"
    if path.endswith(".md"):
        text += "---\n\nText.\n"
    (project / path).write_text(text, encoding="utf-8")
    refused(project, args, message)


# --- 3. a bug in sselocale is not bad input, and not a failed release -----------------------


def _boom(*_args, **_kwargs):
    raise RuntimeError("boom")


def test_an_unexpected_exception_is_reported_as_a_bug_with_its_own_exit_code(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sselocale.review import gate

    monkeypatch.setattr(gate, "run_checks", _boom)
    monkeypatch.delenv("SSELOCALE_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["-C", str(project), "check"])
    assert result.exit_code == 70, result.output
    assert "bug in sselocale" in result.output and "RuntimeError: boom" in result.output
    assert "report" in result.output
    assert "Traceback" not in result.output


def test_sselocale_debug_shows_the_traceback_of_a_bug(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sselocale.review import gate

    monkeypatch.setattr(gate, "run_checks", _boom)
    monkeypatch.setenv("SSELOCALE_DEBUG", "1")
    result = CliRunner().invoke(main, ["-C", str(project), "check"])
    assert result.exit_code == 70
    assert "Traceback" in result.output and "RuntimeError: boom" in result.output


def _commands(group) -> list:
    out = []
    for command in group.commands.values():
        out += _commands(command) if hasattr(command, "commands") else [command]
    return out


@pytest.mark.parametrize("command", _commands(main), ids=lambda c: c.name)
def test_every_command_reports_errors(command) -> None:
    assert getattr(command.callback, "reports_errors", False), f"{command.name} lacks @reports_errors"


def test_a_reader_that_goes_away_is_no_bug(project: Path) -> None:
    """``sselocale status | head``: output closed early is not reported as a bug."""
    proc = subprocess.Popen([sys.executable, "-c", _DRIVER, "status", "--format", "json"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader leaves before the first line is written
    _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 141, err
    assert b"bug" not in err and b"Traceback" not in err and b"Exception ignored" not in err


def test_click_usage_errors_still_exit_2(project: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(project), "check", "--jobs", "zero"])
    assert result.exit_code == 2 and "bug" not in result.output


# --- 4. alias bombs ---------------------------------------------------------------------------

def bomb(width: int, levels: int) -> str:
    """``l0: &l0 [x, x, ...]``, ``l1: &l1 [*l0, *l0, ...]``, ...: ``width ** levels`` nodes."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return "".join(line + "\n" for line in lines)


BOMBS = {"9x9": bomb(9, 9), "2x40": bomb(2, 40), "1000x3": bomb(1000, 3)}


@pytest.mark.parametrize("shape", BOMBS)
@pytest.mark.parametrize(
    ("path", "template", "args", "message"),
    [
        ("content/bomb.md", "---\n{bomb}title: *{last}\n---\n\nText.\n", ("extract",),
         r"content/bomb\.md:\d+: malformed front matter: aliases expand to more than"),
        ("sselocale.yaml", "languages: [fr]\nrelease:\n  x:\n{indented}  articles: *{last}\n", ("status",),
         r"sselocale\.yaml:\d+: invalid YAML: aliases expand to more than"),
        ("glossary/sse.yaml", "source_language: en\nlanguages: [fr]\n{bomb}concepts: *{last}\n",
         ("glossary", "validate"), r"glossary/sse\.yaml:\d+: invalid YAML: aliases expand to more than"),
    ],
    ids=["front-matter", "config", "glossary"],
)
def test_alias_bombs_are_refused_at_once(project: Path, shape: str, path: str, template: str, args, message) -> None:
    text = BOMBS[shape]
    last = text.rsplit("\n", 2)[-2].split(":")[0]
    indented = "".join("    " + line + "\n" for line in text.splitlines())
    (project / path).write_text(template.format(bomb=text, indented=indented, last=last), encoding="utf-8")
    run = refused(project, args, re.compile(message))
    line = int(run.errors[0].split(":")[2])
    assert 1 < line <= len(text.splitlines()) + 4


def test_a_few_aliases_are_still_fine(project: Path) -> None:
    (project / "sselocale.yaml").write_text(
        "languages: &langs [fr]\nrelease:\n  articles: [ok]\n  min_coverage: &min 50\n"
        "  languages: {fr: *min}\n", encoding="utf-8",
    )
    assert sselocale(project, "status").code == 0


def test_an_echoed_value_is_shortened(project: Path) -> None:
    many = ", ".join(f"item-{i}" for i in range(2000))
    (project / "sselocale.yaml").write_text(f"languages: [fr]\nproject: [{many}]\n", encoding="utf-8")
    run = refused(project, ("status",), "sselocale.yaml:2: project: must be a non-empty string")
    assert len(run.errors[0]) < 160


# --- 5. content paths that are not regular files ---------------------------------------------


def test_a_fifo_in_content_is_refused_not_read(project: Path) -> None:
    os.mkfifo(project / "content" / "x.md")
    for args in (("extract",), ("status",)):
        refused(project, args, "content/x.md: not a regular file")


def test_a_fifo_as_glossary_is_refused_not_read(project: Path) -> None:
    (project / "glossary" / "sse.yaml").unlink()
    os.mkfifo(project / "glossary" / "sse.yaml")
    refused(project, ("glossary", "validate"), "glossary/sse.yaml: the glossary is not a regular file")


def test_a_fifo_as_configuration_is_refused_not_read(project: Path) -> None:
    (project / "sselocale.yaml").unlink()
    os.mkfifo(project / "sselocale.yaml")
    refused(project, ("status",), "sselocale.yaml: the configuration is not a regular file")


# --- 6. content links that lead out of the project --------------------------------------------


def test_a_link_to_a_file_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\nslug: secret\n---\n\nPrivate.\n", encoding="utf-8")
    (project / "content" / "leak.md").symlink_to(secret)
    for args in (("extract",), ("status",), ("build", "--lang", "fr", "--min-coverage", "0")):
        refused(project, args, "content/leak.md: leads outside the project")


def test_a_link_inside_the_project_is_accepted(project: Path) -> None:
    (project / "drafts").mkdir()
    (project / "drafts" / "other.md").write_text("---\nslug: other\n---\n\nMore.\n", encoding="utf-8")
    (project / "content" / "other.md").symlink_to(project / "drafts" / "other.md")
    run = sselocale(project, "extract")
    assert run.code == 0, run.err
    assert (project / "locales" / "templates" / "other.pot").is_file()


# --- 7. model archives: zip bombs and bad metadata, refused before anything is unpacked ------

META = {"from_code": "en", "to_code": "fr", "package_version": "1.9", "type": "translate"}


def _archive(path: Path, members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _package(path: Path, meta: object = META, **more: bytes) -> Path:
    data = meta if isinstance(meta, bytes) else json.dumps(meta).encode()
    return _archive(path, {"pkg/metadata.json": data, **{f"pkg/{k}": v for k, v in more.items()}})


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (b"{not json", "metadata.json is not valid JSON"),
        (b"[1, 2]", "metadata.json must be a JSON object"),
        ({**META, "from_code": 1}, "from_code must be a language code"),
        ({**META, "to_code": "../../x"}, "to_code must be a language code"),
        ({k: v for k, v in META.items() if k != "to_code"}, "to_code must be a language code"),
        ({**META, "package_version": 2}, "package_version must be a string"),
        ({**META, "type": "sbd"}, "not a translation package"),
        ("x" * 10, "metadata.json must be a JSON object"),
    ],
)
def test_archives_with_bad_metadata_are_refused_before_unpacking(argos_home, tmp_path, meta, message) -> None:
    archive = _package(tmp_path / "bad.argosmodel", meta, **{"model/model.bin": b"\0" * 100})
    with pytest.raises(EngineError, match=message):
        argos.install_archive(archive)
    assert list(argos_home.iterdir()) == []


def test_a_zip_bomb_member_is_refused_by_its_compression_ratio(argos_home, tmp_path) -> None:
    archive = _package(tmp_path / "bomb.argosmodel", **{"model/model.bin": b"\0" * (8 << 20)})
    assert archive.stat().st_size < 100_000
    with pytest.raises(EngineError, match="compressed more than"):
        argos.install_archive(archive)
    assert list(argos_home.iterdir()) == []


def test_an_archive_over_the_size_cap_is_refused(argos_home, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(index, "MAX_UNPACKED_BYTES", 1 << 20)
    archive = tmp_path / "big.argosmodel"
    _archive(archive, {"pkg/metadata.json": json.dumps(META).encode(), "pkg/a": os.urandom(600_000),
                       "pkg/b": os.urandom(600_000)}, method=zipfile.ZIP_STORED)
    with pytest.raises(EngineError, match="unpacks to more than 1 MiB"):
        argos.install_archive(archive)
    assert list(argos_home.iterdir()) == []


def test_an_archive_with_too_many_members_is_refused(argos_home, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(index, "MAX_MEMBERS", 10)
    archive = _package(tmp_path / "many.argosmodel", **{f"f{i}": b"" for i in range(20)})
    with pytest.raises(EngineError, match="more than 10 files"):
        argos.install_archive(archive)


def test_models_install_refuses_a_zip_bomb_from_the_command_line(project: Path, tmp_path: Path) -> None:
    _package(project / "bomb.argosmodel", **{"model/model.bin": b"\0" * (8 << 20)})
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "argos"), "XDG_DATA_HOME": str(tmp_path / "data")}
    before = snapshot(project)
    run = sselocale(project, "models", "install", "--from", "bomb.argosmodel", env=env)
    assert_refused(run, "bomb.argosmodel: ")
    assert "compressed more than" in run.errors[0]
    assert snapshot(project) == before
    assert not (tmp_path / "argos").exists() or not any((tmp_path / "argos").iterdir())


# --- 8. slugs must be safe, however they are written -----------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.md", '---\nslug: "a\\nb"\n---\n\nText.\n', "content/bad.md:2: unsafe slug 'a\\nb'"),
        ("bad.md", '---\nslug: "ab\\n"\n---\n\nText.\n', "content/bad.md:2: unsafe slug 'ab\\n'"),
        ("bad.md", "---\nslug: |\n  ab\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'ab\\n'"),
        ("bad.md", "---\nslug: a--b\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'a--b'"),
        ("bad.md", "---\nslug: -ab\n---\n\nText.\n", "content/bad.md:2: unsafe slug '-ab'"),
        ("ab\n.md", "Text.\n", "content/ab\\n.md:1: unsafe slug 'ab\\n'"),
        ("bad.md", "---\nslug: [a, b]\n---\n\nText.\n", "content/bad.md:2: slug must be a string"),
        ("bad.md", "---\nslug: a..b\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'a..b'"),
        ("bad.md", "---\nslug: .hidden\n---\n\nText.\n", "content/bad.md:2: unsafe slug '.hidden'"),
        ("bad.md", "---\nslug: ab.\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'ab.'"),
        ("bad.md", "---\nslug: '..'\n---\n\nText.\n", "content/bad.md:2: unsafe slug '..'"),
        ("bad.md", "---\nslug: com1.notes\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'com1.notes'"),
        ("AUX.md", "Text.\n", "content/AUX.md:1: unsafe slug 'AUX'"),
        ("bad.md", "---\nslug: /etc/passwd\n---\n\nText.\n", "content/bad.md:2: unsafe slug '/etc/passwd'"),
        ("bad.md", "---\nslug: news/first-post\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'news/first-post'"),
        ("bad.md", "---\nslug: Bad_Name\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'Bad_Name'"),
        ("bad.md", "---\nslug: v2.0\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'v2.0'"),
        ("bad.md", "---\nslug: nul\n---\n\nText.\n", "content/bad.md:2: unsafe slug 'nul'"),
        ("my notes/a.md", "Text.\n", "content/my notes/a.md:1: unsafe slug 'my notes/a'"),
        ("com1/a.md", "Text.\n", "content/com1/a.md:1: unsafe slug 'com1/a'"),
    ],
    ids=["newline-inside", "newline-at-end", "block-scalar", "double-hyphen", "leading-hyphen", "file-name", "not-a-string",
         "double-dot", "leading-dot", "trailing-dot", "dot-dot", "windows-reserved", "windows-reserved-file",
         "absolute", "folders-written", "capitals-written", "dot-written", "windows-reserved-written",
         "folder-with-space", "windows-reserved-folder"],
)
def test_slugs_follow_the_documented_rule(project: Path, name: str, text: str, message: str) -> None:
    (project / "content" / name).parent.mkdir(exist_ok=True)
    (project / "content" / name).write_text(text, encoding="utf-8")
    for args in (("extract",), ("status",)):
        refused(project, args, message)


@pytest.mark.parametrize("slug", ["hugo_build", "mkdocs-2.0", "Getting-Started", "_index", "v1.2.3-rc_1",
                                  "_posts/2024-01-02-launch", "Guide/v2.0/_index"])
def test_file_names_real_sites_use_are_accepted_and_name_every_file(project: Path, slug: str) -> None:
    """A slug written in front matter is strict; one taken from the article's path is what sites name files."""
    path = project / "content" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Text.\n", encoding="utf-8")
    run = sselocale(project, "sync", "--no-translate")
    assert run.code == 0, run.err
    assert (project / "locales" / "templates" / f"{slug}.pot").is_file()
    assert (project / "locales" / "fr" / f"{slug}.po").is_file()
    assert sselocale(project, "build").code == 0
    assert (project / "build" / "fr" / f"{slug}.md").is_file()


def test_articles_in_folders_have_catalogs_and_pages_in_the_same_folders(project: Path) -> None:
    """Sites keep an index.md in every folder: a slug is the path under content/, so none collide."""
    for folder in ("guide", "blog", "blog/2024"):
        (project / "content" / folder).mkdir(parents=True, exist_ok=True)
        (project / "content" / folder / "index.md").write_text(f"# {folder}\n\nText of {folder}.\n", encoding="utf-8")
    (project / "content" / "blog" / "post.md").write_text("---\nslug: first-post\n---\n\nPost.\n", encoding="utf-8")
    run = sselocale(project, "sync", "--no-translate")
    assert run.code == 0, run.err
    slugs = ["guide/index", "blog/index", "blog/2024/index", "first-post", "ok"]
    for slug in slugs:
        assert (project / "locales" / "templates" / f"{slug}.pot").is_file(), slug
        assert (project / "locales" / "fr" / f"{slug}.po").is_file(), slug
    assert sselocale(project, "build").code == 0
    assert all((project / "build" / "fr" / f"{slug}.md").is_file() for slug in slugs)
    status = sselocale(project, "status", "--format", "json")
    assert status.code == 0, status.err
    assert set(json.loads(status.out)["articles"]) == set(slugs)
    check = sselocale(project, "check", "-a", "blog/2024/index", "--format", "json")
    assert check.code == 1, check.err  # untranslated: reported, no crash
    assert json.loads(check.out)["summary"]["catalogs"] == 1
    assert sselocale(project, "sync", "--no-translate").code == 0  # again: nothing moves
    assert sorted(p.relative_to(project).as_posix() for p in (project / "locales" / "fr").rglob("*.po")) == sorted(
        f"locales/fr/{slug}.po" for slug in slugs)


def test_slugs_path_names_files_by_path_and_leaves_a_sites_slug_field_alone(project: Path) -> None:
    """Hugo and Docusaurus pages carry a URL in `slug` (hugo_build, /docs/links): the site's, not ours."""
    (project / "content" / "commands").mkdir()
    (project / "content" / "commands" / "hugo_build.md").write_text(
        "---\ntitle: hugo build\nslug: hugo_build\n---\n\nBuild the site.\n", encoding="utf-8")
    (project / "content" / "links.md").write_text("---\nslug: /docs/links\n---\n\nLinks.\n", encoding="utf-8")
    run = sselocale(project, "extract")
    assert run.code == 2 and [e.split(": unsafe")[0] for e in run.errors] == [
        "error: content/commands/hugo_build.md:3", "error: content/links.md:2"]
    assert "`slugs: path` in sselocale.yaml" in run.err
    (project / "sselocale.yaml").write_text("languages: [fr]\nslugs: path\n", encoding="utf-8")
    run = sselocale(project, "sync", "--no-translate")
    assert run.code == 0, run.err
    assert (project / "locales" / "fr" / "commands" / "hugo_build.po").is_file()
    assert (project / "locales" / "fr" / "links.po").is_file()
    assert sselocale(project, "build").code == 0
    built = (project / "build" / "fr" / "commands" / "hugo_build.md").read_text(encoding="utf-8")
    assert "\nslug: hugo_build\n" in built


def test_an_unknown_slug_source_is_an_error_naming_its_line(project: Path) -> None:
    (project / "sselocale.yaml").write_text("languages: [fr]\nslugs: url\n", encoding="utf-8")
    refused(project, ("extract",), "sselocale.yaml:2: slugs: unknown slug source 'url'")


def test_toml_front_matter_is_kept_as_written_and_checked(project: Path) -> None:
    """Hugo's +++ front matter: never prose to translate, never broken, a mistake named by its line."""
    page = '+++\ntitle = "Hugo page"\ndate = 2024-01-01\ntags = ["sse", "coops"]\n+++\n\nSome text.\n'
    (project / "content" / "hugo.md").write_text(page, encoding="utf-8")
    assert sselocale(project, "sync", "--no-translate").code == 0
    template = (project / "locales" / "templates" / "hugo.pot").read_text(encoding="utf-8")
    assert 'msgid "Some text."' in template and "Hugo page" not in template and "+++" not in template
    catalog = project / "locales" / "fr" / "hugo.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgid "Some text."\nmsgstr ""', 'msgid "Some text."\nmsgstr "Du texte."'), encoding="utf-8")
    assert sselocale(project, "build").code == 0
    assert (project / "build" / "fr" / "hugo.md").read_text(encoding="utf-8") == page.replace("Some text.", "Du texte.")
    (project / "content" / "hugo.md").write_text('+++\ntitle = "Hugo page\n+++\n\nText.\n', encoding="utf-8")
    refused(project, ("extract",), "content/hugo.md:2: malformed front matter")


def test_line_separators_in_an_article_are_text_not_line_ends(project: Path) -> None:
    """U+2028, U+0085 and a form feed end a line for str.splitlines, not for Markdown, YAML or PO."""
    odd = "\u2028", "\x85", "\x0c", "\x1c"
    (project / "content" / "page.md").write_text(
        f"---\ntitle: \"A{odd[0]}title{odd[1]}here\"\nsummary: Short.\ndate: 2023-02-30\n---\n\n"
        f"Text{odd[0]}with{odd[1]}odd{odd[2]}line{odd[3]}ends.\n", encoding="utf-8")
    refused(project, ("extract",), "content/page.md:4: malformed front matter: '2023-02-30' is not a valid date")
    text = (project / "content" / "page.md").read_text(encoding="utf-8").replace("2023-02-30", "2023-02-03")
    (project / "content" / "page.md").write_text(text, encoding="utf-8")
    run = sselocale(project, "sync", "--no-translate")
    assert run.code == 0, run.err
    catalog = (project / "locales" / "fr" / "page.po").read_text(encoding="utf-8")
    assert "#: content/page.md:7\n" in catalog and f"Text{odd[0]}with{odd[1]}odd\\fline{odd[3]}ends." in catalog
    status = sselocale(project, "status", "--format", "json")
    assert status.code == 0, status.err
    assert sselocale(project, "check").code == 1  # untranslated, and said so: no crash
    assert sselocale(project, "build").code == 0


# --- 9. fields the tool reads itself are not translatable ------------------------------------


@pytest.mark.parametrize("field", ["slug", "lang", "date"])
def test_front_matter_may_not_translate_fields_the_tool_reads(project: Path, field: str) -> None:
    (project / "sselocale.yaml").write_text(f"languages: [fr]\n\nfront_matter: [title, {field}]\n", encoding="utf-8")
    refused(project, ("extract",), f"sselocale.yaml:3: front_matter: {field!r} cannot be translated")


# --- 10. -C DIR: file arguments are read as if started in DIR ---------------------------------


def test_dash_c_resolves_relative_file_arguments_in_dir(project: Path) -> None:
    parent = project.parent
    run = sselocale(parent, "-C", "portal", "glossary", "export", "terms.tbx")
    assert run.code == 0, run.err
    assert (project / "terms.tbx").is_file() and not (parent / "terms.tbx").exists()
    run = sselocale(parent, "-C", "portal", "glossary", "import", "terms.tbx", "--dry-run")
    assert run.code == 0, run.err
    run = sselocale(parent, "-C", "portal", "status", "-o", "report.html", "--format", "html")
    assert run.code == 0, run.err
    assert (project / "report.html").is_file() and not (parent / "report.html").exists()
    (project / "junk.argosmodel").write_text("not a zip", encoding="utf-8")
    run = sselocale(parent, "-C", "portal", "models", "install", "--from", "junk.argosmodel")
    assert_refused(run, "junk.argosmodel: not an Argos package")


def test_dash_c_with_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    run = sselocale(tmp_path, "-C", "nowhere", "status")
    assert_refused(run, "-C: no such folder: nowhere")
    assert snapshot(tmp_path) == before


def test_dash_c_in_process_restores_the_working_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.parent)
    here = Path.cwd()
    result = CliRunner().invoke(main, ["-C", "portal", "glossary", "export", "t.csv"])
    assert result.exit_code == 0, result.output
    assert Path.cwd() == here and (project / "t.csv").is_file() and not (here / "t.csv").exists()
    result = CliRunner().invoke(main, ["-C", "portal", "glossary", "import", "missing.csv"])
    assert result.exit_code == 2 and Path.cwd() == here
