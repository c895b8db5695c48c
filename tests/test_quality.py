"""Quality gates over the built site, in both languages.

- every internal link, resource and #anchor resolves; no page is missing from its language's nav;
- a 404 page in each language, styled by the site, linking back to its home page;
- sitemap.xml lists every page; each page's hreflang alternates point to its twin;
- lesson pages state the torch and Python versions their outputs were verified with;
- axe-core finds no serious or critical accessibility violation, light and dark scheme
  (one page load for both).

Each check is a function that returns a list of problems (empty: all good). The tests run them
on the built site, and on a small synthetic site broken on purpose, to show each one can fail.
"""

from __future__ import annotations

import platform
import re
import shutil
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from browser import chromium_page
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


# ---------------------------------------------------------------------------- the tests

def test_links_and_anchors_resolve(built_site):
    assert link_problems(built_site) == []


def test_no_page_is_missing_from_the_navigation(built_site):
    assert nav_problems(built_site) == []


def test_404_page_in_each_language(built_site):
    assert not_found_problems(built_site) == []


def test_hreflang_alternates_point_to_twins(built_site):
    assert hreflang_problems(built_site) == []


def test_sitemap_lists_every_page_with_its_twins(built_site):
    assert sitemap_problems(built_site) == []


def test_lesson_pages_state_the_versions_they_were_verified_with(built_site):
    assert stamp_problems(built_site, stack_versions(), lesson_pages()) == []


# ---- each check fails on a small synthetic site broken on purpose (every check passes on it unbroken)

MINI_URL = "https://example.org/tutorial/"   # published under a path, as on GitHub Pages
MINI_PAGES = ["", "glossary/", "lesson-1/", "en/", "en/glossary/", "en/lesson-1/", "404.html", "en/404.html"]
NOT_FOUND_WORDS = {"zh": "404 页面不存在", "en": "404 Page not found"}


def mini_page(url: str, versions: dict[str, str]) -> str:
    """One page of the synthetic site: what each check reads, and nothing else."""
    lang, is_404, root = language_of(url), url.endswith("404.html"), urlparse(MINI_URL).path
    twins = {other: (prefix if is_404 else twin(url, other)) for other, prefix in LANGS.items()}
    twins["x-default"] = twins[DEFAULT_LANG]
    head = "".join(f'<link rel="alternate" href="{MINI_URL}{href}" hreflang="{other}">' for other, href in twins.items())
    head += "" if is_404 else f'<link rel="canonical" href="{MINI_URL}{url}">'
    nav = "".join(f'<a href="{root}{u}">{u}</a>' for u in MINI_PAGES if language_of(u) == lang and not u.endswith(".html"))
    body = f'<a href="{root}{LANGS[lang]}">{NOT_FOUND_WORDS[lang]}</a>' if is_404 else '<a href="#top">top</a>'
    if "lesson" in url:
        body += (f'<p class="verified-with">{STAMP[lang].format(**versions)} <a href="#note">?</a></p>'
                 '<div class="admonition" id="note"></div>')
    return (f'<html lang="{lang}"><head>{head}<link rel="stylesheet" href="{root}assets/stylesheets/main.css">'
            f'</head><body><header class="md-header"></header><nav class="md-nav md-nav--primary">{nav}</nav>'
            f'<article class="md-content__inner"><h1 id="top">{url}</h1>{body}</article></body></html>')


@pytest.fixture
def mini_site(tmp_path) -> Path:
    site = tmp_path / "site"
    for url in MINI_PAGES:
        html_file(site, url).parent.mkdir(parents=True, exist_ok=True)
        html_file(site, url).write_text(mini_page(url, stack_versions()), encoding="utf-8")
    (site / "assets/stylesheets").mkdir(parents=True)
    (site / "assets/stylesheets/main.css").write_text("", encoding="utf-8")
    entries = "".join(f"<url><loc>{MINI_URL}{url}</loc>" + "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{MINI_URL}{twin(url, lang)}"/>' for lang in LANGS)
        + "</url>" for url in MINI_PAGES if not url.endswith(".html"))
    (site / "sitemap.xml").write_text(f'<urlset xmlns="{SITEMAP[1:-1]}" xmlns:xhtml="{XHTML[1:-1]}">{entries}</urlset>',
                                      encoding="utf-8")
    return site


MINI_LESSONS = ["lesson-1/", "en/lesson-1/"]


def test_every_check_passes_on_the_synthetic_site(mini_site):
    assert link_problems(mini_site) == nav_problems(mini_site) == not_found_problems(mini_site) == []
    assert hreflang_problems(mini_site) == sitemap_problems(mini_site) == []
    assert stamp_problems(mini_site, stack_versions(), MINI_LESSONS) == []


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_link_check_finds_a_broken_anchor_and_a_missing_page(mini_site):
    edit(html_file(mini_site, "en/lesson-1/"), 'href="#top"', 'href="#no-such-anchor"')
    edit(html_file(mini_site, "glossary/"), "</article>", '<a href="../lesson-9.9/">?</a></article>')
    assert link_problems(mini_site) == ["en/lesson-1/: <a> '#no-such-anchor': no element with id 'no-such-anchor' in en/lesson-1/",
                                       "glossary/: <a> '../lesson-9.9/': no such file 'lesson-9.9/'"]


def test_link_check_finds_a_relative_link_on_a_404_page(mini_site):
    edit(mini_site / "en/404.html", "</article>", '<a href="glossary/">?</a></article>')
    assert link_problems(mini_site) == ["en/404.html: <a> 'glossary/': relative URL on a 404 page (it is served at any depth)"]


