"""The one place the doc tooling relies on mkdocs-material's internals (written for 9.x; pyproject bounds it).

Material's search plugin parses every page's HTML again on each build to index it (half a second
of a rebuild under ``mkdocs serve``): ``memoize_search`` keeps each page's index entries.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path


def _toc(items) -> tuple:
    return tuple((item.title, item.url, _toc(item.children)) for item in items)


def _memoized(add_entry_from_context, size: int = 64):  # every page of both languages, and a few edits' worth
    """``SearchIndex.add_entry_from_context(page)``, which appends a page's entries to the
    index's ``entries``: the entries it appended are remembered and appended again for the same page."""
    results: dict = {}

    def memo(index, page):
        key = (page.content, page.url, _toc(page.toc), str(page.title), repr(page.meta), repr(index.config))
        if key not in results:
            if len(results) >= size:  # the oldest goes
                del results[next(iter(results))]
            start = len(index.entries)
            add_entry_from_context(index, page)
            results[key] = copy.deepcopy(index.entries[start:])
        else:
            index.entries.extend(copy.deepcopy(results[key]))

    memo.memoized = True
    return memo


def memoize_search() -> None:
    from material.plugins.search.plugin import SearchIndex

    if not getattr(SearchIndex.add_entry_from_context, "memoized", False):
        SearchIndex.add_entry_from_context = _memoized(SearchIndex.add_entry_from_context)


def search_pipeline(config, language: str) -> list[str]:
    """The lunr pipeline Material's search uses for ``language``, from its translations (what its
    search plugin reads for the theme's language, ``search.config.pipeline``)."""
    template = config.theme.get_env().get_template(f"partials/languages/{language}.html")
    return [step for step in re.split(r"\s*,\s*", template.module.t("search.config.pipeline")) if step]


# Search on demand: Material starts its search worker (and the lunr scripts it imports, 46 KB)
# on every page load. A stand-in worker answers the index message (0) with "ready" (1) and
# loads Material's worker on the first query (2) that is not empty (the page sends "" on load),
# hands it the index, waits for its "ready", then passes it the latest query; its results (3)
# and all later messages go straight through (search_on_demand.js, beside this module).
_WORKER = re.compile(r"(assets/javascripts/workers/)search\.[0-9a-f]+\.min\.js")
ON_DEMAND = "search-on-demand.js"


def search_on_demand(html: str) -> str:
    """A built page's HTML, its search worker the stand-in ``write_search_on_demand`` writes."""
    return _WORKER.sub(rf"\g<1>{ON_DEMAND}", html)


def write_search_on_demand(site_dir: str) -> None:
    """The stand-in worker, beside Material's in the built site."""
    workers = Path(site_dir, "assets", "javascripts", "workers")
    worker = next(workers.glob("search.*.min.js")).name
    script = Path(__file__).with_name("search_on_demand.js").read_text(encoding="utf-8")
    (workers / ON_DEMAND).write_text(script.replace("WORKER", worker), encoding="utf-8")
