"""Each page of the site as a reader opens it, on a phone (390×844) and a desktop (1280×800) (a
notebook page, its lesson's text and figures as cells, on the desktop), both languages, light and
dark: it loads nothing from another host and logs no error, nothing is cut off, every figure label
is big enough and has contrast, the maths is set in the site's own maths font, the text as its
language is set (a 1e-4 unbroken, no space between Chinese characters); every h2/h3 has a
unique id in the page's contents, and the language switch leads to each language's twin page (this
one included) at the same place, from every id the twin has too. One page load per page checks all
of it (at the desktop width, then resized to the phone's), in one browser context (its cache kept
from page to page, as a reader's).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from browser import chromium_page, ids
from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import lessons, site_pages

MATH_FONT = "Noto Sans Math"
WIDTHS = {390: 844, 1280: 800}
MIN_LABEL_PX = {390: 9, 1280: 10}


# What a reader on a phone or a desktop must see: nothing cut off,
# no heading with an empty line for its hidden ¶ link, and each figure's smallest label as
# rendered (its SVG, opened beside the page, scaled to the <img> actually shown) and a link to it.
READING = r"""(() => {
  // site.css lets the browser skip the layout of blocks far from the screen (content-visibility);
  // a reader who scrolls to one sees it laid out, and so are they all here, for the measures below.
  document.head.append(Object.assign(document.createElement('style'),
                                     {textContent: '.md-typeset * { content-visibility: visible !important }'}));
  const frames = new Map();
  const svgOf = src => frames.get(src) || frames.set(src, new Promise(ok => {
    const f = Object.assign(document.createElement('iframe'), {src, onload: () => ok(f)});
    f.style.cssText = 'position:absolute;left:-9999px;width:10px;height:10px';
    document.body.append(f);
  })).get(src);
  const figures = () => [...document.querySelectorAll('.md-content img[src*="figures/"]')];
  const name = img => img.currentSrc.split('/').pop();
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (!/^rgba\(.*, 0\)$|^transparent$/.test(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  window.figureColours = async () => Promise.all(figures().map(async img => {
    const svg = (await svgOf(img.currentSrc)).contentDocument.documentElement;
    const colours = new Set([...svg.querySelectorAll('text')].map(t => getComputedStyle(t).fill));
    return {src: name(img), colours: [...colours], bg: background(img)};
  }));
  window.readingProblems = async () => {
    await new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok)));  // a resize laid out
    const problems = [], width = document.documentElement.clientWidth, page = document.scrollingElement;
    if (page.scrollWidth > width + 1) problems.push(`the page scrolls sideways: ${page.scrollWidth} > ${width} px`);
    for (const code of document.querySelectorAll('.md-content pre > code'))
      if (code.scrollWidth > code.clientWidth + 1)
        problems.push(`code runs off its block (${code.scrollWidth} > ${code.clientWidth} px): ` +
                      code.innerText.split('\n').reduce((a, b) => b.length > a.length ? b : a));
    for (const box of document.querySelectorAll('.md-content div.math, .md-content table'))
      if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).backgroundImage == 'none')
        problems.push(`${box.className} cut off, with no cue that it scrolls (${box.scrollWidth} > ` +
                      `${box.clientWidth} px): ${box.textContent.trim().slice(0, 50)}`);
    for (const link of document.querySelectorAll('.md-content .headerlink')) {
      const heading = link.parentElement, shown = heading.getBoundingClientRect().height;
      link.style.display = 'none';
      const hidden = heading.getBoundingClientRect().height;
      link.style.display = '';
      if (shown > hidden + 1) problems.push(`#${heading.id}: its ¶ link adds a line (${shown} > ${hidden} px)`);
    }
    const sizes = await Promise.all(figures().map(async img => {
      img.loading = 'eager';
      await img.decode().catch(() => {});
      const link = img.closest('a');
      if (!link || !/\/figures\/[^/]+\.svg$/.test(new URL(link.href).pathname))
        problems.push(`${name(img)}: not a link to the full-size figure`);
      const svg = (await svgOf(img.currentSrc)).contentDocument.documentElement;
      const scale = img.getBoundingClientRect().width / svg.width.baseVal.value;
      let min = Infinity, text = '';
      for (const t of svg.querySelectorAll('text')) {
        const m = t.getCTM(), px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) * scale;
        if (px < min) [min, text] = [px, t.textContent];
      }
      return {src: name(img), min, text};
    }));
    return {problems, figures: sizes, maths: document.querySelector('.md-content math') !== null};
  };
  // The typesetting rules, over the page's HTML as built (no script run): a number like 1e-4 that may
  // break at its hyphen, 、。 that may start a line after maths, a space between two Chinese characters.
  window.textProblems = async zh => {
    const body = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').body;
    const problems = [], text = [], han = '\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef';
    const inline = new Set(['a', 'abbr', 'b', 'em', 'i', 'mark', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'q', 's']);
    const walk = (node, nowrap, code) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          text.push(code ? '\0' : child.data);
          if (!nowrap && node.localName !== 'pre')
            for (const m of child.data.matchAll(/(?<![\p{L}\p{N}\p{M}_.])\p{Nd}+(?:\.\p{Nd}+)?[eE]-\p{Nd}+/gu))
              problems.push(`breakable '${m[0]}'`);
          continue;
        }
        if (child.nodeType !== Node.ELEMENT_NODE) continue;  // a comment
        const name = child.localName, inner = nowrap || /nowrap/.test(child.getAttribute('style'));
        const after = child.nextSibling?.nodeType === Node.TEXT_NODE ? child.nextSibling.data : '';
        if (name === 'math' && !inner && /^\s*[、。，；：]/.test(after))
          problems.push(`${after.trim()[0]} may start a line after '${child.textContent}'`);
        if (['pre', 'script', 'style', 'svg', 'math', 'textarea'].includes(name)) text.push('\0');
        else if ((inline.has(name) || name === 'code') && !child.classList.contains('md-button'))
          walk(child, inner, code || name === 'code');
        else {  // a block: its text never runs on into its neighbour's
          text.push('\0');
          walk(child, inner, false);
          text.push('\0');
        }
      }
    };
    walk(body, false, false);
    const spaced = new RegExp(`.{0,8}[${han}]\\s+[${han}].{0,8}`, 'gu');
    return problems.concat(zh ? [...text.join('').matchAll(spaced)].map(m => `space in '${m[0]}'`) : []);
  };
})()"""


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS colours given as 'rgb(r, g, b)'."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def page():
    """One page for the module, its cache kept from page to page as a reader's; each load starts
    as a first visit's, with no colour scheme chosen (Material stores the choice)."""
    with chromium_page() as page:
        page.add_init_script("localStorage.clear()")
        yield page


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
    texts = page.evaluate("""() => {  // each distinct text, marked for the DevTools protocol to find
        const seen = new Map();
        for (const el of document.querySelectorAll('math :is(mi, mo, mn, ms)')) {
          const text = el.textContent.trim();
          if (text && !seen.has(text)) seen.set(text, el.setAttribute('data-font-probe', ''));
        }
        return [...seen.keys()];
    }""")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-font-probe]"})["nodeIds"]
    problems = []  # from the fonts Chromium draws each text with (DevTools' "rendered fonts")
    for text, node in zip(texts, nodes):
        fonts = [font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
        if fonts and set(fonts) != {MATH_FONT}:  # none: not shown (a closed <details>)
            problems.append(f"maths {text!r} drawn in {fonts}, not only {MATH_FONT!r}")
    return problems


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
# Where the switch to ``lang`` leads from the page at each fragment (its click only read, not followed;
# a click that goes on up the page reaches Material's own handler, which drops the fragment).
SWITCH = """([lang, ids]) => ids.map(id => {
    history.replaceState(null, '', id ? '#' + id : location.pathname);
    const link = document.querySelector(`a.md-select__link[hreflang=${lang}]`);
    let beyond = false;
    const reach = () => { beyond = true; };
    window.addEventListener('click', reach, {once: true});
    link.addEventListener('click', e => e.preventDefault(), {once: true});
    link.click();
    window.removeEventListener('click', reach);
    return beyond ? "Material's handler" : link.href; })"""
# The glossary's links to a lesson (each must name the section that explains its term).
GLOSSARY = "lessons => [...document.querySelectorAll('article table a[href]')].map(a => a.href)" \
           ".filter(href => lessons.includes(href.split('#')[0]))"
EXPLORER_STATE = "lr=0.0035&x=scaled&epochs=20"  # the explorer's state, which the switch carries too


def switch_problems(page, site, site_url: str, path: str) -> list[str]:
    bare, problems = path.removeprefix(LANGS["en"]), []
    for lang, prefix in LANGS.items():
        shared = [""] + [i for i in ids(site, path) if i in ids(site, prefix + bare)]
        shared += [EXPLORER_STATE] if "explorer" in shared else []
        for fragment, href in zip(shared, page.evaluate(SWITCH, [lang, shared])):
            if href != site_url + prefix + bare + (f"#{fragment}" if fragment else ""):
                problems.append(f"#{fragment}: the switch to {lang} leads to {href}")
    return problems


@pytest.mark.parametrize("path", site_pages())
def test_reading(built_site, site_url, page, path):
    page.requests.clear()
    page.errors.clear()
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": max(WIDTHS), "height": WIDTHS[max(WIDTHS)]})
    page.goto(site_url + path)  # on a desktop; then as a phone shows it (not a notebook page: no phone reads one)
    page.evaluate(READING)
    problems = []
    for width in sorted(WIDTHS, reverse=True)[:1 if "-notebook/" in path else None]:
        page.set_viewport_size({"width": width, "height": WIDTHS[width]})
        found = page.evaluate("readingProblems()")  # cut off, headings, figures (size, link)
        problems += [f"{width} px: {problem}" for problem in found["problems"]]
        problems += [f"{width} px: {fig['src']}: label {fig['text']!r} is {fig['min']:.1f} CSS px < "
                     f"{MIN_LABEL_PX[width]} px" for fig in found["figures"] if fig["min"] < MIN_LABEL_PX[width]]
    # What does not depend on the width, checked once.
    problems += page.evaluate(CONTENTS) + switch_problems(page, built_site, site_url, path)
    problems += font_problems(page) if found["maths"] else []
    lang = "en" if path.startswith(LANGS["en"]) else "zh"
    problems += page.evaluate("zh => textProblems(zh)", lang == "zh")
    if path == LANGS[lang] + "glossary/":  # (that each section exists, as for every link: test_quality.py)
        links = page.evaluate(GLOSSARY, [site_url + lesson.url(lang) for lesson in lessons()])
        problems += [f"the glossary's link to {link} names no section" for link in links if "#" not in link]
        problems += [] if links else ["the glossary links to no lesson"]
    problems += contrast_problems(page) if found["figures"] else []
    # Requests are recorded as they start: by now those the page makes after its load (sitemaps, fonts,
    # the figures the checks above made eager) have started, with no fixed wait for the network to idle.
    problems += [f"loaded from another host: {url}" for url in page.requests
                 if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != urlparse(site_url).netloc]
    problems += page.errors
    assert site_url + path in page.requests, "the page's requests were not recorded"
    assert not problems, f"{path}:\n" + "\n".join(problems)
