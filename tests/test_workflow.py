"""The GitHub workflows (pages.yml: test, audit, version matrix, publish; drift.yml: the weekly check on the
newest torch; release.yml: the package to PyPI), Dependabot's config and .ci/run, held to this repository's own
rules (the linters, actionlint and zizmor, are the `.ci/steps.sh lint` step).

A workflow's shape (SHAPES) says what its jobs must say, written like the workflow; a job's steps are keyed by
command or action and listed in order, so a shape fixes every step the job runs."""

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import version_matrix

ROOT = Path(__file__).resolve().parent.parent
PAGES, DRIFT, RELEASE = (ROOT / ".github" / "workflows" / name for name in ("pages.yml", "drift.yml", "release.yml"))
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
ABSENT = "ABSENT"  # in a shape: the key must not be there
TEST_STEPS = [".ci/steps.sh install", ".ci/steps.sh lint", ".ci/steps.sh test", ".ci/steps.sh build"]
# The version matrix's jobs, the same in pages.yml and release.yml (pages.yml caches pip too).
MATRIX = r"""
  legs:
    outputs: {legs: "${{ steps.legs.outputs.legs }}"}
    order: [actions/checkout, .ci/steps.sh legs]
    steps: {.ci/steps.sh legs: {id: legs}}
  lessons:
    needs: legs
    strategy: {matrix: {include: "${{ fromJSON(needs.legs.outputs.legs) }}"}}
    env: {LEG: "${{ matrix.leg }}"}
    order: [actions/checkout, actions/setup-python, CACHE.ci/steps.sh lessons]
    steps: {actions/setup-python: {with: {python-version: "${{ matrix.python }}\n3.11\n"}}}
"""
SHAPES = {PAGES: r"""
jobs:
  test:
    container: {image: "python:PINNED-bookworm"}
    env:
      SITE_URL: https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/
      REPO_URL: ${{ github.server_url }}/${{ github.repository }}
    order: [actions/checkout, actions/setup-node, actions/cache, TEST_STEPS, .ci/steps.sh audit,
            actions/upload-pages-artifact]
    steps:
      actions/cache:
        with: {key: "pip-${{ runner.os }}-py3.11-${{ hashFiles('.ci/constraints.txt', 'pyproject.toml') }}"}
      actions/upload-pages-artifact: {if: ON_MAIN, with: {path: site}}
  published:
    if: ON_MAIN
    order: [actions/checkout, .ci/steps.sh published]
  deploy:
    needs: [test, lessons, published]
    if: ON_MAIN
    environment: {name: github-pages}
    concurrency: {group: pages, cancel-in-progress: false}
    order: [actions/deploy-pages]
""" + MATRIX.replace("CACHE", "actions/cache, "), DRIFT: r"""
"on": {schedule: [{cron: "23 4 * * 1"}]}
jobs:
  check:
    container: {image: "python:NEWEST-bookworm"}
    outputs: {diff: "${{ steps.drift.outputs.diff }}"}
    order: [actions/checkout, .ci/steps.sh drift]
    steps: {.ci/steps.sh drift: {id: drift}}
  report:
    needs: check
    if: failure()
    order: [actions/checkout, .ci/steps.sh report-drift]
    steps:
      .ci/steps.sh report-drift: {env: {GH_TOKEN: "${{ github.token }}", DIFF: "${{ needs.check.outputs.diff }}"}}
""", RELEASE: r"""
triggers: [push]
"on": {push: {tags: [v*], branches: ABSENT}}
publishers: [publish]
reads secrets: false
jobs:
  test:
    order: [actions/checkout, actions/setup-node, TEST_STEPS]
  dist:
    order: [actions/checkout, .ci/steps.sh dist, actions/upload-artifact]
    steps:
      .ci/steps.sh dist: {env: {RELEASE_TAG: "${{ github.ref_name }}"}}
      actions/upload-artifact: {with: {path: dist/}}
  publish:
    needs: [test, lessons, dist]
    environment: {name: pypi}
    order: [actions/download-artifact, pypa/gh-action-pypi-publish]
    steps: {pypa/gh-action-pypi-publish: {with: ABSENT}}
""" + MATRIX.replace("CACHE", "")}


