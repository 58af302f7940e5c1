"""The GitHub Actions workflow: tests on every supported Python and at the lowest versions,
lint, the site built with ``mkdocs build --strict`` and deployed with the official Pages actions."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def test_triggers(workflow: dict[Any, Any]) -> None:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert workflow["permissions"] == {"contents": "read"}


def test_tests_run_on_every_supported_python(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["test"]
    pythons = job["strategy"]["matrix"]["python"]
    assert pythons == ["3.11", "3.12", "3.13"]
    requires = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"][
        "requires-python"
    ]
    assert requires == f">={pythons[0]}", "the lowest Python tested is the lowest declared"
    assert "bash .ci/run" in runs(job)
    assert "actions/checkout" in uses(job)


def test_a_job_runs_the_tests_at_the_lowest_declared_versions(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["lowest"]
    assert "3.11" in job["container"]
    assert "bash .ci/run" in runs(job)
    env = next(s["env"] for s in steps(job) if "bash .ci/run" in s.get("run", ""))
    assert env["CI_LOWEST"] == "1"
    script = (REPO / ".ci" / "run").read_text("utf-8")
    assert "--resolution lowest-direct -e '.[test]'" in script, ".ci/run honours CI_LOWEST"


def test_lint_and_types(workflow: dict[Any, Any]) -> None:
    commands = runs(workflow["jobs"]["lint"])
    for command in ("ruff check .", "ruff format --check .", "mypy"):
        assert command in commands
    # every step blocks: a type error fails the job, as a lint error does
    assert not [s for s in steps(workflow["jobs"]["lint"]) if s.get("continue-on-error")]
    script = (REPO / ".ci" / "run").read_text("utf-8")
    assert script.rstrip().endswith("mypy\nfi"), ".ci/run checks the types after the tests"


def test_site_is_built_strict_and_deployed_with_the_pages_actions(
    workflow: dict[Any, Any],
) -> None:
    jobs = workflow["jobs"]
    build = jobs["build"]
    assert "mkdocs build --strict" in runs(build)
    assert "actions/configure-pages" in uses(build)
    assert uses(build)[-1] == "actions/upload-pages-artifact"
    upload = next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    on_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert upload["if"] == on_main

    deploy = jobs["deploy"]
    assert deploy["if"] == on_main
    assert set(deploy["needs"]) == {"test", "lowest", "lint", "build"}
    assert deploy["permissions"]["pages"] == "write"
    assert deploy["permissions"]["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert uses(deploy) == ["actions/deploy-pages"]


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml may hold tags (``!ENV``, ``!!python/name``): read them as nothing."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def test_site_dir_is_what_mkdocs_builds() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_AnyTags)
    assert config.get("site_dir", "site") == "site"
    assert str(config["site_url"]).endswith("/")


def test_every_action_is_pinned_to_a_major_version() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    actions = re.findall(r"uses:\s*(\S+)", text)
    assert actions
    for action in actions:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", action), action


def test_ci_script_is_what_the_readme_says() -> None:
    script = (REPO / ".ci" / "run").read_text("utf-8")
    assert "pip install -e '.[test]' && pytest" in script
    # in fresh environments: the serve command's install alone and a strict build first,
    # then a wheel installed elsewhere builds the site
    script = "\n".join(line for line in script.splitlines() if not line.startswith("#"))
    assert script.count("-m venv") >= 2
    first_install = script.index("pip install -q -e .")
    assert first_install < script.index("mkdocs build --strict -q") < script.index("-m build")
    assert script.index("-m build") < script.rindex("pip install -e '.[test]' && pytest")
    readme = (REPO / "README.md").read_text("utf-8")
    assert "pip install -e '.[test]' && pytest" in readme
    assert (REPO / ".ci" / "run").stat().st_mode & 0o111, ".ci/run is executable"
