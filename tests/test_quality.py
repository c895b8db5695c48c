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

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser import chromium_page
from sitechecks import (DEFAULT_LANG, LANGS, SITEMAP, STAMP, XHTML, edit, hreflang_problems, html_file, language_of,
                        lesson_pages, link_problems, nav_problems, not_found_pages, not_found_problems, pages,
                        sitemap_problems, stack_versions, stamp_problems, twin)

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
