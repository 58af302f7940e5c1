"""The plugin's interface words in a page's language: dates, "min read", the pager, listings.

Templates call ``t("min read")``: the English text is the key. A language's own ``labels``
(in ``languages``) win over the built-in words below; a word neither has stays in English.
Month and day names in dates come from Babel (Material's dependency) for the language's code.
Plain Python: no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

__all__ = ["BUILT_IN", "dated", "labels_for"]

_KEYS = (
    "min read",
    "Latest essays",
    "All essays →",
    "No essays yet.",
    "Linked from",
    "← Newer",
    "Older →",
    "Page",
    "of",
    "Related essays",
)
BUILT_IN: dict[str, tuple[str, ...]] = {
    "pt": ("min de leitura", "Artigos recentes", "Todos os artigos →", "Ainda não há artigos.",
           "Citado em", "← Mais recentes", "Mais antigos →", "Página", "de",
           "Artigos relacionados"),
    "fr": ("min de lecture", "Derniers essais", "Tous les essais →", "Pas encore d'essais.",
           "Cité par", "← Plus récents", "Plus anciens →", "Page", "sur", "Essais liés"),
    "de": ("Min. Lesezeit", "Neueste Essays", "Alle Essays →", "Noch keine Essays.",
           "Verlinkt von", "← Neuer", "Älter →", "Seite", "von", "Verwandte Essays"),
    "es": ("min de lectura", "Últimos ensayos", "Todos los ensayos →", "Aún no hay ensayos.",
           "Enlazado desde", "← Más recientes", "Más antiguos →", "Página", "de",
           "Ensayos relacionados"),
    "it": ("min di lettura", "Ultimi saggi", "Tutti i saggi →", "Ancora nessun saggio.",
           "Citato da", "← Più recenti", "Più vecchi →", "Pagina", "di", "Saggi correlati"),
}  # fmt: skip
"""Words by language (the first part of its code: ``pt`` for ``pt-br``), in :data:`_KEYS`
order."""


def labels_for(code: str, own: Mapping[str, str] | None = None) -> dict[str, str]:
    """English text -> the text in language ``code``: its own ``labels`` over the built-in."""
    words = BUILT_IN.get(code.split("-")[0].lower(), ())
    return {**dict(zip(_KEYS, words, strict=False)), **dict(own or {})}


@cache
def _names(code: str) -> dict[str, Any] | None:
    """Babel's month and day names for a language code, or None (English, or unknown)."""
    if code.split("-")[0].lower() == "en":
        return None
    from babel import Locale, UnknownLocaleError

    for candidate in (code.replace("-", "_"), code.split("-")[0]):
        try:
            locale = Locale.parse(candidate)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        return {
            "%B": locale.months["format"]["wide"],
            "%b": locale.months["format"]["abbreviated"],
            "%A": locale.days["format"]["wide"],
            "%a": locale.days["format"]["abbreviated"],
        }
    return None


def dated(fmt: str, value: datetime, code: str) -> str:
    """``fmt`` with month and day names in language ``code`` (``%B`` -> ``julho``), ready for
    ``strftime``; the format as it is in English or a language Babel does not know."""
    names = _names(code)
    if names is None:
        return fmt
    out: list[str] = []
    i = 0
    while i < len(fmt):  # one pass: %% stays, %B/%b/%A/%a become the name
        pair = fmt[i : i + 2]
        if pair in names:
            table = names[pair]
            index = value.month if pair in ("%B", "%b") else value.weekday()
            out.append(str(table[index]).replace("%", "%%"))
            i += 2
        elif pair == "%%" or (pair.startswith("%") and len(pair) == 2):
            out.append(pair)
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)
