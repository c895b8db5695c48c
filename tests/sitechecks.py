"""The built site as the quality checks read it, and the checks: each returns a list of problems
(empty: all good). tests/test_quality.py runs them on the built site and on a small synthetic site
broken on purpose; tests/test_seo.py reads the site with the same helpers."""

from __future__ import annotations

import platform
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

from doctools.lessons import lessons

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGS = {"zh": "", "en": "en/"}   # language -> URL prefix; zh is the default language, at /
DEFAULT_LANG = "zh"
HOST = "http://site"               # pages are resolved as if served here
SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "javascript", "data"}
RESOURCES = {"img": "src", "script": "src", "source": "src", "iframe": "src", "link": "href"}


# ---------------------------------------------------------------------------- the built site

def fresh_soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@lru_cache(maxsize=512)
def _soup(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return fresh_soup(path)


def soup(path: Path) -> BeautifulSoup:
    """The parsed page, parsed once while the file is unchanged (do not modify it)."""
    stat = path.stat()
    return _soup(path, stat.st_mtime_ns, stat.st_size)


def root_path(site: Path) -> str:
    """The URL path the site is published under ("/" locally; "/<repo>/" on GitHub Pages),
    read from the home page's canonical link."""
    canonical = soup(site / "index.html").find("link", rel="canonical")
    return urlparse(canonical["href"]).path if canonical else "/"


def site_url(site: Path) -> str:
    canonical = soup(site / "index.html").find("link", rel="canonical")
    return canonical["href"] if canonical else HOST + "/"


def pages(site: Path) -> list[str]:
    """Every built page, as its URL relative to the site root: "", "glossary/", "en/", ..."""
    return sorted(str(p.parent.relative_to(site)) + "/" if p.parent != site else ""
                  for p in site.rglob("index.html"))


def not_found_pages() -> dict[str, str]:
    return {lang: prefix + "404.html" for lang, prefix in LANGS.items()}


def language_of(url: str) -> str:
    return next((lang for lang, prefix in LANGS.items() if prefix and url.startswith(prefix)), DEFAULT_LANG)


def twin(url: str, lang: str) -> str:
    """The same page in ``lang``: "glossary/" <-> "en/glossary/"."""
    bare = url[len(LANGS[language_of(url)]):]
    return LANGS[lang] + bare


def html_file(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


class Resolver:
    """Turns an href on a page into the site-relative URL it points to (None: another site)."""

    def __init__(self, site: Path) -> None:
        self.root = root_path(site)

    def __call__(self, page_url: str, href: str) -> tuple[str, str] | None:
        parsed = urlparse(href)
        if parsed.scheme in SKIPPED_SCHEMES or href.startswith("//"):
            return None
        absolute = urlparse(urljoin(HOST + self.root + page_url, href))
        if f"{absolute.scheme}://{absolute.netloc}" != HOST:
            return None
        path = unquote(absolute.path)
        if not path.startswith(self.root):
            return ("\0outside:" + path, "")   # under the host but outside the site
        return path[len(self.root):], unquote(absolute.fragment)


def ids(path: Path) -> frozenset[str]:
    html = soup(path)
    return frozenset([e["id"] for e in html.find_all(id=True)] + [e["name"] for e in html.find_all("a", attrs={"name": True})])


# ---------------------------------------------------------------------------- the checks

def link_problems(site: Path, documents: list[str] | None = None) -> list[str]:
    """Every <a href> to this site reaches a built file, and its #fragment an id in that page;
    every resource (img, script, stylesheet, ...) exists. The 404 pages, served at any depth,
    may only use absolute URLs. Checks the links of ``documents`` (default: every page)."""
    resolve = Resolver(site)
    problems = []
    if documents is None:
        documents = pages(site) + [p for p in not_found_pages().values() if (site / p).exists()]
    for url in documents:
        html = soup(html_file(site, url))
        refs = [("a", a["href"]) for a in html.find_all("a", href=True)]
        refs += [(tag, e[attr]) for tag, attr in RESOURCES.items() for e in html.find_all(tag, attrs={attr: True})
                 if tag != "link" or set(e.get("rel", [])) & {"stylesheet", "icon", "preload", "modulepreload"}]
        for tag, href in refs:
            target = resolve(url, href)
            if target is None:
                continue
            where = f"{url or '/'}: <{tag}> {href!r}"
            if url.endswith("404.html") and not (href.startswith("/") or urlparse(href).scheme or href.startswith("#")):
                problems.append(f"{where}: relative URL on a 404 page (it is served at any depth)")
                continue
            path, fragment = target
            file = html_file(site, path)
            if not file.is_file():
                problems.append(f"{where}: no such file {path!r}")
            elif tag == "a" and fragment and file.suffix == ".html" and fragment not in ids(file):
                problems.append(f"{where}: no element with id {fragment!r} in {path or '/'}")
    return problems


def nav_problems(site: Path) -> list[str]:
    """Every built page (404 aside) is linked from the navigation of its language's home page."""
    resolve = Resolver(site)
    problems = []
    for lang, home in LANGS.items():
        nav = soup(html_file(site, home)).select_one("nav.md-nav--primary")
        if nav is None:
            problems.append(f"{home or '/'}: no primary navigation")
            continue
        linked = {target[0] for a in nav.find_all("a", href=True) if (target := resolve(home, a["href"]))}
        for url in pages(site):
            if language_of(url) == lang and url not in linked:
                problems.append(f"{url}: not in the {lang} navigation (orphan page)")
    return problems


def not_found_problems(site: Path) -> list[str]:
    """A 404 page per language: its lang, text in its language, the site's style, a link home."""
    resolve = Resolver(site)
    words = {"zh": "页面不存在", "en": "Page not found"}
    problems = []
    for lang, url in not_found_pages().items():
        file = site / url
        if not file.is_file():
            problems.append(f"{url}: missing")
            continue
        html = soup(file)
        if html.html.get("lang") != lang:
            problems.append(f"{url}: lang={html.html.get('lang')!r}, not {lang!r}")
        article = html.select_one("article.md-content__inner")
        if article is None or html.select_one("header.md-header") is None:
            problems.append(f"{url}: not laid out by the site's theme (no header or article)")
            continue
        if "404" not in article.get_text() or words[lang] not in article.get_text():
            problems.append(f"{url}: the text does not say {words[lang]!r}")
        if not any("stylesheets/main" in link["href"] for link in html.find_all("link", rel="stylesheet")):
            problems.append(f"{url}: not styled by the theme's stylesheet")
        home_links = [a for a in article.find_all("a", href=True) if (resolve(url, a["href"]) or ("?",))[0] == LANGS[lang]]
        if not home_links:
            problems.append(f"{url}: no link back to its home page /{LANGS[lang]}")
    return problems


def alternates(html: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}


def hreflang_problems(site: Path) -> list[str]:
    """Each page's <link rel=alternate hreflang> are exactly its twins in every language and
    x-default (the default language's), as absolute URLs under the site's URL (search engines
    ignore relative ones); the 404 pages' point to the home pages."""
    base = site_url(site)
    problems = []
    built = set(pages(site))
    documents = [(u, False) for u in pages(site)] + [(u, True) for u in not_found_pages().values() if (site / u).exists()]
    for url, is_404 in documents:
        html = soup(html_file(site, url))
        lang = language_of(url)
        if html.html.get("lang") != lang:
            problems.append(f"{url}: lang={html.html.get('lang')!r}, not {lang!r}")
        found = alternates(html)
        expected = {other: (prefix if is_404 else twin(url, other)) for other, prefix in LANGS.items()}
        expected["x-default"] = expected[DEFAULT_LANG]
        if set(found) != set(expected):
            problems.append(f"{url or '/'}: hreflang {sorted(found)}, expected {sorted(expected)}")
        for other, href in found.items():
            if not href.startswith(base):
                problems.append(f"{url or '/'}: hreflang={other} -> {href!r}, not an absolute URL under {base}")
            elif other in expected and unquote(href[len(base):]) != expected[other]:
                problems.append(f"{url or '/'}: hreflang={other} -> {href!r}, expected {base}{expected[other]}")
            if other in expected and expected[other] not in built:
                problems.append(f"{url or '/'}: its {other} twin /{expected[other]} was not built")
    return problems


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_problems(site: Path) -> list[str]:
    """sitemap.xml at the root lists every page of both languages, each once, with hreflang
    alternates pointing to its twins."""
    file = site / "sitemap.xml"
    if not file.is_file():
        return ["sitemap.xml: missing"]
    base = site_url(site)

    def relative(loc: str) -> str:
        return loc[len(base):] if loc.startswith(base) else "\0not under " + base + ": " + loc

    problems = []
    listed = []
    for entry in ET.parse(file).getroot().iter(SITEMAP + "url"):
        url = relative(entry.findtext(SITEMAP + "loc", "").strip())
        listed.append(url)
        found = {link.get("hreflang"): relative(link.get("href", "")) for link in entry.iter(XHTML + "link")}
        expected = {lang: twin(url, lang) for lang in LANGS}
        if found != expected:
            problems.append(f"sitemap.xml: {url or '/'} has alternates {found}, expected {expected}")
    for url in sorted(set(listed) - set(pages(site))):
        problems.append(f"sitemap.xml lists {url!r}, which is not a built page")
    for url in sorted(set(pages(site)) - set(listed)):
        problems.append(f"sitemap.xml does not list /{url}")
    for url in sorted({u for u in listed if listed.count(u) > 1}):
        problems.append(f"sitemap.xml lists /{url} more than once")
    return problems


def stack_versions() -> dict[str, str]:
    """What the stamp must say: the running interpreter's torch (without +cpu) and Python, and
    the range the version matrix (.ci/matrix.py) checks."""
    import torch

    from helpers import version_matrix
    return {"torch": torch.__version__.split("+")[0], "python": platform.python_version(),
            **version_matrix().checked_range()}


STAMP = {
    "zh": "本页输出已用 PyTorch {torch}、Python {python} 验证；"
          "另在 PyTorch {torch_min}–{torch_max}、Python {python_min}–{python_max} 上检查过。",
    "en": "Outputs on this page verified with PyTorch {torch} and Python {python}; "
          "also checked on PyTorch {torch_min}–{torch_max} and Python {python_min}–{python_max}.",
}


def lesson_pages() -> list[str]:
    """The built URLs of every lesson's pages, in both languages."""
    return [lesson.url(lang) for lesson in lessons() for lang in LANGS]


def stamp_problems(site: Path, versions: dict[str, str], lessons: list[str]) -> list[str]:
    """Each lesson page states, in its language, the versions its outputs were verified with,
    and links it to the note on last digits."""
    resolve = Resolver(site)
    problems = []
    for url in lessons:
        html = soup(html_file(site, url))
        stamp = html.select_one("article .verified-with")
        expected = STAMP[language_of(url)].format(**versions)
        if stamp is None:
            problems.append(f"{url}: no version stamp")
            continue
        if expected not in " ".join(stamp.get_text().split()):
            problems.append(f"{url}: stamp says {stamp.get_text(' ', strip=True)!r}, expected {expected!r}")
        link = stamp.find("a", href=True)
        target = resolve(url, link["href"]) if link else None
        if target is None or not target[1]:
            problems.append(f"{url}: the stamp does not link to a note in this site")
            continue
        note = soup(html_file(site, target[0])).find(id=target[1])
        in_note = note is not None and ("admonition" in note.get("class", [])
                                        or note.find_parent(class_="admonition") is not None)
        if not in_note:
            problems.append(f"{url}: the stamp links to {link['href']!r}, which is not a note")
    return problems


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
