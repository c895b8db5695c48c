"""The deploy's audit of the built site, served as a real host serves it (this is not a test module).

    .venv/bin/python tests/lighthouse.py SITE_DIR   # .ci/steps.sh audit, after the build: exits 1 on a problem

Every page of both languages, the 404 pages too: Lighthouse's SEO, accessibility (axe-core's WCAG 2
A/AA rules) and best practices at 100 (mobile, light scheme); and axe-core, every rule, with no
serious or critical violation at desktop width in the light and in the dark scheme.
Lighthouse is the npm package ``.ci/steps.sh install`` puts in ``.venv/lighthouse``, axe-core the
copy it runs, both on Debian's chromium; tests/benchmark.py times this and runs Lighthouse's
performance category.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "docs")]

from browser import CHROMIUM, chromium_page, own_url  # noqa: E402  (needs the path above)
from sitechecks import documents  # noqa: E402

LIGHTHOUSE = ROOT / ".venv" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
AXE = LIGHTHOUSE.parents[1] / "axe-core" / "axe.min.js"
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
RUNNER = Path(__file__).with_name("lighthouse_run.mjs")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# Without the performance category nothing is timed: Lighthouse need not wait for the CPU to go quiet (on 2 busy
# cores, for the others' load) nor pause after load; it still waits for the network, so a late console error counts.
UNTIMED = {"pauseAfterFcpMs": 0, "pauseAfterLoadMs": 0, "cpuQuietThresholdMs": 0, "skipAboutBlank": True}
GATED = ["seo", "accessibility", "best-practices"]  # each at 100 on every page


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
            file = file / "index.html" if file is not None and file.is_dir() else file   # links end in "/"
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
    """Serve a built site on 127.0.0.1 under the path of the URL it was built for, gzipped when the
    browser accepts it, with that URL replaced by the local one in what it sends (so canonical,
    hreflang and og:url name the page being audited, as on the real host); yield the local URL."""
    site = Path(site_dir)
    own = own_url(site) or ""
    prefix = urlparse(own).path or "/"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    local = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.RequestHandlerClass = _handler(site, prefix, own, local)
    threading.Thread(target=server.serve_forever, name="host-server", daemon=True).start()
    try:
        yield local
    finally:
        server.shutdown()   # returns once serve_forever has
        server.server_close()


def _run(urls: list[str], categories: list[str], outputs: list[Path]) -> list[dict]:
    """Lighthouse on ``urls``, one after the other in one chromium (lighthouse_run.mjs)."""
    job = {"urls": urls, "outputs": [str(o) for o in outputs], "categories": categories,
           "chromePath": str(CHROMIUM), "chromeFlags": CHROME_FLAGS,
           "settings": {} if "performance" in categories else UNTIMED}
    command = ["node", "--input-type=module", "-e", RUNNER.read_text(encoding="utf-8"), "--", json.dumps(job)]
    run = subprocess.run(command, cwd=LIGHTHOUSE.parents[2], capture_output=True, text=True, timeout=120 * len(urls))
    missing = [url for url, out in zip(urls, outputs) if not out.exists()]
    if run.returncode != 0 or missing:
        raise RuntimeError(f"lighthouse failed ({run.returncode}) on {missing}: {run.stderr[-2000:]}")
    return [json.loads(out.read_text(encoding="utf-8")) for out in outputs]


def audit(urls: list[str], categories: list[str], parallel: int = 2) -> dict[str, dict]:
    """Lighthouse's report of each URL, for ``categories`` only, ``parallel`` chromiums at a
    time (1 for performance, which measures the CPU it shares)."""
    shares = [urls[i::parallel] for i in range(parallel) if urls[i::parallel]]
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(parallel) as pool:
        outputs = [[Path(tmp) / f"{i}-{j}.json" for j in range(len(share))] for i, share in enumerate(shares)]
        reports = pool.map(lambda job: _run(job[0], categories, job[1]), zip(shares, outputs))
        by_url = {url: report for share, got in zip(shares, reports) for url, report in zip(share, got)}
    return {url: by_url[url] for url in urls}


def lost_points(report: dict, name: str) -> list[str]:
    """The audits that cost category ``name`` points in ``report``, the costliest first."""
    weighted = [(ref["weight"], report["audits"][ref["id"]]) for ref in report["categories"][name]["auditRefs"]]
    results = [(weight * (1 - result["score"]), result) for weight, result in weighted
               if weight and result["score"] is not None and result["score"] < 1]
    return [f"{result['id']} = {result['score']}: {result['title']} {result.get('displayValue', '')}".strip()
            for _, result in sorted(results, key=lambda lost: -lost[0])]


def lighthouse_problems(reports: dict[str, dict]) -> list[str]:
    """Every gated category below 100, with the audits that cost its points."""
    return [f"{url}: {name} {report['categories'][name]['score']} — " + "; ".join(lost_points(report, name))
            for url, report in reports.items() for name in GATED if report["categories"][name]["score"] != 1]


def axe_problems(urls: list[str], scheme: str) -> list[str]:
    """axe-core's serious and critical findings, every rule, on each page at desktop width in ``scheme``
    (one browser page, reloaded for each; a page not shown in that scheme is a problem too)."""
    problems = []
    with chromium_page(color_scheme=scheme) as page:
        page.context.add_init_script(AXE.read_text(encoding="utf-8"))
        for url in urls:
            page.goto(url, wait_until="load")
            if page.evaluate("document.body.dataset.mdColorScheme") != MATERIAL_SCHEME[scheme]:
                problems.append(f"{url}: not shown in the {scheme} scheme (Material's {MATERIAL_SCHEME[scheme]!r})")
                continue
            found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
            problems += [f"{url} [{scheme}] {v['impact']} {v['id']}: {v['help']}; "
                         + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:5])
                         for v in found if v["impact"] in ("serious", "critical")]
    return problems


def gate(site: Path) -> tuple[int, list[str]]:
    """The pages of ``site`` audited, and the problems: Lighthouse's (a phone, light), then axe's at desktop
    width in both schemes (Lighthouse runs a subset of axe's rules, in one scheme, at one width)."""
    with serve_as_host(site) as local:
        urls = [local + url for url in documents(site)]
        return len(urls), lighthouse_problems(audit(urls, GATED)) + [
            problem for scheme in MATERIAL_SCHEME for problem in axe_problems(urls, scheme)]


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "index.html").is_file():
        print("usage: lighthouse.py SITE_DIR (a built site: mkdocs build --strict)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        print(f"lighthouse.py: needs {LIGHTHOUSE} and {CHROMIUM} (.ci/steps.sh install)", file=sys.stderr)
        return 1
    start = time.perf_counter()
    audited, problems = gate(Path(argv[0]))
    print("\n".join(problems), file=sys.stderr)
    print(f"lighthouse.py: {audited} pages in {time.perf_counter() - start:.0f} s, {len(problems)} problems "
          f"({', '.join(GATED)} at 100; axe, light and dark)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
