"""The release workflow: linted by actionlint and zizmor, and held to the rules of publishing.

A release publishes only from a pushed version tag, only after the tests pass and the tag is the
version just built, only by trusted publishing from the pypi environment; only the job that needs
a write permission has it. Each rule returns the problems it finds; the mutations at the bottom
prove that every rule (and each linter) fails on a workflow that breaks it.
"""

from pathlib import Path

import pytest
from test_workflow import (_load, _read_only, _steps, actionlint_findings, actions_pinned,
                           checkout_without_credentials, mutation_caught, zizmor_findings)

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
PUBLISH_ACTION = "pypa/gh-action-pypi-publish@"
# The one write permission each job may hold; every other job reads only.
WRITES = {"publish": {"id-token"}, "github-release": {"contents"}}


def _on(data: dict) -> dict:
    return data.get("on", data.get(True)) or {}  # YAML 1.1 reads a bare `on:` as True


def only_version_tags(text: str) -> list[str]:
    on = _on(_load(text))
    if set(on) != {"push"}:
        return [f"triggered by {sorted(on)!r}, not only by a push (never a pull request)"]
    push = on["push"] or {}
    problems = [] if set(push) == {"tags"} else [f"push filters {sorted(push)!r}, not only tags"]
    if push.get("tags") != ["v*"]:
        problems.append(f"tags {push.get('tags')!r}, not ['v*']")
    return problems


def least_privilege(text: str) -> list[str]:
    data = _load(text)
    problems = [] if _read_only(data.get("permissions", "missing")) else [
        f"top-level permissions are not read-only: {data.get('permissions')!r}"]
    for name, job in data["jobs"].items():
        perms = job.get("permissions")
        if name in WRITES:
            writes = {k for k, v in perms.items() if v == "write"} if isinstance(perms, dict) else perms
            if writes != WRITES[name]:
                problems.append(f"job {name!r} must have exactly {WRITES[name]} write, has {perms!r}")
        elif perms is not None and not _read_only(perms):
            problems.append(f"job {name!r} asks for write permissions: {perms!r}")
    return problems


def publish_after_tests_by_oidc(text: str) -> list[str]:
    data = _load(text)
    publish = data["jobs"].get("publish") or {}
    needs = publish.get("needs") or []
    needs = [needs] if isinstance(needs, str) else needs
    problems = [f"publish needs {needs!r}, not test, lessons and dist"] if not {"test", "lessons", "dist"} <= set(needs) else []
    if (publish.get("environment") or {}).get("name") != "pypi":
        problems.append("publish is not in the pypi environment")
    uses = [s for s in publish.get("steps", []) if str(s.get("uses", "")).startswith(PUBLISH_ACTION)]
    if len(uses) != 1:
        problems.append(f"publish does not use {PUBLISH_ACTION} exactly once")
    for job, step in _steps(data):
        if str(step.get("uses", "")).startswith(PUBLISH_ACTION) and job != "publish":
            problems.append(f"job {job!r} publishes too")
        if {"password", "user"} & set(step.get("with") or {}):
            problems.append(f"job {job!r} hands the publisher a stored credential")
    if "secrets." in text:
        problems.append("the workflow reads a stored secret")
    return problems


