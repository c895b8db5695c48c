"""Speed and weight of the site against its targets (a report, not a test).

    .venv/bin/python tests/benchmark.py            # prints a table
    .venv/bin/python tests/benchmark.py --check    # ... and exits 1 if a target is missed

Times are multiples of a bare ``python -c "import torch"`` run in the same run: pytest and the build
cold (``.cache/`` emptied), the first lesson's English page's doctests; and the seconds `mkdocs serve`
takes to rebuild after a one-word edit of that page. Page weight: what Chromium downloads to show a
page (the search index aside) on load (the target), with every lazy figure loaded, and gzipped. Then
the explorer's redraw, Lighthouse's performance (mobile, one page at a time) with the audit that costs
it most, and the CI audit step after the build (tests/lighthouse.py), timed.
"""

from __future__ import annotations

import gzip
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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
# URL path -> kind of page: each language's home, each lesson and its notebook page
PAGES = {home: "home" for home in URL_PREFIX.values()} | {
    url(lang): kind for lesson in lessons() for lang in URL_PREFIX
    for url, kind in ((lesson.url, "lesson"), (lesson.notebook_url, "notebook"))}


def seconds(command: list[str], cold: bool = False) -> float:
    if cold:
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve_rebuild(page: Path) -> float:
    """Seconds from a one-word prose edit of ``page`` (undone afterwards) to `mkdocs serve` reloading the browsers."""
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:0"],  # 0: a free port
                              cwd=ROOT, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in server.stderr:
            lines.append((time.perf_counter(), line))
    threading.Thread(target=read, daemon=True).start()

    def wait_for(words: str, after: int, timeout: float) -> float:
        for _ in range(int(timeout / 0.02)):
            if (said := [at for at, line in lines[after:] if words in line]):
                return said[0]
            time.sleep(0.02)
        raise TimeoutError(f"mkdocs serve did not say {words!r}: {''.join(l for _, l in lines)[-2000:]}")
    text = page.read_text(encoding="utf-8")
    try:
        wait_for("Serving on", 0, 600)
        time.sleep(1)  # let the watcher settle
        # the last line of prose (outside code blocks): one more word at its end
        end = list(re.finditer(r"^[A-Za-z\u4e00-\u9fff][^\n]*[^\s]$", text, re.MULTILINE))[-1].end()
        seen, start = len(lines), time.perf_counter()
        page.write_text(text[:end] + " again" + text[end:], encoding="utf-8")
        return wait_for("Reloading browsers", seen, 120) - start
    finally:
        page.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def page_weights(site: Path) -> dict[str, tuple[int, int, int]]:
    """Each page's bytes on load, with every lazy figure loaded, and that gzipped."""
    from browser import chromium_page, serve

    weights = {}
    with serve(site) as base:
        for path in PAGES:
            with chromium_page() as page:  # a fresh context: nothing cached from the page before
                sizes: dict[str, bytes] = {}

                def record(response, sizes=sizes):
                    if "search_index" not in response.url and response.status == 200:
                        sizes[response.url] = response.body()
                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                on_load = sum(map(len, sizes.values()))
                # Figures load lazily, when the reader scrolls to them: count them too.
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                page.remove_listener("response", record)
                weights[path] = (on_load, sum(map(len, sizes.values())),
                                 sum(len(gzip.compress(body, 6)) for body in sizes.values()))
    return weights


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
    """Each page's Lighthouse performance score, and the audit that costs it the most points."""
    from lighthouse import audit, lost_points, serve_as_host
    with serve_as_host(site) as local:
        reports = audit([local + path for path in PAGES], ["performance"], parallel=1)
    return {path: (report["categories"]["performance"]["score"] * 100, (lost_points(report, "performance") or ["-"])[0])
            for path, report in zip(PAGES, reports.values())}


