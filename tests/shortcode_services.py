"""What the shortcode expansion asks of the site, stubbed for unit tests: every embed renders
as ``embed`` (the template's output), every reference resolves to ``x/``, no param is set,
every resource is found where it is named."""

from __future__ import annotations


class StubServices:
    def __init__(self, embed: str = "<span>embed</span>") -> None:
        self.embed = embed

    def html(self, template: str, **context: object) -> str:
        return self.embed

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        return "x/"

    def param(self, name: str) -> object:
        return None

    def resource(self, src: str) -> str:
        return src
