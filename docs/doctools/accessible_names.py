"""MkDocs hook: accessible names for Material's unnamed widgets, in the page's language.

Material's search box is a role="dialog" without a name (axe: aria-dialog-name, serious).
"""

from __future__ import annotations

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = {"zh": "搜索", "en": "Search"}


def accessible_markup(html: str, language: str) -> str:
    label = SEARCH_LABEL.get(language, SEARCH_LABEL["en"])
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)


def on_post_page(output, page, config, **kwargs):
    return accessible_markup(output, config.theme.get("language") or "en")
