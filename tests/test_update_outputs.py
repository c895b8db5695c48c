"""`pytest docs --update-outputs` (the README's command; docs/conftest.py) puts outputs back, in one
process though asked for two workers, and reports each change: a change far beyond float noise on
one page, and one unit of the last digit (noise, which the tests let pass) on its twin."""

import shutil
import sys
from pathlib import Path

import pytest

from tutorial_pkg import further

ROOT = Path(__file__).resolve().parents[1]
PAGE = "# Page\n\nText.\n\n```pycon\n>>> import torch\n>>> torch.tensor([1.5, 2.25]) * 2\ntensor([3.0000, 4.5000])\n```\n"
CHANGED = {"zh": "tensor([3.0000, 5.5000])", "en": "tensor([3.0000, 4.5001])"}  # en: noise only


def test_update_outputs_restores_changed_outputs_byte_for_byte(tmp_path, monkeypatch, capsys):
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for lang, output in CHANGED.items():
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "page.md").write_text(PAGE.replace("tensor([3.0000, 4.5000])", output))
    shutil.copyfile(ROOT / "docs" / "conftest.py", tmp_path / "docs" / "conftest.py")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(further, "epochs_to_within", further.epochs_to_within)  # the pages' conftest wraps it
    modules = dict(sys.modules)  # in this process: a new one would import torch again
    try:
        exit_code = pytest.main(["docs", "--update-outputs", "-n", "2", "-q"])
    finally:  # the pages' conftest and what it imported go again
        for name in set(sys.modules) - set(modules):
            del sys.modules[name]
        sys.modules.update(modules)
    out = capsys.readouterr().out
    assert exit_code == 0, out[-3000:]
    assert [(tmp_path / "docs" / lang / "page.md").read_text() for lang in CHANGED] == [PAGE, PAGE]
    report = out[out.index("outputs updated (--update-outputs)"):]
    assert [line.strip() for line in report.splitlines() if ".md:" in line] == [
        f"{tmp_path / 'docs' / lang / 'page.md'}:7: torch.tensor([1.5, 2.25]) * 2" for lang in ("en", "zh")]
