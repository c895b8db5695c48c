"""The site's static checks, and a small synthetic site to break (this is not a test module).

Each check reads a built site folder and returns its problems; tests/test_quality.py runs them."""

from __future__ import annotations

import contextlib
import platform
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup
from PIL import Image

from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import lessons, words

DEFAULT_LANG = next(lang for lang, prefix in LANGS.items() if not prefix)   # the one at the site's root
NOT_FOUND = {lang: prefix + "404.html" for lang, prefix in LANGS.items()}
HOST = "http://site"   # pages are resolved as if served here
RESOURCES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
SITEMAP, XHTML = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
NOT_FOUND_WORDS = {"zh": "页面不存在", "en": "Page not found"}
CARD_SIZE = (1200, 630)
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------------------- the built site

@lru_cache(maxsize=64)
def _parse(text: str) -> tuple[BeautifulSoup, frozenset[str]]:
    """The page, and every id (and <a name>) in it: what a #fragment can reach."""
    html = BeautifulSoup(text, "html.parser")
    return html, frozenset([e["id"] for e in html.find_all(id=True)] + [a["name"] for a in html.select("a[name]")])


def soup(path: Path) -> BeautifulSoup:
    """The parsed page, parsed once per text (keyed by the text, as a test edits its files): do not modify it."""
    return _parse(path.read_text(encoding="utf-8"))[0]


def site_url(site: Path) -> str:
    canonical = soup(site / "index.html").find("link", rel="canonical")
    return canonical["href"] if canonical else HOST + "/"


def pages(site: Path) -> list[str]:
    """Every built page, as its URL relative to the site root: "", "glossary/", "en/", ..."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def documents(site: Path) -> list[str]:
    return pages(site) + [url for url in NOT_FOUND.values() if (site / url).is_file()]


def language_of(url: str) -> str:
    return next((lang for lang, prefix in LANGS.items() if prefix and url.startswith(prefix)), DEFAULT_LANG)


def twin(url: str, lang: str) -> str:
    """The same page in ``lang``: "glossary/" <-> "en/glossary/"."""
    return LANGS[lang] + url[len(LANGS[language_of(url)]):]


def html_file(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


def alternates(url: str) -> dict[str, str]:
    """The hreflang alternates of a page: its twins and x-default, the default language's (a 404 page's: the homes)."""
    found = {lang: prefix if url.endswith("404.html") else twin(url, lang) for lang, prefix in LANGS.items()}
    return {**found, "x-default": found[DEFAULT_LANG]}


def resolver(site: Path):
    """``resolve(page_url, href)``: the site-relative URL and #fragment that ``href`` reaches (None: another site)."""
    root = urlparse(site_url(site)).path

    def resolve(page_url: str, href: str) -> tuple[str, str] | None:
        absolute = urlparse(urljoin(HOST + root + page_url, href))   # mailto:, data:, //cdn... leave HOST
        if f"{absolute.scheme}://{absolute.netloc}" != HOST:
            return None
        path = unquote(absolute.path)
        return (path[len(root):], unquote(absolute.fragment)) if path.startswith(root) else ("\0outside:" + path, "")
    return resolve


def meta(html: BeautifulSoup, key: str) -> list[str]:
    return [m.get("content", "") for m in html.find_all("meta") if key in (m.get("name"), m.get("property"))]


def png_size(file: Path) -> tuple[int, int] | None:
    with contextlib.suppress(OSError), Image.open(file) as image:   # OSError: missing, or not an image
        return image.size if image.format == "PNG" else None


# ---------------------------------------------------------------------------- the checks