def workflow(text: str) -> dict:
    """The workflow, with each job's steps keyed by command or action and listed in ``order``."""
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, None) or data.get("on")  # YAML 1.1 reads a bare `on` as true
    data["triggers"], data["reads secrets"] = list(data["on"]), "secrets." in text
    for job in data["jobs"].values():
        steps = job.get("steps", [])
        job["order"] = [str(s["run"]).strip() if "run" in s else s["uses"].split("@")[0] for s in steps]
        job["steps"] = dict(zip(job["order"], steps))
    data["publishers"] = [name for name, job in data["jobs"].items() if "pypa/gh-action-pypi-publish" in job["steps"]]
    return data


def differences(want, have, where: str = "") -> list[str]:
    """Where ``have`` breaks ``want``: a mapping's keys hold what ``want`` says (more may be there); all else equal."""
    if isinstance(want, dict) and isinstance(have, dict):
        return [d for key, value in want.items() for d in differences(value, have.get(key, ABSENT), f"{where}.{key}")]
    return [] if want == have else [f"{where or 'the workflow'}: {have!r}, not {want!r}"]


def shape(text: str, path: Path) -> list[str]:
    legs = version_matrix().LEGS
    wanted = (SHAPES[path].replace("ON_MAIN", ON_MAIN).replace("TEST_STEPS", ", ".join(TEST_STEPS))
              .replace("PINNED", legs["pinned"]["python"]).replace("NEWEST", legs["newest"]["python"]))
    return differences(yaml.safe_load(wanted), workflow(text))


# The only jobs that write, and what: (workflow name, job) -> permissions written.
WRITES = {("pages", "deploy"): {"pages", "id-token"}, ("drift", "report"): {"issues"},
          ("release", "publish"): {"id-token"}, ("release", "github-release"): {"contents"}}


def least_privilege(text: str, path: Path) -> list[str]:
    data = workflow(text)
    problems = [] if data.get("permissions") in ({}, {"contents": "read"}) else \
        [f"top-level permissions are not read-only: {data.get('permissions', ABSENT)!r}"]
    for name, job in data["jobs"].items():
        perms = job.get("permissions") or {}
        writes = {k for k, v in perms.items() if v == "write"} if isinstance(perms, dict) else perms
        if writes != WRITES.get((data["name"], name), set()):
            problems.append(f"job {name!r} writes {writes!r}, not {WRITES.get((data['name'], name), 'nothing')}")
    return problems


def pins_name_their_version(text: str, path: Path) -> list[str]:
    """Each action pinned by SHA (zizmor holds them to that) says its version, which Dependabot updates."""
    return [f"no '# vX' after the pin: {line.strip()}" for line in text.splitlines()
            if re.match(r"\s*(- )?uses: [^.]", line) and not re.search(r"@[0-9a-f]{40} # v\d", line)]


def checkout_without_credentials(text: str, path: Path) -> list[str]:
    return [f"job {name!r}: checkout without persist-credentials: false" for name, job in workflow(text)["jobs"].items()
            if "actions/checkout" in job["steps"]
            and job["steps"]["actions/checkout"].get("with", {}).get("persist-credentials") is not False]


RULES = [shape, least_privilege, pins_name_their_version, checkout_without_credentials]


@pytest.mark.parametrize("path", SHAPES, ids=lambda p: p.name)
def test_workflow_keeps_the_rules(path):
    text = path.read_text(encoding="utf-8")
    assert [p for rule in RULES for p in rule(text, path)] == []


def test_dependabot_updates_the_pins_and_the_actions():
    updates = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))["updates"]
    assert {("pip", "/.ci"), ("github-actions", "/")} <= {(u["package-ecosystem"], u["directory"]) for u in updates}


