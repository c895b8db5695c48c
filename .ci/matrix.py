"""The version matrix, defined once: the torch / numpy / Python legs that ``nox -s lessons`` tests
(noxfile.py), that .github/workflows/pages.yml runs before publishing (``python .ci/matrix.py``
prints them for its job matrix), and that each lesson page's version stamp names
(docs/doctools/stamp.py). Plain literals and the standard library only: it is read by every
Python a leg runs on.

A leg pins its versions, so a green leg proves exactly what the stamp says. ``pinned`` is the
stack the published outputs come from: its versions are those of .ci/constraints.txt, not
typed here a second time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ".ci/constraints.txt"

LEGS = {
    # The oldest torch that passes, on the oldest Python and numpy it and the package support.
    # torch 2.0-2.2 pass too, but only with numpy < 2 (built against numpy 1.x, with numpy 2 their
    # .numpy() raises "Numpy is not available"), which a dependency cannot say; 1.13 has no
    # torch.vmap. Python 3.8 has no functools.cache; numpy 1.19 allows only matplotlib < 3.7,
    # which lacks the figures' legend placement.
    "oldest": {"python": "3.9", "torch": "2.3.0", "numpy": "1.20.3"},
    "pinned": {"python": "3.11", "constraints": CONSTRAINTS},
    # The newest torch release, on the newest Python it supports.
    "newest": {"python": "3.13", "torch": "2.15.0", "numpy": "2.5.5"},
}


def _pin(name: str, constraints: str = CONSTRAINTS) -> str:
    text = (ROOT / constraints).read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==([^\s+]+)", text, re.MULTILINE | re.IGNORECASE)
    if match is None:
        raise ValueError(f"{constraints} pins no {name}")
    return match[1]


def leg(name: str) -> dict[str, str]:
    """The python, torch and numpy versions of one leg (a constraints leg's read from its file)."""
    spec = LEGS[name]
    if "constraints" in spec:
        return {"python": spec["python"], "torch": _pin("torch", spec["constraints"]),
                "numpy": _pin("numpy", spec["constraints"]), "constraints": spec["constraints"]}
    return dict(spec)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def checked_range() -> dict[str, str]:
    """The oldest and newest torch and Python the legs run: what the matrix proves."""
    legs = [leg(name) for name in LEGS]
    torch = sorted((one["torch"] for one in legs), key=_key)
    python = sorted((one["python"] for one in legs), key=_key)
    return {"torch_min": torch[0], "torch_max": torch[-1], "python_min": python[0], "python_max": python[-1]}


if __name__ == "__main__":
    # The workflow's job matrix: one entry per leg (``--except NAME`` leaves that leg out).
    import argparse

    parser = argparse.ArgumentParser(description="The legs of the version matrix as JSON.")
    parser.add_argument("--except", dest="skip", action="append", default=[], choices=list(LEGS))
    args = parser.parse_args()
    print(json.dumps([{"leg": name, "python": LEGS[name]["python"]} for name in LEGS if name not in args.skip]))
