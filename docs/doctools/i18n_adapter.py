"""The one place the doc tooling reads mkdocs-static-i18n's internals (written for 1.3.x; pyproject
bounds it): the language being built, the language switch of a page without a twin, the files its
sitemap lists, and the attributes it sets on each file; it has no public API for them.
"""


def plugin(config):
    return config.plugins.get("i18n")  # None when the build has no i18n plugin


def current_language(config) -> str | None:
    return None if (i18n := plugin(config)) is None else i18n.current_language


def language_homes(config) -> dict[str, str]:
    """Each built language's home, relative to site_url, the default language first."""
    langs = sorted(plugin(config).config.languages, key=lambda lang: not lang.default)
    return {lang.locale: (lang.link or "/").lstrip("/") for lang in langs if lang.build}


def is_default_language_build(config) -> bool:
    return (i18n := plugin(config)) is None or i18n.is_default_language_build


def all_languages_built(config) -> bool:
    """After the plugin's ``on_post_build`` of the outer build: every language's pages built
    (the plugin builds the others inside it, each with its own ``on_post_build``)."""
    return (i18n := plugin(config)) is None or not i18n.building


def switch_to_homes(config) -> None:
    """Make the language switch of the template being rendered lead to each language's home
    page (for a page without a twin). The plugin sets the switch both as an item of
    ``extra`` and as an attribute, which Jinja reads first: both change."""
    import copy

    if (i18n := plugin(config)) is not None and i18n.extra_alternate:
        config.extra["alternate"] = copy.deepcopy(i18n.extra_alternate)
        config.extra.alternate = config.extra["alternate"]


def record_pages(config, files) -> None:
    """Make the sitemap list ``files``' pages, added after the plugin recorded its own."""
    if (i18n := plugin(config)) is not None:
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()


def copy_language(source, target, twin_url) -> None:
    """Give ``target`` (a file the plugin did not make) ``source``'s language and twins, the
    twin of ``source`` in each language mapped to a URL by ``twin_url``."""
    from types import SimpleNamespace

    for attribute in ("locale", "locale_alternate_of", "localization"):  # what the plugin sets on each file
        setattr(target, attribute, getattr(source, attribute, None))
    target.norm_src_uri = target.src_uri.split("/", 1)[-1]
    target.alternates = {lang: SimpleNamespace(page=None, url=twin_url(twin.url))
                         for lang, twin in getattr(source, "alternates", {}).items()}


def twin_urls(file) -> dict[str, str]:
    """The URL of ``file``'s twin in each language the plugin found one in (itself included)."""
    return {lang: twin.url for lang, twin in getattr(file, "alternates", {}).items()}


def page_language(page, config) -> str:
    """The language of ``page``'s words: its file's (set by the plugin), else the theme's."""
    return getattr(page.file, "locale", None) or config.theme["language"]
