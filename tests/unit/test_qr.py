"""Hugo's embedded ``qr`` shortcode: the image Hugo 0.168 prints, with the PNG inline.

Hugo 0.168, same calls (observed): ``text="x"`` gives ``width="116" height="116"`` (version 1,
21 modules and a quiet zone of 4 on each side, times scale 4); ``text="https://gohugo.io"``
132; ``text="x" scale=3 level="high"`` 87; a two-line vCard between the tags at ``level="low"
scale=2`` 66; attributes in the order alt, class, id, title, loading; and these errors:
``The "qr" shortcode requires a "text" argument.``, ``The "scale" argument ... must be an
integer greater than or equal to 2.``, ``The "level" argument ... must be one of low, medium,
quartile, or high.``
"""

from __future__ import annotations

import base64
import struct

import pytest
from growth import assert_linear
from mkdocs_essays.hugo.qr import QrError, qr_image
from test_shortcodes import render, run


def _png(src: str) -> tuple[int, int]:
    assert src.startswith("data:image/png;base64,")
    data = base64.b64decode(src.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    ("call", "size"),
    [
        ('{{< qr text="x" />}}', 116),
        ('{{< qr text="https://gohugo.io" class="qrcode" targetDir="images/qr" />}}', 132),
        ('{{< qr text="x" scale=3 level="high" />}}', 87),
        ('{{< qr level="low" scale=2 >}}\nBEGIN:VCARD\nEND:VCARD\n{{< /qr >}}', 66),
    ],
)
def test_sizes_are_hugos(call: str, size: int) -> None:
    img = render(call).find("img")
    assert img is not None
    assert (img["width"], img["height"]) == (str(size), str(size))
    assert _png(img["src"]) == (size, size)  # the PNG itself has the size the tag says


def test_attributes_in_hugos_order_and_escaped() -> None:
    out = run('{{< qr text="x" loading="lazy" title="T &" id="a" class="c" alt="A" />}}')
    assert out.problems == []
    tail = out.markdown.strip().split('" width=', 1)[1]
    assert tail == '"116" height="116" alt="A" class="c" id="a" title="T &amp;" loading="lazy">'


def test_inner_text_is_trimmed_and_used_when_there_is_no_text_argument() -> None:
    spaced = run("{{< qr >}}\n  spaced  \n{{< /qr >}}").markdown
    assert spaced.strip() == qr_image("spaced")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("{{< qr />}}", 'requires a "text" argument'),
        ('{{< qr text="x" scale=1 />}}', "greater than or equal to 2"),
        ('{{< qr text="x" scale=big />}}', "greater than or equal to 2"),
        ('{{< qr text="x" level="bogus" />}}', "one of low, medium, quartile, or high"),
        ('{{< qr text="' + "x" * 3000 + '" level="high" />}}', "too long for a QR code"),
    ],
)
def test_what_hugo_refuses_is_an_error_naming_the_line(call: str, message: str) -> None:
    out = run("text\n\n" + call)
    assert [(p.kind, p.line) for p in out.problems] == [("error", 3)]
    assert message in out.problems[0].message


def test_qr_image_refuses_what_hugo_refuses() -> None:
    with pytest.raises(QrError):
        qr_image("")


@pytest.mark.parametrize(("scale", "ok"), [(7943, True), (7944, False), (100_000_000, False)])
def test_the_largest_scale_is_hugos(scale: int, ok: bool) -> None:
    """Hugo 0.168 draws ``text="https://gohugo.io"`` (25 modules and the quiet zone: 33) up to
    scale 7943 (262,119 pixels wide, 38 s and a 109 MB PNG) and refuses 7944 with the message
    of a scale under 2. Here the same bound; the PNG is drawn at most 2,048 pixels wide and
    shown at Hugo's size (scale 8000 took 6.8 GB and a MemoryError before)."""
    if not ok:
        with pytest.raises(QrError, match="greater than or equal to 2"):
            qr_image("https://gohugo.io", scale=str(scale))
        return
    img = render(f'{{{{< qr text="https://gohugo.io" scale={scale} />}}}}').find("img")
    assert img["width"] == img["height"] == str(33 * scale)
    assert _png(img["src"]) == (33 * 62, 33 * 62)  # 2,048 // 33 pixels a module
    assert img["style"] == "image-rendering: pixelated"


def test_time_does_not_grow_with_the_scale() -> None:
    """Scale n, 2n, 4n, 8n: the drawn PNG stops growing at 2,048 pixels (before: n squared)."""
    assert_linear(lambda s: qr_image("https://gohugo.io", scale=str(s)), lambda n: n, 32)
