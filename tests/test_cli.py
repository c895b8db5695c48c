"""python -m tutorial_pkg replays the article's runs."""

import runpy
import sys

import pytest
import torch

from helpers import run_printed
from tutorial_pkg import load_data, training_loop
from tutorial_pkg.__main__ import main


def test_python_dash_m_replays_the_article_run_with_lr_1e_4(monkeypatch, capsys):
    # As `python -m tutorial_pkg --lr 1e-4 --epochs 10` runs it (runpy is what -m uses), in this
    # process: a new one would import torch again.
    monkeypatch.setattr(sys, "argv", ["tutorial_pkg", "--lr", "1e-4", "--epochs", "10"])
    monkeypatch.delitem(sys.modules, "tutorial_pkg.__main__")  # run afresh, as -m would
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("tutorial_pkg", run_name="__main__", alter_sys=True)
    out = capsys.readouterr().out
    assert exited.value.code == 0
    x, y = load_data()
    params, printed = run_printed(training_loop, 10, 1e-4, torch.tensor([1.0, 0.0]), x, y)
    assert out == printed + repr(params) + "\n"
    assert out.startswith("Epoch 1, Loss 1763.88") and len(out.splitlines()) == 11


def test_scale_flag_scales_x(capsys):
    assert main(["--lr", "1e-2", "--epochs", "1", "--scale", "0.1"]) == 0
    assert capsys.readouterr().out.startswith("Epoch 1, Loss 2806.24")


@pytest.mark.parametrize("args, code, words", [
    (["--help"], 0, ["--lr", "--epochs", "--scale", "--print-every"]),
    (["--lr=-1e-4"], 2, ["--lr", "positive"]),
    (["--lr", "-1"], 2, ["--lr", "positive"]),
    (["--lr", "abc"], 2, ["--lr", "positive"]),
    (["--epochs", "2.5"], 2, ["--epochs", "positive integer"]),
    (["--epochs", "0"], 2, ["--epochs", "positive integer"]),
    (["--scale", "nan"], 2, ["--scale", "positive"]),
])
def test_help_explains_each_flag_and_a_bad_value_exits_2_with_usage(capsys, args, code, words):
    with pytest.raises(SystemExit) as exited:
        main(args)
    out, err = capsys.readouterr()
    said = out if code == 0 else err  # help on stdout, a bad value on stderr, and nothing else
    assert exited.value.code == code and said.startswith("usage: python -m tutorial_pkg") and (out + err) == said
    for word in words:
        assert word in said