def link_problems(site: Path) -> list[str]:
    """Every <a href> to this site reaches a built file, and its #fragment an id in that page; every resource
    (img, script, stylesheet, ...) exists. The 404 pages, served at any depth, may only use absolute URLs."""
    resolve, problems = resolver(site), []
    ids = lru_cache(lambda file: _parse(file.read_text(encoding="utf-8"))[1])   # read once a page, not once a link
    for url in documents(site):
        for e in soup(html_file(site, url)).find_all(list(RESOURCES)):
            href = e.get(RESOURCES[e.name])
            loads = e.name != "link" or {"stylesheet", "icon", "preload", "modulepreload"} & set(e.get("rel", []))
            if href is None or not loads or (target := resolve(url, href)) is None:
                continue
            where, (path, fragment) = f"{url or '/'}: <{e.name}> {href!r}", target
            file = html_file(site, path)
            if url.endswith("404.html") and not (href.startswith(("/", "#")) or urlparse(href).scheme):
                problems.append(f"{where}: relative URL on a 404 page (it is served at any depth)")
            elif not file.is_file():
                problems.append(f"{where}: no such file {path!r}")
            elif e.name == "a" and fragment and file.suffix == ".html" and fragment not in ids(file):
                problems.append(f"{where}: no element with id {fragment!r} in {path or '/'}")
    return problems


def nav_problems(site: Path) -> list[str]:
    """Every built page (404 aside) is linked from the navigation of its language's home page."""
    resolve, problems = resolver(site), []
    for lang, home in LANGS.items():
        links = soup(html_file(site, home)).select("nav.md-nav--primary a[href]")
        linked = {target[0] for a in links if (target := resolve(home, a["href"]))}
        problems += [f"{url}: not in the {lang} navigation (orphan page)"
                     for url in pages(site) if language_of(url) == lang and url not in linked]
    return problems


def not_found_problems(site: Path) -> list[str]:
    """A 404 page per language, laid out by the theme, saying so in its language and linking to its home page."""
    resolve, problems = resolver(site), []
    for lang, url in NOT_FOUND.items():
        if not (site / url).is_file():
            problems.append(f"{url}: missing")
            continue
        html = soup(site / url)
        article, text = html.select_one("article.md-content__inner"), NOT_FOUND_WORDS[lang]
        if article is None or html.select_one("header.md-header") is None:
            problems.append(f"{url}: not laid out by the site's theme (no header or article)")
            continue
        if "404" not in article.get_text() or text not in article.get_text():
            problems.append(f"{url}: the text does not say {text!r}")
        if not any((resolve(url, a["href"]) or ("?",))[0] == LANGS[lang] for a in article.find_all("a", href=True)):
            problems.append(f"{url}: no link back to its home page /{LANGS[lang]}")
    return problems


def hreflang_problems(site: Path) -> list[str]:
    """Each page's <html lang> is its language; its hreflang alternates are exactly its twins and x-default (the
    default language's), absolute under the site's URL (search engines ignore relative ones); a 404's: the homes."""
    base, built, problems = site_url(site), set(pages(site)), []
    for url in documents(site):
        html, lang, where = soup(html_file(site, url)), language_of(url), url or "/"
        if html.html.get("lang") != lang:
            problems.append(f"{where}: lang={html.html.get('lang')!r}, not {lang!r}")
        found = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
        if set(found) != set(expected := alternates(url)):
            problems.append(f"{where}: hreflang {sorted(found)}, expected {sorted(expected)}")
        for other, href in found.items():
            if not href.startswith(base):
                problems.append(f"{where}: hreflang={other} -> {href!r}, not an absolute URL under {base}")
            elif other in expected and unquote(href[len(base):]) != expected[other]:
                problems.append(f"{where}: hreflang={other} -> {href!r}, expected {base}{expected[other]}")
            if other in expected and expected[other] not in built:
                problems.append(f"{where}: its {other} twin /{expected[other]} was not built")
    return problems


