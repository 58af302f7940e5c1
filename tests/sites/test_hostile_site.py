"""A hostile Hugo site, imported and built: every trick of issue 25 in one ``hugo.toml`` and
one ``content/``, and proof that nothing outside the site is read or written.

The import and each build run in a child process with a Python audit hook
(:func:`sys.addaudithook`) that records every file opened, every folder listed and every
file or folder made, renamed or removed. The test then checks the record: nothing under the
sentinel folder beside the site was touched, no folder was listed outside the site, the
project and the Python installation (``contentDir = "/"`` never walks the file system), and
every write is inside the project. Sizes are small: each growth item has its own growth test;
here each trick shows its outcome (an error, a message, or a bounded page).

The stages: the import refuses the whole configuration (a taxonomy, ``mainSections`` and a
content mount that leave the site, a configuration file linked from outside); the writer
fixes those three lines and imports again (what lies outside is listed and left out); the
build stops at each class of error in turn (front matter, then shortcodes and includes, then
paths that clash), the writer removes what each names, and the last build succeeds.
"""

from __future__ import annotations

import json
import os
import re
import site as site_module
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import write_tree

DRIVER = r"""
import json, os, sys
log_path, command = sys.argv[1], sys.argv[2:]
events = []
WRITES = ("os.mkdir", "os.remove", "os.rmdir", "os.rename", "os.replace", "os.symlink",
          "os.link", "os.truncate", "os.chmod", "os.utime", "shutil.rmtree", "shutil.move")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

def where(path):
    if isinstance(path, int) or path is None:
        return None
    return os.path.abspath(os.fsdecode(path))

def hook(event, args):
    if event == "open":
        path = where(args[0])
        if path is None:
            return
        mode, flags = args[1], args[2] or 0
        written = any(c in (mode or "") for c in "wax+") or bool(flags & WRITE_FLAGS)
        events.append(("write" if written else "read", path))
    elif event in ("os.listdir", "os.scandir"):
        path = where(args[0] if args else ".")
        if path is not None:
            events.append(("list", path))
    elif event in WRITES:
        for arg in args[:2]:
            path = where(arg) if isinstance(arg, (str, bytes, os.PathLike)) else None
            if path is not None:
                events.append(("write", path))

sys.addaudithook(hook)
try:
    if command[0] == "import":
        from mkdocs_essays.cli import main
        code = main(command)
    else:
        from mkdocs.__main__ import cli
        try:
            cli.main(args=command, standalone_mode=False)
            code = 0
        except SystemExit as exit:
            code = exit.code or 0
        except Exception as error:
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
            code = 1
finally:
    with open(log_path + ".tmp", "w") as out:
        json.dump(events, out)
    os.replace(log_path + ".tmp", log_path)
sys.exit(code)
"""

TAGS = ", ".join(f'"tag {i}"' for i in range(60))
CONFIG = """baseURL = "https://example.org/"
title = "Hostile"
staticDir = ["static", "../outside", "/"]
# fatal: fixed by the writer before the second import
contentDir = "../outside"
[taxonomies]
  tag = "tags"
  category = "../../../pwned"
[params]
  mainSections = ["../up"]
[languages.en]
  weight = 1
[languages.pt]
  contentDir = "../outside/pt"
[[module.mounts]]
  source = "/"
  target = "static"
"""
FATAL = ('contentDir = "../outside"\n', '  category = "../../../pwned"\n', '["../up"]')
FIXED = ("", '  category = "categories"\n', '["posts"]')


def _front(title: str, more: str = "") -> str:
    return f"---\ntitle: {title}\ndate: 2024-01-01\n{more}---\n"


