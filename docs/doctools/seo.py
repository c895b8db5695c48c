"""MkDocs hook: what search engines and link previews read: each page's head, robots.txt, sitemaps.

The head (``seo`` in the template context, written by ``overrides/main.html``) has absolute
``hreflang`` URLs (Material writes relative ones, which search engines ignore). A notebook page
takes its lesson's description and card. The sitemap is copied beside every page, where Material
fetches it (relative to each ``<link rel="alternate">``; the i18n plugin writes only the root one).
"""

import html
import io
import posixpath
import re
import shutil
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from . import i18n_adapter

OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
COLON = {"zh": "：", "en": ": "}
CARD_SIZE = (1200, 630)          # the image size link previews ask for (1.91 : 1)
FIGURE = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"]*figures/(?P<name>[\w-]+)\.svg)"[^>]*>')


def lesson_of(page):
    """The lesson page of a notebook page (None for any other page: notebook_pages sets ``lesson``)."""
    return getattr(page.file, "lesson", None) and page.file.lesson.page


def description(page, language: str) -> str:
    if page.meta.get("description"):
        return " ".join(str(page.meta["description"]).split())
    if (lesson := lesson_of(page)) is not None:  # a notebook page: its lesson's description
        return f"{page.title}{COLON[language]}{description(lesson, language)}"
    raise ValueError(f"{page.file.src_uri}: no description: give it front matter 'description:'")


@cache
def card_png(name: str) -> bytes:
    """Figure ``name`` of ``tutorial_pkg.figures`` as a card image: a PNG of CARD_SIZE on white.

    Its words are left out (titles, axis labels, legends; the numbers on the axes stay): the
    card shows the page's title and description beside it, and the build machine may have no
    Chinese font, so one image serves both languages."""
    from tutorial_pkg import figures

    fig = figures.FIGURES[name]("en")
    fig.set_size_inches(CARD_SIZE[0] / 100, CARD_SIZE[1] / 100)
    fig.suptitle("")
    for ax in fig.axes:
        ax.set(title="", xlabel="", ylabel="")
    for artist in [*fig.legends, *(ax.get_legend() for ax in fig.axes), *(t for ax in fig.axes for t in ax.texts)]:
        if artist is not None:
            artist.remove()
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100, facecolor="white", transparent=False, metadata={"Software": None})
    return png.getvalue()


def card_image(page, config) -> dict | None:
    """The first lesson figure the page shows, as a PNG beside its SVG in the built site."""
    if page is None or (found := FIGURE.search(page.content or "")) is None:
        return None
    path = posixpath.normpath(posixpath.join(page.url, found["src"]))[: -len(".svg")] + ".png"
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(card_png(found["name"]))
    alt = re.search(r'\balt="([^"]*)"', found[0])
    return {"url": urljoin(config.site_url, path), "width": CARD_SIZE[0], "height": CARD_SIZE[1],
            "alt": html.unescape(alt[1]) if alt else ""}


def absolute(config, url: str) -> str:
    return urljoin(config.site_url, "" if url in ("", "./", ".") else url)


def head(config, language: str, title: str, text: str, url: str, twins: dict[str, str],
         image: dict | None, canonical: bool = True) -> dict:
    """The page's head; ``twins``: its URL in each language, the default language first (x-default)."""
    alternates = [*twins.items(), ("x-default", next(iter(twins.values())))]
    return {"description": text, "url": url, "canonical": url if canonical else None, "title": title,
            "alternates": [{"lang": lang, "href": absolute(config, twin)} for lang, twin in alternates],
            "site_name": config.site_name, "image": image, "locale": OG_LOCALE[language],
            "locale_alternates": [OG_LOCALE[lang] for lang in twins if lang != language]}


def on_page_context(context, page, config, nav, **kwargs):
    language = i18n_adapter.current_language(config)
    if language is None or not config.site_url:
        return context
    found = i18n_adapter.twin_urls(page.file)
    twins = {lang: found.get(lang) for lang in i18n_adapter.language_homes(config)}
    if missing := [lang for lang, twin in twins.items() if twin is None]:
        raise ValueError(f"{page.file.src_uri}: no {missing} version of this page (hreflang needs one)")
    title = config.site_name if page.is_homepage else (page.meta.get("title") or page.title)
    context["seo"] = head(config, language, html.unescape(re.sub(r"<[^>]+>", "", title)),
                          description(page, language), page.canonical_url, twins,
                          card_image(page, config) or card_image(lesson_of(page), config))
    return context


def on_post_build(config, **kwargs) -> None:
    site = Path(config.site_dir)
    if config.site_url:
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(config.site_url, 'sitemap.xml')}\n"
        (site / "robots.txt").write_text(robots, encoding="utf-8")
    if (site / "sitemap.xml").exists():
        for index in site.rglob("index.html"):
            if not (index.parent / "sitemap.xml").exists():
                shutil.copyfile(site / "sitemap.xml", index.parent / "sitemap.xml")
