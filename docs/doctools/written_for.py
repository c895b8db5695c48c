"""The adapters' version check, one message for all: an adapter names the versions of its library
it was written for, and another version fails the build there, naming the adapter, those
versions and the one found, instead of somewhere else with an AttributeError or a wrong page."""

from __future__ import annotations


def require(adapter: str, library: str, written_for: str | tuple[str, ...], found: str) -> None:
    """Fail unless ``found`` starts with ``written_for`` (a version prefix such as ``"1.6."``,
    or several); ``adapter`` is the adapter module's ``__name__``."""
    prefixes = (written_for,) if isinstance(written_for, str) else written_for
    if not found.startswith(prefixes):
        raise RuntimeError(f"docs/doctools/{adapter.rsplit('.', 1)[-1]}.py was written for {library} "
                           f"{' and '.join(prefix + 'x' for prefix in prefixes)} and relies on its internals; "
                           f"found {found}: check and update it")
