"""pytest, whatever it runs (tests/, docs/, tutorial_pkg/): the xdist workers a run gets, and the
reader's package's own examples as tests: every ``>>>`` example in a docstring of tutorial_pkg runs
(in its module's namespace), its output compared under the site's number rule
(docs/doctools/number_rule.py), as the pages' are (``pytest tutorial_pkg``)."""

from pathlib import Path

from sybil import Sybil

from doctools import sybil_adapter
from doctools.doctests import NumberTolerantChecker, Updates

_updates = Updates()  # never enabled: --update-outputs rewrites the pages only
_evaluator = sybil_adapter.doctest_evaluator(NumberTolerantChecker(_updates), _updates.record)
pytest_collect_file = Sybil(parsers=[lambda document: sybil_adapter.docstring_regions(document, _evaluator)],
                            patterns=["*.py"], path=str(Path(__file__).parent / "tutorial_pkg")).pytest()


def pytest_xdist_auto_num_workers(config):
    """A couple of named files, such as one page's doctests, run in one process: starting
    workers, each importing torch, costs more than it saves. Otherwise xdist decides."""
    files = [arg for arg in config.args if Path(arg.split("::")[0]).is_file()]
    if files and len(files) == len(config.args) and len(files) <= 2:
        return 0
    return None
