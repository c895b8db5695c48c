"""Sybil runs every snippet of every page (docs/zh and docs/en) as a test; see doctools/doctests.py."""

import functools
from collections import Counter
from pathlib import Path

import pytest
import torch

from doctools.doctests import Updates, page_sybil
from tutorial_pkg import further


def _by_value(fn):
    """``fn``'s answers remembered by the values of its arguments (a tensor by its dtype and
    numbers): the pages ask for the same count of up to 100 000 epochs again and again (each
    takes seconds), in prose checks beside the examples that printed it."""
    def key(value):
        return (str(value.dtype), value.tolist()) if isinstance(value, torch.Tensor) else value
    answers: dict[str, object] = {}

    @functools.wraps(fn)
    def remembered(*args, **kwargs):
        args_key = repr([key(a) for a in args] + sorted((k, key(v)) for k, v in kwargs.items()))
        if args_key not in answers:
            answers[args_key] = fn(*args, **kwargs)
        return answers[args_key]
    return remembered


further.epochs_to_within = _by_value(further.epochs_to_within)

updates = Updates()
pytest_collect_file = page_sybil(updates, Path(__file__).parent).pytest()  # the pages beside this file
examples_run: Counter = Counter()
changed: list[str] = []


def pytest_addoption(parser):
    parser.addoption("--update-outputs", action="store_true",
                     help="rewrite, in place, every doctest output in docs/ whose text differs "
                          "from what the code prints now")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads -n
def pytest_cmdline_main(config):
    # One process: the session that rewrites the pages is the one that reports what it changed
    # (xdist workers would each rewrite and report their own, and the report would say none).
    if config.getoption("update_outputs"):
        config.option.numprocesses = 0


def pytest_configure(config):
    updates.enabled = config.getoption("update_outputs")


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and report.nodeid.startswith("docs/") and ".md::" in report.nodeid:
        examples_run[report.nodeid.split("::")[0]] += 1


def pytest_sessionfinish(session):
    changed.extend(updates.apply())


def pytest_terminal_summary(terminalreporter):
    if examples_run:
        terminalreporter.section("doctest examples run per page")
        for page, count in sorted(examples_run.items()):
            terminalreporter.write_line(f"{count:4d}  {page}")
    if updates.enabled:
        terminalreporter.section("outputs updated (--update-outputs)")
        for line in changed or ["none: every output already matched"]:
            terminalreporter.write_line(line)
