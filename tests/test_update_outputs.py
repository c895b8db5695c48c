"""`pytest --update-outputs` puts the published outputs back: on a copy of the repository with
one output corrupted per language, it restores the pages byte for byte and says what it changed."""

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


def corrupt_output(text: str, nth: int) -> tuple[str, int]:
    """The page with the ``nth`` doctest output line that starts with ``tensor(<digit>``
    changed far beyond float noise (its first digit + 1); and the number (1-based) of the
    example's ``>>>`` line, which is where --update-outputs reports the change."""
    lines = text.splitlines(keepends=True)
    outputs = [i for i in range(1, len(lines))
               if lines[i - 1].lstrip().startswith(">>> ") and re.match(r"\s*tensor\(\[?\s*-?\d", lines[i])]
    i = outputs[nth]
    digit = re.search(r"\d", lines[i])
    lines[i] = lines[i][:digit.start()] + str((int(digit[0]) + 1) % 10) + lines[i][digit.end():]
    return "".join(lines), i


def pytest_docs(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """The doctests of the two corrupted pages (the other pages are not touched; running only
    these keeps the test fast), in the copy, with the copy's pyproject.toml and docs/conftest.py."""
    # -n 0: one process, whose session reports every update (xdist workers would each apply
    # and report their own)
    return subprocess.run([sys.executable, "-m", "pytest", *PAGES.values(), "-q", "-n", "0", *args],
                          cwd=copy, capture_output=True, text=True, timeout=600)


def test_update_outputs_restores_corrupted_pages_byte_for_byte(tmp_path):
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", ".cache", "figures")
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=ignore)
    shutil.copytree(ROOT / "tutorial_pkg", copy / "tutorial_pkg", ignore=ignore)
    shutil.copyfile(ROOT / "pyproject.toml", copy / "pyproject.toml")

    original = {lang: (copy / page).read_bytes() for lang, page in PAGES.items()}
    corrupted_lines = {}
    for nth, (lang, page) in enumerate(PAGES.items()):  # a different example in each language
        text, corrupted_lines[lang] = corrupt_output(original[lang].decode("utf-8"), nth)
        (copy / page).write_bytes(text.encode("utf-8"))
        assert (copy / page).read_bytes() != original[lang]

    # The corrupted copy fails, naming both pages.
    before = pytest_docs(copy)
    assert before.returncode == 1, before.stdout[-3000:]
    for page in PAGES.values():
        assert page in before.stdout

    update = pytest_docs(copy, "--update-outputs")
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
