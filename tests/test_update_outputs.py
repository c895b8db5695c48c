"""`pytest --update-outputs` puts the published outputs back: on a copy of the repository with
one output changed per language, far beyond float noise in one and by one unit in the last
digit (float noise, which the tests let pass) in the other, the README's command restores both
pages byte for byte and says what it changed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from doctools.lessons import lessons

ROOT = Path(__file__).resolve().parents[1]
# The first lesson's pages: any page whose outputs hold tensors would do.
PAGES = {lang: str(page.relative_to(ROOT)) for lang, page in lessons()[0].pages.items()}


def corrupt_output(text: str, nth: int, noise: bool = False) -> tuple[str, int]:
    """The page with the ``nth`` doctest output line that starts with ``tensor(<digit>``
    changed far beyond float noise (its first digit + 1), or with ``noise`` by one unit in the
    last digit of its first number; and the number (1-based) of the example's ``>>>`` line,
    which is where --update-outputs reports the change."""
    lines = text.splitlines(keepends=True)
    outputs = [i for i in range(1, len(lines))
               if lines[i - 1].lstrip().startswith(">>> ") and re.match(r"\s*tensor\(\[?\s*-?\d", lines[i])]
    i = outputs[nth]
    number = re.search(r"\d+(?:\.\d+)?", lines[i])
    at = number.end() - 1 if noise else number.start()
    digit = int(lines[i][at])
    changed = (digit - 1 if digit == 9 else digit + 1) if noise else (digit + 1) % 10
    lines[i] = lines[i][:at] + str(changed) + lines[i][at + 1:]
    return "".join(lines), i


def pytest_docs(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """The doctests of the two corrupted pages (the other pages are not touched; running only
    these keeps the test fast), in the copy, with the copy's pyproject.toml and docs/conftest.py."""
    return subprocess.run([sys.executable, "-m", "pytest", *PAGES.values(), "-q", *args],
                          cwd=copy, capture_output=True, text=True, timeout=600)


def test_update_outputs_restores_corrupted_pages_byte_for_byte(tmp_path):
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", ".cache", "figures")
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=ignore)
    shutil.copytree(ROOT / "tutorial_pkg", copy / "tutorial_pkg", ignore=ignore)
    shutil.copyfile(ROOT / "pyproject.toml", copy / "pyproject.toml")

    original = {lang: (copy / page).read_bytes() for lang, page in PAGES.items()}
    corrupted_lines = {}
    noisy = "en"
    for nth, (lang, page) in enumerate(PAGES.items()):  # a different example in each language
        text, corrupted_lines[lang] = corrupt_output(original[lang].decode("utf-8"), nth, noise=lang == noisy)
        (copy / page).write_bytes(text.encode("utf-8"))
        assert (copy / page).read_bytes() != original[lang]

    # The corrupted copy fails, naming the page changed beyond float noise only.
    before = pytest_docs(copy)
    assert before.returncode == 1, before.stdout[-3000:]
    for lang, page in PAGES.items():
        assert (f"FAILED {page}" in before.stdout) == (lang != noisy), before.stdout[-3000:]

    # -n 2: as the README's `pytest docs --update-outputs` would run (in workers) but for the hook
    # in docs/conftest.py that keeps an update in one process
    update = pytest_docs(copy, "--update-outputs", "-n", "2")
    assert update.returncode == 0, update.stdout[-3000:] + update.stderr[-2000:]
    for lang, page in PAGES.items():
        assert (copy / page).read_bytes() == original[lang], f"{page} not restored byte for byte"
    report = update.stdout[update.stdout.index("outputs updated (--update-outputs)"):]
    changed = [line for line in report.splitlines() if ".md:" in line]
    assert len(changed) == 2, report
    for lang, page in PAGES.items():
        assert any(f"{page}:{corrupted_lines[lang]}:" in line for line in changed), report
    # No third run: the restored pages are the committed ones byte for byte, whose doctests
    # the suite runs anyway.
