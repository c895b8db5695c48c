"""The declared version range is the one the version matrix (.ci/matrix.py) tests: pyproject.toml's lower bounds
are its oldest leg, and the README states the range its legs span."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from helpers import version_matrix

ROOT = Path(__file__).resolve().parents[1]


def bound_problems(pyproject: str) -> list[str]:
    """Each ``>=`` bound of requires-python, torch and numpy must be the oldest leg's version (a bound may drop
    trailing .0s), and the only bound."""
    project, oldest = tomllib.loads(pyproject)["project"], version_matrix().leg("oldest")
    deps = {dep.name: str(dep.specifier) for dep in map(Requirement, project["dependencies"])}
    bounds = {"python": project["requires-python"], "torch": deps["torch"], "numpy": deps["numpy"]}
    return [f"pyproject.toml: {name} {spec}, but the oldest leg runs {oldest[name]}" for name, spec in bounds.items()
            if re.sub(r"(\.0)+$", "", spec) != ">=" + re.sub(r"(\.0)+$", "", oldest[name])]


def readme_problems(readme: str, checked: dict[str, str]) -> list[str]:
    wanted = [f"PyTorch {checked['torch_min']}–{checked['torch_max']}",
              f"Python {checked['python_min']}–{checked['python_max']}",
              f"numpy {version_matrix().leg('oldest')['numpy']} or newer"]
    return [f"README does not say {phrase!r}" for phrase in wanted if phrase not in " ".join(readme.split())]


MUTANTS = {"as is": ("", "", 0), "older torch": ('"torch>=', '"torch>=1.', 1), "older Python": ('">=3.', '">=3.1', 1),
           "older numpy": ('"numpy>=', '"numpy>=0.', 1), "an upper bound": ('"numpy>=1.20.3"', '"numpy>=1.20.3,<3"', 1)}


@pytest.mark.parametrize("old, new, found", MUTANTS.values(), ids=MUTANTS)
def test_pyproject_lower_bounds_are_the_oldest_leg(old, new, found):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert old in text
    assert len(bound_problems(text.replace(old, new, 1))) == found


def test_readme_states_the_checked_range():
    checked, readme = version_matrix().checked_range(), (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_problems(readme, checked) == []
    assert len(readme_problems(readme, {**checked, "torch_max": "9.9.9"})) == 1  # a stale range is caught
