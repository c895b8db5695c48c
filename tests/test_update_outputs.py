"""`pytest docs --update-outputs` (the README's command; docs/conftest.py) puts outputs back: on a
copy of the tooling with two small pages, one output changed far beyond float noise in one and by
one unit of its last digit (float noise, which the tests let pass) in the other, it restores both
byte for byte, in one process though asked for two workers, and reports each change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = "# Page\n\nText.\n\n```pycon\n>>> import torch\n>>> torch.tensor([1.5, 2.25]) * 2\ntensor([3.0000, 4.5000])\n```\n"
CHANGED = {"zh": "tensor([3.0000, 5.5000])", "en": "tensor([3.0000, 4.5001])"}  # en: noise only


def test_update_outputs_restores_changed_outputs_byte_for_byte(tmp_path):
    shutil.copytree(ROOT / "docs" / "doctools", tmp_path / "docs" / "doctools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "docs" / "conftest.py", tmp_path / "docs" / "conftest.py")
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for lang, output in CHANGED.items():
        (tmp_path / "docs" / lang).mkdir()
        (tmp_path / "docs" / lang / "page.md").write_text(PAGE.replace("tensor([3.0000, 4.5000])", output))

    def pytest_docs(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pytest", "docs", "-q", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=600)

    before = pytest_docs("-n", "0")
    assert before.returncode == 1 and "FAILED docs/zh/page.md" in before.stdout, before.stdout[-3000:]
    assert "FAILED docs/en/page.md" not in before.stdout, before.stdout[-3000:]
    update = pytest_docs("--update-outputs", "-n", "2")
    assert update.returncode == 0, update.stdout[-3000:] + update.stderr[-2000:]
    assert [(tmp_path / "docs" / lang / "page.md").read_text() for lang in CHANGED] == [PAGE, PAGE]
    report = update.stdout[update.stdout.index("outputs updated (--update-outputs)"):]
    assert [line.strip() for line in report.splitlines() if ".md:" in line] == [
        f"{tmp_path / 'docs' / lang / 'page.md'}:7: torch.tensor([1.5, 2.25]) * 2" for lang in ("en", "zh")]
