"""Doc tooling of the site: Sybil checker, page walker, notebook generator, MkDocs hooks.

Not part of the reader's package ``tutorial_pkg``; nothing here is published.
"""
