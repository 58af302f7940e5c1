"""Targets for Hugo's built-in shortcodes, rendered without the network: ``ref`` and
``relref`` (through the site's :class:`~.values.Services`), ``param``, ``figure``, ``qr``,
``youtube`` and ``vimeo`` (privacy-friendly embeds), ``x``, ``instagram`` and ``gist`` (links).
Each is a function of the :class:`~.renderer.Renderer` and the call. No MkDocs import."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ...model.text import markdown_inline_to_text
from ..qr import ATTRIBUTES, QrError, qr_image
from .syntax import Call
from .values import Out, Problem, RefError

if TYPE_CHECKING:
    from .renderer import Renderer

__all__ = ["TARGETS"]


def ref(r: Renderer, call: Call, *, relative: bool = False) -> Out:
    target = call.arg("path", position=0)
    if not target:
        example = f'{{{{< {call.name} "posts/x.md" >}}}}'
        return r.error(call, f"{call.name} needs a page: {example}")
    before = r.text[max(0, call.start - 8) : call.start]
    in_link = before.endswith(("](", "](<")) or bool(re.search(r"\]:\s*<?$", before))
    try:
        return Out(r.services.ref(target, relative=relative, in_link=in_link))
    except RefError as error:
        from ..refs import MissingFragment  # (refs imports this package)

        if isinstance(error, MissingFragment):
            r.problems.append(Problem("warning", call.name, call.line, str(error)))
            try:
                page = r.services.ref(error.page, relative=relative, in_link=in_link)
            except RefError:
                page = "./"
            return Out(page + "#" + error.fragment)
        r.problems.append(Problem("ref", call.name, call.line, str(error)))
        return Out("#")


def relref(r: Renderer, call: Call) -> Out:
    return ref(r, call, relative=True)


def param(r: Renderer, call: Call) -> Out:
    name = call.arg("name", position=0)
    if not name:
        return r.error(call, 'param needs a name: {{< param "author" >}}')
    value = r.services.param(name)
    if value is None:
        return r.error(
            call,
            f"param {name!r} is neither in the page's front matter nor in 'extra:' of "
            "mkdocs.yml (Hugo's site params); add it to one of them",
        )
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return Out(str(value))


def figure(r: Renderer, call: Call) -> Out:
    src = call.arg("src", position=0)
    if not src:
        return r.error(call, 'figure needs an image: {{< figure src="photo.jpg" >}}')
    keys = [
        "target",
        "rel",
        "alt",
        "title",
        "attr",
        "attrlink",
        "class",
        "width",
        "height",
        "loading",
    ]
    context: dict[str, Any] = {key: call.named.get(key, "") for key in keys}
    link = call.named.get("link", "")
    caption = call.named.get("caption", "")
    return Out(
        r.services.html(
            "shortcode_figure.html",
            **context,
            link=r.services.resource(link) if link else "",
            src=r.services.resource(src),
            caption=_inline_markdown(caption),
            caption_text=markdown_inline_to_text(caption),
        ),
        "html",
    )


def qr(r: Renderer, call: Call) -> Out:
    inner = r.text[call.inner_start : call.inner_end] if call.inner is not None else ""
    text = call.named.get("text", "") or inner.strip()
    try:
        image = qr_image(
            text,
            level=call.named.get("level", "medium"),
            scale=call.named.get("scale", "4"),
            attrs={key: call.named.get(key, "") for key in ATTRIBUTES},
        )
    except QrError as error:
        return r.error(call, str(error))
    return Out(image, "html")


def youtube(r: Renderer, call: Call) -> Out:
    video = call.arg("id", position=0).strip()
    if not re.fullmatch(r"[\w\-]+", video):
        return r.error(call, "youtube needs a video id: {{< youtube dQw4w9WgXcQ >}}")
    query = []
    for key, name in (("start", "start"), ("end", "end")):
        if call.named.get(key, "").isdigit():
            query.append(f"{name}={call.named[key]}")
    if call.flag("autoplay"):
        query.append("autoplay=1")
    src = f"https://www.youtube-nocookie.com/embed/{video}" + (
        "?" + "&".join(query) if query else ""
    )
    return _video(r, call, "youtube", src, f"https://www.youtube.com/watch?v={video}")


def vimeo(r: Renderer, call: Call) -> Out:
    video = call.arg("id", position=0).strip()
    if not video.isdigit():
        return r.error(call, "vimeo needs a numeric video id: {{< vimeo 55073825 >}}")
    src = f"https://player.vimeo.com/video/{video}?dnt=1"
    return _video(r, call, "vimeo", src, f"https://vimeo.com/{video}")


def _video(r: Renderer, call: Call, provider: str, src: str, page: str) -> Out:
    """A privacy-friendly embed (no cookies until played) with a link to the video's page."""
    default_title = {"youtube": "YouTube video", "vimeo": "Vimeo video"}[provider]
    return Out(
        r.services.html(
            "shortcode_video.html",
            provider=provider,
            src=src,
            page=page,
            title=call.named.get("title", default_title),
            css=call.named.get("class", ""),
            loading=call.named.get("loading", "lazy"),
        ),
        "html",
    )


def x(r: Renderer, call: Call) -> Out:
    user = call.arg("user", position=0 if len(call.positional) > 1 else None).lstrip("@")
    post = call.arg("id", position=1 if len(call.positional) > 1 else 0).strip()
    if not post.isdigit():
        example = '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}'
        return r.error(call, f"{call.name} needs a post id: {example}")
    url = f"https://x.com/{user or 'i'}/status/{post}"
    text = f"Post by @{user} on X" if user else "Post on X"
    return _link(r, call, "x", url, text)


def instagram(r: Renderer, call: Call) -> Out:
    post = call.arg("id", position=0).strip()
    if not re.fullmatch(r"[\w\-]+", post):
        return r.error(call, "instagram needs a post id: {{< instagram CxOWiQNP2MO >}}")
    url = f"https://www.instagram.com/p/{post}/"
    return _link(r, call, "instagram", url, "Instagram post")


def gist(r: Renderer, call: Call) -> Out:
    user = call.arg("user", position=0).strip()
    gist = call.arg("id", position=1).strip()
    if not user or not gist:
        return r.error(call, "gist needs a user and an id: {{< gist spf13 7896402 >}}")
    name = call.arg("file", position=2).strip()
    url = f"https://gist.github.com/{user}/{gist}"
    if name:
        url += "#file-" + re.sub(r"[^\w\-]", "-", name.lower())
    text = f"{name} (gist by {user})" if name else f"Gist {gist} by {user}"
    return _link(r, call, "gist", url, text)


def _link(r: Renderer, call: Call, kind: str, url: str, text: str) -> Out:
    html = r.services.html("shortcode_link.html", kind=kind, url=url, text=text)
    return Out(html, "html")


TARGETS: Mapping[str, Callable[[Renderer, Call], Out]] = {
    "ref": ref,
    "relref": relref,
    "param": param,
    "figure": figure,
    "qr": qr,
    "youtube": youtube,
    "vimeo": vimeo,
    "x": x,
    "instagram": instagram,
    "gist": gist,
}


def _inline_markdown(text: str) -> Markup:
    """A caption's inline Markdown (links, emphasis) as HTML; raw HTML in it is escaped."""
    if not text:
        return Markup("")
    import markdown

    rendered = markdown.markdown(htmllib.escape(text, quote=False)).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return Markup(rendered)
