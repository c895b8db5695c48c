"""Lighthouse on the built site, served as a real host serves it (this is not a test module).

    .venv/bin/python tests/lighthouse.py SITE_DIR   # the CI gate (.ci/steps.sh audit): exits 1
                                                    # unless every page scores 100

The gate: every page of both languages, the 404 pages too, served with gzip as a real host
serves it, at 100 in SEO, accessibility and best practices (mobile). It runs after the strict
build, before the deploy (pages.yml, .ci/run), and not in pytest: a minute of two chromiums.

- ``serve_as_host(site_dir)``: serves a built site on 127.0.0.1 at a free port, under the path of
  the URL it was built for (its ``site_url``), gzipped when the browser accepts it, and with that
  URL replaced by the local one in what it sends, so the absolute URLs of its head (canonical,
  hreflang, og:url) name the page Lighthouse is looking at, as on the real host.
- ``audit(urls, categories)``: the npm ``lighthouse`` package (installed by ``.ci/steps.sh
  install`` into ``.venv/lighthouse``) with Debian's chromium, mobile form factor: two chromiums
  (the machine has two cores), each auditing its share of the pages one after the other
  (``lighthouse_run.mjs``; a chromium and Lighthouse started once, not once a page); gives back
  each page's report.
- ``scores(report)`` and ``failed_audits(report)``: what a report says.

Under pytest, skips (or fails under CI, env ``CI`` set) when lighthouse or chromium is missing;
the gate always fails then.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import mimetypes
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlparse

from browser import CHROMIUM, missing, own_url, require_chromium

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".venv" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RUNNER = Path(__file__).with_name("lighthouse_run.mjs")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
PARALLEL = 2
# Without the performance category nothing is timed, so Lighthouse need not wait for the CPU to
# go quiet (on a busy 2-core machine it waits for the others' load) nor pause after load; it
# still waits for the network to go quiet, so a late request's console error is still caught.
UNTIMED = {"pauseAfterFcpMs": 0, "pauseAfterLoadMs": 0, "cpuQuietThresholdMs": 0, "skipAboutBlank": True}
GATED = ["seo", "accessibility", "best-practices"]  # each at 100 on every page


def require_lighthouse() -> None:
    require_chromium()
    if not LIGHTHOUSE.exists():
        missing(f"no lighthouse at {LIGHTHOUSE} (.ci/steps.sh install puts it there)", "lighthouse")


def _handler(site: Path, prefix: str, own: str, local: str):
    @cache
    def body(file: Path, gzipped: bool) -> bytes:
        data = file.read_bytes()
        if own and file.suffix in {".html", ".xml", ".txt", ".json"}:
            data = data.replace(own.encode(), local.encode())
        return gzip.compress(data, 6, mtime=0) if gzipped else data

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
            pass

        def do_GET(self) -> None:
            path = unquote(urlparse(self.path).path)
            file = site / path[len(prefix):] if path.startswith(prefix) else None
            if file is not None and file.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                file = file / "index.html"
            status = 200
            if file is None or not file.is_file() or site.resolve() not in file.resolve().parents:
                status, file = 404, site / "404.html"
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            gzipped = kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")
            data = body(file, gzipped)
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
            self.send_header("Vary", "Accept-Encoding")
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextlib.contextmanager
def serve_as_host(site_dir: Path | str) -> Iterator[str]:
    """Serve ``site_dir`` like its host (see the module's docstring); yield the site's local URL."""
    site = Path(site_dir)
    own = own_url(site) or ""
    prefix = urlparse(own).path or "/"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    local = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.RequestHandlerClass = _handler(site, prefix, own, local)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="host-server", daemon=True)
    thread.start()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _run(urls: list[str], categories: list[str], outputs: list[Path]) -> list[dict]:
    """Lighthouse on ``urls``, one after the other in one chromium (lighthouse_run.mjs)."""
    job = {"urls": urls, "outputs": [str(o) for o in outputs], "categories": categories,
           "chromePath": str(CHROMIUM), "chromeFlags": CHROME_FLAGS,
           "settings": {} if "performance" in categories else UNTIMED}
    run = subprocess.run(["node", "--input-type=module", "-e", RUNNER.read_text(encoding="utf-8"), "--", json.dumps(job)],
                         cwd=LIGHTHOUSE.parents[2], capture_output=True, text=True, timeout=120 * len(urls))
    missing = [url for url, out in zip(urls, outputs) if not out.exists()]
    if run.returncode != 0 or missing:
        raise RuntimeError(f"lighthouse failed ({run.returncode}) on {missing}: {run.stderr[-2000:]}")
    return [json.loads(out.read_text(encoding="utf-8")) for out in outputs]


def audit(urls: list[str], categories: list[str], parallel: int = PARALLEL) -> dict[str, dict]:
    """Lighthouse's report of each URL, for ``categories`` only, ``parallel`` chromiums at a
    time (1 for performance, which measures the CPU it shares)."""
    require_lighthouse()
    shares = [urls[i::parallel] for i in range(parallel) if urls[i::parallel]]
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(parallel) as pool:
        outputs = [[Path(tmp) / f"{i}-{j}.json" for j in range(len(share))] for i, share in enumerate(shares)]
        reports = pool.map(lambda job: _run(job[0], categories, job[1]), zip(shares, outputs))
        by_url = {url: report for share, got in zip(shares, reports) for url, report in zip(share, got)}
    return {url: by_url[url] for url in urls}


def scores(report: dict) -> dict[str, float]:
    return {name: category["score"] for name, category in report["categories"].items()}


def failed_audits(report: dict) -> list[str]:
    """The audits that cost points: id, score and what Lighthouse says about it."""
    failed = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                failed.append(f"{category['id']}/{ref['id']} = {result['score']}: {result['title']}"
                              + (f" ({result['displayValue']})" if result.get("displayValue") else ""))
    return failed


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as its URL path from the site's root: each folder's
    index.html, and every 404 page (one per language)."""
    found = [p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")]
    found = ["" if url == "./" else url for url in found]
    return sorted(found) + sorted(p.relative_to(site).as_posix() for p in site.rglob("404.html"))


def gate_problems(reports: dict[str, dict]) -> list[str]:
    """Every gated category below 100, and the audits that cost its points."""
    return [f"{url}: {name} {score} — " + "; ".join(failed_audits(report))
            for url, report in reports.items() for name, score in scores(report).items()
            if name in GATED and score != 1]


def gate(site: Path) -> tuple[dict[str, dict], list[str]]:
    """Lighthouse's report of every page of ``site`` for the gated categories, and the problems."""
    with serve_as_host(site) as local:
        reports = audit([local + url for url in site_pages(site)], GATED)
    return reports, gate_problems(reports)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "index.html").is_file():
        print("usage: lighthouse.py SITE_DIR (a built site: mkdocs build --strict)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        print(f"lighthouse.py: needs {LIGHTHOUSE} and {CHROMIUM} (.ci/steps.sh install)", file=sys.stderr)
        return 1
    start = time.perf_counter()
    reports, problems = gate(Path(argv[0]))
    for url, report in reports.items():
        print(url, {name: score for name, score in scores(report).items()})
    print(f"lighthouse.py: {len(reports)} pages in {time.perf_counter() - start:.0f} s, "
          f"{len(problems)} below 100 in {', '.join(GATED)}")
    print("\n".join(problems), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
