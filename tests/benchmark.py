"""Speed and weight of the site against its targets (a report, not a test).

    .venv/bin/python tests/benchmark.py            # prints a table
    .venv/bin/python tests/benchmark.py --check    # ... and exits 1 if a target is missed

Times are multiples of a bare ``python -c "import torch"`` measured in the same run, so the
numbers mean the same on a slow and a fast machine; one page's doctests are timed too
(the first lesson's English page), and how long `mkdocs serve` takes to rebuild after a
one-word prose edit of that page (in seconds). The pytest and build times are cold: the notebook cache
(``.cache/``) is emptied first. Page weight is what headless Chromium downloads to show a
page (HTML, CSS, JS, images; the search index excluded) on load, and after scrolling to the end,
with the lazily loaded figures too (as when the reader has scrolled past all of them), and
that again gzipped, as GitHub Pages sends it. The targets apply to the uncompressed bytes on load.
Lighthouse's performance score (mobile, simulated slow 4G and a slower CPU) of each page, served
gzipped as by a real host (tests/lighthouse.py), one page at a time; beside it the metric that
costs the most points. And the CI step that gates the deploy on Lighthouse's other categories
(``.ci/steps.sh audit``: tests/lighthouse.py), timed: it runs after the build, not in pytest.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "docs")]

from doctools.lessons import URL_PREFIX, lessons  # noqa: E402  (needs the path above)

# (what, target) — times as multiples of a torch import, weights in bytes.
TARGETS = {"pytest": 35.0, "build": 10.0, "page doctests": 4.0, "serve rebuild": 2.0,
           "lesson": 400_000, "notebook": 1_000_000, "home": 400_000, "explorer_ms": 50.0, "explorer_js": 40_000}
EXPLORER_JS = ROOT / "docs" / "assets" / "explorer.js"
PERFORMANCE = {"lesson": 95}  # Lighthouse performance score, at least
PAGES = {  # URL path -> kind of page: each language's home, each lesson and its notebook page
    url: kind for lang, home in URL_PREFIX.items()
    for url, kind in [(home, "home")] + [(u, k) for lesson in lessons()
                                         for u, k in ((lesson.url(lang), "lesson"), (lesson.notebook_url(lang), "notebook"))]
}


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold(command: list[str]) -> float:
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    return seconds(command)


def serve_rebuild(page: Path) -> float:
    """Seconds from a one-word prose edit of ``page`` to `mkdocs serve` reloading the browsers
    (the edit is undone afterwards)."""
    import re
    import socket
    import threading

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [lines.append((time.perf_counter(), line)) for line in server.stderr],
                              daemon=True)
    reader.start()
    text = page.read_text(encoding="utf-8")
    try:
        def wait_for(words: str, after: int, timeout: float) -> float:
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:
                for at, line in lines[after:]:
                    if words in line:
                        return at
                time.sleep(0.02)
            raise TimeoutError(f"mkdocs serve did not say {words!r}: {''.join(l for _, l in lines)[-2000:]}")

        wait_for("Serving on", 0, 600)
        time.sleep(1)  # let the watcher settle
        # the last line of prose (outside code blocks): one more word at its end
        prose = [m for m in re.finditer(r"^[A-Za-z\u4e00-\u9fff][^\n]*[^\s]$", text, re.MULTILINE)]
        edit = prose[-1]
        seen = len(lines)
        start = time.perf_counter()
        page.write_text(text[:edit.end()] + " again" + text[edit.end():], encoding="utf-8")
        return wait_for("Reloading browsers", seen, 120) - start
    finally:
        page.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def page_weights(site: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    from browser import chromium_page, serve

    weights, scrolled = {}, {}
    zipped: dict[str, dict[str, int]] = {path: {} for path in PAGES}
    with serve(site) as base:
        for path in PAGES:
            with chromium_page() as page:  # a fresh context: nothing cached from the page before
                sizes: dict[str, int] = {}

                def record(response, sizes=sizes):
                    if "search_index" not in response.url and response.status == 200:
                        body = response.body()
                        sizes[response.url] = len(body)
                        zipped[path][response.url] = len(gzip.compress(body, 6))
                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                weights[path] = sum(sizes.values())
                # Figures load lazily, when the reader scrolls to them: count them too.
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                page.remove_listener("response", record)
                scrolled[path] = sum(sizes.values())
    gzipped = {path: sum(sizes.values()) for path, sizes in zipped.items()}
    return weights, scrolled, gzipped


def explorer_redraw_ms(site: Path) -> float:
    """The learning-rate explorer at 5000 epochs: the median time from a move of the learning-rate
    slider to the explorer redrawn and laid out (script, style, layout; not paint), in ms."""
    from browser import chromium_page, serve
    from doctools.explorer import MARKER

    lesson = next(lesson for lesson in lessons() if MARKER in lesson.pages["en"].read_text(encoding="utf-8"))
    with serve(site) as base, chromium_page() as page:
        page.goto(base + lesson.url("en") + "#lr=0.0001&x=given&epochs=5000")
        page.locator("[data-explorer-log]").wait_for(state="visible")
        times = page.evaluate("""() => {
            const range = document.querySelector('[data-explorer-range]'), times = [];
            for (let i = 0; i < 21; i++) {  // 10^-4.5 ... 10^-2.4: all 5000 epochs run
                const start = performance.now();
                range.value = -4.5 + i * 0.1;
                range.dispatchEvent(new Event('input', {bubbles: true}));
                document.body.getBoundingClientRect();
                times.push(performance.now() - start);
            }
            return times;
        }""")
    return statistics.median(times)


def performance(site: Path) -> dict[str, tuple[float, str]]:
    """Each page's Lighthouse performance score, and the metric that costs the most points."""
    from lighthouse import LIGHTHOUSE, audit, serve_as_host
    if not LIGHTHOUSE.exists():
        return {}
    with serve_as_host(site) as local:
        reports = audit([local + path for path in PAGES], ["performance"], parallel=1)
    results = {}
    for path in PAGES:
        report = reports[local + path]
        category = report["categories"]["performance"]
        worst = max((ref for ref in category["auditRefs"] if ref["weight"] > 0),
                    key=lambda ref: ref["weight"] * (1 - (report["audits"][ref["id"]]["score"] or 0)))
        metric = report["audits"][worst["id"]]
        results[path] = (category["score"] * 100, f"{metric['title']} {metric.get('displayValue', '')}".strip())
    return results


