"""MkDocs hook: a 404 page in each language, its language switch and its head's alternates leading to
each home page (a missing page has no twin).

GitHub Pages serves the root 404.html for every missing path: each 404 page holds every language's
message and shows the one whose home (``not_found_homes``) the path is under. The i18n plugin
builds English inside the Chinese build, in the same site_dir: English's 404 goes to en/404.html.
"""

from pathlib import Path
from urllib.parse import urlsplit

from . import i18n_adapter, seo


def on_template_context(context, template_name, config, **kwargs):
    if template_name != "404.html":
        return context
    i18n_adapter.switch_to_homes(config)
    homes = i18n_adapter.language_homes(config)
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    context["not_found_homes"] = {lang: root + home for lang, home in homes.items()}
    if (language := i18n_adapter.current_language(config)) is not None and config.site_url:
        context["seo"] = seo.head(config, language, config.site_name, config.site_description,
                                  seo.absolute(config, homes[language] + "404.html"), homes, None, canonical=False)
    return context


def on_post_template(output, template_name, config, **kwargs):
    if template_name != "404.html" or i18n_adapter.is_default_language_build(config):
        return output
    # Not the default language: its 404 goes to <lang>/404.html, the root one is kept.
    target = Path(config.site_dir) / i18n_adapter.current_language(config) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty template
