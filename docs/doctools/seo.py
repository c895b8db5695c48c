"""MkDocs hook: what search engines and link previews read from each page's head.

For every page of both languages (notebook pages and the 404 pages too) it puts ``seo`` in
the template context, which ``overrides/main.html`` writes into the head:

- ``alternates``: absolute ``hreflang`` URLs of the page in each language, built from
  ``site_url``, and ``x-default`` (the default language's); Material writes them relative,
  which search engines ignore;
- ``canonical``: the page's absolute URL;
- ``description``: front matter ``description:`` (a page without one fails the build); a
  notebook page: its title and its lesson's description;
- Open Graph and Twitter card tags: title, description, URL, ``og:locale`` and the other
  language as ``og:locale:alternate``, and, on a page that shows one of the lessons' figures,
  the first of them as a PNG card image (cards do not show SVG), drawn at build time; a notebook
  page has its lesson's.

It also writes ``robots.txt``, pointing at the sitemap.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from . import i18n_adapter
from .notebook_pages import SUFFIX

OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
COLON = {"zh": "：", "en": ": "}
CARD_SIZE = (1200, 630)          # the image size link previews ask for (1.91 : 1)
IMAGE = re.compile(r"<img\b[^>]*>")
FIGURE = re.compile(r'\bsrc="(?P<src>[^"]*figures/(?P<name>[\w-]+)\.svg)"')


# ---------------------------------------------------------------- descriptions

def lesson_of(page, nav):
    """The lesson page of a notebook page (None for any other page)."""
    if not page.url.endswith(SUFFIX + "/"):
        return None
    return next((p for p in nav.pages if p.url == page.url.replace(SUFFIX + "/", "/")), None)


def description(page, nav, language: str) -> str:
    if page.meta.get("description"):
        return " ".join(str(page.meta["description"]).split())
    lesson = lesson_of(page, nav)
    if lesson is not None:   # a notebook page: its lesson's description
        return f"{page.title}{COLON[language]}{description(lesson, nav, language)}"
    raise ValueError(f"{page.file.src_uri}: no description: give it front matter 'description:'")


# ---------------------------------------------------------------- card images

@cache
def card_png(name: str) -> bytes:
    """Figure ``name`` of ``tutorial_pkg.figures`` as a card image: a PNG of CARD_SIZE on white.

    Its words are left out (titles, axis labels, legends; the numbers on the axes stay): the
    card shows the page's title and description beside it, and the build machine may have no
    Chinese font, so one image serves both languages."""
    import io

    from tutorial_pkg import figures
    fig = figures.FIGURES[name]("en")
    width, height = CARD_SIZE
    fig.set_size_inches(width / 100, height / 100)
    fig.suptitle("")
    for legend in list(fig.legends):
        legend.remove()
    for ax in fig.axes:
        ax.set_title("")
        ax.set_xlabel("")
        ax.set_ylabel("")
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for text in list(ax.texts):
            text.remove()
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100, facecolor="white", transparent=False, metadata={"Software": None})
    return png.getvalue()


def card_image(page, config) -> dict | None:
    """The first lesson figure the page shows, as a PNG beside its SVG in the built site."""
    if page is None:
        return None
    tag, match = next(((img[0], found) for img in IMAGE.finditer(page.content or "")
                       if (found := FIGURE.search(img[0]))), (None, None))
    if match is None:
        return None
    path = posixpath.normpath(posixpath.join(page.url, match["src"]))[: -len(".svg")] + ".png"
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(card_png(match["name"]))
    alt = re.search(r'\balt="([^"]*)"', tag)
    return {"url": urljoin(config.site_url, path), "width": CARD_SIZE[0], "height": CARD_SIZE[1],
            "alt": html.unescape(alt[1]) if alt else ""}


# ---------------------------------------------------------------- the context

def absolute(config, url: str) -> str:
    return urljoin(config.site_url, "" if url in ("", "./", ".") else url)


def head(config, language: str, title: str, text: str, url: str, twins: dict[str, str],
         image: dict | None, canonical: bool = True) -> dict:
    default = next(iter(i18n_adapter.language_homes(config)))
    alternates = [{"lang": lang, "href": absolute(config, twin)} for lang, twin in twins.items()]
    alternates.append({"lang": "x-default", "href": absolute(config, twins[default])})
    return {
        "description": text, "url": url, "canonical": url if canonical else None, "title": title,
        "alternates": alternates, "site_name": config.site_name, "image": image, "locale": OG_LOCALE[language],
        "locale_alternates": [OG_LOCALE[lang] for lang in twins if lang != language],
    }


def on_page_context(context, page, config, nav, **kwargs):
    language = i18n_adapter.current_language(config)
    if language is None or not config.site_url:
        return context
    found = i18n_adapter.twin_urls(page.file)
    twins = {lang: found.get(lang) for lang in i18n_adapter.language_homes(config)}
    missing = [lang for lang, twin in twins.items() if twin is None]
    if missing:
        raise ValueError(f"{page.file.src_uri}: no {missing} version of this page (hreflang needs one)")
    title = config.site_name if page.is_homepage else (page.meta.get("title") or page.title)
    context["seo"] = head(config, language, html.unescape(re.sub(r"<[^>]+>", "", title)),
                          description(page, nav, language), page.canonical_url,
                          twins,
                          card_image(page, config) or card_image(lesson_of(page, nav), config))
    return context


def on_template_context(context, template_name, config, **kwargs):
    language = i18n_adapter.current_language(config)
    if template_name != "404.html" or language is None or not config.site_url:
        return context
    # A missing page has no twin: its alternates are each language's home page.
    homes = i18n_adapter.language_homes(config)
    context["seo"] = head(config, language, config.site_name, config.site_description,
                          absolute(config, homes[language] + "404.html"), homes, None, canonical=False)
    return context


def on_post_build(config, **kwargs) -> None:
    if config.site_url:
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(config.site_url, 'sitemap.xml')}\n"
        (Path(config.site_dir) / "robots.txt").write_text(robots, encoding="utf-8")
