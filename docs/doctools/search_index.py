"""MkDocs hook: one search index per language, each searched with that language's pipeline.

The i18n plugin writes one index of both languages, configured for Chinese (whose stemmer leaves
English queries such as "learning*" unmatched). This hook splits it: each language's entries go to
``<home>/search/search_index.json``, configured as Material configures that language, and its pages
tell Material's search that their base is their language's home.
"""

import json
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from . import i18n_adapter, material_adapter

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def on_post_build(config, **kwargs) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not i18n_adapter.all_languages_built(config) or not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    homes = i18n_adapter.language_homes(config)
    docs = {lang: [] for lang in homes}
    for entry in index["docs"]:  # to the language whose home is the longest start of its location
        lang = max((lang for lang, home in homes.items() if entry["location"].startswith(home)),
                   key=lambda lang: len(homes[lang]))
        docs[lang].append({**entry, "location": entry["location"][len(homes[lang]):]})
    for lang, home in homes.items():
        own = dict(index["config"])
        if home:  # not the default language, whose configuration the index already has
            own.update(lang=[lang], pipeline=material_adapter.search_pipeline(config, lang))
        target = Path(config.site_dir) / home / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": own, "docs": docs[lang]}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")


def on_post_page(output: str, page, config, **kwargs) -> str:
    home = i18n_adapter.language_homes(config).get(getattr(page.file, "locale", None) or "")
    if not home:
        return output

    def rebased(m: re.Match) -> str:
        settings = json.loads(m[2])
        settings["base"] = get_relative_url(home, page.url) or "."
        return m[1] + json.dumps(settings).replace("<", "\\u003c") + m[3]  # as Jinja's tojson
    return _CONFIG.sub(rebased, output, count=1)
