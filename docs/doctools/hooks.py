"""MkDocs hooks: math rendered to MathML at build time, so no page loads MathJax from a CDN."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import latex2mathml.converter

from . import i18n_adapter

# pymdownx.arithmatex (generic mode) wraps TeX as \( ... \) or \[ ... \] in these elements.
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.+?)\\\)|\\\[(?P<block>.+?)\\\])\s*</(?P=tag)>',
    re.DOTALL,
)


def tex_to_mathml(tex: str, display: bool) -> str:
    """One TeX formula as MathML (browsers render MathML natively)."""
    import html
    return latex2mathml.converter.convert(html.unescape(tex).strip(), display="block" if display else "inline")


def math_html(match: re.Match) -> str:
    """A TeX match (groups ``block`` or ``inline``) as MathML, a display block in a div."""
    if match["block"] is not None:
        return f'<div class="math">{tex_to_mathml(match["block"], display=True)}</div>'
    return tex_to_mathml(match["inline"], display=False)


def on_page_content(html: str, **kwargs) -> str:
    return _ARITHMATEX.sub(math_html, html)


def on_post_build(config, **kwargs) -> None:
    # Material fetches sitemap.xml relative to each <link rel="alternate"> of a page; the
    # i18n plugin points those at the twin page (glossary/ <-> en/glossary/), but writes
    # one sitemap, at the root. Without a copy beside each page every page logs two 404s.
    site = Path(config.site_dir)
    if (site / "sitemap.xml").exists():
        for index in site.rglob("index.html"):
            if not (index.parent / "sitemap.xml").exists():
                shutil.copyfile(site / "sitemap.xml", index.parent / "sitemap.xml")


# ------------------------------------------------------------ "outputs verified with" stamp
# Each lesson page (front matter ``notebook: true``) says which torch and Python its outputs
# were verified with: the versions of the stack that builds the site (the build runs the same
# pinned stack as the doctests, .ci/constraints.txt), and the range the version matrix checks
# them on (.ci/matrix.py, the legs of ``nox -s lessons``). It links to the lesson's note on why
# the last digits may differ, which gets the id below; a page without such a note links to
# the first page of its language's nav that has one.

LAST_DIGITS_ID = "last-digits"
VERIFIED_TEXT = {
    "zh": {"sentence": "本页输出已用 PyTorch {torch}、Python {python} 验证；"
                       "另在 PyTorch {torch_min}–{torch_max}、Python {python_min}–{python_max} 上检查过。",
           "why": "版本不同时，最后一两位数字可能不同"},
    "en": {"sentence": "Outputs on this page verified with PyTorch {torch} and Python {python}; "
                       "also checked on PyTorch {torch_min}–{torch_max} and Python {python_min}–{python_max}.",
           "why": "With other versions the last digit or two may differ"},
}


def stack_versions() -> dict[str, str]:
    """The torch and Python versions of the running stack, torch without its local
    build tag (``2.13.0+cpu`` -> ``2.13.0``)."""
    import platform

    import torch
    return {"torch": torch.__version__.split("+")[0], "python": platform.python_version()}


def checked_range() -> dict[str, str]:
    """The oldest and newest torch and Python of the version matrix (.ci/matrix.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "matrix", Path(__file__).resolve().parents[2] / ".ci" / "matrix.py")
    matrix = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(matrix)
    return matrix.checked_range()


def page_language(page, config) -> str:
    locale = i18n_adapter.file_language(page.file) or config.theme.get("language") or "en"
    return locale if locale in VERIFIED_TEXT else "en"


def on_page_context(context, page, config, nav, **kwargs):
    if not page.meta.get("notebook"):
        return context
    from mkdocs.utils import get_relative_url

    # The pages mark their note with { #last-digits } (attr_list), where MkDocs sees the anchor.
    if f'id="{LAST_DIGITS_ID}"' in (page.content or ""):
        href = f"#{LAST_DIGITS_ID}"
    else:
        # nav holds the pages of the language being built, all rendered before any is written
        note = next((p for p in nav.pages if f'id="{LAST_DIGITS_ID}"' in (p.content or "")), None)
        if note is None:
            raise ValueError(f"{page.file.src_uri}: no note on last digits to link the version stamp to")
        href = get_relative_url(note.url, page.url) + f"#{LAST_DIGITS_ID}"
    text = VERIFIED_TEXT[page_language(page, config)]
    versions = {**stack_versions(), **checked_range()}
    context["verified_with"] = {**versions, "sentence": text["sentence"].format(**versions),
                                "why": text["why"], "href": href}
    return context


# ------------------------------------------------------------ 404 page in each language
# Material renders 404.html once per build. The i18n plugin builds English inside the
# Chinese build's on_post_build, with the same site_dir, so English's 404 would overwrite
# the root one, and its language switch would carry the links of the last page built.


def on_template_context(context, template_name, config, **kwargs):
    if template_name == "404.html" and i18n_adapter.home_switch(config):
        # A missing page has no twin: the switch goes to each language's home page.
        # The i18n plugin sets it both as an item and as an attribute (which Jinja reads first).
        import copy
        config.extra["alternate"] = copy.deepcopy(i18n_adapter.home_switch(config))
        config.extra.alternate = config.extra["alternate"]
    return context


def on_post_template(output, template_name, config, **kwargs):
    if template_name != "404.html":
        return output
    output = accessible_markup(output, config.theme.get("language") or "en")
    if i18n_adapter.is_default_language_build(config):
        return output
    # Not the default language: its 404 goes to <lang>/404.html, the root one is kept.
    target = Path(config.site_dir) / i18n_adapter.current_language(config) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty template


# ------------------------------------------------------------ accessible names
# Material's search box is a role="dialog" without a name (axe: aria-dialog-name, serious).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = {"zh": "搜索", "en": "Search"}


def accessible_markup(html: str, language: str) -> str:
    label = SEARCH_LABEL.get(language, SEARCH_LABEL["en"])
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)


def on_post_page(output, page, config, **kwargs):
    return accessible_markup(output, config.theme.get("language") or "en")
