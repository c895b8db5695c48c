"""Found and shared: what search engines and link previews read from the built site.

- each page has its own description, in its language, and the same in its card;
- Open Graph and Twitter card tags on every page (the 404 pages too): title, description, URL,
  og:locale and the other language's; the card of a lesson page and of its notebook page names
  a PNG of CARD_SIZE that the site has;
- robots.txt points at the sitemap, by its absolute URL.

(hreflang alternates and the sitemap are checked by test_quality.py; Lighthouse's SEO,
accessibility and best practices at 100 on every page by the CI step after the build,
tests/lighthouse.py.)
"""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest

from test_quality import (LANGS, edit, fresh_soup, html_file, language_of, lesson_pages, not_found_pages, pages,
                          site_url, soup)

CARD_SIZE = (1200, 630)
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def meta(html, key: str) -> list[str]:
    """The content of every <meta name=key> or <meta property=key>."""
    return [m.get("content", "") for m in html.find_all("meta") if key in (m.get("name"), m.get("property"))]


def png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def card_problems(site, lessons: list[str]) -> list[str]:
    """Every page's description and card tags (see the module's docstring); ``lessons``: the
    pages whose card must show an image."""
    base = site_url(site)
    problems = []
    seen: dict[str, str] = {}
    documents = pages(site) + list(not_found_pages().values())
    for url in documents:
        html = soup(html_file(site, url))
        lang, where = language_of(url), url or "/"
        is_404 = url.endswith("404.html")
        [description] = meta(html, "description") or [""]
        if not description.strip():
            problems.append(f"{where}: no description")
        elif bool(CJK.search(description)) != (lang == "zh"):
            problems.append(f"{where}: description not in {lang}: {description!r}")
        elif not is_404 and description in seen:
            problems.append(f"{where}: the same description as /{seen[description]}")
        seen.setdefault(description, url)
        canonical = html.find("link", rel="canonical")
        expected = {
            "og:title": [html.title.get_text().split(" - ")[0]],
            "og:description": [description], "twitter:description": [description],
            "og:url": [base + url] if is_404 else [canonical["href"] if canonical else "(canonical)"],
            "og:locale": [OG_LOCALE[lang]],
            "og:locale:alternate": [OG_LOCALE[other] for other in LANGS if other != lang],
        }
        expected["twitter:title"] = expected["og:title"]
        for key, value in expected.items():
            if meta(html, key) != value:
                problems.append(f"{where}: {key} is {meta(html, key)}, expected {value}")
        images = meta(html, "og:image")
        if url in lessons and not images:
            problems.append(f"{where}: a lesson page without a card image")
        for image in images:
            if not image.startswith(base):
                problems.append(f"{where}: og:image {image!r} is not an absolute URL under {base}")
                continue
            file = site / image[len(base):]
            size = png_size(file.read_bytes()) if file.is_file() else None
            if size is None:
                problems.append(f"{where}: og:image {image!r} is not a PNG in the site")
            elif size != CARD_SIZE:
                problems.append(f"{where}: og:image is {size[0]}×{size[1]}, expected {CARD_SIZE[0]}×{CARD_SIZE[1]}")
            if meta(html, "twitter:image") != [image] or meta(html, "twitter:card") != ["summary_large_image"]:
                problems.append(f"{where}: the Twitter card does not show og:image")
        if not images and meta(html, "twitter:card") != ["summary"]:
            problems.append(f"{where}: twitter:card is {meta(html, 'twitter:card')}, expected ['summary']")
    return problems


def robots_problems(site) -> list[str]:
    robots = site / "robots.txt"
    if not robots.is_file():
        return ["robots.txt: missing"]
    sitemaps = re.findall(r"^Sitemap:\s*(\S+)\s*$", robots.read_text(encoding="utf-8"), re.MULTILINE)
    expected = site_url(site) + "sitemap.xml"
    if sitemaps != [expected]:
        return [f"robots.txt: Sitemap {sitemaps}, expected [{expected!r}]"]
    return []


def test_every_page_has_its_description_and_card(built_site):
    lessons = lesson_pages()
    assert {"lesson-4.1/", "en/lesson-4.1/"} <= set(lessons)
    notebooks = [url[:-1] + "-notebook/" for url in lessons if html_file(built_site, url[:-1] + "-notebook/").exists()]
    assert card_problems(built_site, lessons + notebooks) == []


def test_robots_txt_points_at_the_sitemap(built_site):
    assert (built_site / "sitemap.xml").is_file()
    assert robots_problems(built_site) == []


# ---- each check fails on a site broken on purpose (site_copy: a copy of the built site)

@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    """A copy of the built site, to break."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns("search", "*.gz"))
    return copy


def new_problems(check, broken: Path, site: Path, *args) -> list[str]:
    """What ``check`` reports on the broken copy and not on the site itself."""
    before = check(site, *args)
    return [p for p in check(broken, *args) if p not in before]


def test_card_check_finds_a_shared_description_a_missing_image_and_a_wrong_locale(site_copy, built_site):
    lessons = ["lesson-4.1/", "en/lesson-4.1/"]
    glossary = html_file(site_copy, "en/glossary/")
    [same] = meta(fresh_soup(html_file(site_copy, "en/")), "description")
    [own] = meta(fresh_soup(glossary), "description")
    edit(glossary, f'name="description" content="{own}"', f'name="description" content="{same}"')
    edit(glossary, f'property="og:description" content="{own}"', f'property="og:description" content="{same}"')
    edit(glossary, f'name="twitter:description" content="{own}"', f'name="twitter:description" content="{same}"')
    [image] = meta(fresh_soup(html_file(site_copy, "lesson-4.1/")), "og:image")
    (site_copy / image[len(site_url(site_copy)):]).unlink()
    edit(site_copy / "404.html", 'content="zh_CN"', 'content="en_US"')
    problems = new_problems(card_problems, site_copy, built_site, lessons)
    # every page whose card shows that figure: the lesson, its notebook page (its lesson's card),
    # and any other lesson whose first figure it is
    showing = [url for url in pages(built_site) if meta(soup(html_file(built_site, url)), "og:image") == [image]]
    assert {"lesson-4.1/", "lesson-4.1-notebook/"} <= set(showing)
    assert problems == [
        "en/glossary/: the same description as /en/",
        *[f"{url}: og:image {image!r} is not a PNG in the site" for url in showing],
        "404.html: og:locale is ['en_US'], expected ['zh_CN']",
    ], problems


def test_robots_check_finds_a_relative_sitemap(site_copy):
    edit(site_copy / "robots.txt", f"Sitemap: {site_url(site_copy)}", "Sitemap: /")
    assert robots_problems(site_copy) == [f"robots.txt: Sitemap ['/sitemap.xml'], expected [{site_url(site_copy) + 'sitemap.xml'!r}]"]
