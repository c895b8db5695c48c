"""MkDocs hook: a copy of the sitemap beside every page.

Material fetches sitemap.xml relative to each <link rel="alternate"> of a page; the i18n
plugin points those at the twin page (glossary/ <-> en/glossary/), but writes one sitemap, at
the root. Without a copy beside each page every page logs two 404s.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def on_post_build(config, **kwargs) -> None:
    site = Path(config.site_dir)
    if (site / "sitemap.xml").exists():
        for index in site.rglob("index.html"):
            if not (index.parent / "sitemap.xml").exists():
                shutil.copyfile(site / "sitemap.xml", index.parent / "sitemap.xml")
