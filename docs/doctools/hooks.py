"""MkDocs hooks: math rendered to MathML at build time, so no page loads MathJax from a CDN."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import latex2mathml.converter

# pymdownx.arithmatex (generic mode) wraps TeX as \( ... \) or \[ ... \] in these elements.
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.+?)\\\)|\\\[(?P<block>.+?)\\\])\s*</(?P=tag)>',
    re.DOTALL,
)


def tex_to_mathml(tex: str, display: bool) -> str:
    """One TeX formula as MathML (browsers render MathML natively)."""
    import html
    return latex2mathml.converter.convert(html.unescape(tex).strip(), display="block" if display else "inline")


def _replace(match: re.Match) -> str:
    if match["block"] is not None:
        return f'<div class="math">{tex_to_mathml(match["block"], display=True)}</div>'
    return tex_to_mathml(match["inline"], display=False)


def on_page_content(html: str, **kwargs) -> str:
    return _ARITHMATEX.sub(_replace, html)


def on_post_build(config, **kwargs) -> None:
    # Material fetches sitemap.xml relative to each <link rel="alternate"> of a page; the
    # i18n plugin points those at the twin page (lesson-4.1/ <-> en/lesson-4.1/), but writes
    # one sitemap, at the root. Without a copy beside each page every page logs two 404s.
    site = Path(config.site_dir)
    if (site / "sitemap.xml").exists():
        for index in site.rglob("index.html"):
            if not (index.parent / "sitemap.xml").exists():
                shutil.copyfile(site / "sitemap.xml", index.parent / "sitemap.xml")