def test_legs_step_lists_every_leg_but_the_pinned():
    """`legs` (the workflows' job matrix) runs every leg of .ci/matrix.py that `test` does not."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_OUTPUT"}  # without it, the step prints them
    run = subprocess.run(["bash", ".ci/steps.sh", "legs"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    key, _, value = run.stdout.strip().partition("=")
    assert (run.returncode, key) == (0, "legs"), run.stderr
    legs = version_matrix().LEGS
    assert yaml.safe_load(value) == [{"leg": n, "python": legs[n]["python"]} for n in legs if n != "pinned"]


def test_ci_run_runs_the_workflows_steps():
    """.ci/run (CI on a clean clone) runs the steps of pages.yml's test job in order, then every
    leg of the version matrix but the pinned, which is that suite."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    runs = [line.strip() for line in text.splitlines() if line.startswith(".ci/steps.sh")]
    first = TEST_STEPS + [".ci/steps.sh audit"]
    assert runs[:len(first)] == first
    assert sorted(runs[len(first):]) == sorted(f".ci/steps.sh lessons {leg}" for leg in version_matrix().LEGS
                                               if leg != "pinned")


# Each mutation breaks a workflow in one way (old -> new); the named rule must catch it.
MUTATIONS = [  # one for each kind of thing a shape says, and for each other rule
    (PAGES, shape, "needs: [test, lessons, published]", "needs: [test, published]"),  # deploy before the matrix
    (PAGES, shape, "          path: site\n", "          path: site\n      - run: .ci/steps.sh audit\n"),  # upload first
    (PAGES, shape, "run: .ci/steps.sh build", "run: .venv/bin/mkdocs build --strict"),  # an inline script
    (PAGES, shape, "      - if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n        uses: "
                   "actions/upload-pages-artifact", "      - uses: actions/upload-pages-artifact"),  # upload from PRs
    (PAGES, shape, "            ${{ matrix.python }}\n", ""),  # a leg on the runner's Python
    (PAGES, least_privilege, "name: Test and build\n", "name: Test and build\n    permissions: {pages: write}\n"),
    (PAGES, pins_name_their_version, " # v4.3.0\n", "\n"),
    (PAGES, checkout_without_credentials, "persist-credentials: false", "persist-credentials: true"),
    (DRIFT, shape, "  schedule:\n    - cron: \"23 4 * * 1\" # Mondays, 04:23 UTC\n", ""),
    (DRIFT, shape, "image: python:3.13-bookworm", "image: python:3.12-bookworm"),  # not the newest leg's
    (DRIFT, least_privilege, "permissions: {}", "permissions:\n  issues: write"),
    (RELEASE, shape, "on:\n  push:\n", "on:\n  pull_request:\n  push:\n"),
    (RELEASE, shape, 'tags: ["v*"]', 'tags: ["v*"]\n    branches: [main]'),
    (RELEASE, shape, "# v1.8.14\n", "# v1.8.14\n        with:\n          password: ${{ secrets.PYPI_TOKEN }}\n"),
    (RELEASE, shape, "      - run: .ci/steps.sh test\n", ""),  # fewer tests than pages.yml
    (RELEASE, shape, "      - run: .ci/steps.sh dist\n", "      - run: .ci/steps.sh dist\n      - uses: "
                     "pypa/gh-action-pypi-publish@81e9d935c883d0b210363ab89cf05f3894778450 # v1.8.14\n"),
    (RELEASE, least_privilege, "      id-token: write # to", "      contents: write\n      id-token: write # to"),
    (RELEASE, least_privilege, "permissions:\n  contents: read", "permissions: write-all"),
]


@pytest.mark.parametrize("path, rule, old, new", MUTATIONS, ids=[f"{m[0].stem}-{m[1].__name__}-{i}"
                                                                 for i, m in enumerate(MUTATIONS)])
def test_rule_catches(path, rule, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the mutation {old!r} no longer applies to {path.name}; update it"
    assert rule(text.replace(old, new, 1), path), f"{rule.__name__} missed {new!r}"