def _content() -> dict[str, str]:
    fan = {
        f"content/_fan/p{i}.md": _front(f"P{i}")
        + f'{{{{% include "/_fan/p{i + 1}.md" %}}}}\n\n' * 10
        for i in range(7)
    }
    fan["content/_fan/p7.md"] = _front("P7") + "x" * 20 + "\n"
    alternatives = ",".join(f"/section-{i}/**" for i in range(300))
    return {
        "content/_index.md": (
            f"---\ntitle: Home\ncascade:\n- target:\n    path: '{{{alternatives}}}'\n"
            "  params:\n    x: 1\n---\nHome.\n"
        ),
        "content/_fan/_index.md": (
            "---\ncascade:\n  build:\n    render: never\n    list: never\n---\n"
        ),
        **fan,
        "content/posts/secret.md": _front("Secret", "draft: true\n") + "SECRET DRAFT\n",
        "content/posts/later.md": "---\ntitle: Later\ndate: 2099-01-01\n---\nFUTURE TEXT\n",
        "content/pages/hidden.md": "---\ntitle: Hidden\ndraft: true\n---\nDRAFT PAGE\n",
        "content/posts/leak.md": _front("Leak")
        + "".join(
            f'{{{{% include "/{p}" %}}}}\n\n'
            for p in ("posts/secret.md", "posts/later.md", "pages/hidden.md")
        ),
        "content/posts/fan-out.md": _front("Fan") + '{{% include "/_fan/p0.md" %}}\n',
        "content/posts/qr.md": _front("QR")
        + '{{< qr text="x" scale=10000 />}}\n\n{{< qr text="x" scale=9000 />}}\n',
        "content/posts/merges.md": "---\ntitle: M\nm0: &m0 {a: 1, b: 2}\n"
        + "".join(f"m{i}: &m{i}\n  <<: [*m{i - 1}]\n  x{i}: {i}\n" for i in range(1, 800))
        + "---\nBody.\n",
        "content/posts/aliases.md": _front(
            "Aliases", 'aliases: ["/feed.xml", "/404.html", "/sitemap.xml.gz"]\n'
        )
        + "Old addresses.\n",
        "content/posts/alias-out.md": _front("Out", 'aliases: ["/../../x"]\n') + "Out.\n",
        "content/posts/url-search.md": _front("U", "url: /search/search_index.json\n") + "U.\n",
        "content/posts/tag-index.md": _front("T", 'tags: ["index.html"]\n') + "T.\n",
        "content/posts/tags.md": _front("Tags", f"tags: [{TAGS}]\n") + "Many tags.\n",
        "content/posts/notes.md": _front("Notes")
        + "".join(f"## S{i}\n\nText.[^n{i}]\n\n" for i in range(60))
        + "".join(f"[^n{i}]: Note {i} cites the next.[^n{i + 1}]\n\n" for i in range(60))
        + "[^n60]: Last.\n",
        "content/posts/brackets.md": _front("Brackets") + "## " + "![a" * 400 + "\n\nText.\n",
        "content/posts/repeats.md": _front("Repeats") + "## Same\n\nText.\n\n" * 300,
        "content/posts/fragments.md": _front("Fragments")
        + "".join(f'[x{i}]({{{{< relref "repeats.md#gone-{i}" >}}}})\n' for i in range(100)),
        "content/notes/inside.md": "---\ntitle: Inside\n---\nINSIDE TEXT\n",
        "content/section-3/page.md": _front("In a section") + "Text.\n",
        "static/logo.txt": "LOGO\n",
    }


def _hostile_site(tmp: Path) -> tuple[Path, Path, Path]:
    """(the Hugo site, the sentinel folder beside it, where the project goes)."""
    outside = tmp / "outside"
    write_tree(
        outside,
        {
            "id_rsa": "SECRET KEY\n",
            "page.md": "---\ntitle: Out\n---\nOUTSIDE TEXT\n",
            "pt/post.md": "---\ntitle: PT\n---\nOUTSIDE PT\n",
            "hugo.toml": 'title = "OUTSIDE CONFIG"\n',
        },
    )
    site = tmp / "site"
    write_tree(site, {"hugo.toml": CONFIG, **_content()})
    posts = site / "content/posts"
    (posts / "id_rsa").symlink_to("../../../outside/id_rsa")
    (posts / "outside.md").symlink_to(outside / "page.md")
    (posts / "outdir").symlink_to(outside, target_is_directory=True)
    (posts / "loop").symlink_to("..", target_is_directory=True)
    (posts / "inside.md").symlink_to("../notes/inside.md")
    (site / "config/_default").mkdir(parents=True)
    (site / "config/_default/params.toml").symlink_to(outside / "hugo.toml")
    return site, outside, tmp / "a" / "b" / "project"


