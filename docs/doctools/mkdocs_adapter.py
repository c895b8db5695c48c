"""The one place the doc tooling relies on MkDocs beyond its documented API (written for 1.6.x):
that MkDocs builds a file as a page when its ``is_documentation_page()`` says so, whatever its
name (a notebook page).
"""

from mkdocs.structure.files import File


class PageFile(File):
    """A file MkDocs builds as a page though its name is not Markdown's, read from
    ``abs_src_path`` (outside docs_dir) and published at ``dest_uri``."""

    def __init__(self, src_uri: str, abs_src_path: str, config, *, dest_uri: str) -> None:
        super().__init__(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=dest_uri)
        self.abs_src_path = abs_src_path  # File computes it from src_uri, once: this value wins

    def is_documentation_page(self) -> bool:
        return True

