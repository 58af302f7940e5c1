"""The architecture page's example of a new feature is a working feature: added to
``FEATURES``, it gets its page, lists what it says, and declares what that page shows."""

from __future__ import annotations

import re

from conftest import REPO, MakeSite

PAGE = REPO / "docs" / "guide" / "architecture.md"


def example() -> str:
    """The page's Python block that defines a Feature."""
    blocks = re.findall(r"^```python\n(.*?)^```", PAGE.read_text("utf-8"), re.M | re.S)
    (code,) = [b for b in blocks if "(Feature):" in b]
    return code


def test_the_example_feature_builds_its_page(make_site: MakeSite, monkeypatch) -> None:
    from mkdocs_essays import plugin

    namespace: dict[str, object] = {}
    exec(compile(example(), str(PAGE), "exec"), namespace)  # the guide's own code
    feature = namespace["ReadingLists"]
    at = plugin.FEATURES.index(plugin.Pagination)
    monkeypatch.setattr(plugin, "FEATURES", [*plugin.FEATURES[:at], feature, *plugin.FEATURES[at:]])
    essay = "+++\ntitle = '{}'\ndate = 2024-05-0{}\n{}+++\n\nText.\n"
    site = make_site(
        {
            "docs/posts/a.md": essay.format("On reading", 1, "reading = true\n"),
            "docs/posts/b.md": essay.format("On writing", 2, ""),
        }
    )
    items = [li.get_text() for li in site.content("reading/").select("ul.reading li")]
    assert items == ["On reading"]
    build = site.plugin.build
    page = next(src for src, spec in build.specs.items() if spec.kind == "reading")
    assert build.inputs(page).essays == ("posts/a.md",)
