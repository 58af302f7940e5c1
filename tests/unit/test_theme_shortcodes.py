"""Admonition shortcodes of well-known Hugo themes become Material admonitions: Hextra's
``callout``, Docsy's and Blowfish's ``alert``, Relearn's ``notice``, Hugo Book's ``hint``."""

from __future__ import annotations

import pytest
from test_shortcodes import render


@pytest.mark.parametrize(
    ("call", "kind", "title"),
    [
        ('{{< callout type="warning" >}}Careful.{{< /callout >}}', "warning", "Warning"),
        ('{{< callout emoji="🌐" >}}Careful.{{< /callout >}}', "note", "Note"),
        (
            '{{% alert title="Heads up" color="warning" %}}Careful.{{% /alert %}}',
            "warning",
            "Heads up",
        ),
        ("{{< notice tip >}}Careful.{{< /notice >}}", "tip", "Tip"),
        ("{{< hint danger >}}Careful.{{< /hint >}}", "danger", "Danger"),
    ],
)
def test_theme_admonitions(call: str, kind: str, title: str) -> None:
    box = render(call).select_one("div.admonition")
    assert box is not None and kind in box["class"]
    assert box.select_one("p.admonition-title").get_text() == title
    assert box.find_all("p")[-1].get_text() == "Careful."
