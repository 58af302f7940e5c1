"""The theme's files listed once under `mkdocs serve` (``incremental/theme_env.py``): the
static files MkDocs finds in the theme are the ones its own walk finds, an installed theme's
folders are walked once per server, a ``custom_dir`` in the project at every build, and a file
added to it is published by the next build as a clean build publishes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from conftest import BASE_CONFIG
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs_essays.incremental.theme_env import ThemeEnv
from serve_session import Session, essays_project, served_as_clean

ALPHA = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\nAlpha.\n\n## One\n\nText.\n'
)


def _project(root: Path) -> Path:
    essays_project(root, {"alpha.md": ALPHA}, BASE_CONFIG)
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["theme"] = {**config["theme"], "custom_dir": "overrides"}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    (root / "overrides/assets").mkdir(parents=True)
    (root / "overrides/assets/first.txt").write_text("first\n", "utf-8")
    (root / "overrides/README.md").write_text("not a static file\n", "utf-8")
    return root


def _static_files(config: object, env: jinja2.Environment) -> list[tuple[str, str | None]]:
    files = Files([])
    files.add_files_from_theme(env, config)  # type: ignore[arg-type]
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_the_static_files_found_are_mkdocs_own_and_installed_folders_are_walked_once(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "p")
    listing = ThemeEnv()
    for build in range(3):
        if build == 2:
            (root / "overrides/assets/second.txt").write_text("second\n", "utf-8")
        config = load_config(str(root / "mkdocs.yml"))
        own = _static_files(config, config.theme.get_env())
        listing.install(config)
        listing.install(config)  # (once per configuration, however often asked)
        env = config.theme.get_env()
        ours = _static_files(config, env)
        assert ours == own
        assert (
            len(own) > 20 and ("assets/first.txt", str(root / "overrides/assets/first.txt")) in own
        )
        assert ("assets/second.txt" in {src for src, _ in own}) == (build == 2)
        assert not any(src.endswith((".md", ".html")) for src, _ in own)
        # the unfiltered list, and Jinja's own way with extensions, are Jinja's too
        plain = jinja2.Environment(loader=env.loader)
        assert env.list_templates() == plain.list_templates()
        assert env.list_templates(extensions=["txt"]) == plain.list_templates(extensions=["txt"])
    folders = len(config.theme.dirs)
    installed = folders - 1  # (every folder but the project's custom_dir)
    assert installed >= 2
    assert listing.walked == installed + 3 * 2, "custom_dir at every listing, the rest once"


def test_a_static_file_added_to_custom_dir_is_served_as_a_clean_build_publishes_it(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "p")
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    try:
        session.build()
        session.build()
        assert session.plugin.theme_env.walked > 0
        (root / "overrides/assets/second.txt").write_text("second\n", "utf-8")
        session.build()
        assert (served / "assets/second.txt").read_text("utf-8") == "second\n"
        served_as_clean(root, served, clean)
        (root / "overrides/assets/first.txt").unlink()
        session.build()
        assert not (served / "assets/first.txt").exists()
        served_as_clean(root, served, clean)
    finally:
        session.close()


def test_the_themes_environments_load_templates_compiled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_essays.incremental.templates import Compiled

    root = _project(tmp_path / "p")
    compiled = Compiled()
    theme = ThemeEnv()
    compiles: list[str | None] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: Any = None, *a: Any, **k: Any) -> Any:
        compiles.append(name)
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    rendered = []
    for _ in range(2):
        config = load_config(str(root / "mkdocs.yml"))
        theme.install(config, compiled)
        env = config.theme.get_env()
        assert env.bytecode_cache is compiled
        template = env.get_template("partials/language.html", None, {"config": config})
        rendered.append(template.module.t("search.config.separator"))
    assert "partials/language.html" in compiles
    assert compiles.count("partials/language.html") == 1, "the second build loads it compiled"
    assert rendered[0] == rendered[1] and rendered[0]


def test_a_static_template_added_after_the_install_is_left_out_as_mkdocs_leaves_it(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "p")
    listing = ThemeEnv()
    config = load_config(str(root / "mkdocs.yml"))
    listing.install(config)
    assert "assets/first.txt" in {src for src, _ in _static_files(config, config.theme.get_env())}
    config.theme.static_templates.add("assets/first.txt")  # (as a later plugin's on_config may)
    own = _static_files(config, jinja2.Environment(loader=config.theme.get_env().loader))
    ours = _static_files(config, config.theme.get_env())
    assert ours == own and "assets/first.txt" not in {src for src, _ in ours}