def main(argv: list[str]) -> int:
    from lighthouse import LIGHTHOUSE, gate

    python = sys.executable
    torch_import = statistics.median(seconds([python, "-c", "import torch"]) for _ in range(3))
    first = lessons()[0].pages["en"]
    pytest_time = seconds([python, "-m", "pytest", "-q"], cold=True)
    with tempfile.TemporaryDirectory() as tmp:
        build_time = seconds([python, "-m", "mkdocs", "build", "--strict", "--site-dir", tmp], cold=True)
        weights, redraw = page_weights(Path(tmp)), explorer_redraw_ms(Path(tmp))
        scores = performance(Path(tmp)) if LIGHTHOUSE.exists() else {}
        start = time.perf_counter()
        audited, misses = gate(Path(tmp)) if LIGHTHOUSE.exists() else (0, ["lighthouse not installed"])
        audit_time = time.perf_counter() - start
    page_time = seconds([python, "-m", "pytest", "-q", str(first.relative_to(ROOT))])
    rebuild_time = serve_rebuild(first)

    def timed(name: str, value: float, target: str) -> tuple:
        ratio = value / torch_import
        return (name, f"{value:.1f} s", f"{ratio:.1f}×", f"≤ {TARGETS[target]:g}×", ratio <= TARGETS[target])

    def measured(name: str, value: str, target: str = "", ok: bool = True) -> tuple:
        return (name, value, "", target, ok)
    rows = [("python -c 'import torch'", f"{torch_import:.2f} s", "1×", "", True),
            timed("pytest (cold)", pytest_time, "pytest"),
            timed("mkdocs build --strict (cold)", build_time, "build"),
            timed(f"pytest {first.relative_to(ROOT)}", page_time, "page doctests"),
            measured("mkdocs serve: rebuilt after a one-word edit", f"{rebuild_time:.1f} s",
                     f"≤ {TARGETS['serve rebuild']:g} s", rebuild_time <= TARGETS["serve rebuild"]),
            (f"audit, the CI step after the build ({audited} pages: Lighthouse at 100, axe in both schemes)",
             f"{audit_time:.0f} s", f"{audit_time / torch_import:.1f}×", "", not misses)]
    rows += [measured(f"  ... {miss}", "", ok=False) for miss in misses]
    for path, (on_load, scrolled, gzipped) in weights.items():
        target = TARGETS[PAGES[path]]
        rows += [measured(f"page /{path} ({PAGES[path]}), on load", f"{on_load / 1000:.0f} KB",
                          f"≤ {target / 1000:.0f} KB", on_load <= target),
                 measured("  ... with every lazy figure loaded", f"{scrolled / 1000:.0f} KB"),
                 measured("  ... all of it gzipped (as GitHub Pages serves it)", f"{gzipped / 1000:.0f} KB")]
    script = EXPLORER_JS.stat().st_size
    rows += [measured("explorer: redraw, 5000 epochs (median)", f"{redraw:.1f} ms",
                      f"≤ {TARGETS['explorer_ms']:g} ms", redraw <= TARGETS["explorer_ms"]),
             measured("explorer: explorer.js, unminified", f"{script / 1000:.1f} KB",
                      f"≤ {TARGETS['explorer_js'] / 1000:.0f} KB", script <= TARGETS["explorer_js"])]
    for path, (score, limit) in scores.items():
        target = PERFORMANCE.get(PAGES[path])
        rows += [measured(f"Lighthouse performance /{path} (mobile)", f"{score:.0f}",
                          f"≥ {target}" if target else "", target is None or score >= target),
                 measured(f"  ... costs the most: {limit}", "")]
    if not scores:
        rows.append(measured("Lighthouse performance: lighthouse not installed (.ci/steps.sh install)", "", ok=False))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>9}  {'ratio':>6}  {'target':>10}  ")
    for name, value, ratio, target, ok in rows:
        print(f"{name:<{width}}  {value:>9}  {ratio:>6}  {target:>10}  {'ok' if ok else 'MISSED'}")
    return 1 if "--check" in argv and not all(r[4] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
