"""Reading on a phone (390×844) and a desktop (1280×800), both languages, light and dark: the maths
is set in the site's own maths font, every figure label is big enough and has contrast, and
nothing is cut off. One page load per page, language and width checks all of it."""

from __future__ import annotations

import pytest

from browser import chromium_page, contrast, page_problems, probe_fonts
from doctools.lessons import DOCS, URL_PREFIX

MATH_FONT = "Noto Sans Math"
WIDTHS = {390: 844, 1280: 800}
MIN_LABEL_PX = {390: 9, 1280: 10}
PAGES = [URL_PREFIX[lang] + ("" if page.stem == "index" else page.stem + "/")
         for lang in URL_PREFIX for page in sorted((DOCS / lang).glob("*.md"))]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_reading(site_url, path, width):
    with chromium_page(viewport={"width": width, "height": WIDTHS[width]}) as page:
        page.goto(site_url + path)
        found = page_problems(page)  # cut off, headings, figures (size, link, colours per scheme)
        problems = found["problems"]
        for scheme in ("light", "dark"):  # the page loads light; the header's toggle makes it dark
            if scheme == "dark":  # (an <img> follows the page's color-scheme; the SVGs' frames, the media)
                page.locator("form[data-md-component=palette] label:visible").first.click()
                page.emulate_media(color_scheme="dark")
            for fig in page.evaluate("figureColours()"):
                problems += [f"{fig['src']} ({scheme}): text {colour} on {fig['bg']} is "
                             f"{contrast(colour, fig['bg']):.1f}:1 < 4.5:1"
                             for colour in fig["colours"] if contrast(colour, fig["bg"]) < 4.5]
        for fig in found["figures"]:
            if fig["min"] < MIN_LABEL_PX[width]:
                problems.append(f"{fig['src']}: label {fig['text']!r} is {fig['min']:.1f} CSS px "
                                f"< {MIN_LABEL_PX[width]} px")
        if found["maths"]:
            loaded = page.evaluate("[...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)")
            if not any(MATH_FONT in family for family in loaded):
                problems.append(f"the maths font {MATH_FONT!r} is not loaded (loaded: {loaded})")
            problems += [f"maths {text!r} drawn in {fonts}, not only {MATH_FONT!r}"
                         for text, fonts in probe_fonts(page, "math :is(mi, mo, mn, ms)").items()
                         if fonts and set(fonts) != {MATH_FONT}]  # none: not shown (a closed <details>)
        assert not problems, f"{path} at {width} px:\n" + "\n".join(problems)