def audit(site: Path) -> tuple[float, int, list[str]]:
    """The CI gate after the build (.ci/steps.sh audit: Lighthouse's SEO, accessibility and best
    practices at 100 on every page): its seconds, the pages audited and what missed."""
    from lighthouse import LIGHTHOUSE, gate
    if not LIGHTHOUSE.exists():
        return 0.0, 0, ["lighthouse not installed (.ci/steps.sh install)"]
    start = time.perf_counter()
    reports, problems = gate(site)
    return time.perf_counter() - start, len(reports), problems


def main(argv: list[str]) -> int:
    python = sys.executable
    torch_import = statistics.median(seconds([python, "-c", "import torch"]) for _ in range(3))
    first = lessons()[0].pages["en"]
    pytest_time = cold([python, "-m", "pytest", "-q"])
    with tempfile.TemporaryDirectory() as tmp:
        build_time = cold([python, "-m", "mkdocs", "build", "--strict", "--site-dir", tmp])
        weights, scrolled, gzipped = page_weights(Path(tmp))
        redraw = explorer_redraw_ms(Path(tmp))
        scores = performance(Path(tmp))
        audit_time, audited, misses = audit(Path(tmp))
    script = EXPLORER_JS.stat().st_size
    page_time = seconds([python, "-m", "pytest", "-q", str(first.relative_to(ROOT))])
    rebuild_time = serve_rebuild(first)

    def timed(name: str, value: float, target: str) -> tuple:
        ratio = value / torch_import
        return (name, f"{value:.1f} s", f"{ratio:.1f}×", f"≤ {TARGETS[target]:g}×", ratio <= TARGETS[target])

    rows = [("python -c 'import torch'", f"{torch_import:.2f} s", "1×", "", True),
            timed("pytest (cold)", pytest_time, "pytest"),
            timed("mkdocs build --strict (cold)", build_time, "build"),
            timed(f"pytest {first.relative_to(ROOT)}", page_time, "page doctests"),
            ("mkdocs serve: rebuilt after a one-word edit", f"{rebuild_time:.1f} s", "",
             f"≤ {TARGETS['serve rebuild']:g} s", rebuild_time <= TARGETS["serve rebuild"])]
    rows.append((f"Lighthouse audit, the CI step after the build ({audited} pages at 100)", f"{audit_time:.0f} s",
                 f"{audit_time / torch_import:.1f}×", "", not misses))
    rows += [(f"  ... {miss}", "", "", "", False) for miss in misses]
    for path, size in weights.items():
        kind = PAGES[path]
        rows.append((f"page /{path} ({kind}), on load", f"{size / 1000:.0f} KB", "",
                     f"≤ {TARGETS[kind] / 1000:.0f} KB", size <= TARGETS[kind]))
        rows.append((f"  ... with every lazy figure loaded", f"{scrolled[path] / 1000:.0f} KB", "", "", True))
        rows.append((f"  ... all of it gzipped (as GitHub Pages serves it)", f"{gzipped[path] / 1000:.0f} KB",
                     "", "", True))
    rows.append(("explorer: redraw, 5000 epochs (median)", f"{redraw:.1f} ms", "",
                 f"≤ {TARGETS['explorer_ms']:g} ms", redraw <= TARGETS["explorer_ms"]))
    rows.append(("explorer: explorer.js, unminified", f"{script / 1000:.1f} KB", "",
                 f"≤ {TARGETS['explorer_js'] / 1000:.0f} KB", script <= TARGETS["explorer_js"]))
    for path, (score, limit) in scores.items():
        target = PERFORMANCE.get(PAGES[path])
        rows.append((f"Lighthouse performance /{path} (mobile)", f"{score:.0f}", "",
                     f"≥ {target}" if target else "", target is None or score >= target))
        rows.append((f"  ... costs the most: {limit}", "", "", "", True))
    if not scores:
        rows.append(("Lighthouse performance: lighthouse not installed (.ci/steps.sh install)", "", "", "", False))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>9}  {'ratio':>6}  {'target':>10}  ")
    for name, value, ratio, target, ok in rows:
        print(f"{name:<{width}}  {value:>9}  {ratio:>6}  {target:>10}  {'ok' if ok else 'MISSED'}")
    return 1 if "--check" in argv and not all(r[4] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
