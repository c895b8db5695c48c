"""The declared version range is the one the version matrix (.ci/matrix.py) tests: pyproject.toml's
lower bounds are its oldest leg, and the README states the range its legs span."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from helpers import version_matrix

ROOT = Path(__file__).resolve().parents[1]


def lower_bounds(pyproject: str) -> dict[str, str]:
    """The ``>=`` bound of requires-python and of the torch and numpy dependencies."""
    project = tomllib.loads(pyproject)["project"]
    bounds = {"python": project.get("requires-python", "")}
    for dep in map(Requirement, project.get("dependencies", [])):
        if dep.name in ("torch", "numpy"):
            bounds[dep.name] = str(dep.specifier)
    found = {}
    for name, spec in bounds.items():
        match = re.fullmatch(r">=\s*([\d.]+)", spec)
        found[name] = match[1] if match else f"not a lone lower bound: {spec!r}"
    return found


def bound_problems(pyproject: str, oldest: dict[str, str]) -> list[str]:
    """Each lower bound must be the oldest leg's version (a bound may drop trailing .0s)."""
    def same(bound: str, version: str) -> bool:
        return re.sub(r"(\.0)+$", "", bound) == re.sub(r"(\.0)+$", "", version)

    return [f"pyproject.toml: {name} >= {bound}, but the oldest leg runs {oldest[name]}"
            for name, bound in lower_bounds(pyproject).items() if not same(bound, oldest[name])]


def readme_problems(readme: str, checked: dict[str, str], numpy_min: str) -> list[str]:
    wanted = [f"PyTorch {checked['torch_min']}–{checked['torch_max']}",
              f"Python {checked['python_min']}–{checked['python_max']}",
              f"numpy {numpy_min} or newer"]
    text = " ".join(readme.split())
    return [f"README does not say {phrase!r}" for phrase in wanted if phrase not in text]


def test_pyproject_lower_bounds_are_the_oldest_leg():
    oldest = version_matrix().leg("oldest")
    assert bound_problems((ROOT / "pyproject.toml").read_text(encoding="utf-8"), oldest) == []


def test_readme_states_the_checked_range():
    matrix = version_matrix()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_problems(readme, matrix.checked_range(), matrix.leg("oldest")["numpy"]) == []


@pytest.mark.parametrize("old, new", [('"torch>=', '"torch>=1.'), ('">=3.', '">=3.1'), ('"numpy>=', '"numpy>=0.')])
def test_bound_check_catches_a_wider_range(old, new):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert old in text
    assert len(bound_problems(text.replace(old, new, 1), version_matrix().leg("oldest"))) == 1


def test_readme_check_catches_a_stale_range():
    matrix = version_matrix()
    checked = {**matrix.checked_range(), "torch_max": "9.9.9"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme_problems(readme, checked, matrix.leg("oldest")["numpy"])) == 1