def _run(tmp: Path, cwd: Path, *command: str) -> tuple[int, str, list[tuple[str, str]]]:
    audit = tmp / "audit"  # the driver and its records (Python lists its folder to import)
    audit.mkdir(exist_ok=True)
    log = audit / f"record-{len(list(audit.glob('record-*')))}.json"
    (audit / "driver.py").write_text(DRIVER, "utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, str(audit / "driver.py"), str(log), *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    output = result.stdout + result.stderr
    assert log.is_file(), f"the driver wrote no record:\n{output}"
    assert "Traceback" not in output, output
    events = [tuple(e) for e in json.loads(log.read_text("utf-8"))]
    return result.returncode, output, events  # type: ignore[return-value]


def _inside(path: str, roots: list[Path]) -> bool:
    real = os.path.realpath(path)
    return any(real == str(r) or real.startswith(str(r) + os.sep) for r in roots)


def _python_roots() -> list[Path]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *site_module.getsitepackages()}
    paths |= {sysconfig.get_path(name) for name in ("stdlib", "platstdlib", "purelib")}
    paths |= {"/usr/share/zoneinfo", "/usr/lib/python3", "/usr/share/mime"}
    paths |= {p for p in sys.path if p and os.path.isdir(p) and p != os.getcwd()}
    return [Path(os.path.realpath(p)) for p in paths if p]


def _check(
    events: list[tuple[str, str]], *, outside: Path, site: Path, project: Path, tmp: Path
) -> None:
    """Nothing outside read or written; no folder listed elsewhere; writes in the project."""
    sentinel = [outside.resolve()]
    touched = [path for _, path in events if _inside(path, sentinel)]
    assert touched == [], f"read outside the site: {touched[:5]}"
    allowed = [site.resolve(), project.parent.resolve(), (tmp / "audit").resolve()]
    allowed += _python_roots()
    listed = [p for kind, p in events if kind == "list" and not _inside(p, allowed)]
    assert listed == [], f"listed outside the site: {sorted(set(listed))[:5]}"
    made = {str(p) for p in project.resolve().parents}  # --into's folders, made on the way
    written = [
        path
        for kind, path in events
        if kind == "write"
        and not _inside(path, [project.resolve()])
        and path not in made
        and not _inside(path, [(tmp / "audit").resolve()])
    ]
    assert written == [], f"written outside the project: {sorted(set(written))[:5]}"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


ERROR_STAGES: list[tuple[str, list[str], list[str]]] = [
    (
        "front matter",
        ["docs/posts/merges.md:2: the YAML front matter expands to more than 200,000 values"],
        ["posts/merges.md"],
    ),
    (
        "shortcodes and includes",
        [
            "docs/posts/leak.md:5: include '/posts/secret.md': docs/posts/secret.md is a draft",
            "docs/posts/leak.md:7: include '/posts/later.md': docs/posts/later.md is scheduled",
            "docs/posts/leak.md:9: include '/pages/hidden.md': docs/pages/hidden.md is a draft",
            # the fan-out past 10,000,000 characters: one error, where the includes begin
            "docs/posts/fan-out.md:5: include '/_fan/p2.md': the includes of this page add "
            "more than 10,000,000 characters",
            'docs/posts/qr.md:5: The "scale" argument passed to the "qr" shortcode',
        ],
        ["posts/leak.md", "posts/fan-out.md", "posts/qr.md"],
    ),
    (
        "a tag's page on the taxonomy's",
        ["the taxonomy page 'Tags' and the term page 'index.html'"],
        ["posts/tag-index.md"],
    ),
    (
        "an alias out of the site",
        ["docs/posts/alias-out.md:4: alias '/../../x' leaves the site"],
        ["posts/alias-out.md"],
    ),
    (
        "paths that clash",
        [
            "the essay docs/posts/url-search.md:4 (/search/search_index.json/)",
            "the search plugin's search/search_index.json",
        ],
        ["posts/url-search.md"],
    ),
]


