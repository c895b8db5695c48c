"""The one place the doc tooling reads mkdocs-static-i18n's internals (written for 1.3.x).

The plugin has no public API for what the hooks need: which language is being built, the
language switch of a page without a twin, the files its sitemap lists, and the attributes it
sets on each file. Another version fails the build here, with this message, instead of
somewhere else with an AttributeError or, worse, a wrong page.
"""

from __future__ import annotations

from importlib.metadata import version

WRITTEN_FOR = "1.3."
# What the plugin sets on each of its files; a notebook page copies them from its lesson page.
FILE_ATTRIBUTES = ("locale", "locale_alternate_of", "localization")


def plugin(config):
    """The i18n plugin of this build, or None; fails clearly on a version not written for."""
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        found = version("mkdocs-static-i18n")
        if not found.startswith(WRITTEN_FOR):
            raise RuntimeError(f"docs/doctools/i18n_adapter.py was written for mkdocs-static-i18n "
                               f"{WRITTEN_FOR}x and reads its internals; found {found}: check and update it")
    return i18n


def current_language(config) -> str | None:
    i18n = plugin(config)
    return None if i18n is None else i18n.current_language


def language_homes(config) -> dict[str, str]:
    """Each built language's home, relative to site_url, the default language first."""
    langs = sorted(plugin(config).config.languages, key=lambda lang: not lang.default)
    return {lang.locale: (lang.link or "/").lstrip("/") for lang in langs if lang.build}


def is_default_language_build(config) -> bool:
    i18n = plugin(config)
    return i18n is None or i18n.is_default_language_build


def home_switch(config):
    """The language switch that leads to each language's home page (None without i18n)."""
    i18n = plugin(config)
    return None if i18n is None else i18n.extra_alternate


def record_pages(config, files) -> None:
    """Make the sitemap list ``files``' pages, added after the plugin recorded its own."""
    i18n = plugin(config)
    if i18n is not None:
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()


def copy_language(source, target, twin_url) -> None:
    """Give ``target`` (a file the plugin did not make) ``source``'s language and twins, the
    twin of ``source`` in each language mapped to a URL by ``twin_url``."""
    from types import SimpleNamespace

    for attribute in FILE_ATTRIBUTES:
        setattr(target, attribute, getattr(source, attribute, None))
    target.norm_src_uri = target.src_uri.split("/", 1)[-1]
    target.alternates = {lang: SimpleNamespace(page=None, url=twin_url(twin.url))
                         for lang, twin in getattr(source, "alternates", {}).items()}


def file_language(file) -> str | None:
    return getattr(file, "locale", None)
