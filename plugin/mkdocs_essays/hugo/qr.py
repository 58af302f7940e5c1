"""Hugo's embedded ``qr`` shortcode (Hugo 0.141+): a QR code of some text as an ``<img>``.

``{{< qr text="https://gohugo.io" />}}`` or the text between the tags; ``level`` (``low``,
``medium``, ``quartile``, ``high``; default ``medium``), ``scale`` (pixels per module, an
integer of at least 2; default 4), and the ``alt``, ``class``, ``id``, ``title`` and ``loading``
attributes of the image, in Hugo's order. Hugo writes a PNG file under ``targetDir`` and links
it; here the same PNG (same size: the symbol's modules and a quiet zone of 4, times ``scale``)
is embedded as a ``data:`` URI, so nothing is written beside the page; a ``scale`` that would
draw it wider than :data:`DRAWN_SIDE` pixels is drawn at that size and shown at Hugo's. The
error messages are Hugo 0.168's own, its bound on the size too (:data:`MAX_SIDE`). No MkDocs
import.
"""

from __future__ import annotations

import html

import segno

__all__ = ["ATTRIBUTES", "LEVELS", "QrError", "qr_image"]

LEVELS = {"low": "l", "medium": "m", "quartile": "q", "high": "h"}
ATTRIBUTES = ("alt", "class", "id", "title", "loading")
BORDER = 4
MAX_SIDE = 262_144
"""The widest image Hugo 0.168 makes (``scale = 7943`` for a 25-module symbol gives 262,119
pixels and a 109 MB PNG in 38 s; 7944 is refused with the message of a scale under 2)."""
DRAWN_SIDE = 2_048
"""The widest PNG drawn here: a larger ``scale`` keeps Hugo's ``width``/``height`` and the
browser enlarges the image, pixel for pixel (``image-rendering: pixelated``), so a page never
holds a picture larger than a screen can show (``scale = 8000`` took 6.8 GB before)."""


class QrError(ValueError):
    """An argument Hugo refuses; the message is Hugo's."""


def qr_image(
    text: str, *, level: str = "medium", scale: str = "4", attrs: dict[str, str] | None = None
) -> str:
    """The ``<img>`` Hugo's ``qr`` shortcode prints for ``text``, with the PNG inline."""
    if not text:
        raise QrError('The "qr" shortcode requires a "text" argument.')
    error = LEVELS.get(level)
    if error is None:
        raise QrError(
            'The "level" argument passed to the "qr" shortcode must be one of low, medium, '
            "quartile, or high."
        )
    try:
        pixels = int(scale)
    except ValueError:
        pixels = 0
    scale_error = QrError(
        'The "scale" argument passed to the "qr" shortcode must be an integer greater than '
        "or equal to 2."
    )
    if pixels < 2:
        raise scale_error
    try:
        code = segno.make_qr(text, error=error, boost_error=False)
    except segno.DataOverflowError:
        raise QrError(
            f"the text of the qr shortcode is too long for a QR code ({len(text)} characters "
            f"at level {level}); shorten it or use a lower level"
        ) from None
    modules = code.symbol_size(scale=1, border=BORDER)[0]
    if modules * pixels > MAX_SIDE:
        raise scale_error
    drawn = min(pixels, max(1, DRAWN_SIDE // modules))
    width, height = code.symbol_size(scale=pixels, border=BORDER)
    parts = [
        f'<img src="{code.png_data_uri(scale=drawn, border=BORDER)}"',
        f'width="{width}" height="{height}"',
    ]
    if drawn < pixels:
        parts.append('style="image-rendering: pixelated"')
    for key in ATTRIBUTES:
        value = (attrs or {}).get(key, "")
        if value:
            parts.append(f'{key}="{html.escape(value)}"')
    return " ".join(parts) + ">"