@pytest.mark.timeout(900)
def test_a_hostile_site_is_imported_and_built_without_reading_or_writing_outside(
    tmp_path: Path,
) -> None:
    site, outside, project = _hostile_site(tmp_path)
    check = {"outside": outside, "site": site, "project": project, "tmp": tmp_path}

    # 1. the import refuses the configuration as it is, and writes nothing
    code, output, events = _run(tmp_path, tmp_path, "import", str(site), "--into", str(project))
    assert code == 2, output
    assert "its configuration links out of the site" in output and "params.toml" in output
    _check(events, **check)
    assert not project.exists()
    (site / "config/_default/params.toml").unlink()
    code, output, events = _run(tmp_path, tmp_path, "import", str(site), "--into", str(project))
    assert code == 2 and "nothing was imported: the content folder ('../outside')" in output
    _check(events, **check)
    config = CONFIG.replace(FATAL[0], FIXED[0])
    (site / "hugo.toml").write_text(config, "utf-8")
    code, output, events = _run(tmp_path, tmp_path, "import", str(site), "--into", str(project))
    assert code == 2 and "[taxonomies] category = '../../../pwned' has a '..' folder" in output
    assert "mainSections = '../up' has a '..' folder" in output
    _check(events, **check)
    assert not project.exists()

    # 2. fixed: imported, with what lies outside listed and left out
    for fatal, fixed in zip(FATAL[1:], FIXED[1:], strict=True):
        config = config.replace(fatal, fixed)
    (site / "hugo.toml").write_text(config, "utf-8")
    code, output, events = _run(tmp_path, tmp_path, "import", str(site), "--into", str(project))
    assert code == 1, output
    _check(events, **check)
    content = [(site / "content").resolve()]  # the record holds what the import did read
    assert any(kind == "read" and _inside(path, content) for kind, path in events)
    assert any(kind == "write" and _inside(path, [project]) for kind, path in events)
    refused = output.split("nothing outside it is read):", 1)[1].split("Not carried over", 1)[0]
    for what in (
        "posts/id_rsa: a link to",
        "posts/outside.md: a link to",
        "posts/outdir: a link to",
        "staticDir '../outside'",
        "staticDir '/'",
        "[languages.pt] contentDir '../outside/pt'",
    ):
        assert what in refused, output
    docs = _files(project / "docs")
    assert "posts/inside.md" in docs and "logo.txt" in docs
    assert not {"posts/id_rsa", "posts/outside.md", "id_rsa", "page.md"} & docs
    assert not any(name.startswith(("posts/outdir/", "posts/loop/")) for name in docs)
    assert "SECRET" not in output and "OUTSIDE" not in output

    # 3. the build stops at each class of error, naming file and line; the writer removes
    #    what it names, and the last build succeeds
    for stage, expected, remove in ERROR_STAGES:
        code, output, events = _run(tmp_path, project, "build", "--site-dir", "site")
        assert code != 0, f"{stage}: the build was expected to stop\n{output}"
        _check(events, **check)
        for text in expected:
            assert text in output, f"{stage}: {text!r} not in\n{output}"
        assert output.count("more than 10,000,000 characters") <= 1
        for name in remove:
            (project / "docs" / name).unlink()
    code, output, events = _run(tmp_path, project, "build", "--site-dir", "site")
    assert code == 0, output
    _check(events, **check)
    assert any(kind == "write" and _inside(path, [project / "site"]) for kind, path in events)

    built = project / "site"
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            text = path.read_text("utf-8", errors="replace")
            for secret in ("SECRET", "OUTSIDE", "FUTURE TEXT", "DRAFT PAGE"):
                assert secret not in text, f"{secret} in {path}"
    # the aliases that land on files of the site are left out, each said at info level
    for alias in ("/feed.xml", "/404.html", "/sitemap.xml.gz"):
        assert re.search(rf"alias '{re.escape(alias)}' .*\(this redirect is not written\)", output)
    assert (built / "feed.xml").is_file() and not (built / "feed.xml").is_dir()
    # bounded pages: ten chips in a listing, a card's nested notes, the bracket heading
    tags_page = (built / "tags/tag-5/index.html").read_text("utf-8")
    assert "+50 more" in tags_page
    assert (built / "posts/brackets/index.html").is_file()
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "a" / "pwned").exists()