def test_nav_check_finds_an_orphan_page(mini_site):
    (mini_site / "en/stray").mkdir()
    shutil.copyfile(html_file(mini_site, "en/glossary/"), mini_site / "en/stray/index.html")
    assert nav_problems(mini_site) == ["en/stray/: not in the en navigation (orphan page)"]


def test_404_check_finds_a_missing_and_a_wrong_language_404(mini_site):
    (mini_site / "en/404.html").unlink()
    edit(mini_site / "404.html", '<html lang="zh"', '<html lang="en"')
    assert not_found_problems(mini_site) == ["404.html: lang='en', not 'zh'", "en/404.html: missing"]


def test_404_check_finds_no_link_home(mini_site):
    edit(mini_site / "404.html", f'<a href="/tutorial/">{NOT_FOUND_WORDS["zh"]}</a>', NOT_FOUND_WORDS["zh"])
    assert not_found_problems(mini_site) == ["404.html: no link back to its home page /"]


def test_hreflang_check_finds_a_wrong_twin_and_a_relative_url(mini_site):
    edit(html_file(mini_site, "lesson-1/"), f'href="{MINI_URL}en/lesson-1/" hreflang="en"',
         f'href="{MINI_URL}en/glossary/" hreflang="en"')
    edit(html_file(mini_site, "en/glossary/"), f'href="{MINI_URL}glossary/" hreflang="zh"', 'href="../../glossary/" hreflang="zh"')
    assert sorted(hreflang_problems(mini_site)) == [
        f"en/glossary/: hreflang=zh -> '../../glossary/', not an absolute URL under {MINI_URL}",
        f"lesson-1/: hreflang=en -> '{MINI_URL}en/glossary/', expected {MINI_URL}en/lesson-1/"]


def test_sitemap_check_finds_a_missing_page_and_a_wrong_alternate(mini_site):
    sitemap = mini_site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    text = re.sub(r"<url><loc>[^<]*/en/glossary/</loc>.*?</url>", "", text)
    sitemap.write_text(text.replace(f'hreflang="en" href="{MINI_URL}en/lesson-1/"', f'hreflang="en" href="{MINI_URL}en/index/"', 1),
                       encoding="utf-8")
    problems = sitemap_problems(mini_site)
    assert [p for p in problems if not p.startswith("sitemap.xml: en/lesson-1/ has")] == [
        "sitemap.xml: lesson-1/ has alternates {'zh': 'lesson-1/', 'en': 'en/index/'}, "
        "expected {'zh': 'lesson-1/', 'en': 'en/lesson-1/'}", "sitemap.xml does not list /en/glossary/"], problems


def test_stamp_check_finds_other_versions_and_a_missing_stamp(mini_site):
    other = {**stack_versions(), "torch": "0.0.1"}
    assert len(stamp_problems(mini_site, other, MINI_LESSONS)) == 2
    narrower = {**stack_versions(), "torch_min": "2.12.0"}
    assert len(stamp_problems(mini_site, narrower, MINI_LESSONS)) == 2
    edit(html_file(mini_site, "en/lesson-1/"), 'class="verified-with"', 'class="other"')
    assert stamp_problems(mini_site, stack_versions(), MINI_LESSONS) == ["en/lesson-1/: no version stamp"]


# ---------------------------------------------------------------------------- accessibility

SERIOUS = {"serious", "critical"}


def axe_source() -> str:
    """axe-core, as bundled by the axe-playwright-python package (no CDN)."""
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def a11y_pages(site: Path, lang: str) -> list[str]:
    """Every built page of ``lang``, and its 404 page."""
    return [url for url in pages(site) if language_of(url) == lang] + [not_found_pages()[lang]]


@pytest.fixture(scope="module")
def axe_page(site_url):
    """One browser page for every page of the served site, injecting axe on each load."""
    base = site_url
    with chromium_page() as page:
        page.context.add_init_script(axe_source())
        # Material remembers the scheme of the first page seen (localStorage "__palette");
        # forget it, so each page follows the emulated prefers-color-scheme.
        page.context.add_init_script("localStorage.clear()")
        page.base = base
        yield page


def axe_violations(page, url: str) -> list[str]:
    """axe's serious and critical findings on ``url`` in the light scheme, then, without a
    reload, in the dark one, switched to as a reader does (the header's toggle)."""
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        if scheme == "light":
            page.goto(url, wait_until="load")
        else:
            page.click('label[for="__palette_1"]')
        wanted = {"light": "default", "dark": "slate"}[scheme]
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{wanted}'", timeout=30_000)
        # The dark scheme changes colours only: the rules about colour, not every rule again.
        only = ", runOnly: ['color-contrast', 'link-in-text-block']" if scheme == "dark" else ""
        results = page.evaluate(f"axe.run(document, {{resultTypes: ['violations']{only}}})")
        problems += [f"{url} [{scheme}] {v['impact']} {v['id']}: {v['help']}; "
                     + "; ".join(", ".join(node["target"]) if isinstance(node["target"][0], str) else str(node["target"])
                                 for node in v["nodes"][:5])
                     for v in results["violations"] if v["impact"] in SERIOUS]
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation(built_site, axe_page, lang):
    problems = [p for url in a11y_pages(built_site, lang) for p in axe_violations(axe_page, axe_page.base + url)]
    assert problems == [], "\n".join(problems)


def test_axe_finds_an_image_without_alt(axe_page):
    axe_page.emulate_media(color_scheme="light")
    axe_page.goto(axe_page.base + "glossary/", wait_until="load")
    axe_page.evaluate("""document.querySelector('article').insertAdjacentHTML('beforeend',
                         '<img src="../assets/images/favicon.png">')""")
    results = axe_page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert "image-alt" in {v["id"] for v in results["violations"] if v["impact"] in SERIOUS}
