"""Finding things as a reader does, in Chromium, in both languages: search, each page's contents,
the language switch, a missing page, the glossary's links. Pages served as GitHub Pages serves them."""

import functools
import html
import json
import re
from pathlib import Path

import pytest

from browser import chromium_page, search
from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import lessons, site_pages

# Words readers searched for and found nothing (issue 18), besides those of the headings.
ASKED = {"en": ["diverge", "converges", "critical", "learning", "optimizer", "scaling", "losses", "learning rate"],
         "zh": ["学习率", "发散", "临界学习率"]}
PAGES = {lang: [u for u in site_pages() if u.startswith(prefix) and (prefix or not u.startswith("en/"))]
         for lang, prefix in LANGS.items()}


@functools.cache
def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def anchors(site: Path, url: str, tag: str = "") -> list[str]:
    """The ids on the page (of ``tag`` elements, a regex), Material's ("__…") and nbconvert's
    cells' ("cell-…") aside."""
    ids = re.findall(rf'<{tag}\b[^>]*?\sid="([^"]+)"' if tag else r'\sid="([^"]+)"', page_html(site, url))
    return [i for i in ids if not i.startswith(("__", "cell-"))]


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
def test_search_finds_each_page_by_the_words_of_its_headings(built_site, site_url, lang):
    words = {word: set() for word in ASKED[lang]} | heading_words(built_site, lang)
    problems = []
    with chromium_page() as page:
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


def contents_problems(page) -> list[str]:
    """Every h2/h3 of the open page: a non-empty id, unique on the page, in its table of contents."""
    return page.evaluate("""() => {
        const ids = [...document.querySelectorAll('[id]')].map(e => e.id), problems = [];
        for (const h of document.querySelectorAll('article h2, article h3')) {
            const name = `${location.pathname} ${h.tagName} "${h.textContent.replace('¶', '')}"`;
            if (!h.id) problems.push(`${name}: no id`);
            else if (ids.filter(id => id === h.id).length > 1) problems.push(`${name}: id ${h.id} not unique`);
            else if (!document.querySelector(`.md-nav--secondary a[href="#${CSS.escape(h.id)}"]`))
                problems.push(`${name}: not in the table of contents`);
        }
        return problems; }""")


EXPLORER_STATE = "#lr=0.0035&x=scaled&epochs=20"


def test_contents_and_language_switch_keep_the_place(built_site, site_url):
    """On each page of each language: its contents; then the switch, from the first heading both
    twins have (or the explorer's state), lands on the twin there; so would it from every anchor."""
    problems = []
    explorer = next(lesson.url("zh") for lesson in lessons() if "explorer" in anchors(built_site, lesson.url("zh")))
    with chromium_page() as page:
        for url, state in [(url, None) for url in PAGES["zh"]] + [(explorer, EXPLORER_STATE)]:
            twin = LANGS["en"] + url
            shared = [] if state else [i for i in anchors(built_site, url) if i in anchors(built_site, twin)]
            headings = [i for i in anchors(built_site, url, "h[1-6]") if i in shared]
            hash_ = state or ("#" + headings[0] if headings else "")
            page.goto(site_url + url + hash_, wait_until="domcontentloaded")
            problems += contents_problems(page)
            hrefs = page.evaluate("""ids => ids.map(id => { location.hash = id;  // where a click would go
                const link = document.querySelector('a.md-select__link[hreflang=en]');
                link.addEventListener('click', e => { e.preventDefault(); e.stopPropagation(); }, {once: true});
                link.click(); return link.href; })""", shared)
            problems += [f"{url}#{i}: the switch leads to {h}" for i, h in zip(shared, hrefs) if h != f"{site_url}{twin}#{i}"]
            page.evaluate("h => history.replaceState(null, '', h || location.pathname)", hash_)
            page.hover(".md-select")
            page.click("a.md-select__link[hreflang=en]")
            page.wait_for_load_state("domcontentloaded")
            if page.url != site_url + twin + hash_:
                problems.append(f"{url}{hash_}: the switch landed on {page.url}, not {site_url + twin + hash_}")
            elif state and page.get_attribute("[data-explorer]", "data-x") != "scaled":
                problems.append(f"{twin}{hash_}: the explorer did not take the state from the hash")
            problems += contents_problems(page)
        assert page.errors == []
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang, words", [("zh", ["404 - 页面不存在", "返回首页"]), ("en", ["404 - Page not found", "Back to the home page"])])
def test_a_missing_page_says_so_in_its_language_and_leads_home(site_url, lang, words):
    with chromium_page() as page:
        response = page.goto(site_url + LANGS[lang] + "lesson-9.9/", wait_until="domcontentloaded")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article h1:visible").inner_text() == words[0]
        page.get_by_role("link", name=words[1]).click()
        page.wait_for_load_state("domcontentloaded")
        assert page.url == site_url + LANGS[lang]
        assert [e for e in page.errors if "lesson-9.9/" not in e] == []  # but the 404 itself


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_links_lead_to_the_section_explaining_the_term(site_url, lang):
    problems = []
    with chromium_page() as page:
        page.goto(site_url + LANGS[lang] + "glossary/", wait_until="domcontentloaded")
        lesson_urls = [site_url + lesson.url(lang) for lesson in lessons()]
        links = [h for h in page.eval_on_selector_all("article table a[href]", "links => links.map(a => a.href)")
                 if h.split("#")[0] in lesson_urls]
        assert links, "no glossary link to a lesson"
        problems = [f"{h}: no fragment" for h in links if "#" not in h.rstrip("#")]
        for target in sorted({h.split("#")[0] for h in links}):
            page.goto(target, wait_until="domcontentloaded")
            problems += [f"{h}: no such id on {target}" for h in links if h.startswith(target + "#")
                         and not page.evaluate("id => !!document.getElementById(id)", h.split("#", 1)[1])]
    assert not problems, "\n".join(problems)
