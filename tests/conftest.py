import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import torch

from helpers import REPO_URL  # not in conftest: docs/ has a conftest too, and one module name
from tutorial_pkg import load_data

ROOT = Path(__file__).resolve().parents[1]
# The test site's own URL: a name Chromium resolves to the site's local server (tests/browser.py),
# so that the site's absolute links work as on the real host, and a secure context as https is.
SITE_URL = "http://site.localhost/"


@pytest.fixture
def data() -> tuple[torch.Tensor, torch.Tensor]:
    return load_data()


def _needs_site(item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


# The longest files start first among those that need the site (one on each worker), so that
# neither worker is left alone with one of them at the end.
LONGEST = ("test_reading.py", "test_explorer.py")


def pytest_collection_modifyitems(items):
    # The files whose tests need the built site run last, so that the build (started with
    # the first test, below) goes on while the workers run everything else.
    needs = {item.path for item in items if _needs_site(item)}
    items.sort(key=lambda item: (item.path in needs, item.path.name not in LONGEST))  # stable


@pytest.fixture(scope="session", autouse=True)
def _site_build(request, tmp_path_factory):
    """The build of the site, started in the background with the session's first test when
    any test needs it; ``built_site`` waits for it."""
    if not any(_needs_site(item) for item in request.session.items):
        yield None
        return
    with ThreadPoolExecutor(1) as pool:
        yield pool.submit(_shared_build, tmp_path_factory)


@pytest.fixture(scope="session")
def built_site(_site_build) -> Path:
    """The site as `mkdocs build --strict` makes it, built once per test session (under
    pytest-xdist, by the first worker to start it, while the other waits for it)."""
    return _site_build.result()


def _shared_build(tmp_path_factory) -> Path:
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return _build(tmp_path_factory.mktemp("site"))
    return _build_once(Path(os.environ.get(SHARED) or tmp_path_factory.getbasetemp().parent))


def _build_once(shared: Path) -> Path:
    """The site in ``shared``, built by the first process to get there while the others wait for it."""
    from filelock import FileLock

    site = shared / "site"
    with FileLock(str(site) + ".lock"):
        if not (shared / "site.built").exists():
            _build(site)
            (shared / "site.built").touch()
    return site


# The folder a whole run's controller builds the site into (see pytest_sessionstart).
SHARED = "TUTORIAL_TEST_SITE"


def pytest_sessionstart(session):
    """The README's run (the whole suite, on xdist workers) starts the build in its controller at once, so
    that it goes on while the workers start and collect (~7 s on 2 cores); tests needing the site wait for it.
    The controller does not collect, so it cannot ask which tests need the site: a run of chosen files, or
    of the reader proof (``-m reader``: no site), builds when a test asks, as under ``-n 0``."""
    config = session.config
    if (config.getoption("dist", "no") == "no" or hasattr(config, "workerinput")
            or config.args_source is not pytest.Config.ArgsSource.TESTPATHS
            or "not reader" not in config.option.markexpr):
        return
    shared = Path(tempfile.mkdtemp(prefix="tutorial-site-"))
    os.environ[SHARED] = str(shared)  # xdist starts the workers after this hook: they inherit it

    def build() -> None:
        with contextlib.suppress(AssertionError):  # a worker then builds again and fails with the error
            _build_once(shared)

    builder = threading.Thread(target=build, daemon=True)
    builder.start()
    config.add_cleanup(lambda: (builder.join(), shutil.rmtree(shared, ignore_errors=True)))


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site, served on 127.0.0.1 for the whole session, as its own URL (SITE_URL)."""
    from browser import serve

    with serve(built_site) as base:
        yield base


def _build(site: Path) -> Path:
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "REPO_URL": REPO_URL, "SITE_URL": SITE_URL})
    assert run.returncode == 0, run.stderr[-3000:]
    return site
