"""Shared helpers for the browser tests (this is not a test module).

- ``serve(site_dir)``: a context manager that serves a built site on
  127.0.0.1 at a free port and gives back its base URL.
- ``chromium_page(...)``: a context manager that starts Debian's chromium
  through Playwright and gives back a ``Page`` that records every request URL
  (``page.requests``) and every console error and uncaught exception
  (``page.errors``).

Playwright's own browser download is never used. If ``/usr/bin/chromium`` is
missing, the test is skipped with a reason, except under CI (env ``CI`` set),
where the test fails.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip the calling test if chromium is missing, or fail it under CI."""
    if CHROMIUM.exists():
        return
    reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so a missing browser is an error", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(site_dir: Path | str) -> Iterator[str]:
    """Serve ``site_dir`` over HTTP on 127.0.0.1 at a free port.

    Yields the base URL, with a trailing slash, e.g. ``http://127.0.0.1:41234/``.
    """
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"no built site at {site_dir} (index.html missing)")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    # Port 0: the OS picks a free port, so there is no race with other servers.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium_page(permissions: list[str] | None = None, origin: str | None = None, **context_options):
    """Yield a Page, in a new context of a shared Debian chromium, that records what happens on it.

    ``page.requests`` is a list of every requested URL. ``page.errors`` is a
    list of strings: console messages of type "error" and uncaught page
    exceptions ("pageerror"). ``permissions`` (e.g. ``["clipboard-read",
    "clipboard-write"]``) are granted for ``origin`` (the served site's base
    URL); if ``origin`` is None they are granted for all origins.
    Skips, or fails under CI, when chromium is missing (see ``require_chromium``).
    """
    require_chromium()
    context = _browser().new_context(**context_options)
    try:
        if permissions:
            if origin:
                context.grant_permissions(permissions, origin=origin.rstrip("/"))
            else:
                context.grant_permissions(permissions)
        page = context.new_page()
        page.requests = []
        page.errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on(
            "console",
            lambda msg: page.errors.append(f"console.{msg.type}: {msg.text} ({msg.location})")
            if msg.type == "error"
            else None,
        )
        page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
        yield page
    finally:
        context.close()


@functools.cache
def _browser():
    """One chromium for the whole test session (a launch costs about a second); each
    ``chromium_page`` gets its own context, so nothing (cache, storage) leaks between tests."""
    import atexit

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    def stop() -> None:
        browser.close()
        playwright.stop()
    atexit.register(stop)
    return browser