def sitemap_problems(site: Path) -> list[str]:
    """sitemap.xml at the root lists every page of both languages, each once, with hreflang alternates pointing
    to its twins; robots.txt points at it by its absolute URL."""
    base = site_url(site)
    if not (site / "sitemap.xml").is_file():
        return ["sitemap.xml: missing"]
    robots, expected = site / "robots.txt", base + "sitemap.xml"
    found = re.findall(r"^Sitemap:\s*(\S+)$", robots.read_text(encoding="utf-8") if robots.is_file() else "", re.M)
    problems = [] if found == [expected] else [f"robots.txt: Sitemap {found}, expected [{expected!r}]"]

    def relative(loc: str) -> str:
        return loc[len(base):] if loc.startswith(base) else f"\0not under {base}: {loc}"
    listed = []
    for entry in ET.parse(site / "sitemap.xml").getroot().iter(SITEMAP + "url"):
        listed.append(url := relative(entry.findtext(SITEMAP + "loc", "").strip()))
        alternates = {link.get("hreflang"): relative(link.get("href", "")) for link in entry.iter(XHTML + "link")}
        if alternates != (want := {lang: twin(url, lang) for lang in LANGS}):
            problems.append(f"sitemap.xml: {url or '/'} has alternates {alternates}, expected {want}")
    built = set(pages(site))
    problems += [f"sitemap.xml lists {url!r}, which is not a built page" for url in sorted(set(listed) - built)]
    problems += [f"sitemap.xml does not list /{url}" for url in sorted(built - set(listed))]
    return problems + [f"sitemap.xml lists /{url} twice or more" for url in sorted(built) if listed.count(url) > 1]


def card_problems(site: Path, lesson_urls: list[str]) -> list[str]:
    """Each page (404s too) has its own description, in its language, and the same in its card; Open Graph and Twitter
    tags: title, description, URL, og:locales; each of ``lesson_urls`` has a card image, a CARD_SIZE PNG in the site."""
    base, seen, problems = site_url(site), {}, []
    for url in pages(site) + list(NOT_FOUND.values()):
        html, lang, where, is_404 = soup(html_file(site, url)), language_of(url), url or "/", url.endswith("404.html")
        [description] = meta(html, "description") or [""]
        if not description.strip() or bool(CJK.search(description)) != (lang == "zh"):
            problems.append(f"{where}: no description in {lang}: {description!r}")
        elif not is_404 and description in seen:
            problems.append(f"{where}: the same description as /{seen[description]}")
        seen.setdefault(description, url)
        canonical, images = html.find("link", rel="canonical"), meta(html, "og:image")
        title = html.title.get_text().split(" - ")[0]
        expected = {"og:title": [title], "twitter:title": [title], "og:description": [description],
                    "twitter:description": [description], "og:locale": [OG_LOCALE[lang]],
                    "og:url": [base + url if is_404 else canonical["href"] if canonical else "(its canonical URL)"],
                    "og:locale:alternate": [OG_LOCALE[other] for other in LANGS if other != lang],
                    "twitter:image": images, "twitter:card": ["summary_large_image" if images else "summary"]}
        problems += [f"{where}: {key} is {meta(html, key)}, expected {value}"
                     for key, value in expected.items() if meta(html, key) != value]
        if url in lesson_urls and not images:
            problems.append(f"{where}: a lesson page without a card image")
        problems += [f"{where}: og:image {image!r} is not a {CARD_SIZE[0]}×{CARD_SIZE[1]} PNG in the site under {base}"
                     for image in images
                     if not image.startswith(base) or png_size(site / image[len(base):]) != CARD_SIZE]
    return problems


def stack_versions() -> dict[str, str]:
    """What the stamp must say: the running torch (without +cpu) and Python, and the range .ci/matrix.py checks."""
    import torch

    from helpers import version_matrix
    return {"torch": torch.__version__.split("+")[0], "python": platform.python_version(),
            **version_matrix().checked_range()}


def lesson_pages(notebooks: bool = False) -> list[str]:
    found = [url for lesson in lessons() for lang in LANGS
             for url in (lesson.url(lang), *([lesson.notebook_url(lang)] if notebooks else []))]
    assert found, "no lesson found (doctools.lessons)"
    return found


