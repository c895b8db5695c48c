"""Finding things as a reader does, in Chromium, in both languages: search, the language switch,
a missing page, the glossary's links. Pages served as GitHub Pages serves them. (Each page's
contents, and where its switch leads from each place: test_reading.py.)"""

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from browser import chromium_page, ids, search
from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import lessons, site_pages

# Words readers searched for and found nothing (issue 18), besides those of the headings.
ASKED = {"en": ["diverge", "converges", "critical", "learning", "optimizer", "scaling", "losses", "learning rate"],
         "zh": ["学习率", "发散", "临界学习率"]}
PAGES = {lang: [u for u in site_pages() if u.startswith(prefix) and (prefix or not u.startswith("en/"))]
         for lang, prefix in LANGS.items()}


@pytest.fixture(scope="module")
def page():
    """One page for all of the module's tests, its cache kept from test to test as a reader's."""
    with chromium_page() as page:
        yield page


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def heading_words(site: Path, lang: str) -> dict[str, set[str]]:
    """Each word of the pages' h2/h3 headings, split as the site's search splits them (its index
    holds each heading as jieba segmented it; then its separator), lunr's stop words aside ->
    the pages whose headings have it."""
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    segmented = {entry["title"].replace("\u200b", ""): entry["title"] for entry in index["docs"]}
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.js")).read_text(encoding="utf-8")
    stop = set(json.loads(re.search(r"generateStopWordFilter\((\[.*?\])\)", worker)[1]))
    words: dict[str, set[str]] = {}
    for url in PAGES[lang]:
        for heading in re.findall(r"<h[23]\b[^>]*>(.*?)</h[23]>", page_html(site, url), re.DOTALL):
            text = html.unescape(re.sub(r"<[^>]+>", "", heading)).replace("¶", "").strip()
            for word in re.split(index["config"]["separator"], segmented.get(text, text).lower()):
                if re.search(r"[a-z\u4e00-\u9fff]", word) and len(word.encode()) > 1 and word not in stop:
                    words.setdefault(word, set()).add(url)
    return words


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_each_page_by_the_words_of_its_headings(built_site, site_url, page, lang):
    words = {word: set() for word in ASKED[lang]} | heading_words(built_site, lang)
    problems = []
    page.errors.clear()
    page.goto(site_url + LANGS[lang], wait_until="domcontentloaded")
    for word, found in search(page, list(words)).items():
        pages = words[word]
        urls = [r["url"].removeprefix(site_url) for r in found]
        if not found or found[0]["missing"] or not pages <= set(urls):
            problems.append(f"{word!r}: expected {sorted(pages) or 'a page'}, found {urls}"
                            + (" (best match lacks a term)" if found and found[0]["missing"] else ""))
        problems += [f"{word!r}: a result in another language: {u}" for u in urls if u not in PAGES[lang]]
        problems += [f"{word!r}: a result's title has markup or ¶: {t!r}" for r in found for t in r["titles"]
                     if re.search(r"[¶<>]", t)]
    assert page.errors == []
    assert not problems, f"{len(problems)} of {len(words)} searches:\n" + "\n".join(problems)


EXPLORER_STATE = "#lr=0.0035&x=scaled&epochs=20"


def switch(page, lang: str, expected: str) -> None:
    page.hover(".md-select")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click(f"a.md-select__link[hreflang={lang}]")
    assert page.url == expected


def test_the_switch_keeps_the_place(built_site, site_url, page):
    """A click on the language switch lands on the twin page at the same heading, and back; and
    with the explorer's state (where the switch leads from every page and id: test_reading.py)."""
    lesson = next(lesson for lesson in lessons() if "explorer" in ids(built_site, lesson.url("zh")))
    heading = next(i for i in ids(built_site, lesson.url("zh"), "h[1-6]") if i in ids(built_site, lesson.url("en")))
    zh, en = (site_url + lesson.url(lang) for lang in ("zh", "en"))
    page.errors.clear()
    page.goto(f"{zh}#{heading}")
    switch(page, "en", f"{en}#{heading}")
    switch(page, "zh", f"{zh}#{heading}")
    page.goto(zh + EXPLORER_STATE)
    switch(page, "en", en + EXPLORER_STATE)
    assert page.get_attribute("[data-explorer]", "data-x") == "scaled", "the explorer did not take the state"
    assert page.errors == []


def test_a_missing_page_says_so_in_its_language_and_leads_home(site_url, page):
    """GitHub Pages answers a missing page with the root 404.html, whose script speaks the
    language of the address (the 404.html files themselves: test_quality.py)."""
    page.errors.clear()
    for lang, title, home in [("zh", "404 - 页面不存在", "返回首页"),
                              ("en", "404 - Page not found", "Back to the home page")]:
        page.goto(site_url + LANGS[lang] + "lesson-9.9/", wait_until="domcontentloaded")
        assert (page.locator("html").get_attribute("lang"), page.locator("article h1:visible").inner_text()) == (
            lang, title)
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.get_by_role("link", name=home).click()
        assert page.url == site_url + LANGS[lang]
    assert [e for e in page.errors if "lesson-9.9/" not in e] == []  # but the 404 itself


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_links_lead_to_a_section_of_the_lessons(built_site, lang):
    """Each glossary link to a lesson names the section that explains the term (that the
    section exists, as for every link: test_quality.py's links and anchors)."""
    glossary = BeautifulSoup(page_html(built_site, LANGS[lang] + "glossary/"), "html.parser")
    base = "http://site/" + LANGS[lang] + "glossary/"
    lessons_at = {"http://site/" + lesson.url(lang) for lesson in lessons()}
    links = [urljoin(base, a["href"]) for a in glossary.select("article table a[href]")]
    links = [link for link in links if link.split("#")[0] in lessons_at]
    assert links, "no glossary link to a lesson"
    assert [link for link in links if not urlparse(link).fragment] == []
