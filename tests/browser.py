"""Shared helpers for the browser tests (this is not a test module): ``serve`` a built site,
open a ``chromium_page`` (Debian's chromium, never Playwright's download: missing, the test is
skipped, or fails under CI), and what the tests read and do on a page.

A site is opened at the URL it was built for (tests/conftest.py builds for http://site.localhost/),
which Chromium resolves to the local server (``--host-resolver-rules``): its absolute links
(hreflang; Material fetches their sitemaps) reach it as on the real host, same origin, nothing
intercepted. A missing path is answered as GitHub Pages answers it: the root 404.html, status 404.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_SERVED: dict[str, str] = {}  # a served site's own host[:port] -> the local address serving it


def missing(reason: str, what: str) -> None:
    """Skip the calling test for a missing tool, or fail it under CI (env CI set)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so a missing {what} is an error", pytrace=False)
    pytest.skip(reason)


def require_chromium() -> None:
    """Skip the calling test if chromium is missing, or fail it under CI."""
    if not CHROMIUM.exists():
        missing(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)", "browser")


def own_url(site_dir: Path) -> str | None:
    """The URL the site was built for: its home page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site_dir / "index.html").read_text(encoding="utf-8"))
    return found[1] if found else None


@functools.cache
def ids(site: Path, url: str, tag: str = "") -> list[str]:
    """The ids on a built page (of ``tag`` elements, a regex), Material's ("__…") and nbconvert's
    cells' ("cell-…") aside: the places a link or the language switch can lead to."""
    text = (site / url / "index.html").read_text(encoding="utf-8")
    found = re.findall(rf'<{tag}\b[^>]*?\sid="([^"]+)"' if tag else r'\sid="([^"]+)"', text)
    return [i for i in found if not i.startswith(("__", "cell-"))]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():  # the page as the body (a %-format, hence the %%)
            self.error_message_format = page.read_text(encoding="utf-8").replace("%", "%%")
            self.error_content_type = "text/html; charset=utf-8"
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(site_dir: Path | str) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at a free port; yield the URL to open it at, with a trailing
    slash: the one it was built for, if that is a root over http, else the local one."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"no built site at {site_dir} (index.html missing)")
    # Port 0: the OS picks a free port, so there is no race with other servers.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=site_dir))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    local, own, before = "{}:{}".format(*server.server_address[:2]), urlparse(own_url(site_dir) or ""), dict(_SERVED)
    mapped = own.scheme == "http" and own.path == "/"
    if mapped:
        _SERVED[own.netloc] = local
    try:
        yield own.geturl() if mapped else f"http://{local}/"
    finally:
        _SERVED.clear()
        _SERVED.update(before)  # a site served twice, nested, is served by the outer server again
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium_page(permissions: list[str] | None = None, origin: str | None = None, **context_options):
    """Yield a Page, in a new context (nothing cached or stored from another) of a shared chromium,
    that records every requested URL (``page.requests``) and every console error and uncaught
    exception (``page.errors``). ``permissions`` (e.g. ``["clipboard-read"]``) are granted for
    ``origin`` (the served site's URL), or if it is None for all origins."""
    require_chromium()
    rules = ", ".join(f"MAP {host} {local}" for host, local in sorted(_SERVED.items()))
    context = _browser(rules).new_context(**context_options)
    try:
        if permissions:
            context.grant_permissions(permissions, **({"origin": origin.rstrip("/")} if origin else {}))
        page = context.new_page()
        page.requests, page.errors = [], []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and page.errors.append(
            f"console.{msg.type}: {msg.text} ({msg.location})"))
        page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
        yield page
    finally:
        context.close()


@functools.cache
def _browser(rules: str):
    """One chromium per set of served sites, which it resolves to their servers by ``rules`` (a
    launch costs about a second)."""
    import atexit

    browser = _playwright().chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + ([f"--host-resolver-rules={rules}"] if rules else []))
    atexit.register(browser.close)
    return browser


@functools.cache
def _playwright():
    import atexit

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    atexit.register(playwright.stop)
    return playwright


# What a reader on a phone or a desktop must see (tests/test_reading.py): nothing cut off,
# no heading with an empty line for its hidden ¶ link, and each figure's smallest label as
# rendered (its SVG, opened beside the page, scaled to the <img> actually shown) and a link to it.
_READING_JS = r"""(() => {
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
})()"""


def page_problems(page) -> dict:
    """What is cut off or too small on the loaded page: {"problems": [...], "figures":
    [{"src", "min" (its smallest label in CSS px), "text"}], "maths": whether it has any};
    afterwards ``page.evaluate("figureColours()")`` gives each figure's text colours and
    the page's background behind it, in the colour scheme of the moment."""
    page.evaluate(_READING_JS)
    return page.evaluate("readingProblems()")


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS colours given as 'rgb(r, g, b)'."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def probe_fonts(page, selector: str) -> dict[str, list[str]]:
    """The fonts Chromium actually draws with (DevTools' "rendered fonts"), for each distinct
    text among the elements matching ``selector``: {text: [font family, ...]}."""
    texts = page.evaluate("""selector => {
        const seen = new Map();
        for (const el of document.querySelectorAll(selector)) {
          const text = el.textContent.trim();
          if (text && !seen.has(text)) seen.set(text, el.setAttribute('data-font-probe', ''));
        }
        return [...seen.keys()];
    }""", selector)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-font-probe]"})["nodeIds"]
    return {text: [font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
            for text, node in zip(texts, nodes)}


_SEARCH = """async queries => {
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


def search(page, queries: list[str]) -> dict[str, list[dict]]:
    """Each query typed into the search box of the open page, one after the other (Material reads
    the box on keyup), and what it lists: per page found, ``url`` (no query or fragment),
    ``titles`` (its result's headings, as shown) and ``missing`` (how many of the query's terms
    its best match lacks, struck through)."""
    page.locator("input.md-search__input").click()
    return page.evaluate(_SEARCH, queries)