def tag_is_the_version(text: str) -> list[str]:
    data = _load(text)
    runs = [(str(s.get("run", "")).strip(), s.get("env") or {}) for s in data["jobs"].get("dist", {}).get("steps", [])]
    if (".ci/steps.sh dist", {"RELEASE_TAG": "${{ github.ref_name }}"}) not in runs:
        return ["job 'dist' does not run .ci/steps.sh dist with RELEASE_TAG from the pushed tag"]
    uploads = [s for s in data["jobs"]["dist"]["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    return [] if uploads and (uploads[0].get("with") or {}).get("path") == "dist/" else ["job 'dist' uploads no dist/"]


def same_tests_as_pages(text: str) -> list[str]:
    """The suite, and the version matrix from .ci/matrix.py, as pages.yml runs them."""
    jobs = _load(text)["jobs"]
    problems = []
    for job, wanted in (("test", [".ci/steps.sh install", ".ci/steps.sh test", ".ci/steps.sh build"]),
                        ("legs", [".ci/steps.sh legs"]), ("lessons", [".ci/steps.sh lessons"])):
        runs = [str(s["run"]).strip() for s in (jobs.get(job) or {}).get("steps", []) if "run" in s]
        if runs != wanted:
            problems.append(f"job {job!r} runs {runs!r}, not {wanted!r}")
    matrix = str(((jobs.get("lessons") or {}).get("strategy") or {}).get("matrix", {}))
    if "needs.legs.outputs.legs" not in matrix:
        problems.append("job 'lessons' does not take its legs from .ci/matrix.py (job 'legs')")
    return problems


RULES = [only_version_tags, least_privilege, publish_after_tests_by_oidc, tag_is_the_version,
         same_tests_as_pages, actions_pinned, checkout_without_credentials]


def test_actionlint_passes():
    findings = actionlint_findings(WORKFLOW)
    assert not findings, f"actionlint findings:\n{findings}"


def test_zizmor_passes():
    findings = zizmor_findings(WORKFLOW)
    assert not findings, f"zizmor findings:\n{findings}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_rule(rule):
    problems = rule(WORKFLOW.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


# Each mutation breaks the real workflow in one way; the named rule must catch it.
MUTATIONS = {
    "pull requests": ("only_version_tags", "on:\n  push:\n", "on:\n  pull_request:\n  push:\n"),
    "branch pushes": ("only_version_tags", 'tags: ["v*"]', 'tags: ["v*"]\n    branches: [main]'),
    "any tag": ("only_version_tags", 'tags: ["v*"]', 'tags: ["*"]'),
    "write-all": ("least_privilege", "permissions:\n  contents: read", "permissions: write-all"),
    "id-token in dist": ("least_privilege", "    name: Build the wheel and sdist; the tag must be their version\n",
                         "    name: Build the wheel and sdist; the tag must be their version\n    permissions:\n      id-token: write\n"),
    "publish without id-token": ("least_privilege", "      id-token: write # to prove", "      id-token: read # to prove"),
    "contents write on publish": ("least_privilege", "      id-token: write # to prove", "      contents: write\n      id-token: write # to prove"),
    "publish without tests": ("publish_after_tests_by_oidc", "needs: [test, lessons, dist]", "needs: [dist]"),
    "publish without the matrix": ("publish_after_tests_by_oidc", "needs: [test, lessons, dist]", "needs: [test, dist]"),
    "matrix typed by hand": ("same_tests_as_pages", "include: ${{ fromJSON(needs.legs.outputs.legs) }}", "include: [{leg: newest, python: '3.13'}]"),
    "no environment": ("publish_after_tests_by_oidc", "    environment:\n      name: pypi\n", ""),
    "stored token": ("publish_after_tests_by_oidc", "# v1.8.14\n", "# v1.8.14\n        with:\n          password: ${{ secrets.PYPI_TOKEN }}\n"),
    "tag unchecked": ("tag_is_the_version", "RELEASE_TAG: ${{ github.ref_name }}", "RELEASE_TAG: v0"),
    "fewer tests": ("same_tests_as_pages", "      - run: .ci/steps.sh test\n", ""),
    "unpinned": ("actions_pinned", "pypa/gh-action-pypi-publish@81e9d935c883d0b210363ab89cf05f3894778450", "pypa/gh-action-pypi-publish@release/v1"),
    "credentials kept": ("checkout_without_credentials", "persist-credentials: false", "persist-credentials: true"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_rule_catches(name):
    rule, old, new = MUTATIONS[name]
    assert mutation_caught(WORKFLOW, globals()[rule], old, new), f"{rule} missed: {name}"


def test_linters_catch(tmp_path):
    text = WORKFLOW.read_text(encoding="utf-8")
    path = tmp_path / ".github" / "workflows" / "release.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text.replace("needs: publish", "needs: publsh", 1), encoding="utf-8")
    assert "[ job-needs ]" in actionlint_findings(path)
    path.write_text(text.replace("package-manager-cache: false", "package-manager-cache: true", 1), encoding="utf-8")
    assert "[cache-poisoning]" in zizmor_findings(path)
