"""Finding things as a reader does, in Chromium, in both languages: search, a missing page. Pages
served as GitHub Pages serves them. (Each page's contents, where its language switch leads from
each place, the glossary's links: test_reading.py.)"""

import html
import json
import re
from pathlib import Path

import pytest

from browser import chromium_page
from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import site_pages

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


# Each query typed into the search box, one after the other (Material reads the box on keyup), and
# what it lists: per page found, its url (no query or fragment), its result's headings as shown,
# and how many of the query's terms its best match lacks (struck through).
SEARCH = """async queries => {
    const box = document.querySelector('input.md-search__input'), meta = document.querySelector('.md-search-result__meta');
    const placeholder = JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder'];
    const until = async (test, query) => {
        for (const end = Date.now() + 10000; !test(); await new Promise(r => setTimeout(r, 5)))
            if (Date.now() > end) throw new Error(`search for ${query}: no answer in 10 s`);
    };
    const type = value => { box.value = value; box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true})); };
    const found = {};
    for (const query of queries) {
        type('');
        await until(() => meta.textContent.trim() === placeholder, query);
        type(query);
        await until(() => meta.textContent.trim() !== placeholder, query);
        found[query] = [...document.querySelectorAll('.md-search-result__item')].map(item => ({
            url: item.querySelector('a').href.split(/[?#]/)[0],
            titles: [...item.querySelectorAll('h1, h2')].map(h => h.textContent),
            missing: item.querySelector('article').querySelectorAll('del').length}));
    }
    return found;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_each_page_by_the_words_of_its_headings(built_site, site_url, page, lang):
    words = {word: set() for word in ASKED[lang]} | heading_words(built_site, lang)
    problems = []
    page.errors.clear()
    page.goto(site_url + LANGS[lang], wait_until="domcontentloaded")
    page.locator("input.md-search__input").click()
    for word, found in page.evaluate(SEARCH, list(words)).items():
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