def stamp_problems(site: Path, versions: dict[str, str], lesson_urls: list[str]) -> list[str]:
    """Each lesson page states, in its language, the versions its outputs were verified with, linked to the note."""
    resolve, problems = resolver(site), []
    for url in lesson_urls:
        stamp = soup(html_file(site, url)).select_one("article .verified-with")
        expected = words("stamp")[language_of(url)]["sentence"].format(**versions)
        if stamp is None:
            problems.append(f"{url}: no version stamp")
            continue
        if expected not in " ".join(stamp.get_text().split()):
            problems.append(f"{url}: stamp says {stamp.get_text(' ', strip=True)!r}, expected {expected!r}")
        link = stamp.find("a", href=True)
        target = resolve(url, link["href"]) if link else None
        note = soup(html_file(site, target[0])).find(id=target[1]) if target and target[1] else None
        if note is None or not ("admonition" in note.get("class", []) or note.find_parent(class_="admonition")):
            problems.append(f"{url}: the stamp does not link to a note in this site")
    return problems


# ---------------------------------------------------------------------------- a site to break

MINI_URL = "https://example.org/tutorial/"   # published under a path, as on GitHub Pages
MINI_PAGES = ["", "glossary/", "lesson-1/", "en/", "en/glossary/", "en/lesson-1/", "404.html", "en/404.html"]
MINI_LESSONS = ["lesson-1/", "en/lesson-1/"]


def mini_page(url: str, versions: dict[str, str]) -> str:
    """One page of the synthetic site: what each check reads, and nothing else."""
    lang, is_404, root = language_of(url), url.endswith("404.html"), urlparse(MINI_URL).path
    head = "".join(f'<link rel="alternate" href="{MINI_URL}{href}" hreflang="{other}">'
                   for other, href in alternates(url).items())
    head += "" if is_404 else f'<link rel="canonical" href="{MINI_URL}{url}">'
    title, description = url or "home", f"{url} 的说明" if lang == "zh" else f"About {url}"
    image = f"{MINI_URL}{LANGS[lang]}card.png" if url in MINI_LESSONS else None
    tags = [("description", description), ("og:description", description), ("twitter:description", description),
            ("og:title", title), ("twitter:title", title), ("og:url", MINI_URL + url), ("og:locale", OG_LOCALE[lang]),
            *[("og:locale:alternate", OG_LOCALE[other]) for other in LANGS if other != lang],
            *([("og:image", image), ("twitter:image", image)] if image else []),
            ("twitter:card", "summary_large_image" if image else "summary")]
    head += "".join(f'<meta name="{name}" content="{value}">' for name, value in tags)
    nav = "".join(f'<a href="{root}{u}">{u}</a>' for u in MINI_PAGES
                  if language_of(u) == lang and not u.endswith(".html"))
    body = f'<a href="{root}{LANGS[lang]}">404 {NOT_FOUND_WORDS[lang]}</a>' if is_404 else '<a href="#top">top</a>'

    if url in MINI_LESSONS:
        body += (f'<p class="verified-with">{words("stamp")[lang]["sentence"].format(**versions)} <a href="#note">?</a>'
                 '</p><div class="admonition" id="note"></div>')
    return (f'<html lang="{lang}"><head><title>{title} - site</title>{head}</head><body><header class="md-header">'
            f'</header><nav class="md-nav md-nav--primary">{nav}</nav><article class="md-content__inner">'
            f'<h1 id="top">{url}</h1>{body}</article></body></html>')


def mini_site(folder: Path, versions: dict[str, str]) -> Path:
    """The synthetic site, every check passing on it: its pages, card images, sitemap.xml and robots.txt."""
    for url in MINI_PAGES:
        html_file(folder, url).parent.mkdir(parents=True, exist_ok=True)
        html_file(folder, url).write_text(mini_page(url, versions), encoding="utf-8")
    for prefix in LANGS.values():
        Image.new("RGB", CARD_SIZE).save(folder / prefix / "card.png")
    entries = "".join(f"<url><loc>{MINI_URL}{url}</loc>" + "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{MINI_URL}{twin(url, lang)}"/>' for lang in LANGS)
        + "</url>" for url in MINI_PAGES if not url.endswith(".html"))
    urlset = f'<urlset xmlns="{SITEMAP[1:-1]}" xmlns:xhtml="{XHTML[1:-1]}">{entries}</urlset>'
    (folder / "sitemap.xml").write_text(urlset, encoding="utf-8")
    (folder / "robots.txt").write_text(f"User-agent: *\nSitemap: {MINI_URL}sitemap.xml\n", encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
