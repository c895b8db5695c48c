"""Each page of the site as a reader opens it, on a phone (390×844) and a desktop (1280×800) (a
notebook page, its lesson's text and figures as cells, on the desktop), both languages, light and
dark: it loads nothing from another host and logs no error, nothing is cut off, every figure label
is big enough and has contrast, the maths is set in the site's own maths font; every h2/h3 has a
unique id in the page's contents, and the language switch leads to each language's twin page (this
one included) at the same place, from every id the twin has too. One page load per page and width
checks all of it, in one browser context per width (its cache kept from page to page, as a reader's).
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlparse

import pytest

from browser import chromium_page, contrast, ids, page_problems, probe_fonts
from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import site_pages

MATH_FONT = "Noto Sans Math"
WIDTHS = {390: 844, 1280: 800}
MIN_LABEL_PX = {390: 9, 1280: 10}


@pytest.fixture(scope="module")
def opened():
    """width -> a page of that width, opened when first asked for and kept for the module; each
    load starts as a first visit's, with no colour scheme chosen (Material stores the choice)."""
    with contextlib.ExitStack() as stack:
        pages = {}

        def page_of(width: int):
            if width not in pages:
                pages[width] = stack.enter_context(chromium_page(viewport={"width": width, "height": WIDTHS[width]}))
                pages[width].add_init_script("localStorage.clear()")
            pages[width].emulate_media(color_scheme="light")
            return pages[width]
        yield page_of


def contrast_problems(page) -> list[str]:
    problems = []
    for scheme in ("light", "dark"):  # the page loads light; the header's toggle makes it dark
        if scheme == "dark":  # (an <img> follows the page's color-scheme; the SVGs' frames, the media)
            page.locator("form[data-md-component=palette] label:visible").first.click()
            page.emulate_media(color_scheme="dark")
        for fig in page.evaluate("figureColours()"):
            problems += [f"{fig['src']} ({scheme}): text {colour} on {fig['bg']} is "
                         f"{contrast(colour, fig['bg']):.1f}:1 < 4.5:1"
                         for colour in fig["colours"] if contrast(colour, fig["bg"]) < 4.5]
    return problems


def font_problems(page) -> list[str]:
    loaded = page.evaluate("[...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)")
    if not any(MATH_FONT in family for family in loaded):
        return [f"the maths font {MATH_FONT!r} is not loaded (loaded: {loaded})"]
    return [f"maths {text!r} drawn in {fonts}, not only {MATH_FONT!r}"
            for text, fonts in probe_fonts(page, "math :is(mi, mo, mn, ms)").items()
            if fonts and set(fonts) != {MATH_FONT}]  # none: not shown (a closed <details>)


CONTENTS = """() => {
    const ids = [...document.querySelectorAll('[id]')].map(e => e.id), problems = [];
    for (const h of document.querySelectorAll('article h2, article h3')) {
        const name = `${h.tagName} "${h.textContent.replace('¶', '')}"`;
        if (!h.id) problems.push(`${name}: no id`);
        else if (ids.filter(id => id === h.id).length > 1) problems.push(`${name}: id ${h.id} not unique`);
        else if (!document.querySelector(`.md-nav--secondary a[href="#${CSS.escape(h.id)}"]`))
            problems.push(`${name}: not in the table of contents`);
    }
    return problems; }"""
# Where the switch to ``lang`` leads from the page at each fragment (its click only read, not followed).
SWITCH = """([lang, ids]) => ids.map(id => {
    history.replaceState(null, '', id ? '#' + id : location.pathname);
    const link = document.querySelector(`a.md-select__link[hreflang=${lang}]`);
    link.addEventListener('click', e => e.preventDefault(), {once: true});
    link.click();
    return link.href; })"""


def switch_problems(page, site, site_url: str, path: str) -> list[str]:
    bare, problems = path.removeprefix(LANGS["en"]), []
    for lang, prefix in LANGS.items():
        shared = [""] + [i for i in ids(site, path) if i in ids(site, prefix + bare)]
        for fragment, href in zip(shared, page.evaluate(SWITCH, [lang, shared])):
            if href != site_url + prefix + bare + (f"#{fragment}" if fragment else ""):
                problems.append(f"#{fragment}: the switch to {lang} leads to {href}")
    return problems


PAGES = [(path, width) for path in site_pages() for width in WIDTHS if width == max(WIDTHS) or "-notebook/" not in path]


@pytest.mark.parametrize("path, width", PAGES)
def test_reading(built_site, site_url, opened, path, width):
    page = opened(width)
    page.requests.clear()
    page.errors.clear()
    page.goto(site_url + path)
    found = page_problems(page)  # cut off, headings, figures (size, link)
    problems = found["problems"] + (contrast_problems(page) if found["figures"] else [])
    problems += [f"{fig['src']}: label {fig['text']!r} is {fig['min']:.1f} CSS px < {MIN_LABEL_PX[width]} px"
                 for fig in found["figures"] if fig["min"] < MIN_LABEL_PX[width]]
    if width == max(WIDTHS):  # what does not depend on the width, checked once
        problems += page.evaluate(CONTENTS) + switch_problems(page, built_site, site_url, path)
        problems += font_problems(page) if found["maths"] else []
    # Requests are recorded as they start: by now those the page makes after its load (sitemaps, fonts,
    # the figures the checks above made eager) have started, with no fixed wait for the network to idle.
    problems += [f"loaded from another host: {url}" for url in page.requests
                 if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != urlparse(site_url).netloc]
    problems += page.errors
    assert site_url + path in page.requests, "the page's requests were not recorded"
    assert not problems, f"{path} at {width} px:\n" + "\n".join(problems)
