"""Shared helpers for the browser tests (this is not a test module): ``serve`` a built site,
open a ``chromium_page`` (Debian's chromium, never Playwright's download: missing, the test is
skipped, or fails under CI), and the ``ids`` on a built page.

A site is opened at the URL it was built for (tests/conftest.py builds for http://site.localhost/),
which Chromium resolves to the local server (``--host-resolver-rules``): its absolute links
(hreflang; Material fetches their sitemaps) reach it as on the real host, same origin, nothing
intercepted. A missing path is answered as GitHub Pages answers it: the root 404.html, status 404.
"""

from __future__ import annotations

import atexit
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
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so a missing browser is an error", pytrace=False)
        pytest.skip(reason)
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
    browser = _playwright().chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + ([f"--host-resolver-rules={rules}"] if rules else []))
    atexit.register(browser.close)
    return browser


@functools.cache
def _playwright():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    atexit.register(playwright.stop)
    return playwright
