"""pytest, whatever it runs (tests/, docs/, tutorial_pkg/): the xdist workers a run gets
(doctools/workers.py), and the reader's package's own examples as tests: every ``>>>`` example in
a docstring of tutorial_pkg runs (in its module's namespace), its output compared under the
site's number rule (docs/doctools/number_rule.py), as the pages' are (``pytest tutorial_pkg``)."""

from pathlib import Path

from sybil import Sybil

from doctools import sybil_adapter
from doctools.doctests import NumberTolerantChecker, Updates
from doctools.workers import pytest_xdist_auto_num_workers  # noqa: F401 - a hook

_updates = Updates()  # never enabled: --update-outputs rewrites the pages only
_evaluator = sybil_adapter.doctest_evaluator(NumberTolerantChecker(_updates), _updates.record)
pytest_collect_file = Sybil(parsers=[lambda document: sybil_adapter.docstring_regions(document, _evaluator)],
                            patterns=["*.py"], path=str(Path(__file__).parent / "tutorial_pkg")).pytest()
